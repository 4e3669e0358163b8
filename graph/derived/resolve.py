"""Which stored document a citation names (pure: records in, decisions out).

A citation keeps what the citing text printed: a title, a 文号, the bodies and the date
printed before the title.  It names a stored document

1. by number, when a real document has that 文号 (printed on its own page, or learned from
   another citation: :func:`learned_numbers`);
2. else by title: the cited title's forms (:func:`policykg.vocab.titles.title_variants`: the
   full title, without its issuer, the plan a 印发 notice attaches) against each document's
   ``title_keys``, exactly or -- with evidence -- at a rapidfuzz ratio of 95 or more.

Look-alikes are turned away (:func:`rejection`): a document dated after the citing one (an
older version of a revised title is the one cited), one of another region that is not an
ancestor of the citing region nor national, another city's document for 我市/本市, a printed
文号 that differs, a consultation draft for a final text.  A title match is scored by the
evidence (:func:`score`): the issuer printed with the citation among the candidate's
issuers, the candidate a level above, the printed date equal to its date.  The best candidate
at :data:`ACCEPT` or above wins; ties go to the nearest earlier date, then the key.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ...vocab.docnumbers import number_key
from ...vocab.levels import LEVEL_RANK
from ...vocab.titles import split_title, strip_tag, title_key, title_variants

ACCEPT = 0.8  # least score of a title match
FUZZY = 95  # least rapidfuzz ratio of a title key that is not equal
_DRAFT = re.compile(r"征求意见稿|草案|送审稿|试行稿")
_OWN_CITY = re.compile(r"^(?:我市|本市|全市)")
_OWN_PROVINCE = re.compile(r"^(?:我省|本省|全省|我区|本区)")
_NOISE = re.compile(r"中共|人民|[\s、,和与及]")
_ANNUAL = re.compile(r"^(?:政府)?工作报告$")  # cited as 《政府工作报告》: the report of that year


@dataclass
class Doc:
    """A stored document as resolution sees it."""
    key: str
    stub: bool = False
    number: str | None = None  # its 文号 (printed, or learned: see ``number_from``)
    number_from: str | None = None
    title: str | None = None
    title_keys: frozenset = frozenset()
    issuers: frozenset = frozenset()  # names and aliases of its ISSUED_BY agencies, and its issuer string
    province: str | None = None
    city: str | None = None
    county: str | None = None
    level: str | None = None
    date: str | None = None


@dataclass
class Citation:
    """What a citing text printed about a document (the raw citation on the edge)."""
    title: str | None = None
    number: str | None = None
    issuer_hint: tuple[str, ...] = ()
    date_hint: str | None = None
    keys: frozenset = field(default=frozenset(), init=False)

    def __post_init__(self):
        self.keys = frozenset(title_variants(self.title)) if self.title else frozenset()


@dataclass(frozen=True)
class Match:
    key: str
    basis: str  # number | title
    score: float


def _region_ok(citing: Doc, cand: Doc) -> bool:
    """The candidate's region is the citing region, an ancestor of it, or national."""
    if cand.level == "national" or not (cand.province or cand.city or cand.county):
        return True
    if not (citing.province or citing.city or citing.county):
        return citing.level != "national"
    return all(c is None or c == own for c, own in ((cand.province, citing.province), (cand.city, citing.city),
                                                     (cand.county, citing.county)))


def rejection(citing: Doc, cand: Doc, c: Citation) -> str | None:
    """Why ``cand`` cannot be the document ``c`` names, or None.

    >>> city = Doc("C", province="河南省", city="许昌市", level="city", date="2021-05-01")
    >>> rejection(city, Doc("K", province="河南省", city="开封市", level="city"), Citation("关于X的意见"))
    'another region'
    >>> rejection(city, Doc("P", province="河南省", level="province", date="2021-06-01"), Citation("关于X的意见"))
    'dated after the citing document'
    >>> rejection(city, Doc("P", province="河南省", level="province", title="关于X的意见(征求意见稿)"), Citation("关于X的意见"))
    'a draft for a final text'
    """
    if cand.key == citing.key:
        return "the citing document itself"
    if cand.date and citing.date and cand.date[:10] > citing.date[:10]:
        return "dated after the citing document"
    if not _region_ok(citing, cand):
        return "another region"
    title = c.title or ""
    if _OWN_CITY.match(title) and (cand.city or cand.province) != (citing.city or citing.province):
        return "我市 names the citing city's own document"
    if _OWN_PROVINCE.match(title) and cand.province != citing.province:
        return "我省 names the citing province's own document"
    if c.number and cand.number and number_key(c.number) != number_key(cand.number):
        return "another 文号"
    if _ANNUAL.search(title) and not c.issuer_hint and (cand.date or "")[:4] != (c.date_hint or citing.date or "")[:4]:
        return "an annual report of another year"
    if bool(_DRAFT.search(cand.title or "")) != bool(_DRAFT.search(title)) and c.title:
        return "a draft for a final text" if _DRAFT.search(cand.title or "") else "a final text for a draft"
    return None


