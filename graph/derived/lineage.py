"""Document lineage, recomputed from the stored facts after every ingest: :func:`relink` =
:func:`load` -> :func:`compute` (pure) -> :func:`write`.

Each document's extraction points its citations (``DERIVED_FROM``) and repeals
(``SUPERSEDES``) at a stub keyed by the cited 文号 or title, with the raw citation on the edge.
Here every such edge is resolved again against every real document (:mod:`.resolve`): an
edge whose document is found moves to it (same provenance; ``basis``, ``score``, and for
citations ``lag_days`` and ``reproduction``), a stub left without edges is deleted, and a
document whose page does not print its 文号 learns it from a citation that does
(``number_from`` = the citing document).  Then each document's ``status`` (``in_force``,
``repealed`` or ``partly_repealed`` with ``repealed_by`` and ``repealed_on``), and the agency
edges of :mod:`.succession` (``SUCCEEDED_BY``, ``MEMBER_OF``).  Everything is a function of
what is stored, so any ingest order, or the same documents twice, gives the same graph.

``touched`` (the documents an ingest wrote; None = all) only limits which texts are read again
for ``reproduction``: a stored value is kept for a pair neither of whose documents changed.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Callable

from ...vocab.titles import title_variants
from .. import schema
from ..batch import Edge, GraphBatch, Node, first_mention
from ..build import cited_key
from .reproduction import reproduction
from .resolve import Citation, Doc, Index, learned_numbers, resolve
from ..statements import read
from ..stores.base import GraphStore, chunks
from .lineage_scope import bodies_of, agency_scope, resolve_scoped
from .succession import RULE_DIVISIONS, RULE_REFORM, Body, member_edges, succession_edges
from ..touched import Touched
from ..write import set_properties, write_batch

LINK_TYPES = ("DERIVED_FROM", "SUPERSEDES")
RESOLVED = ("basis", "score", "lag_days", "reproduction")  # what resolution sets on a citation edge
DOC_DERIVED = ("doc_number", "number_from", "status", "repealed_by", "repealed_on")
STUB_DERIVED = ("title", "title_keys", "doc", "span_start", "span_end", "rule")


@dataclass
class Link:
    """One citation or repeal edge as stored (identity: type, source, target, span, rule)."""
    type: str
    src: str
    dst: str
    props: dict

    @property
    def ident(self) -> tuple:
        return (self.type, self.src, self.dst, self.props.get("span_start"), self.props.get("rule"))

    def citation(self) -> Citation:
        p = self.props
        return Citation(p.get("cited_title"), p.get("cited_number"), tuple(p.get("issuer_hint") or ()),
                        p.get("date_hint"))


@dataclass
class Stored:
    docs: dict[str, Doc]
    doc_state: dict[str, dict]  # key -> the derived columns as stored
    links: list[Link]
    bodies: list[Body]
    agency_edges: dict[str, set]  # SUCCEEDED_BY / MEMBER_OF -> {(src, dst, props tuple)}
    # which agency edges the bodies decide (an incremental finalize loads some agencies only)
    decides: Callable[[str, str, str], bool] = lambda typ, a, z: True


@dataclass
class Plan:
    """What :func:`write` changes."""
    moves: list[tuple[Link, Link]] = field(default_factory=list)  # (as stored, as it should be)
    updates: list[Link] = field(default_factory=list)  # same ends, other resolution
    docs: list[dict] = field(default_factory=list)
    stubs: list[dict] = field(default_factory=list)
    drop_stubs: list[str] = field(default_factory=list)
    add_edges: list[Edge] = field(default_factory=list)
    remove_edges: list[tuple[str, str, str]] = field(default_factory=list)  # (type, src, dst)


# --- load ----------------------------------------------------------------------------------------
def _doc(r: list) -> tuple[Doc, dict]:
    key, stub, number, number_from, title, keys, issuer, prov, city, county, level, date, *rest = r
    own = None if number_from else number  # a learned 文号 is recomputed, not evidence
    doc = Doc(key, bool(stub), own, None, title, frozenset(keys or ()), frozenset([issuer] if issuer else ()),
              prov, city, county, level, date)
    status, by, on, *provenance = rest
    return doc, dict(zip(DOC_DERIVED + STUB_DERIVED, [number, number_from, status, by, on, title, keys, *provenance]))


def load(store: GraphStore, touched: Touched | None = None) -> Stored:
    """Read what lineage needs with the named reads of :mod:`.statements` (``touched``: the
    agencies whose edges it can change, :func:`.lineage_scope.agency_scope`; None: all)."""
    docs, state = {}, {}
    for r in read(store, "lineage_documents").rows:
        docs[r[0]], state[r[0]] = _doc(r)
    for key, name, aliases in read(store, "lineage_issuers").rows:
        if key in docs:
            docs[key].issuers = docs[key].issuers | {name, *(aliases or [])}
    links = []
    for typ in LINK_TYPES:
        res = read(store, f"lineage_{typ.lower()}")
        for row in res.rows:
            rec = dict(zip(res.columns, row))
            links.append(Link(typ, rec.pop("src"), rec.pop("dst"), rec))
    if touched is None:
        bodies, decides = bodies_of(read(store, "lineage_agencies").rows), (lambda typ, a, z: True)
    else:
        bodies, decides = agency_scope(store, touched)
    prefix = {"prefix": schema.LINEAGE_RULE_PREFIX}
    current = {"SUCCEEDED_BY": {(a, z, (("year", y), ("share", s), ("note", n)))
                                for a, z, y, s, n in read(store, "lineage_successions", prefix).rows},
               "MEMBER_OF": {(a, z, ()) for a, z in read(store, "lineage_members", prefix).rows}}
    return Stored(docs, state, links, bodies, current, decides)


# --- compute (pure) ------------------------------------------------------------------------------
def _lag(upper: Doc, lower: Doc) -> int | None:
    """Days from the upper document's date to the lower one's."""
    try:
        a, b = (datetime.date.fromisoformat((d.date or "")[:10]) for d in (upper, lower))
    except ValueError:
        return None
    return (b - a).days


def resolve_links(stored: Stored) -> tuple[dict[str, Doc], dict[tuple, tuple]]:
    """(documents with their learned numbers, link ident -> (target, basis, score)).  A link without
    a raw citation (written before citations kept one, or by hand) keeps its target: the cited key."""
    citing = [(stored.docs[l.src], l.citation()) for l in stored.links if l.src in stored.docs]
    learned = learned_numbers(citing, Index(stored.docs))
    docs = {k: replace(d, number=learned[k][0], number_from=learned[k][1]) if k in learned else d
            for k, d in stored.docs.items()}
    index = Index(docs)
    out = {}
    for l in stored.links:
        if not (l.props.get("cited_title") or l.props.get("cited_number")):  # no raw citation: it stays put
            out[l.ident] = (l.dst, None, None) if docs[l.dst].stub else (l.dst, "number", 1.0)
            continue
        m = resolve(docs[l.src], l.citation(), index)
        out[l.ident] = (m.key, m.basis, m.score) if m else (_stub_key(l), None, None)
    return docs, out


def _stub_key(l: Link) -> str:
    """Where an unresolved link points: the stub its citation makes (as the build made it)."""
    return cited_key(l.props.get("cited_number"), l.props.get("cited_title"))


def needs_text(l: Link, dst: str, docs: dict[str, Doc], touched: set[str] | None) -> bool:
    """Whether a citation between two real documents needs its reproduction computed (again)."""
    if l.type != "DERIVED_FROM" or dst not in docs or docs[dst].stub:
        return False
    return touched is None or dst != l.dst or bool({l.src, dst} & touched) or l.props.get("reproduction") is None


def plan_links(stored: Stored, docs: dict[str, Doc], targets: dict, shares: dict[tuple, float | None],
               touched: set[str] | None) -> Plan:
    """Moves and updates of the citation and repeal edges (``shares``: (upper, lower) ->
    :func:`.reproduction.reproduction`, for the pairs :func:`needs_text` asked for)."""
    plan = Plan()
    for l in stored.links:
        dst, basis, score = targets[l.ident]
        props = dict(l.props, basis=basis, score=score)
        if l.type == "DERIVED_FROM":
            real = basis is not None and not docs[dst].stub
            props["lag_days"] = _lag(docs[dst], docs[l.src]) if real else None
            props["reproduction"] = (shares[(dst, l.src)] if needs_text(l, dst, docs, touched)
                                     else l.props.get("reproduction")) if real else None
        new = Link(l.type, l.src, dst, props)
        if dst != l.dst:
            plan.moves.append((l, new))
        elif any(props.get(k) != l.props.get(k) for k in RESOLVED if k in props):
            plan.updates.append(new)
    return plan


def statuses(links: list[Link], docs: dict[str, Doc]) -> dict[str, tuple]:
    """Document key -> (status, repealed_by, repealed_on): repealed when a document repeals it
    whole (the earliest such repeal), partly_repealed when only in part; in_force otherwise (a
    stub: unknown).  Proposed and reported repeals stay edges and change no status."""
    by: dict[str, list[tuple]] = {}
    for l in links:
        if l.type == "SUPERSEDES" and (l.props.get("modality") or "done") == "done":
            by.setdefault(l.dst, []).append((bool(l.props.get("partial")), l.props.get("effective") or "~", l.src))
    out = {}
    for key, d in docs.items():
        found = sorted(by.get(key, []))
        if not found:
            out[key] = (None if d.stub else "in_force", None, None)
            continue
        partial, when, src = found[0]
        out[key] = ("partly_repealed" if partial else "repealed", src, None if when == "~" else when)
    return out


def stub_props(key: str, links: list[Link]) -> dict:
    """A stub's title, forms and provenance from the citations that point at it: the first
    (smallest citing key, then position) that prints a title, and the first citation."""
    ordered = sorted(links, key=lambda l: (l.src, l.props.get("span_start") or 0, l.props.get("rule") or ""))
    title = next((l.props["cited_title"] for l in ordered if l.props.get("cited_title")), None)
    doc, s, e, rule = first_mention([(l.src, l.props.get("span_start"), l.props.get("span_end"),
                                      l.props.get("rule")) for l in ordered])
    return {"title": title, "title_keys": sorted(title_variants(title)) or None if title else None,
            "doc": doc, "span_start": s, "span_end": e, "rule": rule}


def plan_documents(stored: Stored, docs: dict[str, Doc], plan: Plan) -> None:
    """The derived columns of every document and stub, and the stubs left without a link."""
    final = [new for _, new in plan.moves] + [l for l in stored.links if l.ident not in
                                              {old.ident for old, _ in plan.moves}]
    status = statuses(final, docs)
    pointing: dict[str, list[Link]] = {}
    for l in final:
        pointing.setdefault(l.dst, []).append(l)
    for key, d in docs.items():
        want = dict(zip(DOC_DERIVED, (d.number, d.number_from, *status[key])))
        if d.stub:
            if key not in pointing:
                plan.drop_stubs.append(key)
                continue
            want.update(stub_props(key, pointing[key]))
        have = stored.doc_state[key]
        if any(want[k] != have.get(k) for k in want):
            (plan.stubs if d.stub else plan.docs).append({"key": key, **want})
    for key in sorted(set(pointing) - set(docs)):  # a link resolved no more: back to its stub
        number = None if key.startswith("title:") else key
        plan.stubs.append({"key": key, "stub": True, "doc_number": number, "number_from": None,
                           "status": None, "repealed_by": None, "repealed_on": None, **stub_props(key, pointing[key])})


def plan_agencies(stored: Stored, plan: Plan) -> None:
    """SUCCEEDED_BY and MEMBER_OF edges to add and remove."""
    want = {"SUCCEEDED_BY": {(a, z, tuple(p.items())) for a, z, p in succession_edges(stored.bodies)},
            "MEMBER_OF": {(a, z, ()) for a, z in member_edges(stored.bodies)}}
    for typ, rule in (("SUCCEEDED_BY", RULE_REFORM), ("MEMBER_OF", RULE_DIVISIONS)):
        have = {e for e in stored.agency_edges[typ] if stored.decides(typ, e[0], e[1])}
        want[typ] = {e for e in want[typ] if stored.decides(typ, e[0], e[1])}
        plan.remove_edges += [(typ, a, z) for a, z, _ in sorted(have - want[typ])]
        plan.add_edges += [Edge(typ, "Agency", a, "Agency", z, {**dict(p), "doc": None, "span_start": -1,
                                                                   "span_end": -1, "rule": rule})
                           for a, z, p in sorted(want[typ] - have)]


def compute(stored: Stored, shares: dict[tuple, float | None], touched: set[str] | None,
            resolved: tuple[dict[str, Doc], dict] | None = None) -> Plan:
    """Everything :func:`write` changes (pure: no store)."""
    docs, targets = resolved or resolve_links(stored)
    plan = plan_links(stored, docs, targets, shares, touched)
    plan_documents(stored, docs, plan)
    plan_agencies(stored, plan)
    return plan


# --- write ---------------------------------------------------------------------------------------
def _edge_match(typ: str) -> str:
    return (f"UNWIND $rows AS r MATCH (a:{schema.label('Document')} {{key: r.src}})-[e:{schema.rel_type(typ)}]->"
            f"(b:{schema.label('Document')} {{key: r.dst}}) WHERE e.span_start = r.span_start AND e.rule = r.rule ")


def _rows(links: list[Link]) -> list[dict]:
    return [{"src": l.src, "dst": l.dst, "span_start": l.props.get("span_start"), "rule": l.props.get("rule"),
             **{k: l.props.get(k) for k in RESOLVED}} for l in links]


def _edges(links: list[Link]) -> list[Edge]:
    return [Edge(l.type, "Document", l.src, "Document", l.dst, dict(l.props)) for l in links]


def write(store: GraphStore, plan: Plan) -> None:
    """Apply a plan inside the caller's transaction."""
    new_stubs = [s for s in plan.stubs if s.get("stub")]
    write_batch(store, GraphBatch(nodes=[_stub_node(s) for s in new_stubs]))
    for typ in LINK_TYPES:
        gone = [old for old, _ in plan.moves if old.type == typ]
        for part in chunks(_rows(gone)):
            store.execute(_edge_match(typ) + "DELETE e", {"rows": part})
        sets = ", ".join(f"e.{k} = {store.cast('r.' + k, schema.RELS[typ].columns[k])}" for k in RESOLVED
                         if k in schema.RELS[typ].columns)
        for part in chunks(_rows([l for l in plan.updates if l.type == typ])):
            store.execute(_edge_match(typ) + "SET " + sets, {"rows": part})
    write_batch(store, GraphBatch(edges=_edges([new for _, new in plan.moves])))
    set_properties(store, "Document", plan.docs, list(DOC_DERIVED))
    set_properties(store, "Document", [s for s in plan.stubs if not s.get("stub")], list(DOC_DERIVED + STUB_DERIVED))
    for part in chunks(plan.drop_stubs):
        store.execute(f"UNWIND $keys AS k MATCH (d:{schema.label('Document')} {{key: k}}) WHERE d.stub = true "
                      "DETACH DELETE d", {"keys": part})
    for typ in ("SUCCEEDED_BY", "MEMBER_OF"):
        rows = [{"src": a, "dst": z} for t, a, z in plan.remove_edges if t == typ]
        for part in chunks(rows):
            store.execute(f"UNWIND $rows AS r MATCH (a:{schema.label('Agency')} {{key: r.src}})-[e:{schema.rel_type(typ)}]->"
                          f"(b:{schema.label('Agency')} {{key: r.dst}}) WHERE e.rule STARTS WITH $prefix DELETE e",
                          {"rows": part, "prefix": schema.LINEAGE_RULE_PREFIX})
    write_batch(store, GraphBatch(edges=plan.add_edges))


