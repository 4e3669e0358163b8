"""Tasks with their chain, and the cascade of a higher-level document into a lower one."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from ..config import Settings
from ..graph.stores import GraphStore
from . import library
from .deps import get_settings, get_store
from .lookups import Lookups
from .resolve import resolve
from .sources import attach_sentences

router = APIRouter(tags=["tasks"])


@router.get("/tasks/{id}", summary="One task: text, deadline, agencies, targets, source, and its chain")
def task(id: str = Path(..., description="A task `id` (URL-safe base64 of the key), or the key itself"),
         store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    look = Lookups(store, settings)
    found = resolve("task", id, look.task)
    found["sentence"] = attach_sentences(look, [dict(found)])[0]["sentence"]
    chain = library.run(store, settings, "task_chain", {"task": found["key"]})
    return {"task": found, "chain": chain.records(), "chain_truncated": chain.truncated}


@router.get("/cascade", summary="How a higher region's agencies hand their tasks down to a lower region's")
def cascade(upper: str = Query(..., min_length=1, max_length=100, description="The higher region, e.g. 河南省"),
            lower: str = Query(..., min_length=1, max_length=100, description="The lower region, e.g. 许昌市"),
            store: GraphStore = Depends(get_store)):
    from ..queries.cascade import cascade as run_cascade

    return {"upper": upper, "lower": lower, **as_mapping(plain(run_cascade(store, upper, lower)))}


def as_mapping(v) -> dict:
    return v if isinstance(v, dict) else {"pairs": v}


def plain(v):
    """Whatever the cascade returns (dataclasses, results) as JSON-ready values."""
    from dataclasses import asdict, is_dataclass

    if hasattr(v, "as_dict"):
        return v.as_dict()
    if is_dataclass(v):
        return asdict(v)
    if hasattr(v, "records"):
        return v.records()
    return v
