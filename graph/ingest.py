"""Idempotent ingest: files -> extraction (worker processes) -> graph (one writer).

For each document, in the order the files were given:

- the extraction fails (an :class:`~policykg.errors.InputError`): reported, nothing written;
- a document with the same key (or, failing that, from the same source file) is stored
  with the same cleaned-text hash and metadata: *unchanged*, skipped;
- it is stored with other content: *replaced* -- the old document's facts are deleted and
  the new ones written in the same transaction;
- else *new*: written.

Documents are committed in groups of ``batch_docs`` (one transaction per group; a group
that fails is retried document by document, so one bad write cannot sink the others).
Killing the process loses at most the open transaction, and a re-run picks up where it
stopped.  After the writes, :func:`policykg.graph.finalize.finalize` recomputes what
several documents share; it always runs, so a re-run also completes an interrupted one.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import PolicyKGError
from .batch import GraphBatch
from .build import build_batch, document_key, text_sha
from .finalize import finalize
from .stores.base import GraphStore
from .write import merge_batches, write_facts

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
class IngestSummary:
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


def extract_and_prepare(path: str, meta: dict | None) -> Prepared | Failure:
    """Worker entry point: never raises for a bad document, so one file cannot stop the pool."""
    try:
        from ..ingest.pipeline import extract_file

        return prepare(extract_file(Path(path), meta or None), path)
    except PolicyKGError as e:  # InputError and its kinds: the message names the file
        return Failure(path, e.message, e.code)
    except Exception as e:  # an extractor bug must not lose the rest of the corpus
        return Failure(path, f"{path}: extraction failed: {type(e).__name__}: {e}", "internal_error")


class Loader:
    """Decides each document's fate against the store and writes in grouped transactions."""

    def __init__(self, store: GraphStore, *, force: bool = False, batch_docs: int = 50,
                 progress: Progress | None = None, total: int = 0):
        self.store, self.force, self.batch_docs = store, force, max(1, batch_docs)
        self.progress, self.total, self.done = progress, total, 0
        self.summary = IngestSummary()
        self.known: dict[str, tuple] = {}  # key -> (sha, source, fingerprint)
        self.by_source: dict[str, str] = {}
        for key, sha, source, url, prov, city, county in store.query(
                "MATCH (d:Document) WHERE d.stub IS NULL OR d.stub = false "
                "RETURN d.key, d.sha, d.source, d.url, d.province, d.city, d.county").rows:
            self.known[key] = (sha, source, (url, prov, city, county))
            if source:
                self.by_source.setdefault(source, key)
        self.seen: dict[str, str] = {}  # key -> path, this run
        self.pending: list[tuple[Prepared, list[str], str]] = []
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
            n, e = write_facts(self.store, merge_batches([p.batch for p, _, _ in group]))
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
            for k in old_keys:
                if k != p.key:
                    self.known.pop(k, None)
                    if self.by_source.get(p.source) == k:
                        del self.by_source[p.source]
            self.known[p.key] = (p.sha, p.source, p.fingerprint)
            self.by_source.setdefault(p.source, p.key)
            setattr(self.summary, status, getattr(self.summary, status) + 1)
            self._tick(p.path, status)

    def _refused(self, p: Prepared, exc: PolicyKGError) -> None:
        self.seen.pop(p.key, None)
        self.fail(Failure(p.path, f"{p.path}: the store refused the document: {exc}", exc.code))


def demote(store: GraphStore, key: str) -> None:
    """A document that now has another key: back to a stub (cited) or gone (finalize)."""
    store.execute("MATCH (d:Document {key: $k}) SET d.stub = true, d.title = NULL, d.issuer = NULL, "
                  "d.date = NULL, d.source = NULL, d.url = NULL, d.sha = NULL, d.text = NULL, "
                  "d.province = NULL, d.city = NULL, d.county = NULL, d.level = NULL", {"k": key})


def _prepared(paths: list[Path], manifest: dict[str, dict], workers: int) -> Iterator[Prepared | Failure]:
    """Extract in input order; with workers > 1 in a process pool, a bounded window ahead."""
    metas = [manifest.get(p.name) for p in paths]
    if workers <= 1:
        for p, m in zip(paths, metas):
            yield extract_and_prepare(str(p), m)
        return
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding a database
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        window, futures = workers * 4, []
        it = iter(zip(paths, metas))
        for p, m in it:
            futures.append(pool.submit(extract_and_prepare, str(p), m))
            if len(futures) >= window:
                break
        while futures:
            f = futures.pop(0)
            nxt = next(it, None)
            if nxt is not None:
                futures.append(pool.submit(extract_and_prepare, str(nxt[0]), nxt[1]))
            yield f.result()


def ingest_paths(store: GraphStore, paths: Iterable[str | os.PathLike], manifest: dict[str, dict] | None = None,
                 *, workers: int = 1, progress: Progress | None = None, force: bool = False,
                 batch_docs: int = 50, align: bool = True) -> IngestSummary:
    """Ingest documents; directories are walked (:func:`expand_paths`).

    ``manifest`` maps file names to metadata for the extractor (url, region, ...); when it
    is None, the ``manifest.csv`` of each directory given is read.  With ``workers > 1``
    extraction runs in spawned processes, so a script calling this needs the usual
    ``if __name__ == "__main__":`` guard."""
    paths, found = expand_paths(paths)
    if manifest is None and found:
        from ..ingest.manifest import read_manifest

        manifest = {}
        for m in found:
            manifest.update(read_manifest(m))
    t0 = time.perf_counter()
    loader = Loader(store, force=force, batch_docs=batch_docs, progress=progress, total=len(paths))
    for item in _prepared(paths, manifest or {}, workers):
        if isinstance(item, Failure):
            loader.fail(item)
        else:
            loader.add(item)
    loader.flush()
    t1 = time.perf_counter()
    loader.summary.finalize = finalize(store, align=align)
    if "align_error" in loader.summary.finalize:
        loader.summary.notes.append(f"alignment failed (re-run ingest to retry): {loader.summary.finalize['align_error']}")
    t2 = time.perf_counter()
    loader.summary.seconds = {"total": round(t2 - t0, 3), "write": round(loader.write_s, 3),
                              "finalize": round(t2 - t1, 3)}
    return loader.summary


def ingest_extractions(store: GraphStore, extractions: Iterable[dict], **kw) -> IngestSummary:
    """Ingest extraction dicts directly (tests, and callers that extract themselves)."""
    t0 = time.perf_counter()
    loader = Loader(store, force=kw.get("force", False), batch_docs=kw.get("batch_docs", 50))
    for x in extractions:
        loader.add(prepare(x, x.get("source") or "<extraction>"))
    loader.flush()
    loader.summary.finalize = finalize(store, align=kw.get("align", True))
    loader.summary.seconds = {"total": round(time.perf_counter() - t0, 3), "write": round(loader.write_s, 3)}
    return loader.summary


def expand_paths(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Path]]:
    """Files to ingest (directories walked, sorted, by known suffix) and manifests found
    beside them (``manifest.csv`` in a given directory)."""
    from ..ingest.read import READABLE_SUFFIXES

    files, manifests = [], []
    for p in map(Path, paths):
        if p.is_dir():
            if (p / "manifest.csv").is_file():
                manifests.append(p / "manifest.csv")
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.suffix.lower() in READABLE_SUFFIXES - {""} \
                        and f.name != "manifest.csv":
                    files.append(f)
        else:
            files.append(p)
    return files, manifests
