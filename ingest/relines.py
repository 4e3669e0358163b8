"""One-line pages: the line breaks a page lost, put back where the structure says they were.

A page scraped without its line breaks (or a document kept in one CSV or JSON field) runs its
title, number, addressees, numbered items, markers, signature and date together on one line:
``关于X的通知各县人民政府:现将…印发给你们。一、…(责任单位:X)二、…某市人民政府2024年3月5日``.
:func:`relines` cuts such a line where a line of the printed document would begin: before the
items of a numbering that runs 1, 2, 3 … (a label is believed when its sequence goes on, so
``统一、规范`` is no item), before a field or marker that follows a sentence (``牵头单位:``), after
the title and the addressee line, around a signature block and its date, before ``附件`` and
after ``特此通知``.  Only a text that has lost its lines is touched: its longest line holds most of it.
"""
from __future__ import annotations

import re

from ..vocab.duties import FIELD_KEYS, COOPERATING_KEYS, RESPONSIBLE_KEYS
from ..vocab.patterns import DATE_CN, DOCNO
from ..vocab.titles import RUN_IN_KINDS
from ..vocab.words import alternation
from .extract.header import is_addressee_line
from .extract.issuer import split_issuers
from .extract.names import free_ok, has_body_ending
from ..vocab.places import gazetteer
from .extract.outline import LABEL, _style_number

_MIN_CHARS = 120  # a text shorter than this reads as one paragraph anyway
_END = "。;!?)」”】"
_FIELD = re.compile(rf"(?:(?:[省市县区]直)?(?:{RESPONSIBLE_KEYS}|{COOPERATING_KEYS})|{FIELD_KEYS})\s*:")
_AGENCY_LABEL = re.compile(r"[。;]([^,。;:、\s]{2,20}):(?=负责|牵头|承担|主要)")
_LEADS_TO = set("于在自至从到止及和与、的为是截前后由对将“\"(【《0123456789")  # 于2024年3月5日召开: a date inside a sentence
_GOES_ON = set(",,、:的前后起至以在召举发印出之开延止内间”\"")
_BULLET = re.compile(r"[•·●]\s*(?=[\u4e00-\u9fff]\s*[\u4e00-\u9fff]?\s*[\u4e00-\u9fff]?\s*[\u4e00-\u9fff]?\s*:)")
_CLOSING = re.compile(r"特此(?:通知|公告|通告|函告|批复)。?|附件\s*\d*\s*[::]|(?<=[。;])附件\s*\d")
_KIND = alternation(RUN_IN_KINDS)
_TITLE = re.compile(rf".{{6,140}}?{_KIND}(?:\((?:试行|暂行|征求意见稿|草案)\))*》?")
_BODY_OPENS = re.compile(r"为|根据|按照|依据|近日|日前|现将|经研究")  # what a body's first sentence opens with
_MORE_TITLE = re.compile(rf"[^,。:;]{{0,40}}?{_KIND}(?:\((?:试行|暂行|征求意见稿|草案)\))*》?")
_NUMBER_UNDER = re.compile(rf"\(?{DOCNO.pattern}\)?")
# where an addressee line may begin: 各县(市、区)人民政府,… / 市政府各部门,…
_ADDRESSEE_START = re.compile(r"(?<=[通知见案法定施规则告复函划点引报议》)\s:号])(?=各|[省市县区][\u4e00-\u9fff]{0,10}(?:人民政府|政府|各))")
_DATE = DATE_CN  # (any spelling of a year: 2024年, 二〇二四年, 二0一一年)
_SENTENCE_MARK = re.compile(r"[。;,!?]")
_PLACE_TWICE = re.compile(r"^(.{2,6}[省市县区州])\1")
_DIGIT_DATE = re.compile(r"(?:19|20)\d{5,6}$")  # 河北省人民政府2016815: a date whose separators were lost
# page metadata run into the text: 【发文字号】…, 2013-09-03 来源:…
_META_TAG = re.compile(r"【[\u4e00-\u9fff]{2,6}】|(?<![::\s])(?:19|20)\d{2}-\d{1,2}-\d{1,2}|(?:信息)?来源[::]|"
                       r"(?:发布|成文|发文|印发|生成)(?:机构|日期|时间|机关)[::]|发文字号[::]|索引号[::]|(?:浏览|阅读)(?:量|次数)[::]")
_META_REACH = 1200  # page metadata stands at the top


