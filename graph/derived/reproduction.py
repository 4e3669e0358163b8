"""How much of a higher-level text a lower-level text reproduces (pure).

Lower governments often carry a higher document down by copying its sentences and changing
the place names.  The share of the upper text's 5-character shingles (whitespace,
punctuation and digits removed) that also occur in the lower text measures it: 1.0 is a
full copy, ~0 an unrelated text.
"""
from __future__ import annotations

import re

SHINGLE = 5
_SKIP = re.compile(r"[^\u3400-\u9fffA-Za-z]+")


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    """The n-character shingles of a text without whitespace, punctuation and digits.

    >>> sorted(shingles("加快 建设,保障房。", 4))
    ['加快建设', '建设保障', '快建设保', '设保障房']
    """
    s = _SKIP.sub("", text or "")
    return {s[i:i + n] for i in range(len(s) - n + 1)}


def reproduction(upper: str, lower: str) -> float | None:
    """Share of the upper text's shingles found in the lower text (None for an empty upper text).

    >>> reproduction("各地要加快发展保障性租赁住房。", "许昌市要加快发展保障性租赁住房,扩大供给。")
    0.8
    >>> reproduction("", "x") is None
    True
    """
    up = shingles(upper)
    if not up:
        return None
    return round(len(up & shingles(lower)) / len(up), 4)
