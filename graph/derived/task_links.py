"""Task derivation: which upper task a lower task carries down, with a score and the matching spans.

Pure: task texts in, links out.  A lower document and one upper document it carries down (cites,
shares the title of, or resembles: :mod:`.carries`) are compared task by task.  Each task is the
set of its character bigrams, generic words of plans removed (:func:`.similarity.content_bigrams`);
a bigram weighs by how few tasks of the two documents use it (``log(1 + n / df)``), so the words a
whole family repeats (排水设施, 上海城投集团 in every task of a drainage reform) count little and the
words of one measure count much.  For a pair of tasks:

* ``cover_lower``: the share of the lower task's weight found in the upper task, ``cover_upper``
  the reverse, and ``dice`` their harmonic mean;
* ``same``: reworded or reordered, both cover each other (``dice``);
* ``split``: the lower task is a part of the upper one (one upper measure split into several lower
  ones: ``cover_lower`` high), ``merged``: the upper one is a part of the lower one (several upper
  measures merged into one, or a table row into a paragraph: ``cover_upper`` high).

Precision first: a pair needs enough shared weight and shared bigrams besides a high score, a
lower task keeps its best upper task (and the next ones only when it merges them), an upper task
keeps the lower tasks near its best; where the two documents are related only by resemblance
(``strict``) the bar is higher.  Tasks whose carriers are counterparts by function (``kin``) pass a
lower bar.  The spans are the common substrings of the two texts (LCS blocks of 4 characters and
more), in each document's coordinates when the task's own span is known.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ...vocab.tasks import OWN_BODY_ENDINGS, OWN_DUTY_VERBS
from ...vocab.words import alternation
from .similarity import content_bigrams


@dataclass(frozen=True)
class TaskText:
    """A task as derivation sees it: key, text, document, and where the text starts in the
    document's cleaned text (-1 when unknown)."""

    key: str
    text: str
    doc: str
    start: int = -1
    parent: str | None = None  # the task of the item or section this one is a sub-item of


@dataclass(frozen=True)
class Unit:
    """A measure inside a task: a sentence or a clause that stands on its own (``负责…；配合…``),
    ``begin``/``end`` in the task's text."""

    task: str
    begin: int
    end: int
    text: str


_PIECE_END = re.compile(r"[。；;！？!?\n]+")
_TIME = re.compile(r"^(?:(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|起|前|内|初|中|末|以来|以后)?|同时|此外|其中|另外)"
                   r"[,，、]?")
# a sentence that names who does it: a body (or a collective of bodies) before a verb of duty, or the verb
_OWN = re.compile(r"^(?:由|请)?(?:各|相关|有关)?[\u4e00-\u9fff()（）、]{0,16}?" + alternation(OWN_BODY_ENDINGS)
                  + r"(?:[\u4e00-\u9fff]{0,2})?" + alternation(OWN_DUTY_VERBS) + r"|^(?:负责|牵头|配合|参与|协助|会同)")


# what a plan says that is no measure: an article's caption alone ((配套办法)), when it takes effect and lapses
_CAPTION = re.compile(r"^\s*[（(][^（）()\d一二三四五六七八九十]{2,12}[)）]\s*")
_IN_FORCE = re.compile(r"[^。；;]*(?:(?<![各来亲独])自(?:\d|[〇一二三四五六七八九十二]|发布|印发|公布|颁布|下发)[^。；;]{0,24}(?:施行|实施|生效|执行)|有效期[至自为到]|同时废止)[^。；;]*[。；;]?")


def is_measure(text: str) -> bool:
    """Whether a piece of a task names work: not only an article's caption, not only when the text
    takes effect (annotators of cascades count neither).

    >>> is_measure("(配套办法)"), is_measure("(施行日期)\\n本办法自2020年2月1日起施行,有效期至2025年1月31日。")
    (False, False)
    >>> is_measure("(一)推进平稳有序移交"), is_measure("(竣工验收)项目单位组织竣工验收。")
    (True, True)
    >>> is_measure("财政局等部门按照各自职责,协同实施本办法。")
    True
    """
    rest = _IN_FORCE.sub("", _CAPTION.sub("", text, count=1))
    return len(content_bigrams(rest)) >= 2


