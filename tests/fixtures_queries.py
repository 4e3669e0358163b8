"""A small hand-built policy graph (own short texts) for the query and alignment tests.

A provincial plan (P1, 河南省) citing a national document (stub N1), a city plan (C1, 许昌市)
citing P1, a county plan (K1, 禹州市) citing C1, and an unrelated provincial plan of another
province (H1, 湖北省) whose commission shares the alias 省发展改革委.  Every answer the tests
expect is worked out by hand in the test that uses it.
"""
from __future__ import annotations

import pytest
from needs import SHARED, need_path

from policykg.graph.write import write_batch
from policykg.ingest.load import discover, load_files

from policykg.graph.batch import GraphBatch

PROV, CITY, COUNTY, OTHER = "河南省", "许昌市", "禹州市", "湖北省"

DOCS = {
    "P1": dict(doc_number="豫政〔2010〕1号", title="河南省产业集聚区建设任务分解", date="2010-02-01", level="province",
               province=PROV),
    "C1": dict(doc_number="许政〔2010〕2号", title="许昌市产业集聚区工作机制", date="2010-07-26", level="city",
               province=PROV, city=CITY),
    "K1": dict(doc_number="禹政〔2010〕3号", title="禹州市产业集聚区落实方案", date="2010-09-01", level="county",
               province=PROV, city=CITY, county=COUNTY),
    "H1": dict(doc_number="鄂政〔2010〕5号", title="湖北省园区建设方案", date="2010-03-01", level="province",
               province=OTHER),
}
# key suffix, canonical name, surface form, function
AGENCIES = {
    PROV: [("发展和改革委员会", "省发展改革委", "发展改革"), ("住房和城乡建设厅", "省住房城乡建设厅", "住房城乡建设"),
           ("通信管理局", "省通信管理局", "通信管理"), ("财政厅", "省财政厅", "财政"), ("环境保护厅", "省环保厅", "环境保护")],
    CITY: [("发展和改革委员会", "市发展改革委", "发展改革"), ("住房和城乡建设局", "市住房城乡建设局", "住房城乡建设"),
           ("城乡规划局", "市城乡规划局", "城乡规划"), ("工业和信息化局", "市工业和信息化局", "工业和信息化"),
           ("财政局", "市财政局", "财政"), ("生态环境局", "市生态环境局", "生态环境"), ("城市管理局", "市城管局", "城市管理")],
    COUNTY: [("发展和改革委员会", "禹州市发改委", "发展改革")],
    OTHER: [("发展和改革委员会", "省发展改革委", "发展改革")],
}
LEVEL = {PROV: "province", OTHER: "province", CITY: "city", COUNTY: "county"}
# task key: (text, responsible agency suffix, deadline, cooperating agency suffix)
TASKS = {
    "P1": [("制定产业集聚区考核评价办法,建立定期通报制度", "发展和改革委员会", "2010-04-30", None),
           ("设立产业投资基金,支持企业发行债券", "发展和改革委员会", None, "财政厅"),
           ("完成产业集聚区控制性详细规划审查和备案", "住房和城乡建设厅", "2010-03-31", None),
           ("推进供水供热燃气管网互联互通", "住房和城乡建设厅", None, None),
           ("推进电信管道和基站共建共享", "通信管理局", None, None),
           ("落实税收返还和财政奖补资金", "财政厅", "2010-06-30", None),
           ("完成规划环评审查,优先分配排污总量指标", "环境保护厅", None, None)],
    "C1": [("拟订考核评价办法,建立通报制度,组织观摩活动", "发展和改革委员会", None, "财政局"),
           ("协调推进供水供热燃气管网建设", "住房和城乡建设局", None, None),
           ("指导控制性详细规划编制和审查", "城乡规划局", None, None),
           ("推进电信管道基站共建共享,提高信息化水平", "工业和信息化局", None, None),
           ("落实税收返还等财税政策", "财政局", "2010-12-31", None),
           ("指导规划环评,落实排污总量指标", "生态环境局", None, None),
           ("推进垃圾处理设施建设", "城市管理局", None, None)],
    "K1": [("落实考核评价办法和通报制度", "发展和改革委员会", None, None)],
    "H1": [("编制园区发展规划", "发展和改革委员会", None, None)],
}
REGION_OF_DOC = {"P1": PROV, "C1": CITY, "K1": COUNTY, "H1": OTHER}
# task key: (primary instrument, [others it also uses]), coded by hand with the manual
INSTRUMENTS = {
    "P1#T1": ("策略性措施", []), "P1#T2": ("金融支持", []), "P1#T3": ("目标规划", ["法规管制"]),
    "P1#T4": ("基础设施建设", []), "P1#T5": ("基础设施建设", []), "P1#T6": ("资金投入", ["税收优惠"]),
    "P1#T7": ("法规管制", []),
    "C1#T1": ("策略性措施", []), "C1#T2": ("基础设施建设", []), "C1#T3": ("目标规划", []),
    "C1#T4": ("基础设施建设", ["科技信息支持"]), "C1#T5": ("税收优惠", []), "C1#T6": ("法规管制", []),
    "C1#T7": ("基础设施建设", []),
    "K1#T1": ("策略性措施", []), "H1#T1": ("目标规划", []),
}
TOOL_TYPES = {"策略性措施": "environment", "金融支持": "environment", "目标规划": "environment", "法规管制": "environment",
              "税收优惠": "environment", "基础设施建设": "supply", "资金投入": "supply", "科技信息支持": "supply"}


