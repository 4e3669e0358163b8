"""Tasks with their chain, and the cascade of a higher region's agencies into a lower region's."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from ..config import Settings
from ..graph.stores import GraphStore
from ..queries.cascade import cascade as run_cascade
from . import library
from .deps import get_settings, get_store
from ..queries.lookups import Lookups
from .resolve import resolve
from .responses import ok
from .sources import attach_sentences

router = APIRouter(tags=["tasks"])


@router.get("/tasks/{id}", summary="One task: text, deadline, agencies, targets, source, and its chain")
def task(id: str = Path(..., description="A task `id` (URL-safe base64 of the key), or the key itself"),
         store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    look = Lookups(store, settings)
    found = resolve("task", id, look.task)
    found["sentence"] = attach_sentences(look, [dict(found)])[0]["sentence"]
    chain = library.run(store, settings, "task_chain", {"task": found["key"]})
    return ok({"task": found, "chain": chain.records(), "chain_truncated": chain.truncated})


@router.get("/cascade", summary="How a higher region's plans are carried down to a region below it: counterpart "
                                "pairs, derived task pairs with score and spans, upper tasks nobody carries")
def cascade(upper: str = Query(..., min_length=1, max_length=100, description="The higher region, e.g. 河南省, 上海市"),
            lower: str = Query(..., min_length=1, max_length=100, description="The lower region, one step or more "
                                                                               "below, e.g. 许昌市, 静安区, 禹州市"),
            min_tasks: int = Query(1, ge=0, le=10_000, description="Only agency pairs with at least this many "
                                                                   "derived task pairs (0: every counterpart pair)"),
            through_reforms: bool = Query(False, description="Also the tasks of the agencies either body succeeded, "
                                                             "or was succeeded by, in a reform"),
            store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return ok(run_cascade(store, upper, lower, min_tasks=min_tasks, through_reforms=through_reforms,
                          timeout_s=settings.query_timeout_s))
