"""Capture what the graph layers answer today, so a refactoring can show it changed nothing.

Writes ``tests/data/behaviour/``:

- ``extractions.json``: the extraction records of ``samples/corpus`` (with its manifest), as the
  extractor gives them.  Written only with ``--extract``: extraction rules change on their own
  schedule, and the graph test must feed the *stored* records, not re-extract;
- ``graph.json``: the canonical dump of the graph built from those records (ingest + finalize);
- ``answers.json``: every named query with its example parameters, the cascade document of the
  sample regions, and the JSON of the API's read routes over that graph.

``tests/test_behaviour.py`` rebuilds the graph from ``extractions.json`` on every store and
compares.  Regenerate (after a change that is *meant* to change answers) with
``python tools/capture_behaviour.py`` (add ``--extract`` to take new extraction records).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "behaviour"
sys.path.insert(0, str(ROOT / "tests"))

from behaviour import api_answers, build, extract_samples, library_answers  # noqa: E402

from policykg.config import Settings  # noqa: E402
from policykg.graph.export import canonical_dump  # noqa: E402
from policykg.graph.stores.ladybug import LadybugStore  # noqa: E402


def write(name: str, obj) -> None:
    path = OUT / name
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extract", action="store_true", help="re-extract samples/corpus into extractions.json")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.extract or not (OUT / "extractions.json").exists():
        write("extractions.json", extract_samples(ROOT / "samples" / "corpus"))
    extractions = json.loads((OUT / "extractions.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "g.db"
        with LadybugStore(db) as store:
            store.ensure_schema()
            build(store, extractions)
            write("graph.json", canonical_dump(store))
            library = library_answers(store)
        write("answers.json", {"library": library, "api": api_answers(Settings(db_path=str(db)))})


if __name__ == "__main__":
    main()
