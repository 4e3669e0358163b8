"""Documents into the store, idempotently: each prepared document's fate, decided against what
is stored, and the grouped transactions that write it.

For each document, in the order it is given:

- a document with the same key (or, failing that, from the same source file) is stored
  with the same cleaned-text hash and metadata: *unchanged*, skipped;
- it is stored with other content: *replaced* -- the old document's facts are deleted and
  the new ones written in the same transaction;
- else *new*: written.

Documents are committed in groups of ``batch_docs`` (one transaction per group; a group
that fails is retried document by document, so one bad write cannot sink the others).
Killing the process loses at most the open transaction, and a re-run picks up where it
stopped.  Reading and extracting files is the ingest layer's business
(:mod:`policykg.ingest.load`); this module takes built batches.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import PolicyKGError
from . import schema
from .batch import GraphBatch, merge
from .build import build_batch, document_key, text_sha
from .finalize import finalize
from .statements import read
from .stores.base import GraphStore
from .write import write_batch

Progress = Callable[[int, int, str, str], None]  # (done, total, path, status)


@dataclass
class Prepared:
    """One extracted document, ready to write."""

    path: str
    key: str
    sha: str
    source: str | None
    fingerprint: tuple
    batch: GraphBatch


@dataclass
class Failure:
    path: str
    reason: str
    code: str = "bad_document"


@dataclass
class LoadSummary:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicate: int = 0
    failed: int = 0
    nodes_written: int = 0
    edges_written: int = 0
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    finalize: dict = field(default_factory=dict)

    @property
    def succeeded(self) -> int:
        return self.new + self.unchanged + self.replaced + self.duplicate

    def as_dict(self) -> dict:
        d = asdict(self)
        d["succeeded"] = self.succeeded
        return d


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


class DocumentLoader:
    """Decides each document's fate against the store and writes in grouped transactions."""

    def __init__(self, store: GraphStore, *, force: bool = False, batch_docs: int = 50,
                 progress: Progress | None = None, total: int = 0):
        self.store, self.force, self.batch_docs = store, force, max(1, batch_docs)
        self.progress, self.total, self.done = progress, total, 0
        self.summary = LoadSummary()
        self.known: dict[str, tuple] = {}  # key -> (sha, source, fingerprint)
        self.by_source: dict[str, str] = {}
        for key, sha, source, url, prov, city, county in read(store, "stored_documents").rows:
            self.known[key] = (sha, source, (url, prov, city, county))
            if source:
                self.by_source.setdefault(source, key)
        self.seen: dict[str, str] = {}  # key -> path, this run
        self.pending: list[tuple[Prepared, list[str], str]] = []
        self.touched: set[str] = set()  # documents written (or replaced away) this run
        self.write_s = 0.0

    def _tick(self, path: str, status: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total, path, status)

    def fail(self, f: Failure) -> None:
        self.summary.failed += 1
        self.summary.failures.append(f)
        self._tick(f.path, "failed")

    def add(self, p: Prepared) -> None:
        if p.key in self.seen:
            self.summary.duplicate += 1
            self.summary.notes.append(f"{p.path}: same document key {p.key!r} as {self.seen[p.key]}; skipped")
            self._tick(p.path, "duplicate")
            return
        self.seen[p.key] = p.path
        old_keys = []
        stored = self.known.get(p.key)
        if stored is None and p.source in self.by_source and self.by_source[p.source] not in self.seen:
            old_keys.append(self.by_source[p.source])  # the same file, now with another key
            stored = self.known[old_keys[0]]
        if stored is not None and not self.force and stored[0] == p.sha and stored[2] == p.fingerprint \
                and not old_keys:
            self.summary.unchanged += 1
            self._tick(p.path, "unchanged")
            return
        if stored is not None and p.key in self.known:
            old_keys.insert(0, p.key)
        self.pending.append((p, old_keys, "replaced" if stored is not None else "new"))
        if len(self.pending) >= self.batch_docs:
            self.flush()

    def _write(self, group: list[tuple[Prepared, list[str], str]]) -> None:
        with self.store.transaction():
            for p, old_keys, _ in group:
                for k in old_keys:
                    self.store.delete_document_facts(k)
                    if k != p.key:
                        demote(self.store, k)
            n, e = write_batch(self.store, merge([p.batch for p, _, _ in group]))
        self.summary.nodes_written += n
        self.summary.edges_written += e

    def flush(self) -> None:
        group, self.pending = self.pending, []
        if not group:
            return
        t = time.perf_counter()
        try:
            self._write(group)
            ok = group
        except PolicyKGError as e:
            ok = []
            if len(group) == 1:
                self._refused(group[0][0], e)
            else:  # isolate the document the store refused
                for item in group:
                    try:
                        self._write([item])
                        ok.append(item)
                    except PolicyKGError as e1:
                        self._refused(item[0], e1)
        self.write_s += time.perf_counter() - t
        for p, old_keys, status in ok:
            self.touched.update([p.key, *old_keys])
            for k in old_keys:
                if k != p.key:
                    self.known.pop(k, None)
                    if self.by_source.get(p.source) == k:
                        del self.by_source[p.source]
            self.known[p.key] = (p.sha, p.source, p.fingerprint)
            self.by_source.setdefault(p.source, p.key)
            setattr(self.summary, status, getattr(self.summary, status) + 1)
            self._tick(p.path, status)

    def finish(self, *, align: bool = True) -> LoadSummary:
        """Write what is pending, then recompute the shared and derived facts (always, so a
        re-run also completes an interrupted one); returns the summary with its timings."""
        t0 = time.perf_counter()
        self.flush()
        t1 = time.perf_counter()
        self.summary.finalize = finalize(self.store, align=align, touched=self.touched)
        if "align_error" in self.summary.finalize:
            self.summary.notes.append("alignment failed (re-run ingest to retry): "
                                      f"{self.summary.finalize['align_error']}")
        t2 = time.perf_counter()
        self.summary.seconds = {"write": round(self.write_s, 3),
                                "finalize": round(t2 - t1, 3)}
        return self.summary

    def _refused(self, p: Prepared, exc: PolicyKGError) -> None:
        self.seen.pop(p.key, None)
        self.fail(Failure(p.path, f"{p.path}: the store refused the document: {exc}", exc.code))


def demote(store: GraphStore, key: str) -> None:
    """A document that now has another key: back to a stub (cited) or gone (finalize); every
    column but its key and provenance emptied (finalize gives a stub its cited title again)."""
    cols = [c for c in schema.NODES["Document"].props if c not in ("stub", "doc_number")]
    sets = ", ".join(f"d.{schema.prop('Document', c)} = NULL" for c in cols)
    store.execute(f"MATCH (d:{schema.label('Document')} {{key: $k}}) SET d.stub = true, {sets}", {"k": key})
