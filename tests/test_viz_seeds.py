"""The views on the seed corpus (five real documents in ../shared), built by the real
extractor and ingest.  Skipped when ../shared is absent -- except in CI, where it must run."""
from __future__ import annotations

import json

import pytest
from fixtures_viz import page_data
from needs import SHARED, need_path
from typer.testing import CliRunner

from policykg.cli import app
from policykg.config import Settings
from policykg.graph.stores.ladybug import LadybugStore
from policykg.viz import views
from policykg.viz.render import external_refs

SEEDS = SHARED / "corpus" / "seeds"
SETTINGS = Settings(query_timeout_s=60)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    need_path(SEEDS / "manifest.csv", "the seed tests")
    db = str(tmp_path_factory.mktemp("seeds") / "graph.db")
    res = CliRunner().invoke(app, ["ingest", str(SEEDS), "--manifest", str(SEEDS / "manifest.csv"), "--db", db])
    assert res.exit_code == 0, res.output
    return db


@pytest.fixture
def seeds(seeds_db):
    with LadybugStore(seeds_db, read_only=True) as s:
        yield s


def test_provincial_ndrc_shows_its_twelve_tasks(seeds, open_page, tmp_path):
    page = views.agency_view(seeds, "省发展改革委", region="河南省", settings=SETTINGS)
    nodes, edges = page_data(page.html)
    focus = next(n for n in nodes if n.get("borderWidth") == 4)
    assert focus["key"].startswith("河南省|") and "发展和改革委员会" in focus["label"].replace("\n", "")
    own = [e for e in edges if e["from"] == focus["id"] and e["ptype"] == "RESPONSIBLE_FOR"]
    assert len(own) == 12
    assert external_refs(page.html) == []
    path = tmp_path / "seeds_agency.html"
    path.write_text(page.html, encoding="utf-8")
    opened = open_page(path)
    live = opened.edges()
    assert sum(1 for e in live if e["from"] == focus["id"] and e["ptype"] == "RESPONSIBLE_FOR") == 12
    assert opened.errors == [] and opened.external == []
    opened.page.screenshot(path=str(tmp_path / "seeds_agency.png"))


def test_cascade_henan_xuchang_shows_the_counterpart_pairs(seeds, open_page, tmp_path):
    page = views.cascade_view(seeds, "河南省", "许昌市", settings=SETTINGS)
    nodes, edges = page_data(page.html)
    drawn = {(e["from"].split(":", 1)[1], e["to"].split(":", 1)[1]) for e in edges if e["ptype"] == "COUNTERPART_OF"}
    stored = {(a, b) for a, b in seeds.query(
        "MATCH (lo:Agency)-[:COUNTERPART_OF]->(up:Agency) WHERE lo.region = $l AND up.region = $u "
        "RETURN lo.key, up.key", {"l": "许昌市", "u": "河南省"}).rows}
    assert stored and drawn == stored  # every pair the alignment found is on the page
    names = {n["key"]: {n["label"].replace("\n", ""), *n["title"].split("\n")} for n in nodes}  # 别名：… too
    gold = json.loads((SHARED / "gold" / "cascade" / "henan-xuchang-2010.json").read_text(encoding="utf-8"))
    ndrc = [(lo, up) for lo, up in drawn if any("市发展改革委" in x for x in names[lo])
            and any("省发展改革委" in x for x in names[up])]
    assert ndrc, "the 发展改革委 pair of the gold cascade is drawn"
    assert len(drawn) >= len(gold["pairs"]) // 2
    path = tmp_path / "seeds_cascade.html"
    path.write_text(page.html, encoding="utf-8")
    opened = open_page(path)
    pos = opened.page.evaluate("network.getPositions()")
    for lo, up in drawn:  # provincial agencies above their city counterparts
        assert pos[f"Agency:{up}"]["y"] < pos[f"Agency:{lo}"]["y"]
    assert opened.errors == [] and opened.external == []
    opened.page.screenshot(path=str(tmp_path / "seeds_cascade.png"))
