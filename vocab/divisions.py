"""Administrative divisions below a place, and the collective names that address them.

A provincial notice to ``各省辖市人民政府`` addresses every prefecture-level city government
of its province; a city notice to ``各县(市、区)人民政府`` every county-level government of
the city.  :func:`expand_collective` turns such a name into its members, from jionlp's
division table (through :func:`.places.gazetteer`): provinces, prefecture-level units
(cities, 自治州, 地区, 盟), county-level units, and county-level cities that a province
administers directly (济源, 仙桃 ...).

>>> e = expand_collective("各省辖市人民政府", province="河南省")
>>> len(e.members), e.members[:2], e.kind
(17, ('三门峡市人民政府', '信阳市人民政府'), 'prefecture')
>>> "凉山彝族自治州人民政府" in expand_collective("各市(州)人民政府", province="四川省").members
True
>>> expand_collective("各地(市)行署(人民政府)", province="西藏自治区").members[:2]
('山南市人民政府', '拉萨市人民政府')
>>> expand_collective("各县(市、区)人民政府", province="河南省", city="许昌市").members
('建安区人民政府', '禹州市人民政府', '襄城县人民政府', '鄢陵县人民政府', '长葛市人民政府', '魏都区人民政府')
>>> expand_collective("各盟市人民政府", province="内蒙古自治区").members[:3]
('乌兰察布市人民政府', '乌海市人民政府', '兴安盟行政公署')
>>> expand_collective("各盟行政公署", province="内蒙古自治区").members
('兴安盟行政公署', '锡林郭勒盟行政公署', '阿拉善盟行政公署')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .bodies import CORE_RE, SUFFIX_RE
from .places import MUNICIPALITIES, Place, gazetteer
from .words import alternation

# County-level units a province administers directly that jionlp files under their city.
# 河南: ten 省直管县(市) chosen in 2011 and fully administered by the province from
# 2014-01-01 (河南省委、省政府 省直管县体制改革); 长垣县 became 长垣市 in 2019.
PROVINCE_MANAGED = {
    "河南省": ("巩义市", "兰考县", "汝州市", "滑县", "长垣市", "邓州市", "永城市", "固始县", "鹿邑县", "新蔡县"),
}
NOT_MAINLAND = ("香港特别行政区", "澳门特别行政区", "台湾省")

# collective words, longest first, and what they address
_WORDS = {
    "prefecture": ("各省辖市", "各地级市", "各地级以上市", "各设区市", "各设区的市", "各市(州)", "各市州", "各市、州",
                   "各州(市)", "各州、市", "各州市", "各盟市", "各盟(市)", "各地(市)", "各地市", "各地区", "各市(地、州)",
                   "各地、州、市", "各地州市", "各市(地)", "各市", "各盟", "各州"),
    "direct": ("各省直管县(市)", "省直管县(市)", "各省直管县", "各直管县(市)", "各省直辖县级行政单位", "各省直管县市"),
    "prefecture+county": ("各市、县(市、区)", "各市、县(市)", "各市县(区)", "各市、县", "各市县"),
    "county": ("各县(市、区)", "各县(市)区", "各县(市、区、旗)", "各旗县(市、区)", "各县市区", "各县(区、市)", "各县区",
               "各区县", "各区、县(市)", "各区、县", "各区县(市)", "各县(区)", "各县(市)", "各区(县)", "各县", "各区", "各旗县"),
    "province": ("各省、自治区、直辖市", "各省(自治区、直辖市)", "各省(区、市)", "各省区市", "各省、区、市"),
}
_WORD_KIND = {w: k for k, ws in _WORDS.items() for w in ws}
_COLLECTIVE = re.compile("^(?P<word>" + alternation(_WORD_KIND) + ")")
_TRAILING_PAREN = re.compile(r"\([^()]{1,10}\)$")
# a government, whatever the member: 人民政府 for cities and counties, 行政公署 for 地区 and 盟
_GOVERNMENT = re.compile(r"^(?:人民政府|行署|行政公署)(?:\((?:人民政府|行署|行政公署)\))?$")


@dataclass(frozen=True)
class Expansion:
    collective: str  # the collective word as matched: 各省辖市
    suffix: str  # the body each member is: 人民政府, 发展改革委, '' for the places themselves
    kind: str  # prefecture | direct | county | prefecture+county | province
    members: tuple[str, ...]
    places: tuple[str, ...] = ()  # the place of each member, in the same order


@lru_cache(maxsize=1)
def _places() -> tuple[Place, ...]:
    seen = {p for lst in gazetteer().by_name.values() for p in lst}
    return tuple(sorted(seen, key=lambda p: (p.province, p.level, p.name)))


def provinces() -> list[str]:
    """The 31 provincial-level units of the mainland."""
    return [p.name for p in _places() if p.level == "province" and p.name not in NOT_MAINLAND]


def prefectures(province: str) -> list[str]:
    """Prefecture-level units of a province: cities, 自治州, 地区, 盟."""
    return [p.name for p in _places() if p.level == "city" and p.province == province]


def direct_counties(province: str) -> list[str]:
    """County-level units administered by the province directly (济源, 仙桃, 河南's 省直管县)."""
    listed = [p.name for p in _places() if p.level == "county" and p.province == province and p.city == p.name]
    return sorted(set(listed) | set(PROVINCE_MANAGED.get(province, ())))


def counties(province: str, city: str | None = None) -> list[str]:
    """County-level units of a city, or of the whole province (a municipality's districts)."""
    return [p.name for p in _places() if p.level == "county" and p.province == province
            and (city is None or p.city == city) and p.name != city]


def _members(kind: str, word: str, province: str | None, city: str | None) -> list[str]:
    if kind == "province":
        return provinces()
    if not province:
        return []
    if kind == "prefecture":
        names = prefectures(province) if province not in MUNICIPALITIES else []
        ends = {"各盟": "盟", "各州": "州"}.get(word, "" if re.search("[州地盟]", word) else "市")
        return [n for n in names if not ends or n.endswith(ends)]
    if kind == "direct":
        return direct_counties(province)
    if kind == "prefecture+county":
        return prefectures(province) + counties(province)
    names = counties(province, city if province not in MUNICIPALITIES else None)
    ends = {"各县": "县旗", "各区": "区", "各旗县": "县旗", "各县(市)": "县市", "各县(区)": "县区", "各区(县)": "区县"}.get(word)
    return [n for n in names if not ends or n[-1] in ends]


def collective_word(name: str) -> tuple[str, str] | None:
    """(the collective word a name opens with, the kind of places it addresses), or None.

    >>> collective_word("各省辖市人民政府"), collective_word("各县(市、区)发展改革委"), collective_word("市财政局")
    (('各省辖市', 'prefecture'), ('各县(市、区)', 'county'), None)
    """
    m = _COLLECTIVE.match(name)
    return (m.group("word"), _WORD_KIND[m.group("word")]) if m else None


def _member_name(place: str, suffix: str) -> str:
    if _GOVERNMENT.match(suffix):
        return place + ("行政公署" if place.endswith(("地区", "盟")) else "人民政府")
    return place + suffix


def expand_collective(name: str, province: str | None = None, city: str | None = None) -> Expansion | None:
    """The members a collective name addresses in a document of ``province`` / ``city``, or
    None when the name is not collective or the remainder is not a body."""
    m = _COLLECTIVE.match(name)
    if not m:
        return None
    word = m.group("word")
    suffix = name[m.end():]
    if not _GOVERNMENT.match(suffix):
        suffix = _TRAILING_PAREN.sub("", suffix)
    if suffix and not (_GOVERNMENT.match(suffix) or SUFFIX_RE.search(suffix) or CORE_RE.search(suffix)):
        return None
    kind = _WORD_KIND[word]
    members = _members(kind, word, province, city)
    if word == "各地区" and suffix in ("行政公署", "行署"):  # 新疆 各地区行政公署: the 地区 only
        members = [n for n in members if n.endswith("地区")]
    if not members:
        return None
    return Expansion(word, suffix, kind, tuple(_member_name(p, suffix) for p in members), tuple(members))
