"""Fixtures of the viz tests: a small hand-built graph (two regions, a cascade, a lineage)
and a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright)."""
from __future__ import annotations

import json
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from needs import missing

from policykg.graph.write import write_batch
from policykg.graph.batch import GraphBatch

CHROMIUM = "/usr/bin/chromium"
PROVINCE, CITY, OTHER_CITY = "河南省", "许昌市", "洛阳市"
D0, D1, D2 = "国发〔2019〕1号", "豫政〔2020〕75号", "许政〔2020〕12号"
NDRC = "河南省|河南省发展和改革委员会"
FIN = "河南省|河南省财政厅"
XC_NDRC = "许昌市|许昌市发展和改革委员会"
XC_FIN = "许昌市|许昌市财政局"
LY_NDRC = "洛阳市|洛阳市发展和改革委员会"
EVIL = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"

D1_TEXT = ("河南省人民政府关于推进产业集聚区建设的通知\n根据国发〔2019〕1号文件精神，提出以下任务。\n"
           "（一）编制产业集聚区发展规划。省发展改革委负责，省财政厅配合。\n"
           "（二）开展产业集聚区考核评价。省发展改革委负责。\n"
           "（三）设立专项资金支持基础设施建设，力争投入100亿元。省财政厅负责。\n")
D2_TEXT = ("许昌市人民政府关于落实产业集聚区建设任务的通知\n按照豫政〔2020〕75号要求，结合我市实际。\n"
           "（一）编制许昌市产业集聚区规划。市发展改革委负责，市财政局配合。\n"
           "（二）落实基础设施专项资金。市财政局负责。\n"
           "（三）建设许昌经济技术开发区。\n")


def _span(text: str, s: str) -> dict:
    i = text.index(s)
    return {"span_start": i, "span_end": i + len(s)}


