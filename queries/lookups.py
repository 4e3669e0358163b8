"""Plain lookups: search, fetch by key, and paged listings (what the API and the command line
show besides the library's analysis queries).

The analysis queries (duties, cooperation, cascade, chains, lineage) are named queries of the
library; what is here composes the catalog's internal reads (:mod:`.reads.lookups`), each run
through :func:`.runner.run` within the settings' time and row limits.  The Cypher runs unchanged
on LadybugDB and Neo4j.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import distance, fuzz, process

from ..config import Settings
from ..graph import schema
from ..graph.stores import GraphStore
from . import runner
from .ids import key_to_id


def with_id(rec: dict) -> dict:
    """Add the public ``id`` beside the key.

    >>> with_id({"key": "D1", "title": "t"})
    {'id': 'RDE', 'key': 'D1', 'title': 't'}
    """
    return {"id": key_to_id(rec["key"]), **rec} if rec.get("key") is not None else rec


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

    def rows(self, read: str, /, **params: Any) -> list[dict]:
        """The records of the catalog's read ``read`` (within the settings' time and row limits)."""
        return runner.run(self.store, read, params, timeout_s=self.settings.query_timeout_s,
                          limit=self.settings.query_row_limit).records()

    def page(self, name: str, params: dict, limit: int, offset: int) -> Page:
        """One page of the paged read ``name`` (its ``count``, then its rows from ``offset``)."""
        total = self.rows(name, **params, count=True)[0]["n"]
        if offset >= total:  # also: LadybugDB 0.22 can crash on SKIP past the end followed by aggregation
            return Page(total, limit, offset, [])
        items = self.rows(name, **params, offset=offset, limit=limit)
        return Page(total, limit, offset, [with_id(r) for r in items])

    def one(self, read: str, /, **params: Any) -> dict | None:
        found = self.rows(read, **params)
        return with_id(found[0]) if found else None

    # --- agencies ---------------------------------------------------------------------
    def search_agencies(self, q: str | None, region: str | None, level: str | None, limit: int,
                        offset: int) -> Page:
        """Agencies whose name or an alias contains ``q``; exact, then prefix matches first."""
        return self.page("agencies", {"q": q, "region": region, "level": level}, limit, offset)

    def agency(self, key: str) -> dict | None:
        return self.one("agency", key=key)

    def library(self, name: str, params: dict) -> list[dict]:
        return runner.run(self.store, name, params, timeout_s=self.settings.query_timeout_s).records()

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
            for r in self.rows("documents_by_key", keys=missing):
                cache[r["key"]] = r
        return {k: cache[k] for k in keys if k in cache}

    def document_by_source(self, source: str) -> dict | None:
        """The document ingested from a file of that name (uploads name their files uniquely)."""
        return self.one("document_by_source", source=source)

    def counterparts(self, key: str) -> dict:
        """Counterparts above (this agency -> higher level) and below."""
        return {side: [with_id(r) for r in self.rows("counterparts", key=key, direction=side)]
                for side in ("upper", "lower")}

    # --- documents --------------------------------------------------------------------
    def documents(self, q: str | None, region: str | None, level: str | None, limit: int, offset: int) -> Page:
        return self.page("documents", {"q": q, "region": region, "level": level}, limit, offset)

    def document_head(self, key: str) -> dict | None:
        """A document's listing columns (no text), or None."""
        return self.one("document_head", key=key)

    def document(self, key: str) -> dict | None:
        doc = self.document_head(key)
        if doc is None:
            return None
        doc["tasks"] = self.rows("document_task_count", key=key)[0]["n"]
        doc["agencies"] = [with_id({**r, "surfaces": sorted(r["surfaces"])})
                           for r in self.rows("document_agencies", key=key)]
        doc["issuers"] = [with_id(r) for r in self.rows("document_issued_by", key=key)]
        return doc

    def document_texts(self, keys: list[str]) -> dict[str, str]:
        return {k: d["text"] or "" for k, d in self.documents_by_key(keys).items()}

    # --- tasks ------------------------------------------------------------------------
    def task(self, key: str) -> dict | None:
        task = self.one("task", key=key)
        if task is None:
            return None
        docs = self.rows("task_document", key=key)
        task["document"] = with_id(docs[0]) if docs else None
        duties = []
        for typ, role in (("RESPONSIBLE_FOR", "responsible"), ("COOPERATES_WITH", "cooperating")):
            for r in self.rows("task_duties", key=key, type=typ):
                duties.append({**with_id(r), "role": role})
        task["agencies"] = duties
        task["targets"] = [with_id(r) for r in self.rows("task_targets", key=key)]
        return task

    # --- places and targets -------------------------------------------------------------
    def zones(self, q: str | None, region: str | None, limit: int, offset: int) -> Page:
        return self._members(self.page("zones", {"q": q, "region": region}, limit, offset), "Zone", "Cluster",
                             "clusters")

    def clusters(self, q: str | None, region: str | None, limit: int, offset: int) -> Page:
        return self._members(self.page("clusters", {"q": q, "region": region}, limit, offset), "Cluster", "Zone",
                             "zones")

    def _members(self, page: Page, lbl: str, other: str, field: str) -> Page:
        """Attach the names of the zones/clusters joined by MEMBER_OF (either direction)."""
        found: dict[str, set] = {it["key"]: set() for it in page.items}
        if found:
            for r in self.rows("members", label=lbl, other=other, keys=list(found)):
                found[r["key"]].add(r["name"])
        for it in page.items:
            it[field] = sorted(n for n in found[it["key"]] if n)
        return page

    def targets(self, q: str | None, region: str | None, unit: str | None, limit: int, offset: int) -> Page:
        page = self.page("targets", {"q": q, "region": region, "unit": unit}, limit, offset)
        for it in page.items:
            it["task"] = (with_id({"key": it.pop("task_key"), "text": it.pop("task_text")})
                          if it.get("task_key") else None)
            it.pop("task_key", None), it.pop("task_text", None)
        return page


def ping(store: GraphStore, timeout_s: float | None = None) -> None:
    """A trivial read: raises the store's error when it cannot answer."""
    runner.run(store, "ping", timeout_s=timeout_s)


def all_agencies(store: GraphStore) -> list[dict]:
    """Every agency's listing columns (for an in-memory index)."""
    return runner.run(store, "all_agencies").records()


def agency_names(store: GraphStore, timeout_s: float | None = None) -> list[str]:
    """Every canonical name and alias of the graph's agencies."""
    names: set[str] = set()
    for name, aliases in runner.run(store, "agency_names", timeout_s=timeout_s).rows:
        names.update(n for n in [name, *(aliases or [])] if n)
    return sorted(names)


def region_names(store: GraphStore, timeout_s: float | None = None) -> list[str]:
    """Every region name the graph knows (place nodes and agency regions)."""
    names: set[str] = set()
    for lbl in schema.PLACES:
        names.update(r[0] for r in runner.run(store, "place_names", {"label": lbl}, timeout_s=timeout_s).rows)
    names.update(r[0] for r in runner.run(store, "agency_regions", timeout_s=timeout_s).rows)
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
