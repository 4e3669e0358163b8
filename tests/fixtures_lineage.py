"""Fixtures of the lineage tests: five short documents written for the shapes lineage reads (a
national notice whose page prints no 文号, a province's implementation citing it by title and
number, a city's joint notice citing the province by title and the nation by number and
repealing an older city document, that older document, and another city's look-alike), put
through the real extractor, and graphs built from them on each store."""
from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from policykg.api.app import create_app
from policykg.config import Settings
from policykg.graph.batch import Edge, GraphBatch
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.write import write_batch
from policykg.ingest.load import load_extractions
from policykg.ingest.pipeline import extract_text

NATION = ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
          "为加快完善以公租房、保障性租赁住房和共有产权住房为主体的住房保障体系，经国务院同意，现提出以下意见。\n"
          "一、明确对象标准。保障性租赁住房主要解决符合条件的新市民、青年人等群体的住房困难问题。住房城乡建设部负责。\n"
          "二、引导多方参与。财政部负责引导多主体投资、多渠道供给保障性租赁住房，坚持谁投资、谁所有。\n"
          "国务院办公厅\n2021年6月24日\n")
PROVINCE = ("豫政办〔2021〕50号\n河南省人民政府办公厅关于加快发展保障性租赁住房的实施意见\n"
            "各省辖市人民政府，济源示范区管委会，省人民政府各部门：\n"
            "为贯彻落实《国务院办公厅关于加快发展保障性租赁住房的意见》（国办发〔2021〕22号），现提出以下实施意见。\n"
            "一、明确对象标准。保障性租赁住房主要解决符合条件的新市民、青年人等群体的住房困难问题。各省辖市人民政府负责。\n"
            "二、引导多方参与。省住房城乡建设厅负责引导多主体投资、多渠道供给保障性租赁住房，坚持谁投资、谁所有。\n"
            "三、省自然资源厅负责保障公共租赁住房和保障性租赁住房建设用地供应。\n"
            "河南省人民政府办公厅\n2021年11月26日\n")
CITY = ("许昌市住房和城乡建设局 许昌市财政局关于落实保障性租赁住房政策的通知\n"
        "各县（市、区）人民政府，市直有关部门：\n"
        "根据《河南省人民政府办公厅关于加快发展保障性租赁住房的实施意见》和国办发〔2021〕22号文件精神，"
        "按照《关于进一步加强住房保障工作的通知》要求，结合我市实际，通知如下。\n"
        "一、市住房城乡建设局负责明确对象标准，保障性租赁住房主要解决新市民、青年人等群体的住房困难问题。\n"
        "二、市自然资源和规划局负责保障公共租赁住房建设用地供应。\n"
        "三、许昌市人民政府负责统筹推进。\n"
        "本通知自2022年3月1日起施行，《许昌市公共租赁住房管理办法》（许政〔2015〕3号）同时废止。\n"
        "许昌市住房和城乡建设局 许昌市财政局\n2022年2月20日\n")
OLD_CITY = ("许政〔2015〕3号\n许昌市人民政府关于印发许昌市公共租赁住房管理办法的通知\n"
            "各县（市、区）人民政府，市人民政府各部门：\n"
            "现将《许昌市公共租赁住房管理办法》印发给你们，请认真贯彻执行。\n"
            "一、市国土资源局负责保障公共租赁住房建设用地供应。\n"
            "二、市住房城乡建设局负责公共租赁住房的分配管理。\n"
            "许昌市人民政府\n2015年3月10日\n")
LOOKALIKE = ("开封市人民政府办公室关于进一步加强住房保障工作的通知\n各县（区）人民政府，市人民政府各部门：\n"
             "一、市住房城乡建设局负责加强住房保障。\n开封市人民政府办公室\n2021年5月1日\n")
DOCS = {  # name -> (text, manifest metadata)
    "nation": (NATION, {"region": "全国", "title": "国务院办公厅关于加快发展保障性租赁住房的意见"}),
    "province": (PROVINCE, {"region": "河南省"}),
    "city": (CITY, {"region": "河南省许昌市"}),
    "old_city": (OLD_CITY, {"region": "河南省许昌市"}),
    "lookalike": (LOOKALIKE, {"region": "河南省开封市"}),
}


def extraction(name: str) -> dict:
    text, meta = DOCS[name]
    return extract_text(text, meta, f"{name}.txt")


@pytest.fixture(scope="session")
def lineage_extractions() -> dict[str, dict]:
    return {name: extraction(name) for name in DOCS}


def keys_by_source(store) -> dict[str, str]:
    return {src.removesuffix(".txt"): key for key, src in store.query(
        "MATCH (d:Document) WHERE d.stub = false RETURN d.key, d.source").rows}


def add_reform_link(store) -> None:
    """A derivation written by hand from the 2015 city plan's 市国土资源局 task to the 2021 provincial
    plan's 省自然资源厅 task (alignment never links a plan to a newer one), for the queries that follow
    reforms: 许昌市国土资源局 was succeeded by 许昌市自然资源局."""
    old = store.query("MATCH (a:Agency {key: '许昌市|国土资源局'})-[:RESPONSIBLE_FOR]->(t:Task) RETURN t.key").rows[0][0]
    new = store.query("MATCH (a:Agency {key: '河南省|自然资源厅'})-[:RESPONSIBLE_FOR]->(t:Task) RETURN t.key").rows[0][0]
    with store.transaction():
        write_batch(store, GraphBatch(edges=[Edge("DERIVED_FROM", "Task", old, "Task", new, {
            "score": 0.9, "basis": "same", "doc": old.split("#")[0], "span_start": -1, "span_end": -1,
            "rule": "test:reform"})]))


def load_lineage(store, extractions: dict) -> None:
    for name in DOCS:
        load_extractions(store, [extractions[name]])
    add_reform_link(store)


@pytest.fixture
def lineage_store(store, lineage_extractions):
    """Every store in turn, holding the five documents (ingested one at a time)."""
    load_lineage(store, lineage_extractions)
    return store


@pytest.fixture(scope="session")
def lineage_db(tmp_path_factory, lineage_extractions) -> str:
    """A LadybugDB directory holding the five documents (read by many tests, written by none)."""
    path = tmp_path_factory.mktemp("lineage") / "graph.db"
    with LadybugStore(path) as s:
        s.ensure_schema()
        load_lineage(s, lineage_extractions)
    return str(path)


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def lineage_client(request, lineage_extractions):
    """The API over the five documents, on every store in turn."""
    if request.param == "ladybug":
        settings = Settings(db_path=request.getfixturevalue("lineage_db"))
    else:
        store = request.getfixturevalue("neo4j_store")
        load_lineage(store, lineage_extractions)
        settings = Settings(neo4j_uri=request.getfixturevalue("neo4j_uri"),
                            neo4j_user=os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
                            neo4j_password=os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", "neo4j"), query_timeout_s=60.0)
    with TestClient(create_app(settings)) as c:
        yield c
