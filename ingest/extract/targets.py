"""Numeric targets: ``力争…超过1500亿元``, ``3—5名``, ``增长15%左右``.

A number is a target when it carries a unit and stands as the object of the plan.  It is
only a threshold when it qualifies something else (``总投资1亿美元以下的项目``,
``产值超700亿元示范基地2家``: the money is a class, the 2家 is the target), and it is
not a target at all when it counts the bodies of an enumeration (``等8个部门``), when it is
an ordinal or part of a date or a document number, or when the sentence reports the past
(``截至2011年底…``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...vocab.sentences import after_last
from ...vocab.targets import (AGGREGATE_WORDS, CAP_WORDS, CONDITION_WORDS, COUNT_UNITS, GOAL_WORDS, MEASURE_UNITS,
                              MONEY_UNITS, MONEY_WHAT, OWN_ITEMS, PARAMETER_WORDS, PAST_WORDS, REPORT_LEADS,
                              THRESHOLD_UNITS)
from ...vocab.words import alternation
from .spans import Spans

_NUM = r"\d+(?:\.\d+)?"
_MULT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
# (the pattern opens on a digit, so the regex engine skips to digits; the look-behind after it
# keeps 3.5 and A3 out)
TARGET = re.compile(
    rf"(?P<v>\d(?<![\d.A-Za-z%]\d)\d*(?:\.\d+)?)\s*(?:(?P<dash>[—–\-~～至到])\s*(?P<v2>{_NUM}))?\s*"
    rf"(?P<mult>万亿|千亿|百亿|亿|千万|百万|万|千)?\s*"
    rf"(?P<unit>%|{alternation(MONEY_UNITS)}|{alternation(MEASURE_UNITS)}|{alternation(COUNT_UNITS)})"
    r"(?P<after>以上|以下|以内|左右|及以上|及以下)?"
)
_BEFORE_QUAL = [(re.compile(r"(?:不少于|不低于|至少|不小于)\s*$"), ">="),
                (re.compile(r"(?:不超过|不高于|控制在|低于|少于|小于)\s*$"), "<="),
                (re.compile(r"(?:超过|突破|超|高于|多于|大于)\s*$"), ">"),
                (re.compile(r"(?:约|大约)\s*$"), "~")]
_AFTER_QUAL = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~", "及以上": ">=", "及以下": "<="}
# a money amount may be followed by what it is (资金, 投资); anything else nominal makes it a class
_MONEY_OK_AFTER = re.compile("^" + alternation(MONEY_WHAT, r"[,。;、:)\s]", "$", r"[\u4e00-\u9fff]{0,4}(?:券|红包|基金|债)"))
# a target is set: a word of intent or change governs the number, in its clause
_GOAL = re.compile(alternation(GOAL_WORDS, r"到20\d\d年", r"到\d{4}年"))
# what a policy's rules are made of: a loan cap, a subsidy to each buyer, a rate, a share of a price, an
# area or an age that qualifies, a period, what one may apply for
_PARAMETER = re.compile(alternation(PARAMETER_WORDS, r"满\d"))
# ... unless the clause says the quantity is an aggregate the plan commits to
_AGGREGATE = re.compile(alternation(AGGREGATE_WORDS))
# a cap or the share of a price, of a loan, of a fund: a rule's value whatever else the clause says
_CONDITION = re.compile(alternation(CONDITION_WORDS, "^当", "^如", "^若"))
_CAP = re.compile(alternation(
    CAP_WORDS, "(?<!不)低于", "^对", "^凡", "^符合", "^当", r"由[^,;。]{0,24}(?:调整|提高|提升|降低|下调|上调|放宽|延长|缩短)(?:为|至|到)",
    r"(?:价款|房款|总价|资金|租金|收入|成交额|起始价|贷款)[^,;。]{0,12}的\s*$"))
# a rate or a share to reach: 满意度在70%以上, 覆盖率保持在90%
_RATE_AT = re.compile(r"(?:率|度|比例|比重|占比)(?:要|应|须)?(?:在|保持在|稳定在|提高到|提升到|达)\s*$")
_PERMISSION = re.compile(r"可|申请|允许")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_OWN_ITEMS = re.compile(alternation(OWN_ITEMS) + r"\s*$")
_COUNTED_BODY = re.compile(r"^[\u3400-\u9fff]{0,8}?(?:部门|单位|部委|委办局|成员|厅局)")
# a period, not a count: 3个月, 6个工作日; a dimension: 1个百分点 is kept as 百分点
_PERIOD_AFTER = re.compile(r"^(?:月|工作日|日|小时|季度|年度|周|自然年|学年)")
# a news page's report or a statistic: what happened, not what is to be done
_PAST = re.compile(alternation(PAST_WORDS))
# a paragraph that reports figures (数据显示, 2024年,…): its numbers are statistics unless one is announced
# as an intent
_REPORT_LEAD = re.compile(alternation(REPORT_LEADS, r"((?:19|20)\d{2})年(?:以来)?[,,]"))
_INTENT = re.compile(r"力争|计划|将|目标|预计|确保|要|到20\d\d年|20\d\d年(?:底|末)?前")
# a change by an amount is an outcome to reach (利率下降30个基点), not a rule's value
_CHANGE_BY = re.compile(r"(?:下降|降低|提高|提升|增长|减少|下调)\s*\d[\d.]*\s*(?:个基点|基点|个百分点|百分点)")
# a day: what happened on it (9月8日落地3个), not before it (9月30日前完成)
_DATED = re.compile(r"\d{1,2}月\d{1,2}日(?!前|之前|以前|起|至)")


@dataclass
class Target:
    text: str
    value: float
    value_max: float | None
    unit: str
    qualifier: str
    start: int
    end: int
    rule: str

    def as_dict(self) -> dict:
        v = int(self.value) if float(self.value).is_integer() else self.value
        vm = None if self.value_max is None else (int(self.value_max) if float(self.value_max).is_integer()
                                                   else self.value_max)
        return {"text": self.text, "value": v, "value_max": vm, "unit": self.unit, "qualifier": self.qualifier,
                "span": [self.start, self.end], "rule": self.rule}


_ETC_END = re.compile(r"等\s*$")
_COUNTER_END = re.compile(r"[个家]\s*$")
_OF_AFTER = re.compile(r"[\u3400-\u9fff]{0,2}(?:的|以上的|以下的)")
_OF_GOAL_AFTER = re.compile(r"(?:以上|左右)?的(?:目标|任务|增速|增幅|水平)")
_AHEAD = re.compile(r"到|至|力争|目标|预计|规划")
_BASELINE_END = re.compile(r"(?:较|比|与|同)$")
_AT_LEAST = re.compile(r"力争|确保|至少")


def _clause_start(text: str, pos: int, marks: str = "。;!?:,、\n", reach: int = 40) -> int:
    lo = max(0, pos - reach)
    k = max(text.rfind(c, lo, pos) for c in marks)
    return k + 1 if k >= 0 else lo


def _sentence_start(text: str, pos: int) -> int:
    return after_last(text, pos, "。\n;!")


_SENTENCE_STOP = re.compile(r"[。\n]")


def _sentence(text: str, pos: int) -> str:
    stop = _SENTENCE_STOP.search(text, pos)  # (not text.find("。"): it may read to the text's end)
    e = stop.start() if stop else len(text)
    return text[_sentence_start(text, pos):e]


def find_targets(text: str, offset: int = 0, skip: list[tuple[int, int]] = (), year: int | None = None) -> list[Target]:
    """Targets in ``text`` (spans are shifted by ``offset``; ``skip`` spans are not read): goals the
    document sets, not a policy's parameters, thresholds or past figures.

    >>> [(t.value, t.unit, t.qualifier) for t in find_targets("力争实际利用省外资金超过1500亿元。")]
    [(150000000000.0, '元', '>')]
    >>> [(t.value, t.value_max, t.unit) for t in find_targets("培育3—5名中原学者,培养20—25个团队。")]
    [(3.0, 5.0, '名'), (20.0, 25.0, '个')]
    >>> [(t.value, t.unit, t.qualifier) for t in find_targets("下放总投资1亿美元以下的项目,新增发展用地不少于12万亩。")]
    [(120000.0, '亩', '>=')]
    >>> [(t.value, t.unit) for t in find_targets("产值超700亿元示范基地2家,固定资产投资增长15%左右。")]
    [(2.0, '家'), (15.0, '%')]
    >>> find_targets("由发改委等8个部门组成;第3次会议;截至2011年底已建成12家。")
    []
    >>> find_targets("对购房家庭分别给予2万元补贴;首付比例不低于20%;面积144平方米以下;押金不得超过1个月租金。")
    []
    >>> [(t.value, t.unit) for t in find_targets("全年举办体育赛事活动不少于5000场次,引导利率下降30个基点。")]
    [(5000.0, '场次'), (30.0, '基点')]
    """
    out: list[Target] = []
    skip = Spans(skip)
    for m in TARGET.finditer(text):
        s, e = m.start(), m.end()
        if offset + s in skip or _not_a_quantity(text, m):
            continue
        sentence_start = _sentence_start(text, s)
        if not _goal(text, m, sentence_start, year, carried=bool(out) and out[-1].start - offset >= sentence_start):
            continue
        try:
            value = float(m.group("v")) * _MULT.get(m.group("mult") or "", 1)
            vmax = float(m.group("v2")) * _MULT.get(m.group("mult") or "", 1) if m.group("v2") else None
        except ValueError:
            continue
        if vmax is not None and vmax < value:
            continue
        unit = _UNIT_NAME.get(m.group("unit"), m.group("unit"))
        cs = _clause_start(text, s)
        out.append(Target(text[cs:e].strip(), value, vmax, unit, _qualifier(text, m, sentence_start), offset + s,
                          offset + e, "target:number-unit"))
    return out


_UNIT_NAME = {"个基点": "基点", "个百分点": "百分点"}


def _not_a_quantity(text: str, m: re.Match) -> bool:
    """An ordinal, a count of the enumeration or of the document's parts, a period, a class."""
    s, e = m.start(), m.end()
    before, rest, unit = text[max(0, s - 6):s], text[e:e + 8], m.group("unit")
    if before.endswith(("第", "前", "近", "后", "每", "含")) or _ETC_END.search(before) or _OWN_ITEMS.search(before):
        return True
    if text.startswith("的基础上", e) or text.startswith("基础上", e):
        return True  # 在新增100万套的基础上: a baseline
    if unit in ("元", "美元"):
        return not _MONEY_OK_AFTER.match(rest) or bool(_COUNTER_END.search(before))
    if unit == "%":
        return bool((rest.startswith("的") or _OF_AFTER.match(rest)) and not _OF_GOAL_AFTER.match(rest))
    if unit == "个" and (rest.startswith("百分点") or _PERIOD_AFTER.match(rest)):
        return True
    if _COUNTED_BODY.match(rest):
        return True
    return bool(m.group("after")) and m.group("after") != "左右" and rest.startswith("的")


