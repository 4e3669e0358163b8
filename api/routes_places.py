"""Regions (provinces, cities, counties), zones, clusters and numeric targets, filtered and paged."""
from __future__ import annotations

from fastapi import APIRouter, Path, Query

from .deps import AppSettings, Store
from ..errors import NotFoundError
from ..queries import regions as region_lookups
from ..queries.lookups import Lookups
from .responses import ok

router = APIRouter(tags=["places"])


def _q(what: str):
    return Query(None, max_length=100, description=f"Part of the {what}")


REGION = Query(None, max_length=100, description="This region and every region under it, e.g. 许昌市")
LIMIT = Query(50, ge=1, le=500)
OFFSET = Query(0, ge=0, le=1_000_000)


@router.get("/regions", summary="Provinces, cities and counties by part of their name, paged",
            description="Each region with `name`, `level` (province, city, county), `province` and `city` above it; "
                        "exact names first, then names that start with `q`, then higher levels and shorter names.")
def regions(*, q: str | None = _q("region name, e.g. 许昌"),
            level: str | None = Query(None, pattern="^(province|city|county)$", description="province, city or county"),
            parent: str | None = Query(None, max_length=100, description="Only regions directly below this one"),
            limit: int = LIMIT, offset: int = OFFSET,
            store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    return ok(region_lookups.search(look, q or None, level or None, parent or None, limit, offset).as_dict())


@router.get("/regions/{name}", summary="One region: its level, the regions above and below it, its documents by year "
                                       "and how many agencies, tasks, targets, zones and clusters it has",
            description="`documents_by_year`: per year the region's own documents (`own`: issued at its level) and "
                        "those of the regions below it (`below`); `documents`, `documents_below`: their totals; "
                        "`places`: the place nodes of that name (namesakes of two provinces share a name).")
def region(*, name: str = Path(..., max_length=100, description="The region's name, e.g. 许昌市"),
           store: Store, settings: AppSettings):
    found = region_lookups.region(Lookups(store, settings), name)
    if found is None:
        raise NotFoundError(f"no region named {name!r}: search for it with GET /regions?q=", region=name)
    return ok(found)


@router.get("/zones", summary="Industrial zones and parks")
def zones(*, q: str | None = _q("zone name"), region: str | None = REGION, limit: int = LIMIT, offset: int = OFFSET,
          store: Store, settings: AppSettings):
    return ok(Lookups(store, settings).zones(q or None, region or None, limit, offset).as_dict())


@router.get("/clusters", summary="Named industry clusters")
def clusters(*, q: str | None = _q("cluster name"), region: str | None = REGION, limit: int = LIMIT,
             offset: int = OFFSET, store: Store, settings: AppSettings):
    return ok(Lookups(store, settings).clusters(q or None, region or None, limit, offset).as_dict())


@router.get("/targets", summary="Numeric targets (values in base units) with their tasks")
def targets(*, q: str | None = _q("target text"), region: str | None = REGION,
            unit: str | None = Query(None, max_length=20, description="Base unit, e.g. 元, 亩, 家"),
            limit: int = LIMIT, offset: int = OFFSET,
            store: Store, settings: AppSettings):
    return ok(Lookups(store, settings).targets(q or None, region or None, unit or None, limit, offset).as_dict())
