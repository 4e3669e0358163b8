"""The HTTP API in process (TestClient over ASGI), on every store: diffusion, the co-issuance
network (JSON and GEXF), a document's status and repeals, an agency's reform successions and
duties through reforms, the cascade through reforms (api/routes_lineage.py and the routes that
show lineage)."""
from __future__ import annotations

import io

import networkx as nx
import pytest
from fixtures_api import is_error

from policykg.queries.ids import key_to_id

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def key_of(client, source: str) -> str:
    items = client.get("/documents", params={"limit": 500}).json()["items"]
    return next(d["key"] for d in items if d["source"] == source)


def test_diffusion_route(lineage_client):
    body = lineage_client.get("/diffusion").json()
    assert len(body["pairs"]) == 3 and set(body) == {"upper", "region", "pairs", "uppers", "truncated"}
    pair = next(p for p in body["pairs"] if p["upper"]["source"] == "province.txt")
    assert (pair["lower"]["source"], pair["lag_days"], pair["basis"]) == ("city.txt", 86, "title")
    assert {"key", "source", "title", "date", "region", "level"} == set(pair["upper"])
    only = lineage_client.get("/diffusion", params={"region": "河南省", "upper": "实施意见"}).json()
    assert [(p["upper"]["source"], p["lower"]["source"]) for p in only["pairs"]] == [("province.txt", "city.txt")]
    assert lineage_client.get("/diffusion", params={"region": "开封市"}).json()["pairs"] == []


def test_coissuance_routes(lineage_client):
    body = lineage_client.get("/coissuance").json()
    assert [(r["agency_key"], r["partner_key"], r["documents"]) for r in body["rows"]] == [
        ("许昌市|住房和城乡建设局", "许昌市|财政局", 1)]
    r = lineage_client.get("/coissuance.gexf")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/gexf+xml")
    g = nx.read_gexf(io.BytesIO(r.content))
    assert g.number_of_nodes() == 2 and g.number_of_edges() == 1
    assert {d["label"] for _, d in g.nodes(data=True)} == {"许昌市住房和城乡建设局", "许昌市财政局"}
    is_error(lineage_client.get("/coissuance", params={"min_documents": 0}), 422, "bad_parameter")


def test_document_shows_status_issuers_and_repeals(lineage_client):
    old, city = key_of(lineage_client, "old_city.txt"), key_of(lineage_client, "city.txt")
    body = lineage_client.get(f"/documents/{key_to_id(old)}").json()
    doc = body["document"]
    assert (doc["status"], doc["repealed_by"], doc["repealed_on"]) == ("repealed", city, "2022-03-01")
    assert [r["key"] for r in body["superseded_by"]] == [city] and body["supersedes"] == []
    body = lineage_client.get(f"/documents/{key_to_id(city)}").json()
    assert [(i["key"], i["position"]) for i in body["document"]["issuers"]] == [
        ("许昌市|住房和城乡建设局", 1), ("许昌市|财政局", 2)]
    assert [r["key"] for r in body["supersedes"]] == [old] and body["supersedes"][0]["id"] == key_to_id(old)
    assert {r["relation"] for r in body["lineage"]} == {"self", "cites", "repeals"}
    assert body["document"]["effective"] == "2022-03-01" and body["document"]["status"] == "in_force"


def test_agency_successions_and_duties_through_reforms(lineage_client):
    body = lineage_client.get(f"/agencies/{key_to_id('许昌市|国土资源局')}").json()
    assert [(s["other_key"], s["year"], s["share"]) for s in body["successors"]] == [("许昌市|自然资源局", 2019, "whole")]
    new = f"/agencies/{key_to_id('许昌市|自然资源局')}"
    assert [p["other_key"] for p in lineage_client.get(new).json()["predecessors"]] == ["许昌市|国土资源局"]
    plain = lineage_client.get(new).json()["duties"]
    through = lineage_client.get(new, params={"through_reforms": "true"}).json()["duties"]
    assert [d["task_key"] for d in through if d["through"] == "reform"] == ["许政〔2015〕3号#T1"]
    assert len(through) == len(plain) + 1 and through[-1].get("sentence") is not None
    is_error(lineage_client.get(new, params={"through_reforms": "maybe"}), 422, "bad_parameter")


def test_cascade_through_reforms_route(lineage_client):
    params = {"upper": "河南省", "lower": "许昌市", "min_tasks": 0}
    plain = lineage_client.get("/cascade", params=params).json()
    through = lineage_client.get("/cascade", params={**params, "through_reforms": "true"}).json()
    count = lambda out: sum(len(p["tasks"]) for p in out["pairs"])  # noqa: E731
    assert count(through) == count(plain) + 1  # 国土资源局's task under the 自然资源局 pair
    assert {t.get("via") for p in through["pairs"] for t in p["tasks"]} == {None, "许昌市|国土资源局"}


def test_lineage_view_is_served(lineage_client):
    city = key_of(lineage_client, "city.txt")
    r = lineage_client.get(f"/viz/lineage/{key_to_id(city)}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert int(r.headers["x-nodes"]) == 5  # itself, the province, the nation, a stub, the repealed document
    is_error(lineage_client.get("/viz/lineage/nothing-here"), 404, "not_found")
