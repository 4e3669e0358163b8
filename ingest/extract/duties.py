"""Tasks and who carries them: the rule families composed over one outline.

Chinese plans say who does what in a handful of fixed ways.  Each is a small unit of its own:

1. :mod:`.tables` -- duty tables, read row by row;
2. :mod:`.markers` -- ``〔责任单位:X;配合单位:Y〕``, ``(X牵头,Y配合)``, ``(X、Y按职责分工负责)``:
   a marker assigns the text it closes (the item, or the stretch since the previous marker),
   a marker alone after the last sub-item of a section whose sub-items carry none assigns the
   section, and a marker line or a block of fields under an item assigns that item;
3. :mod:`.headings` -- a section headed by bodies (``一、省发展改革委`` then ``1.…2.…``);
4. agency lines -- ``X:负责…``;
5. :mod:`.prose` -- a body as the subject of a clause (``X要…``, ``由X负责…``, ``会同Y``).

The text of a task never includes the marker that assigns it.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ...vocab.duties import DUTY_VERB, FIELD_LINE
from ...vocab.measures import FUNCTIONAL_SUBJECT
from ...vocab.sentences import sentence_at
from .deadlines import find_deadline
from .headings import HeadingIndex
from .lists import Form, split_names
from .markers import Marker, Member, find_markers
from .mentions import Mention
from .names import GENERIC_ONLY, structured_ok, suffix_of
from .outline import Node, outline
from .prose import MentionIndex, huitong_duties, place_starts, prose_duties, subjects
from .registry import Registry
from .spans import Spans
from .tables import find_tables, read_table
from .units import Unit, task_units

_LINE = re.compile(r"\s*([^:\n]{2,40}):(?!\s*$)")
_LEAD_TRIM = " \t\n、,.:;。)〕】]"  # what the previous marker leaves before the next stretch
_UNIT_RULE = {"item": "task:item", "head": "task:section", "line": "task:line", "paragraph": "task:paragraph"}


@dataclass
class Task:
    id: str
    text: str
    start: int
    end: int
    section: str | None
    rule: str
    deadline: dict | None = None
    ordinal: int = 0
    parent: str | None = None  # the task of the item or section this one is a sub-item of
    node: Node | None = field(default=None, repr=False)
    owner: bool = False  # its node's own words (heading and text before the sub-items)

    def as_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "section": self.section, "deadline": self.deadline,
                "span": [self.start, self.end], "rule": self.rule, "ordinal": self.ordinal, "parent": self.parent}


@dataclass
class Duty:
    agency: str  # canonical name
    agency_key: str
    role: str
    lead: bool
    task: "Task | str"
    start: int
    end: int
    rule: str
    surface: str

    def as_dict(self) -> dict:
        return {"agency": self.agency, "agency_key": self.agency_key, "role": self.role, "lead": self.lead,
                "task": self.task, "span": [self.start, self.end], "rule": self.rule, "surface": self.surface}


class DutyBuilder:
    """Collects tasks (one per span) and duties (one per body, task and role)."""

    def __init__(self, text: str, registry: Registry, year: int | None):
        self.text, self.registry, self.year = text, registry, year
        self.tasks: dict[tuple[int, int], Task] = {}
        self.duties: list[Duty] = []
        self.blanket: list[Member] = []  # parties a marker said carry every later task
        self._seen: set = set()

    def task(self, s: int, e: int, node: Node | None, rule: str, owner: bool = False) -> Task | None:
        text = self.text
        while s < e and text[s] in _LEAD_TRIM:
            s += 1
        while e > s and text[e - 1] in " \t\n":
            e -= 1
        if e - s < 4:
            return None
        if (s, e) not in self.tasks:
            t = Task("", text[s:e], s, e, _section_of(text, node), rule, node=node, owner=owner)
            dl = find_deadline(t.text, self.year, s)
            t.deadline = dl.as_dict() if dl else None
            self.tasks[(s, e)] = t
        return self.tasks[(s, e)]

    def add(self, task: Task, form: Form | Mention, role: str, lead: bool, rule: str) -> None:
        reg = self.registry
        if isinstance(form, Form):
            a = reg.add(form.text, form.start, form.end, rule, form.inherit_prefix)
            if form.distributed and form.distributed != form.text:
                a = reg.add(form.distributed, form.start, form.end, rule)
                reg.add(form.text, form.start, form.end, rule, alias_of=a)
        else:
            a = reg.add(form.text, form.start, form.end, rule)
        key = (a.key, task.start, task.end, role)
        if key not in self._seen:
            self._seen.add(key)
            self.duties.append(Duty(a.name, a.key, role, lead, task, form.start, form.end, rule, form.text))

    def finish(self) -> tuple[list[Task], list[Duty]]:
        tasks = sorted(self.tasks.values(), key=lambda t: t.start)
        for i, t in enumerate(tasks, 1):
            t.id, t.ordinal = f"T{i}", i
        _link_parents(tasks)
        for d in self.duties:
            d.task = d.task.id
        return tasks, self.duties


def _link_parents(tasks: list[Task]) -> None:
    """Each task's parent: the task of the nearest item or section above it that has one (its
    own words: heading and text before the sub-items)."""
    owners = {id(t.node): t for t in tasks if t.owner and t.node is not None}
    for t in tasks:
        n = t.node.parent if t.owner and t.node is not None else t.node
        while n is not None:
            o = owners.get(id(n))
            if o is not None and o is not t:
                t.parent = o.id
                break
            n = n.parent


def _section_of(text: str, node: Node | None) -> str | None:
    while node is not None and node.parent is not None and node.parent.style != "root":
        node = node.parent
    if node is None or node.style == "root":
        return None
    return text[node.start:node.title_end].strip()[:60]


def extract_duties(text: str, registry: Registry, year: int | None, body_start: int = 0,
                   skip: list[tuple[int, int]] = (), mentions: list[Mention] | None = None,
                   anchors: list[int] = (), markers: list[Marker] | None = None) -> tuple[list[Task], list[Duty]]:
    """Tasks and duties of a cleaned text.  ``anchors`` are positions (of targets) whose item
    or sentence becomes a task even without a duty; ``markers`` may be given when the caller
    found them already."""
    b = DutyBuilder(text, registry, year)
    tables = find_tables(text)
    for tb in tables:
        _table_duties(b, text, tb)
    skip = Spans(list(skip) + [(tb.start, tb.end) for tb in tables])
    markers = [m for m in (find_markers(text) if markers is None else markers) if m.start not in skip]
    root = outline(text, skip=tables)
    by_mention = MentionIndex(mentions or [])
    places = place_starts(text)
    units = [u for u in task_units(text, root, body_start, {_line_start(text, m.start) for m in markers if m.alone},
                                   _subject_opener(text, by_mention, places), [m.start for m in markers],
                                   [tb.start for tb in tables])
             if u.start not in skip]
    heads = HeadingIndex(text)
    marked = Marked(units, markers)
    for i, u in enumerate(units):
        if marked.get(i):
            _marker_duties(b, text, units, i, marked, heads)
            # what follows the last marker is no marker's task (本措施由市住建局负责解释)
            _prose_unit(b, text, Unit(marked[i][-1].end, u.end, u.node, u.kind, False), by_mention, places)
        elif not _head_duties(b, u, heads) and not _line_duties(b, text, u, by_mention):
            _prose_unit(b, text, u, by_mention, places)
    _anchor_tasks(b, text, units, anchors, skip)
    _measure_tasks(b, units)
    return b.finish()


def _subject_opener(text: str, mentions: MentionIndex, places) -> Callable[[int, int], bool]:
    """Whether a line opens with the party that carries it: a body or a place with a duty verb
    (``各县(市、区)要…``), or a functional name (``建设单位应当…``, ``区各行业主管部门,负责…``)."""
    def opens(a: int, b: int) -> bool:
        if FUNCTIONAL_SUBJECT.match(text, a, b):
            return True
        sub = subjects(text, a, b, mentions, places)
        return bool(sub) and bool(DUTY_VERB.match(text, sub[1], b))
    return opens


def _measure_tasks(b: DutyBuilder, units: list[Unit]) -> None:
    """Every measure is a task, whether or not a body is named for it."""
    taken = Spans((t.start, t.end) for t in b.tasks.values())
    for u in units:
        if u.measure and not taken.overlaps(u.start, u.end):
            b.task(u.start, u.end, u.node, _UNIT_RULE[u.kind], u.owner)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _table_duties(b: DutyBuilder, text: str, tb) -> None:
    for row in read_table(text, tb):
        t = b.task(row.task.start, row.task.end, None, "task:table-row")
        if t:
            t.section = row.section
            for f, role in row.agencies:
                b.add(t, f, role, f.lead, "duty:table")


class Marked(dict):
    """Unit index -> its markers, and per outline node how many marked units lie inside it."""

    def __init__(self, units: list[Unit], markers: list[Marker]):
        super().__init__()
        starts = [u.start for u in units]
        for m in markers:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < units[i].end and m.members:
                self.setdefault(i, []).append(m)
        self.inside: Counter = Counter()
        for i in self:
            node = units[i].node
            while node is not None:
                self.inside[id(node)] += 1
                node = node.parent


def _marker_duties(b: DutyBuilder, text: str, units: list[Unit], i: int, marked: dict, heads: HeadingIndex) -> None:
    """Each marker assigns the stretch of its unit since the previous marker; a marker at the
    very start of a unit assigns the unit above; a lone closing marker may assign the section
    (its heading and own words: the sub-items stay tasks of their own, under it)."""
    u, ms = units[i], marked[i]
    seg = u.start
    for k, m in enumerate(ms):
        s, e, node, rule, owner = seg, m.start, u.node, "task:item", u.owner and seg == u.start
        if not text[s:e].strip(" ()〔〕[]【】,;。\n") and i > 0:
            prev = units[i - 1]
            s, e, node, owner = prev.start, _own_end(text, prev, marked.get(i - 1)), prev.node, prev.owner
        elif k == len(ms) - 1 and _closes_section(text, units, i, m, marked, heads):
            b.task(s, _before_fields(text, s, e), node, rule, owner)  # the last sub-item: a measure of its own
            node = u.node.parent
            s, e, rule, owner = node.text_start, node.own_end, "task:section", True
        t = b.task(s, _before_fields(text, s, e), node, rule, owner)
        seg = m.end
        if t is None:
            continue
        over = heads.bodies_over(u.node, u.start)
        if over and not any(x.role == "responsible" for x in m.members):
            for f in over:  # (二)省审计厅牵头的工作 … 协同单位:… -- the head still carries the item
                b.add(t, f, "responsible", f.lead, "duty:section-head")
        for x in m.members + b.blanket:
            b.add(t, x.form, x.role, x.lead, x.rule)
        b.blanket = b.blanket + m.blanket


def _before_fields(text: str, s: int, e: int) -> int:
    """A measure's text ends before the block of fields above its marker (政策依据:… 执行期限:…)."""
    line_start = text.rfind("\n", s, e) + 1
    if text[line_start:e].strip():
        return e  # the marker closes a line of text: no block of fields
    while line_start > s:
        prev = text.rfind("\n", s, line_start - 1) + 1
        if not FIELD_LINE.match(text[prev:line_start - 1]):
            break
        e = line_start = prev
    return e


