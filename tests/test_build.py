"""The graph builder on hand-made extractions: keys, provenance, edges, stubs, and the
writer's merge rules (stubs never overwrite real documents, aliases are unioned)."""
from __future__ import annotations

import doctest

import pytest

from policykg.graph import build, export, schema, write
from policykg.graph.build import build_batch
from policykg.ingest.load import load_extractions

TEXT = ("许昌市人民政府关于推进工业园区发展的通知\n许政〔2020〕8号\n根据豫政〔2019〕3号文件精神,"
        "一、市发展改革委负责制定园区规划,市财政局配合。二、市工信局牵头推进技术改造,"
        "力争产值突破100亿元。魏都产业园和许昌家居建材产业集群要加快发展。")


def extraction(**over) -> dict:
    """A small city document: two agencies, two tasks, one target, a zone and a cluster."""
    x = {
        "source": "a.txt", "text": TEXT,
        "document": {"title": "许昌市人民政府关于推进工业园区发展的通知", "doc_number": "许政〔2020〕8号",
                     "issuer": "许昌市人民政府", "date": "2020-05-01", "level": "city", "url": "http://x/1",
                     "region": {"province": "河南省", "city": "许昌市", "county": None},
                     "cites": ["豫政〔2019〕3号"]},
        "agencies": [
            {"name": "许昌市发展和改革委员会", "key": "许昌市|发展和改革委员会", "aliases": ["市发展改革委"],
             "level": "city", "region": "许昌市", "province": "河南省", "collective": False, "function": "发展改革",
             "span": [TEXT.index("市发展改革委"), TEXT.index("市发展改革委") + 6], "rule": "duty:line",
             "mentions": [["市发展改革委", TEXT.index("市发展改革委"), TEXT.index("市发展改革委") + 6]]},
            {"name": "许昌市财政局", "key": "许昌市|财政局", "aliases": ["市财政局"], "level": "city",
             "region": "许昌市", "province": "河南省", "collective": False, "function": "财政",
             "mentions": [["市财政局", TEXT.index("市财政局"), TEXT.index("市财政局") + 4]]},
            {"name": "许昌市工业和信息化局", "key": "许昌市|工业和信息化局", "aliases": ["市工信局"],
             "level": "city", "region": "许昌市", "province": "河南省", "collective": False,
             "mentions": [["市工信局", TEXT.index("市工信局"), TEXT.index("市工信局") + 4]]},
        ],
        "tasks": [{"id": "T1", "text": "制定园区规划", "section": "一", "deadline": None, "span": [50, 56],
                   "rule": "task:item", "ordinal": 1},
                  {"id": "T2", "text": "推进技术改造", "section": "二", "deadline": {"text": "年底", "end": "2020-12-31"},
                   "span": [70, 76], "rule": "task:item", "ordinal": 2}],
        "duties": [{"agency": "许昌市发展和改革委员会", "agency_key": "许昌市|发展和改革委员会", "role": "responsible",
                    "lead": True, "task": "T1", "span": [44, 50], "rule": "duty:line"},
                   {"agency": "许昌市财政局", "agency_key": "许昌市|财政局", "role": "cooperating", "lead": False,
                    "task": "T1", "rule": "duty:line"},
                   {"agency": "许昌市工业和信息化局", "role": "responsible", "lead": False, "task": "T2"},
                   {"agency": "许昌市财政局", "role": "cooperating", "task": "T9"}],  # no such task: dropped
        "targets": [{"text": "产值突破100亿元", "value": 1e10, "value_max": None, "unit": "元", "qualifier": ">",
                     "task": "T2", "span": [80, 89], "rule": "target:number-unit"}],
        "zones": [{"name": "魏都产业园", "kind": "产业园", "span": [TEXT.index("魏都"), TEXT.index("魏都") + 5]}],
        "clusters": [{"name": "许昌家居建材", "span": [TEXT.index("许昌家居"), TEXT.index("许昌家居") + 6]}],
    }
    x.update(over)
    return x


def edges(batch, typ):
    return sorted((e.src, e.dst) for e in batch.edges if e.type == typ)


def test_doctests_of_the_graph_modules():
    for mod in (build, write, export):
        assert doctest.testmod(mod).failed == 0, mod.__name__


