"""The graph model, defined once.  Every store builds its tables, constraints and
indexes from these declarations, and every label or relationship type that reaches a
Cypher string goes through :func:`label` / :func:`rel_type`, never through user input.

Every node and every relationship carries provenance: the key of the document it came
from (``doc``), the character span in that document's cleaned text (``span_start``,
``span_end``; -1 when the fact came from page metadata or from alignment) and the rule
that produced it (``rule``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

# property types, in LadybugDB spelling; Neo4j is schemaless for values
STRING, INT, DOUBLE, BOOL, STRINGS = "STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]"

PROVENANCE = {"doc": STRING, "span_start": INT, "span_end": INT, "rule": STRING}


@dataclass(frozen=True)
class NodeType:
    label: str
    props: dict[str, str]
    doc: str
    owned: bool = False  # owned nodes belong to one document and die with it
    search: tuple[str, ...] = ()  # properties worth an index

    @property
    def columns(self) -> dict[str, str]:
        return {"key": STRING, **self.props, **PROVENANCE}


@dataclass(frozen=True)
class RelType:
    type: str
    pairs: tuple[tuple[str, str], ...]
    props: dict[str, str] = field(default_factory=dict)
    doc: str = ""
    derived: bool = False  # recomputed from the stored facts after every ingest

    @property
    def columns(self) -> dict[str, str]:
        return {**self.props, **PROVENANCE}


PLACES = ("Province", "City", "County")

NODES: dict[str, NodeType] = {n.label: n for n in [
    NodeType("Document", {
        "title": STRING, "doc_number": STRING, "issuer": STRING, "date": STRING,
        "province": STRING, "city": STRING, "county": STRING, "level": STRING,
        "source": STRING, "url": STRING, "sha": STRING, "stub": BOOL, "text": STRING,
        "title_keys": STRINGS, "effective": STRING, "expires": STRING,
        "status": STRING, "repealed_by": STRING, "repealed_on": STRING, "number_from": STRING, "stem": STRING,
    }, "A policy document; key = its 文号 when it has one, else the hash of its cleaned text. "
       "A cited document not yet ingested is a stub (stub = true) until it arrives (key = the cited "
       "文号, else title: + the cited title).  title_keys: the forms it may be cited under (its title "
       "with and without the issuer, the plan it attaches); effective/expires: its own validity; "
       "status (in_force | repealed | partly_repealed, with repealed_by and repealed_on) and a 文号 "
       "learned from a citation (number_from = the citing document) are recomputed by finalize; stem: what "
       "its plan is about, the same at every level (vocab/titles.py title_stem: 城市维护项目管理).",
        search=("doc_number", "sha")),
    NodeType("Province", {"name": STRING}, "A province-level region (省, 自治区, 直辖市)."),
    NodeType("City", {"name": STRING, "province": STRING}, "A prefecture-level city."),
    NodeType("County", {"name": STRING, "city": STRING, "province": STRING}, "A county or district."),
    NodeType("Agency", {
        "name": STRING, "aliases": STRINGS, "region": STRING, "province": STRING,
        "level": STRING, "collective": BOOL, "function": STRING,
    }, "A government body; key = region + canonical name, so 市发改委 of two cities are two "
       "nodes and every surface form is an alias.", search=("name", "region", "function")),
    NodeType("Task", {
        "text": STRING, "section": STRING, "deadline_text": STRING, "deadline": STRING,
        "level": STRING, "region": STRING, "ordinal": INT, "parent": STRING,
    }, "A task of one document (a measure: an item, a table row, a paragraph of a list of measures), with "
       "its deadline resolved against the document's year; parent = the key of the task of the item or "
       "section it is a sub-item of (a duty of the section holds for it too).",
        owned=True, search=("region",)),
    NodeType("Target", {
        "text": STRING, "value": DOUBLE, "value_max": DOUBLE, "unit": STRING,
        "qualifier": STRING, "region": STRING,
    }, "A numeric target in base units (亿 and 万 multiplied out).", owned=True, search=("unit",)),
    NodeType("Zone", {"name": STRING, "region": STRING, "kind": STRING},
             "An industrial zone, park, development zone or demonstration base.", search=("name",)),
    NodeType("Cluster", {"name": STRING, "region": STRING},
             "A named industry cluster (产业集群), without the trailing 产业集群.", search=("name",)),
    NodeType("Instrument", {"name": STRING, "type": STRING, "type_name": STRING},
             "A policy instrument: one of the 16 tools of the coding manual (docs/spec/instruments.md), "
             "key = name = the tool (资金投入, 法规管制 …), type supply | environment | demand "
             "(type_name 供给型 | 环境型 | 需求型).  Created with the first task that uses it, removed with "
             "the last.", search=("type",)),
]}

_AGENCY_PLACES = tuple(("Agency", p) for p in PLACES)
RELS: dict[str, RelType] = {r.type: r for r in [
    RelType("RESPONSIBLE_FOR", (("Agency", "Task"),), {"lead": BOOL},
            "The agency carries the task (责任单位, 牵头单位, 负责, a section headed by it)."),
    RelType("COOPERATES_WITH", (("Agency", "Task"), ("Agency", "Agency")), {"tasks": STRINGS},
            "Agency->Task: a cooperating role (配合, 参与, 协办).  Agency->Agency: from a cooperating "
            "agency to the task's responsible agency, with the task keys."),
    RelType("DERIVED_FROM", (("Document", "Document"), ("Task", "Task")), {
        "score": DOUBLE, "basis": STRING, "role": STRING, "cited_title": STRING, "cited_number": STRING,
        "issuer_hint": STRINGS, "date_hint": STRING, "lag_days": INT, "reproduction": DOUBLE, "spans": STRING, "units": STRING},
            "Document->Document for every document cited by number or title (role: basis, forwarded, "
            "issued, mention), resolved to the cited document by finalize: basis number | title, score, "
            "lag_days = citing date - cited date, reproduction = share of the cited text's 5-character "
            "shingles found in the citing text; the raw citation (cited_title, cited_number, issuer_hint, "
            "date_hint) stays on the edge.  Task->Task from a lower-level task to the higher-level task it "
            "implements, recomputed by alignment: score, basis same | split | merged, spans = JSON "
            "[[lower start, lower end, upper start, upper end], ...] of the common text in the two documents, "
            "units = JSON [[lower begin, lower end, upper begin, upper end, score, basis], ...]: the pairs of "
            "measures (sentences, clauses) of the two tasks, offsets in their texts."),
    RelType("SUPERSEDES", (("Document", "Document"),), {
        "basis": STRING, "score": DOUBLE, "effective": STRING, "partial": BOOL, "modality": STRING,
        "trigger": STRING, "cited_title": STRING, "cited_number": STRING},
            "The document repeals or replaces the other (同时废止, 不再执行 …), resolved like a citation; "
            "effective = when (the repealing document's effective date, else its date); partial: some "
            "provisions only; modality done | proposed (a draft) | reported (a page reports it)."),
    RelType("SUCCEEDED_BY", (("Agency", "Agency"),), {"year": INT, "share": STRING, "note": STRING},
            "Old agency -> the agency of the same region that took over its function in a reform "
            "(vocab/reforms.py: 国土资源 -> 自然资源 in 2018 …); share whole | part.", derived=True),
    RelType("COUNTERPART_OF", (("Agency", "Agency"),), {"score": DOUBLE, "basis": STRING},
            "From a lower body to the body of a region above it (one or more steps) whose work it carries "
            "down in documents that carry the upper ones down: basis function | function:merged | "
            "function:related | tasks | collective, score with the best similarity of "
            "their tasks.", derived=True),
    RelType("CARRIES", (("Document", "Document"),), {"score": DOUBLE, "basis": STRING, "links": INT},
            "A document carries a document of a region above it down: it cites it (basis citation), its "
            "plan has the same stem (title), or its tasks derive from the upper one's (tasks); links = how "
            "many of its tasks do.", derived=True),
    RelType("LOCATED_IN", _AGENCY_PLACES + tuple(("Zone", p) for p in PLACES)
            + tuple(("Cluster", p) for p in PLACES)
            + (("City", "Province"), ("County", "City"), ("County", "Province")),
            doc="Where an agency, zone or cluster sits; City -> Province; County -> City."),
    RelType("ISSUED_IN", tuple(("Document", p) for p in PLACES),
            doc="The region whose government issued the document."),
    RelType("ISSUED_BY", (("Document", "Agency"),), {"position": INT, "joint": BOOL},
            "Every issuer of the document, position 1 = the lead; joint when there are several."),
    RelType("PART_OF", (("Task", "Document"),), {}, "The document a task belongs to."),
    RelType("TARGET_OF", (("Target", "Task"),), {}, "The task a target measures."),
    RelType("USES", (("Task", "Instrument"),), {"primary": BOOL},
            "The policy instrument a task uses: primary = its one code (the tool of its main action); "
            "the others it clearly also uses have primary = false.  span_start/span_end: the first cue "
            "that decided it, rule: how it was decided (instrument:heading/money …)."),
    RelType("MENTIONED_IN", (("Agency", "Document"), ("Zone", "Document"), ("Cluster", "Document")),
            {"surface": STRING}, "Every mention of a shared entity, with its surface form."),
    RelType("MEMBER_OF", (("Zone", "Cluster"), ("Cluster", "Zone"), ("Agency", "Agency")), {},
            "A cluster grown in a zone; an agency addressed by a collective (许昌市人民政府 -> 河南省's "
            "各省辖市人民政府), from the administrative divisions (vocab/divisions.py)."),
]}
# Task DERIVED_FROM Task is recomputed by alignment; it carries rule = "align:*".
DERIVED_RULE_PREFIX = "align:"
# SUCCEEDED_BY and Agency MEMBER_OF Agency are recomputed by lineage (graph/derived/lineage.py)
LINEAGE_RULE_PREFIX = "lineage:"

# The loader's ledger (:mod:`.ledger`): what it remembers besides the graph, in node tables no
# query of the graph reads (no relationships, left out of stats and exports).  ``SourceFile``:
# per input file what it was when its document was written (``key`` = the path), so an
# unchanged file is skipped without being read; ``LoadState``: whether the derived facts are
# up to date (``key`` = ``finalize``).
LEDGER: dict[str, dict[str, str]] = {
    "SourceFile": {"key": STRING, "size": INT, "mtime_ns": INT, "sha": STRING, "meta": STRING, "doc": STRING,
                   "doc_sha": STRING},
    "LoadState": {"key": STRING, "value": STRING},
}


# property names a store's Cypher reserves (LadybugDB: PRIMARY); they reach Cypher quoted, through :func:`ident`
RESERVED = {"primary"}


def ident(name: str) -> str:
    """A property name as Cypher text: quoted when a store reserves the word.

    >>> ident("span_start"), ident("primary")
    ('span_start', '`primary`')
    """
    return f"`{name}`" if name.lower() in RESERVED else name


def label(name: str) -> str:
    """The one way a node label reaches Cypher text: only labels of the schema pass.

    >>> label("Agency")
    'Agency'
    >>> label("Agency) DETACH DELETE (x")
    Traceback (most recent call last):
    ...
    ValueError: unknown node label 'Agency) DETACH DELETE (x'
    """
    if name not in NODES:
        raise ValueError(f"unknown node label {name!r}")
    return name


def ledger_label(name: str) -> str:
    """The one way a ledger table's name reaches Cypher text.

    >>> ledger_label("SourceFile")
    'SourceFile'
    """
    if name not in LEDGER:
        raise ValueError(f"unknown ledger table {name!r}")
    return name


def rel_type(name: str) -> str:
    """The one way a relationship type reaches Cypher text.

    >>> rel_type("RESPONSIBLE_FOR")
    'RESPONSIBLE_FOR'
    """
    if name not in RELS:
        raise ValueError(f"unknown relationship type {name!r}")
    return name


def prop(node_or_rel: str, name: str) -> str:
    """A property name checked against the schema (for ORDER BY / filters built in code)."""
    cols = NODES[node_or_rel].columns if node_or_rel in NODES else RELS[rel_type(node_or_rel)].columns
    if name not in cols:
        raise ValueError(f"{node_or_rel} has no property {name!r}")
    return name
