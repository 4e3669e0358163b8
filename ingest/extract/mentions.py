"""Names of bodies in running text.

A name is found from its end: every body suffix (局, 厅, 委, 政府 …) is a candidate end, and
the longest run of name characters before it that passes :func:`.names.free_ok` is the name.
Forms the document itself established (``以下简称`` abbreviations) and national bodies that
need no prefix (国务院, 财政部) are found by lookup.  Overlaps keep the longest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ...vocab.bodies import NATIONAL_BODIES, SUFFIX_RE
from ...vocab.places import gazetteer
from ...vocab.words import alternation
from .names import REGION_CHARS, free_ok, suffix_of

# a name is not followed by these (布局, 办理, 政府性 …)
BAD_AFTER = {"局": "部面势限", "办": "理法结好事学实公", "委": "托屈", "政府": "性采购债投", "厅": "堂",
             "单位": "面时产", "部门": "间", "公司": "债制化", "银行": "业卡", "宣传部": "门", "组织部": "门",
             "统战部": "门", "工作部": "门"}
# a character before the suffix that makes a verb or a noun of it (举办, 布局, 特办 …)
BAD_BEFORE_SUFFIX = {"办": set("举创兴承督代包操停照特协合开主试筹"), "局": set("布格结大全当开时变骗残赌终出入"),
                     "委": set("主常"), "厅": set("大客餐展门"), "部": set("全内外局干本北南东西中总")}
# a prefix character that is really the end of another word (园区, 辖区, 城市, 全省 …)
BAD_BEFORE_PREFIX = set("园聚发新地辖社景片矿港街城都超村")
# words that end just before a prefix char and absorb it (全省, 本市, 城市 …)
BAD_BEFORE = set("全本我该城外跨副两三四五六七八九十") | BAD_BEFORE_PREFIX


def _automaton(words) -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, len(w))
    a.make_automaton()
    return a


_NATIONAL = _automaton(NATIONAL_BODIES)  # (twice the speed of an alternation of the names)


def _national(text: str) -> list[tuple[int, int]]:
    """Spans of national bodies' names, leftmost and longest first, not followed by 门 (部门).

    >>> t = "国务院办公厅、财政部门和财政部"
    >>> [t[a:b] for a, b in _national(t)]
    ['国务院办公厅', '财政部']
    """
    lengths: dict[int, list[int]] = {}
    for end, n in _NATIONAL.iter(text):
        lengths.setdefault(end - n + 1, []).append(n)
    out, free = [], 0
    for st in sorted(lengths):
        if st < free:
            continue
        n = next((n for n in sorted(lengths[st], reverse=True) if text[st + n:st + n + 1] != "门"), None)
        if n:
            out.append((st, st + n))
            free = st + n
    return out
_COLLECTIVE_PLACE = re.compile(r"各(?:[省市县区州盟旗](?:\([^()]{1,8}\))?){1,3}(?=[要应将负须和、,及与在对按可也均分共。;:])")


_ALTERNATIVE = re.compile(r"\(([^()]{1,10})\)")
_NOT_NAME = re.compile(r"以下|简称|下称")


# (不 同, 对, 从, 向, 为, 之, 和: they stand in places' names -- 大同市, 向阳区, 和平区)
_NEVER_IN_NAME = re.compile(r"[的与及或要将在把被由等是了并而但其这该此]")


def _after_last_non_name_char(text: str, a: int, b: int) -> int:
    """Where a name may start at the earliest: after the last 的, 在, 要 … (a name holds none)."""
    last = a - 1
    for hit in _NEVER_IN_NAME.finditer(text, a, b):
        last = hit.start()
    return last + 1


def _ends_place(text: str, i: int) -> bool:
    """Is ``text[i]`` (省, 市, 县 …) the last character of a place name (铜仁市、…)?"""
    names = gazetteer().by_name
    for k in (3, 4, 2, 5):  # (a loop, not any() over a generator: this runs for every candidate start)
        if i - k + 1 >= 0 and text[i - k + 1:i + 1] in names:
            return True
    return False


@lru_cache(maxsize=1)
def _name_starts() -> frozenset[str]:
    """The characters a body's name can start with (free_ok needs a prefix there)."""
    return frozenset(REGION_CHARS + "各自团中国全党") | {n[0] for n in gazetteer().by_name} | {n[0] for n in NATIONAL_BODIES}


