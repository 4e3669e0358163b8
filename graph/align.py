"""Alignment: the facts computed from stored facts, recomputed from scratch after every ingest.

Why a separate step: a city department's provincial counterpart, and the provincial task a
city task implements, depend on documents that may arrive in any order.  :func:`realign`
drops every ``align:*`` relationship and derives them again from what is stored:

* ``COUNTERPART_OF`` Agency->Agency, from a department to the department one level up
  (city -> province, county -> city) that does the same work.  Evidence, strongest first:
  the same function code (``function``, from the lexicon), a renamed function
  (:data:`~policykg.vocab.bodies.COUNTERPART_FUNCTIONS`: 环境保护 ~ 生态环境), a
  related function standing in for a body the other level lacks (:data:`RELATED_FUNCTIONS`:
  a city 城乡规划局 under the provincial 住房城乡建设厅), and -- for bodies without a known
  function -- similar duties alone.  ``score`` mixes the function evidence with the best
  similarity of the two bodies' tasks; ``basis`` says which evidence matched.
* ``DERIVED_FROM`` Task->Task {score}, from a lower task to the higher task it implements,
  by text similarity (:func:`similarity_matrix`), only between documents in a derivation
  relation (the lower cites the higher) or, when the lower document cites nothing stored,
  the documents of the region one level up.  Tasks of counterpart agencies are compared
  first with a lower threshold; any other pair must be more alike.

:func:`realign` is three steps: :func:`load` what is stored, :func:`compute` the derived
relationships (pure: no store), :func:`write` them.  Every threshold is a field of
:class:`Thresholds` and a keyword of :func:`realign`.
"""
from __future__ import annotations

import datetime
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ..vocab.bodies import COUNTERPART_FUNCTIONS
from ..vocab.levels import PARENT_LEVEL
from .batch import Edge, GraphBatch
from .statements import read
from .stores.base import GraphStore
from .write import write_batch

RULE_FUNCTION = "align:function"
RULE_TASKS = "align:tasks"
RULE_COUNTERPART_TASK = "align:counterpart"
RULE_SIMILAR_TASK = "align:similarity"

# (upper function, lower function): the lower body does the upper body's work when one of the two
# levels has no body of the other's function -- a city with a separate planning bureau (城乡规划)
# under the province's 住房城乡建设厅; the provincial telecom regulator (通信管理, a central body
# with no city branch) whose work a city's 工业和信息化局 carries; etc.
RELATED_FUNCTIONS: tuple[tuple[str, str], ...] = (  # in order of preference
    ("住房城乡建设", "城乡规划"), ("自然资源", "城乡规划"), ("国土资源", "城乡规划"),
    ("通信管理", "工业和信息化"), ("通信管理", "经济和信息化"),
    ("发展改革", "物价"), ("商务", "经济合作"), ("商务", "商务粮食"), ("发展改革", "商务粮食"),
)

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


@dataclass
class _Agency:
    key: str
    name: str
    region: str
    province: str | None
    level: str | None
    function: str | None
    collective: bool


@dataclass
class _Doc:
    key: str
    level: str | None
    region: str | None
    date: str = ""
    tasks: list[str] = field(default_factory=list)


@dataclass
class Stored:
    """What alignment reads: agencies, documents with their tasks, who carries each task,
    which document cites which, and each region's parent region."""

    agencies: dict[str, _Agency]
    docs: dict[str, _Doc]
    tasks: dict[str, tuple[str, str]]  # task key -> (text, document key)
    carriers: dict[str, list[str]]  # task key -> responsible agency keys
    cites: dict[str, set[str]]
    parent: dict[str, str]  # region -> the region one level up


@dataclass(frozen=True)
class Thresholds:
    """``counterpart_task_threshold``: least similarity for a task of a counterpart to derive
    from the upper body's task; ``task_threshold``: least similarity for any other pair of tasks
    in related documents; ``counterpart_min_shared`` and ``min_shared``: how many character
    bigrams (generic words removed) the two texts must share in each case;
    ``max_links_per_task``: most upper tasks one lower task derives from; ``max_upper_docs``:
    when a document cites no stored document, how many documents of the region one level up
    (nearest in date) it is compared with; ``function_weight``: the share of the function
    evidence in a counterpart's score (the rest is the best similarity of the two bodies'
    tasks); ``tasks_only_threshold`` and ``tasks_only_support``: how alike, and through how
    many task pairs, two bodies without matching functions must be to count as counterparts."""

    counterpart_task_threshold: float = 0.3
    task_threshold: float = 0.6
    counterpart_min_shared: int = 1
    min_shared: int = 2
    max_links_per_task: int = 3
    max_upper_docs: int = 30
    function_weight: float = 0.7
    tasks_only_threshold: float = 0.6
    tasks_only_support: int = 2


