"""The policy-instrument mix as analysts read it (what ``policykg instruments``, the
``/instruments`` routes and the instrument view give), composed from the named queries
``instrument_*`` and ``instruments_by_*``:

- :func:`crosstab`: counts and shares by type and tool, overall or per region, level, agency,
  document or year, one group a row;
- :func:`tasks_of`: the tasks coded with one tool, each with the words that decided the code (its
  cue), the rule, its source sentence and the agencies responsible for or cooperating on it;
- :func:`cascade_mix`: a cascade's mix side by side and whether derived lower tasks keep the upper
  task's tool.

Unknown groupings or tools are refused with the list of valid ones.
"""
from __future__ import annotations

from ..errors import ParameterError
from ..graph.stores.base import GraphStore
from ..vocab.instruments import TOOLS, TYPES
from ..vocab.sentences import sentence_around
from . import registry, runner

# --by -> (named query, the columns that name a group)
BY: dict[str, tuple[str, tuple[str, ...]]] = {
    "region": ("instruments_by_region", ("region",)),
    "level": ("instruments_by_level", ("level",)),
    "agency": ("instruments_by_agency", ("agency_key", "agency", "region")),
    "document": ("instruments_by_document", ("document_key", "doc_number", "title", "date", "region")),
    "year": ("instruments_by_year", ("year",)),
}
TASK_LIMIT = 2000  # tasks a listing returns at most (the answer says when it was cut)


def check_by(by: str | None) -> str | None:
    """A grouping (``None``: the overall mix), or a ParameterError listing the valid ones.

    >>> check_by(" year "), check_by(None)
    ('year', None)
    >>> check_by("city")
    Traceback (most recent call last):
    ...
    policykg.errors.ParameterError: --by: unknown grouping 'city'; valid: region, level, agency, document, year
    """
    if by is None or not by.strip():
        return None
    if by.strip() not in BY:
        raise ParameterError(f"--by: unknown grouping {by.strip()!r}; valid: {', '.join(BY)}", parameter="by")
    return by.strip()


def check_tool(tool: str) -> str:
    """A tool as stored, or a ParameterError listing the 16.

    >>> check_tool("资金投入")
    '资金投入'
    >>> check_tool("补贴")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    policykg.errors.ParameterError: unknown tool '补贴'; valid: 人才培养, 资金投入, ..., 消费补贴
    """
    try:
        return registry.tool_name(tool or "")
    except ValueError:
        raise ParameterError(f"unknown tool {(tool or '').strip()!r}; valid: {', '.join(TOOLS)}",
                             parameter="tool") from None


