"""The workbench in a real headless Chromium (Debian's) against a real uvicorn over a database
that ``policykg ingest`` has just built: every page renders with no console error and no request
leaving the machine, under the page's own content security policy (no inline script or style, no
eval); search finds an agency, a document and a region; links lead from page to page; tables
export CSV and networks GEXF, and both parse; markup in titles and task texts stays text; a URL
reproduces its page; a network shows more on request; text is readable at 1280x800.

``POLICYKG_SCREENSHOTS=1`` writes the screenshots into docs/img/ (the README shows them)."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import networkx as nx
import pytest
from fixtures_workbench import EVIL_TASK, EVIL_TITLE

from policykg.queries.ids import key_to_id

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
NDRC = key_to_id("河南省|发展和改革委员会")  # 21 duties in the sample corpus
PLAN = key_to_id("豫政〔2020〕75号")
EVIL = key_to_id("许政〔2021〕99号")
PAGES = {  # screenshot name -> URL
    "home": "#/", "search": "#/search?q=许昌", "agency": f"#/agency/{NDRC}", "document": f"#/document/{PLAN}",
    "region": "#/region/许昌市", "cascade": "#/cascade?upper=河南省&lower=许昌市", "diffusion": "#/diffusion",
    "diffusion-upper": "#/diffusion?upper=豫政〔2020〕75号", "coissuance": "#/coissuance?region=许昌市",
    "task": f"#/task/{key_to_id('豫政〔2020〕75号#T1')}",
}


class Workbench:
    """One page of the workbench at 1280x800 that records console errors, page errors, dialogs
    and every request that would leave the machine (aborted)."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.external: list[str] = []
        self.asked: list[str] = []  # every URL the page requested
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.asked.append(url)
        if url.startswith((self.base + "/", "data:", "blob:")) or url == self.base:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def go(self, where: str) -> "Workbench":
        self.page.goto(f"{self.base}/{where}")
        return self.settle()

    def settle(self) -> "Workbench":
        """Wait until the page, its tables and its networks are drawn (a network loads when it scrolls
        into view: each is scrolled to, then the page back to its top)."""
        self.page.wait_for_selector("body[data-ready='true']", timeout=30000)
        self.page.wait_for_selector("[data-table]:not([data-loaded])", state="detached", timeout=30000)
        for net in self.page.query_selector_all("[data-network]:not([data-ready])"):
            net.scroll_into_view_if_needed()
        self.page.wait_for_selector("[data-network]:not([data-ready])", state="detached", timeout=60000)
        self.page.evaluate("() => window.scrollTo(0, 0)")
        return self

    def h1(self) -> str:
        return self.page.inner_text("#app h1")

    def close(self):
        self.context.close()


@pytest.fixture
def bench(fresh_server, chromium):
    """open(where) -> a settled Workbench; every page opened is checked clean at the end."""
    opened: list[Workbench] = []

    def open_(where: str = "#/") -> Workbench:
        w = Workbench(chromium, fresh_server)
        opened.append(w)
        return w.go(where)
    yield open_
    for w in opened:
        w.close()
    for w in opened:
        assert w.errors == [], w.errors
        assert w.external == [], w.external


def shot(w: Workbench, name: str, tmp_path: Path) -> None:
    folder = ROOT / "docs" / "img" if os.environ.get("POLICYKG_SCREENSHOTS") else tmp_path
    path = folder / f"workbench-{name}.png"
    w.page.screenshot(path=str(path))
    assert path.stat().st_size > 20000  # a drawn page, not a blank one


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_readably_from_a_fresh_database(bench, name, tmp_path):
    w = bench(PAGES[name])
    assert w.h1() and "出错" not in w.page.inner_text("#app")
    sizes = w.page.evaluate("() => [document.documentElement.scrollWidth,"
                            " Math.min(...[...document.querySelectorAll('#app td, #app p, #app a, #app label')]"
                            ".map((e) => parseFloat(getComputedStyle(e).fontSize)))]")
    assert sizes[0] <= 1280, "the page scrolls sideways at 1280 px"
    assert sizes[1] >= 12, "text smaller than 12 px"
    for canvas in w.page.query_selector_all("[data-network] canvas"):
        assert canvas.bounding_box()["width"] > 600
    shot(w, name, tmp_path)


