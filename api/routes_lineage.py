"""Lineage across documents and agencies: policy diffusion and the agency co-issuance network."""
from __future__ import annotations

import io

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..graph import export
from ..queries.coissuance import network
from ..queries.diffusion import diffusion as run_diffusion, uppers as diffusion_uppers
from . import library
from .deps import AppSettings, Store
from .responses import ok

router = APIRouter(tags=["lineage"])

REGION = Query(None, max_length=100, description="Only pairs of which one agency sits in this region or a region under it")
MIN_DOCUMENTS = Query(1, ge=1, le=10_000, description="Only pairs with at least this many joint documents")


@router.get("/diffusion", summary="How higher-level documents are carried down: (upper, lower) pairs with lags",
            description="Each pair where a lower-level document derives from (cites) a higher-level one, both "
                        "resolved to ingested documents: `pairs` (objects with `upper`, `lower`, `lag_days`, "
                        "`tasks_carried`, `tasks_total`, `reproduction`, `basis`, `score`) and `uppers` (per upper "
                        "document: lower documents, adopting regions, median lag).")
def diffusion(*, upper: str | None = Query(None, max_length=200, description="Only this upper document: key, 文号 "
                                        "or a fragment of its title"),
              region: str | None = Query(None, max_length=100, description="Only lower documents of this "
                                         "region and every region under it"),
              store: Store, settings: AppSettings):
    return ok(run_diffusion(store, upper=upper or "", region=region or "", timeout_s=settings.query_timeout_s,
                            limit=settings.query_row_limit))


@router.get("/diffusion/uppers", summary="The higher-level documents carried down the most, paged",
            description="Per upper document that lower-level documents derive from (the diffusion_uppers query): "
                        "`upper` (key, id, title, number, date, region, level), `lower_documents`, "
                        "`adopting_regions`, `regions` and `median_lag_days`; most adopting regions first.  "
                        "GET /diffusion?upper= gives the pairs of one of them.")
def diffusion_upper_documents(*, q: str | None = Query(None, max_length=200, description="Only upper documents whose "
                                                    "key, 文号 or title holds this"),
                              limit: int = Query(20, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000),
                              store: Store, settings: AppSettings):
    return ok(diffusion_uppers(store, q=q or "", limit=limit, offset=offset,
                               timeout_s=settings.query_timeout_s).as_dict())


@router.get("/coissuance", summary="Agencies that issue documents together (联合发文), pair by pair")
def coissuance(*, region: str | None = REGION, min_documents: int = MIN_DOCUMENTS,
               store: Store, settings: AppSettings):
    res = library.run(store, settings, "coissuance", {"region": region or "", "min_documents": min_documents})
    return ok(library.result_dict(res, settings.query_row_limit))


@router.get("/coissuance.gexf", summary="The agency co-issuance network as GEXF (Gephi, networkx)",
            response_class=Response, responses={200: {"content": {"application/gexf+xml": {}}}})
def coissuance_gexf(*, region: str | None = REGION, min_documents: int = MIN_DOCUMENTS,
                    store: Store, settings: AppSettings):
    g = network(store, region=region or "", min_documents=min_documents, timeout_s=settings.query_timeout_s)
    buf = io.BytesIO()
    export.write_gexf(g, buf)
    return Response(buf.getvalue(), media_type="application/gexf+xml",
                    headers={"Content-Disposition": 'attachment; filename="coissuance.gexf"',
                             "X-Nodes": str(g.number_of_nodes()), "X-Edges": str(g.number_of_edges())})
