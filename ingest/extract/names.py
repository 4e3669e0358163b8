"""Is this string a body's name?  The shape tests behind every agency rule.

Two standards of evidence.  In a *structured* slot (``责任单位:X、Y``, a table cell, an
addressee list) the structure gives the boundaries and a form only needs the shape of a name.
In *running text* a form must start with a prefix (a region: 省/市/县/区…, 各, a place name,
a national body) and end with a body's suffix (局, 厅, 委, 办, 政府, 管委会 …), and must not
swallow a verb or a conjunction.  A rejection names its reason, so that ``policykg audit`` can
show what was turned away.  The tests are pure functions of the string and are cached:
the same names recur in every document.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...vocab.bodies import BODY_SUFFIXES, NAME_AND, NATIONAL_BODIES, PERSON_TITLE
from ...vocab.duties import ROLE_WORDS
from ...vocab.names import (COLLECTIVE_WORDS, COMPANY_WORDS, GENERIC_BODIES, GENERIC_QUALIFIERS, MARKER_ROLES,
                            NAME_BREAKERS, NAME_BREAKING_CHARS, NAME_OPENERS, SLOT_ENDINGS)
from ...vocab.places import ZONE_WORDS, gazetteer, is_place_word
from ...vocab.words import alternation
from ...vocab.zones import ADMINISTERED_KINDS

REGION_CHARS = "省市县区州盟旗镇乡"
# a prefix at the start of a name in running text
PREFIX = re.compile(alternation(NAME_OPENERS, "团(?=[省市县区]委)", "市(?![场民容内])", "县(?![城域])", "省(?![内外])",
                                 rf"[{REGION_CHARS.replace('市', '').replace('县', '').replace('省', '')}]", "国家(?!级)"))
# tokens a name never contains (after the 和 inside names such as 人力资源和社会保障 is masked)
FORBIDDEN = re.compile(alternation(NAME_BREAKERS, f"[{NAME_BREAKING_CHARS}]", r"[\d%“”\"《》〈〉,。;:!?]"))
COLLECTIVE_RE = re.compile(alternation(COLLECTIVE_WORDS, "^(?:各|有关|相关)", "各(?:有关|相关|级)?(?:部门|单位|委办局|委、|直属|成员)"))
# collectives with no level or place: 有关部门, 相关单位, 各部门 -- not a body anyone can look up
GENERIC_ONLY = re.compile(f"^(?:各|有关|相关|其他|其它)*{alternation(GENERIC_QUALIFIERS)}*{alternation(GENERIC_BODIES)}$")
# in a slot for names, 各直属单位 and 成员单位 are the addressees' own words; 有关部门 still names nobody
_SLOT_GENERIC = re.compile(r"^(?:各|有关|相关|其他|其它)*(?:有关|相关|责任|职能|主管|管理|行政|业务)*"
                           r"(?:部门|单位|机构|政府|人民政府|责任单位|职能部门|企业)$")
ROLE_PREFIX = re.compile(r"^[★☆*●◆▲△]+")
# a slot for names also takes these endings (中心, 站, 集团 …)
_SLOT_ENDINGS = re.compile(alternation(SLOT_ENDINGS) + "$")
_COLLECTIVE_PLACE = re.compile(r"^各(?:[省市县区州盟旗乡镇]|街道)")
_STUB_CHAIN = re.compile(r"^(各?)(?:(?<=各)[\u4e00-\u9fff]{0,2}[省市县区州盟旗]、|[省市县区州盟旗]、)+(?=[省市县区州盟旗])")
_SLOT_PUNCTUATION = re.compile(r"[。!?《》:]|\d{3,}")  # quotes may stand inside a name: 省“双找”工作专班
_MARKER_TEXT = re.compile(r"[〔〕【】\[\]]|" + alternation(MARKER_ROLES) + "(?:单位|部门)$")
_WHITESPACE = re.compile(r"\s+")
_PARENTHESES = re.compile(r"\([^()]{1,12}\)")
# 建设/发展 inside the name of a leading group or its office: 市工业园区建设领导小组办公室
_NAME_VERBS = re.compile(r"(?:建设|发展|推进)(?=(?:工作)?(?:领导小组|指挥部|联席会议|委员会))|城乡建设|住房建设|建设(?=厅|局|委|兵团)")
_EVERYWHERE = re.compile(r"^各地(?:区)?[、]?各")  # 各地各部门
_ZONE_BODY = re.compile(r"(?:管委会|管理委员会|管理办|办公室|办事处|公司|政府|会议|领导小组)$")  # a zone's administration
# 开发区管委会: the administration of the text's own zone, a body wherever a list of bodies names it
ZONE_ADMIN = re.compile("各?" + alternation(ADMINISTERED_KINDS) + "(?:管委会|管理委员会)")
_MARKET = re.compile(r"^各.*(?:银行|公司|企业|机构)$|" + alternation(COMPANY_WORDS) + "(?:责任)?公司$")
_CLASS_START = re.compile(r"^各(?:类|种|项|个|位|级各类)")  # 各类单位: a class, not a body
_NATIONAL_START = re.compile(alternation(NATIONAL_BODIES))
_SUFFIXES = frozenset(BODY_SUFFIXES)
_SUFFIX_LENGTHS = sorted({len(x) for x in BODY_SUFFIXES}, reverse=True)


@lru_cache(maxsize=1 << 16)
def suffix_of(s: str) -> str | None:
    """The longest body suffix ``s`` ends with (``局``, ``人民政府`` …), if any.

    >>> suffix_of("省人民政府"), suffix_of("省政府办公厅"), suffix_of("产业")
    ('人民政府', '政府办公厅', None)
    """
    for k in _SUFFIX_LENGTHS:
        if s[-k:] in _SUFFIXES:
            return s[-k:]
    return None


@lru_cache(maxsize=1 << 16)
def has_body_ending(s: str) -> bool:
    """Ends like a body's name, counting the endings only a slot for names accepts (中心, 站 …)."""
    return bool(suffix_of(s) or _SLOT_ENDINGS.search(s))


