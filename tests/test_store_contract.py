"""The store contract: every test runs on every store (the ``store`` fixture), so LadybugDB
and Neo4j must behave the same for everything policykg relies on."""
from __future__ import annotations

import time

import pytest

from policykg.graph.write import write_batch
from policykg.errors import QueryError, QueryTimeoutError, ReadOnlyViolationError
from policykg.graph import schema
from policykg.graph.batch import GraphBatch
from policykg.graph.derived.finalize import collect_garbage

# ~8e9 rows: minutes on either store, so only the timeout can end it
SLOW = "UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b UNWIND range(1, 2000) AS c RETURN sum(a * b * c) AS s"


def sample() -> GraphBatch:
    """Two documents sharing an agency and an instrument: D1 owns T1 and G1, D2 owns T2."""
    b = GraphBatch()
    b.add_node("Province", "浙江省", name="浙江省")
    b.add_node("City", "杭州市", name="杭州市", province="浙江省")
    b.add_node("Document", "D1", title="关于促进产业发展的意见", doc_number="杭政〔2024〕1号", date="2024-03-01",
               stub=False, doc="D1", span_start=-1, span_end=-1, rule="meta")
    b.add_node("Document", "D2", title="实施方案", stub=False, doc="D2", span_start=-1, span_end=-1, rule="meta")
    b.add_node("Agency", "杭州市|发展和改革委员会", name="发展和改革委员会", aliases=["市发改委", "发改委"],
               region="杭州市", level="city", collective=False, doc="D1", span_start=10, span_end=14, rule="lexicon")
    b.add_node("Agency", "浙江省|发展和改革委员会", name="发展和改革委员会", aliases=[], region="浙江省",
               level="province", collective=False)
    b.add_node("Task", "D1#1", text="推进数字经济", ordinal=1, deadline="2025-12-31", doc="D1", span_start=20,
               span_end=40, rule="structure")
    b.add_node("Task", "D2#1", text="落实数字经济任务", ordinal=1, doc="D2", span_start=5, span_end=30, rule="structure")
    b.add_node("Target", "D1#t1", text="产值达到100亿元", value=10_000_000_000, value_max=None, unit="元",
               doc="D1", span_start=25, span_end=35, rule="numbers")
    city_ag, prov_ag = "杭州市|发展和改革委员会", "浙江省|发展和改革委员会"
    b.add_edge("LOCATED_IN", "Agency", city_ag, "City", "杭州市", doc="D1", rule="region")
    b.add_edge("LOCATED_IN", "Agency", prov_ag, "Province", "浙江省", rule="gazetteer")
    b.add_edge("LOCATED_IN", "City", "杭州市", "Province", "浙江省", rule="gazetteer")
    b.add_edge("ISSUED_IN", "Document", "D1", "City", "杭州市", doc="D1", rule="meta")
    b.add_edge("PART_OF", "Task", "D1#1", "Document", "D1", doc="D1", rule="structure")
    b.add_edge("PART_OF", "Task", "D2#1", "Document", "D2", doc="D2", rule="structure")
    b.add_edge("TARGET_OF", "Target", "D1#t1", "Task", "D1#1", doc="D1", rule="numbers")
    b.add_edge("RESPONSIBLE_FOR", "Agency", city_ag, "Task", "D1#1", lead=True, doc="D1", span_start=20,
               span_end=24, rule="responsible")
    b.add_edge("RESPONSIBLE_FOR", "Agency", city_ag, "Task", "D2#1", lead=False, doc="D2", rule="responsible")
    b.add_edge("MENTIONED_IN", "Agency", city_ag, "Document", "D1", surface="市发改委", doc="D1", rule="lexicon")
    b.add_edge("MENTIONED_IN", "Agency", city_ag, "Document", "D2", surface="发改委", doc="D2", rule="lexicon")
    b.add_edge("DERIVED_FROM", "Document", "D2", "Document", "D1", doc="D2", rule="cites")
    b.add_edge("DERIVED_FROM", "Task", "D2#1", "Task", "D1#1", score=0.82, rule="align:similarity")
    b.add_edge("COUNTERPART_OF", "Agency", city_ag, "Agency", prov_ag, score=0.9, basis="function",
               rule="align:function")
    for tool, typ, name in (("资金投入", "supply", "供给型"), ("法规管制", "environment", "环境型")):
        b.add_node("Instrument", tool, name=tool, type=typ, type_name=name, span_start=-1, span_end=-1, rule="vocab")
    b.add_edge("USES", "Task", "D1#1", "Instrument", "资金投入", primary=True, doc="D1", span_start=22, span_end=24,
               rule="instrument:clause/money")
    b.add_edge("USES", "Task", "D1#1", "Instrument", "法规管制", primary=False, doc="D1", span_start=30, span_end=32,
               rule="instrument:clause/money")
    b.add_edge("USES", "Task", "D2#1", "Instrument", "法规管制", primary=True, doc="D2", span_start=7, span_end=9,
               rule="instrument:heading/rules")
    return b


