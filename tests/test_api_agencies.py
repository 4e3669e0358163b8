"""The HTTP API in process (TestClient over ASGI), on every store:
agency search, one agency with its duties and counterparts, its cooperation (api/routes_agencies.py)."""
from __future__ import annotations

import re

import pytest
from fixtures_api import CITY_DOC, CITY_FIN, CITY_NDRC, PROV_FIN, PROV_NDRC, app_client, fill_ladybug, is_error

from policykg.api.agency_index import AgencyIndex
from policykg.graph.batch import GraphBatch
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.write import write_batch
from policykg.queries.ids import key_to_id
from policykg.queries.lookups import Lookups

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


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


def test_search_index_equals_the_cypher_search(client):
    from policykg.queries.lookups import Lookups

    hub, settings = client.app.state.hub, client.app.state.settings
    with hub.reading() as store:
        look, index = Lookups(store, settings), AgencyIndex.load(store)
        names = [a["name"] for a in look.search_agencies(None, None, None, 100, 0).items]
        queries = {n[i:i + k] for n in names + ["省财政厅", "市发展改革委"] for k in (1, 2, 3) for i in range(len(n))}
        queries |= {None, "不存在", "厅局"}
        for q in sorted(queries, key=str):
            for region, level in ((None, None), ("许昌市", None), ("河南省", "province"), (None, "city"), ("洛阳市", None),
                                  ("河南", None), ("河南省", None)):
                for limit, offset in ((20, 0), (1, 1), (2, 3)):
                    args = (q, region, level, limit, offset)
                    assert index.search(*args).as_dict() == look.search_agencies(*args).as_dict(), args


def test_search_sees_new_agencies_after_the_store_reopens(tmp_path):

    from policykg.graph.stores.ladybug import LadybugStore

    db = fill_ladybug(tmp_path / "graph.db")
    with app_client(db) as c:
        assert c.get("/agencies", params={"q": "商务局"}).json()["total"] == 0  # index built now
        b = GraphBatch()
        b.add_node("Agency", "许昌市|许昌市商务局", name="许昌市商务局", aliases=["市商务局"], region="许昌市",
                   province="河南省", level="city")
        with LadybugStore(db) as w:  # another process's ingest, as far as the app can tell
            write_batch(w, b)
        assert [a["key"] for a in c.get("/agencies", params={"q": "商务局"}).json()["items"]] == ["许昌市|许昌市商务局"]
