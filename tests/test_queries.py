"""Every named query, on every store: hand-checked answers on the hand-built graph
(tests/fixtures_queries.py, each answer worked out from the table there), the same answers on
LadybugDB and Neo4j, and answers checked against the seed documents' text."""
from __future__ import annotations

import pytest

from fixtures_align import Family, write_families
from fixtures_queries import SEEDS, ingest_seeds, load_policy_graph
from policykg.graph.derived.align import realign
from policykg.errors import ParameterError, ReadOnlyViolationError
from policykg.ingest.load import load_extractions
from policykg.ingest.pipeline import extract_file
from policykg.queries import registry


def run(store, name, **params):
    return registry.run(store, name, params).records()


def keys(rows, *cols):
    return [tuple(r[c] for c in cols) if len(cols) > 1 else r[cols[0]] for r in rows]


# --- hand-checked answers on the hand-built graph (both stores) ------------------------------------
def test_agency_duties(policy_store):
    rows = run(policy_store, "agency_duties", agency="省发改委", region="河南")
    assert keys(rows, "task_key", "role", "lead") == [("P1#T1", "responsible", True), ("P1#T2", "responsible", True)]
    assert rows[1]["targets"] == ["设立产业投资基金5支以上"] and rows[0]["targets"] == []
    assert rows[0]["deadline"] == "2010-04-30" and rows[0]["doc_number"] == "豫政〔2010〕1号"
    assert (rows[0]["span_start"], rows[0]["span_end"]) == (0, len(rows[0]["task"]))
    # no region: 湖北's commission answers to 省发展改革委 too (its document H1 is dated after P1)
    assert keys(run(policy_store, "agency_duties", agency="省发展改革委"), "task_key") == ["P1#T1", "P1#T2", "H1#T1"]
    # by key and by canonical name; cooperating roles
    assert len(run(policy_store, "agency_duties", agency="河南省|财政厅")) == 2
    rows = run(policy_store, "agency_duties", agency="河南省财政厅", role="cooperating")
    assert keys(rows, "task_key", "role", "lead") == [("P1#T2", "cooperating", False)]
    assert run(policy_store, "agency_duties", agency="省公安厅") == []


def test_agency_cooperation(policy_store):
    [row] = run(policy_store, "agency_cooperation", agency="省发展改革委", region="河南省")
    assert (row["partner_key"], row["shared_tasks"]) == ("河南省|财政厅", 1)
    assert [(t["task_key"], t["role"], t["partner_role"]) for t in row["tasks"]] == [
        ("P1#T2", "responsible", "cooperating")]
    [row] = run(policy_store, "agency_cooperation", agency="市财政局")
    assert row["partner_key"] == "许昌市|发展和改革委员会" and row["tasks"][0]["role"] == "cooperating"


def test_cascade(policy_store):
    rows = run(policy_store, "cascade", upper="河南省", lower="许昌市")
    assert sorted(set(keys(rows, "upper_key", "lower_key"))) == [
        ("河南省|住房和城乡建设厅", "许昌市|住房和城乡建设局"), ("河南省|住房和城乡建设厅", "许昌市|城乡规划局"),
        ("河南省|发展和改革委员会", "许昌市|发展和改革委员会"), ("河南省|环境保护厅", "许昌市|生态环境局"),
        ("河南省|财政厅", "许昌市|财政局"), ("河南省|通信管理局", "许昌市|工业和信息化局")]
    assert keys(rows, "upper_task_key", "lower_task_key") == [
        ("P1#T4", "C1#T2"), ("P1#T3", "C1#T3"), ("P1#T1", "C1#T1"), ("P1#T7", "C1#T6"), ("P1#T6", "C1#T5"),
        ("P1#T5", "C1#T4")]
    assert all(0 < r["task_score"] <= 1 for r in rows)
    assert keys(run(policy_store, "cascade", upper="许昌市", lower="禹州市"), "lower_task_key") == ["K1#T1"]
    assert run(policy_store, "cascade", upper="河南省", lower="禹州市") == []


def test_task_chain(policy_store):
    rows = run(policy_store, "task_chain", task="P1#T1")
    assert keys(rows, "depth", "key") == [(0, "P1#T1"), (-1, "C1#T1"), (-2, "K1#T1")]
    rows = run(policy_store, "task_chain", task="C1#T1")
    assert keys(rows, "depth", "key", "level") == [(1, "P1#T1", "province"), (0, "C1#T1", "city"),
                                                   (-1, "K1#T1", "county")]
    # by text fragment, restricted to a region
    assert set(keys(run(policy_store, "task_chain", task="考核评价办法", region="禹州市"), "start_key")) == {"K1#T1"}


def test_document_lineage(policy_store):
    rows = run(policy_store, "document_lineage", document="许政〔2010〕2号")
    assert keys(rows, "depth", "key", "stub") == [(2, "N1", True), (1, "P1", False), (0, "C1", False),
                                                  (-1, "K1", False)]
    assert keys(run(policy_store, "document_lineage", document="湖北省园区"), "key") == ["H1"]


