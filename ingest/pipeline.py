"""Extraction from end to end: file -> cleaned text -> facts, as the JSON of
``spec/extraction.md`` (schema ``policykg.extraction/1``) plus provenance and diagnostics.

:func:`extract_text` is pure (text in, dict out); :func:`extract_file` wraps it with
reading and decoding.  Metadata that the text does not carry comes from ``meta`` (a
manifest row or ``--meta``); it is never guessed.  ``diagnostics`` says what the extractor
turned away or could not place (``policykg audit`` reports it).
"""
from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path

from ..config import ReadLimits
from ..vocab.duties import MARKER_WORDS
from ..vocab.patterns import find_docnos
from .clean import Cleaned, clean
from .extract.duties import extract_duties
from .extract.functional import FUNCTIONAL_HINT, functional_definitions, task_holders
from .extract.header import Header, parse_header
from .extract.instruments import code_tasks
from .extract.lineage import lineage_facts
from .extract.lists import split_names
from .extract.markers import Marker, find_markers
from .extract.mentions import Mention, find_mentions, listed_mentions, shape_mentions
from .extract.names import structured_ok
from .extract.registry import Registry
from .extract.spans import Spans
from .extract.targets import find_targets
from .extract.zones import find_clusters, find_zones
from .read import read_cleaned

SCHEMA = "policykg.extraction/1"
_ABBR = re.compile(r"\(以下(?:简称|称)[“\"]?([^”\"()]{2,16})[”\"]?\)")


_YEAR = re.compile(r"((?:19|20)\d{2})")
_YEAR_CN = re.compile(r"((?:19|20)\d{2})年")


def _year(header: Header, text: str, meta: dict) -> int | None:
    """The year deadlines resolve against: the signing date's, else one the title or lead names."""
    if header.date:
        return int(header.date[:4])
    for src in (header.title or "", text[:400]):
        m = _YEAR_CN.search(src)
        if m:
            return int(m.group(1))
    m = _YEAR.match(str(meta.get("date") or meta.get("date_published") or ""))
    return int(m.group(1)) if m else None


def _abbreviated_mentions(text: str, reg: Registry) -> list[Mention]:
    """Mentions, with the short forms a document defines (市产业集聚区发展联席会议(以下简称联席会议))."""
    known = shape_mentions(text), listed_mentions(text)
    mentions = find_mentions(text, known=known)
    lexicon: dict[str, str] = {}
    by_end = {m.end: m for m in mentions}
    for m in _ABBR.finditer(text):
        full = by_end.get(m.start())
        if full is None:
            continue
        short = m.group(1)
        a = reg.add(full.text, full.start, full.end, full.rule)
        reg.add(short, m.start(1), m.end(1), "agency:abbreviation", alias_of=a)
        reg.abbreviations[short] = a.name if a.name.startswith(full.text[:1]) else full.text
        lexicon.update({short + tail: "agency:abbreviation" for tail in ("办公室", "成员单位", "办")})
        lexicon[short] = "agency:abbreviation"
    return find_mentions(text, lexicon, known) if lexicon else mentions


def _addressees(text: str, h: Header, reg: Registry) -> list[tuple[int, int]]:
    """The bodies of the addressee line (各县(市、区)人民政府,…,市人民政府各部门:) and its span."""
    if not h.addressee:
        return []
    line_end = text.find("\n", h.body_start)
    line_end = len(text) if line_end < 0 else line_end
    body = text[h.body_start:line_end].rstrip().rstrip(":")
    for f in split_names(body, h.body_start):
        if structured_ok(f.distributed or f.text):
            reg.add(f.distributed or f.text, f.start, f.end, "agency:addressee", f.inherit_prefix)
            if f.distributed and f.distributed != f.text:
                reg.add(f.text, f.start, f.end, "agency:addressee", alias_of=reg.by_form[f.distributed])
    return [(h.body_start, line_end)]


def _issuers(text: str, h: Header, reg: Registry) -> None:
    for name in h.issuers:
        i = text.find(name)
        reg.add(name, i, i + len(name) if i >= 0 else -1, h.issuer_rule or "issuer")


def extract_cleaned(cleaned: Cleaned, meta: dict | None = None, source: str | None = None) -> dict:
    """Facts of a cleaned document (spans index ``cleaned.text``)."""
    text = cleaned.text
    meta = {**cleaned.meta, **(meta or {})}
    h = parse_header(text, meta)
    reg = Registry(h.region)
    mentions = _abbreviated_mentions(text, reg)
    _issuers(text, h, reg)
    addressee_spans = _addressees(text, h, reg)
    docno_spans = [(a, b) for _, a, b in find_docnos(text)]
    year = _year(h, text, meta)
    targets = find_targets(text, 0, skip=docno_spans, year=year)
    markers = find_markers(text)
    tasks, duties = extract_duties(text, reg, year, h.body_start, skip=addressee_spans,
                                   mentions=mentions, markers=markers,
                                   anchors=[t.start for t in targets if t.start >= h.body_start])
    in_addressee = Spans(addressee_spans)
    for m in mentions:
        if m.start not in in_addressee:
            reg.add(m.text, m.start, m.end, m.rule)
    for d in duties:  # every form is in the registry now: the final name of each duty's body
        d.agency = reg.by_key[d.agency_key].name
    definitions = functional_definitions(text)
    # a bare 经开区 names a city's own zone; a zone named as a party (an addressee, a duty list) is a body
    party_spans = addressee_spans + docno_spans + [(m.start, m.end) for m in markers]
    zones = find_zones(text, skip=party_spans, bare_kinds=h.level in ("city", "county"))
    return {
        "schema": SCHEMA,
        "source": source,
        "document": _document(text, h, meta, source),
        "agencies": _agencies(reg, text),
        "tasks": _tasks(text, tasks, duties, definitions),
        "functional_names": [d.as_dict() for d in definitions],
        "duties": [d.as_dict() for d in duties],
        "targets": _targets(targets, tasks),
        "zones": [z.as_dict() for z in zones],
        "clusters": [c.as_dict() for c in find_clusters(text)],
        **lineage_facts(text),  # cited, repeals, validity
        "diagnostics": _diagnostics(text, cleaned, markers, tasks, duties),
        "text": text,
    }


