"""Draw a fetched subgraph as one self-contained HTML page (pure: networkx graph in, text out).

The page carries vis-network's JavaScript and CSS inline (the copies pyvis ships), so it
opens offline and leaks no request to a CDN; pyvis' own page template is not used because
it always links Bootstrap from jsdelivr.  Graphs above the node cap are trimmed here:
the nodes farthest from the focus go first, and each type that lost nodes gets one
aggregate node ("另有 N 个任务") so the page says what it left out.

Nodes of the input graph carry ``type`` (a schema label), ``key``, ``props`` (schema
properties) and optionally ``level`` (hierarchical layouts), ``focus`` and ``snippet``
(the source sentence); edges carry ``type`` and ``props``.  The graph's own attributes
``omitted`` (type -> count left out while fetching) and ``notes`` add to the page text.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import networkx as nx


MORE = "_more"  # type of the aggregate nodes that stand for what was left out

# type -> (Chinese name, colour, vis shape); the order is the legend's and the trimming's
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    "Agency": ("机构", "#4e79a7", "box"),
    "Task": ("任务", "#f28e2b", "dot"),
    "Document": ("文件", "#59a14f", "square"),
    "Target": ("指标", "#e15759", "triangle"),
    "Zone": ("园区", "#76b7b2", "hexagon"),
    "Cluster": ("产业集群", "#b07aa1", "star"),
    "Province": ("省", "#9c755f", "ellipse"),
    "City": ("市", "#9c755f", "ellipse"),
    "County": ("县区", "#9c755f", "ellipse"),
    MORE: ("未显示（汇总）", "#d3d3d3", "box"),
}
EDGE_STYLE: dict[str, tuple[str, str, bool]] = {  # type -> (Chinese name, colour, dashed)
    "RESPONSIBLE_FOR": ("负责", "#4e79a7", False),
    "COOPERATES_WITH": ("配合", "#a0cbe8", True),
    "DERIVED_FROM": ("派生自", "#59a14f", False),
    "COUNTERPART_OF": ("对口", "#e15759", True),
    "PART_OF": ("属于文件", "#bab0ac", False),
    "TARGET_OF": ("指标", "#ff9d9a", False),
    "ISSUED_BY": ("发文机关", "#8cd17d", False),
    "ISSUED_IN": ("发文地区", "#d7b5a6", False),
    "LOCATED_IN": ("位于", "#d7b5a6", False),
    "MENTIONED_IN": ("提及", "#d4d4d4", True),
    "MEMBER_OF": ("集群所在", "#b07aa1", False),
    "SUPERSEDES": ("废止", "#d62728", True),
    "SUCCEEDED_BY": ("机构改革承继", "#8c564b", True),
    "COISSUED": ("联合发文", "#59a14f", False),
    MORE: ("关联未显示节点", "#bbbbbb", True),
}
FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
LIB = Path(__file__).resolve().parent  # our template
LABEL_PX = 16  # node label size at scale 1
MIN_LABEL_PX = 12  # the smallest label a first view shows (at 100% browser zoom): readable Chinese
BIG = 150  # above this many nodes: no improvedLayout, fewer stabilisation rounds


def short(text: str | None, n: int = 16) -> str:
    """A label-sized prefix of ``text``.

    >>> short("加快推进产业集聚区基础设施建设和公共服务平台建设", 10)
    '加快推进产业集聚区基…'
    >>> short("  短句  ")
    '短句'
    >>> short(None)
    ''
    """
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[:n] + "…"


def node_label(typ: str, props: dict) -> str:
    """What is written on a node.

    >>> node_label("Agency", {"name": "河南省发展和改革委员会"})
    '河南省发展和改革委员会'
    >>> node_label("Document", {"doc_number": "豫政〔2020〕75号"})
    '豫政〔2020〕75号'
    >>> print(node_label("Task", {"text": "一季度制定产业集聚区大招商行动计划。", "ordinal": 3}))
    3. 一季度制定产业
    集聚区大招商行动计…
    """
    p = props
    if typ == "Task":
        prefix = f"{p['ordinal']}. " if p.get("ordinal") not in (None, "") else ""
        return wrap(prefix + short(p.get("text"), 19 - len(prefix)))
    if typ == "Document":
        number, title = p.get("doc_number"), short(p.get("title"), 12)
        if number and title:
            return f"{number}\n{title}"
        return number or title or short(p.get("source"), 18) or short(p.get("key"), 18)
    if typ == "Target":
        return wrap(short(p.get("text"), 19))
    return wrap(short(p.get("name") or p.get("text") or p.get("key"), 23), 12)


def wrap(text: str, width: int = 10) -> str:
    """Break a label into lines of ``width`` characters (Chinese has no spaces to wrap at).

    >>> print(wrap("3. 设立专项资金支持基础设施建设…", 10))
    3. 设立专项资金支
    持基础设施建设…
    """
    return "\n".join(text[i:i + width] for i in range(0, len(text), width)) if text else ""


def tooltip(typ: str, props: dict, snippet: str = "") -> str:
    """The hover text of a node: plain text (vis-network shows a string title as text, so
    nothing from a document is ever interpreted as HTML).

    >>> print(tooltip("Task", {"text": "做好规划。", "deadline_text": "年底前", "doc": "豫政〔2020〕75号",
    ...                        "span_start": 10, "span_end": 15, "section": "二、重点任务"}))
    任务：做好规划。
    时限：年底前
    章节：二、重点任务
    来源：豫政〔2020〕75号 [10:15]
    >>> print(tooltip("Agency", {"name": "许昌市财政局", "aliases": ["市财政局"], "region": "许昌市",
    ...                          "doc": "d1", "span_start": 3, "span_end": 8}, "市财政局负责资金保障。"))
    机构：许昌市财政局
    别名：市财政局
    地区：许昌市
    来源：d1 [3:8]
    原文：市财政局负责资金保障。
    """
    p = props
    name = NODE_STYLE.get(typ, (typ,))[0]
    lines: list[str] = []
    if typ == "Task":
        lines.append(f"{name}：{p.get('text') or ''}")
        for k, lab in (("deadline_text", "时限"), ("deadline", "截止"), ("section", "章节")):
            if p.get(k):
                lines.append(f"{lab}：{p[k]}")
    elif typ == "Document":
        lines.append(f"{name}：{p.get('title') or p.get('key')}")
        for k, lab in (("doc_number", "文号"), ("issuer", "发文机关"), ("date", "日期"), ("source", "文件"),
                       ("url", "网址")):
            if p.get(k):
                lines.append(f"{lab}：{p[k]}")
        if p.get("stub"):
            lines.append("（仅被引用，尚未导入）")
        lines += status_lines(p)
        if p.get("tasks") is not None:
            lines.append(f"任务数：{p['tasks']}")
    elif typ == "Target":
        lines.append(f"{name}：{p.get('text') or ''}")
        if p.get("value") is not None:
            lines.append(f"数值：{p.get('qualifier') or ''}{p['value']:g}{p.get('unit') or ''}")
    elif typ == MORE:
        lines.append(p.get("text") or "")
    else:
        lines.append(f"{name}：{p.get('name') or p.get('key')}")
        aliases = [a for a in (p.get("aliases") or []) if a != p.get("name")]
        if aliases:
            lines.append("别名：" + "、".join(aliases))
        for k, lab in (("region", "地区"), ("function", "职能"), ("kind", "类别")):
            if p.get(k):
                lines.append(f"{lab}：{p[k]}")
    if p.get("doc"):
        span = p.get("span_start")
        where = f" [{span}:{p.get('span_end')}]" if span is not None and span >= 0 else ""
        lines.append(f"来源：{p['doc']}{where}")
    if snippet and snippet != p.get("text"):
        lines.append(f"原文：{snippet}")
    return "\n".join(lines)


STATUS_NAMES = {"in_force": "有效", "repealed": "已废止", "partly_repealed": "部分废止"}
REPEALED_COLOUR = {"repealed": {"background": "#c7c7c7", "border": "#7f7f7f"},
                   "partly_repealed": {"background": "#dfe8d8", "border": "#7f7f7f"}}


def status_lines(p: dict) -> list[str]:
    """A document's status, who repealed it and when, and its own validity, as tooltip lines.

    >>> status_lines({"status": "repealed", "repealed_by": "许政〔2024〕1号", "repealed_on": "2024-01-01"})
    ['状态：已废止', '废止文件：许政〔2024〕1号（2024-01-01 起）']
    """
    lines = [f"状态：{STATUS_NAMES.get(p['status'], p['status'])}"] if p.get("status") else []
    if p.get("repealed_by"):
        lines.append(f"废止文件：{p['repealed_by']}" + (f"（{p['repealed_on']} 起）" if p.get("repealed_on") else ""))
    for k, lab in (("effective", "施行"), ("expires", "有效期至")):
        if p.get(k):
            lines.append(f"{lab}：{p[k]}")
    return lines


def allot(counts: dict[str, int], cap: int) -> dict[str, int]:
    """Share ``cap`` drawn nodes among types fairly: small types keep all their nodes and
    the rest is split evenly among the large ones (water-filling).

    >>> allot({"Agency": 30, "Task": 5000, "Document": 4}, 100)
    {'Agency': 30, 'Task': 66, 'Document': 4}
    >>> allot({"Agency": 3, "Task": 7}, 100)
    {'Agency': 3, 'Task': 7}
    """
    out, left = {}, cap
    order = sorted(counts, key=lambda t: counts[t])
    for i, t in enumerate(order):
        share = left // (len(order) - i)
        out[t] = min(counts[t], share)
        left -= out[t]
    return {t: out[t] for t in counts}


def cap_graph(g: nx.MultiDiGraph, cap: int, focus: list | tuple = ()) -> tuple[nx.MultiDiGraph, dict[str, int]]:
    """At most ``cap`` nodes of ``g``, nearest the focus first (then by type, then by
    degree); each type that lost nodes is replaced by one aggregate node linked to the kept
    nodes that touched the lost ones.  Returns the graph and what was left out, by type.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("A", type="Agency", props={"name": "甲"})
    >>> for i in range(5):
    ...     g.add_node(f"T{i}", type="Task", props={"text": f"任务{i}"})
    ...     _ = g.add_edge("A", f"T{i}", key="RESPONSIBLE_FOR", type="RESPONSIBLE_FOR", props={})
    >>> small, left_out = cap_graph(g, 4, focus=["A"])
    >>> left_out, small.number_of_nodes()
    ({'Task': 3}, 4)
    >>> small.nodes[f"{MORE}:Task"]["props"]["text"]
    '另有 3 个任务未显示'
    """
    if g.number_of_nodes() <= cap:
        return g, {}
    rank = {t: i for i, t in enumerate(NODE_STYLE)}
    und = g.to_undirected(as_view=True)
    dist: dict = {}
    if focus:
        dist = nx.multi_source_dijkstra_path_length(und, [f for f in focus if f in g]) if any(
            f in g for f in focus) else {}
    far = len(g) + 1
    order = sorted(g.nodes, key=lambda n: (dist.get(n, far) if focus else 0, rank.get(g.nodes[n].get("type"), 99),
                                           -g.degree(n), str(n)))
    budget, lost_types = cap, 0
    while True:  # room for one aggregate node per type that loses nodes
        lost = {g.nodes[n].get("type") for n in order[budget:]}
        if len(lost) == lost_types or budget <= 1:
            break
        lost_types = len(lost)
        budget = max(1, cap - lost_types)
    keep = set(order[:budget])
    out = g.subgraph(keep).copy()
    omitted: dict[str, int] = {}
    for n in order[budget:]:
        t = g.nodes[n].get("type")
        omitted[t] = omitted.get(t, 0) + 1
        more = f"{MORE}:{t}"
        if more not in out:
            out.add_node(more, type=MORE, key=more, props={"text": ""}, of=t)
            if g.nodes[n].get("level") is not None:  # hierarchical pages need a level on every node
                out.nodes[more]["level"] = g.nodes[n]["level"]
        for a, b in list(g.in_edges(n)) + list(g.out_edges(n)):
            other = a if b == n else b
            if other in keep and not out.has_edge(other, more):
                out.add_edge(other, more, key=MORE, type=MORE, props={})
    for t, k in omitted.items():
        out.nodes[f"{MORE}:{t}"]["props"]["text"] = f"另有 {k} 个{NODE_STYLE.get(t, (t,))[0]}未显示"
    return out, omitted


def omitted_note(omitted: dict[str, int], cap: int) -> str:
    """One sentence saying what the page leaves out.

    >>> omitted_note({"Task": 120, "Target": 3}, 2000)
    '未显示：120 个任务、3 个指标（每页最多 2000 个节点；可用 --types 或更小的 --depth 缩小范围）。'
    >>> omitted_note({}, 2000)
    ''
    """
    parts = [f"{k} 个{NODE_STYLE.get(t, (t,))[0]}" for t, k in omitted.items() if k]
    if not parts:
        return ""
    return f"未显示：{'、'.join(parts)}（每页最多 {cap} 个节点；可用 --types 或更小的 --depth 缩小范围）。"


EXTERNAL = re.compile(r"""(?:\b(?:src|href|action)\s*=\s*["']?\s*|url\(\s*["']?|@import\s+["']?)(?:https?:)?//""", re.I)


