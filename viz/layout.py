"""Fixed positions for the cascade view (pure).

vis-network's hierarchical layout puts each level on one row, so a real cascade (dozens
of tasks per level) becomes one line thousands of pixels wide.  Here every group of
counterpart agencies gets its own block -- the higher region's tasks, its agencies, the
lower region's agencies, their tasks, top to bottom -- and blocks wrap into bands, so the
picture stays roughly as wide as a screen and higher agencies stay above their
counterparts.
"""
from __future__ import annotations

import math

import networkx as nx

CELL_W, TASK_H, AGENCY_H, GAP = 190, 80, 70, 90
BAND_WIDTH = 3000  # wrap blocks into a new band beyond this


def groups(g: nx.MultiDiGraph) -> list[list[str]]:
    """Agencies joined by COUNTERPART_OF form a group; a task joins the group of an agency
    responsible for it, else of a task it is DERIVED_FROM-linked to, else a group of its own.

    >>> g = nx.MultiDiGraph()
    >>> for n, t in [("u", "Agency"), ("l", "Agency"), ("ut", "Task"), ("lt", "Task"), ("x", "Task")]:
    ...     g.add_node(n, type=t)
    >>> for a, b, k in [("l", "u", "COUNTERPART_OF"), ("u", "ut", "RESPONSIBLE_FOR"), ("lt", "ut", "DERIVED_FROM")]:
    ...     _ = g.add_edge(a, b, key=k)
    >>> sorted(sorted(x) for x in groups(g))
    [['l', 'lt', 'u', 'ut'], ['x']]
    """
    parent = {n: n for n in g}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    kind = {n: d.get("type") for n, d in g.nodes(data=True)}
    for a, b, k in g.edges(keys=True):
        if k == "COUNTERPART_OF":
            union(a, b)
    for t in (n for n in g if kind[n] == "Task"):
        owners = [a for a, _, k in g.in_edges(t, keys=True) if k == "RESPONSIBLE_FOR" and kind[a] == "Agency"]
        if owners:
            union(min(owners), t)
    for a, b, k in g.edges(keys=True):  # tasks without an agency follow the task they are linked to
        if k == "DERIVED_FROM" and kind[a] == "Task" and kind[b] == "Task":
            union(a, b)
    out: dict[str, list[str]] = {}
    for n in g:
        out.setdefault(find(n), []).append(n)
    return list(out.values())


def _rows(items: list, cols: int) -> int:
    return math.ceil(len(items) / cols) if items else 0


def cascade_positions(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """x, y of every node whose ``level`` is 0-3 (higher tasks, higher agencies, lower
    agencies, lower tasks); other nodes get no position.

    >>> g = nx.MultiDiGraph()
    >>> for n, lv in [("ut", 0), ("u", 1), ("l", 2), ("lt", 3)]:
    ...     g.add_node(n, type="Task" if lv in (0, 3) else "Agency", level=lv)
    >>> _ = g.add_edge("l", "u", key="COUNTERPART_OF")
    >>> pos = cascade_positions(g)
    >>> pos["ut"][1] < pos["u"][1] < pos["l"][1] < pos["lt"][1]
    True
    """
    blocks = []
    for members in groups(g):
        by_level: dict[int, list[str]] = {0: [], 1: [], 2: [], 3: []}
        for n in members:
            lv = g.nodes[n].get("level")
            if lv in by_level:
                by_level[lv].append(n)
        if not any(by_level.values()):
            continue
        for lv in by_level:
            by_level[lv].sort(key=lambda n: (g.nodes[n].get("props", {}).get("ordinal") or 0, str(n)))
        tasks = max(len(by_level[0]), len(by_level[3]))
        cols = max(1, min(5, math.ceil(math.sqrt(tasks))), min(5, max(len(by_level[1]), len(by_level[2]))))
        blocks.append((cols, by_level))
    blocks.sort(key=lambda b: -sum(len(v) for v in b[1].values()))

    pos: dict[str, tuple[float, float]] = {}
    x0, band, bands = 0.0, [], []
    for cols, by_level in blocks:
        w = cols * CELL_W
        if band and x0 + w > BAND_WIDTH:
            bands.append(band)
            band, x0 = [], 0.0
        band.append((x0, cols, by_level))
        x0 += w + GAP
    if band:
        bands.append(band)
    y_top = 0.0
    for band in bands:
        rows = {lv: max(_rows(b[2][lv], b[1]) for b in band) for lv in range(4)}
        y_agency_up = y_top + (max(rows[0] - 1, 0) * TASK_H + GAP if rows[0] else 0)
        y_agency_low = y_agency_up + max(rows[1] - 1, 0) * AGENCY_H + GAP * 1.6
        y_task_low = y_agency_low + max(rows[2] - 1, 0) * AGENCY_H + GAP
        for x, cols, by_level in band:
            for lv, nodes in by_level.items():
                for i, n in enumerate(nodes):
                    r, c = divmod(i, cols)
                    y = {0: y_agency_up - GAP - r * TASK_H,  # higher tasks grow upwards from their agencies
                         1: y_agency_up + r * AGENCY_H, 2: y_agency_low + r * AGENCY_H,
                         3: y_task_low + r * TASK_H}[lv]
                    pos[n] = (x + c * CELL_W, y)
        y_top = y_task_low + rows[3] * TASK_H + GAP * 1.5
    return pos


# --- the lineage view: levels as rows, time left to right ------------------------------------------
LEVEL_ROW = {"national": 0, "province": 1, "city": 2, "county": 3}
ROW_H, COL_W = 200, 230  # pixels between level rows, and between consecutive dates


def lineage_positions(g: nx.MultiDiGraph) -> dict:
    """Document nodes placed by level (rows: national at the top, then province, city, county,
    unknown) and date: each distinct date is a column, left to right (undated documents last), so
    the order in time shows however far apart the dates are; documents of one row and date stack
    a little apart.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("n", type="Document", props={"level": "national", "date": "2021-06-15"})
    >>> g.add_node("p", type="Document", props={"level": "province", "date": "2021-11-26"})
    >>> g.add_node("c", type="Document", props={"level": "city", "date": "2021-07-01"})
    >>> g.add_node("s", type="Document", props={"level": None, "date": None})
    >>> pos = lineage_positions(g)
    >>> pos["n"][1] < pos["p"][1] < pos["c"][1] < pos["s"][1], pos["n"][0] < pos["c"][0] < pos["p"][0] < pos["s"][0]
    (True, True)
    """
    date = {n: (d["props"].get("date") or "")[:10] for n, d in g.nodes(data=True)}
    columns = {day: i for i, day in enumerate(sorted({x for x in date.values() if x}))}
    out: dict = {}
    seen: dict[tuple, int] = {}
    for n, d in sorted(g.nodes(data=True), key=lambda nd: str(nd[0])):
        col = columns.get(date[n], len(columns))
        row = LEVEL_ROW.get(d["props"].get("level"), len(LEVEL_ROW))
        k = seen[(row, col)] = seen.get((row, col), -1) + 1
        out[n] = (col * COL_W + k * 40, row * ROW_H + k * 60)
    return out
