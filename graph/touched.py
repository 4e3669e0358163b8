"""What an ingest touched: the documents it wrote or removed, and what the removed versions
named, so that finalize recomputes only what those documents can change.

:class:`Touched` is the set of document keys (so a step that needs only the keys takes it as
a set) with what the old versions named -- shared nodes, cited documents, places, their
regions -- read by :func:`capture` before their facts are deleted.  Once deleted, nothing in
the store says what they named any more.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..vocab.levels import NATIONAL_REGION
from .statements import SHARED_MENTIONED, read
from .stores.base import GraphStore


@dataclass(frozen=True)
class OldDocument:
    """A removed version of a document as alignment saw it: its region, level, date and stem,
    and whether it had tasks."""

    key: str
    level: str | None
    region: str | None
    date: str
    tasks: bool
    province: str | None = None
    stem: str | None = None


class Touched(set):
    """The keys of the documents an ingest wrote (new or replaced) or removed.

    ``named``: label -> keys of the shared nodes (agencies, zones, clusters) and documents
    (cited, or the removed key itself) the removed versions named; ``groups``: the (region,
    level) of the agencies among them; ``old``: the removed versions."""

    def __init__(self, keys=()):
        super().__init__(keys)
        self.named: dict[str, set[str]] = defaultdict(set)
        self.groups: set[tuple] = set()
        self.old: dict[str, OldDocument] = {}
        self.numbers: set[str] = set()  # the 文号 and title keys the removed versions had (lineage)
        self.titles: set[str] = set()

    def absorb(self, other: "Touched") -> None:
        """Add another run's touched documents and what they named."""
        self |= other
        for lbl, keys in other.named.items():
            self.named[lbl] |= keys
        self.groups |= other.groups
        self.old.update({k: v for k, v in other.old.items() if k not in self.old})
        self.numbers |= other.numbers
        self.titles |= other.titles

    @property
    def removed_any(self) -> bool:
        return bool(self.old)


def capture(store: GraphStore, touched: Touched, key: str) -> None:
    """Record what the stored document ``key`` names, before its facts are deleted (inside the
    caller's transaction)."""
    touched.add(key)
    rows = read(store, "document_as_stored", {"k": key}).rows
    if rows:
        level, prov, city, county, date, stem = rows[0]
        tasks = bool(read(store, "align_task_counts_of", {"keys": [key]}).rows)
        region = county or city or prov or (NATIONAL_REGION if level == "national" else None)
        touched.old[key] = OldDocument(key, level, region, date or "", tasks, prov, stem)
    for number, keys in read(store, "document_lineage_of", {"k": key}).rows:
        touched.numbers.update([number] if number else [])
        touched.titles.update(keys or ())
    touched.named["Document"].add(key)
    named = {lbl: {r[0] for r in read(store, f"mentioned_{lbl.lower()}_of", {"keys": [key]}).rows}
             for lbl in SHARED_MENTIONED}
    named["Agency"] |= {r[0] for q in ("document_issuers", "document_carriers") for r in read(store, q, {"k": key}).rows}
    for lbl, keys in named.items():
        touched.named[lbl] |= keys
    touched.named["Document"].update(r[0] for r in read(store, "cited_of", {"keys": [key]}).rows)
    touched.groups.update((r[1], r[2]) for r in read(store, "agency_groups_of", {"keys": sorted(named["Agency"])}).rows)
