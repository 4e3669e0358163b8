"""The province -> city cascade as one JSON document (what ``policykg cascade`` prints and
``shared/eval/score_cascade.py`` scores).

It is the ``cascade`` named query, grouped: one entry per (upper agency, lower agency) pair of
counterparts that both carry duties, with the task pairs that support it (possibly none: two
bodies of the same function whose texts share no words are still counterparts).
``min_tasks=1`` keeps only pairs with at least one derived task pair.
"""
from __future__ import annotations

from ..graph.stores.base import GraphStore
from . import registry
from .lookups import carrying_duties


def cascade(store: GraphStore, upper: str, lower: str, *, min_tasks: int = 0, through_reforms: bool = False,
            timeout_s: float | None = None) -> dict:
    """``{"upper", "lower", "pairs": [{"upper", "upper_aliases", "lower", "lower_aliases", "score",
    "basis", "upper_key", "lower_key", "tasks": [{"upper_task", "lower_task", "score", ...}]}]}``,
    pairs ordered by upper then lower key, tasks by upper then lower task key.  Pairs of which
    one body carries no duty at all (an issuer named only in a header) are left out.  With
    ``through_reforms`` a pair's tasks include those carried by an agency either one succeeded,
    or was succeeded by, in a reform (``through: "reform"``, ``via``: that agency's key)."""
    params = {"upper": upper, "lower": lower, "through_reforms": through_reforms}
    res = registry.run(store, "cascade", params, timeout_s=timeout_s)
    pairs: dict[tuple[str, str], dict] = {}
    for r in res.records():
        key = (r["upper_key"], r["lower_key"])
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = {
                "upper": r["upper"], "upper_aliases": sorted(r["upper_aliases"] or []),
                "lower": r["lower"], "lower_aliases": sorted(r["lower_aliases"] or []),
                "score": r["score"], "basis": r["basis"], "upper_key": r["upper_key"], "lower_key": r["lower_key"],
                "tasks": []}
        if r["upper_task_key"] is not None:
            task = {"upper_task": r["upper_task"], "lower_task": r["lower_task"], "score": r["task_score"],
                    "upper_task_key": r["upper_task_key"], "lower_task_key": r["lower_task_key"]}
            if r["through"]:
                task.update(through=r["through"], via=r["via"])
            pair["tasks"].append(task)
    idle = sorted({k for (u, l), p in pairs.items() if not p["tasks"] for k in (u, l)})
    if idle:  # bodies of task-less pairs: do they carry any duty? (one read, by key)
        busy = set(carrying_duties(store, idle, timeout_s))
        pairs = {k: p for k, p in pairs.items() if p["tasks"] or (k[0] in busy and k[1] in busy)}
    bound = registry.bind(registry.get("cascade"), params)
    return {"upper": bound["upper"], "lower": bound["lower"],
            "pairs": [p for p in pairs.values() if len(p["tasks"]) >= min_tasks]}
