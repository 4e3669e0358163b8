"""Read the subgraphs the views (:mod:`policykg.viz`) draw, with read-only parameterized
Cypher, into networkx.

Every statement is built from :mod:`policykg.graph.schema` (labels, types and property
names) and takes values only as ``$parameters``; it runs through ``store.query`` (read-only,
time-limited, row-limited), so it works the same on LadybugDB and Neo4j.  Queries are
one hop at a time over a key list (``WHERE a.key IN $keys``): both databases plan that as
an index lookup, and the view decides how far to go.

A fetched graph (:class:`Fetched`) is a ``networkx.MultiDiGraph`` whose node ids are
``"Label:key"``; node attributes ``type``, ``key``, ``props``; edge key = type.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..errors import NotFoundError, ParameterError
from ..graph import schema
from ..graph.stores.base import GraphStore
from ..vocab.sentences import sentence_around
from .lookups import region_names

HEAVY = {"Document": {"text"}}  # never shipped to a page: a document's whole text


def nid(label: str, key: str) -> str:
    """The graph id of a node.

    >>> nid("Agency", "河南省|发展和改革委员会")
    'Agency:河南省|发展和改革委员会'
    """
    return f"{label}:{key}"


def props_expr(var: str, label: str) -> str:
    """A map literal of a node's schema properties (both databases accept map literals,
    LadybugDB has no map projection).

    >>> props_expr("z", "Zone")
    '{key: z.key, name: z.name, region: z.region, kind: z.kind, doc: z.doc, span_start: z.span_start, span_end: z.span_end, rule: z.rule}'
    """
    cols = [c for c in schema.NODES[schema.label(label)].columns if c not in HEAVY.get(label, ())]
    return "{" + ", ".join(f"{schema.ident(c)}: {var}.{schema.ident(c)}" for c in cols) + "}"


def snippet(text: str, start: int, end: int, width: int = 120) -> str:
    """The sentence of a document's cleaned ``text`` holding the span ``[start, end)``, at most
    ``width`` characters either side.

    >>> t = "一、总体要求。二、省发展改革委负责规划编制;市政府配合。三、其他。"
    >>> snippet(t, 9, 14)
    '二、省发展改革委负责规划编制;'
    >>> snippet(t, -1, -1)
    ''
    """
    span = sentence_around(text, start, end, width)
    return text[span[0]:span[1]].strip() if span else ""


def has_span(p: dict) -> bool:
    """Whether provenance points into a document's text (-1 = from metadata or alignment).

    >>> has_span({"doc": "d1", "span_start": 0, "span_end": 4}), has_span({"doc": "d1", "span_start": -1})
    (True, False)
    """
    return bool(p.get("doc")) and isinstance(p.get("span_start"), int) and p["span_start"] >= 0


def edge_expr(var: str, typ: str) -> str:
    cols = schema.RELS[schema.rel_type(typ)].columns
    return "{" + ", ".join(f"{schema.ident(c)}: {var}.{schema.ident(c)}" for c in cols) + "}"


@dataclass
class Fetcher:
    """One view's reads: the store, the limits, and the graph being filled."""

    store: GraphStore
    cap: int = 2000
    timeout_s: float | None = 10.0
    g: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)

    @property
    def row_limit(self) -> int:
        return self.cap * 5

    def q(self, cypher: str, params: dict, limit: int | None = None) -> list[list]:
        res = self.store.query(cypher, params, timeout_s=self.timeout_s, limit=limit or self.row_limit)
        if res.truncated:
            self.note(f"部分关系超过 {limit or self.row_limit} 行，只读取了前 {limit or self.row_limit} 行。")
        return res.rows

    def note(self, text: str) -> None:
        notes = self.g.graph.setdefault("notes", [])
        if text not in notes:
            notes.append(text)

    # --- building ----------------------------------------------------------------------
    def add_node(self, label: str, props: dict, **attrs) -> str:
        n = nid(label, props["key"])
        if n not in self.g:
            self.g.add_node(n, type=label, key=props["key"], props=dict(props))
        self.g.nodes[n].update(attrs)
        return n

    def add_edge(self, typ: str, a: str, b: str, props: dict | None = None) -> None:
        if not self.g.has_edge(a, b, key=typ):
            self.g.add_edge(a, b, key=typ, type=typ, props=dict(props or {}))

    def keys(self, label: str) -> list[str]:
        return [d["key"] for _, d in self.g.nodes(data=True) if d.get("type") == label]

    # --- reads ---------------------------------------------------------------------------
    def nodes(self, label: str, keys: list[str]) -> list[dict]:
        if not keys:
            return []
        cy = (f"MATCH (n:{schema.label(label)}) WHERE n.key IN $keys "
              f"RETURN {props_expr('n', label)} AS n")
        return [r[0] for r in self.q(cy, {"keys": list(keys)})]

    def hop(self, anchor: str, keys: list[str], typ: str, other: str, direction: str = "out") -> list[tuple]:
        """(anchor key, other node's props, edge props) for each ``typ`` edge between the
        anchors and ``other`` nodes; ``out`` = anchor -> other, ``in`` = other -> anchor."""
        if not keys:
            return []
        a, o, r = schema.label(anchor), schema.label(other), schema.rel_type(typ)
        pattern = f"(a:{a})-[r:{r}]->(o:{o})" if direction == "out" else f"(o:{o})-[r:{r}]->(a:{a})"
        cy = (f"MATCH {pattern} WHERE a.key IN $keys "
              f"RETURN a.key AS a, {props_expr('o', other)} AS o, {edge_expr('r', typ)} AS r")
        return [tuple(row) for row in self.q(cy, {"keys": list(keys)})]

    def expand(self, anchor: str, keys: list[str], typ: str, other: str, direction: str = "out",
               keep=None, **attrs) -> list[str]:
        """Add the ``typ`` neighbours of the anchors (those ``keep(props)`` accepts) and the
        edges to them; returns the keys of the neighbours that were new."""
        new = []
        for akey, oprops, eprops in self.hop(anchor, keys, typ, other, direction):
            if keep is not None and not keep(oprops):
                continue
            o = nid(other, oprops["key"])
            if o not in self.g:
                new.append(oprops["key"])
            self.add_node(other, oprops, **attrs)
            src, dst = (nid(anchor, akey), o) if direction == "out" else (o, nid(anchor, akey))
            self.add_edge(typ, src, dst, eprops)
        return new

    def edges_among(self, skip: set[tuple[str, str, str]] = frozenset()) -> None:
        """Every schema relationship between two nodes already in the graph, except the
        (type, source label, target label) kinds in ``skip``."""
        by_label: dict[str, list[str]] = {}
        for _, d in self.g.nodes(data=True):
            by_label.setdefault(d["type"], []).append(d["key"])
        for typ, rt in schema.RELS.items():
            for src, dst in rt.pairs:
                if src not in by_label or dst not in by_label or (typ, src, dst) in skip:
                    continue
                cy = (f"MATCH (a:{schema.label(src)})-[r:{schema.rel_type(typ)}]->(b:{schema.label(dst)}) "
                      f"WHERE a.key IN $a AND b.key IN $b RETURN a.key, b.key, {edge_expr('r', typ)}")
                for ak, bk, props in self.q(cy, {"a": by_label[src], "b": by_label[dst]}):
                    self.add_edge(typ, nid(src, ak), nid(dst, bk), props)

    def task_counts(self, keys: list[str]) -> dict[str, int]:
        """Document key -> how many tasks it has."""
        cy = (f"MATCH (t:{schema.label('Task')})-[:{schema.rel_type('PART_OF')}]->(d:{schema.label('Document')}) "
              "WHERE d.key IN $keys RETURN d.key, count(t)")
        return dict(self.q(cy, {"keys": keys}))

    def region_count(self, label: str, region: str) -> int:
        """How many nodes of a label sit in a region (:func:`region_where`)."""
        return self.q(f"MATCH (n:{schema.label(label)}) WHERE {region_where('n', label)} RETURN count(n)",
                      {"r": region})[0][0]

    def region_nodes(self, label: str, region: str, n: int) -> list[dict]:
        """The first ``n`` nodes (by key) of a label in a region."""
        cy = (f"MATCH (n:{schema.label(label)}) WHERE {region_where('n', label)} "
              f"RETURN {props_expr('n', label)} ORDER BY n.key LIMIT $n")
        return [row[0] for row in self.q(cy, {"r": region, "n": n})]

    def snippets(self, max_docs: int = 200) -> None:
        """Attach the source sentence (from the document's cleaned text) to every node and
        duty edge whose provenance has a span; tasks are their own sentence."""
        want: dict[str, list] = {}
        for n, d in self.g.nodes(data=True):
            p = d.get("props") or {}
            if d.get("type") != "Task" and has_span(p):
                want.setdefault(p["doc"], []).append(("n", n, p["span_start"], p["span_end"]))
        for a, b, k, d in self.g.edges(keys=True, data=True):
            p = d.get("props") or {}
            if k in ("RESPONSIBLE_FOR", "COOPERATES_WITH") and has_span(p):
                want.setdefault(p["doc"], []).append(("e", (a, b, k), p["span_start"], p["span_end"]))
        docs = list(want)[:max_docs]
        if not docs:
            return
        for key, text in self.q("MATCH (d:Document) WHERE d.key IN $keys RETURN d.key, d.text", {"keys": docs}):
            for kind, ref, s, e in want.get(key, []):
                snip = snippet(text or "", s, e)
                if not snip:
                    continue
                if kind == "n":
                    self.g.nodes[ref]["snippet"] = snip
                else:
                    self.g.edges[ref]["snippet"] = snip


