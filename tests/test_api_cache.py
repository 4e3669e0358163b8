"""The response cache (api/cache.py): GET answers kept until the database files change."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from fixtures_api import CITY_FIN, fill_ladybug, ladybug_settings

from policykg.api.app import create_app
from policykg.api.cache import ResponseCache
from policykg.graph.stores.ladybug import LadybugStore
from policykg.queries.ids import key_to_id

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")


def cache_of(app) -> ResponseCache:
    stack = app.middleware_stack
    while not isinstance(stack, ResponseCache):
        stack = stack.app
    return stack


def test_answers_are_kept_until_a_writer_changes_the_database(tmp_path):
    db = fill_ladybug(tmp_path / "graph.db")
    with TestClient(create_app(ladybug_settings(db))) as c:
        path = f"/agencies/{key_to_id(CITY_FIN)}"
        c.get("/stats")  # opens the read store
        first = c.get(path)
        cache = cache_of(c.app)
        assert (cache.hits, cache.misses) == (0, 2)
        again = c.get(path)
        assert again.content == first.content and again.headers["content-type"] == first.headers["content-type"]
        assert cache.hits == 1
        c.get("/health"), c.get("/health")
        assert (cache.hits, cache.misses) == (1, 2)  # /health always asks the store
        assert c.get("/agencies/nope").status_code == 404 and c.get("/agencies/nope").status_code == 404
        assert cache.hits == 1  # errors are not kept
        with LadybugStore(db) as s:  # a writer: the files change, the cache is emptied
            s.execute("MATCH (a:Agency {key: $k}) SET a.name = '许昌市财政局（新）'", {"k": CITY_FIN})
        assert c.get(path).json()["agency"]["name"] == "许昌市财政局（新）"


def test_no_cache_when_switched_off_or_on_neo4j(client, api_db):
    cache = cache_of(client.app)
    client.get("/stats"), client.get("/stats"), client.get("/stats")  # the first may open the store
    ladybug = client.app.state.settings.backend == "ladybug"
    assert (cache.hits >= 1) if ladybug else (cache.hits == 0), cache.hits
    with TestClient(create_app(ladybug_settings(api_db, response_cache_mb=0))) as c:
        c.get("/stats"), c.get("/stats")
        assert cache_of(c.app).hits == 0