def _days(date: str) -> int:
    """Days since year 0 of an ISO date (0 when unknown), to rank documents by nearness in time.

    >>> _days("2010-03-01") - _days("2010-02-01"), _days("")
    (28, 0)
    """
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except (TypeError, ValueError):
        return 0


def _parents(store: GraphStore, agencies: dict[str, _Agency]) -> dict[str, str]:
    """Region -> the region one level up, from places, documents and agencies."""
    parent: dict[str, str] = {}
    for name, prov in read(store, "align_cities").rows:
        if name and prov:
            parent[name] = prov
    for name, city, prov in read(store, "align_counties").rows:
        if name and (city or prov):
            parent[name] = city or prov
    for prov, city, county in read(store, "align_document_regions").rows:
        if city and prov and city != prov:
            parent.setdefault(city, prov)
        if county and (city or prov):
            parent.setdefault(county, city or prov)
    for a in agencies.values():
        if a.level == "city" and a.province and a.region and a.region != a.province:
            parent.setdefault(a.region, a.province)
    return parent


def load(store: GraphStore) -> Stored:
    """Read what alignment needs, with the named reads of :mod:`.statements`."""
    agencies = {r[0]: _Agency(r[0], r[1] or "", r[2] or "", r[3], r[4], r[5], bool(r[6]))
                for r in read(store, "align_agencies").rows}
    docs: dict[str, _Doc] = {}
    for key, level, prov, city, county, date in read(store, "align_documents").rows:
        docs[key] = _Doc(key, level, county or city or prov, date or "")
    tasks: dict[str, tuple[str, str]] = {}
    for tkey, text, dkey in read(store, "align_tasks").rows:
        tasks[tkey] = (text or "", dkey)
        docs[dkey].tasks.append(tkey)
    carriers: dict[str, list[str]] = defaultdict(list)
    for akey, tkey in read(store, "align_carriers").rows:
        carriers[tkey].append(akey)
    cites: dict[str, set[str]] = defaultdict(set)
    for a, b in read(store, "align_citations").rows:
        cites[a].add(b)
    return Stored(agencies, docs, tasks, carriers, cites, _parents(store, agencies))


def _function_pairs(lowers: list[_Agency], uppers: list[_Agency]) -> dict[tuple[str, str], tuple[float, str]]:
    """Same or renamed function: (lower, upper) -> (score, basis)."""
    out = {}
    for low in lowers:
        for up in uppers:
            if up.function == low.function:
                out[(low.key, up.key)] = (1.0, "function")
            elif (low.function, up.function) in COUNTERPART_FUNCTIONS:
                out[(low.key, up.key)] = (0.9, "function:renamed")
    return out


def _related_pairs(lowers: list[_Agency], uppers: list[_Agency], matched: dict) -> dict:
    """A related function stands in where one level has no body of the other's function: the
    first related function (in RELATED_FUNCTIONS order) present on the other level."""
    up_fns, low_fns = {u.function for u in uppers}, {a.function for a in lowers}
    matched_low, matched_up = {lo for lo, _ in matched}, {up for _, up in matched}
    out: dict[tuple[str, str], tuple[float, str]] = {}
    stood_in: set[str] = set()
    for low in lowers:
        if low.key in matched_low or low.function in up_fns:
            continue
        fn = next((u for u, lf in RELATED_FUNCTIONS if lf == low.function and u in up_fns), None)
        for up in uppers:
            if up.function == fn:
                out.setdefault((low.key, up.key), (0.8, "function:related"))
                stood_in.add(low.key)
    for up in uppers:
        if up.key in matched_up or up.function in low_fns:
            continue
        fn = next((lf for u, lf in RELATED_FUNCTIONS if u == up.function and lf in low_fns), None)
        for low in lowers:
            if low.function == fn and low.key not in stood_in:  # one stand-in role per body
                out.setdefault((low.key, up.key), (0.8, "function:related"))
    return out


def counterparts_by_function(agencies: dict[str, _Agency], parent: dict[str, str]):
    """(lower, upper) -> (function score, basis) from function codes alone."""
    by_region: dict[tuple[str, str], list[_Agency]] = defaultdict(list)  # (region, level) -> bodies
    for a in agencies.values():
        if not a.collective and a.function and a.level:
            by_region[(a.region, a.level)].append(a)
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for (region, level), lowers in sorted(by_region.items()):
        up_level, up_region = PARENT_LEVEL.get(level), parent.get(region)
        if not up_level or not up_region:
            continue
        uppers = by_region.get((up_region, up_level), [])
        matched = _function_pairs(lowers, uppers)
        out.update(matched)
        for k, v in _related_pairs(lowers, uppers, matched).items():
            out.setdefault(k, v)
    return out


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


