"""The sentence around a span, so an answer shows the words a fact was read from."""
from __future__ import annotations

ENDS = "。！？；!?;\n"
MAX_CHARS = 400  # a run-on "sentence" (a table row, a list) is clipped around the span


def sentence_at(text: str, start: int | None, end: int | None) -> dict | None:
    """The sentence holding ``text[start:end]`` with its own span, or None without a usable span.

    >>> t = "一、总则。\\n市发改委负责推进数字经济；市财政局配合。"
    >>> sentence_at(t, 6, 10)
    {'text': '市发改委负责推进数字经济；', 'span': [6, 19]}
    >>> sentence_at(t, -1, -1) is None
    True
    """
    if text is None or start is None or end is None or start < 0 or end < start or start >= len(text):
        return None
    s = start
    while s > 0 and text[s - 1] not in ENDS and start - s < MAX_CHARS:
        s -= 1
    e = max(end, start + 1)
    while e < len(text) and text[e - 1] not in ENDS and e - end < MAX_CHARS:
        e += 1
    while s < e and text[s].isspace():
        s += 1
    return {"text": text[s:e].rstrip("\n"), "span": [s, e]}