def external_refs(page: str) -> list[str]:
    """Every place an HTML page would fetch from another host (src/href/action, CSS url()
    or @import); an empty list means the page is self-contained.

    >>> external_refs('<script src="https://cdn.example.org/vis.js"></script>')
    ['src="https://']
    >>> external_refs('<a href="#x">x</a><svg xmlns="http://www.w3.org/2000/svg"></svg>')
    []
    """
    return EXTERNAL.findall(page)


@dataclass
class Page:
    html: str
    nodes: int
    edges: int
    omitted: dict[str, int] = field(default_factory=dict)


def _vis_options(n: int, hierarchical: bool, fixed: bool = False) -> dict:
    opts: dict = {
        "nodes": {"font": {"face": FONT, "size": LABEL_PX}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "font": {"face": FONT, "size": 11,
                  "align": "middle", "strokeWidth": 3}, "color": {"inherit": False}, "smooth": {"type": "dynamic"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > BIG, "keyboard": False},
    }
    if fixed:  # positions computed in Python (see layout.py): nothing to simulate
        opts["layout"] = {"improvedLayout": False}
        opts["physics"] = {"enabled": False}
        opts["edges"]["smooth"] = False
    elif hierarchical:
        opts["layout"] = {"hierarchical": {"enabled": True, "direction": "UD", "sortMethod": "directed",
                                           "levelSeparation": 170, "nodeSpacing": 190, "treeSpacing": 160,
                                           "shakeTowards": "roots"}}
        opts["physics"] = {"enabled": False}
        opts["edges"]["smooth"] = {"type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.4}
    else:
        opts["layout"] = {"improvedLayout": n <= BIG, "randomSeed": 7}
        opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.3},
                           "stabilization": {"enabled": True, "fit": True, "updateInterval": 25,
                                             "iterations": 300 if n <= BIG else 120 if n <= 1000 else 60}}
        if n > BIG:
            opts["edges"]["smooth"] = False  # straight edges: much cheaper to draw
    return opts


