"""The query library as the API uses it: every run within the settings' row and time limits."""
from __future__ import annotations

from typing import Any

from ..config import Settings
from ..graph.stores import GraphStore, Result
from ..queries import registry


def run(store: GraphStore, settings: Settings, name: str, params: dict[str, Any],
        limit: int | None = None) -> Result:
    """Run library query ``name``; ``limit`` can only lower the server's row limit."""
    cap = settings.query_row_limit if limit is None else min(limit, settings.query_row_limit)
    return registry.run(store, name, params, limit=cap, timeout_s=settings.query_timeout_s)


def result_dict(result: Result, row_limit: int) -> dict:
    """A result as JSON: rows as records, with the truncation made explicit."""
    out = {"columns": result.columns, "rows": result.records(), "truncated": result.truncated}
    if result.truncated:
        out["message"] = f"stopped after {row_limit} rows (the row limit); narrow the query or page it"
    return out
