"""Plain lookups: search, fetch by key, and paged listings (what the API and the command line
show besides the library's analysis queries).

The analysis queries (duties, cooperation, cascade, chains, lineage) are named queries of the
library (:mod:`.registry`); what is here is lookups whose filters are chosen in code.  Every value travels as a
``$parameter``; labels and property names come from :mod:`policykg.graph.schema`, and the
optional filters are fixed fragments chosen in code.  The Cypher runs unchanged on LadybugDB
and Neo4j (no ``labels()``/``label()``, no map projections, parameters bound by ``WITH``
before list predicates, which LadybugDB needs).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import distance, fuzz, process

from ..config import Settings
from ..graph import schema
from ..graph.stores import GraphStore
from . import registry
from .ids import key_to_id

AGENCY = ("key", "name", "aliases", "region", "province", "level", "collective", "function")
DOCUMENT = ("key", "title", "doc_number", "issuer", "date", "province", "city", "county", "level", "source",
            "url", "stub", "status", "repealed_by", "repealed_on", "effective", "expires", "number_from")
TASK = ("key", "text", "section", "deadline_text", "deadline", "level", "region", "ordinal", "parent", "doc", "span_start",
        "span_end", "rule")
TARGET = ("key", "text", "value", "value_max", "unit", "qualifier", "region", "doc", "span_start", "span_end")
ZONE = ("key", "name", "region", "kind")
CLUSTER = ("key", "name", "region")


def cols(var: str, lbl: str, fields: tuple[str, ...], prefix: str = "") -> str:
    """A RETURN list of schema properties.

    >>> cols("a", "Agency", ("key", "name"))
    'a.key AS key, a.name AS name'
    """
    return ", ".join(f"{var}.{schema.prop(lbl, f)} AS {prefix}{f}" for f in fields)


def with_id(rec: dict) -> dict:
    """Add the public ``id`` beside the key.

    >>> with_id({"key": "D1", "title": "t"})
    {'id': 'RDE', 'key': 'D1', 'title': 't'}
    """
    return {"id": key_to_id(rec["key"]), **rec} if rec.get("key") is not None else rec


def filters(*parts: tuple[str, str, Any]) -> tuple[list[str], dict]:
    """The fixed condition fragments whose value was given, and their parameters.

    >>> filters(("d.level = $level", "level", "city"), ("d.unit = $unit", "unit", None))
    (['d.level = $level'], {'level': 'city'})
    """
    conds, params = [], {}
    for cond, name, value in parts:
        if value:
            conds.append(cond)
            params[name] = value
    return conds, params


def where(parts: list[str]) -> str:
    return (" WHERE " + " AND ".join(parts)) if parts else ""


@dataclass
class Page:
    total: int
    limit: int
    offset: int
    items: list[dict]

    def as_dict(self) -> dict:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


class Lookups:
    """Lookups on one read store, within the settings' time limit."""

    def __init__(self, store: GraphStore, settings: Settings):
        self.store = store
        self.settings = settings

    def rows(self, cypher: str, **params: Any) -> list[dict]:
        return self.store.query(cypher, params, timeout_s=self.settings.query_timeout_s,
                                limit=self.settings.query_row_limit).records()

    def page(self, head: str, conds: list[str], order: str, ret: str, params: dict, limit: int, offset: int,
              var: str) -> Page:
        """One page of ``head WHERE conds`` ordered by ``order`` (a WITH list), with the total count."""
        total = self.rows(f"{head}{where(conds)} RETURN count({var}) AS n", **params)[0]["n"]
        if offset >= total:  # also: LadybugDB 0.22 can crash on SKIP past the end followed by aggregation
            return Page(total, limit, offset, [])
        items = self.rows(f"{head}{where(conds)} WITH {order} SKIP $offset LIMIT $limit {ret}",
                          **params, offset=offset, limit=limit)
        return Page(total, limit, offset, [with_id(r) for r in items])

    # --- agencies ---------------------------------------------------------------------
    def search_agencies(self, q: str | None, region: str | None, level: str | None, limit: int,
                        offset: int) -> Page:
        """Agencies whose name or an alias contains ``q``; exact, then prefix matches first."""
        conds, params = filters(("(a.name CONTAINS q OR any(x IN a.aliases WHERE x CONTAINS q))", "q", q),
                                ("(a.region = $region OR a.province = $region)", "region", region),
                                ("a.level = $level", "level", level))
        if q:
            head = "WITH $q AS q MATCH (a:Agency)"
            order = ("a, CASE WHEN a.name = q THEN 0 WHEN a.name STARTS WITH q THEN 1 ELSE 2 END AS rank "
                     "ORDER BY rank, size(a.name), a.key")
        else:
            head, order = "MATCH (a:Agency)", "a ORDER BY a.key"
        return self.page(head, conds, order, "RETURN " + cols("a", "Agency", AGENCY), params, limit, offset, "a")

    def agency(self, key: str) -> dict | None:
        found = self.rows(f"MATCH (a:Agency {{key: $key}}) RETURN {cols('a', 'Agency', AGENCY)}", key=key)
        return with_id(found[0]) if found else None

    def library(self, name: str, params: dict) -> list[dict]:
        return registry.run(self.store, name, params, timeout_s=self.settings.query_timeout_s).records()

    def duties(self, key: str, through_reforms: bool = False) -> list[dict]:
        """The rows of the library's ``agency_duties`` for one agency key."""
        return self.library("agency_duties", {"agency": key, "through_reforms": through_reforms})

    def cooperation(self, key: str) -> list[dict]:
        """The rows of the library's ``agency_cooperation`` for one agency key."""
        return self.library("agency_cooperation", {"agency": key})

    def documents_by_key(self, keys: list[str]) -> dict[str, dict]:
        """Title, number, date and text of documents, fetched once per request."""
        cache = self.__dict__.setdefault("_docs", {})
        missing = [k for k in keys if k not in cache]
        if missing:
            for r in self.rows("UNWIND $keys AS k MATCH (d:Document {key: k}) RETURN d.key AS key, "
                               "d.doc_number AS doc_number, d.title AS title, d.date AS date, d.text AS text",
                               keys=missing):
                cache[r["key"]] = r
        return {k: cache[k] for k in keys if k in cache}

    def document_by_source(self, source: str) -> dict | None:
        """The document ingested from a file of that name (uploads name their files uniquely)."""
        found = self.rows(f"MATCH (d:Document) WHERE d.source = $source RETURN {cols('d', 'Document', DOCUMENT)}",
                          source=source)
        return with_id(found[0]) if found else None

    def counterparts(self, key: str) -> dict:
        """Counterparts above (this agency -> higher level) and below."""
        ret = cols("o", "Agency", ("key", "name", "region", "level")) + ", c.score AS score, c.basis AS basis"
        up = self.rows(f"MATCH (a:Agency {{key: $key}})-[c:COUNTERPART_OF]->(o:Agency) RETURN {ret} "
                       f"ORDER BY score DESC, key", key=key)
        down = self.rows(f"MATCH (a:Agency {{key: $key}})<-[c:COUNTERPART_OF]-(o:Agency) RETURN {ret} "
                         f"ORDER BY score DESC, key", key=key)
        return {"upper": [with_id(r) for r in up], "lower": [with_id(r) for r in down]}

    # --- documents --------------------------------------------------------------------
    def documents(self, q: str | None, region: str | None, level: str | None, limit: int, offset: int) -> Page:
        conds, params = filters(("(d.title CONTAINS $q OR d.doc_number CONTAINS $q OR d.key = $q)", "q", q),
                                ("(d.province = $region OR d.city = $region OR d.county = $region)", "region", region),
                                ("d.level = $level", "level", level))
        return self.page("MATCH (d:Document)", conds, "d ORDER BY coalesce(d.date, '') DESC, d.key",
                         "RETURN " + cols("d", "Document", DOCUMENT), params, limit, offset, "d")

    def document_head(self, key: str) -> dict | None:
        """A document's listing columns (no text), or None."""
        found = self.rows(f"MATCH (d:Document {{key: $key}}) RETURN {cols('d', 'Document', DOCUMENT)}", key=key)
        return with_id(found[0]) if found else None

    def document(self, key: str) -> dict | None:
        doc = self.document_head(key)
        if doc is None:
            return None
        doc["tasks"] = self.rows("MATCH (t:Task)-[:PART_OF]->(d:Document {key: $key}) RETURN count(t) AS n",
                                 key=key)[0]["n"]
        doc["agencies"] = [with_id({**r, "surfaces": sorted(r["surfaces"])}) for r in self.rows(
            "MATCH (a:Agency)-[m:MENTIONED_IN]->(d:Document {key: $key}) "
            "RETURN a.key AS key, a.name AS name, collect(m.surface) AS surfaces ORDER BY key", key=key)]
        doc["issuers"] = [with_id(r) for r in self.rows(
            "MATCH (d:Document {key: $key})-[i:ISSUED_BY]->(a:Agency) RETURN a.key AS key, a.name AS name, "
            "a.region AS region, i.position AS position ORDER BY position, key", key=key)]
        return doc

    def document_texts(self, keys: list[str]) -> dict[str, str]:
        return {k: d["text"] or "" for k, d in self.documents_by_key(keys).items()}

    # --- tasks ------------------------------------------------------------------------
    def task(self, key: str) -> dict | None:
        found = self.rows(f"MATCH (t:Task {{key: $key}}) RETURN {cols('t', 'Task', TASK)}", key=key)
        if not found:
            return None
        task = with_id(found[0])
        docs = self.rows("MATCH (t:Task {key: $key})-[:PART_OF]->(d:Document) "
                         "RETURN d.key AS key, d.title AS title, d.doc_number AS doc_number, d.date AS date", key=key)
        task["document"] = with_id(docs[0]) if docs else None
        duties = []
        for typ, role in (("RESPONSIBLE_FOR", "responsible"), ("COOPERATES_WITH", "cooperating")):
            for r in self.rows(f"MATCH (a:Agency)-[e:{schema.rel_type(typ)}]->(t:Task {{key: $key}}) "
                               f"RETURN a.key AS key, a.name AS name, a.region AS region, "
                               f"e.span_start AS span_start, e.span_end AS span_end ORDER BY key", key=key):
                duties.append({**with_id(r), "role": role})
        task["agencies"] = duties
        task["targets"] = [with_id(r) for r in self.rows(
            f"MATCH (g:Target)-[:TARGET_OF]->(t:Task {{key: $key}}) RETURN {cols('g', 'Target', TARGET)} "
            f"ORDER BY key", key=key)]
        return task

    # --- places and targets -------------------------------------------------------------
    def zones(self, q: str | None, region: str | None, limit: int, offset: int) -> Page:
        conds, params = self._name_region("z", q, region)
        page = self.page("MATCH (z:Zone)", conds, "z ORDER BY z.region, z.name, z.key",
                         "RETURN " + cols("z", "Zone", ZONE), params, limit, offset, "z")
        return self._members(page, "Zone", "Cluster", "clusters")

    def clusters(self, q: str | None, region: str | None, limit: int, offset: int) -> Page:
        conds, params = self._name_region("c", q, region)
        page = self.page("MATCH (c:Cluster)", conds, "c ORDER BY c.region, c.name, c.key",
                         "RETURN " + cols("c", "Cluster", CLUSTER), params, limit, offset, "c")
        return self._members(page, "Cluster", "Zone", "zones")

    def _members(self, page: Page, lbl: str, other: str, field: str) -> Page:
        """Attach the names of the zones/clusters joined by MEMBER_OF (either direction)."""
        found: dict[str, set] = {it["key"]: set() for it in page.items}
        if found:
            for r in self.rows(f"MATCH (x:{schema.label(lbl)})-[:MEMBER_OF]-(o:{schema.label(other)}) "
                               f"WHERE x.key IN $keys RETURN x.key AS key, o.name AS name", keys=list(found)):
                found[r["key"]].add(r["name"])
        for it in page.items:
            it[field] = sorted(n for n in found[it["key"]] if n)
        return page

    @staticmethod
    def _name_region(var: str, q: str | None, region: str | None) -> tuple[list[str], dict]:
        return filters((f"{var}.name CONTAINS $q", "q", q), (f"{var}.region = $region", "region", region))

    def targets(self, q: str | None, region: str | None, unit: str | None, limit: int, offset: int) -> Page:
        conds, params = filters(("g.text CONTAINS $q", "q", q), ("g.region = $region", "region", region),
                                ("g.unit = $unit", "unit", unit))
        page = self.page("MATCH (g:Target)", conds, "g ORDER BY g.doc, g.key",
                         "OPTIONAL MATCH (g)-[:TARGET_OF]->(t:Task) RETURN " + cols("g", "Target", TARGET)
                         + ", t.key AS task_key, t.text AS task_text", params, limit, offset, "g")
        for it in page.items:
            it["task"] = (with_id({"key": it.pop("task_key"), "text": it.pop("task_text")})
                          if it.get("task_key") else None)
            it.pop("task_key", None), it.pop("task_text", None)
        return page