def _own_end(text: str, u: Unit, ms: list[Marker] | None) -> int:
    return ms[0].start if ms else u.end


def _closes_section(text: str, units: list[Unit], i: int, m: Marker, marked: dict, heads: HeadingIndex) -> bool:
    """A marker after the last sub-item of a section, when no other unit of the section has
    one, assigns the whole section (``牵头单位:…`` closing sub-items 1-6)."""
    u = units[i]
    node = u.node
    if u.kind != "item" or node is None or node.parent is None or node.parent.style == "root":
        return False
    parent = node.parent
    if parent.children[-1] is not node or len(parent.children) < 2 or text[m.end:u.end].strip(" 。;,\n"):
        return False
    # the only markers in the section, which is not a body's list of tasks ((三)省编办牵头的工作 1.… 2.…)
    return marked.inside[id(parent)] == 1 and not heads.names_bodies(parent)


def _head_duties(b: DutyBuilder, u: Unit, heads: HeadingIndex) -> bool:
    if u.kind == "head" and heads.names_bodies(u.node):
        return True  # 一、省发展改革委 / (三)省编办牵头的工作: a heading, not a task
    over = heads.bodies_over(u.node, u.start)
    if not over:
        return False
    t = b.task(u.start, u.end, u.node, "task:item", u.owner)
    for f in over if t else ():
        b.add(t, f, "responsible", f.lead, "duty:section-head")
    return True


