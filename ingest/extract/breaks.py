"""Where a document's body ends: the lines after which no numbered item of the body goes on.

A notice's body closes with a formula (``特此通知。``), a signature block (the issuer's name over
a date) or the list of its annexes (``附件:1.…``); a distribution line (``抄送:…``) or a printing
line (``X办公室 2025年3月5日印发``) closes it too.  What follows -- an annexed plan, a table, the
signature of the forwarded plan -- starts afresh: its numbering is not the body's.
"""
from __future__ import annotations

from ...vocab.measures import BODY_CLOSE_LINE, CLOSING, is_date_line
from .names import has_body_ending

_SENTENCE_MARKS = set("。;,!?:")
_FIRST_CHARS = set("附抄特本以上")


def body_breaks(text: str) -> list[int]:
    """Starts of the lines that close a body, in order.

    >>> t = "一、做好规划。\\n特此通知。\\n上海市人民政府\\n2025年3月15日\\n附件:清单\\n一、名称"
    >>> [t[p:].split("\\n")[0] for p in body_breaks(t)]
    ['特此通知。', '上海市人民政府', '附件:清单']
    """
    out: list[int] = []
    prev: tuple[int, str] | None = None
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            if _closes(s):
                out.append(pos)
            elif is_date_line(s) and prev is not None and _signature_line(prev[1]):
                if not out or out[-1] < prev[0]:
                    out.append(prev[0])
            prev = (pos, s)
        pos += len(line) + 1
    return out


def _closes(s: str) -> bool:
    if s[0] not in _FIRST_CHARS and "印发" not in s:
        return False
    return bool(BODY_CLOSE_LINE.match(s) or (len(s) <= 8 and CLOSING.match(s)))


def _signature_line(s: str) -> bool:
    """The issuer's name on a line of its own (several names side by side count too)."""
    return 2 <= len(s) <= 60 and not (_SENTENCE_MARKS & set(s)) and has_body_ending(s.split()[-1])
