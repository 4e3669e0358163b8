"""``policykg load``: the Parquet shards of ``policykg extract --out`` into the graph, then
finalize -- the second phase of a distributed ingest."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..graph import export
from ..graph.loader import LoadSummary
from ..graph.stores.base import GraphStore
from ..ingest.load_shards import load_shards
from .common import DbOption, Neo4jOption, WaitOption, fail_cleanly, print_json, store_for
from .ingest import StatsFormat, print_summary


def _load(store: GraphStore, shards: Path, err: Console, **kw) -> LoadSummary:
    with Progress(TextColumn("[bold]load"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=err, transient=False) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, path: str, status: str) -> None:
            bar.update(task, completed=done, total=total, description=f"{status}: {Path(path).name}")

        summary = load_shards(store, shards, progress=progress, **kw)
        bar.update(task, description="finalized")
    return summary


def load_cmd(
    shards: Path = typer.Argument(..., help="The directory `policykg extract --out` wrote."),
    db: Optional[str] = DbOption,
    neo4j: Optional[str] = Neo4jOption,
    neo4j_admin_csv: Optional[Path] = typer.Option(
        None, "--neo4j-admin-csv", help="For a new Neo4j database: load into OUT/stage.db, finalize there, and "
        "write OUT/csv/ for `neo4j-admin database import full` (the command is printed)."),
    batch_docs: Optional[int] = typer.Option(None, "--batch-docs", min=1, help="Documents per write transaction "
                                             "(default: as many as make the store's transaction size)."),
    force: bool = typer.Option(False, "--force", help="Rewrite documents even when unchanged."),
    fmt: StatsFormat = typer.Option(StatsFormat.table, "--format", help="Summary as table or json."),
    wait: Optional[float] = WaitOption,
):
    """Load the shards of `policykg extract --out` (bulk writes), then finalize.  The graph is the
    one `policykg ingest` of the same documents gives; re-running after an interruption finishes
    the job, and documents already stored count as unchanged."""
    err = Console(stderr=True)
    if not shards.is_dir():
        typer.echo(f"error: {shards}: no such directory (give what `policykg extract --out` wrote)", err=True)
        raise typer.Exit(2)
    stage = None if neo4j_admin_csv is None else str(neo4j_admin_csv / "stage.db")
    with store_for(stage or db, None if stage else neo4j, wait=wait, purpose="load") as store, fail_cleanly():
        summary = _load(store, shards, err, force=force, batch_docs=batch_docs)
        if neo4j_admin_csv is not None:
            files = export.write_csv(store, neo4j_admin_csv / "csv")
    if fmt == StatsFormat.json:
        print_json(summary.as_dict())
    else:
        print_summary(summary, Console())
    if neo4j_admin_csv is not None:
        typer.echo(f"wrote {len(files)} CSV files to {neo4j_admin_csv / 'csv'}; import into a new database (server "
                   f"stopped) with:\n  " + export.neo4j_admin_command(files), err=True)
    if summary.failed and not summary.succeeded:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("load")(load_cmd)


__all__ = ["register"]
