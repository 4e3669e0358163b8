"""Dependencies the routes declare: settings, the read store, the upload key.

Routes take them through the ``Annotated`` aliases at the bottom (``store: Store``,
``settings: AppSettings``, ``hub: Hub``, ``bounds: Limits``): a route module imports no store
class and never opens one itself (``tests/test_architecture.py`` holds it)."""
from __future__ import annotations

import hmac
from typing import Annotated, AsyncIterator

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from ..config import Settings
from ..errors import ApiKeyError, UploadsDisabledError
from ..graph.stores import GraphStore
from .admission import Bounds
from .jobs import FinalizeJobs
from .storehub import StoreHub


async def get_settings(request: Request) -> Settings:  # async: no thread hop for an attribute read
    return request.app.state.settings


async def get_bounds(request: Request) -> Bounds:
    return request.app.state.bounds


async def get_hub(request: Request) -> StoreHub:
    return request.app.state.hub


async def get_jobs(request: Request) -> FinalizeJobs:
    return request.app.state.jobs


async def get_store(hub: StoreHub = Depends(get_hub)) -> AsyncIterator[GraphStore]:
    """The read store for one request (LadybugDB: reopened first if the files changed).

    Entering may wait for a writer or reopen the database, so it runs in the threadpool;
    leaving only drops locks and runs inline (a sync generator would cost a second hop)."""
    reading = hub.reading()
    store = await run_in_threadpool(reading.__enter__)
    try:
        yield store
    except BaseException as e:
        reading.__exit__(type(e), e, e.__traceback__)
        raise
    else:
        reading.__exit__(None, None, None)


def require_api_key(settings: Settings = Depends(get_settings),
                    x_api_key: str | None = Header(None, description="The key set in $POLICYKG_API_KEY")) -> None:
    """Uploads need ``X-API-Key`` equal to ``$POLICYKG_API_KEY``; without that variable they are off."""
    if not settings.api_key:
        raise UploadsDisabledError("uploads are disabled: start the server with POLICYKG_API_KEY set "
                                   "and send that key in the X-API-Key header")
    if not x_api_key or not hmac.compare_digest(x_api_key.encode(), settings.api_key.encode()):
        raise ApiKeyError("missing or wrong X-API-Key header: uploads need the key the server was started "
                             "with ($POLICYKG_API_KEY)", header="X-API-Key")


# what a route declares: one alias per dependency
Store = Annotated[GraphStore, Depends(get_store)]
Hub = Annotated[StoreHub, Depends(get_hub)]
AppSettings = Annotated[Settings, Depends(get_settings)]
Limits = Annotated[Bounds, Depends(get_bounds)]
Jobs = Annotated[FinalizeJobs, Depends(get_jobs)]