def region_where(var: str, label: str) -> str:
    """The filter "sits in region ``$r``": a document by its most local region, anything else by
    its ``region`` property."""
    if label == "Document":
        blank = lambda p: f"({var}.{p} IS NULL OR {var}.{p} = '')"  # noqa: E731
        return (f"({var}.county = $r OR ({var}.city = $r AND {blank('county')}) "
                f"OR ({var}.province = $r AND {blank('city')} AND {blank('county')}))")
    return f"{var}.{schema.prop(label, 'region')} = $r"


# --- finding what the user named ------------------------------------------------------------
def _describe_agency(p: dict) -> str:
    return f"{p.get('name')}（{p.get('region') or '地区不明'}，key={p.get('key')}）"


def find_agency(store: GraphStore, name_or_id: str, region: str | None = None, *,
                timeout_s: float | None = None) -> dict:
    """The one agency named by key, canonical name or alias (省发展改革委 finds the
    provincial 发展和改革委员会 through its aliases); ``region`` picks among namesakes."""
    a = schema.label("Agency")
    steps = [f"MATCH (a:{a}) WHERE a.key = $q RETURN {props_expr('a', 'Agency')}",
             f"MATCH (a:{a}) WHERE a.name = $q RETURN {props_expr('a', 'Agency')}",
             f"MATCH (a:{a}) WHERE $q IN a.aliases RETURN {props_expr('a', 'Agency')}"]
    found: list[dict] = []
    for cy in steps:
        found = [r[0] for r in store.query(cy, {"q": name_or_id}, timeout_s=timeout_s, limit=200).rows]
        if region:
            found = [p for p in found if region in (p.get("region"), p.get("province"))]
        if found:
            break
    if not found:
        where = f" in {region}" if region else ""
        raise NotFoundError(f"no agency named {name_or_id!r}{where} (tried key, name and aliases)",
                            name=name_or_id, region=region)
    if len(found) > 1:
        found.sort(key=lambda p: (p.get("region") or "", p.get("key")))
        listing = "; ".join(_describe_agency(p) for p in found)
        raise ParameterError(f"{name_or_id!r} names {len(found)} agencies: {listing}. "
                             f"Give the key, or a region (--region) to choose.",
                             name=name_or_id, candidates=[{"key": p["key"], "name": p.get("name"),
                                                           "region": p.get("region")} for p in found])
    return found[0]


