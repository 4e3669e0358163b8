"""Alignment after an ingest, recomputing only what the documents it touched can change
(:func:`realign_after`): the derived relationships :func:`.align.realign` gives, at a cost that
follows the change, not the graph.

What a touched document (written, replaced or removed: :class:`.touched.Touched`) can change:

- the ``CARRIES`` edges and task links owned by a lower document, for the lower documents whose
  candidate upper documents (:func:`.carries.uppers_of`) may include it: the touched documents
  themselves, those citing them, those whose citations lineage moved, those below them with the
  same stem, and -- for a document that cites nothing stored -- those one step below for which a
  touched document (as it is, or as it was) is among the nearest in date;
- the ``COUNTERPART_OF`` edges owned by a lower body, for the bodies carrying duties in those
  documents and the bodies touched documents name or named: a body's counterparts depend only on
  the documents it carries duties in, what they carry down and the bodies carrying duties there.

Bodies are compared by the functions of their names and regions by the gazetteer, which no ingest
changes; so nothing else moves, and no region's whole set of bodies is ever read.  A store whose
derived facts were computed by another version of alignment is recomputed whole.
"""
from __future__ import annotations

import time
from collections import defaultdict

from .. import schema
from .align import (ALIGNED, PARTIES_IN, VERSION, AlignSettings, align_agencies, align_documents, docs_of, keyed, pairs_of,
                    realign, summarize, with_tasks)
from .carries import Doc, above, doc_of, uppers_of
from ..ledger import read_state, set_state
from ..statements import read
from ..stores.base import GraphStore, chunks
from ..touched import Touched
from ...vocab.hierarchy import children


def same_stem_below(store: GraphStore, tops: list[Doc]) -> set[str]:
    """Documents with tasks below one of ``tops`` sharing its stem."""
    by_stem: dict[str, list[Doc]] = defaultdict(list)
    for d in tops:
        if d.stem:
            by_stem[d.stem].append(d)
    out = set()
    for part in chunks(sorted(by_stem)):
        for r in read(store, "align_documents_with_stem", {"stems": part}).rows:
            d = doc_of(r)
            if any(above(t, d) for t in by_stem[d.stem]):
                out.add(d.key)
    return out


def titled_of(store: GraphStore, docs) -> dict[str, list[Doc]]:
    """stem -> the documents with tasks of that stem, for the stems of ``docs``."""
    out: dict[str, list[Doc]] = defaultdict(list)
    for part in chunks(sorted({d.stem for d in docs if d.stem})):
        for r in read(store, "align_documents_with_stem", {"stems": part}).rows:
            out[r[6]].append(doc_of(r))
    return out


def nearby_affected(store: GraphStore, now: list[Doc], old: list[Doc], settings: AlignSettings) -> set[str]:
    """Documents one step below a touched document that have no cited or same-stem document above
    them and count a touched document, as it is (``now``) or as it was (``old``), among the
    ``nearby`` documents they are compared with."""
    tops = now + old
    regions = {d.region for d in tops if d.region}
    kids_regions = sorted({c for d in tops for c in children(d.region, d.province)})
    if not kids_regions:
        return set()
    kids = {r[0]: doc_of(r) for r in read(store, "align_documents_in", {"regions": kids_regions}).rows}
    kids = {k: d for k, d in kids.items() if len(d.regions) > 1 and d.regions[1] in regions}
    cites = pairs_of(store, "align_citations_of", kids)
    cited = docs_of(store, with_tasks(store, {b for bs in cites.values() for b in bs}))
    titled = titled_of(store, kids.values())
    pool = [doc_of(r) for r in read(store, "align_documents_in", {"regions": sorted(regions)}).rows]
    touched = {d.key for d in tops}
    before = [u for u in pool if u.key not in touched] + old
    out = set()
    for k, d in kids.items():
        if uppers_of(d, [cited[c] for c in cites.get(k, ()) if c in cited], titled.get(d.stem, []), [], 0):
            continue
        near = {u.key for u, _ in uppers_of(d, [], [], pool, settings.carry.nearby)}
        near |= {u.key for u, _ in uppers_of(d, [], [], before, settings.carry.nearby)}
        if near & touched:
            out.add(k)
    return out


