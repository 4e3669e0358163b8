"""Full-text search of tasks, and the kinds a search box looks through.

A task is found by any part of its text (``CONTAINS``); hits are ordered by region, document,
their order in it and key, and each comes with its document and the agencies responsible for
it.  Finding the keys is the scan :func:`task_keys` (Neo4j), or an in-memory index of the same
order (``api/task_index.py``, LadybugDB); the details are read by key either way.
"""
from __future__ import annotations

from typing import Callable

from ..graph.stores.base import GraphStore
from . import runner
from .lookups import Lookups, Page, with_id
from .reads.texts import ORDER

KINDS = ("agency", "document", "region", "zone", "cluster", "task")  # what GET /search looks through



def task_order(row: dict) -> tuple:
    """The search order of a task row (as :data:`ORDER` sorts in Cypher).

    >>> sorted([{"key": "b", "region": "甲"}, {"key": "a", "region": None, "ordinal": 2}], key=task_order)[0]["key"]
    'a'
    """
    return row.get("region") or "", row.get("doc") or "", row.get("ordinal") or 0, row["key"]


def all_tasks(store: GraphStore) -> list[dict]:
    """Every task's key, text, region, document and order (for an in-memory index)."""
    return runner.run(store, "all_tasks").records()


def task_keys(look: Lookups, q: str, region: str | None, limit: int, offset: int) -> tuple[int, list[str]]:
    """How many tasks (of one region) have ``q`` in their text, and the keys of one page, by scan."""
    page = look.page("task_search", {"q": q, "region": region}, limit, offset)
    return page.total, [r["key"] for r in page.items]


def task_details(look: Lookups, keys: list[str]) -> list[dict]:
    """The tasks of ``keys`` in that order, each with its ``document`` and responsible ``agencies``
    (the lead first), read by key (one anchored read each: a list of keys makes LadybugDB scan)."""
    out = []
    for key in keys:
        found = look.rows("task_with_document", key=key)
        if not found:
            continue
        r = found[0]
        doc = {"key": r.pop("doc_key"), "title": r.pop("doc_title"), "doc_number": r.pop("doc_number"),
               "date": r.pop("doc_date")}
        agencies = look.rows("task_responsible", key=key)
        out.append({**with_id(r), "document": with_id(doc),
                    "agencies": sorted((with_id(a) for a in agencies), key=lambda a: (not a.get("lead"), a["key"]))})
    return out


def tasks(look: Lookups, q: str | None, region: str | None, limit: int, offset: int,
          finder: Callable[[str, str | None, int, int], tuple[int, list[str]]] | None = None) -> Page:
    """Tasks whose text contains ``q`` (of one region when given), one page with details;
    ``finder(q, region, limit, offset)`` -> (total, keys) replaces the scan (an index)."""
    total, keys = (finder or (lambda *a: task_keys(look, *a)))(q or "", region, limit, offset)
    return Page(total, limit, offset, task_details(look, keys))
