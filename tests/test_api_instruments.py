"""The policy-instrument routes in process (TestClient over ASGI), on every store: the mix overall
and by group, the tasks of a tool with cue and source, an agency's and a cascade's mix, the
errors for unknown groupings and tools in the one error shape (api/routes_instruments.py)."""
from __future__ import annotations

import pytest
from fixtures_api import CITY_DOC, PROV_DOC, is_error

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def test_mix_overall_and_by_group(client):
    [g] = client.get("/instruments").json()["groups"]
    assert g["total"] == 4 and g["tools"] == {"基础设施建设": {"tasks": 2, "share": 0.5},
                                              "策略性措施": {"tasks": 2, "share": 0.5}}
    assert g["types"] == {"supply": {"tasks": 2, "share": 0.5}, "environment": {"tasks": 2, "share": 0.5}}
    by = client.get("/instruments", params={"by": "region"}).json()
    assert by["by"] == "region" and [x["region"] for x in by["groups"]] == ["河南省", "许昌市"]
    also = client.get("/instruments", params={"by": "document", "with_also": "true", "region": "许昌"}).json()
    [city] = also["groups"]
    assert city["doc_number"] == CITY_DOC and city["total"] == 3 and city["tools"]["策略性措施"]["tasks"] == 2
    years = client.get("/instruments", params={"by": "year", "level": "province"}).json()["groups"]
    assert [(x["year"], x["total"]) for x in years] == [("2021", 2)]
    agencies = client.get("/instruments", params={"by": "agency"}).json()["groups"]
    assert {(x["agency"], x["total"]) for x in agencies} == {("河南省发展和改革委员会", 1), ("河南省财政厅", 2),
                                                             ("许昌市发展和改革委员会", 1), ("许昌市财政局", 2)}


def test_tasks_of_a_tool_carry_cue_source_and_agencies(client):
    r = client.get("/instruments/tasks", params={"tool": "基础设施建设"}).json()
    assert r["tool"] == "基础设施建设" and r["type"] == "supply"
    assert [(t["task_key"], t["cue"]) for t in r["tasks"]] == [(f"{PROV_DOC}#T2", "配套设施"),
                                                               (f"{CITY_DOC}#T2", "标准厂房")]
    city = r["tasks"][1]
    assert city["source"].startswith("（二）建设许昌经济技术开发区配套设施") and city["responsible"] == ["许昌市财政局"]
    default = client.get("/instruments/tasks", params={"tool": "策略性措施", "region": "许昌市"}).json()["tasks"]
    assert [(t["task_key"], t["cue"], t["rule"]) for t in default] == [(f"{CITY_DOC}#T1", "", "instrument:default")]
    assert default[0]["cooperating"] == ["许昌市财政局"]


def test_agency_and_cascade_mix(client):
    rows = client.get("/instruments/agency", params={"agency": "市财政局"}).json()["rows"]
    assert {(r["tool"], r["responsible"], r["cooperating"]) for r in rows} == {("基础设施建设", 1, 0),
                                                                              ("策略性措施", 0, 1)}
    c = client.get("/instruments/cascade", params={"upper": "河南省", "lower": "许昌市"}).json()
    assert c["mix"]["upper"]["total"] == 2 and c["mix"]["lower"]["tools"]["基础设施建设"]["tasks"] == 1
    assert [(p["upper_tool"], p["lower_tool"], p["kept"]) for p in c["pairs"]] == [("策略性措施", "策略性措施", True)]
    assert c["kept"] == 1.0 and c["kept_type"] == 1.0


def test_unknown_grouping_and_tool_are_one_line_errors(client):
    err = is_error(client.get("/instruments", params={"by": "city"}), 422, "bad_parameter")
    assert err["message"] == "--by: unknown grouping 'city'; valid: region, level, agency, document, year"
    err = is_error(client.get("/instruments/tasks", params={"tool": "补贴"}), 422, "bad_parameter")
    assert "unknown tool '补贴'; valid: 人才培养, 资金投入" in err["message"] and "\n" not in err["message"]
    is_error(client.get("/instruments/tasks"), 422, "bad_parameter")
    assert {t["tool"] for t in client.get("/instruments/tools").json()} >= {"资金投入", "消费补贴"}