def test_region_targets(policy_store):
    assert keys(run(policy_store, "region_targets", region="河南省"), "target_key") == ["P1#G1", "P1#G2"]
    [row] = run(policy_store, "region_targets", region="河南", unit="元")
    assert row["value"] == 1e11 and row["agencies"] == ["河南省住房和城乡建设厅"]
    assert keys(run(policy_store, "region_targets", region="河南省", agency="省发改委"), "target_key") == ["P1#G1"]
    assert run(policy_store, "region_targets", region="许昌市") == []


def test_deadlines_before(policy_store):
    rows = run(policy_store, "deadlines_before", date="2010-06-30")
    assert keys(rows, "deadline", "task_key") == [("2010-03-31", "P1#T3"), ("2010-04-30", "P1#T1"),
                                                  ("2010-06-30", "P1#T6")]
    assert rows[1]["agencies"] == ["河南省发展和改革委员会"]
    assert keys(run(policy_store, "deadlines_before", date="2010-12-31", region="许昌市"), "task_key") == ["C1#T5"]
    assert keys(run(policy_store, "deadlines_before", date="2010-12-31", after="2010-05-01"), "task_key") == [
        "P1#T6", "C1#T5"]


def test_zones_and_clusters(policy_store):
    [z] = run(policy_store, "region_zones", region="许昌市")
    assert (z["zone"], z["documents"], z["clusters"]) == ("许昌经济技术开发区", 1, ["发制品"])
    assert len(run(policy_store, "region_zones", region="河南省")) == 1  # named in a city document of 河南
    [c] = run(policy_store, "region_clusters", region="许昌")
    assert (c["cluster"], c["zones"]) == ("发制品", ["许昌经济技术开发区"])
    assert run(policy_store, "region_clusters", region="湖北省") == []


def test_gaps(policy_store):
    [row] = run(policy_store, "gaps_uncarried", upper="河南省", lower="许昌市")
    assert (row["task_key"], row["counterparts"]) == ("P1#T2", ["许昌市发展和改革委员会"])
    assert len(run(policy_store, "gaps_uncarried", upper="湖北省")) == 1  # nobody below 湖北 at all
    [row] = run(policy_store, "gaps_no_counterpart", lower="许昌市")
    assert (row["agency_key"], row["duties"]) == ("许昌市|城市管理局", 1)
    assert run(policy_store, "gaps_no_counterpart", lower="禹州市", upper="许昌市") == []


def test_busiest_agencies(policy_store):
    rows = run(policy_store, "busiest_agencies", region="河南省", top=3)
    assert keys(rows, "agency_key", "duties", "cooperations") == [
        ("河南省|住房和城乡建设厅", 2, 0), ("河南省|发展和改革委员会", 2, 0), ("河南省|财政厅", 1, 1)]
    assert len(run(policy_store, "busiest_agencies", region="河南省")) == 13  # every body of 河南 with work


def test_agency_path(policy_store):
    [row] = run(policy_store, "agency_path", source="市发展改革委", target="省发展改革委", source_region="许昌市",
                target_region="河南省")
    assert (row["hops"], row["relationships"], row["labels"]) == (1, ["COUNTERPART_OF"], ["Agency", "Agency"])
    rows = run(policy_store, "agency_path", source="市城管局", target="省发展改革委", target_region="河南省")
    assert {r["hops"] for r in rows} == {5} and len(rows) == 4
    assert all(r["keys"][0] == "许昌市|城市管理局" and r["keys"][-1] == "河南省|发展和改革委员会" for r in rows)


def test_runs_read_only_and_checks_parameters(policy_store):
    with pytest.raises(ParameterError, match="'region'"):
        registry.run(policy_store, "busiest_agencies", {})
    with pytest.raises(ReadOnlyViolationError):
        policy_store.query("MATCH (a:Agency) DETACH DELETE a")
    res = registry.run(policy_store, "busiest_agencies", {"region": "河南省"}, limit=2)
    assert len(res.rows) == 2 and res.truncated


