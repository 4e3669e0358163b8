"""Responsibility markers: the brackets and lines that say who carries a task.

Two families, both found once over the whole text:

* *keyed* markers: ``〔责任单位:X;配合单位:Y〕``, ``[牵头单位:X]``, ``责任单位:X`` lines; several
  keys inside one bracket or on one line are one marker;
* *lists* in a closing parenthesis without a key, made of nothing but bodies and ending
  where a sentence or item ends: ``(X牵头,Y、Z按职责分工负责)``, ``(X、Y负责)``,
  ``(市住建局、市财政局等相关部门,各县(市、区)政府按职责分工负责)``, ``(X、Y)``.

Which task a marker assigns is decided by :mod:`.duties` from where it stands in the outline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...vocab.bodies import FUNCTIONS, SHORT_FUNCTIONS
from ...vocab.duties import MARKER_KEY, role_of_key
from .lists import Form, split_names
from ...vocab.places import ZONE_WORDS
from ...vocab.words import alternation
from .names import free_ok, has_body_ending, is_place, slot_rejection

_OPEN, _CLOSE = "(〔【[", ")〕】]"
_PAIRS = {"(": ")", "〔": "〕", "【": "】", "[": "]"}
_REGION_START = re.compile(r"^(?:[省市县区州]|各|自治区)")
# 市住房公积金, 市自然资源: a level and a function's name, without the body's suffix
_LEVEL_PREFIXED = re.compile(r"^(?:[省市县区州]|自治区)" + alternation([fn for fn, *_ in FUNCTIONS] + list(SHORT_FUNCTIONS)) + "$")


@dataclass
class Member:
    form: Form
    role: str
    lead: bool
    rule: str


@dataclass
class Marker:
    start: int  # the whole marker, brackets included
    end: int
    members: list[Member]
    rule: str
    alone: bool = False  # nothing else on its line
    blanket: list[Member] = field(default_factory=list)  # 以下均需X落实: X carries every later task too
    rejected: list[tuple[str, int, int, str]] = field(default_factory=list)  # (text, start, end, reason)


def find_markers(text: str) -> list[Marker]:
    """Every marker of a cleaned text, in order.

    >>> t = "一、做好规划。(责任单位:市发改委;配合单位:市财政局)\\n二、筹措资金(市财政局牵头,各县(市、区)政府按职责分工负责)。"
    >>> [(t[m.start:m.end], [(x.form.text, x.role, x.lead) for x in m.members]) for m in find_markers(t)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('(责任单位:市发改委;配合单位:市财政局)', [('市发改委', 'responsible', False), ('市财政局', 'cooperating', False)]),
     ('(市财政局牵头,各县(市、区)政府按职责分工负责)', [('市财政局', 'responsible', True),
                                                ('各县(市、区)政府', 'responsible', False)])]
    """
    keyed = _keyed_markers(text)
    taken = [(m.start, m.end) for m in keyed]
    lists = [m for m in _list_markers(text) if not any(a < m.end and m.start < b for a, b in taken)]
    out = sorted(keyed + lists, key=lambda m: m.start)
    for m in out:
        ls = text.rfind("\n", 0, m.start) + 1
        le = text.find("\n", m.end)
        le = len(text) if le < 0 else le
        m.alone = not text[ls:m.start].strip() and not text[m.end:le].strip(" 。;,.")
    return out


# --- keyed markers --------------------------------------------------------------------------
def _keyed_markers(text: str) -> list[Marker]:
    segments = []  # (marker_start, marker_end, members, rejected)
    keys = list(MARKER_KEY.finditer(text))
    for k, m in enumerate(keys):
        ls = m.end()
        le = _list_end(text, ls, keys[k + 1].start() if k + 1 < len(keys) else len(text))  # 牵头单位:X 责任单位:Y
        ms, me = _bracketed(text, m.start(), le)
        role = role_of_key(m.group("key"))
        members, rejected = [], []
        for f in split_names(text[ls:le], ls, slot=role):
            why = slot_rejection(f.text)
            if why == "name:no-suffix" and _LEVEL_PREFIXED.match(f.text):
                why = None  # 责任单位:市住房公积金 -- a key vouches for a body named by its level and function
            if why:
                rejected.append((f.text, f.start, f.end, why))
                continue
            r = f.role or role
            members.append(Member(f, r, f.lead or ("牵头" in m.group("key") and r == "responsible"), "duty:marker"))
        segments.append((ms, me, members, rejected))
    return _join_segments(text, segments)


def _bracketed(text: str, key_start: int, list_end: int) -> tuple[int, int]:
    """The marker reaches back to its opening bracket and on to the closing one, if any."""
    j = key_start - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    ms = j if j >= 0 and text[j] in _OPEN else key_start
    me = list_end + 1 if list_end < len(text) and text[list_end] in _CLOSE else list_end
    return ms, me


def _join_segments(text: str, segments: list) -> list[Marker]:
    """Keys in one bracket or on one line (``牵头单位:X;配合单位:Y``) make one marker."""
    out: list[Marker] = []
    for ms, me, members, rejected in segments:
        prev = out[-1] if out else None
        if prev and ms >= prev.end - 1 and re.fullmatch(r"[\s;,。]*", text[prev.end:ms] if ms > prev.end else ""):
            prev.end = max(prev.end, me)
            prev.members += members
            prev.rejected += rejected
            continue
        if prev and ms < prev.end:  # a second key inside the same bracket
            prev.members += members
            prev.rejected += rejected
            prev.end = max(prev.end, me)
            continue
        out.append(Marker(ms, me, members, "duty:marker", rejected=rejected))
    return out


def _list_end(text: str, s: int, e: int) -> int:
    """End of a list of names: ; 。 or a line end, or the bracket that closes the marker --
    parentheses inside names (各县(市)区政府(管委会)) are skipped."""
    depth = 0
    for i in range(s, e):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch in ";。\n" or (ch in ")〕】]" and depth == 0):
            return i
    return e


# --- lists in parentheses -------------------------------------------------------------------
_BLANKET = re.compile(r"以下(?:各项)?(?:任务|工作|措施|事项)?均(?:需|由|要|须)(?P<who>[^,。;]+?)(?:负责)?(?:落实|实施|执行)")


_ROLE_WORD = re.compile(r"牵头|负责|配合|参与|协助|协办|主办|落实|按职责")
_ARTICLE_BEFORE = re.compile(r"第[一二三四五六七八九十百零\d]{1,5}条\s*$")
# a collective that can carry a duty ends as a body or a place does: 各县(市、区), 各乡镇, 各有关单位
_COLLECTIVE_END = re.compile(r"(?:[省市县区州盟旗镇乡村]|街道|\))$")


def _list_markers(text: str) -> list[Marker]:
    """``(X牵头,Y按职责分工负责)``; a second sentence may say who carries every later task:
    ``(X、Y按职责分工负责,各市、县人民政府负责落实。以下均需各市、县人民政府落实,不再一一列出)``."""
    out = []
    for a, b in _balanced_parens(text):
        if not _closes_sentence(text, b) or _ARTICLE_BEFORE.search(text, max(0, a - 8), a) or _alias(text, a, b):
            continue  # (第四条(各区职责): an article's title; 区建设管理委(区水务局): a body's other name)
        members, blanket, pos = [], [], a + 1
        for piece in text[a + 1:b - 1].split("。"):
            bl = _BLANKET.match(piece)
            found = _list_members(bl.group("who"), pos + bl.start("who")) if bl else _list_members(piece, pos)
            if found is None:
                break
            if bl:
                blanket.extend(Member(x.form, x.role, x.lead, "duty:blanket") for x in found)
            else:
                members.extend(found)
            pos += len(piece) + 1
        else:
            if members:
                out.append(Marker(a, b, members, members[0].rule, blanket=blanket))
    return out


def _alias(text: str, a: int, b: int) -> bool:
    """``区建设管理委(区水务局)``: one name in parentheses right after a body's name is its other name."""
    inner = text[a + 1:b - 1]
    return (has_body_ending(text[max(0, a - 12):a]) and not _ROLE_WORD.search(inner)
            and not any(ch in inner for ch in "、,;") and has_body_ending(inner))


