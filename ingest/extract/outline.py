"""The outline of a document: headings and numbered items, with their bodies and spans.

Labels come in five styles (``一、`` ``(一)`` ``1.`` ``(1)`` ``①``), nest in whatever
order a document first uses them, and may run inline (``…问题。2.2月底确定…`` is item 2
whose text is ``2月底确定…``).  A label is only believed inline when it continues the
numbering; at the start of a line it is always believed.  Table regions (found by
:mod:`.tables`) are skipped: their cells are read as rows, not as items.  Where the body
closes (:mod:`.breaks`: ``特此通知``, a signature block, ``附件``) every open item ends, and what
follows numbers afresh (an annexed plan's ``一、`` is not the body's).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...vocab.patterns import cn_small_int
from .breaks import body_breaks

_CN = "一二三四五六七八九十"
LABEL = re.compile(
    rf"(?=[{_CN}第(\d①-⑳])(?:(?P<cn>(?<![{_CN}])[{_CN}]{{1,3}})\s*、"
    rf"|第(?P<ch>[{_CN}]{{1,3}})[章部](?:分)?\s*"
    rf"|第(?P<art>[{_CN}百零]{{1,5}})条\s*"
    rf"|[(](?P<pcn>[{_CN}]{{1,3}})[)]"
    r"|(?<![\d.])(?P<num>\d{1,2})\s*(?:[.．](?!\d+\s*[%亿万元])|、)"
    r"|[(](?P<pnum>\d{1,2})[)]"
    r"|(?P<circ>[①-⑳]))"
)
_TITLE_END = re.compile(r"[。;\n]")
_BOUNDARY_BEFORE = re.compile(r"(?:^|\n|[。;!?:]|\s)\s*$")


@dataclass
class Node:
    style: str  # cn | ch (第一章) | art (第一条) | pcn | num | pnum | circ | root
    number: int
    label: str
    start: int  # where the label starts
    title_end: int  # end of the first sentence or line after the label
    end: int = -1  # end of the whole node, children included
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None

    @property
    def text_start(self) -> int:
        """Where the node's own words begin, after its label."""
        return self.start + len(self.label)

    @property
    def own_end(self) -> int:
        """Where the node's own words end: at its first child, or at its end."""
        return self.children[0].start if self.children else self.end

    @property
    def depth(self) -> int:
        d, n = 0, self.parent
        while n is not None:
            d, n = d + 1, n.parent
        return d

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def _style_number(m: re.Match) -> tuple[str, int]:
    style = m.lastgroup  # (each alternative of LABEL holds one named group: the style)
    v = m.group(style)
    if style == "circ":
        return style, ord(v) - ord("①") + 1
    return style, (int(v) if v.isdigit() else cn_small_int(v) or 0)


def _title_end(text: str, start: int, limit: int) -> int:
    """The first sentence (to 。 or ; ) or the line after a label, whichever ends first."""
    m = _TITLE_END.search(text, start, limit)
    return (m.end() if m and m.group(0) != "\n" else m.start()) if m else limit


def outline(text: str, skip: list = ()) -> Node:
    """Parse the numbered outline of a cleaned text into a tree of nodes.

    >>> t = "一、省发展改革委 1.加强沟通。2.2月底确定企业。 二、省财政厅 1.制定政策。"
    >>> [(n.label, t[n.start:n.end].strip()) for n in outline(t).walk()][1:]
    [('一、', '一、省发展改革委 1.加强沟通。2.2月底确定企业。'), ('1.', '1.加强沟通。'), ('2.', '2.2月底确定企业。'), ('二、', '二、省财政厅 1.制定政策。'), ('1.', '1.制定政策。')]
    """
    root = Node("root", 0, "", 0, 0, len(text))
    stack: list[Node] = [root]
    skip = sorted(skip, key=lambda r: r.start)
    last_number: dict[str, int] = {}
    breaks, bi = body_breaks(text) + [len(text)], 0
    for m in LABEL.finditer(text):
        s = m.start()
        while breaks[bi] <= s:  # the body closed (特此通知, a signature, 附件): what follows starts afresh
            for n in stack[1:]:
                n.end = breaks[bi]
            del stack[1:]
            last_number.clear()
            bi += 1
        if skip and any(r.start <= s < r.end for r in skip):
            continue
        before = text[max(0, s - 3):s]
        at_line_start = s == 0 or text[s - 1] == "\n" or (text[max(0, s - 4):s].strip() == "" and
                                                           "\n" in text[max(0, s - 4):s])
        if not at_line_start and not _BOUNDARY_BEFORE.search(before):
            continue
        style, number = _style_number(m)
        if number <= 0:
            continue
        open_styles = [n.style for n in stack]
        if style in open_styles:
            idx = open_styles.index(style)
            expected = stack[idx].number + 1
            ok = number == expected or (at_line_start and number != stack[idx].number)
            if not ok:
                continue
            for n in stack[idx:]:
                n.end = s
            del stack[idx:]
        else:
            # numbering that runs on across sections (一、1…6 二、(一)7…) continues a style
            runs_on = at_line_start and last_number.get(style) == number - 1
            # (an article, 第十二条, at the start of a line is one whatever its number: an excerpt may start there)
            if number != 1 and not runs_on and not (at_line_start and (style == "art" or number <= 3
                                                                         and style in ("cn", "pcn", "ch"))):
                continue
        parent = stack[-1]
        last_number[style] = number
        node = Node(style, number, m.group(0).strip(), s, 0, parent=parent)
        parent.children.append(node)
        stack.append(node)
    for n in stack:
        n.end = breaks[bi] if n.end < 0 else n.end
    for n in root.walk():
        if n.end < 0:
            n.end = len(text)
    _fix_ends(root, len(text))
    for n in root.walk():
        if n.style == "root":
            continue
        body_limit = n.children[0].start if n.children else n.end
        n.title_end = _title_end(text, n.start, body_limit)
    return root


def _fix_ends(node: Node, limit: int) -> None:
    """A node ends where its next sibling starts, or where its parent ends."""
    node.end = min(node.end, limit) if node.end >= 0 else limit
    for i, c in enumerate(node.children):
        nxt = node.children[i + 1].start if i + 1 < len(node.children) else node.end
        _fix_ends(c, nxt)
