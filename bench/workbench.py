"""How fast the workbench's pages get their data, on a large generated graph.

Builds (or reuses) a LadybugDB database of generated documents (``bench/generate.py``, then
``policykg ingest``), starts ``policykg serve`` (2 uvicorn workers, response cache off so every
answer is computed), and loads each page of the workbench for many different agencies, documents,
regions, cascades, upper documents and searches: the requests a page makes (the same URLs its
scripts build), fired together as a browser does (6 connections), timed from the first request
to the last answer: the page's first data, then its network (which the page reads when it scrolls
into view), then both at once.  Prints, per page, p50 / p95 / max of that time and the largest page's bytes
(data; the page's own files are counted once, separately), the server's CPU time per page (the figure
the machine's other load changes least), and the slowest routes.

    flock /work/.heavy.lock .venv/bin/python bench/workbench.py [--db DIR] [--docs 10000] [--samples 40]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as a script (python bench/workbench.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(ROOT))

from bench.api import POLICYKG, pct, server_cpu_s, start_server, stop_server  # noqa: E402
from bench.generate import write_corpus  # noqa: E402
from bench.generator import generate_corpus  # noqa: E402

from policykg.queries.ids import key_to_id  # noqa: E402

NET = "max_nodes=100"  # the workbench's first network size
ASSETS = ["/", "/workbench/app.css", "/workbench/main.js", "/workbench/dom.js", "/workbench/api.js", "/workbench/router.js",
          "/workbench/table.js", "/workbench/csv.js", "/workbench/network.js", "/workbench/charts.js",
          "/workbench/columns.js", "/workbench/page_search.js", "/workbench/page_agency.js",
          "/workbench/page_document.js", "/workbench/page_region.js", "/workbench/page_cascade.js",
          "/workbench/page_diffusion.js", "/workbench/page_task.js", "/assets/vis-network.min.js",
          "/assets/vis-network.css"]


def ensure_db(db: Path, docs: int, seed: int) -> None:
    if db.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        t = time.perf_counter()
        write_corpus(generate_corpus(docs, seed), corpus, False)
        done = subprocess.run([POLICYKG, "ingest", str(corpus), "--db", str(db), "--workers", "2", "--format", "json"],
                              capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
        print(f"built {db}: {docs} generated documents in {time.perf_counter() - t:.0f} s")


def sample(db: Path, n: int, seed: int) -> dict[str, list]:
    """The things the pages are loaded for: random ones, and the largest of each kind."""
    from policykg.graph.stores.ladybug import LadybugStore
    from policykg.queries import registry

    rng = random.Random(seed)
    with LadybugStore(db, read_only=True) as s:
        q = lambda cy: [r[0] if len(r) == 1 else tuple(r) for r in s.query(cy).rows]  # noqa: E731
        agencies = q("MATCH (a:Agency)-[:RESPONSIBLE_FOR]->(t:Task) RETURN a.key, count(t) AS n ORDER BY n DESC")
        documents = q("MATCH (t:Task)-[:PART_OF]->(d:Document) RETURN d.key, count(t) AS n ORDER BY n DESC")
        places = q("MATCH (d:Document) WHERE d.stub = false RETURN coalesce(d.county, d.city, d.province) AS r, "
                   "count(d) AS n ORDER BY n DESC")
        pairs = q("MATCH (l:Agency)-[:COUNTERPART_OF]->(u:Agency) RETURN DISTINCT u.region, l.region")
        uppers = [r["upper_key"] for r in registry.run(s, "diffusion_uppers", {"q": ""}).records()]
        tasks = q("MATCH (t:Task) RETURN t.key LIMIT 20000")
        names = q("MATCH (a:Agency) RETURN a.name LIMIT 20000")
    pick = lambda xs, k: xs[:2] + rng.sample(xs[2:], min(k - 2, max(0, len(xs) - 2)))  # noqa: E731
    words = [w[i:i + rng.randint(2, 4)] for w in rng.sample(names, n) for i in [rng.randint(0, max(0, len(w) - 4))]]
    words += [p[0][:2] for p in rng.sample(places, min(n, len(places)))] + ["标准厂房", "园区", "产业集聚区", "发展改革"]
    return {"agency": [a for a, _ in pick(agencies, n)], "document": [d for d, _ in pick(documents, n)],
            "region": [r for r, _ in pick([p for p in places if p[0]], n)], "cascade": pick(pairs, n),
            "upper": pick(uppers, n), "task": rng.sample(tasks, n), "search": rng.sample(words, n),
            "coissuance": [""] + [r for r, _ in pick([p for p in places if p[0]], n - 1)]}


def pages(s: dict[str, list]) -> dict[str, list[list]]:
    """Page -> one list of requests per sample: (method, path, body); a page's network (drawn when it
    scrolls into view) is its request whose path holds /networks/."""
    g = lambda path: ("GET", path, None)  # noqa: E731
    out: dict[str, list[list]] = {"home": [[g("/stats"), g("/documents?offset=0&limit=10")]]}
    out["search"] = [[g(f"/search?q={quote(w)}&limit=5")] for w in s["search"]]
    out["agency"] = [[g(f"/agencies/{i}?duties=false"), g(f"/agencies/{i}/duties?offset=0&limit=20"),
                      g(f"/agencies/{i}/cooperation"),
                      g(f"/networks/agency/{i}?{NET}")] for i in map(key_to_id, s["agency"])]
    out["document"] = [[g(f"/documents/{i}"), g(f"/documents/{i}/text"), g(f"/documents/{i}/tasks?offset=0&limit=20"),
                        g(f"/networks/lineage/{i}?{NET}")] for i in map(key_to_id, s["document"])]
    out["region"] = [[g(f"/regions/{quote(r)}"), ("POST", "/queries/carried_down", {"params": {"region": r}})]
                     + [g(f"{p}?region={quote(r)}&offset=0&limit=10") for p in
                        ("/documents", "/agencies", "/zones", "/clusters", "/targets")]
                     + [g(f"/networks/region/{quote(r)}?types=Agency,Document,Zone,Cluster&{NET}")] for r in s["region"]]
    out["cascade"] = [[g(f"/cascade?{urlencode({'upper': u, 'lower': lo, 'min_tasks': 0})}"),
                       g(f"/cascade/uncarried?{urlencode({'upper': u, 'lower': lo, 'offset': 0, 'limit': 20})}"),
                       g(f"/networks/cascade?{urlencode({'upper': u, 'lower': lo})}&{NET}")] for u, lo in s["cascade"]]
    out["diffusion list"] = [[g("/diffusion/uppers?offset=0&limit=20")]]
    out["diffusion"] = [[g(f"/diffusion?upper={quote(u)}")] for u in s["upper"]]
    out["co-issuance"] = [[g(f"/coissuance?{urlencode({'region': r, 'min_documents': 1})}"),
                           g(f"/networks/coissuance?{urlencode({'region': r, 'min_documents': 1})}&{NET}")]
                          for r in s["coissuance"]]
    out["task"] = [[g(f"/tasks/{key_to_id(t)}")] for t in s["task"]]
    return out


def template(path: str) -> str:
    """A request's route: ids and names replaced by {x}.

    >>> template("/agencies/5rKz5Y2X/duties?limit=1"), template("/regions/%E8%AE%B8")
    ('/agencies/{x}/duties', '/regions/{x}')
    """
    parts = path.split("?")[0].split("/")
    return "/".join(p if p in ROUTE_WORDS else "{x}" for p in parts)


ROUTE_WORDS = {"", "agencies", "duties", "cooperation", "networks", "agency", "documents", "text", "tasks", "lineage",
               "regions", "region", "queries", "carried_down", "zones", "clusters", "targets", "cascade", "uncarried",
               "diffusion", "uppers", "coissuance", "search", "stats"}


async def load(client, requests: list) -> tuple[float, int, list[tuple[str, float, int]]]:
    """Fire a page's requests together: (wall seconds, bytes, [(path, seconds, status)])."""
    return await fire(client, requests)


