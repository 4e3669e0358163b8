"""The query registry: file format, parameters, typing and errors (no store needed)."""
from __future__ import annotations

import pytest

from policykg.errors import ParameterError, UnknownQueryError
from policykg.queries import registry
from policykg.graph.readform import TYPES
from policykg.queries import catalog
from policykg.queries.anchors import regions_under
from policykg.queries.registry import anchor_region, Param, agency_forms, bind, named_parameters, parse_query

EXPECTED = {"agency_duties", "agency_cooperation", "cascade", "cascade_through_reforms", "cascade_tasks",
            "cascade_uncarried", "cascade_same_bodies", "task_chain", "document_lineage", "region_targets",
            "deadlines_before", "region_zones", "region_clusters", "gaps_uncarried", "gaps_no_counterpart",
            "busiest_agencies", "agency_path", "diffusion", "coissuance", "document_status", "agency_successors",
            "instrument_mix", "instrument_mix_agency", "instruments_by_region", "instruments_by_level",
            "instruments_by_year", "instruments_by_document", "instruments_by_agency", "instrument_tasks",
            "instrument_cascade_mix", "instrument_cascade_pairs", "carried_down", "diffusion_uppers", "uncarried_tasks"}


def test_every_expected_query_is_there():
    assert {q.name for q in registry.all_queries()} == EXPECTED
    assert [q.name for q in registry.all_queries()] == sorted(EXPECTED)


@pytest.mark.parametrize("query", registry.all_queries(), ids=lambda q: q.name)
def test_declared_parameters_are_the_ones_the_text_uses(query):
    # an anchored query's region filters are used by the anchor lookup, not the text
    filters = {anchor_region(a, [p.name for p in query.params]) for a in query.anchors}
    declared = sorted(p.name for p in query.params if p.name not in filters)
    assert all(query.param(a) and (query.param(a).type == "agency" or (query.param(a).type == "string" and a in ("task", "document")))
               for a in query.anchors)
    # a region parameter x may be used as $x_under: the region and every region under it
    under = {p.name + "_under": p.name for p in query.params if p.type == "region"}
    assert sorted({under.get(n, n) for n in named_parameters(query.cypher)}) == declared
    for dialect, text in query.dialects.items():
        assert sorted({under.get(n, n) for n in named_parameters(text)}) == declared, dialect
    assert query.description and query.path.endswith(f"{query.name}.cypher")
    for p in query.params:
        assert p.example is not None or not p.required, f"{p.name} needs an example"
        assert p.description, f"{p.name} needs a help text"
    bind(query, query.example_params())  # the examples are valid values


def test_header_mismatch_is_refused():
    text = "// name: q\n// description: d\n// param a: string, example x -- a\nMATCH (n) WHERE n.k = $a AND n.j = $b RETURN n"
    with pytest.raises(ValueError, match=r"uses \$a, \$b but the header declares a"):
        parse_query(text)
    bad_dialect = ("// name: q\n// description: d\n// param a: string, example x -- a\nRETURN $a AS x\n"
                   "// dialect: neo4j\nRETURN 1 AS x")
    with pytest.raises(ValueError, match="neo4j text"):
        parse_query(bad_dialect)
    with pytest.raises(ValueError, match="unknown type"):
        parse_query("// name: q\n// description: d\n// param a: text -- a\nRETURN $a")


def test_dialect_sections_replace_the_common_text():
    q = parse_query("// name: q\n// description: d\n// sort: -x\nRETURN 1 AS x\n// dialect: neo4j\nRETURN 2 AS x")
    assert q.text_for("ladybug") == "RETURN 1 AS x" and q.text_for("neo4j") == "RETURN 2 AS x"
    assert q.sort == ("-x",)
    d = registry.get("agency_path").as_dict()
    assert set(d) >= {"name", "description", "params", "cypher", "path"} and "neo4j" in d["dialects"]
    assert d["params"][0] == {"name": "source", "type": "agency", "example": "市发展改革委", "default": None,
                              "required": True, "description": d["params"][0]["description"]}


def test_unknown_query_suggests_close_names():
    with pytest.raises(UnknownQueryError, match="did you mean agency_duties") as e:
        registry.get("agency_dutys")
    assert e.value.http_status == 404
    with pytest.raises(UnknownQueryError, match="known queries: agency_cooperation"):
        registry.get("zzzz")


