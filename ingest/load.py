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
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError, PolicyKGError
from ..graph.loader import DocumentLoader, Failure, LoadSummary, Prepared, Progress, prepare
from ..graph.stores.base import GraphStore
from .manifest import LISTING_NAME, MANIFEST_NAME, read_manifest
from .pipeline import extract_file
from .read import READABLE_SUFFIXES


@dataclass
class Discovered:
    """The documents a set of paths names, and the metadata the manifests give them."""

    files: list[Path] = field(default_factory=list)
    meta: dict[str, dict] = field(default_factory=dict)  # file name -> manifest row
    manifests: list[Path] = field(default_factory=list)

    def meta_of(self, path: Path, extra: dict | None = None) -> dict:
        """A file's manifest row with ``extra`` (``--meta``) on top."""
        return {**self.meta.get(Path(path).name, {}), **(extra or {})}


def is_document(p: Path) -> bool:
    """A file a directory walk picks up: a readable suffix, not hidden, not the manifest.

    >>> is_document(Path("a/通知.TXT")), is_document(Path("a/.x.txt")), is_document(Path("a/manifest.csv"))
    (True, False, False)
    """
    return (not p.name.startswith(".") and p.name != MANIFEST_NAME
            and p.suffix.lower() in READABLE_SUFFIXES - {""})


def discover(paths: Iterable[str | os.PathLike], manifest: str | os.PathLike | None = None) -> Discovered:
    """The files to read (directories walked recursively and sorted; files as given) and their
    metadata: ``manifest`` when given, else the ``manifest.csv`` of each directory given and, when
    the directory has one in manifest form, its crawler's listing ``SOURCES.tsv`` (file, url, title,
    region, date), which only fills in what ``manifest.csv`` does not say (a page's title, 全国).

    A path that does not exist is an :class:`~policykg.errors.InputError` naming it, raised
    before anything is read, so a command fails before it starts work."""
    found = Discovered()
    paths = [Path(p) for p in paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(missing[0], "no such file or directory" + (
            f" (nor {', '.join(missing[1:])})" if len(missing) > 1 else ""))
    for p in paths:
        if p.is_dir():
            found.manifests += [p / name for name in (MANIFEST_NAME, LISTING_NAME) if is_manifest(p / name)]
            found.files.extend(f for f in sorted(p.rglob("*")) if f.is_file() and is_document(f))
        else:
            found.files.append(p)
    if manifest is not None:
        found.manifests = [Path(manifest)]
    for m in found.manifests:
        for name, row in read_manifest(m).items():
            have = found.meta.setdefault(name, {})
            have.update(row if m.name != LISTING_NAME else {k: v for k, v in row.items() if k not in have})
    return found


def is_manifest(path: Path) -> bool:
    """A file in manifest form (first column ``file``); a crawler's listing in another form is
    not one, and is left alone."""
    if not path.is_file():
        return False
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        return re.split(r"[,\t]", f.readline(), maxsplit=1)[0].strip().lower() == "file"


def extract_and_prepare(path: str, meta: dict | None) -> Prepared | Failure:
    """Worker entry point: never raises for a bad document, so one file cannot stop the pool."""
    try:
        return prepare(extract_file(Path(path), meta or None), path)
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
    t0 = time.perf_counter()
    loader = DocumentLoader(store, force=force, batch_docs=batch_docs, progress=progress, total=len(found.files))
    for item in prepared(found, workers):
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