def counts(store) -> tuple[dict, dict]:
    s = store.stats()
    return ({k: v for k, v in s.nodes.items() if v}, {k: v for k, v in s.relationships.items() if v})


def rows(store, cypher: str, **params) -> list:
    return sorted(store.query(cypher, params).rows, key=repr)


FULL = ({"Province": 1, "City": 1, "Document": 2, "Agency": 2, "Task": 2, "Target": 1, "Instrument": 2},
        {"LOCATED_IN": 3, "ISSUED_IN": 1, "PART_OF": 2, "TARGET_OF": 1, "RESPONSIBLE_FOR": 2, "MENTIONED_IN": 2,
         "DERIVED_FROM": 2, "COUNTERPART_OF": 1, "USES": 3})


def test_schema_is_idempotent(store):
    store.ensure_schema()
    store.ensure_schema()
    write_batch(store, sample())
    assert counts(store) == FULL


def test_stats_count_every_label_and_type(store):
    assert store.stats().as_dict() == {"nodes": {k: 0 for k in schema.NODES},
                                       "relationships": {k: 0 for k in schema.RELS}}
    assert sum(write_batch(store, sample())) == 11 + 17
    s = store.stats()
    assert set(s.nodes) == set(schema.NODES) and set(s.relationships) == set(schema.RELS)
    assert counts(store) == FULL


def test_shared_nodes_are_merged_by_key(store):
    """A shared node written twice is one node: it keeps the values it has and takes the ones it lacked."""
    b = GraphBatch()
    b.add_node("Zone", "未来科技城", name="未来科技城", kind="park")
    write_batch(store, b)
    b = GraphBatch()
    b.add_node("Zone", "未来科技城", name="未来科技城", kind="zone", region="杭州市")
    write_batch(store, b)
    assert rows(store, "MATCH (z:Zone) RETURN z.key, z.kind, z.region") == [["未来科技城", "park", "杭州市"]]


def test_documents_are_upserted_by_key(store):
    """A document written again is replaced in place (the loader deletes its old facts first)."""
    for title in ("草案", "正式稿"):
        b = GraphBatch()
        b.add_node("Document", "D9", title=title, stub=False, doc="D9", span_start=-1, span_end=-1, rule="meta")
        write_batch(store, b)
    assert rows(store, "MATCH (d:Document) RETURN d.key, d.title") == [["D9", "正式稿"]]


def test_edges_join_the_right_labels(store):
    write_batch(store, sample())
    assert rows(store, "MATCH (a:Agency)-[:LOCATED_IN]->(c:City) RETURN a.key, c.key") == [
        ["杭州市|发展和改革委员会", "杭州市"]]
    assert rows(store, "MATCH (c:City)-[:LOCATED_IN]->(p:Province) RETURN c.key, p.key") == [["杭州市", "浙江省"]]
    assert rows(store, "MATCH (a:Agency)-[:LOCATED_IN]->(p:Province) RETURN a.key, p.key") == [
        ["浙江省|发展和改革委员会", "浙江省"]]
    assert rows(store, "MATCH (a:Agency)-[e:RESPONSIBLE_FOR]->(t:Task) RETURN t.key, e.lead, e.doc") == [
        ["D1#1", True, "D1"], ["D2#1", False, "D2"]]


