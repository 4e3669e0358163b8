"""How big a network page can get: render time, page size, and time until Chromium has laid
it out (window.policykgReady), for synthetic agency/task graphs of growing size; pyvis'
own ``from_nx`` + ``generate_html`` on the same graph, side by side, for comparison.

    .venv/bin/python bench/viz.py [--sizes 300,2000,6000] [--cap 2000] [--no-browser]

Prints one row per size.  Needs /usr/bin/chromium for the browser column.
"""
from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from policykg.viz.render import render


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """About n/8 agencies and 7n/8 tasks; each task has one responsible agency and maybe a partner."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    agencies = [f"A{i}" for i in range(max(1, n // 8))]
    for a in agencies:
        g.add_node(a, type="Agency", key=a, props={"name": f"河南省第{a[1:]}厅", "region": "河南省"})
    for i in range(n - len(agencies)):
        t = f"T{i}"
        g.add_node(t, type="Task", key=t, props={"text": f"第{i}项任务：推进产业集聚区基础设施建设。", "ordinal": i})
        g.add_edge(rnd.choice(agencies), t, key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", props={"lead": True})
        if rnd.random() < 0.4:
            g.add_edge(rnd.choice(agencies), t, key="COOPERATES_WITH", type="COOPERATES_WITH", props={})
    return g


def pyvis_plain(g: nx.MultiDiGraph) -> float:
    from pyvis.network import Network

    t = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(nx.DiGraph((a, b) for a, b in g.edges()))
    net.generate_html()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="300,2000,6000")
    ap.add_argument("--cap", type=int, default=2000)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    browser = None
    if not args.no_browser and os.path.exists("/usr/bin/chromium"):
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium")
    print(f"{'nodes':>6} {'drawn':>6} {'render s':>9} {'pyvis from_nx s':>16} {'html MB':>8} {'chromium ready s':>17}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            g = synthetic(n)
            t = time.perf_counter()
            page = render(g, title="bench", cap=args.cap, focus=["A0"])
            rt = time.perf_counter() - t
            pv = pyvis_plain(g) if n <= 6000 else float("nan")
            path = Path(tmp) / f"p{n}.html"
            path.write_text(page.html, encoding="utf-8")
            ready = float("nan")
            if browser is not None:
                p = browser.new_page(viewport={"width": 1400, "height": 900})
                t = time.perf_counter()
                p.goto(path.as_uri())
                p.wait_for_function("window.policykgReady === true", timeout=300000)
                ready = time.perf_counter() - t
                p.close()
            print(f"{n:>6} {page.nodes:>6} {rt:>9.2f} {pv:>16.2f} {len(page.html) / 1e6:>8.2f} {ready:>17.2f}")
    if browser is not None:
        browser.close()
        pw.stop()


if __name__ == "__main__":
    main()
