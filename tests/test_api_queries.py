"""The HTTP API in process (TestClient over ASGI), on every store:
the query library and read-only Cypher (api/routes_queries.py)."""
from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient
from fixtures_api import CITY_DOC, SLOW, is_error

from policykg.api.app import create_app
from policykg.errors import ReadOnlyViolationError

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


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
    # the API's own reads are entries of the catalog too, reached through their routes, not POST /queries
    is_error(client.post("/queries/documents_by_key", json={"params": {"keys": ["x"]}}), 404, "unknown_query")


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
    "match (a:Agency) with a set a.name = 'x'",
])
def test_cypher_refuses_writes(client, query):
    before = client.get("/stats").json()
    err = is_error(client.post("/cypher", json={"query": query}), 403, "write_refused")
    assert "read-only" in err["message"] and err["detail"]["reason"] == "write_clause"
    assert client.get("/stats").json() == before


@pytest.mark.parametrize("query,reason", [
    ("COPY (MATCH (a:Agency) RETURN a.key) TO '/tmp/policykg-api-leak.csv'", "file_clause"),
    ("LOAD FROM '/etc/passwd' RETURN *", "file_clause"),
    ("CALL read_csv_serial('/x.csv') RETURN *", "call"),
    ("CALL timeout=0; MATCH p=(a)-[*1..30]-(b) RETURN count(*)", "call"),
    ("CALL threads=1", "call"),
    ("UPDATE json", "extension_clause"),
    ("MATCH (a) RETURN a; MATCH (b) RETURN b", "multiple_statements"),
    ("RETURN " + "(" * 5000 + "1" + ")" * 5000, "nesting_too_deep"),
])
def test_cypher_refuses_what_a_read_does_not_need(client, query, reason):
    """Refused before any database sees it, with the reason named (the same on both stores)."""
    err = is_error(client.post("/cypher", json={"query": query}), 400, "cypher_refused")
    assert err["detail"]["reason"] == reason and "refused" in err["message"] or reason == "nesting_too_deep"
    assert client.get("/health").json()["status"] == "ok"


def test_read_only_database_refuses_what_the_text_check_misses(client):
    """The clause check is the explanation; the database is the guard (reached with the check off)."""
    hub = client.app.state.hub
    with hub.reading() as store:
        with pytest.raises(ReadOnlyViolationError):
            store.query("MATCH (a:Agency) SET a.name = 'x'")


def test_cypher_rows_stop_at_the_row_limit(api_settings):
    with TestClient(create_app(dataclasses.replace(api_settings, query_row_limit=3))) as c:
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i"}).json()
        assert [x["i"] for x in r["rows"]] == [1, 2, 3] and r["truncated"] is True and r["row_limit"] == 3
        assert "row limit" in r["message"]
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i", "limit": 2}).json()
        assert len(r["rows"]) == 2 and r["truncated"] is True
        r = c.post("/cypher", json={"query": "UNWIND range(1, 10) AS i RETURN i", "limit": 50}).json()
        assert len(r["rows"]) == 3  # a client cannot raise the server's limit


def test_slow_cypher_is_cut_off(api_settings):
    with TestClient(create_app(dataclasses.replace(api_settings, query_timeout_s=0.5))) as c:
        err = is_error(c.post("/cypher", json={"query": SLOW}), 408, "query_timeout")
        assert "time limit" in err["message"]
        assert c.get("/health").json()["status"] == "ok"  # and the server carries on


def test_bad_cypher_is_400(client):
    err = is_error(client.post("/cypher", json={"query": "MATCH (a:Agency RETURN a"}), 400, "bad_query")
    assert "RETURN" in err["message"] and (err["detail"]["line"], err["detail"]["column"]) == (1, 17)
    # past the gate, the database's own complaint names the query
    err = is_error(client.post("/cypher", json={"query": "MATCH (a:Agency) RETURN no_such_function(a)"}), 400,
                   "bad_query")
    assert "no_such_function" in err["message"]