def _norm(name: str) -> str:
    return _NOISE.sub("", name)


def issuer_evidence(c: Citation, cand: Doc) -> int:
    """+1 when a body printed with the citation (before the title, or in the title) is one of the
    candidate's issuers, -1 when the citation names bodies and none of them is, 0 when it names none.

    >>> issuer_evidence(Citation("河南省人民政府关于X的意见"), Doc("P", issuers=frozenset({"河南省人民政府"})))
    1
    >>> issuer_evidence(Citation("住房城乡建设部关于X的通知"), Doc("N", issuers=frozenset({"住房和城乡建设部"})))
    1
    >>> issuer_evidence(Citation("湖北省人民政府关于X的意见"), Doc("P", issuers=frozenset({"河南省人民政府"})))
    -1
    """
    hints = [h for h in c.issuer_hint if h]
    in_title = split_title(c.title or "")[0]
    if in_title:
        hints.append(in_title)
    names = [n for n in cand.issuers if n]
    if not hints or not names:
        return 0
    for h in map(_norm, hints):
        for n in map(_norm, names):
            if len(h) >= 2 and len(n) >= 2 and (h in n or n in h or fuzz.partial_ratio(h, n) >= 90):
                return 1
    return -1


def score(citing: Doc, cand: Doc, c: Citation, similarity: float) -> float:
    """A title match's score: its similarity times the evidence (issuer, level above, printed date).

    >>> city = Doc("C", province="河南省", city="许昌市", level="city")
    >>> prov = Doc("P", province="河南省", level="province", date="2021-03-02", issuers=frozenset({"河南省人民政府"}))
    >>> score(city, prov, Citation("关于X的意见"), 1.0), score(city, prov, Citation("河南省人民政府关于X的意见"), 1.0)
    (0.85, 0.95)
    >>> score(city, prov, Citation("关于X的意见", date_hint="2020"), 1.0), score(city, prov, Citation("关于X的意见", date_hint="2021-03"), 1.0)
    (0.75, 0.85)
    """
    factor = 0.8 + 0.1 * issuer_evidence(c, cand)
    if LEVEL_RANK.get(cand.level or "", -1) > LEVEL_RANK.get(citing.level or "", 9):
        factor += 0.05
    factor += date_evidence(c.date_hint, cand.date)
    return round(similarity * factor, 4)


def date_evidence(hint: str | None, date: str | None) -> float:
    """+0.05 when the printed date is the candidate's; 0 when close (a page published a few weeks
    after the signing date, a month or year that holds it); -0.1 when it is another date.

    >>> date_evidence("2023-03-25", "2023-03-25"), date_evidence("2023-03-25", "2023-04-04")
    (0.05, 0)
    >>> date_evidence("2023", "2023-04-04"), date_evidence("2022-11", "2023-04-04"), date_evidence(None, "2023")
    (0, -0.1, 0)
    """
    if not hint or not date:
        return 0
    if date.startswith(hint) and len(hint) == 10:
        return 0.05
    if len(hint) == 10:
        a, b = days(hint), days(date)
        return 0 if a is not None and b is not None and 0 <= b - a <= 60 else -0.1
    return 0 if date.startswith(hint) else -0.1


class Index:
    """The real documents by 文号 and by title key, to look citations up in."""

    def __init__(self, docs: dict[str, Doc]):
        self.docs = docs
        self.by_number: dict[str, list[str]] = {}
        self.by_title: dict[str, list[str]] = {}
        for d in docs.values():
            if d.stub:
                continue
            if d.number:
                self.by_number.setdefault(number_key(d.number), []).append(d.key)
            for k in d.title_keys:
                self.by_title.setdefault(k, []).append(d.key)
        self.title_list = sorted(self.by_title)
        self.own: dict[str, frozenset] = {}

    def titled(self, c: Citation) -> dict[str, float]:
        """Candidate key -> title similarity: 1.0 for a form of the candidate's own title, 0.99 for a
        form of another title it holds (an attached plan, a reported document), else the best fuzzy
        ratio / 100."""
        out: dict[str, float] = {}
        for k in c.keys:
            for key in self.by_title.get(k, ()):
                out[key] = max(out.get(key, 0.0), 1.0 if self.is_own(key, k) else 0.99)
        if out:
            return out
        for k in c.keys:
            for hit, ratio, _ in process.extract(k, self.title_list, scorer=fuzz.ratio, score_cutoff=FUZZY, limit=5):
                for key in self.by_title[hit]:
                    out[key] = max(out.get(key, 0.0), ratio / 100 * (1.0 if self.is_own(key, hit) else 0.99))
        return out

    def is_own(self, key: str, title_key: str) -> bool:
        """Whether a title key is a form of the document's own title (not of a plan it attaches or
        a document it reports)."""
        if key not in self.own:
            self.own[key] = frozenset(title_variants(self.docs[key].title or ""))
        return title_key in self.own[key]


