"""``policykg instruments`` and ``policykg viz instruments`` on the hand-built policy graph
(tests/fixtures_queries.py, its tasks coded by hand): the cross-tab as a table, JSON and CSV (UTF-8
with a byte-order mark, read back as a spreadsheet would), the tasks of a tool, one-line errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fixtures_queries import load_policy_graph
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.stores.ladybug import LadybugStore


@pytest.fixture(scope="module")
def mix_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("mix") / "mix.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
        load_policy_graph(s)
    return path


def run(*args):
    return CliRunner().invoke(app, ["instruments", *args])


def test_crosstab_as_json_table_and_csv(mix_db):
    r = run("--by", "region", "--region", "河南", "--format", "json", "--db", mix_db)
    assert r.exit_code == 0, r.output
    tab = json.loads(r.stdout)
    assert tab["by"] == "region" and tab["region"] == "河南省"
    xc = next(g for g in tab["groups"] if g["region"] == "许昌市")
    assert xc["total"] == 7 and xc["tools"]["基础设施建设"] == {"tasks": 3, "share": 3 / 7}
    table = run("--by", "level", "--db", mix_db)
    assert table.exit_code == 0 and "province" in table.stdout and "供给型" in table.stdout
    overall = run("--db", mix_db)
    assert "基础设施建设" in overall.stdout and "16 tasks" in overall.stdout
    raw = run("--by", "year", "--format", "csv", "--db", mix_db).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: a spreadsheet reads the Chinese right
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1 and rows[0]["year"] == "2010" and rows[0]["tasks"] == "16"
    assert rows[0]["基础设施建设"] == "5" and rows[0]["基础设施建设 share"] == "0.3125"
    assert rows[0]["消费补贴"] == "0" and rows[0]["供给型"] == "6"  # all 16 tools and 3 types, zeros included


def test_tasks_of_a_tool(mix_db):
    r = run("--tasks", "税收优惠", "--with-also", "--format", "json", "--db", mix_db)
    found = json.loads(r.stdout)
    assert [(t["task_key"], t["primary"]) for t in found["tasks"]] == [("P1#T6", False), ("C1#T5", True)]
    raw = run("--tasks", "资金投入", "--format", "csv", "--db", mix_db).stdout_bytes
    [row] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["task"] == "落实税收返还和财政奖补资金" and row["responsible"] == "河南省财政厅"


@pytest.mark.parametrize("args,message", [
    (["--by", "city"], "error: --by: unknown grouping 'city'; valid: region, level, agency, document, year"),
    (["--tasks", "补贴"], "error: unknown tool '补贴'; valid: 人才培养, 资金投入, 科技信息支持, 基础设施建设, 公共服务, "
                         "目标规划, 金融支持, 税收优惠, 法规管制, 策略性措施, 政府采购, 服务外包, 贸易管制, 海外交流, "
                         "示范推广, 消费补贴"),
])
def test_unknown_grouping_or_tool_is_one_line_exit_2(mix_db, args, message):
    r = run(*args, "--db", mix_db)
    assert r.exit_code == 2 and r.output.strip() == message


def test_viz_instruments_writes_the_page_and_its_files(mix_db, tmp_path):
    r = CliRunner().invoke(app, ["viz", "instruments", "--by", "year", "-o", str(tmp_path / "out" / "mix.html"),
                                 "--db", mix_db])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["instruments.css", "instruments.js", "mix.html"]
    assert "(1 bars, 16 tasks)" in r.stdout
    bad = CliRunner().invoke(app, ["viz", "instruments", "--by", "agency", "-o", str(tmp_path / "x.html"),
                                   "--db", mix_db])
    assert bad.exit_code == 2 and "the view draws region or year" in bad.output
