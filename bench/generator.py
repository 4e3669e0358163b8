"""Seeded generator of synthetic Chinese policy documents with exact gold annotations.

Why: the hand-annotated seeds are a handful of documents, too few to measure `policykg extract` at scale
or to load the graph with thousands of linked documents. This module recombines the structures seen in
the seeds (a provincial plan split among departments, city plans that cite it and hand the same work to
the city counterparts, county documents below them) with real provinces, cities and counties, so any
number of documents with known answers can be produced in seconds.

Every agency, duty, target, zone and cluster is written into the text through a `_Draft`, which records
it as it is written, so the gold (shared/spec/gold.md) is complete by construction. The generator is
pure: the same (n_docs, seed) always gives the same documents, and a longer run extends a shorter one.
"""
from __future__ import annotations

import contextlib
import functools
import io
import itertools
import random
from dataclasses import dataclass
from typing import Iterator


@dataclass
class GeneratedDoc:
    """One generated document: file name, text, manifest row (url/region) and gold (spec/gold.md)."""

    name: str
    text: str
    meta: dict
    gold: dict


# --------------------------------------------------------------------------------------------- places

# Provinces used (autonomous regions and municipalities use other agency prefixes, so they are left out):
# abbreviation, prefix of government documents, prefix of general-office documents.
PROVINCE_CODES = {
    "河北省": ("冀", "冀政发", "冀政办发"), "山西省": ("晋", "晋政发", "晋政办发"),
    "辽宁省": ("辽", "辽政发", "辽政办发"), "吉林省": ("吉", "吉政发", "吉政办发"),
    "黑龙江省": ("黑", "黑政发", "黑政办发"), "江苏省": ("苏", "苏政发", "苏政办发"),
    "浙江省": ("浙", "浙政发", "浙政办发"), "安徽省": ("皖", "皖政", "皖政办"),
    "福建省": ("闽", "闽政", "闽政办"), "江西省": ("赣", "赣府发", "赣府厅发"),
    "山东省": ("鲁", "鲁政发", "鲁政办发"), "河南省": ("豫", "豫政", "豫政办"),
    "湖北省": ("鄂", "鄂政发", "鄂政办发"), "湖南省": ("湘", "湘政发", "湘政办发"),
    "广东省": ("粤", "粤府", "粤府办"), "海南省": ("琼", "琼府", "琼府办"),
    "四川省": ("川", "川府发", "川办发"), "贵州省": ("黔", "黔府发", "黔府办发"),
    "云南省": ("云", "云政发", "云政办发"), "陕西省": ("陕", "陕政发", "陕政办发"),
    "甘肃省": ("甘", "甘政发", "甘政办发"), "青海省": ("青", "青政", "青政办"),
}
NOT_COUNTY = ("开发", "示范", "管理", "新区", "新城", "园区", "行政")
ZONE_WORDS = ("开发区", "产业园区", "工业园区")


@dataclass(frozen=True)
class City:
    name: str
    short: str
    counties: tuple[str, ...]
    zones: tuple[str, ...]  # real development zones listed under the city


@dataclass(frozen=True)
class Province:
    name: str
    abbr: str
    gov_prefix: str
    office_prefix: str
    cities: tuple[City, ...]


