"""Alignment after an ingest, recomputing only what the documents it touched can change
(:func:`realign_after`): the same derived relationships :func:`.align.realign` gives, at a
cost that follows the change, not the graph.

What a touched document (written, replaced or removed: :class:`.touched.Touched`) can change:

- task links (``DERIVED_FROM`` Task->Task) are owned by the lower document: recomputed for the
  touched documents, the documents citing them (their upper documents changed), the documents
  whose citations lineage moved, the documents one level down that cite nothing stored and
  for which a touched document is (or was) among the nearest upper documents, the documents of
  regions whose parent region changed, and the documents with tasks of agencies whose
  counterparts by function changed;
- ``COUNTERPART_OF`` is owned by the lower agency: recomputed for the agencies whose function
  counterparts changed (their region's bodies or the bodies one level up changed), that carry
  a task whose links are recomputed, or that touched documents name or named.  Their scores
  take the stored links of their other tasks into account.

The parent map (region -> region one level up) as of the last alignment is kept in the
loader's ledger, so a region whose parent changed is known; without it, everything is
recomputed.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict

from . import schema
from .align import (RULE_FUNCTION, Scope, Stored, Thresholds, _Agency, _Doc, agency_of, compute,
                    counterparts_by_function, doc_of, pool_of, read_parents, realign, summarize, upper_docs,
                    write_edges)
from .ledger import PARENTS, read_state, set_state
from .statements import read
from .stores.base import GraphStore, chunks
from .touched import Touched
from ..vocab.levels import PARENT_LEVEL

def _keyed(store: GraphStore, name: str, keys, **params) -> list:
    """The rows of read ``name`` for these keys, in chunks."""
    return [r for part in chunks(sorted(set(keys))) for r in read(store, name, {"keys": part, **params}).rows]


def docs_of(store: GraphStore, keys) -> dict[str, _Doc]:
    return {r[0]: doc_of(r) for r in _keyed(store, "align_documents_of", keys)}


def docs_in(store: GraphStore, regions) -> dict[str, _Doc]:
    regions = sorted({r for r in regions if r})
    return {r[0]: doc_of(r) for r in read(store, "align_documents_in", {"regions": regions}).rows} if regions else {}


def task_counts(store: GraphStore, keys) -> dict[str, int]:
    return {k: n for k, n in _keyed(store, "align_task_counts_of", keys)}


def agencies_in(store: GraphStore, regions) -> dict[str, _Agency]:
    regions = sorted({r for r in regions if r})
    return ({r[0]: agency_of(r) for r in read(store, "align_agencies_in", {"regions": regions}).rows}
            if regions else {})


def pools(docs: dict[str, _Doc], counts: dict[str, int]) -> dict[tuple, list[_Doc]]:
    """(region, level) -> its documents with tasks."""
    out: dict[tuple, list[_Doc]] = defaultdict(list)
    for d in docs.values():
        if counts.get(d.key):
            out[(d.region, d.level)].append(d)
    return out


def changed_regions(store: GraphStore, parent: dict[str, str]) -> set[str] | None:
    """Regions whose parent differs from the last alignment's (None: no record of it)."""
    old = read_state(store, PARENTS)
    if not old:
        return None
    before = json.loads(old)
    return {x for x in set(before) | set(parent) if before.get(x) != parent.get(x)}


def fallback_affected(store: GraphStore, touched: Touched, parent: dict[str, str], groups: set[tuple],
                      th: Thresholds) -> set[str]:
    """Documents one level below ``groups`` that cite nothing stored with tasks and count a
    touched document (as it is, or as it was) among their nearest upper documents."""
    ups_regions = {r for r, _ in groups}
    kids = docs_in(store, [x for x, p in parent.items() if p in ups_regions])
    kids = {k: d for k, d in kids.items() if pool_of(parent, d) in groups}
    cites: dict[str, set[str]] = defaultdict(set)
    for a, b in _keyed(store, "align_citations_of", kids):
        cites[a].add(b)
    cited_tasks = task_counts(store, {b for bs in cites.values() for b in bs})
    upper = docs_in(store, ups_regions)
    new = pools(upper, task_counts(store, upper))
    old = {g: [d for d in ds if d.key not in touched] for g, ds in new.items()}
    for o in touched.old.values():
        if o.tasks:
            old.setdefault((o.region, o.level), []).append(_Doc(o.key, o.level, o.region, o.date))
    out = set()
    for k, d in kids.items():
        if any(cited_tasks.get(b) for b in cites.get(k, ())):
            continue  # it looks at what it cites (a touched one makes it a citer)
        g = pool_of(parent, d)
        near = set(upper_docs(d, [], new.get(g, []), th.max_upper_docs)) | set(
            upper_docs(d, [], old.get(g, []), th.max_upper_docs))
        if near & touched:
            out.add(k)
    return out


