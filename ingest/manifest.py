"""Manifests: a CSV (or tab-separated) file whose first column is ``file`` and whose other
columns (url, region, date, title, ...) give metadata that the texts do not carry."""
from __future__ import annotations

import csv
from pathlib import Path

from ..errors import ManifestError

MANIFEST_NAME = "manifest.csv"  # read from a directory given to extract or ingest
LISTING_NAME = "SOURCES.tsv"  # a crawler's listing beside the corpus: fills in what the manifest lacks


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """``{file name: {column: value}}``; empty cells are left out.

    A manifest's file names are matched by base name, so a manifest beside the corpus
    works wherever the corpus is read from.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise ManifestError(path, "no such manifest file") from e
    except UnicodeDecodeError as e:
        raise ManifestError(path, f"the manifest is not UTF-8 CSV: {e}") from e
    first = text.split("\n", 1)[0]
    rows = list(csv.reader(text.splitlines(), delimiter="\t" if "\t" in first and "," not in first else ","))
    if not rows or not rows[0] or rows[0][0].strip().lower() != "file":
        raise ManifestError(path, "the first column of the header must be 'file'")
    header = [h.strip() for h in rows[0]]
    out: dict[str, dict[str, str]] = {}
    for n, row in enumerate(rows[1:], 2):
        if not row or not row[0].strip():
            continue
        if len(row) > len(header):
            raise ManifestError(path, f"line {n} has {len(row)} cells but the header has {len(header)}")
        name = Path(row[0].strip()).name
        out[name] = {k: v.strip() for k, v in zip(header[1:], row[1:]) if v.strip()}
    return out


def parse_meta_options(items: list[str] | None) -> dict[str, str]:
    """``["region=许昌市", "url=http://…"]`` -> dict; a malformed item is a clear error."""
    out = {}
    for it in items or []:
        if "=" not in it:
            raise ValueError(f"--meta takes KEY=VALUE, got {it!r}")
        k, v = it.split("=", 1)
        out[k.strip()] = v.strip()
    return out
