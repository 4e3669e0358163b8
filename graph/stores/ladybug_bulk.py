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
  growing database is what looked like a hang.  So a batch of fewer than
  :data:`COPY_MIN_ROWS` rows is written by :func:`~policykg.graph.write.write_batch`
  (transactions of 50 documents, ~14k rows, were 1.6x slower through COPY), and a larger
  one copies every new row (500 documents, ~135k rows: 3x faster than write_batch; all
  3,000 in one transaction: 9x); write large batches;
- in one transaction, ``CREATE`` then ``COPY`` into one table followed by a ``COPY`` of
  relationships to the copied rows fails (PK index offset error): a bulk write copies every
  new row (it CREATEs nothing), and one ``write_bulk`` call should own its transaction;
- executing the same ``COPY`` text twice on one connection with the same Arrow object
  crashes the process (SIGSEGV): every ``COPY`` here gets a table built for it.
"""
from __future__ import annotations

import pyarrow as pa

from .. import schema
from ..batch import Edge, GraphBatch, Node
from ..bulk import BulkPlan, execute_plan, plan_for
from ..columns import group_edges, node_table, rel_table
from ..write import write_batch
from .ladybug import LadybugStore

COPY_MIN_ROWS = 50_000
UNWIND_ROWS = 20_000  # the upserts (existing keys)


def copy_table(store: LadybugStore, table_name: str, table: pa.Table, options: str = "") -> None:
    """``COPY`` one Arrow table; ``table_name`` comes from the schema only."""
    if table.num_rows:
        store.execute(f"COPY {table_name} FROM $rows{options}", {"rows": table})


def copy_nodes(store: LadybugStore, label: str, nodes: list[Node]) -> None:
    copy_table(store, schema.label(label), node_table(label, nodes))


def copy_edges(store: LadybugStore, edges: list[Edge]) -> None:
    """New relationships, one ``COPY`` per (type, source label, target label)."""
    for g, es in sorted(group_edges(edges).items(), key=lambda kv: kv[0].name):
        # a REL table with several FROM/TO pairs needs the pair named; naming it always is harmless
        options = f" (from='{schema.label(g.src)}', to='{schema.label(g.dst)}')"
        copy_table(store, schema.rel_type(g.type), rel_table(g.type, es), options)


def write_bulk(store: LadybugStore, batch: GraphBatch) -> tuple[int, int]:
    """:func:`policykg.graph.write.write_batch` for LadybugDB through ``COPY``: same
    arguments (a merged batch, the caller's transaction), same graph, same counts."""
    _, n, e = write_bulk_plan(store, batch)
    return n, e


def write_bulk_plan(store: LadybugStore, batch: GraphBatch, *,
                    copy_min_rows: int = COPY_MIN_ROWS) -> tuple[BulkPlan | None, int, int]:
    """:func:`write_bulk`, also returning the plan (how many rows went which way; None when
    the batch was small and went through ``write_batch``); ``copy_min_rows=1`` sends every
    new row through ``COPY``."""
    if len(batch.nodes) + len(batch.edges) < copy_min_rows:
        return None, *write_batch(store, batch)
    plan = plan_for(store, batch)
    execute_plan(store, plan, copy_nodes, copy_edges, UNWIND_ROWS)
    return plan, len(batch.nodes), len(batch.edges)
