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
from ...vocab.words import alternation
from .names import has_body_ending
from .spans import Spans


class Cue(NamedTuple):
    start: int
    end: int
    tool: str | None  # None: money whose recipient decides
    family: str
    weak: bool
    light: bool  # a head that yields to the word before it (建设, 机制, 平台)
    verb: int  # 3: the clause's action wherever it stands (取消, 收购); 2: at the start of a clause
    # (规范, 培训); 1: unless its object names a tool (培育企业 fosters, 培育人才 trains); 0: no verb
    giving: bool  # the government gives money (补贴, 资金支持, 给予…万元)
    enforcing: bool  # a rule that acts on what it names (规范, 查处): not a rule *of* credit
    modifier: bool  # names only whom its phrase is about (人才)
    credit: bool  # a credit instrument: budget money through it is credit (贷款, 担保)


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

    def fields(w: str, tool: str | None, family: str, weak: bool) -> tuple:
        verb = 3 if w in V.ANYWHERE else 2 if w in V.VERBS else 1 if w in V.SOFT_VERBS else 0
        return (tool, family, weak, w in V.LIGHT_HEADS, verb, w in V.GIVING, w in V.ENFORCING, w in V.MODIFIERS,
                w in V.CREDIT)

    for family, tools in V.CUES.items():
        for tool, kinds in tools.items():
            for kind in ("strong", "weak"):
                for w in kinds[kind]:  # budget money: whom it reaches decides (buyers -> 消费补贴)
                    words.setdefault(w, fields(w, None if tool == "资金投入" else tool, family, kind == "weak"))
    for w in V.GENERIC_MONEY:
        words[w] = fields(w, None, "money", False)
    for w in V.BLOCKERS:
        words[w] = None
    a = ahocorasick.Automaton()
    for w, v in words.items():
        a.add_word(w, (len(w), v))
    a.make_automaton()
    return a


_AMOUNT = re.compile(alternation(V.AMOUNT_VERBS) + r"[^,。;:\n]{0,16}?\d+(?:\.\d+)?\s*"
                     r"(?:万|亿)?元|(?:给予|予以|补贴|补助)[^,。;:\n]{0,24}?\d+(?:\.\d+)?%")
_DESIGNATION = re.compile(r"示范(?:%s)" % "|".join(sorted(V.DESIGNATED, key=len, reverse=True)))
_DEFERRED = re.compile(r"(?:延迟|延期|推迟|暂缓|缓|分期|分\d期|分[二三两]期)[^,。;:\n]{0,20}?缴")  # paying later: 税收优惠 (rule 1)

def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_PLAN = re.compile(r"(?:%s)[^,。;:\n]{0,20}?(?:%s)" % (_alt(V.PLAN_VERBS), _alt(V.PLAN_OBJECTS)))
_OVERSEEN = re.compile(r"(?:%s)(?:使用|管理|拨付)?的?(?:%s)" % (_alt(V.OWN_FUNDS), _alt(V.OVERSIGHT)))
_OTHERS = re.compile(_alt(V.FUNDS_OF_OTHERS))  # 预售(监管)资金: named in the 4 characters before
_WIDENED = re.compile(_alt(V.WIDENING))  # 扩大购房补贴范围: the money itself is widened (rule 1 before rule 2)
_PUBLIC_USE = re.compile(r"(?:%s)[^,。;:\n]{0,14}?(?:用作|用于|作为|转化为|改建为|改造为)[^,。;:\n]{0,4}?(?:%s)" % (
    _alt(V.ACQUIRE), _alt(V.PUBLIC_USES)))
_ZONE_SET = re.compile(r"(?:%s)[^,。;:\n]{0,16}?(?:%s)(?=[,。;:、\s(]|$)" % (_alt(V.ZONE_DECISIONS), _alt(V.ZONES)))
_ELIGIBLE = re.compile(r"(?:%s)(?:%s)" % (_alt(V.ELIGIBILITY_OF), _alt(V.ELIGIBILITY)))
_ENJOYED = re.compile(r"(?:%s)[^,。;:的\n]{0,10}?的" % _alt(V.ENJOYED))
_MONEY = (None, "money", False, False, 0, True, False, False, False)
_TAX = ("税收优惠", "money", False, False, 3, False, False, False, False)  # paying later acts on what is paid
_DRAFT = ("目标规划", "plans", False, False, 2, False, False, False, False)  # drafting a plan, at a clause's start
_OWN = ("策略性措施", "organization", False, False, 0, False, False, False, False)  # its own money overseen (C12)
_ZONED = ("目标规划", "plans", False, False, 2, False, False, False, False)  # a zone set up (C2)
_RULE = ("法规管制", "rules", False, False, 2, False, False, False, False)  # who is eligible (C8)
_BOUGHT = ("政府采购", "demand", False, False, 3, False, False, False, False)  # bought for a public use (C5)
_new = tuple.__new__  # a Cue from a tuple of its fields, without a Python-level call
# the cues found by pattern, in one pass: money given, paying later, titles (示范基地: no cue), a plan
# drafted and the government's own money overseen
_LEADS = "".join(sorted({w[0] for w in V.PLAN_VERBS + V.OWN_FUNDS + V.ACQUIRE + V.ZONE_DECISIONS + V.ELIGIBILITY_OF + V.ENJOYED} | set("给予奖补资安筹下拨兑延推暂缓分示")))
_PATTERNS = re.compile(f"(?=[{_LEADS}])(?:(?P<money>{_AMOUNT.pattern})|(?P<later>{_DEFERRED.pattern})"
                       f"|(?P<title>{_DESIGNATION.pattern})|(?P<plan>{_PLAN.pattern})|(?P<own>{_OVERSEEN.pattern})|(?P<bought>{_PUBLIC_USE.pattern})"
                       f"|(?P<zone>{_ZONE_SET.pattern})|(?P<eligible>{_ELIGIBLE.pattern})|(?P<enjoyed>{_ENJOYED.pattern}))")
