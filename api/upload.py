"""An uploaded document: saved within the size limit, extracted (with the text limit) while
nothing is locked, then written by the same engine as ``policykg ingest``
(:func:`policykg.ingest.load.write_prepared`) -- only that write waits for and holds the writer
lock, so a slow or oversized upload never stops reads or other writers.  The recomputation of
shared and derived facts (finalize) runs afterwards in a background job (:mod:`.jobs`), so the
request never waits for it.

The saved name is the content hash plus the sanitised upload name.  The engine treats a
file name it has seen before as the same document re-keyed and replaces it, so two different
uploads both called 通知.txt must not share a name, while the same bytes uploaded twice
should (they are then reported unchanged).
"""
from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from fastapi import UploadFile

from ..config import Settings
from ..errors import DocumentTooLargeError, InputError
from ..graph import scratch
from ..graph.loader import Failure, Prepared, complete
from ..graph.stores import GraphStore
from ..graph.touched import Touched
from ..ingest.load import extract_and_prepare, write_prepared
from ..queries.lookups import Lookups
from .storehub import StoreHub

CHUNK = 256 * 1024
FINALIZE_WAIT_S = 600.0  # how long a finalize job waits for another writer (an ingest) to finish


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
    """The upload as a file in a private temporary directory, removed afterwards whatever happens
    (and, after a ``kill -9``, by the next server's start: :func:`policykg.graph.scratch.clean_stale`)."""
    name = safe_name(file.filename)
    tmp = scratch.private_dir("upload")
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
        scratch.remove(tmp)


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


def upload_name(path: Path) -> str:
    """The name the client gave the file (the saved name starts with the content hash)."""
    return path.name.split("-", 1)[-1]


def failed(f: Failure, path: Path) -> InputError:
    return input_error(f.code, upload_name(path), f.reason.replace(str(path), upload_name(path)))


def extract(path: Path, meta: dict, settings: Settings) -> Prepared:
    """Read, clean and extract a saved upload within the settings' limits (no lock held)."""
    item = extract_and_prepare(str(path), meta or None, settings.read_limits)
    if isinstance(item, Failure):
        raise failed(item, path)
    return item


def write(store: GraphStore, path: Path, item: Prepared, settings: Settings) -> tuple[dict, Touched | None | bool]:
    """Write an extracted upload, finalize left pending: the answer (the document by ``id`` and
    key; whether it was new, unchanged or replaced an earlier version) and what finalize must
    recompute, which a background job does (:mod:`.jobs`)."""
    summary, scope = write_prepared(store, [item], total=1)
    if summary.failures:
        raise failed(summary.failures[0], path)
    status = next(s for s in ("new", "replaced", "unchanged", "duplicate") if getattr(summary, s))
    document = Lookups(store, settings).document_by_source(path.name)
    return {"status": status, "document": document, "summary": summary.as_dict()}, scope


def finalize(hub: StoreHub, scope: Touched | None) -> dict:
    """A finalize job's work: recompute what uploads wrote, holding the writer lock."""
    with hub.writing(purpose="finalize", wait_s=FINALIZE_WAIT_S) as store:
        return complete(store, scope)
