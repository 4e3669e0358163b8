"""What a government body does, as a set of functions: the evidence that a lower body carries an
upper body's work, whatever each level calls it.

A name says its functions in its own words: 上海市住房城乡建设管理委 and 静安区建设管理委 both
build and manage (住建); 浦东新区建设和交通委员会 is two bodies of the municipality in one
(住建 and 交通); 区科经委 carries 市科委 and 市经济信息化委; 区教体局 the 教育 and 体育 bureaus.
:func:`functions_of` reads a name into its functions (:data:`FUNCTION_WORDS`: the words of each,
longest first), after the places and the level that open it (上海市黄浦区, 市, 区县).

Bodies no word of the table names, and coordinating bodies, keep their own name as their function
(``name:防汛指挥部``), so a body is still matched with the body of the same name one level up; names
that point at no one body (相关部门, 行业主管部门, 成员单位) match only the same form (``generic:``).

>>> sorted(functions_of("浦东新区建设和交通委员会")), sorted(functions_of("区科经委"))
(['交通', '住建'], ['科技', '经信'])
>>> functions_of("上海市住房城乡建设管理委") == functions_of("区建管委") == {"住建"}
True
>>> sorted(functions_of("区建管委(区水务局)")), functions_of("市防汛指挥部"), functions_of("相关部门")
(['住建', '水务'], frozenset({'name:防汛指挥部'}), frozenset({'generic:部门'}))
>>> functions_of("区各行业主管部门") == functions_of("行业主管部门") == {"generic:行业主管部门"}
True
>>> functions_of("区财政局审核后上报市水务局"), functions_of("市重大办代表市政府")
(frozenset(), frozenset())
>>> functions_of("上海市黄浦区人民政府"), functions_of("县政府办公室"), functions_of("国务院")
(frozenset({'政府'}), frozenset({'政府办公'}), frozenset({'政府'}))
"""
from __future__ import annotations

import re
from functools import lru_cache

from .divisions import collective_word
from .places import gazetteer
from .words import alternation

