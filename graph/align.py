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
  by text similarity (:func:`.similarity.similarity_matrix`), only between documents in a derivation
  relation (the lower cites the higher) or, when the lower document cites nothing stored,
  the documents of the region one level up.  Tasks of counterpart agencies are compared
  first with a lower threshold; any other pair must be more alike.

:func:`realign` is three steps: :func:`load` what is stored, :func:`compute` the derived
relationships (pure: no store), :func:`write` them.  Every threshold is a field of
:class:`Thresholds` and a keyword of :func:`realign`.
"""
from __future__ import annotations

import datetime
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ..vocab.bodies import COUNTERPART_FUNCTIONS
from ..vocab.levels import PARENT_LEVEL
from .batch import Edge, GraphBatch
from .ledger import PARENTS, set_state
from .similarity import Pairs, TaskTokens
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


@dataclass
class Scope:
    """What an incremental alignment recomputes (:mod:`.align_scope`): the task links of the
    lower documents ``docs``, the counterparts of the lower agencies ``agencies``; ``links`` are
    the stored links (lower task, upper task, score, rule) of those agencies' other tasks, and
    ``carriers`` who carries the tasks at their ends."""

    docs: set[str]
    agencies: set[str]
    links: list[tuple] = field(default_factory=list)
    carriers: dict[str, list[str]] = field(default_factory=dict)


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


def parents_of(cities: list, counties: list, doc_regions: list, city_agencies: list) -> dict[str, str]:
    """Region -> the region one level up, from places (name, city/province), the (province,
    city, county) of documents and the (region, province) of city-level agencies.  Rows are
    sorted first, so the map does not depend on the order the store returns them in.

    >>> parents_of([("许昌市", "河南省")], [("禹州市", "许昌市", "河南省")], [("河南省", "洛阳市", None)], [])
    {'许昌市': '河南省', '禹州市': '许昌市', '洛阳市': '河南省'}
    """
    key = lambda r: tuple(x or "" for x in r)  # noqa: E731
    parent: dict[str, str] = {}
    for name, prov in sorted(cities, key=key):
        if name and prov:
            parent[name] = prov
    for name, city, prov in sorted(counties, key=key):
        if name and (city or prov):
            parent[name] = city or prov
    for prov, city, county in sorted(doc_regions, key=key):
        if city and prov and city != prov:
            parent.setdefault(city, prov)
        if county and (city or prov):
            parent.setdefault(county, city or prov)
    for region, prov in sorted(city_agencies, key=key):
        if prov and region and region != prov:
            parent.setdefault(region, prov)
    return parent


def read_parents(store: GraphStore, agencies: dict[str, _Agency] | None = None) -> dict[str, str]:
    """:func:`parents_of` from the store (city-level agencies given, or read)."""
    city_agencies = ({(a.region, a.province) for a in agencies.values() if a.level == "city"} if agencies is not None
                     else [tuple(r) for r in read(store, "align_city_agency_regions").rows])
    return parents_of(read(store, "align_cities").rows, read(store, "align_counties").rows,
                      read(store, "align_document_regions").rows, list(city_agencies))


def agency_of(r: list) -> _Agency:
    """An alignment agency from a row of ``align_agencies`` (key, name, region, province, level,
    function, collective)."""
    return _Agency(r[0], r[1] or "", r[2] or "", r[3], r[4], r[5], bool(r[6]))


def doc_of(r: list) -> _Doc:
    """An alignment document from a row (key, level, province, city, county, date)."""
    key, level, prov, city, county, date = r
    return _Doc(key, level, county or city or prov, date or "")


def load(store: GraphStore) -> Stored:
    """Read what alignment needs, with the named reads of :mod:`.statements`."""
    agencies = {r[0]: agency_of(r) for r in read(store, "align_agencies").rows}
    docs = {r[0]: doc_of(r) for r in read(store, "align_documents").rows}
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
    return Stored(agencies, docs, tasks, carriers, cites, read_parents(store, agencies))


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

    def add_stored(self, links: list[tuple], carriers: dict[str, list[str]]) -> None:
        """Links kept from the store (lower task, upper task, score, rule): what they say about
        pairs of agencies, as :meth:`link` records it for the links computed here."""
        for lt, ut, score, rule in links:
            for a in carriers.get(lt, ()):
                for u in carriers.get(ut, ()):
                    self.best_pair_sim[(a, u)] = max(self.best_pair_sim[(a, u)], score)
                    if rule == RULE_SIMILAR_TASK:
                        self.similar_pairs[(a, u)].append(score)

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


def upper_docs(d: _Doc, cited: list[str], pool: list[_Doc], max_upper_docs: int) -> list[str]:
    """The documents a document's tasks may derive from: the stored documents with tasks it
    cites, else those of ``pool`` (the region one level up) nearest in date.

    >>> pool = [_Doc("P1", "province", "河南省", "2010-01-01"), _Doc("P2", "province", "河南省", "2012-01-01")]
    >>> upper_docs(_Doc("C", "city", "许昌市", "2011-11-01"), [], pool, 1), upper_docs(_Doc("C", None, None), ["X"], pool, 1)
    (['P2'], ['X'])
    """
    if cited:
        return sorted(cited)
    near = sorted(pool, key=lambda o: (abs(_days(o.date) - _days(d.date)), o.key))
    return sorted(o.key for o in near[:max_upper_docs])


def pool_of(parent: dict[str, str], d: _Doc) -> tuple[str, str] | None:
    """The (region, level) one level up of a document, where it looks when it cites nothing stored."""
    up_region, up_level = parent.get(d.region or ""), PARENT_LEVEL.get(d.level or "")
    return (up_region, up_level) if up_region and up_level else None


def _upper_docs(stored: Stored, d: _Doc, by_region: dict, max_upper_docs: int) -> list[str]:
    docs = stored.docs
    cited = [k for k in stored.cites.get(d.key, ()) if k in docs and docs[k].tasks]
    group = pool_of(stored.parent, d)
    return upper_docs(d, cited, by_region.get(group, []) if group else [], max_upper_docs)


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


def compute(stored: Stored, th: Thresholds = Thresholds(), scope: Scope | None = None) -> list[Edge]:
    """Every derived relationship of the stored facts, or those of ``scope`` (pure: no store)."""
    fn_pairs = counterparts_by_function(stored.agencies, stored.parent)
    counterparts_of: dict[str, set[str]] = defaultdict(set)
    for low, up in fn_pairs:
        counterparts_of[low].add(up)
    found = link_tasks(stored, counterparts_of, th, None if scope is None else scope.docs)
    if scope is not None:
        found.add_stored(scope.links, scope.carriers)
        fn_pairs = {p: v for p, v in fn_pairs.items() if p[0] in scope.agencies}
        found.similar_pairs = defaultdict(list, {p: v for p, v in found.similar_pairs.items() if p[0] in scope.agencies})
    edges = counterpart_edges(stored, fn_pairs, found, th)
    edges += [_derived(pair, "DERIVED_FROM", "Task", stored.tasks[pair[0]][1], rule, score=score)
              for pair, (score, rule) in sorted(found.links.items())]
    return edges


def write(store: GraphStore, edges: list[Edge], chunk: int | None = None) -> None:
    """Replace the derived relationships, in transactions of ``chunk`` rows (the store's
    ``transaction_rows``: one transaction for all of them exhausts Neo4j's transaction memory on
    thousands of documents, while LadybugDB copies them in one)."""
    chunk = chunk or store.transaction_rows
    store.delete_derived_in_chunks(chunk)
    write_edges(store, edges, chunk)


def write_edges(store: GraphStore, edges: list[Edge], chunk: int) -> None:
    """New derived relationships, ``chunk`` a transaction (large ones in bulk)."""
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


def realign(store: GraphStore, *, write_chunk: int | None = None, **thresholds) -> dict:
    """Recompute every derived relationship (load -> compute -> write); returns counts and the
    time taken.  ``thresholds`` are the fields of :class:`Thresholds`; :func:`.align_scope.realign_after`
    recomputes only what some documents can change."""
    t0 = time.perf_counter()
    stored = load(store)
    edges = compute(stored, Thresholds(**thresholds))
    write(store, edges, write_chunk)
    set_state(store, PARENTS, json.dumps(stored.parent, ensure_ascii=False, sort_keys=True))
    return {**summarize(edges), "seconds": round(time.perf_counter() - t0, 3)}
