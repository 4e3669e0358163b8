"""The pages around the API: /docs (Swagger UI) and /redoc (ReDoc) from the package's offline
copies (fastapi-offline's files under /static-offline-docs), and /assets/NAME, the scripts and
styles of the search page and the network views (viz/templates, vis-network from pyvis).

The pages run no inline script, so a strict content security policy holds on them
(api/limits.py); ReDoc alone needs inline styles and a blob: worker, allowed on /redoc only.
"""
from __future__ import annotations

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse, HTMLResponse

from ..errors import NotFoundError
from ..viz.render import ASSET_TYPES, asset_path

router = APIRouter(include_in_schema=False)
STATIC = "/static-offline-docs"
REDOC_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; "
             "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'")
SWAGGER = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>policykg - Swagger UI</title>
<link rel="stylesheet" href="{STATIC}/swagger-ui.css"><link rel="icon" href="{STATIC}/favicon.png"></head>
<body><div id="swagger-ui"></div>
<script src="{STATIC}/swagger-ui-bundle.js"></script><script src="/assets/swagger-init.js"></script></body></html>
"""
REDOC = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>policykg - ReDoc</title><link rel="icon" href="{STATIC}/favicon.png">
</head><body><redoc spec-url="/openapi.json"></redoc><script src="{STATIC}/redoc.standalone.js"></script></body></html>
"""


def csp_exception(path: str) -> str | None:
    return REDOC_CSP if path.rstrip("/") == "/redoc" else None


@router.get("/docs")
async def swagger() -> HTMLResponse:
    return HTMLResponse(SWAGGER)


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    return HTMLResponse(REDOC)


@router.get("/assets/{name}")
async def assets(name: str = Path(..., max_length=64)) -> FileResponse:
    path = asset_path(name)
    if path is None:
        raise NotFoundError(f"no asset {name!r}")
    return FileResponse(path, media_type=ASSET_TYPES[path.suffix], headers={"Cache-Control": "public, max-age=3600"})
