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

from ..queries.anchors import region_name, regions_under
from ..queries.lookups import Page, all_agencies, with_id

SEP = "\x1f"  # joins a row's name and aliases; a query holding it is checked form by form


def grams(text: str) -> set[str]:
    """Characters and character pairs of a text.

    >>> sorted(grams("发改委"))
    ['发', '发改', '委', '改', '改委']
    """
    return set(text) | {text[i:i + 2] for i in range(len(text) - 1)}


class AgencyIndex:
    """Agencies in search order (shorter names first, then key), with postings from each
    character and bigram to the agencies holding it, in that same order."""

    def __init__(self, rows: list[dict]):
        self.rows = sorted((with_id(r) for r in rows), key=lambda r: (len(r.get("name") or ""), r["key"]))
        self.by_key = sorted(range(len(self.rows)), key=lambda i: self.rows[i]["key"])  # order without q
        self.names = [r.get("name") or "" for r in self.rows]
        self.texts = [SEP.join(self.forms(r)) for r in self.rows]  # one containment test per row
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(self.rows):
            for g in set().union(*(grams(f) for f in self.forms(r))):
                self.postings[g].append(i)

    @staticmethod
    def forms(r: dict) -> list[str]:
        return [f for f in [r.get("name"), *(r.get("aliases") or [])] if f]

    @classmethod
    def load(cls, store) -> "AgencyIndex":
        return cls(all_agencies(store))

    def _matches(self, q: str) -> list[int]:
        """Rows whose name or an alias contains ``q``, in search order."""
        if len(q) <= 2:  # a posting of a character or a bigram is already a match
            return self.postings.get(q, [])
        lists = sorted((self.postings.get(q[i:i + 2], []) for i in range(len(q) - 1)), key=len)
        found = set(lists[0])
        for other in lists[1:]:
            if not found:
                break
            found.intersection_update(other)
        if SEP in q:
            return sorted(i for i in found if any(q in f for f in self.forms(self.rows[i])))
        texts = self.texts
        return sorted(i for i in found if q in texts[i])

    def search(self, q: str | None, region: str | None, level: str | None, limit: int, offset: int) -> Page:
        """As :meth:`Lookups.search_agencies`: exact names first, then prefixes, then shorter names, then key."""
        ids = self._matches(q) if q else self.by_key
        if region or level:
            rows, under = self.rows, set(regions_under(region_name(region or "")))  # the region and those under it
            ids = [i for i in ids if (not region or rows[i].get("region") in under or rows[i].get("province") in under)
                   and (not level or rows[i].get("level") == level)]
        if q:
            names = self.names
            exact = [i for i in ids if names[i] == q]
            prefix = [i for i in ids if names[i] != q and names[i].startswith(q)]
            if exact or prefix:
                first = set(exact) | set(prefix)
                ids = exact + prefix + [i for i in ids if i not in first]
        return Page(len(ids), limit, offset, [dict(self.rows[i]) for i in ids[offset:offset + limit]])