def groups(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """Rows of (group columns, type, tool, tasks, total, share) as one object per group:
    ``{<group columns>, "total", "types": {type: {tasks, share}}, "tools": {tool: {tasks, share}}}``,
    types and tools in the manual's order, groups in the order they come.

    >>> rows = [{"year": "2024", "type": "supply", "tool": "资金投入", "tasks": 3, "total": 4, "share": 0.75},
    ...         {"year": "2024", "type": "environment", "tool": "法规管制", "tasks": 1, "total": 4, "share": 0.25}]
    >>> g = groups(rows, ("year",))[0]
    >>> g["year"], g["total"], g["types"]["supply"], list(g["tools"])
    ('2024', 4, {'tasks': 3, 'share': 0.75}, ['资金投入', '法规管制'])
    """
    out: dict[tuple, dict] = {}
    for r in rows:
        ident = tuple(r.get(k) for k in keys)
        g = out.setdefault(ident, {**{k: r.get(k) for k in keys}, "total": r["total"], "types": {}, "tools": {}})
        g["tools"][r["tool"]] = {"tasks": r["tasks"], "share": r["share"]}
        t = g["types"].setdefault(r["type"], {"tasks": 0, "share": 0.0})
        t["tasks"] += r["tasks"]
        t["share"] = t["tasks"] / r["total"] if r["total"] else 0.0
    for g in out.values():
        g["types"] = {t: g["types"][t] for t in TYPES if t in g["types"]}
        g["tools"] = {t: g["tools"][t] for t in TOOLS if t in g["tools"]}
    return list(out.values())


def crosstab(store: GraphStore, by: str | None = None, *, region: str = "", level: str = "",
             with_also: bool = False, timeout_s: float | None = None) -> dict:
    """``{"by", "region", "level", "with_also", "groups": [...]}``: the mix overall (one group,
    ``by`` None) or per group of ``by`` (see :func:`groups`)."""
    by = check_by(by)
    name, keys = BY[by] if by else ("instrument_mix", ())
    query = registry.get(name)
    params = {"region": region or "", "level": level or "", "with_also": with_also}
    if query.param("level") is None:  # grouped by level: every level is a row
        params.pop("level")
    res = registry.run(store, name, params, timeout_s=timeout_s)
    bound = registry.bind(query, params)
    return {"by": by, "region": bound["region"], "level": bound.get("level", ""), "with_also": with_also,
            "groups": groups(res.records(), keys)}


def tasks_of(store: GraphStore, tool: str, *, region: str = "", level: str = "", document: str = "",
             year: str = "", with_also: bool = False, timeout_s: float | None = None,
             limit: int = TASK_LIMIT) -> dict:
    """``{"tool", "type", "tasks": [...], "truncated"}``: the ``instrument_tasks`` rows of one tool,
    each with ``cue`` (the words that decided the code) and ``source`` (the sentence holding them)."""
    tool = check_tool(tool)
    params = {"tool": tool, "region": region or "", "level": level or "", "document": document or "",
              "year": year or "", "with_also": with_also}
    res = registry.run(store, "instrument_tasks", params, timeout_s=timeout_s, limit=limit)
    rows = res.records()
    texts = document_texts(store, sorted({r["document_key"] for r in rows}), timeout_s)
    for r in rows:
        text = texts.get(r["document_key"]) or ""
        s, e = r["cue_start"], r["cue_end"]
        r["cue"] = text[s:e] if isinstance(s, int) and 0 <= s < e <= len(text) else ""
        span = sentence_around(text, s, e) if r["cue"] else None
        r["source"] = text[span[0]:span[1]].strip() if span else ""
    return {"tool": tool, "type": TOOLS[tool], "tasks": rows, "truncated": res.truncated}


def document_texts(store: GraphStore, keys: list[str], timeout_s: float | None = None) -> dict[str, str]:
    """The cleaned text of each document (the spans index it)."""
    if not keys:
        return {}
    res = runner.run(store, "document_texts", {"keys": keys}, timeout_s=timeout_s)
    return {k: t or "" for k, t in res.rows}


def cascade_mix(store: GraphStore, upper: str, lower: str, *, with_also: bool = False,
                timeout_s: float | None = None) -> dict:
    """``{"upper", "lower", "mix": {"upper": group, "lower": group}, "pairs": [...], "kept", "kept_type"}``:
    the two sides' mixes (see :func:`groups`), the derived task pairs with both tools, and the
    share of pairs whose lower task keeps the upper task's tool (and type)."""
    params = {"upper": upper, "lower": lower}
    sides = registry.run(store, "instrument_cascade_mix", {**params, "with_also": with_also},
                         timeout_s=timeout_s).records()
    pairs = registry.run(store, "instrument_cascade_pairs", params, timeout_s=timeout_s).records()
    bound = registry.bind(registry.get("instrument_cascade_pairs"), params)
    mix = {g["side"]: g for g in groups(sides, ("side",))}
    n = len(pairs)
    return {"upper": bound["upper"], "lower": bound["lower"], "mix": mix, "pairs": pairs,
            "kept": sum(p["kept"] for p in pairs) / n if n else None,
            "kept_type": sum(p["kept_type"] for p in pairs) / n if n else None}
