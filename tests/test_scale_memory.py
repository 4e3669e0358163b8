"""What keeps a load's memory flat and its write linear (issue 21): blind rows held as Arrow tables
(from shards: slices of the Parquet tables), groups that grow with the rows stored up to a cap, and
the store's page cache a setting."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policykg.config import load_settings
from policykg.graph import loader as loader_mod
from policykg.graph.batch import merge
from policykg.graph.bulk import split_blind
from policykg.graph.columns import Packed
from policykg.graph.loader import DocumentLoader, Prepared
from policykg.graph.stores import open_store
from policykg.ingest.load import discover, drain, extract_and_prepare
from policykg.ingest.shards import (ShardDocument, file_identity, read_manifests, read_partition,
                                    read_partition_packed, write_partition)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "corpus"


def _rows(batch) -> tuple[list, list]:
    """The rows as comparable values (a shard holds every column: a missing value reads back None)."""
    props = lambda p: sorted(((k, v) for k, v in p.items() if v is not None), key=str)  # noqa: E731
    return (sorted((n.label, n.key, props(n.props)) for n in batch.nodes),
            sorted((e.type, e.src, e.dst, props(e.props)) for e in batch.edges))


@pytest.fixture(scope="module")
def prepared() -> list[Prepared]:
    found = discover([SAMPLES])
    out = [extract_and_prepare(str(f), found.meta.get(f.name)) for f in found.files]
    return [p for p in out if isinstance(p, Prepared)]


@pytest.fixture
def shards(tmp_path, prepared) -> Path:
    docs = [ShardDocument(p.path, p.key, p.sha, p.source, list(p.fingerprint), p.batch) for p in prepared]
    write_partition(tmp_path / "shards", "p-test", [file_identity(p.path) for p in prepared], docs)
    return tmp_path / "shards"


def test_packed_shards_hold_the_rows_the_objects_hold(shards, prepared):
    m = read_manifests(shards)["p-test"]
    packed = read_partition_packed(shards, m)
    for (rest, blind), plain, p in zip(packed, read_partition(shards, m), prepared):
        again = blind.batch()
        both = merge([rest, again])
        assert _rows(both) == _rows(merge([plain]))
        assert blind.rows == len(again.nodes) + len(again.edges) > 0
        want_rest, want_blind = split_blind(p.batch)
        assert _rows(rest) == _rows(want_rest) and _rows(again) == _rows(want_blind)


def test_a_blind_row_twice_in_a_shard_is_read_as_objects(tmp_path, prepared):
    p = prepared[0]
    twice = ShardDocument(p.path, p.key, p.sha, p.source, list(p.fingerprint), merge([p.batch]))
    twice.batch.edges.append(next(e for e in p.batch.edges if e.props.get("doc")))  # what merge would fold
    write_partition(tmp_path / "s", "p-dup", [file_identity(p.path)], [twice])
    assert read_partition_packed(tmp_path / "s", read_manifests(tmp_path / "s")["p-dup"]) is None


def test_groups_grow_with_the_rows_stored_up_to_the_cap(ladybug_store, prepared, monkeypatch):
    monkeypatch.setattr(type(ladybug_store), "transaction_rows", 300)
    monkeypatch.setattr(type(ladybug_store), "max_transaction_rows", 2_000)
    sizes = []
    write = DocumentLoader._write
    monkeypatch.setattr(DocumentLoader, "_write", lambda self, g: sizes.append(sum(p.rows for p, _, _ in g))
                        or write(self, g))
    docs = prepared * 1
    summary = drain(DocumentLoader(ladybug_store), [p for p in docs], 0.0, align=False)
    assert summary.new == len(docs) and len(sizes) >= 3
    stored = 0
    for rows in sizes[:-1]:  # each group (but the last) reaches what was stored, at least 300 and at most ~2,000
        assert rows >= min(max(300, stored), 2_000)
        assert rows < 2_000 + max(p.rows for p in docs)
        stored += rows
    assert sizes[1] > sizes[0] or sizes[0] >= 2_000


def test_packed_rows_count_as_objects():
    from policykg.graph.batch import GraphBatch
    b = GraphBatch()
    b.add_node("Document", "D1", title="T", stub=False)
    b.add_node("Task", "D1#T1", text="x", doc="D1")
    b.add_edge("PART_OF", "Task", "D1#T1", "Document", "D1", doc="D1")
    rest, blind = split_blind(b)
    packed = Packed.of(blind)
    assert (len(rest.nodes), packed.node_rows, packed.edge_rows, packed.rows) == (1, 1, 1, 2)
    assert Packed.concat([packed, Packed.of(blind)]).rows == 4


def test_the_page_cache_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKG_BUFFER_POOL_MB", "192")
    monkeypatch.setenv("POLICYKG_MAX_TRANSACTION_ROWS", "900000")
    store = open_store(load_settings(db_path=str(tmp_path / "g.db")))
    try:
        mem = store.memory()
        assert (mem["buffer_pool_mb"], mem["max_transaction_rows"]) == (192, 900_000)
    finally:
        store.close()
    assert loader_mod.FULL_FINALIZE_SHARE == 0.25
    shutil.rmtree(tmp_path / "g.db", ignore_errors=True)
