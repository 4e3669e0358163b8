"""``policykg query`` (named queries, the list of them, ad-hoc read-only Cypher) and
``policykg cascade`` (the province -> city cascade as JSON for ``score_cascade.py``)."""
from __future__ import annotations

from enum import Enum
from typing import List, Optional

import typer

from .common import DbOption, Format, Neo4jOption, fail_cleanly, print_csv, print_json, print_table, store_for


class CascadeFormat(str, Enum):
    table = "table"
    json = "json"


def parse_params(items: Optional[List[str]]) -> dict:
    """``key=value`` strings as a dict (values stay text: the registry types them).

    >>> parse_params(["agency=省发改委", "region = 河南省", "x=a=b"])
    {'agency': '省发改委', 'region': '河南省', 'x': 'a=b'}
    """
    from ..errors import ParameterError

    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param {item!r}: expected KEY=VALUE", parameter=item)
        out[key.strip()] = value.strip()
    return out


def _emit(result, fmt: Format, title: str | None = None) -> None:
    rows = result.records()
    if fmt == Format.json:
        print_json({"columns": result.columns, "rows": rows, "truncated": result.truncated})
        return
    if fmt == Format.csv:
        print_csv(rows, columns=result.columns)
        return
    print_table(rows, title=title, columns=result.columns)
    if result.truncated:
        typer.echo(f"(only the first {len(rows)} rows; raise --limit for more)", err=True)


def _list_queries(fmt: Format) -> None:
    from ..queries.registry import all_queries

    qs = all_queries()
    if fmt == Format.json:
        print_json([q.as_dict() for q in qs])
        return
    rows = [{"name": q.name, "description": q.description,
             "parameters": ", ".join(f"{p.name}:{p.type}" + ("" if p.required else f"={p.default!r}")
                                     for p in q.params)} for q in qs]
    (print_csv if fmt == Format.csv else print_table)(rows, columns=["name", "description", "parameters"])


def register(app: typer.Typer) -> None:
    @app.command("query")
    def query_cmd(
        name: Optional[str] = typer.Argument(None, help="A named query (see --list)."),
        param: Optional[List[str]] = typer.Option(None, "--param", "-p", help="KEY=VALUE, repeatable."),
        list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
        cypher: Optional[str] = typer.Option(None, "--cypher", help="Run this read-only Cypher instead "
                                             "(writes are refused)."),
        db: Optional[str] = DbOption,
        neo4j: Optional[str] = Neo4jOption,
        fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
        limit: Optional[int] = typer.Option(None, "--limit", min=1, help="At most this many rows "
                                            "(default: the configured row limit)."),
        timeout: Optional[float] = typer.Option(None, "--timeout", min=0.001, help="Seconds before the query "
                                                "is cut off (default: the configured timeout)."),
    ):
        """Run a named query (policykg query agency_duties -p agency=省发展改革委), list them
        (--list), or run ad-hoc read-only Cypher (--cypher)."""
        from ..graph.stores.base import write_clause
        from ..queries import registry

        if list_:
            _list_queries(fmt)
            return
        if (name is None) == (cypher is None):
            typer.echo("error: give a query name or --cypher TEXT (or --list to see the queries)", err=True)
            raise typer.Exit(2)
        with fail_cleanly():
            params = parse_params(param)
            if cypher is not None:
                clause = write_clause(cypher)
                if clause:
                    typer.echo(f"error: refused: {clause} writes to the graph, and `policykg query` only reads "
                               f"(use `policykg ingest` to change the graph)", err=True)
                    raise typer.Exit(2)
            else:
                query = registry.get(name)
                registry.bind(query, params)  # a bad parameter fails before the store opens
        from .common import settings_for

        settings = settings_for(db, neo4j)
        limit = limit or settings.query_row_limit
        timeout = timeout or settings.query_timeout_s
        with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
            if cypher is not None:
                result = store.query(cypher, params, timeout_s=timeout, limit=limit)
            else:
                result = registry.run(store, name, params, limit=limit, timeout_s=timeout)
        _emit(result, fmt, title=name)

    @app.command("cascade")
    def cascade_cmd(
        upper: str = typer.Option(..., "--upper", help="The higher region, e.g. 河南省."),
        lower: str = typer.Option(..., "--lower", help="The lower region, e.g. 许昌市."),
        min_tasks: int = typer.Option(0, "--min-tasks", min=0, help="Only agency pairs with at least this "
                                      "many derived task pairs (default 0: every counterpart pair carrying duties)."),
        db: Optional[str] = DbOption,
        neo4j: Optional[str] = Neo4jOption,
        fmt: CascadeFormat = typer.Option(CascadeFormat.table, "--format", help="table or json."),
    ):
        """How a higher region's agencies hand their tasks down to a lower region's: each agency
        pair with the task pairs that support it (json is what score_cascade.py reads)."""
        from ..queries.cascade import cascade

        from .common import settings_for

        timeout = settings_for(db, neo4j).query_timeout_s
        with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
            out = cascade(store, upper, lower, min_tasks=min_tasks, timeout_s=timeout)
        if fmt == CascadeFormat.json:
            print_json(out)
            return
        rows = [{"upper": p["upper"], "lower": p["lower"], "score": p["score"], "basis": p["basis"],
                 "tasks": len(p["tasks"]),
                 "example": (p["tasks"][0]["lower_task"] or "")[:40] if p["tasks"] else ""} for p in out["pairs"]]
        print_table(rows, title=f"{out['upper']} -> {out['lower']}",
                    columns=["upper", "lower", "score", "basis", "tasks", "example"])
