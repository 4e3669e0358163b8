"""The named queries: one ``.cypher`` file each in this folder, described by its header.

Why files and not strings in code: an analyst can read, copy and add a query without
touching Python, and the same text runs on LadybugDB and Neo4j.  The header is a block of
``//`` comment lines at the top of the file::

    // name: agency_duties
    // description: Tasks an agency carries, with role, deadline, targets and source span.
    // param agency: agency, example 省发展改革委 -- key, canonical name or any alias
    // param region: region, default "", example 河南省 -- only this region ("" = every region)
    // unordered: targets
    MATCH ...                                 <- the Cypher both stores run
    // dialect: neo4j
    MATCH ...                                 <- optional: replaces the text on that store only

``param NAME: TYPE[, default VALUE][, example VALUE] [-- help]``: a parameter without a
default is required; ``VALUE`` is JSON when it parses as JSON (``""``, ``10``, ``0.8``,
``true``), else the bare text.  Types:

- ``string``, ``int``, ``float``, ``bool``, ``date`` (ISO ``YYYY-MM-DD``, passed as a string:
  deadlines and dates are stored as ISO strings, which compare correctly as text);
- ``region``: a place name; a short form (河南, 许昌) becomes the full one (河南省, 许昌市);
- ``agency``: what a user types for a government body; it reaches Cypher as a *list* of
  forms (see :func:`agency_forms`) that the query compares with an agency's key, name,
  aliases and ``fn:``-prefixed function code;
- ``tool``: one of the 16 policy instruments of the coding manual (资金投入, 法规管制 …;
  ``vocab/instruments.py``); any other text is refused with the list of valid ones.

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
(per combination of keys), each parameter bound to one key: a search from bound agencies
instead of a scan of every agency's names.  A ``string`` parameter named ``task`` or
``document`` may be an anchor too, resolved to task keys (:func:`tasks_named`: its key, one index
seek, else a fragment of task text, one scan) or document keys (:func:`documents_named`: its key,
文号 or a fragment of its title) the same way.

``// dialect: NAME`` starts a section that replaces the common text on the store whose
``dialect`` is NAME (``ladybug`` or ``neo4j``); use it only where the languages differ
(shortest paths: LadybugDB ``-[* SHORTEST 1..n]-``, Neo4j ``shortestPath()``).  Every
section must use exactly the declared parameters.
"""
from __future__ import annotations

import difflib
import itertools
import json
import re
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ParameterError, QueryTimeoutError, UnknownQueryError
from ..graph.stores.base import GraphStore, Result
from ..vocab.bodies import CORE_RE, FULL_NAME, FUNCTION_OF_CORE, FUNCTIONS
from ..vocab.hierarchy import NATIONAL_NAMES
from ..vocab.instruments import TOOLS
from ..vocab.levels import LEVEL_OF_PREFIX, NATIONAL_REGION
from ..vocab.places import gazetteer

QUERY_DIR = Path(__file__).resolve().parent
TYPES = ("string", "int", "float", "bool", "date", "region", "agency", "tool")

_HEADER = re.compile(r"^\s*//\s?(.*)$")
_PARAM = re.compile(r"^param\s+(\w+)\s*:\s*(\w+)\s*(.*)$")
_META = ("name", "description", "unordered", "sort", "anchor", "show")
_DIALECT = re.compile(r"^\s*//\s*dialect:\s*(\w+)\s*$", re.M)
# strings and comments, whose $words are not parameters
_NOT_CODE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_PARAM_REF = re.compile(r"\$(\w+)")


@dataclass
class Param:
    name: str
    type: str
    example: Any = None
    default: Any = None
    required: bool = True
    description: str = ""


