"""The query sandbox (graph/stores/sandbox.py): crashes, hangs and blow-ups cost one query.

Every query here runs in real worker processes on a real LadybugDB database, and the crashing
queries are those of tools/repro/, run both as the upstream scripts and through the sandbox."""
from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from policykg.errors import (QueryCrashedError, QueryTimeoutError, ReadOnlyViolationError, ResultTooLargeError,
                             SandboxBusyError, StoreUnavailableError)
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.stores.sandbox import CypherSandbox

REPRO = Path(__file__).resolve().parent.parent / "tools" / "repro"
AGENCIES = 3000
COUNT = "MATCH (a:Agency) RETURN count(*) AS n"


def repro(name: str):
    spec = importlib.util.spec_from_file_location(f"repro_{name}", REPRO / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CRASHES = {  # the query of each upstream reproduction, as the sandbox receives it
    "topk_skip_past_end": lambda: "MATCH (a:Agency) RETURN a.key ORDER BY a.key SKIP 100000 LIMIT 10",
    "read_csv_serial": lambda: repro("read_csv_serial").query("/nonexistent/x.csv"),
    # just past the depth that crashes (~2,200): deeper only takes longer to parse on a database file
    "nested_parentheses": lambda: repro("nested_parentheses").query(2400),
}


@pytest.fixture(scope="module")
def graph_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("sandbox") / "graph.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
        s.execute("UNWIND range(1, $n) AS i CREATE (:Agency {key: 'agency:' + CAST(i AS STRING), "
                  "name: '机构' + CAST(i AS STRING)})", {"n": AGENCIES})
    return path


@pytest.fixture
def sandbox(graph_db):
    with CypherSandbox(graph_db, workers=2, timeout_s=20, wait_s=30) as sb:
        yield sb


def count(sb: CypherSandbox) -> int:
    return sb.run(COUNT).rows[0][0]


def rss_peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024


# --- the upstream reproductions -----------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CRASHES))
def test_repro_script_crashes_as_its_header_says(name):
    """If one of these now exits 0, LadybugDB fixed the bug: update tools/repro/README.md."""
    args = ["2400"] if name == "nested_parentheses" else []  # its default 5,000 takes ~40 s to parse first
    p = subprocess.run([sys.executable, str(REPRO / f"{name}.py"), *args], capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == -signal.SIGSEGV, (p.returncode, p.stdout, p.stderr[-500:])
    assert p.stdout.startswith("ladybug 0.22")


def test_repro_timeout_setting_shows_the_setting_lifted():
    p = subprocess.run([sys.executable, str(REPRO / "timeout_setting.py")], capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert "Interrupted" in lines[1] and "Interrupted" not in lines[2]
    assert "this connection ['1'] another connection ['2']" in lines[3]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CRASHES))
def test_a_crash_costs_one_query(sandbox, name):
    before, pids = sandbox.restarts, sandbox.pids()
    with pytest.raises(QueryCrashedError) as info:
        for _ in range(5):  # (the top-k crash reads past the end of a block: a process may survive it)
            sandbox.run(CRASHES[name](), timeout_s=90)
    err = info.value
    assert (err.code, err.http_status, err.detail["signal"]) == ("query_crashed", 400, "SIGSEGV")
    assert count(sandbox) == AGENCIES  # the next query answers
    assert sandbox.restarts == before + 1 and len(sandbox.pids()) == 2 and sandbox.pids() != pids


# --- time and memory ------------------------------------------------------------------------
def test_memory_stays_capped(graph_db):
    with CypherSandbox(graph_db, workers=1, timeout_s=30, memory_mb=512) as sb:
        (pid,) = sb.pids()
        t = time.monotonic()
        with pytest.raises(ResultTooLargeError) as info:
            sb.run("RETURN range(1, 100000000)")
        assert info.value.code == "result_too_large" and time.monotonic() - t < 30
        assert sb.pids() == {pid}, "a memory refusal is an answer, not a crash"
        assert rss_peak_mb(pid) < 512 + 256 + 400  # budget + buffer pool + interpreter and LadybugDB
        assert count(sb) == AGENCIES


def test_unwind_a_billion_ends_within_the_limit(sandbox):
    t = time.monotonic()
    with pytest.raises((ResultTooLargeError, QueryTimeoutError)):
        sandbox.run("UNWIND range(1, 1000000000) AS x RETURN count(*)", timeout_s=3)
    assert time.monotonic() - t < 3 + 2
    assert count(sandbox) == AGENCIES


def test_a_query_its_own_timeout_cannot_stop_is_killed_at_the_limit(sandbox):
    """Nested CASE takes parse time exponential in its depth; no query timeout reaches the parser."""
    hang = "RETURN " + "CASE WHEN true THEN " * 26 + "1" + " END" * 26
    before = sandbox.restarts
    t = time.monotonic()
    with pytest.raises(QueryTimeoutError) as info:
        sandbox.run(hang, timeout_s=2)
    took = time.monotonic() - t
    # killed at the limit, not when the parse ends (minutes): a wide margin, the machine may be loaded
    assert 2 <= took < 2 + 10 and info.value.code == "query_timeout"
    assert sandbox.restarts == before + 1  # the worker was killed and replaced
    assert count(sandbox) == AGENCIES


@pytest.mark.slow
def test_slow_queries_block_only_their_own_worker(graph_db):
    hang = "RETURN " + "CASE WHEN true THEN " * 26 + "1" + " END" * 26
    with CypherSandbox(graph_db, workers=2, timeout_s=3, wait_s=0.5) as sb:
        slow = threading.Thread(target=lambda: pytest.raises(QueryTimeoutError, sb.run, hang))
        slow.start()
        time.sleep(0.2)
        assert count(sb) == AGENCIES and slow.is_alive()  # the other worker answers meanwhile
        blocker = threading.Thread(target=lambda: pytest.raises(QueryTimeoutError, sb.run, hang))
        blocker.start()
        time.sleep(0.2)
        with pytest.raises(SandboxBusyError) as info:  # both busy: a clear 503 after wait_s
            sb.run(COUNT)
        assert info.value.http_status == 503
        slow.join(), blocker.join()
        assert count(sb) == AGENCIES


# --- results, settings, writes ------------------------------------------------------------------
def test_result_cap_counts_bytes_not_only_rows(graph_db):
    with CypherSandbox(graph_db, workers=1, max_result_bytes=20_000) as sb:
        ok = sb.run("MATCH (a:Agency) RETURN a.key ORDER BY a.key", limit=100)
        assert len(ok.rows) == 100 and ok.truncated
        with pytest.raises(ResultTooLargeError, match="over the limit of 20000 bytes"):
            sb.run("MATCH (a:Agency) RETURN a.key, a.name ORDER BY a.key", limit=3000)
        with pytest.raises(ResultTooLargeError):  # one row can be too large by itself
            sb.run("RETURN range(1, 100000) AS r")
        assert count(sb) == AGENCIES


def test_values_come_back_as_the_store_returns_them(sandbox, graph_db):
    q = "MATCH (a:Agency) WHERE a.key = $k RETURN a, a.name AS name, [1, 2] AS l, {x: 1} AS m"
    with LadybugStore(graph_db, read_only=True) as store:
        expected = store.query(q, {"k": "agency:7"})
    got = sandbox.run(q, {"k": "agency:7"})
    assert got.columns == expected.columns and got.rows == expected.rows and got.rows[0][1] == "机构7"


def test_settings_do_not_outlive_their_query(graph_db):
    """Each query gets a fresh connection: CALL threads=1 and CALL timeout=0 die with it (the guard
    refuses CALL before the sandbox; this is the second line)."""
    with CypherSandbox(graph_db, workers=1, threads=2, timeout_s=2) as sb:
        sb.run("CALL threads=1")
        assert sb.run("CALL current_setting('threads') RETURN *").rows == [["2"]]
        sb.run("CALL timeout=0")
        assert sb.run("CALL current_setting('timeout') RETURN *").rows == [["2000"]]


def test_writes_are_refused_by_the_read_only_database(sandbox):
    with pytest.raises(ReadOnlyViolationError):
        sandbox.run("CREATE (:Agency {key: 'x', name: 'x'})")
    assert count(sandbox) == AGENCIES


# --- workers come and go ------------------------------------------------------------------------
def test_a_worker_killed_from_outside_is_replaced(sandbox):
    for pid in sandbox.pids():
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    assert count(sandbox) == AGENCIES and count(sandbox) == AGENCIES
    assert sandbox.restarts >= 2


def test_workers_see_what_was_written_since(tmp_path):
    path = str(tmp_path / "g.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
    with CypherSandbox(path, workers=1) as sb:
        assert count(sb) == 0
        with LadybugStore(path) as s:
            s.execute("CREATE (:Agency {key: 'k', name: 'n'})")
        assert count(sb) == 1


def test_no_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreUnavailableError, match="ingest documents first"):
        CypherSandbox(str(tmp_path / "none.db"))


def test_closing_ends_every_worker(graph_db):
    sb = CypherSandbox(graph_db, workers=2)
    pids = sb.pids()
    sb.close()
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(StoreUnavailableError):
        sb.run(COUNT)
