"""Policy instruments: the mix of the coded tasks (counts and shares by type and tool, overall or
per region, level, agency, document or year), the tasks of one tool with their cue and source,
an agency's mix, a cascade's mix, and the view of stacked bars (``/viz/instruments``, drawn in the
views' own threads like every view; its script and style are files under /assets, its data a JSON
block: it runs no inline script, so the API's content security policy holds on it)."""
from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ..queries.instruments import BY, cascade_mix, crosstab, tasks_of
from ..viz.instruments import instrument_page
from ..vocab.instruments import TOOLS, TYPES
from . import library
from .deps import AppSettings, Limits, Store
from .responses import ok

router = APIRouter(tags=["instruments"])

REGION = Query(None, max_length=100, description="Only this province, city or county and every region under it, "
                                                 "e.g. 河南省")
LEVEL = Query(None, max_length=20, description="Only documents of this level: national, province, city or county")
WITH_ALSO = Query(False, description="Count every tool a task uses, not only its primary one")


@router.get("/instruments/tools", summary="The 16 policy instruments of the coding manual, with their types")
def tools():
    return ok([{"tool": t, "type": typ, "type_name": TYPES[typ]} for t, typ in TOOLS.items()])


@router.get("/instruments", summary="The policy-instrument mix: counts and shares by type and tool",
            description="Overall (no `by`) or one group per region (a document's most local region), level, "
                        "agency (the tasks it is responsible for or cooperates on), document or year: "
                        "`groups` of `{<group fields>, total, types: {type: {tasks, share}}, "
                        f"tools: {{tool: {{tasks, share}}}}}}`.  `by` is one of {', '.join(BY)}.")
def mix(*, by: str | None = Query(None, max_length=20, description=f"Group by: {', '.join(BY)}"),
        region: str | None = REGION, level: str | None = LEVEL, with_also: bool = WITH_ALSO,
        store: Store, settings: AppSettings):
    return ok(crosstab(store, by, region=region or "", level=level or "", with_also=with_also,
                       timeout_s=settings.query_timeout_s))


@router.get("/instruments/tasks", summary="The tasks coded with one tool, with cue, rule, source and agencies",
            description="Each task with `cue` (the words that decided its code, `cue_start`/`cue_end` into the "
                        "document's cleaned text), `rule`, `source` (the sentence holding the cue), its document "
                        "and the agencies `responsible` and `cooperating`.  An unknown tool is 422 with the "
                        "16 valid ones.")
def tasks(*, tool: str = Query(..., max_length=20, description="One of the 16 tools, e.g. 资金投入"),
          region: str | None = REGION, level: str | None = LEVEL,
          document: str | None = Query(None, max_length=200, description="Only this document: key, 文号 or a "
                                       "fragment of its title"),
          year: str | None = Query(None, pattern=r"^\d{4}$", description="Only documents dated in this year"),
          with_also: bool = Query(False, description="Also the tasks that use the tool besides their primary one"),
          store: Store, settings: AppSettings):
    return ok(tasks_of(store, tool, region=region or "", level=level or "", document=document or "", year=year or "",
                       with_also=with_also, timeout_s=settings.query_timeout_s, limit=settings.query_row_limit))


@router.get("/instruments/agency", summary="An agency's instrument mix, through the tasks it carries",
            description="Rows of the `instrument_mix_agency` query: per agency the name denotes and per tool, "
                        "the tasks it is responsible for or cooperates on, of how many, and the share.")
def agency_mix(*, agency: str = Query(..., max_length=100, description="Key, canonical name or alias, e.g. 省发展改革委"),
               region: str | None = Query(None, max_length=100, description="Only agencies of this region "
                                          "and every region under it"),
               with_also: bool = WITH_ALSO,
               store: Store, settings: AppSettings):
    res = library.run(store, settings, "instrument_mix_agency",
                      {"agency": agency, "region": region or "", "with_also": with_also})
    return ok(library.result_dict(res, settings.query_row_limit))


@router.get("/instruments/cascade", summary="A cascade's instrument mix: upper region's tasks against the lower's",
            description="`mix.upper` and `mix.lower` (as a group of `/instruments`), `pairs`: every lower task "
                        "that derives from an upper one with both tools and `kept` (same tool) / `kept_type`, "
                        "and the shares of pairs that keep the tool and the type.")
def cascade(*, upper: str = Query(..., max_length=100, description="The higher region, e.g. 河南省"),
            lower: str = Query(..., max_length=100, description="The lower region, e.g. 许昌市"),
            with_also: bool = WITH_ALSO,
            store: Store, settings: AppSettings):
    return ok(cascade_mix(store, upper, lower, with_also=with_also, timeout_s=settings.query_timeout_s))


@router.get("/viz/instruments", response_class=HTMLResponse,
            summary="Stacked bars of the instrument mix by region or year; click a bar for its tasks")
async def page(*, by: str = Query("region", pattern="^(region|year)$", description="Bars by region or by year"),
               region: str | None = REGION, level: str | None = LEVEL, with_also: bool = WITH_ALSO,
               store: Store, settings: AppSettings,
               bounds: Limits):
    drawn = await bounds.views.run(lambda: instrument_page(
        store, by, region=region or "", level=level or "", with_also=with_also, assets="/assets/",
        timeout_s=settings.query_timeout_s))
    return HTMLResponse(drawn.html, headers={"X-Groups": str(drawn.groups)})
