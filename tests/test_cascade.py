"""The cascade JSON (queries/cascade.py), the `policykg cascade` and `policykg query` commands, and
the cascade's score against the hand-made gold of the seeds (shared/eval/score_cascade.py)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from fixtures_queries import CASCADE_GOLD, SCORE_CASCADE, ingest_seeds, load_policy_graph, need_shared
from policykg.cli import app
from policykg.queries import registry
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.derived.align import realign
from policykg.queries.cascade import cascade

runner = CliRunner()


def test_cascade_json_groups_task_pairs_under_agency_pairs(policy_store):
    out = cascade(policy_store, "河南", "许昌")
    assert (out["upper"], out["lower"]) == ("河南省", "许昌市")
    pairs = {(p["upper"], p["lower"]): p for p in out["pairs"]}
    assert len(pairs) == 6
    p = pairs[("河南省发展和改革委员会", "许昌市发展和改革委员会")]
    assert p["upper_aliases"] == ["省发展改革委"] and p["lower_aliases"] == ["市发展改革委"]
    assert p["basis"] == "function" and 0.7 < p["score"] <= 1
    assert [(t["upper_task_key"], t["lower_task_key"]) for t in p["tasks"]] == [("P1#T1", "C1#T1")]
    assert p["tasks"][0]["upper_task"].startswith("制定产业集聚区考核") and 0.3 < p["tasks"][0]["score"] <= 1
    assert all(len(p["tasks"]) == 1 for p in out["pairs"])  # every pair lists its supporting task pair
    assert cascade(policy_store, "河南省", "许昌市", min_tasks=2)["pairs"] == []
    assert sorted((t["lower_task_key"], t["upper_task_key"]) for t in out["task_pairs"]) == [
        ("C1#T1", "P1#T1"), ("C1#T2", "P1#T4"), ("C1#T3", "P1#T3"), ("C1#T4", "P1#T5"), ("C1#T5", "P1#T6"),
        ("C1#T6", "P1#T7")]
    t = out["task_pairs"][0]
    assert t["upper_document"] == "P1" and t["lower_document"] == "C1" and t["basis"] in ("same", "split", "merged")
    assert all(len(s) == 4 for s in t["spans"]) and t["spans"]
    assert [u["task_key"] for u in out["uncarried"]] == ["P1#T2"]  # 产业投资基金: no city task carries it
    assert out["uncarried"][0]["agencies"] == ["河南省发展和改革委员会"]
    two = cascade(policy_store, "河南省", "禹州市")  # two steps: the county plan carries only the city's
    assert two["steps"] == 2 and two["pairs"] == [] and two["task_pairs"] == []


@pytest.fixture
def policy_db(tmp_path):
    path = str(tmp_path / "g.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
        load_policy_graph(s)
    return path


def test_cascade_command(policy_db):
    r = runner.invoke(app, ["cascade", "--upper", "河南省", "--lower", "许昌市", "--db", policy_db, "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert len(out["pairs"]) == 6 and {"upper", "upper_aliases", "lower", "lower_aliases", "score", "tasks"} <= set(
        out["pairs"][0])
    r = runner.invoke(app, ["cascade", "--upper", "河南省", "--lower", "许昌市", "--db", policy_db], env={"COLUMNS": "300"})
    assert r.exit_code == 0 and "通信管理局" in r.stdout


def test_query_command(policy_db):
    r = runner.invoke(app, ["query", "agency_duties", "-p", "agency=省发改委", "--param", "region=河南",
                            "--db", policy_db, "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [row["task_key"] for row in json.loads(r.stdout)["rows"]] == ["P1#T1", "P1#T2"]
    r = runner.invoke(app, ["query", "busiest_agencies", "-p", "region=许昌市", "--db", policy_db, "--format", "csv",
                            "--limit", "2"])
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("agency_key,agency,region")
    assert len(r.stdout.splitlines()) == 3
    r = runner.invoke(app, ["query", "--cypher", "MATCH (t:Task) RETURN count(t) AS n", "--db", policy_db,
                            "--format", "json"])
    assert json.loads(r.stdout)["rows"] == [{"n": 16}]
    r = runner.invoke(app, ["query", "--list", "--format", "json"])
    assert r.exit_code == 0 and [q["name"] for q in json.loads(r.stdout)] == [q.name for q in registry.all_queries()]


def test_query_table_fits_the_terminal(policy_db):
    """One line a row, the query's show: columns, cut to the terminal's width; the rest on request."""
    args = ["query", "agency_duties", "-p", "agency=省发改委", "--db", policy_db]
    r = runner.invoke(app, args, env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100 and len(lines) <= 3 + 3 + 2  # title, header rules, 3 rows
    header = next(line for line in lines if "agency" in line and "role" in line)
    assert "task" in header and "span_start" not in header
    assert "not shown: agency_key" in r.stderr and "--columns" in r.stderr
    r = runner.invoke(app, [*args, "--columns", "task_key,role"], env={"COLUMNS": "100"})
    assert "P1#T1" in r.stdout and "deadline" not in r.stdout
    r = runner.invoke(app, [*args, "--columns", "nope"])
    assert r.exit_code == 2 and "no column nope" in r.stderr


@pytest.mark.parametrize("params, says", [
    (["agency=省发该委"], "no agency named '省发该委'; closest: "),
    (["agency=省发改委", "region=西藏"], "no region '西藏' in the graph; closest: "),
    (["agency=省发改委", "role=cooperating", "region=湖北"], "the query matched nothing"),
])
def test_an_empty_answer_says_why_on_stderr(policy_db, params, says):
    r = runner.invoke(app, ["query", "agency_duties", *[x for p in params for x in ("-p", p)], "--db", policy_db])
    assert r.exit_code == 0 and says in r.stderr, r.stderr
    if "closest" in says:
        assert "省发展改革委" in r.stderr or "河南省" in r.stderr or "湖北省" in r.stderr


@pytest.mark.parametrize("args, message", [
    (["--cypher", "MATCH (a:Agency) DETACH DELETE a"], "DETACH is refused: it writes to the graph"),
    (["--cypher", "CREATE (:Agency {key: 'x'})"], "CREATE is refused"),
    (["--cypher", "CALL threads=1"], "CALL is refused"),
    (["--cypher", "UNWIND range(1, 10) AS i RETURN i ORDER BY i SKIP 100000 LIMIT 10"],
     "crashed the database engine (SIGSEGV)"),
    (["agency_dutis"], "did you mean agency_duties"),
    (["agency_duties", "-p", "agnecy=省发改委"], "has no parameter 'agnecy'"),
    (["agency_duties"], "needs parameter 'agency'"),
    (["busiest_agencies", "-p", "region=河南", "-p", "top=many"], "parameter 'top' (int)"),
    (["busiest_agencies", "-p", "region"], "expected KEY=VALUE"),
    ([], "give a query name or --cypher"),
])
def test_query_command_errors_are_one_line_and_exit_2(policy_db, args, message):
    r = runner.invoke(app, ["query", *args, "--db", policy_db])
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output
    with LadybugStore(policy_db, read_only=True) as s:  # nothing was written
        assert s.query("MATCH (a:Agency) RETURN count(a)").rows == [[14]]


def test_cascade_scores_against_the_seed_gold(seeds_db, tmp_path):
    """shared/eval/score_cascade.py on `policykg cascade --format json` for 河南省 -> 许昌市."""
    r = runner.invoke(app, ["cascade", "--upper", "河南省", "--lower", "许昌市", "--db", seeds_db, "--format", "json"])
    assert r.exit_code == 0, r.output
    pred = tmp_path / "pred.json"
    pred.write_text(r.stdout, encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCORE_CASCADE), str(CASCADE_GOLD), str(pred)], capture_output=True,
                          text=True, cwd=SCORE_CASCADE.parent, check=True)
    f1 = float(re.search(r"F1 ([0-9.]+)", done.stdout).group(1))
    assert f1 >= 0.9, done.stdout
    out = json.loads(r.stdout)
    # the city plan cites nothing: it carries the provincial one down by its tasks (which it rewords)
    with_tasks = {a for p in out["pairs"] if p["tasks"] for a in p["upper_aliases"]}
    assert {"省环境保护厅", "省科技厅", "省财政厅", "省人力资源和社会保障厅", "省质量技术监督局", "省统计局", "省编办",
            "省政府金融办"} <= with_tasks
    assert len(out["task_pairs"]) >= 9 and out["uncarried"]


@pytest.mark.slow
def test_the_seed_cascade_scores_the_same_on_every_store(store, tmp_path):
    """The seeds ingested into each store (LadybugDB, a real Neo4j): 河南省 -> 许昌市 keeps F1 >= .90."""
    need_shared()
    ingest_seeds(store)
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(cascade(store, "河南省", "许昌市"), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCORE_CASCADE), str(CASCADE_GOLD), str(pred)], capture_output=True,
                          text=True, cwd=SCORE_CASCADE.parent, check=True)
    assert float(re.search(r"F1 ([0-9.]+)", done.stdout).group(1)) >= 0.9, done.stdout


def test_a_body_that_carries_its_own_tasks_down_and_regions_upside_down(store):
    """上海城投集团 restating its municipal duties for 静安区 is a pair with itself (same body); a
    lower region above the upper one is refused, naming the parameter."""
    from fixtures_align import write_families
    from test_queries import SAME_BODY
    from policykg.errors import ParameterError

    write_families(store, [SAME_BODY])
    realign(store)
    out = cascade(store, "上海", "静安区")
    assert (out["upper"], out["lower"], out["steps"]) == ("上海市", "静安区", 1)
    bases = {(p["upper_key"], p["lower_key"], p["basis"]) for p in out["pairs"]}
    assert ("上海市|城投集团", "上海市|城投集团", "same body") in bases
    assert ("上海市|水务局", "静安区|水务局", "function") in bases
    assert {t["lower_task_key"] for t in out["task_pairs"]} == {"静府发〔2025〕2号#T1", "静府发〔2025〕2号#T2"}
    with pytest.raises(ParameterError, match="does not lie below"):
        cascade(store, "静安区", "上海市")


def test_cascade_command_refuses_regions_upside_down(policy_db):
    r = runner.invoke(app, ["cascade", "--upper", "许昌市", "--lower", "河南省", "--db", policy_db])
    assert r.exit_code == 2 and "lower '河南省' does not lie below upper '许昌市'" in r.stderr
    r = runner.invoke(app, ["cascade", "--upper", "河南省", "--lower", "禹州市", "--db", policy_db, "--format", "json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["steps"] == 2  # two steps down