TEXT_PAIRS = 500  # citation pairs whose texts are read at a time: memory bounded whatever the corpus


def reproductions(store: GraphStore, pairs: list[tuple[str, str]]) -> dict[tuple, float | None]:
    """(upper, lower) -> the share of the upper text the lower one reproduces, reading the texts
    of ``TEXT_PAIRS`` pairs at a time (sorted by upper document, so one is read once or twice)."""
    out = {}
    for part in chunks(pairs, TEXT_PAIRS):
        keys = sorted({k for pair in part for k in pair})
        texts = {k: t or "" for sub in chunks(keys, 200) for k, t in read(store, "lineage_texts", {"keys": sub}).rows}
        out.update({(u, lo): reproduction(texts.get(u, ""), texts.get(lo, "")) for u, lo in part})
    return out


def _stub_node(row: dict) -> Node:
    return Node("Document", row["key"], {k: v for k, v in row.items() if k != "key"})


def relink(store: GraphStore, touched: Touched | None = None) -> dict:
    """Resolve every citation and repeal again, and recompute statuses and agency successions and
    memberships (load -> compute -> write, inside the caller's transaction); returns counts, and
    ``moved_from``: the documents whose citations or repeals now point elsewhere."""
    stored = load(store, touched)
    if touched is None:
        docs, targets = resolve_links(stored)
        resolved_again = len(stored.links)
    else:
        docs, targets, resolved_again = resolve_scoped(stored, touched)
    pairs = sorted({(targets[l.ident][0], l.src) for l in stored.links
                    if needs_text(l, targets[l.ident][0], docs, touched)})
    plan = compute(stored, reproductions(store, pairs), touched, (docs, targets))
    write(store, plan)
    resolved = sum(1 for l in stored.links if targets[l.ident][1])
    return {"links": len(stored.links), "resolved": resolved, "resolved_again": resolved_again, "moved": len(plan.moves),
            "moved_from": {old.src for old, _ in plan.moves},
            "stubs_dropped": len(plan.drop_stubs), "documents_updated": len(plan.docs),
            "agency_edges_added": len(plan.add_edges), "agency_edges_removed": len(plan.remove_edges)}
