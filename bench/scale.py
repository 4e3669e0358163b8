"""How ingest cost grows with the corpus: the two phases at growing sizes, fitted and projected.

    python bench/scale.py [--sizes 1000,3000,10000] [--seed 7] [--scheduler local:2]
                          [--work DIR] [--out RESULTS.json]

For each size N it generates N documents (`bench/generate.py`'s generator: a longer corpus starts
with the documents of a shorter one), then runs the commands a user runs, each in its own process:

1. `policykg extract DIR --out SHARDS --scheduler local:2` -> extract CPU-s (user + system of the
   command and its Dask workers), wall s, rows in the shards;
2. `policykg load SHARDS --db DB --format json` -> write s and rows/s, finalize s of the first load, peak RSS
   (of each command: extract, load, ingest);
3. the database size on disk;
4. +1% new documents (the next ones of the same generator) added to DIR, then
   `policykg ingest DIR --db DB --format json` -> finalize s for the update (the N unchanged
   documents are skipped from their file identity), and its ratio to the first finalize;
5. with --one-transaction, `policykg load SHARDS --batch-docs N` into a new database: the write
   rate of one transaction, beside the default groups'.

It prints one row per size, then the exponent b of a log-log least-squares fit (cost ~ a * N^b) of
each column and its projection to 10^6 and 10^7 documents.  The projections extrapolate the fitted
curve; they are only as good as the sizes measured (1k-30k here: 30k alone took 25 minutes on
2 cores, 12 GB of RAM; figures in docs/bulk-load.md).  --out writes the rows, fits and projections as
JSON.  Run it alone: on a shared machine other work changes the figures.
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

if not __package__:  # run as a script (python bench/scale.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from bench.generate import write_corpus, write_doc  # noqa: E402
from bench.generator import generate_corpus  # noqa: E402

COLUMNS = ["rows", "extract_cpu_s", "write_s", "finalize_s", "db_mb", "peak_rss_mb", "update_finalize_s"]
PROJECT_TO = (1_000_000, 10_000_000)


def command(cmd: list[str], log: pathlib.Path) -> dict:
    """Run a policykg command: its JSON, wall s, CPU-s of it and the children it waited for (Dask
    workers), its peak RSS (MB; the largest of the process and those children)."""
    t0 = time.perf_counter()
    with open(log, "w+") as out, open(log.with_suffix(".err"), "w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        if proc.returncode:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read()[-2000:]}")
        out.seek(0)
        text = out.read()
    return {"json": json.loads(text[text.index("{"):]), "wall": wall, "load_avg": os.getloadavg()[0],
            "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def disk_mb(db: pathlib.Path) -> float:
    """Size of the database: its directory or file and the files beside it that share its name."""
    paths = [p for p in db.parent.iterdir() if p.name == db.name or p.name.startswith(db.name + ".")]
    total = 0
    for p in paths:
        files = p.rglob("*") if p.is_dir() else [p]
        total += sum(f.stat().st_size for f in files if f.is_file())
    return total / 1e6


def add_documents(corpus: pathlib.Path, n: int, extra: int, seed: int) -> None:
    """Append the generator's documents n .. n+extra-1 to the corpus and its manifest."""
    with open(corpus / "manifest.csv", "a", encoding="utf-8", newline="") as f:
        for doc in itertools.islice(generate_corpus(n + extra, seed), n, None):
            write_doc(doc, corpus, gold=False)
            f.write(f"{doc.name},{doc.meta.get('url', '')},{doc.meta.get('region', '')}\n")


def policykg(*args) -> list[str]:
    """The CLI as a user runs it, with this interpreter (the repository's environment)."""
    return [sys.executable, "-c", "from policykg.cli import main; main()", *map(str, args)]


