"""Alignment (graph/derived/align.py) on hand-built graphs, on both stores: which documents are carried down,
which counterparts and task derivations it finds at every step of the hierarchy (province -> city ->
county, a municipality -> its districts, two steps at once, the nation -> a province), that re-running
it gives the same graph, and that its thresholds are what decide."""
from __future__ import annotations

import json

from fixtures_align import Family, write_families
from fixtures_queries import load_policy_graph
from policykg.graph.derived.align import AlignSettings, realign
from policykg.graph.derived.task_links import DeriveThresholds

COUNTERPARTS = [
    ("禹州市|发展和改革委员会", "许昌市|发展和改革委员会", "function"),
    ("许昌市|住房和城乡建设局", "河南省|住房和城乡建设厅", "function"),
    ("许昌市|发展和改革委员会", "河南省|发展和改革委员会", "function"),
    ("许昌市|城乡规划局", "河南省|住房和城乡建设厅", "function:related"),  # the city has its own planning bureau
    ("许昌市|工业和信息化局", "河南省|通信管理局", "function:related"),  # no city telecom regulator
    ("许昌市|生态环境局", "河南省|环境保护厅", "function"),  # one function across the 2018 reform
    ("许昌市|财政局", "河南省|财政厅", "function"),
]  # 市城管局: the province has no 城市管理 body; 湖北's commission: another province, no document carried down
DERIVED = [("C1#T1", "P1#T1"), ("C1#T2", "P1#T4"), ("C1#T3", "P1#T3"), ("C1#T4", "P1#T5"), ("C1#T5", "P1#T6"),
           ("C1#T6", "P1#T7"), ("K1#T1", "C1#T1")]  # C1#T7 (垃圾处理) derives from nothing; P1#T2 is not carried


def derived(store):
    cps = sorted(store.query("MATCH (a:Agency)-[e:COUNTERPART_OF]->(b:Agency) RETURN a.key, b.key, e.basis, e.score, "
                             "e.rule").rows)
    tasks = sorted(store.query("MATCH (a:Task)-[e:DERIVED_FROM]->(b:Task) RETURN a.key, b.key, e.score, e.rule, "
                               "e.doc, e.basis, e.spans").rows)
    carried = sorted(store.query("MATCH (a:Document)-[e:CARRIES]->(b:Document) RETURN a.key, b.key, e.basis, e.links")
                     .rows)
    return cps, tasks, carried


def test_realign_finds_counterparts_and_task_derivations(store):
    load_policy_graph(store, align=False)
    summary = realign(store)
    assert summary["counterparts"] == 7 and summary["task_links"] == 7
    assert summary["counterparts_by_basis"] == {"function": 5, "function:related": 2}
    cps, tasks, carried = derived(store)
    assert [(a, b, basis) for a, b, basis, _, _ in cps] == sorted(COUNTERPARTS)
    assert all(rule == "align:function" and 0.5 < score <= 1 for *_, score, rule in cps)
    assert [(a, b) for a, b, *_ in tasks] == sorted(DERIVED)
    assert all(rule in ("align:counterpart", "align:similarity") and 0.3 <= score <= 1 and doc == a.split("#")[0]
               and basis in ("same", "split", "merged") and json.loads(spans) for a, b, score, rule, doc, basis, spans in tasks)
    assert carried == [["C1", "P1", "citation", 6], ["K1", "C1", "citation", 1]]


def test_spans_point_at_the_common_text_of_both_documents(store):
    load_policy_graph(store, align=False)
    realign(store)
    texts = {k: t for k, t, _ in store.query("MATCH (t:Task) RETURN t.key, t.text, t.span_start").rows}
    starts = {k: s for k, _, s in store.query("MATCH (t:Task) RETURN t.key, t.text, t.span_start").rows}
    for lo, up, *_, spans in derived(store)[1]:
        for ls, le, us, ue in json.loads(spans):
            assert texts[lo][ls - starts[lo]:le - starts[lo]] == texts[up][us - starts[up]:ue - starts[up]]
            assert le - ls >= 4


def test_realign_is_idempotent_and_recomputes_from_stored_facts(store):
    load_policy_graph(store)
    first = derived(store)
    realign(store)
    assert derived(store) == first  # dropped and derived again, nothing doubled
    with store.transaction():
        store.delete_document_facts("C1")
    realign(store)
    cps, tasks, carried = derived(store)
    assert tasks == [] and carried == []  # K1 cites C1, whose tasks are gone; P1's have no lower tasks
    assert cps == []  # no document of the city carries duties any more: nothing grounds a counterpart


def test_thresholds_decide(store):
    load_policy_graph(store, align=False)
    strict = realign(store, settings=AlignSettings(derive=DeriveThresholds(same=0.9, part=0.99, kin_factor=1.0,
                                                                           gap_factor=0)))
    _, tasks, _ = derived(store)
    # only where all of one task's words are in the other: 电信管道基站共建共享 in the city's longer task, ...
    assert [(a, b, basis) for a, b, _, _, _, basis, _ in tasks] == [
        ("C1#T2", "P1#T4", "split"), ("C1#T4", "P1#T5", "merged"), ("C1#T6", "P1#T7", "split"),
        ("K1#T1", "C1#T1", "split")]
    assert strict["task_links"] == 4
    loose = realign(store, settings=AlignSettings(derive=DeriveThresholds(min_shared=1, kin_min_shared=1,
                                                                          min_weight=0.5, kin_min_weight=0.5)))
    assert loose["task_links"] >= 7


