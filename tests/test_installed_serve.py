"""The quick start's setup, not the tests' editable one: policykg installed as a built package
(non-editable) and `policykg serve` run from the checkout, whose `policykg/` folder holds only
part of the sources (no `graph`).  Ad-hoc Cypher must work there: its sandbox workers import the
installed package whatever the working directory (issue 18, finding 4)."""
from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fixtures_api import fill_ladybug
from test_api_server import serve, stop

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtualenv with policykg installed from the checkout as a built package; its
    dependencies are those of the test environment (a .pth line: no download, and the editable
    install's finder is not loaded)."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "policykg-test-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    wheels = venv.parent / "wheels"  # built as pip builds it for the quick start (isolated, setuptools>=68)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True, cwd=str(venv.parent))
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--no-index", *map(str, wheels.glob("*.whl"))],
                   check=True, capture_output=True, cwd=str(venv.parent))
    where = subprocess.run([py, "-c", "import policykg.graph, os; print(policykg.graph.__file__)"],
                           check=True, capture_output=True, text=True, cwd="/").stdout
    assert str(ROOT) not in where, f"not a built install: {where}"
    return venv


def test_cypher_answers_from_the_checkout_with_a_built_install(installed, tmp_path):
    db = fill_ladybug(tmp_path / "graph.db")
    assert (ROOT / "policykg").is_dir() and not (ROOT / "policykg" / "graph").exists()  # the trap
    proc, base = serve("--db", db, exe=str(installed / "bin" / "policykg"), cwd=str(ROOT))
    try:
        r = httpx.post(base + "/cypher", json={"query": "MATCH (a:Agency) RETURN count(*) AS n"}, timeout=60)
        assert r.status_code == 200, r.text
        assert r.json()["rows"] == [{"n": 4}]
    finally:
        out = stop(proc)
    assert "Traceback" not in out, out[-3000:]
    cli = subprocess.run([str(installed / "bin" / "policykg"), "query", "--db", db, "--cypher",
                          "MATCH (a:Agency) RETURN count(*) AS n", "--format", "json"],
                         capture_output=True, text=True, cwd=str(ROOT), timeout=120)
    assert cli.returncode == 0, cli.stderr
    assert '"n": 4' in cli.stdout or '"n":4' in cli.stdout, cli.stdout
