"""One extracted document as the loader takes it (:class:`Prepared`, built by :func:`prepare`
in the extraction workers), a document that could not be extracted (:class:`Failure`), and the
input file a document was read from as the loader's ledger records it (:class:`FileRecord`).

Kept apart from :mod:`.loader` so that extraction workers (and ``policykg extract``) load only
the batch builder, not the stores and finalize.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from typing import TYPE_CHECKING

from .batch import GraphBatch
from .build import build_batch, document_key, text_sha

if TYPE_CHECKING:
    from .columns import Packed


@dataclass(frozen=True)
class FileRecord:
    """One input file: ``path`` (absolute), ``size``, ``mtime_ns``, ``sha`` (sha256 of its bytes,
    None until read), ``meta`` (hash of its manifest row); ``doc``/``doc_sha``: the document
    written from it and that document's text hash."""

    path: str
    size: int
    mtime_ns: int
    sha: str | None
    meta: str
    doc: str | None = None
    doc_sha: str | None = None

    def same_file(self, other: "FileRecord") -> bool:
        """The same bytes and metadata: same size and manifest row, and the same mtime or hash.

        >>> a = FileRecord("/c/a.txt", 10, 1, "x", "m")
        >>> a.same_file(FileRecord("/c/a.txt", 10, 2, "x", "m")), a.same_file(FileRecord("/c/a.txt", 10, 2, None, "m"))
        (True, False)
        """
        return (self.path == other.path and self.size == other.size and self.meta == other.meta
                and (self.mtime_ns == other.mtime_ns or (self.sha is not None and self.sha == other.sha)))


@dataclass
class Prepared:
    """One extracted document, ready to write."""

    path: str
    key: str
    sha: str
    source: str | None
    fingerprint: tuple
    batch: GraphBatch
    file: FileRecord | None = None  # the input file it was read from (the ledger records it)
    packed: "Packed | None" = None  # its blind rows as Arrow tables, once the loader holds it (.bulk.split_blind)

    @property
    def rows(self) -> int:
        return len(self.batch.nodes) + len(self.batch.edges) + (self.packed.rows if self.packed else 0)

    def record(self) -> FileRecord | None:
        return replace(self.file, doc=self.key, doc_sha=self.sha) if self.file else None


@dataclass
class Failure:
    path: str
    reason: str
    code: str = "bad_document"


def fingerprint(doc: dict) -> tuple:
    """What, besides the text, decides the facts: the manifest's url and region."""
    return (doc.get("url"), doc.get("province"), doc.get("city"), doc.get("county"))


def prepare(extraction: dict, path: str) -> Prepared:
    """An extraction -> its batch and identity (pure; runs in the workers)."""
    d = extraction.get("document") or {}
    sha = d.get("sha256") or text_sha(extraction.get("text") or "")
    batch = build_batch(extraction)
    doc = next(n for n in batch.nodes if n.label == "Document" and not n.props.get("stub"))
    return Prepared(path, document_key({**d, "sha256": sha}), sha, extraction.get("source") or Path(path).name,
                    fingerprint(doc.props), batch)
