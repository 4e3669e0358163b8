"""The words Chinese plans use to say who does what.

A plan assigns work with *markers* (``责任单位:``, ``牵头单位:``, ``配合单位:``), with *role
phrases* closing a list of bodies (``…牵头``, ``…按职责分工负责``, ``…配合``), and in prose with a
body as the subject of a *duty verb* (``市住建局要…``, ``由市财政局负责…``, ``会同…``).
Policy packages follow each measure with a block of *fields* (``政策依据:`` ``执行期限:``
``责任单位:`` ``咨询电话:``) that belongs to the measure above it.
"""
from __future__ import annotations

import re

from .words import alternation

# marker keys -> role; a key may start with 省直/市直 and end with 及责任人
RESPONSIBLE_KEYS = r"(?:主要)?(?:责任|牵头|负责|主办|主责|承办|落实|实施)(?:单位|部门|处室|科室|主体)(?:及责任人)?|牵头|责任|负责"
COOPERATING_KEYS = r"(?:配合|参与|协办|协助|协同|参加|支持|会同)(?:单位|部门|处室)?"
# (the lookahead of first characters lets the regex engine skip ahead: six times faster)
MARKER_KEY = re.compile(rf"(?=[省市县区主责牵负承落实配参协支会])(?P<key>(?:[省市县区]直)?(?:{RESPONSIBLE_KEYS}|{COOPERATING_KEYS}))"
                        r"\s*[:]\s*")
_COOPERATING_KEY = re.compile(COOPERATING_KEYS)

# words that close a list of bodies and give it its role
COOPERATING_END = re.compile(r"(?:配合|协办|参与|参加|协助|协同)(?:落实|实施)?$")
RESPONSIBLE_END = re.compile(r"(?:牵头|负责|主办|落实|组织实施)(?:落实|负责|实施)?$")
# the role words that close a list of bodies (…牵头, …配合落实, …共同负责), besides …按职责分工负责
ROLE_PHRASES = ("牵头落实", "牵头负责", "牵头", "分别负责", "共同负责", "负责落实", "负责", "配合落实", "配合", "主办", "协办", "参与", "参加", "协助",
                "落实")
ROLE_WORDS = re.compile(alternation(
    ROLE_PHRASES, "(?:按照?|根据)?(?:各自)?(?:职责|职能)(?:分工)?(?:分别)?(?:负责|组织实施|落实|实施)(?:落实)?") + "$")

# the words that announce who carries a task (what a reader checks every task list for)
MARKER_WORDS = re.compile(r"责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门|按职责分工负责|按照职责分工负责")

# what follows a body that is a clause's subject and makes the clause its duty: verbs of duty and
# the adverbs that open them (市住建局要…, 由市财政局负责…, 会同…); 要 not 要求, 负责 not 负责人 (需要 is read as 需)
DUTY_VERBS = ("将", "应", "须", "必须", "需", "牵头", "会同", "统筹", "对", "从", "于", "定期", "及时", "切实", "认真", "按照", "根据",
              "组织", "做好", "抓紧", "加快", "积极", "进一步", "继续", "全面", "具体", "主要", "重点", "协调", "指导", "督促", "研究", "制定",
              "加强", "落实", "配合", "协助", "参与", "按", "在", "每", "适时", "尽快", "全力", "着力", "抓好", "建立", "完善", "结合",
              "依托", "围绕", "分别", "共同", "联合", "各自", "也要", "还要", "同时", "立即")
DUTY_VERB = re.compile(alternation(DUTY_VERBS, "要(?!求)", "负责(?!同志|人)", "是[^,。;]{0,30}?责任主体"))
# a place standing for its government (桂林市要…) needs a verb of obligation (要 not 要求, 负责 not 负责人 or 负责同志)
OBLIGATION_WORDS = ("要", "应", "须", "必须", "需要", "负责", "牵头", "统筹", "组织", "会同")
OBLIGATION_VERB = re.compile("(?!要求|负责同志|负责人)" + alternation(OBLIGATION_WORDS))
COOPERATING_VERB = re.compile(r"(?:配合|协助|参与|协同)")
# what introduces a clause's subject: 由X负责, 请X…, 并由X…
SUBJECT_LEADS = ("由", "请", "并由", "并请", "再由", "要求", "同时", "另外", "此外", "对此")
SUBJECT_LEAD = re.compile(r"\s*(?:[(（]?\d{1,2}[)）.、]?)?\s*" + alternation(SUBJECT_LEADS) + "?")

# fields of a measure in a policy package or a task list; a block of them belongs to the item above
# the names of a measure's fields (政策依据:, 咨询电话:, 完成时限: ...)
FIELD_NAMES = ("政策依据", "依据", "执行期限", "实施期限", "有效期限", "有效期", "政策期限", "执行时间", "兑现时间", "申报时间", "完成时限", "完成时间",
               "时间节点", "时限", "咨询电话", "联系电话", "联系方式", "联系人", "责任人", "责任领导", "牵头领导", "分管领导", "包联领导", "办理流程",
               "办理方式", "申报方式", "兑现方式", "申报条件", "适用对象", "支持对象", "政策对象", "受理部门", "受理单位", "办理部门", "主管部门", "办理地点",
               "备注")
FIELD_KEYS = alternation(FIELD_NAMES)
# what opens the name of a field about a role or a person (牵头领导:, 包联责任人:, 完成时限:)
FIELD_ROLES = ("牵头", "责任", "配合", "参与", "协办", "主办", "协同", "分管", "联系", "包抓", "包联", "完成")
FIELD_LINE = re.compile(rf"^\s*[★☆]?(?:(?:[省市县区]直)?(?:{RESPONSIBLE_KEYS}|{COOPERATING_KEYS})|{FIELD_KEYS}|"
                        + alternation(FIELD_ROLES) + r"[\u3400-\u9fff]{0,6}?"
                        r"(?:单位|部门|领导|责任人|时限|时间|期限))\s*[:]")


def role_of_key(key: str) -> str:
    """The role a marker key gives: ``配合单位`` -> cooperating, ``责任单位`` -> responsible.

    >>> role_of_key("配合单位"), role_of_key("牵头单位"), role_of_key("落实单位")
    ('cooperating', 'responsible', 'responsible')
    """
    return "cooperating" if _COOPERATING_KEY.search(key) else "responsible"


def role_of_phrase(raw: str) -> str | None:
    """The role a list member's closing words give it, if any.

    >>> role_of_phrase("团市委配合落实"), role_of_phrase("各县(市、区)政府按职责分工负责"), role_of_phrase("市财政局")
    ('cooperating', 'responsible', None)
    """
    if COOPERATING_END.search(raw):
        return "cooperating"
    if RESPONSIBLE_END.search(raw):
        return "responsible"
    return None