def _line_duties(b: DutyBuilder, text: str, u: Unit, mentions: dict[int, Mention]) -> bool:
    """``市发展改革委:负责…``: the bodies before the colon carry the rest of the line."""
    m = _LINE.match(text, u.start, u.end)
    if not m:
        return False
    forms = split_names(m.group(1), m.start(1))
    if not forms or not all(structured_ok(f.text) and suffix_of(f.text) and not GENERIC_ONLY.match(f.text)
                            for f in forms):
        return False  # (成员单位:X、Y lists members, it gives them no duty)
    t = b.task(m.end(), u.end, u.node, "task:line")
    if t:
        for f in forms:
            b.add(t, f, f.role or "responsible", f.lead, "duty:line")
        # 市发展改革委:负责会同市财政局… -- the other party cooperates
        for d in huitong_duties(text, (t.start, t.end), t.start, t.end, mentions, "duty:line-huitong"):
            b.add(t, d.subject, d.role, d.lead, d.rule)
    return True


def _prose_unit(b: DutyBuilder, text: str, u: Unit, mentions: dict[int, Mention], places) -> None:
    """Duties stated in prose: a measure carries the duties of its sentences; elsewhere (a
    preamble, a report, what follows a marker) the sentence is the task."""
    for d in prose_duties(text, u.start, u.end, mentions, places):
        if u.measure:
            t = b.task(u.start, u.end, u.node, _UNIT_RULE[u.kind], u.owner)
        else:
            t = b.task(d.sentence[0], d.sentence[1], u.node, "task:sentence")
        if t:
            b.add(t, d.subject, d.role, d.lead, d.rule)


def _anchor_tasks(b: DutyBuilder, text: str, units: list[Unit], anchors: list[int], skip: Spans) -> None:
    """A numbered item or a sentence that sets a target is a task even when no body is named
    for it (the plan's own work)."""
    starts = [u.start for u in units]
    spans = Spans((t.start, t.end) for t in b.tasks.values())
    for pos in anchors:
        if pos in spans or pos in skip:
            continue
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0 or pos >= units[i].end:
            continue
        u = units[i]
        if u.kind == "item":
            b.task(u.start, u.end, u.node, "task:item-unassigned")
        else:
            s, e = sentence_at(text, pos)
            b.task(max(s, u.start), min(e, u.end), u.node, "task:sentence-unassigned")
