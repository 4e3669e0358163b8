"""Options and helpers shared by every subcommand (store selection, output format, errors)."""
from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from enum import Enum
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..config import Settings, load_settings
from ..errors import PolicyKGError
from ..graph.stores import GraphStore, open_store

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


@contextmanager
def store_for(db: Optional[str], neo4j: Optional[str], *, read_only: bool = False) -> Iterator[GraphStore]:
    """Open the store the options name; errors become a clear message and exit code 2."""
    with fail_cleanly():
        store = open_store(settings_for(db, neo4j), read_only=read_only)
    try:
        yield store
    finally:
        store.close()


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
    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(str(c), overflow="ellipsis" if one_line else "fold", no_wrap=one_line)
    for r in rows:
        table.add_row(*[cell(r.get(c)) for c in cols])
    Console().print(table)


def print_csv(rows: list[dict], columns: list[str] | None = None) -> None:
    cols = columns or (list(rows[0]) if rows else [])
    w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                    for k, v in r.items()})
