"""Shared patterns of Chinese official documents: document numbers (文号), dates, numerals.

>>> [n for n, _, _ in find_docnos("按照《通知》(豫政办〔2012〕33号)和国发[2016]62号")]
['豫政办〔2012〕33号', '国发〔2016〕62号']
>>> normalize_docno("许政办[2012]37号")
'许政办〔2012〕37号'
>>> parse_date("二○一二年四月十六日"), parse_date("2017年5月23日"), parse_date("2015.02.06")
('2012-04-16', '2017-05-23', '2015-02-06')
"""
from __future__ import annotations

import re
from datetime import date

from .words import alternation

CJK = r"\u3400-\u9fff"
OPEN = "〔\\[［(【"
CLOSE = "〕\\]］)】"
# prefix: up to 12 CJK characters (trimmed by _trim_prefix); year; number; 号 (or 文件 where 号 was dropped)
DOCNO = re.compile(
    rf"(?P<prefix>[{CJK}]{{1,12}})\s*[{OPEN}]\s*(?P<year>(?:19|20)\d{{2}})\s*(?:[{CLOSE}]\s*(?P<num>\d{{1,5}})|(?P<num2>\d{{1,4}}))"
    rf"\s*(?:号|(?=文件))")
_BRACKET_YEAR = re.compile(rf"[{OPEN}]\s*(?:19|20)\d{{2}}")
# words that precede a document number in running text but are not part of its prefix
# (贯彻落实豫政办〔2012〕33号: the prefix is 豫政办)
NOT_PREFIX = ("落实", "贯彻", "按照", "根据", "依据", "参照", "印发", "转发", "执行", "精神", "文件", "通知", "意见", "要求", "规定", "办法",
              "关于", "以及", "一是", "二是", "三是", "四是", "五是", "和", "及", "与", "的", "是", "即", "见", "在", "对", "将", "由",
              "经", "为", "以", "据", "照", "实", "彻", "号", "年", "批复", "报送", "收悉", "请示", "发布", "公布", "下发", "颁布")
_PREFIX_STOP = re.compile("^.*" + alternation(NOT_PREFIX))


def _trim_prefix(prefix: str) -> str:
    """'贯彻落实豫政办' -> '豫政办'."""
    m = _PREFIX_STOP.match(prefix)
    return prefix[m.end():] if m else prefix


def normalize_docno(s: str) -> str:
    """Brackets to 〔〕, whitespace removed, 号 restored where the source dropped it."""
    m = DOCNO.search(s)
    if not m:
        return re.sub(r"\s+", "", s)
    num = m.group("num") or m.group("num2")
    return f"{_trim_prefix(m.group('prefix'))}〔{m.group('year')}〕{num}号"


_last: tuple = (None, ())  # the last whole text read and its numbers: header, pipeline and citations ask in turn


def find_docnos(text: str):
    """Yield ``(normalized, start, end)`` for every document number in the text.

    The search starts at a bracket followed by a year (a cheap scan) and only then reads the
    prefix before it: the full pattern tried at every character is ten times slower.  A whole
    text asked about again (the same string object) is answered from the first reading."""
    global _last
    if len(text) < 200:  # a line: read lazily (callers often want only the first)
        return _find_docnos(text)
    last = _last
    if last[0] is not text:
        last = _last = (text, tuple(_find_docnos(text)))
    return iter(last[1])


def _find_docnos(text: str):
    end = 0
    for hit in _BRACKET_YEAR.finditer(text):
        p = hit.start()
        q = p
        while q > 0 and p - q < 12 and (text[q - 1] in " \t" or "\u3400" <= text[q - 1] <= "\u9fff"):
            q -= 1
        m = DOCNO.match(text, max(q, end))
        while m is None and q < p:  # the prefix is shorter than the run of characters before it
            q += 1
            m = DOCNO.match(text, max(q, end))
        if m is None or m.end() <= end:
            continue
        end = m.end()
        prefix = _trim_prefix(m.group("prefix"))
        if not prefix:
            continue
        start = m.start("prefix") + (len(m.group("prefix")) - len(prefix))
        num = m.group("num") or m.group("num2")
        yield f"{prefix}〔{m.group('year')}〕{num}号", start, m.end()


# --- numerals and dates ---------------------------------------------------------------------
CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "0": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
            "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "〇○零一二两三四五六七八九十百千"


def cn_small_int(s: str) -> int | None:
    """Chinese numerals below 10000: '十六' -> 16, '二十六' -> 26, '三' -> 3, '12' -> 12.

    >>> cn_small_int("二十六"), cn_small_int("十"), cn_small_int("一百零五"), cn_small_int("12")
    (26, 10, 105, 12)
    """
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in s:
        if ch in CN_DIGIT:
            cur = CN_DIGIT[ch]
        elif ch in units:
            total += (cur or 1) * units[ch]
            cur = 0
        else:
            return None
    return total + cur


_YEAR_DIGITS = "0-9〇○零一二三四五六七八九Ｏ"
DATE_CN = re.compile(rf"(?P<y>[{_YEAR_DIGITS}]{{4}})\s*年\s*(?P<m>[0-9一二三四五六七八九十]{{1,3}})\s*月\s*"
                     rf"(?P<d>[0-9一二三四五六七八九十]{{1,3}})\s*日")
DATE_ISO = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})")
DATE_DIGITS = re.compile(r"^(?P<s>(?:19|20)\d{5,6})$")


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(s: str) -> str | None:
    """A signing date in any of the usual spellings -> ISO, or None."""
    m = DATE_CN.search(s)
    if m:
        y = "".join(str(CN_DIGIT.get(ch, ch)) for ch in m.group("y"))
        mo, d = cn_small_int(m.group("m")), cn_small_int(m.group("d"))
        if y.isdigit() and mo and d:
            return _iso(int(y), mo, d)
        return None
    m = DATE_ISO.search(s)
    if m:
        return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    m = DATE_DIGITS.match(s.strip())
    if m:  # '2016815': a date whose separators were lost; only when one reading is valid
        digits = m.group("s")
        y, rest = int(digits[:4]), digits[4:]
        readings = {_iso(y, int(rest[:i]), int(rest[i:])) for i in (1, 2) if rest[i:]}
        readings.discard(None)
        if len(readings) == 1:
            return readings.pop()
    return None
