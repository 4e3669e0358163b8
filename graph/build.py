"""One extraction (the JSON of ``policykg extract``) -> the nodes and edges it contributes.

Pure: no store, no I/O, so the same document always gives the same batch and the ingest
engine can build batches in worker processes.

Keys (stable across runs, so re-ingesting never duplicates):

- Document: its 文号 when it has one, else ``sha:`` + sha256 of the cleaned text.
  A cited number not (yet) ingested becomes a *stub* Document (``stub = true``); the
  writer creates stubs only when the key is absent, so a stub never overwrites a real
  document, and the real document completes the stub when it arrives.
- Province and City: the name.  Prefecture-level city names are unique in China.
- County: ``province|name`` (``|name`` when the province is unknown): county names repeat
  across provinces (鼓楼区, 朝阳区); within one province a few district names still repeat,
  which we accept.
- Agency: the extractor's ``key`` when it gives one (``region|name without the region``),
  else ``region|canonical name``; region is the agency's own place name (市发改委 of two
  cities are two nodes); national bodies use ``中国`` (:data:`~policykg.vocab.levels.NATIONAL_REGION`).  Duties name it by ``agency_key``.
- Zone and Cluster: the name, so a city plan and a county plan naming the same park meet.
- Task: ``document key#task id``; Target: ``document key#target<n>`` (n = 1.. in order).
- Instrument: the tool (资金投入 …): 16 nodes at most, shared by every task that uses one.

Provenance: every node and edge carries ``doc``/``span_start``/``span_end``/``rule``
(span -1 when unknown).  Facts that hold whatever document states them -- place
hierarchy, where an agency sits, the instruments themselves -- carry ``doc = None`` (rule
``gazetteer`` / ``region`` / ``vocab``): the writer creates them once (create-if-absent) and they are removed only
with their nodes.  Zone/Cluster LOCATED_IN points at the region of a mentioning document
(rule ``mention``); the ingest engine drops it when no mentioning document supports it.
"""
from __future__ import annotations

import hashlib

from ..vocab.bodies import NATIONAL_BODIES
from ..vocab.docnumbers import number_key
from ..vocab.instruments import TOOLS, TYPES
from ..vocab.levels import NATIONAL_REGION
from ..vocab.titles import names_document, strip_tag, title_key, title_stem, title_variants
from .batch import GraphBatch

LEVEL_LABEL = {"province": "Province", "city": "City", "county": "County"}


