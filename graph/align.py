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

Every threshold is a keyword of :func:`realign`.
"""
from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

from .batch import GraphBatch
from .stores.base import GraphStore

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
_PARENT_LEVEL = {"city": "province", "county": "city"}

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
    import numpy as np
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


def _days(date: str) -> int:
    """Days since year 0 of an ISO date (0 when unknown), to rank documents by nearness in time.

    >>> _days("2010-03-01") - _days("2010-02-01"), _days("")
    (28, 0)
    """
    import datetime

    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except (TypeError, ValueError):
        return 0


def _load(store: GraphStore):
    agencies = {r[0]: _Agency(r[0], r[1] or "", r[2] or "", r[3], r[4], r[5], bool(r[6])) for r in store.query(
        "MATCH (a:Agency) RETURN a.key, a.name, a.region, a.province, a.level, a.function, a.collective").rows}
    docs: dict[str, _Doc] = {}
    for key, level, prov, city, county, date in store.query(
            "MATCH (d:Document) RETURN d.key, d.level, d.province, d.city, d.county, d.date").rows:
        docs[key] = _Doc(key, level, county or city or prov, date or "")
    tasks: dict[str, tuple[str, str]] = {}
    for tkey, text, dkey in store.query(
            "MATCH (t:Task)-[:PART_OF]->(d:Document) RETURN t.key, t.text, d.key ORDER BY d.key, t.ordinal, t.key").rows:
        tasks[tkey] = (text or "", dkey)
        docs[dkey].tasks.append(tkey)
    carriers: dict[str, list[str]] = defaultdict(list)  # task -> responsible agencies
    for akey, tkey in store.query("MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t:Task) RETURN a.key, t.key").rows:
        carriers[tkey].append(akey)
    cites: dict[str, set[str]] = defaultdict(set)
    for a, b in store.query("MATCH (a:Document)-[:DERIVED_FROM]->(b:Document) RETURN a.key, b.key").rows:
        cites[a].add(b)
    parent: dict[str, str] = {}  # region -> the region one level up
    for name, prov in store.query("MATCH (c:City) RETURN c.name, c.province").rows:
        if name and prov:
            parent[name] = prov
    for name, city, prov in store.query("MATCH (k:County) RETURN k.name, k.city, k.province").rows:
        if name and (city or prov):
            parent[name] = city or prov
    for d in store.query("MATCH (d:Document) RETURN d.province, d.city, d.county").rows:
        prov, city, county = d
        if city and prov and city != prov:
            parent.setdefault(city, prov)
        if county and (city or prov):
            parent.setdefault(county, city or prov)
    for a in agencies.values():
        if a.level == "city" and a.province and a.region and a.region != a.province:
            parent.setdefault(a.region, a.province)
    return agencies, docs, tasks, carriers, cites, parent


def _counterparts_by_function(agencies: dict[str, _Agency], parent: dict[str, str]):
    """(lower, upper) -> (function score, basis) from function codes alone."""
    from ..vocab.bodies import COUNTERPART_FUNCTIONS

    by_region: dict[tuple[str, str], list[_Agency]] = defaultdict(list)  # (region, level) -> bodies
    for a in agencies.values():
        if not a.collective and a.function and a.level:
            by_region[(a.region, a.level)].append(a)
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for (region, level), lowers in sorted(by_region.items()):
        up_level = _PARENT_LEVEL.get(level)
        up_region = parent.get(region)
        if not up_level or not up_region:
            continue
        uppers = by_region.get((up_region, up_level), [])
        up_fns = {u.function for u in uppers}
        low_fns = {a.function for a in lowers}
        matched_low, matched_up = set(), set()
        for low in lowers:
            for up in uppers:
                if up.function == low.function:
                    out[(low.key, up.key)] = (1.0, "function")
                elif (low.function, up.function) in COUNTERPART_FUNCTIONS:
                    out[(low.key, up.key)] = (0.9, "function:renamed")
                else:
                    continue
                matched_low.add(low.key)
                matched_up.add(up.key)
        # a related function stands in where one level has no body of the other's function:
        # the first related function (in RELATED_FUNCTIONS order) present on the other level
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


def realign(store: GraphStore, *, counterpart_task_threshold: float = 0.3, task_threshold: float = 0.6,
            counterpart_min_shared: int = 1, min_shared: int = 2, max_links_per_task: int = 3,
            max_upper_docs: int = 30, function_weight: float = 0.7, tasks_only_threshold: float = 0.6,
            tasks_only_support: int = 2, write_chunk: int = 20_000) -> dict:
    """Recompute every derived relationship; returns counts and the time taken.

    ``counterpart_task_threshold``: least similarity for a task of a counterpart to derive from
    the upper body's task; ``task_threshold``: least similarity for any other pair of tasks in
    related documents; ``counterpart_min_shared`` and ``min_shared``: how many character bigrams
    (generic words removed) the two texts must share in each case; ``max_links_per_task``: most upper tasks one lower task derives from;
    ``max_upper_docs``: when a document cites no stored document, how many documents of the region
    one level up (nearest in date) it is compared with; ``function_weight``: the share of the function evidence in a counterpart's score (the rest is
    the best similarity of the two bodies' tasks); ``tasks_only_threshold`` and
    ``tasks_only_support``: how alike, and through how many task pairs, two bodies without
    matching functions must be to count as counterparts.
    """
    import numpy as np

    t0 = time.perf_counter()
    store.delete_derived_in_chunks(write_chunk)
    agencies, docs, tasks, carriers, cites, parent = _load(store)
    fn_pairs = _counterparts_by_function(agencies, parent)
    counterparts_of: dict[str, set[str]] = defaultdict(set)
    for low, up in fn_pairs:
        counterparts_of[low].add(up)

    tokens: dict[str, str] = {}

    def toks(tkey: str) -> str:
        if tkey not in tokens:
            tokens[tkey] = task_tokens(tasks[tkey][0])
        return tokens[tkey]

    by_region: dict[tuple, list[_Doc]] = defaultdict(list)
    for o in docs.values():
        if o.tasks:
            by_region[(o.region, o.level)].append(o)

    def upper_docs(d: _Doc) -> list[str]:
        cited = sorted(k for k in cites.get(d.key, ()) if k in docs and docs[k].tasks)
        if cited:
            return cited
        up_region, up_level = parent.get(d.region or ""), _PARENT_LEVEL.get(d.level or "")
        if not up_region or not up_level:
            return []
        # the documents of the region one level up, the nearest in date first
        near = sorted(by_region.get((up_region, up_level), []),
                      key=lambda o: (abs(_days(o.date) - _days(d.date)), o.key))
        return sorted(o.key for o in near[:max_upper_docs])

    links: dict[tuple[str, str], tuple[float, str]] = {}
    best_pair_sim: dict[tuple[str, str], float] = defaultdict(float)  # (lower agency, upper agency)
    similar_pairs: dict[tuple[str, str], list[float]] = defaultdict(list)

    def link(lt: str, ups: list[str], sim, common, threshold: float, need: int, rule: str) -> bool:
        cand = np.where((sim >= threshold) & (common >= need))[0]
        lows = carriers.get(lt, [])
        for j in cand[np.argsort(-sim[cand], kind="stable")][:max_links_per_task]:
            score = round(float(sim[j]), 4)
            links[(lt, ups[j])] = (score, rule)
            for a in lows:
                for u in carriers.get(ups[j], ()):
                    best_pair_sim[(a, u)] = max(best_pair_sim[(a, u)], score)
                    if rule == RULE_SIMILAR_TASK:
                        similar_pairs[(a, u)].append(score)
        return len(cand) > 0

    for d in sorted(docs.values(), key=lambda x: x.key):
        ups = upper_docs(d)
        if not d.tasks or not ups:
            continue
        pool = [t for u in ups for t in docs[u].tasks]
        # 1. counterparts first: each lower task against the tasks its carriers' counterparts carry
        by_cps: dict[frozenset, list[str]] = defaultdict(list)
        for lt in d.tasks:
            by_cps[frozenset(c for a in carriers.get(lt, ()) for c in counterparts_of[a])].append(lt)
        left: list[str] = []
        for cps, lts in by_cps.items():
            cand = [t for t in pool if cps & set(carriers.get(t, ()))] if cps else []
            if not cand:
                left.extend(lts)
                continue
            sim, shared = similarity_matrix([toks(t) for t in lts], [toks(t) for t in cand])
            for i, lt in enumerate(lts):
                if not link(lt, cand, sim[i], shared[i], counterpart_task_threshold, counterpart_min_shared,
                            RULE_COUNTERPART_TASK):
                    left.append(lt)
        # 2. what is left, against every task of the upper documents, with a stricter threshold
        if left:
            sim, shared = similarity_matrix([toks(t) for t in left], [toks(t) for t in pool])
            for i, lt in enumerate(left):
                link(lt, pool, sim[i], shared[i], task_threshold, min_shared, RULE_SIMILAR_TASK)

    batch = GraphBatch()
    basis_counts: dict[str, int] = defaultdict(int)
    for (low, up), (fscore, basis) in sorted(fn_pairs.items()):
        score = function_weight * fscore + (1 - function_weight) * best_pair_sim.get((low, up), 0.0)
        batch.add_edge("COUNTERPART_OF", "Agency", low, "Agency", up, score=round(score, 4), basis=basis,
                       doc=None, span_start=-1, span_end=-1, rule=RULE_FUNCTION)
        basis_counts[basis] += 1
    for (low, up), scores in sorted(similar_pairs.items()):
        a, u = agencies.get(low), agencies.get(up)
        if (low, up) in fn_pairs or not a or not u or a.collective or u.collective:
            continue
        if _PARENT_LEVEL.get(a.level or "") != u.level or parent.get(a.region) != u.region:
            continue
        if len(scores) >= tasks_only_support and max(scores) >= tasks_only_threshold:
            batch.add_edge("COUNTERPART_OF", "Agency", low, "Agency", up, score=round(max(scores), 4),
                           basis="tasks", doc=None, span_start=-1, span_end=-1, rule=RULE_TASKS)
            basis_counts["tasks"] += 1
    for (lt, ut), (score, rule) in sorted(links.items()):
        batch.add_edge("DERIVED_FROM", "Task", lt, "Task", ut, score=score, doc=tasks[lt][1],
                       span_start=-1, span_end=-1, rule=rule)
    # derived edges are recomputed on every run, so they go in chunks: one transaction for all
    # of them exhausts Neo4j's transaction memory on thousands of documents
    for i in range(0, len(batch.edges), write_chunk):
        with store.transaction():
            store.write_batch(GraphBatch(edges=batch.edges[i:i + write_chunk]))
    rules = defaultdict(int)
    for _, rule in links.values():
        rules[rule] += 1
    return {"counterparts": sum(basis_counts.values()), "counterparts_by_basis": dict(sorted(basis_counts.items())),
            "task_links": len(links), "task_links_by_rule": dict(sorted(rules.items())),
            "seconds": round(time.perf_counter() - t0, 3)}