async def fire(client, requests: list) -> tuple[float, int, list[tuple[str, float, int]]]:
    """Fire a page's requests together: (wall seconds, bytes, [(path, seconds, status)])."""
    async def one(method, path, body):
        t = time.perf_counter()
        r = await (client.post(path, json=body) if method == "POST" else client.get(path))
        return path, time.perf_counter() - t, r.status_code, len(r.content)
    t0 = time.perf_counter()
    done = await asyncio.gather(*(one(*r) for r in requests))
    return time.perf_counter() - t0, sum(d[3] for d in done), [(p, s, st) for p, s, st, _ in done]


async def run(base: str, plan: dict[str, list[list]], proc) -> dict:
    import httpx

    limits = httpx.Limits(max_connections=6, max_keepalive_connections=6)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        assets = 0
        for a in ASSETS:
            assets += len((await client.get(a)).content)
        for reqs in plan["search"][:12] + plan["agency"][:2]:  # both workers build their search indexes
            await load(client, reqs)
        results, routes, errors = {}, {}, []
        for page, instances in plan.items():
            times, nets, whole, sizes = [], [], [], []
            cpu0 = server_cpu_s(proc)
            for reqs in instances:
                first = [r for r in reqs if "/networks/" not in r[1]]
                net = [r for r in reqs if "/networks/" in r[1]]
                for part, into in ((first, times), (net, nets), (reqs, whole)):  # as the page loads; all at once
                    if not part:
                        continue
                    wall, size, parts = await load(client, part)
                    into.append(wall * 1000)
                    if part is reqs:
                        sizes.append(size)
                    for path, s, st in parts:
                        routes.setdefault(template(path), []).append(s * 1000)
                        if st != 200:
                            errors.append((st, path))
            cpu = (server_cpu_s(proc) - cpu0) * 1000 / len(instances) / (2 if nets else 1)
            results[page] = (sorted(times), sorted(nets), sorted(whole), max(sizes), cpu)
        return {"assets": assets, "pages": results, "errors": errors, "routes": routes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "policykg-bench-workbench.db")
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    ensure_db(a.db, a.docs, a.seed)
    plan = pages(sample(a.db, a.samples, a.seed))
    proc, base = start_server(a.db, a.workers, {"POLICYKG_RESPONSE_CACHE_MB": "0"})
    try:
        print(f"{a.db}: policykg serve, {a.workers} workers, response cache off; {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}; requests of a page fired together over 6 connections")
        out = asyncio.run(run(base, plan, proc))
    finally:
        stop_server(proc)
    print(f"the page's own files (HTML, scripts, styles, vis-network): {out['assets'] / 1e6:.2f} MB, loaded once")
    print("first data: what a page reads when it opens; network: its network, read when scrolled to; all at once:"
          " both fired together (ms)")
    print(f"{'page':<16} {'loads':>5} {'first p50':>9} {'p95':>7} {'max':>7} {'network p50':>11} {'p95':>7} "
          f"{'all at once p95':>15} {'largest data':>13} {'server CPU ms/page':>19}")
    for page, (times, nets, whole, biggest, cpu) in out["pages"].items():
        net = f"{statistics.median(nets):>11.1f} {pct(nets, 95):>7.1f}" if nets else f"{'-':>11} {'-':>7}"
        print(f"{page:<16} {len(times):>5} {statistics.median(times):>9.1f} {pct(times, 95):>7.1f} {times[-1]:>7.1f} "
              f"{net} {pct(whole, 95):>15.1f} {biggest / 1e6:>10.2f} MB {cpu:>19.1f}")
    slow = sorted(((pct(sorted(v), 95), k, len(v)) for k, v in out["routes"].items()), reverse=True)[:8]
    print("slowest routes (p95 ms, requests): " + "; ".join(f"{k} {p:.0f} ({n})" for p, k, n in slow))
    print(f"load average after: {os.getloadavg()[0]:.1f}; answers other than 200: {len(out['errors'])} "
          f"{out['errors'][:5]}")


if __name__ == "__main__":
    main()