def days(date: str | None) -> int | None:
    """Days since year 1 of an ISO date, None when unknown.

    >>> days("2021-03-02") - days("2021-03-01"), days("2021"), days(None)
    (1, None, None)
    """
    try:
        return datetime.date.fromisoformat((date or "")[:10]).toordinal()
    except ValueError:
        return None


def _order(cand: Doc, s: float) -> tuple:
    """Best first: score, then the latest date (the version in force when cited), then the key."""
    d = days(cand.date)
    return (-s, d is None, -(d or 0), cand.key)


def by_number(citing: Doc, c: Citation, index: Index) -> Match | None:
    """The document holding the cited 文号; of several (a page that reports a notice prints the
    notice's number too), one dated no later than the citing one, then the one whose title is cited,
    then the earliest."""
    cands = [index.docs[k] for k in index.by_number.get(number_key(c.number or ""), ())
             if k != citing.key and index.docs[k].number_from != citing.key]  # what it taught is no evidence
    if not cands:
        return None
    titled = index.titled(c) if len(cands) > 1 else {}
    later = lambda d: bool(d.date and citing.date and d.date[:10] > citing.date[:10])  # noqa: E731
    best = min(cands, key=lambda d: (later(d), -titled.get(d.key, 0.0), days(d.date) or 0, d.key))
    return Match(best.key, "number", 1.0)


def self_citation(citing: Doc, c: Citation) -> bool:
    """The citing page is itself a copy of the cited document (a news page naming the document it
    reports, 近日印发《X》): the cited title, as printed, is one of its own forms, and no other
    文号 is printed with it.

    >>> page = Doc("P", number=None, title_keys=frozenset({"关于X的通知", "湖南省关于X的通知"}))
    >>> self_citation(page, Citation("湖南省关于X的通知")), self_citation(page, Citation("国务院关于X的通知"))
    (True, False)
    >>> self_citation(page, Citation("湖南省关于X的通知", "湘政〔2020〕1号"))
    False
    """
    if c.number and (not citing.number or number_key(c.number) != number_key(citing.number)):
        return False
    return bool(c.title) and title_key(strip_tag(c.title)) in citing.title_keys


def resolve(citing: Doc, c: Citation, index: Index, numbers: bool = True) -> Match | None:
    """The document a citation names, by number, else by title (see the module docstring);
    ``numbers=False``: by title only."""
    if c.number and numbers:
        found = by_number(citing, c, index)
        if found:
            return found
    if self_citation(citing, c):
        return None
    best: tuple | None = None
    for key, similarity in index.titled(c).items():
        cand = index.docs[key]
        if rejection(citing, cand, c) is not None:
            continue
        s = score(citing, cand, c, similarity)
        if s >= ACCEPT and (best is None or _order(cand, s) < best[0]):
            best = (_order(cand, s), Match(key, "title", s))
    return best[1] if best else None


def learned_numbers(links: list[tuple[Doc, Citation]], index: Index) -> dict[str, tuple[str, str]]:
    """Document key -> (文号, citing document key) for real documents whose page does not print
    their number and a citation names them by title *with* a number: the first citing document
    (smallest key) decides.

    >>> prov = Doc("sha:1", province="河南省", level="province", title_keys=frozenset({"关于X的意见"}))
    >>> idx = Index({"sha:1": prov})
    >>> city = Doc("C", province="河南省", city="许昌市", level="city")
    >>> learned_numbers([(city, Citation("关于X的意见", "豫政〔2021〕6号"))], idx)
    {'sha:1': ('豫政〔2021〕6号', 'C')}
    """
    out: dict[str, tuple[str, str]] = {}
    for citing, c in sorted(links, key=lambda lc: (lc[0].key, lc[1].number or "", lc[1].title or "")):
        if not (c.number and c.title) or index.by_number.get(number_key(c.number)):
            continue
        m = resolve(citing, c, index, numbers=False)
        if m and not index.docs[m.key].number and m.key not in out:
            out[m.key] = (c.number, citing.key)
    return out


def title_of_key(key: str) -> str | None:
    """The title a ``title:`` stub key holds.

    >>> title_of_key("title:关于X的意见"), title_of_key("豫政〔2021〕6号") is None
    ('关于X的意见', True)
    """
    return key[len("title:"):] if key.startswith("title:") else None
