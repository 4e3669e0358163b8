"""Reads of regions (what ``queries/regions.py`` composes): places by name, the regions directly
below one, a region's documents by year (the region and every region under it), and how many
nodes of a label sit in the region itself.
"""
from __future__ import annotations

from ...graph import schema
from ...graph.readform import Param, Read

LABEL = Param("label", "label", description="Province, City or County")
REGION = Param("r", "string", description="a region name")


def place_columns(lbl: str) -> str:
    """The RETURN list of a place label (a column it lacks is ``NULL``).

    >>> place_columns("City")
    'p.key AS key, p.name AS name, p.province AS province, NULL AS city'
    """
    have = schema.NODES[schema.label(lbl)].props
    parts = ["p.key AS key", "p.name AS name"]
    parts += [f"p.{c} AS {c}" if c in have else f"NULL AS {c}" for c in ("province", "city")]
    return ", ".join(parts)


def _places(p: dict) -> str:
    cond = "p.name = $name" if p.get("name") is not None else "($q = '' OR p.name CONTAINS $q)"
    return f"MATCH (p:{schema.label(p['label'])}) WHERE {cond} RETURN {place_columns(p['label'])}"


def _count(p: dict) -> str:
    lbl = p["label"]
    return f"MATCH (n:{schema.label(lbl)}) WHERE n.{schema.prop(lbl, 'region')} = $r RETURN count(n) AS n"


def _r(name: str, description: str, params: list[Param], cypher: str = "", build=None) -> Read:
    return Read(name, description, params, cypher, __name__, build=build, internal=True)


READS = [
    _r("places", "The places of one level whose name holds q, or equals name",
       [LABEL, Param("q", "string", required=False, description="part of the name"),
        Param("name", "string", required=False, description="the whole name (instead of q)")], build=_places),
    _r("cities_in", "The cities of a province", [REGION],
       f"MATCH (p:{schema.label('City')}) WHERE p.province = $r RETURN {place_columns('City')}"),
    _r("counties_in", "The counties of a city, or of a province-level municipality", [REGION],
       f"MATCH (p:{schema.label('County')}) WHERE p.city = $r OR (p.province = $r AND coalesce(p.city, '') = '') "
       f"RETURN {place_columns('County')}"),
    _r("documents_by_year", "Per date: the documents of the region and every region under it, and whether the "
       "region issued them itself", [REGION],
       "MATCH (d:Document) WHERE d.stub = false AND (d.province = $r OR d.city = $r OR d.county = $r) "
       "RETURN d.date AS date, coalesce(d.county, d.city, d.province) = $r AS own, count(d) AS n"),
    _r("count_in_region", "How many nodes of a label sit in the region itself (its region property, exactly)",
       [LABEL, REGION], build=_count),
]