def test_keys_and_nodes():
    b = build_batch(extraction())
    keys = {(n.label, n.key) for n in b.nodes}
    assert keys == {
        ("Document", "许政〔2020〕8号"), ("Document", "豫政〔2019〕3号"),
        ("Province", "河南省"), ("City", "许昌市"),
        ("Agency", "许昌市|发展和改革委员会"), ("Agency", "许昌市|财政局"), ("Agency", "许昌市|工业和信息化局"),
        ("Agency", "许昌市|许昌市人民政府"),  # the issuer, not listed among the agencies
        ("Task", "许政〔2020〕8号#T1"), ("Task", "许政〔2020〕8号#T2"), ("Target", "许政〔2020〕8号#target1"),
        ("Zone", "魏都产业园"), ("Cluster", "许昌家居建材")}
    doc = next(n for n in b.nodes if n.key == "许政〔2020〕8号")
    assert doc.props["stub"] is False and doc.props["sha"] == build.text_sha(TEXT) and doc.props["text"] == TEXT
    assert (doc.props["city"], doc.props["source"], doc.props["url"]) == ("许昌市", "a.txt", "http://x/1")
    stub = next(n for n in b.nodes if n.key == "豫政〔2019〕3号")
    assert stub.props["stub"] is True and stub.props["doc_number"] == "豫政〔2019〕3号"
    task = next(n for n in b.nodes if n.key.endswith("#T2"))
    assert (task.props["deadline"], task.props["deadline_text"], task.props["region"]) == ("2020-12-31", "年底", "许昌市")


def test_document_without_number_is_keyed_by_hash():
    x = extraction()
    x["document"] = {**x["document"], "doc_number": None, "cites": []}
    b = build_batch(x)
    [doc] = [n for n in b.nodes if n.label == "Document"]
    assert doc.key == "sha:" + build.text_sha(TEXT) and doc.props["sha"] == build.text_sha(TEXT)
    assert all(n.props["doc"] == doc.key for n in b.nodes if n.label in ("Task", "Target"))


def test_every_node_and_edge_carries_provenance():
    b = build_batch(extraction())
    for item in b.nodes + b.edges:
        p = item.props
        assert {"doc", "span_start", "span_end", "rule"} <= set(p), item
        assert isinstance(p["span_start"], int) and isinstance(p["span_end"], int) and p["rule"], item
    task = next(n for n in b.nodes if n.key.endswith("#T1"))
    assert (task.props["doc"], task.props["span_start"], task.props["span_end"], task.props["rule"]) == (
        "许政〔2020〕8号", 50, 56, "task:item")
    [cite] = [e for e in b.edges if e.type == "DERIVED_FROM"]
    assert TEXT[cite.props["span_start"]:cite.props["span_end"]] == "豫政〔2019〕3号"
    [fin] = [e for e in b.edges if e.type == "COOPERATES_WITH" and e.dst_label == "Task"]
    assert (fin.props["span_start"], fin.props["span_end"]) == (-1, -1)  # the duty gave no span
    # gazetteer facts belong to no document: they must outlive any one of them
    assert all(e.props["doc"] is None for e in b.edges if e.type == "LOCATED_IN")


def test_duty_and_cooperation_edges():
    b = build_batch(extraction())
    d = "许政〔2020〕8号"
    assert edges(b, "RESPONSIBLE_FOR") == [("许昌市|发展和改革委员会", d + "#T1"), ("许昌市|工业和信息化局", d + "#T2")]
    lead = {e.dst: e.props["lead"] for e in b.edges if e.type == "RESPONSIBLE_FOR"}
    assert lead == {d + "#T1": True, d + "#T2": False}
    assert edges(b, "COOPERATES_WITH") == sorted([("许昌市|财政局", "许昌市|发展和改革委员会"), ("许昌市|财政局", d + "#T1")])
    [aa] = [e for e in b.edges if e.type == "COOPERATES_WITH" and e.dst_label == "Agency"]
    assert aa.props["tasks"] == [d + "#T1"] and aa.props["doc"] == d
    assert edges(b, "TARGET_OF") == [(d + "#target1", d + "#T2")]
    assert edges(b, "PART_OF") == [(d + "#T1", d), (d + "#T2", d)]
    assert edges(b, "ISSUED_BY") == [(d, "许昌市|许昌市人民政府")]
    assert edges(b, "ISSUED_IN") == [(d, "许昌市")]
    assert edges(b, "DERIVED_FROM") == [(d, "豫政〔2019〕3号")]