def _document(text: str, h: Header, meta: dict, source: str | None) -> dict:
    doc = h.as_dict()
    doc.update({
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "url": meta.get("url"),
        "page_title": meta.get("title"),  # the title a manifest gives (the text may print another, or none)
        "source": source,
        "provenance": {"doc_number": list(h.doc_number_span) if h.doc_number_span else None,
                       "title": list(h.title_span) if h.title_span else None, "title_rule": h.title_rule,
                       "issuer": h.issuer_rule, "date": h.date_rule, "region": h.region_rule},
        "cite_spans": [[n, a, b] for n, a, b in h.cite_spans],
    })
    return doc


def _tasks(text: str, tasks: list, duties: list, definitions: list) -> list[dict]:
    """Each task with the functional names that hold it (``建设单位应当…``: no body named; only the
    tasks where such a name stands before a duty verb are read for them) and its policy instrument
    (``instrument``, and ``instruments_also`` when it clearly uses more)."""
    starts = {d.start for d in duties}
    defined = {d.name: d for d in definitions}
    spots = Spans((m.start(), m.end()) for m in FUNCTIONAL_HINT.finditer(text))
    out = []
    for t, code in zip(tasks, code_tasks(text, [(t.start, t.end) for t in tasks])):
        held = task_holders(text, (t.start, t.end), starts, defined) if spots.overlaps(t.start, t.end) else []
        d = t.as_dict() | {"holders": held, "instrument": code.as_dict()}
        if code.also:
            d["instruments_also"] = code.also_dicts()
        out.append(d)
    return out


def _agencies(reg: Registry, text: str) -> list[dict]:
    """Each agency with its mentions, each as it stands in the text (a name broken by a space or carried
    over from a list, 长春市、吉林市人民政府, is still the body's) with its span."""
    out = []
    for a in reg.agencies():
        first = min((m for m in a.mentions if m.start >= 0), key=lambda m: m.start, default=None)
        out.append({
            "key": a.key, "name": a.name, "aliases": a.aliases, "level": a.level, "region": a.region,
            "province": a.province, "collective": a.collective, "function": a.function,
            "span": [first.start, first.end] if first else None, "rule": first.rule if first else "page-metadata",
            "mentions": [[text[m.start:m.end], m.start, m.end] for m in a.mentions
                         if 0 <= m.start <= m.end <= len(text)],
        })
    return out


def _targets(targets: list, tasks: list) -> list[dict]:
    """Each target with the smallest task that holds it."""
    by_start = sorted(tasks, key=lambda t: t.start)
    starts = [t.start for t in by_start]
    out = []
    for t in targets:
        i = bisect.bisect_right(starts, t.start) - 1
        holders = [k for k in by_start[max(0, i - 50):i + 1] if k.start <= t.start < k.end]  # the nearest 50 suffice
        owner = min(holders, key=lambda k: k.end - k.start, default=None)
        out.append(t.as_dict() | {"task": owner.id if owner else None})
    return out


def _diagnostics(text: str, cleaned: Cleaned, markers: list[Marker], tasks: list, duties: list) -> dict:
    """What was not understood: markers that assigned nothing, names a marker's list held that
    were turned away (with the rule), lines the cleaner removed (with the reason)."""
    dutied = {d.task for d in duties}
    spans = Spans((t.start, t.end) for t in tasks if t.id in dutied)
    unplaced = [{"text": text[m.start():m.end()][:80], "span": [m.start(), m.end()]}
                for m in MARKER_WORDS.finditer(text) if not spans.near(m.start(), 300)]
    rejected = [{"text": t, "span": [a, b], "rule": why} for mk in markers for t, a, b, why in mk.rejected]
    return {"unassigned_markers": unplaced, "rejected_names": rejected,
            "removed_lines": [{"text": ln[:120], "reason": why} for ln, why in cleaned.dropped]}


def extract_text(raw: str, meta: dict | None = None, source: str | None = None) -> dict:
    """Clean raw text and extract its facts.

    >>> r = extract_text("各县人民政府:\\n一、省发展改革委\\n1.一季度制定招商行动计划。\\n", {"region": "河南省"})
    >>> r["document"]["region"]["province"], [(d["agency"], d["role"]) for d in r["duties"]]
    ('河南省', [('河南省发展和改革委员会', 'responsible')])
    >>> r["tasks"][0]["deadline"]
    {'text': '一季度', 'end': None}
    """
    return extract_cleaned(clean(raw), meta, source)


def extract_file(path, meta: dict | None = None, limits: ReadLimits | None = None) -> dict:
    """Read, clean and extract one document within ``limits`` (default: the environment's);
    bad input raises an InputError naming the file."""
    path = Path(path)
    return extract_cleaned(read_cleaned(path, limits), meta, path.name)