def _starts_own(text: str) -> bool:
    """A sentence naming its own doer (相关区政府负责…, 2025年底,市水务局会同…, 负责…).

    >>> _starts_own("2025年底,市水务局会同市财政局研究"), _starts_own("负责做好排水应急保障服务"), _starts_own("2026年底,完成建设")
    (True, True, False)
    """
    return bool(_OWN.match(_TIME.sub("", text.strip(), count=1)))


def units_of(task: TaskText, skip: list[tuple[int, int]] = (), min_grams: int = 3, min_chars: int = 12) -> list[Unit]:
    """A task's measures, as annotators of cascades count them: the task itself, split into its
    clauses (``负责…；配合…；``) and into the sentences that name their own doer (an item whose
    sentences name a different unit each); a short first piece (a heading, ``上海城投集团。``) and a
    piece naming too little work join the next; ``skip``: ranges of the text that belong to a task
    nested in this one.

    >>> [u.text for u in units_of(TaskText("T", "上海城投集团。负责三大片区运维管理;负责接管新建公共排水设施;参与排水规划编制。", "D"))]
    ['上海城投集团。负责三大片区运维管理;', '负责接管新建公共排水设施;', '参与排水规划编制。']
    >>> [u.text for u in units_of(TaskText("T", "构建体系。2025年12月,完成专业运维队伍组建。市水务局负责考核运维单位。", "D"))]
    ['构建体系。2025年12月,完成专业运维队伍组建。', '市水务局负责考核运维单位。']
    >>> [u.text for u in units_of(TaskText("T", "(一)推进平稳有序移交", "D"))]
    ['(一)推进平稳有序移交']
    """
    text = task.text
    cuts = [0] + [m.end() for m in _PIECE_END.finditer(text)] + [len(text)]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a and not any(a < e and s < b for s, e in skip)]
    groups: list[list[int]] = []
    for a, b in pieces:
        after_clause = a > 0 and text[a - 1] in ";；"
        if groups and groups[-1][1] == a and not after_clause and not _starts_own(text[a:b]):
            groups[-1][1] = b  # a sentence of the same doer stays in its unit
        else:
            groups.append([a, b])
    out: list[Unit] = []
    begin = None
    for a, b in groups:
        begin = a if begin is None else begin
        heading = begin == 0 and b < min_chars and text[b - 1] in "。\n"
        if not heading and len(content_bigrams(text[begin:b])) >= min_grams:
            out.append(Unit(task.key, begin, b, text[begin:b]))
            begin = None
    if begin is not None:  # what is left joins the last measure, or is the task's only one (a heading)
        end = groups[-1][1]
        if out and out[-1].end == begin:
            last = out.pop()
            out.append(Unit(task.key, last.begin, end, text[last.begin:end]))
        elif not out and len(content_bigrams(text[begin:end])) >= 2:
            out.append(Unit(task.key, begin, end, text[begin:end]))
    return out


def nested(tasks: list[TaskText]) -> dict[str, list[tuple[int, int]]]:
    """task key -> the ranges of its text that lie in another task of the document (a sub-item
    whose parent's text holds it), which belong to that task."""
    spans_ = sorted(((t.start, t.start + len(t.text), t.key) for t in tasks if t.start >= 0), key=lambda x: (x[0], -x[1]))
    out: dict[str, list[tuple[int, int]]] = {}
    for i, (s, e, k) in enumerate(spans_):
        for s2, e2, k2 in spans_[i + 1:]:
            if s2 >= e:
                break
            if e2 <= e and (s2, e2) != (s, e):
                out.setdefault(k, []).append((s2 - s, e2 - s))
    return out


