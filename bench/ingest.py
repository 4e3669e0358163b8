"""Ingest throughput per store, and Neo4j's batched (UNWIND) writes against one statement per row.

    python bench/ingest.py [--docs 5000] [--workers 2] [--neo4j bolt://…] [--no-neo4j] [--per-row-docs 100]

Generates a synthetic corpus (bench/generator.py), ingests it into a fresh LadybugDB and
into an empty Neo4j (a server started here from policykg/servers/neo4j.py unless --neo4j names one), and
prints documents/s end to end (extraction in --workers processes + writes + finalize) and
node+relationship rows/s of the writes alone.  On Neo4j, before the ingest, it writes the
facts of the first --per-row-docs documents both ways -- as write.write_batch does (UNWIND
batches, one transaction) and one auto-committed statement per row -- and prints the ratio.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

if not __package__:  # run as a script (python bench/ingest.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from bench.generate import write_corpus  # noqa: E402
from bench.generator import generate_corpus  # noqa: E402
from policykg.graph.batch import merge  # noqa: E402
from policykg.graph.stores.ladybug import LadybugStore  # noqa: E402
from policykg.graph.write import KINDS, edge_write_cypher, node_kind, node_write_cypher, write_batch  # noqa: E402
from policykg.ingest.load import Discovered, discover, extract_and_prepare, load_files  # noqa: E402


def run_ingest(store, files, meta, workers: int, align: bool = True) -> dict:
    t = time.perf_counter()
    s = load_files(store, Discovered(files, meta), workers=workers, batch_docs=50, align=align)
    total = time.perf_counter() - t
    stats = store.stats()
    rows = s.nodes_written + s.edges_written
    return {"docs": s.new + s.replaced, "failed": s.failed, "seconds": total, "docs_per_s": (s.new + s.replaced) / total,
            "rows": rows, "write_s": s.seconds["write"], "rows_per_s": rows / max(s.seconds["write"], 1e-9),
            "finalize_s": s.seconds["finalize"], "finalize_parts": s.finalize.get("seconds", {}),
            "graph": (sum(stats.nodes.values()), sum(stats.relationships.values())), "notes": s.notes}


def per_row_ratio(store, files, meta, n_docs: int) -> dict:
    """Same facts, written batched vs one statement (and transaction) per row."""
    batch = merge([p.batch for p in (extract_and_prepare(str(f), meta.get(f.name)) for f in files[:n_docs])
                           if not hasattr(p, "reason")])
    for _ in range(2):  # the first run warms the server's query plans and JIT; the second is measured
        store.clear()
        t = time.perf_counter()
        with store.transaction():
            n, e = write_batch(store, batch)
        batched = time.perf_counter() - t
    store.clear()
    t = time.perf_counter()
    rows = 0
    for node in sorted(batch.nodes, key=lambda x: KINDS.index(node_kind(x))):
        store.execute(node_write_cypher(node_kind(node), node.label, store.cast), {"rows": [node.row()]})
        rows += 1
    for edge in batch.edges:
        store.execute(edge_write_cypher(edge, store.cast), {"rows": [edge.row()]})
        rows += 1
    per_row = time.perf_counter() - t
    return {"docs": n_docs, "rows": n + e, "batched_s": batched, "per_row_s": per_row,
            "batched_rows_per_s": (n + e) / batched, "per_row_rows_per_s": rows / per_row, "ratio": per_row / batched}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--neo4j", help="bolt:// URI of a running Neo4j (default: start one here)")
    ap.add_argument("--neo4j-password", default="neo4j")
    ap.add_argument("--no-neo4j", action="store_true")
    ap.add_argument("--per-row-docs", type=int, default=100, help="documents for the per-row comparison")
    ap.add_argument("--no-align", action="store_true", help="skip graph.derived.align.realign in finalize")
    ap.add_argument("--stores", default="ladybug,neo4j", help="comma list of stores to run")
    a = ap.parse_args()

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    t = time.perf_counter()
    n, size = write_corpus(generate_corpus(a.docs, a.seed), tmp / "corpus", gold=False)
    print(f"generated {n} documents ({size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f} s; "
          f"{a.workers} extraction workers; machine: 2 shared cores, one run each")
    found = discover([tmp / "corpus"])
    files, meta = found.files, found.meta

    def show(name: str, r: dict) -> None:
        print(f"{name:8s} {r['docs']} docs in {r['seconds']:.1f} s = {r['docs_per_s']:.1f} docs/s end to end | "
              f"writes: {r['rows']} node+relationship rows in {r['write_s']:.1f} s = {r['rows_per_s']:,.0f} rows/s | "
              f"finalize {r['finalize_s']:.1f} s {r['finalize_parts']} | graph {r['graph'][0]} nodes, {r['graph'][1]} relationships")
        for note in r["notes"]:
            print(f"{name:8s} note: {note[:300]}")

    stores = a.stores.split(",")
    if "ladybug" in stores:
        with LadybugStore(tmp / "bench.db") as store:
            store.ensure_schema()
            show("ladybug", run_ingest(store, files, meta, a.workers, not a.no_align))
    if a.no_neo4j or "neo4j" not in stores:
        return
    server = None
    if not a.neo4j:
        from policykg.servers.neo4j import Neo4jServer

        server = Neo4jServer(tmp / "neo4j", heap="1g").start()
        a.neo4j = server.uri
    try:
        from policykg.graph.stores.neo4j import Neo4jStore

        with Neo4jStore(a.neo4j, "neo4j", a.neo4j_password) as store:
            store.ensure_schema()
            store.clear()
            # first, on the empty database (clearing a large graph can exceed a small server's memory)
            r = per_row_ratio(store, files, meta, a.per_row_docs)
            print(f"neo4j writes of the facts of the first {r['docs']} documents ({r['rows']} rows; a subset, "
                  f"because one statement per row is slow): UNWIND batches {r['batched_s']:.2f} s "
                  f"({r['batched_rows_per_s']:,.0f} rows/s) vs one auto-committed statement per row "
                  f"{r['per_row_s']:.1f} s ({r['per_row_rows_per_s']:,.0f} rows/s): batched is {r['ratio']:.0f}x faster")
            store.clear()
            show("neo4j", run_ingest(store, files, meta, a.workers, not a.no_align))
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
