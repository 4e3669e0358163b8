"""Where a document's issuer sits, and at which level.

Evidence, strongest first: the metadata (a manifest's ``region``, even a chain such as
``江西省九江市武宁县``), the issuer's name, the title, the places the text keeps naming (a news
dateline such as ``新华社北京7月27日电`` is where the reporter sits, not the issuer), and the
abbreviation that opens the document number (豫 -> 河南省).  A document that speaks of itself
as ``我县``/``本区`` or assigns its work to ``县…局`` is a county's even when it never names the
county.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ...vocab.places import MUNICIPALITIES, Place, gazetteer, is_place_word
from ...vocab.web import NEWS_AGENCIES
from ...vocab.words import alternation
from .registry import Region

PROVINCE_ABBR = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "豫": "河南省", "云": "云南省",
                 "辽": "辽宁省", "黑": "黑龙江省", "湘": "湖南省", "皖": "安徽省", "鲁": "山东省", "新": "新疆维吾尔自治区",
                 "苏": "江苏省", "浙": "浙江省", "赣": "江西省", "鄂": "湖北省", "桂": "广西壮族自治区", "甘": "甘肃省",
                 "晋": "山西省", "蒙": "内蒙古自治区", "陕": "陕西省", "吉": "吉林省", "闽": "福建省", "贵": "贵州省",
                 "粤": "广东省", "青": "青海省", "藏": "西藏自治区", "川": "四川省", "宁": "宁夏回族自治区", "琼": "海南省"}
_DATELINE = re.compile(alternation(NEWS_AGENCIES) + r"[\u3400-\u9fff]{0,6}\d{1,2}月\d{1,2}日(?:电|讯)|(?:记者|通讯员)\s*[\u3400-\u9fff ]{2,12}\)?")
_SELF = re.compile(r"(?:我|本|全)(?P<lvl>省|自治区|市|州|县|区|旗)(?![委政级场民])")
_DUTY_PREFIX = re.compile(r"(?:^|[(:、,])(?P<lvl>[省市县区])(?:[\u3400-\u9fff]{1,10})(?:局|委|办|厅)(?=[、,;)])")


@lru_cache(maxsize=1 << 14)
def region_of(name: str, prefer_province: str | None = None) -> Region | None:
    """The region a place, a chain of places or a body's name starts with.

    >>> region_of("锦州市人民政府").as_dict()
    {'province': '辽宁省', 'city': '锦州市', 'county': None}
    >>> region_of("江西省九江市武宁县").as_dict()
    {'province': '江西省', 'city': '九江市', 'county': '武宁县'}
    >>> region_of("河南省工业和信息化厅办公室").level
    'province'
    """
    best, expect = None, 0
    for place, st, end in gazetteer().find(name[:24]):
        if st != expect:  # only a chain of places at the start: 苏州市吴江区
            break
        p = gazetteer().lookup(place, best.province if best else prefer_province)
        if p is None:
            break
        best, expect = p, end
    if best is None:
        return None
    r = best.region
    return Region(r["province"], r["city"], r["county"])


_COUNTY_LEVEL = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:管理区|新区|区|县|市|旗|特区|林区)$")


def region_of_meta(given: str) -> Region | None:
    """A manifest's region: one place (许昌市) or a chain (浙江省杭州市临平区); the county-level unit
    that ends a chain is taken as written even where the gazetteer lacks it (湖南省常德市西湖管理区).

    >>> region_of_meta("湖南省常德市西湖管理区").as_dict()
    {'province': '湖南省', 'city': '常德市', 'county': '西湖管理区'}
    """
    given = given.strip()
    region = region_of(given)
    if region is None:
        p = gazetteer().lookup(given)
        region = Region(**p.region) if p else None
    if region is not None and region.city and not region.county:
        rest = given[given.find(region.city) + len(region.city):] if region.city in given else ""
        if _COUNTY_LEVEL.match(rest) and gazetteer().lookup(rest) is None:
            region = Region(region.province, region.city, rest)
    return region


def _without_datelines(text: str) -> str:
    """The text without news datelines and bylines (新华社北京3月5日电, 记者 张三): the places they
    name are where a reporter stood.  (A plain search for the words they need spares most texts
    the pattern.)

    >>> _without_datelines("新华社北京3月5日电 许昌市印发通知")
    ' 许昌市印发通知'
    """
    if "日电" in text or "日讯" in text or "记者" in text or "通讯员" in text:
        return _DATELINE.sub("", text)
    return text


def region_of_mentions(text: str) -> Region | None:
    """The region a text keeps naming, when its metadata and issuer do not say: one city
    that most mentions point to, or one province that several of its cities belong to."""
    cities, provinces, counties = Counter(), Counter(), Counter()
    g = gazetteer()
    for name, _, _ in g.find_regions(_without_datelines(text[:6000])):
        if len(name) < 2 or (len(name) == 2 and not is_place_word(name)):
            continue  # 合作, 资源: short names that are mostly common words
        p = g.lookup(name)
        if p is None:
            continue
        if p.level == "county":
            # a district's name (东城区) is too often reused to locate a text; a county or a
            # county-level city written in full and found once in the gazetteer is not
            if name[-1] in "县市旗" and name == p.name and len(g.by_name.get(name, ())) == 1:
                counties[p] += 1
            continue
        provinces[p.province] += 1
        if p.level == "city":
            cities[p.name] += 1
    if not provinces:
        return None
    prov, pn = provinces.most_common(1)[0]
    if pn < 0.6 * sum(provinces.values()):
        return None
    in_prov = [(c, n) for c, n in cities.most_common() if (g.lookup(c, prov) or Place(c, "city", "")).province == prov]
    city = None
    if in_prov and prov not in MUNICIPALITIES and in_prov[0][1] >= 0.7 * sum(n for _, n in in_prov):
        city = in_prov[0][0]
    # a county the text keeps naming, in the city it names (or in its province when it names no city)
    own = [(p, n) for p, n in counties.most_common() if (p.city == city if city else p.province == prov)]
    if own and own[0][1] >= 2 and (len(own) == 1 or own[0][1] >= 2 * own[1][1]):
        return Region(prov, own[0][0].city, own[0][0].name)
    return Region(prov, city)


def region_of_number(doc_number: str | None) -> Region | None:
    """豫政办〔2012〕33号 -> 河南省."""
    if doc_number and doc_number[0] in PROVINCE_ABBR:
        return Region(PROVINCE_ABBR[doc_number[0]])
    return None


def level_of_text(text: str) -> str | None:
    """The level a document speaks from, by how it names itself (我县, 本区, 全市) and the
    prefixes of the bodies it assigns work to (县住建局、县财政局): the most frequent wins.

    >>> level_of_text("为推进我县房地产市场平稳健康发展…(责任单位:县建设局、县财政局)")
    'county'
    """
    votes: Counter = Counter()
    for m in _SELF.finditer(text):
        votes[_LEVEL[m.group("lvl")]] += 2
    for m in _DUTY_PREFIX.finditer(text):
        votes[_LEVEL[m.group("lvl")]] += 1
    if not votes:
        return None
    (lvl, n), *rest = votes.most_common(2)
    return lvl if not rest or n >= 2 * rest[0][1] else None


_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "县": "county", "区": "county",
          "旗": "county"}
