"""The query library over HTTP, and read-only Cypher for everything else."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Path
from pydantic import BaseModel, Field

from ..config import Settings
from ..errors import ParameterError, ReadOnlyViolationError
from ..graph.stores import GraphStore
from ..graph.stores.base import write_clause
from ..queries import registry
from . import library
from .deps import get_settings, get_store
from .responses import ok

router = APIRouter(tags=["queries"])


class QueryRun(BaseModel):
    params: dict[str, Any] = Field(default_factory=dict, description="The query's parameters by name")
    limit: int | None = Field(None, ge=1, description="At most this many rows (never above the server's limit)")


class CypherRun(BaseModel):
    query: str = Field(..., min_length=1, max_length=20000, description="One read-only Cypher statement")
    params: dict[str, Any] = Field(default_factory=dict, description="Values for the $parameters")
    limit: int | None = Field(None, ge=1, description="At most this many rows (never above the server's limit)")


@router.get("/queries", summary="The query library: names, descriptions, parameters")
def list_queries():
    return ok({"queries": [q.as_dict() for q in registry.all_queries()]})


@router.post("/queries/{name}", summary="Run one library query with parameters")
def run_query(name: str = Path(..., description="A name from GET /queries"),
              body: QueryRun = Body(default_factory=QueryRun),
              store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    reg = registry
    reg.get(name)  # UnknownQueryError (404) names the known queries
    check_values(body.params)
    result = guard_params(lambda: library.run(store, settings, name, body.params, body.limit))
    cap = min(body.limit or settings.query_row_limit, settings.query_row_limit)
    return ok({"query": name, "params": body.params, **library.result_dict(result, cap)})


@router.post("/cypher", summary="Run read-only Cypher (row and time limits apply)",
             description="Writes are refused (403 write_refused): the statement runs in a read-only "
                         "transaction (Neo4j) or on a read-only database (LadybugDB), and clauses that write "
                         "or touch files (CREATE, MERGE, SET, DELETE, COPY, LOAD ...) are refused before it runs. "
                         "Results stop at the row limit (truncated: true); a slow query is cut off (408).")
def cypher(body: CypherRun, store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    clause = write_clause(body.query)
    if clause:  # COPY ... TO and LOAD FROM read or write server files even on a read-only database
        raise ReadOnlyViolationError(f"refused: {clause} writes to the graph or touches server files, and "
                                     f"POST /cypher is read-only", clause=clause)
    check_values(body.params)
    cap = min(body.limit or settings.query_row_limit, settings.query_row_limit)
    result = guard_params(lambda: store.query(body.query, body.params, timeout_s=settings.query_timeout_s,
                                              limit=cap))
    return ok({"row_limit": cap, "timeout_s": settings.query_timeout_s, **library.result_dict(result, cap)})


INT64 = (-(2 ** 63), 2 ** 63 - 1)


def check_values(params: dict, where: str = "params") -> None:
    """Refuse values no store can bind: integers beyond 64 bits (the drivers fail obscurely on them).

    >>> check_values({"a": [1, {"b": 2 ** 70}]})
    Traceback (most recent call last):
    ...
    policykg.errors.ParameterError: params.a[1].b: integer 1180591620717411303424 is outside the 64-bit range
    """
    def walk(v, path):
        if isinstance(v, bool):
            return
        if isinstance(v, int) and not INT64[0] <= v <= INT64[1]:
            raise ParameterError(f"{path}: integer {v} is outside the 64-bit range", parameter=path)
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, f"{path}.{k}")
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, f"{path}[{i}]")
    walk(params, where)


def guard_params(run):
    """Parameters a driver cannot bind (TypeError/ValueError) are the caller's error, not the server's."""
    try:
        return run()
    except (TypeError, ValueError, OverflowError) as e:
        raise ParameterError(f"a parameter cannot be passed to the database: {e}") from e
