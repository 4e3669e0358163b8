"""An uploaded document: saved within the size limit, then ingested by the same engine as
``policykg ingest`` (:func:`policykg.ingest.load.load_files`).

The saved name is the content hash plus the sanitised upload name.  The engine treats a
file name it has seen before as the same document re-keyed and replaces it, so two different
uploads both called 通知.txt must not share a name, while the same bytes uploaded twice
should (they are then reported unchanged).
"""
from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from fastapi import UploadFile

from ..config import Settings
from ..errors import DocumentTooLargeError, InputError
from ..graph.stores import GraphStore
from ..ingest.load import discover, load_files
from ..queries.lookups import Lookups

CHUNK = 256 * 1024


def safe_name(name: str | None) -> str:
    """A file name that cannot leave its directory, keeping the suffix the reader looks at.

    >>> safe_name("../../etc/许昌市 通知.TXT")
    '许昌市_通知.TXT'
    >>> safe_name(None), safe_name("..")
    ('upload', 'upload')
    """
    base = Path((name or "").replace("\\", "/")).name
    base = re.sub(r"[^\w.\-]+", "_", base).strip("._")
    return base[:120] or "upload"


@contextmanager
def saved(file: UploadFile, max_bytes: int) -> Iterator[Path]:
    """The upload as a file in a private temporary directory (removed afterwards)."""
    name = safe_name(file.filename)
    tmp = Path(tempfile.mkdtemp(prefix="policykg-upload-"))
    try:
        part, size, digest = tmp / "part", 0, hashlib.sha256()
        with part.open("wb") as out:
            while chunk := file.file.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise DocumentTooLargeError(name, f"{size}+ bytes is over the upload limit of {max_bytes} bytes")
                digest.update(chunk)
                out.write(chunk)
        path = tmp / f"{digest.hexdigest()[:16]}-{name}"
        part.rename(path)
        yield path
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def input_error(code: str, name: str, reason: str) -> InputError:
    """The InputError subclass that carries ``code`` (so the HTTP status matches the failure).

    >>> type(input_error("empty_document", "a.txt", "empty")).__name__
    'EmptyDocumentError'
    >>> input_error("internal_error", "a.txt", "boom").code
    'bad_document'
    """
    classes = [InputError, *InputError.__subclasses__()]
    cls = next((c for c in classes if c.code == code), InputError)
    return cls(name, reason)


def ingest(store: GraphStore, path: Path, meta: dict, settings: Settings) -> dict:
    """Ingest one saved file; the answer names the document by ``id`` and key, and says whether
    it was new, unchanged or replaced an earlier version."""
    found = discover([path])
    found.meta = {path.name: meta} if meta else {}
    summary = load_files(store, found, workers=1)
    if summary.failures:
        f = summary.failures[0]
        reason = f.reason.replace(str(path), path.name.split("-", 1)[-1])
        raise input_error(f.code, path.name.split("-", 1)[-1], reason)
    status = next(s for s in ("new", "replaced", "unchanged", "duplicate") if getattr(summary, s))
    document = Lookups(store, settings).document_by_source(path.name)
    return {"status": status, "document": document, "summary": summary.as_dict()}