def groups_of(agencies: dict[str, _Agency], keys=None) -> set[tuple]:
    """The (region, level) groups of these agencies (all when None)."""
    return {(a.region, a.level) for k, a in agencies.items() if keys is None or k in keys}


def with_parent_groups(store: GraphStore, parent: dict[str, str], groups: set[tuple]) -> dict[str, _Agency]:
    """The agencies of these groups' regions and of the regions one level up."""
    regions = {r for r, _ in groups}
    return agencies_in(store, regions | {parent[r] for r in regions if r in parent})


def function_changes(store: GraphStore, parent: dict[str, str], changed: set[tuple]) -> set[str]:
    """Lower agencies whose counterparts by function differ from the stored ones, among the
    groups ``changed`` and the groups one level below them."""
    below = agencies_in(store, [x for x, p in parent.items() if p in {r for r, _ in changed}])
    check = changed | {(a.region, a.level) for a in below.values()
                       if (parent.get(a.region), PARENT_LEVEL.get(a.level or "")) in changed}
    agencies = with_parent_groups(store, parent, check)
    lows = {k for k, a in agencies.items() if (a.region, a.level) in check}
    want: dict[str, set[str]] = defaultdict(set)
    for low, up in counterparts_by_function(agencies, parent):
        if low in lows:
            want[low].add(up)
    have: dict[str, set[str]] = defaultdict(set)
    for low, up in _keyed(store, "align_function_counterparts_of", lows, rule=RULE_FUNCTION):
        have[low].add(up)
    return {k for k in lows if want.get(k, set()) != have.get(k, set())}


def lower_documents(store: GraphStore, touched: Touched, parent: dict[str, str], moved: set[str],
                    th: Thresholds) -> tuple[set[str], set[str]]:
    """(the lower documents whose task links are recomputed, the agencies touched documents name
    now), see the module docstring; None when everything must be."""
    now = docs_of(store, touched)
    counts = task_counts(store, now)
    groups = {(d.region, d.level) for k, d in now.items() if counts.get(k)}
    groups |= {(o.region, o.level) for o in touched.old.values() if o.tasks}
    docs = {k for k in now if counts.get(k)} | moved
    docs |= {r[0] for r in _keyed(store, "align_citers_of", touched)}
    docs |= fallback_affected(store, touched, parent, groups, th)
    named = {r[0] for r in _keyed(store, "mentioned_agency_of", touched)}
    changed = {(r[1], r[2]) for r in _keyed(store, "agency_groups_of", named)} | touched.groups
    regions = changed_regions(store, parent)
    if regions:
        docs |= set(docs_in(store, regions))
        changed |= groups_of(agencies_in(store, regions))
    cp = function_changes(store, parent, changed)
    docs |= {r[0] for r in _keyed(store, "align_documents_carried_by", cp)}
    return docs, named | cp


def _lower_and_uppers(store: GraphStore, docs: set[str], parent: dict[str, str],
                      th: Thresholds) -> tuple[dict[str, _Doc], dict[str, set[str]], dict[str, _Doc]]:
    """(the lower documents with tasks, what they cite, every document their tasks may derive
    from): the stored documents one document's links depend on."""
    meta = docs_of(store, docs)
    counts = task_counts(store, meta)
    lower = {k: d for k, d in meta.items() if counts.get(k)}
    cites: dict[str, set[str]] = defaultdict(set)
    for a, b in _keyed(store, "align_citations_of", lower):
        cites[a].add(b)
    cited = docs_of(store, {b for bs in cites.values() for b in bs})
    cited_counts = task_counts(store, cited)
    with_tasks = {k: [b for b in cites.get(k, ()) if cited_counts.get(b)] for k in lower}
    groups = {pool_of(parent, d) for k, d in lower.items() if not with_tasks[k]} - {None}
    upper = docs_in(store, {r for r, _ in groups})
    by_group = pools(upper, task_counts(store, upper))
    ups: dict[str, _Doc] = {}
    for k, d in lower.items():
        g = pool_of(parent, d)
        for u in upper_docs(d, with_tasks[k], by_group.get(g, []) if g else [], th.max_upper_docs):
            ups[u] = cited.get(u) or upper[u]
    return lower, {k: v for k, v in cites.items() if k in lower}, ups


