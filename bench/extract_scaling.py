"""Extraction time against document size: is it linear?

    python bench/extract_scaling.py [--corpus ../shared/corpus/wild] [--sizes 1,3,10]

Builds single documents of 1, 3 and 10 MB (UTF-8) by joining the corpus's texts (or generated
ones when the corpus is not here), extracts each in this process (CPU time, best of --repeat)
and prints seconds, MB per CPU-second and the ratio of each size's time to the 1 MB one:
linear extraction keeps the 10 MB document within about 10x (the aim is 15x).
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

if not __package__:  # run as a script (python bench/extract_scaling.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from bench.generator import generate_corpus  # noqa: E402
from policykg.ingest.pipeline import extract_text  # noqa: E402
from policykg.vocab.places import gazetteer  # noqa: E402


def _source_text(corpus: pathlib.Path) -> str:
    if corpus.is_dir():
        return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.glob("*.txt")))
    return "\n".join(d.text for d in generate_corpus(2000, 7))


def _document(source: str, mb: float) -> str:
    """A text of ``mb`` megabytes of UTF-8, cut at a line end."""
    want = int(mb * 1e6)
    text = source
    while len(text.encode("utf-8")) < want:
        text += "\n" + source
    cut = text.encode("utf-8")[:want].decode("utf-8", errors="ignore")
    return cut[:cut.rfind("\n")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parents[2] / "shared" /
                    "corpus" / "wild")
    ap.add_argument("--sizes", default="1,3,10", help="megabytes, comma-separated; the first is the base")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    gazetteer()
    source = _source_text(a.corpus)
    base = None
    print(f"{'MB':>6} {'CPU s':>8} {'MB/CPU-s':>9} {'x base':>7} {'tasks':>7} {'duties':>7}")
    for mb in (float(x) for x in a.sizes.split(",")):
        doc = _document(source, mb)
        best, r = float("inf"), None
        for _ in range(a.repeat):
            t = time.process_time()
            r = extract_text(doc)
            best = min(best, time.process_time() - t)
        base = base or best
        print(f"{mb:6.1f} {best:8.2f} {mb / best:9.2f} {best / base:7.1f} {len(r['tasks']):7} {len(r['duties']):7}")


if __name__ == "__main__":
    main()
