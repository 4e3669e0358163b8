"""``policykg clean`` and ``policykg extract``: one document (or a directory) to cleaned
text or to the facts of spec/extraction.md."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import InputError
from ..ingest.discover import discover
from ..ingest.manifest import parse_meta_options
from ..ingest.pipeline import extract_file
from ..ingest.read import read_cleaned
from .common import fail_cleanly, print_json, print_table


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


def clean_cmd(file: Path = typer.Argument(..., help="A .txt, .html, .docx or .pdf document."),
              meta: bool = typer.Option(False, "--meta", help="Also print the page metadata lifted out.")):
    """Print the cleaned text of a document (the text every span indexes)."""
    with fail_cleanly():
        cleaned = read_cleaned(file)
    if meta:
        print_json(cleaned.meta)
    typer.echo(cleaned.text)


def extract_cmd(
    path: Path = typer.Argument(..., help="A document, or a directory of documents (JSON lines)."),
    meta: Optional[List[str]] = typer.Option(None, "--meta", help="KEY=VALUE metadata the text lacks "
                                             "(region=许昌市, url=…, date=…); repeatable."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV: file,url,region,… per document "
                                            "(default: manifest.csv inside a directory)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.json, "--format", help="json or table."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the cleaned text in the JSON."),
):
    """Extract the document, agencies, tasks, duties, targets, zones and clusters."""
    try:
        given = parse_meta_options(meta)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    with fail_cleanly():
        found = discover([path], manifest)
    if not path.is_dir():
        with fail_cleanly():
            out = extract_file(path, found.meta_of(path, given))
        _emit(out, fmt, with_text, single=True)
        return
    failures = []
    for f in found.files:
        try:
            out = extract_file(f, found.meta_of(f, given))
        except InputError as e:
            failures.append(e)
            continue
        _emit(out, fmt, with_text, single=False)
    _report(failures, len(found.files))


def _report(failures: list[InputError], total: int) -> None:
    if failures:
        typer.echo(f"{len(failures)} of {total} documents failed:", err=True)
        for e in failures:
            typer.echo(f"  {e}", err=True)
        if len(failures) == total:
            raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("clean")(clean_cmd)
    app.command("extract")(extract_cmd)


def _emit(out: dict, fmt: ExtractFormat, with_text: bool, single: bool) -> None:
    if not with_text:
        out = {k: v for k, v in out.items() if k != "text"}
    if fmt == ExtractFormat.json:
        if single:
            sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        else:
            print_json(out)
        return
    d = out["document"]
    print_table([{k: d.get(k) for k in ("title", "doc_number", "issuer", "date", "level")}
                 | {"region": "/".join(x for x in d["region"].values() if x), "cites": ", ".join(d["cites"])}],
                title=out.get("source"))
    tasks = {t["id"]: t for t in out["tasks"]}
    print_table([{"agency": x["agency"], "role": x["role"] + (" (lead)" if x["lead"] else ""), "task": x["task"],
                  "text": tasks[x["task"]]["text"][:60], "deadline": (tasks[x["task"]]["deadline"] or {}).get("end"),
                  "rule": x["rule"]} for x in out["duties"]], title="duties")
    print_table([{k: t[k] for k in ("text", "value", "value_max", "unit", "qualifier", "task")} for t in out["targets"]],
                title="targets")
    print_table([{"name": a["name"], "aliases": "、".join(a["aliases"]), "region": a["region"], "level": a["level"],
                  "collective": a["collective"]} for a in out["agencies"]], title="agencies")
    print_table([{"zone": z["name"]} for z in out["zones"]] + [{"cluster": c["name"]} for c in out["clusters"]],
                title="zones and clusters", columns=["zone", "cluster"])
