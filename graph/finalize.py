"""What is recomputed from the stored per-document facts after every ingest.

Documents are written one transaction at a time and may arrive in any order, be replaced,
or be interrupted (kill -9) and re-run.  Everything here is a function of the facts the
documents own, so running it after any sequence of ingests of the same files gives the
same graph:

1. garbage: shared nodes no document mentions any more (agencies, zones, clusters), stubs
   nobody cites or repeals, places nothing sits in, and zone/cluster locations no mentioning
   document supports;
2. agency aliases = every surface form of its ``MENTIONED_IN`` edges (the union across
   documents), and the provenance of every shared node = its first mention (smallest
   document key, then position);
3. zone and cluster ``region`` = the most local region of a document that names them;
4. lineage (:func:`policykg.graph.lineage.relink`): citations and repeals resolved to the
   documents they name (stubs merged into them), statuses, agency successions and memberships;
5. alignment (:func:`policykg.graph.align.realign`).
"""
from __future__ import annotations

import time

from ..errors import PolicyKGError
from . import schema
from .align import realign
from .batch import first_mention
from .lineage import relink
from .statements import read
from .stores.base import GraphStore
from .write import set_properties

PLACE_USERS = {  # who may point at a place; a place with none of these is garbage
    "County": [("Agency", "LOCATED_IN"), ("Zone", "LOCATED_IN"), ("Cluster", "LOCATED_IN"),
               ("Document", "ISSUED_IN")],
    "City": [("Agency", "LOCATED_IN"), ("Zone", "LOCATED_IN"), ("Cluster", "LOCATED_IN"),
             ("County", "LOCATED_IN"), ("Document", "ISSUED_IN")],
    "Province": [("Agency", "LOCATED_IN"), ("Zone", "LOCATED_IN"), ("Cluster", "LOCATED_IN"),
                 ("County", "LOCATED_IN"), ("City", "LOCATED_IN"), ("Document", "ISSUED_IN")],
}


def collect_garbage(store: GraphStore) -> None:
    L, T = schema.label, schema.rel_type
    for lbl in ("Agency", "Zone", "Cluster"):
        store.execute(f"MATCH (n:{L(lbl)}) WHERE NOT EXISTS {{ MATCH (n)-[:{T('MENTIONED_IN')}]->(:{L('Document')}) }} "
                      f"DETACH DELETE n")
    store.execute(f"MATCH (d:{L('Document')}) WHERE d.stub = true AND NOT EXISTS "
                  f"{{ MATCH (:{L('Document')})-[:{T('DERIVED_FROM')}]->(d) }} AND NOT EXISTS "
                  f"{{ MATCH (:{L('Document')})-[:{T('SUPERSEDES')}]->(d) }} DETACH DELETE d")
    for lbl in ("Zone", "Cluster"):
        for place in schema.PLACES:
            store.execute(
                f"MATCH (z:{L(lbl)})-[e:{T('LOCATED_IN')}]->(p:{L(place)}) WHERE NOT EXISTS "
                f"{{ MATCH (z)-[:{T('MENTIONED_IN')}]->(:{L('Document')})-[:{T('ISSUED_IN')}]->(p) }} DELETE e")
    for place in ("County", "City", "Province"):  # lower levels first: they keep higher ones alive
        used = " AND ".join(f"NOT EXISTS {{ MATCH (:{L(src)})-[:{T(typ)}]->(p) }}"
                            for src, typ in PLACE_USERS[place])
        store.execute(f"MATCH (p:{L(place)}) WHERE {used} DETACH DELETE p")


def recompute_shared(store: GraphStore) -> int:
    """Aliases, provenance and zone/cluster regions from the mentions; writes only changes."""
    changed = 0
    for lbl in ("Agency", "Zone", "Cluster"):
        current = {r[0]: r[1:] for r in read(store, f"shared_{lbl.lower()}").rows}
        mentions: dict[str, list] = {}
        for key, surface, doc, s, e, rule, county, city, province in read(store, f"mentions_{lbl.lower()}").rows:
            mentions.setdefault(key, []).append((doc, s, e, rule, surface, county, city, province))
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
        changed += set_properties(store, lbl, updates, ["doc", "span_start", "span_end", "rule",
                                                 "aliases" if lbl == "Agency" else "region"])
    return changed


def finalize(store: GraphStore, *, align: bool = True, touched: set[str] | None = None) -> dict:
    """Recompute the derived state (one transaction), then realign.  Idempotent.  ``touched``:
    the documents this ingest wrote (None = all), for what only they can change."""
    t0 = time.perf_counter()
    with store.transaction():
        collect_garbage(store)
        changed = recompute_shared(store)
        tl = time.perf_counter()
        lineage = relink(store, touched)
    t1 = time.perf_counter()
    error = None
    if align:
        try:
            realign(store)
        except PolicyKGError as e:  # the documents are committed; a re-run retries alignment
            error = str(e)
    t2 = time.perf_counter()
    out = {"shared_nodes_updated": changed, "lineage": lineage, "aligned": align and error is None,
           "seconds": {"recompute": round(tl - t0, 3), "lineage": round(t1 - tl, 3), "align": round(t2 - t1, 3)}}
    if error:
        out["align_error"] = error
    return out
