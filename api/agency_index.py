"""An in-memory search index of agency names and aliases, for LadybugDB.

A partial-match search is a scan in Cypher (``CONTAINS`` over the names and every alias
list): ~30-70 ms per request at 44k agencies on LadybugDB, too slow for an interactive API.
Agencies are few and small, so each process keeps them in memory with a character-bigram
index and answers a search in well under a millisecond.  The index belongs to one opened
read store (:attr:`StoreHub.generation`): reopened after a write, it is rebuilt.  Results
equal those of :meth:`Lookups.search_agencies` (the Cypher path, used on Neo4j); a test holds
them equal.
"""
from __future__ import annotations

from collections import defaultdict

from .lookups import AGENCY, Page, cols, with_id


def grams(text: str) -> set[str]:
    """Characters and character pairs of a text.

    >>> sorted(grams("发改委"))
    ['发', '发改', '改', '改委', '委']
    """
    return set(text) | {text[i:i + 2] for i in range(len(text) - 1)}


class AgencyIndex:
    """Agencies by key, with postings from each character and bigram to the agencies holding it."""

    def __init__(self, rows: list[dict]):
        self.rows = sorted((with_id(r) for r in rows), key=lambda r: r["key"])
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(self.rows):
            for g in set().union(*(grams(f) for f in self.forms(r))):
                self.postings[g].append(i)

    @staticmethod
    def forms(r: dict) -> list[str]:
        return [f for f in [r.get("name"), *(r.get("aliases") or [])] if f]

    @classmethod
    def load(cls, store) -> "AgencyIndex":
        return cls(store.query(f"MATCH (a:Agency) RETURN {cols('a', 'Agency', AGENCY)}").records())

    def _candidates(self, q: str) -> list[int]:
        if len(q) == 1:
            return self.postings.get(q, [])
        lists = sorted((self.postings.get(q[i:i + 2], []) for i in range(len(q) - 1)), key=len)
        if not lists[0]:
            return []
        found = set(lists[0])
        for other in lists[1:]:
            found.intersection_update(other)
            if not found:
                break
        return sorted(found)

    def search(self, q: str | None, region: str | None, level: str | None, limit: int, offset: int) -> Page:
        """As :meth:`Lookups.search_agencies`: exact names first, then prefixes, then shorter names, then key."""
        ids = self._candidates(q) if q else range(len(self.rows))
        hits = []
        for i in ids:
            r = self.rows[i]
            if q and not any(q in f for f in self.forms(r)):
                continue
            if region and region not in (r.get("region"), r.get("province")):
                continue
            if level and r.get("level") != level:
                continue
            hits.append(r)
        if q:
            hits.sort(key=lambda r: (0 if r["name"] == q else 1 if (r["name"] or "").startswith(q) else 2,
                                     len(r["name"] or ""), r["key"]))
        return Page(len(hits), limit, offset, [dict(r) for r in hits[offset:offset + limit]])
