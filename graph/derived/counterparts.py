"""Counterparts: which upper body's work a lower body carries down (pure).

A lower body and an upper body are candidates when the body carries duties in a document that
carries down (:mod:`.carries`) a document in which the upper body carries duties, the upper body's
region lying above the lower one's (one step or several: 上海市 above 静安区, 河南省 above 禹州市).
Among candidates, evidence strongest first (:func:`policykg.vocab.functions.kinship`):

* ``function``: the same functions (市财政局 / 区财政局, 市住房城乡建设管理委 / 区建设管理委);
* ``function:merged``: a merged body and a part of it, either way (区建交委 / 市交通委 and
  市住房城乡建设管理委: one lower body for two upper ones; the reverse too), where no upper body of
  that region has the lower body's very functions;
* ``function:related``: a body standing in for a function the other level has no body of, in the
  same documents (a city's 城乡规划局 under a provincial 住房城乡建设厅);
* ``tasks``: no function in common, but tasks the lower body is responsible for derive from tasks
  the upper body is responsible for, at least ``tasks_only_support`` of them, one at
  ``tasks_only_threshold`` or more -- or one at ``collective_task_threshold`` when the upper body is
  a party the upper document addresses to the lower level (相关区政府's duties given to 区财政局);
* ``collective``: an upper document's party for the lower level (相关区政府, 各区规划资源部门 in a
  municipal plan) and a lower body of its function at the level it addresses (only with
  ``collectives``).

``score`` = ``function_weight`` x the function evidence + the rest x the best similarity of their
task pairs.  Bodies are compared by the functions their names name, never by their prefixes; a
collective is never a lower body.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ...vocab.divisions import collective_word
from ...vocab.functions import functions_of, kinship, stood_in_for
from ...vocab.hierarchy import chain_of, level_of
from ...vocab.levels import LEVEL_RANK
from ...vocab.places import MUNICIPALITIES
from .task_links import RULE_SIMILAR_TASK


@dataclass(frozen=True)
class Body:
    """An agency as counterparts see it."""

    key: str
    name: str
    region: str
    province: str | None
    level: str | None
    collective: bool
    city: str | None = None  # the city of a county-level body (for places the gazetteer lacks)

    @property
    def functions(self) -> frozenset[str]:
        return functions_of(self.name) or functions_of(self.key.split("|", 1)[-1])

    @property
    def regions(self) -> tuple[str, ...]:
        return chain_of(self.region, self.city, self.province)

    @property
    def addresses_below(self) -> bool:
        """A party of a lower level named in an upper document (相关区政府, 区规划资源部门 in a
        municipal plan): collective, or of a level below its region's."""
        own = level_of(self.region, self.province)
        return self.collective or (own is not None and LEVEL_RANK.get(self.level or "", 9) < LEVEL_RANK.get(own, 9))


def body_of(r: list) -> Body:
    """A body from a row (key, name, region, province, level, collective[, city])."""
    return Body(r[0], r[1] or "", r[2] or "", r[3], r[4], bool(r[5]), r[6] if len(r) > 6 else None)


@dataclass(frozen=True)
class CounterpartThresholds:
    function_weight: float = 0.7
    tasks_only_threshold: float = 0.6
    tasks_only_support: int = 2
    collectives: bool = True
    collective_task_threshold: float = 0.5


@dataclass
class Context:
    """What one lower body's counterparts depend on: ``uppers``, the bodies carrying duties in the
    upper documents its documents carry down; ``peers``, the bodies of its region carrying duties
    in its documents; ``links``, (score, rule) of its task pairs per upper body; ``dutiful``, those
    of them (and itself) that carry duties there, not only named in a measure."""

    uppers: dict[str, Body] = field(default_factory=dict)
    peers: dict[str, Body] = field(default_factory=dict)
    links: dict[str, list[tuple[float, str]]] = field(default_factory=lambda: defaultdict(list))
    dutiful: set[str] = field(default_factory=set)  # the bodies among them that carry duties there


def _by_function(low: Body, ups: list[Body], peers: list[Body]) -> dict[str, tuple[float, str]]:
    """upper key -> (function score, basis) for the upper bodies of one region."""
    out: dict[str, tuple[float, str]] = {}
    for u in ups:
        k = kinship(u.functions, low.functions)
        if k:
            out[u.key] = k
    if any(basis == "function" for _, basis in out.values()):  # the same functions beat a part of them
        out = {k: v for k, v in out.items() if v[1] == "function"}
    up_present = {f for u in ups for f in u.functions}
    fn = stood_in_for(low.functions, up_present, upward=True) if not out else None
    for u in ups:
        if fn and fn in u.functions:
            out.setdefault(u.key, (0.8, "function:related"))
    low_present = {f for p in peers for f in p.functions} | set(low.functions)
    for u in ups:
        if u.key not in out and stood_in_for(u.functions, low_present, upward=False) in low.functions:
            out[u.key] = (0.8, "function:related")
    return out


