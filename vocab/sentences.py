"""Where sentences and clauses end in cleaned text: the one definition every layer uses.

The cleaner (``ingest/clean.py``) turns full-width punctuation into ASCII, so a sentence ends
at ``。`` (kept: it has no half-width form), ``!``, ``?``, ``;`` or a line break, and a clause
inside it at ``,`` or ``:``.  ``;`` ends a *sentence* here because Chinese plans use it to
separate items that each assign their own work.
"""
from __future__ import annotations

import re
from typing import Iterator

SENTENCE_ENDS = "。!?;\n"
CLAUSE_ENDS = ",:"
_SENTENCE_END = re.compile(r"[。!?;\n]")
_CLAUSE_END = re.compile(r"[,:;]")


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every non-blank sentence in ``text[start:end]``, ends included.

    >>> t = "一、做好规划。市财政局负责资金;市发改委配合。\\n"
    >>> [t[a:b] for a, b in sentences(t)]
    ['一、做好规划。', '市财政局负责资金;', '市发改委配合。']
    """
    end = len(text) if end is None else end
    i = start
    for m in _SENTENCE_END.finditer(text, start, end):
        j = m.end()
        if text[i:j].strip():
            yield i, j if m.group(0) != "\n" else m.start()
        i = j
    if i < end and text[i:end].strip():
        yield i, end


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence holding position ``pos``.

    >>> t = "一、总则。市发改委负责推进数字经济;市财政局配合。"
    >>> a, b = sentence_at(t, 8); t[a:b]
    '市发改委负责推进数字经济;'
    """
    s = pos
    while s > 0 and text[s - 1] not in SENTENCE_ENDS:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in SENTENCE_ENDS:
        e += 1
    if e < len(text) and text[e] != "\n":
        e += 1
    return s, e


def clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the clauses of one sentence, separators excluded.

    >>> t = "市住建局要牵头,市财政局配合"
    >>> [t[a:b] for a, b in clauses(t, 0, len(t))]
    ['市住建局要牵头', '市财政局配合']
    """
    i = start
    for m in _CLAUSE_END.finditer(text, start, end):
        yield i, m.start()
        i = m.end()
    yield i, end


def sentence_around(text: str | None, start: int | None, end: int | None,
                    max_chars: int = 400) -> tuple[int, int] | None:
    """``(start, end)`` of the sentence holding the span ``text[start:end]``, its end mark
    included and leading blanks left out, reaching at most ``max_chars`` beyond the span on
    either side (a table row or a list can run on); None without a usable span.

    >>> t = "一、总则。\\n市发改委负责推进数字经济;市财政局配合。"
    >>> a, b = sentence_around(t, 6, 10); t[a:b]
    '市发改委负责推进数字经济;'
    >>> sentence_around(t, -1, -1) is None
    True
    """
    if text is None or start is None or end is None or start < 0 or end < start or start >= len(text):
        return None
    s = start
    while s > 0 and text[s - 1] not in SENTENCE_ENDS and start - s < max_chars:
        s -= 1
    e = max(end, start + 1)
    while e < len(text) and text[e - 1] not in SENTENCE_ENDS and e - end < max_chars:
        e += 1
    while s < e and text[s].isspace():
        s += 1
    return s, e
