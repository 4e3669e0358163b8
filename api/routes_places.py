"""Zones, clusters and numeric targets, filtered and paged."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from ..config import Settings
from ..graph.stores import GraphStore
from .deps import get_settings, get_store
from ..queries.lookups import Lookups
from .responses import ok

router = APIRouter(tags=["places"])


def _q(what: str):
    return Query(None, max_length=100, description=f"Part of the {what}")


REGION = Query(None, max_length=100, description="Exact region name, e.g. 许昌市")
LIMIT = Query(50, ge=1, le=500)
OFFSET = Query(0, ge=0, le=1_000_000)


@router.get("/zones", summary="Industrial zones and parks")
def zones(q: str | None = _q("zone name"), region: str | None = REGION, limit: int = LIMIT, offset: int = OFFSET,
          store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return ok(Lookups(store, settings).zones(q or None, region or None, limit, offset).as_dict())


@router.get("/clusters", summary="Named industry clusters")
def clusters(q: str | None = _q("cluster name"), region: str | None = REGION, limit: int = LIMIT,
             offset: int = OFFSET, store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return ok(Lookups(store, settings).clusters(q or None, region or None, limit, offset).as_dict())


@router.get("/targets", summary="Numeric targets (values in base units) with their tasks")
def targets(q: str | None = _q("target text"), region: str | None = REGION,
            unit: str | None = Query(None, max_length=20, description="Base unit, e.g. 元, 亩, 家"),
            limit: int = LIMIT, offset: int = OFFSET,
            store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return ok(Lookups(store, settings).targets(q or None, region or None, unit or None, limit, offset).as_dict())
