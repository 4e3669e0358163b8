"""Named zones (产业集聚区, 开发区, 园区, 示范基地 …) and industry clusters (…产业集群).

A zone is named when a proper modifier stands before its kind (禹州市产业集聚区, 中原电气谷核心区,
长葛大周国家“城市矿产”示范基地); ``各产业集聚区``, ``城市新区`` and ``省级产业集聚区`` are classes,
not names.  Clusters are named the same way, or listed before ``等N个…产业集群``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .spans import Spans
from ...vocab.places import MUNICIPALITIES, Place, gazetteer, is_place_word, place_words
from ...vocab.words import alternation
from ...vocab.zones import BARE_KINDS, CLASS_OPENERS, GENERIC_MODIFIERS, SPECIFIC_KINDS, ZONE_KINDS, ZONE_STOPS

ZONE_KIND = re.compile(alternation(ZONE_KINDS))
_OUTLINE_LABEL = re.compile(r"\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、]")
_LIST_JOIN = re.compile(r"\s*(?:、|和|与|及|以及|,)\s*")
_NAME_MARKS = frozenset("“”\"()-—·")  # besides Chinese characters
_STOP = re.compile(alternation(ZONE_STOPS))
_GENERIC = re.compile("^" + alternation(GENERIC_MODIFIERS, r"[一二三四五六七八九十两几多\d]+个") + "$")
_AGENCY_AFTER = re.compile(r"^(?:\([^()]{0,6}\))?(?:管委会|管理委员会|管理办|党工委|工委|办事处|管理局)")


@dataclass
class Named:
    name: str
    kind: str
    start: int
    end: int
    rule: str

    def as_dict(self) -> dict:
        d = {"name": self.name, "span": [self.start, self.end], "rule": self.rule}
        if self.kind:
            d["kind"] = self.kind
        return d


def _modifier(text: str, end: int, limit: int = 18) -> int:
    """Start of the proper modifier that ends at ``end`` (after the last stop word)."""
    i = end
    while i > 0 and end - i < limit and ("\u3400" <= text[i - 1] <= "\u9fff" or text[i - 1] in _NAME_MARKS):
        i -= 1
    run = text[i:end]
    places = [(a, b) for name, a, b in gazetteer().find(run) if len(name) >= 2]
    cuts = [m for m in _STOP.finditer(run)
            if not any(a < m.end() and m.start() < b for a, b in places)]  # 呼和浩特 is not cut at 和
    last = max((m.end() for m in cuts), default=0)
    # 漳州金属及深加工产业基地: a 及 inside a name that starts with a place joins two trades
    if cuts and cuts[-1].group(0) == "及" and cuts[-1].end() == last:
        before = max((m.end() for m in cuts[:-1] if m.end() <= cuts[-1].start()), default=0)
        if any(a == before for a, _ in places):
            last = before
    # quotes and parentheses must balance inside a name: 开发区(合肥经开区) names 合肥经开区
    s = i + last
    seg = text[s:end]
    if seg.count("(") > seg.count(")"):
        s += seg.rfind("(") + 1
    while s < end and text[s] in "”)\"—-·":
        s += 1
    label = _OUTLINE_LABEL.match(text, s, end)  # (二)西咸新区…: a numbered item's label is no part of a name
    return label.end() if label else s


def _starts_with_place(s: str) -> bool:
    for _, st, _ in gazetteer().find(s[:8]):
        return st == 0
    return False


_CLASS_START = re.compile("^" + alternation(CLASS_OPENERS, "[省市县区][直管属]"))
_NUMERAL = re.compile(r"\d|[一二两三四五六七八九十百千]+(?:个|大|强|快|批|类|项|家)|十[一二三四五六七八九]五")
_BOUNDARY = set("、,;:。()“\n和与及或")



def _can_be_city(name: str) -> bool:
    return any(p.level in ("city", "province") for p in gazetteer().by_name.get(name, ()))


def _place_at(mod: str) -> tuple[int, str] | None:
    """The first place named in a modifier: from the gazetteer, or a word the dictionary knows
    as a place at the modifier's start (中原, 天府)."""
    for name, st, _ in gazetteer().find(mod):
        if len(name) == 2 and not is_place_word(name) and not _can_be_city(name):
            continue  # 合作, 资源: county names that are mostly words; 合肥, 桂林 are cities
        return st, name
    if _CLASS_START.match(mod):
        return None
    words = place_words()
    for n in range(min(8, len(mod)), 1, -1):
        if mod[:n] in words:
            return 0, mod[:n]
    return None