def lower_documents(store: GraphStore, touched: Touched, moved: set[str], settings: AlignSettings) -> set[str]:
    """The lower documents whose CARRIES edges and task links are recomputed (module docstring)."""
    now = docs_of(store, touched)
    current = [now[k] for k in sorted(with_tasks(store, now))]
    old = [Doc(o.key, o.level, o.region, o.province, o.date, o.stem) for o in touched.old.values() if o.tasks]
    docs = {d.key for d in current} | set(moved)
    docs |= {r[0] for r in keyed(store, "align_citers_of", touched)}
    docs |= same_stem_below(store, current + old)
    docs |= nearby_affected(store, current, old, settings)
    return with_tasks(store, docs)


def lower_agencies(store: GraphStore, docs: set[str], touched: Touched) -> set[str]:
    """The bodies whose counterparts are recomputed: the parties of ``docs`` (carrying duties or
    named in their measures), and those touched documents name now or named before."""
    out = set(touched.named.get("Agency", ()))
    out |= {r[0] for r in keyed(store, "mentioned_agency_of", touched)}
    for name in PARTIES_IN:
        out |= {r[1] for r in keyed(store, name, docs)}
    return out


def delete_scoped(store: GraphStore, docs: set[str] = frozenset(), agencies: set[str] = frozenset()) -> None:
    """Drop the task links and CARRIES edges of the lower documents ``docs``, the counterparts of ``agencies``."""
    L, T = schema.label, schema.rel_type
    with store.transaction():
        for part in chunks(sorted(docs)):
            store.execute(f"UNWIND $keys AS k MATCH (:{L('Document')} {{key: k}})<-[:{T('PART_OF')}]-(:{L('Task')})"
                          f"-[e:{T('DERIVED_FROM')}]->(:{L('Task')}) WHERE e.rule STARTS WITH $p DELETE e",
                          {"keys": part, "p": schema.DERIVED_RULE_PREFIX})
            store.execute(f"UNWIND $keys AS k MATCH (:{L('Document')} {{key: k}})-[e:{T('CARRIES')}]->"
                          f"(:{L('Document')}) DELETE e", {"keys": part})
        for part in chunks(sorted(agencies)):
            store.execute(f"UNWIND $keys AS k MATCH (:{L('Agency')} {{key: k}})-[e:{T('COUNTERPART_OF')}]->"
                          f"(:{L('Agency')}) DELETE e", {"keys": part})


def realign_after(store: GraphStore, touched: Touched | None, *, moved=(), write_chunk: int | None = None,
                  settings: AlignSettings = AlignSettings()) -> dict:
    """Alignment after an ingest that touched ``touched`` (None: everything), lineage having
    moved the citations of the documents ``moved``; returns what :func:`.align.realign` returns
    and the scope (how many lower documents and bodies were recomputed)."""
    t0 = time.perf_counter()
    if touched is None or read_state(store, ALIGNED) != VERSION:
        return {**realign(store, write_chunk=write_chunk, settings=settings), "scope": "all"}
    with store.transaction():  # until it is done, a failed run leaves the next one to recompute everything
        set_state(store, ALIGNED, "")
    docs = lower_documents(store, touched, set(moved), settings)
    delete_scoped(store, docs=docs)
    counts = summarize([])
    align_documents(store, docs, settings, counts, write_chunk)
    agencies = lower_agencies(store, docs, touched)
    delete_scoped(store, agencies=agencies)
    align_agencies(store, agencies, settings, counts, write_chunk)
    with store.transaction():
        set_state(store, ALIGNED, VERSION)
    return {**counts, "scope": {"documents": len(docs), "agencies": len(agencies)},
            "seconds": round(time.perf_counter() - t0, 3)}
