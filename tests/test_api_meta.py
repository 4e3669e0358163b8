"""The HTTP API in process (TestClient over ASGI), on every store:
health, stats and what every route shares: the JSON encoding, the error shape, body limits (api/routes_meta.py, api/errors.py, api/limits.py)."""
from __future__ import annotations

import re

import pytest
from fixtures_api import app_client, is_error

from policykg.viz.render import external_refs

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def test_health_and_stats(client, api_settings):
    assert client.get("/health").json()["status"] == "ok"
    stats = client.get("/stats").json()
    assert stats["backend"] == api_settings.backend
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


def test_oversized_bodies_are_413(client):
    err = is_error(client.post("/cypher", json={"query": "RETURN 1", "params": {"x": "长" * 600_000}}), 413,
                   "too_large")
    assert "limit" in err["message"]


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_need_no_network(client, path):
    """The docs pages load their scripts and styles from this server (the package's copies)."""
    page = client.get(path)
    assert page.status_code == 200
    assert external_refs(page.text) == []
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', page.text)
    assert any(a.endswith(".js") for a in assets)
    for a in assets:
        assert client.get(a).status_code == 200, a
