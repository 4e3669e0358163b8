"""Ingest end to end on real files and real stores: idempotency, replacement, bad files,
the CLI, and the same graph on LadybugDB and Neo4j."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from fixtures_queries import SEEDS, need_shared
from typer.testing import CliRunner

from policykg.cli import app
from policykg.graph.export import canonical_dump
from policykg.ingest.load import discover, load_extractions, load_paths
from policykg.graph.stores.ladybug import LadybugStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "corpus"


def ingest_dir(store, *dirs, **kw):
    return load_paths(store, dirs, **kw)


def no_duplicates(dump: dict) -> None:
    assert len(set(dump["nodes"])) == len(dump["nodes"])
    assert len(set(dump["edges"])) == len(dump["edges"]), "a relationship was written twice"


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    shutil.copytree(SAMPLES, d)
    return d


def test_ingest_twice_changes_nothing(store, corpus):
    first = ingest_dir(store, corpus)
    assert (first.new, first.failed, first.unchanged) == (6, 0, 0)
    stats, dump = store.stats(), canonical_dump(store)
    no_duplicates(dump)
    assert stats.nodes["Document"] >= 6 and stats.relationships["RESPONSIBLE_FOR"] > 0
    second = ingest_dir(store, corpus)
    assert (second.new, second.replaced, second.unchanged, second.failed) == (0, 0, 6, 0)
    assert (second.nodes_written, second.edges_written) == (0, 0)
    assert store.stats() == stats
    assert canonical_dump(store) == dump


def test_changed_document_replaces_its_facts(store, corpus, tmp_path):
    ingest_dir(store, corpus)
    [[key]] = store.query("MATCH (d:Document {source: 's02.txt'}) RETURN d.key").rows
    tasks_before = store.query("MATCH (t:Task) WHERE t.doc = $k RETURN count(t)", {"k": key}).rows[0][0]
    text = (corpus / "s02.txt").read_text(encoding="utf-8")
    cut = text.index("三、")  # drop the task list from 三、 on
    (corpus / "s02.txt").write_text(text[:cut] + "\n", encoding="utf-8")
    s = ingest_dir(store, corpus)
    assert (s.replaced, s.unchanged, s.new) == (1, 5, 0)
    [[key2]] = store.query("MATCH (d:Document {source: 's02.txt'}) RETURN d.key").rows
    tasks_after = store.query("MATCH (t:Task) WHERE t.doc = $k RETURN count(t)", {"k": key2}).rows[0][0]
    assert tasks_after < tasks_before
    # replacing gives exactly the graph of a clean ingest of the new files
    with LadybugStore(tmp_path / "clean.db") as clean:
        clean.ensure_schema()
        ingest_dir(clean, corpus)
        assert canonical_dump(store) == canonical_dump(clean)


def _doc(text: str, number: str = "许政〔2021〕5号", ordinal=1) -> dict:
    return {"source": "x.txt", "text": text,
            "document": {"doc_number": number, "level": "city", "title": text[:8],
                         "region": {"province": "河南省", "city": "许昌市", "county": None}, "cites": []},
            "agencies": [{"name": "许昌市财政局", "key": "许昌市|财政局", "level": "city", "region": "许昌市",
                          "province": "河南省", "aliases": ["市财政局"], "mentions": [["市财政局", 0, 4]]}],
            "tasks": [{"id": "T1", "text": text[4:], "span": [4, len(text)], "ordinal": ordinal}],
            "duties": [{"agency": "许昌市财政局", "role": "responsible", "task": "T1"}],
            "targets": [], "zones": [], "clusters": []}


def test_a_refused_replacement_keeps_the_old_facts(store):
    load_extractions(store, [_doc("市财政局负责筹措资金。")])
    before = canonical_dump(store)
    s = load_extractions(store, [_doc("市财政局负责筹措和拨付资金。", ordinal={"not": "a number"})])
    assert (s.failed, s.replaced) == (1, 0)
    assert "the store refused the document" in s.failures[0].reason
    assert canonical_dump(store) == before  # the delete of the old facts was rolled back too


def test_a_document_that_changes_number_replaces_the_old_one(store):
    load_extractions(store, [_doc("市财政局负责筹措资金。", number="许政〔2021〕5号")])
    s = load_extractions(store, [_doc("市财政局负责筹措资金。", number="许政〔2021〕6号")])
    assert s.replaced == 1
    assert store.query("MATCH (d:Document) RETURN d.key, d.stub").rows == [["许政〔2021〕6号", False]]
    assert store.query("MATCH (t:Task) RETURN t.key").rows == [["许政〔2021〕6号#T1"]]


def _bad_files(d: Path) -> list[str]:
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    docx = d / "truncated.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document>" + "<w:p><w:r><w:t>第一条</w:t></w:r></w:p>" * 200)
    data = docx.read_bytes()
    docx.write_bytes(data[: len(data) // 2])
    return ["binary.txt", "empty.txt", "truncated.docx"]


def test_bad_files_are_reported_and_the_good_ones_committed(ladybug_store, corpus):
    bad = _bad_files(corpus)
    s = ingest_dir(ladybug_store, corpus)
    assert (s.new, s.failed) == (6, 3)
    assert sorted(Path(f.path).name for f in s.failures) == bad
    by_name = {Path(f.path).name: f for f in s.failures}
    assert by_name["empty.txt"].code == "empty_document" and "empty" in by_name["empty.txt"].reason
    assert by_name["truncated.docx"].code == "corrupt_document"
    assert all(f.reason.startswith(f.path) for f in s.failures)  # every reason names its file
    assert ladybug_store.query("MATCH (d:Document) WHERE d.stub = false RETURN count(d)").rows == [[6]]
    before = canonical_dump(ladybug_store)
    again = ingest_dir(ladybug_store, corpus)
    assert (again.unchanged, again.failed) == (6, 3)
    assert canonical_dump(ladybug_store) == before


def test_ingest_of_a_missing_path_fails_before_any_work(tmp_path, corpus):
    r = CliRunner().invoke(app, ["ingest", str(corpus), str(tmp_path / "nope"), "--db", str(tmp_path / "g.db")])
    assert r.exit_code == 2 and "nope: no such file or directory" in r.stderr
    assert "━" not in r.output and "manifest:" not in r.output  # nothing started: no progress bar
    assert not (tmp_path / "g.db").exists()  # the store was never opened


def test_cli_ingest_stats_and_exit_codes(tmp_path, corpus):
    runner, db = CliRunner(), str(tmp_path / "cli.db")
    _bad_files(corpus)
    r = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--workers", "1", "--format", "json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert (summary["new"], summary["failed"], len(summary["failures"])) == (6, 3, 3)
    r = runner.invoke(app, ["stats", "--db", db, "--format", "json"])
    assert r.exit_code == 0
    stats = json.loads(r.stdout)
    assert set(stats) == {"nodes", "relationships", "memory"} and stats["nodes"]["Document"] >= 6
    assert stats["memory"]["buffer_pool_mb"] == 1024  # the default page cache
    # one bad file given alone: exit code 2, and the stored graph is untouched
    r = runner.invoke(app, ["ingest", str(corpus / "truncated.docx"), "--db", db, "--workers", "1"])
    assert r.exit_code == 2
    assert "truncated.docx" in r.output
    assert json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout) == stats
    r = runner.invoke(app, ["ingest", str(corpus / "s01.txt"), "--db", db, "--manifest", str(tmp_path / "none.csv")])
    assert r.exit_code == 2 and "no such manifest file" in r.output
    r = runner.invoke(app, ["stats", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 2 and "ingest documents first" in r.output


def test_workers_give_the_same_graph(tmp_path, corpus):
    dumps = []
    for n in (1, 2):
        with LadybugStore(tmp_path / f"w{n}.db") as s:
            s.ensure_schema()
            ingest_dir(s, corpus, workers=n)
            dumps.append(canonical_dump(s))
    assert dumps[0] == dumps[1]


@pytest.mark.neo4j
def test_ladybug_and_neo4j_hold_the_same_graph_after_ingest(ladybug_store, neo4j_store, corpus):
    for s in (ladybug_store, neo4j_store):
        ingest_dir(s, corpus, *([SEEDS] if SEEDS.is_dir() else []))
    assert ladybug_store.stats() == neo4j_store.stats()
    assert canonical_dump(ladybug_store) == canonical_dump(neo4j_store)


SEED_MINIMUMS = ({"Document": 5, "Agency": 60, "Task": 125, "Target": 25, "Zone": 10, "Cluster": 8, "Province": 2,
                  "City": 2},
                 {"RESPONSIBLE_FOR": 120, "COOPERATES_WITH": 20, "DERIVED_FROM": 6})


def test_seed_corpus_meets_the_minimums(ladybug_store):
    need_shared()  # a skip in a user's clone, a failure in CI
    s = ingest_dir(ladybug_store, SEEDS)
    assert (s.new, s.failed) == (5, 0), s.failures
    stats = ladybug_store.stats()
    nodes, rels = SEED_MINIMUMS
    short = {k: (stats.nodes[k], v) for k, v in nodes.items() if stats.nodes[k] < v}
    short.update({k: (stats.relationships[k], v) for k, v in rels.items() if stats.relationships[k] < v})
    assert not short, f"(have, need): {short}"
    assert ladybug_store.query("MATCH (d:Document) WHERE d.stub = false RETURN count(d)").rows == [[5]]


def test_a_crawlers_listing_fills_in_what_the_manifest_lacks(tmp_path):
    """SOURCES.tsv beside manifest.csv (file, url, title, region, date) gives the page titles and the
    regions the manifest leaves empty; the manifest wins where both speak; a listing in another form
    is left alone."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("各县(市、区)人民政府:\n一、市财政局负责筹措资金。\n", encoding="utf-8")
    (d / "manifest.csv").write_text("file,url,region,date\na.txt,http://a,许昌市,2021-05-01\nb.txt,http://b,,\n",
                                    encoding="utf-8")
    (d / "SOURCES.tsv").write_text("file\turl\ttitle\tregion\tdate\na.txt\thttp://x\t许昌市关于X的通知\t河南省\t2021-05-02\n"
                                   "b.txt\thttp://y\t国务院关于Y的意见\t全国\t2021-01-01\n", encoding="utf-8")
    found = discover([d])
    assert found.meta["a.txt"] == {"url": "http://a", "region": "许昌市", "date": "2021-05-01", "title": "许昌市关于X的通知"}
    assert found.meta["b.txt"]["region"] == "全国" and found.meta["b.txt"]["title"] == "国务院关于Y的意见"
    (d / "SOURCES.tsv").write_text("name\turl\ttitle\na.txt\thttp://x\tT\n", encoding="utf-8")
    assert "title" not in discover([d]).meta["a.txt"]