def test_search_finds_an_agency_a_document_and_a_region(bench):
    w = bench("#/")
    for query, kind, link_text, title in (
            ("发展和改革", "机构", "河南省发展和改革委员会", "河南省发展和改革委员会"),
            ("豫政〔2020〕75号", "文件", "河南省人民政府关于印发2020年河南省工业园区提质增效行动计划的通知",
             "河南省人民政府关于印发2020年河南省工业园区提质增效行动计划的通知"),
            ("许昌", "地区", "许昌市", "许昌市")):
        w.page.fill("#search-box", query)
        w.page.press("#search-box", "Enter")
        w.settle()
        tabs = w.page.inner_text(".tabs")
        assert f"{kind} " in tabs and f"{kind} 0" not in tabs, tabs
        w.page.click(f"section.card:has(h2:text-matches('^{kind}')) a:text-is('{link_text}')")
        w.settle()
        assert w.h1() == title


def test_links_lead_from_page_to_page(bench):
    w = bench(f"#/agency/{NDRC}")
    w.page.click("[data-table='duties'] td a:text-is('豫政〔2020〕75号')")
    assert w.settle().h1() == "河南省人民政府关于印发2020年河南省工业园区提质增效行动计划的通知"
    w.page.click(".doctext a.fact.f-agency >> nth=0")  # an agency named in the text
    assert w.settle().page.url.split("#")[1].startswith("/agency/")
    w.go(f"#/document/{PLAN}")
    w.page.click(".fields a:text-is('河南省')")
    assert w.settle().h1() == "河南省"
    w.go("#/region/许昌市")
    w.page.click(".chips a:text-is('政策传导：河南省 → 许昌市')")
    w.settle()
    assert "河南省 → 许昌市" in w.page.inner_text("#app .lead")
    w.page.click("[data-table='pairs'] td a:text-is('河南省发展和改革委员会')")
    assert w.settle().h1() == "河南省发展和改革委员会"
    w.page.click("[data-table='duties'] tbody tr:first-child td:nth-child(2) a")
    w.settle()
    assert w.page.url.split("#")[1].startswith("/task/") and "逐级传导链" in w.page.inner_text("#app")
    w.page.click("nav a:text-is('政策扩散')")
    w.settle().page.click("[data-table='uppers'] td a >> nth=0")
    assert "采纳曲线" in w.settle().page.inner_text("#app")


def download(w: Workbench, selector: str) -> bytes:
    with w.page.expect_download() as info:
        w.page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_tables_export_csv_and_networks_gexf(bench):
    w = bench(f"#/agency/{NDRC}")
    rows = list(csv.reader(io.StringIO(download(w, "[data-export='duties']").decode("utf-8-sig"))))
    assert rows[0] == ["角色", "任务", "时限", "来源文件", "日期", "原文", "经由"]
    assert len(rows) - 1 == 21 and {r[0] for r in rows[1:]} == {"牵头", "负责", "配合"}  # both pages, not one
    g = nx.read_gexf(io.BytesIO(download(w, "[data-gexf='agency']")))
    drawn = int(w.page.inner_text("[data-network='agency'] .count").split(" ")[0])
    assert g.number_of_nodes() >= drawn and "Agency:河南省|发展和改革委员会" in g
    w.go("#/cascade?upper=河南省&lower=许昌市")
    rows = list(csv.reader(io.StringIO(download(w, "[data-export='task-pairs']").decode("utf-8-sig"))))
    assert rows[0] == ["上级部门", "上级任务", "下级任务", "下级部门", "相似度"] and len(rows) > 20
    assert nx.read_gexf(io.BytesIO(download(w, "[data-gexf='cascade']"))).number_of_edges() > 10
    w.go("#/region/许昌市")
    rows = list(csv.reader(io.StringIO(download(w, "[data-export='documents']").decode("utf-8-sig"))))
    assert rows[0][:2] == ["标题", "文号"] and len(rows) - 1 == int(
        w.page.inner_text("[data-table='documents'] .count").split(" ")[1])