@dataclass(frozen=True)
class DeriveThresholds:
    """``same``: least ``dice`` of a reworded task; ``part``: least cover of the smaller side of a
    split or merge (with ``part_other`` of the other side); ``kin_factor``: the bars multiplied
    when the two tasks' carriers are counterparts; ``strict_factor``: multiplied when the two
    documents are related by resemblance only; ``min_shared`` bigrams and ``min_weight`` of shared
    weight in any pair (``kin_``: in a pair whose carriers are counterparts); ``near_lower``: the
    share of a lower measure's best score a further upper measure needs, ``near_upper`` the share
    of an upper measure's best score a further lower measure needs (:func:`select`);
    ``max_links``: most upper measures one lower measure derives from; ``min_span``: shortest common
    substring reported as a span; ``inherit_factor``: the share of its item's score a sub-item
    carrying the item's upper measure down gets (:func:`inherited`); ``gap_factor`` and
    ``gap_reach``: the lower bar of a pair in order between two found ones, and how near they must
    be (:func:`between_anchors`; 0 turns it off)."""

    same: float = 0.45
    part: float = 0.6
    part_other: float = 0.16
    kin_factor: float = 0.8
    strict_factor: float = 1.3
    min_shared: int = 4
    min_weight: float = 8.0
    kin_min_shared: int = 3
    kin_min_weight: float = 6.0
    near_lower: float = 0.9
    near_upper: float = 0.85
    max_links: int = 3
    min_span: int = 4
    inherit_factor: float = 0.9
    gap_factor: float = 0.6
    gap_reach: int = 3


@dataclass
class Link:
    """``lower`` task derives from ``upper`` task: ``score`` and ``basis`` (same | split | merged) of
    its best pair of measures, ``rule`` (align:counterpart when the carriers are counterparts, else
    align:similarity), ``spans`` [[lower start, lower end, upper start, upper end], ...] in the
    documents and ``units``, its pairs of measures (:func:`derive`)."""

    lower: str
    upper: str
    score: float
    basis: str
    rule: str
    spans: list = field(default_factory=list)
    units: list = field(default_factory=list)


RULE_COUNTERPART_TASK = "align:counterpart"
RULE_SIMILAR_TASK = "align:similarity"


class Vocabulary:
    """Bigram ids shared by the documents of a batch, and each document's measures prepared once
    (:class:`Side`): an upper document carried down by many lower ones is read into arrays once."""

    def __init__(self):
        self.ids: dict[str, int] = {}
        self.sides: dict[tuple, "Side"] = {}

    def of(self, grams: tuple[str, ...]):
        import numpy as np

        return np.fromiter((self.ids.setdefault(g, len(self.ids)) for g in grams), dtype=np.int64, count=len(grams))

    def side(self, tasks: list["TaskText"], text: str = "") -> "Side":
        key = (tuple(t.key for t in tasks), len(text))
        if key not in self.sides:
            self.sides[key] = Side.of(self, tasks, text)
        return self.sides[key]


@dataclass
class Side:
    """One document as derivation compares it: its measures, each measure's bigram ids, and in
    how many of the document's sentences each bigram occurs (sorted ids, counts, sentences)."""

    units: list
    ids: list
    sentence_ids: object
    sentence_counts: object
    sentences: int

    @staticmethod
    def of(vocab: Vocabulary, tasks: list["TaskText"], text: str) -> "Side":
        import numpy as np

        units = measures(tasks)
        pieces = [p for p in _PIECE_END.split(text or "") if p.strip()]
        grams = Counter(g for p in pieces for g in content_bigrams(p))
        ids = vocab.of(tuple(grams))
        order = np.argsort(ids)
        counts = np.fromiter(grams.values(), dtype=np.float32, count=len(grams))
        return Side(units, [vocab.of(content_bigrams(u.text)) for u in units], ids[order], counts[order], len(pieces))

    def count_of(self, ids):
        """How many sentences of the document hold each of ``ids`` (sorted)."""
        import numpy as np

        if not len(self.sentence_ids):
            return np.zeros(len(ids), dtype=np.float32)
        at = np.minimum(np.searchsorted(self.sentence_ids, ids), len(self.sentence_ids) - 1)
        return np.where(self.sentence_ids[at] == ids, self.sentence_counts[at], 0).astype(np.float32)


