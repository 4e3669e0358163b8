#!/usr/bin/env python3
"""Run `policykg cascade` for every cascade gold file and score it (tools/eval/score_cascade.py).

Usage: run_cascade_gold.py GOLD_DIR --levels-db DB --wild-db DB [--policykg CMD] [--gold-documents]

Each gold file names its upper and lower regions and its corpus (levels | wild): the cascade between
the two regions is read from the database holding that corpus, and scored; a table per file and the
totals per level shape are printed (tp, fp, fn summed over the files of a shape).
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = pathlib.Path(__file__).resolve().parent
LINE = re.compile(r"^(cascade pairs|task pairs|uncarried): P ([0-9.]+) R ([0-9.]+) F1 ([0-9.]+) \(tp (\d+), fp (\d+), fn (\d+)\)")


def run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(cmd)} failed: {done.stderr}")
    return done.stdout


def score(gold: pathlib.Path, db: str, policykg: list[str], gold_documents: bool) -> dict:
    g = json.loads(gold.read_text(encoding="utf-8"))
    out = run(policykg + ["cascade", "--upper", g["upper"]["region"], "--lower", g["lower"]["region"], "--db", db,
                          "--format", "json"])
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(out)
    text = run([sys.executable, str(HERE / "score_cascade.py"), str(gold), f.name]
               + (["--gold-documents"] if gold_documents else []))
    res = {m.group(1): tuple(int(x) for x in m.groups()[4:]) for m in map(LINE.match, text.splitlines()) if m}
    return {"shape": g.get("shape", "?"), "scores": res}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def fmt(t):
    return "P {:.2f} R {:.2f} F1 {:.2f}".format(*prf(*t)) + " ({}/{}/{})".format(*t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold_dir")
    ap.add_argument("--levels-db", required=True)
    ap.add_argument("--wild-db", required=True)
    ap.add_argument("--policykg", default=".venv/bin/policykg")
    ap.add_argument("--gold-documents", action="store_true")
    a = ap.parse_args()
    shapes: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for gold in sorted(pathlib.Path(a.gold_dir).glob("*.json")):
        corpus = json.loads(gold.read_text(encoding="utf-8"))["upper"].get("corpus", "wild")
        got = score(gold, a.levels_db if corpus == "levels" else a.wild_db, a.policykg.split(), a.gold_documents)
        print(f"{gold.name:45} " + " | ".join(f"{k}: {fmt(v)}" for k, v in got["scores"].items()))
        for k, v in got["scores"].items():
            for tot in (shapes[got["shape"]][k], shapes["all"][k]):
                for i in range(3):
                    tot[i] += v[i]
    print()
    for shape, scores in sorted(shapes.items()):
        print(f"{shape:30} " + " | ".join(f"{k}: {fmt(v)}" for k, v in scores.items()))


if __name__ == "__main__":
    main()