def find_document(store: GraphStore, number_or_id: str, *, timeout_s: float | None = None) -> dict:
    """The one document named by key, 文号 or exact title."""
    d = schema.label("Document")
    found: list[dict] = []
    for prop in ("key", "doc_number", "title"):
        cy = f"MATCH (d:{d}) WHERE d.{schema.prop('Document', prop)} = $q RETURN {props_expr('d', 'Document')}"
        found = [r[0] for r in store.query(cy, {"q": number_or_id}, timeout_s=timeout_s, limit=50).rows]
        if found:
            break
    if not found:
        raise NotFoundError(f"no document with key, number or title {number_or_id!r}", document=number_or_id)
    if len(found) > 1:
        listing = "; ".join(f"{p.get('title')}（key={p.get('key')}）" for p in found)
        raise ParameterError(f"{number_or_id!r} names {len(found)} documents: {listing}. Give the key.",
                             candidates=[p["key"] for p in found])
    return found[0]


def resolve_region(store: GraphStore, region: str, *, timeout_s: float | None = None) -> str:
    """The region name as the graph spells it: exact, or the one known name that starts
    with what was given (许昌 -> 许昌市)."""
    names = region_names(store, timeout_s=timeout_s)
    if region in names:
        return region
    close = [n for n in names if n.startswith(region)]
    if len(close) == 1:
        return close[0]
    hint = "、".join(close or names[:30])
    raise NotFoundError(f"no region {region!r} in the graph; known: {hint or 'none (ingest documents first)'}",
                        region=region)
