"""Task units: the measures of a plan, and the stretches of text a duty can be about, cut from
the outline.  Units never overlap.

A numbered item with no sub-items is one unit -- its heading line and all its body paragraphs
(``(一)鼓励商品住房团购活动`` / body / ``(责任单位:…)``), so the task's text starts with the
heading.  An item whose sub-items are separate measures keeps its own words (its heading and
the text before its first sub-item) as a unit of its own, an ``owner`` that its sub-items'
units fall under; a heading that only groups sub-items is no measure.  Sub-items that only
enumerate parts of one sentence (``包括:1.… 2.…``) stay in their item.  An item whose lines each
name their bodies (``市发改委:负责…`` / ``市财政局:负责…``), or whose paragraphs each open with
the party that carries them (``各县(市、区)要…`` / ``各产业集聚区要…``, ``建设单位应当…``), is cut
into one unit per line.  (An item ends where the body does, before an annex or a signature
block: :mod:`.breaks`.)
Text outside the outline is cut into paragraphs, a short heading line joining the paragraph
below it; a paragraph is a measure unless it is a preamble, a closing formula, a report of what
was issued, or a line without a sentence (a title, a signature, a date).  Lines that only hold a
marker or a field of a measure (``责任单位:…``, ``政策依据:…``, ``咨询电话:…``) belong to the
unit above them.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from ...vocab.duties import FIELD_LINE
from ...vocab.measures import BODY_CLOSE_LINE, CLOSING, PREAMBLE, REPORT, ROSTER_LINE, ANNEX_HEAD, ANNEX_ITEM, is_date_line
from .names import GENERIC_ONLY, has_body_ending
from .outline import Node

_LABEL = re.compile(r"^\s*([^:\n。;,!?]{2,40}):(?!\s*$)")
_HEADING_LINE = re.compile(r"^[^。;,:!?]{2,30}$")
_SENTENCE = re.compile(r"[。;,!?:]")
_ENUM_ITEM_CHARS = 40  # sub-items this short that follow a colon enumerate parts of their item


@dataclass
class Unit:
    start: int
    end: int
    node: Node | None
    kind: str  # item | head | line | paragraph
    measure: bool = True  # a measure of the plan (else a preamble, a report, a heading, a signature)
    owner: bool = False  # its node's own words: the units of the node's sub-items fall under it


def task_units(text: str, root: Node, body_start: int, attached: set[int],
               opens_subject: Callable[[int, int], bool] | None = None, marked: list[int] = (),
               cuts: list[int] = ()) -> list[Unit]:
    """Units of the text after ``body_start``, in order.  ``attached`` holds the starts of
    lines that belong to the unit above them (lines holding only a marker); ``opens_subject``
    says whether a line opens with the party that carries it; ``marked`` holds the starts of
    the markers (an item with a marker is assigned whole, never cut into paragraphs); an
    item's words end at the first of ``cuts`` inside it (a table: its rows are measures).

    >>> from .outline import outline
    >>> t = "为加快发展,现提出如下意见。\\n一、总体要求\\n(一)加强领导。各地要建立机制。\\n(二)加大投入。\\n附件:清单\\n上海市人民政府\\n2025年3月15日"
    >>> [(t[u.start:u.end].strip(), u.kind, u.measure) for u in task_units(t, outline(t), 0, set())]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('为加快发展,现提出如下意见。', 'paragraph', False), ('总体要求', 'head', False),
     ('加强领导。各地要建立机制。', 'item', True), ('加大投入。', 'item', True), ('附件:清单', 'paragraph', False),
     ('上海市人民政府', 'paragraph', False), ('2025年3月15日', 'paragraph', False)]
    """
    units: list[Unit] = []
    covered: list[tuple[int, int]] = []
    inside: set[int] = set()  # nodes read as part of an item above them
    attached = attached | wrapped_lines(text)
    for n in root.walk():
        if n.style == "root" or n.start < body_start or id(n) in inside:
            continue
        if n.children and not _enumeration(text, n):
            own_end = _cut(cuts, n.text_start, n.own_end)
            if text[n.text_start:own_end].strip():
                units.append(Unit(n.text_start, own_end, n, "head", _own_body(text, n), owner=True))
            covered.append((n.start, own_end))
            continue
        inside.update(id(c) for c in n.walk())
        leaf, end = _leaf_units(text, n, attached, opens_subject, marked, _cut(cuts, n.text_start, n.end))
        units.extend(leaf)
        covered.append((n.start, end))
    units.extend(_gap_units(text, _gaps(covered, body_start, len(text)), root, attached))
    units.sort(key=lambda u: u.start)
    annexes = annex_list_lines(text)
    for u in units:
        line_start = text.rfind("\n", 0, u.start) + 1
        if line_start in annexes or ROSTER_LINE.match(text, line_start):
            u.measure = False
    return units


def annex_list_lines(text: str) -> set[int]:
    """Starts of the lines of a list of annexes (``附件:1.X方案`` / ``2.Y清单``), its head included.

    >>> t = "二、加强领导。\\n附件:1.任务分工表\\n2.项目清单\\n一、总体要求"
    >>> sorted(t[p:p + 4] for p in annex_list_lines(t))
    ['2.项目', '附件:1']
    """
    out: set[int] = set()
    if "附" not in text:
        return out
    pos, listing = 0, False
    for line in text.split("\n"):
        if ANNEX_HEAD.match(line):
            out.add(pos)
            listing = True
        elif listing and ANNEX_ITEM.match(line) and re.match(r"\s*(?:\d|\()", line):
            out.add(pos)
        else:
            listing = False
        pos += len(line) + 1
    return out


def _own_body(text: str, n: Node) -> bool:
    """Whether a section says more than its heading before its first sub-item."""
    return len(re.sub(r"\s", "", text[n.title_end:n.own_end])) >= 8


def _enumeration(text: str, n: Node) -> bool:
    """Sub-items that enumerate parts of their item's sentence: all short leaves after a colon."""
    own = text[n.text_start:n.own_end].rstrip()
    return own.endswith(":") and all(not c.children and c.end - c.start <= _ENUM_ITEM_CHARS for c in n.children)


