"""The networks of the views as data: JSON a page draws with vis-network (the workbench), or GEXF
for Gephi -- the same subgraphs ``/viz/...`` draws as HTML and ``policykg viz`` writes.

A network is capped: ``max_nodes`` (default 200, at most the server's POLICYKG_VIZ_NODE_CAP)
nodes nearest its focus are drawn and each type that lost nodes is one aggregate node;
``omitted`` says how many of each type were left out, so a page can offer to show more.
The GEXF file holds every node the view fetched (up to the server's cap), without aggregates.
Networks are views: they run in the views' own threads, as many at once as the server allows
(POLICYKG_VIEW_CONCURRENCY; beyond, 503 server_busy), and ``max_nodes`` beyond
POLICYKG_VIZ_MAX_NODES is 400 over_limit, as for ``/viz/...``.
"""
from __future__ import annotations

import io

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from ..config import Settings
from ..graph import export
from ..viz import render, views
from .deps import AppSettings, Limits, Store
from .resolve import first_found
from .responses import ok
from .routes_viz import check_depth, view_cap

router = APIRouter(tags=["networks"])

DEFAULT_NODES = 200
MAX_NODES = Query(DEFAULT_NODES, ge=10, description="Draw at most this many nodes (at most the server's "
                                                                "cap, POLICYKG_VIZ_NODE_CAP); the GEXF file holds "
                                                                "every node fetched up to that cap")
FORMAT = Query("json", pattern="^(json|gexf)$", description="json (vis-network nodes, edges and options) or gexf")
GEXF = {200: {"content": {"application/json": {}, "application/gexf+xml": {}}}}
DESCRIPTION = ("JSON: `title`, `notes`, `nodes` and `edges` as vis-network takes them (label, colour, shape, a "
               "plain-text `title` tooltip with the source sentence, `ptype` the node or relationship type, `key`), "
               "`options`, `nodes_drawn`, `edges_drawn`, `omitted` (type -> nodes left out), `more` (whether any "
               "were), `cap` (nodes asked for), `max_nodes` (the most the server draws), `legend`.  format=gexf: the fetched network as a GEXF file.")


def answer(drawing: render.Drawing, fmt: str, name: str, settings: Settings):
    """The drawing as network JSON, or as a GEXF download named ``name``.gexf."""
    if fmt == "json":
        return ok({**render.network_data(drawing), "max_nodes": settings.viz_node_cap})
    g = render.gexf_graph(drawing)
    buf = io.BytesIO()
    export.write_gexf(g, buf)
    return Response(buf.getvalue(), media_type="application/gexf+xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}.gexf"',
                             "X-Nodes": str(g.number_of_nodes()), "X-Edges": str(g.number_of_edges())})


def caps(max_nodes: int, fmt: str, settings: Settings) -> int:
    """Nodes to fetch and draw: what was asked within the server's cap (GEXF: the server's cap);
    more than POLICYKG_VIZ_MAX_NODES is 400 over_limit."""
    view_cap(max_nodes, settings)
    return settings.viz_node_cap if fmt == "gexf" else min(max_nodes, settings.viz_node_cap)


async def drawn(bounds: Limits, build, fmt: str, name: str, settings: Settings):
    """``build()`` (a drawing) answered as JSON or GEXF, in the views' own threads."""
    return await bounds.views.run(lambda: answer(build(), fmt, name, settings))


@router.get("/networks/agency/{id}", summary="Network of an agency: its tasks, partner agencies, targets, documents, "
                                              "counterparts", description=DESCRIPTION, responses=GEXF)
async def agency_network(*, id: str = Path(..., description="Agency id, key, name or alias (e.g. 省发展改革委)"),
                         depth: int = Query(1, description=f"1 to {views.MAX_DEPTH}"),
                         region: str | None = Query(None, max_length=100, description="Choose among namesakes, e.g. 河南省"),
                         max_nodes: int = MAX_NODES, format: str = FORMAT, store: Store,
                         settings: AppSettings, bounds: Limits):
    cap, depth = caps(max_nodes, format, settings), check_depth(depth, views.MAX_DEPTH)
    return await drawn(bounds, lambda: first_found(id, lambda k: views.agency_graph(
        store, k, depth=depth, region=region or None, settings=settings, cap=cap)), format, "agency", settings)


@router.get("/networks/cascade", summary="Network of a cascade: counterpart agencies of two regions and the tasks "
                                         "derived between them", description=DESCRIPTION, responses=GEXF)
async def cascade_network(*, upper: str = Query(..., min_length=1, max_length=100, description="Higher region, e.g. 河南省"),
                          lower: str = Query(..., min_length=1, max_length=100, description="Lower region, e.g. 许昌市"),
                          max_nodes: int = MAX_NODES, format: str = FORMAT, store: Store,
                          settings: AppSettings, bounds: Limits):
    cap = caps(max_nodes, format, settings)
    return await drawn(bounds, lambda: views.cascade_graph(store, upper, lower, settings=settings, cap=cap), format,
                       "cascade", settings)


@router.get("/networks/lineage/{id}", summary="Network of a document's lineage by level and date: what it derives "
                                              "from, what derives from it, what it repeals and what repealed it",
            description=DESCRIPTION, responses=GEXF)
async def lineage_network(*, id: str = Path(..., description="Document id, key, 文号 or exact title"),
                          max_nodes: int = MAX_NODES, format: str = FORMAT, store: Store,
                          settings: AppSettings, bounds: Limits):
    cap = caps(max_nodes, format, settings)
    return await drawn(bounds, lambda: first_found(id, lambda k: views.lineage_graph(store, k, settings=settings,
                                                                                     cap=cap)), format, "lineage", settings)


@router.get("/networks/region/{region}", summary="Network of a region: its agencies, tasks, documents, targets, "
                                                 "zones and clusters", description=DESCRIPTION, responses=GEXF)
async def region_network(*, region: str = Path(..., max_length=100, description="Region, e.g. 许昌市: its own agencies, "
                                                       "tasks and documents, exactly (not those of the regions under it)"),
                         types: str | None = Query(None, max_length=200,
                                                   description="Comma-separated: Agency,Task,Document,Target,Zone,Cluster"),
                         max_nodes: int = MAX_NODES, format: str = FORMAT, store: Store,
                         settings: AppSettings, bounds: Limits):
    cap = caps(max_nodes, format, settings)
    return await drawn(bounds, lambda: views.region_graph(store, region, types=types, settings=settings, cap=cap),
                       format, "region", settings)


@router.get("/networks/coissuance", summary="Network of agencies that issue documents together (联合发文)",
            description=DESCRIPTION, responses=GEXF)
async def coissuance_network(*, region: str | None = Query(None, max_length=100, description="Only pairs of which one "
                                                        "agency sits in this region or one under it"),
                             min_documents: int = Query(1, ge=1, le=10_000, description="Only pairs with at least this "
                                                        "many joint documents"),
                             max_nodes: int = MAX_NODES, format: str = FORMAT, store: Store,
                             settings: AppSettings, bounds: Limits):
    cap = caps(max_nodes, format, settings)
    return await drawn(bounds, lambda: views.coissuance_graph(store, region=region or "", min_documents=min_documents,
                                                              settings=settings, cap=cap), format, "coissuance", settings)