def test_parameters_are_typed_and_checked():
    q = registry.get("busiest_agencies")
    under = {"region_under": regions_under("河南省")}  # the region with every region under it
    assert bind(q, {"region": "河南", "top": "5"}) == {"region": "河南省", "top": 5, **under}
    assert bind(q, {"region": "许昌市"}) == {"region": "许昌市", "top": 20,  # the default
                                           "region_under": regions_under("许昌市")}
    with pytest.raises(ParameterError, match="'top'") as e:
        bind(q, {"region": "河南省", "top": "five"})
    assert e.value.detail["parameter"] == "top"
    with pytest.raises(ParameterError, match="needs parameter 'region'"):
        bind(q, {})
    with pytest.raises(ParameterError, match="no parameter 'regoin'"):
        bind(q, {"regoin": "河南省"})
    with pytest.raises(ParameterError, match="'date'"):
        bind(registry.get("deadlines_before"), {"date": "June 2010"})
    with pytest.raises(ParameterError, match="'agency'"):
        bind(registry.get("agency_duties"), {"agency": "  "})
    assert bind(registry.get("region_targets"), {"region": "河南省"})["agency"] == []  # optional: no filter


def test_coerce_each_type():
    c = registry.coerce
    assert c(Param("x", "int"), "7") == 7 and c(Param("x", "int"), 7.0) == 7
    assert c(Param("x", "float"), "0.5") == 0.5
    assert c(Param("x", "bool"), "yes") is True and c(Param("x", "bool"), "false") is False
    assert c(Param("x", "string"), 12) == "12"
    for typ, bad in (("int", "1.5"), ("int", True), ("bool", "maybe"), ("float", "x"), ("string", [1])):
        with pytest.raises(ParameterError):
            c(Param("x", typ), bad)


def test_agency_forms_cover_how_users_type_names():
    forms = agency_forms("省发改委")
    assert {"省发改委", "省发展改革委", "省发展和改革委员会", "fn:province:发展改革"} <= set(forms)
    assert "河南省发展和改革委员会" in agency_forms("河南省发展改革委")
    assert "fn:发展改革" in agency_forms("发改委") and "fn:city:财政" in agency_forms("市财政局")
    assert agency_forms("锦州市软环境办") == ["锦州市软环境办"]  # no known function: as typed
    assert agency_forms("ＡＢ 局") == ["AB局", "ＡＢ 局"]  # full-width and spaces normalized too


def test_anchor_lookup_uses_its_own_parameters():
    assert named_parameters(registry.ANCHOR_LOOKUP) == ["forms", "region", "region_under"]


def test_every_read_of_the_catalog_is_declared_in_one_form():
    """The analysts' queries, the API's and the views' reads: one form, unique names, a description
    and typed parameters each; the internal ones are marked so and listed with their kind."""
    reads = registry.entries()
    assert len({q.name for q in reads}) == len(reads) > len(registry.all_queries())
    for q in reads:
        assert q.description and all(p.type in TYPES for p in q.params), q.name
        assert (q.build is not None) != bool(q.cypher) or q.dialects, q.name
    internal = {q.name for q in reads if q.internal}
    assert {"agencies", "documents", "task_search", "view_hop", "find_agency", "anchor_agencies"} <= internal
    assert not internal & {q.name for q in registry.all_queries()}
    kinds = {kind for kind, _ in catalog.listing()}
    assert kinds == {"query", "internal", "graph"}


def test_a_read_builder_takes_labels_and_types_only_from_the_schema():
    with pytest.raises(ParameterError, match="label"):
        bind(registry.get("view_nodes"), {"label": "Agency) DETACH DELETE (x", "key": "k"})
    with pytest.raises(ParameterError, match="relationship type"):
        bind(registry.get("task_duties"), {"key": "k", "type": "OWNS"})
    assert "$key" in registry.get("view_nodes").text_for("ladybug", bind(registry.get("view_nodes"),
                                                                         {"label": "Zone", "key": "k"}))


def test_a_region_means_the_region_and_every_region_under_it():
    assert regions_under("许昌市")[0] == "许昌市" and "禹州市" in regions_under("许昌市")
    assert {"许昌市", "禹州市", "洛阳市", "西工区"} <= set(regions_under("河南省"))
    assert regions_under("西工区") == ["西工区"] and regions_under("") == []
    bound = bind(registry.get("busiest_agencies"), {"region": "许昌"})  # a short name, as the full one
    assert bound["region"] == "许昌市" and bound["region_under"] == regions_under("许昌市")