# function -> the words that name it in a body's name (any level, any era)
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    "发展改革": ("发展和改革", "发展改革", "发改"),
    "经信": ("工业和信息化", "工业信息化", "经济和信息化", "经济信息化", "经济和信息", "经信", "工信", "科经", "经济委",
           "经委", "工业和科技创新", "商务和经济信息化"),
    "科技": ("科学技术", "科技", "科委", "科经", "工业和科技创新"),
    "住建": ("住房和城乡建设", "住房城乡建设", "住房和建设", "城乡建设", "住建", "建设管理", "建管", "建设和交通", "建交",
           "建设局", "建设厅", "建委", "建设主管", "城乡建设"),
    "房管": ("住房保障和房屋管理", "住房保障和房产管理", "住房保障房屋管理", "房屋管理", "房产管理", "房地产管理", "房管",
           "住房保障", "房屋征收", "房产"),
    "规划资源": ("规划和自然资源", "自然资源和规划", "规划自然资源", "自然资源规划", "规划资源", "资源规划", "自然资源",
             "国土资源", "国土", "资规", "土地管理"),
    "规划": ("城乡规划", "城市规划", "国土空间规划", "规划局", "规委", "规划委"),
    "生态环境": ("生态环境", "环境保护", "环保"),
    "交通": ("交通运输", "交通", "建设和交通", "建交", "交委"),
    "水务": ("水务", "水利"),
    "绿化市容": ("绿化和市容", "绿化市容", "市容", "绿化", "园林"),
    "城管执法": ("城市管理综合行政执法", "综合行政执法", "城管执法", "综合执法", "城市管理", "城管"),
    "财政": ("财政",),
    "审计": ("审计",),
    "统计": ("统计",),
    "税务": ("税务", "国税", "地税"),
    "人社": ("人力资源和社会保障", "人力资源社会保障", "人力社保", "人社", "人保局", "劳动保障", "劳动和社会保障"),
    "教育": ("教育", "教委", "教体"),
    "体育": ("体育", "文体", "教体", "文体旅游"),
    "卫生健康": ("卫生健康", "卫生和计划生育", "卫健", "卫计", "卫生"),
    "民政": ("民政",),
    "公安": ("公安",),
    "司法": ("司法",),
    "商务": ("商务", "商委"),
    "市场监管": ("市场监督管理", "市场监管", "工商行政管理", "工商局", "质量技术监督", "质监", "食品药品监督", "食药监"),
    "文化旅游": ("文化广电和旅游", "文化和旅游", "文化旅游", "文广旅", "文体旅游", "文旅", "文广", "旅游", "文化"),
    "应急管理": ("应急管理", "应急", "安全生产监督管理", "安监"),
    "消防": ("消防救援", "消防"),
    "国资": ("国有资产监督管理", "国资"),
    "农业农村": ("农业农村", "农业", "农委", "农村"),
    "林业": ("林业", "林草"),
    "金融": ("金融工作", "地方金融监督管理", "地方金融监管", "金融办", "金融局", "金融服务", "金融管理", "金融"),
    "数据": ("大数据", "数据"),
    "政务服务": ("政务服务", "行政服务", "行政审批", "审批服务"),
    "机关事务": ("机关事务", "机管"),
    "国防动员": ("国防动员", "国动", "人防", "人民防空", "民防"),
    "重大工程": ("重大工程", "重大办", "重大项目"),
    "防汛": ("防汛",),
    "编办": ("机构编制", "编委办", "编办"),
    "医保": ("医疗保障", "医保"),
    "退役军人": ("退役军人",),
    "乡村振兴": ("乡村振兴", "扶贫"),
    "粮食储备": ("粮食和物资储备", "粮食和储备", "粮食"),
    "征收": ("土地征收", "征地", "征收"),
    "公积金": ("住房公积金", "公积金"),
    "不动产登记": ("不动产登记",),
    "通信管理": ("通信管理",),
    "电力": ("电力公司", "供电公司", "供电局", "电业局"),
    "邮政": ("邮政",),
    "物价": ("物价",),
    "经济合作": ("经济合作", "经合", "投资促进", "招商"),
    "海关": ("海关",),
    "人民银行": ("人民银行",),
    "金融监管": ("银保监", "银监", "保监", "金融监管总局", "金融监督管理总局", "金融监管分局", "证监"),
    "组织": ("组织部", "组宣统", "组宣"),
    "宣传": ("宣传部", "组宣统", "组宣", "宣统"),
    "统战": ("统战部", "统一战线", "组宣统", "宣统"),
    "网信": ("网信", "网络安全和信息化"),
    "人才": ("人才工作", "人才办"),
    "社会工作": ("社会工作",),
    "政法": ("政法",),
    "气象": ("气象",),
    "研究室": ("研究室",),
    "信访": ("信访",),
    "法院": ("法院",),
    "检察院": ("检察院",),
    "工会": ("总工会", "工会"),
    "妇联": ("妇联", "妇女联合会"),
    "共青团": ("团委", "共青团"),
    "科协": ("科协",),
    "工商联": ("工商联",),
    "残联": ("残联", "残疾人联合会"),
}
# (upper, lower): a lower body whose function the upper level has no body of works under the upper
# body of the related function -- a city's 城乡规划局 under a province's 住房城乡建设厅 -- in order of
# preference (RELATED_UP); an upper body whose function the lower level has none of (a central body
# with no city branch: 通信管理) is carried by the lower body of the related function (RELATED_DOWN)
RELATED_UP: tuple[tuple[str, str], ...] = (
    ("住建", "规划"), ("规划资源", "规划"), ("住建", "房管"), ("发展改革", "物价"), ("商务", "经济合作"),
    ("商务", "粮食储备"), ("发展改革", "粮食储备"),
)
RELATED_DOWN: tuple[tuple[str, str], ...] = (("通信管理", "经信"),)
# the government itself, its office; coordinating bodies (matched by their own name only)
_GOVERNMENT = re.compile(r"^(?:(?:人民)?政府|行政公署|行署|国务院)$")
_OFFICE = re.compile(r"^(?:(?:人民)?政府|国务院)?办公[厅室]$|^政办$")
_COORDINATION = re.compile(r"领导小组|联席会议|指挥部|工作专班|工作小组|委员会办公室$")
# names that point at no one body: 相关部门, 行业主管部门, 各成员单位, 预算单位, 用人单位 ...
_NOBODY = re.compile(r"^(?:各|有关|相关|其他|其它|级|直属|成员|行业|职能|主管|业务|预算|用人|责任|参建|建设)*"
                     r"(?:部门|单位|机构|委办局|企业|主管部门|职能部门|政府部门)$")
# a sentence caught as a name: a body's ending followed by what it does (财政局审核后上报市水务局)
_SENTENCE = re.compile(r"(?:局|委|办|厅|中心|政府|部门|单位)(?:审核|上报|报请|报送|报|联合|委托|会同|负责|牵头|配合|组织(?!部)|提供|指导|"
                       r"代表|按|依据|根据|应|要|将|对|向|在)")
