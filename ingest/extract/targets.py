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

_NUM = r"\d+(?:\.\d+)?"
_MULT = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}
_COUNT_UNITS = "家|个|名|人|次|期|项|所|座|套|户|条|台|辆|批|处|场|支|位|种|篇|部"
_MEASURE_UNITS = "平方公里|平方米|公顷|亩|公里|千米|吨|千瓦时|千瓦|标准箱|标箱"
_MONEY_UNITS = "美元|元"
TARGET = re.compile(
    rf"(?<![\d.A-Za-z%])(?P<v>{_NUM})\s*(?:(?P<dash>[—–\-~～至到])\s*(?P<v2>{_NUM}))?\s*"
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


def _sentence(text: str, pos: int) -> str:
    s = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos), text.rfind(";", 0, pos)) + 1
    e = min([x for x in (text.find("。", pos), text.find("\n", pos), len(text)) if x >= 0])
    return text[s:e]


def find_targets(text: str, offset: int = 0, skip: list[tuple[int, int]] = ()) -> list[Target]:
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
    for m in TARGET.finditer(text):
        s, e = m.start(), m.end()
        if any(a <= offset + s < b for a, b in skip):
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
            if rest.startswith("的") or re.match(r"^[\u3400-\u9fff]{0,2}(?:的|以上的|以下的)", rest):
                continue
        else:
            if unit == "个" and rest.startswith("百分点"):
                continue
            if _COUNTED_BODY.match(rest):
                continue
        if m.group("after") in ("以上", "以下", "以内") and rest.startswith("的"):
            continue
        if _PAST.search(_sentence(text, s)):
            continue
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
        cs = _clause_start(text, s)
        out.append(Target(text[cs:e].strip(), value, vmax, unit, qual or "=", offset + s, offset + e,
                          "target:number-unit"))
    return out
