"""Liveness and the size of the graph."""
from __future__ import annotations

from fastapi import APIRouter

from ..queries.lookups import ping
from .. import __version__
from ..errors import StoreError
from .deps import AppSettings, Hub, Store
from .errors import error_response
from .responses import ok

router = APIRouter(tags=["meta"])


@router.get("/health", summary="Is the server up and the store reachable?")
def health(hub: Hub, settings: AppSettings):
    body = {"status": "ok", "version": __version__, "backend": settings.backend}
    try:  # a probe gets its answer within seconds, even while a writer commits or checkpoints
        with hub.reading(wait_s=settings.health_wait_s) as store:
            ping(store, settings.query_timeout_s)
    except StoreError as e:  # 503 with the reason, so a probe and a person both learn why
        return error_response(e.http_status, e.code, e.message, {**body, "status": "unavailable"})
    return ok(body)


@router.get("/stats", summary="Nodes per label and relationships per type")
def stats(store: Store, settings: AppSettings):
    return ok({"backend": settings.backend, **store.stats().as_dict()})