_GOVERNMENT = frozenset({"政府", "政府办公"})


def _approvers(u: Body, low: Body, ctx: Context) -> bool:
    """Two governments (or their offices) where the upper one carries no duty: a plan names its
    government to approve or to be reported to (报市政府批准), which carries nothing down, whatever
    the lower government does (its own plan gives it duties; the upper plan addresses it as a
    collective, 相关区政府, when it hands work down)."""
    return u.functions <= _GOVERNMENT and low.functions <= _GOVERNMENT and u.key not in ctx.dutiful


def _unexplained(ctx: Context, upper: str) -> list[float]:
    """The scores of the task pairs linking the lower body to ``upper`` that no counterpart by
    function among their carriers explains (rule align:similarity): only those say that this body
    took the other's work over (a task carried by several bodies links every pair of them)."""
    return [s for s, rule in ctx.links.get(upper, ()) if rule == RULE_SIMILAR_TASK]


def counterparts(low: Body, ctx: Context, th: CounterpartThresholds = CounterpartThresholds()) -> list[tuple]:
    """(lower key, upper key, score, basis) of one lower body."""
    generic = any(f.startswith("generic:") for f in low.functions)
    if (low.collective or low.addresses_below) and not generic or not low.functions:
        return []
    regions = low.regions[1:]
    out = []
    for region in regions:
        ups = [u for u in ctx.uppers.values() if u.region == region and u.key != low.key
               and (not u.addresses_below or (generic and u.functions == low.functions))]
        peers = [p for p in ctx.peers.values() if p.region == low.region and not p.addresses_below]
        found = _by_function(low, ups, peers)
        for u in ups:
            best = max((s for s, _ in ctx.links.get(u.key, ())), default=0.0)
            alone = _unexplained(ctx, u.key)
            if u.key in found and _approvers(u, low, ctx):
                continue
            if u.key in found:
                fscore, basis = found[u.key]
                out.append((low.key, u.key, round(th.function_weight * fscore + (1 - th.function_weight) * best, 4),
                            basis))
            elif u.functions and len(alone) >= th.tasks_only_support and max(alone) >= th.tasks_only_threshold:
                out.append((low.key, u.key, round(max(alone), 4), "tasks"))
        if th.collectives and not generic:
            out += _collective(low, ctx, region, th)
    return out


_KIND_LEVELS = {"prefecture": {"city"}, "county": {"county"}, "direct": {"county"}, "province": {"province"},
                "prefecture+county": {"city", "county"}}
_PARTY = re.compile(r"^(?:各有关|各相关|各|相关|有关)*")


def addressed_levels(u: Body) -> set[str]:
    """The levels a party of a lower level named in an upper document addresses: 各省辖市 cities,
    各县(市、区) and 相关区 counties (a municipality's 各市 too: its districts are its only level below).

    >>> addressed_levels(Body("上海市|相关区", "相关区政府", "上海市", "上海市", "province", True))
    {'county'}
    >>> sorted(addressed_levels(Body("河南省|省辖市", "各省辖市人民政府", "河南省", "河南省", "province", True)))
    ['city']
    """
    word = collective_word(u.name)
    if word:
        return _KIND_LEVELS.get(word[1], set())
    rest = _PARTY.sub("", u.name)
    first = rest[:1]
    own = level_of(u.region, u.province)
    if rest.startswith(("地(市)", "地市", "地区", "地方")) or u.name.startswith("各地"):  # 各地, 地(市): the places below
        return {"city", "county"} if own in ("national", "province") else {"county"}
    if first in "区县旗" or (first == "市" and own == "province" and u.region in MUNICIPALITIES):
        return {"county"}
    if first in "市州盟" and own == "province":
        return {"city"}
    return {u.level} if u.level and u.level != own else set()


def _collective(low: Body, ctx: Context, region: str, th: CounterpartThresholds) -> list[tuple]:
    """Pairs with the upper documents' parties addressing the lower body's level (collective): of
    the lower body's function, or whose tasks the lower body's derive from (tasks)."""
    out = []
    level = level_of(low.region, low.province)
    for u in ctx.uppers.values():
        if u.region != region or not u.addresses_below or level not in addressed_levels(u):
            continue
        best = max((s for s, _ in ctx.links.get(u.key, ())), default=0.0)
        alone = _unexplained(ctx, u.key)
        if kinship(u.functions, low.functions):
            out.append((low.key, u.key, round(th.function_weight * 0.9 + (1 - th.function_weight) * best, 4),
                        "collective"))
        elif alone and max(alone) >= th.collective_task_threshold:
            out.append((low.key, u.key, round(max(alone), 4), "tasks"))
    return out
