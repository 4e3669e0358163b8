"""The two phases of a distributed ingest through the command line: ``policykg extract --out``
(Dask) then ``policykg load`` give the graph ``policykg ingest`` gives, on both stores; a load
killed with SIGKILL and run again gives the graph of a clean load."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.export import canonical_dump
from policykg.graph.stores.ladybug import LadybugStore

from bench.generate import write_corpus
from bench.generator import generate_corpus

RUNNER = textwrap.dedent("""
    import sys
    from policykg.graph.stores.ladybug import LadybugStore
    from policykg.ingest.load_shards import load_shards

    def progress(done, total, path, status):
        print(status, done, flush=True)

    LadybugStore.bulk_min_rows = 1  # every group through COPY, as the groups of a large load go
    with LadybugStore(sys.argv[1]) as store:
        store.ensure_schema()
        load_shards(store, sys.argv[2], batch_docs=4, progress=progress)
    print("DONE", flush=True)
""")


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> tuple[Path, Path]:
    """A generated corpus with one bad file, and its shards (two local Dask workers)."""
    d = tmp_path_factory.mktemp("two-phase")
    write_corpus(generate_corpus(40, seed=3), d / "corpus", gold=False)
    (d / "corpus" / "zz-bad.txt").write_bytes(b"\x00\x01binary")
    r = CliRunner().invoke(app, ["extract", str(d / "corpus"), "--out", str(d / "shards"), "--scheduler", "local:2",
                                 "--partition-docs", "8"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout.splitlines()[-1])
    assert summary["documents_written"] == 40 and summary["failed"] == 1 and summary["workers"] == 2
    assert "zz-bad.txt" in r.stderr
    return d / "corpus", d / "shards"


def run(*args: str) -> dict:
    r = CliRunner().invoke(app, [*args, "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout.splitlines()[-1])


@pytest.mark.slow
def test_extract_then_load_equals_ingest_on_ladybug(shards, tmp_path):
    corpus, out = shards
    loaded = run("load", str(out), "--db", str(tmp_path / "loaded.db"))
    assert (loaded["new"], loaded["failed"]) == (40, 1) and "zz-bad.txt" in loaded["failures"][0]["path"]
    ingested = run("ingest", str(corpus), "--db", str(tmp_path / "ingested.db"), "--workers", "1")
    assert ingested["new"] == 40
    with LadybugStore(tmp_path / "loaded.db", read_only=True) as a, LadybugStore(tmp_path / "ingested.db",
                                                                                  read_only=True) as b:
        assert canonical_dump(a) == canonical_dump(b)
        uses = a.stats().relationships["USES"]  # every task is coded: the instruments took both paths
        assert a.stats().nodes["Instrument"] > 3 and uses >= a.stats().nodes["Task"] > 0
    again = run("ingest", str(corpus), "--db", str(tmp_path / "loaded.db"))  # the loaded files are known
    assert (again["unchanged"], again["new"], again["finalize"]) == (40, 0, {"skipped": "nothing changed"})


@pytest.mark.neo4j
def test_extract_then_load_equals_ingest_on_neo4j(shards, neo4j_store, neo4j_uri):
    corpus, out = shards
    assert run("load", str(out), "--neo4j", neo4j_uri)["new"] == 40
    loaded = canonical_dump(neo4j_store)
    neo4j_store.clear()
    assert run("ingest", str(corpus), "--neo4j", neo4j_uri, "--workers", "1")["new"] == 40
    assert canonical_dump(neo4j_store) == loaded


@pytest.mark.slow
def test_kill_9_during_load_then_rerun_equals_a_clean_load(shards, tmp_path):
    _, out = shards
    killed = tmp_path / "killed.db"
    (tmp_path / "run_load.py").write_text(RUNNER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(tmp_path / "run_load.py"), str(killed), str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:  # kill once a few groups of 4 documents are committed
            if line.startswith("new ") and int(line.split()[1]) >= 13:
                os.kill(proc.pid, signal.SIGKILL)  # while it writes the next group
                break
    finally:
        proc.stdout.close()
        proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    with LadybugStore(killed, read_only=True) as s:
        stored = s.query("MATCH (d:Document) WHERE d.stub = false RETURN count(d)").rows[0][0]
    assert 0 < stored < 40
    rerun = run("load", str(out), "--db", str(killed))
    assert (rerun["unchanged"], rerun["new"]) == (stored, 40 - stored) and rerun["finalize"]["incremental"] is False
    run("load", str(out), "--db", str(tmp_path / "clean.db"))
    with LadybugStore(killed, read_only=True) as a, LadybugStore(tmp_path / "clean.db", read_only=True) as b:
        assert canonical_dump(a) == canonical_dump(b)
