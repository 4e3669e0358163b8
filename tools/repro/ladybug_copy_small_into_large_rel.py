"""LadybugDB 0.22: a small ``COPY ... FROM`` into a large REL table costs time proportional to
the table, mostly in its commit -- a loop of per-document COPY statements into a growing
database slows down without bound, which looks like a hang.  ``UNWIND ... CREATE`` of the
same rows stays flat.

    pip install ladybug==0.22.0 pyarrow
    python ladybug_copy_small_into_large_rel.py [--sizes 0,250000,1000000]
"""
import argparse
import os
import random
import tempfile
import time

import ladybug
import pyarrow as pa


def timed(conn, statement, params) -> float:
    t = time.perf_counter()
    conn.execute("BEGIN TRANSACTION")
    conn.execute(statement, params)
    conn.execute("COMMIT")
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="0,250000,1000000")
    ap.add_argument("--rows", type=int, default=50, help="relationships per statement")
    a = ap.parse_args()
    conn = ladybug.Connection(ladybug.Database(os.path.join(tempfile.mkdtemp(), "g.db")))
    conn.execute("CREATE NODE TABLE A(key STRING, PRIMARY KEY(key))")
    conn.execute("CREATE NODE TABLE B(key STRING, PRIMARY KEY(key))")
    conn.execute("CREATE REL TABLE R(FROM A TO B, doc STRING)")
    print(f"ladybug {ladybug.__version__}; {a.rows} relationships per statement, endpoints spread over the table")
    have, rnd = 0, random.Random(1)
    for size in map(int, a.sizes.split(",")):
        if size > have:
            keys = range(have, size)
            conn.execute("COPY A FROM $t", {"t": pa.table({"key": [f"a{i}" for i in keys]})})
            conn.execute("COPY B FROM $t", {"t": pa.table({"key": [f"b{i}" for i in keys]})})
            conn.execute("COPY R FROM $t", {"t": pa.table({"from": [f"a{i}" for i in keys],
                                                          "to": [f"b{i}" for i in keys], "doc": ["d"] * len(keys)})})
            have = size
        n = max(have, a.rows)
        if have == 0:  # an empty database: endpoints to link
            conn.execute("COPY A FROM $t", {"t": pa.table({"key": [f"a{i}" for i in range(n)]})})
            conn.execute("COPY B FROM $t", {"t": pa.table({"key": [f"b{i}" for i in range(n)]})})
            have = n
        src = [f"a{rnd.randrange(have)}" for _ in range(a.rows)]
        dst = [f"b{rnd.randrange(have)}" for _ in range(a.rows)]
        copy_ms = timed(conn, "COPY R FROM $t", {"t": pa.table({"from": src, "to": dst, "doc": ["n"] * a.rows})})
        unwind_ms = timed(conn, "UNWIND $rows AS r MATCH (a:A {key: r.s}) MATCH (b:B {key: r.d}) "
                                "CREATE (a)-[:R {doc: 'u'}]->(b)", {"rows": [{"s": s, "d": d} for s, d in zip(src, dst)]})
        rels = conn.execute("MATCH ()-[e:R]->() RETURN count(e)").get_next()[0]
        print(f"REL table of {rels:>9,} rows: COPY {copy_ms:7.0f} ms   UNWIND CREATE {unwind_ms:6.0f} ms", flush=True)


if __name__ == "__main__":
    main()
