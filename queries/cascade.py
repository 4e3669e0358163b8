"""The cascade from a higher region to a lower one as one JSON document (what ``policykg cascade``
prints, ``GET /cascade`` answers and ``tools/eval/score_cascade.py`` scores).

* ``pairs``: the ``cascade`` named query grouped, one entry per (upper body, lower body) of
  counterparts that both carry duties, with the task pairs that support it (possibly none: two
  bodies of the same function whose texts share no words are still counterparts).  The nodes of
  one body are one entry: the nodes of a region naming the same functions (市水务局 and
  市、区水务部门 as a document may write it) and the two names of one body (区建管委(区水务局),
  区建管委 and 区水务局);
* ``task_pairs``: every task of the lower region that derives from a task of the upper region
  (``cascade_tasks``), with both texts and documents, the score, the basis and the spans;
* ``uncarried``: the tasks of the upper documents the lower region carries down that no lower
  task derives from, their bodies having counterparts below (``cascade_uncarried``).

A body of the upper region that carries its own tasks down in the lower region's documents (a
municipal enterprise restating its duties for each district) is a pair with itself (``same body``).

The two regions may be any two where one lies above the other (one step or more:
上海市 -> 静安区, 河南省 -> 许昌市 -> 禹州市, 中国 -> 河南省); ``min_tasks=1`` keeps only pairs
with at least one task pair.
"""
from __future__ import annotations

import json
import re

from networkx.utils import UnionFind

from ..errors import ParameterError
from ..graph.stores.base import GraphStore
from ..vocab.functions import body_part, functions_of
from ..vocab.hierarchy import level_of, steps
from . import registry

_DOUBLE_NAME = re.compile(r"^(?P<outer>.+?)[(（](?P<inner>[^()（）]+)[)）]$")


def check_regions(upper: str, lower: str) -> int | None:
    """How many steps ``lower`` lies below ``upper`` (None when the gazetteer knows neither);
    a :class:`ParameterError` when it knows both and one does not lie below the other.

    >>> check_regions("上海市", "静安区"), check_regions("河南省", "禹州市"), check_regions("X", "许昌市")
    (1, 2, None)
    >>> check_regions("静安区", "上海市")
    Traceback (most recent call last):
    ...
    policykg.errors.ParameterError: lower '上海市' does not lie below upper '静安区' in the administrative hierarchy
    """
    n = steps(upper, lower)
    if n is None and level_of(upper) and level_of(lower):
        raise ParameterError(f"lower {lower!r} does not lie below upper {upper!r} in the administrative hierarchy",
                             param="lower")
    return n


def _forms(name: str, aliases: list[str]) -> set[str]:
    """The body parts a body is written as, both names of a double name included."""
    out = set()
    for n in [name, *aliases]:
        m = _DOUBLE_NAME.match(n or "")
        parts = [m.group("outer"), m.group("inner")] if m else [n]
        out |= {body_part(p) for p in parts if p}
    return out


_QUANTIFIER = re.compile(r"^(?:各有关|各相关|各|相关|有关)(?=..)")


def both_names(name: str, aliases: list[str]) -> list[str]:
    """``aliases`` with the two names of every double name among ``name`` and them -- a body printed
    as 区建设管理委（区水务局） goes by 区建设管理委 and by 区水务局 as well -- and a collective's
    name without the quantifier it opens with (各行业主管部门 is 行业主管部门 too).

    >>> both_names("静安区建设管理委(区水务局)", ["区建设管理委(区水务局)"])
    ['区建设管理委', '区建设管理委(区水务局)', '区水务局', '静安区建设管理委']
    >>> both_names("上海市水务局", ["市水务局"]), both_names("各行业主管部门", ["市行业主管部门"])
    (['市水务局'], ['市行业主管部门', '行业主管部门'])
    """
    out = set(aliases)
    for n in [name, *aliases]:
        m = _DOUBLE_NAME.match(n or "")
        if m:
            out |= {m.group("outer"), m.group("inner")}
        out.add(_QUANTIFIER.sub("", n or ""))
    return sorted(out - {name, ""})


