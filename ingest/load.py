"""Files into the graph: find the documents (:func:`discover`), extract them (in worker
processes when asked), and hand the built batches to the graph's document loader
(:class:`policykg.graph.loader.DocumentLoader`), which decides what is new, unchanged or
replaced and recomputes the shared facts afterwards.

Every command that takes paths (``extract``, ``ingest``) and the API's uploads find their
files and metadata through :func:`discover`, so a directory means the same thing everywhere.
"""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from ..config import ReadLimits
from ..errors import PolicyKGError
from ..graph.loader import DocumentLoader, Failure, LoadSummary, Prepared, Progress, prepare
from ..graph.stores.base import GraphStore
from .discover import Discovered, discover  # noqa: F401  (callers that load also find files here)
from .pipeline import extract_file


def extract_and_prepare(path: str, meta: dict | None, limits: ReadLimits | None = None) -> Prepared | Failure:
    """Worker entry point: never raises for a bad document, so one file cannot stop the pool."""
    try:
        return prepare(extract_file(Path(path), meta or None, limits), path)
    except PolicyKGError as e:  # InputError and its kinds: the message names the file
        return Failure(path, e.message, e.code)
    except Exception as e:  # an extractor bug must not lose the rest of the corpus
        return Failure(path, f"{path}: extraction failed: {type(e).__name__}: {e}", "internal_error")


def prepared(found: Discovered, workers: int) -> Iterator[Prepared | Failure]:
    """Extract in input order; with workers > 1 in a process pool, a bounded window ahead."""
    jobs = [(str(p), found.meta.get(p.name)) for p in found.files]
    if workers <= 1:
        for path, meta in jobs:
            yield extract_and_prepare(path, meta)
        return
    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding a database
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        it = iter(jobs)
        futures = [pool.submit(extract_and_prepare, *job) for _, job in zip(range(workers * 4), it)]
        while futures:
            f = futures.pop(0)
            nxt = next(it, None)
            if nxt is not None:
                futures.append(pool.submit(extract_and_prepare, *nxt))
            yield f.result()


def load_files(store: GraphStore, found: Discovered, *, workers: int = 1, progress: Progress | None = None,
               force: bool = False, batch_docs: int = 50, align: bool = True) -> LoadSummary:
    """Extract the discovered documents and write them into the graph.  With ``workers > 1``
    extraction runs in spawned processes, so a script calling this needs the usual
    ``if __name__ == "__main__":`` guard."""
    return load_prepared(store, prepared(found, workers), total=len(found.files), progress=progress, force=force,
                         batch_docs=batch_docs, align=align)


def load_prepared(store: GraphStore, items: Iterable[Prepared | Failure], *, total: int = 0,
                  progress: Progress | None = None, force: bool = False, batch_docs: int = 50,
                  align: bool = True) -> LoadSummary:
    """Write documents already extracted (an upload extracts before it takes the writer lock)."""
    t0 = time.perf_counter()
    loader = DocumentLoader(store, force=force, batch_docs=batch_docs, progress=progress, total=total)
    for item in items:
        if isinstance(item, Failure):
            loader.fail(item)
        else:
            loader.add(item)
    summary = loader.finish(align=align)
    summary.seconds["total"] = round(time.perf_counter() - t0, 3)
    return summary


def load_paths(store: GraphStore, paths: Iterable[str | os.PathLike], **kw) -> LoadSummary:
    """:func:`load_files` of what :func:`discover` finds in ``paths`` (their own manifests)."""
    return load_files(store, discover(paths), **kw)


def load_extractions(store: GraphStore, extractions: Iterable[dict], *, force: bool = False,
                     batch_docs: int = 50, align: bool = True) -> LoadSummary:
    """Write extraction records directly (tests, and callers that extract themselves)."""
    t0 = time.perf_counter()
    loader = DocumentLoader(store, force=force, batch_docs=batch_docs)
    for x in extractions:
        loader.add(prepare(x, x.get("source") or "<extraction>"))
    summary = loader.finish(align=align)
    summary.seconds["total"] = round(time.perf_counter() - t0, 3)
    return summary
