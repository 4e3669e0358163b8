"""``policykg query`` (named queries, the list of them, ad-hoc read-only Cypher) and
``policykg cascade`` (the cascade between two regions as JSON for ``score_cascade.py``)."""
from __future__ import annotations

from enum import Enum
from typing import List, Optional

import typer

from ..config import Settings
from ..errors import ParameterError
from ..graph.stores.base import GraphStore, Result
from ..graph.stores.sandbox import CypherSandbox
from ..queries import catalog, registry
from ..queries.adhoc import run_adhoc
from ..queries.cascade import cascade
from ..queries.guard import check_read_query
from ..queries.lookups import agency_names, closest, region_names
from .common import (DbOption, Format, Neo4jOption, fail_cleanly, print_csv, print_json, print_table, settings_for,
                     store_for)


class CascadeFormat(str, Enum):
    table = "table"
    json = "json"


def parse_params(items: Optional[List[str]]) -> dict:
    """``key=value`` strings as a dict (values stay text: the registry types them).

    >>> parse_params(["agency=省发改委", "region = 河南省", "x=a=b"])
    {'agency': '省发改委', 'region': '河南省', 'x': 'a=b'}
    """
    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param {item!r}: expected KEY=VALUE", parameter=item)
        out[key.strip()] = value.strip()
    return out


def pick_columns(columns: list[str], shown: tuple[str, ...], wanted: str | None) -> list[str]:
    """The columns a table shows: ``--columns`` (a comma list, or ``all``), else the query's
    ``show:`` columns, else all.

    >>> pick_columns(["a", "b", "c"], ("c", "a"), None), pick_columns(["a", "b"], ("a",), "all")
    (['c', 'a'], ['a', 'b'])
    >>> pick_columns(["a", "b"], (), "b,x")
    Traceback (most recent call last):
    ...
    policykg.errors.ParameterError: --columns: no column x; the columns are a, b
    """
    if wanted is None:
        return [c for c in shown if c in columns] or list(columns)
    if wanted.strip() == "all":
        return list(columns)
    picked = [c.strip() for c in wanted.split(",") if c.strip()]
    bad = [c for c in picked if c not in columns]
    if bad:
        raise ParameterError(f"--columns: no column {', '.join(bad)}; the columns are {', '.join(columns)}",
                             parameter="columns")
    return picked


def _emit(result: Result, fmt: Format, title: str | None, columns: list[str]) -> None:
    rows = result.records()
    if fmt == Format.json:
        print_json({"columns": result.columns, "rows": rows, "truncated": result.truncated})
        return
    if fmt == Format.csv:
        print_csv(rows, columns=result.columns)
        return
    if rows:
        print_table(rows, title=title, columns=columns, one_line=True)
    hidden = [c for c in result.columns if c not in columns]
    if hidden and rows:
        typer.echo(f"({len(columns)} of {len(result.columns)} columns; not shown: {', '.join(hidden)}. "
                   f"Use --columns NAME,... or --columns all, or --format json|csv)", err=True)
    if result.truncated:
        typer.echo(f"(only the first {len(rows)} rows; raise --limit for more)", err=True)


def explain_empty(store: GraphStore, query: registry.Query, params: dict, timeout_s: float | None) -> str:
    """Why a named query found nothing, for stderr: the agencies or regions it was given that
    the graph does not know, with the closest names it does know."""
    notes = []
    for p in query.params:
        given = params.get(p.name)
        if not isinstance(given, str) or not given.strip() or p.type not in ("agency", "region"):
            continue
        if p.type == "agency":
            if not registry.agencies_named(store, registry.agency_forms(given), timeout_s=timeout_s):
                names = agency_names(store, timeout_s)
                notes.append(f"no agency named {given!r}; closest: {', '.join(closest(given, names)) or 'none'}")
        else:
            names = region_names(store, timeout_s)
            if registry.region_name(given) not in names:
                notes.append(f"no region {given!r} in the graph; closest: {', '.join(closest(given, names)) or 'none'}")
    return "; ".join(notes) if notes else "the query matched nothing with these parameters"


def _list_queries(fmt: Format) -> None:
    """Every read of the catalog: the analysts' named queries (kind ``query``), the reads the API
    and the views run (``internal``) and the graph layer's own (``graph``, run by finalize)."""
    listed = catalog.listing()
    if fmt == Format.json:
        print_json([{"kind": kind, **q.as_dict()} for kind, q in listed])
        return
    rows = [{"name": q.name, "kind": kind, "description": q.description,
             "parameters": ", ".join(f"{p.name}:{p.type}" + ("" if p.required else f"={p.default!r}")
                                     for p in q.params)} for kind, q in listed]
    (print_csv if fmt == Format.csv else print_table)(rows, columns=["name", "kind", "description", "parameters"])


def _through_reforms(name: str | None, params: dict) -> tuple[str | None, dict]:
    """--through-reforms: the query's reform variant when it has one (cascade ->
    cascade_through_reforms), else its through_reforms parameter (a query without it refuses
    the parameter by name)."""
    if name and any(q.name == f"{name}_through_reforms" for q in registry.all_queries()):
        return f"{name}_through_reforms", params
    return name, {**params, "through_reforms": "true"}


def _check(name: Optional[str], cypher: Optional[str], params: dict) -> None:
    """Refuse what cannot run before the store opens: no query or two, a write, a bad parameter."""
    if (name is None) == (cypher is None):
        typer.echo("error: give a query name or --cypher TEXT (or --list to see the queries)", err=True)
        raise typer.Exit(2)
    if cypher is not None:
        check_read_query(cypher)  # the gate of POST /cypher: one read query, nothing else
    else:
        registry.bind(registry.get(name), params)