@dataclass
class _Links:
    """The task links found so far, and what they say about pairs of agencies."""

    stored: Stored
    th: Thresholds
    tokens: TaskTokens
    links: dict[tuple[str, str], tuple[float, str]] = field(default_factory=dict)
    best_pair_sim: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    similar_pairs: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))

    def link(self, lt: str, ups: list[str], sim, common, threshold: float, need: int, rule: str) -> bool:
        """Link ``lt`` to its best upper tasks above the threshold; whether any qualified."""
        import numpy as np

        cand = np.where((sim >= threshold) & (common >= need))[0]
        carriers = self.stored.carriers
        for j in cand[np.argsort(-sim[cand], kind="stable")][:self.th.max_links_per_task]:
            score = round(float(sim[j]), 4)
            self.links[(lt, ups[j])] = (score, rule)
            for a in carriers.get(lt, []):
                for u in carriers.get(ups[j], ()):
                    self.best_pair_sim[(a, u)] = max(self.best_pair_sim[(a, u)], score)
                    if rule == RULE_SIMILAR_TASK:
                        self.similar_pairs[(a, u)].append(score)
        return len(cand) > 0

    def compare(self, pairs: Pairs, rows: list[int], cols: list[int], threshold: float, need: int,
                rule: str) -> list[str]:
        """Link each lower task (``rows`` of ``pairs``) against the upper tasks ``cols``; the
        lower tasks left without a link."""
        sim, shared = pairs.scores(rows, cols, need)
        ups = [pairs.ups[j] for j in cols]
        return [pairs.lts[r] for i, r in enumerate(rows)
                if not self.link(pairs.lts[r], ups, sim[i], shared[i], threshold, need, rule)]


