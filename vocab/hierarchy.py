"""The administrative hierarchy: which region lies under which, from the gazetteer.

What "upper" and "lower" mean in a cascade is decided here, by the places themselves, never by
the first character of a body's name: the nation (:data:`~.levels.NATIONAL_REGION`) above the
provinces (省, 自治区 and the 直辖市), each province above its prefecture-level units (cities,
自治州, 地区, 盟), each of those above its county-level units (区, 县, 县级市, 旗); a 直辖市's
districts and the counties a province administers directly (省直辖) hang off the province itself.
So 上海市 -> 黄浦区 is one step (a municipality above its district) although the levels are
province and county, and 河南省 -> 禹州市 is two (through 许昌市).

>>> chain("禹州市", "河南省")
('禹州市', '许昌市', '河南省', '中国')
>>> chain("黄浦区", "上海市"), level_of("上海市"), level_of("浦东新区")
(('黄浦区', '上海市', '中国'), 'province', 'county')
>>> steps("河南省", "禹州市"), steps("上海市", "静安区"), steps("许昌市", "河南省"), steps("中国", "许昌市")
(2, 1, None, 2)
>>> chain("凉山彝族自治州"), chain("锡林郭勒盟")[1], chain("济源市")
(('凉山彝族自治州', '四川省', '中国'), '内蒙古自治区', ('济源市', '河南省', '中国'))
"""
from __future__ import annotations

from functools import lru_cache

from .levels import LEVEL_RANK, NATIONAL_REGION
from .places import gazetteer

NATIONAL_NAMES = frozenset({NATIONAL_REGION, "全国", "国家", "中华人民共和国"})


def _place(name: str, province: str | None):
    """The gazetteer's place of that exact name (not a short form), preferring ``province``."""
    return next((p for p in sorted(gazetteer().by_name.get(name, ()), key=lambda p: p.province != province)
                 if p.name == name), None)


@lru_cache(maxsize=1 << 14)
def level_of(name: str | None, province: str | None = None) -> str | None:
    """``national``, ``province``, ``city`` or ``county``; None for a name the gazetteer lacks."""
    if not name:
        return None
    if name in NATIONAL_NAMES:
        return "national"
    p = _place(name, province)
    return p.level if p else None


@lru_cache(maxsize=1 << 14)
def parent_of(name: str | None, province: str | None = None) -> str | None:
    """The region directly above ``name`` (None for the nation and for unknown names)."""
    if not name or name in NATIONAL_NAMES:
        return None
    p = _place(name, province)
    if p is None:
        return None
    if p.level == "province":
        return NATIONAL_REGION
    if p.level == "city":
        return p.province
    return p.city if p.city and p.city != p.name else p.province


@lru_cache(maxsize=1 << 14)
def chain(name: str | None, province: str | None = None, parents: tuple = ()) -> tuple[str, ...]:
    """``name`` and every region above it, nearest first, up to the nation.  ``parents``: (region,
    parent) pairs known otherwise (the graph's own places) for names the gazetteer lacks."""
    if not name:
        return ()
    out, seen, extra = [name], {name}, dict(parents)
    cur, prov = name, province
    while True:
        up = parent_of(cur, prov) or extra.get(cur)
        if not up or up in seen:
            break
        out.append(up)
        seen.add(up)
        prov = prov or (up if level_of(up) == "province" else None)
        cur = up
    return tuple(out)


def chain_of(region: str | None, city: str | None = None, province: str | None = None) -> tuple[str, ...]:
    """:func:`chain`, or -- for a place the gazetteer lacks -- the chain its record gives
    (county, city, province, nation).

    >>> chain_of("西湖管理区", "常德市", "湖南省"), chain_of("静安区", None, "上海市")
    (('西湖管理区', '常德市', '湖南省', '中国'), ('静安区', '上海市', '中国'))
    """
    known = chain(region, province)
    if len(known) > 1 or not region or region in NATIONAL_NAMES:
        return known
    rest = [p for p in (city, province) if p and p != region]
    return (region, *chain(rest[0], province)) if rest else known


def steps(upper: str | None, lower: str | None, province: str | None = None) -> int | None:
    """How many steps ``upper`` lies above ``lower`` (1: its parent), None when it does not."""
    if upper in NATIONAL_NAMES:
        upper = NATIONAL_REGION
    c = chain(lower, province)
    return c.index(upper) if upper in c[1:] else None


def is_above(upper_level: str | None, lower_level: str | None) -> bool:
    """A level above another (national > province > city > county).

    >>> is_above("province", "county"), is_above("city", "city"), is_above(None, "city")
    (True, False, False)
    """
    return LEVEL_RANK.get(upper_level or "", -1) > LEVEL_RANK.get(lower_level or "", 9)


def without_places(text: str) -> str:
    """``text`` without the chain of places it opens with (上海市静安区…, 河南省许昌市…, 静安…).

    >>> without_places("上海市静安区城市维护"), without_places("浦东新区区重大工程"), without_places("资源规划")
    ('城市维护', '区重大工程', '资源规划')
    """
    while True:
        place = gazetteer().longest_prefix(text[:12])
        if not place or len(text) <= len(place) or not (len(place) > 2 or place[-1] in "省市县区州盟旗"):
            return text
        text = text[len(place):]


@lru_cache(maxsize=1)
def _children() -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], set[str]] = {}
    for places in gazetteer().by_name.values():
        for p in places:
            up = parent_of(p.name, p.province)
            if up:
                out.setdefault((up, "" if up == NATIONAL_REGION else p.province), set()).add(p.name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def children(name: str | None, province: str | None = None) -> tuple[str, ...]:
    """The regions directly below ``name``.

    >>> children("上海市")[:3], len(children("河南省")) > 17, children("许昌市", "河南省")[:2]
    (('嘉定区', '奉贤区', '宝山区'), True, ('建安区', '禹州市'))
    """
    if name in NATIONAL_NAMES:
        return _children().get((NATIONAL_REGION, ""), ())
    p = _place(name or "", province)
    return _children().get((name, p.province), ()) if p else ()