def _list_members(s: str, offset: int) -> list[Member] | None:
    """Members of a list of parties, or None when ``s`` is not such a list ("" gives [])."""
    if not s.strip():
        return []
    forms = split_names(s, offset)
    if not forms or not all(_party(f.text) for f in forms):
        return None
    if not any(_REGION_START.match(f.text) or free_ok(f.text) or is_place(f.text) for f in forms):
        return None
    rule = "duty:paren-roles" if any(f.role for f in forms) else "duty:paren-list"
    return [Member(f, f.role or "responsible", f.lead, rule) for f in forms]


def is_party(s: str) -> bool:
    """A list member that can carry a duty (see :func:`_party`), or a level and a function's
    name without its suffix (市资源规划)."""
    return _party(s) or bool(_LEVEL_PREFIXED.match(s))


def _party(s: str) -> bool:
    """A list member that can carry a duty: a body's name, a collective, a place."""
    if slot_rejection(s):
        return False
    bare = re.sub(r"\([^()]*\)$", "", s)
    return bool(has_body_ending(bare) or (s.startswith("各") and _COLLECTIVE_END.search(s)) or is_place(s)
                or ZONE_WORDS.search(s))


def _closes_sentence(text: str, end: int) -> bool:
    """A parenthesis assigns only what it closes: an item, a line or a sentence."""
    tail = text[end:end + 3]
    return not tail.strip() or tail[0] in "。;\n" or (tail[0] in ",." and (len(tail) < 2 or tail[1] == "\n"))


def _balanced_parens(text: str):
    """Outermost bracketed spans ``(a, b)``, nested parentheses allowed: (市发改委,各市(县)、区政府)."""
    i, n = 0, len(text)
    while True:
        i = _next_open(text, i)
        if i < 0:
            return
        depth, j = 0, i
        while j < n and j - i < 240:
            ch = text[j]
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth -= 1
                if depth == 0:
                    break
            elif ch == "\n":
                break
            j += 1
        if j < n and depth == 0 and text[j] in _CLOSE and j - i >= 3:
            yield i, j + 1
            i = j + 1
        else:
            i += 1


_OPEN_RE = re.compile(r"[(〔【\[]")


def _next_open(text: str, i: int) -> int:
    m = _OPEN_RE.search(text, i)
    return m.start() if m else -1
