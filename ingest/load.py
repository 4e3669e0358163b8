"""Files into the graph: find the documents (:func:`discover`), extract them (in worker
processes when asked), and hand the built batches to the graph's document loader
(:class:`policykg.graph.loader.DocumentLoader`), which decides what is new, unchanged or
replaced and recomputes the shared facts afterwards.

Every command that takes paths (``extract``, ``ingest``) and the API's uploads find their
files and metadata through :func:`discover`, so a directory means the same thing everywhere.

A file is first checked against the loader's ledger (:func:`file_record`: path, size, mtime,
manifest row; its content hash only when the mtime alone differs): an unchanged file is
counted without being read or extracted.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import Iterable, Iterator

from ..graph.loader import DocumentLoader, Failure, LoadSummary, Prepared, Progress, prepare
from ..graph.touched import Touched
from ..graph.stores.base import GraphStore
from .discover import Discovered, discover  # noqa: F401  (callers that load also find files here)
from .prepare import content_sha, extract_and_prepare, file_record  # noqa: F401  (uploads extract here too)


AHEAD_PER_WORKER = 64  # documents extracted ahead per worker: they go on while a large group is written


def jobs_to_extract(found: Discovered, loader: DocumentLoader | None) -> list[tuple]:
    """(path, meta, limits, record) of every file the loader cannot skip as unchanged."""
    jobs = []
    for p in found.files:
        meta = found.meta.get(p.name)
        rec = file_record(p, meta)
        if loader is not None:
            if loader.needs_hash(rec):
                rec = replace(rec, sha=content_sha(p))
            if loader.skip_unchanged(rec):
                continue
        jobs.append((str(p), meta, None, rec))
    return jobs


def prepared(found: Discovered, workers: int, loader: DocumentLoader | None = None) -> Iterator[Prepared | Failure]:
    """Extract in input order (files the loader knows unchanged skipped); with workers > 1 in a
    process pool, a bounded window ahead."""
    jobs = jobs_to_extract(found, loader)
    if workers <= 1:
        for job in jobs:
            yield extract_and_prepare(*job)
        return
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding a database
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        it = iter(jobs)
        futures = [pool.submit(extract_and_prepare, *job) for _, job in zip(range(workers * AHEAD_PER_WORKER), it)]
        while futures:
            f = futures.pop(0)
            nxt = next(it, None)
            if nxt is not None:
                futures.append(pool.submit(extract_and_prepare, *nxt))
            yield f.result()


def load_files(store: GraphStore, found: Discovered, *, workers: int = 1, progress: Progress | None = None,
               force: bool = False, batch_docs: int | None = None, align: bool = True) -> LoadSummary:
    """Extract the discovered documents and write them into the graph.  With ``workers > 1``
    extraction runs in spawned processes, so a script calling this needs the usual
    ``if __name__ == "__main__":`` guard."""
    t0 = time.perf_counter()
    loader = DocumentLoader(store, force=force, batch_docs=batch_docs, progress=progress, total=len(found.files))
    return drain(loader, prepared(found, workers, loader), t0, align)


def drain(loader: DocumentLoader, items: Iterable[Prepared | Failure], t0: float, align: bool,
          defer: bool = False) -> LoadSummary:
    """Hand every document to the loader, finish (finalize, unless ``defer``), and time the whole
    run from ``t0``."""
    for item in items:
        if isinstance(item, Failure):
            loader.fail(item)
        else:
            loader.add(item)
    summary = loader.finish(align=align, defer=defer)
    summary.seconds["total"] = round(time.perf_counter() - t0, 3)
    return summary


def load_prepared(store: GraphStore, items: Iterable[Prepared | Failure], *, total: int = 0,
                  progress: Progress | None = None, force: bool = False, batch_docs: int | None = None,
                  align: bool = True) -> LoadSummary:
    """Write documents already extracted (an upload extracts before it takes the writer lock)."""
    t0 = time.perf_counter()
    return drain(DocumentLoader(store, force=force, batch_docs=batch_docs, progress=progress, total=total),
                 items, t0, align)


def write_prepared(store: GraphStore, items: Iterable[Prepared | Failure], *,
                   total: int = 0) -> tuple[LoadSummary, Touched | None | bool]:
    """Write documents already extracted and leave finalize pending: the summary and what
    finalize must recompute (False: nothing), for :func:`policykg.graph.loader.complete` later --
    an upload answers once its document is written and finalizes in a background job."""
    loader = DocumentLoader(store, total=total)
    summary = drain(loader, items, time.perf_counter(), True, defer=True)
    return summary, loader.deferred


def load_paths(store: GraphStore, paths: Iterable[str | os.PathLike], **kw) -> LoadSummary:
    """:func:`load_files` of what :func:`discover` finds in ``paths`` (their own manifests)."""
    return load_files(store, discover(paths), **kw)


def load_extractions(store: GraphStore, extractions: Iterable[dict], *, force: bool = False,
                     batch_docs: int | None = None, align: bool = True) -> LoadSummary:
    """Write extraction records directly (tests, and callers that extract themselves)."""
    t0 = time.perf_counter()
    return drain(DocumentLoader(store, force=force, batch_docs=batch_docs),
                 (prepare(x, x.get("source") or "<extraction>") for x in extractions), t0, align)