def _vis_data(g: nx.MultiDiGraph, hierarchical: bool = False,
              positions: dict | None = None) -> tuple[list[dict], list[dict]]:
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for n, d in g.nodes(data=True):
        typ = d.get("type", "")
        props = dict(d.get("props") or {})
        name, colour, shape = NODE_STYLE.get(typ, (typ, "#999999", "dot"))
        extra: dict = {"title": tooltip(typ, props, d.get("snippet", "")), "ptype": typ,
                       "key": d.get("key", "")}
        if typ == MORE:
            extra["shapeProperties"] = {"borderDashes": [5, 5]}
            extra["font"] = {"color": "#333333"}
            label = props.get("text", "")
        else:
            label = node_label(typ, {**props, "key": d.get("key")})
        if typ == "Agency":
            extra["font"] = {"color": "#ffffff"}
        elif shape not in ("box", "ellipse"):  # label under the node: keep it legible over edges
            extra["font"] = {"background": "rgba(255,255,255,0.85)"}
        if d.get("level") is not None:
            extra["level"] = d["level"]
        if positions is not None and n in positions:
            extra["x"], extra["y"] = positions[n]
        if d.get("focus"):
            extra["borderWidth"] = 4
            extra["color"] = {"background": colour, "border": "#222222"}
            extra["size"] = 30
        else:
            extra["color"] = colour
        if typ == "Document" and props.get("stub"):
            extra["shapeProperties"] = {"borderDashes": [4, 3]}
            extra["color"] = {"background": "#ffffff", "border": colour}
        if typ == "Document" and props.get("status") in REPEALED_COLOUR:
            extra["color"] = REPEALED_COLOUR[props["status"]]
            extra["status"] = props["status"]
        net.add_node(str(n), label=label, shape=shape, **extra)
    from pyvis.edge import Edge  # Network.add_edge scans all edges per call (quadratic)

    for a, b, d in g.edges(data=True):
        typ = d.get("type", "")
        props = d.get("props") or {}
        name, colour, dashed = EDGE_STYLE.get(typ, (typ, "#999999", False))
        opts: dict = {"color": colour, "dashes": dashed, "title": name, "ptype": typ}
        score = props.get("score")
        if score is not None:
            opts["label"] = f"{score:.2f}"
            opts["title"] = f"{name}（相似度 {score:.2f}）" + (f"\n依据：{props['basis']}" if props.get("basis") else "")
        if typ == "COISSUED":
            opts["label"] = str(props.get("documents", ""))
            opts["title"] = f"{name} {props.get('documents', 0)} 件"
            opts["arrows"] = {"to": {"enabled": False}}
        if typ == "RESPONSIBLE_FOR" and props.get("lead"):
            opts["title"] = "牵头负责"
            opts["width"] = 2.5
        if d.get("snippet"):
            opts["title"] += f"\n原文：{d['snippet']}"
        if (hierarchical or positions is not None) and typ == "DERIVED_FROM":  # spans levels: bend it clear of the agencies
            opts["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25}
        net.edges.append(Edge(str(a), str(b), directed=True, **opts).options)
    return net.nodes, net.edges


def _legend(g: nx.MultiDiGraph) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, bool]]]:
    have_n = {d.get("type") for _, d in g.nodes(data=True)}
    have_e = {d.get("type") for *_, d in g.edges(data=True)}
    nodes = [NODE_STYLE[t] for t in NODE_STYLE if t in have_n]
    edges = [EDGE_STYLE[t] for t in EDGE_STYLE if t in have_e]
    return nodes, edges


