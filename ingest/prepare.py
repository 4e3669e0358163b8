"""One input file to what the loader takes: its extraction built into a batch
(:func:`extract_and_prepare`, the entry point of every extraction worker: ingest's process
pool, the Dask tasks of ``extract --out``, uploads) and its identity for the loader's ledger
(:func:`file_record`).  Imports only the extractor and the batch builder."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

from ..config import ReadLimits
from ..errors import PolicyKGError
from ..graph.prepared import Failure, FileRecord, Prepared, prepare
from .pipeline import extract_file


def meta_hash(meta: dict | None) -> str:
    """A short hash of a file's manifest row.

    >>> meta_hash({"url": "u", "region": "许昌市"}) == meta_hash({"region": "许昌市", "url": "u"})
    True
    """
    return hashlib.sha256(json.dumps(meta or {}, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def content_sha(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_record(path: str | os.PathLike, meta: dict | None) -> FileRecord:
    """What the ledger knows a file by, without reading it (its content hash is added once read)."""
    st = os.stat(path)
    return FileRecord(str(Path(path).resolve()), st.st_size, st.st_mtime_ns, None, meta_hash(meta))


def extract_and_prepare(path: str, meta: dict | None, limits: ReadLimits | None = None,
                        record: FileRecord | None = None) -> Prepared | Failure:
    """Worker entry point: never raises for a bad document, so one file cannot stop the pool.
    ``record``: the file as discovered; its content hash is added for the ledger."""
    try:
        p = prepare(extract_file(Path(path), meta or None, limits), path)
        if record is not None:
            p.file = replace(record, sha=record.sha or content_sha(path))
        return p
    except PolicyKGError as e:  # InputError and its kinds: the message names the file
        return Failure(path, e.message, e.code)
    except Exception as e:  # an extractor bug must not lose the rest of the corpus
        return Failure(path, f"{path}: extraction failed: {type(e).__name__}: {e}", "internal_error")
