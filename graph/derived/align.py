"""Alignment: what the cascade of documents down the levels says, recomputed from stored facts.

Three derived relationships, each owned by one side so that a part of them can be recomputed
alone (:mod:`.align_scope`) and give what a recomputation of everything gives:

* ``CARRIES`` Document->Document and ``DERIVED_FROM`` Task->Task, owned by the lower document:
  which documents of regions above it it carries down and which of their tasks its tasks derive
  from, with a score, a basis and the matching spans (:mod:`.carries`, :mod:`.derive`);
* ``COUNTERPART_OF`` Agency->Agency, owned by the lower body: which upper bodies' work it carries
  down in those documents (:mod:`.counterparts`), read back from the stored ``CARRIES`` and task
  links of the documents it carries duties in.

Everything is computed in batches of ``batch`` lower documents, then of ``batch`` lower bodies,
each reading only what it needs by key, so memory follows the batch, not the graph.
:func:`realign` recomputes everything; every threshold is a field of :class:`AlignSettings`.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ..batch import Edge, GraphBatch
from .carries import CarryThresholds, Doc, carry_down, doc_of, kin_of, uppers_of
from .counterparts import Body, Context, CounterpartThresholds, body_of, counterparts
from .task_links import DeriveThresholds, Link, TaskText, Vocabulary
from ..ledger import set_state
from ..statements import read
from ..stores.base import GraphStore, chunks
from ..write import write_batch

ALIGNED = "aligned"  # ledger state: the version of the alignment the derived facts were computed by
VERSION = "3"
RULE_FUNCTION = "align:function"
RULE_CARRIES = "align:carries"


@dataclass(frozen=True)
class AlignSettings:
    derive: DeriveThresholds = DeriveThresholds()
    carry: CarryThresholds = CarryThresholds()
    counterparts: CounterpartThresholds = CounterpartThresholds()
    batch: int = 2000


def keyed(store: GraphStore, name: str, keys, **params) -> list:
    """The rows of read ``name`` for these keys, in chunks."""
    return [r for part in chunks(sorted(set(keys))) for r in read(store, name, {"keys": part, **params}).rows]


def docs_of(store: GraphStore, keys) -> dict[str, Doc]:
    return {r[0]: doc_of(r) for r in keyed(store, "align_documents_of", keys)}


def with_tasks(store: GraphStore, keys) -> set[str]:
    return {k for k, n in keyed(store, "align_task_counts_of", keys) if n}


def pairs_of(store: GraphStore, name: str, keys) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in keyed(store, name, keys):
        out[a].add(b)
    return out


@dataclass
class Uppers:
    """What the lower documents of a batch may carry down."""

    lower: dict[str, Doc]
    uppers: dict[str, list[tuple[Doc, str]]] = field(default_factory=dict)


def candidate_uppers(store: GraphStore, keys, th: CarryThresholds) -> Uppers:
    """The lower documents among ``keys`` with tasks and, for each, the upper documents it may
    carry down (:func:`.carries.uppers_of`), read by key."""
    lower = docs_of(store, with_tasks(store, keys))
    cites = pairs_of(store, "align_citations_of", lower)
    cited = docs_of(store, with_tasks(store, {b for bs in cites.values() for b in bs}))
    stems = sorted({d.stem for d in lower.values() if d.stem})
    titled: dict[str, list[Doc]] = defaultdict(list)
    for r in (read(store, "align_documents_with_stem", {"stems": part}).rows for part in chunks(stems)):
        for row in r:
            titled[row[6]].append(doc_of(row))
    out = Uppers(lower)
    need_pool = {}
    for k, d in lower.items():
        strong = uppers_of(d, [cited[c] for c in sorted(cites.get(k, ())) if c in cited], titled.get(d.stem, []), [], 0)
        out.uppers[k] = strong
        if not strong and len(d.regions) > 1:
            need_pool[k] = d.regions[1]
    pool: dict[str, list[Doc]] = defaultdict(list)
    if need_pool:
        for r in read(store, "align_documents_in", {"regions": sorted(set(need_pool.values()))}).rows:
            u = doc_of(r)
            pool[u.region].append(u)
    for k, region in need_pool.items():
        out.uppers[k] = uppers_of(lower[k], [], [], pool.get(region, []), th.nearby)
    return out


def tasks_of(store: GraphStore, doc_keys) -> dict[str, list[TaskText]]:
    out: dict[str, list[TaskText]] = defaultdict(list)
    for tkey, text, dkey, start, parent in keyed(store, "align_tasks_of", doc_keys):
        out[dkey].append(TaskText(tkey, text or "", dkey, start if start is not None else -1, parent))
    return out


def carriers_of(store: GraphStore, task_keys) -> dict[str, list[str]]:
    """Task -> the bodies responsible for it or cooperating on it."""
    out: dict[str, list[str]] = defaultdict(list)
    for name in ("align_carriers_of", "align_cooperators_of"):
        for a, t in keyed(store, name, task_keys):
            if a not in out[t]:
                out[t].append(a)
    return out


def bodies_of(store: GraphStore, keys) -> dict[str, Body]:
    return {r[0]: body_of(r) for r in keyed(store, "align_agencies_of", keys)}


def link_batch(store: GraphStore, keys, settings: AlignSettings) -> tuple[list[tuple], list[Link]]:
    """CARRIES rows and task links of the lower documents ``keys``."""
    found = candidate_uppers(store, keys, settings.carry)
    docs = set(found.lower) | {u.key for ups in found.uppers.values() for u, _ in ups}
    tasks = tasks_of(store, docs)
    carriers = carriers_of(store, [t.key for ts in tasks.values() for t in ts])
    names = {k: b.name or k.split("|", 1)[-1] for k, b in bodies_of(store, {a for v in carriers.values() for a in v}).items()}
    kin = kin_of(carriers, names)
    texts = {k: t or "" for k, t in keyed(store, "lineage_texts", docs)}
    vocab = Vocabulary()
    carried, links = [], []
    for k in sorted(found.lower):
        c, ls = carry_down(found.lower[k], found.uppers[k], tasks, kin, settings.carry, settings.derive, texts, vocab)
        carried += c
        links += ls
    return carried, links


def _edge(typ: str, label: str, src: str, dst: str, doc: str | None, rule: str, **props) -> Edge:
    return Edge(typ, label, src, label, dst, {**props, "doc": doc, "span_start": -1, "span_end": -1, "rule": rule})


def link_edges(carried: list[tuple], links: list[Link]) -> list[Edge]:
    edges = [_edge("CARRIES", "Document", lo, up, lo, RULE_CARRIES, score=score, basis=basis, links=n)
             for lo, up, score, basis, n in carried]
    edges += [_edge("DERIVED_FROM", "Task", k.lower, k.upper, k.lower.split("#", 1)[0], k.rule, score=k.score,
                    basis=k.basis, spans=json.dumps(k.spans), units=json.dumps(k.units)) for k in links]
    return edges


PARTY_OF = ("align_carriers_documents_of", "align_cooperators_documents_of", "align_named_documents_of")
PARTIES_IN = ("align_document_carriers_of", "align_document_cooperators_of", "align_document_named_of")
def _party(body: Body | None, duty: bool) -> bool:
    """A party of a document: a body with a duty there, or one named inside a measure (not a
    generic name such as 相关部门, which is a party only where it holds a duty)."""
    if body is None:
        return False
    return duty or not any(f.startswith("generic:") for f in body.functions)


def _parties(store: GraphStore, reads: tuple[str, ...], keys, flip: bool = False) -> dict[tuple, bool]:
    """(document, body) -> whether the body carries a duty there (else it is named in a measure)."""
    out: dict[tuple, bool] = {}
    for i, name in enumerate(reads):
        for a, b in keyed(store, name, keys):
            pair = (b, a) if flip else (a, b)
            out[pair] = out.get(pair, False) or i < 2
    return out


def context_batch(store: GraphStore, keys) -> tuple[dict[str, Body], dict[str, Context]]:
    """The lower bodies ``keys`` and what their counterparts depend on (:class:`.counterparts.Context`):
    the parties of the documents they are parties of, and of the upper documents those carry down."""
    own = _parties(store, PARTY_OF, keys, flip=True)
    carried = pairs_of(store, "align_carried_of", {d for d, _ in own})
    every = set(carried) | {u for us in carried.values() for u in us}
    parties = _parties(store, PARTIES_IN, every)
    links = keyed(store, "align_links_carried_by", keys)
    up_carriers: dict[str, list[str]] = defaultdict(list)  # the bodies responsible for the upper tasks
    for a, t in keyed(store, "align_carriers_of", {r[2] for r in links}):
        up_carriers[t].append(a)
    bodies = bodies_of(store, set(keys) | {a for _, a in parties} | {a for v in up_carriers.values() for a in v})
    in_doc: dict[str, dict[str, Body]] = defaultdict(dict)
    for (d, a), duty in parties.items():
        if _party(bodies.get(a), duty):
            in_doc[d][a] = bodies[a]
    dutiful = {(d, a) for (d, a), duty in {**parties, **own}.items() if duty}
    ctx: dict[str, Context] = {k: Context() for k in keys}
    for (d, a), duty in own.items():
        if not _party(bodies.get(a), duty):
            continue
        ctx[a].peers.update(in_doc.get(d, {}))
        ctx[a].dutiful |= {b for b in in_doc.get(d, {}) if (d, b) in dutiful}
        for u in carried.get(d, ()):
            ctx[a].uppers.update(in_doc.get(u, {}))
            ctx[a].dutiful |= {b for b in in_doc.get(u, {}) if (u, b) in dutiful}
    for a, _t, u, score, rule in links:
        for b in up_carriers.get(u, ()):
            ctx[a].links[b].append((score or 0.0, rule))
    return bodies, ctx


def counterpart_batch(store: GraphStore, keys, settings: AlignSettings) -> list[Edge]:
    bodies, ctx = context_batch(store, keys)
    out = []
    for k in sorted(keys):
        if k in bodies:
            for low, up, score, basis in counterparts(bodies[k], ctx[k], settings.counterparts):
                out.append(_edge("COUNTERPART_OF", "Agency", low, up, None, RULE_FUNCTION, score=score, basis=basis))
    return out


WRITE_ROWS = 20_000  # derived relationships a transaction: each checks the disk has room before it starts


def write_edges(store: GraphStore, edges: list[Edge], chunk: int | None = None) -> None:
    """New derived relationships, ``chunk`` rows a transaction (at most :data:`WRITE_ROWS`: a task
    link carries its spans and measures, and a transaction is refused, not cut off, on a full disk)."""
    chunk = min(chunk or store.transaction_rows, WRITE_ROWS)
    for i in range(0, len(edges), chunk):
        with store.transaction():
            write_batch(store, GraphBatch(edges=edges[i:i + chunk]))


def summarize(edges: list[Edge], out: dict | None = None) -> dict:
    """Counts of the derived relationships by basis (counterparts, carried documents) and rule (task links)."""
    out = out or {"counterparts": 0, "counterparts_by_basis": {}, "carried": 0, "carried_by_basis": {},
                  "task_links": 0, "task_links_by_rule": {}}
    for e in edges:
        name, by, key = {"COUNTERPART_OF": ("counterparts", "counterparts_by_basis", "basis"),
                         "CARRIES": ("carried", "carried_by_basis", "basis")}.get(
            e.type, ("task_links", "task_links_by_rule", "rule"))
        out[name] += 1
        out[by][e.props[key]] = out[by].get(e.props[key], 0) + 1
    return out


def align_documents(store: GraphStore, keys, settings: AlignSettings, counts: dict, chunk: int | None) -> None:
    """Compute and write the CARRIES edges and task links of the lower documents ``keys``, a batch at a time."""
    keys = sorted(keys)
    for i in range(0, len(keys), settings.batch):
        carried, links = link_batch(store, keys[i:i + settings.batch], settings)
        edges = link_edges(carried, links)
        write_edges(store, edges, chunk)
        summarize(edges, counts)


def align_agencies(store: GraphStore, keys, settings: AlignSettings, counts: dict, chunk: int | None) -> None:
    """Compute and write the counterparts of the lower bodies ``keys``, a batch at a time."""
    keys = sorted(keys)
    for i in range(0, len(keys), settings.batch):
        edges = counterpart_batch(store, keys[i:i + settings.batch], settings)
        write_edges(store, edges, chunk)
        summarize(edges, counts)


def realign(store: GraphStore, *, write_chunk: int | None = None, settings: AlignSettings = AlignSettings()) -> dict:
    """Recompute every derived relationship; returns counts and the time taken.
    :func:`.align_scope.realign_after` recomputes only what some documents can change."""
    t0 = time.perf_counter()
    with store.transaction():  # until it is done, a failed run leaves the next one to recompute everything
        set_state(store, ALIGNED, "")
    store.delete_derived_in_chunks(write_chunk or store.transaction_rows)
    counts = summarize([])
    align_documents(store, [r[0] for r in read(store, "align_document_keys").rows], settings, counts, write_chunk)
    agencies = {r[0] for name in ("align_agency_keys", "align_named_keys") for r in read(store, name).rows}
    align_agencies(store, agencies, settings, counts, write_chunk)
    with store.transaction():
        set_state(store, ALIGNED, VERSION)
    return {**counts, "seconds": round(time.perf_counter() - t0, 3)}
