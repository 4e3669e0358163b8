"""How API workers follow writers of the embedded store (api/storehub.py): at once after a
checkpoint, in the background after commits that only grew the WAL, never reading files a
checkpoint is rewriting."""
from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from fixtures_api import CITY_FIN, fill_ladybug, ladybug_settings

from policykg.api.app import create_app
from policykg.config import Settings
from policykg.graph.stores import open_writer
from policykg.queries.ids import key_to_id

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
RENAME = "MATCH (a:Agency {key: $k}) SET a.name = $n"


def name_of(c: TestClient) -> str:
    return c.get(f"/agencies/{key_to_id(CITY_FIN)}").json()["agency"]["name"]


def test_commits_are_followed_in_the_background_and_checkpoints_at_once(tmp_path):
    db = fill_ladybug(tmp_path / "graph.db")
    with TestClient(create_app(ladybug_settings(db, response_cache_mb=0))) as c:
        assert name_of(c) == "许昌市财政局"
        hub = c.app.state.hub
        with open_writer(Settings(db_path=db)) as store:
            with store.transaction():
                store.execute(RENAME, {"k": CITY_FIN, "n": "改名一"})  # committed to the WAL only
            deadline = time.monotonic() + 30
            seen = [name_of(c)]  # the open store answers meanwhile, with the state it opened
            while seen[-1] != "改名一" and time.monotonic() < deadline:
                time.sleep(0.05)
                seen.append(name_of(c))
            assert seen[0] == "许昌市财政局" and seen[-1] == "改名一" and set(seen) <= {"许昌市财政局", "改名一"}, seen
            generation = hub.generation
            with store.transaction():
                store.execute(RENAME, {"k": CITY_FIN, "n": "改名二"})
        # the writer closed: its checkpoint rewrote the file, and the next request reopens first
        assert name_of(c) == "改名二" and hub.generation > generation