# --- the same answers on both stores ----------------------------------------------------------------
CASES = [(q.name, q.example_params()) for q in registry.all_queries()] + [
    ("agency_duties", {"agency": "省发展改革委"}), ("agency_duties", {"agency": "河南省财政厅"}),
    ("agency_cooperation", {"agency": "市财政局"}), ("cascade", {"upper": "许昌市", "lower": "禹州市"}),
    ("task_chain", {"task": "P1#T1"}), ("task_chain", {"task": "考核"}),
    ("document_lineage", {"document": "许政〔2010〕2号"}), ("region_targets", {"region": "河南省"}),
    ("deadlines_before", {"date": "2011-01-01"}), ("gaps_uncarried", {"upper": "河南省"}),
    ("gaps_no_counterpart", {"lower": "许昌市"}), ("busiest_agencies", {"region": "许昌市"}),
    ("agency_path", {"source": "市城管局", "target": "省发展改革委"}),
    # the lineage documents (fixtures_lineage) on top of the hand-built graph
    ("coissuance", {}), ("agency_successors", {"agency": "许昌市国土资源局"}), ("diffusion", {"region": "许昌市"}),
    ("document_lineage", {"document": "许政〔2015〕3号"}), ("document_status", {"document": "许政〔2010〕2号"}),
    ("agency_duties", {"agency": "许昌市|自然资源局", "through_reforms": True}),
    ("agency_duties", {"agency": "许昌市人民政府", "region": "许昌市"}),
    ("cascade_through_reforms", {"upper": "河南省", "lower": "许昌市"}),
    ("cascade_tasks", {"upper": "许昌市", "lower": "禹州市"}), ("cascade_uncarried", {"upper": "河南省", "lower": "许昌市"}),
    # a municipal enterprise restating its own duties for a district (fixtures_align)
    ("cascade_same_bodies", {"upper": "上海市", "lower": "静安区"}), ("cascade", {"upper": "上海市", "lower": "静安区"}),
    ("diffusion_uppers", {"q": ""}), ("carried_down", {"region": "许昌市"}),
    ("uncarried_tasks", {"upper": "河南省", "lower": "许昌市"}),
]
SAME_BODY = Family(
    upper=("沪府〔2025〕1号", "上海市", "province", "上海市排水管理体制改革方案", "2025-03-15"),
    lower=("静府发〔2025〕2号", "静安区", "county", "静安区排水管理体制改革实施方案", "2025-09-23"), cites=True,
    upper_tasks=[("上海城投集团负责三大片区公共排水设施运维管理,包括日常运行调度、巡查养护", ["上海城投集团"]),
                 ("市水务局负责统一公共排水设施运维服务标准", ["上海市水务局"])],
    lower_tasks=[("上海城投集团负责静安区公共排水设施运维管理,包括日常运行调度、巡查养护", ["上海城投集团"]),
                 ("区水务局按照统一的公共排水设施运维服务标准开展监督检查", ["静安区水务局"])])


@pytest.mark.neo4j
def test_both_stores_give_identical_answers(ladybug_store, neo4j_store, lineage_extractions):
    for s in (ladybug_store, neo4j_store):
        load_policy_graph(s)
        load_extractions(s, list(lineage_extractions.values()))
        write_families(s, [SAME_BODY])
        realign(s)
    nonempty = set()
    for name, params in CASES:
        a = registry.run(ladybug_store, name, params)
        b = registry.run(neo4j_store, name, params)
        assert a.columns == b.columns, name
        assert a.rows == b.rows, (name, params)
        if a.rows:
            nonempty.add(name)
    assert nonempty == {q.name for q in registry.all_queries()}  # every query was compared on real rows


@pytest.mark.neo4j
@pytest.mark.slow
def test_both_stores_agree_on_the_seeds(seeds_store, neo4j_store):
    ingest_seeds(neo4j_store)
    for q in registry.all_queries():
        params = q.example_params()
        a, b = registry.run(seeds_store, q.name, params), registry.run(neo4j_store, q.name, params)
        assert (a.columns, a.rows) == (b.columns, b.rows), q.name


# --- answers checked against the seed documents ---------------------------------------------------
def test_seed_duties_of_the_provincial_commission(seeds_store):
    # 000_066c96fdfcecf38f.txt: section 一、省发展改革委 lists tasks 1. to 12. (its key: the hash of its cleaned text)
    key = "sha:" + extract_file(SEEDS / "000_066c96fdfcecf38f.txt")["document"]["sha256"]
    rows = run(seeds_store, "agency_duties", agency="省发改委", region="河南省")
    provincial = [r for r in rows if r["document_key"] == key]
    assert len(provincial) == 12 and {r["role"] for r in provincial} == {"responsible"}
    assert provincial[0]["task"].startswith("加强与省有关部门") and provincial[-1]["task"].startswith("做好省产业集聚区")
    assert [r["ordinal"] for r in provincial] == sorted(r["ordinal"] for r in provincial)


def test_seed_answers(seeds_store):
    # 002 (许昌, 2010): 市城管局 has a duty but the provincial plan names no 城市管理 body
    gaps = keys(run(seeds_store, "gaps_no_counterpart", lower="许昌市", upper="河南省"), "agency_key")
    assert "许昌市|城市管理局" in gaps and "许昌市|财政局" not in gaps
    # 许政办〔2012〕37号 cites 豫政办〔2012〕33号 (by title and number) and, by title only, the province's
    # 机构编制管理指导意见; neither is in the seeds (stubs)
    rows = run(seeds_store, "document_lineage", document="许政办〔2012〕37号")
    assert keys(rows, "depth", "key", "stub") == [(1, "title:河南省产业集聚区机构编制管理指导意见(试行)", True),
                                                  (1, "豫政办〔2012〕33号", True), (0, "许政办〔2012〕37号", False)]
    assert {r["relation"] for r in rows} == {"cites", "self"}
    # 000: 省质量技术监督局 "争取建设10家以上检验检测公共服务平台"
    rows = run(seeds_store, "region_targets", region="河南省", agency="省质量技术监督局")
    assert any(r["value"] == 10 and r["unit"] == "家" for r in rows)
    busiest = run(seeds_store, "busiest_agencies", region="河南省", top=1)
    assert busiest[0]["agency"] == "河南省发展和改革委员会" and busiest[0]["duties"] >= 12