class PairScores:
    """The weighted cover of every lower measure by every upper measure of two documents: the
    bigrams the two share counted from an inverted index (numpy), never a dense vocabulary matrix;
    a bigram weighs ``log(1 + n / df)`` over the measures and the sentences of the two documents."""

    def __init__(self, lower: Side, upper: Side):
        import numpy as np

        ids_l, ids_u = lower.ids, upper.ids
        nl, nu = len(ids_l), len(ids_u)
        every = np.concatenate(ids_l + ids_u) if nl + nu else np.zeros(0, dtype=np.int64)
        vocab, df = np.unique(every, return_counts=True)
        df = df.astype(np.float32) + lower.count_of(vocab) + upper.count_of(vocab)
        n = nl + nu + lower.sentences + upper.sentences
        idf_v = np.log1p(n / np.maximum(df, 1)).astype(np.float32)
        idf = lambda ids: idf_v[np.searchsorted(vocab, ids)]  # noqa: E731
        self.count, self.weight = _shared(ids_l, ids_u, idf, nl, nu)
        wl = np.array([idf(i).sum() for i in ids_l], dtype=np.float32).reshape(nl)
        wu = np.array([idf(i).sum() for i in ids_u], dtype=np.float32).reshape(nu)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.cover_lower = np.nan_to_num(self.weight / wl[:, None])
            self.cover_upper = np.nan_to_num(self.weight / wu[None, :])
            self.dice = np.nan_to_num(2 * self.weight / (wl[:, None] + wu[None, :]))


def _shared(ids_l: list, ids_u: list, idf, nl: int, nu: int):
    """(count, weight) of the bigrams every lower measure shares with every upper one, (nl, nu) each."""
    import numpy as np

    empty = np.zeros(0, dtype=np.int64)
    ltok = np.concatenate(ids_l) if ids_l else empty
    lrow = np.repeat(np.arange(nl), [len(x) for x in ids_l])
    order = np.argsort(ltok, kind="stable")
    ltok, lrow = ltok[order], lrow[order]
    utok = np.concatenate(ids_u) if ids_u else empty
    urow = np.repeat(np.arange(nu), [len(x) for x in ids_u])
    start, stop = np.searchsorted(ltok, utok, "left"), np.searchsorted(ltok, utok, "right")
    hits = stop - start
    keep = hits > 0
    start, hits, urow, utok = start[keep], hits[keep], urow[keep], utok[keep]
    offsets = np.repeat(np.cumsum(hits) - hits, hits)
    idx = np.repeat(start, hits) + (np.arange(int(hits.sum())) - offsets)
    flat = lrow[idx] * nu + np.repeat(urow, hits)
    count = np.bincount(flat, minlength=nl * nu).reshape(nl, nu).astype(np.float32)
    weights = idf(np.repeat(utok, hits)) if len(flat) else np.zeros(0, dtype=np.float32)
    weight = np.bincount(flat, weights=weights, minlength=nl * nu).reshape(nl, nu)
    return count, weight.astype(np.float32)


def candidates(scores: PairScores, th: DeriveThresholds, kin, strict: bool) -> dict[tuple[int, int], tuple]:
    """(lower index, upper index) -> (score, basis, kin) of every pair that passes its bar: ``same``
    when ``dice`` reaches ``same`` (score dice), ``split`` when the lower measure's cover reaches
    ``part`` and the upper one's ``part_other`` (score 0.8 cover_lower + 0.2 cover_upper), ``merged``
    the other way round; each bar times ``kin_factor`` where the carriers are counterparts and
    ``strict_factor`` when asked."""
    import numpy as np

    floor = (scores.count >= min(th.min_shared, th.kin_min_shared)) & (
        scores.weight >= min(th.min_weight, th.kin_min_weight))
    rows, cols = np.nonzero(floor)
    if not len(rows):
        return {}
    k = np.fromiter((bool(kin(int(i), int(j))) for i, j in zip(rows, cols)), dtype=bool, count=len(rows))
    count, weight = scores.count[rows, cols], scores.weight[rows, cols]
    ok = k | ((count >= th.min_shared) & (weight >= th.min_weight))
    factor = np.where(k, th.kin_factor, 1.0) * (th.strict_factor if strict else 1.0)
    cl, cu, dice = scores.cover_lower[rows, cols], scores.cover_upper[rows, cols], scores.dice[rows, cols]
    same, part, other = th.same * factor, np.minimum(th.part * factor, 1.0), th.part_other * factor
    is_same = ok & (dice >= same)
    is_split = ok & ~is_same & (cl >= part) & (cu >= other)
    is_merged = ok & ~is_same & ~is_split & (cu >= part) & (cl >= other)
    out = {}
    for n in np.nonzero(is_same | is_split | is_merged)[0]:
        if is_same[n]:
            got = (round(float(dice[n]), 4), "same")
        elif is_split[n]:
            got = (round(float(0.8 * cl[n] + 0.2 * cu[n]), 4), "split")
        else:
            got = (round(float(0.8 * cu[n] + 0.2 * cl[n]), 4), "merged")
        out[(int(rows[n]), int(cols[n]))] = (*got, bool(k[n]))
    return out


