"""The HTTP API in process (TestClient over ASGI), on every store:
documents and their lineage (api/routes_documents.py; uploads: test_api_upload.py)."""
from __future__ import annotations

import pytest
from fixtures_api import CITY_DOC, CITY_FIN, CITY_NDRC, PROV_DOC

from policykg.queries.ids import key_to_id

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


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