def _goal(text: str, m: re.Match, sentence_start: int, year: int | None, carried: bool = False) -> bool:
    """A goal: a word of intent governs the number in its clause (or a goal of the same sentence
    came just before: 创建…2个,…示范集聚区2家), no rule of a policy is being stated (unless the
    clause says it is an aggregate), the sentence does not report the past, and an area, an amount
    or a count with 以上/以下 is no threshold."""
    s = m.start()
    sentence = _sentence(text, s)
    if _PAST.search(sentence) or _CONDITION.search(_part(text, sentence_start, s)) or _reported(text, s, sentence_start, year):
        return False  # (…形象进度达70%即可办理, 当个贷率在93%以上时: a rule's condition)
    lead_in = text[sentence_start:s]
    clause = text[_clause_start(text, s, "。;!?:,\n", 80):s]  # (members of an enumeration share its verb)
    tail = text[m.end():m.end() + 6]
    if not (carried or _GOAL.search(clause) or _RATE_AT.search(clause) or tail.startswith(("以上用于", "用于"))
            or (m.group("after") == "左右" and _GOAL.search(lead_in))):
        return False
    if text[max(0, s - 1):s] in ("/", "(") or _DATED.search(lead_in):
        return False  # 0.8车位/100平方米, (5套以上): a ratio or a note; 9月8日落地3个: a day's report
    near = text[_clause_start(text, s):s]
    if _CAP.search(near) and not _RATE_AT.search(near):
        return False  # 总价款的50%, 不得超过…的70%, 总规模最高2000亿元
    changes = _CHANGE_BY.search(text, max(0, s - 4), m.end()) and not _PERMISSION.search(clause)
    if _PARAMETER.search(clause) and not _AGGREGATE.search(clause) and not changes:
        return False  # 首付比例不低于20%, 分别给予2万元: a rule of the policy, not a goal
    if m.group("after") not in (None, "左右") and m.group("unit") in THRESHOLD_UNITS \
            and not _AGGREGATE.search(clause):
        return False  # 面积144平方米以上, 100万元以下: who or what qualifies
    if year and not _AHEAD.search(lead_in):
        years = [int(y.group(1)) for y in _YEAR.finditer(lead_in)
                 if not _BASELINE_END.search(lead_in, 0, y.start())]  # 较2010年降低: a baseline
        if years and max(years) < year:
            return False  # 2019年…生产总值2165亿元: a figure of the past
    return True