def select(found: dict[tuple[int, int], tuple], th: DeriveThresholds) -> list[tuple[int, int]]:
    """The pairs kept: each lower measure's best upper measure and those near it (``near_lower`` of
    its score: one lower measure restating several upper ones), at most ``max_links``; an upper
    measure keeps only the lower measures near its best (``near_upper``: one split into several).

    >>> select({(0, 0): (0.9, "same", False), (0, 1): (0.5, "same", False), (1, 0): (0.8, "split", False)},
    ...        DeriveThresholds())
    [(0, 0), (1, 0)]
    """
    best_low: dict[int, float] = {}
    best_up: dict[int, float] = {}
    for (i, j), (s, *_) in found.items():
        best_low[i] = max(best_low.get(i, 0.0), s)
        best_up[j] = max(best_up.get(j, 0.0), s)
    by_low: dict[int, list] = {}
    for (i, j), (s, *_) in found.items():
        by_low.setdefault(i, []).append((-s, j))
    kept = []
    for i, cands in sorted(by_low.items()):
        for neg, j in sorted(cands)[:th.max_links]:
            if -neg >= th.near_lower * best_low[i] and -neg >= th.near_upper * best_up[j]:
                kept.append((i, j))
    return sorted(kept)


def spans(lower: str, lower_start: int, upper: str, upper_start: int, min_len: int) -> list[list[int]]:
    """The common substrings of two texts (in order, LCS blocks of ``min_len`` or more characters),
    as [lower start, lower end, upper start, upper end] from the given starts.

    >>> spans("区财政局负责运维成本绩效分析", 100, "市财政局开展成本预算绩效分析", 10, 3)
    [[101, 104, 11, 14], [110, 114, 20, 24]]
    """
    from rapidfuzz.distance import LCSseq

    return [[lower_start + b.a, lower_start + b.a + b.size, upper_start + b.b, upper_start + b.b + b.size]
            for b in LCSseq.editops(lower, upper).as_matching_blocks() if b.size >= min_len]


def measures(tasks: list[TaskText]) -> list[Unit]:
    """Every measure of a document's tasks, a nested task's text left to that task."""
    skip = nested(tasks)
    return [u for t in tasks for u in _units(t, tuple(skip.get(t.key, ())))]


@lru_cache(maxsize=1 << 15)
def _units(task: TaskText, skip: tuple) -> tuple[Unit, ...]:
    return tuple(units_of(task, list(skip)))


