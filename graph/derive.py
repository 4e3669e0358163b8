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

import math
from dataclasses import dataclass, field

from .similarity import content_bigrams


@dataclass(frozen=True)
class TaskText:
    """A task as derivation sees it: key, text, document, and where the text starts in the
    document's cleaned text (-1 when unknown)."""

    key: str
    text: str
    doc: str
    start: int = -1


@dataclass(frozen=True)
class DeriveThresholds:
    """``same``: least ``dice`` of a reworded task; ``part``: least cover of the smaller side of a
    split or merge (with ``part_other`` of the other side); ``kin_factor``: the bars multiplied
    when the two tasks' carriers are counterparts; ``strict_factor``: multiplied when the two
    documents are related by resemblance only; ``min_shared`` bigrams and ``min_weight`` of shared
    weight in any pair (``kin_``: in a pair whose carriers are counterparts); ``near_best``: the share of an upper task's best score a further lower task
    of it needs (a split), and of a lower task's best a further upper task (a merge);
    ``max_links``: most upper tasks one lower task derives from; ``min_span``: shortest common
    substring reported as a span."""

    same: float = 0.45
    part: float = 0.6
    part_other: float = 0.15
    kin_factor: float = 0.8
    strict_factor: float = 1.3
    min_shared: int = 4
    min_weight: float = 8.0
    kin_min_shared: int = 3
    kin_min_weight: float = 6.0
    near_best: float = 0.75
    max_links: int = 3
    min_span: int = 4


@dataclass
class Link:
    """``lower`` task derives from ``upper`` task: ``score``, ``basis`` (same | split | merged),
    ``rule`` (align:counterpart when the carriers are counterparts, else align:similarity) and
    ``spans`` [[lower start, lower end, upper start, upper end], ...]."""

    lower: str
    upper: str
    score: float
    basis: str
    rule: str
    spans: list = field(default_factory=list)


RULE_COUNTERPART_TASK = "align:counterpart"
RULE_SIMILAR_TASK = "align:similarity"


class PairScores:
    """The weighted cover of every lower task by every upper task of two documents (numpy)."""

    def __init__(self, lower: list[TaskText], upper: list[TaskText]):
        import numpy as np

        grams_l, grams_u = [content_bigrams(t.text) for t in lower], [content_bigrams(t.text) for t in upper]
        vocab: dict[str, int] = {}
        rows_l = [[vocab.setdefault(g, len(vocab)) for g in gs] for gs in grams_l]
        rows_u = [[vocab.setdefault(g, len(vocab)) for g in gs] for gs in grams_u]
        a = np.zeros((len(lower), len(vocab)), dtype=np.float32)
        b = np.zeros((len(upper), len(vocab)), dtype=np.float32)
        for i, r in enumerate(rows_l):
            a[i, r] = 1
        for i, r in enumerate(rows_u):
            b[i, r] = 1
        df = a.sum(0) + b.sum(0)
        n = len(lower) + len(upper)
        idf = np.log1p(n / np.maximum(df, 1)).astype(np.float32)
        self.count = a @ b.T
        self.weight = (a * idf) @ b.T
        wl, wu = (a * idf).sum(1), (b * idf).sum(1)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.cover_lower = np.nan_to_num(self.weight / wl[:, None])
            self.cover_upper = np.nan_to_num(self.weight / wu[None, :])
            self.dice = np.nan_to_num(2 * self.weight / (wl[:, None] + wu[None, :]))


def judge(cl: float, cu: float, dice: float, th: DeriveThresholds, factor: float) -> tuple[float, str] | None:
    """(score, basis) of a pair of tasks from its covers, or None when it is no derivation.

    >>> th = DeriveThresholds()
    >>> judge(0.8, 0.7, 0.75, th, 1.0), judge(0.9, 0.2, 0.33, th, 1.0), judge(0.3, 0.2, 0.24, th, 1.0)
    ((0.75, 'same'), (0.76, 'split'), None)
    """
    same, part, other = th.same * factor, min(th.part * factor, 1.0), th.part_other * factor
    if dice >= same:
        return round(dice, 4), "same"
    if cl >= part and cu >= other:
        return round(0.8 * cl + 0.2 * cu, 4), "split"
    if cu >= part and cl >= other:
        return round(0.8 * cu + 0.2 * cl, 4), "merged"
    return None


