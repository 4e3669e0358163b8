"""Extraction on Dask: a LocalCluster on one machine, or any dask.distributed cluster.

Input files are cut into partitions of about ``docs_per_partition`` files (in the order given,
cut where a path's hash says so, so adding or removing a file changes only its own partition);
each partition is one task that extracts its files with
:func:`policykg.ingest.pipeline.extract_file` and writes its Parquet shards and manifest
(:mod:`.shards`).  The shard directory must be reachable from every worker under the same
path (a shared or network file system on a cluster).  A document that fails is listed in
its partition's manifest, never dropped silently; a re-run skips every partition whose
manifest was written from the same input files (paths, sizes, mtimes).  A complete run writes
the index of its partitions and deletes the partitions of inputs that are gone.

Why Dask: users who outgrow a laptop already run it on Kubernetes, YARN or HPC queues;
``scheduler="tcp://HOST:8786"`` points this at such a cluster unchanged.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from ..graph.prepared import Failure
from .prepare import extract_and_prepare, file_record
from .shards import (ShardDocument, ShardFailure, file_identity, is_current, partition_id, prune, read_manifests,
                     write_index, write_partition)


@dataclass
class Partition:
    id: str
    paths: list[str]
    inputs: list[dict]


@dataclass
class ExtractReport:
    partitions: int = 0
    written: int = 0
    skipped: int = 0
    documents: int = 0
    rows: int = 0
    failed: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    pruned: int = 0


def cuts_after(path: str, docs_per_partition: int) -> bool:
    """Whether a partition ends after this path: about one path in ``docs_per_partition``, chosen
    by the path's hash, so the cuts do not move when other files come or go.

    >>> sum(cuts_after(f"c/{i}.txt", 10) for i in range(1000)) in range(70, 130)
    True
    """
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big") % max(1, docs_per_partition) == 0


def make_partitions(paths: list[str | os.PathLike], docs_per_partition: int) -> list[Partition]:
    """Consecutive groups of input files (cut by :func:`cuts_after`, at most four times the size
    asked for), each named by its paths so a re-run finds it."""
    groups: list[list[str]] = [[]]
    for p in map(str, paths):
        groups[-1].append(p)
        if cuts_after(p, docs_per_partition) or len(groups[-1]) >= 4 * max(1, docs_per_partition):
            groups.append([])
    return [Partition(partition_id(g), g, [file_identity(p) for p in g]) for g in groups if g]


def extract_partition(out_dir: str, part: Partition, metas: dict[str, dict]) -> dict:
    """Worker task: extract every file of a partition and write its shards.  Never raises
    for a bad document (it is listed as failed); returns a summary of the manifest."""
    results: list[ShardDocument | ShardFailure] = []
    for path in part.paths:
        meta = metas.get(Path(path).name)
        r = extract_and_prepare(path, meta, None, file_record(path, meta))
        if isinstance(r, Failure):
            results.append(r)
        else:
            results.append(ShardDocument(r.path, r.key, r.sha, r.source, list(r.fingerprint), r.batch,
                                         asdict(r.file) if r.file else None))
    m = write_partition(out_dir, part.id, part.inputs, results)
    return {"partition": part.id, "documents": len(m["documents"]), "rows": m["rows"], "failed": m["failed"]}


def open_client(scheduler: str):
    """``local:N`` -> a LocalCluster of N single-threaded worker processes; an address such
    as ``tcp://HOST:8786`` -> that cluster's scheduler."""
    from dask.distributed import Client, LocalCluster

    if scheduler.startswith("local:") or scheduler == "local":
        n = int(scheduler.partition(":")[2] or os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster)
    if "://" not in scheduler:
        raise ValueError(f"scheduler {scheduler!r}: give local:N or a scheduler address such as tcp://HOST:8786")
    return Client(scheduler)


def run_extract(paths: list[str | os.PathLike], out_dir: str | os.PathLike, *, scheduler: str = "local:2",
                docs_per_partition: int = 100, metas: dict[str, dict] | None = None,
                progress: Callable[[dict], None] | None = None, client=None) -> ExtractReport:
    """Extract ``paths`` into shards under ``out_dir`` on Dask; see the module docstring."""
    from dask.distributed import as_completed

    t0 = time.perf_counter()
    out = str(Path(out_dir).resolve())
    Path(out).mkdir(parents=True, exist_ok=True)
    parts = make_partitions(paths, docs_per_partition)
    done = read_manifests(out)
    report, todo = ExtractReport(partitions=len(parts)), []
    for p in parts:
        if is_current(done.get(p.id), p.inputs):
            report.skipped += 1
            report.failed.extend(done[p.id]["failed"])  # a skipped partition's failures still count
        else:
            todo.append(p)
    own = client is None
    client = client or open_client(scheduler)
    try:
        report.workers = len(client.scheduler_info()["workers"])
        futures = [client.submit(extract_partition, out, p, {Path(x).name: (metas or {}).get(Path(x).name) or {}
                                                              for x in p.paths}, key=f"extract-{p.id}", pure=False)
                   for p in todo]
        for fut in as_completed(futures):
            s = fut.result()
            report.written += 1
            report.documents += s["documents"]
            report.rows += s["rows"]
            report.failed.extend(s["failed"])
            if progress:
                progress(s)
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    write_index(out, [p.id for p in parts])
    report.pruned = len(prune(out, {p.id for p in parts}))
    report.seconds = round(time.perf_counter() - t0, 3)
    return report
