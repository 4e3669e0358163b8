"""The one write path: a built batch into a store, so that the order documents arrive in
does not matter.

What one document owns could simply be upserted (the last writer wins), but not what
several documents share, so :func:`write_batch` writes by kind of fact:

- real Documents: upsert with ``SET`` (the node may exist as a stub or an older version);
- Tasks, Targets (owned): ``CREATE`` -- the engine deletes a document's owned nodes in the
  same transaction before writing it again, so their keys are free;
- stub Documents: created only when the key is absent -- a stub never overwrites the real
  document, and the real one completes (``SET stub = false``) a stub it finds;
- shared nodes (agencies, zones, clusters, places): each property keeps its first known
  value (``coalesce``), so an extraction that lacks a value never erases another's;
  aliases and provenance are recomputed from the mentions by :mod:`.finalize`;
- edges with a document (``doc``): created; they die with their document;
- edges without one (gazetteer facts such as City -> Province): created when absent.

Every statement is an ``UNWIND $rows`` batch whose labels and types come from the schema.

A large batch (at least the store's ``bulk_min_rows``) is written in bulk instead: the keys it
names are looked up once (:mod:`.bulk`), rows that cannot exist yet are created through the
store's bulk loader (:meth:`~.stores.base.GraphStore.copy_nodes`: LadybugDB ``COPY``) or in
large ``UNWIND ... CREATE`` statements, and only rows whose key exists go through the upserts
above.  Same graph, same counts; below that size the lookups cost more than they save.
"""
from __future__ import annotations

from . import schema
from .batch import KINDS, SHARED, Edge, GraphBatch, Node, node_kind  # noqa: F401  (SHARED: re-exported)
from .bulk import BulkPlan, plan_for
from .columns import Packed, edges_from_table, nodes_from_table
from .stores.base import GraphStore, chunks

ident = schema.ident  # a property name as Cypher text (quoted when a store reserves it)


def node_upsert_cypher(lbl: str, cast) -> str:
    cols = {c: t for c, t in schema.NODES[lbl].columns.items() if c != "key"}
    sets = ", ".join(f"n.{ident(c)} = {cast('r.' + ident(c), t)}" for c, t in cols.items())
    return f"UNWIND $rows AS r MERGE (n:{schema.label(lbl)} {{key: r.key}}) SET {sets}"


def edge_create_cypher(typ: str, src: str, dst: str, cast) -> str:
    cols = schema.RELS[typ].columns
    props = ", ".join(f"{ident(c)}: {cast('r.' + ident(c), t)}" for c, t in cols.items())
    return (f"UNWIND $rows AS r MATCH (a:{schema.label(src)} {{key: r.src}}) "
            f"MATCH (b:{schema.label(dst)} {{key: r.dst}}) "
            f"CREATE (a)-[e:{schema.rel_type(typ)} {{{props}}}]->(b)")


def shared_upsert_cypher(lbl: str, cast) -> str:
    cols = {c: t for c, t in schema.NODES[lbl].columns.items() if c != "key"}
    sets = ", ".join(f"n.{ident(c)} = coalesce(n.{ident(c)}, {cast('r.' + ident(c), t)})" for c, t in cols.items())
    return f"UNWIND $rows AS r MERGE (n:{schema.label(lbl)} {{key: r.key}}) SET {sets}"


def node_create_cypher(lbl: str, cast) -> str:
    cols = schema.NODES[lbl].columns
    props = ", ".join(f"{ident(c)}: {'r.key' if c == 'key' else cast('r.' + ident(c), t)}" for c, t in cols.items())
    return f"UNWIND $rows AS r CREATE (n:{schema.label(lbl)} {{{props}}})"


def stub_create_cypher(cast) -> str:
    cols = {c: t for c, t in schema.NODES["Document"].columns.items() if c != "key"}
    sets = ", ".join(f"n.{ident(c)} = {cast('r.' + ident(c), t)}" for c, t in cols.items())
    return f"UNWIND $rows AS r MERGE (n:{schema.label('Document')} {{key: r.key}}) ON CREATE SET {sets}"


def edge_create_if_absent_cypher(typ: str, src: str, dst: str, cast) -> str:
    cols = schema.RELS[typ].columns
    props = ", ".join(f"{ident(c)}: {cast('r.' + ident(c), t)}" for c, t in cols.items())
    t = schema.rel_type(typ)
    return (f"UNWIND $rows AS r MATCH (a:{schema.label(src)} {{key: r.src}}) "
            f"MATCH (b:{schema.label(dst)} {{key: r.dst}}) "
            f"WHERE NOT EXISTS {{ MATCH (a)-[:{t}]->(b) }} "
            f"CREATE (a)-[e:{t} {{{props}}}]->(b)")


def node_write_cypher(kind: str, lbl: str, cast) -> str:
    """The statement that writes nodes of one kind and label (see the module docstring)."""
    if kind == "stub":
        return stub_create_cypher(cast)
    return {"document": node_upsert_cypher, "owned": node_create_cypher, "shared": shared_upsert_cypher}[kind](lbl, cast)


def edge_write_cypher(e: Edge, cast) -> str:
    make = edge_create_if_absent_cypher if e.props.get("doc") is None else edge_create_cypher
    return make(e.type, e.src_label, e.dst_label, cast)


