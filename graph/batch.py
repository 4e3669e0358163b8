"""What a store writes: plain node and edge records with provenance, no driver types."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import schema


@dataclass
class Node:
    label: str
    key: str
    props: dict = field(default_factory=dict)

    def row(self) -> dict:
        """All schema columns, missing ones as None, so every store writes the same shape."""
        cols = schema.NODES[self.label].columns
        return {c: (self.key if c == "key" else self.props.get(c)) for c in cols}


@dataclass
class Edge:
    type: str
    src_label: str
    src: str
    dst_label: str
    dst: str
    props: dict = field(default_factory=dict)

    def row(self) -> dict:
        cols = schema.RELS[self.type].columns
        return {"src": self.src, "dst": self.dst, **{c: self.props.get(c) for c in cols}}


@dataclass
class GraphBatch:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def add_node(self, label: str, key: str, **props) -> Node:
        n = Node(schema.label(label), key, props)
        self.nodes.append(n)
        return n

    def add_edge(self, type: str, src_label: str, src: str, dst_label: str, dst: str, **props) -> Edge:
        if (src_label, dst_label) not in schema.RELS[schema.rel_type(type)].pairs:
            raise ValueError(f"{type} does not join {src_label} to {dst_label}")
        e = Edge(type, src_label, src, dst_label, dst, props)
        self.edges.append(e)
        return e


def is_stub(n: Node) -> bool:
    """A cited document not (yet) ingested."""
    return n.label == "Document" and bool(n.props.get("stub"))


SHARED = ("Agency", "Zone", "Cluster", "Province", "City", "County", "Instrument")
KINDS = ("document", "owned", "shared", "stub")  # write order: a stub of a document in the same batch is a no-op


def node_kind(n: Node) -> str:
    """How a node is written: ``document`` (a real one), ``owned`` (dies with its document),
    ``shared`` (several documents name it) or ``stub`` (cited, not ingested)."""
    return ("stub" if is_stub(n) else "shared" if n.label in SHARED
            else "owned" if schema.NODES[n.label].owned else "document")


def merge(batches: list[GraphBatch]) -> GraphBatch:
    """Several batches as one: nodes merged by (label, key), first known value first (as the
    store's ``coalesce`` does), real documents over stubs; edges kept once.

    >>> a, b = GraphBatch(), GraphBatch()
    >>> _ = a.add_node("Document", "N1", stub=True, doc_number="N1")
    >>> _ = b.add_node("Document", "N1", stub=False, title="T")
    >>> _ = a.add_node("Zone", "z", name="z", kind=None)
    >>> _ = b.add_node("Zone", "z", name="z", kind="park")
    >>> m = merge([a, b])
    >>> sorted((n.key, n.props.get("stub"), n.props.get("kind")) for n in m.nodes)
    [('N1', False, None), ('z', None, 'park')]
    """
    real: dict[tuple, Node] = {}
    stubs: dict[str, Node] = {}
    edges: dict[tuple, Edge] = {}
    for batch in batches:
        for n in batch.nodes:
            if is_stub(n):
                stubs.setdefault(n.key, n)
                continue
            have = real.get((n.label, n.key))
            if have is None:
                real[(n.label, n.key)] = Node(n.label, n.key, dict(n.props))
            else:
                for p, v in n.props.items():
                    if have.props.get(p) is None:
                        have.props[p] = v
        for e in batch.edges:
            ident = (e.type, e.src_label, e.src, e.dst_label, e.dst)
            if e.props.get("doc") is not None:
                ident += (e.props.get("doc"), e.props.get("rule"), e.props.get("surface"))
            edges.setdefault(ident, e)
    nodes = list(real.values()) + [n for k, n in stubs.items() if ("Document", k) not in real]
    return GraphBatch(nodes, list(edges.values()))


def first_mention(rows: list[tuple]) -> tuple:
    """The earliest (doc, span_start, span_end, rule): smallest document key, then known
    positions before unknown ones.

    >>> first_mention([("D2", 5, 9, "a"), ("D1", -1, -1, "b"), ("D1", 40, 44, "c")])
    ('D1', 40, 44, 'c')
    """
    return min(rows, key=lambda r: (r[0] or "", r[1] is None or r[1] < 0, r[1] if r[1] is not None else 0,
                                    r[2] if r[2] is not None else 0, r[3] or ""))
