"""``policykg repair``: finish what a writer killed mid-write left in an embedded database."""
from __future__ import annotations

from typing import Optional

import typer

from ..graph.stores import open_reader
from ..graph.stores.ladybug import repair
from .common import DbOption, WaitOption, fail_cleanly, settings_for, waiting_note


def repair_cmd(db: Optional[str] = DbOption, wait: Optional[float] = WaitOption):
    """Replay a leftover write-ahead log and finish a half-done checkpoint (after a kill -9 or a
    power cut), then check that the database opens read-only.  Opening the database does this by
    itself; run it to do it now, and to see what was left over.  Waits for other writers."""
    settings = settings_for(db, None)
    with fail_cleanly():
        wait = settings.write_wait_s if wait is None else wait
        found = repair(settings.db_path, wait_s=wait, progress=waiting_note)
        with open_reader(settings):
            pass
    left = ", ".join(found) if found else "nothing"
    typer.echo(f"{settings.db_path}: left over: {left}; done, and the database opens read-only")


def register(app: typer.Typer) -> None:
    app.command("repair")(repair_cmd)
