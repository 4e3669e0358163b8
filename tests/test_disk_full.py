"""A disk that fills up during `policykg ingest` (issue 18): the ingest stops with one clear error
naming the cause -- not a "duplicated primary key" per document --, what is stored stays
readable, and once there is room a re-run finishes the graph a clean run gives.

The disk is a 3.2 MB tmpfs (root only: mounting needs it; skipped elsewhere).  Known defect, not held
here: on some sizes (measured with the samples: 2-2.5 MB and 3.2 MB before issue 19's schema, 2-3 MB
after it, 3.2 MB again after the instrument and cascade merges) the write before the refused one leaves a WAL
the closing checkpoint has no room for, and the database reads again only once space is freed (LadybugDB
checkpoints on close whatever the room): then the reader's error must name the full disk, and after the room
is back the graph must be whole."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
POLICYKG = str(Path(sys.executable).with_name("policykg"))
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([POLICYKG, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})


@pytest.fixture
def small_disk(tmp_path):
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3200k", "tmpfs", str(where)]).returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    yield where
    subprocess.run(["umount", str(where)])


def stats(db: str) -> dict:
    p = run("stats", "--db", db, "--format", "json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_a_full_disk_stops_the_ingest_with_its_cause(small_disk, tmp_path):
    db = str(small_disk / "graph.db")
    refused = run("ingest", str(SAMPLES), "--db", db)  # the default margin: refused before writing
    assert refused.returncode == 2 and "MB free" in refused.stderr and "POLICYKG_MIN_FREE_MB" in refused.stderr
    full = run("ingest", str(SAMPLES), "--db", db, POLICYKG_MIN_FREE_MB="0")  # no margin: the WAL fills it
    assert full.returncode == 2, full.stderr
    assert "disk" in full.stderr and "free" in full.stderr and "duplicated" not in full.stderr, full.stderr
    # what was committed reads -- or, on the sizes where the write before the refused one left a WAL the
    # closing checkpoint has no room for (the known defect above), the error names the full disk
    readable = run("stats", "--db", db, "--format", "json")
    assert readable.returncode == 0 or "No space left on device" in readable.stderr, readable.stderr
    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    again = run("ingest", str(SAMPLES), "--db", db)
    assert again.returncode == 0, again.stderr
    clean = str(tmp_path / "clean.db")
    assert run("ingest", str(SAMPLES), "--db", clean).returncode == 0
    assert stats(db) == stats(clean)