def _alias(node: dict, name: str) -> str:
    alias = node.get("_alias") or name
    return alias[0] if isinstance(alias, list) else alias


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """Real provinces with their prefecture cities, counties (unique names only) and listed zones."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp
        loc = jionlp.china_location_loader()
    counts: dict[str, int] = {}
    for prov in loc.values():
        for city in (v for k, v in prov.items() if not k.startswith("_") and isinstance(v, dict)):
            for county in (k for k in city if not k.startswith("_")):
                counts[county] = counts.get(county, 0) + 1
    out = []
    for pname, (abbr, gov, office) in PROVINCE_CODES.items():
        cities = []
        for cname, node in sorted(loc[pname].items()):
            if cname.startswith("_") or not cname.endswith("市"):
                continue
            children = sorted(k for k in node if not k.startswith("_"))
            counties = tuple(c for c in children if counts[c] == 1 and (
                c.endswith("县") or (c.endswith("区") and len(c) <= 4 and not any(w in c for w in NOT_COUNTY))))
            zones = tuple(c for c in children if c.endswith(ZONE_WORDS) and c.startswith(_alias(node, cname)))
            cities.append(City(cname, _alias(node, cname), counties, zones))
        out.append(Province(pname, abbr, gov, office, tuple(cities)))
    return tuple(out)


# ---------------------------------------------------------------------------------------- departments

@dataclass(frozen=True)
class Dept:
    """A line department: its name stems at province and city level, before and after the 2018 reform."""

    key: str
    category: str
    upper: tuple[tuple[str, ...], tuple[str, ...]]
    lower: tuple[tuple[str, ...], tuple[str, ...]]

    def stems(self, level: str, era: int) -> tuple[str, ...]:
        return (self.upper if level == "province" else self.lower)[era]


def _dept(key, category, prov_pre, prov_post, city_pre, city_post) -> Dept:
    def split(pre, post):
        pre_t = tuple(pre.split("|")) if pre else ()
        return pre_t, (pre_t if post == "=" else tuple(post.split("|")) if post else ())
    return Dept(key, category, split(prov_pre, prov_post), split(city_pre, city_post))


# First stem is the full form, the last the usual short form (省电力公司 -> 市供电公司, 厅 -> 局 ...).
DEPTS = {d.key: d for d in (
    _dept("发改", "build", "发展改革委", "=", "发展改革委|发改委", "="),
    _dept("工信", "industry", "工业和信息化厅|工信厅", "=", "工业和信息化局|工信局", "="),
    _dept("国土", "factor", "国土资源厅", "自然资源厅", "国土资源局|国土局", "自然资源和规划局|自然资源局"),
    _dept("环保", "manage", "环境保护厅|环保厅", "生态环境厅", "环境保护局|环保局", "生态环境局"),
    _dept("财政", "factor", "财政厅", "=", "财政局", "="),
    _dept("科技", "industry", "科技厅", "=", "科技局", "="),
    _dept("商务", "industry", "商务厅", "=", "商务局", "="),
    _dept("人社", "talent", "人力资源和社会保障厅|人力资源社会保障厅", "=",
          "人力资源和社会保障局|人力资源社会保障局|人社局", "="),
    _dept("教育", "talent", "教育厅", "=", "教育局", "="),
    _dept("交通", "build", "交通运输厅", "=", "交通运输局|交通局", "="),
    _dept("统计", "manage", "统计局", "=", "统计局", "="),
    _dept("金融", "factor", "政府金融办", "地方金融监管局", "政府金融办|金融办", "金融工作局"),
    _dept("电力", "build", "电力公司", "=", "供电公司", "="),
    _dept("住建", "build", "住房城乡建设厅|住房和城乡建设厅", "=", "住房城乡建设局|住建局", "="),
    _dept("质监", "industry", "质量技术监督局|质监局", "市场监管局", "质量技术监督局|质监局", "市场监管局"),
    _dept("编办", "manage", "编办", "=", "编办", "="),
    _dept("水利", "build", "水利厅", "=", "水利局", "="),
    _dept("农业", "industry", "农业厅", "农业农村厅", "农业局", "农业农村局"),
    _dept("国资", "manage", "国资委", "=", "国资委", "="),
    _dept("税务", "factor", "地税局", "税务局", "地税局", "税务局"),
    _dept("通信", "build", "通信管理局", "=", "", ""),
    _dept("城管", "build", "", "", "城市管理局|城管局", "="),
    _dept("规划", "build", "", "", "城乡规划局|规划局", ""),
)}
CORE_DEPTS = ("发改", "工信", "国土", "环保", "财政", "科技", "商务", "人社", "住建")

# ---------------------------------------------------------------------------------------- phrase banks
# {Z} zone noun of the theme, {L} level character (省/市/县/区), {Q} 全省/全市/全县.

VERBS = {
    "policy": ("制定", "研究制定", "出台", "拟订并实施", "修订完善"),
    "build": ("推进", "加快推进", "统筹推进", "推动", "加强"),
    "activity": ("组织开展", "开展", "组织实施"),
    "secure": ("保障", "优先保障", "全力保障"),
    "implement": ("落实", "贯彻落实", "全面落实"),
    "work": ("做好", "扎实做好", "认真做好"),
    "guide": ("指导", "督促", "协调推动"),
}

TASKS = {
    "发改": [("policy", "促进{Z}发展的政策措施"), ("policy", "{Z}考核和综合评价办法"),
             ("policy", "{Z}年度重点项目推进计划"), ("build", "重大项目联审联批"),
             ("build", "{Z}污水、垃圾处理等基础设施建设"), ("guide", "{Z}编制实施产业发展专项规划"),
             ("activity", "{Z}项目建设观摩活动"), ("activity", "重点项目集中开工活动"),
             ("work", "国家和{L}级专项资金争取工作"), ("guide", "{Z}发展规划确认和备案工作")],
    "工信": [("policy", "{Z}大招商行动计划"), ("build", "中小企业信用担保体系建设"),
             ("build", "企业信息化公共服务平台建设"), ("guide", "企业技术改造和淘汰落后产能"),
             ("build", "工业化和信息化深度融合"), ("activity", "赴沿海地区综合性招商引资活动"),
             ("activity", "产销对接和市场开拓活动"), ("work", "骨干企业要素保障和跟踪服务"),
             ("build", "新型工业化产业示范基地创建工作")],
    "国土": [("policy", "保障{Z}用地的政策措施"), ("policy", "节约集约用地考核办法"),
             ("build", "土地整理和收储工作"), ("build", "多层标准厂房建设"),
             ("activity", "闲置土地清理处置专项行动"), ("secure", "{Z}年度用地计划指标"),
             ("work", "重点项目用地报批工作"), ("guide", "土地投资强度和产出强度监管")],
    "环保": [("policy", "促进{Z}发展的环保政策"), ("guide", "{Z}规划环评审查"),
             ("build", "污水集中处理设施建设"), ("build", "环保设施集合构建和共建共享"),
             ("guide", "项目环评审批和环保措施落实"), ("build", "主要污染物总量减排"),
             ("secure", "{Z}新增项目环境容量需求")],
    "财政": [("policy", "{Z}税收返还和区域税收分享政策"), ("build", "{Z}投融资平台建设"),
             ("implement", "支持{Z}发展的各项财政政策"), ("work", "专项资金拨付工作"),
             ("build", "政府和社会资本合作项目库建设"), ("policy", "财政资金竞争性分配办法")],
    "科技": [("policy", "{Z}技术创新能力建设政策"), ("build", "工程技术研究中心和重点实验室建设"),
             ("build", "产业技术创新战略联盟建设"), ("build", "科技企业孵化器建设"),
             ("activity", "科技成果转化对接活动"), ("activity", "创新型企业培育工作")],
    "商务": [("policy", "利用外资和扩大出口的政策措施"), ("build", "境外招商网络建设"),
             ("activity", "境外招商推介活动"), ("implement", "出口企业运费补助政策"),
             ("build", "外贸转型升级基地建设"), ("work", "外经贸发展专项资金安排")],
    "人社": [("policy", "{Z}人才培训和引进政策"), ("build", "人力资源市场和公共实训基地建设"),
             ("build", "引进人才“绿色通道”建设"), ("activity", "专家组巡回服务活动"),
             ("activity", "新生劳动力职业技能培训"), ("activity", "专业技术人才继续教育")],
    "教育": [("build", "职业教育校企合作"), ("activity", "急需紧缺人才订单培养"),
             ("activity", "{Z}管理人员专题培训"), ("guide", "职业院校专业设置调整")],
    "交通": [("build", "{Z}对外联通道路建设"), ("build", "连接线公路项目建设"),
             ("work", "交通项目专项补助资金安排"), ("build", "货运站场配套设施建设")],
    "统计": [("policy", "{Z}发展监测方案"), ("build", "统计考核评价体系建设"),
             ("activity", "{Z}季度监测分析"), ("guide", "统计监测数据质量核查")],
    "金融": [("policy", "促进{Z}发展的金融政策"), ("build", "银政企合作对接机制"),
             ("build", "融资担保体系建设"), ("activity", "企业上市培育工作"),
             ("activity", "金融管理人才培训")],
    "电力": [("build", "{Z}电网规划编制"), ("build", "输配电设施建设"),
             ("implement", "大工业用电同网同价政策"), ("secure", "{Z}企业用电需求")],
    "住建": [("build", "{Z}市政基础设施建设"), ("build", "村庄迁并和新型社区建设"),
             ("build", "保障性住房建设"), ("build", "给排水、供热、燃气管网建设"),
             ("guide", "{Z}控制性详细规划审查")],
    "质监": [("policy", "名牌培育和标准化建设政策"), ("build", "检验检测公共服务平台建设"),
             ("activity", "企业标准化示范创建"), ("activity", "名牌产品培育和保护")],
    "编办": [("policy", "{Z}管理体制指导意见"), ("guide", "园区管理机构设置和编制核定"),
             ("build", "管理体制机制创新")],
    "水利": [("build", "园区供水水源工程建设"), ("build", "防洪排涝设施建设")],
    "农业": [("build", "农产品加工基地建设"), ("activity", "农业产业化龙头企业培育")],
    "国资": [("build", "国有企业改革重组"), ("build", "园区开发运营体制改革")],
    "税务": [("implement", "各项税收优惠政策"), ("build", "纳税服务体系建设")],
    "通信": [("build", "通信基础设施共建共享"), ("build", "光纤宽带网络覆盖")],
    "城管": [("build", "垃圾处理中心及配套设施建设"), ("activity", "环境卫生综合整治")],
    "规划": [("policy", "{Z}空间发展规划"), ("guide", "专项规划编制和审批")],
}

EXTRAS = ("明确责任分工", "形成工作合力", "确保按时完成", "提高服务效率", "建立定期通报制度",
          "强化督促检查", "及时协调解决存在的问题", "加强跟踪服务", "健全长效工作机制", "提升保障水平")

# Targets: ("pre", what, unit, lo, hi) renders what + qualifier + number; ("post", verb, what, unit, lo, hi)
# renders verb + number + unit + what.
TARGETS = {
    "发改": [("pre", "完成{Z}基础设施投资", "亿元", 200, 2000), ("post", "谋划", "重大项目", "个", 50, 300),
             ("pre", "到位中央预算内资金", "亿元", 5, 60)],
    "工信": [("pre", "实际利用{L}外资金", "亿元", 300, 3000), ("post", "新设立", "小额贷款公司", "家", 2, 10),
             ("post", "培育", "两化融合示范企业", "家", 10, 100)],
    "国土": [("pre", "{Z}发展用地", "万亩", 3, 20), ("pre", "增减挂钩周转指标", "万亩", 1, 5),
             ("post", "盘活", "存量土地", "亩", 200, 3000)],
    "环保": [("pre", "污水集中处理率", "%", 60, 95), ("post", "完成", "规划环评审查", "个", 5, 40)],
    "财政": [("pre", "投融资平台资产规模", "亿元", 1, 20), ("pre", "{L}级财政专项资金", "亿元", 1, 20)],
    "科技": [("post", "新建", "产业技术创新联盟", "家", 3, 12), ("post", "培养", "科技创新团队", "个", 10, 40),
             ("post", "引进", "高层次创新人才", "名", 10, 100)],
    "商务": [("post", "举办", "重点招商推介会", "场", 2, 6), ("pre", "进出口总额", "亿元", 50, 800)],
    "人社": [("post", "组织开展", "人才招聘对接活动", "次", 2, 6), ("post", "举办", "人才培训班", "期", 1, 4),
             ("pre", "培训新生劳动力", "万人", 1, 10)],
    "教育": [("post", "举办", "管理人员高级培训班", "期", 1, 3), ("post", "订单培养", "技能人才", "名", 500, 5000)],
    "交通": [("pre", "新改建连接线公路", "公里", 50, 500)],
    "金融": [("pre", "新增贷款", "亿元", 3, 80), ("post", "推动", "企业上市", "家", 2, 10)],
    "电力": [("post", "新建", "变电站", "座", 3, 20)],
    "住建": [("pre", "市政基础设施投资", "亿元", 100, 1000), ("pre", "建设保障性住房", "万套", 1, 10)],
    "质监": [("post", "建设", "检验检测公共服务平台", "家", 3, 15)],
}
PRE_FRAMES = (("超过", "", ">"), ("不少于", "", ">="), ("", "以上", ">="), ("达到", "", "="),
              ("不低于", "", ">="), ("", "左右", "~"))
POST_FRAMES = (("", "", "="), ("", "以上", ">="), ("", "左右", "~"), ("range", "", "="))
UNITS = {"亿元": ("元", 10 ** 8), "万元": ("元", 10 ** 4), "万亩": ("亩", 10 ** 4), "万人": ("人", 10 ** 4),
         "万套": ("套", 10 ** 4)}
SMALLER = {"亿元": "万元", "万亩": "亩", "万人": "人", "万套": "套"}  # how a source writes 0.2亿元

GOALS = (("{Z}主营业务收入", "亿元", 1000, 20000), ("{Z}固定资产投资", "亿元", 500, 8000),
         ("{Z}规模以上工业增加值", "亿元", 300, 6000), ("{Z}税收收入", "亿元", 50, 800),
         ("{Z}规模以上从业人员", "万人", 10, 200), ("{Z}高新技术企业", "家", 100, 1500))

THEMES = (  # title of the plan, zone noun, coordinating body, short name for attachments and tags
    ("加快产业集聚区建设专项工作方案", "产业集聚区", "产业集聚区发展联席会议", "产业集聚区建设"),
    ("产业集聚区建设工程重点任务分解", "产业集聚区", "产业集聚区发展联席会议", "产业集聚区建设工程"),
    ("促进开发区转型升级创新发展实施方案", "开发区", "开发区建设工作领导小组", "开发区转型升级"),
    ("产业园区建设年实施方案", "产业园区", "产业园区发展工作领导小组", "产业园区建设年"),
    ("工业园区提质增效行动计划", "工业园区", "工业园区建设领导小组", "工业园区提质增效"),
)

NATIONAL = (("国务院", "国发", "关于推动{Z}高质量发展的若干意见"),
            ("国务院办公厅", "国办发", "关于加快{Z}转型升级的指导意见"),
            ("国务院", "国发", "关于支持产业集群创新发展的意见"))
GUIDANCE = ("坚持把加快{Z}建设作为转方式、调结构的重要抓手", "以提升{Z}发展质量和效益为中心",
            "突出项目带动、集群培育和创新驱动", "着力完善基础设施和公共服务功能",
            "推动企业集中布局、产业集聚发展、资源集约利用、功能集合构建", "强化要素保障和政策支持",
            "加快构建特色鲜明、竞争力强的现代产业体系", "进一步优化营商环境,激发{Z}发展活力",
            "坚持规划引领、集约节约、产城互动")
PURPOSES = ("为加快{Z}建设,推动{Q}经济转型升级", "为进一步明确年度工作任务,促进{Q}{Z}提速发展",
            "为推动{Z}提质增效,增强综合带动能力", "为深入推进{Z}创新发展,发挥其示范引领作用")
HEADINGS = {
    "build": ("完善基础设施", "提升综合配套能力", "强化规划引领"),
    "factor": ("强化要素保障", "拓宽投融资渠道", "加强用地和资金保障"),
    "industry": ("培育壮大主导产业", "强化招商引资", "推进创新驱动发展"),
    "talent": ("加强人才支撑", "强化人力资源保障"),
    "manage": ("推进绿色集约发展", "深化体制机制改革", "完善监测考核机制"),
}
PROSE_TASKS = (  # task, the department that usually carries it
    ("做好{Z}发展的统筹协调工作", "发改"), ("按照职责分工制定年度工作方案", None),
    ("加强对{Z}建设的督促检查", "发改"), ("定期汇总通报工作进展情况", None),
    ("及时研究解决{Z}发展中的重大问题", None), ("切实履行主体责任,加大推进力度", None),
    ("做好{Z}统计监测和考核评价工作", "统计"), ("落实{Z}建设资金保障", "财政"),
    ("加大对{Z}建设的宣传力度", None), ("强化{Z}用地要素保障", "国土"))
INDUSTRIES = ("汽车及零部件", "装备制造", "电子信息", "新材料", "食品加工", "纺织服装", "生物医药", "电力装备",
              "有色金属精深加工", "精细化工", "新能源", "家居建材", "电线电缆", "智能制造", "农副产品加工")
COUNTY_ZONES = ("产业集聚区", "经济开发区", "工业园区", "{I}产业园", "{I}产业示范基地")
CITY_ZONES = ("经济技术开发区", "高新技术产业开发区", "{I}产业园", "{I}产业示范基地")
DEADLINES = ("一季度", "二季度", "上半年", "4月底前", "6月底前", "9月底前", "年底前", "5月20日前")
TABLE_DEADLINES = ("一季度", "上半年", "6月底前", "9月底前", "年底前", "全年", "长期坚持")
CLUTTER_TOP = ("首页 > 政策法规 > 地方政策", "当前位置:首页 > 政务公开 > 政策文件", "【字体:大 中 小】【打印】【关闭】",
               "来源:本站整理", "分享到:")
CLUTTER_BOTTOM = ("留言与评论(共有 0 条评论)", "验证码:", "发表评论", "【打印本页】【关闭窗口】",
                  "免责声明:本站部分文章来源于网络,如有侵权请联系删除。", "相关文章")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "建国志强海涛丽娟文明振华晓东春林云峰红军永刚立新"
CN_DIGITS = "〇一二三四五六七八九"
BRACKETS = (("〔", "〕"), ("〔", "〕"), ("〔", "〕"), ("[", "]"), ("［", "］"))


# ------------------------------------------------------------------------------------------ helpers

def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十六, 二十一), for section numbers and dates."""
    tens, units = divmod(n, 10)
    if n < 10:
        return CN_DIGITS[n]
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[units] if units else "")


