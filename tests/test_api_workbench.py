"""The routes the workbench reads, on every store (TestClient over ASGI): search over every kind,
regions, task full-text search, an agency's duties paged and filtered, a document's text with its
facts and its tasks, diffusion's upper documents, the uncarried upper tasks of a cascade, and the
networks as JSON and GEXF.  Answers worked out by hand on fixtures_workbench.workbench_batch."""
from __future__ import annotations

import io

import networkx as nx
import pytest
from fixtures_api import (CITY_DOC, CITY_FIN, CITY_NDRC, CITY_TEXT, PROV_DOC, PROV_FIN, PROV_NDRC, is_error)
from fixtures_workbench import LAG

from policykg.queries.ids import key_to_id

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def test_search_counts_every_kind(wb_client):
    body = wb_client.get("/search", params={"q": "许昌"}).json()
    got = {r["kind"]: (r["total"], [i.get("name") or i.get("title") or i.get("text") for i in r["items"]])
           for r in body["results"]}
    assert got == {"agency": (2, ["许昌市财政局", "许昌市发展和改革委员会"]),
                   "document": (1, ["许昌市人民政府关于落实先进制造业基地建设任务的通知"]),
                   "region": (1, ["许昌市"]), "zone": (1, ["许昌经济技术开发区"]), "cluster": (1, ["许昌电力装备"]),
                   "task": (2, ["壮大许昌电力装备产业集群。", "建设许昌经济技术开发区配套设施，新增标准厂房50万平方米。"])}
    by_number = wb_client.get("/search", params={"q": "3号", "kinds": "document"}).json()["results"]
    assert [(r["kind"], r["total"], r["items"][0]["key"]) for r in by_number] == [("document", 1, PROV_DOC)]
    is_error(wb_client.get("/search", params={"q": "x", "kinds": "people"}), 422, "bad_parameter")
    is_error(wb_client.get("/search", params={"q": " "}), 422, "bad_parameter")
    assert wb_client.get("/search").status_code == 422


def test_regions_listed_and_summarised(wb_client):
    assert [(r["name"], r["level"]) for r in wb_client.get("/regions", params={"q": "许"}).json()["items"]] == [
        ("许昌市", "city")]
    assert [r["name"] for r in wb_client.get("/regions", params={"parent": "河南省"}).json()["items"]] == ["许昌市"]
    assert [r["name"] for r in wb_client.get("/regions", params={"level": "province"}).json()["items"]] == ["河南省"]
    prov = wb_client.get("/regions/河南省").json()
    assert (prov["level"], prov["parent"], [c["name"] for c in prov["children"]]) == ("province", None, ["许昌市"])
    assert prov["documents_by_year"] == [{"year": 2021, "own": 1, "below": 1}]
    assert (prov["documents"], prov["documents_below"], prov["agencies"], prov["tasks"], prov["targets"]) == (1, 1, 2, 2, 0)
    city = wb_client.get("/regions/许昌市").json()
    assert (city["level"], city["parent"], city["children"]) == ("city", "河南省", [])
    assert (city["documents"], city["documents_below"], city["targets"], city["zones"], city["clusters"]) == (1, 0, 1, 1, 1)
    is_error(wb_client.get("/regions/火星"), 404, "not_found")


def test_tasks_found_by_any_part_of_their_text(wb_client):
    body = wb_client.get("/tasks", params={"q": "产业"}).json()
    assert body["total"] == 3
    assert [t["key"] for t in body["items"]] == [f"{PROV_DOC}#T1", f"{PROV_DOC}#T2", f"{CITY_DOC}#T1"]
    first = body["items"][0]
    assert first["document"]["key"] == PROV_DOC and first["document"]["id"] == key_to_id(PROV_DOC)
    assert [(a["key"], a["lead"]) for a in first["agencies"]] == [(PROV_NDRC, True)]
    page = wb_client.get("/tasks", params={"q": "产业", "offset": 1, "limit": 1}).json()
    assert (page["total"], [t["key"] for t in page["items"]]) == (3, [f"{PROV_DOC}#T2"])
    assert wb_client.get("/tasks", params={"q": "产业", "region": "许昌市"}).json()["total"] == 1
    assert wb_client.get("/tasks", params={"q": "没有这样的任务"}).json() == {"total": 0, "limit": 50, "offset": 0,
                                                                             "items": []}


