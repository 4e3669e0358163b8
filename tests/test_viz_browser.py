"""The pages in a real headless Chromium: they run without JavaScript errors, draw the
expected nodes, fetch nothing from the network, stay usable at the node cap, and the API
serves them (and the workbench's page, tested in test_workbench_browser.py) over HTTP."""
from __future__ import annotations

import httpx
import networkx as nx
import pytest
from fixtures_viz import D1, D2, FIN, NDRC, XC_FIN, XC_NDRC, wait_ready

from policykg.queries.ids import key_to_id
from policykg.config import Settings
from policykg.viz import render, views

pytestmark = pytest.mark.browser
SETTINGS = Settings(query_timeout_s=30)


def write(page, tmp_path, name):
    path = tmp_path / f"{name}.html"
    path.write_text(page.html, encoding="utf-8")
    return path


def assert_clean(opened, shot):
    assert opened.errors == [], opened.errors
    assert opened.external == [], opened.external
    opened.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 5000  # a real picture, not a blank canvas


def test_the_harness_sees_errors_and_external_requests(open_page, tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<script src="https://cdn.example.org/x.js"></script><script>window.policykgReady = true;'
                   'console.error("boom"); undefinedFunction();</script>', encoding="utf-8")
    opened = open_page(bad)
    opened.page.wait_for_timeout(200)
    assert opened.external == ["https://cdn.example.org/x.js"]
    assert any("boom" in e for e in opened.errors) and any("undefinedFunction" in e for e in opened.errors)


def test_views_render_in_chromium(viz_ladybug, open_page, tmp_path):
    pages = {"agency": views.agency_view(viz_ladybug, "省发展改革委", settings=SETTINGS),
             "cascade": views.cascade_view(viz_ladybug, "河南省", "许昌市", settings=SETTINGS),
             "document": views.document_view(viz_ladybug, D1, settings=SETTINGS),
             "region": views.region_view(viz_ladybug, "许昌市", settings=SETTINGS)}
    want = {"agency": {NDRC, FIN, XC_NDRC, f"{D1}#T1", f"{D1}#T2", D1},
            "cascade": {NDRC, FIN, XC_NDRC, XC_FIN, f"{D1}#T1", f"{D1}#T3", f"{D2}#T1", f"{D2}#T2"},
            "document": {"国发〔2019〕1号", D1, D2}}
    for name, page in pages.items():
        opened = open_page(write(page, tmp_path, name))
        keys = {n["key"] for n in opened.nodes()}
        assert len(keys) == page.nodes
        if name in want:
            assert keys == want[name], name
        assert_clean(opened, tmp_path / f"{name}.png")
    # the cascade edges carry their scores in the live DataSet too
    opened = open_page(write(pages["cascade"], tmp_path, "cascade2"))
    labels = {e["label"] for e in opened.edges() if e["ptype"] == "DERIVED_FROM"}
    assert labels == {"0.83", "0.61"}
    y = {k.split(":", 1)[1]: p["y"] for k, p in opened.page.evaluate("network.getPositions()").items()}
    assert y[f"{D1}#T1"] < y[NDRC] < y[XC_NDRC] < y[f"{D2}#T1"]  # higher tasks, agencies, lower agencies, tasks
    assert y[FIN] < y[XC_FIN]


def test_hovering_a_node_shows_its_source_sentence(viz_ladybug, open_page, tmp_path):
    opened = open_page(write(views.agency_view(viz_ladybug, "省财政厅", settings=SETTINGS), tmp_path, "fin"))
    node = f"Agency:{FIN}"
    x, y = opened.page.evaluate(
        "(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);"
        " const r = document.getElementById('network').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }",
        node)
    opened.page.mouse.move(x, y)
    tip = opened.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10000)
    assert "河南省财政厅" in tip.inner_text() and "原文：" in tip.inner_text()
    assert opened.errors == []


def test_document_text_never_runs_as_script(viz_ladybug, open_page, tmp_path):
    # D1's title and a task section hold <img onerror> and <script> markup (fixtures_viz.EVIL)
    page = views.document_view(viz_ladybug, D1, settings=SETTINGS)
    opened = open_page(write(page, tmp_path, "evil"))
    opened.page.hover("#title")
    assert opened.errors == []  # a dialog (alert) would be recorded here
    assert opened.page.evaluate("document.querySelectorAll('img').length") == 0


