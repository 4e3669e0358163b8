"""Lineage in the graph, on the real documents of the test set (tests/gold/lineage, issue 14).

    python bench/lineage_graph.py [--shared ../shared] [--all] [--db DIR] [--show]

Ingests the corpus documents of the citation pairs and look-alike negatives of
``pairs.json`` and of the repeals of ``repeals.json`` (``--all``: every document of
``corpus/wild`` and ``corpus/dev``) into a fresh LadybugDB, wild and dev in two ingests, with the metadata ``policykg ingest DIR``
reads: ``manifest.csv`` and the crawler's ``SOURCES.tsv`` (url, title, region, date: many pages print
neither their title nor their 文号; ``--no-titles``: ``manifest.csv`` only), and prints:

- citation pairs: how many gold pairs are a ``DERIVED_FROM`` edge between the two real
  documents (by level: national->province, national->city, province->city/county, same
  region), and how many look-alike negatives are linked (should be 0);
- lags: for the level-crossing pairs the ``diffusion`` query answers, how many have the lag
  of the stored documents' dates, and how many the gold lag (``SOURCES.tsv`` dates);
- repeals: ``SUPERSEDES`` edges from the test set's repealing documents against the gold items
  (recall, precision over the repealing documents ingested), and how many point at a real
  document;
- the time of the ingest and of the lineage step of finalize.
"""
from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import sys
import tempfile
import time
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parents[1]
if not __package__:  # run as a script (python bench/lineage_graph.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(ROOT))
GOLD = ROOT / "tests" / "gold" / "lineage"

from bench.lineage import same_doc  # noqa: E402
from policykg.graph.stores.ladybug import LadybugStore  # noqa: E402
from policykg.ingest.load import discover, load_files  # noqa: E402
from policykg.queries import registry  # noqa: E402


def gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


def files_of_test_set(shared: pathlib.Path, everything: bool) -> dict[str, list[pathlib.Path]]:
    """{wild|dev|seeds: files} to ingest."""
    if everything:
        return {sub: sorted((shared / "corpus" / sub).glob("*.txt")) for sub in ("wild", "dev")}
    names = set()
    pairs = gold("pairs.json")
    for p in pairs["pairs"]:
        names |= {p["lower"]["file"], p["upper"]["file"]}
    for n in pairs["negatives"]:
        names |= {n["lower"], n["upper"]}
    for r in gold("repeals.json")["items"]:
        names.add(r["file"] if "/" in r["file"] else f"wild/{r['file']}")
    out: dict[str, list[pathlib.Path]] = {}
    for n in sorted(names):
        sub, file = n.split("/")
        path = shared / "corpus" / sub / file
        if not path.exists():
            path = shared / "corpus" / "seeds" / file
            sub = "seeds"
        out.setdefault(sub, []).append(path)
    return out


def ingest(store, groups: dict[str, list[pathlib.Path]], shared: pathlib.Path, titles: bool) -> dict:
    out = {}
    for sub, files in groups.items():
        if titles:  # as a directory is discovered: manifest.csv, and SOURCES.tsv where it is a manifest
            found = discover([shared / "corpus" / sub])
            found.files = list(files)
        else:
            manifest = shared / "corpus" / sub / "manifest.csv"
            found = discover(files, manifest if manifest.exists() else None)
        t = time.perf_counter()
        s = load_files(store, found, workers=2)
        out[sub] = {"docs": len(files), "new": s.new, "failed": s.failed, "seconds": round(time.perf_counter() - t, 1),
                    "lineage": s.finalize.get("lineage"), "finalize_s": s.seconds.get("finalize")}
    return out


def keys_by_file(store) -> dict[str, str]:
    return {src: key for key, src in store.query("MATCH (d:Document) WHERE d.stub = false RETURN d.key, d.source").rows}


def days(a: str | None, b: str | None) -> int | None:
    try:
        return (datetime.date.fromisoformat(b[:10]) - datetime.date.fromisoformat(a[:10])).days
    except (TypeError, ValueError):
        return None


