"""Bulk writes (LadybugDB COPY, Neo4j large CREATE statements, neo4j-admin import) give the
graph of the row statements, and keep their transaction semantics."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from policykg.errors import PolicyKGError
from policykg.graph.batch import GraphBatch
from policykg.graph.columns import batch_tables, node_table
from policykg.graph.export import canonical_dump, write_csv
from policykg.graph.derived import finalize
from policykg.graph.loader import Prepared
from policykg.ingest.load import discover, extract_and_prepare
from policykg.graph.bulk import plan_for
from policykg.servers import neo4j_admin
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.batch import merge
from policykg.graph.write import write_batch, write_rows

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "corpus"
REPRO = ROOT / "tools" / "repro"


@pytest.fixture(scope="module")
def prepared() -> list[Prepared]:
    found = discover([SAMPLES])
    out = [extract_and_prepare(str(f), found.meta.get(f.name)) for f in found.files]
    assert all(isinstance(p, Prepared) for p in out)
    return out


def write_groups(store, prepared, writer, size: int) -> None:
    for i in range(0, len(prepared), size):
        with store.transaction():
            writer(store, merge([p.batch for p in prepared[i:i + size]]))


def reference(tmp_path, prepared, size: int) -> dict:
    with LadybugStore(tmp_path / f"ref{size}.db") as ref:
        ref.ensure_schema()
        write_groups(ref, prepared, write_rows, size)
        return canonical_dump(ref)


def bulk(store, batch):
    """Every batch written in bulk, whatever its size (LadybugDB: every new row through COPY)."""
    return write_batch(store, batch, bulk=True)


@pytest.mark.slow
@pytest.mark.parametrize("size", [1, 3, 6])
def test_bulk_writes_give_the_graph_of_the_row_statements(store, tmp_path, prepared, size):
    write_groups(store, prepared, bulk, size)
    assert canonical_dump(store) == reference(tmp_path, prepared, size)


def test_a_large_batch_is_written_in_bulk_a_small_one_row_by_row(ladybug_store, prepared, monkeypatch):
    batch = merge([p.batch for p in prepared])
    copied = []
    monkeypatch.setattr(type(ladybug_store), "copy_nodes", lambda s, lbl, nodes, table=None: copied.append(lbl) or False)
    with ladybug_store.transaction():
        assert write_batch(ladybug_store, merge([prepared[0].batch])) == (len(prepared[0].batch.nodes),
                                                                          len(prepared[0].batch.edges))
    assert copied == []  # a few hundred rows: row statements
    monkeypatch.setattr(type(ladybug_store), "bulk_min_rows", len(batch.nodes) + len(batch.edges))
    ladybug_store.clear()
    with ladybug_store.transaction():
        assert write_batch(ladybug_store, batch) == (len(batch.nodes), len(batch.edges))
    assert "Task" in copied


def test_bulk_counts_rows_as_the_row_statements_do(ladybug_store, tmp_path, prepared):
    batch = merge([p.batch for p in prepared])
    with ladybug_store.transaction():
        plan = plan_for(ladybug_store, batch)
        n, e = bulk(ladybug_store, batch)
    assert (n, e) == (len(batch.nodes), len(batch.edges))
    assert plan.counts()["upsert_nodes"] == 0 and plan.counts()["create_nodes"] == n  # an empty store


@pytest.mark.slow
def test_replacing_a_document_in_one_transaction_with_copy(store, tmp_path, prepared):
    """Delete the old facts and bulk-write the new ones in one transaction: the graph is
    the one of writing the new version alone (after finalize), as with write_batch."""
    write_groups(store, prepared, bulk, 3)
    old = prepared[1]
    changed = Prepared(old.path, old.key, "other", old.source, old.fingerprint, GraphBatch(
        [n for n in old.batch.nodes if n.label != "Target"], [e for e in old.batch.edges if e.type != "TARGET_OF"]))
    with store.transaction():
        store.delete_document_facts(old.key)
        bulk(store, merge([changed.batch]))
    finalize(store, align=False)
    with LadybugStore(tmp_path / "clean.db") as clean:
        clean.ensure_schema()
        write_groups(clean, [p if p is not old else changed for p in prepared], write_rows, 1)
        finalize(clean, align=False)
        assert canonical_dump(store) == canonical_dump(clean)


def test_a_failed_copy_rolls_back_the_whole_transaction(ladybug_store, prepared):
    write_groups(ladybug_store, prepared[:2], bulk, 2)
    before = canonical_dump(ladybug_store)
    again = merge([prepared[2].batch, prepared[0].batch])  # prepared[0]'s tasks exist: COPY fails
    with pytest.raises(PolicyKGError, match="duplicated primary key"):
        with ladybug_store.transaction():
            ladybug_store.delete_document_facts(prepared[1].key)
            bulk(ladybug_store, again)
    assert canonical_dump(ladybug_store) == before
    write_groups(ladybug_store, prepared[2:3], bulk, 1)  # the store still takes writes


def test_columns_round_trip_through_copy(ladybug_store):
    b = GraphBatch()
    b.add_node("Agency", "许昌市|财政局", name="许昌市财政局", aliases=["市财政局", "财政局"], collective=False,
               doc="D", span_start=3, span_end=9, rule="agency")
    b.add_node("Target", "D#target1", text="增长10%", value=10, value_max=None, unit="%", doc="D",
               span_start=1.0, span_end=5, rule="target")
    nodes, _ = batch_tables(b)
    assert nodes["Target"].schema.field("value").type == pa.float64()
    with ladybug_store.transaction():
        bulk(ladybug_store, b)
    rows = ladybug_store.query("MATCH (a:Agency) RETURN a.aliases, a.collective, a.span_start").rows
    assert rows == [[["市财政局", "财政局"], False, 3]]
    assert ladybug_store.query("MATCH (t:Target) RETURN t.value, t.span_start").rows == [[10.0, 1]]


def test_a_value_of_the_wrong_type_is_a_clear_error():
    b = GraphBatch()
    b.add_node("Task", "D#1", ordinal="first")
    with pytest.raises(ValueError, match=r"column ordinal \(INT64\) cannot hold 'first'"):
        node_table("Task", b.nodes)


def test_copy_crash_reproduction_and_the_writer_is_immune(tmp_path):
    """Upstream bug (ladybug 0.22): the same COPY text with the same Arrow object twice on
    one connection kills the process.  The repro script shows it in a child process; the
    writer builds a table per COPY, so a second COPY of the same rows is an error."""
    out = subprocess.run([sys.executable, str(REPRO / "ladybug_copy_same_object.py")], capture_output=True,
                         text=True, timeout=120)
    assert "same object, same text: CRASHED" in out.stdout, out.stdout + out.stderr
    assert "new object, same text: ok, 2 rows" in out.stdout
    with LadybugStore(tmp_path / "g.db") as s:
        s.ensure_schema()
        b = GraphBatch()
        b.add_node("Task", "D#1", text="t", doc="D")
        with s.transaction():
            bulk(s, b)
        with pytest.raises(PolicyKGError, match="duplicated primary key"), s.transaction():
            bulk(s, b)


def test_pk_offset_error_reproduction_and_the_plan_avoids_it(ladybug_store, prepared):
    """Upstream bug: CREATE then COPY into one table, then COPY of relationships to the
    copied rows, in one transaction, fails.  A bulk write CREATEs no new row before its COPYs."""
    out = subprocess.run([sys.executable, str(REPRO / "ladybug_copy_rel_after_create_and_copy.py")],
                         capture_output=True, text=True, timeout=120)
    lines = out.stdout.splitlines()
    assert "FAILED" in lines[1] and "invalid local node offset" in lines[1], out.stdout + out.stderr
    assert all("ok" in line for line in lines[2:])
    batch = merge([p.batch for p in prepared])
    with ladybug_store.transaction():
        assert plan_for(ladybug_store, batch).create_nodes
        bulk(ladybug_store, batch)
    assert ladybug_store.stats().relationships["PART_OF"] > 0


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_admin_import_then_finalize_equals_the_source(tmp_path, prepared, java_tools):
    from policykg.servers.neo4j import Neo4jServer
    from policykg.graph.stores.neo4j import Neo4jStore

    with LadybugStore(tmp_path / "src.db") as src:
        src.ensure_schema()
        write_groups(src, prepared, write_rows, 2)
        finalize(src, align=False)
        files = write_csv(src, tmp_path / "csv")
        report = neo4j_admin.import_full(files, tmp_path / "neo4j")
        want = canonical_dump(src)
    assert report["nodes"] == len(want["nodes"]) and report["relationships"] == len(want["edges"])
    with Neo4jServer(tmp_path / "neo4j") as server, Neo4jStore(server.uri) as n4:
        n4.ensure_schema()
        finalize(n4, align=False)  # neo4j-admin reads [] as null; finalize writes the aliases back
        assert canonical_dump(n4) == want
    with pytest.raises(PolicyKGError, match="import full"):  # the database exists now
        neo4j_admin.import_full(files, tmp_path / "neo4j")

