"""The API's plain lookups as named reads: agencies, documents, tasks, zones, clusters and
targets, by key or paged with optional filters (what ``queries/lookups.py`` runs).

A region filter means the region and every region under it (``$region_under``, by the hierarchy
of ``vocab/``), for every kind of node.
"""
from __future__ import annotations

from ...graph import schema
from ...graph.readform import Param, Read
from .build import PAGE, cols, given, listing

AGENCY = ("key", "name", "aliases", "region", "province", "level", "collective", "function")
DOCUMENT = ("key", "title", "doc_number", "issuer", "date", "province", "city", "county", "level", "source",
            "url", "stub", "status", "repealed_by", "repealed_on", "effective", "expires", "number_from")
TASK = ("key", "text", "section", "deadline_text", "deadline", "level", "region", "ordinal", "parent", "doc", "span_start",
        "span_end", "rule")
TARGET = ("key", "text", "value", "value_max", "unit", "qualifier", "region", "doc", "span_start", "span_end")
ZONE = ("key", "name", "region", "kind")
CLUSTER = ("key", "name", "region")

KEY = Param("key", "string", description="the node's key")
KEYS = Param("keys", "list", description="node keys")


def _opt(name: str, description: str) -> Param:
    return Param(name, "string", required=False, description=description)


Q = _opt("q", "part of the name or text (none = every one)")
LEVEL = _opt("level", "national, province, city or county (none = any)")
UNDER = "the region and every region under it (none = any)"


def _agencies_head(p: dict) -> str:
    return "WITH $q AS q MATCH (a:Agency)" if p.get("q") else "MATCH (a:Agency)"


def _agencies_order(p: dict) -> str:
    if p.get("q"):
        return ("a, CASE WHEN a.name = q THEN 0 WHEN a.name STARTS WITH q THEN 1 ELSE 2 END AS rank "
                "ORDER BY rank, size(a.name), a.key")
    return "a ORDER BY a.key"


def _agencies_where(p: dict) -> list[str]:
    return given(p, ("(a.name CONTAINS q OR any(x IN a.aliases WHERE x CONTAINS q))", "q"),
                 ("(a.region IN $region_under OR a.province IN $region_under)", "region"),
                 ("a.level = $level", "level"))


def _named(var: str, lbl: str, p: dict) -> list[str]:
    return given(p, (f"{var}.name CONTAINS $q", "q"), (f"{var}.region IN $region_under", "region"))


def _counterparts(p: dict) -> str:
    arrow = "-[c:COUNTERPART_OF]->" if p["direction"] == "upper" else "<-[c:COUNTERPART_OF]-"
    ret = cols("o", "Agency", ("key", "name", "region", "level")) + ", c.score AS score, c.basis AS basis"
    return f"MATCH (a:Agency {{key: $key}}){arrow}(o:Agency) RETURN {ret} ORDER BY score DESC, key"


def _duties_of_task(p: dict) -> str:
    return (f"MATCH (a:Agency)-[e:{schema.rel_type(p['type'])}]->(t:Task {{key: $key}}) "
            "RETURN a.key AS key, a.name AS name, a.region AS region, "
            "e.span_start AS span_start, e.span_end AS span_end ORDER BY key")


def _members(p: dict) -> str:
    return (f"MATCH (x:{schema.label(p['label'])})-[:MEMBER_OF]-(o:{schema.label(p['other'])}) "
            "WHERE x.key IN $keys RETURN x.key AS key, o.name AS name")


def _place_names(p: dict) -> str:
    return f"MATCH (p:{schema.label(p['label'])}) RETURN DISTINCT p.name"


def _r(name: str, description: str, params: list[Param], cypher: str = "", build=None) -> Read:
    return Read(name, description, params, cypher, __name__, build=build, internal=True)