def lost_lines(text: str) -> bool:
    """Whether the text has lost its line breaks: it is long and one line holds most of it.

    >>> lost_lines("一、做好规划。" * 60), lost_lines("一、做好规划。\\n" * 60)
    (True, False)
    """
    if len(text) < _MIN_CHARS:
        return False
    return max(map(len, text.split("\n"))) >= 0.6 * len(text)


def relines(text: str) -> str:
    """The text with its lost line breaks put back (unchanged when it has its lines).

    >>> t = ("许昌市人民政府关于加快发展的通知各县人民政府,市直各单位:为加快发展,现通知如下。"
    ...      "一、统一、规范项目管理。牵头单位:市发改委二、加大投入。(责任单位:市财政局)"
    ...      "特此通知。许昌市人民政府2024年3月5日附件:1.清单") + "。" * 300
    >>> print(relines(t).replace("。" * 300, ""))
    许昌市人民政府关于加快发展的通知
    各县人民政府,市直各单位:
    为加快发展,现通知如下。
    一、统一、规范项目管理。
    牵头单位:市发改委
    二、加大投入。(责任单位:市财政局)
    特此通知。
    许昌市人民政府
    2024年3月5日
    附件:1.清单
    """
    if not lost_lines(text):
        return text
    return "\n".join(reline(line) for line in text.split("\n"))


def reline(line: str) -> str:
    """One line of a text that lost its breaks, cut where the printed lines began (short lines as they are)."""
    return _reline(line) if len(line) >= _MIN_CHARS else line


def _reline(line: str) -> str:
    cuts = set(_head_cuts(line)) | set(_label_cuts(line)) | set(_field_cuts(line)) | set(_closing_cuts(line))
    cuts |= set(_signature_cuts(line))
    out, prev = [], 0
    for c in sorted(x for x in cuts if 0 < x < len(line)):
        if line[prev:c].strip():
            out.append(line[prev:c].strip())
            prev = c
    out.append(line[prev:].strip())
    return "\n".join(x for x in out if x)


def _head_cuts(line: str) -> list[int]:
    """After the number, the title and the addressee line at the top (page metadata before them cut off)."""
    cuts, pos = [], 0
    m = DOCNO.match(line)
    if m:
        pos = m.end()
        cuts.append(pos)
    start = _title_start(line, pos)
    if start > pos:
        pos = start
        cuts.append(pos)
    k = line.find("关于", pos, pos + 42)
    if k > pos and len(split_issuers(line[pos:k])) > 1:  # several issuers run before the title: a line of their own
        pos = k
        cuts.append(pos)
    t = _TITLE.match(line, pos)
    if t and ("关于" in t.group(0) or t.group(0).startswith("《") or _place_first(t.group(0))
              or _BODY_OPENS.match(line, t.end())):
        pos = t.end()
        more = _MORE_TITLE.match(line, pos)
        while more and "各" not in more.group(0):  # …行动计划的通知: the title ends at its last kind
            pos = more.end()
            more = _MORE_TITLE.match(line, pos)
        cuts.append(pos)
        m = _NUMBER_UNDER.match(line, pos)  # the number printed under the title
        if m:
            pos = m.end()
            cuts.append(pos)
    for a in [pos, *(m.start() for m in _ADDRESSEE_START.finditer(line, pos, pos + 1500))]:
        colon = line.find(":", a, a + 300)
        if colon > a and is_addressee_line(line[a:colon + 1]):
            return cuts + [a, colon + 1]
    return cuts


def _title_start(line: str, pos: int) -> int:
    """Where a title ``X关于…`` begins when page text runs into it (来源:某省人民政府网某省人民政府办公厅关于…):
    at the start of the issuer's name that ends at the first 关于, read back from 关于 while it stays a name."""
    k = line.find("关于", pos, pos + 200)
    if k < 0 or _SENTENCE_MARK.search(line, pos, k):
        return pos  # (为深入贯彻省委、省政府关于…: a sentence of the body, not a title)
    starts = [s for s in range(max(pos, k - 40), k - 1) if _issuer_run(line[s:k])]
    # a name that opens with its place (区域经济安徽省人民政府办公厅 -> 安徽省…), else with its level (否市政府 -> 市政府)
    return next((s for s in starts if _opens_with_place(line, s)), next((s for s in starts if line[s] in "省市县区"), pos))


def _opens_with_place(line: str, s: int) -> bool:
    names = gazetteer().by_name
    return line.startswith(("中共", "中国", "国务院", "国家"), s) or any(line[s:s + n] in names for n in range(2, 9))