@lru_cache(maxsize=1 << 16)
def is_place(s: str) -> bool:
    return s in gazetteer().by_name


@lru_cache(maxsize=1 << 16)
def place_prefix(s: str) -> str:
    """The place name ``s`` starts with (``苏州市`` of ``苏州市吴江区政府``), or ``""``; a
    two-character short name must not be mostly a common word (资源 of 自然资源厅).

    >>> place_prefix("苏州市吴江区政府"), place_prefix("资源厅"), place_prefix("鹰潭监管分局")
    ('苏州市', '', '鹰潭')
    """
    name = gazetteer().longest_prefix(s[:12])
    return name if name and (len(name) > 2 or is_place_word(name) or name[-1] in "省市县区州盟旗") else ""


@lru_cache(maxsize=1 << 16)
def mask_name_and(s: str) -> str:
    """Hide the 和 that belongs inside a name from the tests for conjunctions: 人力资源和社会保障,
    住房保障和房地产管理局 (what stands before 和 is no name of its own).

    >>> mask_name_and("市住房保障和房地产管理局"), mask_name_and("市发改委和财政局"), mask_name_and("市党代会和市委")
    ('市住房保障＋房地产管理局', '市发改委和财政局', '市党代会和市委')
    """
    s = NAME_AND.sub(lambda m: m.group(0)[:-1] + "＋", s)
    i = s.find("和")
    while i > 0:
        right = s[i + 1:]
        if not has_body_ending(s[:i]) and has_body_ending(s) and not PREFIX.match(right) \
                and not place_prefix(right) and len(right) - len(suffix_of(right) or "") >= 2:
            s = s[:i] + "＋" + s[i + 1:]
        i = s.find("和", i + 1)
    return s


@lru_cache(maxsize=1 << 16)
def clean_form(s: str) -> str:
    """Trim list debris around a name: spaces, marks, trailing role words.

    >>> clean_form(" ★区发改委 "), clean_form("团市委配合落实"), clean_form("省财政厅牵头")
    ('区发改委', '团市委', '省财政厅')
    >>> clean_form("各县(市、区)政府按职责分工负责")
    '各县(市、区)政府'
    """
    s = ROLE_PREFIX.sub("", _WHITESPACE.sub("", s)).strip("、,;:。")
    prev = None
    while prev != s:
        prev = s
        s = ROLE_WORDS.sub("", s)
    return s.strip("、,;:。")


_NAME_END = re.compile(r"(?:委|府|厅|局|办|行)(?=.)")
_LEVEL_LEADERSHIP = re.compile(r"[省市县区](?:委|政府|人民政府)$")


@lru_cache(maxsize=1 << 16)
def _two_names(s: str) -> bool:
    """省委省政府, 中共鹰潭市委鹰潭市人民政府, 中国人民银行国家金融监督管理总局 -- but not a national
    body's branch (国家金融监督管理总局鹰潭监管分局)."""
    if _NATIONAL_START.match(s) and _NATIONAL_START.match(s, _NATIONAL_START.match(s).end()):
        return True
    for m in _NAME_END.finditer(s):
        rest = s[m.end():]
        if s[:m.end()] in NATIONAL_BODIES and not _NATIONAL_START.match(rest):
            continue
        if suffix_of(rest) and (_LEVEL_LEADERSHIP.match(rest) or (place_prefix(rest) and len(rest) > 3)
                                or _NATIONAL_START.match(rest)):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def names_nobody(s: str) -> bool:
    """有关部门, 相关单位: a list member that gives its role to the list but names no body
    (各直属单位 and 成员单位 do name the addressees' own bodies)."""
    return bool(_SLOT_GENERIC.match(re.sub(r"\([^()]{1,10}\)$", "", s)))


