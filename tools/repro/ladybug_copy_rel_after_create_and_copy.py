"""LadybugDB 0.22: inside one transaction, nodes CREATEd into a table, then a COPY into that
same table, then a COPY of a REL table whose endpoints are the copied nodes fails with
"Primary-key index contains an invalid local node offset. Please drop and rebuild the _PK
index."  Without the CREATE, or with the REL rows pointing at the CREATEd nodes, or
outside an explicit transaction, it works.

    pip install ladybug==0.22.0 pyarrow
    python ladybug_copy_rel_after_create_and_copy.py
"""
import os
import tempfile

import ladybug
import pyarrow as pa


def attempt(create_first: bool, in_transaction: bool) -> str:
    conn = ladybug.Connection(ladybug.Database(os.path.join(tempfile.mkdtemp(), "g.db")))
    conn.execute("CREATE NODE TABLE A(key STRING, PRIMARY KEY(key))")
    conn.execute("CREATE NODE TABLE B(key STRING, PRIMARY KEY(key))")
    conn.execute("CREATE REL TABLE R(FROM A TO B)")
    conn.execute("COPY A FROM $t", {"t": pa.table({"key": ["a0", "a1", "a2"]})})
    if in_transaction:
        conn.execute("BEGIN TRANSACTION")
    try:
        if create_first:
            conn.execute("CREATE (:B {key: 'made-by-create'})")
        conn.execute("COPY B FROM $t", {"t": pa.table({"key": ["b0", "b1", "b2"]})})
        conn.execute("COPY R FROM $t", {"t": pa.table({"from": ["a0", "a1", "a2"], "to": ["b0", "b1", "b2"]})})
        if in_transaction:
            conn.execute("COMMIT")
    except RuntimeError as e:
        return f"FAILED: {e}"
    return f"ok, {conn.execute('MATCH ()-[r:R]->() RETURN count(r)').get_next()[0]} relationships"


def main() -> None:
    print(f"ladybug {ladybug.__version__}")
    for create_first in (True, False):
        for tx in (True, False):
            print(f"CREATE before COPY: {create_first!s:5}  explicit transaction: {tx!s:5}  ->  {attempt(create_first, tx)}")


if __name__ == "__main__":
    main()
