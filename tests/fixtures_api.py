"""Fixtures of the API tests: a small hand-built graph (two documents, a provincial plan and
a city plan that implements it) on LadybugDB or Neo4j, and apps over it."""
from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.config import Settings
from policykg.graph.batch import GraphBatch
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.write import write_batch


PROV_DOC, CITY_DOC = "豫政〔2021〕3号", "许政〔2021〕9号"
PROV_NDRC, PROV_FIN = "河南省|河南省发展和改革委员会", "河南省|河南省财政厅"
CITY_NDRC, CITY_FIN = "许昌市|许昌市发展和改革委员会", "许昌市|许昌市财政局"
PROV_TEXT = ("河南省人民政府关于加快建设先进制造业基地的意见\n"
             "一、建设目标。到2025年，全省制造业增加值达到2万亿元。\n"
             "（一）培育装备制造产业集群。省发展改革委负责，省财政厅配合。\n"
             "（二）完善产业园区配套设施。省财政厅负责。\n")
CITY_TEXT = ("许昌市人民政府关于落实先进制造业基地建设任务的通知\n"
             "按照豫政〔2021〕3号要求，结合我市实际，提出如下任务。\n"
             "（一）壮大许昌电力装备产业集群。市发展改革委负责，市财政局配合，2023年底前完成。\n"
             "（二）建设许昌经济技术开发区配套设施，新增标准厂房50万平方米。市财政局负责。\n")