@dataclass
class Query:
    name: str
    description: str
    params: list[Param]
    cypher: str
    path: str
    dialects: dict[str, str] = field(default_factory=dict)
    unordered: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    show: tuple[str, ...] = ()  # the columns a table shows by default (all when empty)

    def text_for(self, dialect: str) -> str:
        """The Cypher this query runs on a store of the given dialect."""
        return self.dialects.get(dialect, self.cypher)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def example_params(self) -> dict:
        """Parameters that make a sensible example call (examples, else defaults)."""
        return {p.name: (p.example if p.example is not None else p.default) for p in self.params
                if p.example is not None or not p.required}

    def as_dict(self) -> dict:
        return {"name": self.name, "description": self.description,
                "params": [asdict(p) for p in self.params], "cypher": self.cypher,
                "dialects": dict(self.dialects), "path": Path(self.path).name}


def named_parameters(cypher: str) -> list[str]:
    """The ``$names`` a Cypher text uses (not those inside strings or comments), sorted.

    >>> named_parameters("MATCH (a {key: $key}) WHERE a.x = '$no' // $neither\\nRETURN $key, $y")
    ['key', 'y']
    """
    return sorted(set(_PARAM_REF.findall(_NOT_CODE.sub(" ", cypher))))


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


def parse_query(text: str, path: str = "<text>") -> Query:
    """A query from the text of a ``.cypher`` file (header, common text, dialect sections)."""
    meta: dict[str, str] = {}
    params: list[Param] = []
    lines = text.splitlines()
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
    rest = "\n".join(lines[i:])
    parts = _DIALECT.split(rest)
    cypher = parts[0].strip()
    dialects = {parts[j]: parts[j + 1].strip() for j in range(1, len(parts), 2)}
    if "name" not in meta or "description" not in meta:
        raise ValueError(f"{path}: the header needs name: and description: lines")
    unordered = tuple(c.strip() for c in meta.get("unordered", "").split(",") if c.strip())
    sort = tuple(c.strip() for c in meta.get("sort", "").split(",") if c.strip())
    anchors = tuple(c.strip() for c in meta.get("anchor", "").split(",") if c.strip())
    show = tuple(c.strip() for c in meta.get("show", "").split(",") if c.strip())
    q = Query(meta["name"], meta["description"], params, cypher, path, dialects, unordered, sort, anchors, show)
    # an anchor's region filter is used by the anchor lookup, not by the text
    filters = {anchor_region(a, [p.name for p in params]) for a in anchors}
    declared = sorted(p.name for p in params if p.name not in filters)
    for dialect, body in [("common", cypher), *dialects.items()]:
        if body and named_parameters(body) != declared:
            raise ValueError(f"{path}: the {dialect} text uses ${', $'.join(named_parameters(body))} "
                             f"but the header declares {', '.join(declared) or 'none'}")
    return q


@lru_cache(maxsize=1)
def _load() -> dict[str, Query]:
    out = {}
    for path in sorted(QUERY_DIR.glob("*.cypher")):
        q = parse_query(path.read_text(encoding="utf-8"), str(path))
        if q.name in out:
            raise ValueError(f"{path}: query name {q.name!r} is used twice")
        out[q.name] = q
    return out


def all_queries() -> list[Query]:
    """Every named query, sorted by name."""
    return list(_load().values())


def get(name: str) -> Query:
    """The query of that name, or :class:`UnknownQueryError` suggesting close names."""
    queries = _load()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    close += [q for q in queries if name and (name in q or q in name) and q not in close]
    hint = f"did you mean {', '.join(close)}?" if close else f"known queries: {', '.join(queries)}"
    raise UnknownQueryError(f"no query named {name!r}; {hint}", query=name, suggestions=close)


# --- parameter values --------------------------------------------------------------------------
def _nfkc(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))




