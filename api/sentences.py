"""The sentence around a span, so an answer shows the words a fact was read from."""
from __future__ import annotations

from ..vocab.sentences import sentence_around

MAX_CHARS = 400  # a run-on "sentence" (a table row, a list) is clipped around the span


def sentence_at(text: str, start: int | None, end: int | None) -> dict | None:
    """The sentence holding ``text[start:end]`` with its own span, or None without a usable span.

    >>> t = "一、总则。\\n市发改委负责推进数字经济;市财政局配合。"
    >>> sentence_at(t, 6, 10)
    {'text': '市发改委负责推进数字经济;', 'span': [6, 19]}
    >>> sentence_at(t, -1, -1) is None
    True
    """
    span = sentence_around(text, start, end, MAX_CHARS)
    if span is None:
        return None
    s, e = span
    return {"text": text[s:e].rstrip("\n"), "span": [s, e]}