def viz_batch() -> GraphBatch:
    """The test graph, with the key conventions of graph/build.py."""
    b = GraphBatch()
    prov = lambda doc, rule="test", **kw: {"doc": doc, "span_start": -1, "span_end": -1, "rule": rule, **kw}  # noqa
    b.add_node("Province", PROVINCE, name=PROVINCE, **prov(None))
    for c in (CITY, OTHER_CITY):
        b.add_node("City", c, name=c, province=PROVINCE, **prov(None))
        b.add_edge("LOCATED_IN", "City", c, "Province", PROVINCE, **prov(None))
    b.add_node("Document", D0, doc_number=D0, stub=True, **prov(D1, "cites"))
    b.add_node("Document", D1, doc_number=D1, title=f"河南省人民政府关于推进产业集聚区建设的通知{EVIL}",
               issuer="河南省人民政府", date="2020-05-01", province=PROVINCE, level="province", stub=False,
               text=D1_TEXT, **prov(D1, "meta"))
    b.add_node("Document", D2, doc_number=D2, title="许昌市人民政府关于落实产业集聚区建设任务的通知",
               issuer="许昌市人民政府", date="2020-06-01", province=PROVINCE, city=CITY, level="city", stub=False,
               text=D2_TEXT, **prov(D2, "meta"))
    b.add_edge("DERIVED_FROM", "Document", D1, "Document", D0, **prov(D1, "cites"))
    b.add_edge("DERIVED_FROM", "Document", D2, "Document", D1, **prov(D2, "cites"))
    agencies = [(NDRC, "河南省发展和改革委员会", ["省发展改革委", "省发改委"], PROVINCE, D1, D1_TEXT, "省发展改革委"),
                (FIN, "河南省财政厅", ["省财政厅"], PROVINCE, D1, D1_TEXT, "省财政厅"),
                (XC_NDRC, "许昌市发展和改革委员会", ["市发展改革委"], CITY, D2, D2_TEXT, "市发展改革委"),
                (XC_FIN, "许昌市财政局", ["市财政局"], CITY, D2, D2_TEXT, "市财政局"),
                (LY_NDRC, "洛阳市发展和改革委员会", ["市发展改革委"], OTHER_CITY, None, "", None)]
    for key, name, aliases, region, doc, text, surface in agencies:
        span = _span(text, surface) if surface else {"span_start": -1, "span_end": -1}
        b.add_node("Agency", key, name=name, aliases=aliases, region=region, province=PROVINCE,
                   level="province" if region == PROVINCE else "city", collective=False, function="发展改革"
                   if "发展" in name else "财政", doc=doc, rule="test", **span)
    tasks = [(D1, "T1", "编制产业集聚区发展规划。", D1_TEXT, PROVINCE, 1, EVIL),
             (D1, "T2", "开展产业集聚区考核评价。", D1_TEXT, PROVINCE, 2, "二、任务"),
             (D1, "T3", "设立专项资金支持基础设施建设，力争投入100亿元。", D1_TEXT, PROVINCE, 3, "二、任务"),
             (D2, "T1", "编制许昌市产业集聚区规划。", D2_TEXT, CITY, 1, "一、任务"),
             (D2, "T2", "落实基础设施专项资金。", D2_TEXT, CITY, 2, "一、任务")]
    for doc, tid, text, full, region, ordinal, section in tasks:
        key = f"{doc}#{tid}"
        b.add_node("Task", key, text=text, section=section, region=region, ordinal=ordinal,
                   deadline_text="年底前", deadline="2020-12-31", level="province" if region == PROVINCE else "city",
                   doc=doc, rule="test", **_span(full, text))
        b.add_edge("PART_OF", "Task", key, "Document", doc, doc=doc, rule="test", **_span(full, text))
    duty = [("RESPONSIBLE_FOR", NDRC, f"{D1}#T1", D1_TEXT, "省发展改革委负责"),
            ("COOPERATES_WITH", FIN, f"{D1}#T1", D1_TEXT, "省财政厅配合"),
            ("RESPONSIBLE_FOR", NDRC, f"{D1}#T2", D1_TEXT, "省发展改革委负责。\n（三"),
            ("RESPONSIBLE_FOR", FIN, f"{D1}#T3", D1_TEXT, "省财政厅负责"),
            ("RESPONSIBLE_FOR", XC_NDRC, f"{D2}#T1", D2_TEXT, "市发展改革委负责"),
            ("COOPERATES_WITH", XC_FIN, f"{D2}#T1", D2_TEXT, "市财政局配合"),
            ("RESPONSIBLE_FOR", XC_FIN, f"{D2}#T2", D2_TEXT, "市财政局负责")]
    for typ, a, t, full, surface in duty:
        extra = {"lead": True} if typ == "RESPONSIBLE_FOR" else {}
        b.add_edge(typ, "Agency", a, "Task", t, doc=t.split("#")[0], rule="test", **_span(full, surface), **extra)
    b.add_edge("COOPERATES_WITH", "Agency", FIN, "Agency", NDRC, tasks=[f"{D1}#T1"], **prov(D1))
    b.add_edge("COOPERATES_WITH", "Agency", XC_FIN, "Agency", XC_NDRC, tasks=[f"{D2}#T1"], **prov(D2))
    b.add_node("Target", f"{D1}#target1", text="力争投入100亿元", value=1e10, unit="元", qualifier=">=",
               region=PROVINCE, doc=D1, rule="test", **_span(D1_TEXT, "力争投入100亿元"))
    b.add_edge("TARGET_OF", "Target", f"{D1}#target1", "Task", f"{D1}#T3", doc=D1, rule="test",
               **_span(D1_TEXT, "力争投入100亿元"))
    b.add_edge("DERIVED_FROM", "Task", f"{D2}#T1", "Task", f"{D1}#T1", score=0.83, **prov(None, "align:task"))
    b.add_edge("DERIVED_FROM", "Task", f"{D2}#T2", "Task", f"{D1}#T3", score=0.61, **prov(None, "align:task"))
    b.add_edge("COUNTERPART_OF", "Agency", XC_NDRC, "Agency", NDRC, score=0.92, basis="function",
               **prov(None, "align:counterpart"))
    b.add_edge("COUNTERPART_OF", "Agency", XC_FIN, "Agency", FIN, score=0.88, basis="function",
               **prov(None, "align:counterpart"))
    b.add_node("Zone", "许昌经济技术开发区", name="许昌经济技术开发区", region=CITY, kind="开发区", doc=D2,
               rule="test", **_span(D2_TEXT, "许昌经济技术开发区"))
    b.add_edge("MENTIONED_IN", "Zone", "许昌经济技术开发区", "Document", D2, surface="许昌经济技术开发区", doc=D2,
               rule="test", **_span(D2_TEXT, "许昌经济技术开发区"))
    for doc, place in ((D1, ("Province", PROVINCE)), (D2, ("City", CITY))):
        b.add_edge("ISSUED_IN", "Document", doc, *place, **prov(doc))
    return b


