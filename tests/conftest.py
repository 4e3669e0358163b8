"""Shared fixtures.  Stores are real: LadybugDB on disk, and a real Neo4j 5 server.

The Neo4j server is ``POLICYKG_TEST_NEO4J_URI`` when set, else one started for the whole
session from the Maven-built launcher (:mod:`policykg.servers.neo4j`).  Without Java or
Maven those tests are skipped -- except in CI (``CI=true``), where that is a failure.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

from policykg.servers.neo4j import Neo4jServer, java_available
from policykg.graph.stores.ladybug import LadybugStore

STORES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)]

# Randomized tests are derandomized in CI: the same examples every run (a red run is reproducible), no
# example database carried between runs; the inputs that once failed are kept as explicit @example cases.
# Locally they explore (``--hypothesis-seed N`` replays a run).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


def _skip_or_fail(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the Neo4j tests, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def java_tools() -> None:
    """Java (and Maven, until the launcher jar is built) are here, or the test is skipped."""
    reason = java_available()
    if reason:
        _skip_or_fail(reason)


@pytest.fixture(scope="session")
def neo4j_server(java_tools, tmp_path_factory):
    """This session's own Neo4j server (started once, stopped at the end)."""
    server = Neo4jServer(tmp_path_factory.mktemp("neo4j"))
    server.start()  # a failure here is an error, not a skip: java and mvn are there
    yield server
    server.stop()


@pytest.fixture(scope="session")
def neo4j_uri(request) -> str:
    return os.environ.get("POLICYKG_TEST_NEO4J_URI") or request.getfixturevalue("neo4j_server").uri


@pytest.fixture
def ladybug_store(tmp_path):
    with LadybugStore(tmp_path / "graph.db") as s:
        s.ensure_schema()
        yield s


@pytest.fixture
def neo4j_store(neo4j_uri):
    from policykg.graph.stores.neo4j import Neo4jStore

    with Neo4jStore(neo4j_uri, os.environ.get("POLICYKG_TEST_NEO4J_USER", "neo4j"),
                    os.environ.get("POLICYKG_TEST_NEO4J_PASSWORD", "neo4j")) as s:
        s.ensure_schema()
        s.clear()
        yield s


@pytest.fixture(params=STORES)
def store(request):
    """Every store in turn, so one contract suite runs on each."""
    return request.getfixturevalue(f"{request.param}_store")


pytest_plugins = ["fixtures_viz", "fixtures_api", "fixtures_queries", "fixtures_lineage", "fixtures_workbench"]