def test_a_graph_above_the_cap_stays_responsive(open_page, tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("A", type="Agency", key="A", props={"name": "河南省发展和改革委员会"})
    for i in range(2600):
        g.add_node(f"T{i}", type="Task", key=f"T{i}", props={"text": f"第{i}项任务：推进产业集聚区建设", "ordinal": i})
        g.add_edge("A" if i % 7 == 0 else f"T{i // 7}", f"T{i}", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR",
                   props={})
    page = render.render(g, title="大图", cap=2000, focus=["A"])
    assert page.nodes == 1999 and page.omitted == {"Task": 602}
    opened = open_page(write(page, tmp_path, "big"), ready_timeout_ms=120000)
    assert len(opened.nodes()) == 2000  # 1999 drawn + one aggregate node
    assert opened.page.evaluate("network.physics.options.enabled") is False  # no CPU spent after layout
    assert "未显示：602 个任务" in opened.page.inner_text("header")
    # labels readable at 100% zoom: the first view does not shrink them below MIN_LABEL_PX
    assert opened.page.evaluate("network.getScale()") * render.LABEL_PX >= render.MIN_LABEL_PX - 0.01
    focus = opened.page.evaluate("network.canvasToDOM(network.getPositions(['A'])['A'])")
    box = opened.page.evaluate("(() => { const r = document.getElementById('network').getBoundingClientRect();"
                               " return [r.width, r.height]; })()")
    assert 0 <= focus["x"] <= box[0] and 0 <= focus["y"] <= box[1]  # centred on the focus, which stays in view
    opened.page.mouse.wheel(0, 300)  # still interactive
    assert_clean(opened, tmp_path / "big.png")


def test_api_serves_the_views(viz_server):
    with httpx.Client(base_url=viz_server, timeout=60) as http:
        for url in (f"/viz/agency/{key_to_id(NDRC)}", "/viz/agency/省发展改革委", f"/viz/agency/{NDRC}?depth=2",
                    "/viz/cascade?upper=河南省&lower=许昌市", f"/viz/document/{key_to_id(D2)}",
                    f"/viz/document/{D1}", "/viz/region/许昌市?types=Agency,Task", "/"):
            r = http.get(url)
            assert r.status_code == 200, (url, r.text[:300])
            assert r.headers["content-type"].startswith("text/html")
            assert render.external_refs(r.text) == []
        assert http.get("/viz/agency/市发展改革委?region=许昌市").headers["x-nodes"] != "0"
        r = http.get("/viz/agency/市发展改革委")
        assert r.status_code == 422 and r.json()["error"]["code"] == "bad_parameter"
        assert len(r.json()["error"]["detail"]["candidates"]) == 2
        r = http.get("/viz/agency/省教育厅")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
        assert http.get("/viz/agency/省发展改革委?depth=99").status_code == 400  # over_limit
        assert http.get("/viz/cascade?upper=河南省").status_code == 422


# ReDoc's bundle shows the vendor's logo from its CDN; offline the image fails and hides itself
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.mark.parametrize("path,shown", [("/docs", ".swagger-ui .info"), ("/redoc", ".api-content h1")])
def test_api_docs_work_offline(viz_server, open_page, tmp_path, path, shown):
    """Swagger UI and ReDoc come from the package: the page draws with no request leaving the
    machine (but ReDoc's self-hiding logo)."""
    o = open_page(viz_server + path, allow_prefixes=(viz_server, "blob:"), ready_timeout_ms=0)
    o.page.wait_for_selector(shown, timeout=30000)
    assert "policykg" in o.page.inner_text("body")
    assert [u for u in o.external if u != REDOC_LOGO] == []
    # (the content security policy now stops the logo's request itself: that refusal is the one message)
    assert [e for e in o.errors if "Failed to load resource" not in e and REDOC_LOGO not in e] == []
    if o.external:  # the logo: its failure is the one console error, and nothing else failed
        assert len(o.errors) == 1 and o.page.evaluate("document.querySelectorAll('img[alt=\"redocly logo\"]').length") == 0
    o.page.screenshot(path=str(tmp_path / f"{path.strip('/')}.png"))
