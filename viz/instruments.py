"""The policy-instrument view: stacked bars of the mix by region or by year, and the tasks behind
a bar on click (its code's cue, source sentence, document and agencies).

The page runs no inline script or style, so it holds under a strict content security policy
(``default-src 'self'``): its script and style are the files ``templates/instruments.js`` and
``instruments.css`` (the API serves them under ``/assets/``; ``policykg viz instruments`` writes them
beside the HTML file), and its data travel in a JSON block the script reads.  Document text only
ever reaches the page as text (``textContent``), never as markup.
"""
from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParameterError
from ..graph.stores.base import GraphStore
from ..queries.instruments import crosstab, tasks_of
from ..vocab.instruments import TOOLS, TYPES

TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = ("instruments.js", "instruments.css")
BY = ("region", "year")  # the groupings the view draws
PER_BAR = 100  # tasks listed behind one bar (the page says how many more there are)
# one colour a tool, in families by type: supply blues and teals, environment greens and oranges,
# demand reds and purples
COLORS = {
    "人才培养": "#1f77b4", "资金投入": "#4e9ad6", "科技信息支持": "#17becf", "基础设施建设": "#2c5f8a",
    "公共服务": "#9ecae1",
    "目标规划": "#2ca02c", "金融支持": "#98df8a", "税收优惠": "#ff7f0e", "法规管制": "#d95f02", "策略性措施": "#fdae6b",
    "政府采购": "#d62728", "服务外包": "#ff9896", "贸易管制": "#9467bd", "海外交流": "#c5b0d5", "示范推广": "#8c564b",
    "消费补贴": "#e377c2",
}


@dataclass
class InstrumentPage:
    html: str
    groups: int
    tasks: int


def group_of(task: dict, by: str) -> str:
    """The bar a task belongs to: its document's most local region, or the year of its date.

    >>> group_of({"region": "许昌市", "date": "2010-07-26"}, "year"), group_of({"region": "许昌市"}, "region")
    ('2010', '许昌市')
    """
    if by == "year":
        return (task.get("date") or "")[:4]
    return task.get("region") or ""


def page_data(store: GraphStore, by: str = "region", *, region: str = "", level: str = "", with_also: bool = False,
              timeout_s: float | None = None) -> dict:
    """What the page draws: the groups' counts per tool and, per group and tool, the tasks behind
    the bar (at most :data:`PER_BAR`, with how many more)."""
    if by not in BY:
        raise ParameterError(f"by: the view draws {' or '.join(BY)}, not {by!r}", parameter="by")
    tab = crosstab(store, by, region=region, level=level, with_also=with_also, timeout_s=timeout_s)
    labels = [g[by] or "" for g in tab["groups"]]
    index = {label: i for i, label in enumerate(labels)}
    tasks: dict[str, list[dict]] = {}
    more: dict[str, int] = {}
    used = [t for t in TOOLS if any(t in g["tools"] for g in tab["groups"])]
    for tool in used:
        found = tasks_of(store, tool, region=region, level=level, with_also=with_also, timeout_s=timeout_s)
        for t in found["tasks"]:
            i = index.get(group_of(t, by))
            if i is None:
                continue
            cell = f"{i}|{tool}"
            listed = tasks.setdefault(cell, [])
            if len(listed) < PER_BAR:
                listed.append({"key": t["task_key"], "task": t["task"], "cue": t["cue"], "source": t["source"],
                               "rule": t["rule"], "primary": t["primary"],
                               "document": t["doc_number"] or t["title"] or t["document_key"],
                               "responsible": t["responsible"], "cooperating": t["cooperating"]})
            else:
                more[cell] = more.get(cell, 0) + 1
    return {"by": by, "region": tab["region"], "level": tab["level"], "with_also": with_also,
            "tools": [{"tool": t, "type": TOOLS[t], "type_name": TYPES[TOOLS[t]], "color": COLORS[t]} for t in used],
            "groups": [{"label": label or "(未知)", "total": g["total"],
                        "tools": {t: v["tasks"] for t, v in g["tools"].items()}}
                       for label, g in zip(labels, tab["groups"])],
            "tasks": tasks, "more": more}


def json_block(data: dict) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<`` can end the block.

    >>> json_block({"t": "</script><b>"})
    '{"t": "\\\\u003c/script>\\\\u003cb>"}'
    """
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def render(data: dict, assets: str = "") -> InstrumentPage:
    """The page for ``data`` (:func:`page_data`), linking its script and style under ``assets``
    (``""``: beside the page; ``/viz/``: as the API serves them)."""
    scope = "，".join(x for x in (data.get("region"), data.get("level")) if x) or "全部"
    title = f"政策工具结构（按{'地区' if data['by'] == 'region' else '年份'}）：{scope}"
    page = (TEMPLATES / "instruments.html").read_text(encoding="utf-8")
    page = (page.replace("{{title}}", html.escape(title)).replace("{{assets}}", html.escape(assets))
            .replace("{{data}}", json_block({**data, "title": title})))
    return InstrumentPage(page, len(data["groups"]), sum(g["total"] for g in data["groups"]))


def instrument_page(store: GraphStore, by: str = "region", *, region: str = "", level: str = "",
                    with_also: bool = False, assets: str = "", timeout_s: float | None = None) -> InstrumentPage:
    """:func:`page_data` drawn by :func:`render`."""
    return render(page_data(store, by, region=region, level=level, with_also=with_also, timeout_s=timeout_s), assets)


def write_page(page: InstrumentPage, out: Path) -> list[Path]:
    """Write the page and, beside it, its script and style; returns the files written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page.html, encoding="utf-8")
    written = [out]
    for name in ASSETS:
        written.append(Path(shutil.copyfile(TEMPLATES / name, out.parent / name)))
    return written
