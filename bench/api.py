"""HTTP API throughput and latency on loopback: a server under load, and a graph of >= 100,000 nodes.

``--scenario sample`` (issue 13's figures): ``policykg ingest`` of samples/corpus, then
``policykg serve --workers 2`` driven by 8 keep-alive connections with a mixed load of agency
searches, agency lookups and cascades -- p50/p99 for a timed run, with the response cache on and
off (POLICYKG_RESPONSE_CACHE_MB=0); 3,000 mixed requests, counting errors; and 30 s of reads
(and /health) while ``policykg ingest`` writes generated documents into the same database,
counting 5xx.

``--scenario graph``: builds (or reuses) a LadybugDB graph shaped like real data -- every
province, city and county of the generator's gazetteer, their line departments, documents with
tasks, duties, targets, task derivation and counterparts -- starts ``policykg serve`` with uvicorn
workers, drives it with wrk (when installed) or an async httpx client, and prints requests/s and
p50/p99 latency for agency lookups (GET /agencies/{id}) and searches (GET /agencies?q=).

    .venv/bin/python bench/api.py [--scenario sample|graph|both] [--db DIR] [--workers 2] [--seconds 10]
                                  [--connections 16] [--driver wrk|httpx|both] [--tasks-per-doc 12]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as a script (python bench/api.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(ROOT))

from policykg.queries.ids import key_to_id  # noqa: E402
from policykg.graph.batch import GraphBatch, merge  # noqa: E402
from policykg.graph.write import write_batch  # noqa: E402

FUNCTION_OF = {"发改": "发展改革", "工信": "工业和信息化", "国土": "自然资源", "环保": "生态环境", "财政": "财政",
               "科技": "科技", "商务": "商务", "人社": "人力资源社会保障", "教育": "教育", "交通": "交通运输",
               "统计": "统计", "金融": "金融", "电力": "电力", "住建": "住房城乡建设", "质监": "市场监管",
               "编办": "编制", "水利": "水利", "农业": "农业农村", "国资": "国资", "税务": "税务",
               "通信": "通信", "城管": "城市管理", "规划": "规划"}
VERBS = ("推进", "加快推进", "统筹推进", "组织开展", "研究制定", "加强", "完善")
OBJECTS = ("产业集聚区基础设施建设", "重点项目审批服务", "标准厂房建设", "招商引资工作", "企业技术改造",
           "园区环境整治", "人才引进培养", "融资担保体系", "电力保障能力", "土地节约集约利用", "物流园区规划",
           "科技创新平台", "职业技能培训", "统计监测制度", "水利配套工程")


def build_graph(tasks_per_doc: int, seed: int = 7) -> GraphBatch:
    """Every region of the gazetteer with its departments, documents, tasks and links."""
    from bench.generator import DEPTS, provinces

    rng = random.Random(seed)
    b = GraphBatch()
    depts = list(DEPTS.values())

    def agencies(region: str, province: str, level: str, prefix: str) -> list[str]:
        keys = []
        for d in depts:
            stems = d.stems("province" if level == "province" else "city", 1) or d.stems(level, 0)
            if not stems:
                continue
            name = region + stems[0]
            key = f"{region}|{name}"
            b.add_node("Agency", key, name=name, aliases=sorted({prefix + s for s in stems}), region=region,
                       province=province, level=level, collective=False, function=FUNCTION_OF.get(d.key, d.key),
                       span_start=-1, span_end=-1, rule="bench")
            b.add_edge("LOCATED_IN", "Agency", key, {"province": "Province", "city": "City"}.get(level, "County"),
                       region if level != "county" else f"{province}|{region}", rule="region")
            keys.append(key)
        return keys

    n_doc = 0

    def documents(region: str, province: str, level: str, agency_keys: list[str], n: int,
                  upper_tasks: list[str], upper_agencies: dict[str, str]) -> list[str]:
        nonlocal n_doc
        tasks_out = []
        for _ in range(n):
            n_doc += 1
            key = f"{region[:1]}政〔{rng.randint(2010, 2024)}〕{n_doc}号"
            b.add_node("Document", key, title=f"{region}人民政府关于推进产业集聚区建设的通知", doc_number=key,
                       date=f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                       province=province, city=region if level == "city" else None,
                       county=region if level == "county" else None, level=level, stub=False,
                       doc=key, span_start=-1, span_end=-1, rule="bench")
            for i in range(1, tasks_per_doc + 1):
                tk = f"{key}#T{i}"
                lead, helper = rng.sample(agency_keys, 2)
                text = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}。"
                b.add_node("Task", tk, text=text, ordinal=i, level=level, region=region,
                           deadline=f"{rng.randint(2011, 2026)}-12-31" if rng.random() < 0.4 else None,
                           doc=key, span_start=i * 40, span_end=i * 40 + len(text), rule="bench")
                b.add_edge("PART_OF", "Task", tk, "Document", key, doc=key, rule="bench")
                b.add_edge("RESPONSIBLE_FOR", "Agency", lead, "Task", tk, lead=True, doc=key, rule="bench")
                b.add_edge("COOPERATES_WITH", "Agency", helper, "Task", tk, doc=key, rule="bench")
                b.add_edge("COOPERATES_WITH", "Agency", helper, "Agency", lead, tasks=[tk], doc=key, rule="bench")
                for a in (lead, helper):
                    b.add_edge("MENTIONED_IN", "Agency", a, "Document", key, surface=a.split("|")[1], doc=key,
                               rule="bench")
                if i % 3 == 0:
                    b.add_node("Target", f"{key}#target{i}", text=f"新增标准厂房{i}万平方米", value=i * 10000.0,
                               unit="平方米", qualifier=">=", region=region, doc=key, span_start=-1, span_end=-1,
                               rule="bench")
                    b.add_edge("TARGET_OF", "Target", f"{key}#target{i}", "Task", tk, doc=key, rule="bench")
                if upper_tasks and rng.random() < 0.6:
                    b.add_edge("DERIVED_FROM", "Task", tk, "Task", rng.choice(upper_tasks), score=0.8,
                               rule="align:bench")
                tasks_out.append(tk)
        return tasks_out

    def counterparts(lower: list[str], upper: list[str]) -> dict[str, str]:
        by_fn = {k.split("|")[1][-4:]: k for k in upper}
        for k in lower:
            up = by_fn.get(k.split("|")[1][-4:])
            if up:
                b.add_edge("COUNTERPART_OF", "Agency", k, "Agency", up, score=0.9, basis="function",
                           rule="align:bench")
        return by_fn

    for p in provinces():
        b.add_node("Province", p.name, name=p.name)
        p_ag = agencies(p.name, p.name, "province", "省")
        p_tasks = documents(p.name, p.name, "province", p_ag, 10, [], {})
        for c in p.cities:
            b.add_node("City", c.name, name=c.name, province=p.name)
            b.add_edge("LOCATED_IN", "City", c.name, "Province", p.name, rule="gazetteer")
            c_ag = agencies(c.name, p.name, "city", "市")
            counterparts(c_ag, p_ag)
            c_tasks = documents(c.name, p.name, "city", c_ag, 4, p_tasks, {})
            for z in c.zones:
                b.add_node("Zone", z, name=z, region=c.name, kind="开发区", span_start=-1, span_end=-1, rule="bench")
            for county in c.counties:
                ck = f"{p.name}|{county}"
                b.add_node("County", ck, name=county, city=c.name, province=p.name)
                b.add_edge("LOCATED_IN", "County", ck, "City", c.name, rule="gazetteer")
                k_ag = agencies(county, p.name, "county", "县")
                counterparts(k_ag, c_ag)
                documents(county, p.name, "county", k_ag, 2, c_tasks, {})
    return merge([b])


def ensure_db(path: Path, tasks_per_doc: int, min_nodes: int) -> dict:
    from policykg.graph.stores.ladybug import LadybugStore

    if path.exists():
        with LadybugStore(path, read_only=True) as s:
            stats = s.stats()
        if sum(stats.nodes.values()) >= min_nodes:
            return stats.as_dict()
        path.unlink()
    t = time.perf_counter()
    batch = build_graph(tasks_per_doc)
    t_build = time.perf_counter() - t
    with LadybugStore(path) as s:
        s.ensure_schema()
        t = time.perf_counter()
        with s.transaction():
            rows = sum(write_batch(s, batch))
        t_write = time.perf_counter() - t
        stats = s.stats()
    print(f"graph: built {len(batch.nodes)} nodes + {len(batch.edges)} edges in {t_build:.1f} s, "
          f"wrote {rows} rows in {t_write:.1f} s ({rows / t_write:,.0f} rows/s)")
    return stats.as_dict()


def sample_paths(db: Path, n: int = 2000, seed: int = 11) -> dict[str, list[str]]:
    """Request paths: lookups of random agencies, searches for fragments of their names and aliases."""
    from policykg.graph.stores.ladybug import LadybugStore

    with LadybugStore(db, read_only=True) as s:
        rows = s.query("MATCH (a:Agency) RETURN a.key AS key, a.name AS name, a.aliases AS aliases").rows
    rng = random.Random(seed)
    picked = rng.sample(rows, min(n, len(rows)))
    lookups = [f"/agencies/{key_to_id(k)}" for k, _, _ in picked]
    searches = []
    for _, name, aliases in picked:
        text = rng.choice([name] + list(aliases or []))
        size = rng.randint(2, min(5, len(text)))
        start = rng.randint(0, len(text) - size)
        searches.append(f"/agencies?q={quote(text[start:start + size])}&limit=20")
    return {"lookup": lookups, "search": searches}


# --- the server -----------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


POLICYKG = str(Path(sys.executable).with_name("policykg"))


def start_server(db: Path, workers: int, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    proc = subprocess.Popen([POLICYKG, "serve", "--db", str(db), "--port", str(port), "--workers", str(workers),
                             "--no-access-log", "--log-level", "warning"], start_new_session=True,
                            env={**os.environ, "POLICYKG_API_KEY": "", **(env or {})})
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGTERM)
    raise SystemExit("the server did not come up")


def server_cpu_s(proc: subprocess.Popen) -> float:
    """CPU seconds used so far by the server: the supervisor and every worker (its process group)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == proc.pid:  # field 5, the process group
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def stop_server(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


# --- drivers --------------------------------------------------------------------------------------
def pct(sorted_ms: list[float], p: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(p / 100 * len(sorted_ms)))]


