"""``policykg instruments``: the policy-instrument mix of the graph as a cross-tab (counts and
shares by type and tool, overall or per region, level, agency, document or year), or with
``--tasks TOOL`` the tasks coded with one tool, each with its cue and source sentence.

CSV is written UTF-8 with a byte-order mark, so a spreadsheet (Excel included) opens the
Chinese intact; table and JSON print to the terminal as usual.
"""
from __future__ import annotations

import csv
import sys
from typing import Optional

import typer

from ..queries.instruments import cascade_mix, crosstab, tasks_of
from ..vocab.instruments import TOOLS, TYPES
from .common import DbOption, Format, Neo4jOption, fail_cleanly, print_json, print_table, settings_for, store_for

BY_HELP = "Group by region, level, agency, document or year (default: the overall mix)."
TASK_COLUMNS = ["task", "cue", "rule", "source", "doc_number", "title", "region", "responsible", "cooperating"]


def percent(share: float | None) -> str:
    """A share as a percentage for a table cell.

    >>> percent(0.1234), percent(None)
    ('12.3%', '')
    """
    return "" if share is None else f"{100 * share:.1f}%"


def group_name(g: dict, by: str | None) -> str:
    """What a table calls a group.

    >>> group_name({"region": "许昌市"}, "region"), group_name({"agency": "市财政局", "region": "许昌市"}, "agency")
    ('许昌市', '市财政局 (许昌市)')
    >>> group_name({"doc_number": None, "title": "方案", "document_key": "sha:1"}, "document"), group_name({}, None)
    ('方案', '全部')
    """
    if by == "agency":
        return f"{g['agency']} ({g['region']})" if g.get("region") else g["agency"]
    if by == "document":
        return g.get("doc_number") or g.get("title") or g["document_key"]
    return (g.get(by) or "(未知)") if by else "全部"


def table_rows(tab: dict, top: int = 4) -> tuple[list[dict], list[str]]:
    """One row a group for a terminal: tasks, the three types' shares and the leading tools
    (every type and tool: --format csv or json).

    >>> tab = {"by": "year", "groups": [{"year": "2024", "total": 4, "types": {"supply": {"tasks": 3, "share": 0.75}},
    ...        "tools": {"资金投入": {"tasks": 3, "share": 0.75}, "法规管制": {"tasks": 1, "share": 0.25}}}]}
    >>> rows, cols = table_rows(tab); rows[0]["主要工具"], rows[0]["供给型"], cols[:2]
    ('资金投入 3 (75.0%), 法规管制 1 (25.0%)', '75.0%', ['year', 'tasks'])
    """
    cols = [tab["by"] or "mix", "tasks"] + [TYPES[t] for t in TYPES] + ["主要工具"]
    rows = []
    for g in tab["groups"]:
        row = {cols[0]: group_name(g, tab["by"]), "tasks": g["total"]}
        row.update({TYPES[t]: percent(g["types"].get(t, {}).get("share", 0.0)) for t in TYPES})
        lead = sorted(g["tools"].items(), key=lambda kv: -kv[1]["tasks"])[:top]
        row["主要工具"] = ", ".join(f"{t} {v['tasks']} ({percent(v['share'])})" for t, v in lead)
        rows.append(row)
    return rows, cols


def csv_rows(tab: dict) -> tuple[list[dict], list[str]]:
    """One row a group with every type and all 16 tools (tasks and share), for a spreadsheet."""
    keys = [k for k in tab["groups"][0] if k not in ("total", "types", "tools")] if tab["groups"] else []
    keys = keys or ["group"]
    cols = keys + ["tasks"]
    for t in TYPES:
        cols += [TYPES[t], f"{TYPES[t]} share"]
    for t in TOOLS:
        cols += [t, f"{t} share"]
    rows = []
    for g in tab["groups"]:
        row = {k: g.get(k, "全部") for k in keys}
        row["tasks"] = g["total"]
        for t in TYPES:
            v = g["types"].get(t, {"tasks": 0, "share": 0.0})
            row[TYPES[t]], row[f"{TYPES[t]} share"] = v["tasks"], round(v["share"], 4)
        for t in TOOLS:
            v = g["tools"].get(t, {"tasks": 0, "share": 0.0})
            row[t], row[f"{t} share"] = v["tasks"], round(v["share"], 4)
        rows.append(row)
    return rows, cols


