"""LadybugDB 0.22: executing the same ``COPY ... FROM $t`` text twice on one connection with
the same pyarrow Table object kills the process with SIGSEGV (a new Table object with the
same rows raises a clean "duplicated primary key" error instead).

    pip install ladybug==0.22.0 pyarrow
    python ladybug_copy_same_object.py

Each case runs in a child process; the parent prints how the child ended.
"""
import os
import subprocess
import sys
import tempfile


def case(same_object: bool) -> None:
    import ladybug
    import pyarrow as pa

    db = ladybug.Database(os.path.join(tempfile.mkdtemp(), "g.db"))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE A(key STRING, PRIMARY KEY(key))")
    table = pa.table({"key": ["a", "b"]})
    conn.execute("COPY A FROM $t", {"t": table})
    conn.execute("MATCH (n:A) DELETE n")  # the second COPY would succeed; deleting is not needed to crash
    conn.execute("COPY A FROM $t", {"t": table if same_object else pa.table({"key": ["a", "b"]})})
    print(conn.execute("MATCH (n:A) RETURN count(n)").get_next()[0])


def main() -> None:
    if len(sys.argv) == 2:
        case(sys.argv[1] == "same")
        return
    import ladybug

    print(f"ladybug {ladybug.__version__}")
    for name, arg in (("same object, same text", "same"), ("new object, same text", "new")):
        p = subprocess.run([sys.executable, __file__, arg], capture_output=True, text=True)
        if p.returncode < 0:
            how = f"CRASHED (signal {-p.returncode})"
        elif p.returncode:
            how = f"raised: {p.stderr.strip().splitlines()[-1][:120]}"
        else:
            how = f"ok, {p.stdout.strip()} rows"
        print(f"{name}: {how}")


if __name__ == "__main__":
    main()