def _issuer_run(s: str) -> bool:
    """Names of issuers and nothing else (山西省山西省人民政府: a site's label before the name is not one)."""
    names = split_issuers(s)
    return bool(names) and "".join(names) == s.replace("、", "").replace(" ", "") and \
        all(free_ok(n) and not _PLACE_TWICE.match(n) for n in names)


def _place_first(title: str) -> bool:
    """黑龙江省促进经济稳增长的若干措施: a title that opens with its place."""
    return any(title.startswith(p) for p in (title[:n] for n in range(2, 9)) if p in gazetteer().by_name)


def _label_cuts(line: str) -> list[int]:
    """Before each item of a numbering that runs on: in every style, a run 1, 2, 3 … of at least
    two labels (numbering restarts at 1 under a new heading); an article (第X条) after a sentence."""
    by_style: dict[str, list[tuple[int, int]]] = {}
    cuts = []
    for m in LABEL.finditer(line):
        if m.start() and line[m.start() - 1].isdigit():
            continue
        style, number = _style_number(m)
        if style == "art" and (m.start() == 0 or line[m.start() - 1] in _END):
            cuts.append(m.start())
        elif number > 0:
            by_style.setdefault(style, []).append((m.start(), number))
    for labels in by_style.values():
        chain: list[int] = []
        for pos, number in labels:
            if number == 1:
                if len(chain) == 1 and _bounded(line, chain[0]) and not _bounded(line, pos):
                    continue  # 一、统一、规范: the item is the first 一、
                cuts += chain if len(chain) >= 2 else []
                chain = [pos]
            elif chain and number == len(chain) + 1:
                chain.append(pos)
        cuts += chain if len(chain) >= 2 else []
    return cuts


def _bounded(line: str, pos: int) -> bool:
    return pos == 0 or line[pos - 1] in _END + ":, "


def _field_cuts(line: str) -> list[int]:
    """Before a field or a marker key that follows a sentence (…底线。牵头单位:省发展改革委), and before
    a body's name with a colon that follows one (…活动。市住房城乡建设局:负责…): an agency line."""
    cuts = [m.start() for m in _FIELD.finditer(line) if m.start() and line[m.start() - 1] in _END]
    for m in _AGENCY_LABEL.finditer(line):
        if has_body_ending(re.sub(r"\([^()]*\)$", "", m.group(1))):
            cuts.append(m.start(1))
    return cuts


def _closing_cuts(line: str) -> list[int]:
    """Before and after 特此通知, before 附件, before a page's metadata (• 索引号:…, 【发文字号】…, 来源:…)."""
    cuts = [m.start() for m in _BULLET.finditer(line, 0, _META_REACH)]
    cuts += [m.start() for m in _META_TAG.finditer(line, 0, _META_REACH)]
    for m in _CLOSING.finditer(line):
        cuts.append(m.start())
        if m.group(0).startswith("特此"):
            cuts.append(m.end())
    return cuts


def _signature_cuts(line: str) -> list[int]:
    """Around a signature block: the issuers' names between a sentence's end and a date, the date."""
    cuts = []
    tail = _DIGIT_DATE.search(line)
    if tail:  # …增长极。河北省人民政府2016815
        k = max(line.rfind(c, 0, tail.start()) for c in _END)
        if 2 <= tail.start() - k - 1 <= 60 and has_body_ending(line[k + 1:tail.start()]):
            cuts += [k + 1, tail.start()]
    for d in _DATE.finditer(line):
        lo = max(0, d.start() - 80)
        before = line[lo:d.start()]  # (what stands before a date: a signature is short)
        if DOCNO.search(before[-20:]) and before[-20:].rstrip().endswith("号"):
            cuts.append(d.end())  # 川府发〔2011〕8号 二○一一年三月十七日: the number's date, on its line
            continue
        k = max(before.rfind(c) for c in _END + ":,")
        names = before[k + 1:].strip() if k >= 0 or lo == 0 else ""
        if names and 2 <= len(names) <= 60 and has_body_ending(names.split()[-1]):
            cuts += [lo + k + 1, d.start(), d.end()]
        elif (k == len(before) - 1 or before[-1:] not in _LEADS_TO) and (d.end() == len(line) or line[d.end()] not in _GOES_ON):
            cuts += [d.start(), d.end()]  # …执行。2024年3月5日, …实施方案二○一一年二月十五日市政府…: a date on its own line
    return cuts
