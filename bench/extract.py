"""Extraction speed on a generated corpus, beside a bare ``re`` pass for document numbers.

    python bench/extract.py [--docs 5000] [--seed 7] [--workers N]

Prints MB/s and documents/s of the full extractor (clean + extract, in process; with
--workers N over N processes) and the MB/s of one ``re.finditer`` pass for 文号 over the
same texts, measured in the same run, and their ratio.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor

if not __package__:  # run as a script (python bench/extract.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from bench.generator import generate_corpus  # noqa: E402

BARE_DOCNO = re.compile(r"[\u3400-\u9fff]{1,12}[〔\[［(【](?:19|20)\d{2}[〕\]］)】]\d{1,5}号")


def _warm() -> None:
    from policykg.vocab.places import gazetteer
    from policykg.vocab.places import place_words

    gazetteer()
    place_words()


def _extract_many(items: list[tuple[str, dict]]) -> tuple[int, int, int]:
    from policykg.ingest.pipeline import extract_text

    _warm()
    duties = targets = 0
    for text, meta in items:
        r = extract_text(text, meta)
        duties += len(r["duties"])
        targets += len(r["targets"])
    return len(items), duties, targets


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1, help="processes (0 = all cores)")
    a = ap.parse_args()
    workers = a.workers or os.cpu_count() or 1
    t = time.perf_counter()
    docs = [(d.text, {k: v for k, v in d.meta.items() if k == "region"}) for d in generate_corpus(a.docs, a.seed)]
    gen_s = time.perf_counter() - t
    mb = sum(len(text.encode("utf-8")) for text, _ in docs) / 1e6
    print(f"corpus: {len(docs)} generated documents, {mb:.1f} MB (generated in {gen_s:.1f} s)")

    t = time.perf_counter()
    found = sum(1 for text, _ in docs for _ in BARE_DOCNO.finditer(text))
    re_s = time.perf_counter() - t

    _warm()
    t = time.perf_counter()
    if workers == 1:
        n, duties, targets = _extract_many(docs)
    else:
        chunks = [docs[i::workers * 4] for i in range(workers * 4)]
        with ProcessPoolExecutor(workers, initializer=_warm) as pool:
            parts = list(pool.map(_extract_many, chunks))
        n, duties, targets = (sum(p[i] for p in parts) for i in range(3))
    ex_s = time.perf_counter() - t

    print(f"bare re pass for 文号:  {mb / re_s:10.2f} MB/s  ({found} numbers, {re_s:.2f} s)")
    print(f"extractor ({workers} worker{'s' if workers > 1 else ''}): {mb / ex_s:10.3f} MB/s  "
          f"{n / ex_s:8.1f} documents/s  ({duties} duties, {targets} targets, {ex_s:.1f} s)")
    print(f"ratio extractor / bare re: 1 : {(mb / re_s) / (mb / ex_s):.0f}")


if __name__ == "__main__":
    main()
