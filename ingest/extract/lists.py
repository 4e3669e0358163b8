"""Lists of bodies as written in duty markers, table cells and addressee lines.

``市发改委、财政局,无锡国税局、地税局``, ``省发展改革委、财政厅牵头;省工信委配合``,
``市住建局、市财政局等相关部门,各县(市、区)政府按职责分工负责``: a list is cut at its
separators (never inside parentheses or inside a name's own 和), stubs are joined to what they
qualify (``各市、县政府``), role words close a group (``…配合``), a region prefix carries over
to elliptical members (``省商务厅、财政厅`` = 省财政厅) and a shared suffix to bare places
(``长春市、吉林市人民政府``).  Generic members (``等相关部门``) give their role to the list and
are then dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...vocab.bodies import NAME_AND
from ...vocab.duties import ROLE_WORDS, role_of_phrase
from ...vocab.names import BARE_SUFFIXES
from ...vocab.words import alternation
from .names import has_body_ending, names_nobody, PREFIX, REGION_CHARS, ROLE_PREFIX, clean_form, is_place, place_prefix, suffix_of
from ...vocab.places import ZONE_WORDS

_SEPARATOR = re.compile(r"(、|,|;|以及|和|及|与|等|\s+)")
_TOKEN = re.compile(r"[()]|" + _SEPARATOR.pattern)
# a member that only qualifies the next one: 各市、县政府; 中央、省驻豫单位
_STUB_ITEM = rf"(?:[{REGION_CHARS}]{{1,3}}|自治区|直辖市|自治州|设区的?市)(?:\([^()]*\))?"
_STUB = re.compile(rf"^(?:(?:各|相关|有关)?(?:所?辖)?{_STUB_ITEM}(?:、{_STUB_ITEM})*|中央)$")  # (各辖市、区人民政府)
_STUB_NEXT = re.compile(rf"(?:[{REGION_CHARS}]|自治|直辖|设区)")  # 各市、县人民政府 -- not 各区县、西咸新区
_BARE_SUFFIX = re.compile("^" + alternation(BARE_SUFFIXES) + "$")
_GROUPING = ("、", "和", "及", "与", "等", "以及")
_SHARED_SUFFIX = re.compile(r"(?:人民政府|政府|管委会|管理委员会)$")


@dataclass
class Form:
    text: str  # the name as written (cleaned)
    start: int
    end: int
    lead: bool = False
    role: str | None = None  # role word attached to this name or its group (配合 -> cooperating)
    inherit_prefix: str = ""  # region prefix carried over from the list (市发改委、财政局 -> 市)
    distributed: str = ""  # a suffix carried over (长春市、吉林市人民政府 -> 长春市人民政府)
    generic: bool = False  # 相关部门: gives its role to the list, names no body


@dataclass
class _Part:
    raw: str  # as written, role words included
    start: int  # offset in the list
    sep: str  # the separator before it


def split_names(s: str, offset: int = 0, slot: str | None = None) -> list[Form]:
    """Split a list of names; generic members are dropped after giving their role.

    >>> [f.text for f in split_names("市发改委、财政局,无锡国税局、地税局")]
    ['市发改委', '财政局', '无锡国税局', '地税局']
    >>> [f.text for f in split_names("省发改委、铁路办、哈尔滨铁路局、相关市、县政府负责")]
    ['省发改委', '铁路办', '哈尔滨铁路局', '相关市、县政府']
    >>> [f.text for f in split_names("自治区各委、办、厅、局,各大企业、事业单位")]
    ['自治区各委、办、厅、局', '各大企业、事业单位']
    >>> [(f.text, f.distributed) for f in split_names("长春市、吉林市人民政府")]
    [('长春市', '长春市人民政府'), ('吉林市人民政府', '')]
    >>> [(f.text, f.role) for f in split_names("市发改委、市科技局、团市委配合落实", slot="responsible")]
    [('市发改委', None), ('市科技局', None), ('团市委', 'cooperating')]
    >>> [f.text for f in split_names("省财政厅、省人事厅、省农业厅等省直有关部门和各市人民政府")]
    ['省财政厅', '省人事厅', '省农业厅', '省直有关部门', '各市人民政府']
    >>> [(f.text, f.role) for f in split_names("市住建局、市财政局等相关部门,各县(市、区)政府按职责分工负责")]
    [('市住建局', 'responsible'), ('市财政局', 'responsible'), ('各县(市、区)政府', 'responsible')]
    >>> [(f.text, f.inherit_prefix) for f in split_names("省商务厅、财政厅、发展改革委")]
    [('省商务厅', ''), ('财政厅', '省'), ('发展改革委', '省')]
    >>> [f.text for f in split_names("各市州、县市区人民政府")]
    ['各市州、县市区人民政府']
    >>> [f.text for f in split_names("各州、市、县、区人民政府,省直各委、办、厅、局")]
    ['各州、市、县、区人民政府', '省直各委、办、厅、局']
    >>> [f.text for f in split_names("各省、自治区、直辖市人民政府,新疆生产建设兵团")]
    ['各省、自治区、直辖市人民政府', '新疆生产建设兵团']
    >>> [(f.text, f.distributed) for f in split_names("市自然资源、住建、税务等部门")]
    [('市自然资源', '市自然资源部门'), ('住建', '住建部门'), ('税务', '税务部门')]
    >>> [f.text for f in split_names("市教育和体育局、市政务服务和大数据中心")]
    ['市教育和体育局', '市政务服务和大数据中心']
    """
    parts = _merge_stubs(_cut(s))
    forms = _forms(parts, offset, s)
    _share_generic_suffix(forms, parts)
    _group_roles(forms, parts, slot)
    _segment_roles(forms, parts, slot)
    _carry_prefix(forms)
    _share_suffix(forms)
    return [f for f in forms if not f.generic]


def _cut(s: str) -> list[_Part]:
    """Members and the separators before them; separators inside parentheses do not cut
    (a member runs from one cutting separator to the next: only parentheses and separators
    are looked at).

    >>> [(p.raw, p.start, p.sep) for p in _cut("市发改委、市财政局(市税务局、人行)和市人力资源和社会保障局")]
    [('市发改委', 0, ''), ('市财政局(市税务局、人行)', 5, '、'), ('市人力资源和社会保障局', 19, '和')]
    """
    parts: list[_Part] = []
    depth, bstart, sep = 0, 0, ""
    for m in _TOKEN.finditer(s):
        t, i = m.group(0), m.start()
        if t == "(":
            depth += 1
        elif t == ")":
            depth = max(0, depth - 1)
        elif not depth and not (t == "和" and NAME_AND.search(s[max(0, i - 6):i + 4])):
            parts.append(_Part(s[bstart:i], bstart, sep))
            sep, bstart = t.strip() or " ", m.end()
    parts.append(_Part(s[bstart:], bstart, sep))
    return [p for p in parts if p.raw.strip()]


def _merge_stubs(parts: list[_Part]) -> list[_Part]:
    """Join stubs (各市 / 中央) to what follows and bare suffixes (办, 单位) to what precedes."""
    merged: list[_Part] = []
    for p in parts:
        prev = merged[-1] if merged else None
        if prev and p.sep in ("、", "和") and _STUB.match(clean_form(prev.raw)) and not ROLE_WORDS.search(prev.raw) \
                and _STUB_NEXT.match(p.raw.strip()):
            prev.raw += p.sep + p.raw
            continue
        if prev and p.sep == "、" and _BARE_SUFFIX.match(clean_form(p.raw)):
            prev.raw += p.sep + p.raw
            continue
        if prev and p.sep == "和" and _inside_name(clean_form(prev.raw), clean_form(p.raw)):
            prev.raw += p.sep + p.raw  # 市教育和体育局, 地区文化体育广播电视和旅游局: one name
            continue
        merged.append(_Part(p.raw, p.start, p.sep))
    return merged


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_NOTE = re.compile(r"\([^()]*(?:[,“”:;。]|[^()]{13})[^()]*\)$")


def _inside_name(left: str, right: str) -> bool:
    """A 和 inside one name: the left part is no name on its own (no suffix, no place)."""
    right = _TRAILING_NOTE.sub("", right)  # 统计局(商务局): the name before its alternative
    return bool(left) and has_body_ending(right) and not has_body_ending(left) and not is_place(left) \
        and not _STUB.match(left) and not left.startswith("各")


def _forms(parts: list[_Part], offset: int, s: str) -> list[Form]:
    forms = []
    for p in parts:
        raw = _NOTE.sub("", p.raw.strip())  # 省文旅厅(除标注为“牵头”单位外,列第一位的为牵头单位): a note
        text = clean_form(raw)
        lead = bool(ROLE_PREFIX.match(raw))
        at = p.start + (len(p.raw) - len(p.raw.lstrip())) + (1 if lead else 0)
        forms.append(Form(text, offset + at, offset + _extent(s, at, text), lead=lead, role=role_of_phrase(raw),
                          generic=not text or names_nobody(text)))
    return forms


def _extent(s: str, i: int, name: str) -> int:
    """Where ``name`` (spaces taken out) ends in ``s`` from ``i``: ``市发展 改革委`` spans 7 characters.

    >>> _extent("市发展 改革委、财政局", 0, "市发展改革委"), _extent("省财政厅牵头", 0, "省财政厅")
    (7, 4)
    """
    if s.startswith(name, i):
        return i + len(name)  # (as written: most names)
    j = i
    for ch in name:
        while j < len(s) and s[j] != ch and s[j].isspace():
            j += 1
        if j >= len(s) or s[j] != ch:
            return i + len(name)  # (not found as written: the name's own length)
        j += 1
    return j


def _group_roles(forms: list[Form], parts: list[_Part], slot: str | None) -> None:
    """A role word at the end of a 、-group applies to the whole group -- except a lone 配合
    closing the only group of a slot that already says "responsible" (a table's 责任单位
    column: ``X、Y、Z配合落实`` means Z cooperates)."""
    groups: list[list[int]] = [[]]
    for i, p in enumerate(parts):
        if p.sep not in _GROUPING and groups[-1]:
            groups.append([])
        groups[-1].append(i)
        if forms[i].role:
            groups.append([])
    groups = [g for g in groups if g]
    for g in groups:
        role = forms[g[-1]].role
        if not role or (len(groups) == 1 and slot == "responsible" and role == "cooperating"):
            continue
        for i in g:
            forms[i].role = forms[i].role or role
            if role == "responsible" and "牵头" in parts[g[-1]].raw:
                forms[i].lead = True


def _segment_roles(forms: list[Form], parts: list[_Part], slot: str | None) -> None:
    """A ";"-segment whose only role word closes it gives that role to the whole segment:
    ``(省发展改革委、财政厅牵头;省工信委、国土资源厅,国家开发银行云南省分行配合)``."""
    seg_of, seg = [], 0
    for p in parts:
        seg += p.sep == ";"
        seg_of.append(seg)
    for k in set(seg_of):
        members = [i for i, sg in enumerate(seg_of) if sg == k]
        with_role = [i for i in members if forms[i].role]
        if len(members) < 2 or with_role != [members[-1]]:
            continue
        role = forms[members[-1]].role
        if slot == "responsible" and role == "cooperating" and len(set(seg_of)) == 1:
            continue
        for i in members:
            forms[i].role = role
            forms[i].lead = forms[i].lead or (role == "responsible" and "牵头" in parts[members[-1]].raw)


def _share_generic_suffix(forms: list[Form], parts: list[_Part]) -> None:
    """市自然资源、住建、税务等部门: the members before ``等部门`` are those departments
    (市自然资源部门, 住建部门 …) when they carry no ending of their own."""
    if len(forms) < 2 or not forms[-1].generic or parts[-1].sep != "等" or not forms[-1].text.endswith(("部门", "单位")):
        return
    tail = "部门" if forms[-1].text.endswith("部门") else "单位"
    for f in forms[:-1]:
        if not has_body_ending(f.text) and not is_place(f.text) and 2 <= len(f.text) <= 10:
            f.distributed = f.text + tail


_OWN_PREFIX = re.compile(rf"(?:自治区|[{REGION_CHARS}])(?!直|级)")


def _carry_prefix(forms: list[Form]) -> None:
    """市发改委、财政局: the second member is the 市 one too."""
    prefix = ""
    for f in forms:
        m = _OWN_PREFIX.match(f.text)
        if m and suffix_of(f.text):
            prefix = m.group(0)
        elif prefix and not PREFIX.match(f.text) and not place_prefix(f.text):
            f.inherit_prefix = prefix


def _share_suffix(forms: list[Form]) -> None:
    """长春市、吉林市人民政府: a place that says its level shares the suffix (黑河 alone does not)."""
    for f, nxt in zip(forms, forms[1:]):
        suf = _SHARED_SUFFIX.search(nxt.text)
        if suf and not suffix_of(f.text) and ((is_place(f.text) and f.text[-1] in "市县区州盟旗")
                                               or ZONE_WORDS.search(f.text)):
            f.distributed = f.text + suf.group(0)
