"""Alignment after an ingest recomputes only what the touched documents can change (graph/derived/align_scope.py),
and gives what a recomputation of everything gives -- on both stores: documents of every kind of
relation (a citation, the same plan's stem, resemblance only), arriving in any order, replaced with
other tasks or another stem, and removed; a document of an unrelated region touches nothing else."""
from __future__ import annotations

import pytest

from fixtures_align import Family, extraction
from policykg.graph.derived.align import AlignSettings, realign
from policykg.graph.build import build_batch, document_key
from policykg.graph.export import canonical_dump
from policykg.graph.derived import finalize
from policykg.graph.touched import Touched, capture
from policykg.graph.write import write_batch

SH = Family(
    upper=("沪府〔2025〕1号", "上海市", "province", "上海市排水管理体制改革方案", "2025-03-15"),
    lower=("静府发〔2025〕2号", "静安区", "county", "静安区排水管理体制改革实施方案", "2025-09-23"), cites=True,
    upper_tasks=[("市水务局负责统一公共排水设施运维服务标准,研究制定日常运维经费标准", ["上海市水务局"]),
                 ("相关区政府负责做好改革过程中社会稳定工作", ["相关区政府"])],
    lower_tasks=[("区水务局负责按照统一的公共排水设施运维服务标准落实日常运维经费", ["静安区水务局"]),
                 ("区政府负责做好本区改革过程中社会稳定工作", ["静安区人民政府"])])
HN = Family(  # the same plan by its stem, no citation
    upper=("豫政〔2021〕1号", "河南省", "province", "河南省城镇老旧小区改造实施方案", "2021-01-10"),
    lower=("许政〔2021〕2号", "许昌市", "city", "许昌市城镇老旧小区改造工作方案", "2021-05-01"), cites=False,
    upper_tasks=[("省住房城乡建设厅负责制定老旧小区改造技术导则和竣工验收标准", ["河南省住房和城乡建设厅"]),
                 ("省财政厅负责统筹中央补助资金和省级奖补资金支持老旧小区改造", ["河南省财政厅"])],
    lower_tasks=[("市住房城乡建设局按照老旧小区改造技术导则和竣工验收标准组织验收", ["许昌市住房和城乡建设局"]),
                 ("市财政局统筹中央补助资金和省级奖补资金,支持老旧小区改造", ["许昌市财政局"])])
NEARBY = Family(  # a city plan that cites nothing and has another title: related by its tasks only
    upper=HN.upper,
    lower=("许政办〔2021〕9号", "许昌市", "city", "关于做好2021年民生实事工作的通知", "2021-06-01"), cites=False,
    upper_tasks=[],
    lower_tasks=[("市住房城乡建设局制定老旧小区改造技术导则和竣工验收标准实施细则", ["许昌市住房和城乡建设局"]),
                 ("市财政局统筹中央补助资金和省级奖补资金支持老旧小区改造项目", ["许昌市财政局"])])
HB = Family(  # another province: nothing it does moves the others
    upper=("鄂政〔2021〕3号", "湖北省", "province", "湖北省城镇老旧小区改造实施方案", "2021-02-01"),
    lower=("汉政〔2021〕4号", "武汉市", "city", "武汉市城镇老旧小区改造实施方案", "2021-04-01"), cites=True,
    upper_tasks=[("省住房城乡建设厅负责制定老旧小区改造技术导则和竣工验收标准", ["湖北省住房和城乡建设厅"])],
    lower_tasks=[("市住房城乡建设局按照老旧小区改造技术导则组织竣工验收", ["武汉市住房和城乡建设局"])])


def docs_of(families: list[Family]) -> dict[str, dict]:
    """Each document's extraction once, in the order of the families (upper first)."""
    out: dict[str, dict] = {}
    for f in families:
        for spec, tasks, cited in ((f.upper, f.upper_tasks, []), (f.lower, f.lower_tasks, [f.upper[0]] if f.cites else [])):
            if spec[0] not in out or tasks:
                out[spec[0]] = extraction(spec, tasks, cited)
    return out