def write_csv_bom(rows: list[dict], columns: list[str]) -> None:
    """CSV on stdout, UTF-8 with a byte-order mark (a spreadsheet then reads the Chinese right)."""
    out = sys.stdout
    out.write("\ufeff")
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("; ".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()})


def _emit_crosstab(tab: dict, fmt: Format) -> None:
    if fmt == Format.json:
        print_json(tab)
    elif fmt == Format.csv:
        write_csv_bom(*csv_rows(tab))
    elif tab["groups"] and not tab["by"]:  # the overall mix: one row a tool
        g = tab["groups"][0]
        rows = [{"type": TYPES[TOOLS[t]], "tool": t, "tasks": v["tasks"], "share": percent(v["share"])}
                for t, v in sorted(g["tools"].items(), key=lambda kv: -kv[1]["tasks"])]
        print_table(rows, title=f"政策工具 (policy instruments): {g['total']} tasks", one_line=True)
    elif tab["groups"]:
        rows, cols = table_rows(tab)
        title = "政策工具 (policy instruments)" + (f" by {tab['by']}" if tab["by"] else "")
        print_table(rows, title=title, columns=cols, one_line=True)
    else:
        typer.echo("no coded tasks match these filters", err=True)


def _emit_tasks(found: dict, fmt: Format) -> None:
    rows = found["tasks"]
    if fmt == Format.json:
        print_json(found)
    elif fmt == Format.csv:
        write_csv_bom(rows, ["task_key"] + TASK_COLUMNS + ["primary", "date", "document_key", "cue_start", "cue_end"])
    elif rows:
        print_table(rows, title=f"{found['tool']} ({found['type']})", columns=TASK_COLUMNS, one_line=True)
    else:
        typer.echo(f"no task is coded {found['tool']} with these filters", err=True)
    if found["truncated"]:
        typer.echo(f"(only the first {len(rows)} tasks)", err=True)


def instruments(by: Optional[str] = typer.Option(None, "--by", help=BY_HELP),
                region: Optional[str] = typer.Option(None, "--region", help="Only this province, city or county "
                                                     "and the regions in it, e.g. 河南省."),
                level: Optional[str] = typer.Option(None, "--level", help="Only documents of this level: national, "
                                                    "province, city or county."),
                tasks: Optional[str] = typer.Option(None, "--tasks", metavar="TOOL", help="List the tasks coded "
                                                    "with this tool (e.g. 资金投入), with cue and source sentence."),
                with_also: bool = typer.Option(False, "--with-also", help="Count every tool a task uses, not only "
                                               "its primary one."),
                upper: Optional[str] = typer.Option(None, "--upper", help="With --lower: a cascade's mix, upper "
                                                    "region's tasks against the lower's (JSON)."),
                lower: Optional[str] = typer.Option(None, "--lower", help="The lower region of --upper."),
                fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv (UTF-8 with BOM)."),
                db: Optional[str] = DbOption, neo4j: Optional[str] = Neo4jOption):
    """The policy-instrument mix: counts and shares by type (供给型/环境型/需求型) and tool."""
    settings = settings_for(db, neo4j)
    with store_for(db, neo4j, read_only=True) as store, fail_cleanly():
        timeout = settings.query_timeout_s
        if upper or lower:
            print_json(cascade_mix(store, upper or "", lower or "", with_also=with_also, timeout_s=timeout))
        elif tasks is not None:
            _emit_tasks(tasks_of(store, tasks, region=region or "", level=level or "", with_also=with_also,
                                 timeout_s=timeout), fmt)
        else:
            _emit_crosstab(crosstab(store, by, region=region or "", level=level or "", with_also=with_also,
                                    timeout_s=timeout), fmt)


def register(app: typer.Typer) -> None:
    app.command("instruments")(instruments)
