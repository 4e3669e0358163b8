"""How alike two task texts are: the measure alignment links tasks by.

A task text becomes the set of its character bigrams with the generic words every task uses
removed (:func:`task_tokens`), so rapidfuzz's ``token_set_ratio`` of two such sets measures how
much of the work they share; a pair must also share a few bigrams, since the ratio of two
disjoint sets is character noise (:func:`similarity_matrix`).  :class:`TaskTokens` and
:class:`Pairs` compute the same figures for one lower document's tasks against a pool of upper
tasks at a time: shared bigrams counted from an inverted index, the ratio only for pairs that
share enough bigrams, each pair once.
"""
from __future__ import annotations

import re

# words every task uses; removing them lets the words that name the work decide similarity
GENERIC = re.compile(
    "产业集聚区|产业聚集区|积极|推进|推动|加快|加强|加大|建设|发展|工作|负责|组织|实施|指导|协调|促进|完善|建立|健全|开展|"
    "落实|有关|相关|各项|政策|措施|一批|力争|提高|优化|及时|重点|做好|拟订|拟定|制定|全市|全省|全县|我市|我省|"
    r"[、,，。;；:：“”\"'()（）《》〈〉\s\d.%—-]")


def task_tokens(text: str) -> str:
    """A task text as the space-joined set of its character bigrams, generic words removed,
    so rapidfuzz's token_set_ratio measures how much of the work the two texts share.

    >>> task_tokens("加快推进污水处理厂建设。")
    '处理 水处 污水 理厂'
    """
    s = GENERIC.sub("", text or "")
    return " ".join(sorted({s[i:i + 2] for i in range(len(s) - 1)}))


def similarity_matrix(lower: list[str], upper: list[str]):
    """(scores in [0, 1], shared bigram counts) of every lower token string against every upper
    one: rapidfuzz's token_set_ratio (cdist, vectorized) and the size of the intersection, since
    token_set_ratio of two disjoint sets is character noise, not shared work.

    >>> m, shared = similarity_matrix([task_tokens("落实税收返还政策")], [task_tokens("税收返还"), task_tokens("管网互联")])
    >>> [round(float(x), 2) for x in m[0]], [int(x) for x in shared[0]]
    ([1.0, 0.25], [3, 0])
    """
    import numpy as np  # ~0.15 s: only when aligning, not for every command line
    from rapidfuzz import fuzz, process

    if not lower or not upper:
        z = np.zeros((len(lower), len(upper)), dtype=np.float32)
        return z, z
    m = process.cdist(lower, upper, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1) / 100.0
    vocab: dict[str, int] = {}
    def onehot(texts):
        rows = [[vocab.setdefault(t, len(vocab)) for t in s.split()] for s in texts]
        return rows
    lo, up = onehot(lower), onehot(upper)
    a = np.zeros((len(lower), len(vocab)), dtype=np.float32)
    b = np.zeros((len(upper), len(vocab)), dtype=np.float32)
    for i, r in enumerate(lo):
        a[i, r] = 1
    for i, r in enumerate(up):
        b[i, r] = 1
    return m, a @ b.T



class TaskTokens:
    """Every task's bigrams as an array of ids, so the bigrams two groups of tasks share are
    counted with numpy for a whole group at once, and rapidfuzz scores only the pairs that
    share enough of them (the pairs it skips could never link)."""

    def __init__(self, texts: dict[str, str]):
        import numpy as np

        self.strings: dict[str, str] = {}
        self.ids: dict[str, object] = {}
        vocab: dict[str, int] = {}
        for tkey, text in texts.items():
            s = self.strings[tkey] = task_tokens(text)
            self.ids[tkey] = np.array([vocab.setdefault(t, len(vocab)) for t in s.split()], dtype=np.int64)

    def shared(self, lts: list[str], ups: list[str]):
        """(len(lts), len(ups)) counts of shared bigrams (float32, as :func:`similarity_matrix`),
        from an inverted index of the lower tasks' bigrams (no BLAS: its threads only contend
        on a busy machine)."""
        import numpy as np

        empty = np.zeros(0, dtype=np.int64)
        lo = [self.ids[t] for t in lts]
        up = [self.ids[t] for t in ups]
        ltok = np.concatenate(lo) if lo else empty
        lrow = np.repeat(np.arange(len(lts)), [len(x) for x in lo])
        order = np.argsort(ltok, kind="stable")
        ltok, lrow = ltok[order], lrow[order]
        utok = np.concatenate(up) if up else empty
        urow = np.repeat(np.arange(len(ups)), [len(x) for x in up])
        start, stop = np.searchsorted(ltok, utok, "left"), np.searchsorted(ltok, utok, "right")
        n = stop - start
        keep = n > 0
        start, n, urow = start[keep], n[keep], urow[keep]
        offsets = np.repeat(np.cumsum(n) - n, n)
        idx = np.repeat(start, n) + (np.arange(int(n.sum())) - offsets)
        flat = lrow[idx] * len(ups) + np.repeat(urow, n)
        counts = np.bincount(flat, minlength=len(lts) * len(ups))
        return counts.reshape(len(lts), len(ups)).astype(np.float32)

    def pairs(self, lts: list[str], ups: list[str]) -> "Pairs":
        return Pairs(self, lts, ups, self.shared(lts, ups))


class Pairs:
    """One lower document's tasks against the pool of upper tasks: the shared bigram counts of
    every pair, and rapidfuzz's ``token_set_ratio`` (as :func:`similarity_matrix` computes it)
    for the pairs asked for that share enough bigrams, each computed once."""

    def __init__(self, tokens: TaskTokens, lts: list[str], ups: list[str], shared):
        import numpy as np

        self.tokens, self.lts, self.ups, self.shared = tokens, lts, ups, shared
        self.sim = np.full(shared.shape, np.nan, dtype=np.float32)

    def scores(self, rows, cols, need: int):
        """(scores, shared) of the sub-matrix; a pair sharing fewer than ``need`` bigrams scores 0."""
        import numpy as np
        from rapidfuzz import fuzz

        shared = self.shared[np.ix_(rows, cols)]
        sim = self.sim[np.ix_(rows, cols)]
        todo = np.argwhere((shared >= need) & np.isnan(sim))
        if len(todo):
            strings, lts, ups = self.tokens.strings, self.lts, self.ups
            r, c = np.asarray(rows)[todo[:, 0]], np.asarray(cols)[todo[:, 1]]
            got = np.array([fuzz.token_set_ratio(strings[lts[i]], strings[ups[j]]) for i, j in zip(r, c)],
                           dtype=np.float32) / 100.0
            self.sim[r, c] = got
            sim[todo[:, 0], todo[:, 1]] = got
        return np.nan_to_num(sim, nan=0.0), shared
