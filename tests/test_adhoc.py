"""Ad-hoc Cypher end to end below the API (queries/adhoc.py): the gate, then the sandbox on
LadybugDB or a READ transaction with a server-side timeout on Neo4j."""
from __future__ import annotations

import dataclasses
import time

import pytest
from test_store_contract import SLOW

from policykg.config import Settings
from policykg.errors import (ClauseRefusedError, MultipleStatementsError, NestingTooDeepError, QueryCrashedError,
                             QueryTimeoutError, ReadOnlyViolationError, ResultTooLargeError, StoreError,
                             WriteRefusedError)
from policykg.graph.stores.ladybug import LadybugStore
from policykg.graph.stores.sandbox import CypherSandbox
from policykg.queries.adhoc import run_adhoc

REFUSED = [("CALL timeout=0; MATCH p=(a)-[*1..30]-(b) RETURN count(*)", ClauseRefusedError),
           ("MATCH (a) RETURN a; MATCH (b) RETURN b", MultipleStatementsError),
           ("CREATE (:Agency {key: 'x'})", WriteRefusedError),
           ("RETURN " + "(" * 5000 + "1" + ")" * 5000, NestingTooDeepError),
           ("CALL read_csv_serial('/x.csv') RETURN *", ClauseRefusedError)]


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    path = str(tmp_path_factory.mktemp("adhoc") / "g.db")
    with LadybugStore(path) as s:
        s.ensure_schema()
        s.execute("UNWIND range(1, 50) AS i CREATE (:Agency {key: 'a' + CAST(i AS STRING), name: 'n'})")
    return Settings(db_path=path, query_timeout_s=3, query_row_limit=20, max_result_bytes=100_000)


@pytest.fixture(scope="module")
def sandbox(settings):
    with CypherSandbox.from_settings(settings, workers=1) as sb:
        yield sb


@pytest.mark.parametrize("query,cls", REFUSED, ids=[q[:30] for q, _ in REFUSED])
def test_refused_before_any_worker_sees_it(sandbox, settings, query, cls):
    before = sandbox.restarts
    with pytest.raises(cls):
        run_adhoc(sandbox, query, settings=settings)
    assert sandbox.restarts == before


def test_reads_stop_at_the_row_limit(sandbox, settings):
    r = run_adhoc(sandbox, "MATCH (a:Agency) RETURN a.key ORDER BY a.key", settings=settings)
    assert len(r.rows) == 20 and r.truncated
    assert len(run_adhoc(sandbox, "MATCH (a:Agency) RETURN a.key", settings=settings, limit=5).rows) == 5


def test_a_read_that_crashes_ladybug_costs_one_query(sandbox, settings):
    q = "UNWIND range(1, 10) AS i RETURN i ORDER BY i SKIP 100000 LIMIT 10"  # passes the gate: a read
    with pytest.raises(QueryCrashedError):
        run_adhoc(sandbox, q, settings=settings)
    assert run_adhoc(sandbox, "MATCH (a:Agency) RETURN count(*)", settings=settings).rows == [[50]]


def test_an_in_process_ladybug_store_is_refused(settings):
    with LadybugStore(settings.db_path, read_only=True) as store, pytest.raises(StoreError, match="sandbox"):
        run_adhoc(store, "RETURN 1", settings=settings)


@pytest.mark.neo4j
def test_neo4j_reads_in_a_read_transaction_with_a_server_timeout(neo4j_store, settings):
    # the 1 s limit is for the slow query alone: on a loaded machine (parallel workers, a cold JVM) a
    # first plan of the quick ones can take longer than that
    s = dataclasses.replace(settings, query_timeout_s=60.0, max_result_bytes=20_000)
    neo4j_store.execute("UNWIND range(1, 50) AS i CREATE (:Agency {key: 'a' + toString(i), name: 'n'})")
    assert run_adhoc(neo4j_store, "MATCH (a:Agency) RETURN count(*) AS n", settings=s).rows == [[50]]
    for query, cls in REFUSED:
        with pytest.raises(cls):
            run_adhoc(neo4j_store, query, settings=s)
    with pytest.raises(ClauseRefusedError):  # would run in a READ transaction, but is not a query
        run_adhoc(neo4j_store, "CALL dbms.components() YIELD name RETURN name", settings=s)
    t = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        run_adhoc(neo4j_store, SLOW, settings=dataclasses.replace(s, query_timeout_s=1.0))
    assert time.monotonic() - t < 10
    with pytest.raises(ResultTooLargeError):
        run_adhoc(neo4j_store, "UNWIND range(1, 20) AS i RETURN range(1, 2000) AS r", settings=s)


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024


@pytest.mark.neo4j
def test_neo4j_in_the_sandbox_keeps_a_huge_row_out_of_the_caller(neo4j_store, neo4j_api_settings):
    """The API runs ad-hoc Cypher on Neo4j in the sandbox too: the server refuses writes and cuts
    off slow queries, and a worker's memory cap takes the blow-up of one huge row."""
    s = dataclasses.replace(neo4j_api_settings, query_timeout_s=30.0, sandbox_memory_mb=256,
                            max_result_bytes=1_000_000)
    with CypherSandbox.from_settings(s, workers=1) as sb:
        assert run_adhoc(sb, "MATCH (a:Agency) RETURN count(*) AS n", settings=s).rows == [[4]]
        before = rss_mb()
        t = time.monotonic()
        with pytest.raises(ResultTooLargeError) as info:
            run_adhoc(sb, "RETURN range(1, 100000000) AS r", settings=s)
        took = time.monotonic() - t
        assert took < 30 and rss_mb() - before < 50, info.value
        print(f"huge row refused in {took:.1f} s")
        with pytest.raises(QueryTimeoutError):
            run_adhoc(sb, SLOW, settings=dataclasses.replace(s, query_timeout_s=1.0))
        with pytest.raises(ReadOnlyViolationError):  # past the gate, the READ transaction refuses
            sb.run("CREATE (:Agency {key: 'x'})")
        assert run_adhoc(sb, "MATCH (a:Agency) RETURN count(*) AS n", settings=s).rows == [[4]]
