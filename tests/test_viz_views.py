"""The views on real stores (LadybugDB and Neo4j) holding the hand-built graph, and the
``policykg viz`` commands on a LadybugDB directory."""
from __future__ import annotations

import pytest
from fixtures_viz import CITY, D0, D1, D2, FIN, LY_NDRC, NDRC, XC_FIN, XC_NDRC, page_data
from typer.testing import CliRunner

from policykg.cli import app
from policykg.config import Settings
from policykg.errors import NotFoundError, ParameterError
from policykg.viz import views
from policykg.viz.render import MORE, external_refs

SETTINGS = Settings(viz_node_cap=2000, query_timeout_s=30)


def by_type(nodes):
    out: dict[str, set] = {}
    for n in nodes:
        out.setdefault(n["ptype"], set()).add(n["key"])
    return out


def pairs(edges, typ):
    return {(e["from"].split(":", 1)[1], e["to"].split(":", 1)[1]) for e in edges if e["ptype"] == typ}


def test_agency_found_by_alias_shows_tasks_partners_documents(viz_store):
    page = views.agency_view(viz_store, "省发展改革委", settings=SETTINGS)
    nodes, edges = page_data(page.html)
    kinds = by_type(nodes)
    assert kinds["Task"] == {f"{D1}#T1", f"{D1}#T2"}
    assert kinds["Agency"] == {NDRC, FIN, XC_NDRC}  # the focus, a partner, a counterpart
    assert kinds["Document"] == {D1}
    assert pairs(edges, "RESPONSIBLE_FOR") == {(NDRC, f"{D1}#T1"), (NDRC, f"{D1}#T2")}
    assert (FIN, NDRC) in pairs(edges, "COOPERATES_WITH") and (FIN, f"{D1}#T1") in pairs(edges, "COOPERATES_WITH")
    assert pairs(edges, "COUNTERPART_OF") == {(XC_NDRC, NDRC)}
    assert "负责 2 项任务，配合 0 项任务" in page.html
    focus = next(n for n in nodes if n["key"] == NDRC)
    assert focus["borderWidth"] == 4 and "原文：省发展改革委负责，省财政厅配合。" in focus["title"]
    assert external_refs(page.html) == []


def test_agency_by_key_name_and_alias_is_the_same_view(viz_store):
    got = [by_type(page_data(views.agency_view(viz_store, q, settings=SETTINGS).html)[0])
           for q in (NDRC, "河南省发展和改革委员会", "省发改委")]
    assert got[0] == got[1] == got[2]


def test_agency_depth_two_reaches_the_partners_tasks_and_targets(viz_store):
    nodes, _ = page_data(views.agency_view(viz_store, "省发展改革委", depth=2, settings=SETTINGS).html)
    kinds = by_type(nodes)
    assert f"{D1}#T3" in kinds["Task"] and kinds["Target"] == {f"{D1}#target1"}
    assert f"{D2}#T1" in kinds["Task"]  # through the counterpart


def test_namesakes_are_listed_and_a_region_chooses(viz_store):
    with pytest.raises(ParameterError) as e:
        views.agency_view(viz_store, "市发展改革委", settings=SETTINGS)
    assert XC_NDRC in str(e.value) and LY_NDRC in str(e.value) and "--region" in str(e.value)
    assert {c["key"] for c in e.value.detail["candidates"]} == {XC_NDRC, LY_NDRC}
    nodes, _ = page_data(views.agency_view(viz_store, "市发展改革委", region=CITY, settings=SETTINGS).html)
    assert next(n for n in nodes if n["borderWidth"] == 4)["key"] == XC_NDRC


def test_unknown_agency_and_bad_depth_are_clear_errors(viz_store):
    with pytest.raises(NotFoundError, match="no agency named '省教育厅'"):
        views.agency_view(viz_store, "省教育厅", settings=SETTINGS)
    with pytest.raises(ParameterError, match="depth"):
        views.agency_view(viz_store, "省发展改革委", depth=9, settings=SETTINGS)


