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

    @property
    def identity(self) -> tuple:
        return (self.type, self.src_label, self.src, self.dst_label, self.dst,
                self.props.get("doc"), self.props.get("rule"))


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

    def extend(self, other: "GraphBatch") -> None:
        self.nodes.extend(other.nodes)
        self.edges.extend(other.edges)

    def deduplicated(self) -> "GraphBatch":
        """Merge nodes that share (label, key) -- first non-empty value wins, aliases are
        unioned -- and drop edges that repeat the same identity."""
        nodes: dict[tuple, Node] = {}
        for n in self.nodes:
            k = (n.label, n.key)
            if k not in nodes:
                nodes[k] = Node(n.label, n.key, dict(n.props))
                continue
            have = nodes[k].props
            for p, v in n.props.items():
                if p == "aliases":
                    have[p] = sorted(set(have.get(p) or []) | set(v or []))
                elif have.get(p) in (None, "", []):
                    have[p] = v
        edges, seen = [], set()
        for e in self.edges:
            if e.identity not in seen:
                seen.add(e.identity)
                edges.append(e)
        return GraphBatch(list(nodes.values()), edges)

    def grouped_nodes(self) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for n in self.nodes:
            out.setdefault(n.label, []).append(n.row())
        return out

    def grouped_edges(self) -> dict[tuple[str, str, str], list[dict]]:
        out: dict[tuple[str, str, str], list[dict]] = {}
        for e in self.edges:
            out.setdefault((e.type, e.src_label, e.dst_label), []).append(e.row())
        return out
