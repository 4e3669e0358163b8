"""Read the subgraphs the views (:mod:`policykg.viz`) draw, with read-only parameterized
Cypher, into networkx.

Every read is a named read of the catalog (:mod:`.reads.views`: labels, types and property names
from :mod:`policykg.graph.schema`, values only as ``$parameters``); it runs through
:func:`.runner.run` (read-only, time-limited, row-limited), so it works the same on LadybugDB and
Neo4j.  Queries are
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
from . import runner
from .anchors import regions_under
from .lookups import region_names

PER_KEY = 5000  # up to this many keys, LadybugDB reads them one anchored query each (see Fetcher.keyed)


def nid(label: str, key: str) -> str:
    """The graph id of a node.

    >>> nid("Agency", "河南省|发展和改革委员会")
    'Agency:河南省|发展和改革委员会'
    """
    return f"{label}:{key}"


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

    @property
    def room(self) -> int:
        """How many more nodes the cap leaves room for."""
        return max(0, self.cap - self.g.number_of_nodes())

    def q(self, name: str, params: dict, limit: int | None = None) -> list[list]:
        """The rows of the catalog's read ``name`` (a note on the graph when they were cut)."""
        res = runner.run(self.store, name, params, timeout_s=self.timeout_s, limit=limit or self.row_limit)
        if res.truncated:
            self.note(f"部分关系超过 {limit or self.row_limit} 行，只读取了前 {limit or self.row_limit} 行。")
            self.g.graph["partial"] = True
        return res.rows

    def keyed(self, name: str, keys: list[str], params: dict | None = None,
              limit: int | None = None) -> list[list]:
        """The rows of read ``name`` with ``key`` bound to one key, for each key, or with ``keys``
        (the list) at once.  LadybugDB checks ``key IN $list`` against every row of the
        table (~1 s for 800 tasks among 370k), where a read anchored on one key is an index seek
        (~0.5 ms; ~7 ms a key of the list at 370k tasks): up to :data:`PER_KEY` keys are read one by one
        there; Neo4j seeks either way."""
        params = dict(params or {})
        if self.store.dialect == "ladybug" and len(keys) <= PER_KEY:
            rows: list[list] = []
            for k in keys:
                rows += self.q(name, {**params, "key": k}, limit)
            return rows
        return self.q(name, {**params, "keys": list(keys)}, limit)

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
        if a in self.g and b in self.g and not self.g.has_edge(a, b, key=typ):
            self.g.add_edge(a, b, key=typ, type=typ, props=dict(props or {}))

    def keys(self, label: str) -> list[str]:
        return [d["key"] for _, d in self.g.nodes(data=True) if d.get("type") == label]

    # --- reads ---------------------------------------------------------------------------
    def nodes(self, label: str, keys: list[str]) -> list[dict]:
        if not keys:
            return []
        return [r[0] for r in self.keyed("view_nodes", list(keys), {"label": label})]

    def hop(self, anchor: str, keys: list[str], typ: str, other: str, direction: str = "out",
            limit: int | None = None, via: tuple[str, list[str], tuple[str, ...]] | None = None) -> list[tuple]:
        """(anchor key, other node's props, edge props) for each ``typ`` edge between the
        anchors and ``other`` nodes; ``out`` = anchor -> other, ``in`` = other -> anchor;
        ``limit``: at most that many, by the other node's key.  ``via`` = (label, keys, types):
        the anchors are reached from those nodes by those relationships (an agency's tasks), so
        LadybugDB reads them with one anchored query per via node instead of one per anchor."""
        if not keys:
            return []
        step = {"anchor": anchor, "type": typ, "other": other, "direction": direction}
        if via is not None and self.store.dialect == "ladybug" and len(via[1]) <= PER_KEY:
            vlabel, vkeys, vtypes = via
            wanted = set(keys)
            rows = [row for row in self.keyed("view_hop_via", list(vkeys), {**step, "via": vlabel,
                                                                            "via_types": list(vtypes)})
                    if row[0] in wanted]
        else:
            rows = self.keyed("view_hop", list(keys), {**step, **({"n": limit + 1} if limit else {})})
        out = list({(row[0], row[1]["key"]): tuple(row) for row in rows}.values())  # one row per pair
        if limit is None:
            return out
        if len(out) > limit:  # more than the budget: the page says it shows part of them
            self.g.graph["partial"] = True
        return sorted(out, key=lambda t: (t[1]["key"], t[0]))[:limit]

    def expand(self, anchor: str, keys: list[str], typ: str, other: str, direction: str = "out",
               keep=None, limit: int | None = None, via=None, **attrs) -> list[str]:
        """Add the ``typ`` neighbours of the anchors (those ``keep(props)`` accepts; at most
        ``limit`` new ones) and the edges to them; returns the keys of the neighbours that were new."""
        if limit is not None and limit <= 0:
            self.g.graph["partial"] = True  # no room left: what this step would add is not read
            return []
        new = []
        for akey, oprops, eprops in self.hop(anchor, keys, typ, other, direction,
                                             None if limit is None else limit + self.g.number_of_nodes(), via):
            if keep is not None and not keep(oprops):
                continue
            o = nid(other, oprops["key"])
            if o not in self.g:
                if limit is not None and len(new) >= limit:
                    continue
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
                for ak, bk, props in self._edges(typ, src, dst, by_label[src], by_label[dst]):
                    self.add_edge(typ, nid(src, ak), nid(dst, bk), props)

    def _edges(self, typ: str, src: str, dst: str, a_keys: list[str], b_keys: list[str]) -> list[list]:
        """The ``typ`` edges from ``a_keys`` to ``b_keys``: read from the side with fewer keys."""
        step = {"src": src, "type": typ, "dst": dst}
        if self.store.dialect != "ladybug" or min(len(a_keys), len(b_keys)) > PER_KEY:
            return self.q("view_edges", {**step, "a": a_keys, "b": b_keys})
        from_a = len(a_keys) <= len(b_keys)
        others = set(b_keys if from_a else a_keys)
        rows = self.keyed("view_edges", a_keys if from_a else b_keys, {**step, "side": "src" if from_a else "dst"})
        return [row for row in rows if row[1 if from_a else 0] in others]

    def degree(self, label: str, key: str, typ: str) -> int:
        """How many ``typ`` relationships leave the node."""
        return self.q("view_degree", {"label": label, "type": typ, "key": key})[0][0]

    def task_counts(self, keys: list[str]) -> dict[str, int]:
        """Document key -> how many tasks it has."""
        return dict(self.keyed("view_task_counts", keys))

    def region_count(self, label: str, region: str) -> int:
        """How many nodes of a label sit in a region, exactly (a document by its most local region:
        the view read ``view_region_count``)."""
        return self.q("view_region_count", {"label": label, "r": region})[0][0]

    def region_nodes(self, label: str, region: str, n: int) -> list[dict]:
        """The first ``n`` nodes (by key) of a label in a region."""
        return [row[0] for row in self.q("view_region_nodes", {"label": label, "r": region, "n": n})]

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
        for key, text in self.keyed("view_texts", docs):
            for kind, ref, s, e in want.get(key, []):
                snip = snippet(text or "", s, e)
                if not snip:
                    continue
                if kind == "n":
                    self.g.nodes[ref]["snippet"] = snip
                else:
                    self.g.edges[ref]["snippet"] = snip


