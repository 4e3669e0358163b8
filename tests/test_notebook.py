"""The notebook API (policykg.open): the same answers as the command line and the HTTP API, on
both stores; the tables as DataFrames; the networks as networkx graphs; and the README's
notebook example (docs/notebooks.md), run as written."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from fixtures_api import CITY_DOC, PROV_DOC, PROV_NDRC

import policykg
from policykg.api.app import create_app
from policykg.errors import ParameterError

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).with_name("policykg"))
CASES = [("agency_duties", {"agency": "省财政厅"}), ("agency_cooperation", {"agency": "省发展改革委"}),
         ("cascade", {"upper": "河南省", "lower": "许昌市"}), ("region_targets", {"region": "许昌市"}),
         ("diffusion", {"region": "许昌市"}), ("carried_down", {"region": "许昌市"}),
         ("uncarried_tasks", {"upper": "河南省", "lower": "许昌市"}), ("coissuance", {})]


def open_graph(settings):
    if settings.neo4j_uri:
        return policykg.open(settings.neo4j_uri, user=settings.neo4j_user, password=settings.neo4j_password)
    return policykg.open(settings.db_path)


def cli_rows(settings, name: str, params: dict) -> list[dict]:
    where = ["--neo4j", settings.neo4j_uri] if settings.neo4j_uri else ["--db", settings.db_path]
    env = {**os.environ, "NEO4J_USER": settings.neo4j_user, "NEO4J_PASSWORD": settings.neo4j_password}
    args = [CLI, "query", name, *where, "--format", "json"] + [x for k, v in params.items() for x in ("-p", f"{k}={v}")]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["rows"]


def test_same_answers_as_the_command_line_and_the_api(wb_settings):
    with open_graph(wb_settings) as g, TestClient(create_app(wb_settings)) as api:
        for name, params in CASES:
            rows = g.query(name, **params)
            assert list(rows) == cli_rows(wb_settings, name, params), name
            assert list(rows) == api.post(f"/queries/{name}", json={"params": params}).json()["rows"], name
            assert rows, name  # compared on real rows
        df = g.query("agency_duties", agency="省财政厅").df()
        assert list(df.columns) == g.query("agency_duties", agency="省财政厅").columns and len(df) == 2
        flat = [(t["upper_task_key"], t["lower_task_key"]) for p in api.get("/cascade", params={
            "upper": "河南省", "lower": "许昌市"}).json()["pairs"] for t in p["tasks"]]
        cascade = g.cascade("河南省", "许昌市")
        assert list(zip(cascade["upper_task_key"], cascade["lower_task_key"])) == flat == [
            (f"{PROV_DOC}#T1", f"{CITY_DOC}#T1")]
        diffusion = g.diffusion(region="许昌市")
        pairs = api.get("/diffusion", params={"region": "许昌市"}).json()["pairs"]
        assert list(diffusion["lower_key"]) == [p["lower"]["key"] for p in pairs] == [CITY_DOC]
        assert list(g.diffusion(summary=True)["median_lag_days"]) == [70]
        assert len(g.counterparts("河南省", "许昌市")) == 2 and len(g.coissuance()) == 1


def test_networks_are_networkx_graphs(wb_settings):
    with open_graph(wb_settings) as g:
        net = g.network("agency", "省发展改革委")
        assert isinstance(net, nx.MultiDiGraph) and net.nodes[f"Agency:{PROV_NDRC}"]["name"] == "河南省发展和改革委员会"
        assert ("Agency:" + PROV_NDRC, f"Task:{PROV_DOC}#T1") in {(a, b) for a, b in net.edges()}
        assert g.network("cascade", "河南省", "许昌市").number_of_nodes() == 6
        assert set(g.network("coissuance").nodes) == {"Agency:许昌市|许昌市发展和改革委员会", "Agency:许昌市|许昌市财政局"}
        with pytest.raises(ParameterError, match="unknown network"):
            g.network("galaxy")


def test_opening_nothing_says_so(tmp_path):
    with pytest.raises(ParameterError, match="no database at"):
        policykg.open(tmp_path / "missing.db")


def docs_example() -> str:
    text = (ROOT / "docs" / "notebooks.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", text, re.S).group(1)


def test_the_docs_notebook_example_runs_as_written(fresh_db, tmp_path, monkeypatch, capsys):
    """In the folder of a database named policykg.db (what the quick start leaves), the example runs."""
    monkeypatch.chdir(Path(fresh_db).parent)
    code = docs_example()
    assert 'policykg.open("policykg.db")' in code
    exec(compile(code, "docs/notebooks.md", "exec"), {"__name__": "__readme__"})
    out = capsys.readouterr().out
    assert out.strip() and Path("fgw.gexf").exists()
    assert nx.read_gexf("fgw.gexf").number_of_nodes() > 5
    Path("fgw.gexf").unlink()
