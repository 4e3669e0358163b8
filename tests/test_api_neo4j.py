"""The same API on Neo4j: reads, the library, and read-only Cypher with its limits."""
from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient
from fixtures_api import CITY_DOC, CITY_FIN, PROV_FIN
from test_api import SLOW, is_error

from policykg.api.app import create_app
from policykg.api.ids import key_to_id

pytestmark = [pytest.mark.neo4j, pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")]


@pytest.fixture
def neo(neo4j_api_settings):
    with TestClient(create_app(neo4j_api_settings)) as c:
        yield c


def test_reads_match_the_embedded_store(neo, client):
    assert neo.get("/health").json()["backend"] == "neo4j"
    assert neo.get("/stats").json()["nodes"] == client.get("/stats").json()["nodes"]
    for path in ("/agencies?q=财政", "/agencies?region=许昌市&limit=1&offset=1", "/documents", "/zones", "/clusters",
                 "/targets", f"/agencies/{key_to_id(CITY_FIN)}", f"/agencies/{key_to_id(CITY_FIN)}/cooperation",
                 f"/documents/{key_to_id(CITY_DOC)}", f"/tasks/{key_to_id(CITY_DOC + '#T2')}"):
        a, b = neo.get(path), client.get(path)
        assert a.status_code == b.status_code == 200, (path, a.text)
        assert comparable(a.json()) == comparable(b.json()), path


def comparable(body: dict) -> dict:
    """Lineage rows as a set of (depth, key): their order and start_key are the query library's business."""
    if "lineage" in body:
        body = {**body, "lineage": sorted((r["depth"], r["key"]) for r in body["lineage"])}
    return body


def test_unknown_id_is_404(neo):
    err = is_error(neo.get(f"/agencies/{key_to_id('河南省|不存在的厅')}"), 404, "not_found")
    assert "GET /agencies" in err["message"]


@pytest.mark.parametrize("query", ["CREATE (:Zone {key: 'x'})", "MATCH (a:Agency) SET a.name = 'x'",
                                   "MATCH (n) DETACH DELETE n", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"])
def test_cypher_refuses_writes(neo, query):
    before = neo.get("/stats").json()
    is_error(neo.post("/cypher", json={"query": query}), 403, "write_refused")
    assert neo.get("/stats").json() == before


def test_read_transaction_refuses_what_the_text_check_misses(neo):
    from policykg.errors import ReadOnlyViolationError

    with neo.app.state.hub.reading() as store, pytest.raises(ReadOnlyViolationError):
        store.query("MATCH (a:Agency) SET a.name = 'x'")


def test_row_limit_and_time_limit(neo4j_api_settings):
    settings = dataclasses.replace(neo4j_api_settings, query_row_limit=3, query_timeout_s=0.5)
    with TestClient(create_app(settings)) as c:
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i"}).json()
        assert [x["i"] for x in r["rows"]] == [1, 2, 3] and r["truncated"] is True
        err = is_error(c.post("/cypher", json={"query": SLOW}), 408, "query_timeout")
        assert "time limit" in err["message"]
        assert c.get(f"/agencies/{key_to_id(PROV_FIN)}").status_code == 200


def test_key_anchored_duties_equal_the_library_query(neo):
    from fixtures_api import CITY_NDRC, PROV_NDRC

    from policykg.api.lookups import Lookups
    from policykg.queries import registry

    with neo.app.state.hub.reading() as store:
        look = Lookups(store, neo.app.state.settings)
        for key in (PROV_NDRC, PROV_FIN, CITY_NDRC, CITY_FIN):
            assert look.duties(key) == registry.run(store, "agency_duties", {"agency": key}).records(), key


def test_key_anchored_cooperation_equals_the_library_query(neo):
    from fixtures_api import CITY_NDRC, PROV_NDRC

    from policykg.api.lookups import Lookups
    from policykg.queries import registry

    with neo.app.state.hub.reading() as store:
        look = Lookups(store, neo.app.state.settings)
        for key in (PROV_NDRC, PROV_FIN, CITY_NDRC, CITY_FIN):
            assert look.cooperation(key) == registry.run(store, "agency_cooperation", {"agency": key}).records()