READS = [
    _r("ping", "A trivial read: fails when the store cannot answer", [], "RETURN 1 AS ok"),
    _r("agencies", "Agencies whose name or an alias contains q (exact, then prefix matches first), paged",
       [Q, Param("region", "region", required=False, description=UNDER), LEVEL, *PAGE],
       build=listing(_agencies_head, _agencies_where, _agencies_order, "RETURN " + cols("a", "Agency", AGENCY), "a")),
    _r("agency", "One agency's listing columns by key", [KEY],
       f"MATCH (a:Agency {{key: $key}}) RETURN {cols('a', 'Agency', AGENCY)}"),
    _r("all_agencies", "Every agency's listing columns (for an in-memory index)", [],
       f"MATCH (a:Agency) RETURN {cols('a', 'Agency', AGENCY)}"),
    _r("agency_names", "Every agency's canonical name and aliases", [], "MATCH (a:Agency) RETURN a.name, a.aliases"),
    _r("agency_regions", "Every region an agency sits in", [], "MATCH (a:Agency) RETURN DISTINCT a.region"),
    _r("place_names", "Every name of one kind of place", [Param("label", "label", description="Province, City or County")],
       build=_place_names),
    _r("counterparts", "An agency's counterparts above it (upper) or below it (lower), strongest first",
       [KEY, Param("direction", "string", description="upper or lower")], build=_counterparts),
    _r("documents", "Documents whose title, 文号 or key holds q, newest first, paged",
       [Q, Param("region", "region", required=False, description="the issuer's region: " + UNDER), LEVEL, *PAGE],
       build=listing("MATCH (d:Document)", lambda p: given(
           p, ("(d.title CONTAINS $q OR d.doc_number CONTAINS $q OR d.key = $q)", "q"),
           ("(d.province = $region OR d.city = $region OR d.county = $region)", "region"), ("d.level = $level", "level")),
           "d ORDER BY coalesce(d.date, '') DESC, d.key", "RETURN " + cols("d", "Document", DOCUMENT), "d")),
    _r("documents_by_key", "Title, number, date and text of documents", [KEYS],
       "UNWIND $keys AS k MATCH (d:Document {key: k}) RETURN d.key AS key, "
       "d.doc_number AS doc_number, d.title AS title, d.date AS date, d.text AS text"),
    _r("document_by_source", "The document ingested from a file of that name", [Param("source", "string")],
       f"MATCH (d:Document) WHERE d.source = $source RETURN {cols('d', 'Document', DOCUMENT)}"),
    _r("document_head", "A document's listing columns (no text)", [KEY],
       f"MATCH (d:Document {{key: $key}}) RETURN {cols('d', 'Document', DOCUMENT)}"),
    _r("document_task_count", "How many tasks a document has", [KEY],
       "MATCH (t:Task)-[:PART_OF]->(d:Document {key: $key}) RETURN count(t) AS n"),
    _r("document_agencies", "The agencies a document names, with the surfaces it names them by", [KEY],
       "MATCH (a:Agency)-[m:MENTIONED_IN]->(d:Document {key: $key}) "
       "RETURN a.key AS key, a.name AS name, collect(m.surface) AS surfaces ORDER BY key"),
    _r("document_issued_by", "A document's issuers, the lead first", [KEY],
       "MATCH (d:Document {key: $key})-[i:ISSUED_BY]->(a:Agency) RETURN a.key AS key, a.name AS name, "
       "a.region AS region, i.position AS position ORDER BY position, key"),
    _r("task", "One task's columns by key", [KEY], f"MATCH (t:Task {{key: $key}}) RETURN {cols('t', 'Task', TASK)}"),
    _r("task_document", "The document a task is part of", [KEY],
       "MATCH (t:Task {key: $key})-[:PART_OF]->(d:Document) "
       "RETURN d.key AS key, d.title AS title, d.doc_number AS doc_number, d.date AS date"),
    _r("task_duties", "The agencies with one kind of duty on a task, with the duty's span",
       [KEY, Param("type", "reltype", description="RESPONSIBLE_FOR or COOPERATES_WITH")], build=_duties_of_task),
    _r("task_targets", "A task's targets", [KEY],
       f"MATCH (g:Target)-[:TARGET_OF]->(t:Task {{key: $key}}) RETURN {cols('g', 'Target', TARGET)} ORDER BY key"),
    _r("zones", "Zones whose name holds q, by region and name, paged",
       [Q, Param("region", "region", required=False, description=UNDER), *PAGE],
       build=listing("MATCH (z:Zone)", lambda p: _named("z", "Zone", p), "z ORDER BY z.region, z.name, z.key",
                     "RETURN " + cols("z", "Zone", ZONE), "z")),
    _r("clusters", "Clusters whose name holds q, by region and name, paged",
       [Q, Param("region", "region", required=False, description=UNDER), *PAGE],
       build=listing("MATCH (c:Cluster)", lambda p: _named("c", "Cluster", p), "c ORDER BY c.region, c.name, c.key",
                     "RETURN " + cols("c", "Cluster", CLUSTER), "c")),
    _r("members", "The names of the zones or clusters joined to some nodes by MEMBER_OF (either direction)",
       [Param("label", "label"), Param("other", "label"), KEYS], build=_members),
    _r("targets", "Targets whose text holds q, of one region and unit, with their task, paged",
       [Q, Param("region", "region", required=False, description=UNDER),
        _opt("unit", "the base unit (元, 亩, %, ...; none = any)"), *PAGE],
       build=listing("MATCH (g:Target)", lambda p: given(p, ("g.text CONTAINS $q", "q"),
                                                         ("g.region IN $region_under", "region"),
                                                         ("g.unit = $unit", "unit")),
                     "g ORDER BY g.doc, g.key", "OPTIONAL MATCH (g)-[:TARGET_OF]->(t:Task) RETURN "
                     + cols("g", "Target", TARGET) + ", t.key AS task_key, t.text AS task_text", "g")),
]
