"""Latency of every named query on a generated graph of a million nodes, LadybugDB and Neo4j side
by side in one run.

    python bench/query.py [--nodes 1000000] [--runs 30] [--neo4j bolt://…] [--no-neo4j] [--copy] [--seed 7]

The graph is generated directly as rows (no extraction), in the shape the ingest builds: 30
provinces of 10 cities of 10 counties; in each region a set of departments (function codes and
names from the lexicon, a province's 省发展改革委 alias ...); provincial, city and county
documents (city documents cite a provincial one, county documents a city one); ~150 tasks per
document carried by a department of its region (a quarter with a cooperating one), numeric
targets, deadlines, zones and clusters; alignment's facts as realign() leaves them (city and
county departments COUNTERPART_OF the same function one level up; 60% of lower tasks
DERIVED_FROM a task of that counterpart in the cited document).

Both stores are loaded with UNWIND batches of 20k rows (LadybugDB: COPY FROM CSV with --copy).  Each
query then runs --runs times per store (after 3 warm-up runs) with the same sequence of
parameters (random regions/agencies), through policykg.queries.registry.run, and the p50 and
p95 latencies are printed.
"""
from __future__ import annotations

import argparse
import csv
import pathlib
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict

if not __package__:  # run as a script (python bench/query.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from policykg.graph import schema  # noqa: E402
from policykg.vocab.bodies import FUNCTIONS  # noqa: E402

TOPICS = ["产业集聚区", "标准厂房", "污水处理", "电网改造", "招商引资", "科技创新", "人才培训", "融资平台", "物流园区",
          "信息平台", "土地整理", "节能减排", "质量品牌", "统计监测", "职业教育", "交通路网", "电子商务", "小额贷款"]
ACTIONS = ["规划编制", "项目建设", "政策制定", "考核评价", "资金保障", "审批备案", "督促检查", "试点示范", "体制创新"]
VERBS = ["推进", "完成", "制定", "落实", "组织", "加快", "指导", "协调"]


class Graph:
    """Rows per node label and per (type, src label, dst label), in schema column order."""

    def __init__(self):
        self.nodes: dict[str, list[dict]] = defaultdict(list)
        self.edges: dict[tuple[str, str, str], list[dict]] = defaultdict(list)

    def node(self, label: str, key: str, **props):
        self.nodes[label].append({"key": key, **props})

    def edge(self, typ: str, sl: str, s: str, dl: str, d: str, **props):
        self.edges[(typ, sl, dl)].append({"src": s, "dst": d, **props})

    @property
    def n_nodes(self) -> int:
        return sum(map(len, self.nodes.values()))

    @property
    def n_edges(self) -> int:
        return sum(map(len, self.edges.values()))


