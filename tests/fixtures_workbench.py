"""Fixtures of the workbench tests: the API graph (fixtures_api) with the city plan's citation of
the provincial plan resolved (basis, lag) and issued jointly, on each store; and a fresh database
built by ``policykg ingest`` from the sample corpus and a document whose title and task hold
markup, served by a real uvicorn for the browser."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures_api import CITY_DOC, CITY_FIN, CITY_NDRC, api_graph
from fixtures_viz import running_api

from policykg.api.app import create_app
from policykg.config import Settings
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.write import write_batch

ROOT = Path(__file__).resolve().parent.parent
EVIL_TITLE = '许昌市人民政府关于<script>alert(1)</script>推进"><img src=x onerror=alert(2)>园区建设的通知'
EVIL_TASK = '加快建设标准厂房<img src=x onerror=alert(3)>和"><script>alert(4)</script>配套设施。'
EVIL_TEXT = (f"{EVIL_TITLE}\n许政〔2021〕99号\n各县(市、区)人民政府,市人民政府各部门:\n现将有关事项通知如下。\n一、重点任务\n"
             f"(一){EVIL_TASK}〔责任单位:市发展改革委;配合单位:市财政局〕\n"
             "(二)完善园区配套设施,新增标准厂房10万平方米。〔责任单位:市财政局〕\n许昌市人民政府\n2021年6月1日\n")
JOINT_TEXT = ("许昌市发展和改革委员会 许昌市财政局关于做好园区标准厂房建设资金保障工作的通知\n许发改〔2021〕12号\n"
              "各县(市、区)发展改革委、财政局:\n根据《许昌市人民政府关于推进园区建设的通知》(许政〔2021〕99号)要求,"
              "现就有关事项通知如下。\n一、市发展改革委负责做好标准厂房项目储备。\n二、市财政局负责落实标准厂房建设补助资金。\n"
              "本通知自2021年7月1日起施行,许政〔2021〕99号文件同时废止。\n"
              "许昌市发展和改革委员会 许昌市财政局\n2021年7月1日\n")
LAG = 70


def workbench_batch():
    """The API graph, its citation resolved by 文号 (70 days late) and the city plan issued jointly
    by the city's development-and-reform commission and finance bureau."""
    b = api_graph()
    for e in b.edges:
        if e.type == "DERIVED_FROM" and e.src_label == "Document":
            e.props.update(basis="number", score=1.0, lag_days=LAG, role="basis")
    b.add_edge("ISSUED_BY", "Document", CITY_DOC, "Agency", CITY_NDRC, position=1, joint=True, doc=CITY_DOC, rule="meta")
    b.add_edge("ISSUED_BY", "Document", CITY_DOC, "Agency", CITY_FIN, position=2, joint=True, doc=CITY_DOC, rule="meta")
    return b


@pytest.fixture(scope="session")
def wb_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("workbench") / "graph.db"
    with LadybugStore(path) as s:
        s.ensure_schema()
        write_batch(s, workbench_batch())
    return str(path)


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def wb_settings(request) -> Settings:
    """Settings of an app on each store in turn, holding :func:`workbench_batch`."""
    if request.param == "ladybug":
        return Settings(db_path=request.getfixturevalue("wb_db"))
    write_batch(request.getfixturevalue("neo4j_store"), workbench_batch())
    return Settings(neo4j_uri=request.getfixturevalue("neo4j_uri"),
                    neo4j_user=os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
                    neo4j_password=os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", "neo4j"), query_timeout_s=60.0)


@pytest.fixture
def wb_client(wb_settings):
    with TestClient(create_app(wb_settings)) as c:
        yield c


def ingest(paths: list[str], db: str) -> None:
    """``policykg ingest`` as a user runs it."""
    cli = str(Path(sys.executable).with_name("policykg"))
    done = subprocess.run([cli, "ingest", *paths, "--db", db, "--workers", "1", "--format", "json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="session")
def fresh_db(tmp_path_factory) -> str:
    """A new database: the sample corpus, the markup document and a joint notice of two city bodies
    that repeals it, ingested by the command line."""
    tmp = tmp_path_factory.mktemp("fresh")
    evil = tmp / "evil"
    evil.mkdir()
    (evil / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    (evil / "joint.txt").write_text(JOINT_TEXT, encoding="utf-8")
    db = str(tmp / "policykg.db")
    ingest([str(ROOT / "samples" / "corpus"), str(evil)], db)
    return db


@pytest.fixture(scope="session")
def fresh_server(fresh_db):
    """``create_app`` on uvicorn over the fresh database (a real server on a local port)."""
    with running_api(fresh_db) as url:
        yield url
