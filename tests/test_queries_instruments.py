"""The policy-instrument queries, on every store: hand-checked answers on the hand-built graph
(tests/fixtures_queries.py: INSTRUMENTS codes its 16 tasks by hand), parameters checked, and the
same answers on LadybugDB and Neo4j (tests/test_queries.py compares every named query)."""
from __future__ import annotations

import pytest

from policykg.errors import ParameterError
from policykg.queries import registry


def run(store, name, **params):
    return registry.run(store, name, params).records()


def mix(rows, *cols):
    return {tuple(r[c] for c in cols): (r["tasks"], r["total"]) for r in rows}


def test_mix_of_a_region_counts_primary_codes_with_shares(policy_store):
    # 河南省: P1 (7 tasks), C1 (7), K1 (1) -- not 湖北省's H1
    rows = run(policy_store, "instrument_mix", region="河南")
    assert mix(rows, "tool") == {("基础设施建设",): (5, 15), ("策略性措施",): (3, 15), ("目标规划",): (2, 15),
                                 ("法规管制",): (2, 15), ("金融支持",): (1, 15), ("资金投入",): (1, 15),
                                 ("税收优惠",): (1, 15)}
    assert rows[0]["tool"] == "基础设施建设" and rows[0]["type"] == "supply"
    assert sum(r["share"] for r in rows) == pytest.approx(1.0) and rows[0]["share"] == pytest.approx(5 / 15)
    # with the tools tasks also use: P1#T3 法规管制, P1#T6 税收优惠, C1#T4 科技信息支持
    also = mix(run(policy_store, "instrument_mix", region="河南省", with_also=True), "tool")
    assert also[("法规管制",)] == (3, 18) and also[("科技信息支持",)] == (1, 18) and also[("税收优惠",)] == (2, 18)


def test_mix_of_a_document_a_level_and_a_year(policy_store):
    assert mix(run(policy_store, "instrument_mix", document="豫政〔2010〕1号"), "tool") == {
        ("基础设施建设",): (2, 7), ("策略性措施",): (1, 7), ("金融支持",): (1, 7), ("目标规划",): (1, 7),
        ("资金投入",): (1, 7), ("法规管制",): (1, 7)}
    assert mix(run(policy_store, "instrument_mix", level="county"), "tool") == {("策略性措施",): (1, 1)}
    assert mix(run(policy_store, "instrument_mix", year="2010", region="湖北省"), "tool") == {("目标规划",): (1, 1)}
    assert run(policy_store, "instrument_mix", year="2011") == []


def test_mix_of_an_agency_through_its_duties(policy_store):
    # 省发展改革委 of 河南: responsible for P1#T1 (策略性措施) and P1#T2 (金融支持)
    rows = run(policy_store, "instrument_mix_agency", agency="省发改委", region="河南省")
    assert {(r["tool"], r["tasks"], r["responsible"], r["cooperating"], r["total"]) for r in rows} == {
        ("策略性措施", 1, 1, 0, 2), ("金融支持", 1, 1, 0, 2)}
    # 河南省财政厅: responsible for P1#T6 (资金投入), cooperating on P1#T2 (金融支持)
    rows = run(policy_store, "instrument_mix_agency", agency="河南省财政厅")
    assert {(r["tool"], r["responsible"], r["cooperating"]) for r in rows} == {("资金投入", 1, 0), ("金融支持", 0, 1)}
    # no region: 湖北's commission answers to 省发展改革委 too, in rows of its own
    assert {r["agency_key"] for r in run(policy_store, "instrument_mix_agency", agency="省发展改革委")} == {
        "河南省|发展和改革委员会", "湖北省|发展和改革委员会"}


def test_cross_tabs_by_region_level_year_document_and_agency(policy_store):
    by_region = mix(run(policy_store, "instruments_by_region", region="河南省"), "region", "tool")
    assert by_region[("许昌市", "基础设施建设")] == (3, 7) and by_region[("禹州市", "策略性措施")] == (1, 1)
    assert {k[0] for k in by_region} == {"河南省", "许昌市", "禹州市"}
    by_level = mix(run(policy_store, "instruments_by_level"), "level", "tool")
    assert by_level[("province", "目标规划")] == (2, 8) and by_level[("city", "税收优惠")] == (1, 7)
    assert mix(run(policy_store, "instruments_by_year", region="湖北省"), "year", "tool") == {("2010", "目标规划"): (1, 1)}
    by_doc = run(policy_store, "instruments_by_document", level="county")
    assert [(r["doc_number"], r["tool"], r["tasks"]) for r in by_doc] == [("禹政〔2010〕3号", "策略性措施", 1)]
    by_agency = mix(run(policy_store, "instruments_by_agency", region="许昌市"), "agency_key", "tool")
    assert by_agency[("许昌市|财政局", "税收优惠")] == (1, 2) and by_agency[("许昌市|财政局", "策略性措施")] == (1, 2)


def test_tasks_of_a_tool_with_their_agencies_and_cue(policy_store):
    rows = run(policy_store, "instrument_tasks", tool="税收优惠", region="河南省")
    assert [(r["task_key"], r["primary"]) for r in rows] == [("C1#T5", True)]
    assert rows[0]["responsible"] == ["许昌市财政局"] and rows[0]["cooperating"] == []
    assert rows[0]["cue_end"] - rows[0]["cue_start"] == 2 and rows[0]["rule"] == "instrument:clause/test"
    rows = run(policy_store, "instrument_tasks", tool="税收优惠", with_also=True)
    assert [(r["task_key"], r["primary"]) for r in rows] == [("P1#T6", False), ("C1#T5", True)]
    rows = run(policy_store, "instrument_tasks", tool="金融支持")
    assert rows[0]["responsible"] == ["河南省发展和改革委员会"] and rows[0]["cooperating"] == ["河南省财政厅"]


def test_cascade_mix_and_kept_tools(policy_store):
    side = mix(run(policy_store, "instrument_cascade_mix", upper="河南省", lower="许昌市"), "side", "tool")
    assert side[("upper", "基础设施建设")] == (2, 7) and side[("lower", "基础设施建设")] == (3, 7)
    assert ("lower", "资金投入") not in side and ("upper", "资金投入") in side
    pairs = run(policy_store, "instrument_cascade_pairs", upper="河南省", lower="许昌市")
    kept = {(r["upper_task_key"], r["lower_task_key"]): (r["upper_tool"], r["lower_tool"], r["kept"], r["kept_type"])
            for r in pairs}
    assert kept[("P1#T6", "C1#T5")] == ("资金投入", "税收优惠", False, False)
    assert kept[("P1#T4", "C1#T2")] == ("基础设施建设", "基础设施建设", True, True)
    assert sum(v[2] for v in kept.values()) == len(kept) - 1


def test_an_unknown_tool_is_refused_with_the_valid_ones(policy_store):
    with pytest.raises(ParameterError, match="'tool'.*not a tool; valid: 人才培养, 资金投入"):
        registry.run(policy_store, "instrument_tasks", {"tool": "补贴"})
