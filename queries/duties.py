"""An agency's duties as a table an analyst filters and pages: the rows of the library's
``agency_duties`` for one agency key, narrowed by role (lead, responsible, cooperating), document
and year, with the counts of each value (facets) so a page can offer them.
"""
from __future__ import annotations

from collections import Counter

ROLES = ("lead", "responsible", "cooperating")


def role_of(row: dict) -> str:
    """牵头 (lead), 负责 (responsible, not the lead) or 配合 (cooperating).

    >>> role_of({"role": "responsible", "lead": True}), role_of({"role": "cooperating", "lead": False})
    ('lead', 'cooperating')
    """
    if row.get("role") == "responsible":
        return "lead" if row.get("lead") else "responsible"
    return "cooperating"


def year_of(row: dict) -> int | None:
    """The year of the duty's document (its date), None when undated.

    >>> year_of({"date": "2020-05-01"}), year_of({"date": None})
    (2020, None)
    """
    d = row.get("date") or ""
    return int(d[:4]) if d[:4].isdigit() else None


def facets(rows: list[dict]) -> dict:
    """How many duties of each role, year and document."""
    docs: dict[str, dict] = {}
    for r in rows:
        k = r.get("document_key")
        if k not in docs:
            docs[k] = {"key": k, "title": r.get("title"), "doc_number": r.get("doc_number"), "date": r.get("date"),
                       "duties": 0}
        docs[k]["duties"] += 1
    roles = Counter(role_of(r) for r in rows)
    years = Counter(year_of(r) for r in rows)
    return {"roles": [{"role": x, "duties": roles[x]} for x in ROLES if roles[x]],
            "years": [{"year": y, "duties": n} for y, n in sorted(years.items(), key=lambda kv: (kv[0] is None,
                                                                                               kv[0] or 0))],
            "documents": sorted(docs.values(), key=lambda d: (d["date"] or "", d["key"] or ""), reverse=True)}


def narrow(rows: list[dict], role: str | None = None, document: str | None = None,
           year: int | None = None) -> list[dict]:
    """The duties of one role, document (key) and year, each given; every row gets ``duty_role``.

    >>> rows = [{"role": "responsible", "lead": True, "document_key": "A", "date": "2020-01-01"},
    ...         {"role": "cooperating", "lead": False, "document_key": "B", "date": "2021-01-01"}]
    >>> [r["document_key"] for r in narrow(rows, role="cooperating")], len(narrow(rows, year=2020))
    (['B'], 1)
    """
    out = []
    for r in rows:
        r["duty_role"] = role_of(r)
        if role and r["duty_role"] != role:
            continue
        if document and r.get("document_key") != document:
            continue
        if year is not None and year_of(r) != year:
            continue
        out.append(r)
    return out