async def _httpx_run(base: str, paths: list[str], seconds: float, connections: int) -> dict:
    import httpx

    lat: list[float] = []
    errors = 0
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker(i: int):
            nonlocal errors
            j = i
            while time.perf_counter() < stop_at:
                t = time.perf_counter()
                r = await client.get(paths[j % len(paths)])
                lat.append((time.perf_counter() - t) * 1000)
                errors += r.status_code != 200
                j += connections
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(connections)))
        wall = time.perf_counter() - t0
    lat.sort()
    return {"requests": len(lat), "rps": len(lat) / wall, "p50": pct(lat, 50), "p99": pct(lat, 99), "errors": errors}


def run_httpx(base: str, paths: list[str], seconds: float, connections: int) -> dict:
    return asyncio.run(_httpx_run(base, paths, seconds, connections))


WRK_LUA = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. "\\n") end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%f %%f %%f %%d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def run_wrk(base: str, paths: list[str], seconds: float, connections: int, tmp: Path) -> dict:
    plist, script = tmp / "paths.txt", tmp / "paths.lua"
    plist.write_text("\n".join(paths) + "\n")
    script.write_text(WRK_LUA % plist)
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "10s",
                          "-s", str(script), base], capture_output=True, text=True, check=True)
    m = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", out.stdout)
    if not m:
        raise SystemExit(f"cannot read wrk output:\n{out.stdout}\n{out.stderr}")
    n, dur, p50, p99, err = m.groups()
    return {"requests": int(n), "rps": int(n) / float(dur), "p50": float(p50), "p99": float(p99),
            "errors": int(err) + out.stderr.count("status ")}


