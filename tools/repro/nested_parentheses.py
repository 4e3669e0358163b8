"""LadybugDB 0.22.0: a few thousand nested parentheses overflow the parser's stack (segfault).

Reproduce:   python nested_parentheses.py [DEPTH]   (default 5000; needs `pip install ladybug==0.22.0`)
Expected:    the value 1, or a Parser exception ("expression nested too deeply"), exit status 0.
Actual:      the process dies with SIGSEGV (exit status -11 / 139 in a shell): unbounded recursion in
             lbug::parser::Transformer (transformAddOrSubtractExpression -> ... -> transformXorExpression
             -> ...) exhausts the stack.
Measured:    with the default 8 MiB main-thread stack, depth 2,000 answers and 2,200 crashes; nested
             list literals ([[[...1...]]]) crash from 2,000; a long flat chain (1 + 1 + ... 5,000 times)
             does not.  A 10 KB query is enough, so a length limit on query text does not protect.
             Parsing deep nesting is also slow on a database file (depth 1,000: 2.8 s on a file,
             0.4 s in memory), so the default depth runs ~40 s before it crashes; try 2400.
"""
import os
import sys
import tempfile

import ladybug


def query(depth: int = 5000) -> str:
    return "RETURN " + "(" * depth + "1" + ")" * depth


def main() -> int:
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    text = query(depth)
    with tempfile.TemporaryDirectory() as tmp:
        db = ladybug.Database(os.path.join(tmp, "repro.db"))
        conn = ladybug.Connection(db)
        print(f"ladybug {ladybug.__version__}: RETURN (((...1...))) nested {depth} deep, "
              f"{len(text)} characters", flush=True)
        try:
            result = conn.execute(text)  # SIGSEGV here
            print(f"no crash: {result.get_next()}")
        except RuntimeError as e:
            print(f"no crash, an error: {e}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
