"""The extractor against the hand-made gold: the issue's thresholds, measured with the
project's scorer.  Skipped in a user's clone without ../shared; required in CI."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from needs import SHARED, need_path

from policykg.errors import InputError
from policykg.ingest.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
from tools.eval.flatten import write_flat

SEEDS = {"duties": 0.95, "agencies": 0.90, "targets": 0.90, "zones": 0.90, "clusters": 0.90,
         "document.doc_number": 0.95, "document.issuer": 0.95, "document.date": 0.95, "document.level": 0.95,
         "document.region.province": 0.95, "document.region.city": 0.95, "document.cites": 0.95}
DEV = {"duties": 0.90, "agencies": 0.85, "targets": 0.85}
# our own development gold on real documents of ../shared/corpus/wild (tests/gold/wild, annotated before
# the extractor's output on them was looked at): a little under what the extractor scores there now
WILD = {"duties": 0.95, "agencies": 0.88, "zones": 0.90, "targets": 0.85, "document.issuer": 0.84,
        "document.level": 0.84, "document.title": 0.95, "document.region.province": 0.85}
# the 30 short pages held out (tests/gold/wild-short; issue 23's bar for pages nobody tuned to)
WILD_SHORT = {"duties": 0.90, "zones": 0.85, "document.issuer": 0.90, "document.title": 0.85}
# seeds and dev flattened to one line each (tools/eval/flatten.py): date and issuer still found, duties
# within .02 of the documents as printed (seeds .990, dev .991)
FLAT = {"document.date": 0.90, "document.issuer": 0.90, "duties": 0.96}


def _score(gold: Path, corpus: Path, tmp_path: Path) -> dict:
    for needed in (gold, corpus):
        need_path(needed, "the extractor's scores")
    # what `policykg extract FILE --meta …` prints, made in this process (one process per document would
    # spend the test's time starting Python); the shared scorer reads it with --pred
    pred = tmp_path / f"pred-{gold.name}"
    pred.mkdir(exist_ok=True)
    for g in sorted(gold.glob("*.json")):
        data = json.loads(g.read_text(encoding="utf-8"))
        name = data.get("source", g.stem)
        try:
            record = extract_file(corpus / name, data.get("meta"))
        except InputError:
            continue  # (the scorer counts a document without a prediction as failed)
        record.pop("text", None)
        (pred / f"{Path(name).stem}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / f"score-{gold.name}.json"
    subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--pred", str(pred),
                    "--json", str(out)], check=True, capture_output=True, timeout=1200)
    return json.loads(out.read_text(encoding="utf-8"))


# the policy-instrument gold (tests/gold/instruments/tune, coded blind by two coders and adjudicated; the
# rules were tuned on it): accuracy of tool and type, a little under what the extractor scores now (seeds
# .919/.939, dev .941/.941, wild .865/.920; tests/gold/instruments/RUNS.md)
INSTRUMENTS = {"seeds": (0.90, 0.92), "dev": (0.91, 0.91), "wild": (0.85, 0.91)}


def _check(summary: dict, minimums: dict) -> None:
    assert summary["_failed_documents"] == 0
    low = {k: summary[k]["f1"] for k, v in minimums.items() if k in summary and summary[k]["f1"] < v}
    assert not low, f"F1 below the minimum: {low}"


@pytest.mark.slow
def test_seeds_meet_the_thresholds(tmp_path):
    _check(_score(SHARED / "gold", SHARED / "corpus" / "seeds", tmp_path), SEEDS)


@pytest.mark.slow
def test_dev_set_meets_the_thresholds(tmp_path):
    _check(_score(SHARED / "gold" / "dev", SHARED / "corpus" / "dev", tmp_path), DEV)


@pytest.mark.slow
def test_wild_gold_meets_the_thresholds(tmp_path):
    _check(_score(ROOT / "tests" / "gold" / "wild", SHARED / "corpus" / "wild", tmp_path), WILD)


@pytest.mark.slow
def test_short_held_out_pages_meet_the_thresholds(tmp_path):
    _check(_score(ROOT / "tests" / "gold" / "wild-short", SHARED / "corpus" / "wild", tmp_path), WILD_SHORT)


@pytest.mark.slow
def test_documents_flattened_to_one_line_keep_date_issuer_and_duties(tmp_path):
    for gold, corpus in ((SHARED / "gold", SHARED / "corpus" / "seeds"), (SHARED / "gold" / "dev", SHARED / "corpus" / "dev")):
        need_path(gold, "the extractor's scores")
        out = tmp_path / gold.name
        write_flat(gold, corpus, out)
        _check(_score(out / "gold", out / "corpus", tmp_path), FLAT)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(INSTRUMENTS))
def test_instrument_gold_meets_the_thresholds(tmp_path, corpus):
    summary = _score(ROOT / "tests" / "gold" / "instruments" / "tune" / corpus, SHARED / "corpus" / corpus, tmp_path)
    tool, kind = INSTRUMENTS[corpus]
    assert summary["_failed_documents"] == 0
    assert summary["instruments.tool"]["accuracy"] >= tool, summary["instruments.tool"]
    assert summary["instruments.type"]["accuracy"] >= kind, summary["instruments.type"]