# (the lookahead skips most positions at once)
_PATTERNED = {"money": _MONEY, "later": _TAX, "title": None, "plan": _DRAFT, "own": _OWN, "bought": _BOUGHT, "zone": _ZONED, "eligible": _RULE,
              "enjoyed": None}


def find_cues(text: str, spans: list[tuple[int, int]] | None = None) -> list[Cue]:
    """The cues of ``text`` (or of the ``spans`` of it: the tasks), in order of position; at a
    position the longest word wins.

    >>> t = "加强专项资金监管,建设标准厂房"
    >>> [(t[c.start:c.end], c.family, c.tool) for c in find_cues(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('专项资金监管', 'organization', '策略性措施'), ('建设', 'supply', '基础设施建设'),
     ('标准厂房', 'supply', '基础设施建设')]
    >>> t = "加强预售资金监管"  # the money of market actors is regulated (C12)
    >>> [(t[c.start:c.end], c.tool) for c in find_cues(t)]
    [('预售资金', '法规管制'), ('监管', '法规管制')]
    """
    a = _automaton()
    out: list[Cue] = []
    for s, e in _merged(spans if spans is not None else [(0, len(text))]):
        if s >= e:
            continue
        taken = [(m.start(), m.end(), _PATTERNED[m.lastgroup]) for m in _PATTERNS.finditer(text, s, e)
                 if not (m.lastgroup == "own" and _OTHERS.search(text, max(0, m.start() - 4), m.start())
                         or m.lastgroup == "eligible" and _WIDENED.search(text, max(s, m.start() - 8), m.start()))]
        if not taken:  # (the spans are merged and in order: so are their cues)
            out.extend([_new(Cue, (end - n + 1, end + 1, *v)) for end, (n, v) in a.iter_long(text, s, e) if v])
            continue
        here = [_new(Cue, (x, y, *v)) for x, y, v in taken if v is not None]
        inside = Spans([(x, y) for x, y, _ in taken])
        here += [_new(Cue, (end - n + 1, end + 1, *v)) for end, (n, v) in a.iter_long(text, s, e)
                 if v is not None and (end - n + 1) not in inside]
        here.sort()
        out += here
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
_PIECES = {_SENT: re.compile("[^%s]*[^%s\\s][^%s]*" % ((re.escape(SENTENCE_ENDS),) * 3)),
           _CLAUSE: re.compile(r"[^,:]*[^,:\s][^,:]*")}
_PURPOSE = re.compile(r"\s*(?:%s)" % "|".join(sorted(V.PURPOSE_LEADS, key=len, reverse=True)))
_COND_LEAD = re.compile(r"\s*(?:%s)" % "|".join(sorted(V.CONDITION_LEADS, key=len, reverse=True)))
_TOPIC = re.compile(r"\s*对于?")
_MODAL = re.compile(alternation(V.MODAL_WORDS, r"(?<![供相适响反效对顺呼理])应(?![用急对届])", r"可[按在向凭将申享适]",
                                 r"(?<![主重需必])要(?![求素点件])", r"(?<![必])需(?![求要])"))
_ACTS = re.compile(alternation(V.SCHEME_ACTS, r"按照?\d"))
_PRINCIPLE = re.compile(r"\s*(?:%s)" % "|".join(sorted(V.PRINCIPLE_LEADS, key=len, reverse=True)))
_COND_END = re.compile(r"(?:%s)\s*$" % "|".join(sorted(V.CONDITION_ENDS, key=len, reverse=True)))


class Clause(NamedTuple):
    start: int
    end: int
    kind: str  # heading | main | purpose | condition
    sentence: int  # index of its sentence (the heading: -1)