def test_values_round_trip(store):
    write_batch(store, sample())
    [[aliases, collective, prov_aliases]] = store.query(
        "MATCH (a:Agency {key: '杭州市|发展和改革委员会'}), (p:Agency {key: '浙江省|发展和改革委员会'}) "
        "RETURN a.aliases, a.collective, p.aliases").rows
    assert aliases == ["市发改委", "发改委"] and collective is False and prov_aliases == []
    [[value, value_max, unit, text]] = store.query(
        "MATCH (g:Target) RETURN g.value, g.value_max, g.unit, g.text").rows
    assert value == 1e10 and isinstance(value, float)  # written as an int: the schema says DOUBLE
    assert value_max is None and unit == "元" and text == "产值达到100亿元"
    [[ordinal, span_start, section]] = store.query(
        "MATCH (t:Task {key: 'D1#1'}) RETURN t.ordinal, t.span_start, t.section").rows
    assert ordinal == 1 and span_start == 20 and section is None
    assert store.query("MATCH ()-[e:DERIVED_FROM]->() WHERE e.score IS NOT NULL RETURN e.score").rows == [[0.82]]


def test_transaction_commits_together(store):
    with store.transaction():
        write_batch(store, sample())
        assert store.query("MATCH (t:Task) RETURN count(t)").rows == [[2]]  # sees its own writes
    assert counts(store) == FULL


def test_transaction_rolls_back_everything_on_error(store):
    write_batch(store, sample())
    with pytest.raises(RuntimeError, match="boom"):
        with store.transaction():
            store.delete_document_facts("D1")
            b = GraphBatch()
            b.add_node("Zone", "z1", name="新园区")
            write_batch(store, b)
            raise RuntimeError("boom")
    assert counts(store) == FULL


def test_transaction_rolls_back_after_a_failed_statement(store):
    with pytest.raises(QueryError):
        with store.transaction():
            write_batch(store, sample())
            store.execute("MATCH (n RETURN n")
    assert counts(store) == ({}, {})


def test_delete_document_facts_keeps_shared_nodes_and_other_documents(store):
    write_batch(store, sample())
    store.delete_document_facts("D1")
    nodes, rels = counts(store)
    assert nodes == {"Province": 1, "City": 1, "Document": 2, "Agency": 2, "Task": 1,  # Target D1#t1 went too
                     "Instrument": 2}  # shared: finalize collects an instrument no task uses
    assert rows(store, "MATCH (t:Task) RETURN t.key") == [["D2#1"]]
    assert rels == {"LOCATED_IN": 2, "PART_OF": 1, "RESPONSIBLE_FOR": 1, "MENTIONED_IN": 1, "DERIVED_FROM": 1,
                    "COUNTERPART_OF": 1, "USES": 1}
    assert rows(store, "MATCH ()-[e:MENTIONED_IN]->(d:Document) RETURN d.key, e.surface") == [["D2", "发改委"]]
    assert rows(store, "MATCH (:Agency)-[e:LOCATED_IN]->() RETURN e.rule") == [["gazetteer"]]


def test_instruments_round_trip_and_unused_ones_are_collected(store):
    write_batch(store, sample())
    assert rows(store, "MATCH (t:Task)-[u:USES]->(i:Instrument) RETURN t.key, i.key, i.type, i.type_name, "
                       "u.`primary`, u.span_start, u.span_end, u.rule, u.doc") == [
        ["D1#1", "法规管制", "environment", "环境型", False, 30, 32, "instrument:clause/money", "D1"],
        ["D1#1", "资金投入", "supply", "供给型", True, 22, 24, "instrument:clause/money", "D1"],
        ["D2#1", "法规管制", "environment", "环境型", True, 7, 9, "instrument:heading/rules", "D2"]]
    again = GraphBatch()  # another document's tasks use the same tools: the nodes are merged, not doubled
    again.nodes = [n for n in sample().nodes if n.label == "Instrument"]
    write_batch(store, again)
    assert store.query("MATCH (i:Instrument) RETURN count(i)").rows == [[2]]
    store.delete_document_facts("D1")
    collect_garbage(store)
    assert rows(store, "MATCH (i:Instrument) RETURN i.key") == [["法规管制"]]


