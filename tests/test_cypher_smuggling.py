"""Smuggling past the gate (issue 18): text the gate reads as a comment, a string or a name but
the engine reads as code.  Every attempt is either refused by the gate, or run -- on the real
engine unconfined (so the gate alone is what is proven) and through the real, confined sandbox
-- and shown harmless: the engine returns exactly the columns the gate's reading implies, no
secret comes back, no file appears, the database files do not change.

Beyond the gate: the sandbox worker itself, sent LOAD/COPY/CALL/CHECKPOINT/LOAD EXTENSION
directly (the gate bypassed), reads and writes nothing and loads no library.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from policykg.errors import CypherRefusedError, PolicyKGError, QueryCrashedError
from policykg.graph.stores.ladybug import LadybugStore, file_signature
from policykg.graph.stores.sandbox import CypherSandbox
from policykg.queries.guard import check_read_query

SECRET = "CANARY-7f3a9"
PAYLOADS = {  # what a smuggler wants to run, {canary} and {out} filled in per test
    "read": 'LOAD FROM "{canary}" RETURN *',
    "write": 'COPY (RETURN 1 AS x) TO "{out}"',
    "call": "CALL show_tables() RETURN *",
    "checkpoint": "CHECKPOINT",
    "extension": 'LOAD EXTENSION "{lib}"',
}
# (template, columns the engine must answer with if the gate lets it through; None: must be refused)
ATTEMPTS = [
    ("/* **/ RETURN 1 AS a, '*/ {p} //' AS b", None),  # the issue's: the engine does not end /* at **/
    ("/* ***/ RETURN 1 AS a, '*/ {p} //' AS b", None),
    ("/* /* */ */ RETURN 1 AS a, '*/ {p} //' AS b", None),
    ("/**/ {p}", None),
    ("RETURN 1 AS a // x\r{p}", None),  # the engine ends // at \r too
    ("RETURN 1 AS a // x\u2028{p}", None),
    ("RETURN 1 AS a // x\u0085{p}", None),
    ("RETURN 1 AS a /* x */", None),
    ("RETURN 1 AS a\n// {p}", None),
    ("RETURN 1 AS a, 'x\\q' AS b, '{p}' AS c", None),  # an escape the engine does not know
    ("RETURN 1 AS a, 'x\\x41' AS b, '{p}' AS c", None),
    ("RETURN 1 AS a, 'x\\u00' AS b, '{p}' AS c", None),  # a short \\u
    ("RETURN 1 AS a, 'x\x00' AS b, '{p}' AS c", None),  # NUL ends the text the engine gets
    ("RETURN 1 AS a\x00{p}", None),
    ("RETURN 1 AS a\u0085, 2 AS b", None),  # NEL: not whitespace to the engine
    ("RETURN 1 AS a\uff1b{p}", None),  # a full-width semicolon
    ("RETURN 1 AS a; {p}", None),
    ("RETURN 1 AS a\ud800, 2 AS b", None),  # a lone surrogate
    ("RETURN 'unterminated {p}", None),
    ("RETURN `unterminated {p}", None),
    ("RETURN 1 AS a, '{p}", None),
    ("ＲＥＴＵＲＮ 1 AS a", None),  # full-width letters are no keyword to either
    ("RETURN 1 AS a {p}", None),
    ("RETURN 1 AS `x` {p}", None),
    ("MATCH (a) WHERE EXISTS {{ {p} }} RETURN a.key AS k", None),
    ("RETURN [x IN [1] | x] AS l, {{k: 1}} AS m UNION ALL {p}", None),
    ("RETURN '// {p}' AS s", ["s"]),  # a comment marker inside a string is text
    ("RETURN '/* {p} */' AS s", ["s"]),
    ("RETURN \"/* ' {p} */\" AS s", ["s"]),
    ("RETURN 'a\\\\' AS s, '*/ {p} //' AS t", ["s", "t"]),  # an escaped backslash ends nothing early
    ("RETURN 'a\\'' AS s, '*/ {p} //' AS t", ["s", "t"]),
    ("RETURN 'a\\u0027 {p}' AS s", ["s"]),  # \\u0027 is a quote only once decoded
    ("RETURN 'a\\U00000027 {p}' AS s", ["s"]),
    ("RETURN 'a\r\n\u2028 {p}' AS s", ["s"]),
    ("RETURN 1 AS `a\\`, '{p}' AS b", ["a\\", "b"]),  # no escape inside backticks
    ("RETURN 1 AS `a``b`, '` {p} `' AS c", ["a`b", "c"]),
    ("RETURN 1 AS `/* {p} */`", ["/* {p} */"]),
    ("RETURN 1 AS a\u2028, 2 AS b", ["a", "b"]),
    ("RETURN 1 AS a\x1c, 2 AS b", ["a", "b"]),
    ("RETURN 1 AS ＬＯＡＤ", ["ＬＯＡＤ"]),
    ("RETURN $p AS s, '{p}' AS t", ["s", "t"]),
    ("RETURN list_transform(['*/', '/*'], x -> x + '{p}') AS l", ["l"]),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A real database, a secret CSV beside nothing the database owns, a shared object whose
    constructor kills its process (so loading it shows), and the confined sandbox."""
    root = tmp_path_factory.mktemp("smuggle")
    db = str(root / "db" / "graph.db")
    os.makedirs(os.path.dirname(db))
    with LadybugStore(db) as s:
        s.ensure_schema()
        s.execute("CREATE (:Agency {key: 'k', name: 'n'})")
    canary = root / "secret.csv"
    canary.write_text(f"x\n{SECRET}\n")
    lib = build_killer(Path(db).parent) or "/usr/lib/x86_64-linux-gnu/libz.so.1"
    fill = {"canary": str(canary), "out": str(root / "out.csv"), "lib": str(lib)}
    with CypherSandbox(db, workers=1, timeout_s=10) as sb:
        yield {"db": db, "root": root, "fill": fill, "sandbox": sb}