def structure(text: str, start: int = 0, end: int | None = None) -> list[Clause]:
    """The heading (if the task has one) and the clauses of ``text[start:end]``.

    >>> t = "(三)强化金融支持。符合条件的,给予贷款贴息;为加快发展,建设平台;对小微企业按50%减征,确保落实。"
    >>> [(t[c.start:c.end], c.kind) for c in structure(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('强化金融支持', 'heading'), ('符合条件的', 'condition'), ('给予贷款贴息', 'main'),
     ('为加快发展', 'purpose'), ('建设平台', 'main'), ('对小微企业按50%减征', 'main'), ('确保落实', 'main')]
    """
    end = len(text) if end is None else end
    head, pos = _heading(text, start, end)
    return head + [c for si, (s, e) in enumerate(_spans(_SENT, text, pos, end)) for c in _clauses(text, s, e, si)]


def _heading(text: str, start: int, end: int) -> tuple[list[Clause], int]:
    """The heading's parts as clauses (``注重培育,加强辅导``: two; a part that gives a purpose,
    围绕就业更充分, is no action) or none, and where the body starts.  A body's name before a colon
    (``市财政局:负责…``) is no heading."""
    m = _LABEL.match(text, start, end)
    pos = m.end() if m else start
    h = _HEAD_END.search(text, pos, end)
    if not (h and 2 <= h.start() - pos <= 30 and text.count(",", pos, h.start()) <= 1 and text[h.end():end].strip()):
        return [], pos
    if h.group() == ":" and has_body_ending(text[pos:h.start()]):
        return [], h.end()
    parts = list(_spans(_CLAUSE, text, pos, h.start()))
    kinds = ["purpose" if k < len(parts) - 1 and _PURPOSE.match(text, a, b) else "heading"
             for k, (a, b) in enumerate(parts)]
    return [Clause(a, b, kind, -1) for (a, b), kind in zip(parts, kinds)], h.end()


def _clauses(text: str, s: int, e: int, si: int, cued=None) -> list[Clause]:
    """The clauses of the sentence ``text[s:e]`` (its ``si``-th), each a main clause, a purpose
    or a condition (no clause that ends a sentence is either).  ``cued(a, b)``: whether a clause
    holds a cue; one that holds none is not told apart (it decides nothing), but the first."""
    parts = list(_spans(_CLAUSE, text, s, e))
    out = []
    principle = bool(parts) and bool(_PRINCIPLE.match(text, *parts[0]))  # 坚持“两个毫不动摇”,…: no action
    for k, (a, b) in enumerate(parts):
        m = _LABEL.match(text, a, b)
        a = m.end() if m and m.end() < b else a
        kind = "main"
        if principle and len(parts) > 1 and (k == 0 or not _ACTION.match(text, _ADVERBS.match(text, a, b).end(), b)):
            kind = "purpose"  # 坚持X方向,深入推进新型工业化: the principle is none, the action after it is
        if k < len(parts) - 1 and kind == "main" and (cued is None or k == 0 or cued(a, b)):
            if _PURPOSE.match(text, a, b):
                kind = "purpose"
            elif (_COND_END.search(text, a, b) or (_COND_LEAD.match(text, a, b) and not _topic_acts(text, a, b))
                  or _names_only(text, a, b)):
                kind = "condition"  # 对X按50%减征…: a topic with its action is a main clause
        out.append(Clause(a, b, kind, si))
    return out


def _topic_acts(text: str, a: int, b: int) -> bool:
    """A clause led by 对 that goes on to act (对小微企业按50%减征…), not one that only names
    whom (对享受购房补贴的人才, 对…未竣工的闲置或存量房地产用地)."""
    if not _TOPIC.match(text, a, b):
        return False
    de = text.rfind("的", a, b)
    tail = text[de + 1:b] if de >= 0 else text[a:b]
    return bool(_ACTION.search(tail) or _GIVE.search(tail) or _ACTS.search(tail))


def _names_only(text: str, a: int, b: int) -> bool:
    """A clause that only names someone or something (…引进的博士研究生以上人才, 现尚未开工的闲置
    房地产用地), the subject of the clause after it: it ends on a noun after 的 and opens on no verb."""
    de = text.rfind("的", a, b)
    if de < 0 or b - de > 13 or _ACTION.match(text, _ADVERBS.match(text, a, b).end(), b):
        return False
    tail = text[de + 1:b]
    return not (_ACTION.search(tail) or _GIVE.search(tail) or _ACTS.search(tail) or _MODAL.search(text, a, b))