def find_zones(text: str, skip: list[tuple[int, int]] = (), bare_kinds: bool = True) -> list[Named]:
    """Named zones, first mention of each name.

    A name needs evidence that it is proper: it starts with a place (禹州市产业集聚区, but
    not 许昌市产业集聚区 -- a city's or a province's zones are a class), or it stands in a
    list beside such a name, or it is a short modifier right after a list boundary
    (、尚集产业集聚区).  Generic designations (新型工业化产业示范基地) are classes.

    >>> [z.name for z in find_zones("积极协调禹州市产业集聚区、长葛市产业集聚区等各产业集聚区,推动长葛大周国家“城市矿产”示范基地建设。")]
    ['禹州市产业集聚区', '长葛市产业集聚区', '长葛大周国家“城市矿产”示范基地']
    >>> [z.name for z in find_zones("研究制定城市新区、产业集聚区的标准;经济技术开发区要加快建设;解决产业集聚区问题")]
    ['经济技术开发区']
    >>> [z.name for z in find_zones("推进中原电气谷核心区、尚集产业集聚区和魏都产业集聚区规划,2012年许昌市产业集聚区")]
    ['中原电气谷核心区', '尚集产业集聚区', '魏都产业集聚区']
    """
    skip = Spans(skip)
    cands = [c for m in ZONE_KIND.finditer(text) if m.start() not in skip for c in [_candidate(text, m, bare_kinds)] if c]
    accepted = _share_list_evidence(text, cands)
    named_kinds = {z.kind for z in accepted if z.rule != "zone:kind"}
    accepted = [z for z in accepted if z.rule != "zone:kind" or z.kind not in named_kinds]  # 高新区 = 黄山高新区
    # a zone only ever seen as the head of a longer one (郑蒲港新区 in 郑蒲港新区现代产业园区) is part of it
    standalone = {z.name for z in accepted
                  if not any(o is not z and o.start <= z.start and z.end <= o.end for o in accepted)}
    out: dict[str, Named] = {}
    for z in accepted:
        if z.name in standalone and z.name not in out:
            out[z.name] = z
    return list(out.values())


def _candidate(text: str, m: re.Match, bare_kinds: bool) -> tuple[Named, bool, bool] | None:
    """(zone, accepted on its own evidence, may join a list of zones) for one kind word."""
    s, e = m.start(), m.end()
    if _AGENCY_AFTER.match(text[e:e + 10]):
        return None
    kind = m.group(0)
    st = _modifier(text, s)
    inner = _inner_zone(text, st, s, kind)
    if inner is not None:  # 西咸新区沣东新城: the 新城 is a zone of the 新区, named without it
        return Named(text[inner:e], kind, inner, e, "zone:inside-zone"), True, True
    while st < s and text[st] in "“\"" and text.count("”", st, s) < text.count("“", st, s) + (text[st] == "“"):
        st += 1  # “北部新区、…”: the quote opens a list, not a name
    mod = text[st:s].strip("“”\"()")
    if not mod:
        if kind in BARE_KINDS and (s == 0 or text[s - 1] in _BOUNDARY or st == s):
            own = bare_kinds or bool(_LOCATIVE.search(text, max(0, s - 4), s))  # 城阳区(含高新区)
            return Named(kind, kind, s, e, "zone:kind"), own, True  # 高新区、经开区 in a list of zones
        return None
    if _NUMERAL.search(mod) or len(mod) < 2:
        return None
    pl = _place_at(mod)
    if pl is None:
        if _CLASS_START.match(mod) or _GENERIC.match(mod):
            return None
        if _DIRECTION.match(mod) and kind in ("新区", "新城") and _listed(text, st, e):
            return Named(text[st:e], kind, st, e, "zone:direction"), True, False  # 北部新区、…: a name, no evidence
        own = bool(_LOCATIVE.search(text, max(0, st - 4), st)) or (
            _INNER_KINDS.fullmatch(kind) and bool(_HOLDS_ZONE.match(text, e))) or (
            kind in _OUTER_KINDS and bool(_SUBDIVISION.match(text, e)))  # 含何家店工业园; 西咸新区沣东新城; 沣西新城高桥街道
        return Named(text[st:e], kind, st, e, "zone:modifier+kind"), own, 2 <= len(mod) <= 8
    district = _district_prefix(pl, mod)
    if district:  # 玄武区红山新城: a zone inside a district is named without the district
        return Named(text[st + district:e], kind, st + district, e, "zone:in-district"), True, True
    pre = text[st:s][:text[st:s].find(pl[1])]
    if pre.count("(") <= pre.count(")"):  # 中韩(长春)国际合作示范区 keeps its head
        st += len(pre)
    rest = text[st:s][len(pl[1]):]
    accepted = not _CLASS_START.match(rest) if rest else _named_after_place(pl[1], kind)
    return Named(text[st:e], kind, st, e, "zone:modifier+kind"), accepted, accepted