def policy_batch() -> GraphBatch:
    """The whole hand-built graph, without any derived (align:*) relationship."""
    b = GraphBatch()
    for prov in (PROV, OTHER):
        b.add_node("Province", prov, name=prov, rule="gazetteer")
    b.add_node("City", CITY, name=CITY, province=PROV, rule="gazetteer")
    b.add_node("County", COUNTY, name=COUNTY, city=CITY, province=PROV, rule="gazetteer")
    b.add_edge("LOCATED_IN", "City", CITY, "Province", PROV, rule="gazetteer")
    b.add_edge("LOCATED_IN", "County", COUNTY, "City", CITY, rule="gazetteer")
    b.add_node("Document", "N1", doc_number="国发〔2009〕9号", stub=True, rule="cites")
    for key, meta in DOCS.items():
        b.add_node("Document", key, stub=False, source=f"{key}.txt", doc=key, span_start=-1, span_end=-1,
                   rule="meta", **meta)
        region = REGION_OF_DOC[key]
        place = {"province": "Province", "city": "City", "county": "County"}[meta["level"]]
        b.add_edge("ISSUED_IN", "Document", key, place, region, doc=key, rule="meta")
    for low, up in (("P1", "N1"), ("C1", "P1"), ("K1", "C1")):
        b.add_edge("DERIVED_FROM", "Document", low, "Document", up, doc=low, rule="cites")
    for region, rows in AGENCIES.items():
        place = {"province": "Province", "city": "City", "county": "County"}[LEVEL[region]]
        province = PROV if region != OTHER else OTHER
        for suffix, surface, fn in rows:
            key = f"{region}|{suffix}"
            doc = next(d for d, r in REGION_OF_DOC.items() if r == region)
            b.add_node("Agency", key, name=region + suffix, aliases=[surface], region=region, province=province,
                       level=LEVEL[region], collective=False, function=fn, doc=doc, span_start=0, span_end=len(surface),
                       rule="lexicon")
            b.add_edge("LOCATED_IN", "Agency", key, place, region, doc=doc, rule="region")
            b.add_edge("MENTIONED_IN", "Agency", key, "Document", doc, surface=surface, doc=doc, rule="lexicon")
    for doc, rows in TASKS.items():
        region, pos = REGION_OF_DOC[doc], 0
        for i, (text, resp, deadline, coop) in enumerate(rows, 1):
            tkey = f"{doc}#T{i}"
            b.add_node("Task", tkey, text=text, ordinal=i, deadline=deadline, deadline_text=deadline and "年内",
                       level=DOCS[doc]["level"], region=region, doc=doc, span_start=pos, span_end=pos + len(text),
                       rule="structure")
            pos += len(text) + 1
            b.add_edge("PART_OF", "Task", tkey, "Document", doc, doc=doc, rule="structure")
            b.add_edge("RESPONSIBLE_FOR", "Agency", f"{region}|{resp}", "Task", tkey, lead=True, doc=doc,
                       rule="section")
            primary, also = INSTRUMENTS[tkey]
            for tool, is_primary in [(primary, True)] + [(t, False) for t in also]:
                if ("Instrument", tool) not in {(n.label, n.key) for n in b.nodes}:
                    b.add_node("Instrument", tool, name=tool, type=TOOL_TYPES[tool], span_start=-1, span_end=-1,
                               rule="vocab")
                b.add_edge("USES", "Task", tkey, "Instrument", tool, primary=is_primary, doc=doc, span_start=pos - 1 - len(text),
                           span_end=pos + 1 - len(text), rule="instrument:clause/test")
            if coop:
                b.add_edge("COOPERATES_WITH", "Agency", f"{region}|{coop}", "Task", tkey, doc=doc, rule="cooperate")
                b.add_edge("COOPERATES_WITH", "Agency", f"{region}|{coop}", "Agency", f"{region}|{resp}",
                           tasks=[tkey], doc=doc, rule="cooperate")
    b.add_node("Target", "P1#G1", text="设立产业投资基金5支以上", value=5, unit="支", qualifier=">=", region=PROV,
               doc="P1", span_start=60, span_end=72, rule="numbers")
    b.add_edge("TARGET_OF", "Target", "P1#G1", "Task", "P1#T2", doc="P1", rule="numbers")
    b.add_node("Target", "P1#G2", text="完成基础设施投资1000亿元", value=1e11, unit="元", qualifier=">=", region=PROV,
               doc="P1", span_start=90, span_end=104, rule="numbers")
    b.add_edge("TARGET_OF", "Target", "P1#G2", "Task", "P1#T4", doc="P1", rule="numbers")
    zone, cluster = f"{CITY}|许昌经济技术开发区", f"{CITY}|发制品"
    b.add_node("Zone", zone, name="许昌经济技术开发区", kind="development_zone", region=CITY, doc="C1", rule="zones")
    b.add_node("Cluster", cluster, name="发制品", region=CITY, doc="C1", rule="clusters")
    b.add_edge("MENTIONED_IN", "Zone", zone, "Document", "C1", surface="许昌经济技术开发区", doc="C1", rule="zones")
    b.add_edge("MENTIONED_IN", "Cluster", cluster, "Document", "C1", surface="发制品产业集群", doc="C1", rule="clusters")
    b.add_edge("MEMBER_OF", "Zone", zone, "Cluster", cluster, doc="C1", rule="clusters")
    b.add_edge("LOCATED_IN", "Zone", zone, "City", CITY, doc="C1", rule="zones")
    return b


