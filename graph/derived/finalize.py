"""What is recomputed from the stored per-document facts after every ingest.

Documents are written one transaction at a time and may arrive in any order, be replaced,
or be interrupted (kill -9) and re-run.  Everything here is a function of the facts the
documents own, so running it after any sequence of ingests of the same files gives the
same graph:

1. garbage: shared nodes no document mentions any more (agencies, zones, clusters), stubs
   nobody cites or repeals, instruments no task uses, places nothing sits in, and zone/cluster
   locations no mentioning document supports;
2. agency aliases = every surface form of its ``MENTIONED_IN`` edges (the union across
   documents), and the provenance of every shared node = its first mention (smallest
   document key, then position);
3. zone and cluster ``region`` = the most local region of a document that names them;
4. lineage (:func:`.lineage.relink`): citations and repeals resolved to the
   documents they name (stubs merged into them), statuses, agency successions and memberships;
5. alignment (:func:`.align.realign`): documents carried down, task derivations, counterparts.

Every step takes ``touched`` (:class:`policykg.graph.touched.Touched`: the documents an ingest wrote or
removed, and what the removed versions named; None: everything).  Garbage is looked for only
among what removed versions named (new documents leave none), shared facts are recomputed only
for the nodes touched documents name or named, and alignment only where :mod:`.align_scope`
says those documents can change it: the graph a recomputation of everything gives (the tests
hold the two equal), at a cost that follows the change, not the graph.
"""
from __future__ import annotations

import time

from ...errors import PolicyKGError
from .. import schema
from .align_scope import realign_after
from ..batch import first_mention
from .lineage import relink
from ..statements import SHARED_MENTIONED, read
from ..stores.base import GraphStore, chunks
from .align import ALIGNED
from ..ledger import set_state
from ..touched import Touched
from ..write import set_properties

PLACE_USERS = {  # who may point at a place; a place with none of these is garbage
    "County": [("Agency", "LOCATED_IN"), ("Zone", "LOCATED_IN"), ("Cluster", "LOCATED_IN"),
               ("Document", "ISSUED_IN")],
    "City": [("Agency", "LOCATED_IN"), ("Zone", "LOCATED_IN"), ("Cluster", "LOCATED_IN"),
             ("County", "LOCATED_IN"), ("Document", "ISSUED_IN")],
    "Province": [("Agency", "LOCATED_IN"), ("Zone", "LOCATED_IN"), ("Cluster", "LOCATED_IN"),
                 ("County", "LOCATED_IN"), ("City", "LOCATED_IN"), ("Document", "ISSUED_IN")],
}


def collect_garbage(store: GraphStore, touched: Touched | None = None) -> None:
    """Delete what nothing supports any more: among everything, or among what the removed
    versions of ``touched`` named (places: always all, there are few)."""
    if touched is not None and not touched.removed_any:
        return
    L, T = schema.label, schema.rel_type
    for lbl in SHARED_MENTIONED:
        _delete_where(store, lbl, touched, f"NOT EXISTS {{ MATCH (n)-[:{T('MENTIONED_IN')}]->(:{L('Document')}) }}",
                      "DETACH DELETE n")
    _delete_where(store, "Document", touched, f"n.stub = true AND NOT EXISTS "
                  f"{{ MATCH (:{L('Document')})-[:{T('DERIVED_FROM')}]->(n) }} AND NOT EXISTS "
                  f"{{ MATCH (:{L('Document')})-[:{T('SUPERSEDES')}]->(n) }}", "DETACH DELETE n")
    for lbl in ("Zone", "Cluster"):
        for place in schema.PLACES:
            _delete_where(store, lbl, touched, None, f"MATCH (n)-[e:{T('LOCATED_IN')}]->(p:{L(place)}) WHERE NOT EXISTS "
                          f"{{ MATCH (n)-[:{T('MENTIONED_IN')}]->(:{L('Document')})-[:{T('ISSUED_IN')}]->(p) }} DELETE e")
    store.execute(f"MATCH (i:{L('Instrument')}) WHERE NOT EXISTS {{ MATCH (:{L('Task')})-[:{T('USES')}]->(i) }} "
                  "DETACH DELETE i")  # the 16 tools: always all
    for place in ("County", "City", "Province"):  # lower levels first: they keep higher ones alive
        used = " AND ".join(f"NOT EXISTS {{ MATCH (:{L(src)})-[:{T(typ)}]->(p) }}"
                            for src, typ in PLACE_USERS[place])
        store.execute(f"MATCH (p:{L(place)}) WHERE {used} DETACH DELETE p")


