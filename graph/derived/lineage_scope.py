"""Lineage after an ingest, recomputed only for what the touched documents can change (used by
:func:`policykg.graph.derived.lineage.relink` when finalize passes ``touched``).

A citation or repeal resolves (:mod:`.resolve`) from its citing document and the documents
whose 文号 equals the one it prints or whose title keys match its title (exactly, or at a
rapidfuzz ratio of ``FUZZY``); a document learns a 文号 from the first citation that names
it by title and prints a number nobody prints.  So after an ingest a link can only resolve
differently when

- its citing document or its stored target is a changed document;
- a changed document prints (or printed, or learned) the 文号 it prints;
- one of its title keys matches a title key of a changed document;

where the changed documents are the touched ones (written, replaced or removed), and,
to a fixpoint, every document that may learn or unlearn a 文号 from an affected link.  Every
other link keeps its stored resolution.  Statuses and stubs are recomputed from all links as
before (cheap: no matching); the agency edges of :mod:`.succession` are recomputed for the
regions of the agencies touched documents name or named (:func:`agency_scope`).  The tests
hold the result equal to a recomputation of everything, on both stores.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Callable

from rapidfuzz import fuzz, process

from ...vocab.docnumbers import number_key
from ..build import cited_key
from .resolve import FUZZY, Citation, Doc, Index, learned_numbers, resolve
from ..statements import read
from ..stores.base import GraphStore, chunks
from .succession import Body, expansion


class Citations:
    """The stored links (``Link`` of :mod:`.lineage`) by what they print and where they point."""

    def __init__(self, links: list):
        self.links = links
        self.cited: list[Citation] = [l.citation() for l in links]
        self.by_doc: dict[str, list[int]] = defaultdict(list)
        self.by_number: dict[str, list[int]] = defaultdict(list)
        self.by_title: dict[str, list[int]] = defaultdict(list)
        for i, (l, c) in enumerate(zip(links, self.cited)):
            self.by_doc[l.src].append(i)
            self.by_doc[l.dst].append(i)
            if c.number:
                self.by_number[number_key(c.number)].append(i)
            for k in c.keys:
                self.by_title[k].append(i)
        self.title_list = sorted(self.by_title)

    def naming(self, docs: set[str], numbers: set[str], titles: set[str]) -> set[int]:
        """The links from or to ``docs``, printing one of ``numbers``, or titled like ``titles``."""
        out: set[int] = set()
        for k in docs:
            out.update(self.by_doc.get(k, ()))
        for n in numbers:
            out.update(self.by_number.get(n, ()))
        for t in titles:
            out.update(self.by_title.get(t, ()))
            for hit, _, _ in process.extract(t, self.title_list, scorer=fuzz.ratio, score_cutoff=FUZZY, limit=None):
                out.update(self.by_title[hit])
        return out


def learnable(c: Citation, printed: Index) -> bool:
    """Whether a citation may teach a 文号 (as :func:`.resolve.learned_numbers` decides)."""
    return bool(c.number and c.title) and not printed.by_number.get(number_key(c.number))


def affected(stored, cits: Citations, printed: Index, learned_before: dict[str, tuple], changed: set[str],
             old_numbers: set[str], old_titles: set[str]) -> tuple[set[int], set[str]]:
    """(indexes of the links to resolve again, the changed documents), to a fixpoint: a document
    an affected link may teach a 文号 (or that learned its own from one) changes too."""
    links: set[int] = set()
    seen: set[str] = set()
    numbers: set[str] = set()  # searched already
    titles: set[str] = set()
    pend_n, pend_t = set(old_numbers), set(old_titles)
    while True:
        fresh = changed - seen
        seen |= fresh
        for k in fresh:
            d = stored.docs.get(k)
            pend_n.update(number_key(n) for n in ([d.number] if d and d.number else [])
                          + ([learned_before[k][0]] if k in learned_before else []))
            pend_t |= d.title_keys if d else set()
        pend_n -= numbers
        pend_t -= titles
        if not (fresh or pend_n or pend_t):
            return links, changed
        found = cits.naming(fresh, pend_n, pend_t) - links
        numbers |= pend_n
        titles |= pend_t
        pend_n, pend_t = set(), set()
        links |= found
        teachers = {cits.links[i].src for i in found}
        for i in found:
            l, c = cits.links[i], cits.cited[i]
            if l.src in stored.docs and learnable(c, printed):
                m = resolve(stored.docs[l.src], c, printed, numbers=False)
                if m:
                    changed.add(m.key)
        changed.update(k for k, (num, frm) in learned_before.items()
                       if frm in teachers or number_key(num) in numbers)


def resolve_scoped(stored, touched) -> tuple[dict[str, Doc], dict[tuple, tuple], int]:
    """As :func:`.lineage.resolve_links`, resolving again only the links ``touched`` can change
    (the others keep their stored target, basis and score); also returns how many were resolved."""
    cits = Citations(stored.links)
    printed = Index(stored.docs)  # printed numbers only: what learning sees
    learned_before = {k: (s["doc_number"], s["number_from"]) for k, s in stored.doc_state.items()
                      if s.get("number_from") and s.get("doc_number")}
    changed = set(touched) | set(touched.named.get("Document", ()))
    links, changed = affected(stored, cits, printed, learned_before, changed,
                              {number_key(n) for n in touched.numbers}, set(touched.titles))
    citing = [(stored.docs[cits.links[i].src], cits.cited[i]) for i in sorted(links)
              if cits.links[i].src in stored.docs]
    fresh = learned_numbers(citing, printed)
    learned = {k: v for k, v in learned_before.items() if k not in changed}
    learned.update({k: v for k, v in fresh.items() if k in changed})
    for k in changed:  # a 文号 learned anew: the links printing it resolve by number now
        if k in learned:
            links.update(cits.by_number.get(number_key(learned[k][0]), ()))
    docs = {k: replace(d, number=learned[k][0], number_from=learned[k][1]) if k in learned else d
            for k, d in stored.docs.items()}
    index = Index(docs)
    out = {}
    for i, l in enumerate(stored.links):
        if i not in links:
            out[l.ident] = (l.dst, l.props.get("basis"), l.props.get("score"))
        elif not (l.props.get("cited_title") or l.props.get("cited_number")):
            out[l.ident] = (l.dst, None, None) if docs[l.dst].stub else (l.dst, "number", 1.0)
        else:
            m = resolve(docs[l.src], cits.cited[i], index)
            out[l.ident] = (m.key, m.basis, m.score) if m else (cited_key(l.props.get("cited_number"),
                                                                           l.props.get("cited_title")), None, None)
    return docs, out, len(links)


# --- agencies ------------------------------------------------------------------------------------
def bodies_of(rows) -> list[Body]:
    return [Body(k, n or "", reg, prov, lvl, fn, bool(coll), tuple(al or ()))
            for k, n, al, reg, prov, lvl, fn, coll in rows]


def _in_regions(store: GraphStore, regions: set) -> list[Body]:
    named = sorted(r for r in regions if r)
    rows = [r for part in chunks(named) for r in read(store, "lineage_agencies_in", {"regions": part}).rows]
    return bodies_of(rows)


def agency_scope(store: GraphStore, touched) -> tuple[list[Body], Callable[[str, str, str], bool]]:
    """The agencies whose successions and memberships ``touched`` can change, with those they
    are decided against, and which stored edges they decide (``keep(type, src, dst)``).

    Changed agencies: those the touched documents name now or named.  Their regions are loaded
    whole (a succession stays in its region), with every collective of their provinces and the
    national ones; a collective that addresses one of those regions (or changed itself) decides
    its memberships, its members' regions loaded whole too.  Agencies without a region: all."""
    keys = sorted({r[0] for part in chunks(sorted(touched)) for r in
                   read(store, "mentioned_agency_of", {"keys": part}).rows} | touched.named.get("Agency", set()))
    groups = {(r[1], r[2]) for part in chunks(keys) for r in read(store, "agency_groups_of", {"keys": part}).rows}
    groups |= touched.groups
    regions = {g[0] for g in groups}
    if None in regions or "" in regions:
        return bodies_of(read(store, "lineage_agencies").rows), lambda typ, a, z: True
    local = _in_regions(store, regions)
    provinces = sorted({b.province for b in local if b.province} | {r for r, lvl in groups if lvl == "province"})
    colls = {b.key: b for part in chunks(provinces) for b in
             bodies_of(read(store, "lineage_collectives_in", {"provinces": part}).rows)}
    colls.update({b.key: b for b in local if b.collective})
    deciding, places = set(), set()
    for b in colls.values():
        e = expansion(b)
        if e is not None and (b.key in keys or regions & set(e.places)):
            deciding.add(b.key)
            places |= set(e.places)
    bodies = {b.key: b for b in local + _in_regions(store, places - regions)}
    whole = {k for k, b in bodies.items() if not b.collective}
    bodies.update(colls)

    def keep(typ: str, a: str, z: str) -> bool:
        return a in whole if typ == "SUCCEEDED_BY" else z in deciding
    return list(bodies.values()), keep