def run_cypher(settings: Settings, db: Optional[str], neo4j: Optional[str], cypher: str, params: dict,
               limit: int) -> Result:
    """Ad-hoc Cypher as POST /cypher runs it: on LadybugDB in a one-worker query sandbox (a query
    that crashes the engine costs an error message, not this process); on Neo4j in a READ
    transaction with a server-side timeout."""
    settings = settings.with_overrides(query_row_limit=limit)
    if settings.neo4j_uri:
        with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
            return run_adhoc(store, cypher, params, settings=settings)
    with fail_cleanly():
        with CypherSandbox.from_settings(settings, workers=1) as sandbox:
            return run_adhoc(sandbox, cypher, params, settings=settings)


def query_cmd(
    name: Optional[str] = typer.Argument(None, help="A named query (see --list)."),
    param: Optional[List[str]] = typer.Option(None, "--param", "-p", help="KEY=VALUE, repeatable."),
    list_: bool = typer.Option(False, "--list", help="List the named reads and their parameters (kind: query, "
                               "internal = what the API and views run, graph = what finalize runs)."),
    cypher: Optional[str] = typer.Option(None, "--cypher", help="Run this read-only Cypher instead "
                                         "(writes are refused)."),
    db: Optional[str] = DbOption,
    neo4j: Optional[str] = Neo4jOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
    columns: Optional[str] = typer.Option(None, "--columns", help="Table columns, comma-separated, or 'all' "
                                          "(default: the ones that matter for the query)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most this many rows "
                                        "(default: the configured row limit)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", min=0.001, help="Seconds before the query "
                                            "is cut off (default: the configured timeout)."),
    through_reforms: bool = typer.Option(False, "--through-reforms", help="Follow agencies across reforms "
                                         "(agency_duties: -p through_reforms=true; cascade: the query "
                                         "cascade_through_reforms)."),
):
    """Run a named query (policykg query agency_duties -p agency=省发展改革委), list them
    (--list), or run ad-hoc read-only Cypher (--cypher)."""
    if list_:
        _list_queries(fmt)
        return
    with fail_cleanly():
        params = parse_params(param)
        if through_reforms:
            name, params = _through_reforms(name, params)
        _check(name, cypher, params)
    settings = settings_for(db, neo4j).with_overrides(query_timeout_s=timeout)
    limit, timeout = limit or settings.query_row_limit, settings.query_timeout_s
    if cypher is not None:
        result = run_cypher(settings, db, neo4j, cypher, params, limit)
        with fail_cleanly():
            shown = pick_columns(result.columns, (), columns)
        _emit(result, fmt, None, shown)
        return
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        query = registry.get(name)
        result = registry.run(store, name, params, limit=limit, timeout_s=timeout)
        shown = pick_columns(result.columns, query.show, columns)
        if not result.rows:
            typer.echo(f"no rows: {explain_empty(store, query, params, timeout)}", err=True)
    _emit(result, fmt, name, shown)


def cascade_cmd(
    upper: str = typer.Option(..., "--upper", help="The higher region, e.g. 河南省, 上海市, 全国."),
    lower: str = typer.Option(..., "--lower", help="The lower region, one step or more below it, e.g. 许昌市, "
                              "静安区, 禹州市."),
    min_tasks: int = typer.Option(0, "--min-tasks", min=0, help="Only agency pairs with at least this "
                                  "many derived task pairs (default 0: every counterpart pair carrying duties)."),
    through_reforms: bool = typer.Option(False, "--through-reforms", help="Also the tasks of the agencies either "
                                         "body succeeded, or was succeeded by, in a reform (河南省国土资源厅 -> "
                                         "河南省自然资源厅)."),
    db: Optional[str] = DbOption,
    neo4j: Optional[str] = Neo4jOption,
    fmt: CascadeFormat = typer.Option(CascadeFormat.table, "--format", help="table or json."),
):
    """How a higher region's plans are carried down to a region below it (any number of steps):
    each counterpart pair of bodies with its basis and the task pairs that support it, every
    derived task pair (score, spans) and the upper tasks nobody carries (json: pairs, task_pairs,
    uncarried -- what score_cascade.py reads)."""
    timeout = settings_for(db, neo4j).query_timeout_s
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        out = cascade(store, upper, lower, min_tasks=min_tasks, through_reforms=through_reforms, timeout_s=timeout)
    if fmt == CascadeFormat.json:
        print_json(out)
        return
    rows = [{"upper": p["upper"], "lower": p["lower"], "score": p["score"], "basis": p["basis"],
             "tasks": len(p["tasks"]),
             "example": (p["tasks"][0]["lower_task"] or "")[:40] if p["tasks"] else ""} for p in out["pairs"]]
    print_table(rows, title=f"{out['upper']} -> {out['lower']} ({len(out['task_pairs'])} task pairs, "
                      f"{len(out['uncarried'])} upper tasks not carried)",
                columns=["upper", "lower", "score", "basis", "tasks", "example"], one_line=True)
    if not rows:
        typer.echo(f"no counterpart pairs between {out['upper']} and {out['lower']}", err=True)


def register(app: typer.Typer) -> None:
    app.command("query")(query_cmd)
    app.command("cascade")(cascade_cmd)
