"""Task units: the stretches of text a duty can be about, cut from the outline.

A numbered item with no sub-items is one unit -- its heading line and all its body paragraphs
(``(一)鼓励商品住房团购活动`` / body / ``(责任单位:…)``), so the task's text starts with the
heading.  A section's own words before its first sub-item are a unit of their own.  An item
whose lines each name their bodies (``市发改委:负责…`` / ``市财政局:负责…``) is cut into one
unit per line.  Text outside the outline is cut into paragraphs, a short heading line joining
the paragraph below it.  Lines that only hold a marker or a field of a measure
(``责任单位:…``, ``政策依据:…``, ``咨询电话:…``) belong to the unit above them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...vocab.duties import FIELD_LINE
from .names import has_body_ending
from .outline import Node

_LABEL = re.compile(r"^\s*([^:\n]{2,40}):(?!\s*$)")
_HEADING_LINE = re.compile(r"^[^。;,:!?]{2,30}$")


@dataclass
class Unit:
    start: int
    end: int
    node: Node | None
    kind: str  # item | head | line | paragraph


def task_units(text: str, root: Node, body_start: int, attached: set[int]) -> list[Unit]:
    """Units of the text after ``body_start``, in order.  ``attached`` holds the starts of
    lines that belong to the unit above them (lines holding only a marker)."""
    units: list[Unit] = []
    covered: list[tuple[int, int]] = []
    for n in root.walk():
        if n.style == "root" or n.start < body_start:
            continue
        if n.children:
            if text[n.text_start:n.own_end].strip():
                units.append(Unit(n.text_start, n.own_end, n, "head"))
        else:
            units.extend(_leaf_units(text, n, attached))
        covered.append((n.start, n.own_end))
    units.extend(_gap_units(text, _gaps(covered, body_start, len(text)), root, attached))
    units.sort(key=lambda u: u.start)
    return units


def _lines(text: str, s: int, e: int) -> list[list[int]]:
    """Non-blank lines of ``text[s:e]`` as ``[start, end]`` spans."""
    out, p = [], s
    for line in text[s:e].split("\n"):
        if line.strip():
            out.append([p, p + len(line)])
        p += len(line) + 1
    return out


def _grouped(text: str, lines: list[list[int]], attached: set[int]) -> list[list[int]]:
    """Lines with the marker and field lines that follow them."""
    groups: list[list[int]] = []
    for a, b in lines:
        if groups and (a in attached or FIELD_LINE.match(text[a:b])):
            groups[-1][1] = b
        else:
            groups.append([a, b])
    return groups


def _leaf_units(text: str, n: Node, attached: set[int]) -> list[Unit]:
    groups = _grouped(text, _lines(text, n.text_start, n.end), attached)
    if len(groups) > 1 and any(_agency_line(text[a:b]) for a, b in groups[1:]):
        first = text[groups[0][0]:groups[0][1]]
        if len(first) <= 40 and "。" not in first:
            groups = groups[1:]  # the heading of a list of agency lines
        return [Unit(a, b, n, "line" if _agency_line(text[a:b]) else "item") for a, b in groups]
    return [Unit(n.text_start, n.end, n, "item")] if groups else []


def _agency_line(line: str) -> bool:
    """``市发展改革委:负责…``: a line led by bodies' names and a colon."""
    m = _LABEL.match(line)
    return bool(m) and has_body_ending(re.sub(r"\([^()]*\)$", "", m.group(1).strip()))


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
            if i + 1 < len(groups) and _HEADING_LINE.match(text[s:e].strip()) and groups[i + 1][1] - groups[i + 1][0] > 40:
                e = groups[i + 1][1]  # a heading line without a number: it heads the paragraph below
                i += 1
            out.append(Unit(s, e, _deepest_containing(nodes, s), "paragraph"))
            i += 1
    return out


def _deepest_containing(nodes: list[Node], pos: int) -> Node | None:
    best = None
    for n in nodes:
        if n.start <= pos < n.end:
            best = n
        elif n.start > pos:
            break
    return best
