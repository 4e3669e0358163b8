"""Bulk writes side by side, in one run, on the same rows.

    python bench/bulk.py [--docs 3000] [--seed 7] [--group-docs 500] [--workers 2] [--no-neo4j]

Generates a corpus (bench/generator.py), extracts it on Dask into Parquet shards
(ingest/distributed.py), reads the per-document rows back, and writes them in groups of
--group-docs documents (one transaction per group, as ingest does) into fresh databases:

- LadybugDB, today's path: graph/write.write_facts (UNWIND ... MERGE/CREATE, 5,000 rows a statement);
- LadybugDB, today's GraphStore.write_batch (UNWIND ... MERGE for every node);
- LadybugDB, the bulk writer: graph/stores/ladybug_bulk.write_bulk (COPY for new rows);
- the two again with every document in one transaction (a new database);
- LadybugDB, raw COPY of all rows of the corpus (merged once) into an empty database: the ceiling;
- Neo4j (a server started here): write_facts vs graph/stores/neo4j_bulk.write_bulk, and
  neo4j-admin database import full of the CSV export of the LadybugDB graph (a new database).

Prints rows/s of write time (node + relationship rows, counted as ingest counts them) and
checks that the bulk graphs equal the write_facts graphs.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from bench.generate import write_corpus  # noqa: E402
from bench.generator import generate_corpus  # noqa: E402


def extract(corpus: pathlib.Path, out: pathlib.Path, workers: int) -> tuple[list, dict]:
    from policykg.ingest.discover import discover
    from policykg.ingest.distributed import run_extract
    from policykg.ingest.shards import read_manifests, read_partition

    found = discover([corpus])
    files = found.files
    r = run_extract(files, out, scheduler=f"local:{workers}", docs_per_partition=100, metas=found.meta)
    t = time.perf_counter()
    order = {str(f): i for i, f in enumerate(files)}
    docs = []
    for m in read_manifests(out).values():
        batches = read_partition(out, m)
        docs += [(order[d["path"]], batches[d["key"]]) for d in m["documents"]]
    docs.sort(key=lambda x: x[0])
    return [b for _, b in docs], {"extract_s": r.seconds, "docs": r.documents, "failed": len(r.failed),
                                  "shard_rows": r.rows, "read_s": time.perf_counter() - t}


def write_groups(store, batches: list, writer, group: int) -> tuple[int, float]:
    from policykg.graph.batch import merge as merge_batches

    rows, spent = 0, 0.0
    for i in range(0, len(batches), group):
        merged = merge_batches(batches[i:i + group])
        t = time.perf_counter()
        with store.transaction():
            out = writer(store, merged)
        spent += time.perf_counter() - t
        rows += sum(out) if isinstance(out, tuple) else out
    return rows, spent


def raw_copy(path: pathlib.Path, batches: list) -> tuple[int, float, float]:
    """Every row of the corpus, merged once, straight into empty tables with COPY."""
    from policykg.graph.columns import batch_tables
    from policykg.graph.stores.ladybug import LadybugStore
    from policykg.graph.stores.ladybug_bulk import copy_table
    from policykg.graph.batch import merge as merge_batches

    merged = merge_batches(batches)
    t = time.perf_counter()
    nodes, rels = batch_tables(merged)
    build = time.perf_counter() - t
    with LadybugStore(path) as store:
        store.ensure_schema()
        t = time.perf_counter()
        with store.transaction():
            for lbl, table in nodes.items():
                copy_table(store, lbl, table)
            for g, table in rels.items():
                copy_table(store, g.type, table, f" (from='{g.src}', to='{g.dst}')")
        spent = time.perf_counter() - t
    return len(merged.nodes) + len(merged.edges), spent, build


def show(name: str, rows: int, seconds: float, note: str = "") -> None:
    print(f"{name:44s} {rows:>9,} rows in {seconds:7.1f} s = {rows / max(seconds, 1e-9):>9,.0f} rows/s {note}",
          flush=True)


def ladybug_runs(tmp: pathlib.Path, batches: list, group: int, check: bool) -> None:
    from policykg.graph.export import canonical_dump
    from policykg.graph.stores.ladybug import LadybugStore
    from policykg.graph.stores.ladybug_bulk import write_bulk
    from policykg.graph.write import write_batch as write_facts

    runs = [("write_facts", write_facts, group), ("bulk", write_bulk, group),
            ("write_facts", write_facts, len(batches)), ("bulk", write_bulk, len(batches)),
            ("write_batch", lambda s, b: s.write_batch(b), group)]
    dumps = {}
    for name, writer, size in runs:
        with LadybugStore(tmp / f"{name}-{size}.db") as store:
            store.ensure_schema()
            rows, spent = write_groups(store, batches, writer, size)
            show(f"ladybug {name} ({size} docs a transaction)", rows, spent)
            if check and name != "write_batch":
                dumps[name, size] = canonical_dump(store, with_text=False)
    if check:
        same = all(dumps["bulk", size] == dumps["write_facts", size] for size in (group, len(batches)))
        print(f"ladybug bulk graphs == write_facts graphs: {same}", flush=True)
    rows, spent, build = raw_copy(tmp / "raw.db", batches)
    show("ladybug raw COPY, all rows, empty database", rows, spent, f"(+ {build:.1f} s building Arrow tables)")


def admin_import(tmp: pathlib.Path, group: int) -> None:
    """CSV export of the bulk-written LadybugDB graph, then neo4j-admin import into a new database."""
    from policykg.graph.export import write_csv
    from policykg.graph.stores.ladybug import LadybugStore
    from policykg.graph.stores.neo4j_bulk import import_full

    with LadybugStore(tmp / f"bulk-{group}.db", read_only=True) as store:
        t = time.perf_counter()
        files = write_csv(store, tmp / "csv")
        export_s = time.perf_counter() - t
    t = time.perf_counter()
    r = import_full(files, tmp / "neo4j-import", heap="1g")
    show("neo4j-admin database import full (new db)", r["nodes"] + r["relationships"], time.perf_counter() - t,
         f"(JVM start included; CSV export {export_s:.1f} s)")


def neo4j_runs(tmp: pathlib.Path, batches: list, group: int, check: bool) -> None:
    from policykg.graph.export import canonical_dump
    from policykg.graph.neo4j_server import Neo4jServer
    from policykg.graph.stores.neo4j import Neo4jStore
    from policykg.graph.stores.neo4j_bulk import write_bulk
    from policykg.graph.write import write_batch as write_facts

    admin_import(tmp, group)
    dumps = {}
    with Neo4jServer(tmp / "neo4j", heap="2g") as server, Neo4jStore(server.uri) as store:
        store.ensure_schema()
        for writer in (write_bulk, write_facts):  # warm the server's plans and JIT for both
            store.clear()
            write_groups(store, batches[:min(group, 100)], writer, group)
        # one database per server: the two writers alternate, twice, so neither always gets fresh store files
        for name, writer in (("write_facts", write_facts), ("bulk", write_bulk)) * 2:
            store.clear()
            rows, spent = write_groups(store, batches, writer, group)
            show(f"neo4j {name} ({group} docs a transaction)", rows, spent)
            if check and name not in dumps:
                dumps[name] = canonical_dump(store, with_text=False)
    if check:
        print(f"neo4j bulk graph == write_facts graph: {dumps['bulk'] == dumps['write_facts']}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--group-docs", type=int, default=500, help="documents per transaction")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers for the extraction")
    ap.add_argument("--no-neo4j", action="store_true")
    ap.add_argument("--no-check", action="store_true", help="skip the graph equality checks")
    a = ap.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="policykg-bulk-"))
    n, size = write_corpus(generate_corpus(a.docs, a.seed), tmp / "corpus", gold=False)
    batches, ex = extract(tmp / "corpus", tmp / "shards", a.workers)
    print(f"{n} generated documents ({size / 1e6:.1f} MB), seed {a.seed}: extracted on Dask with {a.workers} workers "
          f"in {ex['extract_s']:.1f} s ({ex['docs'] / ex['extract_s']:.1f} docs/s, {ex['failed']} failed), "
          f"{ex['shard_rows']:,} shard rows read back in {ex['read_s']:.1f} s; machine: 2 shared cores, one run each",
          flush=True)
    ladybug_runs(tmp, batches, a.group_docs, not a.no_check)
    if not a.no_neo4j:
        neo4j_runs(tmp, batches, a.group_docs, not a.no_check)


if __name__ == "__main__":
    main()
