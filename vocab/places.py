"""Chinese administrative places (province, city, county) from jionlp's gazetteer.

Used to tell a place from an agency, to find a document's region and to infer a city's
province (锦州市 -> 辽宁省).  Loaded once, lazily, from the copy of jionlp's table that
tools/make_places.py saves in vocab/data (importing jionlp itself takes ~0.4 s).
"""
from __future__ import annotations

import json
import re

import ahocorasick
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .words import alternation

# what the name of a zone ends with (开发区, 园区, 新区 ...): a zone, not a division or a body
ZONE_ENDINGS = ("开发区", "园区", "新区", "示范区", "试验区", "合作区", "集聚区", "保税区", "高新区", "经开区", "产业园", "工业园", "度假区", "港区",
                "综合区")
ZONE_WORDS = re.compile(alternation(ZONE_ENDINGS))
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# zones jionlp files among county-level divisions with a division's code (xx01-xx69, where a
# functional zone's is xx70-xx99): 四川天府新区 and 成都高新区 are managed zones, not districts
NOT_DIVISIONS = frozenset({"天府新区", "成都高新技术产业开发区"})


_LEVEL_CHAR = re.compile(r"[省市县区州盟旗]")
_LEVEL_CHARS = frozenset("省市县区州盟旗")


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province | city | county
    province: str
    city: str | None = None

    @property
    def region(self) -> dict:
        city = self.city if self.level != "province" else None
        county = self.name if self.level == "county" else None
        return {"province": self.province, "city": city, "county": county}


def is_division(name: str, data) -> bool:
    """A county-level division by its code, whatever its name says (浦东新区, 滨海新区, 海港区 are
    districts; 长春经济技术开发区, coded 220171, is a zone).

    >>> is_division("浦东新区", {"_admin_code": "310115"}), is_division("经开区", {"_admin_code": "220171"})
    (True, False)
    """
    code = data.get("_admin_code", "") if isinstance(data, dict) else ""
    return len(code) == 6 and code[4:].isdigit() and int(code[4:]) < 70 and name not in NOT_DIVISIONS


