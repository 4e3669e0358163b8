"""The HTTP API in process (TestClient over ASGI), on every store:
tasks with their chain, and the cascade (api/routes_tasks.py)."""
from __future__ import annotations

import pytest
from fixtures_api import CITY_DOC, CITY_FIN, CITY_NDRC, PROV_DOC, PROV_FIN, PROV_NDRC

from policykg.queries.ids import key_to_id

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


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
    r = client.get("/cascade", params={"upper": "许昌市", "lower": "河南省"})  # upside down: the parameter is named
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_parameter"
    assert "does not lie below" in r.json()["error"]["message"]