def load_scoped(store: GraphStore, docs: set[str], agencies: set[str], parent: dict[str, str],
                th: Thresholds) -> tuple[Stored, Scope]:
    """What :func:`.align.compute` needs to recompute the links of ``docs`` and the counterparts
    of ``agencies`` (and of the carriers of those documents' tasks)."""
    lower, cites, ups = _lower_and_uppers(store, docs, parent, th)
    loaded = {k: _Doc(d.key, d.level, d.region, d.date) for k, d in {**ups, **lower}.items()}
    tasks: dict[str, tuple[str, str]] = {}
    for tkey, text, dkey in _keyed(store, "align_tasks_of", loaded):
        tasks[tkey] = (text or "", dkey)
        loaded[dkey].tasks.append(tkey)
    carriers: dict[str, list[str]] = defaultdict(list)
    for akey, tkey in _keyed(store, "align_carriers_of", tasks):
        carriers[tkey].append(akey)
    lows = agencies | {a for k in lower for t in loaded[k].tasks for a in carriers.get(t, ())}
    groups = {(r[1], r[2]) for r in _keyed(store, "agency_groups_of", lows)}
    stored = Stored(with_parent_groups(store, parent, groups), loaded, tasks, carriers, cites, parent)
    lows &= set(stored.agencies)
    links = [(t, u, s, rule) for t, u, s, rule, doc in _keyed(store, "align_links_carried_by", lows)
             if doc not in lower]
    link_carriers: dict[str, list[str]] = defaultdict(list)
    for akey, tkey in _keyed(store, "align_carriers_of", {x for t, u, *_ in links for x in (t, u)}):
        link_carriers[tkey].append(akey)
    return stored, Scope(set(lower), lows, links, link_carriers)


def write_scoped(store: GraphStore, scope: Scope, edges: list, chunk: int | None = None) -> None:
    """Replace the task links of the scope's documents and the counterparts of its agencies."""
    L, T = schema.label, schema.rel_type
    with store.transaction():
        for part in chunks(sorted(scope.docs)):
            store.execute(f"UNWIND $keys AS k MATCH (:{L('Document')} {{key: k}})<-[:{T('PART_OF')}]-(:{L('Task')})"
                          f"-[e:{T('DERIVED_FROM')}]->(:{L('Task')}) WHERE e.rule STARTS WITH $p DELETE e",
                          {"keys": part, "p": schema.DERIVED_RULE_PREFIX})
        for part in chunks(sorted(scope.agencies)):
            store.execute(f"UNWIND $keys AS k MATCH (:{L('Agency')} {{key: k}})-[e:{T('COUNTERPART_OF')}]->"
                          f"(:{L('Agency')}) DELETE e", {"keys": part})
    write_edges(store, edges, chunk or store.transaction_rows)


def realign_after(store: GraphStore, touched: Touched | None, *, moved=(), write_chunk: int | None = None,
                  **thresholds) -> dict:
    """Alignment after an ingest that touched ``touched`` (None: everything), lineage having
    moved the citations of the documents ``moved``; returns what :func:`.align.realign` returns
    and the scope (how many lower documents and agencies were recomputed)."""
    t0 = time.perf_counter()
    th = Thresholds(**thresholds)
    parent = read_parents(store)
    if touched is None or changed_regions(store, parent) is None:
        return {**realign(store, write_chunk=write_chunk, **thresholds), "scope": "all"}
    docs, named = lower_documents(store, touched, parent, set(moved), th)
    stored, scope = load_scoped(store, docs, named | touched.named.get("Agency", set()), parent, th)
    edges = compute(stored, th, scope)
    write_scoped(store, scope, edges, write_chunk)
    set_state(store, PARENTS, json.dumps(parent, ensure_ascii=False, sort_keys=True))
    return {**summarize(edges), "scope": {"documents": len(scope.docs), "agencies": len(scope.agencies)},
            "seconds": round(time.perf_counter() - t0, 3)}