def test_agency_duties_paged_filtered_with_facets(wb_client):
    fin = key_to_id(PROV_FIN)
    body = wb_client.get(f"/agencies/{fin}/duties").json()
    assert body["total"] == 2 and [d["duty_role"] for d in body["items"]] == ["cooperating", "lead"]
    assert body["facets"]["roles"] == [{"role": "lead", "duties": 1}, {"role": "cooperating", "duties": 1}]
    assert body["facets"]["years"] == [{"year": 2021, "duties": 2}]
    assert [(d["key"], d["duties"]) for d in body["facets"]["documents"]] == [(PROV_DOC, 2)]
    coop = wb_client.get(f"/agencies/{fin}/duties", params={"role": "cooperating"}).json()
    [task] = coop["items"]  # the sentence of the task the duty is about, which the span marks
    assert task["sentence"]["text"] == "（一）培育装备制造产业集群。"
    s, e = task["span_start"] - task["sentence"]["span"][0], task["span_end"] - task["sentence"]["span"][0]
    assert task["sentence"]["text"][s:e] == "培育装备制造产业集群。"
    assert coop["facets"] == body["facets"]  # facets count before the narrowing
    assert wb_client.get(f"/agencies/{fin}/duties", params={"year": 2020}).json()["total"] == 0
    assert wb_client.get(f"/agencies/{fin}/duties", params={"document": CITY_DOC}).json()["total"] == 0
    assert wb_client.get(f"/agencies/{fin}/duties", params={"limit": 1, "offset": 1}).json()["items"][0]["duty_role"] == "lead"
    assert wb_client.get(f"/agencies/{fin}/duties", params={"role": "boss"}).status_code == 422
    quick = wb_client.get(f"/agencies/{fin}", params={"duties": "false"}).json()
    assert quick["duties"] == [] and quick["agency"]["key"] == PROV_FIN
    assert len(wb_client.get(f"/agencies/{fin}").json()["duties"]) == 2  # the documented default is unchanged


def test_document_text_places_every_fact_on_its_words(wb_client):
    body = wb_client.get(f"/documents/{key_to_id(CITY_DOC)}/text").json()
    text = body["text"]
    words = {(f["kind"], text[f["start"]:f["end"]], f["key"]) for f in body["facts"]}
    assert words == {
        ("agency", "市发展改革委", CITY_NDRC), ("agency", "市财政局", CITY_FIN),
        ("task", "壮大许昌电力装备产业集群。", f"{CITY_DOC}#T1"),
        ("task", "建设许昌经济技术开发区配套设施，新增标准厂房50万平方米。", f"{CITY_DOC}#T2"),
        ("duty", "市发展改革委负责", CITY_NDRC), ("duty", "市财政局配合", CITY_FIN), ("duty", "市财政局负责", CITY_FIN),
        ("target", "新增标准厂房50万平方米", f"{CITY_DOC}#target1"), ("citation", PROV_DOC, PROV_DOC)}
    assert [f["start"] for f in body["facts"]] == sorted(f["start"] for f in body["facts"])
    roles = {f["role"] for f in body["facts"] if f["kind"] == "duty"}
    assert roles == {"lead", "cooperating"}
    assert all(f["id"] == key_to_id(f["key"]) for f in body["facts"])
    is_error(wb_client.get("/documents/nothing/text"), 404, "not_found")


def test_document_tasks_with_their_agencies(wb_client):
    body = wb_client.get(f"/documents/{key_to_id(CITY_DOC)}/tasks").json()
    assert body["total"] == 2 and body["document"]["key"] == CITY_DOC
    t1, t2 = body["items"]
    assert [(a["key"], a["role"]) for a in t1["agencies"]] == [(CITY_NDRC, "lead"), (CITY_FIN, "cooperating")]
    assert [(a["key"], a["role"]) for a in t2["agencies"]] == [(CITY_FIN, "lead")]
    assert [g["text"] for g in t2["targets"]] == ["新增标准厂房50万平方米"] and t1["targets"] == []
    assert wb_client.get(f"/documents/{key_to_id(CITY_DOC)}/tasks", params={"offset": 1}).json()["items"][0]["key"] == t2["key"]


