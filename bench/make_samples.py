"""Regenerate the sample corpus shipped in samples/ (for users without /work/shared).

    python bench/make_samples.py [--seed 181]

Two provincial plans of 河南省, three city plans of 许昌市 and 洛阳市 derived from them, and one county plan
below a city plan; the third document is written in GBK bytes and the sixth in traditional characters, so
a run over the samples exercises decoding and script conversion. Gold goes to samples/gold/.
"""
import argparse
import csv
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
if not __package__:  # run as a script (python bench/make_samples.py): the checkout's root makes `bench` importable
    sys.path.insert(0, str(ROOT))
from bench.generator import GeneratedDoc, generate_families  # noqa: E402

FAMILIES = [("河南省", ["许昌市", "洛阳市"], 1), ("河南省", ["许昌市"], 0)]
GBK_DOC, TRADITIONAL_DOC = 2, 5  # indexes into the generated list: a city plan each
# Gold fields taken from the text; region and meta stay simplified (they come from a manifest).
TEXT_FIELDS = ("agencies", "duties", "targets", "zones", "clusters")
KEEP_SIMPLIFIED = ("role", "unit", "qualifier", "value", "value_max")


def renamed(doc: GeneratedDoc, suffix: str) -> GeneratedDoc:
    """s03.txt -> s03_gbk.txt, so a user sees which sample is special."""
    name = doc.name.replace(".txt", f"_{suffix}.txt")
    return GeneratedDoc(name, doc.text, doc.meta, dict(doc.gold, source=name))


def to_traditional(doc: GeneratedDoc) -> GeneratedDoc:
    """The same document as a traditional-character mirror would carry it, gold converted alike."""
    import opencc

    convert = opencc.OpenCC("s2t").convert

    def walk(x):
        if isinstance(x, str):
            return convert(x)
        if isinstance(x, list):
            return [walk(v) for v in x]
        if isinstance(x, dict):
            return {k: (v if k in KEEP_SIMPLIFIED else walk(v)) for k, v in x.items()}
        return x

    gold = dict(doc.gold)
    gold.update({k: walk(gold[k]) for k in TEXT_FIELDS})
    document = dict(gold["document"])
    for key in ("doc_number", "issuer"):
        if document.get(key):
            document[key] = convert(document[key])
    document["cites"] = [convert(c) for c in document["cites"]]
    gold["document"] = document
    return GeneratedDoc(doc.name, convert(doc.text), doc.meta, gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=181)
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "samples")
    a = ap.parse_args()
    docs = generate_families(a.seed, FAMILIES)
    docs[GBK_DOC] = renamed(docs[GBK_DOC], "gbk")
    docs[TRADITIONAL_DOC] = to_traditional(renamed(docs[TRADITIONAL_DOC], "hant"))
    encodings = ["gbk" if i == GBK_DOC else "utf-8" for i in range(len(docs))]

    corpus, gold_dir = a.out / "corpus", a.out / "gold"
    corpus.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    with open(corpus / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        rows = csv.writer(f)
        rows.writerow(["file", "url", "region"])
        for doc, encoding in zip(docs, encodings):
            (corpus / doc.name).write_bytes(doc.text.encode(encoding))
            (gold_dir / (pathlib.Path(doc.name).stem + ".json")).write_text(
                json.dumps(doc.gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            rows.writerow([doc.name, doc.meta.get("url", ""), doc.meta.get("region", "")])
            print(f"{doc.name:16} {encoding:6} {doc.gold['document']['level']:8} {len(doc.text):6} chars")


if __name__ == "__main__":
    main()
