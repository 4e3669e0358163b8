"""One writer at a time, and readers that wait out writers instead of failing (graph/stores/filelock.py,
graph/stores/ladybug.py): real processes, real LadybugDB files, kill -9 in the middle of a checkpoint."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import ladybug
import pytest
from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.config import Settings
from policykg.errors import StoreBusyError, StoreUnavailableError
from policykg.graph.stores.filelock import FileRWLock, WriterLock
from policykg.graph.stores.ladybug import LadybugStore, file_signature, leftovers, repair

ROWS = 400_000  # enough that a checkpoint takes a second or more


def child(code: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen, line: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = proc.stdout.readline()
        if got.strip() == line:
            return
        if not got and proc.poll() is not None:
            raise AssertionError(f"child ended before {line}: {proc.stderr.read()[-2000:]}")
    raise AssertionError(f"no {line} from the child in {timeout} s")


CHECKPOINTER = """
    import sys, ladybug
    db = ladybug.Database(sys.argv[1], auto_checkpoint=False)
    c = ladybug.Connection(db)
    c.execute("CREATE NODE TABLE IF NOT EXISTS N(key STRING, v STRING, PRIMARY KEY(key))")
    c.execute("UNWIND range(1, $n) AS i CREATE (:N {key: 'k' + CAST(i AS STRING), v: 'value ' + CAST(i AS STRING)})",
              {"n": int(sys.argv[2])})
    print("CHECKPOINT", flush=True)
    c.execute("CHECKPOINT")
    print("DONE", flush=True)
    c.close(); db.close()
"""


def count_n(db) -> int:
    conn = ladybug.Connection(db)
    try:
        return conn.execute("MATCH (n:N) RETURN count(*)").get_next()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def killed_mid_checkpoint(tmp_path_factory) -> str:
    """The files a writer leaves when it is killed -9 while checkpointing (made once, copied per test)."""
    path = str(tmp_path_factory.mktemp("killed") / "g.db")
    for attempt in range(3):
        p = child(CHECKPOINTER, path, ROWS * (attempt + 1))
        wait_for(p, "CHECKPOINT")
        time.sleep(0.2)
        p.send_signal(signal.SIGKILL)
        p.wait()
        if ".wal.checkpoint" in leftovers(path):
            return path
        for f in os.listdir(os.path.dirname(path)):
            os.unlink(os.path.join(os.path.dirname(path), f))
    pytest.fail("the checkpoint always finished before the kill")


def copy_db(src: str, dst_dir) -> str:
    dst = str(dst_dir / "g.db")
    for f in os.listdir(os.path.dirname(src)):
        shutil.copy(os.path.join(os.path.dirname(src), f), dst_dir / f)
    return dst


# --- the writer lock ----------------------------------------------------------------------------
HOLDER = """
    import sys, time
    from policykg.graph.stores.filelock import WriterLock
    with WriterLock(sys.argv[1]).hold(purpose="ingest"):
        print("HELD", flush=True)
        time.sleep(float(sys.argv[2]))
