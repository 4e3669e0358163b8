"""Bulk writes of new (or replaced) documents: which rows of a batch can be created blindly
and which must go through the upsert statements of :mod:`.write`.

Row by row, a write MERGEs because any node may already exist.  In a batch of new documents
most rows cannot exist yet -- owned tasks and targets, new documents, first mentions of an
agency, edges between new nodes -- and those can be created in bulk (LadybugDB ``COPY ...
FROM`` an Arrow table, Neo4j ``UNWIND ... CREATE`` in large statements).  :func:`plan_bulk`
splits a merged batch, given the keys the store already holds, into

- ``create_nodes`` / ``create_edges``: rows that are new (edges: with a document, or touching a
  node this plan creates) -- written in bulk;
- ``upsert_nodes``: real documents and shared nodes whose key exists -- the statements
  of :mod:`.write` (documents ``SET``, shared nodes ``coalesce``);
- ``upsert_edges``: edges without a document whose two endpoints existed before
  (create-if-absent);
- stubs whose key exists are dropped (a stub never overwrites anything), and so are shared nodes
  whose stored columns hold a value wherever the row does (their upsert would change nothing:
  in a load most shared rows name agencies and places stored by earlier groups).

:func:`policykg.graph.write.write_batch` writes the plan; the graph is the one the row
statements write for the same batch (the tests hold both stores to it).  The caller opens the transaction; a replaced
document's old facts are deleted in that same transaction before the plan is made, so
its owned keys are free again and the replacement stays atomic.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from . import schema
from .batch import Edge, GraphBatch, Node, merge, node_kind
from .stores.base import GraphStore, chunks

KEY_LOOKUP_ROWS = 20_000
SHARED_LABELS = tuple(lbl for lbl, nt in schema.NODES.items() if not nt.owned and lbl != "Document")


@dataclass
class BulkPlan:
    create_nodes: dict[str, list[Node]] = field(default_factory=dict)
    create_edges: list[Edge] = field(default_factory=list)
    upsert_nodes: dict[tuple[str, str], list[Node]] = field(default_factory=dict)  # (kind, label)
    upsert_edges: list[Edge] = field(default_factory=list)
    skipped: int = 0

    def counts(self) -> dict[str, int]:
        return {"create_nodes": sum(map(len, self.create_nodes.values())), "create_edges": len(self.create_edges),
                "upsert_nodes": sum(map(len, self.upsert_nodes.values())), "upsert_edges": len(self.upsert_edges),
                "skipped": self.skipped}


def blind(n_or_e) -> bool:
    """Rows created whatever the store holds: owned nodes (their document's old facts are deleted
    first) and edges with a document."""
    if isinstance(n_or_e, Node):
        return schema.NODES[n_or_e.label].owned
    return n_or_e.props.get("doc") is not None


def split_blind(batch: GraphBatch) -> tuple[GraphBatch, GraphBatch]:
    """(the rows whose fate depends on the store, the :func:`blind` rows) of one document's
    batch, each as :func:`~.batch.merge` leaves it (duplicates within the document merged)."""
    rest, bl = GraphBatch(), GraphBatch()
    for n in batch.nodes:
        (bl if blind(n) else rest).nodes.append(n)
    for e in batch.edges:
        (bl if blind(e) else rest).edges.append(e)
    return merge([rest]), merge([bl])


def checked_labels(batch: GraphBatch) -> dict[str, list[str]]:
    """The keys whose existence decides the plan: every non-owned node of the batch."""
    out: dict[str, list[str]] = {}
    for n in batch.nodes:
        if not schema.NODES[n.label].owned:
            out.setdefault(n.label, []).append(n.key)
    return out


def existing_keys(store: GraphStore, keys: dict[str, list[str]]) -> dict[str, dict[str, dict | None]]:
    """Which of these keys the store holds (primary-key lookups, inside the caller's
    transaction when one is open): label -> {key: its stored columns (shared nodes, whose
    upsert only fills what is missing) or None}."""
    out: dict[str, dict[str, dict | None]] = {}
    for lbl, ks in keys.items():
        cols = [c for c in schema.NODES[lbl].columns if c != "key"] if lbl in SHARED_LABELS else []
        q = (f"UNWIND $keys AS k MATCH (n:{schema.label(lbl)} {{key: k}}) RETURN n.key"
             + "".join(f", n.{c}" for c in cols))
        found: dict[str, dict | None] = {}
        for part in chunks(sorted(set(ks)), KEY_LOOKUP_ROWS):
            found.update((r[0], dict(zip(cols, r[1:])) if cols else None) for r in store.query(q, {"keys": part}).rows)
        out[lbl] = found
    return out


def fills_nothing(n: Node, stored: dict | None) -> bool:
    """A shared node's upsert (each column keeps its first known value) would change nothing."""
    return stored is not None and all(stored.get(c) is not None or v is None for c, v in n.props.items())