@dataclass
class Mention:
    text: str
    start: int
    end: int
    rule: str


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def _left_run(text: str, end: int, limit: int = 26, rev: str | None = None) -> int:
    """Start of the run of name characters (CJK, balanced parentheses) that ends at ``end``.
    ``rev``: ``text[::-1]``, where a run of CJK is matched forwards (no loop per character).

    >>> t = "要求:各县(市)区政府、市、县人民政府"
    >>> t[_left_run(t, 11):11], t[_left_run(t, len(t)):]
    ('各县(市)区政府', '市、县人民政府')
    """
    rev = text[::-1] if rev is None else rev
    n, lo = len(text), max(0, end - limit)
    i = end
    while i > 0 and end - i < limit:
        run = _CJK_RUN.match(rev, n - i, n - lo)
        if run:
            i -= run.end() - run.start()
            continue
        ch = text[i - 1]
        if ch == ")":
            j = text.rfind("(", max(0, i - 12), i - 1)
            if j < 0:
                break
            i = j
            continue
        if ch == "、" and text[max(0, i - 2):i - 1] in REGION_CHARS:
            i -= 1
            continue
        break
    return i


def shape_mentions(text: str) -> list[Mention]:
    """Candidate names by shape (prefix ... suffix), overlapping; :func:`find_mentions` chooses."""
    found: list[Mention] = []
    starts = _name_starts()
    rev = text[::-1]
    for m in SUFFIX_RE.finditer(text):
        end = m.end()
        suf = m.group(0)
        after = text[end:end + 2]
        if suf in BAD_AFTER and after[:1] and after[0] in BAD_AFTER[suf]:
            continue
        if (suf == "委" and after.startswith("员")) or (suf == "办" and after.startswith("公")):
            continue  # part of 委员会 / 办公室
        if len(suf) == 1 or suf in BAD_BEFORE_SUFFIX:
            if text[m.start() - 1:m.start()] in BAD_BEFORE_SUFFIX.get(suf, ()):
                continue
        # a parenthesised alternative right after the name: 各县(市)区政府(管委会)
        pm = _ALTERNATIVE.match(text, end) if text.startswith("(", end) else None
        if pm and (suffix_of(pm.group(1)) or pm.group(1)[-1] in "镇乡") and not _NOT_NAME.match(pm.group(1)):
            end = pm.end()
        ms, me = m.span()
        run = _left_run(text, ms, rev=rev)
        for st in range(_after_last_non_name_char(text, run, ms), ms + 1):
            if text[st] not in starts or (st > 0 and text[st - 1] in BAD_BEFORE and st > run) \
                    or (text[st] in REGION_CHARS and _ends_place(text, st)):
                continue  # a name starts with a region, 各, a place or a national body -- not with 铜仁's 市
            if free_ok(text[st:me]):  # (the core: the name up to its suffix)
                found.append(Mention(text[st:end], st, end, "agency:shape"))
                break
    return found


def listed_mentions(text: str) -> list[Mention]:
    """Names found by lookup: national bodies (国务院, 财政部) and collective places (各县(市、区))."""
    found = [Mention(text[a:b], a, b, "agency:national") for a, b in _national(text)]
    # 各县(市、区)要…: places standing for their governments
    return found + [Mention(m.group(0), m.start(), m.end(), "agency:collective-place")
                    for m in _COLLECTIVE_PLACE.finditer(text)]


def find_mentions(text: str, lexicon: dict[str, str] | None = None,
                  known: tuple[list[Mention], list[Mention]] | None = None) -> list[Mention]:
    """Names of bodies in running text: by shape (prefix ... suffix), and by the forms the
    document itself established (``lexicon``: form -> rule).  Overlaps keep the longest.
    ``known``: the :func:`shape_mentions` and :func:`listed_mentions` of ``text``, when the
    caller has them already.

    >>> [m.text for m in find_mentions("市发展改革委要做好联席会议办公室的日常工作,已经市政府同意。")]
    ['市发展改革委', '市政府']
    >>> [m.text for m in find_mentions("加强与省有关部门和各省辖市政府的沟通衔接")]
    ['省有关部门', '各省辖市政府']
    >>> [m.text for m in find_mentions("认真落实省委、省政府决策部署,全市经济", {"联席会议": "alias"})]
    ['省委', '省政府']
    """
    shapes, listed = known or (shape_mentions(text), listed_mentions(text))
    found = list(shapes)
    if lexicon:
        forms = [f for f in lexicon if len(f) >= 2]
        if forms:
            pat = re.compile(alternation(forms))
            for m in pat.finditer(text):
                found.append(Mention(m.group(0), m.start(), m.end(), lexicon[m.group(0)]))
    found += listed  # (after the document's own forms: a tie goes to them)
    # longest first; drop anything overlapping an accepted mention
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    taken: list[Mention] = []
    used = bytearray(len(text) + 1)
    for f in found:
        if not any(used[f.start:f.end]):
            taken.append(f)
            used[f.start:f.end] = b"\x01" * (f.end - f.start)
    return sorted(taken, key=lambda x: x.start)
