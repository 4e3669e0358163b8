"""``policykg diffusion``: how higher-level documents are carried down (which lower documents
derive from them, how late, how much of their tasks and text)."""
from __future__ import annotations

from typing import Optional

import typer

from ..queries.diffusion import PAIR, SIDE, diffusion
from .common import DbOption, Format, Neo4jOption, fail_cleanly, print_csv, print_json, print_table, settings_for, \
    store_for

TABLE = ["upper", "upper_date", "lower", "lower_region", "lower_date", "lag_days", "tasks", "reproduction"]
SUMMARY = ["upper", "upper_date", "lower_documents", "adopting_regions", "median_lag_days", "regions"]


def flat(p: dict) -> dict:
    """A pair as one flat row (CSV columns ``upper_key`` … ``lower_level``, then the measures).

    >>> flat({"upper": {"key": "U"}, "lower": {"key": "L"}, "lag_days": 3})
    {'upper_key': 'U', 'lower_key': 'L', 'lag_days': 3}
    """
    return {**{f"upper_{k}": v for k, v in p["upper"].items()}, **{f"lower_{k}": v for k, v in p["lower"].items()},
            **{k: v for k, v in p.items() if k not in ("upper", "lower")}}


def _name(doc: dict) -> str:
    return doc.get("title") or doc.get("key") or ""


def _table(out: dict, summary: bool) -> None:
    if summary:
        rows = [{"upper": _name(a["upper"]), "upper_date": a["upper"]["date"], **{k: a[k] for k in SUMMARY[2:]}}
                for a in out["uppers"]]
        print_table(rows, title="diffusion: per upper document", columns=SUMMARY, one_line=True)
        return
    rows = [{"upper": _name(p["upper"]), "upper_date": p["upper"]["date"], "lower": _name(p["lower"]),
             "lower_region": p["lower"]["region"], "lower_date": p["lower"]["date"], "lag_days": p["lag_days"],
             "tasks": f"{p['tasks_carried']}/{p['tasks_total']}", "reproduction": p["reproduction"]}
            for p in out["pairs"]]
    print_table(rows, title="diffusion: upper -> lower documents", columns=TABLE, one_line=True)


def diffusion_cmd(
    upper: Optional[str] = typer.Option(None, "--upper", help="Only this upper document: its key, 文号 or a "
                                        "fragment of its title."),
    region: Optional[str] = typer.Option(None, "--region", help="Only lower documents of this province, city "
                                         "or county, e.g. 河南省."),
    summary: bool = typer.Option(False, "--summary", help="One row per upper document: how many lower documents "
                                 "and regions adopted it, and the median lag."),
    db: Optional[str] = DbOption,
    neo4j: Optional[str] = Neo4jOption,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv."),
):
    """Each (upper, lower) pair where a lower-level document derives from (cites) a higher-level
    one: both documents, the lag in days, the upper tasks a lower task derives from
    (tasks_carried / tasks_total) and the share of the upper text the lower one reproduces.
    JSON: a list of objects with upper, lower, lag_days, tasks_carried, tasks_total, reproduction."""
    settings = settings_for(db, neo4j)
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        out = diffusion(store, upper=upper or "", region=region or "", timeout_s=settings.query_timeout_s)
    rows = out["uppers"] if summary else out["pairs"]
    if fmt == Format.json:
        print_json(rows)
    elif fmt == Format.csv:
        flat_rows = [flat(r) for r in rows]
        cols = ([f"upper_{k}" for k in SIDE] + ["lower_documents", "adopting_regions", "median_lag_days", "regions"]
                if summary else [f"upper_{k}" for k in SIDE] + [f"lower_{k}" for k in SIDE] + list(PAIR))
        print_csv(flat_rows, columns=cols)
    else:
        _table(out, summary)
    if not rows:
        typer.echo("no pairs: no lower-level document cites an ingested higher-level one"
                   + (f" (upper {out['upper']!r}, region {out['region']!r})" if out["upper"] or out["region"] else ""),
                   err=True)


def register(app: typer.Typer) -> None:
    app.command("diffusion")(diffusion_cmd)
