"""``policykg clean`` and ``policykg extract``: one document (or a directory) to cleaned
text or to the facts of spec/extraction.md; ``extract --out SHARDS/``: a corpus to Parquet
shards on Dask, the first phase of a distributed ingest (``policykg load`` is the second)."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..config import read_limits
from ..errors import InputError
from ..ingest.discover import Discovered, discover
from ..ingest.distributed import ExtractReport, run_extract
from ..ingest.manifest import parse_meta_options
from ..ingest.pipeline import extract_file
from ..ingest.read import read_cleaned
from .common import fail_cleanly, print_json, print_table


_DOC_JSON = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False)


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
    paths: List[Path] = typer.Argument(..., help="Documents, or directories of documents."),
    meta: Optional[List[str]] = typer.Option(None, "--meta", help="KEY=VALUE metadata the text lacks "
                                             "(region=许昌市, url=…, date=…); repeatable."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV: file,url,region,… per document "
                                            "(default: manifest.csv inside a directory)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.json, "--format", help="json or table."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the cleaned text in the JSON."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the graph rows as Parquet shards into this "
                                       "directory (on Dask), for `policykg load`, instead of printing."),
    scheduler: str = typer.Option("local:2", "--scheduler", help="With --out: local:N (a cluster of N worker "
                                  "processes on this machine) or a Dask scheduler address, tcp://HOST:8786."),
    partition_docs: int = typer.Option(100, "--partition-docs", min=1, help="With --out: documents per task."),
):
    """Extract the document, agencies, tasks, duties, targets, zones and clusters."""
    try:
        given = parse_meta_options(meta)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e
    with fail_cleanly():
        found = discover(paths, manifest)
    if out is not None:
        _to_shards(found, given, out, scheduler, partition_docs)
        return
    if len(paths) == 1 and not paths[0].is_dir():
        with fail_cleanly():
            doc = extract_file(paths[0], found.meta_of(paths[0], given))
        _emit(doc, fmt, with_text, single=True)
        return
    failures = []
    limits = read_limits()  # (once for the run, not once a document)
    for f in found.files:
        try:
            doc = extract_file(f, found.meta_of(f, given), limits)
        except InputError as e:
            failures.append(e)
            continue
        _emit(doc, fmt, with_text, single=False)
    _report(failures, len(found.files))


def _to_shards(found: Discovered, given: dict, out: Path, scheduler: str, partition_docs: int) -> None:
    """``extract --out``: run the extraction on Dask and say what was written and what failed."""
    metas = {f.name: found.meta_of(f, given) for f in found.files}
    try:
        with fail_cleanly():
            report = run_extract(found.files, out, scheduler=scheduler, docs_per_partition=partition_docs,
                                 metas=metas, progress=lambda s: typer.echo(
                                     f"partition {s['partition']}: {s['documents']} documents, {s['rows']} rows", err=True))
    except ValueError as e:  # a scheduler that is neither local:N nor an address
        raise typer.BadParameter(str(e)) from e
    print_json(_shards_summary(report, out))
    _report([InputError(f["path"], f["reason"]) for f in report.failed], len(found.files))


def _shards_summary(r: ExtractReport, out: Path) -> dict:
    return {"shards": str(out), "partitions": r.partitions, "written": r.written, "skipped": r.skipped,
            "pruned": r.pruned, "documents_written": r.documents, "rows_written": r.rows, "failed": len(r.failed),
            "workers": r.workers, "seconds": r.seconds}


def _report(failures: list[InputError], total: int) -> None:
    """Every failed document on stderr (path and reason); exit 2 when none succeeded."""
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
        else:  # (json.dumps's output, from one encoder: an extraction is a tree, no cycle to look for)
            sys.stdout.write(_DOC_JSON.encode(out) + "\n")
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