def generate(target_nodes: int, seed: int) -> tuple[Graph, dict]:
    """A graph of at least ``target_nodes`` nodes, and the names the benchmark's parameters use."""
    rnd = random.Random(seed)
    g = Graph()
    n_prov, n_city, n_county = 30, 10, 10
    docs_per = {"province": 10, "city": 5, "county": 1}
    fns = FUNCTIONS[:25]
    county_fns = fns[:12]
    fixed = (n_prov * (1 + n_city * (1 + n_county)) + n_prov * len(fns) + n_prov * n_city * len(fns)
             + n_prov * n_city * n_county * (len(county_fns) + 2))
    n_docs = n_prov * (docs_per["province"] + n_city * (docs_per["city"] + n_county * docs_per["county"]))
    tasks_per_doc = max(10, int((target_nodes - fixed - n_docs) / 1.3 / n_docs) + 1)

    agencies: dict[tuple[str, str], str] = {}  # (region, fn) -> key
    region_agencies: dict[str, list[str]] = defaultdict(list)
    region_docs: dict[str, list[str]] = defaultdict(list)
    fn_tasks: dict[tuple[str, str], list[str]] = defaultdict(list)  # (doc, fn) -> task keys
    names = {"provinces": [], "cities": defaultdict(list), "city_tasks": [], "city_docs": [], "fns": fns}

    def add_agencies(region, level, province, place_label, fnlist):
        prefix = {"province": "省", "city": "市", "county": "县"}[level]
        for fn, cores, prov_name, city_name in fnlist:
            full = prov_name if level == "province" else city_name
            key = f"{region}|{full}"
            agencies[(region, fn)] = key
            region_agencies[region].append(key)
            g.node("Agency", key, name=region + full, aliases=[prefix + cores[0], prefix + cores[-1]], region=region,
                   province=province, level=level, collective=False, function=fn, doc=None, span_start=-1,
                   span_end=-1, rule="lexicon")
            g.edge("LOCATED_IN", "Agency", key, place_label, region, rule="region")

    def add_doc(region, level, province, city, county, place_label, number, upper_doc):
        key = number
        date = f"20{rnd.randint(10, 20):02d}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        g.node("Document", key, title=f"{region}{rnd.choice(TOPICS)}工作方案", doc_number=number, issuer=region + "人民政府",
               date=date, province=province, city=city, county=county, level=level, source=f"{key}.txt", url=None,
               sha=None, stub=False, text=None, doc=key, span_start=-1, span_end=-1, rule="meta")
        g.edge("ISSUED_IN", "Document", key, place_label, region, doc=key, rule="meta")
        if upper_doc:
            g.edge("DERIVED_FROM", "Document", key, "Document", upper_doc, score=None, doc=key, span_start=-1,
                   span_end=-1, rule="cites")
        region_docs[region].append(key)
        fnlist = fns if level != "county" else county_fns
        for i in range(1, tasks_per_doc + 1):
            fn = rnd.choice(fnlist)[0]
            tkey = f"{key}#T{i}"
            deadline = f"{date[:4]}-{rnd.choice(['03-31', '06-30', '09-30', '12-31'])}" if rnd.random() < 0.4 else None
            g.node("Task", tkey, text=f"{rnd.choice(VERBS)}{rnd.choice(TOPICS)}{rnd.choice(ACTIONS)}", section=None,
                   deadline_text="年内" if deadline else None, deadline=deadline, level=level, region=region, ordinal=i,
                   doc=key, span_start=i * 40, span_end=i * 40 + 30, rule="structure")
            g.edge("PART_OF", "Task", tkey, "Document", key, doc=key, rule="structure")
            akey = agencies[(region, fn)]
            g.edge("RESPONSIBLE_FOR", "Agency", akey, "Task", tkey, lead=True, doc=key, span_start=i * 40,
                   span_end=i * 40 + 6, rule="section")
            if rnd.random() < 0.25:
                other = agencies[(region, rnd.choice(fnlist)[0])]
                if other != akey:
                    g.edge("COOPERATES_WITH", "Agency", other, "Task", tkey, tasks=None, doc=key, rule="cooperate")
            if rnd.random() < 0.3:
                gkey = f"{key}#G{i}"
                g.node("Target", gkey, text=f"完成投资{i}亿元", value=i * 1e8, value_max=None, unit="元", qualifier=">=",
                       region=region, doc=key, span_start=i * 40 + 10, span_end=i * 40 + 20, rule="numbers")
                g.edge("TARGET_OF", "Target", gkey, "Task", tkey, doc=key, rule="numbers")
            fn_tasks[(key, fn)].append(tkey)
            if upper_doc and rnd.random() < 0.6 and fn_tasks.get((upper_doc, fn)):
                g.edge("DERIVED_FROM", "Task", tkey, "Task", rnd.choice(fn_tasks[(upper_doc, fn)]),
                       score=round(rnd.uniform(0.3, 1.0), 4), doc=key, span_start=-1, span_end=-1,
                       rule="align:counterpart")
            if level == "city":
                names["city_tasks"].append(tkey)
        if level == "city":
            names["city_docs"].append(key)
        for akey in region_agencies[region]:
            g.edge("MENTIONED_IN", "Agency", akey, "Document", key, surface=akey.split("|")[1], doc=key, rule="lexicon")

    for p in range(n_prov):
        prov = f"省{p:02d}省"
        names["provinces"].append(prov)
        g.node("Province", prov, name=prov, rule="gazetteer")
        add_agencies(prov, "province", prov, "Province", fns)
        for k in range(docs_per["province"]):
            add_doc(prov, "province", prov, None, None, "Province", f"省{p:02d}政〔2020〕{k}号", None)
        for c in range(n_city):
            city = f"市{p:02d}{c:02d}市"
            names["cities"][prov].append(city)
            g.node("City", city, name=city, province=prov, rule="gazetteer")
            g.edge("LOCATED_IN", "City", city, "Province", prov, rule="gazetteer")
            add_agencies(city, "city", prov, "City", fns)
            for fn, *_ in fns:
                g.edge("COUNTERPART_OF", "Agency", agencies[(city, fn)], "Agency", agencies[(prov, fn)], score=0.9,
                       basis="function", rule="align:function")
            for k in range(docs_per["city"]):
                add_doc(city, "city", prov, city, None, "City", f"市{p:02d}{c:02d}政〔2020〕{k}号",
                        rnd.choice(region_docs[prov]))
            for k in range(n_county):
                county = f"县{p:02d}{c:02d}{k:02d}县"
                g.node("County", county, name=county, city=city, province=prov, rule="gazetteer")
                g.edge("LOCATED_IN", "County", county, "City", city, rule="gazetteer")
                add_agencies(county, "county", prov, "County", county_fns)
                for fn, *_ in county_fns:
                    g.edge("COUNTERPART_OF", "Agency", agencies[(county, fn)], "Agency", agencies[(city, fn)],
                           score=0.9, basis="function", rule="align:function")
                add_doc(county, "county", prov, city, county, "County", f"县{p:02d}{c:02d}{k:02d}政〔2020〕1号",
                        rnd.choice(region_docs[city]))
                zone, cluster = f"{county}|经济开发区", f"{county}|装备制造"
                g.node("Zone", zone, name=county + "经济开发区", region=county, kind="development_zone", rule="zones")
                g.node("Cluster", cluster, name=county + "装备制造", region=county, rule="clusters")
                g.edge("MENTIONED_IN", "Zone", zone, "Document", region_docs[county][0], surface=zone, rule="zones")
                g.edge("MENTIONED_IN", "Cluster", cluster, "Document", region_docs[county][0], surface=cluster,
                       rule="clusters")
                g.edge("MEMBER_OF", "Zone", zone, "Cluster", cluster, rule="clusters")
                g.edge("LOCATED_IN", "Zone", zone, "County", county, rule="zones")
    return g, names