def test_diffusion_upper_documents_and_carried_down(wb_client):
    body = wb_client.get("/diffusion/uppers").json()
    assert body["total"] == 1
    [u] = body["items"]
    assert (u["upper"]["key"], u["upper"]["id"], u["lower_documents"], u["adopting_regions"], u["regions"],
            u["median_lag_days"]) == (PROV_DOC, key_to_id(PROV_DOC), 1, 1, ["许昌市"], LAG)
    assert wb_client.get("/diffusion/uppers", params={"q": "没有"}).json()["total"] == 0
    rows = wb_client.post("/queries/carried_down", json={"params": {"region": "许昌市"}}).json()["rows"]
    assert [(r["upper_key"], r["lower_documents"], r["lower_keys"], r["first_lag_days"]) for r in rows] == [
        (PROV_DOC, 1, [CITY_DOC], LAG)]
    assert wb_client.post("/queries/carried_down", json={"params": {"region": "河南省"}}).json()["rows"] == []


def test_cascade_uncarried_upper_tasks(wb_client):
    body = wb_client.get("/cascade/uncarried", params={"upper": "河南省", "lower": "许昌市"}).json()
    assert body["total"] == 1  # T1 is carried by the city's T1; T2 by nobody
    [t] = body["items"]
    assert (t["task_key"], t["task_id"], t["agencies"], t["lower_documents"]) == (
        f"{PROV_DOC}#T2", key_to_id(f"{PROV_DOC}#T2"), ["河南省财政厅"], [CITY_DOC])
    assert wb_client.get("/cascade/uncarried", params={"upper": "河南省", "lower": "许昌市", "offset": 1}).json()["items"] == []
    assert wb_client.get("/cascade/uncarried", params={"upper": "河南省"}).status_code == 422


def gexf(r) -> nx.Graph:
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/gexf+xml"), r.text[:300]
    assert r.headers["content-disposition"].startswith("attachment")
    return nx.read_gexf(io.BytesIO(r.content))


@pytest.mark.parametrize("path,params,keys", [
    (f"/networks/agency/{key_to_id(PROV_NDRC)}", {}, {PROV_NDRC, PROV_FIN, CITY_NDRC, f"{PROV_DOC}#T1", PROV_DOC}),
    ("/networks/cascade", {"upper": "河南省", "lower": "许昌市"},
     {PROV_NDRC, CITY_NDRC, PROV_FIN, CITY_FIN, f"{PROV_DOC}#T1", f"{CITY_DOC}#T1"}),
    (f"/networks/lineage/{key_to_id(CITY_DOC)}", {}, {CITY_DOC, PROV_DOC}),
    ("/networks/region/许昌市", {"types": "Agency,Zone"}, {CITY_NDRC, CITY_FIN, "许昌经济技术开发区"}),
    ("/networks/coissuance", {}, {CITY_NDRC, CITY_FIN}),
])
def test_networks_as_json_and_gexf(wb_client, path, params, keys):
    body = wb_client.get(path, params=params).json()
    assert {n["key"] for n in body["nodes"]} == keys
    assert body["nodes_drawn"] == len(keys) and body["more"] is False and body["omitted"] == {}
    assert {"title", "notes", "edges", "options", "legend", "cap"} <= set(body)
    assert all(isinstance(n["title"], str) for n in body["nodes"])  # plain-text tooltips
    g = gexf(wb_client.get(path, params={**params, "format": "gexf"}))
    assert {n.split(":", 1)[1] for n in g.nodes} == keys  # ids Label:key (the key is also networkx_key)
    assert g.number_of_edges() == len([e for e in body["edges"] if e["ptype"] != "_more"])


def test_network_routes_refuse_bad_requests(wb_client):
    assert wb_client.get("/networks/cascade", params={"upper": "河南省", "lower": "许昌市", "format": "png"}).status_code == 422
    assert wb_client.get("/networks/cascade", params={"upper": "河南省", "lower": "许昌市", "max_nodes": 5}).status_code == 422
    is_error(wb_client.get("/networks/agency/省教育厅"), 404, "not_found")