def measure_size(n: int, seed: int, scheduler: str, work: pathlib.Path, one_tx: bool = False) -> dict:
    """One row of the table: generate n documents, extract, load, then +1% new documents."""
    corpus, shards, db = work / f"c{n}", work / f"s{n}", work / f"db{n}"
    for old in [corpus, shards, *work.glob(f"db{n}"), *work.glob(f"db{n}.*"), *work.glob(f"db{n}-one*")]:
        shutil.rmtree(old) if old.is_dir() else old.unlink(missing_ok=True)
    write_corpus(generate_corpus(n, seed), corpus, gold=False)
    ext = command(policykg("extract", corpus, "--out", shards, "--scheduler", scheduler), work / f"extract{n}.log")
    load = command(policykg("load", shards, "--db", db, "--format", "json"), work / f"load{n}.log")
    size = disk_mb(db)
    extra = max(1, n // 100)
    add_documents(corpus, n, extra, seed)
    upd = command(policykg("ingest", corpus, "--db", db, "--format", "json"), work / f"update{n}.log")
    lj, uj = load["json"], upd["json"]
    if lj["new"] != n - lj["failed"] or uj["new"] != extra or uj["unchanged"] != lj["new"]:
        raise SystemExit(f"unexpected counts at {n}: load {lj}, update {uj}")
    one = {}
    if one_tx:  # the same shards in one transaction (a new database): the rate the default groups aim at
        one = command(policykg("load", shards, "--db", work / f"db{n}-one", "--batch-docs", n, "--format", "json"),
                      work / f"load{n}-one.log")
        oj = one["json"]
        one = {"one_tx_write_s": oj["seconds"]["write"], "one_tx_rss_mb": round(one["rss_mb"]),
               "one_tx_rows_per_s": round((oj["nodes_written"] + oj["edges_written"]) / max(oj["seconds"]["write"], 1e-9))}
    rows = lj["nodes_written"] + lj["edges_written"]
    return {**one, "docs": n, "rows": rows, "shard_rows": ext["json"]["rows_written"],
            "write_rows_per_s": round(rows / max(lj["seconds"]["write"], 1e-9)),
            "extract_rss_mb": round(ext["rss_mb"]), "load_rss_mb": round(load["rss_mb"]),
            "update_rss_mb": round(upd["rss_mb"]),
            "update_ratio": round(uj["seconds"]["finalize"] / max(lj["seconds"]["finalize"], 1e-9), 4),
            "update_steps": uj["finalize"].get("seconds"), "first_steps": lj["finalize"].get("seconds"),
            "extract_cpu_s": round(ext["cpu"], 1), "extract_wall_s": round(ext["wall"], 1),
            "write_s": lj["seconds"]["write"], "finalize_s": lj["seconds"]["finalize"],
            "load_total_s": lj["seconds"]["total"], "db_mb": round(size, 1),
            "peak_rss_mb": round(max(ext["rss_mb"], load["rss_mb"], upd["rss_mb"])),
            "update_docs": extra, "update_finalize_s": uj["seconds"]["finalize"],
            "update_total_s": uj["seconds"]["total"],
            "load_avg": round(max(ext["load_avg"], load["load_avg"], upd["load_avg"]), 2)}


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares of log y = log a + b log x: (a, b).

    >>> a, b = fit([1e3, 3e3, 1e4], [2.0 * x ** 1.5 for x in (1e3, 3e3, 1e4)])
    >>> round(a, 6), round(b, 6)
    (2.0, 1.5)
    """
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-9)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    sxx = sum((x - mx) ** 2 for x in lx)
    b = sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / sxx
    return math.exp(my - b * mx), b


def projections(rows: list[dict]) -> dict[str, dict]:
    """Per column: the exponent and the value the fitted curve gives at 10^6 and 10^7 documents."""
    xs = [r["docs"] for r in rows]
    out = {}
    for col in COLUMNS:
        a, b = fit(xs, [r[col] for r in rows])
        out[col] = {"exponent": round(b, 3), **{f"{n:.0e}": a * n ** b for n in PROJECT_TO}}
    return out


def print_table(rows: list[dict], proj: dict[str, dict] | None) -> None:
    head = ["docs", *COLUMNS, "load_avg"]
    print(" | ".join(head))
    for r in rows:
        print(" | ".join(f"{r[h]:,}" if isinstance(r[h], int) else f"{r[h]}" for h in head))
    extra = ["write_rows_per_s", "one_tx_rows_per_s", "update_ratio", "extract_rss_mb", "load_rss_mb", "update_rss_mb"]
    print("\n" + " | ".join(["docs", *extra]))
    for r in rows:
        print(" | ".join(str(r.get(h, "-")) for h in ["docs", *extra]))
    if proj:
        print("\nfit cost ~ a * docs^b, and projections:")
        print("column | b | at 10^6 docs | at 10^7 docs")
        for col, p in proj.items():
            print(f"{col} | {p['exponent']} | {p['1e+06']:,.0f} | {p['1e+07']:,.0f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,3000,10000", help="comma-separated document counts")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scheduler", default="local:2", help="for policykg extract (local:N or tcp://HOST:8786)")
    ap.add_argument("--work", type=pathlib.Path, help="keep corpora, shards and databases here (default: a "
                    "temporary directory, removed)")
    ap.add_argument("--one-transaction", action="store_true", help="also load each size's shards in one "
                    "transaction (load --batch-docs N, a new database): the write rate the default groups aim at "
                    "(memory grows with the corpus: small sizes only)")
    ap.add_argument("--out", type=pathlib.Path, help="write rows, fits and projections as JSON; rows it "
                    "already holds for other sizes are kept and fitted with the new ones (measure large sizes "
                    "in a later run)")
    a = ap.parse_args(argv)
    sizes = sorted(int(s) for s in a.sizes.split(","))
    kept = json.loads(a.out.read_text())["rows"] if a.out and a.out.exists() else []
    with tempfile.TemporaryDirectory(prefix="pkg-scale-") as tmp:
        work = a.work or pathlib.Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = [r for r in kept if r["docs"] not in sizes]
        for n in sizes:
            rows.append(measure_size(n, a.seed, a.scheduler, work, a.one_transaction))
            rows.sort(key=lambda r: r["docs"])
            print(f"measured {n:,} documents", file=sys.stderr, flush=True)
            if a.out:  # after each size: a cut-off run keeps what it measured
                a.out.write_text(json.dumps({"rows": rows}, indent=1))
    proj = projections(rows) if len(rows) > 1 else None
    print_table(rows, proj)
    if a.out:
        a.out.write_text(json.dumps({"rows": rows, "projections": proj}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
