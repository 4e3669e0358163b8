"""``policykg ingest``, ``policykg stats`` and ``policykg export``: documents into the graph,
what the graph holds, and the graph out to other tools."""
from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..graph import export, schema
from ..graph.loader import LoadSummary
from ..graph.stores.base import GraphStore
from ..ingest.load import Discovered, discover, load_files
from ..queries.coissuance import network
from .common import DbOption, Neo4jOption, WaitOption, fail_cleanly, print_json, print_table, store_for


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


def _split(values: Optional[List[str]]) -> list[str] | None:
    out = [v.strip() for item in values or [] for v in item.split(",") if v.strip()]
    return out or None


def print_summary(summary: LoadSummary, console: Console) -> None:
    t = Table(title="ingest summary")
    t.add_column("documents", overflow="fold")
    t.add_column("count", justify="right")
    for k in ("new", "replaced", "unchanged", "duplicate", "failed"):
        t.add_row(k, str(getattr(summary, k)))
    t.add_row("node rows written", str(summary.nodes_written))
    t.add_row("relationship rows written", str(summary.edges_written))
    t.add_row("seconds", str(summary.seconds.get("total")))
    console.print(t)
    for note in summary.notes:
        console.print(f"note: {note}", markup=False, highlight=False)
    if summary.failures:  # plain lines, never folded, so paths stay whole and greppable
        console.print(f"{len(summary.failures)} document(s) failed:", style="bold red")
        for x in summary.failures:
            console.print(f"  {x.reason}  [{x.code}]", markup=False, highlight=False, soft_wrap=True)


def _load_with_progress(store: GraphStore, found: Discovered, err: Console, **kw) -> LoadSummary:
    """Load the documents under a progress bar on stderr."""
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=err, transient=False) as bar:
        task = bar.add_task("", total=len(found.files))

        def progress(done: int, total: int, path: str, status: str) -> None:
            bar.update(task, completed=done, description=f"{status}: {Path(path).name}")

        summary = load_files(store, found, progress=progress, **kw)
        bar.update(task, description="finalized")
    return summary


def ingest_cmd(
    paths: List[Path] = typer.Argument(..., help="Documents or directories (walked recursively)."),
    manifest: Optional[Path] = typer.Option(
        None, "--manifest", help="CSV whose first column is 'file' (url, region, date… per document). "
        "Default: manifest.csv inside each directory given."),
    db: Optional[str] = DbOption,
    neo4j: Optional[str] = Neo4jOption,
    workers: int = typer.Option(max(1, min(4, (os.cpu_count() or 2))), "--workers", min=1,
                                help="Extraction processes."),
    batch_docs: Optional[int] = typer.Option(None, "--batch-docs", min=1, help="Documents per write transaction "
                                             "(default: as many as make the store's transaction size)."),
    force: bool = typer.Option(False, "--force", help="Rewrite documents even when unchanged "
                               "(e.g. after upgrading the extractor)."),
    fmt: StatsFormat = typer.Option(StatsFormat.table, "--format", help="Summary as table or json."),
    wait: Optional[float] = WaitOption,
):
    """Extract documents and write them into the graph.  Re-running is safe: unchanged
    documents are skipped, changed ones replaced in one transaction.  One writer at a time:
    while another ingest or an upload writes the database, this one waits (see --wait)."""
    err = Console(stderr=True)
    with fail_cleanly():  # a missing path or a bad manifest fails here, before any progress bar
        found = discover(paths, manifest)
    for m in found.manifests:
        err.print(f"manifest: {m}", markup=False, highlight=False)
    if not found.files:
        typer.echo("error: no documents found in " + ", ".join(map(str, paths)), err=True)
        raise typer.Exit(2)
    with store_for(db, neo4j, wait=wait, purpose="ingest") as store, fail_cleanly():
        summary = _load_with_progress(store, found, err, workers=workers, force=force, batch_docs=batch_docs)
    if fmt == StatsFormat.json:
        print_json(summary.as_dict())
    else:
        print_summary(summary, Console())
    if summary.failed and not summary.succeeded:
        raise typer.Exit(2)


def stats_cmd(db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption,
              fmt: StatsFormat = typer.Option(StatsFormat.table, "--format", help="table or json.")):
    """Count nodes per label and relationships per type."""
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        s = {**store.stats().as_dict(), "memory": store.memory()}
    if fmt == StatsFormat.json:
        print_json(s)
        return
    rows = [{"kind": "node", "name": k, "count": v} for k, v in s["nodes"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in s["relationships"].items()]
    rows += [{"kind": "memory", "name": k, "count": v} for k, v in s["memory"].items() if k != "backend"]
    print_table(rows, title="graph")


def _known(name: str, known, given: list[str] | None) -> None:
    bad = [x for x in given or [] if x not in known]
    if bad:
        raise typer.BadParameter(f"unknown {name} {', '.join(bad)}; known: {', '.join(known)}")


def export_cmd(
    fmt: ExportFormat = typer.Option(..., "--format", help="graphml, gexf, or csv (neo4j-admin import)."),
    out: Path = typer.Option(..., "-o", "--output", help="Output file (graphml, gexf) or directory (csv)."),
    db: Optional[str] = DbOption,
    neo4j: Optional[str] = Neo4jOption,
    labels: Optional[List[str]] = typer.Option(None, "--labels", help="Only these node labels (comma list)."),
    types: Optional[List[str]] = typer.Option(None, "--types", help="Only these relationship types."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave out the documents' full text."),
    coissuance: bool = typer.Option(False, "--coissuance", help="Instead of the graph: the agency co-issuance "
                                    "network (agencies, one edge per pair that issued documents together, "
                                    "weight = documents); graphml or gexf."),
    region: Optional[str] = typer.Option(None, "--region", help="With --coissuance: pairs of which one agency "
                                         "sits in this region or province."),
    min_documents: int = typer.Option(1, "--min-documents", min=1, help="With --coissuance: pairs with at least "
                                      "this many joint documents."),
):
    """Write the graph (or the part of some labels/types) for Gephi, yEd, networkx or neo4j-admin;
    with --coissuance, the agency co-issuance network (联合发文)."""
    lbls, typs = _split(labels), _split(types)
    _known("label", schema.NODES, lbls)
    _known("relationship type", schema.RELS, typs)
    if coissuance and (fmt == ExportFormat.csv or lbls or typs):
        raise typer.BadParameter("--coissuance writes graphml or gexf, without --labels or --types")
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        if coissuance:
            g = network(store, region=region or "", min_documents=min_documents)
        elif fmt == ExportFormat.csv:
            files = export.write_csv(store, out, labels=lbls, types=typs, with_text=not no_text)
            typer.echo(f"wrote {len(files)} CSV files to {out}", err=True)
            typer.echo("import with: " + export.neo4j_admin_command(files), err=True)
            return
        else:
            g = export.to_networkx(store, labels=lbls, types=typs, with_text=not no_text)
    out.parent.mkdir(parents=True, exist_ok=True)
    (export.write_graphml if fmt == ExportFormat.graphml else export.write_gexf)(g, out)
    typer.echo(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} relationships to {out}", err=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("stats")(stats_cmd)
    app.command("export")(export_cmd)


__all__ = ["register"]
