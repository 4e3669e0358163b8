"""Options and helpers shared by every subcommand (store selection, output format, errors)."""
from __future__ import annotations

import csv
import json
import sys
from contextlib import ExitStack, contextmanager
from enum import Enum
from typing import Iterator, Optional

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from ..config import Settings, load_settings
from ..errors import PolicyKGError
from ..graph.stores import GraphStore, open_reader, open_writer

DB_HELP = "LadybugDB directory of the embedded store (default ./policykg.db or $POLICYKG_DB)."
NEO4J_HELP = "Use a Neo4j server instead, e.g. bolt://localhost:7687 (or $NEO4J_URI)."

DbOption = typer.Option(None, "--db", help=DB_HELP, envvar=None)
Neo4jOption = typer.Option(None, "--neo4j", help=NEO4J_HELP)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def settings_for(db: Optional[str], neo4j: Optional[str]) -> Settings:
    """Settings from the environment with the command-line store options on top."""
    return load_settings(db_path=db, neo4j_uri=neo4j)


WaitOption = typer.Option(None, "--wait", min=0, help="Seconds to wait while another writer (an ingest, an "
                          "upload, a repair) uses the database (default: $POLICYKG_WRITE_WAIT, else as long "
                          "as it takes, saying so).")


@contextmanager
def store_for(db: Optional[str], neo4j: Optional[str], *, read_only: bool = False,
              wait: Optional[float] = None, purpose: str = "write") -> Iterator[GraphStore]:
    """Open the store the options name: read-only under the readers' gate, or for writing once
    no other writer is at work (waiting at most ``wait`` seconds, saying so on stderr); errors
    become a clear message and exit code 2."""
    settings, stack = settings_for(db, neo4j), ExitStack()
    with fail_cleanly():
        store = stack.enter_context(open_reader(settings) if read_only else
                                    open_writer(settings, wait_s=settings.write_wait_s if wait is None else wait,
                                                progress=waiting_note, purpose=purpose))
    with stack:
        yield store


def waiting_note(waited_s: float, holder: str) -> None:
    """What a waiting writer says every few seconds."""
    typer.echo(f"waiting for another writer{f' ({holder})' if holder else ''} to finish: {waited_s:.0f} s "
               f"(--wait SECONDS to give up)", err=True)


@contextmanager
def fail_cleanly() -> Iterator[None]:
    """Turn a PolicyKGError into one line on stderr and exit code 2 (no traceback)."""
    try:
        yield
    except PolicyKGError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e


def print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


MAX_CELL = 48  # a one-line table cuts longer cells (the full text: --format json or csv)


def cell(v) -> str:
    """A value as table text: lists joined, nothing for None.

    >>> cell(["a", "b"]), cell(None), cell(0.5)
    ('a, b', '', '0.5')
    """
    if v is None:
        return ""
    if isinstance(v, list):
        return ", ".join(cell(x) for x in v)
    return str(v)


def print_table(rows: list[dict], title: str | None = None, columns: list[str] | None = None,
                one_line: bool = False) -> None:
    """Rows as a rich table (Chinese text is shown as is); ``one_line``: a row per line, long
    cells cut with an ellipsis so the table fits the terminal."""
    cols = columns or (list(rows[0]) if rows else [])
    cells = [[cell(r.get(c)) for c in cols] for r in rows]
    console = Console()
    table = Table(title=title, show_lines=False)
    if one_line:
        widths = fit_widths([[str(c)] + [row[i] for row in cells] for i, c in enumerate(cols)], console.width)
        for c, w in zip(cols, widths):
            table.add_column(str(c), overflow="ellipsis", no_wrap=True, width=w)
    else:
        for c in cols:
            table.add_column(str(c), overflow="fold")
    for row in cells:
        table.add_row(*row)
    console.print(table)


def fit_widths(columns: list[list[str]], total: int) -> list[int]:
    """Column widths (in terminal cells) for a table of one line a row within ``total`` cells:
    each column as wide as its widest cell, at most :data:`MAX_CELL`; when they do not fit, the
    widest give way first, none below its header (or 4) unless nothing else is left.

    >>> fit_widths([["agency", "河南省发展和改革委员会"], ["role", "responsible"], ["task", "推进" * 40]], 60)
    [19, 11, 20]
    """
    want = [min(max(cell_len(x) for x in col), MAX_CELL) for col in columns]
    floor = [min(w, max(cell_len(col[0]), 4)) for w, col in zip(want, columns)]
    room = max(total - 3 * len(columns) - 1, sum(floor))  # borders and padding: 3 a column, 1 more
    widths = list(want)
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda j: (widths[j] > floor[j], widths[j]))
        if widths[i] <= floor[i]:
            break
        widths[i] -= 1
    return widths


def print_csv(rows: list[dict], columns: list[str] | None = None) -> None:
    cols = columns or (list(rows[0]) if rows else [])
    w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                    for k, v in r.items()})