ASSETS: ContextVar[str | None] = ContextVar("policykg_viz_assets", default=None)
ASSET_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@contextmanager
def linked_assets(prefix: str) -> Iterator[None]:
    """Pages drawn inside link their scripts and styles from ``prefix`` (the API's /assets)."""
    token = ASSETS.set(prefix)
    try:
        yield
    finally:
        ASSETS.reset(token)


def asset_path(name: str) -> Path | None:
    """The file of a page asset: vis-network's (shipped by pyvis) or ours (viz/templates)."""
    from pyvis import __file__ as pyvis_file

    if name.startswith("vis-network."):
        path = Path(pyvis_file).resolve().parent / "templates" / "lib" / "vis-9.1.2" / name
    else:
        path = LIB / "templates" / name
    return path if Path(name).suffix in ASSET_TYPES and "/" not in name and path.is_file() else None


def asset(name: str) -> str:
    return asset_path(name).read_text(encoding="utf-8")


@dataclass
class Drawing:
    """A network to draw: the fetched subgraph, its title, the node cap, the nodes it centres on,
    its layout (physics, ``hierarchical`` by level, or fixed ``positions`` {node: (x, y)}) and
    the sentences the page says above it."""

    g: nx.MultiDiGraph
    title: str
    cap: int = 2000
    focus: list = field(default_factory=list)
    hierarchical: bool = False
    positions: dict | None = None
    notes: list = field(default_factory=list)


