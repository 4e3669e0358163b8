"""Where ``policykg extract`` spends its CPU: seconds and share per stage, over a directory of
real documents, in one process.

    python bench/extract_stages.py ../shared/corpus/wild [--repeat 1]

Each stage that :func:`policykg.ingest.pipeline.extract_cleaned` calls is timed (CPU seconds,
``time.process_time``), as are reading and cleaning, the JSON line of each document and the
start-up (imports, the first document's lazy tables).  The last line gives the policy-instrument
coder's share of the extraction (issue 23: it stays within 10%).  Figures of one run: the machine
is shared, compare two checkouts side by side (docs/speed.md).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time
from collections import Counter

T0 = time.process_time()
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import policykg.ingest.pipeline as P  # noqa: E402
from policykg.ingest.discover import discover  # noqa: E402

STAGES = ["read_cleaned", "parse_header", "_abbreviated_mentions", "find_targets", "find_markers", "extract_duties",
          "code_tasks", "find_zones", "find_clusters", "lineage_facts", "_document", "_agencies", "_diagnostics"]
spent: Counter = Counter()


def _timed(name: str, f):
    def g(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            spent[name] += time.process_time() - t
    return g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the directory (the first includes cold caches)")
    a = ap.parse_args()
    startup = time.process_time() - T0
    for name in STAGES:
        setattr(P, name, _timed(name, getattr(P, name)))
    found = discover([pathlib.Path(a.dir)], None)
    enc = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False)
    t0 = time.process_time()
    for _ in range(a.repeat):
        for f in found.files:
            doc = P.extract_file(f, found.meta_of(f))
            t = time.process_time()
            enc.encode(doc)
            spent["json line"] += time.process_time() - t
    total = time.process_time() - t0
    spent["(the rest of extract_cleaned)"] = total - sum(spent.values())
    mb = sum(f.stat().st_size for f in found.files) * a.repeat / 1e6
    print(f"{len(found.files)} documents x {a.repeat}, {mb:.2f} MB: {total:.2f} CPU s ({mb / total:.2f} MB per CPU-s), "
          f"start-up (imports) {startup:.2f} s more")
    for name, s in spent.most_common():
        print(f"  {s:7.2f} s {100 * s / total:5.1f}%  {name}")
    rest = total - spent["code_tasks"]
    print(f"instrument coding: {spent['code_tasks']:.2f} s, {100 * spent['code_tasks'] / rest:.0f}% of the rest of extraction")


if __name__ == "__main__":
    main()