def test_markup_in_titles_and_tasks_stays_text(bench):
    w = bench(f"#/document/{EVIL}")
    assert w.h1() == EVIL_TITLE
    status = w.page.inner_text(".fields .field:has-text('效力')")  # the joint notice repealed it
    assert "已废止" in status and "许发改〔2021〕12号" in status and "2021-07-01" in status
    w.page.click(".fields .field:has-text('效力') a")
    assert w.settle().h1().startswith("许昌市发展和改革委员会 许昌市财政局关于")
    assert "废止" in w.page.inner_text("#app")  # this one names what it repeals
    w.go(f"#/document/{EVIL}")
    assert EVIL_TASK in w.page.inner_text("[data-table='tasks']")
    assert EVIL_TASK in w.page.inner_text(".doctext")
    counts = w.page.evaluate("() => [document.querySelectorAll('#app img').length, document.scripts.length]")
    assert counts == [0, 2]  # nothing injected: vis-network and the page's own module
    w.go("#/search?q=" + "园区建设的通知")
    assert EVIL_TITLE in w.page.inner_text("[data-table='top-document']")
    assert w.page.evaluate("() => document.querySelectorAll('#app img').length") == 0


def test_a_url_reproduces_its_page(bench):
    w = bench(f"#/agency/{NDRC}")
    w.page.click("[data-table='duties'] .pager button:text-is('下一页')")  # 21 duties: the second page
    w.settle()
    assert "p=2" in w.page.url and "第 2 / 2 页" in w.page.inner_text("[data-table='duties'] .pager")
    shown = w.page.inner_text("[data-table='duties'] tbody")
    assert bench(w.page.url.split("/", 3)[3]).page.inner_text("[data-table='duties'] tbody") == shown
    w.page.select_option("select[name='role']", "responsible")
    w.settle()
    assert "role=responsible" in w.page.url and "p=2" not in w.page.url
    shown = w.page.inner_text("[data-table='duties'] tbody")
    again = bench(w.page.url.split("/", 3)[3])  # the same URL in a new page
    assert again.page.inner_text("[data-table='duties'] tbody") == shown
    assert again.page.eval_on_selector("select[name='role']", "(s) => s.value") == "responsible"
    assert again.page.inner_text("[data-table='duties'] .count") == "共 9 项职责"


def test_a_network_loads_when_it_comes_into_view(bench):
    w = bench("#/")
    w.page.goto(f"{w.base}/#/region/许昌市")
    w.page.wait_for_selector("body[data-ready='true']")
    w.page.wait_for_selector("[data-table]:not([data-loaded])", state="detached")
    assert not [u for u in w.asked if "/networks/" in u] and "滚动到这里时加载" in w.page.inner_text("[data-network]")
    w.settle()  # scrolls to it
    assert [u for u in w.asked if "/networks/region/" in u] and w.page.query_selector("[data-network] canvas")


def test_a_network_shows_more_on_request(bench):
    w = bench(f"#/agency/{NDRC}?n=10")
    first = int(w.page.inner_text("[data-network='agency'] .count").split(" ")[0])
    assert first <= 10  # at most ten drawn (the fetch stops at the cap)
    w.page.click("[data-more='agency']")
    w.settle()
    assert int(w.page.inner_text("[data-network='agency'] .count").split(" ")[0]) > first
    assert "n=20" in w.page.url