def build_killer(where: Path) -> Path | None:
    """A shared object that SIGKILLs the process that loads it (None without a C compiler); kept in
    the database's directory, which the confined worker may read."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    src, lib = where / "killer.c", where / "killer.so"
    src.write_text("#include <signal.h>\n#include <unistd.h>\n"
                   "__attribute__((constructor)) static void k(void) { kill(getpid(), SIGKILL); }\n")
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    return lib


def fill(template: str, payload: str, world: dict) -> str:
    return template.format(p=payload.format(**world["fill"]))


def harmless(world: dict, run) -> None:
    """Run, and check that nothing a payload does happened; the answer (or error) is returned."""
    before = file_signature(world["db"])
    try:
        answer = run()
    except PolicyKGError as e:
        answer = e
    assert not isinstance(answer, QueryCrashedError), answer  # a loaded library would have killed it
    assert SECRET not in repr(getattr(answer, "rows", answer)), "the secret came back"
    assert not Path(world["fill"]["out"]).exists(), "a file was written"
    assert file_signature(world["db"]) == before, "the database files changed"
    return answer


CASES = [(t, cols, name) for t, cols in ATTEMPTS for name in PAYLOADS]


@pytest.mark.parametrize("template,columns,payload", CASES,
                         ids=[f"{i}-{name}" for i, (_, _, name) in enumerate(CASES)])
def test_a_smuggling_attempt_is_refused_or_harmless(world, template, columns, payload):
    query = fill(template, PAYLOADS[payload], world)
    try:
        check_read_query(query)
    except CypherRefusedError:
        return  # refused by the gate: nothing ran
    assert columns is not None, f"the gate let through {query!r}"
    expected = [c.format(p=PAYLOADS[payload].format(**world["fill"])) for c in columns]
    params = {"p": "value"} if "$p" in query else None
    with LadybugStore(world["db"], read_only=True) as store:  # the engine alone, unconfined
        got = harmless(world, lambda: store.query(query, params))
    assert not isinstance(got, PolicyKGError), got
    assert got.columns == expected and len(got.rows) == 1, (got.columns, got.rows)
    got = harmless(world, lambda: world["sandbox"].run(query, params))
    assert got.columns == expected


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_the_worker_itself_refuses_what_gets_past_the_gate(world, payload):
    """The gate bypassed: the payload goes to the confined worker as it is."""
    query = PAYLOADS[payload].format(**world["fill"])
    answer = harmless(world, lambda: world["sandbox"].run(query))
    if payload == "call":  # reading the catalogue is a read; what matters is what it cannot do
        return
    assert isinstance(answer, PolicyKGError), (query, answer)
    assert world["sandbox"].run("MATCH (a:Agency) RETURN count(*)").rows == [[1]]


def test_the_worker_is_confined_where_the_system_allows(world):
    conf = world["sandbox"].confinement
    assert conf is not None and "RLIMIT_FSIZE" in conf["rlimits"]
    if os.path.exists("/proc/self/status") and Path("/proc/sys/kernel").exists():
        assert conf["landlock"] >= 1 or conf["seccomp"], conf  # Linux: at least one file/syscall layer
