"""Reading the declarations: a named query's ``.cypher`` file (its header, common text and dialect
sections) as a :class:`~policykg.graph.readform.Read`, the one form every read is declared in.

Why files and not strings in code: an analyst can read, copy and add a query without
touching Python, and the same text runs on LadybugDB and Neo4j.  The header is a block of
``//`` comment lines at the top of the file::

    // name: agency_duties
    // description: Tasks an agency carries, with role, deadline, targets and source span.
    // param agency: agency, example 省发展改革委 -- key, canonical name or any alias
    // param region: region, default "", example 河南省 -- this region and every region under it ("" = every region)
    // unordered: targets
    MATCH ...                                 <- the Cypher both stores run
    // dialect: neo4j
    MATCH ...                                 <- optional: replaces the text on that store only

``param NAME: TYPE[, default VALUE][, example VALUE] [-- help]``: a parameter without a
default is required; ``VALUE`` is JSON when it parses as JSON (``""``, ``10``, ``0.8``,
``true``), else the bare text.  Types (checked by :mod:`.params`):

- ``string``, ``int``, ``float``, ``bool``, ``list``, ``date`` (ISO ``YYYY-MM-DD``, passed as a
  string: deadlines and dates are stored as ISO strings, which compare correctly as text);
- ``region``: a place name; a short form (河南, 许昌) becomes the full one (河南省, 许昌市).  A
  region filter means that region and every region under it; a filter that means otherwise (the
  region exactly) says so in its description;
- ``agency``: what a user types for a government body; it reaches Cypher as a *list* of
  forms (:func:`.anchors.agency_forms`) that the query compares with an agency's key, name,
  aliases and ``fn:``-prefixed function code;
- ``tool``: one of the 16 policy instruments of the coding manual (资金投入, 法规管制 …;
  ``vocab/instruments.py``); any other text is refused with the list of valid ones;
- ``label``, ``reltype`` (reads built in Python only): a label or relationship type of the schema,
  which the builder writes into the text.

Other ``//`` lines of the header are notes for the reader (why the query is shaped as it is).
``show: COL, ...`` names the columns a table shows by default (``policykg query``; the
others need ``--columns`` or ``--format json|csv``).
``unordered: COL, ...`` names columns holding lists built by ``collect()``, whose order
is up to the store; they are sorted so both stores give identical results.

``sort: COL, -COL, ...`` orders the rows in Python (``-`` = descending, empty values first)
for queries that ``UNION`` two directions, whose combined order neither store lets one
portable ``ORDER BY`` set, and for anchored queries; every other query orders its own rows.

``anchor: PARAM, ...`` names agency-typed parameters resolved to agency keys first (filtered
by ``PARAM_region``, or ``region`` for a query's only anchor); the text then runs once per key
(per combination of keys), each parameter bound to one key (:mod:`.anchors`).  A ``string``
parameter named ``task`` or ``document`` may be an anchor too, resolved to task or document keys.

``// dialect: NAME`` starts a section that replaces the common text on the store whose
``dialect`` is NAME (``ladybug`` or ``neo4j``); use it only where the languages differ
(shortest paths: LadybugDB ``-[* SHORTEST 1..n]-``, Neo4j ``shortestPath()``).  Every
section must use exactly the declared parameters.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..graph.readform import TYPES, Param, Read, named_parameters

Query = Read  # a named query is a read of the catalog

_HEADER = re.compile(r"^\s*//\s?(.*)$")
_PARAM = re.compile(r"^param\s+(\w+)\s*:\s*(\w+)\s*(.*)$")
_META = ("name", "description", "unordered", "sort", "anchor", "show")
_DIALECT = re.compile(r"^\s*//\s*dialect:\s*(\w+)\s*$", re.M)


def _value(text: str) -> Any:
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        return text


def parse_param(line: str, where: str) -> Param:
    """One ``param`` header line.

    >>> parse_param('param n: int, default 10, example 5 -- how many', 'q')
    Param(name='n', type='int', example=5, default=10, required=False, description='how many')
    >>> parse_param('param who: agency, example 省发改委', 'q').required
    True
    """
    m = _PARAM.match(line)
    if not m:
        raise ValueError(f"{where}: cannot read parameter line {line!r}")
    name, typ, rest = m.groups()
    if typ not in TYPES:
        raise ValueError(f"{where}: parameter {name} has unknown type {typ!r} (one of {', '.join(TYPES)})")
    rest, _, help_text = rest.partition("--")
    p = Param(name, typ, description=help_text.strip())
    for part in filter(None, (x.strip() for x in rest.split(","))):
        key, _, val = part.partition(" ")
        if key == "default":
            p.default, p.required = _value(val), False
        elif key == "example":
            p.example = _value(val)
        else:
            raise ValueError(f"{where}: parameter {name}: unknown attribute {key!r}")
    return p


def anchor_region(anchor: str, names: list[str]) -> str | None:
    """The parameter that filters an anchor's agencies by region: ``<anchor>_region``, else
    ``region`` for a query's only anchor.

    >>> anchor_region("source", ["source", "source_region"]), anchor_region("agency", ["agency", "region"])
    ('source_region', 'region')
    """
    for name in (anchor + "_region", "region"):
        if name in names:
            return name
    return None


def _listed(meta: dict, key: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in meta.get(key, "").split(",") if c.strip())


def _header(lines: list[str], path: str) -> tuple[dict, list[Param], int]:
    meta: dict[str, str] = {}
    params: list[Param] = []
    i = 0
    while i < len(lines):
        m = _HEADER.match(lines[i])
        if not m:
            break
        body = m.group(1).strip()
        if body.startswith("dialect:"):
            break
        if body.startswith("param "):
            params.append(parse_param(body, path))
        elif body.partition(":")[0].strip() in _META:
            key, _, val = body.partition(":")
            meta[key.strip()] = val.strip()
        # any other header line is a note for readers of the file
        i += 1
    return meta, params, i


def parse_query(text: str, path: str = "<text>") -> Read:
    """A query from the text of a ``.cypher`` file (header, common text, dialect sections)."""
    lines = text.splitlines()
    meta, params, i = _header(lines, path)
    parts = _DIALECT.split("\n".join(lines[i:]))
    cypher = parts[0].strip()
    dialects = {parts[j]: parts[j + 1].strip() for j in range(1, len(parts), 2)}
    if "name" not in meta or "description" not in meta:
        raise ValueError(f"{path}: the header needs name: and description: lines")
    q = Read(meta["name"], meta["description"], params, cypher, path, dialects, _listed(meta, "unordered"),
             _listed(meta, "sort"), _listed(meta, "anchor"), _listed(meta, "show"))
    check_uses(q)
    return q


def check_uses(q: Read) -> None:
    """A text (each dialect's) must use exactly the declared parameters (an anchor's region filter
    is used by the anchor lookup, not by the text; a region parameter ``x`` is used as ``$x`` or
    as ``$x_under``, the region with the regions under it)."""
    filters = {anchor_region(a, [p.name for p in q.params]) for a in q.anchors}
    declared = sorted(p.name for p in q.params if p.name not in filters)
    regions = {p.name + "_under": p.name for p in q.params if p.type == "region"}
    for dialect, body in [("common", q.cypher), *q.dialects.items()]:
        if body and sorted({regions.get(n, n) for n in named_parameters(body)}) != declared:
            raise ValueError(f"{q.path}: the {dialect} text uses ${', $'.join(named_parameters(body))} "
                             f"but the header declares {', '.join(declared) or 'none'}")
