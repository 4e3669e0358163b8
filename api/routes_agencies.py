"""Agencies: search, one agency with its duties and counterparts, its cooperation network."""
from __future__ import annotations

from fastapi import APIRouter, Path, Query

from ..config import Settings
from .agency_index import AgencyIndex
from .deps import AppSettings, Hub, Store
from ..queries import duties as duty_table
from ..queries.lookups import Lookups, Page
from .resolve import resolve
from .responses import ok
from .sources import attach_sentences

router = APIRouter(tags=["agencies"])

ID = Path(..., description="An agency `id` from GET /agencies (URL-safe base64 of the key), or the key itself")
LEVELS = "national, province, city or county"


@router.get("/agencies", summary="Search agencies by name or alias (partial match), paged")
def search_agencies(*, q: str | None = Query(None, max_length=100, description="Part of a name or alias, e.g. 发改委"),
                    region: str | None = Query(None, max_length=100, description="This region and every region under it, e.g. 许昌市"),
                    level: str | None = Query(None, max_length=20, description=LEVELS),
                    limit: int = Query(20, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
                    store: Store, settings: AppSettings,
                    hub: Hub):
    return ok(find_agencies(store, settings, hub, q or None, region or None, level or None, limit, offset).as_dict())


def find_agencies(store: Store, settings: Settings, hub: Hub, q: str | None, region: str | None,
                  level: str | None, limit: int, offset: int) -> Page:
    """Agencies by name or alias: from the in-memory index on LadybugDB, with Cypher on Neo4j."""
    index = hub.cached("agency_index", store, AgencyIndex.load)
    if index is not None:
        return index.search(q, region, level, limit, offset)
    return Lookups(store, settings).search_agencies(q, region, level, limit, offset)


@router.get("/agencies/{id}", summary="One agency: aliases, region, counterparts, reform successions and duties",
            description="`duties` holds the tasks it carries and those addressed to a collective it belongs to "
                        "(`through`: collective); with `through_reforms=true` also those of the agencies it "
                        "succeeded or that succeeded it (`through`: reform).  `successors` and `predecessors`: "
                        "the reform successions (year, whole or part).")
def agency(*, id: str = ID, through_reforms: bool = Query(False, description="Also the duties of its predecessors "
                                                                          "and successors in a reform"),
           duties: bool = Query(True, description="false: `duties` is left empty (GET /agencies/{id}/duties pages "
                                                  "them), for a quick answer about a busy agency"),
           store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    found = resolve("agency", id, look.agency)
    rows = look.duties(found["key"], through_reforms) if duties else []  # agency_duties, anchored on the key
    cap = settings.query_row_limit
    reforms = look.library("agency_successors", {"agency": found["key"]})
    return ok({"agency": found, "aliases": found.get("aliases") or [],
            "region": {"name": found.get("region"), "province": found.get("province"), "level": found.get("level")},
            "counterparts": look.counterparts(found["key"]),
            "successors": [r for r in reforms if r["relation"] == "successor"],
            "predecessors": [r for r in reforms if r["relation"] == "predecessor"],
            "duties": attach_sentences(look, rows[:cap]), "duties_truncated": len(rows) > cap})


@router.get("/agencies/{id}/cooperation", summary="Agencies this one shares tasks with")
def cooperation(*, id: str = ID, store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    found = resolve("agency", id, look.agency)
    rows = look.cooperation(found["key"])  # the rows of the library's agency_cooperation, key-anchored
    cap = settings.query_row_limit
    return ok({"agency": found, "columns": list(rows[0]) if rows else [], "rows": rows[:cap],
               "truncated": len(rows) > cap})


@router.get("/agencies/{id}/duties", summary="An agency's duties, filtered and paged, with the counts to filter by",
            description="The rows of `duties` in GET /agencies/{id} (the library's agency_duties), each with "
                        "`duty_role` (lead 牵头, responsible 负责, cooperating 配合) and the source `sentence`; "
                        "narrowed by `role`, `document` (a document key) and `year` (of the document's date), "
                        "then paged.  `facets`: how many duties of each role, year and document, before the "
                        "narrowing, so a page can offer them.")
def agency_duties(*, id: str = ID,
                  role: str | None = Query(None, pattern="^(lead|responsible|cooperating)$",
                                           description="lead, responsible or cooperating"),
                  document: str | None = Query(None, max_length=300, description="Only duties of this document key"),
                  year: int | None = Query(None, ge=1900, le=2200, description="Only duties of documents of this year"),
                  through_reforms: bool = Query(False, description="Also the duties of its predecessors and "
                                                                   "successors in a reform"),
                  limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
                  store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    found = resolve("agency", id, look.agency)
    rows = look.duties(found["key"], through_reforms)
    narrowed = duty_table.narrow(rows, role, document, year)
    items = attach_sentences(look, narrowed[offset:offset + limit])
    return ok({"agency": found, "total": len(narrowed), "limit": limit, "offset": offset, "items": items,
               "facets": duty_table.facets(rows)})
