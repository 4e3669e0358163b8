"""LadybugDB bulk path: new rows go in through ``COPY ... FROM`` an Arrow table.

``COPY`` loads hundreds of thousands of rows per second where ``UNWIND ... MERGE`` manages
tens of thousands, but it only appends: a key that exists fails the whole statement.
:func:`policykg.graph.bulk.plan_bulk` therefore sends only rows that cannot exist to
``COPY`` and the few that may (shared agencies and places, documents that were stubs) to
the upsert statements.  Everything runs inside the caller's transaction: LadybugDB rolls a
failed ``COPY`` back with the rest of the transaction.

Measured with ladybug 0.22 (see ``tools/repro/``):

- a transaction that contains a ``COPY`` checkpoints the database at commit (``COPY``
  bypasses the WAL), which costs time proportional to the database (about 1 s at a million
  relationships) whatever the rows copied: a loop of small ``COPY`` statements into a
  growing database is what looked like a hang.  So a batch with fewer than
  :data:`COPY_MIN_ROWS` new rows is written with ``UNWIND ... CREATE`` only, and a larger
  one -- which pays the checkpoint anyway -- copies every group; write large batches;
- in one transaction, ``CREATE`` then ``COPY`` into one table followed by a ``COPY`` of
  relationships to the copied rows fails (PK index offset error): a plan sends all new rows
  of a label one way, and one ``write_bulk`` call should own its transaction;
- executing the same ``COPY`` text twice on one connection with the same Arrow object
  crashes the process (SIGSEGV): every ``COPY`` here gets a table built for it.
"""
from __future__ import annotations

import pyarrow as pa

from .. import schema
from ..batch import Edge, GraphBatch, Node
from ..bulk import BulkPlan, execute_plan, plan_for
from ..columns import group_edges, node_table, rel_table
from ..write import node_create_cypher
from .base import chunks, edge_create_cypher
from .ladybug import LadybugStore

COPY_MIN_ROWS = 5_000
UNWIND_ROWS = 20_000


def copy_table(store: LadybugStore, table_name: str, table: pa.Table, options: str = "") -> None:
    """``COPY`` one Arrow table; ``table_name`` comes from the schema only."""
    if table.num_rows:
        store.execute(f"COPY {table_name} FROM $rows{options}", {"rows": table})


def create_nodes(store: LadybugStore, label: str, nodes: list[Node], copy: bool) -> None:
    """New nodes: ``COPY`` or ``UNWIND ... CREATE``."""
    if copy:
        copy_table(store, schema.label(label), node_table(label, nodes))
        return
    q = node_create_cypher(label, store.cast)
    for part in chunks([n.row() for n in nodes], UNWIND_ROWS):
        store.execute(q, {"rows": part})


def create_edges(store: LadybugStore, edges: list[Edge], copy: bool) -> None:
    """New relationships, per (type, source, target): ``COPY`` or ``UNWIND ... CREATE``."""
    for g, es in sorted(group_edges(edges).items(), key=lambda kv: kv[0].name):
        if copy:
            # a REL table with several FROM/TO pairs needs the pair named; naming it always is harmless
            options = f" (from='{schema.label(g.src)}', to='{schema.label(g.dst)}')"
            copy_table(store, schema.rel_type(g.type), rel_table(g.type, es), options)
            continue
        q = edge_create_cypher(g.type, g.src, g.dst, store.cast)
        for part in chunks([e.row() for e in es], UNWIND_ROWS):
            store.execute(q, {"rows": part})


def write_bulk(store: LadybugStore, batch: GraphBatch) -> tuple[int, int]:
    """:func:`policykg.graph.write.write_facts` for LadybugDB through ``COPY``: same
    arguments (a merged batch, the caller's transaction), same graph, same counts."""
    _, n, e = write_bulk_plan(store, batch)
    return n, e


def write_bulk_plan(store: LadybugStore, batch: GraphBatch, *,
                    copy_min_rows: int = COPY_MIN_ROWS) -> tuple[BulkPlan, int, int]:
    """:func:`write_bulk`, also returning the plan (how many rows went which way);
    ``copy_min_rows=1`` sends every new row through ``COPY``."""
    plan = plan_for(store, batch)
    counts = plan.counts()
    copy = counts["create_nodes"] + counts["create_edges"] >= copy_min_rows
    execute_plan(store, plan, lambda s, lbl, ns: create_nodes(s, lbl, ns, copy),
                 lambda s, es: create_edges(s, es, copy), UNWIND_ROWS)
    return plan, len(batch.nodes), len(batch.edges)
