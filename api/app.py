"""The HTTP API: ``create_app(settings)`` builds the FastAPI app; nothing is opened at import
or at creation -- the store opens on the first request that needs it and closes at shutdown.

Run it with ``policykg serve`` (uvicorn), or embed it: ``uvicorn --factory policykg.api.app:create_app``.
"""
from __future__ import annotations

import asyncio
import logging
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from .. import __version__
from ..config import Settings, load_settings
from ..errors import PolicyKGError
from ..graph import scratch
from ..graph.stores.ladybug import file_signature
from ..viz import render
from . import (errors, routes_agencies, routes_docs, routes_documents, routes_instruments, routes_lineage, routes_meta,
               routes_jobs, routes_networks, routes_places, routes_queries, routes_search, routes_tasks, routes_viz,
               routes_workbench)
from .admission import Bounds
from .agency_index import AgencyIndex
from .cache import ResponseCache
from .errors import scrub, server_paths
from .jobs import FinalizeJobs
from .limits import CSP, FORM_OVERHEAD, JSON_BODY_BYTES, BodyLimit, SecurityHeaders, UploadGate
from .responses import UnicodeJSONResponse
from .storehub import StoreHub
from .task_index import TaskIndex
from .upload import finalize

log = logging.getLogger("policykg.api")

DESCRIPTION = """\
Query the policy knowledge graph: agencies and their duties, cooperation, the cascade of a
higher-level document into lower-level ones, documents and their lineage (citations, repeals,
status), policy diffusion, agency successions and co-issuance, zones, clusters and targets;
the policy-instrument mix of the coded tasks; run the named queries or read-only Cypher.

Ids: every agency, document and task carries an `id`, the URL-safe base64 of its graph key
(keys hold `/`, `|` and Chinese); a path also accepts the key itself.  Errors always have the
shape `{"error": {"code", "message", "detail"}}`.
"""


def warm_up(hub: StoreHub) -> None:
    """Build the agency and task search indexes before the first search asks for them (LadybugDB;
    ~2 s at 44k agencies, ~1.5 s at 370k tasks).  Best effort: without a database yet, the first
    request reports that."""
    render.warm_up()
    if hub.gate is None or not os.path.exists(hub.settings.db_path):
        return
    try:
        with hub.reading() as store:
            hub.cached("agency_index", store, AgencyIndex.load)
            hub.cached("task_index", store, TaskIndex.load)
    except PolicyKGError as e:
        log.warning("warm-up skipped: %s", e)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app over the store the settings name (environment settings when None)."""
    settings = settings or load_settings()
    hub = StoreHub(settings)
    jobs = FinalizeJobs(lambda scope: finalize(hub, scope), lambda v: scrub(v, server_paths(settings)))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        for what in ("upload", "sandbox"):  # left by a server killed with -9
            for name in scratch.clean_stale(what):
                log.info("removed %s, left by a server that was killed", name)
        warm = asyncio.get_running_loop().run_in_executor(None, warm_up, hub)
        yield
        await warm
        await asyncio.get_running_loop().run_in_executor(None, jobs.close)  # a finalize under way completes
        hub.close()

    # Swagger UI (/docs) and ReDoc (/redoc) from the package's own copies: they work offline
    # the pages /docs and /redoc are routes_docs' (no inline script); FastAPIOffline serves their files
    app = FastAPIOffline(title="policykg", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                         default_response_class=UnicodeJSONResponse, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.hub = hub
    app.state.jobs = jobs
    app.state.bounds = bounds = Bounds(settings)
    errors.install(app)

    def body_limit(scope: dict) -> int:
        if scope.get("path", "").rstrip("/") == "/documents":
            return settings.max_document_bytes + FORM_OVERHEAD
        return JSON_BODY_BYTES

    app.add_middleware(BodyLimit, limit_for=body_limit)

    def database_state() -> tuple | None:
        """What the cached answers were made from: the files and the store open on them (None:
        Neo4j, or no database yet)."""
        if hub.gate is None or not os.path.exists(settings.db_path):
            return None
        return file_signature(settings.db_path), hub.generation

    app.add_middleware(ResponseCache, signature=database_state, max_bytes=settings.response_cache_mb << 20)
    app.add_middleware(UploadGate, api_key=lambda: settings.api_key, bound=bounds.uploads)  # before any body
    app.add_middleware(SecurityHeaders, csp_for=lambda path: routes_docs.csp_exception(path) or CSP)

    for module in (routes_meta, routes_search, routes_agencies, routes_tasks, routes_documents, routes_jobs,
                   routes_lineage, routes_places, routes_queries, routes_instruments, routes_networks, routes_viz,
                   routes_docs, routes_workbench):
        app.include_router(module.router)
    return app