@pytest.fixture
def viz_store(store):
    """Each store (LadybugDB, Neo4j) holding the test graph."""
    with store.transaction():
        write_batch(store, viz_batch())
    return store


@pytest.fixture
def viz_ladybug(ladybug_store):
    with ladybug_store.transaction():
        write_batch(ladybug_store, viz_batch())
    return ladybug_store


def wait_ready(frame, timeout_ms: int = 60000) -> None:
    """Wait until a network page says its layout is done.  Polled from here: Playwright's own
    wait_for_function evaluates a string inside the page, which the pages' content security
    policy (no 'unsafe-eval') rightly refuses."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not frame.evaluate("window.policykgReady === true"):
        assert time.monotonic() < deadline, "the page never said it was ready"
        time.sleep(0.1)


def page_data(html: str) -> tuple[list[dict], list[dict]]:
    """The vis nodes and edges a page embeds (read from its JSON data block, without a browser)."""
    m = re.search(r'<script type="application/json" id="policykg-data">(.*?)</script>', html, re.S)
    assert m, "no data block in the page"
    data = json.loads(m.group(1))
    return data["nodes"], data["edges"]


def need_chromium() -> str:
    if not os.path.exists(CHROMIUM):
        missing("the browser tests", f"{CHROMIUM} is missing (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (no browser download: Debian's binary)."""
    path = need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield browser
        browser.close()


class Opened:
    """A page opened in Chromium with every failure recorded: JavaScript errors, console
    errors, dialogs (a script injected through document text would open one) and any
    request that leaves the machine (aborted and listed)."""

    def __init__(self, browser, allow_prefixes=("file://", "data:", "about:", "blob:")):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.external: list[str] = []
        self.allow = tuple(allow_prefixes)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.allow):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def goto(self, url: str, ready_timeout_ms: int = 60000):
        self.page.goto(url)
        if ready_timeout_ms:  # a network page says when its layout is done; 0 = do not wait
            wait_ready(self.page, ready_timeout_ms)
        return self

    def nodes(self) -> list[dict]:
        return self.page.evaluate("network.body.data.nodes.get()")

    def edges(self) -> list[dict]:
        return self.page.evaluate("network.body.data.edges.get()")

    def close(self):
        self.page.close()


@pytest.fixture
def open_page(chromium):
    """open_page(path_or_url) -> Opened; closes every page at the end of the test."""
    opened: list[Opened] = []

    def go(target, **kw) -> Opened:
        o = Opened(chromium, **{k: v for k, v in kw.items() if k == "allow_prefixes"})
        opened.append(o)
        url = target.as_uri() if isinstance(target, Path) else str(target)
        return o.goto(url, **{k: v for k, v in kw.items() if k != "allow_prefixes"})
    yield go
    for o in opened:
        o.close()


@pytest.fixture
def viz_db_path(tmp_path) -> str:
    """A LadybugDB directory holding the test graph (closed, so a server can open it)."""
    from policykg.graph.stores.ladybug import LadybugStore

    path = tmp_path / "viz.db"
    with LadybugStore(path) as s:
        s.ensure_schema()
        write_batch(s, viz_batch())
    return str(path)


@contextmanager
def running_api(db_path: str):
    """The real API (uvicorn on a free local port) over a LadybugDB directory; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    from policykg.api.app import create_app
    from policykg.config import Settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(db_path=db_path)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def viz_server(viz_db_path):
    """The real API over the test graph; yields its base URL."""
    with running_api(viz_db_path) as url:
        yield url
