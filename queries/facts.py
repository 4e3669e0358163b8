"""What was read from one document, placed in its text: every fact with a span into the cleaned
text (agencies named, tasks, duty markers, targets, zones, clusters, the documents it cites and
repeals), and its tasks page by page with the agencies responsible and cooperating.

A fact is ``{"kind", "start", "end", "key", "label", ...}``; spans index the text the document
page shows (``d.text``), so a page can mark each fact where it was read.
"""
from __future__ import annotations

from .lookups import Lookups, Page, with_id
from .reads.texts import FACT_READS


def facts(look: Lookups, key: str, text: str) -> list[dict]:
    """The facts of document ``key`` that point into its ``text``, by position (then widest first)."""
    out = []
    for kind in FACT_READS:
        for r in look.rows("document_facts", key=key, kind=kind):
            s, e = r.pop("span_start"), r.pop("span_end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
                out.append(with_id({"kind": kind, "start": s, "end": e, **r}))
    return sorted(out, key=lambda f: (f["start"], -f["end"], f["kind"], f["key"]))


def tasks(look: Lookups, key: str, limit: int, offset: int) -> Page:
    """The tasks of document ``key`` in their order, each with ``agencies`` (role lead, responsible
    or cooperating) and ``targets``."""
    page = look.page("document_tasks", {"key": key}, limit, offset)
    keys = {it["key"] for it in page.items}
    agencies: dict[str, list] = {}
    targets: dict[str, list] = {}
    if keys:  # anchored on the document (a list of task keys makes LadybugDB scan), then narrowed here
        for r in look.rows("document_task_agencies", key=key):
            if r["task"] in keys:
                agencies.setdefault(r.pop("task"), []).append(with_id(r))
        for r in look.rows("document_task_targets", key=key):
            if r["task"] in keys:
                targets.setdefault(r.pop("task"), []).append(r)
    order = {"lead": 0, "responsible": 1, "cooperating": 2}
    for it in page.items:
        it["agencies"] = sorted(agencies.get(it["key"], []), key=lambda a: (order[a["role"]], a["key"]))
        it["targets"] = sorted(targets.get(it["key"], []), key=lambda g: g["key"])
    return page
