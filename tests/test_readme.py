"""The README a new user reads: every file it points at is in the repository (nothing of
../shared), and its architecture diagram names the layers and modules the code has."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TOP = ("scripts", "samples", "docs", "tools", "bench", "tests", "queries", "graph", "ingest", "api", "viz", "vocab",
       "policykg", "spec")


def test_readme_points_only_at_files_a_clone_has():
    assert "../shared" not in README and "/work/" not in README
    paths = set(re.findall(r"`(?:python |bash )?((?:%s)/[\w./*-]+)" % "|".join(TOP), README))
    paths |= set(re.findall(r"\]\(((?:%s)/[\w./-]+)\)" % "|".join(TOP), README))
    assert len(paths) > 10  # the pattern finds the README's paths
    missing = [p for p in sorted(paths) if not list(ROOT.glob(p.rstrip("/")))]
    assert missing == []


def test_samples_readme_points_only_at_files_a_clone_has():
    text = (ROOT / "samples" / "README.md").read_text(encoding="utf-8")
    assert "/work/" not in text and "shared/" not in text


def test_architecture_diagram_names_what_the_code_has():
    section = README[README.index("## Architecture"):README.index("## Development")]
    diagram = section[section.index("```"):section.index("```", section.index("```") + 3)]
    for folder in ("policykg", "ingest", "graph", "queries", "api", "viz", "vocab"):
        assert f"{folder}/" in diagram, folder
    for module in ("graph/schema.py", "graph/build.py", "graph/derived/finalize.py", "graph/derived/align.py", "graph/export.py",
                   "graph/statements.py", "graph/loader.py", "graph/write.py", "ingest/load.py", "queries/lookups.py",
                   "queries/subgraph.py", "queries/registry.py"):
        assert (ROOT / module).exists() and Path(module).stem in diagram, module