def derive(lower: list[TaskText], upper: list[TaskText], kin, *, strict: bool = False,
           th: DeriveThresholds = DeriveThresholds(), texts: tuple[str, str] = ("", ""),
           vocab: Vocabulary | None = None) -> list[Link]:
    """The links from the tasks of a lower document to those of one upper document it carries
    down, measure by measure (:func:`units_of`); ``kin(lower key, upper key)``: whether the
    carriers of the two tasks are counterparts; ``texts``: the two documents' texts, over whose
    sentences a word's rarity is counted (with the measures); ``vocab``: the batch's
    :class:`Vocabulary` (a document compared many times is prepared once).  A link's ``units`` are its pairs of measures:
    [lower begin, lower end, upper begin, upper end, score, basis], offsets in the two task texts.

    >>> up = [TaskText("U#1", "研究形成统一的公共排水设施日常运维经费标准,建立结算协调机制", "U"),
    ...       TaskText("U#2", "负责对上海城投集团三大片区公共排水设施运维管理情况进行监管和指导", "U")]
    >>> low = [TaskText("L#1", "对辖区内上海城投集团运维管理情况进行监管和指导", "L"),
    ...        TaskText("L#2", "落实统一的日常运维经费标准和结算机制", "L")]
    >>> [(k.lower, k.upper, k.basis) for k in derive(low, up, lambda a, b: False)]
    [('L#1', 'U#2', 'same'), ('L#2', 'U#1', 'same')]
    """
    vocab = vocab or Vocabulary()
    low, up = vocab.side(lower, texts[0]), vocab.side(upper, texts[1])
    lu, uu = low.units, up.units
    if not lu or not uu:
        return []
    scores = PairScores(low, up)
    found = candidates(scores, th, lambda i, j: kin(lu[i].task, uu[j].task), strict)
    chosen = {(i, j): found[(i, j)] for i, j in select(found, th)}
    chosen.update(between_anchors(chosen, scores, lambda i, j: kin(lu[i].task, uu[j].task), strict, th))
    chosen.update(inherited(lu, uu, chosen, scores, {t.key: t.parent for t in lower}, th))
    chosen = {(i, j): got for (i, j), got in chosen.items() if is_measure(lu[i].text) and is_measure(uu[j].text)}
    by_task = {t.key: t for t in [*lower, *upper]}
    links: dict[tuple[str, str], Link] = {}
    for (i, j), (score, basis, k) in sorted(chosen.items()):
        lo, up = lu[i], uu[j]
        link = links.setdefault((lo.task, up.task), Link(lo.task, up.task, score, basis, RULE_SIMILAR_TASK))
        if k:
            link.rule = RULE_COUNTERPART_TASK
        if score > link.score:
            link.score, link.basis = score, basis
        link.units.append([lo.begin, lo.end, up.begin, up.end, score, basis])
        ls, us = max(by_task[lo.task].start, 0) + lo.begin, max(by_task[up.task].start, 0) + up.begin
        link.spans += spans(lo.text, ls, up.text, us, th.min_span)
    return sorted(links.values(), key=lambda k: (k.lower, k.upper))


def between_anchors(chosen: dict, scores: PairScores, kin, strict: bool, th: DeriveThresholds) -> dict:
    """Pairs that pass a lower bar (``gap_factor``) because they sit in order between two pairs
    already found, each at most ``gap_reach`` measures away on both sides: a lower document that
    follows the upper one article by article rewords the article between two it copies.  Only
    lower measures still without a pair are considered."""
    if not th.gap_factor or not chosen:
        return {}
    anchors = sorted(chosen)
    linked = {i for i, _ in chosen}
    loose = replace(th, same=th.same * th.gap_factor, part=th.part * th.gap_factor,
                    min_shared=max(2, th.min_shared - 1), min_weight=th.min_weight * th.gap_factor)
    found = candidates(scores, loose, kin, strict)
    out: dict[tuple[int, int], tuple] = {}
    r = th.gap_reach
    for (i, j), got in sorted(found.items(), key=lambda x: -x[1][0]):
        if i in linked or any(a == i for a, _ in out):
            continue
        before = any(0 < i - a <= r and 0 <= j - b <= r for a, b in anchors)
        after = any(0 < a - i <= r and 0 <= b - j <= r for a, b in anchors)
        if before and after:
            out[(i, j)] = (round(got[0], 4), got[1], got[2])
    return out


def inherited(lu: list[Unit], uu: list[Unit], chosen: dict, scores: PairScores, parents: dict[str, str | None],
              th: DeriveThresholds) -> dict[tuple[int, int], tuple]:
    """The sub-items that carry an upper measure down with their item: a lower task that derives
    from nothing itself, whose parent (the item it is a step of) derives from an upper measure, is a
    part of that measure (``split``) when it shares some of its words.  (推进平稳有序移交 and its
    steps 1. 摸清底数 2. 签订协议 carry down the upper item 推进平稳有序移交.)"""
    linked_tasks = {lu[i].task for i, _ in chosen}
    by_parent: dict[str, list[tuple[int, tuple]]] = {}
    for (i, j), got in chosen.items():
        by_parent.setdefault(lu[i].task, []).append((j, got))
    out = {}
    for i, unit in enumerate(lu):
        parent = parents.get(unit.task)
        if unit.task in linked_tasks or not parent or parent not in by_parent:
            continue
        for j, (score, _, k) in by_parent[parent]:
            if scores.count[i, j] >= 1:
                out[(i, j)] = (round(score * th.inherit_factor, 4), "split", k)
    return out