_INNER_KINDS = re.compile(r"新区|高新区|经开区|开发区")
_OUTER_KINDS = ("新城", "航天基地", "航空基地")
_HOLDS_ZONE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:新城|航天基地|航空基地)")
_SUBDIVISION = re.compile(r"[\u4e00-\u9fff]{2,4}(?:街道|镇|乡)")  # a place inside the zone: 沣西新城高桥街道
_SPECIFIC_ZONE = re.compile(alternation(BARE_KINDS))
_SPECIFIC_ZONE_END = re.compile(alternation(BARE_KINDS) + "$")
_LOCATIVE = re.compile(r"(?:含|包括|位于|地处|坐落于|[东西南北]至|[东西南北]抵)$")
_DIRECTION = re.compile(r"^(?:[东西南北中]部?|东南|西南|东北|西北)$")


def _inner_zone(text: str, st: int, s: int, kind: str) -> int | None:
    """Where a zone's own name starts when its modifier holds the zone it belongs to (西咸新区沣东新城 ->
    沣东新城): a 新城 or a base inside a 新区 or a development zone, its own modifier proper."""
    if kind not in _OUTER_KINDS:
        return None
    inner = None
    for m in _INNER_KINDS.finditer(text, st, s):
        inner = m
    if inner is None:
        return None
    own = text[inner.end():s]
    return inner.end() if len(own) >= 2 and not (_CLASS_START.match(own) or _GENERIC.match(own)) else None


def _district_prefix(pl: tuple[int, str], mod: str) -> int:
    """The length of a district's name that opens a zone's modifier followed by a proper name of its
    own (玄武区红山 -> 3), else 0."""
    start, name = pl
    rest = mod[start + len(name):]
    if start != 0 or not name.endswith("区") or not 2 <= len(rest) <= 4 or _CLASS_START.match(rest) or _GENERIC.match(rest) \
            or not all("\u4e00" <= ch <= "\u9fff" for ch in rest):
        return 0
    return len(name) if any(p.level == "county" for p in gazetteer().by_name.get(name, ())) else 0


def _listed(text: str, st: int, e: int) -> bool:
    """Joined by 、 to a neighbour in a list of the city's zones (北部新区、高新技术开发区), or of its
    districts; not to a class (北部新区、产业集聚区)."""
    after = text[e + 1:e + 12] if text[e:e + 1] == "、" else ""
    before = text[max(0, st - 12):st - 1] if text[st - 1:st] == "、" else ""
    return bool((after and _SPECIFIC_ZONE.match(after)) or (before and _SPECIFIC_ZONE_END.search(before))
                or _beside_district(text, Named("", "", st, e, "")))


def _named_after_place(name: str, kind: str) -> bool:
    """A place and a kind alone: a county's zone is a name; a city's or a province's generic
    zones are a class (许昌市产业集聚区), their specific ones a name (重庆经济技术开发区)."""
    place = gazetteer().lookup(name) or Place(name, "county", "")
    if place.level == "province" and any(p.level == "city" for p in gazetteer().by_name.get(name, ())):
        place = next(p for p in gazetteer().by_name[name] if p.level == "city")  # 吉林经开区: the city
    if place.level == "county" and kind not in ("园区", "新区", "开发区"):
        return True
    if kind not in ("园区", "产业集聚区", "集聚区", "示范基地", "产业园区", "工业园区", "开发区") and place.level != "province":
        return True
    return kind in SPECIFIC_KINDS and kind != "新区" and (place.level == "city" or place.name in MUNICIPALITIES
                                                    or kind.startswith(("自由贸易", "自贸")))


def _share_list_evidence(text: str, cands: list[tuple[Named, bool, bool]]) -> list[Named]:
    """A list of zones shares its evidence (经济技术产业集聚区、东城区产业集聚区), from one accepted
    member along the whole list."""
    ok = [c[1] or (c[2] and _beside_district(text, c[0])) for c in cands]
    changed = True
    while changed:
        changed = False
        for i, (z, _, join) in enumerate(cands):
            if ok[i] or not join:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(cands) and ok[j] and cands[j][2]:
                    a, b = sorted((z, cands[j][0]), key=lambda x: x.start)
                    if _LIST_JOIN.fullmatch(text[a.end:b.start]):
                        ok[i] = changed = True
                        break
    return [c[0] for c, k in zip(cands, ok) if k]


