"""Network views as HTML pages (the same views as ``policykg viz``).

Path ids are what the rest of the API hands out (URL-safe base64 of the key); the raw key,
a canonical name or an alias (省发展改革委) work too.  Errors keep the API's JSON shape.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse

from ..config import Settings
from ..graph.stores import GraphStore
from ..viz import views
from .deps import get_settings, get_store
from .resolve import first_found

router = APIRouter(tags=["views"])

MAX_NODES = Query(None, ge=10, le=20000, description="Draw at most this many nodes (default: the server's cap)")


def _first(ident: str, draw):
    """Draw with the first reading of ``ident`` (id, then the text itself) that names something."""
    return first_found(ident, draw)


def _html(page) -> HTMLResponse:
    return HTMLResponse(page.html, headers={"X-Nodes": str(page.nodes), "X-Edges": str(page.edges)})


@router.get("/viz/agency/{id}", response_class=HTMLResponse,
            summary="Network of an agency: its tasks, partner agencies, targets, documents")
def agency_page(id: str = Path(..., description="Agency id, key, name or alias (e.g. 省发展改革委)"),
                depth: int = Query(1, ge=1, le=views.MAX_DEPTH),
                region: str | None = Query(None, max_length=100, description="Choose among namesakes, e.g. 河南省"),
                max_nodes: int | None = MAX_NODES,
                store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return _html(_first(id, lambda k: views.agency_view(store, k, depth=depth, region=region or None,
                                                        settings=settings, cap=max_nodes)))


@router.get("/viz/cascade", response_class=HTMLResponse,
            summary="Cascade between two regions: counterpart agencies and derived tasks")
def cascade_page(upper: str = Query(..., max_length=100, description="Higher region, e.g. 河南省"),
                 lower: str = Query(..., max_length=100, description="Lower region, e.g. 许昌市"),
                 max_nodes: int | None = MAX_NODES,
                 store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return _html(views.cascade_view(store, upper, lower, settings=settings, cap=max_nodes))


@router.get("/viz/document/{id}", response_class=HTMLResponse,
            summary="Lineage of a document: what it derives from and what derives from it")
def document_page(id: str = Path(..., description="Document id, key, 文号 or exact title"),
                  depth: int = Query(5, ge=1, le=20), max_nodes: int | None = MAX_NODES,
                  store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return _html(_first(id, lambda k: views.document_view(store, k, depth=depth, settings=settings, cap=max_nodes)))


@router.get("/viz/lineage/{id}", response_class=HTMLResponse,
            summary="Lineage of a document by level and date: ancestors, descendants, repeals")
def lineage_page(id: str = Path(..., description="Document id, key, 文号 or exact title"),
                 max_nodes: int | None = MAX_NODES,
                 store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return _html(_first(id, lambda k: views.lineage_view(store, k, settings=settings, cap=max_nodes)))


@router.get("/viz/region/{region}", response_class=HTMLResponse,
            summary="Overview of one region, filtered by node type")
def region_page(region: str = Path(..., max_length=100, description="Region, e.g. 许昌市"),
                types: str | None = Query(None, max_length=200,
                                          description="Comma-separated: Agency,Task,Document,Target,Zone,Cluster"),
                max_nodes: int | None = MAX_NODES,
                store: GraphStore = Depends(get_store), settings: Settings = Depends(get_settings)):
    return _html(views.region_view(store, region, types=types, settings=settings, cap=max_nodes))