def body_groups(bodies: dict[str, tuple]) -> dict[str, str]:
    """key -> the key of its group, for the bodies of one region, each (name, aliases[, collective]):
    those naming the same functions, and the two names of one body, are one group -- never a
    collective party with a body of its own (相关区政府 in a municipal plan is not 市政府).

    >>> g = body_groups({"a": ("上海市水务局", ["市水务局"]), "b": ("上海市、区水务部门", []), "c": ("上海市财政局", [])})
    >>> g["a"] == g["b"] != g["c"]
    True
    >>> g = body_groups({"a": ("黄浦区建管委(区水务局)", []), "b": ("黄浦区水利局", ["区水务局"]), "c": ("黄浦区建管委", [])})
    >>> len(set(g.values()))
    1
    >>> g = body_groups({"a": ("上海市人民政府", ["市政府"], False), "b": ("区政府", [], True)})
    >>> g["a"] == g["b"]
    False
    """
    keys = sorted(bodies)
    groups = UnionFind(keys)
    fns = {k: functions_of(bodies[k][0]) for k in keys}
    forms = {k: _forms(*bodies[k][:2]) for k in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            double = bool(_DOUBLE_NAME.match(bodies[a][0]) or _DOUBLE_NAME.match(bodies[b][0]))
            if bodies[a][2:3] != bodies[b][2:3]:
                continue
            if (fns[a] and fns[a] == fns[b]) or (double and forms[a] & forms[b]):
                groups.union(a, b)
    return {k: min(g) for g in groups.to_sets() for k in g}


def _pairs(store: GraphStore, name: str, params: dict, timeout_s) -> dict[tuple[str, str], dict]:
    res = registry.run(store, name, params, timeout_s=timeout_s)
    pairs: dict[tuple[str, str], dict] = {}
    for r in res.records():
        key = (r["upper_key"], r["lower_key"])
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = {
                "upper": r["upper"], "upper_aliases": sorted(r["upper_aliases"] or []),
                "lower": r["lower"], "lower_aliases": sorted(r["lower_aliases"] or []),
                "upper_collective": bool(r["upper_collective"]), "lower_collective": bool(r["lower_collective"]),
                "score": r["score"], "basis": r["basis"], "upper_key": r["upper_key"], "lower_key": r["lower_key"],
                "tasks": []}
        if r["upper_task_key"] is not None:
            task = {"upper_task": r["upper_task"], "lower_task": r["lower_task"], "score": r["task_score"],
                    "upper_task_key": r["upper_task_key"], "lower_task_key": r["lower_task_key"]}
            if r["through"]:
                task.update(through=r["through"], via=r["via"])
            if task not in pair["tasks"]:
                pair["tasks"].append(task)
    return pairs


def same_bodies(store: GraphStore, params: dict, timeout_s=None) -> list[dict]:
    """Pairs of a body with itself (``basis`` ``same body``): it carries the upper region's tasks
    down itself (``cascade_same_bodies``)."""
    pairs: dict[str, dict] = {}
    for r in registry.run(store, "cascade_same_bodies", params, timeout_s=timeout_s).records():
        p = pairs.setdefault(r["agency_key"], {
            "upper": r["agency"], "upper_aliases": sorted(r["aliases"] or []), "lower": r["agency"],
            "lower_aliases": sorted(r["aliases"] or []), "score": 0.0, "basis": "same body",
            "upper_key": r["agency_key"], "lower_key": r["agency_key"], "tasks": []})
        p["score"] = max(p["score"], r["task_score"] or 0.0)
        p["tasks"].append({"upper_task": r["upper_task"], "lower_task": r["lower_task"], "score": r["task_score"],
                           "upper_task_key": r["upper_task_key"], "lower_task_key": r["lower_task_key"]})
    return list(pairs.values())


def merge_groups(pairs: list[dict]) -> list[dict]:
    """One entry per (upper group, lower group) (:func:`body_groups`): the names and aliases of every
    node of each body, the strongest pair's name, score and basis, the task pairs of all."""
    up = body_groups({p["upper_key"]: (p["upper"], p["upper_aliases"], p.get("upper_collective")) for p in pairs})
    low = body_groups({p["lower_key"]: (p["lower"], p["lower_aliases"], p.get("lower_collective")) for p in pairs})
    merged: dict[tuple[str, str], dict] = {}
    for p in sorted(pairs, key=lambda p: (-(p["score"] or 0), p["upper_key"], p["lower_key"])):
        key = (up[p["upper_key"]], low[p["lower_key"]])
        m = merged.get(key)
        if m is None:
            merged[key] = {**p, "upper_keys": [p["upper_key"]], "lower_keys": [p["lower_key"]], "tasks": list(p["tasks"])}
            continue
        for side in ("upper", "lower"):
            if p[f"{side}_key"] not in m[f"{side}_keys"]:
                m[f"{side}_keys"].append(p[f"{side}_key"])
                m[f"{side}_aliases"] = sorted(set(m[f"{side}_aliases"]) | set(p[f"{side}_aliases"]) | {p[side]}
                                              - {m[side]})
        m["tasks"] += [t for t in p["tasks"] if t not in m["tasks"]]
    out = sorted(merged.values(), key=lambda p: (p["upper_key"], p["lower_key"]))
    for p in out:
        p["upper_keys"].sort()
        p["lower_keys"].sort()
        for side in ("upper", "lower"):
            p[f"{side}_aliases"] = both_names(p[side], p[f"{side}_aliases"])
        p["tasks"].sort(key=lambda t: (t["upper_task_key"], t["lower_task_key"]))
    return out


def measure_pairs(row: dict) -> list[dict]:
    """One ``cascade_tasks`` row (a task derived from a task) as its pairs of measures: each with
    the two measures' texts (``upper_task``, ``lower_task``), the whole texts of the two tasks
    (``upper_task_text``, ``lower_task_text``), its score and basis, and the spans inside it.

    >>> row = {"upper_task": "市财政局负责审核。市水务局负责考核。", "lower_task": "区水务局负责考核。", "score": 0.9,
    ...        "basis": "same", "spans": "[[2, 8, 11, 17]]", "units": "[[0, 9, 9, 18, 0.9, \\"same\\"]]",
    ...        "lower_start": 0, "upper_start": 0}
    >>> [(m["upper_task"], m["lower_task"], m["spans"]) for m in measure_pairs(row)]
    [('市水务局负责考核。', '区水务局负责考核。', [[2, 8, 11, 17]])]
    """
    spans = json.loads(row["spans"]) if row.get("spans") else []
    units = json.loads(row["units"]) if row.get("units") else []
    base = {k: v for k, v in row.items() if k not in ("units", "spans", "lower_start", "upper_start")}
    base.update(upper_task_text=row["upper_task"], lower_task_text=row["lower_task"])
    if not units:
        return [{**base, "spans": spans}]
    out = []
    ls0, us0 = max(row.get("lower_start") or 0, 0), max(row.get("upper_start") or 0, 0)
    for lb, le, ub, ue, score, basis in units:
        inside = [s for s in spans if ls0 + lb <= s[0] and s[1] <= ls0 + le and us0 + ub <= s[2] and s[3] <= us0 + ue]
        out.append({**base, "upper_task": row["upper_task"][ub:ue], "lower_task": row["lower_task"][lb:le],
                    "score": score, "basis": basis, "spans": inside})
    return out


def task_pairs(store: GraphStore, params: dict, timeout_s=None) -> list[dict]:
    """Every pair of measures of the tasks the lower region derives from the upper one's."""
    return [m for r in registry.run(store, "cascade_tasks", params, timeout_s=timeout_s).records()
            for m in measure_pairs(r)]


def cascade(store: GraphStore, upper: str, lower: str, *, min_tasks: int = 0, through_reforms: bool = False,
            timeout_s: float | None = None) -> dict:
    """``{"upper", "lower", "steps", "pairs": [{"upper", "upper_aliases", "lower", "lower_aliases",
    "score", "basis", "upper_key", "lower_key", "upper_keys", "lower_keys", "tasks": [{"upper_task",
    "lower_task", "score", ...}]}], "task_pairs": [...], "uncarried": [...]}``.  With
    ``through_reforms`` a pair's tasks include those carried by an agency either one succeeded, or
    was succeeded by, in a reform (``through: "reform"``, ``via``: that agency's key)."""
    name = "cascade_through_reforms" if through_reforms else "cascade"  # (two texts: see the files)
    bound = registry.bind(registry.get(name), {"upper": upper, "lower": lower})
    n = check_regions(bound["upper"], bound["lower"])
    params = {"upper": bound["upper"], "lower": bound["lower"]}
    pairs = _pairs(store, name, params, timeout_s)  # (alignment pairs only parties of documents carried down)
    uncarried = [dict(r) for r in registry.run(store, "cascade_uncarried", params, timeout_s=timeout_s).records()]
    grouped = merge_groups(list(pairs.values())) + same_bodies(store, params, timeout_s)
    return {"upper": params["upper"], "lower": params["lower"], "steps": n,
            "pairs": [p for p in grouped if len(p["tasks"]) >= min_tasks],
            "task_pairs": task_pairs(store, params, timeout_s), "uncarried": uncarried}