def _part(text: str, start: int, pos: int) -> str:
    """The part of a sentence that holds ``pos``: from its start to the next 。 or ;."""
    stop = _PART_STOP.search(text, pos)
    return text[start:stop.start() if stop else len(text)]


_PART_STOP = re.compile(r"[。;\n]")


def _reported(text: str, s: int, sentence_start: int, year: int | None) -> bool:
    """The number stands in a paragraph that reports figures (数据显示…, 2024年,…) and nothing
    before it in its sentence announces an intent."""
    para = text.rfind("\n", 0, s) + 1
    lead = _REPORT_LEAD.search(text, para, min(s, para + 60))
    if not lead:
        return False
    if lead.group(1) and year and int(lead.group(1)) >= year:
        return False  # 2025年,全市新开工…: this year's plan
    return not _INTENT.search(text, sentence_start, s)


def _qualifier(text: str, m: re.Match, sentence_start: int) -> str:
    qual = _AFTER_QUAL.get(m.group("after") or "")
    before = text[max(0, m.start() - 6):m.start()]
    if not qual:
        qual = next((q for pat, q in _BEFORE_QUAL if pat.search(before)), None)
    if not qual and not m.group("v2") and _AT_LEAST.search(text, sentence_start, m.start()):
        qual = ">="  # 力争引进10家: at least the number
    return qual or "="