def draw(d: Drawing) -> Page:
    """The HTML page of a drawing."""
    return render(d.g, title=d.title, cap=d.cap, focus=d.focus, hierarchical=d.hierarchical, positions=d.positions,
                  notes=d.notes)


@dataclass
class Prepared:
    """A graph trimmed to its cap and turned into vis-network data."""

    drawn: nx.MultiDiGraph
    omitted: dict[str, int]
    nodes: list[dict]
    edges: list[dict]
    options: dict
    notes: list[str]

    @property
    def real(self) -> tuple[int, int]:
        """Nodes and edges drawn, aggregates (what was left out) not counted."""
        return (sum(1 for _, d in self.drawn.nodes(data=True) if d.get("type") != MORE),
                sum(1 for *_, d in self.drawn.edges(data=True) if d.get("type") != MORE))


def prepare(g: nx.MultiDiGraph, *, cap: int, focus=(), hierarchical: bool = False, positions: dict | None = None,
            notes=()) -> Prepared:
    """Trim ``g`` to ``cap`` nodes around ``focus`` and lay it out as vis-network nodes, edges and options."""
    drawn, omitted = cap_graph(g, cap, focus)
    for t, k in (g.graph.get("omitted") or {}).items():
        omitted[t] = omitted.get(t, 0) + k
    if positions is not None:
        positions = dict(positions)
        spare = [n for n in drawn if n not in positions]  # aggregate nodes: a row below the rest
        bottom = max((y for _, y in positions.values()), default=0) + 160
        for i, n in enumerate(spare):
            positions[n] = (i * 220.0, bottom)
    vis_nodes, vis_edges = _vis_data(drawn, hierarchical, positions)
    page_notes = [x for x in list(g.graph.get("notes") or []) + list(notes) if x]
    note = omitted_note(omitted, cap)
    if note:
        page_notes.append(note)
    options = _vis_options(len(vis_nodes), hierarchical, positions is not None)
    return Prepared(drawn, omitted, vis_nodes, vis_edges, options, page_notes)