def _delete_where(store: GraphStore, lbl: str, touched: Touched | None, where: str | None, then: str) -> None:
    """``then`` for every node ``n`` of ``lbl`` (or those ``touched`` named) meeting ``where``."""
    cond = f" WHERE {where}" if where else ""
    if touched is None:
        store.execute(f"MATCH (n:{schema.label(lbl)}){cond} {then}")
        return
    for part in chunks(sorted(touched.named.get(lbl, ()))):
        store.execute(f"UNWIND $keys AS k MATCH (n:{schema.label(lbl)} {{key: k}}){cond} {then}", {"keys": part})


def _revisited(store: GraphStore, touched: Touched, lbl: str) -> list[str]:
    """The nodes of ``lbl`` that touched documents mention now or mentioned before."""
    now = {r[0] for part in chunks(sorted(touched))
           for r in read(store, f"mentioned_{lbl.lower()}_of", {"keys": part}).rows}
    return sorted(now | touched.named.get(lbl, set()))


def _rows(store: GraphStore, name: str, keys: list[str]) -> list:
    """The rows of read ``name``_of for these keys."""
    return [r for part in chunks(keys) for r in read(store, f"{name}_of", {"keys": part}).rows]


def shared_updates(lbl: str, current: dict[str, tuple], mentions: dict[str, list]) -> list[dict]:
    """Aliases (agencies) or region (zones, clusters) and provenance from the mentions, for the
    nodes whose stored values differ (pure)."""
    updates = []
    for key, ms in mentions.items():
        name, *old = current[key]
        new = list(first_mention([m[:4] for m in ms]))
        if lbl == "Agency":
            new.append(sorted({m[4] for m in ms if m[4]} - {name}))
        else:
            local = min(ms, key=lambda m: (0 if m[5] else 1 if m[6] else 2, m[0] or ""))
            new.append(local[5] or local[6] or local[7])
        if list(old) != new:
            updates.append(dict(zip(["key", "doc", "span_start", "span_end", "rule",
                                     "aliases" if lbl == "Agency" else "region"], [key, *new])))
    return updates


SHARED_CHUNK = 5_000  # shared nodes recomputed at a time: memory bounded whatever the graph's size


def recompute_shared(store: GraphStore, touched: Touched | None = None) -> int:
    """Aliases, provenance and zone/cluster regions from the mentions, of every shared node or of
    those ``touched`` documents mention or mentioned, ``SHARED_CHUNK`` nodes at a time; writes
    only changes."""
    changed = 0
    for lbl in SHARED_MENTIONED:
        keys = (_revisited(store, touched, lbl) if touched is not None
                else [r[0] for r in read(store, f"keys_{lbl.lower()}").rows])
        cols = ["doc", "span_start", "span_end", "rule", "aliases" if lbl == "Agency" else "region"]
        for part in chunks(keys, SHARED_CHUNK):
            current = {r[0]: r[1:] for r in _rows(store, f"shared_{lbl.lower()}", part)}
            mentions: dict[str, list] = {}
            for key, surface, doc, s, e, rule, county, city, province in _rows(store, f"mentions_{lbl.lower()}", part):
                mentions.setdefault(key, []).append((doc, s, e, rule, surface, county, city, province))
            changed += set_properties(store, lbl, shared_updates(lbl, current, mentions), cols)
    return changed


def forget_alignment(store: GraphStore) -> dict:
    """Alignment skipped: the next one recomputes everything (its version record is dropped)."""
    with store.transaction():
        set_state(store, ALIGNED, "")
    return {}


def finalize(store: GraphStore, *, align: bool = True, touched: Touched | None = None) -> dict:
    """Recompute the derived state (one transaction), then realign.  Idempotent.  ``touched``:
    what this ingest wrote or removed (None = everything), for what only it can change."""
    t0 = time.perf_counter()
    with store.transaction():
        collect_garbage(store, touched)
        changed = recompute_shared(store, touched)
        tl = time.perf_counter()
        lineage = relink(store, touched)
    t1 = time.perf_counter()
    moved = lineage.pop("moved_from")
    error, aligned = None, {}
    try:
        aligned = realign_after(store, touched, moved=moved) if align else forget_alignment(store)
    except PolicyKGError as e:  # the documents are committed; a re-run retries alignment
        error = str(e)
    t2 = time.perf_counter()
    out = {"shared_nodes_updated": changed, "lineage": lineage, "aligned": align and error is None,
           "incremental": touched is not None, "align_scope": aligned.get("scope"),
           "seconds": {"recompute": round(tl - t0, 3), "lineage": round(t1 - tl, 3), "align": round(t2 - t1, 3)}}
    if error:
        out["align_error"] = error
    return out