def _carried_by(pool: list[str], carriers: dict[str, list[str]]) -> dict[str, list[int]]:
    """Agency -> the positions of the pool's tasks it carries."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(pool):
        for a in dict.fromkeys(carriers.get(t, ())):
            out[a].append(i)
    return out


def link_doc(found: _Links, d: _Doc, ups: list[str], counterparts_of: dict[str, set[str]]) -> None:
    """One lower document's tasks to the tasks of ``ups``: first against the tasks its carriers'
    counterparts carry (lower threshold), then what is left against every upper task."""
    stored, th, carriers = found.stored, found.th, found.stored.carriers
    pool = [t for u in ups for t in stored.docs[u].tasks]
    pairs = found.tokens.pairs(d.tasks, pool)
    row = {t: i for i, t in enumerate(d.tasks)}
    by_cps: dict[frozenset, list[int]] = defaultdict(list)
    for lt in d.tasks:
        by_cps[frozenset(c for a in carriers.get(lt, ()) for c in counterparts_of[a])].append(row[lt])
    carried = _carried_by(pool, carriers) if any(by_cps) else {}
    left: list[int] = []
    for cps, rows in by_cps.items():
        cols = sorted({i for c in cps for i in carried.get(c, ())})
        if not cols:
            left.extend(rows)
            continue
        unlinked = found.compare(pairs, rows, cols, th.counterpart_task_threshold, th.counterpart_min_shared,
                                 RULE_COUNTERPART_TASK)
        left.extend(row[t] for t in unlinked)
    if left:
        found.compare(pairs, left, list(range(len(pool))), th.task_threshold, th.min_shared, RULE_SIMILAR_TASK)


def _upper_docs(stored: Stored, d: _Doc, by_region: dict, max_upper_docs: int) -> list[str]:
    """The documents a document's tasks may derive from: those it cites, else the documents
    of the region one level up, the nearest in date first."""
    docs = stored.docs
    cited = sorted(k for k in stored.cites.get(d.key, ()) if k in docs and docs[k].tasks)
    if cited:
        return cited
    up_region, up_level = stored.parent.get(d.region or ""), PARENT_LEVEL.get(d.level or "")
    if not up_region or not up_level:
        return []
    near = sorted(by_region.get((up_region, up_level), []), key=lambda o: (abs(_days(o.date) - _days(d.date)), o.key))
    return sorted(o.key for o in near[:max_upper_docs])


def docs_by_region(stored: Stored) -> dict[tuple, list[_Doc]]:
    """(region, level) -> its documents with tasks: where a document that cites nothing stored
    looks for the tasks it implements."""
    by_region: dict[tuple, list[_Doc]] = defaultdict(list)
    for o in stored.docs.values():
        if o.tasks:
            by_region[(o.region, o.level)].append(o)
    return by_region


def link_tasks(stored: Stored, counterparts_of: dict[str, set[str]], th: Thresholds,
               lower: set[str] | None = None) -> _Links:
    """Each lower task (of the documents ``lower``, every document when None) to the upper
    tasks it implements (:func:`link_doc`)."""
    found = _Links(stored, th, TaskTokens({k: v[0] for k, v in stored.tasks.items()}))
    by_region = docs_by_region(stored)
    for d in sorted(stored.docs.values(), key=lambda x: x.key):
        if lower is not None and d.key not in lower:
            continue
        ups = _upper_docs(stored, d, by_region, th.max_upper_docs)
        if d.tasks and ups:
            link_doc(found, d, ups, counterparts_of)
    return found


def _derived(key: tuple[str, str], typ: str, label: str, doc: str | None, rule: str, **props) -> Edge:
    return Edge(typ, label, key[0], label, key[1], {**props, "doc": doc, "span_start": -1, "span_end": -1,
                                                     "rule": rule})


def counterpart_edges(stored: Stored, fn_pairs: dict, found: _Links, th: Thresholds) -> list[Edge]:
    """COUNTERPART_OF by function (scored with the best task similarity), then by similar
    duties alone for bodies of adjacent levels and regions."""
    edges = []
    for pair, (fscore, basis) in sorted(fn_pairs.items()):
        score = th.function_weight * fscore + (1 - th.function_weight) * found.best_pair_sim.get(pair, 0.0)
        edges.append(_derived(pair, "COUNTERPART_OF", "Agency", None, RULE_FUNCTION, score=round(score, 4),
                              basis=basis))
    for (low, up), scores in sorted(found.similar_pairs.items()):
        a, u = stored.agencies.get(low), stored.agencies.get(up)
        if (low, up) in fn_pairs or not a or not u or a.collective or u.collective:
            continue
        if PARENT_LEVEL.get(a.level or "") != u.level or stored.parent.get(a.region) != u.region:
            continue
        if len(scores) >= th.tasks_only_support and max(scores) >= th.tasks_only_threshold:
            edges.append(_derived((low, up), "COUNTERPART_OF", "Agency", None, RULE_TASKS,
                                  score=round(max(scores), 4), basis="tasks"))
    return edges


def compute(stored: Stored, th: Thresholds = Thresholds()) -> list[Edge]:
    """Every derived relationship of the stored facts (pure: no store)."""
    fn_pairs = counterparts_by_function(stored.agencies, stored.parent)
    counterparts_of: dict[str, set[str]] = defaultdict(set)
    for low, up in fn_pairs:
        counterparts_of[low].add(up)
    found = link_tasks(stored, counterparts_of, th)
    edges = counterpart_edges(stored, fn_pairs, found, th)
    edges += [_derived(pair, "DERIVED_FROM", "Task", stored.tasks[pair[0]][1], rule, score=score)
              for pair, (score, rule) in sorted(found.links.items())]
    return edges


def write(store: GraphStore, edges: list[Edge], chunk: int = 20_000) -> None:
    """Replace the derived relationships.  In chunks: one transaction for all of them exhausts
    Neo4j's transaction memory on thousands of documents."""
    store.delete_derived_in_chunks(chunk)
    for i in range(0, len(edges), chunk):
        with store.transaction():
            write_batch(store, GraphBatch(edges=edges[i:i + chunk]))


def summarize(edges: list[Edge]) -> dict:
    """Counts of the derived relationships by basis (counterparts) and rule (task links)."""
    basis: dict[str, int] = defaultdict(int)
    rules: dict[str, int] = defaultdict(int)
    for e in edges:
        if e.type == "COUNTERPART_OF":
            basis[e.props["basis"]] += 1
        else:
            rules[e.props["rule"]] += 1
    return {"counterparts": sum(basis.values()), "counterparts_by_basis": dict(sorted(basis.items())),
            "task_links": sum(rules.values()), "task_links_by_rule": dict(sorted(rules.items()))}


def realign(store: GraphStore, *, write_chunk: int = 20_000, **thresholds) -> dict:
    """Recompute every derived relationship (load -> compute -> write); returns counts and the
    time taken.  ``thresholds`` are the fields of :class:`Thresholds`."""
    t0 = time.perf_counter()
    edges = compute(load(store), Thresholds(**thresholds))
    write(store, edges, write_chunk)
    return {**summarize(edges), "seconds": round(time.perf_counter() - t0, 3)}
