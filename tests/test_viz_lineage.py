"""The lineage view in a real headless Chromium: documents placed by level (rows) and date (left
to right), repeals drawn dashed, a repealed document grey with its repealer, stubs hollow; and
served by the API over HTTP."""
from __future__ import annotations

import httpx
import pytest
from fixtures_lineage import keys_by_source
from fixtures_viz import running_api

from policykg.config import Settings
from policykg.graph.stores.ladybug import LadybugStore
from policykg.queries.ids import key_to_id
from policykg.viz import render, views

pytestmark = pytest.mark.browser


def test_lineage_view_by_level_and_date(lineage_db, open_page, tmp_path):
    with LadybugStore(lineage_db, read_only=True) as store:
        keys = keys_by_source(store)
        page = views.lineage_view(store, keys["city"], settings=Settings(query_timeout_s=30))
    path = tmp_path / "lineage.html"
    path.write_text(page.html, encoding="utf-8")
    opened = open_page(path)
    nodes = {n["key"]: n for n in opened.nodes()}
    assert set(nodes) == {keys["city"], keys["province"], keys["nation"], keys["old_city"],
                          "title:关于进一步加强住房保障工作的通知"}
    pos = {k.split(":", 1)[1]: p for k, p in opened.page.evaluate("network.getPositions()").items()}
    assert pos[keys["nation"]]["y"] < pos[keys["province"]]["y"] < pos[keys["city"]]["y"]  # level rows
    assert pos[keys["city"]]["y"] == pos[keys["old_city"]]["y"]
    assert pos[keys["old_city"]]["x"] < pos[keys["city"]]["x"]  # 2015 left of 2022
    assert pos[keys["nation"]]["x"] < pos[keys["province"]]["x"] < pos[keys["city"]]["x"]
    old = nodes[keys["old_city"]]
    assert old["status"] == "repealed" and "已废止" in old["title"] and keys["city"] in old["title"]
    assert "未导入" in nodes["title:关于进一步加强住房保障工作的通知"]["title"]
    repeal = [e for e in opened.edges() if e["ptype"] == "SUPERSEDES"]
    assert len(repeal) == 1 and repeal[0]["dashes"] is True
    assert sum(1 for e in opened.edges() if e["ptype"] == "DERIVED_FROM") == 4  # the province cites the nation too
    assert opened.errors == [] and opened.external == []
    opened.page.screenshot(path=str(tmp_path / "lineage.png"))
    assert (tmp_path / "lineage.png").stat().st_size > 5000


def test_api_serves_the_lineage_view(lineage_db, open_page):
    with running_api(lineage_db) as base, httpx.Client(base_url=base, timeout=60) as http:
        r = http.get("/viz/lineage/许政〔2015〕3号")
        assert r.status_code == 200 and r.headers["x-nodes"] == "2" and render.external_refs(r.text) == []
        opened = open_page(base + f"/viz/lineage/{key_to_id('许政〔2015〕3号')}", allow_prefixes=(base,))
        assert {n["key"] for n in opened.nodes()} >= {"许政〔2015〕3号"} and opened.errors == []
