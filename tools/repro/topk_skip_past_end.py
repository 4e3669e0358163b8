"""LadybugDB 0.22.0: ORDER BY ... SKIP past the end of the input, with a LIMIT, segfaults.

Reproduce:   python topk_skip_past_end.py        (needs only `pip install ladybug==0.22.0`)
Expected:    an empty result (SKIP moves past every row), exit status 0.
Actual:      the process dies with SIGSEGV (exit status -11 / 139 in a shell) inside
             TopKLocalScanState::init -> PayloadScanner::PayloadScanner -> BlockPtrInfo::BlockPtrInfo
             -> DataBlock::getData (the ORDER BY + LIMIT "top-k" operator).
Measured:    nearly always on the first try (it reads memory past the end of a block, so a process
             may survive: one test run in about thirty did; the script tries up to 20 times, each
             on a fresh connection); SKIP + LIMIT of about 16,000 or more with fewer input rows crashes
             (SKIP 100000 always did, on 1 row or 3,000); without LIMIT, or without ORDER BY, or when
             the input has more rows than SKIP, it answers correctly.  Same on a database on disk and
             in memory, over node tables or UNWIND range(...); the literal list [1, 2, 3] happened not to
             crash while [1] and range(1, 10) do (it reads memory past the end of a block).
"""
import os
import sys
import tempfile

import ladybug

QUERY = "UNWIND range(1, 10) AS i RETURN i ORDER BY i SKIP 100000 LIMIT 10"


TRIES = 20


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = ladybug.Database(os.path.join(tmp, "repro.db"))
        print(f"ladybug {ladybug.__version__}: {QUERY}", flush=True)
        for _ in range(TRIES):
            result = ladybug.Connection(db).execute(QUERY)  # SIGSEGV here
            rows = []
            while result.has_next():
                rows.append(result.get_next())
        print(f"no crash in {TRIES} tries: {len(rows)} rows (expected 0)")
        return 0


if __name__ == "__main__":
    sys.exit(main())
