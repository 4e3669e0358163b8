"""LadybugDB 0.22.0: `CALL timeout=0` switches off the query timeout the host application set,
and settings changed with CALL stick to the connection for every later query.

Reproduce:   python timeout_setting.py        (needs only `pip install ladybug==0.22.0`)
Expected:    a query timeout set by the application (Connection.set_query_timeout) cannot be lifted by
             the query text, or a database opened read-only refuses settings changes.
Actual:      (no crash, exit status 0; prints what happens)
             1. with set_query_timeout(300) a 5-second query is interrupted after ~0.3 s;
             2. after `CALL timeout=0` on the same connection the same query runs to the end;
             3. `CALL threads=1` changes current_setting('threads') for that connection only, for every
                later query (a second connection keeps its own value);
             4. both work on a database opened read_only=True.
             Also measured: the timeout is checked only between pipeline steps, so
             `UNWIND range(1, 300000000) AS i RETURN sum(i)` with a 1 s timeout ran 26 s before it
             was interrupted (the list is built first); only killing the process bounds such a query.
"""
import os
import sys
import tempfile
import time

import ladybug

SLOW = ("UNWIND range(1, 200000) AS a UNWIND range(1, 3000) AS b "
        "WITH a, b WHERE (a * b) % 7 = 1 RETURN count(*)")


def timed(conn, query):
    t = time.time()
    try:
        return f"{conn.execute(query).get_next()} after {time.time() - t:.2f} s"
    except RuntimeError as e:
        return f"{e} after {time.time() - t:.2f} s"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "repro.db")
        ladybug.Database(path).close()  # create it, then open it read-only as a server would
        db = ladybug.Database(path, read_only=True)
        conn, other = ladybug.Connection(db), ladybug.Connection(db)
        print(f"ladybug {ladybug.__version__}, database opened read-only")
        conn.set_query_timeout(300)
        print("1. timeout 300 ms:           ", timed(conn, SLOW))
        conn.execute("CALL timeout=0")
        print("2. after CALL timeout=0:     ", timed(conn, SLOW))
        conn.execute("CALL threads=1")
        show = "CALL current_setting('threads') RETURN *"
        print("3. after CALL threads=1:      this connection", conn.execute(show).get_next(),
              "another connection", other.execute(show).get_next())
        return 0


if __name__ == "__main__":
    sys.exit(main())