def agency_forms(text: str) -> list[str]:
    """Every form under which the body a user typed may be stored, sorted.

    The typed text itself (a key, a canonical name or a surface form), the same body under the
    other spellings of its function (省发改委 = 省发展改革委 = 省发展和改革委员会), and
    ``fn:LEVEL:FUNCTION`` (prefix 省/市/县/区) or ``fn:FUNCTION`` (no prefix), which the queries
    compare with the agency's level and function code, so 省发改委 finds a provincial
    development-and-reform commission however its documents spelled it.

    >>> forms = agency_forms(" 省发改委")
    >>> "省发展改革委" in forms and "省发展和改革委员会" in forms and "fn:province:发展改革" in forms
    True
    >>> agency_forms("河南省|发展和改革委员会")
    ['河南省|发展和改革委员会']
    >>> "河南省发展和改革委员会" in agency_forms("河南省发改委")
    True
    """
    raw = text.strip()
    s = _nfkc(raw)
    if not s:
        return []
    forms = {raw, s}
    m = CORE_RE.search(s)
    if m and "|" not in s:
        fn, prefix = FUNCTION_OF_CORE[m.group(0)], s[:m.start()]
        cores = next(c for f, c, _, _ in FUNCTIONS if f == fn)
        forms.update(prefix + c for c in cores + list(FULL_NAME[fn]))
        if prefix in LEVEL_OF_PREFIX:
            forms.add(f"fn:{LEVEL_OF_PREFIX[prefix]}:{fn}")
        elif prefix == "":
            forms.add(f"fn:{fn}")
    return sorted(forms)


_REGION_SUFFIX = re.compile(r"(?:省|市|县|区|州|盟|旗|自治区)$")


def region_name(text: str) -> str:
    """A region as stored: short names (河南, 许昌) become full names through the gazetteer.

    >>> region_name("许昌市"), region_name(""), region_name("全国")
    ('许昌市', '', '中国')
    """
    s = _nfkc(text)
    if s in NATIONAL_NAMES:
        return NATIONAL_REGION
    if not s or _REGION_SUFFIX.search(s):
        return s
    place = gazetteer().lookup(s)
    return place.name if place else s


def tool_name(text: str) -> str:
    """A policy instrument as stored (the manual's tool name), or a ValueError listing the 16.

    >>> tool_name(" 资金投入 ")
    '资金投入'
    >>> tool_name("补贴")
    Traceback (most recent call last):
    ...
    ValueError: not a tool; valid: 人才培养, 资金投入, 科技信息支持, 基础设施建设, 公共服务, 目标规划, 金融支持, 税收优惠, 法规管制, 策略性措施, 政府采购, 服务外包, 贸易管制, 海外交流, 示范推广, 消费补贴
    """
    s = _nfkc(text)
    if s not in TOOLS:
        raise ValueError(f"not a tool; valid: {', '.join(TOOLS)}")
    return s


def coerce(p: Param, value: Any) -> Any:
    """A value (often a string from the command line or a URL) as the parameter's type."""
    try:
        if p.type in ("string", "region", "agency", "date", "tool"):
            if not isinstance(value, str):
                if p.type == "string" and isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = str(value)
                else:
                    raise ValueError("expected text")
            if p.type == "tool":
                return tool_name(value)
            if p.type == "date":
                if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                    raise ValueError("expected a date YYYY-MM-DD")
                return value.strip()
            if p.type == "region":
                return region_name(value)
            if p.type == "agency":  # "" (no agency) is allowed only where the parameter is optional
                if not value.strip() and p.required:
                    raise ValueError("expected an agency key, name or alias")
                return agency_forms(value)
            return value
        if p.type == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes", "false", "0", "no"):
                return value.strip().lower() in ("true", "1", "yes")
            raise ValueError("expected true or false")
        if isinstance(value, bool):
            raise ValueError(f"expected {'an integer' if p.type == 'int' else 'a number'}")
        if p.type == "int":
            if isinstance(value, float) and not value.is_integer():
                raise ValueError("expected an integer")
            return int(str(value).strip()) if isinstance(value, str) else int(value)
        if p.type == "float":
            return float(value)
    except (ValueError, TypeError) as e:
        raise ParameterError(f"parameter {p.name!r} ({p.type}): {value!r} is not valid: {e}",
                             parameter=p.name) from e
    raise ParameterError(f"parameter {p.name!r} has unknown type {p.type}", parameter=p.name)


