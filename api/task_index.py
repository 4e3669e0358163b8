"""An in-memory full-text index of task texts, for LadybugDB.

``t.text CONTAINS $q`` scans every task: ~650 ms at 370k tasks (10,000 generated documents) on
LadybugDB.  Here the texts of one process's read store are kept in search order (region,
document, order, key) as one string with a separator no text holds; a search is one C-level
regular-expression pass over it (``q`` then the rest of that task, so a task counts once),
~10-30 ms at 370k tasks, and a region is a slice of it (a region with those under it, a few slices).  The index belongs to one opened read
store (:attr:`StoreHub.generation`) and is rebuilt after a write.  Results equal those of
:func:`policykg.queries.search.task_keys` (the Cypher path, used on Neo4j); a test holds them equal.
"""
from __future__ import annotations

import bisect
import re
from array import array

from ..queries.anchors import region_name, regions_under
from ..queries.search import all_tasks, task_order

SEP = "\x1f"


class TaskIndex:
    """Task keys and texts in search order, the texts joined by :data:`SEP`."""

    def __init__(self, rows: list[dict]):
        rows = sorted(rows, key=task_order)
        self.keys = [r["key"] for r in rows]
        texts = [(r.get("text") or "").replace(SEP, " ") for r in rows]
        self.big = SEP.join(texts) + SEP
        self.starts = array("q")
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t) + 1
        self.regions: dict[str, tuple[int, int]] = {}  # region -> (first, last + 1) task
        for i, r in enumerate(rows):
            first, _ = self.regions.get(r.get("region") or "", (i, i))
            self.regions[r.get("region") or ""] = (first, i + 1)

    @classmethod
    def load(cls, store) -> "TaskIndex":
        return cls(all_tasks(store))

    def _ranges(self, region: str | None) -> list[tuple[int, int]]:
        """The slices of the tasks of a region and every region under it, in search order (all
        tasks without a region): first and last + 1 of each."""
        if not region:
            return [(0, len(self.keys))]
        under = sorted(r for r in regions_under(region_name(region)) if r in self.regions)
        return [self.regions[r] for r in under]

    def search(self, q: str, region: str | None, limit: int, offset: int) -> tuple[int, list[str]]:
        """How many tasks (of one region and those under it) contain ``q`` (every task when ``q`` is
        empty), and the keys of one page of them."""
        ranges = self._ranges(region)
        if not q:
            found = [k for first, end in ranges for k in self.keys[first:end]]
            return len(found), found[offset:offset + limit]
        if SEP in q:
            return 0, []
        pattern = re.compile(re.escape(q) + f"[^{SEP}]*")
        total, keys = 0, []
        for first, end in ranges:
            bounds = self.starts[first], (self.starts[end] if end < len(self.starts) else len(self.big))
            n = len(pattern.findall(self.big, *bounds))  # one C-level pass counts them
            if total < offset + limit and offset < total + n:  # the page overlaps this slice
                for i, m in enumerate(pattern.finditer(self.big, *bounds)):
                    if total + i >= offset + limit:
                        break
                    if total + i >= offset:
                        keys.append(self.keys[bisect.bisect_right(self.starts, m.start()) - 1])
            total += n
        return total, keys
