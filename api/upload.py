"""An uploaded document: saved under its own (sanitised) name within the size limit, then
ingested by the same engine as ``policykg ingest``."""
from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from fastapi import UploadFile

from ..config import Settings
from ..errors import DocumentTooLargeError
from ..graph.stores import GraphStore

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
        path, size = tmp / name, 0
        with path.open("wb") as out:
            while chunk := file.file.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise DocumentTooLargeError(name, f"over the upload limit of {max_bytes} bytes")
                out.write(chunk)
        yield path
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def ingest(store: GraphStore, path: Path, meta: dict, settings: Settings) -> dict:
    """Ingest one saved file; the summary names the document by ``id`` and key."""
    raise NotImplementedError  # wired to the ingest engine below once it lands
