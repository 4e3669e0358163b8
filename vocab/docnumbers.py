"""Every form a document number takes, not only ``X〔2021〕6号``.

Announcements and orders are numbered by year and sequence without brackets
(``财政部 税务总局 住房城乡建设部公告2024年第16号``, ``厦门市人民政府令第155号``), and some
bracketed numbers keep a 第 (``中国人民银行公告〔2019〕第16号``).  :func:`find_numbers` yields
them all, bracketed ones through :func:`.patterns.find_docnos`.

>>> [n for n, *_ in find_numbers("按照《公告》(财政部、税务总局、住房城乡建设部公告2024年第16号)执行")]
['财政部税务总局住房城乡建设部公告2024年第16号']
>>> [n for n, *_ in find_numbers("《厦门市商品房预售管理规定》(厦门市人民政府令第155号)同时废止")]
['厦门市人民政府令第155号']
>>> [n for n, *_ in find_numbers("本公告自发布之日起施行,中国人民银行公告〔2019〕第16号同时废止")]
['中国人民银行公告〔2019〕第16号']
>>> [(n, f) for n, _, _, f in find_numbers("(豫政办〔2022〕6号)、(贺金管规〔2022〕1 号),原许政〔2015〕3号")]
[('豫政办〔2022〕6号', 'bracket'), ('贺金管规〔2022〕1号', 'bracket'), ('许政〔2015〕3号', 'bracket')]
"""
from __future__ import annotations

import re
from typing import Iterator

from .patterns import CJK, find_docnos
from .words import alternation

# the fixed part of each form, found first (a cheap scan); the issuer is read backwards from it
ANCHOR = re.compile(r"公告\s*(?P<ay>(?:19|20)\d{2})\s*年\s*第\s*(?P<an>\d{1,4})\s*号"
                    r"|令\s*第\s*(?P<on>\d{1,5})\s*号"
                    r"|[〔\[［(]\s*(?P<dy>(?:19|20)\d{2})\s*[〕\]］)]\s*第\s*(?P<dn>\d{1,5})\s*号")
# the issuer before the anchor: several bodies for announcements (财政部 税务总局 …公告), one otherwise
_ISSUER_BEFORE = {"announcement": re.compile(rf"[{CJK}][{CJK}、 ]{{0,38}}$"),
                  "order": re.compile(rf"[{CJK}]{{2,30}}$"), "ordinal": re.compile(rf"[{CJK}]{{2,30}}$")}
# words before a number that are not its issuer (greedy: up to the last of them)
# words before a number that are not its issuer (按照财政部…公告, 印发的…令)
NOT_ISSUER = ("根据", "按照", "依据", "执行", "落实", "贯彻", "参照", "依照", "遵照", "印发", "发布", "公布", "即", "的", "是", "在", "对",
              "将", "由", "号")
_LEAD = re.compile("^.*" + alternation(NOT_ISSUER))


def _issuer(prefix: str) -> str:
    """'按照财政部 税务总局' -> '财政部税务总局'."""
    return re.sub(r"[、\s]", "", _LEAD.sub("", prefix))


def _announcements(text: str) -> Iterator[tuple[str, int, int, str]]:
    for m in ANCHOR.finditer(text):
        form = "announcement" if m.group("ay") else "order" if m.group("on") else "ordinal"
        lo = max(0, m.start() - 40)
        before = _ISSUER_BEFORE[form].search(text, lo, m.start())
        if not before:
            continue
        issuer = _issuer(before.group(0))
        if len(issuer) < 2:
            continue
        start = m.start() - len(before.group(0)) + before.group(0).find(issuer[:1])
        if form == "announcement":
            norm = f"{issuer}公告{m.group('ay')}年第{m.group('an')}号"
        elif form == "order":
            norm = f"{issuer}令第{m.group('on')}号"
        else:
            norm = f"{issuer}〔{m.group('dy')}〕第{m.group('dn')}号"
        yield norm, start, m.end(), form


def find_numbers(text: str) -> Iterator[tuple[str, int, int, str]]:
    """``(normalized, start, end, form)`` for every document number, form in
    ``bracket`` | ``announcement`` | ``order`` | ``ordinal``, in text order."""
    found = list(_announcements(text))
    for norm, a, b in find_docnos(text):
        if norm.startswith("原") and norm[1:2] != "〔":  # 原豫政〔2015〕3号: the former document
            norm, a = norm[1:], a + 1
        if not any(a < e and s < b for _, s, e, _ in found):
            found.append((norm, a, b, "bracket"))
    found.sort(key=lambda x: x[1])
    return iter(found)


def number_key(number: str) -> str:
    """The form numbers are compared under (spaces, 、 and the 第 of ordinals dropped).

    >>> number_key("中国人民银行公告〔2019〕第16号") == number_key("中国人民银行公告〔2019〕16号")
    True
    """
    return re.sub(r"[\s、]|(?<=〕)第", "", number)
