"""Parquet shards and the Dask extraction driver, on real files and a real LocalCluster."""
from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from policykg.graph.export import canonical_dump
from policykg.graph.loader import Prepared
from policykg.ingest.load import discover, extract_and_prepare
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.batch import merge
from policykg.graph.write import write_batch
from policykg.ingest.distributed import make_partitions, run_extract
from policykg.errors import ShardError
from policykg.ingest.shards import DOC_COLUMN, ShardDocument, ShardFailure, file_identity, read_manifests, \
    read_partition, write_partition

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "corpus"


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    shutil.copytree(SAMPLES, d)
    (d / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    return d


def _files(corpus):
    found = discover([corpus])
    return found.files, found.meta


def test_a_partition_round_trips_with_provenance(tmp_path, corpus):
    files, meta = _files(corpus)
    prepared = [extract_and_prepare(str(f), meta.get(f.name)) for f in files]
    docs = [ShardDocument(p.path, p.key, p.sha, p.source, list(p.fingerprint), p.batch)
            for p in prepared if isinstance(p, Prepared)]
    failed = [ShardFailure(p.path, p.reason, p.code) for p in prepared if not isinstance(p, Prepared)]
    inputs = [file_identity(f) for f in files]
    m = write_partition(tmp_path / "shards", "p-test", inputs, docs + failed)
    assert [f.path for f in failed] == [str(corpus / "bad.txt")] and m["failed"][0]["path"] == str(corpus / "bad.txt")
    assert {f["label"] for f in m["files"] if "label" in f} >= {"Document", "Agency", "Task"}
    tasks = pq.read_table(tmp_path / "shards" / "nodes" / "Task" / "p-test.parquet")
    assert {"doc", "span_start", "span_end", "rule", DOC_COLUMN} <= set(tasks.column_names)
    assert m["rows"] == sum(len(d.batch.nodes) + len(d.batch.edges) for d in docs)
    back = read_partition(tmp_path / "shards", read_manifests(tmp_path / "shards")["p-test"])
    assert [len(b.nodes) for b in back] == [len(d.batch.nodes) for d in docs]
    # the rows read back write the same graph as the batches they came from
    dumps = []
    for i, batches in enumerate([[d.batch for d in docs], back]):
        with LadybugStore(tmp_path / f"g{i}.db") as s:
            s.ensure_schema()
            with s.transaction():
                write_batch(s, merge(batches))
            dumps.append(canonical_dump(s))
    assert dumps[0] == dumps[1]


def test_a_changed_shard_file_is_refused(tmp_path, corpus):
    files, meta = _files(corpus)
    good = next(f for f in files if f.name != "bad.txt")
    p = extract_and_prepare(str(good), meta.get(good.name))
    m = write_partition(tmp_path, "p-x", [file_identity(good)],
                        [ShardDocument(p.path, p.key, p.sha, p.source, list(p.fingerprint), p.batch)])
    path = tmp_path / m["files"][0]["path"]
    pq.write_table(pq.read_table(path).slice(0, 0), path)
    with pytest.raises(ShardError, match="differs from the sha256"):
        read_partition(tmp_path, m)
    (tmp_path / m["files"][0]["path"]).unlink()
    with pytest.raises(ShardError, match="missing"):
        read_partition(tmp_path, m)


def test_partitions_are_stable_names_of_their_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative paths: the same cuts on every run
    Path("c").mkdir()
    files = [f"c/{i:04d}.txt" for i in range(300)] + ["c/0149b.txt"]
    for f in files:
        Path(f).write_text("x", encoding="utf-8")
    added = files.pop()
    a, b = make_partitions(files, 10), make_partitions(list(files), 10)
    assert [p.id for p in a] == [p.id for p in b] and [x for p in a for x in p.paths] == files
    assert 15 <= len(a) <= 45 and max(len(p.paths) for p in a) <= 40
    # a file added in the middle changes only the partition it falls in (which it may cut in two)
    more = make_partitions(files[:150] + [added] + files[150:], 10)
    assert 1 <= len({p.id for p in more} - {p.id for p in a}) <= 2 and len(a) - len({p.id for p in a} & {p.id for p in more}) == 1


@pytest.mark.slow
def test_dask_extracts_lists_failures_and_skips_what_is_written(tmp_path, corpus):
    files, meta = _files(corpus)
    out = tmp_path / "shards"
    n = len(make_partitions(files, 3))  # cut where the paths' hashes say: it depends on tmp_path
    r = run_extract(files, out, scheduler="local:2", docs_per_partition=3, metas=meta)
    assert (r.partitions, r.written, r.skipped, r.workers) == (n, n, 0, 2)
    assert r.documents == len(files) - 1 and [f["path"] for f in r.failed] == [str(corpus / "bad.txt")]
    assert "bad.txt" in r.failed[0]["reason"]
    again = run_extract(files, out, scheduler="local:1", docs_per_partition=3, metas=meta)
    assert (again.written, again.skipped, len(again.failed)) == (0, n, 1)
    # a changed input re-extracts its partition only
    changed = next(f for f in files if f.name != "bad.txt")
    before = {d["path"]: d["sha"] for m in read_manifests(out).values() for d in m["documents"]}
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附件:无\n", encoding="utf-8")
    third = run_extract(files, out, scheduler="local:1", docs_per_partition=3, metas=meta)
    assert (third.written, third.skipped) == (1, n - 1)
    after = {d["path"]: d["sha"] for m in read_manifests(out).values() for d in m["documents"]}
    assert {p for p in after if after[p] != before[p]} == {str(changed)}
