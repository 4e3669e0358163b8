"""The HTTP API in process (TestClient over ASGI) on a LadybugDB graph built by hand."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from fixtures_api import CITY_DOC, CITY_FIN, CITY_NDRC, PROV_DOC, PROV_FIN, PROV_NDRC, ladybug_settings

from policykg.api.app import create_app
from policykg.api.ids import key_to_id

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

SLOW = "UNWIND range(1, 2000) AS a UNWIND range(1, 2000) AS b UNWIND range(1, 2000) AS c RETURN sum(a * b * c) AS s"


def is_error(r, status: int, code: str) -> dict:
    """The one error shape: {"error": {"code", "message", "detail"}}, with the status asked for."""
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def app_client(path: str, **settings) -> TestClient:
    return TestClient(create_app(ladybug_settings(path, **settings)))


# --- basics ---------------------------------------------------------------------------------
def test_health_and_stats(client):
    assert client.get("/health").json()["status"] == "ok"
    stats = client.get("/stats").json()
    assert stats["backend"] == "ladybug"
    assert stats["nodes"]["Agency"] == 4 and stats["nodes"]["Document"] == 2
    assert stats["relationships"]["RESPONSIBLE_FOR"] == 4


def test_health_reports_a_missing_database(tmp_path):
    with app_client(str(tmp_path / "none.db")) as c:
        err = is_error(c.get("/health"), 503, "store_unavailable")
        assert "ingest documents first" in err["message"]
        is_error(c.get("/agencies"), 503, "store_unavailable")


def test_chinese_is_sent_unescaped(client):
    r = client.get("/agencies", params={"q": "许昌市财政局"})
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    assert "许昌市财政局".encode("utf-8") in r.content and b"\\u" not in r.content


# --- agencies -------------------------------------------------------------------------------
def test_search_matches_names_and_aliases_partially(client):
    by_name = client.get("/agencies", params={"q": "发展和改革"}).json()
    assert by_name["total"] == 2 and {a["key"] for a in by_name["items"]} == {PROV_NDRC, CITY_NDRC}
    by_alias = client.get("/agencies", params={"q": "市财政"}).json()  # only the alias 市财政局 has it
    assert [a["key"] for a in by_alias["items"]] == [CITY_FIN]
    assert client.get("/agencies", params={"q": "不存在的机构"}).json() == {
        "total": 0, "limit": 20, "offset": 0, "items": []}


def test_search_puts_exact_names_first_and_filters(client):
    items = client.get("/agencies", params={"q": "财政"}).json()["items"]
    assert {a["key"] for a in items} == {PROV_FIN, CITY_FIN}
    assert client.get("/agencies", params={"q": "许昌市财政局"}).json()["items"][0]["key"] == CITY_FIN
    city = client.get("/agencies", params={"region": "许昌市"}).json()
    assert {a["key"] for a in city["items"]} == {CITY_NDRC, CITY_FIN}
    province_wide = client.get("/agencies", params={"region": "河南省"}).json()  # region or province
    assert province_wide["total"] == 4
    assert {a["key"] for a in client.get("/agencies", params={"level": "province"}).json()["items"]} == {
        PROV_NDRC, PROV_FIN}


def test_search_pages_without_overlap(client):
    pages = [client.get("/agencies", params={"limit": 3, "offset": o}).json() for o in (0, 3)]
    assert [p["total"] for p in pages] == [4, 4]
    keys = [a["key"] for p in pages for a in p["items"]]
    assert len(keys) == 4 and len(set(keys)) == 4 and keys == sorted(keys)


def test_ids_are_url_safe_and_lead_to_the_agency(client):
    for item in client.get("/agencies").json()["items"]:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", item["id"]) and item["id"] == key_to_id(item["key"])
        got = client.get(f"/agencies/{item['id']}").json()
        assert got["agency"]["key"] == item["key"] and got["agency"]["id"] == item["id"]
    assert client.get(f"/agencies/{CITY_FIN}").json()["agency"]["key"] == CITY_FIN  # the raw key works too


def test_agency_has_duties_with_sources_and_counterparts(client):
    body = client.get(f"/agencies/{key_to_id(CITY_FIN)}").json()
    assert body["aliases"] == ["市财政局"]
    assert body["region"] == {"name": "许昌市", "province": "河南省", "level": "city"}
    assert [c["key"] for c in body["counterparts"]["upper"]] == [PROV_FIN]
    assert body["counterparts"]["lower"] == []
    duties = {d["task_key"]: d for d in body["duties"]}
    assert set(duties) == {f"{CITY_DOC}#T1", f"{CITY_DOC}#T2"}
    coop, own = duties[f"{CITY_DOC}#T1"], duties[f"{CITY_DOC}#T2"]
    assert coop["role"] == "cooperating" and own["role"] == "responsible"
    assert coop["deadline"] == "2023-12-31"
    assert own["targets"] == ["新增标准厂房50万平方米"]
    assert own["document_key"] == CITY_DOC and own["doc_number"] == CITY_DOC
    # the source sentence holds the task text and its span points at it in the document
    assert "建设许昌经济技术开发区配套设施" in own["sentence"]["text"]
    s, e = own["sentence"]["span"]
    assert s <= own["span_start"] < own["span_end"] <= e
    upper = client.get(f"/agencies/{key_to_id(PROV_FIN)}").json()
    assert [c["key"] for c in upper["counterparts"]["lower"]] == [CITY_FIN]


def test_cooperation_lists_partners_and_shared_tasks(client):
    body = client.get(f"/agencies/{key_to_id(CITY_NDRC)}/cooperation").json()
    assert [(r["partner_key"], r["shared_tasks"]) for r in body["rows"]] == [(CITY_FIN, 1)]
    assert body["rows"][0]["tasks"][0]["partner_role"] == "cooperating"


@pytest.mark.parametrize("path,listing", [("/agencies/{}", "GET /agencies"), ("/agencies/{}/cooperation",
                                                                              "GET /agencies"),
                                          ("/documents/{}", "GET /documents"), ("/tasks/{}", "duties")])
def test_unknown_ids_are_404_with_a_pointer(client, path, listing):
    for ident in (key_to_id("河南省|不存在的厅"), "not-an-id"):
        err = is_error(client.get(path.format(ident)), 404, "not_found")
        assert ident in err["message"] and listing in err["message"]
    err = is_error(client.get(path.format(key_to_id("河南省|不存在的厅"))), 404, "not_found")
    assert "河南省|不存在的厅" in err["message"]  # the decoded key is shown


# --- parameters and the error shape ----------------------------------------------------------
@pytest.mark.parametrize("params,name", [({"limit": 0}, "limit"), ({"limit": "many"}, "limit"),
                                         ({"offset": -1}, "offset"), ({"limit": 501}, "limit"),
                                         ({"q": "长" * 101}, "q")])
def test_bad_parameters_are_422_naming_the_parameter(client, params, name):
    err = is_error(client.get("/agencies", params=params), 422, "bad_parameter")
    assert f"query parameter {name}" in err["message"]
    assert err["detail"]["errors"][0]["name"] == name


def test_every_error_has_the_same_shape(client):
    is_error(client.get("/no/such/endpoint"), 404, "not_found")
    is_error(client.delete("/agencies"), 405, "method_not_allowed")
    is_error(client.post("/cypher", json={}), 422, "bad_parameter")
    is_error(client.post("/cypher", content=b"{not json", headers={"content-type": "application/json"}),
             422, "bad_parameter")
    is_error(client.get("/cascade"), 422, "bad_parameter")
    is_error(client.post("/queries/agency_duties", json={"params": {}}), 422, "bad_parameter")
    is_error(client.post("/cypher", json={"query": "CREATE (:Zone {key: 'x'})"}), 403, "write_refused")


# --- documents, tasks, places ---------------------------------------------------------------
def test_documents_list_and_lineage(client):
    docs = client.get("/documents").json()
    assert [d["key"] for d in docs["items"]] == [CITY_DOC, PROV_DOC]  # newest first
    assert "text" not in docs["items"][0]
    assert client.get("/documents", params={"region": "许昌市"}).json()["total"] == 1
    assert client.get("/documents", params={"q": "先进制造业"}).json()["total"] == 2
    body = client.get(f"/documents/{docs['items'][0]['id']}").json()
    assert body["document"]["title"].startswith("许昌市人民政府") and body["document"]["tasks"] == 2
    assert {a["key"] for a in body["document"]["agencies"]} == {CITY_NDRC, CITY_FIN}
    assert PROV_DOC in str(body["lineage"])
    assert client.get(f"/documents/{key_to_id(PROV_DOC)}").json()["document"]["key"] == PROV_DOC


def test_task_with_agencies_targets_source_and_chain(client):
    body = client.get(f"/tasks/{key_to_id(CITY_DOC + '#T1')}").json()
    task = body["task"]
    assert task["text"] == "壮大许昌电力装备产业集群。" and task["deadline"] == "2023-12-31"
    assert {(a["key"], a["role"]) for a in task["agencies"]} == {(CITY_NDRC, "responsible"),
                                                                  (CITY_FIN, "cooperating")}
    assert task["document"]["key"] == CITY_DOC and "壮大许昌电力装备产业集群" in task["sentence"]["text"]
    assert f"{PROV_DOC}#T1" in str(body["chain"])  # the provincial task it implements
    t2 = client.get(f"/tasks/{key_to_id(CITY_DOC + '#T2')}").json()["task"]
    assert [g["value"] for g in t2["targets"]] == [500000.0]


def test_cascade_pairs_agencies_of_two_regions(client):
    body = client.get("/cascade", params={"upper": "河南", "lower": "许昌市"}).json()
    assert body["upper"] == "河南省" and body["lower"] == "许昌市"  # short names are completed
    assert [(p["upper_key"], p["lower_key"]) for p in body["pairs"]] == [(PROV_NDRC, CITY_NDRC)]
    assert body["pairs"][0]["tasks"][0]["lower_task_key"] == f"{CITY_DOC}#T1"
    every = client.get("/cascade", params={"upper": "河南省", "lower": "许昌市", "min_tasks": 0}).json()
    assert [(p["upper_key"], p["lower_key"]) for p in every["pairs"]] == [(PROV_NDRC, CITY_NDRC), (PROV_FIN, CITY_FIN)]
    assert client.get("/cascade", params={"upper": "许昌市", "lower": "河南省"}).json()["pairs"] == []


def test_zones_clusters_targets(client):
    zones = client.get("/zones", params={"region": "许昌市"}).json()
    assert [(z["name"], z["clusters"]) for z in zones["items"]] == [("许昌经济技术开发区", ["许昌电力装备"])]
    clusters = client.get("/clusters", params={"q": "电力"}).json()
    assert [(c["name"], c["zones"]) for c in clusters["items"]] == [("许昌电力装备", ["许昌经济技术开发区"])]
    targets = client.get("/targets", params={"unit": "平方米"}).json()
    assert targets["total"] == 1 and targets["items"][0]["task"]["key"] == f"{CITY_DOC}#T2"
    assert client.get("/targets", params={"unit": "元"}).json()["total"] == 0


# --- the query library and Cypher -------------------------------------------------------------
def test_queries_are_listed_with_parameters_and_run(client):
    listed = {q["name"]: q for q in client.get("/queries").json()["queries"]}
    assert {"agency_duties", "agency_cooperation", "cascade"} <= set(listed)
    assert "agency" in [p["name"] for p in listed["agency_duties"]["params"]]
    run = client.post("/queries/agency_duties", json={"params": {"agency": "市财政局", "region": "许昌市"}}).json()
    assert run["query"] == "agency_duties" and {r["task_key"] for r in run["rows"]} == {
        f"{CITY_DOC}#T1", f"{CITY_DOC}#T2"}
    assert run["truncated"] is False and "agency_key" in run["columns"]
    limited = client.post("/queries/agency_duties", json={"params": {"agency": "市财政局"}, "limit": 1}).json()
    assert len(limited["rows"]) == 1 and limited["truncated"] is True


def test_unknown_query_is_404_with_suggestions(client):
    err = is_error(client.post("/queries/agency_duty", json={}), 404, "unknown_query")
    assert "agency_duties" in err["message"]
    err = is_error(client.post("/queries/agency_duties", json={"params": {"nope": 1}}), 422, "bad_parameter")
    assert "nope" in err["message"]


def test_cypher_reads_with_parameters(client):
    r = client.post("/cypher", json={"query": "MATCH (a:Agency) WHERE a.region = $r RETURN a.name AS name "
                                              "ORDER BY name", "params": {"r": "许昌市"}}).json()
    assert r["columns"] == ["name"] and r["rows"] == [{"name": "许昌市发展和改革委员会"}, {"name": "许昌市财政局"}]
    assert r["truncated"] is False


@pytest.mark.parametrize("query", [
    "CREATE (:Zone {key: 'x', name: 'x'})",
    "MATCH (a:Agency) SET a.name = 'x'",
    "MATCH (a:Agency) DETACH DELETE a",
    "MERGE (:Zone {key: 'x'})",
    "COPY (MATCH (a:Agency) RETURN a.key) TO '/tmp/policykg-api-leak.csv'",
    "LOAD FROM '/etc/passwd' RETURN *",
    "match (a:Agency) with a set a.name = 'x'",
])
def test_cypher_refuses_writes(client, query):
    before = client.get("/stats").json()
    err = is_error(client.post("/cypher", json={"query": query}), 403, "write_refused")
    assert "read-only" in err["message"]
    assert client.get("/stats").json() == before


def test_read_only_database_refuses_what_the_text_check_misses(client):
    """The clause check is the explanation; the database is the guard (reached with the check off)."""
    hub = client.app.state.hub
    with hub.reading() as store:
        from policykg.errors import ReadOnlyViolationError

        with pytest.raises(ReadOnlyViolationError):
            store.query("MATCH (a:Agency) SET a.name = 'x'")


def test_cypher_rows_stop_at_the_row_limit(api_db):
    with app_client(api_db, query_row_limit=3) as c:
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i"}).json()
        assert [x["i"] for x in r["rows"]] == [1, 2, 3] and r["truncated"] is True and r["row_limit"] == 3
        assert "row limit" in r["message"]
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i", "limit": 2}).json()
        assert len(r["rows"]) == 2 and r["truncated"] is True
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i", "limit": 50}).json()
        assert len(r["rows"]) == 3  # a client cannot raise the server's limit


def test_slow_cypher_is_cut_off(api_db):
    with app_client(api_db, query_timeout_s=0.3) as c:
        err = is_error(c.post("/cypher", json={"query": SLOW}), 408, "query_timeout")
        assert "time limit" in err["message"]
        assert c.get("/health").json()["status"] == "ok"  # and the server carries on


def test_bad_cypher_is_400(client):
    err = is_error(client.post("/cypher", json={"query": "MATCH (a:Agency RETURN a"}), 400, "bad_query")
    assert "MATCH (a:Agency RETURN a" in err["message"]


def test_oversized_bodies_are_413(client):
    err = is_error(client.post("/cypher", json={"query": "RETURN 1", "params": {"x": "长" * 600_000}}), 413,
                   "too_large")
    assert "limit" in err["message"]


# --- the API's fast paths equal the queries they stand for -------------------------------------
def test_key_anchored_duties_equal_the_library_query(client):
    from policykg.api.lookups import Lookups
    from policykg.queries import registry

    hub, settings = client.app.state.hub, client.app.state.settings
    with hub.reading() as store:
        look = Lookups(store, settings)
        for key in (PROV_NDRC, PROV_FIN, CITY_NDRC, CITY_FIN):
            assert look.duties(key) == registry.run(store, "agency_duties", {"agency": key}).records(), key


def test_search_index_equals_the_cypher_search(client):
    from policykg.api.agency_index import AgencyIndex
    from policykg.api.lookups import Lookups

    hub, settings = client.app.state.hub, client.app.state.settings
    with hub.reading() as store:
        look, index = Lookups(store, settings), AgencyIndex.load(store)
        names = [a["name"] for a in look.search_agencies(None, None, None, 100, 0).items]
        queries = {n[i:i + k] for n in names + ["省财政厅", "市发展改革委"] for k in (1, 2, 3) for i in range(len(n))}
        queries |= {None, "不存在", "厅局"}
        for q in sorted(queries, key=str):
            for region, level in ((None, None), ("许昌市", None), ("河南省", "province"), (None, "city")):
                for limit, offset in ((20, 0), (1, 1), (2, 3)):
                    args = (q, region, level, limit, offset)
                    assert index.search(*args).as_dict() == look.search_agencies(*args).as_dict(), args


def test_search_sees_new_agencies_after_the_store_reopens(tmp_path):
    from fixtures_api import fill_ladybug

    from policykg.graph.batch import GraphBatch
    from policykg.graph.stores.ladybug import LadybugStore

    db = fill_ladybug(tmp_path / "graph.db")
    with app_client(db) as c:
        assert c.get("/agencies", params={"q": "商务局"}).json()["total"] == 0  # index built now
        b = GraphBatch()
        b.add_node("Agency", "许昌市|许昌市商务局", name="许昌市商务局", aliases=["市商务局"], region="许昌市",
                   province="河南省", level="city")
        with LadybugStore(db) as w:  # another process's ingest, as far as the app can tell
            w.write_batch(b)
        assert [a["key"] for a in c.get("/agencies", params={"q": "商务局"}).json()["items"]] == ["许昌市|许昌市商务局"]


def test_key_anchored_cooperation_equals_the_library_query(client):
    from policykg.api.lookups import Lookups
    from policykg.queries import registry

    hub, settings = client.app.state.hub, client.app.state.settings
    with hub.reading() as store:
        look = Lookups(store, settings)
        for key in (PROV_NDRC, PROV_FIN, CITY_NDRC, CITY_FIN):
            mine = look.cooperation(key)
            assert mine and mine == registry.run(store, "agency_cooperation", {"agency": key}).records(), key
