"""LadybugDB's bulk loader: rows known to be new go in through ``COPY ... FROM`` an Arrow table
(:meth:`LadybugStore.copy_nodes` / ``copy_edges``, called by :func:`policykg.graph.write.write_batch`
for large batches after :mod:`policykg.graph.bulk` has sorted out which rows are new).

``COPY`` loads hundreds of thousands of rows per second where ``UNWIND ... MERGE`` manages
tens of thousands, but it only appends: a key that exists fails the whole statement, and
LadybugDB rolls it back with the rest of the caller's transaction.

Measured with ladybug 0.22 (see ``tools/repro/``):

- a transaction that contains a ``COPY`` checkpoints the database at commit (``COPY``
  bypasses the WAL), which costs time proportional to the database (about 1 s at a million
  relationships) whatever the rows copied: a loop of small ``COPY`` statements into a
  growing database is what looked like a hang.  So only batches of at least
  ``LadybugStore.bulk_min_rows`` rows are written in bulk, and the loader groups documents
  into large transactions;
- in one transaction, ``CREATE`` then ``COPY`` into one table followed by a ``COPY`` of
  relationships to the copied rows fails (PK index offset error): a bulk write copies every
  new row (it CREATEs nothing), and one bulk batch should own its transaction;
- executing the same ``COPY`` text twice on one connection with the same Arrow object
  crashes the process (SIGSEGV): every ``COPY`` here gets a table built for it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import schema
from ..batch import Edge, Node
from ..columns import group_edges, node_table, rel_table
from .base import GraphStore

if TYPE_CHECKING:
    import pyarrow as pa


def copy_table(store: GraphStore, table_name: str, table: "pa.Table", options: str = "", *,
               serial: bool = False) -> None:
    """``COPY`` one Arrow table; ``table_name`` comes from the schema only.  ``serial``: with one
    thread (node tables: LadybugDB 0.22's parallel primary-key index build can deadlock in a
    COPY -- every thread waiting on a read lock, 0% CPU -- which a single builder cannot;
    tools/repro/README.md), the connection's thread count restored after."""
    if not table.num_rows:
        return
    if not serial:
        store.execute(f"COPY {table_name} FROM $rows{options}", {"rows": table})
        return
    threads = store.execute("CALL current_setting('threads') RETURN *").rows[0][0]
    store.execute("CALL threads=1")
    try:
        store.execute(f"COPY {table_name} FROM $rows{options}", {"rows": table})
    finally:
        store.execute(f"CALL threads={int(threads)}")


def copy_nodes(store: GraphStore, label: str, nodes: list[Node], table: "pa.Table | None" = None) -> None:
    """New nodes of one label, and the rows of ``table``: one ``COPY`` (a COPY per table and
    transaction: a second one into a table goes through LadybugDB's slower transaction-local path)."""
    copy_table(store, schema.label(label), _with(node_table(label, nodes) if nodes else None, table), serial=True)


def copy_edges(store: GraphStore, edges: list[Edge], tables: dict | None = None) -> None:
    """New relationships, and the rows of ``tables``: one ``COPY`` per (type, source label,
    target label)."""
    groups = group_edges(edges)
    for g in sorted(set(groups) | set(tables or {}), key=lambda g: g.name):
        # a REL table with several FROM/TO pairs needs the pair named; naming it always is harmless
        options = f" (from='{schema.label(g.src)}', to='{schema.label(g.dst)}')"
        own = rel_table(g.type, groups[g]) if g in groups else None
        copy_table(store, schema.rel_type(g.type), _with(own, (tables or {}).get(g)), options)


def _with(a: "pa.Table | None", b: "pa.Table | None") -> "pa.Table":
    """One table of both (either may be missing); a fresh object for every COPY statement."""
    import pyarrow as pa

    parts = [t for t in (a, b) if t is not None and t.num_rows]
    if not parts:
        return pa.table({})
    return pa.concat_tables(parts).combine_chunks()