def test_places_and_locations():
    x = extraction()
    x["agencies"].append({"name": "禹州市财政局", "key": "禹州市|财政局", "aliases": [], "level": "county",
                          "region": "禹州市", "province": "河南省", "collective": False, "mentions": []})
    b = build_batch(x)
    assert edges(b, "LOCATED_IN") == sorted([
        ("许昌市", "河南省"), ("河南省|禹州市", "许昌市"),
        ("许昌市|发展和改革委员会", "许昌市"), ("许昌市|财政局", "许昌市"), ("许昌市|工业和信息化局", "许昌市"),
        ("许昌市|许昌市人民政府", "许昌市"), ("禹州市|财政局", "河南省|禹州市"),
        ("魏都产业园", "许昌市"), ("许昌家居建材", "许昌市")])
    county = next(n for n in b.nodes if n.label == "County")
    assert county.props == {**county.props, "name": "禹州市", "city": "许昌市", "province": "河南省"}


def test_mentions_carry_every_surface_once():
    x = extraction()
    a = x["agencies"][0]
    a["mentions"] = a["mentions"] * 3 + [["发展改革委", 3, 8]]
    b = build_batch(x)
    ms = sorted(e.props["surface"] for e in b.edges if e.type == "MENTIONED_IN" and e.src == a["key"])
    assert ms == ["发展改革委", "市发展改革委"]
    assert all(e.dst == "许政〔2020〕8号" for e in b.edges if e.type == "MENTIONED_IN")


def test_every_edge_joins_schema_labels_and_nodes_of_the_batch():
    b = build_batch(extraction())
    present = {(n.label, n.key) for n in b.nodes}
    for e in b.edges:
        assert (e.src_label, e.dst_label) in schema.RELS[e.type].pairs
        assert (e.src_label, e.src) in present and (e.dst_label, e.dst) in present, e


def test_same_extraction_same_batch():
    assert build_batch(extraction()) == build_batch(extraction())


def _cited_document() -> dict:
    text = "河南省人民政府关于产业集聚区的意见\n豫政〔2019〕3号\n省发展改革委负责统筹。"
    return {"source": "b.txt", "text": text,
            "document": {"title": "关于产业集聚区的意见", "doc_number": "豫政〔2019〕3号", "level": "province",
                         "region": {"province": "河南省", "city": None, "county": None}, "cites": []},
            "agencies": [{"name": "河南省发展和改革委员会", "key": "河南省|发展和改革委员会", "aliases": ["省发展改革委"],
                          "level": "province", "region": "河南省", "province": "河南省",
                          "mentions": [["省发展改革委", text.index("省发展"), text.index("省发展") + 6]]}],
            "tasks": [], "duties": [], "targets": [], "zones": [], "clusters": []}


@pytest.mark.parametrize("order", ["stub first", "real first", "same transaction"])
def test_stub_never_overwrites_the_real_document(ladybug_store, order):
    citing, cited = extraction(), _cited_document()
    if order == "stub first":
        load_extractions(ladybug_store, [citing])
        [[stub]] = ladybug_store.query("MATCH (d:Document {key: '豫政〔2019〕3号'}) RETURN d.stub").rows
        assert stub is True
        load_extractions(ladybug_store, [cited])
    elif order == "real first":
        load_extractions(ladybug_store, [cited])
        load_extractions(ladybug_store, [citing])
    else:
        load_extractions(ladybug_store, [citing, cited])
    assert ladybug_store.query("MATCH (d:Document {key: '豫政〔2019〕3号'}) RETURN d.stub, d.title, d.level, d.doc, "
                               "d.rule").rows == [[False, "关于产业集聚区的意见", "province", "豫政〔2019〕3号", "meta"]]
    assert ladybug_store.query("MATCH (a:Document)-[:DERIVED_FROM]->(b:Document) RETURN a.key, b.key").rows == [
        ["许政〔2020〕8号", "豫政〔2019〕3号"]]


def test_aliases_are_the_union_across_documents(ladybug_store):
    one = extraction()
    two = extraction(source="c.txt", text="市发改委要会同有关部门推进。" + TEXT[:10])
    two["document"] = {**two["document"], "doc_number": "许政〔2020〕9号", "cites": []}
    two["agencies"] = [{**one["agencies"][0], "aliases": ["市发改委"], "mentions": [["市发改委", 0, 4]]}]
    two["duties"] = two["targets"] = two["zones"] = two["clusters"] = []
    for order in ([one, two], [two, one]):
        ladybug_store.clear()
        load_extractions(ladybug_store, order, batch_docs=1)
        rows = ladybug_store.query("MATCH (a:Agency {key: '许昌市|发展和改革委员会'}) RETURN a.aliases, a.doc, "
                                   "a.span_start, a.function").rows
        # union of the surfaces; provenance = first mention (smallest document key), whatever the order
        assert rows == [[["市发展改革委", "市发改委"], "许政〔2020〕8号", TEXT.index("市发展改革委"), "发展改革"]]
