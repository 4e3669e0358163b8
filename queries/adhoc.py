"""Ad-hoc read-only Cypher: the one way POST /cypher and ``policykg query --cypher`` run it.

First the gate (:func:`.guard.check_read_query`: one read query, nothing else), then the
database, with every limit of the settings: in the query sandbox (worker processes that a
crash, hang or blow-up costs nothing but that query; on Neo4j they run the query as below), or
on a Neo4j store in a READ transaction with a transaction timeout the server enforces.  Rows
stop at the row limit (``truncated``); a result over ``max_result_bytes`` (pickled size) is
refused (``result_too_large``) on both.
"""
from __future__ import annotations

from typing import Callable

from ..config import Settings
from ..errors import StoreError
from ..graph.stores import GraphStore, Result
from ..graph.stores.sandbox import CypherSandbox
from ..graph.stores.sandbox_worker import capped
from .guard import check_read_query


def row_cap(settings: Settings, limit: int | None) -> int:
    """The rows a caller gets: what it asked for, never above the server's limit.

    >>> row_cap(Settings(query_row_limit=100), None), row_cap(Settings(query_row_limit=100), 500)
    (100, 100)
    """
    return min(limit or settings.query_row_limit, settings.query_row_limit)


Target = CypherSandbox | GraphStore


def run_adhoc(target: Target | Callable[[], Target], cypher: str, params: dict | None = None, *,
              settings: Settings, limit: int | None = None) -> Result:
    """Check ``cypher`` and run it read-only on ``target`` (or on what ``target()`` returns, asked
    only once the query passed the gate): a query sandbox (the API's, on either store), or a
    Neo4j store (the command line's).  A LadybugDB store itself is refused: ad-hoc Cypher never
    runs in its process."""
    check_read_query(cypher)
    cap = row_cap(settings, limit)
    if callable(target):
        target = target()
    if isinstance(target, CypherSandbox):
        return target.run(cypher, params, limit=cap, timeout_s=settings.query_timeout_s)
    if target.dialect != "neo4j":
        raise StoreError("ad-hoc Cypher on LadybugDB runs only in the query sandbox (CypherSandbox)")
    return read_on_server(target, cypher, params, timeout_s=settings.query_timeout_s, limit=cap,
                          max_bytes=settings.max_result_bytes)


def read_on_server(store: GraphStore, cypher: str, params: dict | None, *, timeout_s: float, limit: int,
                   max_bytes: int) -> Result:
    """A read on a database server (Neo4j): a READ transaction (the server refuses writes) with a
    transaction timeout (the server cuts it off), then the byte cap on what came back."""
    result = store.query(cypher, params, timeout_s=timeout_s, limit=limit)
    capped(result.rows, None, max_bytes)
    return result