# --- loading -----------------------------------------------------------------------------------
def _cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ",".join(v) + "]"
    return v


def load_ladybug_copy(store, g: Graph, tmp: pathlib.Path) -> None:
    """COPY FROM one CSV file per node label and per relationship (type, from, to).

    Not the default: LadybugDB 0.22's COPY of the Task table (~190k rows of Chinese keys) hung
    now and then on this 2-core machine (the same file loaded in under a second on other runs): a
    deadlock in its parallel primary-key index build, caught in gdb (tools/repro/README.md)."""
    for lbl, rows in g.nodes.items():
        cols = list(schema.NODES[lbl].columns)
        path = tmp / f"n_{lbl}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(cols)
            w.writerows([_cell(r.get(c)) for c in cols] for r in rows)
        store.execute(f"COPY {schema.label(lbl)} FROM '{path}' (header=true)")
    for (typ, src, dst), rows in g.edges.items():
        cols = list(schema.RELS[typ].columns)
        path = tmp / f"e_{typ}_{src}_{dst}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["from", "to", *cols])
            w.writerows([r["src"], r["dst"], *(_cell(r.get(c)) for c in cols)] for r in rows)
        opts = f", from='{schema.label(src)}', to='{schema.label(dst)}'" if len(schema.RELS[typ].pairs) > 1 else ""
        store.execute(f"COPY {schema.rel_type(typ)} FROM '{path}' (header=true{opts})")