# --- finding what the user named ------------------------------------------------------------
def _describe_agency(p: dict) -> str:
    return f"{p.get('name')}（{p.get('region') or '地区不明'}，key={p.get('key')}）"


def find_agency(store: GraphStore, name_or_id: str, region: str | None = None, *,
                timeout_s: float | None = None) -> dict:
    """The one agency named by key, canonical name or alias (省发展改革委 finds the
    provincial 发展和改革委员会 through its aliases); ``region`` picks among namesakes."""
    found: list[dict] = []
    for by in ("key", "name", "alias"):
        found = [r[0] for r in runner.run(store, "find_agency", {"by": by, "q": name_or_id}, timeout_s=timeout_s,
                                          limit=200).rows]
        if region:
            under = set(regions_under(region))  # the region and every region under it
            found = [p for p in found if p.get("region") in under or p.get("province") in under]
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
    found: list[dict] = []
    for by in ("key", "doc_number", "title"):
        found = [r[0] for r in runner.run(store, "find_document", {"by": by, "q": number_or_id}, timeout_s=timeout_s,
                                          limit=50).rows]
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
    for lbl in schema.PLACES:  # a place of that name: three small tables, before every agency's region
        if runner.run(store, "place_named", {"label": lbl, "r": region}, timeout_s=timeout_s).rows[0][0]:
            return region
    names = region_names(store, timeout_s=timeout_s)
    if region in names:
        return region
    close = [n for n in names if n.startswith(region)]
    if len(close) == 1:
        return close[0]
    hint = "、".join(close or names[:30])
    raise NotFoundError(f"no region {region!r} in the graph; known: {hint or 'none (ingest documents first)'}",
                        region=region)
