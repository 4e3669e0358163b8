"""Lineage in the graph, on every store: citations and repeals resolved to the documents they
name whatever the order documents arrive in, stubs merged, 文号 learned, statuses, agency
successions and memberships, and the same graph for any ingest order (and twice)."""
from __future__ import annotations

import pytest
from fixtures_lineage import DOCS, extraction, keys_by_source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.graph.export import canonical_dump
from policykg.graph.stores.ladybug import LadybugStore
from policykg.ingest.load import load_extractions

ORDERED = list(DOCS)


def links(store, typ: str = "DERIVED_FROM") -> dict[tuple[str, str], dict]:
    """(citing source, cited source or stub key) -> the edge's resolution."""
    lag = "e.lag_days" if typ == "DERIVED_FROM" else "e.effective"
    rows = store.query(f"MATCH (a:Document)-[e:{typ}]->(b:Document) RETURN a.source, coalesce(b.source, b.key), "
                       f"e.basis, e.score, {lag}, e.cited_title, e.cited_number").rows
    return {(a.removesuffix(".txt"), b.removesuffix(".txt")): {"basis": basis, "score": score, lag[2:]: when,
                                                               "title": t, "number": n}
            for a, b, basis, score, when, t, n in rows}


def test_citations_resolve_by_number_and_by_title(lineage_store):
    got = links(lineage_store)
    # the province cites the nation's notice by title and number; the nation's page prints neither
    assert got[("province", "nation")] == {"basis": "title", "score": 0.95, "lag_days": 155,
                                           "title": "国务院办公厅关于加快发展保障性租赁住房的意见", "number": "国办发〔2021〕22号"}
    # the city cites the province by title only, and the nation by the number it learned from the province
    assert got[("city", "province")]["basis"] == "title" and got[("city", "province")]["lag_days"] == 86
    assert got[("city", "nation")]["basis"] == "number" and got[("city", "nation")]["lag_days"] == 241
    # 关于进一步加强住房保障工作的通知: 开封's notice of that title is another city's, so a stub stays
    assert ("city", "title:关于进一步加强住房保障工作的通知") in got
    assert not any(b == "lookalike" for _, b in got)
    keys = keys_by_source(lineage_store)
    [[number, number_from]] = lineage_store.query("MATCH (d:Document {key: $k}) RETURN d.doc_number, d.number_from",
                                                  {"k": keys["nation"]}).rows
    assert (number, number_from) == ("国办发〔2021〕22号", keys["province"])
    # no stub is left for what arrived
    stubs = {k for [k] in lineage_store.query("MATCH (d:Document) WHERE d.stub = true RETURN d.key").rows}
    assert stubs == {"title:关于进一步加强住房保障工作的通知"}


def test_repeal_sets_the_status(lineage_store):
    assert links(lineage_store, "SUPERSEDES") == {("city", "old_city"): {
        "basis": "number", "score": 1.0, "effective": "2022-03-01", "title": "许昌市公共租赁住房管理办法",
        "number": "许政〔2015〕3号"}}
    keys = keys_by_source(lineage_store)
    rows = dict(lineage_store.query("MATCH (d:Document) WHERE d.stub = false RETURN d.source, "
                                    "[d.status, d.repealed_by, d.repealed_on]").rows)
    assert rows["old_city.txt"] == ["repealed", keys["city"], "2022-03-01"]  # the city notice takes effect then
    assert {tuple(v) for k, v in rows.items() if k != "old_city.txt"} == {("in_force", None, None)}


def test_joint_issuers_successions_and_members(lineage_store):
    issued = lineage_store.query("MATCH (d:Document {source: 'city.txt'})-[e:ISSUED_BY]->(a:Agency) "
                                 "RETURN a.key, e.position, e.joint ORDER BY e.position").rows
    assert issued == [["许昌市|住房和城乡建设局", 1, True], ["许昌市|财政局", 2, True]]
    assert lineage_store.query("MATCH (a:Agency)-[e:SUCCEEDED_BY]->(b:Agency) RETURN a.key, b.key, e.year, "
                               "e.share").rows == [["许昌市|国土资源局", "许昌市|自然资源局", 2019, "whole"]]
    assert lineage_store.query("MATCH (a:Agency)-[e:MEMBER_OF]->(b:Agency) RETURN a.key, b.key").rows == [
        ["许昌市|人民政府", "河南省|省辖市"]]