def bind(query: Query, params: dict | None) -> dict:
    """The full, typed parameter dict for a call: unknown and missing names are refused."""
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise ParameterError(f"query {query.name!r} has no parameter {unknown[0]!r} (its parameters: {known})",
                             parameter=unknown[0])
    out = {}
    for p in query.params:
        if p.name in params and params[p.name] is not None:
            out[p.name] = coerce(p, params[p.name])
        elif p.required:
            raise ParameterError(f"query {query.name!r} needs parameter {p.name!r} ({p.type}"
                                 f"{', e.g. ' + str(p.example) if p.example is not None else ''})",
                                 parameter=p.name)
        else:
            out[p.name] = coerce(p, p.default) if p.default is not None else None
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):  # LadybugDB's sum() of integers
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _sort_key(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


# the agencies a typed name denotes (the same test every agency-typed query makes)
ANCHOR_LOOKUP = """
MATCH (a:Agency)
WHERE $region = '' OR a.region = $region OR a.province = $region
WITH a, $forms AS forms
WHERE a.key IN forms OR a.name IN forms OR any(f IN a.aliases WHERE f IN forms)
   OR ('fn:' + a.level + ':' + a.function) IN forms OR ('fn:' + a.function) IN forms
RETURN a.key AS key ORDER BY key
"""
# a typed key (region|name) is looked up by key: the forms test above scans every agency
ANCHOR_BY_KEY = """
MATCH (a:Agency {key: $key})
WHERE $region = '' OR a.region = $region OR a.province = $region
RETURN a.key AS key
"""
# a task parameter: its key (an index seek), else a fragment of the text (one scan of the tasks)
TASK_REGION = ("($region = '' OR t.region = $region OR EXISTS { MATCH (t)-[:PART_OF]->(d:Document) "
               "WHERE d.province = $region })")
TASK_BY_KEY = f"MATCH (t:Task {{key: $task}}) WHERE {TASK_REGION} RETURN t.key AS key"
TASK_BY_TEXT = f"MATCH (t:Task) WHERE t.text CONTAINS $task AND {TASK_REGION} RETURN t.key AS key ORDER BY key"
DOCUMENT_BY_ANY = ("MATCH (s:Document) WHERE s.key = $document OR s.doc_number = $document OR "
                   "($document <> '' AND s.title CONTAINS $document) RETURN s.key AS key ORDER BY key")
MAX_ANCHOR_PAIRS = 200  # ends of a path search: each pair is a search of its own
MAX_ANCHOR_KEYS = 2000  # agencies of a one-anchor query: each is a few index hops


def agencies_named(store: GraphStore, forms: list[str], region: str = "",
                   timeout_s: float | None = None) -> list[str]:
    """The keys of the agencies a typed name denotes (its :func:`agency_forms`), of one region or
    province when ``region`` is given.  Keys (``region|name``; no name or alias holds ``|``) are
    looked up by key, an index seek, instead of the scan of every agency's names."""
    if forms and all("|" in f for f in forms):  # one seek per key (LadybugDB scans for ``key IN $list``)
        return sorted({r[0] for f in forms for r in store.query(ANCHOR_BY_KEY, {"region": region or "", "key": f},
                                                                 timeout_s=timeout_s).rows})
    return [r[0] for r in store.query(ANCHOR_LOOKUP, {"region": region or "", "forms": forms},
                                      timeout_s=timeout_s).rows]


def tasks_named(store: GraphStore, task: str, region: str = "", timeout_s: float | None = None) -> list[str]:
    """The keys of the tasks a ``task`` parameter denotes: the task of that key, else the tasks
    whose text holds it (of one region or province when ``region`` is given); none for ""."""
    if not task:
        return []
    params = {"task": task, "region": region or ""}
    found = [r[0] for r in store.query(TASK_BY_KEY, params, timeout_s=timeout_s).rows]
    return found or [r[0] for r in store.query(TASK_BY_TEXT, params, timeout_s=timeout_s).rows]


def documents_named(store: GraphStore, document: str, region: str = "", timeout_s: float | None = None) -> list[str]:
    """The keys of the documents a ``document`` parameter denotes: by key, 文号 or a fragment of the
    title (documents are few: one scan)."""
    return [r[0] for r in store.query(DOCUMENT_BY_ANY, {"document": document}, timeout_s=timeout_s).rows]


NAMED = {"task": tasks_named, "document": documents_named}  # string anchors; agency anchors: agencies_named


def _run_anchored(store: GraphStore, query: Query, bound: dict, timeout_s: float | None) -> Result:
    """``// anchor: a, b``: resolve each named agency parameter to agency keys first (with its
    region filter, :func:`anchor_region`), then run the text once per combination of keys, each
    parameter bound to one key.  Path searches need their ends bound before they start: LadybugDB
    does not push a filter on the ends into a shortest-path search (10 s cut-off vs ~20 ms on 200k
    nodes); chains from one bound agency are index hops where a scan of every agency's forms took
    seconds."""
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    keys = {}
    for a in query.anchors:
        region = anchor_region(a, [p.name for p in query.params])
        named = NAMED.get(a, agencies_named)
        keys[a] = named(store, bound[a], bound.get(region) or "", timeout_s)
    combos = [c for c in itertools.product(*(keys[a] for a in query.anchors)) if len(set(c)) == len(c)]
    if len(combos) > (MAX_ANCHOR_PAIRS if len(query.anchors) > 1 else MAX_ANCHOR_KEYS):
        sizes = ", ".join(f"{a} matches {len(keys[a])} {a + 's' if a in NAMED else 'agencies'}"
                          for a in query.anchors)
        filters = [anchor_region(a, [p.name for p in query.params]) or a for a in query.anchors]
        raise ParameterError(f"query {query.name!r}: {sizes}; narrow them with {', '.join(filters)}",
                             parameter=query.anchors[0])
    text = query.text_for(store.dialect)
    used = set(named_parameters(text))
    columns, rows, truncated = None, [], False
    for combo in combos:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise QueryTimeoutError(f"query {query.name!r} cut off after its time limit of {timeout_s} s")
        params = {k: v for k, v in bound.items() if k in used}
        params.update(dict(zip(query.anchors, combo)))
        res = store.query(text, params, timeout_s=left)
        columns = res.columns
        rows.extend(res.rows)
        truncated = truncated or res.truncated
    if columns is None:  # nothing to search: the columns of an empty answer
        columns = _columns_of(text)
    return Result(columns, rows, truncated)


def _columns_of(text: str) -> list[str]:
    ret = text.rsplit("RETURN", 1)[-1]
    return re.findall(r"\bAS\s+(\w+)", ret)


def run(store: GraphStore, name: str, params: dict | None = None, *, limit: int | None = None,
        timeout_s: float | None = None) -> Result:
    """Run a named query read-only on a store, with typed parameters."""
    query = get(name)
    bound = bind(query, params)
    if query.anchors:
        res = _run_anchored(store, query, bound, timeout_s)
    else:
        res = store.query(query.text_for(store.dialect), bound, timeout_s=timeout_s,
                          limit=None if query.sort else limit)
    rows = [[_plain(v) for v in r] for r in res.rows]
    for col in query.unordered:
        if col in res.columns:
            i = res.columns.index(col)
            for r in rows:
                if isinstance(r[i], list):
                    r[i] = sorted(r[i], key=_sort_key)
    truncated = res.truncated
    if query.sort:
        for spec in reversed(query.sort):  # stable sorts, last key first
            i = res.columns.index(spec.lstrip("-"))
            rows.sort(key=lambda r: (r[i] is not None, r[i] if r[i] is not None else 0)  # nulls first
                      if not isinstance(r[i], (list, dict)) else (True, _sort_key(r[i])),
                      reverse=spec.startswith("-"))
        if limit is not None and len(rows) > limit:
            rows, truncated = rows[:limit], True
    return Result(res.columns, rows, truncated)