def ping(store: GraphStore, timeout_s: float | None = None) -> None:
    """A trivial read: raises the store's error when it cannot answer."""
    store.query("RETURN 1 AS ok", timeout_s=timeout_s)


def all_agencies(store: GraphStore) -> list[dict]:
    """Every agency's listing columns (for an in-memory index)."""
    return store.query(f"MATCH (a:Agency) RETURN {cols('a', 'Agency', AGENCY)}").records()


def agency_names(store: GraphStore, timeout_s: float | None = None) -> list[str]:
    """Every canonical name and alias of the graph's agencies."""
    names: set[str] = set()
    for name, aliases in store.query("MATCH (a:Agency) RETURN a.name, a.aliases", timeout_s=timeout_s).rows:
        names.update(n for n in [name, *(aliases or [])] if n)
    return sorted(names)


def region_names(store: GraphStore, timeout_s: float | None = None) -> list[str]:
    """Every region name the graph knows (place nodes and agency regions)."""
    names: set[str] = set()
    for lbl in schema.PLACES:
        names.update(r[0] for r in store.query(f"MATCH (p:{schema.label(lbl)}) RETURN DISTINCT p.name",
                                               timeout_s=timeout_s).rows)
    names.update(r[0] for r in store.query(f"MATCH (a:{schema.label('Agency')}) RETURN DISTINCT a.region",
                                           timeout_s=timeout_s).rows)
    return sorted(n for n in names if n)


def _likeness(a: str, b: str, **_) -> float:
    """Characters shared in order (the longest common subsequence), ties broken by similarity:
    a typed 省发该委 is nearer 省发展改革委 (3 shared) than 省委 (2)."""
    shared = (len(a) + len(b) - distance.Indel.distance(a, b)) / 2
    return shared + fuzz.ratio(a, b) / 1000


def closest(text: str, names: list[str], n: int = 5) -> list[str]:
    """The ``n`` names most like ``text``, best first.

    >>> closest("省发该委", ["省委", "省发展改革委", "省财政厅", "市发改委"], 2)
    ['省发展改革委', '省委']
    """
    return [m[0] for m in process.extract(text, names, scorer=_likeness, limit=n)]