@lru_cache(maxsize=1 << 16)
def slot_rejection(s: str) -> str | None:
    """Why ``s`` is not a body's name in a slot that only holds names (None: it is one).

    >>> [slot_rejection(x) for x in ["市发改委", "统计局", "吴江海关", "哈尔滨", "招商工作部", "全区经济运行各专班",
    ...                              "漳河新区", "各县(市、区)"]]
    [None, None, None, None, None, None, None, None]
    >>> [slot_rejection(x) for x in ["高耗能", "一", "相关部门", "张三局长", "(〔责任单位", "牵头单位", "各县(市"]]
    ['name:no-suffix', 'name:length', 'name:generic', 'name:person', 'name:marker-text', 'name:marker-text', 'name:marker-text']
    """
    if not s or len(s) > 40 or len(s) < 2:
        return "name:length"
    if _SLOT_PUNCTUATION.search(s):
        return "name:punctuation"
    if _MARKER_TEXT.search(s) or s.count("(") != s.count(")"):
        return "name:marker-text"  # (〔责任单位, 牵头单位, 各县(市: the words around names, not a name
    if PERSON_TITLE.search(s):
        return "name:person"
    if names_nobody(s):
        return "name:generic"
    bare = re.sub(r"\([^()]{1,10}\)$", "", s)  # 各县(市)区政府(管委会)
    if s in NATIONAL_BODIES or suffix_of(bare) or is_place(s) or _SLOT_ENDINGS.search(bare):
        return None
    if ZONE_WORDS.search(bare) or _COLLECTIVE_PLACE.match(s):  # 漳河新区, 各县(市、区): a place as a party
        return None
    return "name:no-suffix"


def structured_ok(s: str) -> bool:
    """Is ``s`` shaped like a body's name, in a slot that only holds names?"""
    return slot_rejection(s) is None


@lru_cache(maxsize=1 << 16)
def free_ok(s: str) -> bool:
    """Is ``s`` a body's name, found in running text?

    >>> [free_ok(x) for x in ["市发展改革委", "省产业集聚区联席会议办公室", "市直有关部门", "各部门", "省政府金融办",
    ...                      "市发展改革委要做好联席会议办公室", "各产业集聚区所在地政府", "人力资源和社会保障厅", "大同市人民政府"]]
    [True, True, True, False, True, False, False, False, True]
    """
    if not 2 <= len(s) <= 30:
        return False
    if s in NATIONAL_BODIES:
        return True
    if not suffix_of(s) or PERSON_TITLE.search(s) or _MARKER_TEXT.search(s):
        return False
    prefix = PREFIX.match(s)
    lead = place_prefix(s)  # a place's own name may hold 同, 和 … (大同市, 和平区)
    national = None if prefix or lead else _NATIONAL_START.match(s)  # 人民银行鹰潭市分行
    if not (prefix or lead or national):
        return False  # (most candidates fail here: the cheap test first)
    masked = mask_name_and(_PARENTHESES.sub("", s[len(lead):]) if "(" in s else s[len(lead):])
    masked = _NAME_VERBS.sub("", masked)
    stub = _STUB_CHAIN.match(masked)  # 市、县两级…, 各辖市、区人民政府
    masked = stub.group(1) + masked[stub.end():] if stub else masked
    if FORBIDDEN.search(masked) or "、" in masked or _CLASS_START.match(s):
        return False
    if GENERIC_ONLY.match(s) or _EVERYWHERE.match(s) or "届" in s:
        return False  # 各地各部门, 市十四届人大: not a body's name
    # two names run together (省委省政府, 中共鹰潭市委鹰潭市人民政府): each is found on its own
    if _two_names(s):
        return False
    place = "" if prefix else lead
    if national:  # a national body's branch: 人行荆门分行, 国家金融监督管理总局四川监管局
        rest = s[national.end():]
        return bool(PREFIX.match(rest) or any(st == 0 for _, st, _ in gazetteer().find(rest[:8])))
    body = s[prefix.end():] if prefix else s[len(place):]
    if s.startswith("各") and GENERIC_ONLY.match(body or "x"):
        return False
    if ZONE_WORDS.search(s) and not _ZONE_BODY.search(s):
        return False
    return not _MARKET.search(s)  # 各商业银行, X有限公司: market actors, unless a duty list names them
