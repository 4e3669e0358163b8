"""Incremental finalize: after an ingest that adds, replaces or renames a few documents, the
graph equals the one a recomputation of everything gives -- on both stores; and unchanged
means free (no extraction, no finalize)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from policykg.graph.export import canonical_dump
from policykg.graph.derived import finalize
from policykg.ingest import prepare as ingest_prepare
from policykg.ingest.load import discover, load_files

from bench.generate import write_corpus
from bench.generator import generate_corpus

N_FIRST, N_MORE = 60, 8


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("generated")
    write_corpus(generate_corpus(N_FIRST + N_MORE, seed=5), d / "all", gold=False)
    return d / "all"


def corpus_of(tmp_path: Path, generated: Path, names: list[str]) -> Path:
    """A directory holding some of the generated files (with the manifest)."""
    d = tmp_path / "corpus"
    d.mkdir(exist_ok=True)
    (d / "manifest.csv").write_bytes((generated / "manifest.csv").read_bytes())
    for n in names:
        (d / n).write_bytes((generated / n).read_bytes())
    return d


def assert_equals_full_recompute(store) -> None:
    """The graph as the incremental finalize left it == after recomputing everything."""
    before = canonical_dump(store)
    finalize(store)
    assert canonical_dump(store) == before


@pytest.mark.slow
def test_adding_and_replacing_documents_finalizes_incrementally(store, tmp_path, generated):
    names = sorted(p.name for p in generated.glob("*.txt"))
    corpus = corpus_of(tmp_path, generated, names[:N_FIRST])
    first = load_files(store, discover([corpus]))
    assert first.new == N_FIRST and first.finalize["incremental"] is False
    corpus_of(tmp_path, generated, names)  # the next documents arrive
    more = load_files(store, discover([corpus]))
    assert (more.new, more.unchanged) == (N_MORE, N_FIRST)
    assert more.finalize["incremental"] is True and isinstance(more.finalize["align_scope"], dict)
    assert more.finalize["align_scope"]["documents"] < N_FIRST + N_MORE
    assert_equals_full_recompute(store)
    for n in names[3:6]:  # three documents change: a task list cut short
        text = (corpus / n).read_text(encoding="utf-8")
        (corpus / n).write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    changed = load_files(store, discover([corpus]))
    assert changed.replaced + changed.new >= 3 and changed.finalize["incremental"] is True
    assert_equals_full_recompute(store)


def test_unchanged_files_are_neither_extracted_nor_finalized(ladybug_store, tmp_path, generated, monkeypatch):
    names = sorted(p.name for p in generated.glob("*.txt"))[:20]
    corpus = corpus_of(tmp_path, generated, names)
    load_files(ladybug_store, discover([corpus]))
    dump = canonical_dump(ladybug_store)
    touched = corpus / names[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))  # same bytes

    def no_extraction(*a, **k):
        raise AssertionError("an unchanged file was extracted")
    monkeypatch.setattr(ingest_prepare, "extract_file", no_extraction)
    again = load_files(ladybug_store, discover([corpus]))
    assert (again.unchanged, again.new, again.failed) == (20, 0, 0)
    assert again.finalize == {"skipped": "nothing changed"} and canonical_dump(ladybug_store) == dump
    monkeypatch.undo()
    (corpus / names[1]).write_text((corpus / names[1]).read_text(encoding="utf-8") + "\n附件：无\n", encoding="utf-8")
    third = load_files(ladybug_store, discover([corpus]))
    assert third.unchanged == 19 and third.replaced + third.new == 1