def _listed_member(text: str, i: int, step: int) -> str:
    """The run of Chinese characters (at most 8) that starts at ``i`` going forwards
    (``step`` 1) or ends at ``i`` going backwards (``step`` -1)."""
    if step > 0:
        j = i
        while j < len(text) and j - i < 8 and "\u3400" <= text[j] <= "\u9fff":
            j += 1
        return text[i:j]
    j = i
    while j > 0 and i - j < 8 and "\u3400" <= text[j - 1] <= "\u9fff":
        j -= 1
    return text[j:i]


def _beside_district(text: str, z: Named) -> bool:
    """A zone listed beside a district or a county (桥东区、桥西区、经开区; 东部新区、青白江区、新津区)
    is one of the city's parts, named as they are.

    >>> t = "中心城区(含桥东区、桥西区、经开区)"
    >>> _beside_district(t, Named("经开区", "经开区", 14, 17, "")), _beside_district("一是产业集聚区、工业园区", Named("工业园区", "", 8, 12, ""))
    (True, False)
    """
    before = _listed_member(text, z.start - 1, -1) if text[z.start - 1:z.start] == "、" else ""
    after = _listed_member(text, z.end + 1, 1) if text[z.end:z.end + 1] == "、" else ""
    return any(m and m[-1] in "区县旗" and any(p.level == "county" for p in gazetteer().by_name.get(m, ()))
               for m in (before, after))


CLUSTER = re.compile(r"产业集群")
_LIST_HEAD = re.compile(r"等\s*(?:[\d一二三四五六七八九十两]+\s*个)?")


def find_clusters(text: str) -> list[Named]:
    """Named industry clusters, without 产业集群.

    >>> [c.name for c in find_clusters("着力培育禹州市汽车装备、长葛市肉类加工等6个50亿元的产业集群,厦门光电产业集群、特色主导产业集群")]
    ['禹州市汽车装备', '长葛市肉类加工', '厦门光电']
    """
    out: dict[str, Named] = {}

    def add(name: str, s: int, e: int, rule: str) -> None:
        name = name.strip("、,“”")
        if len(name) >= 2 and not _GENERIC.match(name) and name not in out:
            out[name] = Named(name, "", s, e, rule)

    for m in CLUSTER.finditer(text):
        s = m.start()
        st = _modifier(text, s, limit=16)
        if st < s:
            mod = text[st:s]
            pl = _place_at(mod)
            only_place = pl is not None and pl[0] == 0 and len(pl[1]) == len(mod)  # 江西省产业集群: a class
            if _starts_with_place(mod) and not _GENERIC.match(mod) and not only_place:
                add(mod, st, s, "cluster:modifier")
                continue
        # a list: A、B、C等N个…产业集群
        window_start = max(0, s - 30)
        head = None
        for h in _LIST_HEAD.finditer(text, window_start, s):
            head = h
        if head is None or re.search(r"[。;,]", text[head.end():s]):
            continue
        ls = head.start()
        begin = max(text.rfind(c, 0, ls) for c in "。;,:\n") + 1
        seg = text[begin:ls]
        # items split on 、, and on 和/与 when a place follows (电动汽车及专用汽车 stays whole)
        cuts = [m for m in re.finditer(r"、|和|与", seg) if m.group(0) == "、" or _starts_with_place(seg[m.end():])]
        spans, pos = [], 0
        for m in cuts + [None]:
            end = m.start() if m else len(seg)
            spans.append((seg[pos:end], begin + pos))
            pos = m.end() if m else len(seg)
        if not spans:
            continue
        # the first item starts after the verb that introduces the list
        first, fpos = spans[0]
        fs = _modifier(text, fpos + len(first), limit=20)
        spans[0] = (text[fs:fpos + len(first)], fs)
        if not any(_starts_with_place(it) for it, _ in spans):
            continue
        for it, p in spans:
            it = re.sub(r"产业集群$", "", it)
            if re.search(f"(?:{ZONE_KIND.pattern})$", it) or _GENERIC.match(it):
                continue  # a zone in the same list (漳州古雷石化产业基地)
            if 2 <= len(it) <= 16 and re.fullmatch(r"[\u3400-\u9fff()]+", it):
                add(it, p, p + len(it), "cluster:list")
    return list(out.values())
