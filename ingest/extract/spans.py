"""Questions about many (possibly nested or overlapping) spans of a text, answered in
logarithmic time: extraction must stay linear in the size of a document."""
from __future__ import annotations

import bisect
from typing import Iterable


class Spans:
    """Is a position inside any of these spans?  Does any of them come near a position?

    >>> s = Spans([(0, 10), (2, 4), (20, 30)])
    >>> 3 in s, 15 in s, s.near(15, 5), s.near(15, 4)
    (True, False, True, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach, far = [], -1  # the furthest end among the spans starting at or before each
        for _, b in spans:
            far = max(far, b)
            self.reach.append(far)

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Some span shares a character with ``[start, end)``.

        >>> s = Spans([(0, 10), (20, 30)])
        >>> s.overlaps(8, 12), s.overlaps(10, 20), s.overlaps(25, 40)
        (True, False, True)
        """
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.reach[i] > start

    def near(self, pos: int, distance: int) -> bool:
        """Some span reaches within ``distance`` of ``pos`` (on either side)."""
        i = bisect.bisect_right(self.starts, pos + distance) - 1
        return i >= 0 and self.reach[i] >= pos - distance