# --- issue 13: a server under load, over the sample corpus ------------------------------------------
SAMPLES = ROOT / "samples" / "corpus"


def ingest(corpus: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([POLICYKG, "ingest", str(corpus), "--db", str(db), "--workers", "1", "--format", "json",
                           *extra], capture_output=True, text=True)


def mixed_paths(db: Path, n: int = 900, seed: int = 5) -> list[str]:
    """Agency searches, agency lookups and cascades in turn, over every agency of the graph and
    every (province, city) pair its documents name."""
    from policykg.graph.stores.ladybug import LadybugStore

    with LadybugStore(db, read_only=True) as s:
        agencies = s.query("MATCH (a:Agency) RETURN a.key, a.name").rows
        pairs = s.query("MATCH (d:Document) WHERE d.city IS NOT NULL AND d.province IS NOT NULL "
                        "RETURN DISTINCT d.province, d.city").rows
    rng = random.Random(seed)
    out = []
    for i in range(n):
        key, name = rng.choice(agencies)
        if i % 3 == 0:
            size = rng.randint(2, min(4, len(name)))
            start = rng.randint(0, len(name) - size)
            out.append(f"/agencies?q={quote(name[start:start + size])}&limit=20")
        elif i % 3 == 1:
            out.append(f"/agencies/{key_to_id(key)}")
        else:
            upper, lower = rng.choice(pairs)
            out.append(f"/cascade?upper={quote(upper)}&lower={quote(lower)}")
    return out


async def raw_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a keep-alive connection (a client much lighter than httpx: on 2 cores the
    client's CPU is taken from the server)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    await reader.readexactly(length)
    return int(head.split(b" ", 2)[1])


async def _raw_run(port: int, paths: list[str], connections: int, seconds: float | None, total: int | None) -> dict:
    lat: list[float] = []
    statuses: dict[int, int] = {}
    stop_at = time.perf_counter() + (seconds or 1e9)
    left = [total if total is not None else 10 ** 12]

    async def client(i: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        j = i
        while time.perf_counter() < stop_at and left[0] > 0:
            left[0] -= 1
            t = time.perf_counter()
            try:
                status = await raw_get(reader, writer, paths[j % len(paths)])
            except (OSError, asyncio.IncompleteReadError):
                status = 0  # the connection broke: counted as an error, and a new one opened
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            lat.append((time.perf_counter() - t) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
            j += connections
        writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(connections)))
    wall = time.perf_counter() - t0
    lat.sort()
    return {"requests": len(lat), "rps": len(lat) / wall, "p50": pct(lat, 50), "p99": pct(lat, 99),
            "max": lat[-1], "errors": sum(n for st, n in statuses.items() if st != 200), "statuses": statuses}


def run_raw(base: str, paths: list[str], connections: int, seconds: float | None = None,
            total: int | None = None) -> dict:
    return asyncio.run(_raw_run(int(base.rsplit(":", 1)[1]), paths, connections, seconds, total))


def show(label: str, r: dict, cpu_ms: float | None = None) -> None:
    codes = ",".join(f"{k}:{v}" for k, v in sorted(r["statuses"].items()))
    print(f"{label:<34} {r['requests']:>8} {r['rps']:>7.0f} {r['p50']:>7.1f} {r['p99']:>7.1f} {r['max']:>7.1f} "
          f"{r['errors']:>6} {'' if cpu_ms is None else f'{cpu_ms:.2f}':>9}  {codes}", flush=True)


def ingest_during_reads(db: Path, base: str, paths: list[str], seconds: float, tmp: Path) -> None:
    """Reads (and /health) for ``seconds`` while ``policykg ingest`` writes the same database."""
    from bench.generate import write_corpus
    from bench.generator import generate_corpus

    corpus = tmp / "generated"
    write_corpus(generate_corpus(120, 13), corpus, False)
    runs: list[tuple[int, float, str]] = []
    stop = threading.Event()

    def writer() -> None:  # ingest, then re-ingest with --force, until the reads are over
        while not stop.is_set():
            t = time.perf_counter()
            done = ingest(corpus, db, *(["--force"] if runs else []))
            runs.append((done.returncode, time.perf_counter() - t, done.stderr[-300:]))

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        r = run_raw(base, [p for path in paths for p in (path, "/health")], 8, seconds=seconds)
    finally:
        stop.set()
        thread.join()
    show(f"reads during ingest ({seconds:.0f} s)", r)
    fivexx = sum(n for st, n in r["statuses"].items() if st >= 500)
    print(f"  {fivexx} answers 5xx of {r['requests']}; {len(runs)} ingest run(s) of {len(list(corpus.glob('*.txt')))} "
          f"documents, exit codes {[c for c, _, _ in runs]}, {', '.join(f'{s:.0f} s' for _, s, _ in runs)}")
    for code, _, err in runs:
        if code:
            print(f"  ingest failed: {err}")


def sample_scenario(args) -> None:
    """Issue 13's figures: mixed load with and without the response cache, 3,000 requests, ingest during reads."""
    import httpx

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "sample.db"
        done = ingest(SAMPLES, db)
        if done.returncode:
            raise SystemExit(f"ingest of {SAMPLES} failed: {done.stderr}")
        paths = mixed_paths(db)
        print(f"sample corpus: {SAMPLES} ingested into {db}; {len(paths)} mixed paths "
              f"(search / agency / cascade); {args.workers} uvicorn workers, {os.cpu_count()} cores; "
              f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"{'run':<34} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6} "
              f"{'CPU ms/req':>9}  statuses")
        for label, env in (("mixed, 8 conns, cache off", {"POLICYKG_RESPONSE_CACHE_MB": "0"}),
                           ("mixed, 8 conns, cache on", {})):  # last: the ingest then grows the graph
            proc, base = start_server(db, args.workers, env)
            try:
                for p in paths[:60]:
                    httpx.get(base + p, timeout=30)
                cpu0 = server_cpu_s(proc)
                r = run_raw(base, paths, 8, seconds=args.seconds)
                show(f"{label} ({args.seconds:.0f} s)", r, (server_cpu_s(proc) - cpu0) * 1000 / r["requests"])
                r = run_raw(base, paths[::-1], 8, total=3000)
                show(f"{label.split(',')[0]}, 3,000 requests", r)
                if not env:
                    ingest_during_reads(db, base, paths, args.ingest_seconds, tmp)
            finally:
                stop_server(proc)


def graph_scenario(args) -> None:
    stats = ensure_db(args.db, args.tasks_per_doc, args.min_nodes)
    n_nodes, n_rels = sum(stats["nodes"].values()), sum(stats["relationships"].values())
    print(f"graph: {n_nodes:,} nodes, {n_rels:,} relationships ({stats['nodes']['Agency']:,} agencies) at {args.db}")
    paths = sample_paths(args.db)
    drivers = ["wrk", "httpx"] if args.driver == "both" else [args.driver]
    proc, base = start_server(args.db, args.workers, {"POLICYKG_RESPONSE_CACHE_MB": "0"})
    try:
        import httpx

        for kind, ps in paths.items():  # warm both workers' caches
            for p in ps[:200]:
                httpx.get(base + p, timeout=30)
        print(f"server: policykg serve, {args.workers} uvicorn worker(s), {os.cpu_count()} cores, response cache "
              f"off; {args.connections} connections, {args.seconds:.0f} s per run")
        print(f"load average before: {os.getloadavg()[0]:.1f} (the machine is shared; "
              "server CPU ms/request is the figure noise changes least)")
        print(f"{'scenario':<10} {'driver':<7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} "
              f"{'srv CPU ms/req':>15}")
        with tempfile.TemporaryDirectory() as tmp:
            for kind, ps in paths.items():
                for d in drivers:
                    cpu0 = server_cpu_s(proc)
                    r = (run_wrk(base, ps, args.seconds, args.connections, Path(tmp)) if d == "wrk"
                         else run_httpx(base, ps, args.seconds, args.connections))
                    cpu_ms = (server_cpu_s(proc) - cpu0) * 1000 / max(1, r["requests"])
                    print(f"{kind:<10} {d:<7} {r['requests']:>9} {r['rps']:>8.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
                          f"{r['errors']:>7} {cpu_ms:>15.2f}", flush=True)
    finally:
        stop_server(proc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenario", choices=("sample", "graph", "both"), default="both")
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "policykg-bench-api.db")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--ingest-seconds", type=float, default=30)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--driver", choices=("wrk", "httpx", "both"), default="both" if shutil.which("wrk") else "httpx")
    ap.add_argument("--tasks-per-doc", type=int, default=12)
    ap.add_argument("--min-nodes", type=int, default=100_000)
    args = ap.parse_args()
    if args.scenario in ("sample", "both"):
        sample_scenario(args)
    if args.scenario in ("graph", "both"):
        graph_scenario(args)


if __name__ == "__main__":
    main()
