"""Behaviour unchanged: the graph built from stored extraction records, the answers of every
named query on it and the API's reads equal what ``tools/capture_behaviour.py`` recorded, on
every store.  The records are stored (``tests/data/behaviour/extractions.json``), not
re-extracted, so extraction rules can change without moving this test."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from behaviour import api_answers, build, library_answers

from policykg.config import Settings
from policykg.graph.export import canonical_dump

DATA = Path(__file__).parent / "data" / "behaviour"
pytestmark = pytest.mark.slow


def stored(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def plain(obj):
    """As JSON gives it back (tuples as lists)."""
    return json.loads(json.dumps(obj, ensure_ascii=False, default=str))


def settings_for(store, neo4j_uri: str | None) -> Settings:
    if store.dialect == "ladybug":
        store.close()  # the API opens the directory itself
        return Settings(db_path=store.path)
    return Settings(neo4j_uri=neo4j_uri, neo4j_user=os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
                    neo4j_password=os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", "neo4j"), query_timeout_s=60.0)


def differences(got: dict, want: dict) -> list[str]:
    """The keys whose answers differ, each with the first few characters of both."""
    keys = sorted(set(got) | set(want))
    show = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)[:300]  # noqa: E731
    return [f"{k}: got {show(got.get(k))} want {show(want.get(k))}" for k in keys if got.get(k) != want.get(k)]


def test_same_graph_answers_and_api(store, request):
    build(store, stored("extractions.json"))
    want_graph = stored("graph.json")
    got_graph = canonical_dump(store)
    assert got_graph["nodes"] == want_graph["nodes"]
    assert got_graph["edges"] == want_graph["edges"]
    want = stored("answers.json")
    got = plain(library_answers(store))
    assert differences(got, want["library"]) == []
    uri = request.getfixturevalue("neo4j_uri") if store.dialect == "neo4j" else None
    got_api = plain(api_answers(settings_for(store, uri)))
    assert differences(got_api, plain(want["api"])) == []