def test_a_stub_becomes_the_document_when_it_arrives(store, lineage_extractions):
    load_extractions(store, [lineage_extractions["city"]])
    assert set(links(store)) == {("city", "title:河南省人民政府办公厅关于加快发展保障性租赁住房的实施意见"),
                                 ("city", "国办发〔2021〕22号"), ("city", "title:关于进一步加强住房保障工作的通知")}
    assert store.query("MATCH (d:Document {key: '国办发〔2021〕22号'}) RETURN d.stub").rows == [[True]]
    load_extractions(store, [lineage_extractions["province"]])
    assert ("city", "province") in links(store) and ("city", "国办发〔2021〕22号") in links(store)
    load_extractions(store, [lineage_extractions["nation"]])
    assert {("city", "nation"), ("province", "nation")} <= set(links(store))
    # what is only repealed stays a stub too, with its status
    assert sorted(store.query("MATCH (d:Document) WHERE d.stub = true RETURN d.key, d.status").rows) == [
        ["title:关于进一步加强住房保障工作的通知", None], ["许政〔2015〕3号", "repealed"]]


def test_a_replaced_document_no_longer_named_sends_its_citations_back_to_a_stub(store, lineage_extractions):
    load_extractions(store, [lineage_extractions["city"], lineage_extractions["province"]])
    assert ("city", "province") in links(store)
    renamed = dict(lineage_extractions["province"], document=dict(
        lineage_extractions["province"]["document"], title="河南省人民政府办公厅关于住房保障的意见"))
    load_extractions(store, [renamed], force=True)
    got = links(store)
    assert ("city", "province") not in got
    assert ("city", "title:河南省人民政府办公厅关于加快发展保障性租赁住房的实施意见") in got
    [[title]] = store.query("MATCH (d:Document {key: 'title:河南省人民政府办公厅关于加快发展保障性租赁住房的实施意见'}) "
                            "RETURN d.title").rows
    assert title == "河南省人民政府办公厅关于加快发展保障性租赁住房的实施意见"


def _ingest(store, names, *, together: bool = False) -> None:
    batches = [names] if together else [[n] for n in names]
    for batch in batches:
        s = load_extractions(store, [extraction(n) for n in batch])
        assert s.failed == 0, s.failures


@pytest.fixture
def reference(ladybug_store):
    """The graph of the five documents ingested together, in the listed order."""
    _ingest(ladybug_store, ORDERED, together=True)
    return canonical_dump(ladybug_store)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(ORDERED), together=st.booleans())
def test_any_order_and_twice_give_the_same_graph(store, reference, order, together):
    store.clear()
    _ingest(store, order, together=together)
    assert canonical_dump(store) == reference
    again = load_extractions(store, [extraction(n) for n in reversed(order)])
    assert again.unchanged == len(order)
    assert canonical_dump(store) == reference


def test_reverse_order_one_by_one_gives_the_same_graph(store, reference):
    _ingest(store, list(reversed(ORDERED)))
    assert canonical_dump(store) == reference


def test_an_older_ladybug_database_gains_the_new_columns(tmp_path, lineage_extractions):
    """A database written before lineage (no status column, ISSUED_BY without position, MEMBER_OF
    between zones and clusters only) opens, and takes the lineage facts."""
    with LadybugStore(tmp_path / "old.db") as old:
        for ddl in ("CREATE NODE TABLE Document(key STRING, title STRING, doc STRING, span_start INT64, "
                    "span_end INT64, rule STRING, PRIMARY KEY(key))",
                    "CREATE NODE TABLE Agency(key STRING, name STRING, PRIMARY KEY(key))",
                    "CREATE NODE TABLE Zone(key STRING, PRIMARY KEY(key))",
                    "CREATE NODE TABLE Cluster(key STRING, PRIMARY KEY(key))",
                    "CREATE REL TABLE ISSUED_BY(FROM Document TO Agency, doc STRING, span_start INT64, "
                    "span_end INT64, rule STRING)",
                    "CREATE REL TABLE MEMBER_OF(FROM Zone TO Cluster, FROM Cluster TO Zone, doc STRING, "
                    "span_start INT64, span_end INT64, rule STRING)"):
            old.execute(ddl)
        old.execute("CREATE (:Document {key: 'D', title: 'old'})")
    with LadybugStore(tmp_path / "old.db") as store:
        store.ensure_schema()
        assert store.query("MATCH (d:Document {key: 'D'}) RETURN d.title, d.status").rows == [["old", None]]
        load_extractions(store, [lineage_extractions[n] for n in ORDERED])
        assert links(store, "SUPERSEDES")[("city", "old_city")]["basis"] == "number"
        assert store.query("MATCH (:Agency)-[e:MEMBER_OF]->(:Agency) RETURN count(e)").rows == [[1]]