"""


def test_writers_queue_across_processes(tmp_path):
    path = str(tmp_path / "g.db")
    p = child(HOLDER, path, 3)
    wait_for(p, "HELD")
    with pytest.raises(StoreBusyError) as info:  # --wait 0.3: give up, naming who holds it
        with WriterLock(path).hold(wait_s=0.3):
            pass
    assert f"pid {p.pid} (ingest)" in str(info.value) and info.value.http_status == 503
    reports = []
    t = time.monotonic()
    with WriterLock(path).hold(wait_s=30, progress=lambda waited, who: reports.append((waited, who))):
        waited = time.monotonic() - t
    p.wait()
    assert 1.5 < waited < 10
    assert reports and reports[0][0] >= 1.9 and f"pid {p.pid}" in reports[0][1]


def test_the_lock_goes_with_a_killed_writer(tmp_path):
    path = str(tmp_path / "g.db")
    p = child(HOLDER, path, 60)
    wait_for(p, "HELD")
    assert not WriterLock(path).try_hold()
    p.send_signal(signal.SIGKILL)
    p.wait()
    with WriterLock(path).hold(wait_s=5):
        pass


def test_a_second_ladybug_writer_waits_instead_of_failing(tmp_path):
    path = str(tmp_path / "g.db")
    p = child("""
        import sys, time, ladybug
        db = ladybug.Database(sys.argv[1])
        print("OPEN", flush=True)
        time.sleep(2)
        db.close()
    """, path)
    wait_for(p, "OPEN")
    with pytest.raises(StoreUnavailableError, match="Could not set lock"):
        LadybugStore(path, wait_s=0.3)
    with LadybugStore(path, wait_s=30) as s:  # LadybugDB alone would fail at once
        s.ensure_schema()
    p.wait()


# --- readers and checkpoints ------------------------------------------------------------------
@pytest.mark.slow
def test_read_only_open_recovers_after_kill_9_during_a_checkpoint(killed_mid_checkpoint, tmp_path):
    path = copy_db(killed_mid_checkpoint, tmp_path)
    with pytest.raises(RuntimeError, match="recovery is pending"):  # what LadybugDB 0.22 does by itself
        ladybug.Database(path, read_only=True)
    with LadybugStore(path, read_only=True, wait_s=60) as s:
        assert s.query("MATCH (n:N) RETURN count(*)").rows[0][0] == ROWS  # the committed rows survived
    assert leftovers(path) == []
    ladybug.Database(path, read_only=True).close()  # and plain read-only opens work again


@pytest.mark.slow
def test_repair_reports_and_finishes_a_killed_checkpoint(killed_mid_checkpoint, tmp_path):
    path = copy_db(killed_mid_checkpoint, tmp_path)
    found = repair(path, wait_s=30)
    assert ".wal.checkpoint" in found and leftovers(path) == []
    db = ladybug.Database(path, read_only=True)
    assert count_n(db) == ROWS
    db.close()
    assert repair(path) == []  # nothing left to do


@pytest.mark.slow
def test_recovery_leaves_a_working_writer_alone(killed_mid_checkpoint, tmp_path):
    """While a writer holds the writer lock, a reader waits for it instead of recovering."""
    path = copy_db(killed_mid_checkpoint, tmp_path)
    with WriterLock(path).hold():
        with pytest.raises(StoreUnavailableError, match="policykg repair"):
            LadybugStore(path, read_only=True, wait_s=0.5)
        assert ".wal.checkpoint" in leftovers(path)
    with LadybugStore(path, read_only=True, wait_s=30):
        pass


def test_read_only_opens_wait_out_a_live_checkpoint(tmp_path):
    path = str(tmp_path / "g.db")
    p = child(CHECKPOINTER, path, ROWS)
    wait_for(p, "CHECKPOINT")
    seen = []
    while p.poll() is None:
        with LadybugStore(path, read_only=True, wait_s=60) as s:
            seen.append(s.query("MATCH (n:N) RETURN count(*)").rows[0][0])
    assert p.wait() == 0 and seen and set(seen) == {ROWS}


WRITER = """
    import sys, time
    from policykg.graph.stores.filelock import FileRWLock, WriterLock
    from policykg.graph.stores.ladybug import LadybugStore
    path, batches, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with WriterLock(path).hold(purpose="test"), \\
            LadybugStore(path, gate=FileRWLock(path), checkpoint_threshold=1 << 20) as s:
        s.ensure_schema()
        print("WRITING", flush=True)
        for b in range(batches):
            with s.transaction():
                s.execute("UNWIND range($a, $b) AS i CREATE (:Agency {key: 'a' + CAST(i AS STRING), "
                          "name: '机构' + CAST(i AS STRING)})", {"a": b * size, "b": (b + 1) * size - 1})
            time.sleep(0.05)  # (paced: the readers must get to read between commits, however fast they are)
