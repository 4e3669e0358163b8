"""Liveness and the size of the graph."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from ..queries.lookups import ping
from .. import __version__
from ..config import Settings
from ..errors import StoreError
from ..graph.stores import GraphStore
from .deps import get_hub, get_settings, get_store
from .errors import error_response
from .responses import ok
from .storehub import StoreHub

router = APIRouter(tags=["meta"])


@router.get("/health", summary="Is the server up and the store reachable?")
def health(hub: StoreHub = Depends(get_hub), settings: Settings = Depends(get_settings)):
    body = {"status": "ok", "version": __version__, "backend": settings.backend}
    try:  # a probe gets its answer within seconds, even while a writer commits or checkpoints
        with hub.reading(wait_s=settings.health_wait_s) as store:
            ping(store, settings.query_timeout_s)
    except StoreError as e:  # 503 with the reason, so a probe and a person both learn why
        return error_response(e.http_status, e.code, e.message, {**body, "status": "unavailable"})
    return ok(body)


@router.get("/stats", summary="Nodes per label and relationships per type")
def stats(store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return ok({"backend": settings.backend, **store.stats().as_dict()})
