"""Agencies: search, one agency with its duties and counterparts, its cooperation network."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from ..config import Settings
from ..graph.stores import GraphStore
from .agency_index import AgencyIndex
from .deps import get_hub, get_settings, get_store
from ..queries.lookups import Lookups
from .resolve import resolve
from .responses import ok
from .sources import attach_sentences
from .storehub import StoreHub

router = APIRouter(tags=["agencies"])

ID = Path(..., description="An agency `id` from GET /agencies (URL-safe base64 of the key), or the key itself")
LEVELS = "national, province, city or county"


@router.get("/agencies", summary="Search agencies by name or alias (partial match), paged")
def search_agencies(q: str | None = Query(None, max_length=100, description="Part of a name or alias, e.g. 发改委"),
                    region: str | None = Query(None, max_length=100, description="Region or province, e.g. 许昌市"),
                    level: str | None = Query(None, max_length=20, description=LEVELS),
                    limit: int = Query(20, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
                    store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings),
                    hub: StoreHub = Depends(get_hub)):
    index = hub.cached("agency_index", store, AgencyIndex.load)  # LadybugDB: in memory; Neo4j: Cypher
    if index is not None:
        return ok(index.search(q or None, region or None, level or None, limit, offset).as_dict())
    return ok(Lookups(store, settings).search_agencies(q or None, region or None, level or None, limit,
                                                    offset).as_dict())


@router.get("/agencies/{id}", summary="One agency: aliases, region, counterparts, reform successions and duties",
            description="`duties` holds the tasks it carries and those addressed to a collective it belongs to "
                        "(`through`: collective); with `through_reforms=true` also those of the agencies it "
                        "succeeded or that succeeded it (`through`: reform).  `successors` and `predecessors`: "
                        "the reform successions (year, whole or part).")
def agency(id: str = ID, through_reforms: bool = Query(False, description="Also the duties of its predecessors "
                                                                          "and successors in a reform"),
           store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    look = Lookups(store, settings)
    found = resolve("agency", id, look.agency)
    duties = look.duties(found["key"], through_reforms)  # the library's agency_duties, anchored on the key
    cap = settings.query_row_limit
    reforms = look.library("agency_successors", {"agency": found["key"]})
    return ok({"agency": found, "aliases": found.get("aliases") or [],
            "region": {"name": found.get("region"), "province": found.get("province"), "level": found.get("level")},
            "counterparts": look.counterparts(found["key"]),
            "successors": [r for r in reforms if r["relation"] == "successor"],
            "predecessors": [r for r in reforms if r["relation"] == "predecessor"],
            "duties": attach_sentences(look, duties[:cap]), "duties_truncated": len(duties) > cap})


@router.get("/agencies/{id}/cooperation", summary="Agencies this one shares tasks with")
def cooperation(id: str = ID, store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    look = Lookups(store, settings)
    found = resolve("agency", id, look.agency)
    rows = look.cooperation(found["key"])  # the rows of the library's agency_cooperation, key-anchored
    cap = settings.query_row_limit
    return ok({"agency": found, "columns": list(rows[0]) if rows else [], "rows": rows[:cap],
               "truncated": len(rows) > cap})
