"""Functional names: who carries a measure when the text names a function, not a body.

``建设主管部门要…``, ``行业主管部门负责…``, ``建设单位应当…``: a measure's holder is a functional
name.  A document may say which bodies such a name stands for (``市住房城乡建设管理委、市交通委、
市水务局等(以下统称“行业主管部门”)``); the definition is kept with its members, so alignment can
read ``区各行业主管部门`` of a lower document against the bodies of the upper one.  Functional
names are not agencies (no duty is given to them): they are facts of their own, with provenance.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...vocab.duties import SUBJECT_LEAD
from ...vocab.measures import (FUNCTIONAL_DEFINITION, FUNCTIONAL_HOLDERS, FUNCTIONAL_JOIN, FUNCTIONAL_SUBJECT,
                               FUNCTIONAL_VERBS)
from ...vocab.sentences import after_last, sentences
from ...vocab.words import alternation
from .lists import split_names
from .markers import is_party

_MAY_HOLD = re.compile(alternation(FUNCTIONAL_HOLDERS, "各[区县市]"))
# where a functional name may stand before its duty verb (a cheap look over the whole text)
FUNCTIONAL_HINT = re.compile(alternation(FUNCTIONAL_HOLDERS, "各[区县市]") + "[,、]?" + alternation(FUNCTIONAL_VERBS))
_ETC = re.compile(r"等(?:[\u4e00-\u9fff]{0,12}(?:部门|单位|机构|主体))?$")


@dataclass
class FunctionalName:
    name: str
    start: int
    end: int
    rule: str
    members: list[str] = field(default_factory=list)  # the bodies a definition lists
    member_spans: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"name": self.name, "members": self.members, "span": [self.start, self.end], "rule": self.rule,
                "member_spans": [list(s) for s in self.member_spans]}


def functional_definitions(text: str) -> list[FunctionalName]:
    """Names a document defines for a group of bodies, with the bodies.

    >>> t = "市住房城乡建设管理委、市交通委、市水务局等行业主管部门(以下统称“行业主管部门”)负责…"
    >>> [(d.name, d.members, t[d.start:d.end]) for d in functional_definitions(t)]
    [('行业主管部门', ['市住房城乡建设管理委', '市交通委', '市水务局'], '行业主管部门')]
    """
    out = []
    for m in FUNCTIONAL_DEFINITION.finditer(text):
        start = after_last(text, m.start(), "。;:,\n")
        listed = _ETC.sub("", text[start:m.start()])
        forms = [f for f in split_names(listed, start) if is_party(f.distributed or f.text)]
        out.append(FunctionalName(m.group("name"), m.start("name"), m.end("name"), "functional:definition",
                                  [f.text for f in forms], [(f.start, f.end) for f in forms]))
    return out


def task_holders(text: str, span: tuple[int, int], agency_starts: set[int],
                 defined: dict[str, FunctionalName]) -> list[dict]:
    """Functional names that open a sentence of a task (``建设单位应当…``), with the bodies a
    definition of the document gives them; a name that holds a duty of the task already
    (``agency_starts``) is left out unless a definition says what it stands for.

    >>> t = "建设单位应当落实安全责任。行业主管部门和项目(法人)单位负责指导。"
    >>> [(h["name"], h["stands_for"]) for h in task_holders(t, (0, len(t)), set(), {})]
    [('建设单位', []), ('行业主管部门', []), ('项目(法人)单位', [])]
    """
    out, seen = [], set()
    if not _MAY_HOLD.search(text, span[0], span[1]):
        return out  # (most tasks: no functional name in them at all)
    for ss, se in sentences(text, span[0], span[1]):
        pos = SUBJECT_LEAD.match(text, ss, se).end()
        m = FUNCTIONAL_SUBJECT.match(text, pos, se)
        if not m:
            continue
        for k, (s, e) in enumerate(_members(text, m.start("name"), m.end("name"))):
            name = text[s:e]
            d = defined.get(name) or defined.get(re.sub(r"^(?:[省市县区]?各|相关|有关)", "", name))
            if s in agency_starts and d is None:
                if k == 0:
                    break  # (市重大办会同…部门: a body's clause)
                continue  # (a body with a duty here, unless the document says which bodies the name stands for)
            if name in seen:
                continue
            seen.add(name)
            out.append({"name": name, "span": [s, e], "rule": "holder:functional", "stands_for": d.members if d else []})
    return out


def _members(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``行业主管部门和建设单位`` -> the spans of both names."""
    out, pos = [], s
    for j in FUNCTIONAL_JOIN.finditer(text, s, e):
        out.append((pos, j.start()))
        pos = j.end()
    return out + [(pos, e)]
