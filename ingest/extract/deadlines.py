"""Deadlines: the time words of a task (一季度, 上半年, 4月底前, 2012年6月30日前), resolved
against the document's year to the last day they allow."""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass

from ...vocab.deadlines import COMPLETION_WORDS
from ...vocab.patterns import cn_small_int
from ...vocab.words import alternation

_M = r"(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:3[01]|[12]\d|[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_Y = r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?"
DEADLINE = re.compile(  # (the lookahead of first characters lets the engine skip ahead)
    r"(?=[0-9一二三四五六七八九十上下年全])" + _Y + r"(?:"
    rf"(?P<q>[一二三四1-4])季度(?:末|底)?"
    r"|(?P<half>上|下)半年"
    rf"|(?P<m>{_M})\s*月\s*(?:(?P<d>{_D})\s*[日号]|(?P<part>上旬|中旬|下旬|底|末|份)?)"
    r"|(?P<year_end>年内|年底|年末|全年)"
    r")(?P<before>前|之前|以前)?"
)
_QEND = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass
class Deadline:
    text: str
    end: str | None
    start: int
    stop: int

    def as_dict(self) -> dict:
        return {"text": self.text, "end": self.end}


def _n(s: str) -> int:
    return int(s) if s.isdigit() else (cn_small_int(s) or 0)


def resolve(m: re.Match, year: int | None) -> str | None:
    """The last day a deadline match allows, as ISO text (None without a year)."""
    y = int(m.group("y")) if m.group("y") else year
    if not y:
        return None
    if m.group("q"):
        mo, d = _QEND[_n(m.group("q"))]
    elif m.group("half"):
        mo, d = (6, 30) if m.group("half") == "上" else (12, 31)
    elif m.group("m"):
        mo = _n(m.group("m"))
        if not 1 <= mo <= 12:
            return None
        last = calendar.monthrange(y, mo)[1]
        if m.group("d"):
            d = _n(m.group("d"))
            if not 1 <= d <= last:
                return None
        else:
            d = {"上旬": 10, "中旬": 20}.get(m.group("part") or "", last)
    else:
        mo, d = 12, 31
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_deadline(text: str, year: int | None, offset: int = 0) -> Deadline | None:
    """The first deadline in a task's text.

    >>> find_deadline("一季度制定招商行动计划。", 2010).as_dict()
    {'text': '一季度', 'end': '2010-03-31'}
    >>> find_deadline("于4月底前制定年度工作方案", 2012).as_dict()
    {'text': '4月底前', 'end': '2012-04-30'}
    >>> find_deadline("2月底确定县域企业", 2010).as_dict()
    {'text': '2月底', 'end': '2010-02-28'}
    >>> find_deadline("将于5月上旬召开会议", 2012).as_dict()
    {'text': '5月上旬', 'end': '2012-05-10'}
    >>> find_deadline("2013年6月30日前完成", 2012).as_dict()
    {'text': '2013年6月30日前', 'end': '2013-06-30'}
    >>> find_deadline("上半年完成规划编制", None).as_dict()
    {'text': '上半年', 'end': None}
    >>> find_deadline("增长15%", 2012) is None
    True
    """
    for m in DEADLINE.finditer(text):
        if _counts(text, m, 0):
            return Deadline(m.group(0), resolve(m, year), offset + m.start(), offset + m.end())
    return None


_COMPLETION = re.compile(r"\s*(?:基本)?" + alternation(COMPLETION_WORDS))


def _counts(text: str, m: re.Match, start: int) -> bool:
    """Whether a match is a deadline: a bare 4月 only when a verb of completion follows (4月完成…),
    not the tail of a number (12月 in 2012月), a year alone no deadline."""
    if m.group("m") and not (m.group("d") or m.group("part") or m.group("before")):
        if not _COMPLETION.match(text[m.end():m.end() + 4]):
            return False
    if m.group("y") is None and m.start() > start and text[m.start() - 1].isdigit():
        return False
    return not (m.group("y") and not (m.group("q") or m.group("half") or m.group("m") or m.group("year_end")))


class DeadlineIndex:
    """The deadlines of a whole text, found once, each task asking for the first inside its span
    (what :func:`find_deadline` gives on the task's text, without reading the text again per task).

    >>> t = "一、一季度制定计划。二、加强宣传。三、于4月底前完成评估。"
    >>> ix = DeadlineIndex(t, 2012)
    >>> ix.first(0, 10).as_dict(), ix.first(10, 17), ix.first(17, len(t)).as_dict()
    ({'text': '一季度', 'end': '2012-03-31'}, None, {'text': '4月底前', 'end': '2012-04-30'})
    """

    def __init__(self, text: str, year: int | None):
        self.text, self.year = text, year
        self.matches = list(DEADLINE.finditer(text))
        self.starts = [m.start() for m in self.matches]

    def first(self, s: int, e: int) -> Deadline | None:
        i = bisect.bisect_left(self.starts, s)
        while i < len(self.matches) and self.matches[i].end() <= e:
            m = self.matches[i]
            if _counts(self.text, m, s):
                return Deadline(m.group(0), resolve(m, self.year), m.start(), m.end())
            i += 1
        return None