def text_sha(text: str) -> str:
    """sha256 hex digest of the cleaned text.

    >>> text_sha("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_key(document: dict, text: str = "") -> str:
    """The document's 文号, else ``sha:`` + the hash of its cleaned text.

    >>> document_key({"doc_number": "许政办〔2012〕37号"})
    '许政办〔2012〕37号'
    >>> document_key({"doc_number": None, "sha256": "ab12"})
    'sha:ab12'
    """
    number = (document.get("doc_number") or "").strip()
    if number:
        return number
    return "sha:" + (document.get("sha256") or text_sha(text))


def cited_key(number: str | None, title: str | None) -> str:
    """The key of a cited document until it is resolved: its 文号, else ``title:`` + its title.

    >>> cited_key("豫政〔2021〕6号", "X"), cited_key(None, "关于加快发展的 意见")
    ('豫政〔2021〕6号', 'title:关于加快发展的意见')
    """
    return number if number else "title:" + title_key(title or "")


CENTRAL_START = tuple(sorted(set(NATIONAL_BODIES) | set(NATIONAL_BODIES.values()), key=len, reverse=True))
REPORT_LEAD = 300  # where a news page reports the document it is about: 近日,自治区政府办公厅印发《X》
# roles of a cited title that are no derivation: the document's own attached plan, a document it repeals
NOT_DERIVED = ("attached", "repealed")


def is_central(cited: dict) -> bool:
    """A citation of a central document: its title or the bodies printed before it start with one.

    >>> is_central({"title": "中共中央关于制定第十五个五年规划的建议"}), is_central({"title": "湖南省若干措施"})
    (True, False)
    """
    names = [cited.get("title") or "", *(cited.get("issuer_hint") or [])]
    return any(n.startswith(CENTRAL_START) for n in names)


def county_key(province: str | None, county: str) -> str:
    """Counties are keyed with their province: names like 鼓楼区 repeat across provinces.

    >>> county_key("河南省", "禹州市")
    '河南省|禹州市'
    """
    return f"{province or ''}|{county}"


def agency_key(region: str | None, name: str) -> str:
    """Agencies are keyed with their region: 市发改委 of two cities are two bodies.

    >>> agency_key("许昌市", "许昌市发展和改革委员会")
    '许昌市|许昌市发展和改革委员会'
    """
    return f"{region or ''}|{name}"


def place_of(level: str | None, region: str | None, province: str | None) -> tuple[str, str] | None:
    """(label, key) of the place a body of this level and region sits in, or None.

    >>> place_of("county", "禹州市", "河南省")
    ('County', '河南省|禹州市')
    >>> place_of("national", None, None) is None
    True
    """
    label = LEVEL_LABEL.get(level or "")
    if not label or not region:
        return None
    return label, county_key(province, region) if label == "County" else region


def _span(rec: dict) -> tuple[int, int]:
    span = rec.get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span):
        return span[0], span[1]
    return -1, -1


def _blank(v):
    """'' and [] are 'unknown', like None (so merging shared nodes treats them alike)."""
    return None if v in ("", []) else v


def _prov(doc: str | None, rule: str, span: tuple[int, int] = (-1, -1)) -> dict:
    return {"doc": doc, "span_start": span[0], "span_end": span[1], "rule": rule}


class _Builder:
    def __init__(self, extraction: dict):
        self.x = extraction
        self.d = extraction.get("document") or {}
        self.text = extraction.get("text") or ""
        self.sha = self.d.get("sha256") or text_sha(self.text)
        self.key = document_key({**self.d, "sha256": self.sha})
        region = self.d.get("region") or {}
        self.province = _blank(region.get("province"))
        self.city = _blank(region.get("city"))
        self.county = _blank(region.get("county"))
        self.b = GraphBatch()
        self._nodes: set[tuple[str, str]] = set()
        self._edges: set[tuple] = set()
        self.agencies: dict[str, str] = {}  # canonical name or alias -> agency key
        self.agency_keys: set[str] = set()

    # --- helpers ---------------------------------------------------------------------
    def node(self, label: str, key: str, **props) -> None:
        if (label, key) not in self._nodes:
            self._nodes.add((label, key))
            self.b.add_node(label, key, **{k: _blank(v) for k, v in props.items()})

    def edge(self, typ: str, sl: str, s: str, dl: str, d: str, *, ident: tuple = (), **props) -> None:
        k = (typ, sl, s, dl, d) + ident
        if k not in self._edges:
            self._edges.add(k)
            self.b.add_edge(typ, sl, s, dl, d, **props)

    def find(self, surface: str) -> int:
        return self.text.find(surface) if surface else -1

    # --- places ----------------------------------------------------------------------
    def province_node(self, name: str) -> None:
        self.node("Province", name, name=name, **_prov(None, "gazetteer"))

    def city_node(self, name: str, province: str | None) -> None:
        self.node("City", name, name=name, province=province, **_prov(None, "gazetteer"))
        if province:
            self.province_node(province)
            self.edge("LOCATED_IN", "City", name, "Province", province, **_prov(None, "gazetteer"))

    def county_node(self, name: str, city: str | None, province: str | None) -> str:
        key = county_key(province, name)
        self.node("County", key, name=name, city=city, province=province, **_prov(None, "gazetteer"))
        if city:
            self.city_node(city, province)
            self.edge("LOCATED_IN", "County", key, "City", city, **_prov(None, "gazetteer"))
        elif province:
            self.province_node(province)
            self.edge("LOCATED_IN", "County", key, "Province", province, **_prov(None, "gazetteer"))
        return key

    def place(self, level: str | None, region: str | None, province: str | None,
              city: str | None = None) -> tuple[str, str] | None:
        """Create the place node (with its hierarchy) and return (label, key)."""
        where = place_of(level, region, province)
        if where is None:
            return None
        label, key = where
        if label == "Province":
            self.province_node(region)
        elif label == "City":
            self.city_node(region, province)
        else:
            self.county_node(region, city, province)
        return where

    def document_place(self) -> tuple[str, str] | None:
        if self.county:
            return self.place("county", self.county, self.province, self.city)
        if self.city:
            return self.place("city", self.city, self.province)
        if self.province:
            return self.place("province", self.province, self.province)
        return None

    # --- the document ----------------------------------------------------------------
    def validity(self) -> tuple[str | None, str | None]:
        """(effective, expires) of the document's own text: the first of each kind."""
        found: dict[str, str] = {}
        for v in self.x.get("validity") or []:
            value = v.get("value")
            if v.get("kind") in ("effective", "expires") and value:
                found.setdefault(v["kind"], self.d.get("date") if value == "on-issue" else value)
        return found.get("effective"), found.get("expires")

    def title_keys(self) -> list[str] | None:
        """The forms the document may be cited under: the variants of its title, of the title its
        manifest gives, of the plan it attaches (现将《X》印发给你们) and -- on a page whose own title
        names no document (a news page) -- of the document its lead reports (近日,X印发《Y》)."""
        titles = [t for t in (self.d.get("title"), self.d.get("page_title")) if t]
        own = set().union(*map(title_variants, titles))
        reports = not any(names_document(strip_tag(t)) for t in titles)
        for c in self.x.get("cited") or []:
            if not c.get("title") or c.get("role") not in ("attached", "issued"):
                continue
            lead = c.get("role") == "issued" and 0 <= _span(c)[0] < REPORT_LEAD and not (
                self.d.get("level") not in (None, "national") and is_central(c))  # 山西 全会 on 中共中央's 建议
            same = any(k in title_key(c["title"]) for k in own)  # 【西藏】若干政策 reports 《西藏自治区…若干政策》
            if c.get("role") == "attached" or (lead and (reports or same)):
                titles.append(c["title"])
        return sorted(set().union(*map(title_variants, titles))) or None

    def document(self) -> None:
        d = self.d
        effective, expires = self.validity()
        self.node("Document", self.key, title=d.get("title"), doc_number=d.get("doc_number"),
                  issuer=d.get("issuer"), date=d.get("date"), province=self.province, city=self.city,
                  county=self.county, level=d.get("level"), source=self.x.get("source"),
                  url=d.get("url") or (self.x.get("meta") or {}).get("url"), sha=self.sha, stub=False,
                  text=self.text, title_keys=self.title_keys(), effective=effective, expires=expires,
                  stem=title_stem(d.get("title") or d.get("page_title")), **_prov(self.key, "meta"))
        self.where = self.document_place()
        if self.where:
            self.edge("ISSUED_IN", "Document", self.key, *self.where, **_prov(self.key, "meta"))
        self.citations()
        self.repeals(effective or d.get("date"))

    def cited_node(self, number: str | None, title: str | None, rule: str) -> str:
        """The stub a citation points at until finalize resolves it (never this document)."""
        key = cited_key(number, title)
        self.node("Document", key, doc_number=number, title=title, stub=True,
                  title_keys=sorted(title_variants(title)) or None if title else None, **_prov(self.key, rule))
        return key

    def citations(self) -> None:
        """DERIVED_FROM for every cited title and number (one edge per cited document), with the raw
        citation on the edge so that finalize can resolve it to whichever document it names."""
        repealed = {number_key(r["number"]) for r in self.x.get("repeals") or [] if r.get("number")}
        seen = {number_key(self.key)}
        for c in self.x.get("cited") or []:
            number = (c.get("number") or "").strip() or None
            if c.get("role") in NOT_DERIVED or (number and number_key(number) in seen):
                seen.update([number_key(number)] if number else [])
                continue
            key = self.cited_node(number, c.get("title"), c.get("rule") or "cite")
            seen.add(number_key(key))
            self.edge("DERIVED_FROM", "Document", self.key, "Document", key, role=c.get("role"),
                      cited_title=c.get("title"), cited_number=number, issuer_hint=c.get("issuer_hint") or None,
                      date_hint=c.get("date_hint"), **_prov(self.key, c.get("rule") or "cite", _span(c)))
            for inner, rel in c.get("inner") or []:  # 《省建设厅进一步贯彻落实〈X〉的通知》: X is an ancestor too
                if rel in ("implemented", "forwarded") and inner:
                    key = self.cited_node(None, inner, "cite:inner")
                    self.edge("DERIVED_FROM", "Document", self.key, "Document", key, role=rel, cited_title=inner,
                              **_prov(self.key, "cite:inner", _span(c)))
        cite_at = {c[0]: c[1] for c in reversed(self.d.get("cite_spans") or []) if len(c) == 3}
        for number in self.d.get("cites") or []:
            number = (number or "").strip()
            if not number or number_key(number) in seen | repealed:
                continue
            seen.add(number_key(number))
            key = self.cited_node(number, None, "cites")
            s = cite_at.get(number, self.find(number))
            self.edge("DERIVED_FROM", "Document", self.key, "Document", key, role="mention", cited_number=number,
                      **_prov(self.key, "cites", (s, s + len(number)) if s >= 0 else (-1, -1)))

    def repeals(self, effective: str | None) -> None:
        """SUPERSEDES for every document the text repeals, in whole or in part."""
        for r in self.x.get("repeals") or []:
            number = (r.get("number") or "").strip() or None
            if not (number or r.get("title")) or (number and number_key(number) == number_key(self.key)):
                continue
            key = self.cited_node(number, r.get("title"), r.get("rule") or "repeal")
            self.edge("SUPERSEDES", "Document", self.key, "Document", key, effective=effective,
                      partial=bool(r.get("partial")), modality=r.get("modality") or "done", trigger=r.get("trigger"),
                      cited_title=r.get("title"), cited_number=number,
                      **_prov(self.key, r.get("rule") or "repeal", _span(r)))

    # --- agencies --------------------------------------------------------------------
    def agency(self, a: dict) -> str:
        name = a["name"]
        level = _blank(a.get("level"))
        province = _blank(a.get("province")) or (self.province if level in ("province", "city", "county") else None)
        region = _blank(a.get("region")) or (NATIONAL_REGION if level == "national" else None)
        key = a.get("key") or agency_key(region, name)
        self.node("Agency", key, name=name, aliases=sorted(set(a.get("aliases") or []) - {name}) or None,
                  region=region, province=province, level=level, collective=bool(a.get("collective")),
                  function=a.get("function"), **_prov(self.key, a.get("rule") or "agency", _span(a)))
        city = self.city if (level == "county" and region == self.county) or (
            level == "county" and self.city and province == self.province) else None
        where = self.place(level, region, province, city)
        if where:
            self.edge("LOCATED_IN", "Agency", key, *where, **_prov(None, "region"))
        surfaces: dict[str, tuple[int, int]] = {}
        for m in a.get("mentions") or []:
            if isinstance(m, (list, tuple)) and len(m) == 3 and m[0]:
                surfaces.setdefault(m[0], (m[1], m[2]))
        for s in [name, *(a.get("aliases") or [])]:
            if s and s not in surfaces and self.find(s) >= 0:
                p = self.find(s)
                surfaces[s] = (p, p + len(s))
        if not surfaces:  # never mentioned verbatim: keep the node alive through its name
            surfaces[name] = _span(a)
        for surface, span in sorted(surfaces.items(), key=lambda kv: (kv[1][0], kv[0])):
            self.edge("MENTIONED_IN", "Agency", key, "Document", self.key, ident=(surface,), surface=surface,
                      **_prov(self.key, a.get("rule") or "agency", span))
        for s in [name, *(a.get("aliases") or []), *surfaces]:
            self.agencies.setdefault(s, key)
        self.agency_keys.add(key)
        return key

    def own_body(self, name: str, rule: str) -> str:
        """An agency the extraction names but does not list: a body of the document's own region."""
        level = self.d.get("level")
        region = {"county": self.county, "city": self.city, "province": self.province}.get(level or "")
        p = self.find(name)
        return self.agency({"name": name, "level": level, "region": region or self.county or self.city
                            or self.province, "province": self.province, "collective": False, "rule": rule,
                            "span": [p, p + len(name)] if p >= 0 else None})

    def issuer(self) -> None:
        """ISSUED_BY for every issuer of the document, the lead first (position 1)."""
        issuers = [x for x in self.d.get("issuers") or [self.d.get("issuer")] if _blank(x)]
        for position, issuer in enumerate(issuers, 1):
            key = self.agencies.get(issuer) or self.own_body(issuer, "issuer")
            p = self.find(issuer)
            self.edge("ISSUED_BY", "Document", self.key, "Agency", key, position=position, joint=len(issuers) > 1,
                      **_prov(self.key, "issuer", (p, p + len(issuer)) if p >= 0 else (-1, -1)))

    # --- tasks, duties, targets ------------------------------------------------------
    def task_key(self, task_id) -> str:
        return f"{self.key}#{task_id}"

    def tasks(self) -> set[str]:
        region = self.county or self.city or self.province or (NATIONAL_REGION if self.d.get("level") == "national"
                                                                else None)
        ids = set()
        for t in self.x.get("tasks") or []:
            tk = self.task_key(t["id"])
            ids.add(str(t["id"]))
            deadline = t.get("deadline") or {}
            self.node("Task", tk, text=t.get("text"), section=t.get("section"), deadline_text=deadline.get("text"),
                      deadline=deadline.get("end"), level=self.d.get("level"), region=region,
                      ordinal=t.get("ordinal"), parent=self.task_key(t["parent"]) if t.get("parent") else None,
                      **_prov(self.key, t.get("rule") or "task", _span(t)))
            self.edge("PART_OF", "Task", tk, "Document", self.key, **_prov(self.key, t.get("rule") or "task", _span(t)))
            self.instruments(tk, t)
        return ids

    def instruments(self, tk: str, t: dict) -> None:
        """USES from the task to its instrument (primary) and to the others it also uses; each
        Instrument node is one of the manual's 16 tools (a tool outside them is dropped)."""
        primary = t.get("instrument") or {}
        for rec, is_primary in [(primary, True)] + [(a, False) for a in t.get("instruments_also") or []]:
            tool = (rec or {}).get("tool")
            if tool not in TOOLS:
                continue
            self.node("Instrument", tool, name=tool, type=TOOLS[tool], type_name=TYPES[TOOLS[tool]],
                      **_prov(None, "vocab"))
            cues = [c for c in rec.get("cues") or [] if isinstance(c, (list, tuple)) and len(c) == 2]
            span = (cues[0][0], cues[0][1]) if cues and all(isinstance(x, int) for x in cues[0]) else (-1, -1)
            self.edge("USES", "Task", tk, "Instrument", tool, primary=is_primary,
                      **_prov(self.key, rec.get("rule") or primary.get("rule") or "instrument", span))

    def duties(self, task_ids: set[str]) -> None:
        responsible: dict[str, list[str]] = {}
        cooperating: dict[str, list[tuple[str, tuple[int, int], str]]] = {}
        for du in self.x.get("duties") or []:
            tid = str(du.get("task"))
            if tid not in task_ids or not du.get("agency"):
                continue
            ak = du.get("agency_key") if du.get("agency_key") in self.agency_keys else None
            ak = ak or self.agencies.get(du["agency"]) or self.own_body(du["agency"], "duty")
            tk, rule, span = self.task_key(tid), du.get("rule") or "duty", _span(du)
            role = du.get("role")
            if role in ("responsible", "lead"):
                self.edge("RESPONSIBLE_FOR", "Agency", ak, "Task", tk, lead=bool(du.get("lead") or role == "lead"),
                          **_prov(self.key, rule, span))
                responsible.setdefault(tk, []).append(ak)
            elif role == "cooperating":
                self.edge("COOPERATES_WITH", "Agency", ak, "Task", tk, **_prov(self.key, rule, span))
                cooperating.setdefault(tk, []).append((ak, span, rule))
        pairs: dict[tuple[str, str], dict] = {}
        for tk, coops in cooperating.items():
            for ak, span, rule in coops:
                for rk in responsible.get(tk, []):
                    if rk == ak:
                        continue
                    p = pairs.setdefault((ak, rk), {"tasks": [], "span": span, "rule": rule})
                    if tk not in p["tasks"]:
                        p["tasks"].append(tk)
        for (ak, rk), p in sorted(pairs.items()):
            self.edge("COOPERATES_WITH", "Agency", ak, "Agency", rk, tasks=sorted(p["tasks"]),
                      **_prov(self.key, p["rule"], p["span"]))

    def targets(self, task_ids: set[str]) -> None:
        region = self.county or self.city or self.province
        for n, g in enumerate(self.x.get("targets") or [], 1):
            gk = f"{self.key}#target{n}"
            rule, span = g.get("rule") or "target", _span(g)
            self.node("Target", gk, text=g.get("text"), value=g.get("value"), value_max=g.get("value_max"),
                      unit=g.get("unit"), qualifier=g.get("qualifier"), region=region, **_prov(self.key, rule, span))
            if g.get("task") is not None and str(g["task"]) in task_ids:
                self.edge("TARGET_OF", "Target", gk, "Task", self.task_key(g["task"]), **_prov(self.key, rule, span))

    # --- zones and clusters ----------------------------------------------------------
    def shared(self, label: str, records: list[dict], rule: str) -> None:
        region = self.county or self.city or self.province
        for z in records:
            name = (z.get("name") or "").strip()
            if not name:
                continue
            r, span = z.get("rule") or rule, _span(z)
            props = {"name": name, "region": region, **_prov(self.key, r, span)}
            if label == "Zone":
                props["kind"] = z.get("kind")
            self.node(label, name, **props)
            self.edge("MENTIONED_IN", label, name, "Document", self.key, ident=(name,), surface=name,
                      **_prov(self.key, r, span))
            if self.where:
                self.edge("LOCATED_IN", label, name, *self.where, **_prov(None, "mention"))

    def build(self) -> GraphBatch:
        self.document()
        for a in self.x.get("agencies") or []:
            if a.get("name"):
                self.agency(a)
        self.issuer()
        ids = self.tasks()
        self.duties(ids)
        self.targets(ids)
        self.shared("Zone", self.x.get("zones") or [], "zone")
        self.shared("Cluster", self.x.get("clusters") or [], "cluster")
        return self.b


