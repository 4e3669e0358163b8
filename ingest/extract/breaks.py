"""Where a document's body ends: the lines after which no numbered item of the body goes on.

A notice's body closes with a formula (``特此通知。``), a signature block (the issuer's name over
a date) or the list of its annexes (``附件:1.…``); a distribution line (``抄送:…``) or a printing
line (``X办公室 2025年3月5日印发``) closes it too.  What follows -- an annexed plan, a table, the
signature of the forwarded plan -- starts afresh: its numbering is not the body's.
"""
from __future__ import annotations

import re

from ...vocab.measures import BODY_CLOSE_LINE, CLOSING, is_date_line
from .names import has_body_ending

_SENTENCE_MARKS = set("。;,!?:")
# the lines worth a closer look: what may close a body, and short lines that may be a date
_CANDIDATE = re.compile(r"^[ \t]*(?:附|抄送|特此|本|以上|上述|[^\n]{0,40}印发[ \t]*$|[^\n]{2,16}日[ \t]*$|[^\n]{4,12}\d[ \t]*$)",
                        re.M)


def body_breaks(text: str) -> list[int]:
    """Starts of the lines that close a body, in order.

    >>> t = "一、做好规划。\\n特此通知。\\n上海市人民政府\\n2025年3月15日\\n附件:清单\\n一、名称"
    >>> [t[p:].split("\\n")[0] for p in body_breaks(t)]
    ['特此通知。', '上海市人民政府', '附件:清单']
    """
    out: list[int] = []
    for m in _CANDIDATE.finditer(text):
        pos = m.start()
        end = text.find("\n", pos)
        s = text[pos:end if end >= 0 else len(text)].strip()
        if not s:
            continue
        if _closes(s):
            out.append(pos)
        elif is_date_line(s):
            above = _line_above(text, pos)
            if above is not None and _signature_line(text[above:pos].strip()) and (not out or out[-1] < above):
                out.append(above)
    return out


def _line_above(text: str, pos: int) -> int | None:
    """Start of the last non-blank line before the line at ``pos``."""
    end = pos - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start
        end = start - 1
    return None


def _closes(s: str) -> bool:
    return bool(BODY_CLOSE_LINE.match(s) or (len(s) <= 8 and CLOSING.match(s)))


def _signature_line(s: str) -> bool:
    """The issuer's name on a line of its own (several names side by side count too)."""
    return 2 <= len(s) <= 60 and not (_SENTENCE_MARKS & set(s)) and has_body_ending(s.split()[-1])
