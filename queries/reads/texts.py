"""Reads of what was read from documents, placed in their texts: the facts of one document with
their spans (``document_facts``), its tasks paged with their agencies and targets, the full-text
search of tasks (``task_search``) and the details of found tasks,
and documents' cleaned texts.
"""
from __future__ import annotations

from ...graph import schema
from ...graph.readform import Param, Read
from .build import PAGE, given, listing

ANCHOR = "(d:Document {key: $key})"
SPAN = "x.span_start AS span_start, x.span_end AS span_end"  # (END is a keyword of LadybugDB's Cypher)

# kind -> the Cypher that finds that kind's facts with spans in the document (``x`` carries the span)
FACT_READS = {
    "agency": f"MATCH (a:Agency)-[x:MENTIONED_IN]->{ANCHOR} RETURN a.key AS key, a.name AS label, {SPAN}",
    "zone": f"MATCH (a:Zone)-[x:MENTIONED_IN]->{ANCHOR} RETURN a.key AS key, a.name AS label, {SPAN}",
    "cluster": f"MATCH (a:Cluster)-[x:MENTIONED_IN]->{ANCHOR} RETURN a.key AS key, a.name AS label, {SPAN}",
    "task": f"MATCH (x:Task)-[:PART_OF]->{ANCHOR} RETURN x.key AS key, x.text AS label, {SPAN}, x.ordinal AS ordinal",
    "duty": f"MATCH (a:Agency)-[x:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->{ANCHOR} "
            f"RETURN a.key AS key, a.name AS label, {SPAN}, t.key AS task_key, "
            f"CASE WHEN x.lead IS NULL THEN 'cooperating' WHEN x.lead THEN 'lead' ELSE 'responsible' END AS role",
    "target": f"MATCH (x:Target)-[:TARGET_OF]->(:Task)-[:PART_OF]->{ANCHOR} "
              f"RETURN x.key AS key, x.text AS label, {SPAN}, x.value AS value, x.unit AS unit",
    "citation": f"MATCH {ANCHOR}-[x:DERIVED_FROM]->(o:Document) "
                f"RETURN o.key AS key, coalesce(o.title, o.doc_number, o.key) AS label, {SPAN}, o.stub AS stub, "
                f"x.basis AS basis",
    "repeal": f"MATCH {ANCHOR}-[x:SUPERSEDES]->(o:Document) "
              f"RETURN o.key AS key, coalesce(o.title, o.doc_number, o.key) AS label, {SPAN}, x.partial AS partial",
}
DOC_TASK = ("key", "text", "section", "deadline", "deadline_text", "ordinal", "span_start", "span_end")
SEARCH_FIELDS = ("key", "text", "deadline", "deadline_text", "region", "ordinal")
ORDER = "coalesce(t.region, ''), coalesce(t.doc, ''), coalesce(t.ordinal, 0), t.key"

KEY = Param("key", "string", description="a document key")
TASK_KEY = Param("key", "string", description="a task key")


def _r(name: str, description: str, params: list[Param], cypher: str = "", build=None) -> Read:
    return Read(name, description, params, cypher, __name__, build=build, internal=True)


def _ret(fields: tuple[str, ...]) -> str:
    return ", ".join(f"t.{schema.prop('Task', f)} AS {f}" for f in fields)


READS = [
    _r("document_facts", "The facts of one kind that a document's text holds, with their spans",
       [KEY, Param("kind", "string", description=", ".join(FACT_READS))], build=lambda p: FACT_READS[p["kind"]]),
    _r("document_tasks", "A document's tasks in their order, paged", [KEY, *PAGE],
       build=listing(f"MATCH (t:Task)-[:PART_OF]->{ANCHOR}", lambda p: [], "t ORDER BY coalesce(t.ordinal, 0), t.key",
                     f"RETURN {_ret(DOC_TASK)}", "t")),
    _r("document_task_agencies", "The agencies of every task of a document, with their role", [KEY],
       f"MATCH (a:Agency)-[e:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->{ANCHOR} "
       "RETURN t.key AS task, a.key AS key, a.name AS name, a.region AS region, "
       "CASE WHEN e.lead IS NULL THEN 'cooperating' WHEN e.lead THEN 'lead' ELSE 'responsible' END AS role"),
    _r("document_task_targets", "The targets of every task of a document", [KEY],
       f"MATCH (g:Target)-[:TARGET_OF]->(t:Task)-[:PART_OF]->{ANCHOR} "
       "RETURN t.key AS task, g.key AS key, g.text AS text, g.value AS value, g.unit AS unit"),
    _r("all_tasks", "Every task's key, text, region, document and order (for an in-memory index)", [],
       "MATCH (t:Task) RETURN t.key AS key, t.text AS text, t.region AS region, t.doc AS doc, t.ordinal AS ordinal"),
    _r("task_search", "The keys of the tasks whose text holds q, by region, document and order, paged",
       [Param("q", "string", required=False, description="part of the task's text"),
        Param("region", "region", required=False, description="the region and every region under it (none = any)"),
        *PAGE],
       build=listing("MATCH (t:Task)", lambda p: given(p, ("t.text CONTAINS $q", "q"),
                                                       ("t.region IN $region_under", "region")),
                     f"t ORDER BY {ORDER}", "RETURN t.key AS key", "t")),
    _r("task_with_document", "A task's search columns with its document", [TASK_KEY],
       f"MATCH (t:Task {{key: $key}})-[:PART_OF]->(d:Document) RETURN {_ret(SEARCH_FIELDS)}, d.key AS doc_key, "
       "d.title AS doc_title, d.doc_number AS doc_number, d.date AS doc_date"),
    _r("task_responsible", "The agencies responsible for a task, with the lead flag", [TASK_KEY],
       "MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(t:Task {key: $key}) RETURN a.key AS key, a.name AS name, e.lead AS lead "
       "ORDER BY key"),
    _r("document_texts", "The cleaned text of documents (the spans index it)",
       [Param("keys", "list", description="document keys")],
       "UNWIND $keys AS k MATCH (d:Document {key: k}) RETURN d.key AS key, d.text AS text"),
]
