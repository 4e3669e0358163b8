"""One search box over everything the graph names: agencies, documents (title, 文号), regions,
zones, clusters and tasks (full text), with how many of each kind match."""
from __future__ import annotations

from fastapi import APIRouter, Query

from ..config import Settings
from ..errors import ParameterError
from ..queries import regions, search
from ..queries.lookups import Lookups, Page
from .deps import AppSettings, Hub, Store
from .responses import ok
from .routes_agencies import find_agencies
from .routes_tasks import find_tasks

router = APIRouter(tags=["search"])


def parse_kinds(text: str | None) -> tuple[str, ...]:
    """``agency,task`` as kinds of :data:`search.KINDS` (all when empty).

    >>> parse_kinds("task, agency"), len(parse_kinds(None))
    (('task', 'agency'), 6)
    """
    if not text:
        return search.KINDS
    kinds = tuple(dict.fromkeys(k.strip() for k in text.split(",") if k.strip()))
    unknown = [k for k in kinds if k not in search.KINDS]
    if unknown:
        raise ParameterError(f"unknown kind {unknown[0]!r} in kinds; choose from {', '.join(search.KINDS)}",
                             parameter="kinds")
    return kinds


def find(kind: str, q: str, limit: int, store: Store, settings: Settings, hub: Hub) -> Page:
    """The first ``limit`` matches of one kind, with their total."""
    look = Lookups(store, settings)
    if kind == "agency":
        return find_agencies(store, settings, hub, q, None, None, limit, 0)
    if kind == "document":
        return look.documents(q, None, None, limit, 0)
    if kind == "region":
        return regions.search(look, q, None, None, limit, 0)
    if kind == "zone":
        return look.zones(q, None, limit, 0)
    if kind == "cluster":
        return look.clusters(q, None, limit, 0)
    return find_tasks(store, settings, hub, q, None, limit, 0)


@router.get("/search", summary="Search agencies, documents, regions, zones, clusters and tasks at once",
            description="`results`: one entry per kind (agency, document, region, zone, cluster, task) with "
                        "`total` (how many match) and `items` (the first `limit`, as GET /agencies, /documents, "
                        "/regions, /zones, /clusters and /tasks list them; page further there).  Agencies match "
                        "a name or alias, documents a title or 文号, regions, zones and clusters a name, tasks "
                        "any part of their text.")
def search_everything(*, q: str = Query(..., min_length=1, max_length=100, description="What to look for, e.g. 许昌"),
                      kinds: str | None = Query(None, max_length=100, description="Comma-separated kinds (default "
                                                "all): agency, document, region, zone, cluster, task"),
                      limit: int = Query(5, ge=1, le=50, description="Items per kind"),
                      store: Store, settings: AppSettings,
                      hub: Hub):
    q = q.strip()
    if not q:
        raise ParameterError("query parameter q: empty once spaces are removed", parameter="q")
    results = []
    for kind in parse_kinds(kinds):
        page = find(kind, q, limit, store, settings, hub)
        results.append({"kind": kind, "total": page.total, "items": page.items})
    return ok({"q": q, "results": results})