def write_batch(store: GraphStore, batch: GraphBatch, *, bulk: bool | None = None,
                blind: Packed | None = None, stored_edges: set | frozenset = frozenset()) -> tuple[int, int]:
    """Write one batch (merge several with :func:`.batch.merge` first) inside the caller's
    transaction, if any; returns the (node, relationship) rows written.  ``blind``: more rows,
    created whatever the store holds (owned nodes, edges with a document: :func:`.bulk.split_blind`),
    held as Arrow tables.  ``bulk``: write in bulk (True) or row by row (False) whatever the size;
    None: by the store's ``bulk_min_rows``.  ``stored_edges``: see :func:`.bulk.plan_for`."""
    extra = blind.rows if blind else 0
    if bulk if bulk is not None else len(batch.nodes) + len(batch.edges) + extra >= store.bulk_min_rows:
        write_plan(store, plan_for(store, batch, stored_edges), blind)
        return (len(batch.nodes) + (blind.node_rows if blind else 0),
                len(batch.edges) + (blind.edge_rows if blind else 0))
    if blind:
        more = blind.batch()
        batch = GraphBatch(batch.nodes + more.nodes, batch.edges + more.edges)
    return write_rows(store, batch)


def write_rows(store: GraphStore, batch: GraphBatch) -> tuple[int, int]:
    """The row statements for every row of the batch (see the module docstring)."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for n in batch.nodes:
        groups.setdefault((node_kind(n), n.label), []).append(n.row())
    n_nodes = 0
    for kind in KINDS:
        for (k, lbl), rows in sorted(groups.items()):
            if k != kind:
                continue
            q = node_write_cypher(kind, lbl, store.cast)
            for part in chunks(rows):
                store.execute(q, {"rows": part})
                n_nodes += len(part)
    return n_nodes, write_edges(store, batch.edges)


def write_edges(store: GraphStore, edges: list[Edge]) -> int:
    """Edges through their row statements (created, or created when absent)."""
    egroups: dict[str, list[dict]] = {}
    for e in edges:
        egroups.setdefault(edge_write_cypher(e, store.cast), []).append(e.row())
    n_edges = 0
    for q, rows in egroups.items():
        for part in chunks(rows, store.rows_per_statement):
            store.execute(q, {"rows": part})
            n_edges += len(part)
    return n_edges


def create_nodes(store: GraphStore, label: str, nodes: list[Node], table=None) -> None:
    """Nodes known to be new, and the rows of ``table``: the store's bulk loader, else
    ``UNWIND ... CREATE`` (the table's rows a slice at a time)."""
    if not (nodes or table is not None) or store.copy_nodes(label, nodes, table):
        return
    q = node_create_cypher(label, store.cast)
    for part in chunks([n.row() for n in nodes], store.create_rows):
        store.execute(q, {"rows": part})
    for part in _slices(table, store.create_rows):
        store.execute(q, {"rows": [n.row() for n in nodes_from_table(label, part)]})


def create_edges(store: GraphStore, edges: list[Edge], tables: dict | None = None) -> None:
    """Edges known to be new (their endpoints exist), and the rows of ``tables``: the bulk
    loader, else ``UNWIND ... CREATE``."""
    if not (edges or tables) or store.copy_edges(edges, tables):
        return
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for e in edges:
        groups.setdefault((e.type, e.src_label, e.dst_label), []).append(e.row())
    for (typ, src, dst), rows in sorted(groups.items()):
        q = edge_create_cypher(typ, src, dst, store.cast)
        for part in chunks(rows, store.create_rows):
            store.execute(q, {"rows": part})
    for g, table in sorted((tables or {}).items(), key=lambda kv: kv[0].name):
        q = edge_create_cypher(g.type, g.src, g.dst, store.cast)
        for part in _slices(table, store.create_rows):
            store.execute(q, {"rows": [e.row() for e in edges_from_table(g, part)]})


def _slices(table, size: int):
    for i in range(0, table.num_rows if table is not None else 0, size):
        yield table.slice(i, size)


def write_plan(store: GraphStore, plan: BulkPlan, blind: Packed | None = None) -> None:
    """New nodes, the upserts (rows whose key exists), then new edges (their endpoints exist by then)."""
    tables = blind.nodes if blind else {}
    for lbl in sorted(set(plan.create_nodes) | set(tables)):
        create_nodes(store, lbl, plan.create_nodes.get(lbl, []), tables.get(lbl))
    for (kind, lbl), nodes in sorted(plan.upsert_nodes.items()):
        q = node_write_cypher(kind, lbl, store.cast)
        for part in chunks([n.row() for n in nodes], store.rows_per_statement):
            store.execute(q, {"rows": part})
    write_edges(store, plan.upsert_edges)
    create_edges(store, plan.create_edges, blind.rels if blind else None)


def set_properties(store: GraphStore, lbl: str, rows: list[dict], cols: list[str]) -> int:
    """Set some columns of existing nodes (``rows``: ``key`` and the columns), in batches; returns
    how many rows were written.  For the values finalize recomputes."""
    if not rows:
        return 0
    types = schema.NODES[lbl].columns
    sets = ", ".join(f"n.{ident(schema.prop(lbl, c))} = {store.cast('r.' + ident(c), types[c])}" for c in cols)
    cypher = f"UNWIND $rows AS r MATCH (n:{schema.label(lbl)} {{key: r.key}}) SET {sets}"
    for part in chunks(rows):
        store.execute(cypher, {"rows": part})
    return len(rows)
