"""The policy instrument of every task, coded as the manual (``docs/spec/instruments.md``) says.

A task is read the way an analyst reads a measure:

1. its **structure** (:func:`structure`): the heading (``(三)强化金融支持。``, ``一是…。``, a short
   first line), then the body's sentences cut into clauses; a clause that only gives a purpose
   or a basis (``为…``, ``按照…``) or a condition (``购买首套住房的``, ``对符合条件的企业``) is no
   main clause;
2. its **cues** (:func:`find_cues`): the words of :mod:`policykg.vocab.instruments`, found by one
   automaton over the tasks of a document (the longest word at a position wins, so 标准厂房 is a
   building and 社会保险 no insurance); adjacent cues make one phrase whose head speaks for it
   (``专项资金监管`` is supervision; a light head such as 建设, 机制, 平台 yields to the word before
   it: ``融资对接平台`` is financing);
3. the **action** of a stretch (:func:`action`): a tool's verb at its start (``规范…``, ``培训…``),
   else the head of its object -- the last cue of its first verb phrase (``用于``, ``支持``,
   ``推动`` … start the next one);
4. the **decision** (:func:`code_task`), in the manual's order: the heading if it names an action
   with a tool, else the first main clause that does (strong cues before weak ones: 建设 or 服务
   alone decide only when nothing stronger is said), else a goal (``到2025年…``, ``达到500亿元``),
   else the default.  Money goes by whom it reaches (buyers -> 消费补贴, producers, projects and
   public bodies -> 资金投入).

Every code keeps its provenance: the cues that decided it as ``[start, end)`` spans into the
cleaned text, and the rule (``instrument:heading/money``: where it was decided, by which family).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from ...vocab import instruments as V
from ...vocab.sentences import SENTENCE_ENDS


class Cue(NamedTuple):
    start: int
    end: int
    tool: str | None  # None: money whose recipient decides
    family: str
    weak: bool
    light: bool  # a head that yields to the word before it (建设, 机制, 平台)
    verb: bool  # at the start of a clause it is the clause's action (规范, 培训)


@dataclass
class Code:
    tool: str
    cues: list[tuple[int, int]]
    rule: str
    also: list[tuple[str, tuple[int, int]]]  # (tool, its first cue)

    def as_dict(self) -> dict:
        return {"type": V.TOOLS[self.tool], "tool": self.tool, "cues": [list(c) for c in self.cues], "rule": self.rule}

    def also_dicts(self) -> list[dict]:
        return [{"type": V.TOOLS[t], "tool": t, "cues": [list(span)]} for t, span in self.also]


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    """Every cue word -> its Cue fields but the span; blockers -> None."""
    words: dict[str, tuple | None] = {}

    def fields(w: str, tool: str | None, family: str) -> tuple:
        return tool, family, w in V.WEAK, w in V.LIGHT_HEADS, w in V.VERBS

    for family, tools in V.CUES.items():
        for tool, ws in tools.items():
            for w in ws:  # budget money: whom it reaches decides (buyers -> 消费补贴)
                words.setdefault(w, fields(w, None if tool == "资金投入" else tool, family))
    for w in V.GENERIC_MONEY:
        words[w] = fields(w, None, "money")
    for w in V.BLOCKERS:
        words[w] = None
    a = ahocorasick.Automaton()
    for w, v in words.items():
        a.add_word(w, (len(w), v))
    a.make_automaton()
    return a


_AMOUNT = re.compile(r"(?:给予|予以|奖励|补贴|补助|资助)[^,。;:\n]{0,16}?\d+(?:\.\d+)?\s*(?:万|亿)?元")
_MONEY = (None, "money", False, False, False)
_new = tuple.__new__  # a Cue from a tuple of its fields, without a Python-level call


def find_cues(text: str, spans: list[tuple[int, int]] | None = None) -> list[Cue]:
    """The cues of ``text`` (or of the ``spans`` of it: the tasks), in order of position; at a
    position the longest word wins.

    >>> t = "加强专项资金监管,建设标准厂房"
    >>> [(t[c.start:c.end], c.family, c.tool) for c in find_cues(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('专项资金', 'money', None), ('监管', 'rules', '法规管制'), ('建设', 'supply', '基础设施建设'),
     ('标准厂房', 'supply', '基础设施建设')]
    """
    a = _automaton()
    out: list[Cue] = []
    for s, e in _merged(spans if spans is not None else [(0, len(text))]):
        for end, (n, v) in a.iter_long(text, s, e):
            if v is not None:
                out.append(_new(Cue, (end - n + 1, end + 1) + v))
        for m in _AMOUNT.finditer(text, s, e):
            out.append(_new(Cue, (m.start(), m.end()) + _MONEY))
    out.sort()
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


# --- the structure of a task ------------------------------------------------------------------
_LABEL = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[,、]|其[一二三四五六七八九十][,、]?|"
                    r"[(]?[一二三四五六七八九十\d]{1,3}[)、.]|[①-⑳]|[★☆●◆■—-]+)\s*")
_HEAD_END = re.compile(r"[。\n:!?;]")
_SENT = re.compile("[%s]" % re.escape(SENTENCE_ENDS))
_CLAUSE = re.compile(r"[,:]")
_PURPOSE = re.compile(r"\s*(?:%s)" % "|".join(sorted(V.PURPOSE_LEADS, key=len, reverse=True)))
_COND_LEAD = re.compile(r"\s*(?:%s)" % "|".join(sorted(V.CONDITION_LEADS, key=len, reverse=True)))
_COND_END = re.compile(r"(?:%s)\s*$" % "|".join(sorted(V.CONDITION_ENDS, key=len, reverse=True)))


class Clause(NamedTuple):
    start: int
    end: int
    kind: str  # heading | main | purpose | condition
    sentence: int  # index of its sentence (the heading: -1)


def structure(text: str, start: int = 0, end: int | None = None) -> list[Clause]:
    """The heading (if the task has one) and the clauses of ``text[start:end]``.

    >>> t = "(三)强化金融支持。对符合条件的企业,给予贷款贴息;为加快发展,建设平台。"
    >>> [(t[c.start:c.end], c.kind) for c in structure(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('强化金融支持', 'heading'), ('对符合条件的企业', 'condition'), ('给予贷款贴息', 'main'),
     ('为加快发展', 'purpose'), ('建设平台', 'main')]
    """
    end = len(text) if end is None else end
    head, pos = _heading(text, start, end)
    return head + [c for si, (s, e) in enumerate(_spans(_SENT, text, pos, end)) for c in _clauses(text, s, e, si)]


def _heading(text: str, start: int, end: int) -> tuple[list[Clause], int]:
    """The heading as a clause (or none) and where the body starts."""
    m = _LABEL.match(text, start, end)
    pos = m.end() if m else start
    h = _HEAD_END.search(text, pos, end)
    if h and 2 <= h.start() - pos <= 30 and text.count(",", pos, h.start()) <= 1 and text[h.end():end].strip():
        return [Clause(pos, h.start(), "heading", -1)], h.end()
    return [], pos


def _clauses(text: str, s: int, e: int, si: int) -> list[Clause]:
    """The clauses of the sentence ``text[s:e]`` (its ``si``-th), each a main clause, a purpose
    or a condition (no clause that ends a sentence is either)."""
    parts = list(_spans(_CLAUSE, text, s, e))
    out = []
    for k, (a, b) in enumerate(parts):
        m = _LABEL.match(text, a, b)
        a = m.end() if m and m.end() < b else a
        kind = "main"
        if k < len(parts) - 1:
            if _PURPOSE.match(text, a, b):
                kind = "purpose"
            elif _COND_LEAD.match(text, a, b) or _COND_END.search(text, a, b):
                kind = "condition"
        out.append(Clause(a, b, kind, si))
    return out


def _spans(pattern: re.Pattern, text: str, start: int, end: int):
    """The non-blank pieces of ``text[start:end]`` between matches of ``pattern``."""
    i = start
    for m in pattern.finditer(text, start, end):
        if not text[i:m.start()].isspace() and m.start() > i:
            yield i, m.start()
        i = m.end()
    if i < end and not text[i:end].isspace():
        yield i, end


# --- the action of a stretch -------------------------------------------------------------------
_SERIAL = re.compile(r"(?:用于|支持(?!的)|推动|促进|带动|确保|助力|以便|从而|进而|满足|实现)")
_ADVERBS = re.compile(r"(?:要|应|须|需|并|还|也|再|均|将|已|继续|进一步|加快|积极|大力|全面|切实|着力|持续|深入|不断|"
                      r"严格|依法|坚决|优先|重点|抓紧|尽快|及时|全力|努力|主动|逐步|稳步|有序|统一|同步|同时|研究|"
                      r"适当|合理|科学|稳妥|精准|常态化|阶段性|更大力度|多渠道|多措并举)*")
_CARRIED = re.compile(r"实施|落实|执行|贯彻|按照|根据|依据")  # 实施行动方案 carries a plan out: no planning
_RELATIVE = re.compile(r"(?:支持|资助|扶持|投资|融资|补助|奖励)的")


def _phrases(text: str, cues: list[Cue]) -> list[Cue]:
    """Adjacent cues (nothing between them, or 的) as one phrase, spanning them all, with the
    fields of its head: the last word that is not a light head, a strong one before a weak one
    (``专项资金监管`` -> 监管; ``融资对接平台`` -> 融资)."""
    out: list[Cue] = []
    group: list[Cue] = []
    for c in cues:
        if group and (c.start == group[-1].end or (c.start == group[-1].end + 1 and text[c.start - 1] == "的")):
            group.append(c)
            continue
        if group:
            out.append(_head_of(group))
        group = [c]
    if group:
        out.append(_head_of(group))
    return out


def _head_of(group: list[Cue]) -> Cue:
    if len(group) == 1:
        return group[0]
    heads = [g for g in group if not g.light] or group
    head = ([g for g in heads if not g.weak] or heads)[-1]
    return head._replace(start=group[0].start, end=group[-1].end, verb=group[0].verb and head is group[0])


def action(text: str, cues: list[Cue], a: int, b: int, weak: bool) -> Cue | None:
    """The cue that says what ``text[a:b]`` does (``cues``: those inside it): a tool's verb at its
    start, else the head of its object in the first verb phrase that has a cue (strong cues
    only unless ``weak``; a weak money word at the head still counts: 落实…运维资金).

    >>> t = "规范园区基础设施建设"
    >>> c = action(t, find_cues(t), 0, len(t), False); t[c.start:c.end], c.tool
    ('规范', '法规管制')
    >>> t = "组织各园区参加省投融资平台专项培训"
    >>> c = action(t, find_cues(t), 0, len(t), False); t[c.start:c.end], c.tool
    ('培训', '人才培养')
    """
    cuts = [a] + [m.start() for m in _SERIAL.finditer(text, a + 1, b)] + [b]
    for x, y in zip(cuts, cuts[1:]):
        cs = _phrases(text, [c for c in cues if x <= c.start and c.end <= y])
        rel = [m.end() for m in _RELATIVE.finditer(text, x, y)]
        if rel and cs and cs[-1].start >= rel[-1]:
            cs = [c for c in cs if c.start >= rel[-1]]  # 专项债券支持的项目建设: the project's building
        cs = [c for c in cs if c.family != "plans" or not _CARRIED.search(text, x, c.start)]
        if not weak:
            cs = [c for c in cs if not c.weak or (c.family == "money" and c is cs[-1])]
        if not cs:
            continue
        if cs[0].verb and cs[0].start <= _ADVERBS.match(text, x, y).end():
            return cs[0]
        return ([c for c in cs if not c.light] or cs)[-1]
    return None


# --- money: whom it reaches -----------------------------------------------------------------------
_RECIPIENT = re.compile("|".join(sorted({w for ws in V.RECIPIENTS.values() for w in ws}, key=len, reverse=True)))
_RECIPIENT_TOOL = {w: tool for tool, ws in V.RECIPIENTS.items() for w in ws}


def recipient(text: str, lo: int, cue: Cue) -> tuple[str, tuple[int, int] | None]:
    """Whom money reaches (消费补贴 for buyers and consumers, else 资金投入) and the word that says
    so: the last recipient named before the cue in its sentence, else the first after it.

    >>> t = "对购买首套住房的家庭给予补贴"
    >>> tool, (a, b) = recipient(t, 0, find_cues(t)[-1]); tool, t[a:b]
    ('消费补贴', '家庭')
    """
    last = None
    for m in _RECIPIENT.finditer(text, lo, cue.start):
        last = m
    if last is None:
        last = _RECIPIENT.search(text, cue.end, cue.end + 20)
    if last is None:
        return "资金投入", None
    return _RECIPIENT_TOOL[last.group()], (last.start(), last.end())


# --- the decision ------------------------------------------------------------------------------
_BY_YEAR = re.compile(r"(?:到|至|力争到?)\s*(?:19|20)\d{2}\s*年(?:底|末)?")
_GOAL = re.compile(r"(?:%s)[^,。;\n]{0,12}?\d" % "|".join(sorted(V.GOAL_VERBS, key=len, reverse=True)))
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万|亿|个|家|项|人|平方|公里|千|百|倍|户|套|所|座|条)")


def _goal(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A stretch that sets a goal (到2025年…, 增长15%): the span that says so."""
    m = _BY_YEAR.search(text, start, end)
    if m is None:
        m = _GOAL.search(text, start, end)
        if m is None or not _FIGURE.search(text, m.start(), end):
            return None
    return m.start(), m.end()


class _Task:
    """One task: its cues, its heading, and its sentences cut into clauses as they are needed
    (most tasks are decided by their heading or first sentence)."""

    def __init__(self, text: str, start: int, end: int, cues: list[Cue], starts: list[int]):
        self.text = text
        self.cues = cues[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        self.starts = [c.start for c in self.cues]
        self.head, pos = _heading(text, start, end)
        self._pending = _spans(_SENT, text, pos, end)
        self.sentences: list[list[Clause]] = []
        self._actions: dict[tuple[int, bool], Cue | None] = {}

    def sentence(self, i: int) -> list[Clause] | None:
        """The clauses of the ``i``-th sentence (None past the last one)."""
        while len(self.sentences) <= i:
            nxt = next(self._pending, None)
            if nxt is None:
                return None
            self.sentences.append(_clauses(self.text, *nxt, len(self.sentences)))
        return self.sentences[i]

    def mains(self, first: int, last: float = float("inf")):
        """The main clauses of sentences ``first`` to ``last``."""
        i = first
        while i <= last and (cls := self.sentence(i)) is not None:
            yield from (c for c in cls if c.kind == "main")
            i += 1

    def others(self):
        """The clauses that only give a purpose or a condition, of every sentence."""
        self.sentence(1 << 30)
        return (c for cls in self.sentences for c in cls if c.kind != "main")

    def stages(self):
        """Where to look, in order: (rule name, clauses, weak cues allowed).  The heading and the
        first sentence speak first (strong cues, then weak ones), then the second sentence, then
        the rest, then the clauses that only give a purpose or a condition."""
        yield "heading", self.head, False
        yield "clause", self.mains(0, 0), False
        yield "heading", self.head, True
        yield "clause", self.mains(0, 0), True
        yield "clause2", self.mains(1, 1), False
        yield "clause2", self.mains(1, 1), True
        yield "later", self.mains(2), False
        yield "condition", self.others(), False
        yield "later", self.mains(2), True

    def action(self, cl: Clause, weak: bool) -> Cue | None:
        """The action of a clause (see :func:`action`), once per clause and strength."""
        key = (cl.start, weak)
        if key not in self._actions:
            i, j = bisect.bisect_left(self.starts, cl.start), bisect.bisect_left(self.starts, cl.end)
            inside = [c for c in self.cues[i:j] if c.end <= cl.end]
            self._actions[key] = action(self.text, inside, cl.start, cl.end, weak) if inside else None
        return self._actions[key]

    def tool(self, cue: Cue, cl: Clause) -> tuple[str, list[tuple[int, int]]]:
        """The tool a cue gives in its clause (money: by its recipient, a cue too)."""
        if cue.tool is not None:
            return cue.tool, [(cue.start, cue.end)]
        lead = self.sentences[cl.sentence][0].start if cl.sentence >= 0 else cl.start
        tool, span = recipient(self.text, lead, cue)
        return tool, [(cue.start, cue.end)] + ([span] if span else [])


def code_task(text: str, start: int, end: int, cues: list[Cue] | None = None,
              starts: list[int] | None = None) -> Code:
    """The instrument of the task ``text[start:end]`` (``cues``: those of the whole text, when
    the caller found them once, with ``starts`` their start positions).

    >>> t = "对入驻园区的企业按投资额给予最高200万元奖补"
    >>> c = code_task(t, 0, len(t)); c.tool, c.rule, [t[a:b] for a, b in c.cues]
    ('资金投入', 'instrument:clause/money', ['给予最高200万元奖补', '企业'])
    >>> t = "购买首套新建商品住房的,按房款的1%给予购房补贴"
    >>> code_task(t, 0, len(t)).tool
    '消费补贴'
    >>> t = "(二)推动园区高质量发展。加快园区道路和管网建设,严格土地供应监管。鼓励银行向入园企业发放贷款。"
    >>> c = code_task(t, 0, len(t)); c.tool, c.rule, [t[a:b] for a, b in c.cues], [x for x, _ in c.also]
    ('基础设施建设', 'instrument:clause/supply', ['管网建设'], ['法规管制', '金融支持'])
    >>> code_task("到2025年,园区工业增加值达到500亿元", 0, 20).rule
    'instrument:clause/goal'
    """
    if cues is None:
        cues = find_cues(text, [(start, end)])
    task = _Task(text, start, end, cues, starts if starts is not None else [c.start for c in cues])
    for where, stretch, weak in task.stages():
        for cl in stretch:
            got = task.action(cl, weak)
            goal = _goal(text, cl.start, cl.end) if weak and cl.kind == "main" and (got is None or got.weak) else None
            if goal:
                return Code("目标规划", [goal], f"instrument:{where}/goal", [])
            if got:
                tool, spans = task.tool(got, cl)
                return Code(tool, spans, f"instrument:{where}/{got.family}", _also(task, tool))
    goal = _goal(text, start, end)
    if goal:
        return Code("目标规划", [goal], "instrument:goal", [])
    return Code(V.DEFAULT_TOOL, [], "instrument:default", [])


def _also(task: _Task, primary: str) -> list[tuple[str, tuple[int, int]]]:
    """Other tools the task clearly uses, with the first cue of each: the strong heads of its
    phrases (a tool named once in a modifier, 基础设施 of 基础设施建设资金, is not one), most named
    first, at most three."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for c in _phrases(task.text, task.cues):
        if not c.weak and c.tool is not None and c.tool != primary:
            counts[c.tool] = counts.get(c.tool, 0) + 1
            first.setdefault(c.tool, (c.start, c.end))
    return [(t, first[t]) for t in sorted(counts, key=lambda t: -counts[t])[:3]]


def code_tasks(text: str, spans: list[tuple[int, int]]) -> list[Code]:
    """The code of every task span of a cleaned text (the cues are found once, over the tasks).

    >>> t = "一、建立由市长任组长的工作专班。\\n二、开展新能源汽车推广应用示范。"
    >>> [c.tool for c in code_tasks(t, [(2, 16), (19, len(t))])]
    ['策略性措施', '示范推广']
    """
    cues = find_cues(text, spans)
    starts = [c.start for c in cues]
    return [code_task(text, s, e, cues, starts) for s, e in spans]
