"""``policykg clean`` and ``policykg extract``: one document (or a directory) to cleaned
text or to the facts of spec/extraction.md."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .common import fail_cleanly, print_json


class ExtractFormat(str, Enum):
    json = "json"
    table = "table"


def _documents(path: Path) -> list[Path]:
    from ..ingest.read import READABLE_SUFFIXES

    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES - {""}
                  and p.name != "manifest.csv")


def register(app: typer.Typer) -> None:
    @app.command("clean")
    def clean_cmd(file: Path = typer.Argument(..., help="A .txt, .html, .docx or .pdf document."),
                  meta: bool = typer.Option(False, "--meta", help="Also print the page metadata lifted out.")):
        """Print the cleaned text of a document (the text every span indexes)."""
        from ..ingest.read import read_cleaned

        with fail_cleanly():
            cleaned = read_cleaned(file)
        if meta:
            print_json(cleaned.meta)
        typer.echo(cleaned.text)

    @app.command("extract")
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
        from ..errors import InputError
        from ..ingest.manifest import parse_meta_options, read_manifest
        from ..ingest.pipeline import extract_file

        try:
            given = parse_meta_options(meta)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from e
        rows = {}
        with fail_cleanly():
            if manifest:
                rows = read_manifest(manifest)
            elif path.is_dir() and (path / "manifest.csv").exists():
                rows = read_manifest(path / "manifest.csv")
        if not path.is_dir():
            with fail_cleanly():
                out = extract_file(path, {**rows.get(path.name, {}), **given})
            _emit(out, fmt, with_text, single=True)
            return
        failures = []
        files = _documents(path)
        for f in files:
            try:
                out = extract_file(f, {**rows.get(f.name, {}), **given})
            except InputError as e:
                failures.append(e)
                continue
            _emit(out, fmt, with_text, single=False)
        if failures:
            typer.echo(f"{len(failures)} of {len(files)} documents failed:", err=True)
            for e in failures:
                typer.echo(f"  {e}", err=True)
            if len(failures) == len(files):
                raise typer.Exit(2)


def _emit(out: dict, fmt: ExtractFormat, with_text: bool, single: bool) -> None:
    if not with_text:
        out = {k: v for k, v in out.items() if k != "text"}
    if fmt == ExtractFormat.json:
        if single:
            import json
            import sys

            sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        else:
            print_json(out)
        return
    from .common import print_table

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
