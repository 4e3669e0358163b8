"""The network views: what each one fetches, how it is laid out, what its page says.

Each ``*_graph`` function takes an open store and returns a :class:`~.render.Drawing` (the
fetched subgraph, its title, notes and layout); each ``*_view`` draws it as a
:class:`~.render.Page` (HTML and figures), which the command line writes to a file and the API
serves, and :func:`~.render.network_data` / :func:`~.render.gexf_graph` give the same network
as JSON for the workbench or as a graph for Gephi.  Lookups that name nothing
raise :class:`~policykg.errors.NotFoundError`; names that fit several agencies or
documents raise :class:`~policykg.errors.ParameterError` listing them.
"""
from __future__ import annotations

from ..config import Settings, load_settings
from ..errors import ParameterError
from ..graph.stores.base import GraphStore
from ..queries import registry
from ..queries.coissuance import network as coissuance_network
from ..queries.subgraph import Fetcher, find_agency, find_document, nid, resolve_region
from .layout import cascade_positions, lineage_positions
from .render import MORE, NODE_STYLE, Drawing, Page, allot, draw

REGION_TYPES = ("Agency", "Task", "Document", "Target", "Zone", "Cluster")
MAX_DEPTH = 5


def _fetcher(store: GraphStore, settings: Settings | None, cap: int | None) -> Fetcher:
    s = settings or load_settings()
    return Fetcher(store, cap=cap or s.viz_node_cap, timeout_s=s.query_timeout_s)


def agency_view(store: GraphStore, name_or_id: str, *, depth: int = 1, region: str | None = None,
                settings: Settings | None = None, cap: int | None = None) -> Page:
    """:func:`agency_graph`, drawn."""
    return draw(agency_graph(store, name_or_id, depth=depth, region=region, settings=settings, cap=cap))


