"""Write a synthetic corpus: DIR/*.txt, DIR/manifest.csv and, with --gold, DIR/gold/*.json.

    python bench/generate.py --out DIR --docs 5000 --seed 1 [--gold]

The manifest carries what the text does not (url, region), as for the real corpus, so
`python /work/shared/eval/score.py --gold DIR/gold --corpus DIR` scores the extractor on generated text.
"""
import argparse
import csv
import json
import pathlib
import sys
import time

if not __package__:  # run as a script (python bench/generate.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from bench.generator import GeneratedDoc, generate_corpus  # noqa: E402


def write_corpus(docs, out: pathlib.Path, gold: bool) -> tuple[int, int]:
    """Write texts, manifest and optional gold; returns (documents, bytes written)."""
    out.mkdir(parents=True, exist_ok=True)
    if gold:
        (out / "gold").mkdir(exist_ok=True)
    n = size = 0
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        rows = csv.writer(f)
        rows.writerow(["file", "url", "region"])
        for doc in docs:
            size += write_doc(doc, out, gold)
            rows.writerow([doc.name, doc.meta.get("url", ""), doc.meta.get("region", "")])
            n += 1
    return n, size


def write_doc(doc: GeneratedDoc, out: pathlib.Path, gold: bool) -> int:
    data = doc.text.encode("utf-8")
    (out / doc.name).write_bytes(data)
    if gold:  # one line per file: the C encoder is several times faster than indented output
        g = json.dumps(doc.gold, ensure_ascii=False)
        (out / "gold" / (pathlib.Path(doc.name).stem + ".json")).write_text(g + "\n", encoding="utf-8")
    return len(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gold", action="store_true", help="also write DIR/gold/NAME.json")
    a = ap.parse_args()
    start = time.perf_counter()
    n, size = write_corpus(generate_corpus(a.docs, a.seed), a.out, a.gold)
    secs = time.perf_counter() - start
    print(f"wrote {n} documents, {size / 1e6:.1f} MB to {a.out} in {secs:.1f}s "
          f"({n / secs:.0f} docs/s, {size / 1e6 / secs:.1f} MB/s)" + (", with gold" if a.gold else ""))


if __name__ == "__main__":
    main()
