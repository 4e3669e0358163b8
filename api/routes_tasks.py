"""Tasks with their chain, and the cascade of a higher region's agencies into a lower region's."""
from __future__ import annotations

from fastapi import APIRouter, Path, Query

from ..config import Settings
from ..queries.cascade import cascade as run_cascade
from . import library
from .deps import AppSettings, Hub, Store
from ..queries import search as task_search
from ..queries.ids import key_to_id
from ..queries.lookups import Lookups, Page
from .resolve import resolve
from .responses import ok
from .sources import attach_sentences
from .task_index import TaskIndex

router = APIRouter(tags=["tasks"])


@router.get("/tasks", summary="Tasks by any part of their text (full-text search), paged",
            description="Each task with its `document` (key, title, 文号, date) and the `agencies` responsible for "
                        "it (the lead first).")
def tasks(*, q: str | None = Query(None, max_length=100, description="Part of the task's text, e.g. 标准厂房"),
          region: str | None = Query(None, max_length=100, description="Only tasks of this region and every region under it, e.g. 许昌市"),
          limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
          store: Store, settings: AppSettings,
          hub: Hub):
    return ok(find_tasks(store, settings, hub, q or None, region or None, limit, offset).as_dict())


def find_tasks(store: Store, settings: Settings, hub: Hub, q: str | None, region: str | None, limit: int,
               offset: int) -> Page:
    """Tasks by text: found in the in-memory index on LadybugDB, by a scan on Neo4j."""
    index = hub.cached("task_index", store, TaskIndex.load)
    return task_search.tasks(Lookups(store, settings), q, region, limit, offset,
                             finder=index.search if index is not None else None)


@router.get("/tasks/{id}", summary="One task: text, deadline, agencies, targets, source, and its chain")
def task(*, id: str = Path(..., description="A task `id` (URL-safe base64 of the key), or the key itself"),
         store: Store, settings: AppSettings):
    look = Lookups(store, settings)
    found = resolve("task", id, look.task)
    found["sentence"] = attach_sentences(look, [dict(found)])[0]["sentence"]
    chain = library.run(store, settings, "task_chain", {"task": found["key"]})
    return ok({"task": found, "chain": chain.records(), "chain_truncated": chain.truncated})


@router.get("/cascade", summary="How a higher region's plans are carried down to a region below it: counterpart "
                                "pairs, derived task pairs with score and spans, upper tasks nobody carries")
def cascade(*, upper: str = Query(..., min_length=1, max_length=100, description="The higher region, e.g. 河南省, 上海市"),
            lower: str = Query(..., min_length=1, max_length=100, description="The lower region, one step or more "
                                                                               "below, e.g. 许昌市, 静安区, 禹州市"),
            min_tasks: int = Query(1, ge=0, le=10_000, description="Only agency pairs with at least this many "
                                                                   "derived task pairs (0: every counterpart pair)"),
            through_reforms: bool = Query(False, description="Also the tasks of the agencies either body succeeded, "
                                                             "or was succeeded by, in a reform"),
            store: Store, settings: AppSettings):
    return ok(run_cascade(store, upper, lower, min_tasks=min_tasks, through_reforms=through_reforms,
                          timeout_s=settings.query_timeout_s))


@router.get("/cascade/uncarried", summary="Upper tasks no lower task carries down, paged",
            description="The tasks of the higher region's documents that the lower region's documents cite, "
                        "which no task of the lower region derives from (the uncarried_tasks query): `task_key`, "
                        "`task`, `deadline`, `upper_document`, `upper_title`, `upper_number`, `agencies` "
                        "(responsible for it), `lower_documents` (the lower documents citing its document).")
def cascade_uncarried(*, upper: str = Query(..., min_length=1, max_length=100, description="The higher region, e.g. 河南省"),
                      lower: str = Query(..., min_length=1, max_length=100, description="The lower region, e.g. 许昌市"),
                      limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
                      store: Store, settings: AppSettings):
    rows = library.run(store, settings, "uncarried_tasks", {"upper": upper, "lower": lower}).records()
    items = [{"task_id": key_to_id(r["task_key"]), **r} for r in rows[offset:offset + limit]]
    return ok({"upper": upper, "lower": lower, "total": len(rows), "limit": limit, "offset": offset, "items": items})
