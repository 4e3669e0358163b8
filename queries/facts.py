"""What was read from one document, placed in its text: every fact with a span into the cleaned
text (agencies named, tasks, duty markers, targets, zones, clusters, the documents it cites and
repeals), and its tasks page by page with the agencies responsible and cooperating.

A fact is ``{"kind", "start", "end", "key", "label", ...}``; spans index the text the document
page shows (``d.text``), so a page can mark each fact where it was read.
"""
from __future__ import annotations

from ..graph import schema
from .lookups import Lookups, Page, with_id

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


def facts(look: Lookups, key: str, text: str) -> list[dict]:
    """The facts of document ``key`` that point into its ``text``, by position (then widest first)."""
    out = []
    for kind, cypher in FACT_READS.items():
        for r in look.rows(cypher, key=key):
            s, e = r.pop("span_start"), r.pop("span_end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
                out.append(with_id({"kind": kind, "start": s, "end": e, **r}))
    return sorted(out, key=lambda f: (f["start"], -f["end"], f["kind"], f["key"]))


TASK = ("key", "text", "section", "deadline", "deadline_text", "ordinal", "span_start", "span_end")


def tasks(look: Lookups, key: str, limit: int, offset: int) -> Page:
    """The tasks of document ``key`` in their order, each with ``agencies`` (role lead, responsible
    or cooperating) and ``targets``."""
    ret = ", ".join(f"t.{schema.prop('Task', f)} AS {f}" for f in TASK)
    page = look.page(f"MATCH (t:Task)-[:PART_OF]->{ANCHOR}", [], "t ORDER BY coalesce(t.ordinal, 0), t.key",
                     f"RETURN {ret}", {"key": key}, limit, offset, "t")
    keys = {it["key"] for it in page.items}
    agencies: dict[str, list] = {}
    targets: dict[str, list] = {}
    if keys:  # anchored on the document (a list of task keys makes LadybugDB scan), then narrowed here
        for r in look.rows(f"MATCH (a:Agency)-[e:RESPONSIBLE_FOR|COOPERATES_WITH]->(t:Task)-[:PART_OF]->{ANCHOR} "
                           "RETURN t.key AS task, a.key AS key, a.name AS name, a.region AS region, "
                           "CASE WHEN e.lead IS NULL THEN 'cooperating' WHEN e.lead THEN 'lead' ELSE 'responsible' "
                           "END AS role", key=key):
            if r["task"] in keys:
                agencies.setdefault(r.pop("task"), []).append(with_id(r))
        for r in look.rows(f"MATCH (g:Target)-[:TARGET_OF]->(t:Task)-[:PART_OF]->{ANCHOR} "
                           "RETURN t.key AS task, g.key AS key, g.text AS text, g.value AS value, g.unit AS unit",
                           key=key):
            if r["task"] in keys:
                targets.setdefault(r.pop("task"), []).append(r)
    order = {"lead": 0, "responsible": 1, "cooperating": 2}
    for it in page.items:
        it["agencies"] = sorted(agencies.get(it["key"], []), key=lambda a: (order[a["role"]], a["key"]))
        it["targets"] = sorted(targets.get(it["key"], []), key=lambda g: g["key"])
    return page