def cn_date(y: int, m: int, d: int, zero: str) -> str:
    """二○一二年四月十六日: digits of the year one by one, month and day as numbers."""
    return "".join(zero if c == "0" else CN_DIGITS[int(c)] for c in str(y)) + f"年{cn_number(m)}月{cn_number(d)}日"


def write_date(rng: random.Random, date: tuple[int, int, int]) -> str:
    return cn_date(*date, rng.choice("○〇零")) if rng.random() < 0.6 else "{}年{}月{}日".format(*date)


def iso(date: tuple[int, int, int]) -> str:
    return "{:04d}-{:02d}-{:02d}".format(*date)


def write_number(number: str, rng: random.Random) -> str:
    """A doc number (always stored as 〔〕) as a source might write it."""
    left, right = rng.choice(BRACKETS)
    return number.replace("〔", left).replace("〕", right)


def nice(rng: random.Random, x: float, decimals: bool = False) -> int | float:
    """x rounded the way plans write numbers: two significant digits; amounts in 万/亿 below 20 may keep
    one decimal (1.5亿元), counts of things never do."""
    if decimals and x < 20 and rng.random() < 0.25:
        return round(x, 1)
    if x < 10:
        return max(1, round(x))
    step = 10 ** (len(str(int(x))) - 2)
    return int(round(x / step) * step)