def span(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def prov(doc: str, text: str, part: str, rule: str) -> dict:
    s, e = span(text, part)
    return {"doc": doc, "span_start": s, "span_end": e, "rule": rule}


def api_graph() -> GraphBatch:
    b = GraphBatch()
    b.add_node("Province", "河南省", name="河南省")
    b.add_node("City", "许昌市", name="许昌市", province="河南省")
    b.add_edge("LOCATED_IN", "City", "许昌市", "Province", "河南省", rule="gazetteer")
    for key, doc, title, region, level, text in (
            (PROV_DOC, PROV_DOC, "河南省人民政府关于加快建设先进制造业基地的意见", "河南省", "province", PROV_TEXT),
            (CITY_DOC, CITY_DOC, "许昌市人民政府关于落实先进制造业基地建设任务的通知", "许昌市", "city", CITY_TEXT)):
        b.add_node("Document", key, title=title, doc_number=doc, date="2021-03-01" if key == PROV_DOC else "2021-05-10",
                   province="河南省", city=None if level == "province" else region, level=level, stub=False,
                   text=text, doc=key, span_start=-1, span_end=-1, rule="meta")
        b.add_edge("ISSUED_IN", "Document", key, "Province" if level == "province" else "City", region, doc=key,
                   rule="meta")
    b.add_edge("DERIVED_FROM", "Document", CITY_DOC, "Document", PROV_DOC, doc=CITY_DOC,
               **{k: v for k, v in prov(CITY_DOC, CITY_TEXT, PROV_DOC, "cites").items() if k != "doc"})
    agencies = ((PROV_NDRC, "河南省发展和改革委员会", ["省发展改革委"], "河南省", "province", "发展改革", PROV_DOC, PROV_TEXT),
                (PROV_FIN, "河南省财政厅", ["省财政厅"], "河南省", "province", "财政", PROV_DOC, PROV_TEXT),
                (CITY_NDRC, "许昌市发展和改革委员会", ["市发展改革委"], "许昌市", "city", "发展改革", CITY_DOC, CITY_TEXT),
                (CITY_FIN, "许昌市财政局", ["市财政局"], "许昌市", "city", "财政", CITY_DOC, CITY_TEXT))
    for key, name, aliases, region, level, fn, doc, text in agencies:
        b.add_node("Agency", key, name=name, aliases=aliases, region=region, province="河南省", level=level,
                   collective=False, function=fn, **prov(doc, text, aliases[0], "lexicon"))
        b.add_edge("LOCATED_IN", "Agency", key, "Province" if level == "province" else "City", region, rule="region")
        b.add_edge("MENTIONED_IN", "Agency", key, "Document", doc, surface=aliases[0],
                   **{k: v for k, v in prov(doc, text, aliases[0], "lexicon").items()})
    tasks = ((f"{PROV_DOC}#T1", PROV_DOC, PROV_TEXT, "培育装备制造产业集群。", None, 1),
             (f"{PROV_DOC}#T2", PROV_DOC, PROV_TEXT, "完善产业园区配套设施。", None, 2),
             (f"{CITY_DOC}#T1", CITY_DOC, CITY_TEXT, "壮大许昌电力装备产业集群。", "2023-12-31", 1),
             (f"{CITY_DOC}#T2", CITY_DOC, CITY_TEXT, "建设许昌经济技术开发区配套设施，新增标准厂房50万平方米。", None, 2))
    for key, doc, text, part, deadline, n in tasks:
        b.add_node("Task", key, text=part, section=None, deadline=deadline,
                   deadline_text="2023年底前" if deadline else None, level="province" if doc == PROV_DOC else "city",
                   region="河南省" if doc == PROV_DOC else "许昌市", ordinal=n, **prov(doc, text, part, "structure"))
        b.add_edge("PART_OF", "Task", key, "Document", doc, **prov(doc, text, part, "structure"))
    duties = ((PROV_NDRC, f"{PROV_DOC}#T1", "RESPONSIBLE_FOR", PROV_TEXT, "省发展改革委负责"),
              (PROV_FIN, f"{PROV_DOC}#T1", "COOPERATES_WITH", PROV_TEXT, "省财政厅配合"),
              (PROV_FIN, f"{PROV_DOC}#T2", "RESPONSIBLE_FOR", PROV_TEXT, "省财政厅负责"),
              (CITY_NDRC, f"{CITY_DOC}#T1", "RESPONSIBLE_FOR", CITY_TEXT, "市发展改革委负责"),
              (CITY_FIN, f"{CITY_DOC}#T1", "COOPERATES_WITH", CITY_TEXT, "市财政局配合"),
              (CITY_FIN, f"{CITY_DOC}#T2", "RESPONSIBLE_FOR", CITY_TEXT, "市财政局负责"))
    for agency, task, typ, text, part in duties:
        doc = task.split("#")[0]
        extra = {"lead": True} if typ == "RESPONSIBLE_FOR" else {}
        b.add_edge(typ, "Agency", agency, "Task", task, **extra, **prov(doc, text, part, "duty"))
    b.add_edge("COOPERATES_WITH", "Agency", PROV_FIN, "Agency", PROV_NDRC, tasks=[f"{PROV_DOC}#T1"],
               **prov(PROV_DOC, PROV_TEXT, "省财政厅配合", "duty"))
    b.add_edge("COOPERATES_WITH", "Agency", CITY_FIN, "Agency", CITY_NDRC, tasks=[f"{CITY_DOC}#T1"],
               **prov(CITY_DOC, CITY_TEXT, "市财政局配合", "duty"))
    b.add_node("Target", f"{CITY_DOC}#target1", text="新增标准厂房50万平方米", value=500000.0, value_max=None,
               unit="平方米", qualifier=">=", region="许昌市", **prov(CITY_DOC, CITY_TEXT, "新增标准厂房50万平方米", "numbers"))
    b.add_edge("TARGET_OF", "Target", f"{CITY_DOC}#target1", "Task", f"{CITY_DOC}#T2",
               **prov(CITY_DOC, CITY_TEXT, "新增标准厂房50万平方米", "numbers"))
    b.add_node("Zone", "许昌经济技术开发区", name="许昌经济技术开发区", region="许昌市", kind="开发区",
               **prov(CITY_DOC, CITY_TEXT, "许昌经济技术开发区", "zones"))
    b.add_node("Cluster", "许昌电力装备", name="许昌电力装备", region="许昌市",
               **prov(CITY_DOC, CITY_TEXT, "许昌电力装备", "clusters"))
    b.add_edge("MEMBER_OF", "Cluster", "许昌电力装备", "Zone", "许昌经济技术开发区", doc=CITY_DOC, rule="cluster")
    b.add_edge("LOCATED_IN", "Zone", "许昌经济技术开发区", "City", "许昌市", doc=CITY_DOC, rule="mention")
    # each task's policy instrument (the cue: a span of the document's text; none: decided by default)
    for tool, typ in (("策略性措施", "environment"), ("基础设施建设", "supply")):
        b.add_node("Instrument", tool, name=tool, type=typ, type_name={"supply": "供给型"}.get(typ, "环境型"),
                   span_start=-1, span_end=-1, rule="vocab")
    for task, doc, text, tool, cue, primary in (
            (f"{PROV_DOC}#T1", PROV_DOC, PROV_TEXT, "策略性措施", "培育", True),
            (f"{PROV_DOC}#T2", PROV_DOC, PROV_TEXT, "基础设施建设", "配套设施", True),
            (f"{CITY_DOC}#T1", CITY_DOC, CITY_TEXT, "策略性措施", None, True),
            (f"{CITY_DOC}#T2", CITY_DOC, CITY_TEXT, "基础设施建设", "标准厂房", True),
            (f"{CITY_DOC}#T2", CITY_DOC, CITY_TEXT, "策略性措施", "开发区", False)):
        where = prov(doc, text, cue, "instrument:clause/supply") if cue else {"doc": doc, "span_start": -1,
                                                                             "span_end": -1, "rule": "instrument:default"}
        b.add_edge("USES", "Task", task, "Instrument", tool, primary=primary, **where)
    b.add_edge("DERIVED_FROM", "Task", f"{CITY_DOC}#T1", "Task", f"{PROV_DOC}#T1", score=0.71, rule="align:similarity")
    b.add_edge("COUNTERPART_OF", "Agency", CITY_NDRC, "Agency", PROV_NDRC, score=0.95, basis="function",
               rule="align:function")
    b.add_edge("COUNTERPART_OF", "Agency", CITY_FIN, "Agency", PROV_FIN, score=0.9, basis="function",
               rule="align:function")
    return b


# ~8e9 rows: minutes on either store, so only the timeout can end it
SLOW = "UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b UNWIND range(1, 2000) AS c RETURN sum(a * b * c) AS s"


def is_error(r, status: int, code: str) -> dict:
    """The one error shape: {"error": {"code", "message", "detail"}}, with the status asked for."""
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def app_client(path: str, **settings) -> TestClient:
    """An app on a LadybugDB directory (for what only an embedded store shows: files, reopening)."""
    return TestClient(create_app(ladybug_settings(path, **settings)))


def fill_ladybug(path) -> str:
    with LadybugStore(path) as s:
        s.ensure_schema()
        write_batch(s, api_graph())
    return str(path)


@pytest.fixture(scope="session")
def api_db(tmp_path_factory) -> str:
    """A LadybugDB directory holding the API graph (read by many tests, written by none)."""
    return fill_ladybug(tmp_path_factory.mktemp("api") / "graph.db")


def ladybug_settings(path: str, **kw) -> Settings:
    return Settings(db_path=path, **kw)


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def api_settings(request) -> Settings:
    """Settings for an app on each store in turn (as the ``store`` fixture), holding the API graph."""
    if request.param == "ladybug":
        return ladybug_settings(request.getfixturevalue("api_db"))
    return request.getfixturevalue("neo4j_api_settings")


@pytest.fixture
def client(api_settings):
    """An app on every store in turn: the API suite runs on LadybugDB and on Neo4j."""
    with TestClient(create_app(api_settings)) as c:
        yield c


@pytest.fixture
def neo4j_api_settings(neo4j_store, neo4j_uri) -> Settings:
    """Settings for an app on the test Neo4j server, holding the API graph."""
    write_batch(neo4j_store, api_graph())
    return Settings(neo4j_uri=neo4j_uri, neo4j_user=os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
                    neo4j_password=os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", "neo4j"),
                    query_timeout_s=60.0)  # a loaded CI machine plans the first queries slowly; limits have own tests