MUNICIPAL = Family(
    upper=("沪府〔2025〕1号", "上海市", "province", "上海市排水管理体制改革方案", "2025-03-15"),
    lower=("静府发〔2025〕2号", "静安区", "county", "静安区排水管理体制改革实施方案", "2025-09-23"),
    cites=True,
    upper_tasks=[("市水务局负责统一公共排水设施运维服务标准,研究制定日常运维经费标准", ["上海市水务局"]),
                 ("市住房城乡建设管理委会同市财政局整合形成三大片区更新改造和应急抢修项目建设机制", ["上海市住房城乡建设管理委"]),
                 ("市交通委负责道路积水点改造和下立交泵站运行监管", ["上海市交通委"]),
                 ("相关区政府负责做好改革过程中社会稳定工作", ["相关区政府"])],
    lower_tasks=[("区建设和交通委员会配合研究制定三大片区更新改造和应急抢修资金渠道及建设机制",
                  ["静安区建设和交通委员会"]),
                 ("区水务局负责按照统一的公共排水设施运维服务标准落实日常运维经费", ["静安区水务局"]),
                 ("区建设和交通委员会负责下立交泵站运行监管和道路积水点改造", ["静安区建设和交通委员会"]),
                 ("区政府负责做好本区改革过程中社会稳定工作", ["静安区人民政府"])],
)


def test_a_municipality_and_its_district_by_function_one_to_many(store):
    """上海市 -> 静安区 is one step although the levels are province and county: 市X upper, 区X lower;
    the district's merged 建设和交通委员会 carries the work of two municipal bodies; 相关区政府 in the
    municipal plan is carried by the district government."""
    write_families(store, [MUNICIPAL])
    realign(store)
    cps, tasks, carried = derived(store)
    assert sorted((a, b, basis) for a, b, basis, *_ in cps) == [
        ("静安区|人民政府", "上海市|相关区", "collective"),
        ("静安区|建设和交通委员会", "上海市|交通委", "function:merged"),
        ("静安区|建设和交通委员会", "上海市|住房城乡建设管理委", "function:merged"),
        ("静安区|水务局", "上海市|水务局", "function")]
    assert sorted((a, b) for a, b, *_ in tasks) == [("静府发〔2025〕2号#T1", "沪府〔2025〕1号#T2"),
                                                   ("静府发〔2025〕2号#T2", "沪府〔2025〕1号#T1"),
                                                   ("静府发〔2025〕2号#T3", "沪府〔2025〕1号#T3"),
                                                   ("静府发〔2025〕2号#T4", "沪府〔2025〕1号#T4")]
    assert carried == [["静府发〔2025〕2号", "沪府〔2025〕1号", "citation", 4]]


def test_two_steps_and_the_nation(store):
    """A county plan carrying a provincial plan down directly (河南省 -> 禹州市), and a provincial plan
    carrying a national one (中国 -> 河南省); a plan of the same title in a region that is not above
    is no upper document."""
    two_steps = Family(
        upper=("豫政〔2021〕1号", "河南省", "province", "河南省城镇老旧小区改造实施方案", "2021-01-10"),
        lower=("禹政〔2021〕2号", "禹州市", "county", "禹州市城镇老旧小区改造实施方案", "2021-05-01"),
        cites=False,  # same plan by title: no citation needed
        upper_tasks=[("省住房城乡建设厅负责制定老旧小区改造技术导则和验收标准", ["河南省住房和城乡建设厅"])],
        lower_tasks=[("市住房城乡建设局按照老旧小区改造技术导则和验收标准组织验收", ["禹州市住房和城乡建设局"])],
    )
    national = Family(
        upper=("国办发〔2020〕23号", "中国", "national", "关于全面推进城镇老旧小区改造工作的指导意见", "2020-07-10"),
        lower=("豫政〔2021〕1号", "河南省", "province", "河南省城镇老旧小区改造实施方案", "2021-01-10"),
        cites=True,
        upper_tasks=[("住房和城乡建设部负责制定老旧小区改造技术导则和验收标准", ["住房和城乡建设部"])],
        lower_tasks=[],
    )
    other = Family(
        upper=("鄂政〔2021〕3号", "湖北省", "province", "湖北省城镇老旧小区改造实施方案", "2021-02-01"),
        lower=("禹政〔2021〕2号", "禹州市", "county", "禹州市城镇老旧小区改造实施方案", "2021-05-01"),
        cites=False,
        upper_tasks=[("省住房城乡建设厅负责制定老旧小区改造技术导则和验收标准", ["湖北省住房和城乡建设厅"])],
        lower_tasks=[],
    )
    write_families(store, [two_steps, national, other])
    realign(store)
    cps, tasks, carried = derived(store)
    assert [(a, b, basis) for a, b, basis, *_ in cps] == [
        ("河南省|住房和城乡建设厅", "中国|住房和城乡建设部", "function"),
        ("禹州市|住房和城乡建设局", "河南省|住房和城乡建设厅", "function")]
    assert [c[:3] for c in carried] == [["禹政〔2021〕2号", "豫政〔2021〕1号", "title"],
                                        ["豫政〔2021〕1号", "国办发〔2020〕23号", "citation"]]
    assert [(a, b) for a, b, *_ in tasks] == [("禹政〔2021〕2号#T1", "豫政〔2021〕1号#T1"),
                                              ("豫政〔2021〕1号#T1", "国办发〔2020〕23号#T1")]
