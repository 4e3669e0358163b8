"""The second phase of a distributed ingest: the Parquet shards of ``policykg extract --out``
(:mod:`.distributed`) into a store, then finalize (``policykg load``).

The shards hold each document's rows as its extraction built them, with its identity (key,
text hash, metadata fingerprint) and its input file as the ledger records it.  They go through
the same :class:`~policykg.graph.loader.DocumentLoader` as ``policykg ingest``, in the same
order (partitions in input order, documents in partition order), so the graph is the one an
ingest of the same files gives; new documents are written in large groups through the store's
bulk path, and a ``kill -9`` loses at most the open group (a re-run counts what was committed
as unchanged and finalizes everything).  Failed inputs listed in the manifests are reported as
failures.  A later ``policykg ingest`` of the same files finds them unchanged.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterator

from ..errors import ShardError
from ..graph.ledger import FileRecord
from ..graph.loader import DocumentLoader, Failure, LoadSummary, Prepared, Progress
from ..graph.stores.base import GraphStore
from .load import drain
from .shards import read_index, read_manifests, read_partition, read_partition_packed


def shard_plan(shards: str | os.PathLike) -> list[dict]:
    """The manifests of the last complete extraction into ``shards``, in input order."""
    pids = read_index(shards)
    if pids is None:
        raise ShardError(shards, "no complete extraction here (index.json is missing): run policykg extract --out "
                                 "to the end first")
    manifests = read_manifests(shards)
    missing = [p for p in pids if p not in manifests]
    if missing:
        raise ShardError(Path(shards, "manifest", f"{missing[0]}.json"),
                         f"missing ({len(missing)} partition(s) listed in index.json): run policykg extract --out again")
    return [manifests[p] for p in pids]


def shard_documents(shards: str | os.PathLike, manifests: list[dict]) -> Iterator[Prepared | Failure]:
    """Every document of the shards as the loader takes it, then every failed input listed."""
    for m in manifests:
        for f in m["failed"]:
            yield Failure(f["path"], f["reason"], f.get("code", "bad_document"))
        packed = read_partition_packed(shards, m)
        parts = packed if packed is not None else [(b, None) for b in read_partition(shards, m)]
        for d, (batch, blind) in zip(m["documents"], parts):
            yield Prepared(d["path"], d["key"], d["sha"], d["source"], tuple(d["fingerprint"]), batch,
                           FileRecord(**d["file"]) if d.get("file") else None, blind)


def load_shards(store: GraphStore, shards: str | os.PathLike, *, progress: Progress | None = None,
                force: bool = False, batch_docs: int | None = None, align: bool = True) -> LoadSummary:
    """Load a shard directory into ``store`` and finalize; the summary of ``policykg ingest``."""
    t0 = time.perf_counter()
    manifests = shard_plan(shards)
    total = sum(len(m["documents"]) + len(m["failed"]) for m in manifests)
    loader = DocumentLoader(store, force=force, batch_docs=batch_docs, progress=progress, total=total)
    return drain(loader, shard_documents(shards, manifests), t0, align)
