"""Sections headed by bodies: ``一、省发展改革委`` / ``1.…`` / ``2.…``, ``(一)省审计厅牵头的工作``.

Every item below such a heading is the heading body's duty (unless a marker inside the item
names another responsible body).
"""
from __future__ import annotations

import re

from .lists import Form, split_names
from .names import free_ok, structured_ok, suffix_of
from .outline import Node, outline

# what may follow the bodies in such a heading: 牵头的工作, 负责, 的职责
_HEAD_TAIL = re.compile(r"(?:牵头|负责|承担|主要)?(?:的)?(?:工作|事项|任务|职责)?[::]?$")


def heading_agencies(text: str, node: Node) -> list[Form]:
    """Bodies named by a heading that consists of nothing but their names.

    >>> t = "一、省发展改革委 1.加强沟通。"
    >>> root = outline(t)
    >>> [f.text for f in heading_agencies(t, root.children[0])]
    ['省发展改革委']
    >>> t = "一、鼓励商品住房团购活动\\n各地要组织团购。"
    >>> heading_agencies(t, outline(t).children[0])
    []
    """
    start = node.text_start
    end = node.children[0].start if node.children else node.title_end
    title = re.sub(r"[。;]$", "", text[start:end].strip()).strip()
    if not title or len(title) > 60 or "\n" in title:
        return []
    core = _HEAD_TAIL.sub("", title).strip()
    if not core or not (suffix_of(core) or core in ("各市", "各县")):
        return []  # most headings end in no body's suffix: no need to split them
    forms = split_names(core, start + text[start:end].find(core))
    if forms and all(_heading_body(f) for f in forms):
        return forms
    return []


def _heading_body(f: Form) -> bool:
    """A body's full name (优化集群空间布局 ends in 局 but is no body)."""
    if f.text in ("各市", "各县"):
        return True
    return structured_ok(f.text) and bool(suffix_of(f.text)) and (free_ok(f.text) or bool(f.inherit_prefix))


class HeadingIndex:
    """The nearest ancestor heading that names bodies, per node, computed once per node."""

    def __init__(self, text: str):
        self.text = text
        self._cache: dict[int, list[Form]] = {}

    def names_bodies(self, node: Node) -> bool:
        """Does this node's own heading name bodies?"""
        if id(node) not in self._cache:
            self._cache[id(node)] = heading_agencies(self.text, node)
        return bool(self._cache[id(node)])

    def bodies_over(self, node: Node | None, unit_start: int) -> list[Form]:
        anc = node
        if node is not None and node.children and unit_start <= node.text_start:
            anc = None  # the heading line of a section is not a task of the section
        while anc is not None and anc.style != "root":
            if self.names_bodies(anc):
                return self._cache[id(anc)]
            anc = anc.parent
        return []