def _spans(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank pieces of ``text[start:end]`` between the separators ``pattern`` matches
    (``_SENT`` or ``_CLAUSE``: their pieces are found by one pattern each)."""
    return [m.span() for m in _PIECES[pattern].finditer(text, start, end)]


# --- the action of a stretch -------------------------------------------------------------------
_SERIAL = re.compile(alternation(V.SERIAL_LEADS, r"支持(?!的)"))
_ADVERBS = re.compile(alternation(V.ADVERBS) + "*")
_CARRIED = re.compile(r"实施|落实|执行|贯彻|按照|根据|依据")  # 实施行动方案 carries a plan out: no planning
_RELATIVE = re.compile(r"(?:支持|资助|扶持|投资|融资|补助|奖励)的")


def phrases(text: str, cues: list[Cue]) -> list[Cue]:
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
            out.append(group[0] if len(group) == 1 else _head_of(group))
        group = [c]
    if group:
        out.append(group[0] if len(group) == 1 else _head_of(group))
    return out


def _head_of(group: list[Cue]) -> Cue:
    if len(group) == 1:
        return group[0]
    heads = ([g for k, g in enumerate(group) if not g.light and not (g.modifier and k < len(group) - 1)]
             or [g for g in group if not g.modifier] or group)
    head = ([g for g in heads if not g.weak] or heads)[-1]
    if heads[-1].weak and heads[-1].family == "money" and heads[-1].tool is None:
        head = heads[-1]  # 基础设施投入, 运维资金: the money is the head
    if (group[0].verb == 3 or (group[0].verb >= 2 and group[0].family == "rules")) and group[1].start == group[0].end:
        head = group[0]  # 清理规范涉企收费, 注入投融资平台: the verb acts on what follows (备案的活动: no verb)
    if head.tool is None and any(g.tool == "金融支持" and not g.weak for g in group):
        head = head._replace(tool="金融支持")  # 融资担保降费奖补, 贷款贴息: money through banks and guarantees
    if head.family == "rules" and head.tool == "法规管制":  # 贷款…认定标准, 税收政策: a rule on credit is credit
        head = next((g for g in group if g.family == "money" and g.tool in ("金融支持", "税收优惠") and not g.weak), head)
    if head.tool == "公共服务" and head.family == "rules" and any(g.tool == "贸易管制" and not g.weak for g in group):
        head = next(g for g in group if g.tool == "贸易管制" and not g.weak)  # 口岸通关便利化: trade procedures (C4)
    verb = head.verb if head.verb == 3 or head is group[0] else 0  # a verb that acts anywhere keeps acting
    return head._replace(start=group[0].start, end=group[-1].end, verb=verb)


_ENVIRONMENT = ("money", "rules", "plans")


def action(text: str, cues: list[Cue], a: int, b: int, weak: bool | str) -> Cue | None:
    """The cue that says what ``text[a:b]`` does (``cues``: the :func:`phrases` inside it): a tool's verb at its
    start, else the head of its object in the first verb phrase that has a cue (strong cues
    only unless ``weak``; a weak money word at the head still counts: 落实…运维资金; ``weak`` =
    "environment": the strong cues of money, rules and plans only).

    >>> t = "规范园区基础设施建设"
    >>> c = action(t, phrases(t, find_cues(t)), 0, len(t), False); t[c.start:c.end], c.tool
    ('规范', '法规管制')
    >>> t = "组织各园区参加省投融资平台专项培训"
    >>> c = action(t, phrases(t, find_cues(t)), 0, len(t), False); t[c.start:c.end], c.tool
    ('培训', '人才培养')
    """
    if not weak and _campaign(text, cues, a, b):
        return cues[-1]  # 开展家电下乡活动: a campaign, whatever money it may add later (C11)
    if len(cues) == 1:  # the common case, the same answer as below without the lists
        c = cues[0]
        if c.family == "plans" and _CARRIED.search(text, a, c.start):
            return None
        if weak == "environment":
            return c if c.family in _ENVIRONMENT and not c.weak else None
        if c.verb == 1 and c.start <= _ADVERBS.match(text, a, b).end():
            return c
        if weak == "head":
            return c if c.end >= b - 1 and not c.light else None
        if not weak and c.weak and not (c.family == "money" and c.tool is None):
            return None
        return _credit_rule(cues, c)
    cuts = [a, b]
    if len(cues) > 1:
        cuts[1:1] = [m.start() for m in _SERIAL.finditer(text, a + 1, b) if "的" not in text[m.end():b]
                     and not any(c.start < m.start() < c.end for c in cues)]  # 金融支持 is one word
    deferred = None
    for x, y in zip(cuts, cuts[1:]):
        cs = [c for c in cues if x <= c.start and c.end <= y] if len(cuts) > 2 else cues
        if len(cs) > 1:
            rel = [m.end() for m in _RELATIVE.finditer(text, x, y)]
            if rel and cs[-1].start >= rel[-1]:
                cs = [c for c in cs if c.start >= rel[-1]]  # 专项债券支持的项目建设: the project's building
        if any(c.family == "plans" for c in cs):
            cs = [c for c in cs if c.family != "plans" or not _CARRIED.search(text, x, c.start)]
        cs = [c for k, c in enumerate(cs) if not (c.modifier and k < len(cs) - 1)]  # 人才分类认定: a rule
        lead = _ADVERBS.match(text, x, y).end()
        soft = cs[0] if cs and cs[0].verb == 1 and cs[0].start <= lead else None
        if weak == "head":  # a weak word at the end of a heading is its head (加快项目改造)
            cs = cs if cs and cs[-1].end >= y - 1 and not cs[-1].light else []
        elif weak == "environment":
            cs = [c for c in cs if c.family in _ENVIRONMENT and not c.weak]
        elif not weak:
            cs = [c for c in cs if not c.weak or (c.family == "money" and c.tool is None and c is cs[-1])]
        # a verb at the start acts (规范…, 培训…), some anywhere (…逐步取消预约登记, …利用收购存量商品房)
        got = next((c for c in cs if c.verb == 3 or (c.verb == 2 and c.start <= lead)), None)
        heads = [c for c in cs if not c.light and c is not soft]
        got = got or (heads[-1] if heads else None)
        if got is None and soft is not None and weak != "environment":
            if _ADVERBS.match(text, soft.end, y).end() >= y:  # 鼓励支持跨境电商…: the next phrase says what
                deferred = deferred or soft
                continue
            got = soft  # 培育壮大特色主导产业: fostering, nothing else named
        got = got or (cs[-1] if cs else None)
        if got is not None:
            return _credit_rule(cs, got)
    return deferred


_CAMPAIGN_VERB = re.compile(_alt(V.CAMPAIGN_VERBS))


def _campaign(text: str, cues: list[Cue], a: int, b: int) -> bool:
    """A clause that opens on running a campaign (开展…活动) and names no tool but the campaign."""
    last = cues[-1]
    return (last.family == "organization" and text[last.start:last.end] in V.CAMPAIGNS and all(c.weak for c in cues)
            and bool(_CAMPAIGN_VERB.match(text, _ADVERBS.match(text, a, b).end(), b)))


def _credit_rule(cs: list[Cue], got: Cue) -> Cue:
    """A rule set or loosened on credit or tax (放宽公积金提取条件, 优化贷款套数认定标准) is that
    credit or tax (rule 1 before rule 2); enforcement against anyone stays regulation."""
    if got.tool == "法规管制" and not got.enforcing:
        return next((c for c in cs if c.family == "money" and c.tool in ("金融支持", "税收优惠") and not c.weak), got)
    if got.family == "money" and got.tool is None and any(c.credit for c in cs):
        return got._replace(tool="金融支持")  # 融资担保…降费奖补, 贷款贴息: budget money through credit
    return got


# --- money: whom it reaches -----------------------------------------------------------------------
_RECIPIENT = re.compile("|".join(sorted({w for ws in V.RECIPIENTS.values() for w in ws}, key=len, reverse=True)))
_PURCHASE = re.compile("|".join(V.PURCHASE))
_RECIPIENT_TOOL = {w: tool for tool, ws in V.RECIPIENTS.items() for w in ws}


_GIVEN = re.compile(r"给予|予以|发放")
_TRAINED = re.compile(_alt(V.TRAINING_MONEY))
_TOPIC_OF = re.compile(r"\s*对于?([^,。;:\n]{1,40}?)的\s*[,:]")


def recipient(text: str, lo: int, cue: Cue, hi: int | None = None) -> tuple[str, tuple[int, int] | None]:
    """Whom money reaches (消费补贴 for buyers and consumers, else 资金投入) and the word that says
    so: the last recipient named before the cue in its sentence, else the first after it.

    >>> t = "对购买首套住房的家庭给予补贴"
    >>> tool, (a, b) = recipient(t, 0, find_cues(t)[-1]); tool, t[a:b]
    ('消费补贴', '家庭')
    """
    last = None
    topic = _TOPIC_OF.match(text, lo, cue.start)
    bought = _PURCHASE.search(text, topic.start(1), topic.end(1)) if topic else None
    if bought:  # 对企业组织员工购买5套以上的: the money pays for a purchase
        return "消费补贴", bought.span()
    if topic:  # 对企业新招用…人员的,给予…: the firms, the first named after 对 (a condition ending on 的)
        last = _RECIPIENT.search(text, topic.start(1), topic.end(1))
        while last is not None and (nxt := _RECIPIENT.match(text, last.end(), topic.end(1))):
            last = nxt  # 社区居民, 企业职工: the compound's head
    given = _GIVEN.search(text, cue.start, cue.end)  # a phrase that names whom before its verb: 毕业生给予…补贴
    for m in () if last else _RECIPIENT.finditer(text, lo, given.start() if given else cue.start):
        if _RECIPIENT_TOOL[m.group()] == "人才培养" and last is not None:
            continue  # 人才 who buy (人才购房补贴, 购买…的人才): buyers (C9)
        last = m
    if last is not None and _RECIPIENT_TOOL[last.group()] == "人才培养" and _PURCHASE.search(text, lo, cue.end + 4):
        return "消费补贴", (last.start(), last.end())
    if last is None:
        last = _RECIPIENT.search(text, cue.end, min(cue.end + 20, len(text) if hi is None else hi))
    if last is None:  # 给予交易契税财政补贴: what the money pays for names who gets it
        bought = _PURCHASE.search(text, lo, len(text) if hi is None else hi)
        if bought:
            return "消费补贴", (bought.start(), bought.end())
        trained = _TRAINED.search(text, cue.start, cue.end)  # 培训补贴 to whoever is trained: training (C9)
        return ("人才培养", (trained.start(), trained.end())) if trained else ("资金投入", None)
    return _RECIPIENT_TOOL[last.group()], (last.start(), last.end())


# --- the decision ------------------------------------------------------------------------------
_BY_YEAR = re.compile(r"(?:到|至|力争到?)\s*(?:19|20)\d{2}\s*年(?:底|末)?")
_GOAL = re.compile(r"(?:%s)[^,。;\n]{0,12}?\d" % "|".join(sorted(V.GOAL_VERBS, key=len, reverse=True)))
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*" + alternation(V.FIGURE_UNITS))


_GIVE = re.compile(alternation(V.GIVE_VERBS, r"奖励\d", r"补贴\d", r"补助\d", r"\d+(?:\.\d+)?\s*(?:万|亿)?元"))
_AIM = re.compile("|".join(sorted(V.AIM_LEADS, key=len, reverse=True)))
_SUPPORT = re.compile("|".join(sorted(V.SUPPORT_LEADS, key=len, reverse=True)))
_ACTION = re.compile("|".join(sorted(V.ACTION_VERBS, key=len, reverse=True)))
_GOAL_PREDICATE = re.compile("|".join(sorted(V.GOAL_PREDICATES, key=len, reverse=True)))
_GOAL_LEAD = re.compile(alternation(V.GOAL_OPENERS, r"(?:到|至)?\s*(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?",
                                    r"\d{1,2}月(?:底|末|中旬|上旬|下旬)?(?:前)?", r"[一二三四]季度(?:末)?", r"[上下]半年",
                                    r"年底前?", r"[,、\s]") + "*")


def _opens_on(text: str, cl: Clause, pattern: re.Pattern) -> bool:
    """Whether the clause's first word (after adverbs) is one of ``pattern``'s."""
    return bool(pattern.match(text, _ADVERBS.match(text, cl.start, cl.end).end(), cl.end))


def _goal_statement(text: str, cl: Clause) -> bool:
    """An indicator and how it should move, no action (一般公共预算收入增长6%以上, 居民收入与经济增长同步).

    >>> t = "地区生产总值增长5%以上;建设园区道路10公里"
    >>> _goal_statement(t, Clause(0, 12, "main", 0)), _goal_statement(t, Clause(13, len(t), "main", 1))
    (True, False)
    """
    if not _GOAL_PREDICATE.search(text, cl.start, cl.end) or _GIVE.search(text, cl.start, cl.end) \
            or _ACTS.search(text, cl.start, cl.end) or _TOPIC.match(text, cl.start, cl.end):
        return False
    a = _GOAL_LEAD.match(text, cl.start, cl.end).end()
    if text.startswith("不发生", a):
        return True
    if _ACTION.match(text, a, cl.end) or _ADVERBS.match(text, a, cl.end).end() > a or _MODAL.search(text, a, cl.end):
        return False
    m = _GOAL_PREDICATE.search(text, a, cl.end)
    return bool(m) and m.start() > a and (bool(_FIGURE.search(text, m.start(), cl.end)) or not _FIGURE.search(text, a, cl.end))


def _goal(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A stretch that sets a goal (到2025年…, 增长15%): the span that says so."""
    m = _BY_YEAR.search(text, start, end)
    if m is None:
        m = _GOAL.search(text, start, end)
        if m is None or not _FIGURE.search(text, m.start(), end):
            return None
    return m.start(), m.end()


_BUILD = re.compile(_alt(V.BUILD_VERBS))
_FACILITY = re.compile(r"[^,。;:、\n]{0,6}?(?:%s)" % _alt(V.FACILITIES))


def _built(text: str, cl: Clause, got: Cue, inside: list[Cue]) -> Cue:
    """A service or talent facility a clause builds (建设一批普惠托育机构, 建设人才公寓1000套) is
    building (rule 5, C9: talent housing built); the clause opens on the building verb."""
    if got.tool not in ("公共服务", "人才培养"):
        return got
    verb = _BUILD.match(text, _ADVERBS.match(text, cl.start, cl.end).end(), cl.end)
    if verb is None or got.start < verb.end() - 2 or not _FACILITY.match(text, got.start, cl.end):
        return got
    return got._replace(tool="基础设施建设", family="supply", start=min(got.start, verb.start()))


_ABSTRACT = re.compile(_alt(V.NOT_BUILT))


def _abstract(text: str, cl: Clause, got: Cue) -> bool:
    """建设 alone of something that is not built (产业体系建设, 党风廉政建设, 生态文明建设): no building."""
    return got.weak and got.tool == "基础设施建设" and text[got.start:got.end] == "建设" \
        and bool(_ABSTRACT.search(text, cl.start, cl.end))


class _Task:
    """One task: its cues, its heading, and its sentences cut into clauses as they are needed
    (most tasks are decided by their heading or first sentence)."""

    def __init__(self, text: str, start: int, end: int, cues: list[Cue], starts: list[int]):
        self.text = text
        self.all_cues, self.all_starts = cues, starts
        self.lo, self.hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        self.cues = cues[self.lo:self.hi]
        self.head, pos = _heading(text, start, end)
        self._pending = _PIECES[_SENT].finditer(text, pos, end)
        self._aim = None
        self.sentences: list[list[Clause]] = []
        self._actions: dict[tuple[int, bool], Cue | None] = {}

    def sentence(self, i: int) -> list[Clause] | None:
        """The clauses of the ``i``-th sentence (None past the last one)."""
        while len(self.sentences) <= i:
            nxt = next(self._pending, None)
            if nxt is None:
                return None
            self.sentences.append(_clauses(self.text, nxt.start(), nxt.end(), len(self.sentences), self.cued))
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
        """Where to look, in order: (rule name, clauses, weak cues allowed).  The heading (unless
        it names only an aim) and the first sentence speak first (strong cues, then weak ones),
        then the second sentence, then the rest, then the clauses that only give a purpose or a
        condition."""
        aim = self.aim()
        yield "heading", self.head, "environment" if aim else False
        if not aim:
            yield "heading", self.head, "head"
        yield "clause", self.mains(0, 0), False
        yield "heading", self.head, True
        yield "clause", self.mains(0, 0), True
        if not list(self.mains(0, 0)):  # no main clause in the first sentence (a principle, a condition)
            yield "clause2", self.mains(1, 1), False
            yield "later", self.mains(2), False
        yield "condition", self.others(), False

    def aim(self) -> bool:
        """Whether the heading names only an aim (推动…, 促进…, 支持…)."""
        if self._aim is None:
            parts = [c for c in self.head if c.kind == "heading"]
            self._aim = bool(parts) and _opens_on(self.text, parts[0], _AIM)
        return self._aim

    def cued(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.all_starts, a, self.lo, self.hi)
        return i < self.hi and self.all_starts[i] < b

    def clause_at(self, pos: int) -> Clause | None:
        self.sentence(1 << 30)
        return next((c for cls in [self.head] + self.sentences for c in cls if c.start <= pos < c.end), None)

    def given(self, lo: int, hi: int) -> Cue | None:
        """The first budget money given in ``[lo, hi)`` (给予…万元, 安排资金支持, 补贴…元), if any."""
        return next((c for c in self.cues if c.giving and lo <= c.start < hi
                     and (_GIVE.search(self.text, max(lo, c.start - 10), c.end) or c.tool is None and c.verb == 0
                          and _FIGURE.search(self.text, c.start, min(hi, c.end + 12)))), None)

    def action(self, cl: Clause, weak: bool) -> Cue | None:
        """The action of a clause (see :func:`action`), once per clause and strength."""
        key = (cl.start, weak)
        if key not in self._actions:
            i = bisect.bisect_left(self.all_starts, cl.start, self.lo, self.hi)
            j = bisect.bisect_left(self.all_starts, cl.end, i, self.hi)
            inside = [c for c in self.all_cues[i:j] if c.end <= cl.end]
            got = action(self.text, inside, cl.start, cl.end, weak) if inside else None
            got = _built(self.text, cl, got, inside) if got is not None else None
            self._actions[key] = None if got is not None and _abstract(self.text, cl, got) else got
        return self._actions[key]

    def tool(self, cue: Cue, cl: Clause) -> tuple[str, list[tuple[int, int]]]:
        """The tool a cue gives in its clause (money: by its recipient, a cue too)."""
        if cue.tool is not None:
            return cue.tool, [(cue.start, cue.end)]
        lead = self.sentence(cl.sentence)[0].start if cl.sentence >= 0 else cl.start
        tool, span = recipient(self.text, lead, cue, cl.end)
        return tool, [(cue.start, cue.end)] + ([span] if span else [])


def code_task(text: str, start: int, end: int, cues: list[Cue] | None = None,
              starts: list[int] | None = None) -> Code:
    """The instrument of the task ``text[start:end]`` (``cues``: the :func:`phrases` of the whole
    text, when the caller found them once, with ``starts`` their start positions).

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
    'instrument:goal'
    """
    if cues is None:
        cues = phrases(text, find_cues(text, [(start, end)]))
    task = _Task(text, start, end, cues, starts if starts is not None else [c.start for c in cues])
    first = task.head[0] if task.head else (task.sentence(0) or [None])[0]
    if first is not None and first.kind != "purpose" and _goal_statement(text, first):
        return Code("目标规划", [(first.start, first.end)], f"instrument:{_where(first)}/goal-statement", [])
    if not task.cues:  # nothing names a tool: a goal, or the default
        goal = _goal(text, start, end)
        return Code("目标规划", [goal], "instrument:goal", []) if goal else Code(V.DEFAULT_TOOL, [], "instrument:default", [])
    for where, stretch, weak in task.stages():
        for cl in stretch:
            got = task.action(cl, weak)
            goal = _goal(text, cl.start, cl.end) if weak is True and cl.kind == "main" and (got is None or got.weak) else None
            if goal:
                return Code("目标规划", [goal], f"instrument:{where}/goal", [])
            if got:
                money = _support_money(task, cl, got) if where != "heading" else None
                money = money or (_sentence_money(task, cl, got) if where == "clause" else None)
                if money:
                    got, where = money, where + "/support"  # support given as budget money: rule 1 (C7)
                    cl = task.clause_at(money.start) or cl
                tool, spans = task.tool(got, cl)
                return Code(tool, spans, f"instrument:{where}/{got.family}", _also(task, tool))
    goal = _goal(text, start, end)
    if goal:
        return Code("目标规划", [goal], "instrument:goal", [])
    return Code(V.DEFAULT_TOOL, [], "instrument:default", [])


def _where(cl: Clause) -> str:
    return "heading" if cl.kind == "heading" else "clause"


def _support_money(task: _Task, cl: Clause, got: Cue) -> Cue | None:
    """Budget money that carries the support a clause (支持企业赴境外…) or an aim heading (支持X平台
    建设, 大力开拓国际市场) names: in the clause's sentence, or the body's first sentence."""
    if got.giving or (got.family == "money" and got.tool is None):
        return None
    if _opens_on(task.text, cl, _SUPPORT):
        lo = task.sentence(cl.sentence)[0].start if cl.sentence >= 0 else cl.start
        hi = task.sentence(cl.sentence)[-1].end if cl.sentence >= 0 else cl.end
        return task.given(lo, hi)
    if task.aim() and cl.sentence in (0, 1):
        last = task.sentence(1) or task.sentence(0)
        return task.given(cl.start, last[-1].end)
    return None


def _sentence_money(task: _Task, cl: Clause, got: Cue) -> Cue | None:
    """Money the first sentence pays after the clause that was read (引进的博士…人才, 分别兑现30万元购房
    补贴): rule 1 comes before the supply, demand and organization the clause named."""
    if got.tool != "人才培养" or cl.sentence < 0:  # C9: a list of talents, then what they are paid
        return None
    sentence = task.sentence(cl.sentence)
    hi = sentence[-1].end
    fixed = next((c for c in task.cues if cl.end <= c.start < hi and c.tool == "消费补贴" and not c.weak), None)
    return fixed or task.given(cl.end, hi)


def _also(task: _Task, primary: str) -> list[tuple[str, tuple[int, int]]]:
    """Other tools the task clearly uses, with the first cue of each: the strong heads of its
    phrases (a tool named once in a modifier, 基础设施 of 基础设施建设资金, is not one), most named
    first, at most three."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for c in task.cues:
        if not c.weak and c.tool is not None and c.tool != primary:
            counts[c.tool] = counts.get(c.tool, 0) + 1
            first.setdefault(c.tool, (c.start, c.end))
    return [(t, first[t]) for t in sorted(counts, key=lambda t: -counts[t])[:3]]


READ = 120  # characters of a task that are read: its heading and first sentences decide, and a long
# task (a whole section) costs no more than a short one


def code_tasks(text: str, spans: list[tuple[int, int]]) -> list[Code]:
    """The code of every task span of a cleaned text (the cues are found once, over the tasks).

    >>> t = "一、建立由市长任组长的工作专班。\\n二、开展新能源汽车推广应用示范。"
    >>> [c.tool for c in code_tasks(t, [(2, 16), (19, len(t))])]
    ['策略性措施', '示范推广']
    """
    read = [(s, min(e, s + READ)) for s, e in spans]
    cues = phrases(text, find_cues(text, read))
    starts = [c.start for c in cues]
    return [code_task(text, s, e, cues, starts) for s, e in read]