def load_ladybug(store, g: Graph, batch: int = 20000) -> None:
    """UNWIND batches: CREATE nodes with every schema column (CAST, so all-null columns bind),
    then two MATCH clauses (one is planned as a cross product) and CREATE edges."""
    for lbl, rows in g.nodes.items():
        cols = schema.NODES[lbl].columns
        sets = ", ".join(f"{c}: {store.cast('r.' + c, t)}" for c, t in cols.items())
        q = f"UNWIND $rows AS r CREATE (n:{schema.label(lbl)} {{{sets}}})"
        for i in range(0, len(rows), batch):
            with store.transaction():
                store.execute(q, {"rows": [{c: r.get(c) for c in cols} for r in rows[i:i + batch]]})
    for (typ, src, dst), rows in g.edges.items():
        cols = schema.RELS[typ].columns
        props = ", ".join(f"{c}: {store.cast('r.' + c, t)}" for c, t in cols.items())
        q = (f"UNWIND $rows AS r MATCH (a:{schema.label(src)} {{key: r.src}}) MATCH (b:{schema.label(dst)} "
             f"{{key: r.dst}}) CREATE (a)-[e:{schema.rel_type(typ)} {{{props}}}]->(b)")
        for i in range(0, len(rows), batch):
            with store.transaction():
                store.execute(q, {"rows": [{"src": r["src"], "dst": r["dst"], **{c: r.get(c) for c in cols}}
                                           for r in rows[i:i + batch]]})


def load_neo4j(store, g: Graph, batch: int = 20000) -> None:
    """UNWIND batches: CREATE nodes (fresh database, keys unique), then MATCH ends and CREATE edges."""
    for lbl, rows in g.nodes.items():
        q = f"UNWIND $rows AS r CREATE (n:{schema.label(lbl)}) SET n = r"
        for i in range(0, len(rows), batch):
            store.execute(q, {"rows": [{k: v for k, v in r.items() if v is not None}
                                       for r in rows[i:i + batch]]})
    for (typ, src, dst), rows in g.edges.items():
        q = (f"UNWIND $rows AS r MATCH (a:{schema.label(src)} {{key: r.src}}) MATCH (b:{schema.label(dst)} "
             f"{{key: r.dst}}) CREATE (a)-[e:{schema.rel_type(typ)}]->(b) SET e = r.props")
        for i in range(0, len(rows), batch):
            store.execute(q, {"rows": [{"src": r["src"], "dst": r["dst"],
                                        "props": {k: v for k, v in r.items() if k not in ("src", "dst") and v is not None}}
                                       for r in rows[i:i + batch]]})


# --- queries -----------------------------------------------------------------------------------
def param_sequence(names: dict, runs: int, seed: int) -> dict[str, list[dict]]:
    rnd = random.Random(seed)
    out: dict[str, list[dict]] = defaultdict(list)
    for _ in range(runs):
        prov = rnd.choice(names["provinces"])
        city = rnd.choice(names["cities"][prov])
        fn, cores, *_ = rnd.choice(names["fns"])
        fn2, cores2, *_ = rnd.choice(names["fns"])
        out["agency_duties"].append({"agency": "省" + cores[0], "region": prov})
        out["agency_cooperation"].append({"agency": "省" + cores[0], "region": prov})
        out["cascade"].append({"upper": prov, "lower": city})
        out["task_chain"].append({"task": rnd.choice(names["city_tasks"])})
        out["document_lineage"].append({"document": rnd.choice(names["city_docs"])})
        out["region_targets"].append({"region": city, "unit": "元"})
        out["deadlines_before"].append({"date": "2015-06-30", "region": city})
        out["region_zones"].append({"region": city})
        out["region_clusters"].append({"region": city})
        out["gaps_uncarried"].append({"upper": prov, "lower": city})
        out["gaps_no_counterpart"].append({"lower": city, "upper": prov})
        out["busiest_agencies"].append({"region": prov, "top": 10})
        out["agency_path"].append({"source": "市" + cores[0], "source_region": city, "target": "省" + cores2[0],
                                   "target_region": prov})
    return out


