"""The lineage commands: ``policykg diffusion`` (table, json, csv), ``policykg export --coissuance``
(GEXF for Gephi), ``policykg cascade --through-reforms``, ``policykg query … --through-reforms``
and ``policykg viz lineage``."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
from typer.testing import CliRunner

from policykg.cli import app


def invoke(*args):
    r = CliRunner().invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return r


def test_diffusion_formats(lineage_db):
    rows = json.loads(invoke("diffusion", "--db", lineage_db, "--format", "json").stdout)
    assert isinstance(rows, list) and len(rows) == 3
    assert all({"upper", "lower", "lag_days", "tasks_carried", "tasks_total", "reproduction"} <= set(r) for r in rows)
    assert sorted((r["upper"]["source"], r["lower"]["source"], r["lag_days"]) for r in rows) == [
        ("nation.txt", "city.txt", 241), ("nation.txt", "province.txt", 155), ("province.txt", "city.txt", 86)]
    table = csv.DictReader(io.StringIO(invoke("diffusion", "--db", lineage_db, "--format", "csv",
                                              "--region", "许昌").stdout))
    got = list(table)
    assert table.fieldnames[:2] == ["upper_key", "upper_source"] and len(got) == 2
    assert {r["lag_days"] for r in got} == {"241", "86"}
    summary = json.loads(invoke("diffusion", "--db", lineage_db, "--summary", "--format", "json").stdout)
    nation = next(a for a in summary if a["upper"]["source"] == "nation.txt")
    assert (nation["adopting_regions"], nation["median_lag_days"]) == (2, 198)
    out = invoke("diffusion", "--db", lineage_db, "--upper", "豫政办〔2021〕50号").stdout
    assert "许昌市" in out and "86" in out
    r = CliRunner().invoke(app, ["diffusion", "--db", lineage_db, "--upper", "没有这个文件", "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == [] and "no pairs" in r.stderr


def test_export_coissuance_gexf(lineage_db, tmp_path):
    out = tmp_path / "co.gexf"
    invoke("export", "--db", lineage_db, "--format", "gexf", "--coissuance", "-o", out)
    g = nx.read_gexf(out)
    assert sorted(d["label"] for _, d in g.nodes(data=True)) == ["许昌市住房和城乡建设局", "许昌市财政局"]
    assert [d["weight"] for *_, d in g.edges(data=True)] == [1.0]
    r = CliRunner().invoke(app, ["export", "--db", lineage_db, "--format", "csv", "--coissuance", "-o",
                                 str(tmp_path / "x")])
    assert r.exit_code == 2 and "--coissuance writes graphml or gexf" in r.output


def test_through_reforms_options(lineage_db, tmp_path):
    plain = json.loads(invoke("cascade", "--upper", "河南省", "--lower", "许昌市", "--db", lineage_db,
                              "--format", "json").stdout)
    through = json.loads(invoke("cascade", "--upper", "河南省", "--lower", "许昌市", "--db", lineage_db,
                                "--format", "json", "--through-reforms").stdout)
    n = lambda out: sum(len(p["tasks"]) for p in out["pairs"])  # noqa: E731
    assert n(through) == n(plain) + 1  # 国土资源局's task under the 自然资源局 pair
    rows = json.loads(invoke("query", "agency_duties", "-p", "agency=许昌市|自然资源局", "--through-reforms",
                             "--db", lineage_db, "--format", "json").stdout)["rows"]
    assert [r["task_key"] for r in rows if r["through"] == "reform"] == ["许政〔2015〕3号#T1"]
    rows = json.loads(invoke("query", "cascade", "-p", "upper=河南省", "-p", "lower=许昌市", "--through-reforms",
                             "--db", lineage_db, "--format", "json").stdout)["rows"]
    assert sum(r["through"] == "reform" for r in rows) == 1  # the query's reform variant, cascade_through_reforms
    r = CliRunner().invoke(app, ["query", "busiest_agencies", "--through-reforms", "--db", lineage_db])
    assert r.exit_code == 2 and "through_reforms" in r.output
    invoke("viz", "lineage", "许政〔2015〕3号", "--db", lineage_db, "-o", tmp_path / "l.html")
    assert "文件谱系" in (tmp_path / "l.html").read_text(encoding="utf-8")
