"""Bulk loads side by side, in one run, on the same shards: LadybugDB, Neo4j written incrementally,
and `neo4j-admin database import full`.

    python bench/bulk.py [--docs 3000] [--seed 7] [--workers 2] [--shards DIR] [--no-neo4j]

Generates a corpus (bench/generator.py) and extracts it on Dask into Parquet shards (or takes
--shards, what `policykg extract --out` wrote), then loads the same shards

1. into a new LadybugDB with the loader's defaults (`policykg load`: groups growing with the
   database), and again in one transaction (`--batch-docs N`);
2. into a Neo4j server sized for bulk work as docker-compose.yml runs it (policykg/servers/neo4j.py BULK:
   4g heap with G1, 4g page cache, 3g of transaction memory), incrementally through the same loader
   (new rows in UNWIND ... CREATE statements, the loader's groups of 100,000 rows);
3. into a new Neo4j database with `neo4j-admin database import full` of the CSV that
   `policykg load --neo4j-admin-csv` writes (staged in LadybugDB and finalized there first).

Prints rows/s of write time for each (nodes + relationships as the loader counts them; for the
import, the rows neo4j-admin reports over the import's wall time, JVM start included, and the
staging and CSV export beside it), the finalize time, and whether the Neo4j graphs equal the
LadybugDB one.  Run it under the heavy-run lock: other work on the machine changes the figures.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import sys
import tempfile
import time

if not __package__:  # run as a script (python bench/bulk.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from bench.generate import write_corpus  # noqa: E402
from bench.generator import generate_corpus  # noqa: E402


def show(name: str, rows: int, seconds: float, note: str = "") -> None:
    print(f"{name:58s} {rows:>10,} rows in {seconds:7.1f} s = {rows / max(seconds, 1e-9):>9,.0f} rows/s {note}",
          flush=True)


def extract(corpus: pathlib.Path, out: pathlib.Path, workers: int) -> float:
    from policykg.ingest.discover import discover
    from policykg.ingest.distributed import run_extract

    found = discover([corpus])
    r = run_extract(found.files, out, scheduler=f"local:{workers}", docs_per_partition=100, metas=found.meta)
    return r.seconds


def load(store, shards: pathlib.Path, name: str, **kw) -> dict:
    from policykg.ingest.load_shards import load_shards

    s = load_shards(store, shards, **kw)
    rows = s.nodes_written + s.edges_written
    show(name, rows, s.seconds["write"], f"(finalize {s.seconds['finalize']:.1f} s, load avg "
         f"{os.getloadavg()[0]:.1f})")
    return {"rows": rows, **s.seconds}


def ladybug_runs(tmp: pathlib.Path, shards: pathlib.Path, docs: int) -> str:
    from policykg.graph.export import canonical_dump
    from policykg.graph.stores.ladybug import LadybugStore

    for name, kw in (("one", {"batch_docs": docs}), ("default", {})):
        with LadybugStore(tmp / f"{name}.db") as store:
            store.ensure_schema()
            load(store, shards, f"LadybugDB load, {'one transaction' if kw else 'default groups'}", **kw)
            dump = canonical_dump(store, with_text=False)
    return dump


def neo4j_runs(tmp: pathlib.Path, shards: pathlib.Path, reference: str) -> None:
    from policykg.graph.export import canonical_dump, write_csv
    from policykg.servers.neo4j import BULK, BULK_GC, BULK_HEAP, Neo4jServer
    from policykg.graph.stores.ladybug import LadybugStore
    from policykg.graph.stores.neo4j import Neo4jStore
    from policykg.servers.neo4j_admin import import_full

    with Neo4jServer(tmp / "neo4j", heap=BULK_HEAP, config=BULK, gc=BULK_GC) as server, \
            Neo4jStore(server.uri) as store:
        store.ensure_schema()
        print(f"Neo4j memory: {store.memory()} (heap -Xmx{BULK_HEAP})", flush=True)
        load(store, shards, "Neo4j incremental (the loader, UNWIND ... CREATE)")
        print(f"Neo4j graph == LadybugDB graph: {canonical_dump(store, with_text=False) == reference}", flush=True)
    t = time.perf_counter()
    with LadybugStore(tmp / "stage.db") as stage:
        stage.ensure_schema()
        load(stage, shards, "staging for neo4j-admin (LadybugDB load + finalize)")
        files = write_csv(stage, tmp / "csv")
    staged = time.perf_counter() - t
    t = time.perf_counter()
    r = import_full(files, tmp / "neo4j-import", heap=BULK_HEAP)
    show("neo4j-admin database import full (new database)", r["nodes"] + r["relationships"],
         time.perf_counter() - t, f"(JVM start included; staging + CSV export before it {staged:.1f} s)")
    with Neo4jServer(tmp / "neo4j-import", heap=BULK_HEAP, config=BULK, gc=BULK_GC) as server, \
            Neo4jStore(server.uri) as store:
        store.ensure_schema()
        from policykg.graph.derived import finalize
        finalize(store)  # neo4j-admin reads an empty array as null: finalize writes the aliases back
        print(f"imported graph == LadybugDB graph: {canonical_dump(store, with_text=False) == reference}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2, help="Dask workers for the extraction")
    ap.add_argument("--shards", type=pathlib.Path, help="load these shards instead of generating a corpus")
    ap.add_argument("--no-neo4j", action="store_true")
    a = ap.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="policykg-bulk-"))
    try:
        shards = a.shards
        if shards is None:
            n, size = write_corpus(generate_corpus(a.docs, a.seed), tmp / "corpus", gold=False)
            shards = tmp / "shards"
            secs = extract(tmp / "corpus", shards, a.workers)
            print(f"{n} generated documents ({size / 1e6:.1f} MB), seed {a.seed}: extracted in {secs:.1f} s", flush=True)
        from policykg.ingest.load_shards import shard_plan
        docs = sum(len(m["documents"]) for m in shard_plan(shards))
        reference = ladybug_runs(tmp, shards, docs)
        if not a.no_neo4j:
            neo4j_runs(tmp, shards, reference)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
