"""The HTTP API in process (TestClient over ASGI), on every store:
zones, clusters and targets (api/routes_places.py)."""
from __future__ import annotations

import pytest
from fixtures_api import CITY_DOC

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def test_zones_clusters_targets(client):
    zones = client.get("/zones", params={"region": "许昌市"}).json()
    assert [(z["name"], z["clusters"]) for z in zones["items"]] == [("许昌经济技术开发区", ["许昌电力装备"])]
    clusters = client.get("/clusters", params={"q": "电力"}).json()
    assert [(c["name"], c["zones"]) for c in clusters["items"]] == [("许昌电力装备", ["许昌经济技术开发区"])]
    targets = client.get("/targets", params={"unit": "平方米"}).json()
    assert targets["total"] == 1 and targets["items"][0]["task"]["key"] == f"{CITY_DOC}#T2"
    assert client.get("/targets", params={"unit": "元"}).json()["total"] == 0


def test_a_region_filter_takes_every_region_under_it(client):
    """One meaning of region in every filter: the region and every region under it (河南省 holds
    许昌市), a short name as the full one (许昌 = 许昌市)."""
    for path in ("/zones", "/clusters", "/targets", "/agencies", "/documents"):
        city = client.get(path, params={"region": "许昌市"}).json()
        assert city["total"] >= 1, path
        assert client.get(path, params={"region": "许昌"}).json()["total"] == city["total"], path
        province = client.get(path, params={"region": "河南省"}).json()
        assert {x["key"] for x in city["items"]} <= {x["key"] for x in province["items"]}, path
        assert client.get(path, params={"region": "洛阳市"}).json()["total"] == 0, path
    city_tasks = client.get("/tasks", params={"region": "许昌市"}).json()["total"]
    assert client.get("/tasks", params={"region": "河南省"}).json()["total"] > city_tasks > 0
