#!/usr/bin/env python3
"""Flatten gold documents to one line each and score the extractor on them.

A page scraped without its line breaks (or a document stored in one CSV or JSON field) runs its
title, addressees, numbered items, signature and date together on one line.  This script writes
such a version of every document a gold directory annotates and scores it with the project's
scorer, beside the unflattened documents, so the two can be compared side by side.

Usage:
  flatten.py --gold DIR --corpus DIR --out DIR [--sep ""] [--cmd "policykg extract"] [--json OUT]

Writes OUT/corpus/NAME (the document on one line: its non-blank lines joined by ``--sep``, "" by
default: nothing between them), OUT/gold/NAME.json (the same gold, unchanged) and prints the
scores of both versions (``tools/eval/score.py`` on each).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def flatten(text: str, sep: str = "") -> str:
    """The text on one line: its non-blank lines, stripped, joined by ``sep``.

    >>> flatten("关于X的通知\\n各县:\\n  一、做好规划。\\n\\n某市人民政府\\n2024年3月5日\\n")
    '关于X的通知各县:一、做好规划。某市人民政府2024年3月5日'
    """
    return sep.join(line.strip() for line in text.splitlines() if line.strip())


def write_flat(gold: pathlib.Path, corpus: pathlib.Path, out: pathlib.Path, sep: str = "") -> int:
    """Flattened copies of the documents ``gold`` annotates, with their gold files; how many."""
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    n = 0
    for g in sorted(gold.glob("*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        name = data.get("source", g.stem)
        src = corpus / name
        text = src.read_bytes().decode("utf-8", errors="replace")
        (out / "corpus" / name).write_text(flatten(text, sep), encoding="utf-8")
        (out / "gold" / g.name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, type=pathlib.Path)
    ap.add_argument("--corpus", required=True, type=pathlib.Path)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--sep", default="", help="what joins the lines (default: nothing)")
    ap.add_argument("--cmd", default="policykg extract")
    ap.add_argument("--json", type=pathlib.Path, help="write both summaries here")
    a = ap.parse_args()
    n = write_flat(a.gold, a.corpus, a.out, a.sep)
    print(f"flattened {n} documents into {a.out / 'corpus'}")
    summaries = {}
    for label, gold, corpus in (("as printed", a.gold, a.corpus), ("one line", a.out / "gold", a.out / "corpus")):
        target = a.out / f"score-{label.replace(' ', '-')}.json"
        print(f"--- {label}")
        subprocess.run([sys.executable, str(HERE / "score.py"), "--gold", str(gold), "--corpus", str(corpus),
                        "--cmd", a.cmd, "--json", str(target)], check=True)
        summaries[label] = json.loads(target.read_text(encoding="utf-8"))
    if a.json:
        a.json.write_text(json.dumps(summaries, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
