"""The analysts' workbench at ``/``: one page (``viz/workbench/index.html``) whose scripts and
styles are files served here (``/workbench/...``; vis-network is the copy pyvis ships, served at
``/assets/...`` by routes_docs): nothing inline, nothing from another host, no build step.  The
page reads only the public API routes.
"""
from __future__ import annotations

from pathlib import Path as FsPath

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse, HTMLResponse

from ..errors import NotFoundError
from ..viz import workbench

router = APIRouter(include_in_schema=False)

ROOT = FsPath(workbench.__file__).resolve().parent
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}
NO_STORE = {"Cache-Control": "no-cache"}  # revalidated (ETag) on each load: an upgrade shows at once


@router.get("/", response_class=HTMLResponse)
def index() -> FileResponse:
    return FileResponse(ROOT / "index.html", media_type=TYPES[".html"], headers=NO_STORE)


@router.get("/workbench/{path:path}")
def asset(path: str = Path(..., max_length=200)) -> FileResponse:
    """A file of the workbench (scripts, styles); nothing outside its folder."""
    target = (ROOT / path).resolve()
    if ROOT not in target.parents or not target.is_file() or target.suffix not in TYPES:  # (no .py)
        raise NotFoundError(f"no workbench file {path!r}", path=path)
    return FileResponse(target, media_type=TYPES[target.suffix], headers=NO_STORE)
