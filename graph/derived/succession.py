"""Agencies across reforms and collectives expanded (pure: agency records in, edges out).

- ``SUCCEEDED_BY`` old agency -> the agency of the same region that took over its function,
  from the maintained reform table (:func:`policykg.vocab.reforms.successors`): 河南省国土资源厅
  -> 河南省自然资源厅 (2018, whole) and 河南省应急管理厅 (2018, part).  A successor is an agency
  of the graph named so, or of the same region, level and function.
- ``MEMBER_OF`` member -> collective: 各省辖市人民政府 of a 河南省 document addresses every
  prefecture-level city government of 河南省 (:func:`policykg.vocab.divisions.expand_collective`);
  each member that is an agency of the graph is linked, so a city's duties include the
  provincial tasks addressed to all cities.

Only agencies the documents mention are linked: a node made from a table would have no
document behind it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...vocab.bodies import CORE_RE, FUNCTION_OF_CORE
from ...vocab.divisions import expand_collective
from ...vocab.reforms import successors

RULE_REFORM = "lineage:reform"
RULE_DIVISIONS = "lineage:divisions"


@dataclass(frozen=True)
class Body:
    """An agency as these rules see it."""
    key: str
    name: str
    region: str | None = None
    province: str | None = None
    level: str | None = None
    function: str | None = None
    collective: bool = False
    aliases: tuple[str, ...] = ()


def function_of(name: str) -> str | None:
    """The function code a name ends with (自然资源局 -> 自然资源), as extraction codes agencies.

    >>> function_of("河南省自然资源厅"), function_of("许昌市人民政府"), function_of("某某中心")
    ('自然资源', '政府', None)
    """
    m = CORE_RE.search(name)
    return FUNCTION_OF_CORE[m.group(0)] if m else None


def _by_region(bodies: list[Body]) -> dict[str, list[Body]]:
    out: dict[str, list[Body]] = {}
    for b in bodies:
        if not b.collective:
            out.setdefault(b.region or "", []).append(b)
    return out


def _named(candidates: list[Body], name: str, levels: tuple) -> list[Body]:
    """The agencies among ``candidates`` called ``name``, else those of its function at one of ``levels``."""
    exact = [b for b in candidates if b.name == name or name in b.aliases]
    fn = function_of(name)
    return exact or [b for b in candidates if fn and b.function == fn and b.level in levels]


def succession_edges(bodies: list[Body]) -> list[tuple[str, str, dict]]:
    """(old key, new key, {year, share, note}) for every agency the reform table succeeds.

    >>> old = Body("河南省|国土资源厅", "河南省国土资源厅", "河南省", "河南省", "province", "国土资源")
    >>> new = Body("河南省|自然资源厅", "河南省自然资源厅", "河南省", "河南省", "province", "自然资源")
    >>> succession_edges([old, new])
    [('河南省|国土资源厅', '河南省|自然资源厅', {'year': 2018, 'share': 'whole', 'note': ''})]
    """
    regions = _by_region(bodies)
    out = []
    for b in bodies:
        if b.collective:
            continue
        names = [b.name, b.key.split("|", 1)[-1], *b.aliases]  # 中国银保监会 is 中国银行保险监督管理委员会
        for s in next((found for found in map(successors, names) if found), []):
            for new in _named(regions.get(b.region or "", []), s.new, (b.level,)):
                if new.key != b.key:
                    out.append((b.key, new.key, {"year": s.year, "share": s.share, "note": s.reform.note}))
    return [(a, z, dict(p)) for a, z, p in sorted({(a, z, tuple(p.items())) for a, z, p in out})]


def expansion(b: Body):
    """The members a collective body addresses (None: not a collective, or nothing to expand)."""
    if not b.collective:
        return None
    province = b.province or (b.region if b.level == "province" else None)
    return expand_collective(b.name, province, b.region if b.level == "city" else None)


def member_edges(bodies: list[Body]) -> list[tuple[str, str]]:
    """(member key, collective key) for every collective whose members are agencies of the graph.

    >>> coll = Body("河南省|省辖市", "各省辖市人民政府", "河南省", "河南省", "province", None, True)
    >>> city = Body("许昌市|人民政府", "许昌市人民政府", "许昌市", "河南省", "city", "政府")
    >>> member_edges([coll, city])
    [('许昌市|人民政府', '河南省|省辖市')]
    """
    regions = _by_region(bodies)
    out = set()
    for b in bodies:
        e = expansion(b)
        if e is None:
            continue
        levels = ("province",) if e.kind == "province" else ("city", "county")
        for member, place in zip(e.members, e.places):
            name = member if e.suffix else place + "人民政府"  # 各县(市、区): their governments
            for m in _named(regions.get(place, []), name, levels):
                out.add((m.key, b.key))
    return sorted(out)