def score_pairs(store, show: bool) -> None:
    pairs = gold("pairs.json")
    by_file = keys_by_file(store)
    key = lambda f: by_file.get(f.split("/")[1])  # noqa: E731
    edges = {(a, b) for a, b in store.query("MATCH (l:Document)-[e:DERIVED_FROM]->(u:Document) "
                                             "WHERE u.stub = false RETURN l.key, u.key").rows}
    rows = {(r["lower_key"], r["upper_key"]): r for r in registry.run(store, "diffusion", {}).records()}
    found, by_level, lag_stored, lag_gold, in_diffusion = Counter(), Counter(), 0, 0, 0
    for p in pairs["pairs"]:
        lo, up = key(p["lower"]["file"]), key(p["upper"]["file"])
        by_level[p["levels"]] += 1
        ok = (lo, up) in edges
        found[p["levels"]] += ok
        r = rows.get((lo, up))
        if r:
            in_diffusion += 1
            lag_stored += r["lag_days"] == days(r["upper_date"], r["lower_date"])
            lag_gold += r["lag_days"] == p["lag_days"]
            if show and r["lag_days"] != p["lag_days"]:
                print(f"  LAG  {p['lower']['file']} -> {p['upper']['file']}: {r['lag_days']} (dates {r['upper_date']} "
                      f"-> {r['lower_date']}), gold {p['lag_days']} (SOURCES {p['upper']['date']} -> {p['lower']['date']})")
        if show and not ok:
            print(f"  MISS {p['lower']['file']} -> {p['upper']['file']} ({p['levels']}, {p['basis']}: {p['cited_title'][:30]})")
    crossing = sum(v for k, v in by_level.items() if k.split("->")[0] != k.split("->")[1])
    crossing_found = sum(v for k, v in found.items() if k.split("->")[0] != k.split("->")[1])
    print(f"citation pairs: {sum(found.values())}/{len(pairs['pairs'])} are DERIVED_FROM between the real documents; "
          f"level-crossing {crossing_found}/{crossing}; " + ", ".join(f"{k} {found[k]}/{v}" for k, v in by_level.items()))
    wrong = [n for n in pairs["negatives"] if (key(n["lower"]), key(n["upper"])) in edges]
    print(f"look-alike negatives linked: {len(wrong)}/{len(pairs['negatives'])}")
    for n in wrong if show else []:
        print(f"  LOOKALIKE {n['lower']} -> {n['upper']}: {n['why']}")
    print(f"diffusion rows for the gold pairs: {in_diffusion}; lag = the stored dates' difference in {lag_stored}, "
          f"= the gold lag (SOURCES dates) in {lag_gold}")


def score_repeals(store, show: bool) -> None:
    items = gold("repeals.json")["items"]
    by_file = keys_by_file(store)
    got: dict[str, list] = {}
    for src, title, number, real in store.query(
            "MATCH (a:Document)-[e:SUPERSEDES]->(b:Document) RETURN a.source, e.cited_title, e.cited_number, "
            "b.stub = false").rows:
        got.setdefault(src, []).append((title, number, real))
    files = {g["file"].split("/")[-1] for g in items if g["file"].split("/")[-1] in by_file}
    gold_here = [g for g in items if g["file"].split("/")[-1] in files]
    found = sum(any(same_doc(g["title"], g["number"], t, n) for t, n, _ in got.get(g["file"].split("/")[-1], []))
                for g in gold_here)
    extracted = sum(len(got.get(f, [])) for f in files)
    correct = sum(any(same_doc(g["title"], g["number"], t, n) for g in gold_here if g["file"].split("/")[-1] == f)
                  for f in files for t, n, _ in got.get(f, []))
    real = sum(r for f in files for *_, r in got.get(f, []))
    print(f"repeals in the graph: recall {found / max(1, len(gold_here)):.3f} ({found}/{len(gold_here)}), precision "
          f"{correct / max(1, extracted):.3f} ({correct}/{extracted}) over {len(files)} repealing documents; "
          f"{real} SUPERSEDES edges point at an ingested document")
    status = store.query("MATCH (d:Document) WHERE d.status IS NOT NULL RETURN d.status, count(*) ORDER BY d.status").rows
    print("statuses: " + ", ".join(f"{s} {n}" for s, n in status))
    if show:
        for src, title, number, real in store.query(
                "MATCH (a:Document)-[e:SUPERSEDES]->(b:Document) WHERE b.stub = false RETURN a.source, e.cited_title, "
                "e.cited_number, b.source").rows:
            print(f"  SUPERSEDES {src} -> {real}: {title} {number}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=pathlib.Path, default=ROOT.parent / "shared")
    ap.add_argument("--all", action="store_true", help="ingest every wild and dev document, not only the test set's")
    ap.add_argument("--db", type=pathlib.Path, help="keep the database here (default: a temporary directory)")
    ap.add_argument("--show", action="store_true", help="print misses, wrong lags and repeal edges")
    ap.add_argument("--no-titles", action="store_true", help="metadata from manifest.csv only (url, region, "
                    "date), not SOURCES.tsv, which also gives each page's title")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with LadybugStore(a.db or pathlib.Path(tmp) / "g.db") as store:
            store.ensure_schema()
            groups = files_of_test_set(a.shared, a.all)
            for sub, info in ingest(store, groups, a.shared, not a.no_titles).items():
                print(f"ingest {sub}: {json.dumps(info, ensure_ascii=False)}")
            score_pairs(store, a.show)
            score_repeals(store, a.show)
            for typ in ("SUCCEEDED_BY", "MEMBER_OF", "ISSUED_BY"):
                n = store.query(f"MATCH ()-[e:{typ}]->() RETURN count(e)").rows[0][0]
                print(f"{typ}: {n}")


if __name__ == "__main__":
    main()