def _lines(text: str, s: int, e: int) -> list[list[int]]:
    """Non-blank lines of ``text[s:e]`` as ``[start, end]`` spans."""
    out, p = [], s
    for line in text[s:e].split("\n"):
        if line.strip():
            out.append([p, p + len(line)])
        p += len(line) + 1
    return out


_LINE_END = set("。;:!?”」)")
_STARTS_LABEL = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|\(|第[一二三四五六七八九十百零]{1,5}[条章]|\d{1,2}[.、]|[①-⑳])")


def wrapped_lines(text: str) -> set[int]:
    """Starts of the lines that go on with the sentence of the line above, in a text hard-wrapped
    at a fixed width (a PDF's lines): most lines that end mid-sentence have that width.

    >>> t = "第六条成员单位根据各自职责做好发展保障性\\n租赁住房相关工作。\\n" * 5 + "二、加强领导\\n做好工作。"
    >>> sorted({t[p:p + 4] for p in wrapped_lines(t)})
    ['租赁住房']
    """
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line.strip()))
        pos += len(line) + 1
    open_ends = Counter(len(s) for _, s in lines if len(s) >= 12 and s[-1] not in _LINE_END)
    if sum(open_ends.values()) < 5:
        return set()
    width = max(open_ends, key=lambda k: (sum(open_ends[k + d] for d in (-2, -1, 0, 1)), k))
    near = sum(open_ends[width + d] for d in (-2, -1, 0, 1))
    if width < 20 or near < 5 or near < 0.5 * sum(open_ends.values()):
        return set()
    return {b for (_, s), (b, t) in zip(lines, lines[1:])
            if s and t and len(s) >= width - 4 and s[-1] not in _LINE_END and not _STARTS_LABEL.match(t)}


def _grouped(text: str, lines: list[list[int]], attached: set[int]) -> list[list[int]]:
    """Lines with the marker and field lines that follow them."""
    groups: list[list[int]] = []
    for a, b in lines:
        if groups and (a in attached or FIELD_LINE.match(text[a:b])):
            groups[-1][1] = b
        else:
            groups.append([a, b])
    return groups