def candidates(scores: PairScores, th: DeriveThresholds, kin, strict: bool) -> dict[tuple[int, int], tuple]:
    """(lower index, upper index) -> (score, basis, kin) of every pair that passes its bar."""
    import numpy as np

    out = {}
    ok = (scores.count >= min(th.min_shared, th.kin_min_shared)) & (scores.weight >= min(th.min_weight,
                                                                                          th.kin_min_weight))
    for i, j in zip(*np.nonzero(ok)):
        k = bool(kin(int(i), int(j)))
        if not k and (scores.count[i, j] < th.min_shared or scores.weight[i, j] < th.min_weight):
            continue
        factor = (th.kin_factor if k else 1.0) * (th.strict_factor if strict else 1.0)
        got = judge(float(scores.cover_lower[i, j]), float(scores.cover_upper[i, j]), float(scores.dice[i, j]), th,
                    factor)
        if got:
            out[(int(i), int(j))] = (*got, k)
    return out


def select(found: dict[tuple[int, int], tuple], th: DeriveThresholds) -> list[tuple[int, int]]:
    """The pairs kept: each lower task's best upper task, and further ones only as a merge near
    the best; each upper task keeps only the lower tasks near its best (a split).

    >>> select({(0, 0): (0.9, "same", False), (0, 1): (0.5, "same", False), (1, 0): (0.8, "split", False)},
    ...        DeriveThresholds())
    [(0, 0), (1, 0)]
    """
    best_low: dict[int, float] = {}
    best_up: dict[int, float] = {}
    for (i, j), (s, *_) in found.items():
        best_low[i] = max(best_low.get(i, 0.0), s)
        best_up[j] = max(best_up.get(j, 0.0), s)
    kept = []
    by_low: dict[int, list] = {}
    for (i, j), (s, basis, _) in found.items():
        by_low.setdefault(i, []).append((-s, j, basis))
    for i, cands in sorted(by_low.items()):
        cands.sort()
        for rank, (neg, j, basis) in enumerate(cands[:th.max_links]):
            s = -neg
            if rank and not (basis == "merged" and s >= th.near_best * best_low[i]):
                continue
            if s >= th.near_best * best_up[j]:
                kept.append((i, j))
    return sorted(kept)


def spans(lower: TaskText, upper: TaskText, min_len: int) -> list[list[int]]:
    """The common substrings of two task texts (in order, LCS blocks of ``min_len`` or more
    characters), as [lower start, lower end, upper start, upper end] in the documents' cleaned
    texts (in the task texts when a start is unknown).

    >>> spans(TaskText("a", "区财政局负责运维成本绩效分析", "L", 100), TaskText("b", "市财政局开展成本预算绩效分析", "U", 10), 3)
    [[101, 104, 11, 14], [110, 114, 20, 24]]
    """
    from rapidfuzz.distance import LCSseq

    lo, up = max(lower.start, 0), max(upper.start, 0)
    return [[lo + b.a, lo + b.a + b.size, up + b.b, up + b.b + b.size]
            for b in LCSseq.editops(lower.text, upper.text).as_matching_blocks() if b.size >= min_len]


def derive(lower: list[TaskText], upper: list[TaskText], kin, *, strict: bool = False,
           th: DeriveThresholds = DeriveThresholds()) -> list[Link]:
    """The links from the tasks of a lower document to those of one upper document it carries
    down; ``kin(lower key, upper key)``: whether the carriers of the two tasks are counterparts.

    >>> up = [TaskText("U#1", "研究形成统一的公共排水设施日常运维经费标准,建立结算协调机制", "U"),
    ...       TaskText("U#2", "负责对上海城投集团三大片区公共排水设施运维管理情况进行监管和指导", "U")]
    >>> low = [TaskText("L#1", "对辖区内上海城投集团运维管理情况进行监管和指导", "L"),
    ...        TaskText("L#2", "落实统一的日常运维经费标准和结算机制", "L")]
    >>> [(k.lower, k.upper, k.basis) for k in derive(low, up, lambda a, b: False)]
    [('L#1', 'U#2', 'same'), ('L#2', 'U#1', 'same')]
    """
    if not lower or not upper:
        return []
    scores = PairScores(lower, upper)
    found = candidates(scores, th, lambda i, j: kin(lower[i].key, upper[j].key), strict)
    out = []
    for i, j in select(found, th):
        score, basis, k = found[(i, j)]
        out.append(Link(lower[i].key, upper[j].key, score, basis, RULE_COUNTERPART_TASK if k else RULE_SIMILAR_TASK,
                        spans(lower[i], upper[j], th.min_span)))
    return out
