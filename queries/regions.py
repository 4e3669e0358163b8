"""Regions: the provinces, cities and counties of the graph, searched by name, and one region's
summary -- its place among the levels (parent, the regions below it), its documents by year and
how many agencies, tasks, targets, zones and clusters sit in it.

Every value travels as a ``$parameter``; labels and properties come from :mod:`policykg.graph.schema`.
A region is named as documents and agencies name it (``许昌市``): namesakes in two provinces
(two 朝阳区) share that name, as they share it in every filter of the API.
"""
from __future__ import annotations

from ..graph import schema
from .lookups import Lookups, Page

LEVEL_OF = {"Province": "province", "City": "city", "County": "county"}
RANK = {"province": 0, "city": 1, "county": 2}


def places(look: Lookups, q: str | None = None, name: str | None = None) -> list[dict]:
    """Every place whose name contains ``q`` (or equals ``name``), with its ``level``."""
    out = []
    for lbl in schema.PLACES:
        params = {"name": name} if name is not None else {"q": q or ""}
        for r in look.rows("places", label=lbl, **params):
            out.append({**r, "level": LEVEL_OF[lbl]})
    return out


def search_order(q: str):
    """Exact names first, then prefixes, then higher levels, shorter names, by name.

    >>> rows = [{"name": "许昌县", "level": "county"}, {"name": "许昌市", "level": "city"},
    ...         {"name": "新许昌", "level": "county"}]
    >>> [r["name"] for r in sorted(rows, key=search_order("许昌"))]
    ['许昌市', '许昌县', '新许昌']
    """
    def key(r: dict):
        name = r.get("name") or ""
        return (name != q, not name.startswith(q), RANK.get(r.get("level"), 3), len(name), name, r.get("key") or "")
    return key


def search(look: Lookups, q: str | None, level: str | None, parent: str | None, limit: int, offset: int) -> Page:
    """Regions by part of their name, of one level, or directly below ``parent``."""
    rows = places(look, q)
    if level:
        rows = [r for r in rows if r["level"] == level]
    if parent:
        rows = [r for r in rows if parent_of(r) == parent]
    rows.sort(key=search_order(q or ""))
    return Page(len(rows), limit, offset, rows[offset:offset + limit])


def parent_of(place: dict) -> str | None:
    """The region directly above a place (a county of a 直辖市 sits below its province).

    >>> parent_of({"level": "county", "city": "", "province": "上海市"}), parent_of({"level": "province"})
    ('上海市', None)
    """
    if place["level"] == "county":
        return place.get("city") or place.get("province") or None
    if place["level"] == "city":
        return place.get("province") or None
    return None


def children(look: Lookups, name: str) -> list[dict]:
    """The regions directly below ``name``: cities of a province, counties of a city (or of a
    province-level municipality), by name."""
    rows = [{**r, "level": "city"} for r in look.rows("cities_in", r=name)]
    rows += [{**r, "level": "county"} for r in look.rows("counties_in", r=name)]
    return sorted(rows, key=lambda r: (RANK[r["level"]], r["name"], r["key"]))


def documents_by_year(look: Lookups, name: str) -> list[dict]:
    """Per year: the region's own documents (issued at its level) and those of the regions below it.

    Years come from the documents' dates (``YYYY-...``); undated documents count under ``year: None``."""
    rows = look.rows("documents_by_year", r=name)
    years: dict = {}
    for r in rows:
        year = int(r["date"][:4]) if r["date"] and r["date"][:4].isdigit() else None
        slot = years.setdefault(year, {"year": year, "own": 0, "below": 0})
        slot["own" if r["own"] else "below"] += r["n"]
    return sorted(years.values(), key=lambda y: (y["year"] is None, y["year"] or 0))


COUNTED = {"agencies": "Agency", "tasks": "Task", "targets": "Target", "zones": "Zone", "clusters": "Cluster"}


def counts(look: Lookups, name: str) -> dict[str, int]:
    """How many agencies, tasks, targets, zones and clusters sit in the region itself."""
    return {field: look.rows("count_in_region", label=lbl, r=name)[0]["n"] for field, lbl in COUNTED.items()}


def region(look: Lookups, name: str) -> dict | None:
    """One region's summary, or None when no place, document or agency has that name."""
    found = places(look, name=name)
    by_year = documents_by_year(look, name)
    tally = counts(look, name)
    if not found and not by_year and not tally["agencies"]:
        return None
    found.sort(key=lambda p: (RANK[p["level"]], p["key"]))
    level = found[0]["level"] if found else None
    return {"name": name, "level": level, "places": found, "parent": parent_of(found[0]) if found else None,
            "children": children(look, name), "documents_by_year": by_year,
            "documents": sum(y["own"] for y in by_year), "documents_below": sum(y["below"] for y in by_year),
            **tally}