def test_delete_derived_removes_only_alignment(store):
    write_batch(store, sample())
    store.delete_derived()
    assert rows(store, "MATCH (a)-[e:DERIVED_FROM]->(b) RETURN a.key, b.key, e.rule") == [["D2", "D1", "cites"]]
    expected = {**FULL[1], "DERIVED_FROM": 1}
    del expected["COUNTERPART_OF"]
    assert counts(store)[1] == expected


@pytest.mark.parametrize("cypher", [
    "CREATE (z:Zone {key: 'x', name: 'x'})",
    "MERGE (z:Zone {key: 'x'}) RETURN z.key",
    "MATCH (a:Agency) SET a.name = 'changed'",
    "MATCH (t:Task) DETACH DELETE t",
    "MATCH ()-[e:PART_OF]->() DELETE e",
])
def test_query_refuses_writes(store, cypher):
    write_batch(store, sample())
    with pytest.raises(ReadOnlyViolationError, match=r"refused: (CREATE|MERGE|SET|DETACH|DELETE) writes"):
        store.query(cypher)
    assert counts(store) == FULL
    assert store.query("MATCH (a:Agency) WHERE a.name = 'changed' RETURN count(a)").rows == [[0]]


def test_query_limit_truncates(store):
    r = store.query("UNWIND range(1, 10) AS i RETURN i", limit=3)
    assert r.columns == ["i"] and r.rows == [[1], [2], [3]] and r.truncated
    r = store.query("UNWIND range(1, 10) AS i RETURN i", limit=10)
    assert len(r.rows) == 10 and not r.truncated
    assert r.records()[0] == {"i": 1}


def test_query_parameters(store):
    write_batch(store, sample())
    assert store.query("MATCH (d:Document) WHERE d.key = $k RETURN d.title", {"k": "D2"}).rows == [["实施方案"]]


def test_bad_query_is_a_query_error(store):
    with pytest.raises(QueryError) as e:
        store.query("MATCH (n RETURN n")
    assert not isinstance(e.value, (ReadOnlyViolationError, QueryTimeoutError))
    assert "MATCH (n RETURN n" in str(e.value)


def test_slow_query_times_out(store):
    t = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        store.query(SLOW, timeout_s=0.5)
    assert time.monotonic() - t < 10
    assert store.query("RETURN 1 AS x", timeout_s=5).rows == [[1]]  # the store still works


def test_clear_keeps_the_schema(store):
    write_batch(store, sample())
    store.clear()
    assert counts(store) == ({}, {})
    write_batch(store, sample())
    assert counts(store) == FULL


@pytest.mark.neo4j
def test_ladybug_and_neo4j_hold_the_same_graph(ladybug_store, neo4j_store):
    for s in (ladybug_store, neo4j_store):
        write_batch(s, sample())
    assert ladybug_store.stats() == neo4j_store.stats()
    for q in [
        "MATCH (a:Agency) RETURN a.key, a.name, a.aliases, a.region, a.collective, a.doc, a.span_start",
        "MATCH (t:Task)-[:PART_OF]->(d:Document) RETURN t.key, t.text, t.ordinal, t.deadline, d.title",
        "MATCH (g:Target)-[:TARGET_OF]->(t:Task)<-[e:RESPONSIBLE_FOR]-(a:Agency) "
        "RETURN g.value, g.value_max, t.key, e.lead, a.key",
        "MATCH (a:Agency)-[e:MENTIONED_IN]->(d:Document) RETURN a.key, e.surface, e.doc, e.span_start, d.key",
        "MATCH (x)-[e:DERIVED_FROM]->(y) RETURN x.key, y.key, e.score, e.rule",
        "MATCH (a:Agency)-[:LOCATED_IN]->(c:City)-[:LOCATED_IN]->(p:Province) RETURN a.key, c.name, p.name",
        "MATCH (t:Task)-[u:USES]->(i:Instrument) RETURN t.key, i.key, i.type, u.`primary`, u.span_start, u.rule",
    ]:
        assert rows(ladybug_store, q) == rows(neo4j_store, q), q
    for s in (ladybug_store, neo4j_store):
        s.delete_document_facts("D1")
        s.delete_derived()
    assert ladybug_store.stats() == neo4j_store.stats()
