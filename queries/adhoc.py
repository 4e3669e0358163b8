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
from ..errors import LimitError, ParameterError, StoreError
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
INT64 = (-(2 ** 63), 2 ** 63 - 1)
SCALARS = (str, int, float, bool, type(None))


def _bad_text(v: str) -> bool:
    try:
        v.encode("utf-8")
        return False
    except UnicodeEncodeError:  # a lone surrogate
        return True


def check_params(params: dict, *, max_depth: int = 20, max_items: int = 100_000, where: str = "params") -> None:
    """Refuse parameters no store can bind, before they are pickled or sent anywhere: nesting
    deeper than ``max_depth`` or more than ``max_items`` values (400 ``over_limit``), integers
    beyond 64 bits, text that is not valid Unicode, keys that are not text (422 ``bad_parameter``).
    Iterative: a parameter nested 100,000 deep costs a loop, not the stack.

    >>> check_params({"a": [1, {"b": 2 ** 70}]})
    Traceback (most recent call last):
    ...
    policykg.errors.ParameterError: params.a[1].b: integer 1180591620717411303424 is outside the 64-bit range
    >>> deep = []
    >>> for _ in range(900): deep = [deep]
    >>> check_params({"x": deep})
    Traceback (most recent call last):
    ...
    policykg.errors.LimitError: params.x[0]...[0]: nested deeper than 20 levels (lists and maps)
    """
    stack, items = [(where, params, 0)], 0
    while stack:
        path, v, depth = stack.pop()
        items += 1
        if items > max_items:
            raise LimitError(f"{where}: more than {max_items} values", limit=max_items)
        if isinstance(v, (dict, list)) and depth >= max_depth:
            raise LimitError(f"{path}: nested deeper than {max_depth} levels (lists and maps)", limit=max_depth)
        if isinstance(v, dict):
            for k, x in v.items():
                if not isinstance(k, str) or _bad_text(k):
                    raise ParameterError(f"{path}: a key that is not valid text", parameter=path)
                stack.append((f"{path}.{k}", x, depth + 1))
        elif isinstance(v, list):
            stack.extend((f"{path}[{i}]", x, depth + 1) for i, x in enumerate(v))
        elif not isinstance(v, SCALARS):
            raise ParameterError(f"{path}: a {type(v).__name__} cannot be a parameter", parameter=path)
        elif isinstance(v, int) and not isinstance(v, bool) and not INT64[0] <= v <= INT64[1]:
            raise ParameterError(f"{path}: integer {v} is outside the 64-bit range", parameter=path)
        elif isinstance(v, str) and _bad_text(v):
            raise ParameterError(f"{path}: text that is not valid Unicode (a lone surrogate)", parameter=path)


def run_adhoc(target: Target | Callable[[], Target], cypher: str, params: dict | None = None, *,
              settings: Settings, limit: int | None = None) -> Result:
    """Check ``cypher`` and run it read-only on ``target`` (or on what ``target()`` returns, asked
    only once the query passed the gate): a query sandbox (the API's, on either store), or a
    Neo4j store (the command line's).  A LadybugDB store itself is refused: ad-hoc Cypher never
    runs in its process."""
    check_read_query(cypher)
    check_params(params or {}, max_depth=settings.max_param_depth, max_items=settings.max_param_items)
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