def put(store, records: list[dict]) -> dict:
    """Write (or replace) documents as the loader does, then finalize what they touched."""
    touched = Touched()
    with store.transaction():
        for x in records:
            key = document_key(x["document"])
            if store.query("MATCH (d:Document {key: $k}) WHERE d.stub = false RETURN d.key", {"k": key}).rows:
                capture(store, touched, key)
                store.delete_document_facts(key)
            write_batch(store, build_batch(x))
            touched.add(key)
    return finalize(store, touched=touched)


def remove(store, key: str) -> dict:
    touched = Touched()
    with store.transaction():
        capture(store, touched, key)
        store.delete_document_facts(key)
        store.execute("MATCH (d:Document {key: $k}) DETACH DELETE d", {"k": key})
    return finalize(store, touched=touched)


def assert_equals_full(store) -> None:
    before = canonical_dump(store)
    finalize(store)
    assert canonical_dump(store) == before


def derived(store) -> set:
    return {tuple(r) for r in store.query("MATCH (a)-[e]->(b) WHERE e.rule STARTS WITH 'align:' "
                                          "RETURN a.key, b.key, e.rule").rows}


@pytest.mark.parametrize("order", ["uppers first", "lowers first"])
def test_incremental_alignment_equals_a_full_recomputation(store, order):
    docs = docs_of([SH, HN, NEARBY, HB])
    keys = list(docs)
    if order == "lowers first":
        keys = keys[::-1]
    put(store, [docs[keys[0]]])  # the first run recomputes everything; the others are incremental
    for k in keys[1:]:
        out = put(store, [docs[k]])
        assert out["incremental"] and isinstance(out["align_scope"], dict)
        assert_equals_full(store)
    carried = {tuple(r) for r in store.query("MATCH (a:Document)-[e:CARRIES]->(b:Document) RETURN a.key, b.key, e.basis").rows}
    assert carried == {("静府发〔2025〕2号", "沪府〔2025〕1号", "citation"), ("许政〔2021〕2号", "豫政〔2021〕1号", "title"),
                       ("许政办〔2021〕9号", "豫政〔2021〕1号", "tasks"), ("汉政〔2021〕4号", "鄂政〔2021〕3号", "citation")}


def test_replacing_and_removing_documents(store):
    docs = docs_of([SH, HN, NEARBY, HB])
    put(store, list(docs.values()))
    finalize(store)
    # the provincial plan loses a task: the city plans that carry it down (by stem, by resemblance) follow
    upper = extraction(HN.upper, HN.upper_tasks[:1], [])
    put(store, [upper])
    assert_equals_full(store)
    # the city plan is renamed: no stem in common any more, and it cites nothing -> related by its tasks
    renamed = extraction(("许政〔2021〕2号", "许昌市", "city", "许昌市民生工程清单", "2021-05-01"), HN.lower_tasks, [])
    put(store, [renamed])
    assert_equals_full(store)
    remove(store, "豫政〔2021〕1号")
    assert_equals_full(store)
    assert not store.query("MATCH (:Document)-[e:CARRIES]->(:Document {key: '豫政〔2021〕1号'}) RETURN e").rows


def test_a_document_elsewhere_touches_nothing_else(store):
    docs = docs_of([SH, HN, NEARBY, HB])
    put(store, [d for k, d in docs.items() if k != "汉政〔2021〕4号"])
    finalize(store)
    before = derived(store)
    out = put(store, [docs["汉政〔2021〕4号"]])
    assert out["align_scope"]["documents"] == 1  # the new city plan; no document of 河南 or 上海
    new = derived(store) - before
    assert new and all(a.startswith(("武汉市", "汉政")) for a, _, _ in new)  # what is new is the new plan's own
    assert before <= derived(store)


def test_batches_hold_only_their_documents_and_give_the_same_graph(store):
    docs = docs_of([SH, HN, NEARBY, HB])
    put(store, list(docs.values()))
    whole = canonical_dump(store)
    realign(store, settings=AlignSettings(batch=1))
    assert canonical_dump(store) == whole