def agency_graph(store: GraphStore, name_or_id: str, *, depth: int = 1, region: str | None = None,
                 settings: Settings | None = None, cap: int | None = None) -> Drawing:
    """An agency, the tasks it is responsible for or cooperates on, the other agencies on
    those tasks, their targets and documents, and its counterparts; ``depth`` > 1 repeats
    the step from the agencies found."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ParameterError(f"depth must be between 1 and {MAX_DEPTH}, not {depth}", depth=depth)
    f = _fetcher(store, settings, cap)
    agency = find_agency(store, name_or_id, region, timeout_s=f.timeout_s)
    focus = f.add_node("Agency", agency, focus=True)
    frontier, seen = [agency["key"]], {agency["key"]}
    for _ in range(depth):  # nearest first, so what the cap keeps is what was read: agencies, tasks, the rest
        partners = [k for typ in ("COUNTERPART_OF", "COOPERATES_WITH") for direction in ("out", "in")
                    for k in f.expand("Agency", frontier, typ, "Agency", direction, limit=f.room)]
        tasks = [k for typ in ("RESPONSIBLE_FOR", "COOPERATES_WITH")
                 for k in f.expand("Agency", frontier, typ, "Task", limit=f.room)]
        via = ("Agency", frontier, ("RESPONSIBLE_FOR", "COOPERATES_WITH"))  # the tasks are the frontier's
        f.expand("Task", tasks, "PART_OF", "Document", "out", limit=f.room, via=via)
        partners += [k for typ in ("RESPONSIBLE_FOR", "COOPERATES_WITH")
                     for k in f.expand("Task", tasks, typ, "Agency", "in", limit=f.room, via=via)]
        f.expand("Task", tasks, "TARGET_OF", "Target", "in", limit=f.room, via=via)
        frontier = [k for k in dict.fromkeys(partners) if k not in seen]
        seen.update(frontier)
        if not frontier or not f.room:
            break
    # partner-to-partner cooperation repeats what the shared tasks show, and every agency is
    # mentioned in its document: both would bury the focus under lines; the duties, targets and
    # documents of the tasks drawn were read above
    f.edges_among(skip={("COOPERATES_WITH", "Agency", "Agency"), ("MENTIONED_IN", "Agency", "Document"),
                        ("RESPONSIBLE_FOR", "Agency", "Task"), ("COOPERATES_WITH", "Agency", "Task"),
                        ("TARGET_OF", "Target", "Task"), ("PART_OF", "Task", "Document")})
    f.snippets()
    lead, coop = (f.degree("Agency", agency["key"], typ) for typ in ("RESPONSIBLE_FOR", "COOPERATES_WITH"))
    title = f"{agency.get('name')}（{agency.get('region') or '地区不明'}）：任务与协作网络"
    notes = [f"负责 {lead} 项任务，配合 {coop} 项任务；深度 {depth}。"]
    return Drawing(f.g, title, f.cap, focus=[focus], notes=notes)


def cascade_view(store: GraphStore, upper: str, lower: str, *, settings: Settings | None = None,
                 cap: int | None = None) -> Page:
    """:func:`cascade_graph`, drawn."""
    return draw(cascade_graph(store, upper, lower, settings=settings, cap=cap))


def cascade_graph(store: GraphStore, upper: str, lower: str, *, settings: Settings | None = None,
                  cap: int | None = None) -> Drawing:
    """How a higher region's plan reaches a lower one, as the ``cascade`` named query answers
    it: higher-level agencies above their lower-level counterparts (COUNTERPART_OF), and the
    lower tasks they carry linked to the higher tasks they implement (Task DERIVED_FROM, score
    on the edge), with each task's other responsible agencies of the two regions.  From the
    top: higher tasks, higher agencies, lower agencies, lower tasks, in one block per group of
    counterparts (:mod:`.layout`)."""
    f = _fetcher(store, settings, cap)
    upper = resolve_region(store, upper, timeout_s=f.timeout_s)
    lower = resolve_region(store, lower, timeout_s=f.timeout_s)
    if upper == lower:
        raise ParameterError(f"--upper and --lower are the same region ({upper})", upper=upper, lower=lower)
    level = {("Task", upper): 0, ("Agency", upper): 1, ("Agency", lower): 2, ("Task", lower): 3}
    rows = registry.run(store, "cascade", {"upper": upper, "lower": lower}, timeout_s=f.timeout_s).records()
    pairs = {(r["lower_key"], r["upper_key"]): r for r in rows}
    every = {(r["lower_task_key"], r["upper_task_key"]): r for r in rows if r["upper_task_key"] is not None}
    agencies = {k for pair in pairs for k in pair}
    links = shared_out(every, max(0, f.cap - len(agencies)))
    drawn = {k for pair in links for k in pair}
    left = len({k for pair in every for k in pair} - drawn)
    if left:
        f.g.graph["omitted"] = {"Task": left}
    for label, keys in (("Agency", agencies), ("Task", drawn)):
        for props in f.nodes(label, sorted(keys)):
            f.add_node(label, props)
    for (lo, up), r in pairs.items():
        f.add_edge("COUNTERPART_OF", nid("Agency", lo), nid("Agency", up), {"score": r["score"], "basis": r["basis"]})
    for (lt, ut), r in links.items():
        f.add_edge("DERIVED_FROM", nid("Task", lt), nid("Task", ut), {"score": r["task_score"]})
    both = {upper, lower}
    f.expand("Task", f.keys("Task"), "RESPONSIBLE_FOR", "Agency", "in", keep=lambda p: p.get("region") in both,
             limit=f.room)
    for n, d in f.g.nodes(data=True):
        d["level"] = level.get((d["type"], d["props"].get("region")), 1 if d["type"] == "Agency" else 0)
    f.snippets()
    notes = [f"{len(pairs)} 对对口部门，{len(every)} 条任务派生关系（连线上的数字为文本相似度）。"]
    if not pairs and not every:
        notes.append(f"没有找到 {lower} 与 {upper} 之间的对口部门（COUNTERPART_OF）或任务派生关系"
                     f"（Task DERIVED_FROM）：两地的文件是否都已导入并完成对齐？")
    return Drawing(f.g, f"政策传导：{upper} → {lower}", f.cap, positions=cascade_positions(f.g), notes=notes)


def shared_out(links: dict[tuple[str, str], dict], room: int) -> dict[tuple[str, str], dict]:
    """The task links to draw when their tasks fill at most ``room`` nodes: each pair of agencies
    in turn gives its best-scored link not yet drawn, so every pair shows some of its tasks.

    >>> links = {(f"l{i}", f"u{i}"): {"upper_key": "A" if i < 3 else "B", "lower_key": "a", "task_score": i / 10}
    ...          for i in range(5)}
    >>> sorted(shared_out(links, 4))
    [('l2', 'u2'), ('l4', 'u4')]
    """
    by_pair: dict[tuple, list] = {}
    for link, r in sorted(links.items(), key=lambda kv: (-(kv[1].get("task_score") or 0), kv[0])):
        by_pair.setdefault((r["upper_key"], r["lower_key"]), []).append((link, r))
    queues = [by_pair[k] for k in sorted(by_pair)]
    out: dict = {}
    tasks: set[str] = set()
    while any(queues):
        for q in queues:
            if not q:
                continue
            link, r = q.pop(0)
            new = set(link) - tasks
            if len(tasks) + len(new) > room:
                return out
            out[link] = r
            tasks |= new
    return out


def document_view(store: GraphStore, number_or_id: str, *, depth: int = MAX_DEPTH,
                  settings: Settings | None = None, cap: int | None = None) -> Page:
    """:func:`document_graph`, drawn."""
    return draw(document_graph(store, number_or_id, depth=depth, settings=settings, cap=cap))


def document_graph(store: GraphStore, number_or_id: str, *, depth: int = MAX_DEPTH,
                   settings: Settings | None = None, cap: int | None = None) -> Drawing:
    """A document's lineage: the documents it derives from (cites), upwards, and those that
    derive from it, downwards, ``depth`` generations each way."""
    if not 1 <= depth <= 20:
        raise ParameterError(f"depth must be between 1 and 20, not {depth}", depth=depth)
    f = _fetcher(store, settings, cap)
    doc = find_document(store, number_or_id, timeout_s=f.timeout_s)
    focus = f.add_node("Document", doc, focus=True, level=0)
    for direction, step in (("out", -1), ("in", 1)):
        frontier, gen = [doc["key"]], 0
        while frontier and abs(gen) < depth and f.g.number_of_nodes() <= f.cap:
            gen += step
            frontier = f.expand("Document", frontier, "DERIVED_FROM", "Document", direction, level=gen)
    for key, n in f.task_counts(f.keys("Document")).items():
        f.g.nodes[nid("Document", key)]["props"]["tasks"] = n
    low = min(d["level"] for _, d in f.g.nodes(data=True))
    for _, d in f.g.nodes(data=True):
        d["level"] -= low
    up = sum(1 for _, d in f.g.nodes(data=True) if d["level"] < f.g.nodes[focus]["level"])
    down = f.g.number_of_nodes() - 1 - up
    name = doc.get("doc_number") or doc.get("title") or doc["key"]
    notes = [f"上游（所依据的文件）{up} 件，下游（据此制定的文件）{down} 件；虚线框为仅被引用、尚未导入的文件。"]
    return Drawing(f.g, f"文件谱系：{name}", f.cap, focus=[focus], hierarchical=True, notes=notes)


RELATION_NAMES = {"cites": "所依据", "cited_by": "据此制定", "repeals": "所废止", "repealed_by": "废止本文件"}


def lineage_view(store: GraphStore, number_or_id: str, *, settings: Settings | None = None,
                 cap: int | None = None) -> Page:
    """:func:`lineage_graph`, drawn."""
    return draw(lineage_graph(store, number_or_id, settings=settings, cap=cap))


def lineage_graph(store: GraphStore, number_or_id: str, *, settings: Settings | None = None,
                  cap: int | None = None) -> Drawing:
    """A document's lineage as the ``document_lineage`` query answers it -- the documents it
    derives from and those derived from it (DERIVED_FROM, solid), the ones it repeals and those
    repealing it (SUPERSEDES, dashed red) -- laid out by level (rows: national, province, city,
    county) and date (left to right).  Stubs (cited, not ingested) are hollow, repealed documents
    grey with their repealer and date in the tooltip."""
    f = _fetcher(store, settings, cap)
    doc = find_document(store, number_or_id, timeout_s=f.timeout_s)
    rows = [r for r in registry.run(store, "document_lineage", {"document": doc["key"]}, timeout_s=f.timeout_s,
                                    limit=f.row_limit).records() if r["start_key"] == doc["key"]]
    focus = f.add_node("Document", doc, focus=True)
    for props in f.nodes("Document", sorted({r["key"] for r in rows} - {doc["key"]})):
        f.add_node("Document", props)
    f.edges_among()
    repealers = [r["key"] for r in rows if r["relation"] == "repealed_by"]
    count = {rel: sum(1 for r in rows if r["relation"] == rel) for rel in RELATION_NAMES}
    name = doc.get("doc_number") or doc.get("title") or doc["key"]
    notes = ["；".join(f"{RELATION_NAMES[k]} {v} 件" for k, v in count.items()) + "。每行一个层级（国家、省、市、县），"
             "自左向右按日期排列；实线为派生（引用）关系，红色虚线为废止关系，空心框为仅被引用、尚未导入的文件，灰色为已废止的文件。"]
    if doc.get("status") in ("repealed", "partly_repealed"):
        notes.append(f"本文件{'已被废止' if doc['status'] == 'repealed' else '已被部分废止'}"
                     f"（{doc.get('repealed_on') or '日期不明'}）；废止它的文件 {len(repealers)} 件。")
    return Drawing(f.g, f"文件谱系：{name}", f.cap, focus=[focus], positions=lineage_positions(f.g), notes=notes)


def parse_types(text: str | None) -> tuple[str, ...]:
    """``--types Agency,Task`` as schema labels (also accepts the Chinese legend names).

    >>> parse_types("Agency, 任务")
    ('Agency', 'Task')
    >>> parse_types(None)
    ('Agency', 'Task', 'Document', 'Target', 'Zone', 'Cluster')
    """
    if not text:
        return REGION_TYPES
    by_name = {NODE_STYLE[t][0]: t for t in REGION_TYPES}
    by_lower = {t.lower(): t for t in REGION_TYPES}
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        t = by_lower.get(part.lower()) or by_name.get(part)
        if not t:
            raise ParameterError(f"unknown type {part!r} in --types; choose from {', '.join(REGION_TYPES)}",
                                 types=text)
        out.append(t)
    return tuple(dict.fromkeys(out))


def region_view(store: GraphStore, region: str, *, types: str | tuple | None = None,
                settings: Settings | None = None, cap: int | None = None) -> Page:
    """:func:`region_graph`, drawn."""
    return draw(region_graph(store, region, types=types, settings=settings, cap=cap))


def region_graph(store: GraphStore, region: str, *, types: str | tuple | None = None,
                 settings: Settings | None = None, cap: int | None = None) -> Drawing:
    """Everything of the chosen types that sits in one region, with the relationships among
    it; above the cap each type keeps a fair share and the rest is counted on the page."""
    f = _fetcher(store, settings, cap)
    chosen = parse_types(types) if not isinstance(types, tuple) else types
    region = resolve_region(store, region, timeout_s=f.timeout_s)
    counts = {t: f.region_count(t, region) for t in chosen}
    share = allot(counts, max(1, f.cap - len(chosen)))
    omitted = {}
    for t in chosen:
        for props in f.region_nodes(t, region, share[t]) if share[t] else []:
            f.add_node(t, props)
        if counts[t] > share[t]:
            omitted[t] = counts[t] - share[t]
            name = NODE_STYLE[t][0]
            f.g.add_node(f"{MORE}:{t}", type=MORE, key=f"{MORE}:{t}",
                         props={"text": f"另有 {omitted[t]} 个{name}未显示"})
    f.g.graph["omitted"] = omitted
    f.edges_among()
    f.snippets()
    names = "、".join(NODE_STYLE[t][0] for t in chosen)
    notes = ["共有 " + "，".join(f"{NODE_STYLE[t][0]} {counts[t]}" for t in chosen) + f"（显示类型：{names}）。"]
    return Drawing(f.g, f"地区概览：{region}", f.cap, notes=notes)


def coissuance_graph(store: GraphStore, *, region: str = "", min_documents: int = 1,
                     settings: Settings | None = None, cap: int | None = None) -> Drawing:
    """The agency co-issuance network (联合发文) of the ``coissuance`` named query: agencies, and
    one edge per pair that issued documents together, weighted by how many."""
    f = _fetcher(store, settings, cap)
    src = coissuance_network(store, region=region, min_documents=min_documents, timeout_s=f.timeout_s)
    for n, d in src.nodes(data=True):
        f.add_node("Agency", {"key": n, "name": d.get("name"), "region": d.get("region"), "level": d.get("level")})
    for a, b, d in src.edges(data=True):
        f.add_edge("COISSUED", nid("Agency", a), nid("Agency", b),
                   {"documents": d["documents"], "document_keys": d["document_keys"]})
    where = f"{region}的" if region else ""
    notes = [f"{src.number_of_nodes()} 个机构，{src.number_of_edges()} 对联合发文关系（连线上的数字为联合发文件数，"
             f"至少 {min_documents} 件）。"]
    return Drawing(f.g, f"{where}联合发文网络", f.cap, notes=notes)