def amount(rng: random.Random, lo: float, hi: float, unit: str) -> tuple[int | float, str]:
    """A number in lo..hi of `unit`, written in the smaller unit when below one (0.2亿元 -> 2000万元)."""
    x = rng.uniform(lo, hi)
    if x < 1 and unit in SMALLER:
        x, unit = x * 10 ** 4, SMALLER[unit]
    return nice(rng, x, unit in UNITS), unit


def fmt(x: int | float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def base_value(x: int | float, unit: str) -> tuple[int | float, str]:
    """Multiply out 万/亿 (12万亩 -> 120000 亩), as the extraction contract wants values in base units."""
    base, factor = UNITS.get(unit, (unit, 1))
    value = round(float(x) * factor, 6)
    return (int(value) if value.is_integer() else value), base


# --------------------------------------------------------------------------------------------- draft

class _Draft:
    """A document being written: its lines plus everything the gold must list, recorded as written."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.forms: dict[tuple, list[str]] = {}
        self.owner: dict[str, tuple] = {}
        self.duties: list[tuple[str, str, str]] = []
        self.targets: list[dict] = []
        self.zones: list[str] = []
        self.clusters: list[str] = []
        self.cites: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def agency(self, body: tuple, form: str) -> str:
        """Record that `form` names `body` here; one form never names two bodies."""
        assert self.owner.setdefault(form, body) == body, (form, body)
        forms = self.forms.setdefault(body, [])
        if form not in forms:
            forms.append(form)
        return form

    def duty(self, form: str, role: str, task: str) -> None:
        self.duties.append((form, role, task))

    def target(self, text: str, x: int | float, unit: str, qualifier: str, x_max=None) -> str:
        value, base = base_value(x, unit)
        t = {"text": text, "value": value, "unit": base, "qualifier": qualifier}
        if x_max is not None:
            t["value_max"] = base_value(x_max, unit)[0]
        self.targets.append(t)
        return text

    def zone(self, name: str) -> str:
        if name not in self.zones:
            self.zones.append(name)
        return name

    def cluster(self, name: str) -> str:
        if name not in self.clusters:
            self.clusters.append(name)
        return name


# --------------------------------------------------------------------------------------------- scope

@dataclass
class Scope:
    """Who issues a document and how it names things: level, place, era of agency names, naming style."""

    level: str  # province / city / county
    province: Province
    city: City | None
    county: str | None
    zone_noun: str
    era: int  # 0 before the 2018 institutional reform, 1 after
    short: bool  # prefer short agency forms (市发改委, 市环保局)
    scale: float  # size of numeric targets relative to a province

    @functools.cached_property
    def place(self) -> str:
        return self.county or (self.city.name if self.city else self.province.name)

    @functools.cached_property
    def L(self) -> str:
        return {"province": "省", "city": "市"}.get(self.level) or self.county[-1]

    @functools.cached_property
    def Q(self) -> str:
        return "全" + self.L

    def fill(self, template: str) -> str:
        return template.replace("{Z}", self.zone_noun).replace("{L}", self.L).replace("{Q}", self.Q)

    def has(self, key: str) -> bool:
        return bool(DEPTS[key].stems(self.level, self.era))

    def dept(self, d: _Draft, key: str, variant: str = "") -> str:
        """Write a department's name: its usual form, "alt" (the other length) or "bare" (no level prefix)."""
        stems = DEPTS[key].stems(self.level, self.era)
        usual = stems[-1] if self.short else stems[0]
        stem = (stems[0] if self.short else stems[-1]) if variant == "alt" else usual
        form = stem if variant == "bare" and stem.endswith(("厅", "局", "委")) else self.L + stem
        return d.agency(("dept", self.level, key), form)

    def gov(self, d: _Draft, people: bool = False) -> str:
        form = self.L + ("人民政府" if people else "政府")
        return d.agency(("gov", self.level), form)

    def party(self, d: _Draft) -> str:
        return d.agency(("party", self.level), self.L + "委")

    def collective(self, d: _Draft, form: str) -> str:
        return d.agency(("collective", form), form)


def subordinate_govs(scope: Scope) -> str:
    """The collective of governments one level down, as addressees and cooperating units write it."""
    if scope.level == "province":
        return "各省辖市人民政府" if scope.province.name == "河南省" else "各市、县人民政府"
    if scope.level == "city":
        return "各县(市、区)人民政府" if any(c.endswith("县") for c in scope.city.counties) else "各区人民政府"
    return "各乡镇人民政府" if scope.L == "县" else "各街道办事处"


def department_collective(scope: Scope, rng: random.Random) -> str:
    return scope.L + rng.choice(("人民政府各部门", "政府有关部门", "直有关部门", "直各单位"))


# -------------------------------------------------------------------------------------------- plan

@dataclass
class Recipe:
    """One task of a plan, kept abstract so a lower level can restate it with its own agencies and numbers."""

    dept: str
    verb_class: str
    obj: str
    extra: str | None
    target: tuple | None
    deadline: str | None


@dataclass
class Plan:
    """What a family of documents shares (theme, year, the tasks handed to each department), plus how one
    document issues it: issuer, number, date, plan name and notice title (set by `issue`)."""

    theme: tuple[str, str, str, str]
    year: int
    recipes: list[Recipe]
    issuer: str = ""
    number: str = ""
    date: tuple[int, int, int] = (2000, 1, 1)
    name: str = ""
    title: str = ""


def new_recipe(rng: random.Random, key: str, used: set) -> Recipe | None:
    """A task for department `key` whose object and target no other task of the plan has (in `used`)."""
    choices = [t for t in TASKS[key] if t[1] not in used]
    if not choices:
        return None
    verb_class, obj = rng.choice(choices)
    used.add(obj)
    targets = [t for t in TARGETS.get(key, ()) if t not in used and t[-4] not in obj]  # t[-4]: what it counts
    target = rng.choice(targets) if targets and rng.random() < 0.4 else None
    used.add(target)
    return Recipe(key, verb_class, obj, rng.choice(EXTRAS) if rng.random() < 0.45 else None, target,
                  rng.choice(DEADLINES) if rng.random() < 0.35 else None)


def plan_recipes(rng: random.Random, depts: list[str], per_dept: tuple[int, int]) -> list[Recipe]:
    used: set[str] = set()
    out = []
    for key in depts:
        for _ in range(rng.randint(*per_dept)):
            r = new_recipe(rng, key, used)
            if r:
                out.append(r)
    return out


def derive_recipes(rng: random.Random, parent: list[Recipe], scope: Scope) -> list[Recipe]:
    """Restate a parent plan at a lower level: keep most tasks of departments that exist there, add a few."""
    used = {r.obj for r in parent} | {r.target for r in parent}
    out = []
    for key in dict.fromkeys(r.dept for r in parent):
        if not scope.has(key) or rng.random() < 0.15:
            continue
        kept = [r for r in parent if r.dept == key and rng.random() < 0.7] or [next(r for r in parent if r.dept == key)]
        for r in kept:
            out.append(Recipe(r.dept, r.verb_class, r.obj, r.extra, r.target,
                              rng.choice(DEADLINES) if r.deadline or rng.random() < 0.2 else None))
        if rng.random() < 0.3 and (extra := new_recipe(rng, key, used)):
            out.append(extra)
    for key in ("城管", "规划"):
        if scope.has(key) and rng.random() < 0.4 and (extra := new_recipe(rng, key, used)):
            out.append(extra)
    return out


# ------------------------------------------------------------------------------------------- writing

def render_target(d: _Draft, rng: random.Random, spec: tuple, scope: Scope) -> str:
    """A target phrase with its number scaled to the scope (a city aims lower than its province)."""
    if spec[0] == "pre":
        _, what, unit, lo, hi = spec
        if unit == "%":
            x = min(int(nice(rng, rng.uniform(lo, hi))), 99)
        else:
            x, unit = amount(rng, lo * scope.scale, hi * scope.scale, unit)
        before, after, q = rng.choice(PRE_FRAMES)
        return d.target(f"{scope.fill(what)}{before}{fmt(x)}{unit}{after}", x, unit, q)
    _, verb, what, unit, lo, hi = spec
    x = nice(rng, rng.uniform(max(1, lo * scope.scale), max(2, hi * scope.scale)))
    before, after, q = rng.choice(POST_FRAMES)
    if after == "左右" and x < 5:  # "about 1 company" is not how plans put it
        after, q = "以上", ">="
    if before == "range":
        x_max = max(x + 1, nice(rng, x * rng.uniform(1.3, 2.0)))
        return d.target(f"{verb}{x}—{x_max}{unit}{what}", x, unit, q, x_max)
    return d.target(f"{verb}{fmt(x)}{unit}{after}{what}", x, unit, q)


def task_text(d: _Draft, rng: random.Random, r: Recipe, scope: Scope, deadline: bool = True,
              extra: bool = True) -> str:
    """One task sentence: [deadline] verb + object [, extra] [, 力争 + target]。"""
    text = (r.deadline if deadline and r.deadline else "") + rng.choice(VERBS[r.verb_class]) + scope.fill(r.obj)
    if extra and r.extra:
        text += "," + r.extra
    if r.target:
        text += "," + rng.choice(("力争", "确保", "争取", "")) + render_target(d, rng, r.target, scope)
    return text + "。"


def agency_list(d: _Draft, scope: Scope, keys: list[str], bare_rest: bool) -> list[str]:
    """Names for X、Y、Z; sources often drop the level prefix after the first one (省发展改革委、财政厅)."""
    return [scope.dept(d, k, "bare" if bare_rest and i else "") for i, k in enumerate(keys)]


def helpers_for(rng: random.Random, key: str, pool: list[str], k: int) -> list[str]:
    others = [p for p in pool if p != key]
    return rng.sample(others, min(k, len(others)))


def by_dept(recipes: list[Recipe]) -> dict[str, list[Recipe]]:
    groups: dict[str, list[Recipe]] = {}
    for r in recipes:
        groups.setdefault(r.dept, []).append(r)
    return groups


def layout_sections(d: _Draft, rng: random.Random, scope: Scope, recipes: list[Recipe], sub: bool) -> None:
    """Layout A: a heading per agency (一、省发展改革委 or (一)市财政局), then the numbered items it is
    responsible for; scraped copies often run the whole list into one line."""
    flat = not sub and rng.random() < 0.5
    out = []
    for i, (key, rs) in enumerate(by_dept(recipes).items(), 1):
        name = scope.dept(d, key)
        items = []
        for j, r in enumerate(rs, 1):
            t = task_text(d, rng, r, scope)
            d.duty(name, "responsible", t)
            items.append(f"{j}.{t}")
        head = f"({cn_number(i)}){name}" if sub else f"{cn_number(i)}、{name}"
        out.append(f"{head} {''.join(items)}" if flat else "\n".join([head, *items]))
    d.add(" ".join(out) if flat else "\n".join(out))


def layout_colon(d: _Draft, rng: random.Random, scope: Scope, recipes: list[Recipe]) -> None:
    """Layout C: `市发展改革委:负责…` one line per agency, sometimes `会同` another agency."""
    groups = by_dept(recipes)
    for key, rs in groups.items():
        name = scope.dept(d, key)
        text = ",".join(task_text(d, rng, r, scope, deadline=False, extra=False)[:-1] for r in rs) + "。"
        d.duty(name, "responsible", text)
        helper = helpers_for(rng, key, list(groups), 1) if rng.random() < 0.25 else []
        if helper:
            d.duty(scope.dept(d, helper[0]), "cooperating", text)
            d.add(f"{name}{rng.choice(':：')}负责会同{scope.dept(d, helper[0])}{text}")
        else:
            d.add(f"{name}{rng.choice(':：')}负责{text}")


def marker(d: _Draft, rng: random.Random, scope: Scope, leads: list[str], helpers: list[str], task: str,
           style: str) -> str:
    """The responsibility marker after an item, in one of the shapes sources use; records the duties."""
    for n in leads:
        d.duty(n, "responsible", task)
    for n in helpers:
        d.duty(n, "cooperating", task)
    lead_s, helpers_s = "、".join(leads), "、".join(helpers)
    colon, semi = rng.choice(((":", ";"), ("：", "；")))
    if style == "bracket":
        left, right = rng.choice((("〔", "〕"), ("(", ")"), ("（", "）")))
        coop = f"{semi}{rng.choice(('配合单位', '参与单位'))}{colon}{helpers_s}" if helpers else ""
        return f"{left}{rng.choice(('责任单位', '牵头单位'))}{colon}{lead_s}{coop}{right}"
    if style == "paren":
        return f"({lead_s}牵头{rng.choice(',;')}{helpers_s}配合)" if helpers else f"({lead_s}负责)"
    coop = f"\n{rng.choice(('配合单位', '协同单位'))}{colon}{helpers_s}" if helpers else ""
    return f"\n{rng.choice(('牵头单位', '责任单位'))}{colon}{lead_s}{coop}"


def layout_items(d: _Draft, rng: random.Random, scope: Scope, recipes: list[Recipe], style: str) -> None:
    """Layouts B/D: thematic (一) headings, numbered items, each followed by a responsibility marker:
    〔责任单位:X;配合单位:Y〕, (X牵头,Y配合), (X、Y负责), or 牵头单位:/配合单位: lines."""
    pool = list(by_dept(recipes))
    bare = style == "paren" and rng.random() < 0.5
    collectives = (subordinate_govs(scope), f"各{scope.zone_noun}管委会")
    groups: dict[str, list[Recipe]] = {}
    for r in recipes:
        groups.setdefault(DEPTS[r.dept].category, []).append(r)
    for i, (category, rs) in enumerate(groups.items(), 1):
        d.add(f"({cn_number(i)}){rng.choice(HEADINGS[category])}")
        for j, r in enumerate(rs, 1):
            task = task_text(d, rng, r, scope)
            lead_keys = [r.dept] + (helpers_for(rng, r.dept, pool, 1) if rng.random() < 0.2 else [])
            help_keys = [h for h in helpers_for(rng, r.dept, pool, rng.choice((0, 1, 2, 3))) if h not in lead_keys]
            leads = agency_list(d, scope, lead_keys, bare)
            helpers = agency_list(d, scope, help_keys, bare)
            if rng.random() < 0.2:
                helpers.append(scope.collective(d, rng.choice(collectives)))
            d.add(f"{j}.{task}" + marker(d, rng, scope, leads, helpers, task, style))


def layout_table(d: _Draft, rng: random.Random, scope: Scope, recipes: list[Recipe]) -> None:
    """Layout E: a `|` table, one row per line or one cell per line, with 责任单位 or 牵头/配合 columns;
    tables often use the other length of agency names than the prose around them."""
    pool = list(by_dept(recipes))
    split_roles = rng.random() < 0.4
    variant = "alt" if rng.random() < 0.3 else ""
    header = ["序号", rng.choice(("重点工作", "工作任务", "重点任务"))]
    header += ["牵头单位", "配合单位"] if split_roles else ["责任单位"]
    rows = [header + ["完成时限"]]
    for i, r in enumerate(recipes, 1):
        task = task_text(d, rng, r, scope, deadline=False)
        leads = [scope.dept(d, r.dept, variant)]
        helpers = [scope.dept(d, h, variant) for h in helpers_for(rng, r.dept, pool, rng.choice((0, 1, 2)))]
        if not split_roles:
            leads, helpers = leads + helpers, []
        for n in leads:
            d.duty(n, "responsible", task)
        for n in helpers:
            d.duty(n, "cooperating", task)
        cells = [str(i), task, "、".join(leads)] + (["、".join(helpers)] if split_roles else [])
        rows.append(cells + [r.deadline or rng.choice(TABLE_DEADLINES)])
    if rng.random() < 0.5:
        d.add(*(" | ".join(row) for row in rows))
    else:
        d.add(*(cell + " |" for row in rows for cell in row))


def prose_duties(d: _Draft, rng: random.Random, scope: Scope, keys: list[str], n: int) -> None:
    """Layout F: `市发展改革委要…`, `由X负责…`, `X会同Y…` sentences."""
    fitting = [t for t in PROSE_TASKS if t[1] is None or t[1] in keys]
    for template, owner in rng.sample(fitting, min(n, len(fitting))):
        task = scope.fill(template)
        key, other = rng.sample(keys, 2) if len(keys) > 1 else (keys[0], None)
        if owner in keys:
            key, other = owner, (other if other != owner else None)
        shape = rng.choice(("要", "由", "会同") if other else ("要", "由"))
        name = scope.dept(d, key)
        d.duty(name, "responsible", task)
        if shape == "要":
            d.add(f"{name}要{task}。")
        elif shape == "由":
            d.add(f"由{name}负责{task}。")
        else:
            helper = scope.dept(d, other)
            d.duty(helper, "cooperating", task)
            d.add(f"{name}会同{helper}{task}。")


# ---------------------------------------------------------------------------------------- documents

def zone_name(rng: random.Random, place: str) -> str:
    """许昌经济技术开发区 for a city's short name, 鄢陵县产业集聚区 for a county."""
    suffixes = COUNTY_ZONES if place.endswith(("县", "区")) else CITY_ZONES
    return place + rng.choice(suffixes).replace("{I}", rng.choice(INDUSTRIES))


def zone_places(scope: Scope) -> list[str]:
    """Places whose zones and clusters a document names: its county, its city's counties, or its cities."""
    if scope.level == "province":
        return [c.short for c in scope.province.cities]
    return [scope.county] if scope.level == "county" else [scope.city.short, *scope.city.counties]


def write_zones(d: _Draft, rng: random.Random, scope: Scope) -> None:
    """Goals that name zones (a real one from the location data where listed) and industry clusters."""
    places = zone_places(scope)
    real = [z for c in (scope.province.cities if scope.level == "province" else [scope.city]) for z in c.zones]
    zones = [zone_name(rng, rng.choice(places)) for _ in range(rng.randint(1, 3))]
    if real and scope.level != "county" and rng.random() < 0.5:
        zones.insert(0, rng.choice(real))
    named = "、".join(d.zone(z) for z in dict.fromkeys(zones))
    d.add(f"重点支持{named}{rng.choice(('加快发展', '提质升级', '争创国家级示范园区'))},发挥示范带动作用。")
    clusters = list(dict.fromkeys(rng.choice(places) + rng.choice(INDUSTRIES) for _ in range(rng.randint(1, 4))))
    names = [d.cluster(c) for c in clusters]
    if len(names) > 1 and rng.random() < 0.6:
        d.add(f"着力培育{'、'.join(names[:-1])}和{names[-1]}等产业集群,打造区域品牌。")
    else:
        d.add("".join(f"做大做强{c}产业集群。" for c in names))


def write_goals(d: _Draft, rng: random.Random, scope: Scope) -> None:
    parts = []
    for what, unit, lo, hi in rng.sample(GOALS, rng.randint(2, 4)):
        x, unit = amount(rng, lo * scope.scale, hi * scope.scale, unit)
        verb, q = rng.choice((("达到", "="), ("突破", ">"), ("超过", ">")))
        part = d.target(f"{scope.fill(what)}{verb}{fmt(x)}{unit}", x, unit, q)
        if rng.random() < 0.6:
            p = rng.choice((8, 10, 12, 15, 20, 25, 30, 40))
            tail, q2 = rng.choice((("左右", "~"), ("以上", ">="), ("", "=")))
            part += "," + d.target(f"增长{p}%{tail}", p, "%", q2)
        parts.append(part)
    d.add(f"力争{scope.Q}" + ";".join(parts) + "。")


def write_guidance(d: _Draft, rng: random.Random, scope: Scope) -> None:
    opening = ("以科学发展观为指导", "以习近平新时代中国特色社会主义思想为指导")[scope.era]
    body = ",".join(scope.fill(s) for s in rng.sample(GUIDANCE, rng.randint(3, 5)))
    d.add(f"{opening},{body},为{scope.Q}经济社会持续健康发展提供有力支撑。")


def write_closing(d: _Draft, rng: random.Random, scope: Scope, plan: Plan, keys: list[str]) -> None:
    """保障措施: the coordinating body and its office, then prose duties."""
    body = d.agency(("committee", scope.level), scope.L + plan.theme[2])
    office = d.agency(("committee-office", scope.level), body + "办公室")
    host = "发改" if "发改" in keys else keys[0]
    d.add(f"(一)加强组织领导。建立{body}制度,统筹推进{scope.Q}{scope.zone_noun}建设工作,"
          f"办公室设在{scope.dept(d, host)}。")
    task = "督促检查各项任务落实情况,定期通报工作进展"
    d.duty(office, "responsible", task)
    d.add(f"{office}负责{task}。")
    d.add("(二)强化责任落实。")
    prose_duties(d, rng, scope, keys, rng.randint(2, 4))
    coll = scope.collective(d, department_collective(scope, rng))
    task = f"按照职责分工,密切配合,形成推进{scope.zone_noun}发展的合力"
    d.duty(coll, "responsible", task)
    d.add(f"(三)严格督查考核。{coll}要{task}。")


def issuer_body(scope: Scope, issuer: str) -> tuple:
    return ("office" if issuer.endswith(("办公厅", "办公室")) else "gov", scope.level)


def write_header(d: _Draft, rng: random.Random, scope: Scope, plan: Plan) -> None:
    """Title, doc number in one of its usual places, addressees, a forwarding sentence, signature, date."""
    number = write_number(plan.number, rng)
    where = rng.random()
    if where < 0.25:
        d.add(f"{number} {plan.title}")
    elif where < 0.5:
        d.add(plan.title, f"({number})")
    else:
        d.add(plan.title, number)
    addressees = [scope.collective(d, subordinate_govs(scope))]
    if rng.random() < 0.3:
        addressees.append(scope.collective(d, f"各{scope.zone_noun}管委会"))
    addressees.append(scope.collective(d, department_collective(scope, rng)))
    d.add(",".join(addressees) + ":")
    if "转发" in plan.title:
        d.add(f"{scope.dept(d, '发改')}制定的《{plan.name}》已经{scope.gov(d)}同意,现转发给你们,请认真贯彻执行。")
    elif issuer_body(scope, plan.issuer)[0] == "office":
        d.add(f"《{plan.name}》已经{scope.gov(d, people=rng.random() < 0.4)}同意,现印发给你们,请认真贯彻执行。")
    else:
        d.add(f"现将《{plan.name}》印发给你们,请结合实际,认真组织实施。")
    d.add(d.agency(issuer_body(scope, plan.issuer), plan.issuer), write_date(rng, plan.date))
    if rng.random() < 0.3:
        d.add(rng.choice(("(此件公开发布)", "(此件主动公开)")))


def write_info_block(d: _Draft, rng: random.Random, scope: Scope, plan: Plan) -> None:
    """The metadata table official sites print above a document."""
    d.add(f"索 引 号:{rng.randint(10 ** 9, 10 ** 10 - 1)}/{plan.date[0]}-{rng.randint(10000, 99999)}",
          f"发布机构:{d.agency(issuer_body(scope, plan.issuer), plan.issuer)}",
          f"生成日期:{iso(plan.date)}", f"文 号:{plan.number}")


def write_preamble(d: _Draft, rng: random.Random, scope: Scope, year: int, parent: Plan | None,
                   parent_scope: Scope | None) -> None:
    """Why the plan exists; a derived plan cites its parent by title and number (the link the graph keeps),
    a provincial one sometimes a national document."""
    upper = parent_scope or scope
    basis = f"根据{upper.party(d)}、{upper.gov(d)}决策部署"
    if not parent and rng.random() < 0.5:
        issuer, prefix, title = rng.choice(NATIONAL)
        number = f"{prefix}〔{rng.randint(year - 4, year)}〕{rng.randint(1, 60)}号"
        d.cites.append(number)
        body = ("office" if issuer.endswith("办公厅") else "gov", "national")
        basis += f",按照《{d.agency(body, issuer)}{scope.fill(title)}》({write_number(number, rng)})精神"
    if parent:
        cited = write_number(parent.number, rng)
        d.cites.append(parent.number)
        if rng.random() < 0.75:
            issuer = d.agency(issuer_body(parent_scope, parent.issuer), parent.issuer)
            basis += f",按照《{issuer}{parent.title[len(parent.issuer):]}》({cited})要求"
        else:
            basis += f",按照{cited}文件精神"
    d.add(f"{scope.fill(rng.choice(PURPOSES))},{basis},结合我{scope.L}实际,特制定本方案。")


def write_body(d: _Draft, rng: random.Random, scope: Scope, plan: Plan) -> None:
    """Numbered sections; the task section takes one of the layouts."""
    keys = list(by_dept(plan.recipes))
    layout = rng.choice(("sections", "colon", "bracket", "paren", "lines", "table"))
    d.add("一、" + rng.choice(("指导思想", "总体要求")))
    write_guidance(d, rng, scope)
    d.add("二、" + rng.choice(("发展目标", "主要目标")))
    write_goals(d, rng, scope)
    write_zones(d, rng, scope)
    d.add("三、" + {"sections": "任务分工", "colon": "明确部门责任分工"}.get(layout, "重点任务"))
    if layout == "sections":
        layout_sections(d, rng, scope, plan.recipes, sub=True)
    elif layout == "colon":
        layout_colon(d, rng, scope, plan.recipes)
    elif layout == "table":
        d.add("各项重点任务分解见附件。")
    else:
        layout_items(d, rng, scope, plan.recipes, layout)
    d.add("四、" + rng.choice(("保障措施", "工作要求")))
    write_closing(d, rng, scope, plan, keys)
    if layout == "table":
        d.add(f"附件:{plan.year}年{scope.place}{plan.theme[3]}重点任务分解表")
        layout_table(d, rng, scope, plan.recipes)


def write_plan_doc(rng: random.Random, scope: Scope, plan: Plan, parent: Plan | None, parent_scope: Scope | None,
                   headerless: bool) -> _Draft:
    """A notice that issues a plan (header, plan title, preamble, body); a bare repost keeps only the plan,
    sometimes only its attachment of agency-headed sections."""
    d = _Draft()
    if headerless and rng.random() < 0.5:
        d.add("附件", f"{plan.year}年{plan.theme[3]}重点任务分解")
        layout_sections(d, rng, scope, plan.recipes, sub=False)
        return d
    if not headerless:
        if rng.random() < 0.25:
            write_info_block(d, rng, scope, plan)
        write_header(d, rng, scope, plan)
    d.add(plan.name)
    if "转发" in plan.title:
        d.add(f"({scope.dept(d, '发改')})")
    write_preamble(d, rng, scope, plan.year, parent, parent_scope)
    write_body(d, rng, scope, plan)
    return d


def write_zone_list(rng: random.Random, scope: Scope, year: int) -> _Draft:
    """A headerless work list of one zone (开发区重点工作及责任清单): internal bureaus, leaders, deadlines."""
    d = _Draft()
    zone = d.zone(zone_name(rng, scope.county))
    d.add(f"{year}年{zone}重点工作及责任清单")
    units = ("招商局", "经济发展局", "规划建设局", "财政金融局", "企业服务中心", "安全环保局", "综合办公室")
    inner = Scope("county", scope.province, scope.city, scope.county, "园区", scope.era, False, scope.scale)
    rows = [("序号", "重点工作", "责任领导", "责任单位", "完成时限")]
    used: set[str] = set()
    for key in rng.sample(CORE_DEPTS, rng.randint(4, 9)):
        task = task_text(d, rng, new_recipe(rng, key, used), inner, deadline=False)
        names = [d.agency(("unit", u), u) for u in rng.sample(units, rng.choice((1, 1, 2)))]
        for n in names:
            d.duty(n, "responsible", task)
        leader = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        rows.append((str(len(rows)), task, leader, "、".join(names), rng.choice(TABLE_DEADLINES)))
    d.add(*(cell + " |" for row in rows for cell in row))
    return d


# ----------------------------------------------------------------------------------------- clutter

def add_clutter(d: _Draft, rng: random.Random, plan: Plan) -> None:
    """Web-page lines around the official text, as scraped reposts have them."""
    top = rng.sample(CLUTTER_TOP, rng.randint(1, 3))
    top.insert(rng.randint(0, len(top)), f"发布时间:{iso(plan.date)} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}")
    bottom = [f"标签:{plan.theme[1]} {plan.theme[3]}"] + rng.sample(CLUTTER_BOTTOM, rng.randint(2, 4))
    if rng.random() < 0.5:
        bottom.append(f"全国免费咨询热线:400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}")
    if rng.random() < 0.5:
        bottom.append(f"版权所有 政策文库网 备案号:ICP备{rng.randint(10 ** 7, 10 ** 8 - 1)}号")
    d.lines = top + d.lines + bottom


def fake_url(rng: random.Random, date: tuple[int, int, int]) -> str:
    site = rng.choice(("policy.example.cn", "zcwk.example.com", "fagui.example.net", "news.example.org"))
    return f"http://{site}/{date[0]}/{date[1]:02d}{date[2]:02d}/{rng.randint(10 ** 5, 10 ** 6 - 1)}.html"


# -------------------------------------------------------------------------------------------- gold

PUNCT = set(",。、;:“”()()〔〕:;|")
SNIPPET_LENGTHS = {want: sorted(range(6, 15), key=lambda n: (abs(n - want), n)) for want in range(7, 13)}


def pick_snippet(task: str, text: str, text_flat: str, rng: random.Random) -> str:
    """A 6-14 character piece of the task that occurs exactly once in the document, as written and with
    whitespace removed; the start of the task when that is unique, as hand annotators choose. (Tasks hold
    no character that NFKC folds onto another one used in the text, so this is also unique as scored.)"""
    lengths = SNIPPET_LENGTHS[rng.randint(7, 12)]
    for start in range(len(task) - 5):
        for n in lengths:
            s = task[start:start + n]
            if len(s) == n and s[0] not in PUNCT and s[-1] not in PUNCT \
                    and text.count(s) == 1 and text_flat.count(s) == 1:
                return s
    raise ValueError(f"no unique snippet in task {task!r}")


def gold_for(d: _Draft, text: str, rng: random.Random, document: dict, meta: dict, name: str) -> dict:
    text_flat = "".join(text.split())
    snippets: dict[str, str] = {}
    duties: dict[tuple, dict] = {}
    for form, role, task in d.duties:
        if task not in snippets:
            snippets[task] = pick_snippet(task, text, text_flat, rng)
        duties.setdefault((form, role, task), {"agency": form, "role": role, "task": snippets[task]})
    agencies = [forms[0] if len(forms) == 1 else forms for forms in d.forms.values()]
    return {"source": name, "meta": meta, "document": document, "agencies": agencies,
            "duties": list(duties.values()), "targets": d.targets, "zones": d.zones, "clusters": d.clusters}


def finish(d: _Draft, rng: random.Random, scope: Scope, plan: Plan, name: str, headerless: bool) -> GeneratedDoc:
    """Wrap in web clutter sometimes; assemble text, manifest row and gold."""
    meta = {}
    if rng.random() < 0.3:
        add_clutter(d, rng, plan)
        meta["url"] = fake_url(rng, plan.date)
    if headerless:
        meta["region"] = scope.place
    text = "\n".join(d.lines) + "\n"
    region = {"province": scope.province.name, "city": scope.city.name if scope.city else None}
    if scope.county:
        region["county"] = scope.county
    document = {"doc_number": None if headerless else plan.number, "date": None if headerless else iso(plan.date),
                "region": region, "level": scope.level, "cites": d.cites}
    if not headerless:
        document["issuer"] = plan.issuer
    return GeneratedDoc(name, text, meta, gold_for(d, text, rng, document, meta, name))


# ------------------------------------------------------------------------------------------- families

def next_date(rng: random.Random, after: tuple[int, int, int], days: tuple[int, int]) -> tuple[int, int, int]:
    """A later date in the same year (months counted as 28 days, capped at year end)."""
    y, m, day = after
    m, day = divmod((m - 1) * 28 + day - 1 + rng.randint(*days), 28)
    return (y, 12, 28) if m >= 12 else (y, m + 1, day + 1)


class _Numbers:
    """Hands out doc numbers, never the same twice in a corpus, so a cited number names one document."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, rng: random.Random, prefix: str, year: int) -> str:
        while True:
            number = f"{prefix}〔{year}〕{rng.randint(1, 180)}号"
            if number not in self.used:
                self.used.add(number)
                return number


def doc_prefix(rng: random.Random, scope: Scope, office: bool) -> str:
    """豫政办 / 许政办发 / 鄢政: province codes from the table, lower levels from the place's first character."""
    if scope.level == "province":
        return scope.province.office_prefix if office else scope.province.gov_prefix
    if scope.county:  # 洛宁县 under 洛阳市 writes 宁政办…
        first = next((c for c in scope.county[:-1] if c not in (scope.city.short[0], scope.province.abbr)), "县")
    else:
        first = scope.city.short[0] + ("市" if scope.city.short[0] == scope.province.abbr else "")  # 吉林市: 吉市政…
    return first + ("政办" if office else "政") + rng.choice(("", "发"))


def issue(rng: random.Random, scope: Scope, plan: Plan, numbers: _Numbers, date: tuple[int, int, int]) -> Plan:
    """Give a plan its issuer, number, date, plan name and notice title at the scope's level."""
    office = rng.random() < 0.65
    plan.issuer = f"{scope.place}人民政府" + (("办公厅" if scope.level == "province" else "办公室") if office else "")
    plan.number = numbers.take(rng, doc_prefix(rng, scope, office), plan.year)
    plan.date = date
    plan.name = f"{plan.year}年{scope.place}{plan.theme[0]}"
    verb = "转发" if scope.level != "province" and rng.random() < 0.2 else "印发"
    plan.title = f"{plan.issuer}关于{verb}{plan.name}的通知"
    return plan


def lower_scope(rng: random.Random, upper: Scope, city: City, county: str | None) -> Scope:
    """A city below a province or a county below a city: same theme and era, its own naming style, and
    targets a fraction of the upper level's."""
    level = "county" if county else "city"
    scale = upper.scale * (rng.uniform(0.08, 0.3) if upper.level == "province" else rng.uniform(0.15, 0.4))
    if level == "county" and upper.level == "province":
        scale *= 0.25
    return Scope(level, upper.province, city, county, upper.zone_noun, upper.era, rng.random() < 0.4, scale)


def family(rng: random.Random, province: Province, cities: list[City], n_county: int, numbers: _Numbers,
           names: Iterator[str], zone_list_share: float = 0.3) -> Iterator[GeneratedDoc]:
    """A provincial plan, city plans derived from it, and county documents below one of the cities."""
    theme = rng.choice(THEMES)
    year = rng.choice(range(2009, 2024))
    era = int(year >= 2019)
    prov = Scope("province", province, None, None, theme[1], era, rng.random() < 0.4, 1.0)
    depts = [k for k in DEPTS if prov.has(k) and (k in CORE_DEPTS or rng.random() < 0.5)]
    pplan = issue(rng, prov, Plan(theme, year, plan_recipes(rng, depts, (2, 6))), numbers,
                  (year, rng.randint(1, 4), rng.randint(1, 28)))
    yield finish(write_plan_doc(rng, prov, pplan, None, None, False), rng, prov, pplan, next(names), False)

    lower = [(prov, pplan)]
    for city in cities:
        scope = lower_scope(rng, prov, city, None)
        cplan = issue(rng, scope, Plan(theme, year, derive_recipes(rng, pplan.recipes, scope)), numbers,
                      next_date(rng, pplan.date, (7, 60)))
        headerless = rng.random() < 0.15
        yield finish(write_plan_doc(rng, scope, cplan, pplan, prov, headerless), rng, scope, cplan, next(names),
                     headerless)
        if not headerless:  # a county cites a number its readers can find
            lower.append((scope, cplan))

    for _ in range(n_county):
        parents = [(s, p) for s, p in lower[1:] if s.city.counties]
        pscope, parent = rng.choice(parents) if parents else lower[0]
        city = pscope.city or rng.choice([c for c in province.cities if c.counties])
        scope = lower_scope(rng, pscope, city, rng.choice(city.counties))
        if rng.random() < zone_list_share:
            plan = Plan(theme, year, [], date=next_date(rng, parent.date, (7, 40)))
            yield finish(write_zone_list(rng, scope, year), rng, scope, plan, next(names), True)
            continue
        kplan = issue(rng, scope, Plan(theme, year, derive_recipes(rng, parent.recipes, scope)), numbers,
                      next_date(rng, parent.date, (5, 40)))
        yield finish(write_plan_doc(rng, scope, kplan, parent, pscope, False), rng, scope, kplan, next(names), False)


def province_named(name: str) -> Province:
    return next(p for p in provinces() if p.name == name)


def generate_corpus(n_docs: int, seed: int) -> Iterator[GeneratedDoc]:
    """n_docs documents in families of one provincial plan, ~3 city plans derived from it and ~1 county
    document (about 20% / 60% / 20%); a longer run starts with the documents of a shorter one."""
    rng = random.Random(seed)
    numbers = _Numbers()
    names = (f"g{i:06d}.txt" for i in range(n_docs))
    produced = 0
    while produced < n_docs:
        province = rng.choice(provinces())
        cities = rng.sample(province.cities, min(len(province.cities), rng.choice((1, 2, 3, 3, 4, 5))))
        for doc in family(rng, province, cities, rng.choice((0, 1, 1, 2)), numbers, names):
            yield doc
            produced += 1
            if produced == n_docs:
                return


def generate_families(seed: int, families: list[tuple[str, list[str], int]], prefix: str = "s") -> list[GeneratedDoc]:
    """Documents for chosen families, each (province, city names, number of county plans): for a small
    sample corpus whose plans and cities are picked by hand."""
    rng = random.Random(seed)
    numbers = _Numbers()
    names = (f"{prefix}{i:02d}.txt" for i in itertools.count(1))
    docs = []
    for province_name, city_names, n_county in families:
        province = province_named(province_name)
        cities = [next(c for c in province.cities if c.name == n) for n in city_names]
        docs.extend(family(rng, province, cities, n_county, numbers, names, zone_list_share=0.0))
    return docs
