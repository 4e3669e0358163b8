"""The lineage queries of the library on every store (the same answers on LadybugDB and Neo4j):
document lineage and status, diffusion, co-issuance, agency successions, and duties and
cascades that follow collectives and reforms."""
from __future__ import annotations

from fixtures_lineage import keys_by_source

from policykg.queries import registry
from policykg.queries.cascade import cascade
from policykg.queries.coissuance import network
from policykg.queries.diffusion import diffusion


def run(store, name, **params):
    return registry.run(store, name, params).records()


def test_document_lineage_has_ancestors_descendants_and_repeals(lineage_store):
    keys = keys_by_source(lineage_store)
    rows = run(lineage_store, "document_lineage", document=keys["city"])
    got = {(r["relation"], r["depth"], r["key"]) for r in rows}
    assert got == {("self", 0, keys["city"]), ("cites", 1, keys["province"]), ("cites", 1, keys["nation"]),
                   ("cites", 1, "title:关于进一步加强住房保障工作的通知"), ("repeals", 1, keys["old_city"])}
    repealed = next(r for r in rows if r["relation"] == "repeals")
    assert repealed["status"] == "repealed" and repealed["basis"] == "number"
    rows = run(lineage_store, "document_lineage", document=keys["old_city"])
    assert [(r["relation"], r["key"]) for r in rows if r["relation"] != "self"] == [("repealed_by", keys["city"])]
    rows = run(lineage_store, "document_lineage", document="国办发〔2021〕22号")  # the 文号 it learned
    assert {(r["relation"], r["depth"], r["key"]) for r in rows if r["relation"] != "self"} == {
        ("cited_by", -1, keys["province"]), ("cited_by", -1, keys["city"])}


def test_document_status(lineage_store):
    keys = keys_by_source(lineage_store)
    [row] = run(lineage_store, "document_status", document="许政〔2015〕3号")
    assert (row["status"], row["repealed_by"], row["repealed_on"]) == ("repealed", keys["city"], "2022-03-01")
    assert (row["repealer_key"], row["partial"], row["modality"], row["trigger"]) == (keys["city"], False, "done",
                                                                                     "废止")
    [row] = run(lineage_store, "document_status", document=keys["city"])
    assert (row["status"], row["effective"], row["repealer_key"]) == ("in_force", "2022-03-01", None)


def test_diffusion_pairs_lags_tasks_and_adoption(lineage_store):
    keys = keys_by_source(lineage_store)
    out = diffusion(lineage_store)
    pairs = {(p["upper"]["key"], p["lower"]["key"]): p for p in out["pairs"]}
    assert set(pairs) == {(keys["nation"], keys["province"]), (keys["nation"], keys["city"]),
                          (keys["province"], keys["city"])}
    p = pairs[(keys["nation"], keys["province"])]
    assert (p["lag_days"], p["upper"]["level"], p["lower"]["level"], p["lower"]["region"]) == (
        155, "national", "province", "河南省")
    assert p["tasks_total"] == 2 and p["tasks_carried"] == 2 and 0.3 < p["reproduction"] < 1
    assert pairs[(keys["province"], keys["city"])]["lag_days"] == 86
    assert pairs[(keys["nation"], keys["city"])]["lag_days"] == 241
    nation = next(a for a in out["uppers"] if a["upper"]["key"] == keys["nation"])
    assert (nation["lower_documents"], nation["adopting_regions"], nation["regions"], nation["median_lag_days"]) == (
        2, 2, ["河南省", "许昌市"], 198)
    assert [(p["upper"]["key"], p["lower"]["key"]) for p in diffusion(lineage_store, region="许昌市")["pairs"]] == [
        (keys["nation"], keys["city"]), (keys["province"], keys["city"])]
    only = diffusion(lineage_store, upper="豫政办〔2021〕50号")
    assert [p["lower"]["key"] for p in only["pairs"]] == [keys["city"]] and only["upper"] == "豫政办〔2021〕50号"


def test_coissuance_pairs_and_network(lineage_store):
    rows = run(lineage_store, "coissuance")
    assert [(r["agency_key"], r["partner_key"], r["documents"]) for r in rows] == [
        ("许昌市|住房和城乡建设局", "许昌市|财政局", 1)]
    assert run(lineage_store, "coissuance", min_documents=2) == []
    assert run(lineage_store, "coissuance", region="开封市") == []
    g = network(lineage_store)
    assert sorted(g.nodes) == ["许昌市|住房和城乡建设局", "许昌市|财政局"]
    assert g.edges["许昌市|住房和城乡建设局", "许昌市|财政局"]["weight"] == 1


def test_agency_successors_both_ways(lineage_store):
    [row] = run(lineage_store, "agency_successors", agency="许昌市国土资源局")
    assert (row["relation"], row["steps"], row["other_key"], row["year"], row["share"]) == (
        "successor", 1, "许昌市|自然资源局", 2019, "whole")
    [row] = run(lineage_store, "agency_successors", agency="许昌市|自然资源局")
    assert (row["relation"], row["other_key"]) == ("predecessor", "许昌市|国土资源局")


def test_agency_duties_through_collectives_and_reforms(lineage_store):
    rows = run(lineage_store, "agency_duties", agency="许昌市人民政府", region="许昌市")
    assert {(r["through"], r["via_key"], r["task_key"].split("#")[0]) for r in rows} >= {
        ("collective", "河南省|省辖市", "豫政办〔2021〕50号")}
    plain = run(lineage_store, "agency_duties", agency="许昌市|自然资源局")
    assert {r["through"] for r in plain} == {""}
    reforms = run(lineage_store, "agency_duties", agency="许昌市|自然资源局", through_reforms=True)
    assert [(r["through"], r["via_key"], r["task_key"]) for r in reforms if r["through"]] == [
        ("reform", "许昌市|国土资源局", "许政〔2015〕3号#T1")]


def test_cascade_through_reforms(lineage_store):
    pair = lambda out: next(p for p in out["pairs"] if p["lower_key"] == "许昌市|自然资源局")  # noqa: E731
    plain = pair(cascade(lineage_store, "河南省", "许昌市"))
    assert all("through" not in t for t in plain["tasks"])
    through = pair(cascade(lineage_store, "河南省", "许昌市", through_reforms=True))
    assert [(t["lower_task_key"], t["through"], t["via"]) for t in through["tasks"] if t.get("through")] == [
        ("许政〔2015〕3号#T1", "reform", "许昌市|国土资源局")]
    assert len(through["tasks"]) == len(plain["tasks"]) + 1