def _cut(cuts: list[int], start: int, end: int) -> int:
    i = bisect.bisect_right(cuts, start)
    return min(end, cuts[i]) if i < len(cuts) else end


def _leaf_units(text: str, n: Node, attached: set[int], opens_subject, marked, end: int) -> tuple[list[Unit], int]:
    groups = _grouped(text, _lines(text, n.text_start, end), attached)
    if len(groups) > 1 and any(_agency_line(text[a:b]) for a, b in groups[1:]):
        first = text[groups[0][0]:groups[0][1]]
        if len(first) <= 40 and "。" not in first:
            groups = groups[1:]  # the heading of a list of agency lines
        return [Unit(a, b, n, "line" if _agency_line(text[a:b]) else "item") for a, b in groups], end
    heading = len(groups) > 1 and bool(_HEADING_LINE.match(text[groups[0][0]:groups[0][1]].strip()))
    if (len(groups) > 1 + heading and opens_subject and not any(n.start <= m < end for m in marked)
            and any(opens_subject(a, b) for a, b in groups[1:])):
        # 三、完善推进机制 / 各县(市、区)要… / 各产业集聚区要…: each paragraph is a measure of its own
        # (a heading over one paragraph is one measure with it)
        head = Unit(n.text_start, groups[0][1], n, "item", measure=not heading, owner=True)
        return [head] + [Unit(a, b, n, "paragraph") for a, b in groups[1:]], end
    return ([Unit(n.text_start, end, n, "item")] if groups else []), end


def _agency_line(line: str) -> bool:
    """``市发展改革委:负责…``: a line led by bodies' names and a colon (not ``成员单位:…``)."""
    m = _LABEL.match(line)
    label = re.sub(r"\([^()]*\)$", "", m.group(1).strip()) if m else ""
    return bool(m) and has_body_ending(label) and not GENERIC_ONLY.match(label)


def _gaps(covered: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    gaps, pos = [], start
    for a, b in sorted(covered) + [(end, end)]:
        if a > pos:
            gaps.append((pos, a))
        pos = max(pos, b)
    return gaps


def _gap_units(text: str, gaps: list[tuple[int, int]], root: Node, attached: set[int]) -> list[Unit]:
    nodes = [n for n in root.walk() if n.style != "root"]
    out: list[Unit] = []
    for a, b in gaps:
        groups = _grouped(text, _lines(text, a, b), attached)
        i = 0
        while i < len(groups):
            s, e = groups[i]
            body = s
            if i + 1 < len(groups) and _HEADING_LINE.match(text[s:e].strip()) and groups[i + 1][1] - groups[i + 1][0] > 40:
                body, e = groups[i + 1]  # a heading line without a number: it heads the paragraph below
                i += 1
            out.append(Unit(s, e, _deepest_containing(nodes, s), "paragraph", is_measure_paragraph(text[body:e])))
            i += 1
    return out


def is_measure_paragraph(p: str) -> bool:
    """A paragraph outside the numbered outline that states a measure.

    >>> is_measure_paragraph("各县(市、区)要统筹负责辖区内产业集聚区的规划实施。")
    True
    >>> [is_measure_paragraph(p) for p in ("为加快发展,结合我市实际,制定本方案。", "特此通知。",
    ...  "近日,市住建局印发了《若干措施》。", "上海市人民政府", "本办法自2024年1月1日起施行。")]
    [False, False, False, False, False]
    """
    p = p.strip()
    if len(p) < 40 and not _SENTENCE.search(p) or is_date_line(p):
        return False
    return not (BODY_CLOSE_LINE.match(p) or CLOSING.match(p) or REPORT.match(p) or PREAMBLE.search(p))


def _deepest_containing(nodes: list[Node], pos: int) -> Node | None:
    best = None
    for n in nodes:
        if n.start <= pos < n.end:
            best = n
        elif n.start > pos:
            break
    return best