def load_policy_graph(store, *, align: bool = True) -> None:
    from policykg.graph.derived.align import realign

    with store.transaction():
        write_batch(store, policy_batch())
    if align:
        realign(store)


@pytest.fixture
def policy_store(store):
    """The hand-built graph, aligned, on each store in turn."""
    load_policy_graph(store)
    return store


# --- the seed corpus (the real documents in ../shared) ----------------------------------------
SEEDS = SHARED / "corpus" / "seeds"
CASCADE_GOLD = SHARED / "gold" / "cascade" / "henan-xuchang-2010.json"
SCORE_CASCADE = SHARED / "eval" / "score_cascade.py"


def need_shared() -> None:
    """Skip when the shared corpus is absent (a user's clone); in CI that is a failure."""
    need_path(SEEDS / "manifest.csv", "the seed tests")


def ingest_seeds(store) -> None:
    found = discover([SEEDS])
    summary = load_files(store, found)
    assert summary.failed == 0 and summary.new == len(found.files), summary


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> str:
    """A LadybugDB holding the five seed documents, ingested once per session (open it read-only)."""
    need_shared()
    from policykg.graph.stores.ladybug import LadybugStore

    path = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
        ingest_seeds(s)
    return path


@pytest.fixture
def seeds_store(seeds_db):
    from policykg.graph.stores.ladybug import LadybugStore

    with LadybugStore(seeds_db, read_only=True) as s:
        yield s