_GENERIC_LEAD = re.compile(r"^(?:各有关|各相关|各|相关|有关|其他|其它)+")
_ENTERPRISE = re.compile(r"(?:公司|集团|银行|支行)$")  # a body only where a function word names its work
_PARTY = re.compile(r"^(?:中共|中国共产党|各有关|各相关|各|相关|有关)+")
_LEVEL = re.compile(r"^(?:中共|中国共产党)?(?:自治区|[省市县区州盟旗镇乡])(?:委|级)?(?=.)(?!场|容|政(?!府)|域)")
_WORDS = re.compile(alternation(w for ws in FUNCTION_WORDS.values() for w in ws))
_FUNCTIONS_OF_WORD: dict[str, tuple[str, ...]] = {}
for _fn, _ws in FUNCTION_WORDS.items():
    for _w in _ws:
        _FUNCTIONS_OF_WORD[_w] = _FUNCTIONS_OF_WORD.get(_w, ()) + (_fn,)


def body_part(name: str) -> str:
    """A name without the places and the level that open it: 上海市黄浦区人民政府 -> 人民政府,
    市水务局 -> 水务局, 中共上海市委组织部 -> 组织部.

    >>> body_part("上海市黄浦区人民政府"), body_part("市水务局"), body_part("中共上海市委组织部"), body_part("区县政府")
    ('人民政府', '水务局', '委组织部', '政府')
    >>> body_part("相关区政府"), body_part("各区规划资源部门"), body_part("各县(市、区)人民政府")
    ('政府', '规划资源部门', '人民政府')
    """
    word = collective_word(name or "")
    s = _PARTY.sub("", (name or "")[len(word[0]):] if word else name or "")
    while True:
        place = gazetteer().longest_prefix(s[:12])
        if place and len(s) > len(place) and (len(place) > 2 or place[-1] in "省市县区州盟旗"):
            s = s[len(place):]
            continue
        m = _LEVEL.match(s)
        if not m:
            return s
        s = s[m.end():]


@lru_cache(maxsize=1 << 15)
def functions_of(name: str | None) -> frozenset[str]:
    """The functions a body's name names (see the module docstring)."""
    body = body_part(name or "")
    if not body or _SENTENCE.search(body):
        return frozenset()
    if _NOBODY.search(body):  # a generic party: the same form one level up or down is its match
        return frozenset({"generic:" + _GENERIC_LEAD.sub("", body)})
    if _GOVERNMENT.match(body):
        return frozenset({"政府"})
    if _OFFICE.match(body):
        return frozenset({"政府办公"})
    if _COORDINATION.search(body):
        return frozenset({"name:" + body})
    found = {fn for m in _WORDS.finditer(body.replace("人民政府", "政府")) for fn in _FUNCTIONS_OF_WORD[m.group(0)]}
    if not found and _ENTERPRISE.search(body):
        return frozenset()
    return frozenset(found or {"name:" + body})


@lru_cache(maxsize=1 << 16)
def kinship(upper: frozenset[str], lower: frozenset[str]) -> tuple[float, str] | None:
    """How the functions of two bodies match: (score, basis) -- the same functions (``function``),
    or one merged body against a part of it, either way (``function:merged``: 区建交委 and 市交通委);
    None when they share none.  (A reform's renaming is one function here: 国土资源 and 自然资源,
    环境保护 and 生态环境 name one function of :data:`FUNCTION_WORDS`.)

    >>> kinship(frozenset({"财政"}), frozenset({"财政"})), kinship(frozenset({"交通"}), frozenset({"住建", "交通"}))
    ((1.0, 'function'), (0.85, 'function:merged'))
    >>> kinship(frozenset({"规划资源"}), frozenset({"规划"})), kinship(frozenset({"财政"}), frozenset({"审计"}))
    (None, None)
    """
    if not upper or not lower:
        return None
    if upper == lower:
        return 1.0, "function"
    if upper & lower and not any(f.startswith(("name:", "generic:")) for f in upper ^ lower):
        return 0.85, "function:merged"
    return None



def stood_in_for(functions: frozenset[str], present: set[str], upward: bool) -> str | None:
    """The function of the other level a body stands in for (:data:`RELATED_UP`, :data:`RELATED_DOWN`,
    the first present wins) when its own function has no body there: ``upward``, a lower body's
    stand-in above (a city's 城乡规划局 under a province without one: 住建); else an upper body's below.

    >>> stood_in_for(frozenset({"规划"}), {"住建", "规划资源"}, True), stood_in_for(frozenset({"规划"}), {"规划"}, True)
    ('住建', None)
    >>> stood_in_for(frozenset({"通信管理"}), {"经信", "财政"}, False)
    '经信'
    """
    for up, low in (RELATED_UP if upward else RELATED_DOWN):
        own, other = (low, up) if upward else (up, low)
        if own in functions and own not in present and other in present:
            return other
    return None
