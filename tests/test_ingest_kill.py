"""Crash safety: ``kill -9`` in the middle of an ingest, then a re-run, gives exactly the
graph of a clean run (committed documents are skipped, the rest written, then finalize)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from policykg.graph.export import canonical_dump
from policykg.ingest.load import discover, load_files
from policykg.graph.stores.ladybug import LadybugStore

from bench.generate import write_corpus
from bench.generator import generate_corpus

N_DOCS, KILL_AFTER = 16, 5

RUNNER = textwrap.dedent("""
    import sys
    from policykg.ingest.load import discover, load_files
    from policykg.graph.stores.ladybug import LadybugStore

    def progress(done, total, path, status):
        print(status, done, flush=True)

    if __name__ == "__main__":
        found = discover([sys.argv[2]])
        with LadybugStore(sys.argv[1]) as store:
            store.ensure_schema()
            load_files(store, found, workers=1, batch_docs=1, progress=progress)
        print("DONE", flush=True)
""")


def ingest(db: Path, corpus: Path):
    with LadybugStore(db) as store:
        store.ensure_schema()
        summary = load_files(store, discover([corpus]), workers=1)
        return summary, canonical_dump(store)


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(generate_corpus(N_DOCS, seed=11), corpus, gold=False)
    script = tmp_path / "run_ingest.py"
    script.write_text(RUNNER, encoding="utf-8")
    killed_db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, str(script), str(killed_db), str(corpus)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    committed = 0
    try:
        for line in proc.stdout:
            if line.startswith("new "):
                committed += 1
            if committed >= KILL_AFTER:
                os.kill(proc.pid, signal.SIGKILL)  # while it writes the next documents
                break
    finally:
        proc.stdout.close()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    proc.stderr.close()

    with LadybugStore(killed_db) as store:  # what survived: whole documents only
        stored = store.query("MATCH (d:Document) WHERE d.stub = false RETURN count(d)").rows[0][0]
        assert KILL_AFTER <= stored < N_DOCS
        orphans = store.query("MATCH (t:Task) WHERE NOT EXISTS { MATCH (t)-[:PART_OF]->(:Document) } "
                              "RETURN count(t)").rows[0][0]
        assert orphans == 0

    rerun, killed_dump = ingest(killed_db, corpus)
    assert rerun.unchanged == stored and rerun.new == N_DOCS - stored and rerun.failed == 0
    clean, clean_dump = ingest(tmp_path / "clean.db", corpus)
    assert clean.new == N_DOCS
    assert killed_dump == clean_dump
