"""A document's title.

An official document prints its title near the top (``X关于…的通知``), often broken over
several lines and sometimes after its issuers' names; a notice that forwards a plan says
``现将《X》印发给你们``; a reprint or a news page starts with its headline.  Page chrome around a
title (``设为首页 | 加入收藏``, ``归档时间:…``, a crawler's ``【地区】`` tag) is never part of it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...vocab.patterns import find_docnos
from ...vocab.titles import HEADING_KINDS, NOT_HEADLINE_OPENERS, SENTENCE_OPENERS
from ...vocab.words import alternation
from .issuer import split_issuers

_QUALIFIER = r"(?:\((?:试行|暂行|征求意见稿|草案|修订|修订版|修正|送审稿|第[一二三四五六七八九十\d]+号)\))*"
_KIND_END = re.compile(alternation(HEADING_KINDS) + _QUALIFIER)
_TAGS = re.compile(r"^(?:【[^】]{1,12}】|【[^】]{2,17}[省市州区县盟旗]】|\((?:19|20)\d{2}\)|\[[^\]]{1,8}\]|附件\d*[::]|\(此件[^()]{2,8}\))+\s*")
_OUTLINE_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d{1,2}[.、]|[★☆])")
_QUALIFIER_LINE = re.compile(rf"^{_QUALIFIER}$")
_ATTACHED = re.compile(r"(?:现将|特将|将)《(?P<t>[^《》\n]{4,80}(?:〈[^〈〉]{1,60}〉[^《》\n]{0,40})?)》(?:印发|转发|发)给你们")
_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}-\d{2}-\d{2}(?:\s+[\d:]+)?|[\d〇○零一二三四五六七八九]{4}年[\d一二三四五六七八九十]{1,3}月"
                        r"[\d一二三四五六七八九十]{1,3}日)$")
_SENTENCE_START = re.compile("^" + alternation(SENTENCE_OPENERS, r"\d") + r"|^[^《]*(?:按照|根据|依据|执行)《")
_NOT_HEADLINE = re.compile("^" + alternation(NOT_HEADLINE_OPENERS, "[A-Z][.、]", r"\d"))
_LINE_END_PUNCT = re.compile(r"[。:;,!?]$")


def title_of(s: str) -> str | None:
    """The title a heading line holds: up to a document kind (通知, 办法 …) with its qualifiers,
    at the end of the line or before a parenthesis, its 《》 balanced.

    >>> title_of("重庆市人民政府关于修改《重庆市暂行办法》的决定"), title_of("关于印发实施方案的通知(试行)(征求意见稿)")
    ('重庆市人民政府关于修改《重庆市暂行办法》的决定', '关于印发实施方案的通知(试行)(征求意见稿)')
    """
    stop = s.find("。")
    s = s if stop < 0 else s[:stop]
    for m in _KIND_END.finditer(s, 0, 150):
        head, after = s[:m.end()], s[m.end():].lstrip()
        quoted = head.startswith("《")
        if len(head) < 6 or head.startswith("特此") or (after and after[0] not in "(》"):
            continue
        open_ = head.count("《") - head.count("》")
        if open_ == 0:
            return head
        if open_ == 1 and after.startswith("》") and (len(after) == 1 or after[1] == "("):  # 《关于…的通知》, 东莞市住建局《关于…的通知》
            return head[1:] if quoted else head + "》"
    return None


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield line, pos
        pos += len(line) + 1


def find_title(text: str, head_limit: int = 1500) -> tuple[str, int, int, str] | None:
    """``(title, start, end, rule)``: the heading that names the document, else the plan a
    forwarding notice attaches, else the first line of a page that prints a headline.

    >>> find_title("许政办[2012]37号 许昌市人民政府办公室关于转发提速计划的通知\\n各县:")[0]
    '许昌市人民政府办公室关于转发提速计划的通知'
    >>> find_title("重庆市人民政府\\n关于修改《重庆市暂行办法》和\\n《重庆市实施细则》的决定\\n市政府决定…")[0]
    '重庆市人民政府关于修改《重庆市暂行办法》和《重庆市实施细则》的决定'
    >>> find_title("重庆市住房和城乡建设委员会 重庆市商务委员会\\n关于稳定房地产市场的通知\\n各区县:")[0]
    '关于稳定房地产市场的通知'
    >>> find_title("各县人民政府:\\n现将《许昌市提速计划》印发给你们,请认真贯彻执行。")[:1] + ("…",)
    ('许昌市提速计划', '…')
    >>> find_title("遂宁市出台房地产新政推动市场平稳健康发展\\n2022年3月31日,市住建局等7部门联合印发通知。")[3]
    'title:headline'
    """
    head = [(ln.strip(), pos + len(ln) - len(ln.lstrip())) for ln, pos in _lines(text[:head_limit]) if ln.strip()]
    kinds = [bool(_KIND_END.search(ln)) for ln, _ in head]
    best = None
    for i in range(len(head)):
        if not any(kinds[i:i + 7]):
            continue  # no document kind (通知, 方案 …) in this line or the next six: no title starts here
        for cand, off in _candidates(head, i):
            title = title_of(cand)
            if title and ("关于" in title or (len(cand) <= 40 and not re.search(r"^\d|[,:]", title))) \
                    and not cand.endswith(":") and not _SENTENCE_START.match(title) and title.count(",") <= 1:
                off += cand.find(title)
                if best is None or ("关于" in title and "关于" not in best[0]):
                    best = (title, off, off + len(title), "title:heading")
                break
        if best and "关于" in best[0]:
            break
    if best:
        return best
    return _attached(text, head_limit) or _headline(head)


def _candidates(head: list[tuple[str, int]], i: int):
    """The line at ``i`` (chrome and numbers cut off), then it joined with the short lines
    after it: a title broken over up to six lines.  A date line, a numbered heading or a line of
    several issuers starts no title."""
    line, off = head[i]
    if _DATE_LINE.match(line) or _OUTLINE_LABEL.match(line) or len(_issuer_line(line)) > 1:
        return
    lead = 0
    for _, a, b in find_docnos(line):
        if a == 0:
            lead = b  # a number glued before the title
    t = line[lead:].lstrip()
    off += len(line) - len(t)
    tag = _TAGS.match(t)
    if tag:
        off, t = off + tag.end(), t[tag.end():]
    if " | " in t:  # a title inside a line of chrome: 设为首页 | X关于…的通知 | 加入收藏
        part = max(t.split(" | "), key=lambda p: bool(title_of(p.strip())) * len(p))
        off, t = off + t.find(part), part.strip()
    if _issuer_line(t) and i + 1 < len(head) and head[i + 1][0].startswith("关于"):
        if len(_issuer_line(t)) > 1 or (i > 0 and _issuer_line(head[i - 1][0])):
            return  # several issuers printed above the title: the title starts at 关于
        yield from _joined(head, i + 1, t, off)
        return
    yield from _joined(head, i + 1, t, off)


def _joined(head, j: int, t: str, off: int):
    if title_of(t):
        nxt = head[j][0] if j < len(head) else ""
        yield (t + nxt, off) if _QUALIFIER_LINE.match(nxt) and nxt else (t, off)  # …细则 / (征求意见稿)
        return
    yield t, off
    for k in range(j, min(j + 6, len(head))):
        line = head[k][0]
        if len(line) > 40 or _LINE_END_PUNCT.search(head[k - 1][0]) or _DATE_LINE.match(line) or _OUTLINE_LABEL.match(line):
            return
        t += line
        yield t, off
        if title_of(t):
            return


@lru_cache(maxsize=1 << 12)
def _issuer_line(s: str) -> tuple[str, ...]:
    """The bodies of a line that only names issuers: 重庆市人民政府 / 重庆市住建委 重庆市商务委 / 住建部、央行
    (asked of a line up to three times, and of a site's same lines in every page)."""
    parts = split_issuers(s) if len(s) <= 80 else []
    return tuple(parts) if parts and _JOINERS.sub("", "".join(parts)) == _JOINERS.sub("", s) else ()


_JOINERS = re.compile(r"[、和与\s]")


def _attached(text: str, limit: int) -> tuple[str, int, int, str] | None:
    m = _ATTACHED.search(text, 0, limit * 2)
    return (m.group("t"), m.start("t"), m.end("t"), "title:attached") if m else None


def _headline(head: list[tuple[str, int]]) -> tuple[str, int, int, str] | None:
    """The first line of a page, when it reads as a headline: short, no sentence in it, not
    an addressee line, not a numbered heading."""
    skip = [k for k, (ln, _) in enumerate(head[:3]) if _DATE_LINE.match(ln) or _issuer_line(ln)]
    first = next((k for k in range(len(head[:3])) if k not in skip), None)
    if first is None:
        return None
    line, off = head[first]
    tag = _TAGS.match(line) or re.match(r"^\d{1,2}[.、]", line)  # 1.住房城乡建设部:… (a digest's first item)
    if tag:
        off, line = off + tag.end(), line[tag.end():]
    if " | " in line:  # a listing record: its field with a quoted title, else no headline (a table's row)
        field = next((f.strip() for f in line.split(" | ") if "《" in f), None)
        if field is None:
            return None
        whole = re.fullmatch(r"《([^《》]{4,80})》", field)
        part = whole.group(1) if whole else field
        off, line = off + line.find(part), part
    if not 8 <= len(line) <= 60 or re.search(r"[。;]|:$|^[一二三四五六七八九十]+、|^\(", line):
        return None  # (a headline may exclaim: 缴纳契税可享20%补贴!高新区…补贴来了)
    if _NOT_HEADLINE.match(line):
        return None
    return line, off, off + len(line), "title:headline"
