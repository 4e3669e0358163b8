"""The policy-instrument view: its data (pure), the page in a real headless Chromium (bars drawn,
the tasks behind a bar on click, document text shown as text, nothing fetched from the network,
no inline script), and the API serving it under a strict content security policy."""
from __future__ import annotations

import json
import re

import httpx
import pytest
from fixtures_queries import load_policy_graph
from fixtures_viz import running_api

from policykg.graph.stores.ladybug import LadybugStore
from policykg.viz import instruments as view
from policykg.viz.render import external_refs


@pytest.fixture
def mix_db(tmp_path) -> str:
    """The hand-built policy graph (tests/fixtures_queries.py, its tasks coded by hand)."""
    path = str(tmp_path / "mix.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
        load_policy_graph(s)
    return path


def embedded(page_html: str) -> dict:
    m = re.search(r'<script id="mix-data" type="application/json">(.*?)</script>', page_html, re.S)
    return json.loads(m.group(1))


def test_page_data_groups_and_tasks(mix_db):
    with LadybugStore(mix_db, read_only=True) as s:
        data = view.page_data(s, "region", region="河南省")
        by_year = view.page_data(s, "year")
    assert [(g["label"], g["total"]) for g in data["groups"]] == [("河南省", 7), ("禹州市", 1), ("许昌市", 7)]
    xc = [g["label"] for g in data["groups"]].index("许昌市")
    assert data["groups"][xc]["tools"] == {"基础设施建设": 3, "策略性措施": 1, "目标规划": 1, "税收优惠": 1, "法规管制": 1}
    assert [t["key"] for t in data["tasks"][f"{xc}|基础设施建设"]] == ["C1#T2", "C1#T4", "C1#T7"]
    assert data["tasks"][f"{xc}|税收优惠"][0]["responsible"] == ["许昌市财政局"]
    assert [t["tool"] for t in data["tools"]][:2] == ["资金投入", "基础设施建设"]  # the manual's order
    assert [(g["label"], g["total"]) for g in by_year["groups"]] == [("2010", 16)]
    page = view.render(data)
    assert embedded(page.html)["groups"] == data["groups"] and external_refs(page.html) == []
    assert not re.search(r"<script(?![^>]*(?:src=|type=\"application/json\"))", page.html)  # no inline script
    assert " style=" not in page.html and "<style" not in page.html


def test_text_from_documents_cannot_end_the_data_block():
    data = {"by": "region", "region": "", "level": "", "with_also": False, "tools": [],
            "groups": [{"label": "</script><script>alert(1)</script>", "total": 1, "tools": {}}],
            "tasks": {}, "more": {}}
    page = view.render(data)
    assert page.html.count("</script>") == 2  # the data block's and the script file's, nothing injected
    assert embedded(page.html)["groups"][0]["label"] == "</script><script>alert(1)</script>"


@pytest.mark.browser
def test_bars_and_the_tasks_behind_them_in_chromium(mix_db, open_page, tmp_path):
    with LadybugStore(mix_db, read_only=True) as s:
        page = view.instrument_page(s, "region")
    files = view.write_page(page, tmp_path / "mix.html")
    assert [f.name for f in files] == ["mix.html", "instruments.js", "instruments.css"]
    o = open_page(files[0])
    assert o.page.locator(".row").count() == 4  # 河南省, 湖北省, 禹州市, 许昌市
    assert o.page.locator("#legend .swatch").count() == 7  # the primary tools the graph uses
    rows = o.page.locator(".row .label").all_inner_texts()
    xc = o.page.locator(".row").nth(rows.index("许昌市"))
    assert xc.locator(".seg").count() == 5
    width = xc.locator('.seg[data-tool="基础设施建设"]').evaluate("e => e.getBoundingClientRect().width")
    bar = xc.locator(".bar").evaluate("e => e.getBoundingClientRect().width")
    assert width == pytest.approx(bar * 3 / 7, abs=2)  # 3 of 7 tasks
    xc.locator('.seg[data-tool="基础设施建设"]').click()
    assert o.page.inner_text("#detail-title") == "许昌市 · 基础设施建设：3 项任务"
    items = o.page.locator("#task-list li")
    assert items.count() == 3 and [items.nth(i).get_attribute("data-key") for i in range(3)] == ["C1#T2", "C1#T4", "C1#T7"]
    assert "协调推进供水供热燃气管网建设" in items.nth(0).inner_text() and "负责：许昌市住房和城乡建设局" in items.nth(0).inner_text()
    xc.locator('.seg[data-tool="税收优惠"]').click()
    assert o.page.locator("#task-list li").count() == 1 and o.page.locator(".seg.selected").count() == 1
    assert o.errors == [] and o.external == []
    o.page.screenshot(path=str(tmp_path / "mix.png"))


@pytest.mark.browser
def test_api_serves_the_view_under_a_strict_csp(mix_db, open_page, tmp_path):
    with running_api(mix_db) as url:
        with httpx.Client(base_url=url, timeout=60) as http:
            r = http.get("/viz/instruments", params={"by": "year", "region": "河南省"})
            assert r.status_code == 200 and r.headers["content-security-policy"].startswith("default-src 'self'")
            assert '<script src="/assets/instruments.js">' in r.text and r.headers["x-groups"] == "1"
            assert http.get("/assets/instruments.js").headers["content-type"].startswith("text/javascript")
            assert http.get("/assets/instruments.css").headers["content-type"].startswith("text/css")
            assert http.get("/viz/instruments", params={"by": "agency"}).status_code == 422
        o = open_page(f"{url}/viz/instruments?by=region", allow_prefixes=(url,))
        o.page.locator('.seg[data-tool="金融支持"]').first.click()
        assert o.page.locator("#task-list li").count() == 1
        assert o.errors == [] and o.external == []  # a CSP violation would be a console error
