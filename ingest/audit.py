"""What the extractor did not understand in a corpus, for a user deciding whether to trust it.

For each document: responsibility markers (责任单位, 牵头单位 …) with no duty near them, names a
marker's list held that the name rules turned away (with the rule), lines the cleaner removed
(with the reason), and whether the title, the issuer and the signing date were found.  Totals
over the corpus, with examples and spans, come from :func:`summarize`.  Pure functions over
the extraction records of :mod:`.pipeline`.
"""
from __future__ import annotations

from collections import Counter

EXAMPLES = 3  # examples kept per kind and document
FIELDS = ("title", "issuer", "date")


def audit_record(extraction: dict) -> dict:
    """One document's audit, from its extraction record.

    >>> from .pipeline import extract_text
    >>> r = audit_record(extract_text("一、做好规划。(责任单位:高耗能)\\n微信扫一扫\\n", source="a.txt"))
    >>> r["source"], r["counts"]["unassigned_markers"], r["counts"]["rejected_names"], r["missing"]
    ('a.txt', 1, 1, ['title', 'issuer', 'date'])
    >>> r["examples"]["rejected_names"][0]["rule"], r["examples"]["removed_lines"][0]["reason"]
    ('name:no-suffix', 'boilerplate')
    """
    diag = extraction.get("diagnostics") or {}
    doc = extraction.get("document") or {}
    kinds = {k: diag.get(k) or [] for k in ("unassigned_markers", "rejected_names", "removed_lines")}
    return {
        "source": extraction.get("source") or doc.get("source"),
        "counts": {k: len(v) for k, v in kinds.items()},
        "missing": [f for f in FIELDS if not doc.get(f)],
        "examples": {k: v[:EXAMPLES] for k, v in kinds.items()},
        "rules": dict(Counter(x.get("rule") for x in kinds["rejected_names"])),
        "reasons": dict(Counter(x.get("reason") for x in kinds["removed_lines"])),
    }


def summarize(records: list[dict], failures: list[str] = ()) -> dict:
    """Totals over the audited documents (and the ones that could not be read).

    >>> t = summarize([{"source": "a", "counts": {"unassigned_markers": 2, "rejected_names": 0, "removed_lines": 1},
    ...                 "missing": ["title"], "rules": {}, "reasons": {"footer": 1}}])
    >>> t["documents"], t["unassigned_markers"], t["without"]["title"], t["removed_by_reason"]
    (1, 2, 1, {'footer': 1})
    """
    totals: dict = {"documents": len(records), "failed": len(failures)}
    for kind in ("unassigned_markers", "rejected_names", "removed_lines"):
        totals[kind] = sum(r["counts"][kind] for r in records)
        totals["documents_with_" + kind] = sum(1 for r in records if r["counts"][kind])
    totals["without"] = {f: sum(1 for r in records if f in r["missing"]) for f in FIELDS}
    totals["rejected_by_rule"] = dict(sum((Counter(r.get("rules", {})) for r in records), Counter()))
    totals["removed_by_reason"] = dict(sum((Counter(r.get("reasons", {})) for r in records), Counter()))
    return totals