class Gazetteer:
    """Every place by full name and by short name (许昌市 / 许昌)."""

    def __init__(self, tree: dict):
        self.by_name: dict[str, list[Place]] = {}
        for prov, pdata in tree.items():
            self._add(prov, Place(prov, "province", prov))
            alias = pdata.get("_alias")
            for a in ([alias] if isinstance(alias, str) else alias or []):
                self._add(a, Place(prov, "province", prov))
            for city, cdata in pdata.items():
                if city.startswith("_") or not isinstance(cdata, dict):
                    continue
                if "直辖" in city:  # 省直辖行政区划: its counties hang off the province
                    for county, kdata in cdata.items():
                        if not county.startswith("_") and (not ZONE_WORDS.search(county) or is_division(county, kdata)):
                            self._add(county, Place(county, "county", prov, county))
                    continue
                cplace = Place(city, "city", prov, city) if prov not in MUNICIPALITIES else None
                if cplace:
                    self._add(city, cplace)
                    for a in cdata.get("_alias") or []:
                        if len(a) >= 2:
                            self._add(a, cplace)
                for county, kdata in cdata.items():
                    if county.startswith("_") or (ZONE_WORDS.search(county) and not is_division(county, kdata)):
                        continue
                    kplace = Place(county, "county", prov, city if prov not in MUNICIPALITIES else None)
                    self._add(county, kplace)
                    for a in (kdata.get("_alias") or []) if isinstance(kdata, dict) else []:
                        if len(a) >= 2 and a not in ("市辖区",):
                            self._add(a, kplace)
        self._short = None
        self._reach: dict[str, int] = {}  # a name's first two characters -> the longest name starting so
        for name in self.by_name:
            if len(name) >= 2 and len(name) > self._reach.get(name[:2], 0):
                self._reach[name[:2]] = len(name)
        self.automaton = ahocorasick.Automaton()
        for name in self.by_name:
            self.automaton.add_word(name, name)
        self.automaton.make_automaton()

    def _add(self, name: str, place: Place) -> None:
        if place.level != "province" and len(name) >= 3 and name[-1] in "市县" and name == place.name:
            self._add(name[:-1], place)  # 长葛市 is also written 长葛
        lst = self.by_name.setdefault(name, [])
        if place not in lst:
            lst.append(place)

    def lookup(self, name: str, prefer_province: str | None = None) -> Place | None:
        """The place a name denotes, preferring higher levels and the given province.

        >>> gazetteer().lookup("锦州市").province
        '辽宁省'
        >>> gazetteer().lookup("吴江区", prefer_province="江苏省").city
        '苏州市'
        """
        cands = self.by_name.get(name)
        if not cands:
            return None
        rank = {"province": 0, "city": 1, "county": 2}
        return sorted(cands, key=lambda p: (p.province != prefer_province, rank[p.level]))[0]

    def find_full(self, text: str):
        """Yield (name, start, end) for place names that end in their level (许昌市, 长葛市,
        河南省): found from each 省/市/县/区/州/盟/旗 backwards by dictionary probes, which is
        ten times faster than the automaton over a whole text.

        >>> [n for n, _, _ in gazetteer().find_full("进一步激活邓州市房地产市场,许昌市")]
        ['邓州市', '许昌市']
        """
        last = 0
        for m in _LEVEL_CHAR.finditer(text):
            i = m.end()
            for k in range(min(8, i - last), 1, -1):
                if text[i - k:i] in self.by_name:
                    if text[i:i + 1] in _LEVEL_CHARS and text[i - k:i + 1] in self.by_name:
                        break  # 邓州|市: the longer name ends at the next level character
                    yield text[i - k:i], i - k, i
                    last = i
                    break

    def find_regions(self, text: str):
        """Yield (name, start, end) of the provinces and cities a text names, full names
        (:meth:`find_full`) and short ones (许昌, 河南) alike, without counties' short names:
        what locating a text needs, at a fraction of :meth:`find`'s cost."""
        if self._short is None:  # a few hundred names: an alternation scans twice as fast as an automaton
            short = [name for name, places in self.by_name.items()
                     if name[-1] not in "省市县区州盟旗" and any(p.level != "county" for p in places)
                     and (len(name) > 2 or is_place_word(name))]
            self._short = re.compile(alternation(short))
        hits = list(self.find_full(text)) + [(m.group(0), m.start(), m.end()) for m in self._short.finditer(text)]
        last = -1
        for name, st, en in sorted(hits, key=lambda h: (h[1], -h[2])):
            if st >= last:
                yield name, st, en
                last = en

    def longest_prefix(self, text: str) -> str | None:
        """The longest place name ``text`` starts with (dictionary probes: no automaton to walk).

        >>> gazetteer().longest_prefix("苏州市吴江区"), gazetteer().longest_prefix("资源厅"), gazetteer().longest_prefix("省财政厅")
        ('苏州市', '资源', None)
        """
        for k in range(min(len(text), self._reach.get(text[:2], 0)), 1, -1):
            if text[:k] in self.by_name:
                return text[:k]
        return None

    def find(self, text: str):
        """Yield (name, start, end) for place names in the text, longest leftmost matches."""
        for end, name in self.automaton.iter_long(text):
            yield name, end - len(name) + 1, end + 1


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """jionlp's table, as saved by tools/make_places.py (loading it beats importing jionlp)."""
    path = Path(__file__).resolve().parent / "data" / "china_locations.json"
    return Gazetteer(json.loads(path.read_text(encoding="utf-8"))["tree"])


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Words a general dictionary tags as place names (jieba's ns; see tools/make_place_words.py)."""
    path = Path(__file__).resolve().parent / "data" / "place_words.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


def is_place_word(name: str) -> bool:
    """A short place name that is not mostly a common word (合作, 资源).

    >>> is_place_word("长葛"), is_place_word("合作")
    (True, False)
    """
    return name in place_words()
