"""Running a read: :func:`run` is the one function every named read of the catalog goes through
(the analysts' queries, the API's lookups, the views' subgraph reads): its parameters checked
(:mod:`.params`), its text taken or built, its anchors resolved (:mod:`.anchors`), read-only on
the store within the time and row limits, values made plain and the order made the same on
every store.
"""
from __future__ import annotations

import json
import re
import time
from decimal import Decimal
from typing import Any

from ..errors import QueryTimeoutError
from ..graph.readform import Read, named_parameters, values_for
from ..graph.stores.base import GraphStore, Result
from . import catalog
from .anchors import combinations
from .declare import anchor_region
from .params import bind


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):  # LadybugDB's sum() of integers
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def _sort_key(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)


def agencies_named(store: GraphStore, forms: list[str], region: str = "",
                   timeout_s: float | None = None) -> list[str]:
    """The keys of the agencies a typed name denotes (its agency_forms), of one region or
    province when ``region`` is given.  Keys (``region|name``; no name or alias holds ``|``) are
    looked up by key, an index seek, instead of the scan of every agency's names."""
    if forms and all("|" in f for f in forms):  # one seek per key (LadybugDB scans for ``key IN $list``)
        return sorted({r[0] for f in forms for r in run(store, "anchor_agency_key", {"region": region or "", "key": f},
                                                         timeout_s=timeout_s).rows})
    return [r[0] for r in run(store, "anchor_agencies", {"region": region or "", "forms": forms},
                              timeout_s=timeout_s).rows]


def tasks_named(store: GraphStore, task: str, region: str = "", timeout_s: float | None = None) -> list[str]:
    """The keys of the tasks a ``task`` parameter denotes: the task of that key, else the tasks
    whose text holds it (of one region or province when ``region`` is given); none for ""."""
    if not task:
        return []
    params = {"task": task, "region": region or ""}
    found = [r[0] for r in run(store, "anchor_task_key", params, timeout_s=timeout_s).rows]
    return found or [r[0] for r in run(store, "anchor_task_text", params, timeout_s=timeout_s).rows]


def documents_named(store: GraphStore, document: str, region: str = "", timeout_s: float | None = None) -> list[str]:
    """The keys of the documents a ``document`` parameter denotes: by key, 文号 or a fragment of the
    title (documents are few: one scan)."""
    return [r[0] for r in run(store, "anchor_documents", {"document": document}, timeout_s=timeout_s).rows]


NAMED = {"task": tasks_named, "document": documents_named}  # string anchors; agency anchors: agencies_named


def _run_anchored(store: GraphStore, query: Read, bound: dict, timeout_s: float | None) -> Result:
    """``// anchor: a, b``: resolve each named agency parameter to agency keys first (with its
    region filter, :func:`~.declare.anchor_region`), then run the text once per combination of keys,
    each parameter bound to one key.  Path searches need their ends bound before they start:
    LadybugDB does not push a filter on the ends into a shortest-path search (10 s cut-off vs ~20 ms
    on 200k nodes); chains from one bound agency are index hops where a scan of every agency's
    forms took seconds."""
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    keys = {}
    for a in query.anchors:
        region = anchor_region(a, [p.name for p in query.params])
        keys[a] = NAMED.get(a, agencies_named)(store, bound[a], bound.get(region) or "", timeout_s)
    combos = combinations(query, keys)
    text = query.text_for(store.dialect, bound)
    used = set(named_parameters(text))
    columns, rows, truncated = None, [], False
    for combo in combos:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise QueryTimeoutError(f"query {query.name!r} cut off after its time limit of {timeout_s} s")
        params = {k: v for k, v in bound.items() if k in used}
        params.update(dict(zip(query.anchors, combo)))
        res = store.query(text, params, timeout_s=left)
        columns = res.columns
        rows.extend(res.rows)
        truncated = truncated or res.truncated
    if columns is None:  # nothing to search: the columns of an empty answer
        columns = _columns_of(text)
    return Result(columns, rows, truncated)


def _columns_of(text: str) -> list[str]:
    ret = text.rsplit("RETURN", 1)[-1]
    return re.findall(r"\bAS\s+(\w+)", ret)


def _ordered(query: Read, res: Result, limit: int | None) -> Result:
    """Lists of ``unordered`` columns sorted, rows in the ``sort`` order (then cut at ``limit``)."""
    rows = [[_plain(v) for v in r] for r in res.rows]
    for col in query.unordered:
        if col in res.columns:
            i = res.columns.index(col)
            for r in rows:
                if isinstance(r[i], list):
                    r[i] = sorted(r[i], key=_sort_key)
    truncated = res.truncated
    if query.sort:
        for spec in reversed(query.sort):  # stable sorts, last key first
            i = res.columns.index(spec.lstrip("-"))
            rows.sort(key=lambda r: (r[i] is not None, r[i] if r[i] is not None else 0)  # nulls first
                      if not isinstance(r[i], (list, dict)) else (True, _sort_key(r[i])),
                      reverse=spec.startswith("-"))
        if limit is not None and len(rows) > limit:
            rows, truncated = rows[:limit], True
    return Result(res.columns, rows, truncated)


def run(store: GraphStore, name: str, params: dict | None = None, *, limit: int | None = None,
        timeout_s: float | None = None) -> Result:
    """Run the named read of the catalog read-only on a store, with checked, typed parameters."""
    query = catalog.get(name)
    bound = bind(query, params)
    if query.anchors:
        res = _run_anchored(store, query, bound, timeout_s)
    else:
        text = query.text_for(store.dialect, bound)
        res = store.query(text, values_for(query, text, bound), timeout_s=timeout_s,
                          limit=None if query.sort else limit)
    return _ordered(query, res, limit)