def test_cascade_puts_provincial_agencies_above_their_counterparts(viz_store):
    page = views.cascade_view(viz_store, "河南省", "许昌", settings=SETTINGS)  # short form resolves
    nodes, edges = page_data(page.html)
    level = {n["key"]: n["level"] for n in nodes}
    assert pairs(edges, "COUNTERPART_OF") == {(XC_NDRC, NDRC), (XC_FIN, FIN)}
    for lower, upper in pairs(edges, "COUNTERPART_OF"):
        assert level[upper] < level[lower]
    derived = {(e["from"].split(":", 1)[1], e["to"].split(":", 1)[1]): e["label"]
               for e in edges if e["ptype"] == "DERIVED_FROM"}
    assert derived == {(f"{D2}#T1", f"{D1}#T1"): "0.83", (f"{D2}#T2", f"{D1}#T3"): "0.61"}
    assert level[f"{D1}#T1"] < level[NDRC] < level[XC_NDRC] < level[f"{D2}#T1"]
    assert "政策传导：河南省 → 许昌市" in page.html and "2 对对口部门，2 条任务派生关系" in page.html


def test_cascade_without_alignment_says_so(viz_store):
    page = views.cascade_view(viz_store, "河南省", "洛阳市", settings=SETTINGS)
    assert page.nodes == 0 and "没有找到 洛阳市 与 河南省 之间的对口部门" in page.html
    with pytest.raises(NotFoundError, match="no region '火星'"):
        views.cascade_view(viz_store, "火星", "许昌市", settings=SETTINGS)


def test_document_lineage_up_and_down(viz_store):
    page = views.document_view(viz_store, D1, settings=SETTINGS)
    nodes, edges = page_data(page.html)
    level = {n["key"]: n["level"] for n in nodes}
    assert level == {D0: 0, D1: 1, D2: 2}
    assert pairs(edges, "DERIVED_FROM") == {(D1, D0), (D2, D1)}
    stub = next(n for n in nodes if n["key"] == D0)
    assert "（仅被引用，尚未导入）" in stub["title"] and stub["shapeProperties"]["borderDashes"]
    assert "任务数：2" in next(n for n in nodes if n["key"] == D2)["title"]
    one_way = page_data(views.document_view(viz_store, D2, depth=1, settings=SETTINGS).html)[0]
    assert {n["key"] for n in one_way} == {D1, D2}
    with pytest.raises(NotFoundError):
        views.document_view(viz_store, "京政〔1999〕1号", settings=SETTINGS)


def test_region_overview_filters_types_and_caps(viz_store):
    nodes, edges = page_data(views.region_view(viz_store, "许昌市", settings=SETTINGS).html)
    kinds = by_type(nodes)
    assert kinds["Agency"] == {XC_NDRC, XC_FIN} and kinds["Zone"] == {"许昌经济技术开发区"}
    assert kinds["Document"] == {D2} and len(kinds["Task"]) == 2
    assert ("许昌经济技术开发区", D2) in pairs(edges, "MENTIONED_IN")
    only = by_type(page_data(views.region_view(viz_store, "许昌市", types="Agency,任务", settings=SETTINGS).html)[0])
    assert set(only) == {"Agency", "Task"}
    capped = views.region_view(viz_store, "许昌市", types="Agency,Task", settings=SETTINGS, cap=3)
    nodes, _ = page_data(capped.html)
    assert len(nodes) <= 3 and sum(capped.omitted.values()) == 4 - capped.nodes > 0
    assert any(n["ptype"] == MORE for n in nodes) and "未显示：" in capped.html


def test_cli_writes_each_view(viz_db_path, tmp_path):
    viz_db = viz_db_path
    runner = CliRunner()
    runs = {"agency": ["viz", "agency", "省发展改革委", "--depth", "2"],
            "cascade": ["viz", "cascade", "--upper", "河南省", "--lower", "许昌市"],
            "document": ["viz", "document", D2],
            "region": ["viz", "region", "许昌市", "--types", "Agency,Task,Zone"]}
    for name, args in runs.items():
        out = tmp_path / "out" / f"{name}.html"
        res = runner.invoke(app, [*args, "--db", viz_db, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert f"wrote {out}" in res.output
        html = out.read_text(encoding="utf-8")
        assert page_data(html)[0] and external_refs(html) == []


def test_cli_errors_are_one_line_with_exit_code_2(viz_db_path, tmp_path):
    viz_db = viz_db_path
    res = CliRunner().invoke(app, ["viz", "agency", "市发展改革委", "--db", viz_db, "-o", str(tmp_path / "x.html")])
    assert res.exit_code == 2 and "names 2 agencies" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x.html").exists()
    res = CliRunner().invoke(app, ["viz", "region", "许昌市", "--types", "Nope", "--db", viz_db, "-o",
                                   str(tmp_path / "y.html")])
    assert res.exit_code == 2 and "unknown type 'Nope'" in res.output
