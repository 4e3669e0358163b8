"""bench/scale.py's pieces that decide its figures: the power-law fit and projections, the +1% corpus
(the next documents of the generator, the first ones untouched) and the size on disk.  The full run is
a benchmark (minutes), not a test."""
import csv

import pytest

from bench.generate import write_corpus
from bench.generator import generate_corpus
from bench.scale import COLUMNS, add_documents, disk_mb, fit, projections


def test_fit_recovers_a_power_law_and_projects_it():
    xs = [1_000, 3_000, 10_000]
    assert fit(xs, [0.5 * x for x in xs]) == pytest.approx((0.5, 1.0))
    rows = [{"docs": x, **{c: 2e-3 * x ** 1.2 for c in COLUMNS}} for x in xs]
    p = projections(rows)["finalize_s"]
    assert p["exponent"] == pytest.approx(1.2)
    assert p["1e+07"] == pytest.approx(2e-3 * 1e7 ** 1.2)


def test_added_documents_are_the_next_ones_and_leave_the_first_untouched(tmp_path):
    write_corpus(generate_corpus(6, seed=3), tmp_path, gold=False)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.txt")}
    add_documents(tmp_path, 6, 2, seed=3)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.txt") if p.name in before} == before
    longer = list(generate_corpus(8, seed=3))
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == sorted(d.name for d in longer)
    assert (tmp_path / longer[7].name).read_text(encoding="utf-8") == longer[7].text
    with open(tmp_path / "manifest.csv", encoding="utf-8") as f:
        assert [r["file"] for r in csv.DictReader(f)] == [d.name for d in longer]


def test_disk_size_counts_the_database_and_its_companions_only(tmp_path):
    (tmp_path / "g.db").write_bytes(b"x" * 1_000_000)
    (tmp_path / "g.db.wal").write_bytes(b"x" * 500_000)
    (tmp_path / "g.dbx").write_bytes(b"x" * 700_000)
    assert disk_mb(tmp_path / "g.db") == pytest.approx(1.5)
