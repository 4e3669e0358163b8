"""``policykg audit``: what the extractor did not understand in a corpus -- markers with no
duty, names turned away, text the cleaner removed, documents without title, issuer or date."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import InputError
from ..ingest.audit import FIELDS, audit_record, summarize
from ..ingest.discover import discover
from ..ingest.pipeline import extract_file
from .common import fail_cleanly, print_json, print_table


class AuditFormat(str, Enum):
    table = "table"
    json = "json"


def audit_paths(paths: list[Path], manifest: Optional[Path] = None) -> tuple[list[dict], list[str]]:
    """Audit records of every readable document under ``paths``, and the failures."""
    found = discover(paths, manifest)
    records, failures = [], []
    for f in found.files:
        try:
            records.append(audit_record(extract_file(f, found.meta_of(f))))
        except InputError as e:
            failures.append(str(e))
    return records, failures


def _print_tables(records: list[dict], totals: dict) -> None:
    flagged = [r for r in records if any(r["counts"].values()) or r["missing"]]
    print_table([{"document": r["source"], **r["counts"], "missing": ", ".join(r["missing"])} for r in flagged],
                title=f"documents with something not understood ({len(flagged)} of {len(records)})")
    examples = [{"document": r["source"], "kind": kind, "text": x.get("text"), "span": x.get("span"),
                 "why": x.get("rule") or x.get("reason") or ""}
                for r in flagged for kind, xs in r["examples"].items() for x in xs[:1]]
    print_table(examples[:40], title="examples (first of each kind per document; --format json has them all)")
    print_table([{"what": k, "count": v} for k, v in totals.items() if not isinstance(v, dict)]
                + [{"what": f"documents without {f}", "count": totals["without"][f]} for f in FIELDS]
                + [{"what": f"rejected: {k}", "count": v} for k, v in totals["rejected_by_rule"].items()]
                + [{"what": f"removed: {k}", "count": v} for k, v in totals["removed_by_reason"].items()],
                title="totals")


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_cmd)


def audit_cmd(
    paths: List[Path] = typer.Argument(..., help="Documents or directories of documents."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV: file,url,region,… per document "
                                            "(default: manifest.csv inside a directory)."),
    fmt: AuditFormat = typer.Option(AuditFormat.table, "--format", help="table or json."),
):
    """Report what the extractor did not understand, per document and in total."""
    with fail_cleanly():
        records, failures = audit_paths(paths, manifest)
    totals = summarize(records, failures)
    if fmt == AuditFormat.json:
        print_json({"totals": totals, "documents": records, "failures": failures})
    else:
        _print_tables(records, totals)
    for f in failures:
        typer.echo(f"failed: {f}", err=True)
