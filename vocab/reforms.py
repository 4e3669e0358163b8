"""Government reorganisations: which body's function passed to which, and when.

The 2018 reform (国务院机构改革方案, approved by the 13th NPC on 2018-03-17; 深化党和国家机构
改革方案, 中共中央 2018-03-21) was carried down by 中共中央办公厅 国务院办公厅《关于地方机构
改革有关问题的指导意见》(2018): provinces approved their plans and named the new departments in
Oct-Nov 2018, cities and counties by March 2019.  So 河南省国土资源厅 (2010) and
河南省自然资源厅 (2019) are one line of succession, and an analyst following a duty across
years has to follow it.  The table also holds the 2013 reform (国务院机构改革和职能转变方案,
2013-03-14) and the 2023 one (党和国家机构改革方案, 2023-03-16) where they renamed functions
that policy texts name.

Each :class:`Reform` maps an old function to a new one with the year it took effect at each
level and whether the whole function moved (``whole``) or a part (``part``: 城乡规划 from
住房城乡建设 to 自然资源, 救灾 from 民政 to 应急管理).  Function keys follow
:data:`.bodies.FUNCTIONS` where that list has the function.

>>> [(r.new, r.year("province"), r.share) for r in reforms_from("国土资源")]
[('自然资源', 2018, 'whole'), ('应急管理', 2018, 'part')]
>>> [(s.new, s.year, s.share) for s in successors("河南省国土资源厅")]
[('河南省自然资源厅', 2018, 'whole'), ('河南省应急管理厅', 2018, 'part')]
>>> [(s.new, s.year) for s in successors("许昌市工商行政管理局")]
[('许昌市市场监督管理局', 2019)]
>>> [s.new for s in successors("许昌市地方税务局")]
['国家税务总局许昌市税务局']
>>> [s.new for s in successors("国家质量监督检验检疫总局")]
['国家市场监督管理总局', '海关总署']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .places import gazetteer
from .words import alternation

LOCAL_2018 = {"national": 2018, "province": 2018, "city": 2019, "county": 2019}
NATIONAL_ONLY_2018 = {"national": 2018}


@dataclass(frozen=True)
class Reform:
    old: str  # old function
    new: str  # the function that took it over (whole or part)
    years: tuple[tuple[str, int], ...]  # (level, year the new body took over)
    share: str  # whole | part
    national: tuple[str, str] | None  # (old central body, new central body)
    note: str = ""

    def year(self, level: str | None) -> int | None:
        years = dict(self.years)
        return years.get(level or "national") or years.get("national")


def _r(old, new, years, share, national=None, note=""):
    return Reform(old, new, tuple(years.items()), share, national, note)


# (old function, new function, years by level, whole|part, (old central body, new central body), what moved)
REFORMS: tuple[Reform, ...] = (
    # 2018: 国务院机构改革方案 and the provincial/city plans that followed it
    _r("国土资源", "自然资源", LOCAL_2018, "whole", ("国土资源部", "自然资源部")),
    _r("国土资源", "应急管理", LOCAL_2018, "part", None, "地质灾害防治"),
    _r("海洋", "自然资源", LOCAL_2018, "whole", ("国家海洋局", "自然资源部")),
    _r("测绘地理信息", "自然资源", LOCAL_2018, "whole", ("国家测绘地理信息局", "自然资源部")),
    _r("城乡规划", "自然资源", LOCAL_2018, "whole", None, "城乡规划管理; cities merged 规划局 and 国土资源局 into 自然资源和规划局"),
    _r("住房城乡建设", "自然资源", LOCAL_2018, "part", ("住房和城乡建设部", "自然资源部"), "城乡规划管理"),
    _r("环境保护", "生态环境", LOCAL_2018, "whole", ("环境保护部", "生态环境部"),
       "county bureaus became branches (分局) of the city's 生态环境局 (垂直管理)"),
    _r("农业", "农业农村", LOCAL_2018, "whole", ("农业部", "农业农村部")),
    _r("文化", "文化和旅游", LOCAL_2018, "whole", ("文化部", "文化和旅游部"), "many cities: 文化广电和旅游局"),
    _r("旅游", "文化和旅游", LOCAL_2018, "whole", ("国家旅游局", "文化和旅游部")),
    _r("卫生计生", "卫生健康", LOCAL_2018, "whole", ("国家卫生和计划生育委员会", "国家卫生健康委员会")),
    _r("安全生产监管", "应急管理", LOCAL_2018, "whole", ("国家安全生产监督管理总局", "应急管理部")),
    _r("民政", "应急管理", LOCAL_2018, "part", ("民政部", "应急管理部"), "救灾"),
    _r("民政", "退役军人事务", LOCAL_2018, "part", ("民政部", "退役军人事务部"), "优抚安置"),
    _r("民政", "医疗保障", LOCAL_2018, "part", ("民政部", "国家医疗保障局"), "医疗救助"),
    _r("人力资源社会保障", "医疗保障", LOCAL_2018, "part", ("人力资源和社会保障部", "国家医疗保障局"),
       "城镇职工和城镇居民基本医疗保险、生育保险"),
    _r("人力资源社会保障", "退役军人事务", LOCAL_2018, "part", ("人力资源和社会保障部", "退役军人事务部"), "军官转业安置"),
    _r("卫生计生", "医疗保障", LOCAL_2018, "part", ("国家卫生和计划生育委员会", "国家医疗保障局"), "新型农村合作医疗"),
    _r("发展改革", "医疗保障", LOCAL_2018, "part", ("国家发展和改革委员会", "国家医疗保障局"), "药品和医疗服务价格管理"),
    _r("发展改革", "生态环境", LOCAL_2018, "part", ("国家发展和改革委员会", "生态环境部"), "应对气候变化和减排"),
    _r("发展改革", "自然资源", LOCAL_2018, "part", ("国家发展和改革委员会", "自然资源部"), "组织编制主体功能区规划"),
    _r("发展改革", "农业农村", LOCAL_2018, "part", ("国家发展和改革委员会", "农业农村部"), "农业投资项目"),
    _r("水利", "应急管理", LOCAL_2018, "part", ("水利部", "应急管理部"), "水旱灾害防治"),
    _r("工商", "市场监管", LOCAL_2018, "whole", ("国家工商行政管理总局", "国家市场监督管理总局"),
       "many cities had merged 工商/质监/食药监 into 市场监督管理局 in 2014-2015 already"),
    _r("质量技术监督", "市场监管", LOCAL_2018, "whole", ("国家质量监督检验检疫总局", "国家市场监督管理总局")),
    _r("质量技术监督", "海关", NATIONAL_ONLY_2018, "part", ("国家质量监督检验检疫总局", "海关总署"), "出入境检验检疫"),
    _r("食品药品监管", "市场监管", LOCAL_2018, "whole", ("国家食品药品监督管理总局", "国家市场监督管理总局"),
       "药品 to 国家药品监督管理局 (national and provincial)"),
    _r("粮食", "粮食和物资储备", LOCAL_2018, "whole", ("国家粮食局", "国家粮食和物资储备局")),
    _r("林业", "林业和草原", LOCAL_2018, "whole", ("国家林业局", "国家林业和草原局")),
    _r("法制", "司法", LOCAL_2018, "whole", ("国务院法制办公室", "司法部")),
    _r("国家税务", "税务", {"national": 2018, "province": 2018, "city": 2018, "county": 2018}, "whole", None,
       "国税地税征管体制改革: provincial bureaus merged 2018-06-15, cities and counties 2018-07"),
    _r("地方税务", "税务", {"national": 2018, "province": 2018, "city": 2018, "county": 2018}, "whole", None),
    _r("经济和信息化", "工业和信息化", LOCAL_2018, "whole", None, "provinces that still had 经济和信息化委员会"),
    _r("金融", "地方金融监管", LOCAL_2018, "whole", None, "政府金融工作办公室 became 地方金融监督管理局"),
    _r("银行业监管", "银行保险监管", NATIONAL_ONLY_2018, "whole", ("中国银行业监督管理委员会", "中国银行保险监督管理委员会")),
    _r("保险监管", "银行保险监管", NATIONAL_ONLY_2018, "whole", ("中国保险监督管理委员会", "中国银行保险监督管理委员会")),
    _r("新闻出版广电", "广播电视", NATIONAL_ONLY_2018, "whole", ("国家新闻出版广电总局", "国家广播电视总局"),
       "新闻出版、电影 to 中央宣传部"),
    # 2013: 国务院机构改革和职能转变方案
    _r("卫生", "卫生计生", {"national": 2013, "province": 2013, "city": 2014, "county": 2014}, "whole",
       ("卫生部", "国家卫生和计划生育委员会")),
    _r("人口计生", "卫生计生", {"national": 2013, "province": 2013, "city": 2014, "county": 2014}, "whole",
       ("国家人口和计划生育委员会", "国家卫生和计划生育委员会")),
    # 2023: 党和国家机构改革方案
    _r("银行保险监管", "金融监管", {"national": 2023, "province": 2023, "city": 2023}, "whole",
       ("中国银行保险监督管理委员会", "国家金融监督管理总局"), "local 银保监局 became 金融监管局"),
    _r("地方金融监管", "地方金融管理", {"province": 2024, "city": 2024, "county": 2024}, "whole", None,
       "地方金融监督管理局 renamed 地方金融管理局 (2024)"),
    _r("扶贫", "乡村振兴", {"national": 2021, "province": 2021, "city": 2021, "county": 2021}, "whole",
       ("国务院扶贫开发领导小组办公室", "国家乡村振兴局")),
    _r("乡村振兴", "农业农村", {"national": 2023, "province": 2023, "city": 2023, "county": 2023}, "whole",
       ("国家乡村振兴局", "农业农村部")),
)

# old functions as local bodies name them (core at the end of the name), longest first
OLD_CORES = {
    "国土资源": ("国土资源和房屋管理局", "国土资源厅", "国土资源局", "国土厅", "国土局"),
    "海洋": ("海洋与渔业厅", "海洋与渔业局", "海洋局"),
    "测绘地理信息": ("测绘地理信息局", "测绘局"),
    "城乡规划": ("城乡规划局", "城市规划局", "规划委员会", "规划局"),
    "环境保护": ("环境保护厅", "环境保护局", "环保厅", "环保局"),
    "农业": ("农业委员会", "农牧业厅", "农牧厅", "农牧局", "农业厅", "农业局", "农委"),
    "文化": ("文化广电新闻出版局", "文化广播电视局", "文化新闻出版厅", "文化厅", "文化局", "文广新局"),
    "旅游": ("旅游发展委员会", "旅游发展委", "旅游局", "旅发委"),
    "卫生计生": ("卫生和计划生育委员会", "卫生计生委", "卫计委", "卫生计生局"),
    "安全生产监管": ("安全生产监督管理局", "安全生产监管局", "安监局"),
    "工商": ("工商行政管理局", "工商局"),
    "质量技术监督": ("质量技术监督局", "质监局"),
    "食品药品监管": ("食品药品监督管理局", "食品药品监管局", "食药监局"),
    "粮食": ("粮食局",),
    "林业": ("林业厅", "林业局"),
    "法制": ("人民政府法制办公室", "政府法制办公室", "法制办公室", "法制办"),
    "国家税务": ("国家税务局", "国税局"),
    "地方税务": ("地方税务局", "地税局"),
    "经济和信息化": ("经济和信息化委员会", "经济和信息化厅", "经济和信息化委", "经信委"),
    "金融": ("人民政府金融工作办公室", "政府金融工作办公室", "金融工作办公室", "政府金融办", "金融办"),
    "卫生": ("卫生厅", "卫生局"),
    "人口计生": ("人口和计划生育委员会", "人口计生委"),
    "扶贫": ("扶贫开发办公室", "扶贫办"),
    "乡村振兴": ("乡村振兴局",),
    "地方金融监管": ("地方金融监督管理局", "地方金融监管局"),
    "银行保险监管": ("银保监局", "银保监分局"),
}
# the new function's body at (province, city, county) level
NEW_NAMES = {
    "自然资源": ("自然资源厅", "自然资源局", "自然资源局"),
    "生态环境": ("生态环境厅", "生态环境局", "生态环境局"),
    "农业农村": ("农业农村厅", "农业农村局", "农业农村局"),
    "文化和旅游": ("文化和旅游厅", "文化和旅游局", "文化和旅游局"),
    "卫生健康": ("卫生健康委员会", "卫生健康委员会", "卫生健康局"),
    "应急管理": ("应急管理厅", "应急管理局", "应急管理局"),
    "市场监管": ("市场监督管理局", "市场监督管理局", "市场监督管理局"),
    "粮食和物资储备": ("粮食和物资储备局", "粮食和物资储备局", "粮食和物资储备局"),
    "林业和草原": ("林业和草原局", "林业局", "林业局"),
    "司法": ("司法厅", "司法局", "司法局"),
    "税务": ("税务局", "税务局", "税务局"),
    "工业和信息化": ("工业和信息化厅", "工业和信息化局", "工业和信息化局"),
    "医疗保障": ("医疗保障局", "医疗保障局", "医疗保障局"),
    "退役军人事务": ("退役军人事务厅", "退役军人事务局", "退役军人事务局"),
    "地方金融监管": ("地方金融监督管理局", "地方金融监督管理局", "地方金融监督管理局"),
    "地方金融管理": ("地方金融管理局", "地方金融管理局", "地方金融管理局"),
    "卫生计生": ("卫生和计划生育委员会", "卫生和计划生育委员会", "卫生和计划生育局"),
    "乡村振兴": ("乡村振兴局", "乡村振兴局", "乡村振兴局"),
    "金融监管": ("金融监管局", "金融监管局", "金融监管分局"),
}
_OLD_CORE_RE = re.compile("(?P<core>" + alternation(c for cores in OLD_CORES.values() for c in cores) + ")$")
FUNCTION_OF_OLD_CORE = {c: fn for fn, cores in OLD_CORES.items() for c in cores}
_BY_OLD: dict[str, list[Reform]] = {}
for _ref in REFORMS:
    _BY_OLD.setdefault(_ref.old, []).append(_ref)
_BY_NATIONAL = {}
for _ref in REFORMS:
    if _ref.national:
        _BY_NATIONAL.setdefault(_ref.national[0], []).append(_ref)


@dataclass(frozen=True)
class Succession:
    old: str  # the old body's name
    new: str  # its successor's name at the same place and level
    year: int | None
    share: str
    reform: Reform


def reforms_from(function: str) -> list[Reform]:
    """The reforms that moved (all or part of) an old function."""
    return list(_BY_OLD.get(function, []))


def _level(prefix: str) -> str | None:
    """Level of a name's place prefix: '河南省' -> province, '许昌市' -> city, '市' -> city."""
    if not prefix:
        return None
    if prefix in ("省", "自治区"):
        return "province"
    if prefix in ("市", "州", "盟"):
        return "city"
    if prefix in ("县", "区", "旗"):
        return "county"
    place = gazetteer().lookup(prefix)
    return place.level if place else None


def successors(name: str) -> list[Succession]:
    """The bodies that took over an old body's functions, at its place and level.

    A provincial 省国土资源厅 is succeeded by 省自然资源厅 (whole) and, for 地质灾害防治,
    by 省应急管理厅 (part).  Names the table does not know give ``[]``.
    """
    out = []
    for ref in _BY_NATIONAL.get(name, []):
        out.append(Succession(name, ref.national[1], ref.year("national"), ref.share, ref))
    if out:
        return out
    m = _OLD_CORE_RE.search(name)
    if not m:
        return []
    prefix = name[:m.start()]
    level = _level(prefix)
    idx = {"province": 0, "city": 1, "county": 2}.get(level or "", 1)
    for ref in _BY_OLD.get(FUNCTION_OF_OLD_CORE[m.group("core")], []):
        names = NEW_NAMES.get(ref.new)
        if names and dict(ref.years).get(level or "city"):
            new = prefix + names[idx]
            if ref.new == "税务" and len(prefix) > 1:  # 国家税务总局许昌市税务局
                new = "国家税务总局" + new
            out.append(Succession(name, new, ref.year(level), ref.share, ref))
    return out
