"""LadybugDB 0.22.0: CALL read_csv_serial(...) segfaults while the query is bound.

Reproduce:   python read_csv_serial.py        (needs only `pip install ladybug==0.22.0`)
Expected:    a Binder/Catalog exception ("read_csv_serial is internal" or similar) or the rows of
             the file, exit status 0.
Actual:      the process dies with SIGSEGV (exit status -11 / 139 in a shell) in
             lbug::processor::bindFunc <- Binder::bindTableFunc <- Binder::bindInQueryCall,
             whether or not the file exists and whatever it holds (a valid two-line CSV here).
             `LOAD FROM 'file.csv' RETURN *` on the same file answers correctly.
"""
import os
import sys
import tempfile

import ladybug


def query(csv_path: str) -> str:
    return f"CALL read_csv_serial('{csv_path}') RETURN *"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "x.csv")
        with open(csv, "w") as f:
            f.write("a,b\n1,2\n")
        db = ladybug.Database(os.path.join(tmp, "repro.db"))
        conn = ladybug.Connection(db)
        text = query(csv)
        print(f"ladybug {ladybug.__version__}: {text}", flush=True)
        try:
            result = conn.execute(text)  # SIGSEGV here
            print(f"no crash: {result.get_num_tuples()} rows")
        except RuntimeError as e:
            print(f"no crash, an error as expected: {e}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
