"""Duties stated in prose: a body as the subject of a clause with a duty verb.

``市住建局要…``, ``由市财政局负责…``, ``各县(市、区)要…`` (a collective of places), ``桂林市要…``
(a place standing for its government); ``X会同Y…`` makes Y a cooperating party and
``X配合…`` makes X one.  The task is the sentence.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ...vocab.duties import COOPERATING_VERB, DUTY_VERB, OBLIGATION_VERB, OBLIGATION_WORDS, SUBJECT_LEAD
from ...vocab.places import gazetteer
from ...vocab.sentences import clauses, sentences
from ...vocab.words import alternation
from .lists import split_names
from .markers import is_party
from .mentions import Mention
from .names import ZONE_ADMIN

_LEVEL_CHARS = set("省市县区州盟旗")
_LIST_END = re.compile(r"等(?:有关|相关)?(?:部门|单位)$")
_LIST_DUTY = re.compile(rf"(?:(?:按照?|根据)(?:各自)?职责(?:分工)?)?(?:{DUTY_VERB.pattern})")
_COLLECTIVE_STUB = re.compile(r"各(?:[省市县区州盟旗](?:\([^()]{1,8}\))?){1,3}(?:人民政府|政府)?")
_LIST_JOIN = re.compile(r"(?:、|和|及|与|以及|,)")
_YOU_VERB = re.compile(r"(?:牵头|负责|组织|会同|统筹)")


@dataclass
class ProseDuty:
    sentence: tuple[int, int]
    subject: Mention
    role: str
    lead: bool
    rule: str


class PlaceStarts:
    """Where a place name that says its level (桂林市, 各区 aside) starts at a position -> its end;
    looked up at clause starts only, by dictionary probes (no scan of the whole text)."""

    def __init__(self, text: str):
        self.text, self.names, self._memo = text, gazetteer().by_name, {}

    def get(self, pos: int) -> int | None:
        if self.text[pos:pos + 1] not in _first_chars():
            return None
        if pos not in self._memo:
            t = self.text
            self._memo[pos] = next((pos + k for k in range(8, 1, -1)
                                    if t[pos + k - 1:pos + k] in _LEVEL_CHARS and t[pos:pos + k] in self.names), None)
        return self._memo[pos]


@lru_cache(maxsize=1)
def _first_chars() -> frozenset[str]:
    return frozenset(n[0] for n in gazetteer().by_name)


# what a sentence needs for prose to find a duty in it besides a body's name: a collective (各…),
# 由X / 会同Y, or a place followed by a verb of obligation (桂林市要…)
_CAN_NAME = re.compile(r"[各由]|会同|[省市县区州盟旗]" + alternation(OBLIGATION_WORDS))


class MentionIndex(dict):
    """Mentions keyed by where they start, with the starts in order (for range questions)."""

    def __init__(self, mentions):
        super().__init__((m.start, m) for m in mentions)
        self.starts = sorted(self)


def _has_mention(mentions: dict[int, Mention], s: int, e: int) -> bool:
    starts = mentions.starts if isinstance(mentions, MentionIndex) else sorted(mentions)
    i = bisect.bisect_left(starts, s)
    return i < len(starts) and starts[i] < e


def place_starts(text: str) -> PlaceStarts:
    return PlaceStarts(text)


def prose_duties(text: str, s: int, e: int, mentions: dict[int, Mention],
                 places: PlaceStarts | None = None) -> Iterator[ProseDuty]:
    """Duties of the sentences in ``text[s:e]``; ``mentions`` are keyed by where they start,
    ``places`` (:func:`place_starts`) too.

    >>> t = "市财政局要筹措资金,会同市发改委做好分配;由市审计局负责监督。"
    >>> from .mentions import find_mentions
    >>> ms = {m.start: m for m in find_mentions(t)}
    >>> [(d.subject.text, d.role, d.rule) for d in prose_duties(t, 0, len(t), ms)]
    [('市财政局', 'responsible', 'duty:prose-subject'), ('市发改委', 'cooperating', 'duty:prose-huitong'), ('市审计局', 'responsible', 'duty:prose-subject')]
    """
    if not _CAN_NAME.search(text, s, e) and not _has_mention(mentions, s, e):
        return  # (most units: no sentence of theirs can name a body)
    places = place_starts(text) if places is None else places
    for ss, se in sentences(text, s, e):
        if not _CAN_NAME.search(text, ss, se) and not _has_mention(mentions, ss, se):
            continue  # no body, collective, place or 由 in it: nobody is given work here
        parts = list(clauses(text, ss, se))
        for k, (cs, ce) in enumerate(parts):
            listed = _listed_subjects(text, cs, ce, parts[k + 1] if k + 1 < len(parts) else None)
            for f in listed:
                yield ProseDuty((ss, se), f, "responsible", False, "duty:prose-list")
            if listed:
                continue
            sub = subjects(text, cs, ce, mentions, places)
            if sub is None:
                yield from _you_duties(text, (ss, se), cs, ce, mentions, places)
                continue
            subs, pred = sub
            rest = text[pred:ce]
            verb = DUTY_VERB.match(rest)
            if not verb or rest.startswith("了", verb.end()):
                continue  # 制定了《…》: an act the text reports, not work it gives
            role = "cooperating" if COOPERATING_VERB.match(rest) else "responsible"
            for m in subs:
                yield ProseDuty((ss, se), m, role, rest.startswith("牵头"), "duty:prose-subject")
            yield from huitong_duties(text, (ss, se), pred, se, mentions, "duty:prose-huitong", places)


def _you_duties(text, sentence, cs, ce, mentions, places) -> Iterator[ProseDuty]:
    """由X牵头 / 由X负责 inside a clause."""
    i = text.find("由", cs, ce)
    while i >= 0:
        s2 = subjects(text, i + 1, ce, mentions, places)
        if s2 and _YOU_VERB.match(text, s2[1]):
            for mm in s2[0]:
                yield ProseDuty(sentence, mm, "responsible", text.startswith("牵头", s2[1]), "duty:prose-you")
        i = text.find("由", i + 1, ce)


def huitong_duties(text, sentence, s, e, mentions, rule, places=None) -> Iterator[ProseDuty]:
    """会同Y: Y cooperates."""
    places = places or PlaceStarts(text)
    i = text.find("会同", s, e)
    while i >= 0:
        s2 = subjects(text, i + 2, e, mentions, places)
        for mm in (s2[0] if s2 else []):
            yield ProseDuty(sentence, mm, "cooperating", False, rule)
        i = text.find("会同", i + 2, e)


def _listed_subjects(text: str, cs: int, ce: int, nxt: tuple[int, int] | None) -> list[Mention]:
    """``市公安局、市资源规划、市大数据局等部门,按照各自职责负责…``: a clause that is a list of
    bodies (ending in 等部门) and a next clause that starts with their duty."""
    if nxt is None or not _LIST_END.search(text, cs, ce) or not _LIST_DUTY.match(text, nxt[0], nxt[1]):
        return []
    start = SUBJECT_LEAD.match(text, cs, ce).end()
    forms = split_names(text[start:ce], start)
    if len(forms) < 2 or not all(is_party(f.distributed or f.text) for f in forms):
        return []
    return [Mention(f.text, f.start, f.end, "agency:list") for f in forms]


def subjects(text: str, cs: int, ce: int, mentions: dict[int, Mention],
             places: PlaceStarts) -> tuple[list[Mention], int] | None:
    """Bodies that open a clause, with where the predicate starts."""
    pos = SUBJECT_LEAD.match(text, cs, ce).end()
    subs = []
    while True:
        m = mentions.get(pos) or _implicit_subject(text, pos, ce, places)
        if m is None:
            break
        subs.append(m)
        pos = m.end
        sep = _LIST_JOIN.match(text, pos)
        if sep and sep.end() in mentions:
            pos = sep.end()
            continue
        zone = ZONE_ADMIN.match(text, sep.end()) if sep and sep.group(0) == "、" else None
        if zone:  # 各区县、开发区管委会是…: a zone's administration in a list of subjects
            subs.append(Mention(zone.group(0), zone.start(), zone.end(), "agency:zone-administration"))
            pos = zone.end()
        break
    return (subs, pos) if subs else None


def _implicit_subject(text: str, pos: int, end: int, places: PlaceStarts) -> Mention | None:
    """A subject that is not a body's name but stands for one: a place (桂林市要…) or a
    collective of places (各县(市、区)要…), when a duty verb follows."""
    if text.startswith("各", pos):
        m = _COLLECTIVE_STUB.match(text, pos, end)
        if m and (DUTY_VERB.match(text, m.end(), end) or ZONE_ADMIN.match(text, m.end() + 1)
                  and text.startswith("、", m.end())):  # 各区县、开发区管委会是…
            return Mention(m.group(0), m.start(), m.end(), "agency:collective-place")
    e = places.get(pos)
    if e is not None and e <= end and OBLIGATION_VERB.match(text, e, end):
        return Mention(text[pos:e], pos, e, "agency:place")
    return None
