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

from .spans import Spans

_NUM = r"\d+(?:\.\d+)?"
_MULT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_COUNT_UNITS = "家|个|名|人|次|期|项|所|座|套|户|台|辆|批|处|场|支|位|种|篇"
_MEASURE_UNITS = "平方公里|平方米|公顷|亩|公里|千米|吨|千瓦时|千瓦|标准箱|标箱"
_MONEY_UNITS = "美元|元"
TARGET = re.compile(
    rf"(?=\d)(?<![\d.A-Za-z%])(?P<v>{_NUM})\s*(?:(?P<dash>[—–\-~～至到])\s*(?P<v2>{_NUM}))?\s*"
    rf"(?P<mult>万亿|千亿|百亿|亿|千万|百万|万|千)?\s*"
    rf"(?P<unit>%|{_MONEY_UNITS}|{_MEASURE_UNITS}|{_COUNT_UNITS})"
    r"(?P<after>以上|以下|以内|左右)?"
)
_BEFORE_QUAL = [(re.compile(r"(?:不少于|不低于|至少|不小于)\s*$"), ">="),
                (re.compile(r"(?:不超过|不高于|控制在|低于|少于|小于)\s*$"), "<="),
                (re.compile(r"(?:超过|突破|超|高于|多于|大于)\s*$"), ">"),
                (re.compile(r"(?:约|大约)\s*$"), "~")]
_AFTER_QUAL = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "~"}
# a money amount may be followed by what it is (资金, 投资); anything else nominal makes it a class
_MONEY_OK_AFTER = re.compile(r"^(?:[,。;、:)\s]|$|资金|经费|资本|贷款|投资|的资金|用于|以|和|及|或|,|,|。|;)")
_PAST = re.compile(r"截至|截止|已经|已达|已有|已建|已累计|比上年|上年|去年|同比增长了|实现了|完成了|达到了|共完成|累计完成|"
                   r"目前|现有|现已|到目前")
# a target is set: some word of intent or change stands before the number in its sentence
_GOAL = re.compile(r"力争|争取|达到|达|确保|实现|增长|增加|完成|新增|新建|培育|建设|建成|突破|超过|超|控制|不低于|不少于|目标|"
                   r"提高|提升|降低|下降|减少|削减|引进|举办|组织|成立|打造|创建|争创|推动|推进|开展|安排|筹措|投资|投入|"
                   r"下达|盘活|撬动|扩大|培养|支持|改造|保持|办好|落实|拨付|形成|设立|规划|计划|预计|新改扩建|实施|引导|"
                   r"吸引|带动|招引|扶持|认定|选派|选树|评选|遴选|培训|召开|开工|竣工|改建|扩建|整合|压减|淘汰|收储|供应|"
                   r"落地|签约|融资|发行|解决|帮扶|资助|奖励|补助|到20\d\d年|到\d{4}年|年均|累计达")
# what a policy's rules are made of (a loan cap, a subsidy, a ratio, an area, a period) ...
_PARAMETER = re.compile(r"首付|贷款|额度|限额|利率|补贴|补助|奖励|房票|契税|公积金|面积|个月|月内|日内|年内|年限|比例|"
                        r"单价|每户|每套|每平方米|最高|最低|不超过|上限|下限|年龄|周岁|缴存|缴纳|支付|提取|发放")
# ... unless it is an aggregate the plan commits to
_AGGREGATE = re.compile(r"增长|新增|新开工|开工建设|建成|筹集|筹措|到位|累计|力争|目标|任务|规模|总|达到|完成|投入|安排")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_OWN_ITEMS = re.compile(r"(?:共|分解(?:成|为)|细化(?:成|为)|梳理出?|列出|明确了?)\s*$")
_COUNTED_BODY = re.compile(r"^[\u3400-\u9fff]{0,8}?(?:部门|单位|部委|委办局|成员|厅局)")


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


def _clause_start(text: str, pos: int) -> int:
    m = None
    for m in re.finditer(r"[。;!?:,、\n]", text[max(0, pos - 40):pos]):
        pass
    return max(0, pos - 40) + m.end() if m else max(0, pos - 40)


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos), text.rfind(";", 0, pos),
               text.rfind("!", 0, pos)) + 1


def _sentence(text: str, pos: int) -> str:
    e = min([x for x in (text.find("。", pos), text.find("\n", pos), len(text)) if x >= 0])
    return text[_sentence_start(text, pos):e]


def find_targets(text: str, offset: int = 0, skip: list[tuple[int, int]] = (), year: int | None = None) -> list[Target]:
    """Targets in ``text`` (spans are shifted by ``offset``; ``skip`` spans are not read).

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
    """
    out: list[Target] = []
    skip = Spans(skip)
    for m in TARGET.finditer(text):
        s, e = m.start(), m.end()
        if offset + s in skip:
            continue
        before = text[max(0, s - 6):s]
        if before.endswith(("第", "前", "近", "后", "每")) or re.search(r"等\s*$", before):
            continue
        unit, mult = m.group("unit"), m.group("mult") or ""
        rest = text[e:e + 8]
        if unit in ("元", "美元"):
            if not _MONEY_OK_AFTER.match(rest) or re.search(r"[个家]\s*$", before):
                continue
        elif unit == "%":
            if (rest.startswith("的") or re.match(r"^[\u3400-\u9fff]{0,2}(?:的|以上的|以下的)", rest)) \
                    and not re.match(r"^(?:以上|左右)?的(?:目标|任务|增速|增幅|水平)", rest):
                continue
        else:
            if unit == "个" and rest.startswith("百分点"):
                continue
            if _COUNTED_BODY.match(rest):
                continue
        if m.group("after") in ("以上", "以下", "以内") and rest.startswith("的"):
            continue
        sentence = _sentence(text, s)
        if _PAST.search(sentence) or _OWN_ITEMS.search(before):
            continue
        lead_in = text[_sentence_start(text, s):s]
        if not (_GOAL.search(lead_in) or m.group("after")):
            continue
        clause = text[_clause_start(text, s):s]
        if _PARAMETER.search(clause) and not _AGGREGATE.search(clause):
            continue  # 首付比例不低于20%, 补贴300元/平方米: a rule of the policy, not a goal
        if year and not re.search(r"到|至|力争|目标|预计|规划", lead_in):
            years = [int(y.group(1)) for y in _YEAR.finditer(lead_in)
                     if not re.search(r"(?:较|比|与|同)$", lead_in[:y.start()])]  # 较2010年降低: a baseline
            if years and max(years) < year:
                continue  # 2019年…生产总值2165亿元: a figure of the past
        try:
            value = float(m.group("v")) * _MULT.get(mult, 1)
            vmax = float(m.group("v2")) * _MULT.get(mult, 1) if m.group("v2") else None
        except ValueError:
            continue
        if vmax is not None and vmax < value:
            continue
        qual = _AFTER_QUAL.get(m.group("after") or "")
        if not qual:
            for pat, q in _BEFORE_QUAL:
                if pat.search(before):
                    qual = q
                    break
        if not qual and vmax is None and re.search(r"力争|确保|至少", lead_in):
            qual = ">="  # 力争引进10家: at least the number
        cs = _clause_start(text, s)
        out.append(Target(text[cs:e].strip(), value, vmax, unit, qual or "=", offset + s, offset + e,
                          "target:number-unit"))
    return out