def measure(store, seq: dict[str, list[dict]], timeout_s: float) -> dict[str, dict]:
    from policykg.errors import QueryTimeoutError
    from policykg.queries import registry

    out = {}
    for name, params in seq.items():
        for p in params[:3]:  # warm-up
            try:
                registry.run(store, name, p, timeout_s=timeout_s)
            except QueryTimeoutError:
                pass
        times, rows, timeouts = [], [], 0
        for p in params:
            t = time.perf_counter()
            try:
                rows.append(len(registry.run(store, name, p, timeout_s=timeout_s).rows))
            except QueryTimeoutError:
                timeouts += 1
            times.append((time.perf_counter() - t) * 1000)
            if timeouts:  # one cut-off run is enough to know: do not spend --runs x --timeout on it
                break
        times.sort()
        out[name] = {"p50": statistics.median(times), "p95": times[min(len(times) - 1, int(0.95 * len(times)))],
                     "rows": statistics.median(rows) if rows else 0, "timeouts": timeouts}
        print(f"  {store.dialect:8} {name:22} {'TIMED OUT' if timeouts else ''} p50 {out[name]['p50']:8.1f} ms  p95 {out[name]['p95']:8.1f} ms",
              flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per query before it is cut off")
    ap.add_argument("--neo4j", help="bolt URI of an empty Neo4j to fill (default: start one here)")
    ap.add_argument("--no-neo4j", action="store_true")
    ap.add_argument("--copy", action="store_true", help="load LadybugDB with COPY FROM CSV (faster; see "
                    "load_ladybug_copy for why it is not the default)")
    args = ap.parse_args(argv)

    from policykg.graph.stores.ladybug import LadybugStore

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="policykg-bench-query-"))
    t = time.perf_counter()
    g, names = generate(args.nodes, args.seed)
    print(f"generated {g.n_nodes:,} nodes and {g.n_edges:,} relationships in {time.perf_counter() - t:.1f} s",
          flush=True)
    seq = param_sequence(names, args.runs, args.seed)
    results = {}
    try:
        store = LadybugStore(tmp / "graph.db")
        store.ensure_schema()
        t = time.perf_counter()
        if args.copy:
            load_ladybug_copy(store, g, tmp)
        else:
            load_ladybug(store, g)
        print(f"LadybugDB: loaded ({'COPY FROM' if args.copy else 'UNWIND batches'}) in "
              f"{time.perf_counter() - t:.1f} s", flush=True)
        results["ladybug"] = measure(store, seq, args.timeout)
        store.close()

        if not args.no_neo4j:
            from policykg.servers.neo4j import BULK, BULK_GC, BULK_HEAP, Neo4jServer
            from policykg.graph.stores.neo4j import Neo4jStore

            server = None
            uri = args.neo4j
            if not uri:
                # sized as docker-compose.yml runs it: 4g heap (G1), 4g page cache, 3g transactions
                server = Neo4jServer(tmp / "neo4j", heap=BULK_HEAP, config=BULK, gc=BULK_GC).start()
                uri = server.uri
            try:
                with Neo4jStore(uri) as n4:
                    n4.ensure_schema()
                    n4.clear()
                    t = time.perf_counter()
                    load_neo4j(n4, g)
                    n4.execute("CALL db.awaitIndexes(600)")
                    print(f"Neo4j: UNWIND batches in {time.perf_counter() - t:.1f} s", flush=True)
                    results["neo4j"] = measure(n4, seq, args.timeout)
            finally:
                if server:
                    server.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    stores = list(results)
    print(f"\nquery latency, ms ({args.runs} runs each, {g.n_nodes:,} nodes, {g.n_edges:,} relationships)")
    head = f"{'query':22}" + "".join(f"{s + ' p50':>14}{s + ' p95':>14}" for s in stores) + f"{'rows (median)':>15}"
    print(head)
    for name in seq:
        line = f"{name:22}" + "".join(f"{results[s][name]['p50']:14.1f}{results[s][name]['p95']:14.1f}" for s in stores)
        timeouts = sum(results[s][name]["timeouts"] for s in stores)
        cut = [s for s in stores if results[s][name]["timeouts"]]
        print(line + f"{results[stores[0]][name]['rows']:15.0f}"
              + (f"  (cut off after {args.timeout:.0f} s on {', '.join(cut)})" if cut else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