def edge_ident(e: Edge) -> tuple:
    """What identifies an edge without a document (there is at most one per type and ends)."""
    return (e.type, e.src_label, e.src, e.dst_label, e.dst)


def plan_bulk(batch: GraphBatch, existing: dict[str, set[str]], stored_edges: set | frozenset = frozenset()) -> BulkPlan:
    """Split a merged batch (:func:`~policykg.graph.batch.merge`) by what exists.

    >>> b = GraphBatch()
    >>> _ = b.add_node("Document", "D1", title="T", stub=False)
    >>> _ = b.add_node("Document", "D0", doc_number="D0", stub=True)
    >>> _ = b.add_node("Province", "河南省", name="河南省")
    >>> _ = b.add_node("City", "许昌市", name="许昌市")
    >>> _ = b.add_edge("LOCATED_IN", "City", "许昌市", "Province", "河南省", doc=None)
    >>> _ = b.add_edge("DERIVED_FROM", "Document", "D1", "Document", "D0", doc="D1")
    >>> p = plan_bulk(b, {"Document": {"D0"}, "Province": {"河南省"}})
    >>> sorted(p.create_nodes), list(p.upsert_nodes), p.skipped
    (['City', 'Document'], [('shared', 'Province')], 1)
    >>> [e.type for e in p.create_edges], [e.type for e in p.upsert_edges]  # the city is new: so is its edge
    (['LOCATED_IN', 'DERIVED_FROM'], [])
    >>> p = plan_bulk(b, {"Document": {"D0"}, "Province": {"河南省"}, "City": {"许昌市"}})
    >>> [e.type for e in p.create_edges], [e.type for e in p.upsert_edges]
    (['DERIVED_FROM'], ['LOCATED_IN'])
    """
    plan = BulkPlan()
    created: set[tuple[str, str]] = set()
    for n in batch.nodes:
        kind = node_kind(n)
        exists = n.key in existing.get(n.label, ())
        if kind == "owned" or not exists:
            plan.create_nodes.setdefault(n.label, []).append(n)
            created.add((n.label, n.key))
        elif kind == "stub" or (kind == "shared" and fills_nothing(n, _stored(existing, n))):
            plan.skipped += 1
        else:
            plan.upsert_nodes.setdefault((kind, n.label), []).append(n)
    for e in batch.edges:
        # a node created by this plan has no edge yet: an edge to it cannot exist (one per ident in a merged batch)
        blind = e.props.get("doc") is not None or (e.src_label, e.src) in created or (e.dst_label, e.dst) in created
        if not blind and edge_ident(e) in stored_edges:  # written by an earlier group of this load
            plan.skipped += 1
            continue
        (plan.create_edges if blind else plan.upsert_edges).append(e)
    return plan


def _stored(existing: dict, n: Node) -> dict | None:
    found = existing.get(n.label, {})
    return found.get(n.key) if isinstance(found, dict) else None  # a set: keys only


def plan_for(store: GraphStore, batch: GraphBatch, stored_edges: set | frozenset = frozenset()) -> BulkPlan:
    """:func:`plan_bulk` against what the store holds now (inside the caller's transaction);
    ``stored_edges``: the :func:`edge_ident` of edges without a document known to be stored (a
    loader's earlier groups: nothing deletes such an edge before finalize)."""
    return plan_bulk(batch, existing_keys(store, checked_labels(batch)), stored_edges)