"""


@pytest.mark.slow
def test_readers_under_the_gate_never_fail_while_a_gated_writer_commits(tmp_path):
    """Readers hold the gate shared while they read and reopen when the files changed; the writer
    commits and checkpoints (every MB of WAL) holding it exclusively."""
    path = str(tmp_path / "g.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
    batches, size = 40, 2000
    p = child(WRITER, path, batches, size)
    wait_for(p, "WRITING")
    gate, problems, counts = FileRWLock(path), [], []
    total = batches * size

    def read():
        store, sig, mine = None, None, []
        try:
            while not mine or mine[-1] < total:
                with gate.shared(wait_s=30):
                    if store is None or file_signature(path) != sig:
                        if store is not None:
                            store.close()
                        sig = file_signature(path)
                        store = LadybugStore(path, read_only=True, wait_s=5)
                    n = store.query("MATCH (a:Agency) RETURN count(*)").rows[0][0]
                if n % size or (mine and n < mine[-1]):  # whole transactions only, never going back
                    problems.append(n)
                mine.append(n)
                if p.poll() is not None and n < total and len(mine) > 1 and mine[-2] == n:
                    problems.append(f"stuck at {n}")
                    break
        except Exception as e:  # noqa: BLE001 -- any failure of a reader is what this test looks for
            problems.append(repr(e))
        finally:
            if store is not None:
                store.close()
            counts.extend(mine)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for r in readers:
        r.start()
    for r in readers:
        r.join(180)
    assert p.wait() == 0, p.stderr.read()[-2000:]
    assert problems == [] and len(counts) > 10 and max(counts) == total


# --- the commands -------------------------------------------------------------------------------
POLICYKG = str(Path(sys.executable).with_name("policykg"))
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "corpus" / "s01.txt"


@pytest.mark.slow
def test_ingest_waits_for_another_writer_saying_so_or_gives_up(tmp_path):
    path = str(tmp_path / "g.db")
    p = child(HOLDER, path, 12)
    wait_for(p, "HELD")
    t = time.monotonic()
    gave_up = subprocess.run([POLICYKG, "ingest", str(SAMPLE), "--db", path, "--workers", "1", "--wait", "0.5"],
                             capture_output=True, text=True, timeout=120)
    assert gave_up.returncode == 2 and time.monotonic() - t < 30
    assert f"another writer is using {path}" in gave_up.stderr and f"pid {p.pid} (ingest)" in gave_up.stderr
    assert not os.path.exists(path)  # nothing was opened, let alone written
    waited = subprocess.run([POLICYKG, "ingest", str(SAMPLE), "--db", path, "--workers", "1", "--format", "json"],
                            capture_output=True, text=True, timeout=300)
    p.wait()
    assert waited.returncode == 0, waited.stderr
    assert f"waiting for another writer (pid {p.pid} (ingest)) to finish" in waited.stderr
    assert '"new": 1' in waited.stdout


@pytest.mark.slow
def test_policykg_repair_after_kill_9_during_a_checkpoint(killed_mid_checkpoint, tmp_path):
    path = copy_db(killed_mid_checkpoint, tmp_path)
    r = subprocess.run([POLICYKG, "repair", "--db", path], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "left over: .wal" in r.stdout and "opens read-only" in r.stdout and leftovers(path) == []
    db = ladybug.Database(path, read_only=True)
    assert count_n(db) == ROWS
    db.close()
    r = subprocess.run([POLICYKG, "repair", "--db", str(tmp_path / "none.db")], capture_output=True, text=True)
    assert r.returncode == 2 and "no database at" in r.stderr


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_the_api_reads_a_database_left_by_kill_9_during_a_checkpoint(killed_mid_checkpoint, tmp_path):
    """The first read-only open finishes the killed checkpoint: no 503 waiting for some writer."""
    path = copy_db(killed_mid_checkpoint, tmp_path)
    with TestClient(create_app(Settings(db_path=path))) as c:
        r = c.get("/health")
        assert r.status_code == 200, r.text
    assert leftovers(path) == []
