"""Extraction from end to end: file -> cleaned text -> facts, as the JSON of
``spec/extraction.md`` (schema ``policykg.extraction/1``) plus provenance.

:func:`extract_text` is pure (text in, dict out); :func:`extract_file` wraps it with
reading and decoding.  Metadata that the text does not carry comes from ``meta`` (a
manifest row or ``--meta``); it is never guessed.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..config import MAX_DOCUMENT_BYTES
from .clean import Cleaned, clean
from .extract.lists import split_names
from .extract.mentions import find_mentions
from .extract.names import structured_ok
from .extract.registry import Registry
from .extract.duties import extract_duties
from .extract.header import parse_header
from ..vocab.patterns import find_docnos
from .extract.targets import find_targets
from .extract.zones import find_clusters, find_zones
from .read import read_cleaned

SCHEMA = "policykg.extraction/1"
_ABBR = re.compile(r"\(以下(?:简称|称)[“\"]?([^”\"()]{2,16})[”\"]?\)")


def _year(header, text: str, meta: dict) -> int | None:
    if header.date:
        return int(header.date[:4])
    for src in (header.title or "", text[:400]):
        m = re.search(r"((?:19|20)\d{2})年", src)
        if m:
            return int(m.group(1))
    d = meta.get("date") or meta.get("date_published")
    m = re.match(r"((?:19|20)\d{2})", str(d or ""))
    return int(m.group(1)) if m else None


def extract_cleaned(cleaned: Cleaned, meta: dict | None = None, source: str | None = None) -> dict:
    """Facts of a cleaned document (spans index ``cleaned.text``)."""
    text = cleaned.text
    meta = {**cleaned.meta, **(meta or {})}
    h = parse_header(text, meta)
    reg = Registry(h.region)
    docno_spans = [(a, b) for _, a, b in find_docnos(text)]
    # abbreviations: 市产业集聚区发展联席会议(以下简称联席会议)
    mentions = find_mentions(text)
    lexicon: dict[str, str] = {}
    for m in _ABBR.finditer(text):
        full = next((x for x in mentions if x.end == m.start()), None)
        if full is None:
            continue
        short = m.group(1)
        a = reg.add(full.text, full.start, full.end, full.rule)
        reg.add(short, m.start(1), m.end(1), "agency:abbreviation", alias_of=a)
        reg.abbreviations[short] = a.name if a.name.startswith(full.text[:1]) else full.text
        for tail in ("办公室", "成员单位", "办"):
            lexicon[short + tail] = "agency:abbreviation"
        lexicon[short] = "agency:abbreviation"
    if lexicon:
        mentions = find_mentions(text, lexicon)
    # the issuer and the addressees
    if h.issuer:
        reg.add(h.issuer, *(_find(text, h.issuer) or (-1, -1)), h.issuer_rule or "issuer")
    addressee_spans = []
    if h.addressee:  # 各县(市、区)人民政府,…,市人民政府各部门:
        line_end = text.find("\n", h.body_start)
        line_end = len(text) if line_end < 0 else line_end
        body = text[h.body_start:line_end].rstrip().rstrip(":")
        for f in split_names(body, h.body_start):
            if structured_ok(f.distributed or f.text):
                reg.add(f.distributed or f.text, f.start, f.end, "agency:addressee", f.inherit_prefix)
                if f.distributed and f.distributed != f.text:
                    reg.add(f.text, f.start, f.end, "agency:addressee", alias_of=reg.by_form[f.distributed])
        addressee_spans.append((h.body_start, line_end))
    year = _year(h, text, meta)
    targets = find_targets(text, 0, skip=docno_spans, year=year)
    tasks, duties = extract_duties(text, reg, year, h.body_start, skip=addressee_spans,
                                   mentions=mentions, anchors=[t.start for t in targets if t.start >= h.body_start])
    for m in mentions:
        if any(a <= m.start < b for a, b in addressee_spans):
            continue
        reg.add(m.text, m.start, m.end, m.rule)
    for d in duties:  # every form is in the registry now: the final name of each duty's body
        d.agency = reg.by_key[d.agency_key].name
    by_span = sorted(tasks, key=lambda t: t.end - t.start)
    tgt_out = []
    for t in targets:
        owner = next((k for k in by_span if k.start <= t.start < k.end), None)
        d = t.as_dict()
        d["task"] = owner.id if owner else None
        tgt_out.append(d)
    # a bare 经济技术开发区 names a city's own zone; in a provincial text it is a class
    zones = find_zones(text, skip=addressee_spans + docno_spans, bare_kinds=h.level in ("city", "county"))
    clusters = find_clusters(text)
    doc = h.as_dict()
    doc.update({
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "url": meta.get("url"),
        "source": source,
        "provenance": {"doc_number": list(h.doc_number_span) if h.doc_number_span else None,
                       "title": list(h.title_span) if h.title_span else None,
                       "issuer": h.issuer_rule, "date": h.date_rule, "region": h.region_rule},
        "cite_spans": [[n, a, b] for n, a, b in h.cite_spans],
    })
    agencies = []
    for a in reg.agencies():
        first = min((m for m in a.mentions if m.start >= 0), key=lambda m: m.start, default=None)
        agencies.append({
            "key": a.key, "name": a.name, "aliases": a.aliases, "level": a.level, "region": a.region,
            "province": a.province, "collective": a.collective, "function": a.function,
            "span": [first.start, first.end] if first else None, "rule": first.rule if first else "page-metadata",
            "mentions": [[m.text, m.start, m.end] for m in a.mentions if m.start >= 0],
        })
    return {
        "schema": SCHEMA,
        "source": source,
        "document": doc,
        "agencies": agencies,
        "tasks": [t.as_dict() for t in tasks],
        "duties": [d.as_dict() for d in duties],
        "targets": tgt_out,
        "zones": [z.as_dict() for z in zones],
        "clusters": [c.as_dict() for c in clusters],
        "text": text,
    }


def _find(text: str, s: str) -> tuple[int, int] | None:
    i = text.find(s)
    return (i, i + len(s)) if i >= 0 else None


def extract_text(raw: str, meta: dict | None = None, source: str | None = None) -> dict:
    """Clean raw text and extract its facts.

    >>> r = extract_text("各县人民政府:\\n一、省发展改革委\\n1.一季度制定招商行动计划。\\n", {"region": "河南省"})
    >>> r["document"]["region"]["province"], [(d["agency"], d["role"]) for d in r["duties"]]
    ('河南省', [('河南省发展和改革委员会', 'responsible')])
    >>> r["tasks"][0]["deadline"]
    {'text': '一季度', 'end': None}
    """
    return extract_cleaned(clean(raw), meta, source)


def extract_file(path, meta: dict | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> dict:
    """Read, clean and extract one document; bad input raises an InputError naming the file."""
    path = Path(path)
    return extract_cleaned(read_cleaned(path, max_bytes), meta, path.name)
