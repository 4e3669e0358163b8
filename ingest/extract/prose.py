"""Duties stated in prose: a body as the subject of a clause with a duty verb.

``市住建局要…``, ``由市财政局负责…``, ``各县(市、区)要…`` (a collective of places), ``桂林市要…``
(a place standing for its government); ``X会同Y…`` makes Y a cooperating party and
``X配合…`` makes X one.  The task is the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...vocab.duties import COOPERATING_VERB, DUTY_VERB, OBLIGATION_VERB, SUBJECT_LEAD
from ...vocab.places import gazetteer
from ...vocab.sentences import clauses, sentences
from .mentions import Mention

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


def prose_duties(text: str, s: int, e: int, mentions: dict[int, Mention]) -> Iterator[ProseDuty]:
    """Duties of the sentences in ``text[s:e]``; ``mentions`` are keyed by where they start.

    >>> t = "市财政局要筹措资金,会同市发改委做好分配;由市审计局负责监督。"
    >>> from .mentions import find_mentions
    >>> ms = {m.start: m for m in find_mentions(t)}
    >>> [(d.subject.text, d.role, d.rule) for d in prose_duties(t, 0, len(t), ms)]
    [('市财政局', 'responsible', 'duty:prose-subject'), ('市发改委', 'cooperating', 'duty:prose-huitong'), ('市审计局', 'responsible', 'duty:prose-subject')]
    """
    for ss, se in sentences(text, s, e):
        for cs, ce in clauses(text, ss, se):
            sub = subjects(text, cs, ce, mentions)
            if sub is None:
                yield from _you_duties(text, (ss, se), cs, ce, mentions)
                continue
            subs, pred = sub
            rest = text[pred:ce]
            if not DUTY_VERB.match(rest):
                continue
            role = "cooperating" if COOPERATING_VERB.match(rest) else "responsible"
            for m in subs:
                yield ProseDuty((ss, se), m, role, rest.startswith("牵头"), "duty:prose-subject")
            yield from huitong_duties(text, (ss, se), pred, se, mentions, "duty:prose-huitong")


def _you_duties(text, sentence, cs, ce, mentions) -> Iterator[ProseDuty]:
    """由X牵头 / 由X负责 inside a clause."""
    for m in re.finditer(r"由", text[cs:ce]):
        s2 = subjects(text, cs + m.end(), ce, mentions)
        if s2 and _YOU_VERB.match(text, s2[1]):
            for mm in s2[0]:
                yield ProseDuty(sentence, mm, "responsible", text.startswith("牵头", s2[1]), "duty:prose-you")


def huitong_duties(text, sentence, s, e, mentions, rule) -> Iterator[ProseDuty]:
    """会同Y: Y cooperates."""
    for hm in re.finditer(r"会同", text[s:e]):
        s2 = subjects(text, s + hm.end(), e, mentions)
        for mm in (s2[0] if s2 else []):
            yield ProseDuty(sentence, mm, "cooperating", False, rule)


def subjects(text: str, cs: int, ce: int, mentions: dict[int, Mention]) -> tuple[list[Mention], int] | None:
    """Bodies that open a clause, with where the predicate starts."""
    pos = SUBJECT_LEAD.match(text, cs, ce).end()
    subs = []
    while True:
        m = mentions.get(pos) or _implicit_subject(text, pos, ce)
        if m is None:
            break
        subs.append(m)
        pos = m.end
        sep = _LIST_JOIN.match(text, pos)
        if sep and sep.end() in mentions:
            pos = sep.end()
            continue
        break
    return (subs, pos) if subs else None


def _implicit_subject(text: str, pos: int, end: int) -> Mention | None:
    """A subject that is not a body's name but stands for one: a place (桂林市要…) or a
    collective of places (各县(市、区)要…), when a duty verb follows."""
    m = _COLLECTIVE_STUB.match(text, pos, end)
    if m and DUTY_VERB.match(text, m.end(), end):
        return Mention(m.group(0), m.start(), m.end(), "agency:collective-place")
    if pos >= end or text[pos] in "(,。;:、 \n":
        return None
    for name, st, e in gazetteer().find(text[pos:min(end, pos + 12)]):
        if st == 0 and name[-1] in "省市县区州盟旗" and OBLIGATION_VERB.match(text, pos + e, end):
            return Mention(name, pos, pos + e, "agency:place")
        break
    return None