def build_batch(extraction: dict) -> GraphBatch:
    """The nodes and edges one extraction contributes (see the module docstring for keys).

    >>> b = build_batch({"text": "许昌市发展改革委负责。", "source": "a.txt",
    ...     "document": {"doc_number": "许政〔2012〕1号", "level": "city",
    ...                  "region": {"province": "河南省", "city": "许昌市"}},
    ...     "agencies": [{"name": "许昌市发展和改革委员会", "aliases": ["许昌市发展改革委"], "level": "city",
    ...                   "region": "许昌市", "province": "河南省", "mentions": [["许昌市发展改革委", 0, 8]]}],
    ...     "tasks": [{"id": "T1", "text": "负责。", "span": [8, 11]}],
    ...     "duties": [{"agency": "许昌市发展和改革委员会", "role": "responsible", "task": "T1"}]})
    >>> sorted((n.label, n.key) for n in b.nodes)  # doctest: +NORMALIZE_WHITESPACE
    [('Agency', '许昌市|许昌市发展和改革委员会'), ('City', '许昌市'), ('Document', '许政〔2012〕1号'),
     ('Province', '河南省'), ('Task', '许政〔2012〕1号#T1')]
    >>> [(e.type, e.src, e.dst) for e in b.edges if e.type == "RESPONSIBLE_FOR"]
    [('RESPONSIBLE_FOR', '许昌市|许昌市发展和改革委员会', '许政〔2012〕1号#T1')]
    """
    return _Builder(extraction).build()
