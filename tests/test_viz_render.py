"""The pure half of the views: nx graph -> HTML, without a store or a browser."""
from __future__ import annotations

import json
import re

import doctest

import networkx as nx
import pytest
from fixtures_viz import EVIL, page_data

from policykg.queries import subgraph as fetch
from policykg.viz import render, views
from policykg.viz.render import MORE, cap_graph, external_refs


@pytest.mark.parametrize("module", [render, fetch, views])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("A", type="Agency", key="a", props={"name": "河南省发展和改革委员会", "aliases": ["省发改委"]},
               focus=True, snippet="省发改委负责。")
    g.add_node("T", type="Task", key="t", props={"text": f"编制规划{EVIL}", "ordinal": 1})
    g.add_node("D", type="Document", key="d", props={"doc_number": "豫政〔2020〕75号", "stub": True})
    g.add_edge("A", "T", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", props={"lead": True})
    g.add_edge("T", "D", key="PART_OF", type="PART_OF", props={})
    g.add_edge("T", "T", key="DERIVED_FROM", type="DERIVED_FROM", props={"score": 0.8125})
    return g


def test_page_is_self_contained_and_escapes_document_text():
    page = render.render(small_graph(), title=f"标题{EVIL}", notes=[f"说明{EVIL}"])
    html = page.html
    assert external_refs(html) == []
    assert "vis.Network" in html and "vis-network" in html  # the library is inline
    # document text never becomes markup: not in the title, the notes or the embedded data
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;img src=x" in html
    nodes, edges = page_data(html)
    assert {n["ptype"] for n in nodes} == {"Agency", "Task", "Document"}
    agency = next(n for n in nodes if n["ptype"] == "Agency")
    assert agency["label"] == "河南省发展和改革委员会" and agency["borderWidth"] == 4  # the focus stands out
    assert "原文：省发改委负责。" in agency["title"] and "别名：省发改委" in agency["title"]
    assert next(e for e in edges if e["ptype"] == "DERIVED_FROM")["label"] == "0.81"
    doc = next(n for n in nodes if n["ptype"] == "Document")
    assert doc["shapeProperties"] == {"borderDashes": [4, 3]}  # a stub is drawn dashed


def test_legend_lists_only_types_present_in_chinese():
    html = render.render(small_graph(), title="t").html
    legend = html[html.index('id="legend"'):html.index('<div id="network"')]
    for name in ("机构", "任务", "文件", "负责", "属于文件", "派生自"):
        assert name in legend
    assert "指标" not in legend and "对口" not in legend


def test_external_refs_catches_every_kind_of_remote_load():
    page = ('<link href="https://cdn.jsdelivr.net/x.css"><script src=//cdn.example.org/a.js></script>'
            '<style>@import "https://x/y.css"; body{background:url(http://x/i.png)}</style>')
    assert len(external_refs(page)) == 4


def test_cap_keeps_the_focus_neighbourhood_and_says_what_it_left_out():
    g = nx.MultiDiGraph()
    g.add_node("A", type="Agency", key="A", props={"name": "甲"})
    for i in range(30):
        g.add_node(f"T{i}", type="Task", key=f"T{i}", props={"text": f"任务{i}"})
        g.add_edge("A", f"T{i}", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", props={})
        g.add_node(f"G{i}", type="Target", key=f"G{i}", props={"text": f"指标{i}"})
        g.add_edge(f"G{i}", f"T{i}", key="TARGET_OF", type="TARGET_OF", props={})
    small, left_out = cap_graph(g, 20, focus=["A"])
    assert small.number_of_nodes() == 20
    assert left_out == {"Task": 13, "Target": 30}  # 18 kept + 2 aggregates; targets are two steps away: they go first
    assert "A" in small and small.nodes[f"{MORE}:Target"]["props"]["text"] == "另有 30 个指标未显示"
    assert small.has_edge("A", f"{MORE}:Task")  # the aggregate hangs where the lost nodes did
    page = render.render(g, title="t", cap=20, focus=["A"])
    assert page.nodes == 18 and page.omitted == {"Task": 13, "Target": 30}
    assert "未显示：13 个任务、30 个指标（每页最多 20 个节点" in page.html


def test_hierarchical_page_gives_every_node_a_level():
    g = nx.MultiDiGraph()
    for i in range(10):
        g.add_node(f"T{i}", type="Task", key=f"T{i}", props={"text": "x"}, level=i % 2)
    page = render.render(g, title="t", cap=5, hierarchical=True)
    nodes, _ = page_data(page.html)
    assert len(nodes) == 5 and all("level" in n for n in nodes)
    data = json.loads(re.search(r'id="policykg-data">(.*?)</script>', page.html, re.S).group(1))
    assert data["options"]["layout"]["hierarchical"]["enabled"] is True and data["physics"] is False


def test_big_graphs_get_cheap_layout_options():
    assert render._vis_options(2000, False)["layout"]["improvedLayout"] is False
    assert render._vis_options(2000, False)["physics"]["stabilization"]["iterations"] <= 150
    assert render._vis_options(20, False)["layout"]["improvedLayout"] is True
    assert render._vis_options(20, True)["physics"] == {"enabled": False}


def test_unknown_region_types_are_refused():
    from policykg.errors import ParameterError

    with pytest.raises(ParameterError, match="unknown type 'Tasks'"):
        views.parse_types("Agency,Tasks")
