"""Policy diffusion as one JSON document (what ``policykg diffusion`` and ``GET /diffusion`` give):
the ``diffusion`` named query's rows as (upper, lower) pairs, and per upper document the lower
regions that adopted it and the median lag.
"""
from __future__ import annotations

import statistics

from ..graph.stores.base import GraphStore
from . import registry
from .lookups import Page, with_id

SIDE = ("key", "source", "title", "date", "region", "level")
PAIR = ("basis", "score", "lag_days", "tasks_carried", "tasks_total", "reproduction")


def pair(row: dict) -> dict:
    """A ``diffusion`` row as an object: ``upper`` and ``lower`` documents, then the measures.

    >>> r = {f"{s}_{k}": f"{s}-{k}" for s in ("upper", "lower") for k in SIDE}
    >>> p = pair({**r, "basis": "number", "score": 1.0, "lag_days": 12, "tasks_carried": 2, "tasks_total": 5,
    ...           "reproduction": 0.4})
    >>> p["upper"]["key"], p["lower"]["region"], p["lag_days"]
    ('upper-key', 'lower-region', 12)
    """
    return {"upper": {k: row[f"upper_{k}"] for k in SIDE}, "lower": {k: row[f"lower_{k}"] for k in SIDE},
            **{k: row[k] for k in PAIR}}


def adoption(pairs: list[dict]) -> list[dict]:
    """Per upper document: how many lower documents and regions derive from it, which regions,
    and the median lag (days) over the pairs with both dates.

    >>> ps = [{"upper": {"key": "U"}, "lower": {"key": "A", "region": "许昌市"}, "lag_days": 10},
    ...       {"upper": {"key": "U"}, "lower": {"key": "B", "region": "洛阳市"}, "lag_days": 30},
    ...       {"upper": {"key": "U"}, "lower": {"key": "C", "region": "许昌市"}, "lag_days": None}]
    >>> a = adoption(ps)[0]
    >>> a["lower_documents"], a["regions"], a["adopting_regions"], a["median_lag_days"]
    (3, ['洛阳市', '许昌市'], 2, 20.0)
    """
    by: dict[str, list[dict]] = {}
    for p in pairs:
        by.setdefault(p["upper"]["key"], []).append(p)
    out = []
    for ps in by.values():
        regions = sorted({p["lower"]["region"] for p in ps if p["lower"]["region"]})
        lags = [p["lag_days"] for p in ps if p["lag_days"] is not None]
        out.append({"upper": ps[0]["upper"], "lower_documents": len(ps), "adopting_regions": len(regions),
                    "regions": regions, "median_lag_days": statistics.median(lags) if lags else None})
    return sorted(out, key=lambda a: (-a["adopting_regions"], -a["lower_documents"], a["upper"]["key"]))


def diffusion(store: GraphStore, *, upper: str = "", region: str = "", timeout_s: float | None = None,
              limit: int | None = None) -> dict:
    """``{"upper", "region", "pairs": [pair ...], "uppers": [adoption ...], "truncated"}``."""
    params = {"upper": upper or "", "region": region or ""}
    res = registry.run(store, "diffusion", params, timeout_s=timeout_s, limit=limit)
    pairs = [pair(r) for r in res.records()]
    bound = registry.bind(registry.get("diffusion"), params)
    return {"upper": bound["upper"], "region": bound["region"], "pairs": pairs, "uppers": adoption(pairs),
            "truncated": res.truncated}


def uppers(store: GraphStore, *, q: str = "", limit: int = 20, offset: int = 0,
           timeout_s: float | None = None) -> Page:
    """The upper documents carried down the most (the ``diffusion_uppers`` query), one page: each
    with ``upper`` (key, id, title, 文号, date, region, level), ``lower_documents``,
    ``adopting_regions``, ``regions`` and ``median_lag_days``."""
    rows = registry.run(store, "diffusion_uppers", {"q": q or ""}, timeout_s=timeout_s).records()
    items = []
    for r in rows[offset:offset + limit]:
        upper = with_id({k: r[f"upper_{k}"] for k in ("key", "title", "number", "date", "region", "level")})
        lags = [x for x in r["lags"] if x is not None]
        items.append({"upper": upper, "lower_documents": r["lower_documents"],
                      "adopting_regions": r["adopting_regions"], "regions": r["regions"],
                      "median_lag_days": statistics.median(lags) if lags else None})
    return Page(len(rows), limit, offset, items)
