"""The synthetic corpus generator (bench/generator.py): its gold must be exactly right, or every score
computed on generated text is wrong, and it must be reproducible from its seed."""
import csv
import pathlib
import re
import unicodedata

import pytest

from bench.generate import write_corpus
from bench.generator import generate_corpus

ROOT = pathlib.Path(__file__).resolve().parents[1]

N = 300


def scored(s: str) -> str:
    """Text as shared/eval/score.py compares it: NFKC, whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", s).split())


@pytest.fixture(scope="module")
def docs():
    return list(generate_corpus(N, seed=11))


def test_same_seed_same_corpus_and_longer_run_extends_shorter(docs):
    again = list(generate_corpus(N // 2, seed=11))
    def key(d):
        return d.name, d.text, d.meta, d.gold
    assert [key(d) for d in again] == [key(d) for d in docs[:N // 2]]
    other = list(generate_corpus(5, seed=12))
    assert [d.text for d in other] != [d.text for d in docs[:5]]


def test_mix_of_levels_and_sizes(docs):
    levels = [d.gold["document"]["level"] for d in docs]
    assert 0.12 < levels.count("province") / N < 0.3
    assert 0.5 < levels.count("city") / N < 0.7
    assert 0.1 < levels.count("county") / N < 0.3
    sizes = sorted(len(d.text.encode()) for d in docs)
    assert 3_000 < sizes[N // 2] < 15_000 and sizes[-1] < 25_000


def test_every_duty_snippet_occurs_exactly_once(docs):
    for d in docs:
        flat = scored(d.text)
        for duty in d.gold["duties"]:
            snippet = duty["task"]
            assert 6 <= len(snippet) <= 14, (d.name, snippet)
            assert d.text.count(snippet) == 1 and flat.count(scored(snippet)) == 1, (d.name, snippet)


def test_every_gold_string_is_in_the_text(docs):
    for d in docs:
        flat = scored(d.text)
        forms = {f for a in d.gold["agencies"] for f in ([a] if isinstance(a, str) else a)}
        for a in forms:
            assert scored(a) in flat, (d.name, a)
        assert len(forms) == sum(1 if isinstance(a, str) else len(a) for a in d.gold["agencies"])
        assert all(duty["agency"] in forms for duty in d.gold["duties"]), d.name
        for name in d.gold["zones"] + d.gold["clusters"] + [t["text"] for t in d.gold["targets"]]:
            assert scored(name) in flat, (d.name, name)


NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?:—(\d+(?:\.\d+)?))?(亿|万)?")


def test_every_target_value_matches_its_text(docs):
    for d in docs:
        for t in d.gold["targets"]:
            found = NUMBER.findall(t["text"])
            assert len(found) == 1, t
            m = NUMBER.search(t["text"])
            factor = {"亿": 1e8, "万": 1e4, None: 1}[m.group(3)]
            assert t["text"][m.end():].startswith(t["unit"]), t
            assert t["value"] == pytest.approx(float(m.group(1)) * factor), t
            if m.group(2):
                assert t["value_max"] == pytest.approx(float(m.group(2)) * factor), t
            assert t["qualifier"] in {">", ">=", "<", "<=", "=", "~"}


def test_city_documents_cite_generated_provincial_documents(docs):
    provincial = set()
    cited = 0
    for d in docs:
        document = d.gold["document"]
        if document["level"] == "province":
            provincial.add(document["doc_number"])
        elif document["level"] == "city":
            assert set(document["cites"]) <= provincial, (d.name, document["cites"])
            cited += len(document["cites"])
        for number in document["cites"] + [document["doc_number"] or ""]:
            brackets = re.escape(number).replace("〔", "[〔［\\[]").replace("〕", "[〕］\\]]")
            assert re.search(brackets, d.text), (d.name, number)
    assert cited > N // 3


def test_text_that_does_not_name_its_region_gets_it_from_the_manifest(docs):
    for d in docs:
        document = d.gold["document"]
        if document["doc_number"] is None:
            region = document["region"]
            assert d.meta["region"] == (region.get("county") or region["city"] or region["province"]), d.name


def test_manifest_rows_match_files(tmp_path, docs):
    n, size = write_corpus(docs[:40], tmp_path, gold=True)
    assert n == 40 and size == sum(len(d.text.encode()) for d in docs[:40])
    with open(tmp_path / "manifest.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["file", "url", "region"]
    assert sorted(r["file"] for r in rows) == sorted(p.name for p in tmp_path.glob("*.txt"))
    assert sorted(p.stem for p in (tmp_path / "gold").glob("*.json")) == sorted(p.stem for p in tmp_path.glob("*.txt"))
    by_name = {d.name: d for d in docs}
    for r in rows:
        meta = by_name[r["file"]].meta
        assert (r["url"], r["region"]) == (meta.get("url", ""), meta.get("region", ""))


def test_shipped_samples_are_complete():
    corpus = ROOT / "samples" / "corpus"
    with open(corpus / "manifest.csv", encoding="utf-8") as f:
        files = [r["file"] for r in csv.DictReader(f)]
    assert sorted(files) == sorted(p.name for p in corpus.glob("*.txt"))
    gold = ROOT / "samples" / "gold"
    assert sorted(pathlib.Path(f).stem for f in files) == sorted(p.stem for p in gold.glob("*.json"))
    gbk = [f for f in files if "gbk" in f]
    assert len(gbk) == 1
    raw = (corpus / gbk[0]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "人民政府" in raw.decode("gbk")
