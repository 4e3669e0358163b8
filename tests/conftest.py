"""Shared fixtures.  Stores are real: LadybugDB on disk, and a real Neo4j 5 server.

The Neo4j server is ``POLICYKG_TEST_NEO4J_URI`` when set, else one started for the whole
session from the Maven-built launcher (:mod:`policykg.servers.neo4j`) -- under pytest-xdist
one per worker (Neo4j Community has a single user database, so workers cannot share a server:
each test clears it), on a free port, stopped when the worker ends.  Without Java or Maven those
tests are skipped -- except in CI (``CI=true``), where that is a failure (tests/needs.py).

The lanes (docs/testing.md): a test is marked ``neo4j`` or ``browser`` here,
from the fixtures it uses (``needs.LANES``) or a store parameter named ``neo4j``, so a new test
that asks for ``neo4j_store``, ``store``, ``java_tools`` or ``open_page`` is in the right lane
without a marker of its own; ``slow`` is written by hand on tests that take seconds.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import settings
from needs import in_ci, lanes_of, missing

from policykg.errors import StoreUnavailableError
from policykg.servers.neo4j import Neo4jServer, java_available
from policykg.graph.stores.ladybug import LadybugStore

STORES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)]

# Randomized tests are derandomized in CI: the same examples every run (a red run is reproducible), no
# example database carried between runs; the inputs that once failed are kept as explicit @example cases.
# Locally they explore (``--hypothesis-seed N`` replays a run).  Every xdist worker imports this
# file with the same environment, so each loads the same profile: derandomized examples depend only
# on the test, not on the worker that runs it or on the order.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if in_ci():
    settings.load_profile("ci")


def pytest_collection_modifyitems(config, items):
    for item in items:
        for lane in lanes_of(item) - {m.name for m in item.iter_markers()}:
            item.add_marker(lane)


@pytest.fixture(scope="session")
def java_tools() -> None:
    """Java (and Maven, until the launcher jar is built) are here, or the test is skipped."""
    reason = java_available()
    if reason:
        missing("the Neo4j tests", reason)


@pytest.fixture(scope="session")
def neo4j_server(java_tools, tmp_path_factory):
    """This session's own Neo4j server (started once per worker, stopped at the end)."""
    server = start_server(tmp_path_factory)
    yield server
    server.stop()


def start_server(tmp_path_factory, tries: int = 3) -> Neo4jServer:
    """A started server on a free port.  Another worker may take the port between our look and
    the JVM's bind: then a new port.  Any other failure is an error, not a skip (java is there)."""
    for attempt in range(1, tries + 1):
        try:
            return Neo4jServer(tmp_path_factory.mktemp("neo4j")).start()
        except StoreUnavailableError as e:
            if attempt == tries or "in use" not in str(e).lower():
                raise
    raise AssertionError("unreachable")


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