def test_the_new_routes_are_documented(wb_client):
    paths = wb_client.get("/openapi.json").json()["paths"]
    for p in ("/search", "/regions", "/regions/{name}", "/tasks", "/agencies/{id}/duties", "/documents/{id}/text",
              "/documents/{id}/tasks", "/diffusion/uppers", "/cascade/uncarried", "/networks/agency/{id}",
              "/networks/cascade", "/networks/lineage/{id}", "/networks/region/{region}", "/networks/coissuance"):
        assert paths[p]["get"]["description"] or paths[p]["get"]["summary"], p
    assert "/workbench/{path}" not in paths and "/" not in paths  # the page and its files are not API


# --- what makes the pages fast gives the same answers -------------------------------------------------------
def test_task_index_finds_what_the_scan_finds(wb_db, lineage_db):
    from policykg.api.task_index import TaskIndex
    from policykg.config import Settings
    from policykg.graph.stores.ladybug import LadybugStore
    from policykg.queries import search
    from policykg.queries.lookups import Lookups

    for db in (wb_db, lineage_db):
        with LadybugStore(db, read_only=True) as s:
            look, index = Lookups(s, Settings(db_path=db)), TaskIndex.load(s)
            regions = [r[0] for r in s.query("MATCH (t:Task) RETURN DISTINCT t.region").rows] + ["没有", None]
            regions += ["河南省", "洛阳市", "上海市", "许昌"]  # with the regions under them; a short name
            for q in ("", "产业", "住房", "负责", "。", "保障性租赁住房", "不在任何任务里"):
                for region in regions:
                    for limit, offset in ((50, 0), (1, 1), (2, 3)):
                        assert index.search(q, region, limit, offset) == search.task_keys(look, q, region, limit, offset), (
                            db, q, region, limit, offset)


def test_views_read_by_key_give_what_a_key_list_gives(viz_ladybug, monkeypatch):
    """LadybugDB reads a view's neighbours one anchored query per key; reading them with one
    ``key IN $list`` query (the Neo4j way) draws the same network."""
    from policykg.config import Settings
    from policykg.queries import subgraph
    from policykg.viz import views

    settings = Settings(query_timeout_s=30)
    draw = {"agency": lambda: views.agency_graph(viz_ladybug, "省发展改革委", depth=2, settings=settings),
            "cascade": lambda: views.cascade_graph(viz_ladybug, "河南省", "许昌市", settings=settings),
            "region": lambda: views.region_graph(viz_ladybug, "许昌市", settings=settings),
            "lineage": lambda: views.document_graph(viz_ladybug, "豫政〔2020〕75号", settings=settings)}

    def shape(d):
        return (sorted(d.g.nodes), sorted((a, b, k) for a, b, k in d.g.edges(keys=True)),
                {n: x.get("snippet") for n, x in d.g.nodes(data=True)})
    keyed = {name: shape(f()) for name, f in draw.items()}
    monkeypatch.setattr(subgraph, "PER_KEY", 0)
    assert {name: shape(f()) for name, f in draw.items()} == keyed
    assert all(keyed[name][0] for name in keyed)


def test_a_capped_network_says_what_it_left_out():
    import networkx as nx

    from policykg.viz import render

    g = nx.MultiDiGraph()
    g.add_node("Agency:A", type="Agency", key="A", props={"key": "A", "name": "甲"})
    for i in range(30):
        g.add_node(f"Task:T{i}", type="Task", key=f"T{i}", props={"key": f"T{i}", "text": f"任务{i}"})
        g.add_edge("Agency:A", f"Task:T{i}", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", props={})
    data = render.network_data(render.Drawing(g, "甲", cap=10, focus=["Agency:A"]))
    assert (data["nodes_drawn"], data["omitted"], data["more"], data["nodes_fetched"]) == (9, {"Task": 22}, True, 31)
    assert len(data["nodes"]) == 10 and "另有 22 个任务未显示" in {n["label"] for n in data["nodes"]}
    whole = render.gexf_graph(render.Drawing(g, "甲", cap=10))
    assert whole.number_of_nodes() == 31 and whole.nodes["Task:T3"]["text"] == "任务3"