def warm_up() -> None:
    """Load what drawing needs (pyvis: ~0.4 s), so the first network a server draws is not the slow one."""
    prepare(nx.MultiDiGraph(), cap=1)


def network_data(d: Drawing) -> dict:
    """A drawing as JSON for a page that draws it itself with vis-network (the workbench): nodes and
    edges as vis takes them (labels, colours, plain-text tooltips), its options, what was left out
    (``omitted``: type -> count) and the legend."""
    p = prepare(d.g, cap=d.cap, focus=d.focus, hierarchical=d.hierarchical, positions=d.positions, notes=d.notes)
    legend_nodes, legend_edges = _legend(p.drawn)
    n_real, e_real = p.real
    fetched = sum(1 for _, x in d.g.nodes(data=True) if x.get("type") != MORE)
    return {"title": d.title, "notes": p.notes, "nodes": p.nodes, "edges": p.edges, "options": p.options,
            "physics": not d.hierarchical and d.positions is None, "focus": [str(n) for n in d.focus if n in p.drawn],
            "nodes_drawn": n_real, "edges_drawn": e_real, "omitted": p.omitted,
            "more": sum(p.omitted.values()) > 0 or bool(d.g.graph.get("partial")), "cap": d.cap, "nodes_fetched": fetched,
            "legend": {"nodes": [list(x) for x in legend_nodes], "edges": [list(x) for x in legend_edges]},
            "min_scale": round(MIN_LABEL_PX / LABEL_PX, 3)}


