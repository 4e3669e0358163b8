"""`policykg viz ...`: write a network view of the graph as one self-contained HTML file."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..viz.instruments import instrument_page, write_page
from ..viz.views import agency_view, cascade_view, document_view, lineage_view, region_view
from .common import DbOption, Neo4jOption, fail_cleanly, settings_for, store_for

viz_app = typer.Typer(help="Draw network views of the graph as self-contained HTML pages (open offline).",
                      no_args_is_help=True)

OutOption = typer.Option(..., "-o", "--output", help="The HTML file to write.", dir_okay=False)
CapOption = typer.Option(None, "--max-nodes", min=10, help="Draw at most this many nodes (default 2000); "
                         "the page says what it left out.")


def _write(page, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page.html, encoding="utf-8")
    left = "，".join(f"{t} {k}" for t, k in page.omitted.items())
    typer.echo(f"wrote {out} ({page.nodes} nodes, {page.edges} edges"
               + (f"; left out: {left}" if left else "") + ")")


def _run(db, neo4j, out: Path, draw) -> None:
    settings = settings_for(db, neo4j)
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        page = draw(store, settings)
    _write(page, out)


@viz_app.command("agency")
def agency(name_or_id: str = typer.Argument(..., help="Agency key, name or alias (e.g. 省发展改革委)."),
           depth: int = typer.Option(1, "--depth", min=1, max=5, help="Steps out from the agency through shared tasks."),
           region: Optional[str] = typer.Option(None, "--region", help="Choose among agencies of the same "
                                                "name, e.g. 河南省."),
           output: Path = OutOption, max_nodes: Optional[int] = CapOption,
           db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption):
    """An agency, its tasks (responsible and cooperating), partner agencies, targets and documents."""

    _run(db, neo4j, output, lambda store, s: agency_view(store, name_or_id, depth=depth, region=region,
                                                          settings=s, cap=max_nodes))


@viz_app.command("cascade")
def cascade(upper: str = typer.Option(..., "--upper", help="The higher region, e.g. 河南省."),
            lower: str = typer.Option(..., "--lower", help="The lower region, e.g. 许昌市."),
            output: Path = OutOption, max_nodes: Optional[int] = CapOption,
            db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption):
    """Higher agencies above their lower counterparts; lower tasks linked to the tasks they derive from."""

    _run(db, neo4j, output, lambda store, s: cascade_view(store, upper, lower, settings=s, cap=max_nodes))


@viz_app.command("document")
def document(number_or_id: str = typer.Argument(..., help="Document key, 文号 or exact title."),
             depth: int = typer.Option(5, "--depth", min=1, max=20, help="Generations up and down."),
             output: Path = OutOption, max_nodes: Optional[int] = CapOption,
             db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption):
    """A document's lineage: what it derives from (up) and what derives from it (down)."""

    _run(db, neo4j, output, lambda store, s: document_view(store, number_or_id, depth=depth, settings=s,
                                                            cap=max_nodes))


@viz_app.command("lineage")
def lineage(number_or_id: str = typer.Argument(..., help="Document key, 文号 or exact title."),
            output: Path = OutOption, max_nodes: Optional[int] = CapOption,
            db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption):
    """A document's ancestors, descendants and repeals, laid out by level (rows) and date (left to right)."""

    _run(db, neo4j, output, lambda store, s: lineage_view(store, number_or_id, settings=s, cap=max_nodes))


@viz_app.command("region")
def region(name: str = typer.Argument(..., help="Region name as in the graph, e.g. 许昌市."),
           types: Optional[str] = typer.Option(None, "--types", help="Comma-separated node types to show: "
                                               "Agency,Task,Document,Target,Zone,Cluster (default all)."),
           output: Path = OutOption, max_nodes: Optional[int] = CapOption,
           db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption):
    """Overview of one region: its agencies, tasks, documents, targets, zones and clusters."""

    _run(db, neo4j, output, lambda store, s: region_view(store, name, types=types, settings=s, cap=max_nodes))


@viz_app.command("instruments")
def instruments(by: str = typer.Option("region", "--by", help="Bars by region or by year."),
                region: Optional[str] = typer.Option(None, "--region", help="Only this province, city or county "
                                                     "and the regions in it, e.g. 河南省."),
                level: Optional[str] = typer.Option(None, "--level", help="Only documents of this level: national, "
                                                    "province, city or county."),
                with_also: bool = typer.Option(False, "--with-also", help="Count every tool a task uses."),
                output: Path = OutOption, db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption):
    """Stacked bars of the policy-instrument mix by region or year; click a bar for its tasks.  The page's
    script and style (instruments.js, instruments.css) are written beside it: keep the three together."""
    settings = settings_for(db, neo4j)
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        page = instrument_page(store, by.strip(), region=region or "", level=level or "", with_also=with_also,
                               timeout_s=settings.query_timeout_s)
    files = write_page(page, output)
    typer.echo(f"wrote {', '.join(str(f) for f in files)} ({page.groups} bars, {page.tasks} tasks)")


def register(app: typer.Typer) -> None:
    app.add_typer(viz_app, name="viz")
