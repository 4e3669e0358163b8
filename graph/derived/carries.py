"""Which upper documents a lower document carries down, and the task links between them (pure).

A document of a region carries down a document of a region above it (one step or more, in the
administrative hierarchy of :mod:`policykg.vocab.hierarchy`) when

* it cites it (``citation``: the resolved citations of lineage),
* its plan has the same stem, and it is not older (``title``: 《上海市市级城市维护项目管理办法》 and
  《静安区区级城市维护项目管理办法》, which cites nothing), or, when neither finds a stored document,
* its tasks derive from those of a document of the region one step up, among the ``nearby`` ones
  nearest in date and not newer (``tasks``): the two documents must share at least ``min_links``
  pairs at a higher bar (:class:`.task_links.DeriveThresholds` ``strict_factor``), and are then
  compared like the others.

:func:`carry_down` gives the ``CARRIES`` edge of each pair it keeps and the task links
(:func:`.task_links.derive`) of those pairs.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from ...vocab.functions import functions_of, kinship
from ...vocab.hierarchy import chain_of, is_above
from ...vocab.levels import NATIONAL_REGION
from .task_links import DeriveThresholds, Link, TaskText, Vocabulary, derive

CITATION, TITLE, TASKS = "citation", "title", "tasks"


@dataclass(frozen=True)
class Doc:
    """A document as alignment sees it."""

    key: str
    level: str | None
    region: str | None
    province: str | None = None
    date: str = ""
    stem: str | None = None
    city: str | None = None

    @property
    def regions(self) -> tuple[str, ...]:
        """Its region and every region above it."""
        return chain_of(self.region, self.city, self.province)


def doc_of(row: list) -> Doc:
    """A document from a row (key, level, province, city, county, date, stem).

    >>> doc_of(["K", "county", "上海市", None, "静安区", "2021-08-30", "城市维护项目管理"]).regions
    ('静安区', '上海市', '中国')
    >>> doc_of(["N", "national", None, None, None, "", None]).region
    '中国'
    """
    key, level, prov, city, county, date, stem = row
    region = county or city or prov or (NATIONAL_REGION if level == "national" else None)
    return Doc(key, level, region, prov, date or "", stem, city)


def above(upper: Doc, lower: Doc) -> bool:
    """Whether ``upper``'s region lies above ``lower``'s (by levels when the gazetteer knows
    neither region).

    >>> above(Doc("U", "province", "上海市"), Doc("L", "county", "静安区", "上海市")), above(Doc("U", "city", "许昌市"), Doc("L", "city", "洛阳市"))
    (True, False)
    """
    regions = lower.regions
    if len(regions) > 1:
        return upper.region in regions[1:]
    return is_above(upper.level, lower.level)


def _day(date: str) -> int | None:
    try:
        return datetime.date.fromisoformat(date[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def not_newer(upper: Doc, lower: Doc) -> bool:
    """The upper document was issued no later than the lower one (or a date is unknown)."""
    a, b = _day(upper.date), _day(lower.date)
    return a is None or b is None or a <= b


def nearest(lower: Doc, pool: list[Doc], k: int) -> list[Doc]:
    """The ``k`` documents of ``pool`` not newer than ``lower`` nearest to it in date (undated last).

    >>> pool = [Doc("P1", "province", "河南省", None, "2010-01-01"), Doc("P2", "province", "河南省", None, "2012-01-01"),
    ...         Doc("P3", "province", "河南省", None, "")]
    >>> [d.key for d in nearest(Doc("C", "city", "许昌市", "河南省", "2011-11-01"), pool, 2)]
    ['P1', 'P3']
    """
    here = _day(lower.date)
    ok = [d for d in pool if not_newer(d, lower)]
    return sorted(ok, key=lambda d: (here is None or _day(d.date) is None, abs((here or 0) - (_day(d.date) or 0)),
                                     d.key))[:k]


def uppers_of(lower: Doc, cited: list[Doc], titled: list[Doc], nearby: list[Doc], k: int) -> list[tuple[Doc, str]]:
    """The upper documents ``lower`` may carry down, with how they were found: the cited and the
    same-stem ones above it, else the ``k`` nearest of the region one step up (``nearby``)."""
    strong = {u.key: (u, CITATION) for u in cited if above(u, lower)}
    for u in titled:
        if u.key not in strong and u.key != lower.key and above(u, lower) and not_newer(u, lower):
            strong[u.key] = (u, TITLE)
    if strong:
        return sorted(strong.values(), key=lambda x: x[0].key)
    parent = lower.regions[1] if len(lower.regions) > 1 else None
    pool = [u for u in nearby if u.region == parent and u.region != NATIONAL_REGION and u.key != lower.key]
    return [(u, TASKS) for u in nearest(lower, pool, k)]


def kin_of(carriers: dict[str, list[str]], names: dict[str, str]):
    """kin(lower task, upper task): some carrier of each is a counterpart by function of the other."""
    fns = {a: functions_of(n) for a, n in names.items()}
    of_task = {t: tuple((a, fns.get(a, frozenset())) for a in bodies) for t, bodies in carriers.items()}

    def kin(lt: str, ut: str) -> bool:
        return any(a != u and kinship(fu, fa) for a, fa in of_task.get(lt, ()) for u, fu in of_task.get(ut, ()))
    return kin


@dataclass(frozen=True)
class CarryThresholds:
    """``nearby``: how many documents of the region one step up a document citing none is
    compared with; ``min_links``: how many task pairs make two such documents related."""

    nearby: int = 10
    min_links: int = 2


def carry_down(lower: Doc, uppers: list[tuple[Doc, str]], tasks: dict[str, list[TaskText]], kin,
               th: CarryThresholds = CarryThresholds(), dth: DeriveThresholds = DeriveThresholds(),
               texts: dict[str, str] | None = None, vocab: Vocabulary | None = None) -> tuple[list[tuple], list[Link]]:
    """(CARRIES rows (lower, upper, score, basis, links), task links) of one lower document;
    ``texts``: the documents' cleaned texts (a word's rarity is counted over their sentences)."""
    carried, links = [], []
    own = tasks.get(lower.key, [])
    texts, vocab = texts or {}, vocab or Vocabulary()
    for u, basis in uppers:
        theirs = tasks.get(u.key, [])
        both = (texts.get(lower.key) or "", texts.get(u.key) or "")
        if basis == TASKS:  # related only if they share enough pairs at the higher bar; then compared as any
            if len({k.lower for k in derive(own, theirs, kin, strict=True, th=dth, texts=both, vocab=vocab)}) \
                    < th.min_links:
                continue
        found = derive(own, theirs, kin, th=dth, texts=both, vocab=vocab)
        score = 1.0 if basis == CITATION else 0.9 if basis == TITLE else round(
            sum(k.score for k in found) / len(found), 4)
        carried.append((lower.key, u.key, score, basis, len({k.lower for k in found})))
        links.extend(found)
    return carried, links