def gexf_graph(d: Drawing) -> nx.MultiDiGraph:
    """The drawing's whole fetched graph (no aggregate nodes) with flat attributes, for
    :func:`policykg.graph.export.write_gexf`: node ``label`` = its type, its properties, its source
    sentence; edge ``type`` and properties."""
    out = nx.MultiDiGraph(name=d.title)
    for n, x in d.g.nodes(data=True):
        if x.get("type") == MORE:
            continue
        props = {k: v for k, v in (x.get("props") or {}).items() if v is not None}
        props.update(label=x.get("type"), type=x.get("type"), key=x.get("key"))
        if x.get("snippet"):
            props["snippet"] = x["snippet"]
        out.add_node(str(n), **props)
    for a, b, k, x in d.g.edges(keys=True, data=True):
        if str(a) in out and str(b) in out:
            props = {p: v for p, v in (x.get("props") or {}).items() if v is not None}
            out.add_edge(str(a), str(b), key=k, **props, type=x.get("type"))
    return out


def render(g: nx.MultiDiGraph, *, title: str, cap: int = 2000, focus: list | tuple = (),
           hierarchical: bool = False, positions: dict | None = None, notes: list[str] | tuple = ()) -> Page:
    """The HTML page of ``g`` (trimmed to ``cap`` nodes around ``focus``), laid out by the
    physics simulation, by ``level`` (``hierarchical``) or at fixed ``positions`` {node: (x, y)}.

    The page is self-contained (scripts and styles inline: a file works offline), unless drawn
    inside :func:`linked_assets`: then it links them from the server, and runs no inline script
    (its data is a JSON block), as a strict content security policy asks."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from jinja2.utils import htmlsafe_json_dumps

    p = prepare(g, cap=cap, focus=focus, hierarchical=hierarchical, positions=positions, notes=notes)
    drawn, omitted, vis_nodes, vis_edges = p.drawn, p.omitted, p.nodes, p.edges
    assets = ASSETS.get()
    inline = {} if assets else {name.replace("-", "_").replace(".min", "").replace(".", "_"): asset(name)
                                for name in ("vis-network.min.js", "vis-network.css", "network.js", "network.css")}
    if any("</script" in v.lower() or "</style" in v.lower() for v in inline.values()):  # would end the block early
        raise RuntimeError("vis-network assets cannot be inlined")
    env = Environment(loader=FileSystemLoader(str(LIB / "templates")), autoescape=select_autoescape(["html"]))
    n_real, e_real = p.real
    page_notes = p.notes
    legend_nodes, legend_edges = _legend(drawn)
    data = {"nodes": vis_nodes, "edges": vis_edges, "omitted": omitted, "focus": [str(n) for n in focus if n in drawn],
            "options": p.options,
            "physics": not hierarchical and positions is None, "minScale": round(MIN_LABEL_PX / LABEL_PX, 3),
            "minLabelPx": MIN_LABEL_PX}
    text = env.get_template("network.html").render(
        title=title, notes=page_notes, legend_nodes=legend_nodes, legend_edges=legend_edges,
        n_nodes=n_real, n_edges=e_real, data_json=htmlsafe_json_dumps(data), inline=not assets, assets=assets,
        vis_js=inline.get("vis_network_js"), vis_css=inline.get("vis_network_css"), page_js=inline.get("network_js"),
        page_css=inline.get("network_css"))
    return Page(text, n_real, e_real, omitted)
