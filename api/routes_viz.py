"""Network views as HTML pages (the same views as ``policykg viz``).

Path ids are what the rest of the API hands out (URL-safe base64 of the key); the raw key,
a canonical name or an alias (省发展改革委) work too.  Errors keep the API's JSON shape.
"""
from __future__ import annotations

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from ..config import Settings
from ..errors import LimitError
from ..viz import views
from ..viz.render import linked_assets
from .deps import AppSettings, Limits, Store
from .resolve import first_found

router = APIRouter(tags=["views"])

MAX_NODES = Query(None, ge=10, description="Draw at most this many nodes (default: the server's cap; more than "
                                           "POLICYKG_VIZ_MAX_NODES, 5000, is 400 over_limit)")


def view_cap(max_nodes: int | None, settings: Settings) -> int | None:
    """The nodes a view may draw: what it asked for, refused beyond the server's bound."""
    if max_nodes is not None and max_nodes > settings.viz_max_nodes:
        raise LimitError(f"max_nodes={max_nodes} is over the limit of {settings.viz_max_nodes} nodes a view may "
                         f"draw (POLICYKG_VIZ_MAX_NODES)", parameter="max_nodes", limit=settings.viz_max_nodes)
    return max_nodes


def check_depth(depth: int, most: int) -> int:
    if not 1 <= depth <= most:
        raise LimitError(f"depth={depth} is outside 1..{most}", parameter="depth", limit=most)
    return depth


async def drawn(bounds: Limits, draw) -> HTMLResponse:
    """A view drawn in the views' own threads, at most as many at once as the server allows; the
    page links its scripts from /assets (routes_docs) instead of holding them inline."""
    def linked():
        with linked_assets("/assets"):
            return draw()
    return _html(await bounds.views.run(linked))


def _first(ident: str, draw):
    """Draw with the first reading of ``ident`` (id, then the text itself) that names something."""
    return first_found(ident, draw)


def _html(page) -> HTMLResponse:
    return HTMLResponse(page.html, headers={"X-Nodes": str(page.nodes), "X-Edges": str(page.edges)})


@router.get("/viz/agency/{id}", response_class=HTMLResponse,
            summary="Network of an agency: its tasks, partner agencies, targets, documents")
async def agency_page(*, id: str = Path(..., description="Agency id, key, name or alias (e.g. 省发展改革委)"),
                      depth: int = Query(1, description=f"1 to {views.MAX_DEPTH}"),
                      region: str | None = Query(None, max_length=100, description="Choose among namesakes, e.g. 河南省"),
                      max_nodes: int | None = MAX_NODES, store: Store,
                      settings: AppSettings, bounds: Limits):
    cap, depth = view_cap(max_nodes, settings), check_depth(depth, views.MAX_DEPTH)
    return await drawn(bounds, lambda: _first(id, lambda k: views.agency_view(
        store, k, depth=depth, region=region or None, settings=settings, cap=cap)))


@router.get("/viz/cascade", response_class=HTMLResponse,
            summary="Cascade between two regions: counterpart agencies and derived tasks")
async def cascade_page(*, upper: str = Query(..., max_length=100, description="Higher region, e.g. 河南省"),
                       lower: str = Query(..., max_length=100, description="Lower region, e.g. 许昌市"),
                       max_nodes: int | None = MAX_NODES, store: Store,
                       settings: AppSettings, bounds: Limits):
    cap = view_cap(max_nodes, settings)
    return await drawn(bounds, lambda: views.cascade_view(store, upper, lower, settings=settings, cap=cap))


@router.get("/viz/document/{id}", response_class=HTMLResponse,
            summary="Lineage of a document: what it derives from and what derives from it")
async def document_page(*, id: str = Path(..., description="Document id, key, 文号 or exact title"),
                        depth: int = Query(5, description="1 to 20"), max_nodes: int | None = MAX_NODES,
                        store: Store, settings: AppSettings,
                        bounds: Limits):
    cap, depth = view_cap(max_nodes, settings), check_depth(depth, 20)
    return await drawn(bounds, lambda: _first(id, lambda k: views.document_view(store, k, depth=depth,
                                                                                settings=settings, cap=cap)))


@router.get("/viz/lineage/{id}", response_class=HTMLResponse,
            summary="Lineage of a document by level and date: ancestors, descendants, repeals")
async def lineage_page(*, id: str = Path(..., description="Document id, key, 文号 or exact title"),
                       max_nodes: int | None = MAX_NODES, store: Store,
                       settings: AppSettings, bounds: Limits):
    cap = view_cap(max_nodes, settings)
    return await drawn(bounds, lambda: _first(id, lambda k: views.lineage_view(store, k, settings=settings, cap=cap)))


@router.get("/viz/region/{region}", response_class=HTMLResponse,
            summary="Overview of one region, filtered by node type")
async def region_page(*, region: str = Path(..., max_length=100, description="Region, e.g. 许昌市: its own nodes, "
                                            "exactly (not those of the regions under it)"),
                      types: str | None = Query(None, max_length=200,
                                                description="Comma-separated: Agency,Task,Document,Target,Zone,Cluster"),
                      max_nodes: int | None = MAX_NODES, store: Store,
                      settings: AppSettings, bounds: Limits):
    cap = view_cap(max_nodes, settings)
    return await drawn(bounds, lambda: views.region_view(store, region, types=types, settings=settings, cap=cap))
