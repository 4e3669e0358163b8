"""The query library over HTTP, and read-only Cypher for everything else."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Path
from pydantic import BaseModel, Field

from ..errors import ParameterError
from ..queries import registry
from ..queries.adhoc import check_params, row_cap, run_adhoc
from . import library
from .deps import AppSettings, Hub, Limits, Store
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
def run_query(*, name: str = Path(..., description="A name from GET /queries"),
              body: QueryRun = Body(default_factory=QueryRun),
              store: Store, settings: AppSettings):
    registry.get(name, internal=False)  # UnknownQueryError (404) names the known queries; the API's own reads
    # (internal entries of the catalog) are reached through their routes, not here
    check_params(body.params, max_depth=settings.max_param_depth, max_items=settings.max_param_items)
    result = guard_params(lambda: library.run(store, settings, name, body.params, body.limit))
    cap = min(body.limit or settings.query_row_limit, settings.query_row_limit)
    return ok({"query": name, "params": body.params, **library.result_dict(result, cap)})


@router.post("/cypher", summary="Run read-only Cypher (row, byte, memory and time limits apply)",
             description="One read query: MATCH, OPTIONAL MATCH, WHERE, WITH, UNWIND, RETURN, ORDER BY, SKIP, "
                         "LIMIT, UNION and functions.  Anything else is refused before it runs, naming the "
                         "reason: writes (403 write_refused); CALL, `;`, settings, files, extensions and nesting "
                         "deeper than 40 (400 cypher_refused).  The query runs in a sandbox process "
                         "(LadybugDB) or a READ transaction with a server-side timeout (Neo4j): rows stop at "
                         "the row limit (truncated: true); a slow query is cut off (408 query_timeout), a "
                         "result or memory over the caps is refused (400 result_too_large), a query that "
                         "crashes the database engine costs itself alone (400 query_crashed).")
async def cypher(body: CypherRun, hub: Hub, settings: AppSettings,
                 bounds: Limits):
    check_params(body.params, max_depth=settings.max_param_depth, max_items=settings.max_param_items)
    result = await bounds.cypher.run(lambda: guard_params(lambda: run_adhoc(
        hub.sandbox, body.query, body.params, settings=settings, limit=body.limit)))
    cap = row_cap(settings, body.limit)
    return ok({"row_limit": cap, "timeout_s": settings.query_timeout_s, **library.result_dict(result, cap)})


def guard_params(run):
    """Parameters a driver cannot bind (TypeError/ValueError) are the caller's error, not the server's."""
    try:
        return run()
    except (TypeError, ValueError, OverflowError) as e:
        raise ParameterError(f"a parameter cannot be passed to the database: {e}") from e
