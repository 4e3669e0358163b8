"""Alignment (graph/align.py) on the hand-built graph: which counterparts and task derivations it
finds, that re-running it gives the same graph, and that its thresholds are what decide."""
from __future__ import annotations

from fixtures_queries import load_policy_graph, policy_batch
from policykg.graph.write import write_batch
from policykg.graph.align import realign
from policykg.graph.similarity import similarity_matrix, task_tokens
from policykg.graph.batch import GraphBatch

COUNTERPARTS = [
    ("禹州市|发展和改革委员会", "许昌市|发展和改革委员会", "function"),
    ("许昌市|住房和城乡建设局", "河南省|住房和城乡建设厅", "function"),
    ("许昌市|发展和改革委员会", "河南省|发展和改革委员会", "function"),
    ("许昌市|城乡规划局", "河南省|住房和城乡建设厅", "function:related"),  # the city has its own planning bureau
    ("许昌市|工业和信息化局", "河南省|通信管理局", "function:related"),  # no city telecom regulator
    ("许昌市|生态环境局", "河南省|环境保护厅", "function:renamed"),
    ("许昌市|财政局", "河南省|财政厅", "function"),
]  # 市城管局: the province has no 城市管理 body; 湖北's commission: another province
DERIVED = [("C1#T1", "P1#T1"), ("C1#T2", "P1#T4"), ("C1#T3", "P1#T3"), ("C1#T4", "P1#T5"), ("C1#T5", "P1#T6"),
           ("C1#T6", "P1#T7"), ("K1#T1", "C1#T1")]  # C1#T7 (垃圾处理) derives from nothing; P1#T2 is not carried


def derived(store):
    cps = sorted(store.query("MATCH (a:Agency)-[e:COUNTERPART_OF]->(b:Agency) RETURN a.key, b.key, e.basis, e.score, "
                             "e.rule").rows)
    tasks = sorted(store.query("MATCH (a:Task)-[e:DERIVED_FROM]->(b:Task) RETURN a.key, b.key, e.score, e.rule, "
                               "e.doc").rows)
    return cps, tasks


def test_realign_finds_counterparts_and_task_derivations(store):
    load_policy_graph(store, align=False)
    summary = realign(store)
    assert summary["counterparts"] == 7 and summary["task_links"] == 7
    assert summary["counterparts_by_basis"] == {"function": 4, "function:related": 2, "function:renamed": 1}
    cps, tasks = derived(store)
    assert [(a, b, basis) for a, b, basis, _, _ in cps] == sorted(COUNTERPARTS)
    assert all(rule == "align:function" and 0.5 < score <= 1 for *_, score, rule in cps)
    assert [(a, b) for a, b, *_ in tasks] == sorted(DERIVED)
    assert all(rule == "align:counterpart" and 0.3 <= score <= 1 and doc == a.split("#")[0]
               for a, b, score, rule, doc in tasks)


def test_realign_is_idempotent_and_recomputes_from_stored_facts(store):
    load_policy_graph(store)
    first = derived(store)
    realign(store)
    assert derived(store) == first  # dropped and derived again, nothing doubled
    with store.transaction():
        store.delete_document_facts("C1")
    realign(store)
    cps, tasks = derived(store)
    assert [(a, b) for a, b, *_ in tasks] == []  # K1 cites C1, whose tasks are gone; P1's have no lower tasks
    assert len(cps) == 7  # agencies (shared nodes) stay until garbage collection


def test_thresholds_decide(store):
    load_policy_graph(store, align=False)
    strict = realign(store, counterpart_task_threshold=0.9, task_threshold=0.9)
    _, tasks = derived(store)
    assert [(a, b) for a, b, *_ in tasks] == [("C1#T2", "P1#T4"), ("C1#T6", "P1#T7")]  # scores 1.0 and 0.94
    assert strict["task_links"] == 2
    loose = realign(store, counterpart_task_threshold=0.0, counterpart_min_shared=0)
    # every lower task of a counterpart derives from every task of the upper body (up to 3):
    # C1#T1, C1#T2 and C1#T3 two each (their upper bodies carry two tasks), four others one each
    assert loose["task_links"] == 10
    assert realign(store, counterpart_task_threshold=0.0, counterpart_min_shared=0,
                   max_links_per_task=1)["task_links"] == 7


def test_related_function_prefers_the_first_body_present(store):
    b = GraphBatch()
    for key, region, level, fn in [("P|住房和城乡建设厅", "河南省", "province", "住房城乡建设"),
                                   ("P|国土资源厅", "河南省", "province", "国土资源"),
                                   ("C|城乡规划局", "许昌市", "city", "城乡规划"),
                                   ("C|城市管理局", "许昌市", "city", "城市管理")]:
        b.add_node("Agency", key, name=key, region=region, province="河南省", level=level, function=fn,
                   collective=False)
    b.add_node("City", "许昌市", name="许昌市", province="河南省")
    write_batch(store, b)
    realign(store)
    cps, _ = derived(store)
    assert [(a, b, basis) for a, b, basis, _, _ in cps] == [("C|城乡规划局", "P|住房和城乡建设厅", "function:related")]


def test_similarity_ignores_generic_words():
    low = [task_tokens("加快推进产业集聚区污水处理厂建设")]
    up = [task_tokens("推进污水处理设施建设"), task_tokens("加快推进产业集聚区标准厂房建设")]
    m, shared = similarity_matrix(low, up)
    assert m[0, 0] > m[0, 1] and shared[0, 0] >= 2
    assert task_tokens("加快推进产业集聚区建设工作") == ""
    assert policy_batch().nodes  # the fixture builds
