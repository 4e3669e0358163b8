"""Tasks and who carries them.

Chinese plans say who does what in a handful of fixed ways, tried in this order for every
*unit* of text (a numbered item, or a paragraph outside numbered items):

1. a section headed by a body (``一、省发展改革委`` then ``1.…2.…``, ``(一)X牵头的工作``):
   every item below is that body's duty;
2. markers after or under a task: ``〔责任单位:X;配合单位:Y〕``, ``(X牵头,Y配合)``,
   ``(X、Y负责)``, ``牵头单位:X`` lines, a bare list of bodies in parentheses;
3. a line ``X:负责…``;
4. prose: a body as the subject of a clause (``X要…``, ``X负责…``, ``由X牵头…``), with
   ``会同Y`` / ``Y配合`` naming cooperating bodies.

The text of a task never includes the marker that assigns it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import (Form, Mention, Registry, find_mentions, free_ok, is_place, split_names, structured_ok,
                       suffix_of)
from .deadlines import find_deadline
from ...vocab.places import gazetteer
from .structure import Node, find_tables, outline
from .tables import read_table

# keys of duty markers -> role
MARKER_KEYS = [
    (r"(?:主要)?(?:责任|牵头|负责|主办|主责|承办)(?:单位|部门|处室|科室)?(?:及责任人)?", "responsible"),
    (r"(?:配合|参与|协办|协助|协同|参加|支持|会同)(?:单位|部门|处室)?", "cooperating"),
]
_KEY_RE = re.compile(r"(?P<key>(?:[省市县区]直)?(?:" + "|".join(k for k, _ in MARKER_KEYS) + r"))\s*[::]\s*")
_KEY_ROLE = [(re.compile(k), r) for k, r in MARKER_KEYS]
# a body heading a section: "省发展改革委", "市发改委牵头的工作", "省财政厅负责"
_HEAD_TAIL = re.compile(r"(?:牵头|负责|承担|主要)?(?:的)?(?:工作|事项|任务|职责)?[::]?$")
# a clause's subject followed by one of these words makes the clause its duty
_TRIGGER = re.compile(
    r"(?:要|将|应|须|必须|需|需要|负责|牵头|会同|统筹|对|从|于|定期|及时|切实|认真|按照|根据|组织|做好|抓紧|加快|积极|"
    r"进一步|继续|全面|具体|主要|重点|协调|指导|督促|研究|制定|加强|落实|配合|协助|参与|按|在|每|适时|尽快|全力|"
    r"着力|抓好|建立|完善|结合|依托|围绕|牵头|分别|共同|联合|各自|也要|还要|同时|立即)")
_COOP_TRIGGER = re.compile(r"(?:配合|协助|参与|协同)")


# lines under a task that say who leads it, when it is due, who answers for it
_ATTACHED = re.compile(r"(?m)^\s*[★☆]?(?:牵头|责任|配合|参与|协办|主办|协同|分管|联系|包抓|包联|完成)?[\u3400-\u9fff]{0,6}?"
                       r"(?:单位|部门|领导|责任人|时限|时间|期限)\s*[::]")


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

    def as_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "section": self.section, "deadline": self.deadline,
                "span": [self.start, self.end], "rule": self.rule, "ordinal": self.ordinal}


@dataclass
class Duty:
    agency: str  # canonical name
    agency_key: str
    role: str
    lead: bool
    task: str
    start: int
    end: int
    rule: str
    surface: str

    def as_dict(self) -> dict:
        return {"agency": self.agency, "agency_key": self.agency_key, "role": self.role, "lead": self.lead,
                "task": self.task, "span": [self.start, self.end], "rule": self.rule, "surface": self.surface}


@dataclass
class Unit:
    start: int
    end: int
    node: Node | None
    heads: list = field(default_factory=list)  # [(Form, rule)] from headings


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n、,.:;":
        s += 1
    while e > s and text[e - 1] in " \t\n":
        e -= 1
    return s, e


def heading_agencies(text: str, node: Node) -> list[Form]:
    """Bodies named by a heading that consists of nothing but their names.

    >>> t = "一、省发展改革委 1.加强沟通。"
    >>> root = outline(t)
    >>> [f.text for f in heading_agencies(t, root.children[0])]
    ['省发展改革委']
    """
    start = node.start + len(node.label)
    end = node.children[0].start if node.children else node.title_end
    title = text[start:end].strip()
    title = re.sub(r"[。;]$", "", title).strip()
    if not title or len(title) > 60 or "\n" in title.strip():
        return []
    core = _HEAD_TAIL.sub("", title).strip()
    if not core:
        return []
    offset = start + text[start:end].find(core)
    forms = split_names(core, offset)
    if forms and all(structured_ok(f.text) and (suffix_of(f.text) or f.text in ("各市", "各县")) for f in forms):
        return forms
    return []


def _marker_segments(text: str, s: int, e: int) -> list[tuple[int, int, int, int]]:
    """(marker_start, marker_end, list_start, list_end) of ``责任单位:…`` style markers."""
    out = []
    for m in _KEY_RE.finditer(text, s, e):
        ls = m.end()
        le = _list_end(text, ls, e)
        # the marker reaches back to its opening bracket, if any
        ms = m.start()
        j = ms - 1
        while j >= s and text[j] in " \t":
            j -= 1
        if j >= s and text[j] in "(〔【[":
            ms = j
        me = le + 1 if le < e and text[le] in ")〕】]" else le
        out.append((ms, me, ls, le, m.group("key")))
    return out


def _list_end(text: str, s: int, e: int) -> int:
    """End of a list of names: ; 。 or a line end, or the bracket that closes the marker --
    parentheses inside names (各县(市)区政府(管委会)) are skipped."""
    depth = 0
    for i in range(s, e):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch in ";。\n" or (ch in ")〕】]" and depth == 0):
            return i
    return e


def _role_of_key(key: str) -> str:
    for rx, role in _KEY_ROLE:
        if rx.search(key):
            return role
    return "responsible"


@dataclass
class Found:
    form: Form
    role: str
    lead: bool
    rule: str


class _Span:
    """A match-like view of a balanced bracket pair (group 0: with brackets, group 1: inside)."""

    def __init__(self, text: str, a: int, b: int):
        self.text, self.a, self.b = text, a, b

    def start(self, g: int = 0) -> int:
        return self.a + (1 if g else 0)

    def end(self, g: int = 0) -> int:
        return self.b - (1 if g else 0)

    def group(self, g: int = 0) -> str:
        return self.text[self.start(g):self.end(g)]


def _balanced_parens(text: str, s: int, e: int):
    """Outermost bracketed spans, nested parentheses allowed: (市发改委,各市(县)、区政府)."""
    close = {"(": ")", "〔": "〕", "【": "】"}
    i = s
    while i < e:
        ch = text[i]
        if ch in close:
            depth, j = 0, i
            while j < e and j - i < 240:
                if text[j] in "(〔【":
                    depth += 1
                elif text[j] in ")〕】":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j < e and depth == 0 and j - i >= 3:
                yield _Span(text, i, j + 1)
                i = j + 1
                continue
        i += 1


def _paren_duties(text: str, s: int, e: int) -> list[tuple[int, int, list[Found]]]:
    """Parenthesised assignments without keys: (X牵头,Y配合), (X、Y负责), (X、Y)."""
    out = []
    for m in _balanced_parens(text, s, e):
        inner = m.group(1)
        if _KEY_RE.search(inner):
            continue
        forms = split_names(inner, m.start(1))
        if not forms:
            continue
        ok = [f for f in forms if structured_ok(f.text) and (suffix_of(re.sub(r"\([^()]*\)$", "", f.text))
                                                           or f.text.startswith("各") or is_place(f.text))]
        if len(ok) != len(forms):
            continue
        if not any(re.match(r"^(?:[省市县区州]|各|自治区)", f.text) or free_ok(f.text) or is_place(f.text)
                   for f in forms):
            continue
        found = []
        has_role = any(f.role for f in forms)
        for f in forms:
            role = f.role or "responsible"
            found.append(Found(f, role, f.lead or (has_role and role == "responsible" and "牵头" in inner),
                               "duty:paren-roles" if has_role else "duty:paren-list"))
        out.append((m.start(), m.end(), found))
    return out


def _sentences(text: str, s: int, e: int):
    i = s
    for m in re.finditer(r"[。!?\n]", text[s:e]):
        j = s + m.end()
        if text[i:j].strip():
            yield i, j
        i = j
    if i < e and text[i:e].strip():
        yield i, e


def _clauses(text: str, s: int, e: int):
    i = s
    for m in re.finditer(r"[;,:]", text[s:e]):
        j = s + m.start()
        yield i, j
        i = s + m.end()
    yield i, e


_SUBJECT_LEAD = re.compile(r"\s*(?:[(（]?\d{1,2}[)）.、]?)?\s*(?:由|请|并由|并请|再由|要求|同时|另外|此外|对此)?")


_COLLECTIVE_STUB = re.compile(r"各(?:[省市县区州盟旗](?:\([^()]{1,8}\))?){1,3}(?:人民政府|政府)?")


def _implicit_subject(text: str, pos: int, end: int) -> Mention | None:
    """A subject that is not a body's name but stands for one: a place (桂林市要…) or a
    collective of places (各县(市、区)要…), when a duty word follows."""
    m = _COLLECTIVE_STUB.match(text, pos, end)
    if m and _TRIGGER.match(text, m.end(), end):
        return Mention(m.group(0), m.start(), m.end(), "agency:collective-place")
    for name, st, e in gazetteer().find(text[pos:min(end, pos + 12)]):
        if st == 0 and name[-1] in "省市县区州盟旗" and _TRIGGER.match(text, pos + e, end):
            return Mention(name, pos, pos + e, "agency:place")
        break
    return None


def _subjects(text: str, cs: int, ce: int, mentions: list[Mention]) -> tuple[list[Mention], int, str] | None:
    """Bodies that open a clause, with where the predicate starts and how they were introduced."""
    lead = _SUBJECT_LEAD.match(text, cs, ce)
    pos = lead.end()
    intro = text[cs:pos].strip()
    subs = []
    by_start = mentions if isinstance(mentions, dict) else {x.start: x for x in mentions}
    while True:
        m = by_start.get(pos)
        if m is None:
            m = _implicit_subject(text, pos, ce)
        if m is None:
            break
        subs.append(m)
        pos = m.end
        sep = re.match(r"(?:、|和|及|与|以及|,)", text[pos:pos + 2])
        if sep and pos + len(sep.group(0)) in by_start:
            pos += len(sep.group(0))
            continue
        break
    if not subs:
        return None
    return subs, pos, intro


def extract_duties(text: str, registry: Registry, year: int | None, body_start: int = 0,
                   skip: list[tuple[int, int]] = (), mentions: list[Mention] | None = None,
                   anchors: list[int] = ()):
    """Tasks and duties of a cleaned text.  Returns (tasks, duties).  ``anchors`` are positions
    (of targets) whose item or sentence becomes a task even without a duty."""
    tables = find_tables(text)
    root = outline(text, skip=tables)
    mentions = mentions if mentions is not None else find_mentions(text)
    mentions = {m.start: m for m in mentions}  # looked up by where a clause starts
    tasks: list[Task] = []
    duties: list[Duty] = []
    seen_duty = set()

    def section_of(node: Node | None) -> str | None:
        while node is not None and node.parent is not None and node.parent.style != "root":
            node = node.parent
        if node is None or node.style == "root":
            return None
        return text[node.start:node.title_end].strip()[:60]

    def new_task(s: int, e: int, node: Node | None, rule: str) -> Task | None:
        s, e = _strip_span(text, s, e)
        if e - s < 4:
            return None
        for t in tasks:
            if t.start == s and t.end == e:
                return t
        t = Task("", text[s:e], s, e, section_of(node), rule)
        dl = find_deadline(t.text, year, s)
        t.deadline = dl.as_dict() if dl else None
        tasks.append(t)
        return t

    def add_duty(task: Task, form: Form | Mention, role: str, lead: bool, rule: str) -> None:
        surface = form.text
        if isinstance(form, Form):
            a = registry.add(form.text, form.start, form.end, rule, form.inherit_prefix)
            if form.distributed and form.distributed != form.text:
                a = registry.add(form.distributed, form.start, form.end, rule, alias_of=None)
                registry.add(form.text, form.start, form.end, rule, alias_of=a)
        else:
            a = registry.add(form.text, form.start, form.end, rule)
        k = (a.key, task.start, task.end, role)
        if k in seen_duty:
            return
        seen_duty.add(k)
        duties.append(Duty(a.name, a.key, role, lead, "", form.start, form.end, rule, surface))
        duties[-1].task = task  # type: ignore[assignment]

    # tables first: their cells are not read as prose
    for tb in tables:
        for row in read_table(text, tb.start, tb.end):
            t = new_task(row.task.start, row.task.end, None, "task:table-row")
            if t:
                t.section = row.section
                for f, role in row.agencies:
                    add_duty(t, f, role, f.lead, "duty:table")
    skip = list(skip) + [(tb.start, tb.end) for tb in tables]
    # units: leaves of the outline, and the paragraphs between them
    leaves = [n for n in root.walk() if n.style != "root" and not n.children and n.start >= body_start]
    units: list[Unit] = []
    leaf_units: list[Unit] = []
    covered = []
    for n in leaves:
        s = n.start + len(n.label)
        covered.append((n.start, n.end))
        # a leaf that runs over several lines: its first line is a heading when it is short and
        # has no sentence in it; every further line is a unit, and a line that only holds a
        # marker (责任单位:…) belongs to the line before it
        lines = []
        p = s
        for line in text[s:n.end].split("\n"):
            if line.strip():
                if lines and (_KEY_RE.match(line.strip()) or _ATTACHED.match(line)):
                    lines[-1][1] = p + len(line)
                else:
                    lines.append([p, p + len(line)])
            p += len(line) + 1
        if len(lines) > 1 and len(text[lines[0][0]:lines[0][1]]) <= 40 and "。" not in text[lines[0][0]:lines[0][1]]:
            lines = lines[1:]
        elif len(lines) > 1 and not any(re.match(r"\s*[^:\n]{2,40}:", text[a:b]) for a, b in lines[1:]):
            lines = [[lines[0][0], lines[-1][1]]]
        for a, b in lines:
            units.append(Unit(a, b, n))
            leaf_units.append(units[-1])
    covered.sort()
    pos = body_start
    gaps = []
    for a, b in covered + [(len(text), len(text))]:
        if a > pos:
            gaps.append((pos, a))
        pos = max(pos, b)
    nodes = [n for n in root.walk() if n.style != "root"]  # pre-order: sorted by start
    starts = [n.start for n in nodes]
    for a, b in gaps:
        p = a
        for line in text[a:b].split("\n"):
            if line.strip():
                node = _deepest_containing(nodes, starts, p)
                units.append(Unit(p, p + len(line), node))
            p += len(line) + 1
    units.sort(key=lambda u: u.start)

    heads_cache: dict[int, list[Form]] = {}
    prev: Unit | None = None
    for u in units:
        if any(a <= u.start < b for a, b in skip):
            continue
        # 1. headed by bodies
        heads: list[Form] = []
        node = u.node
        anc = node
        if node is not None and node.children and u.start <= node.start:
            anc = None  # the heading line of a section is not a task of the section
        while anc is not None and anc.style != "root":
            if id(anc) not in heads_cache:
                heads_cache[id(anc)] = heading_agencies(text, anc)
            if heads_cache[id(anc)]:
                heads = heads_cache[id(anc)]
                break
            anc = anc.parent
        # 2. markers
        markers = _marker_segments(text, u.start, u.end)
        parens = _paren_duties(text, u.start, u.end) if not markers else []
        task_end = u.end
        found: list[Found] = []
        for ms, me, ls, le, key in markers:
            role = _role_of_key(key)
            for f in split_names(text[ls:le], ls, slot=role):
                if not structured_ok(f.text):
                    continue
                r = f.role or role
                found.append(Found(f, r, f.lead or ("牵头" in key and r == "responsible"), "duty:marker"))
            task_end = min(task_end, ms)
        for ps, pe, fs in parens:
            # only a parenthesis that closes the item (or its first sentence) assigns it
            tail = text[pe:u.end].strip()
            if tail and not re.match(r"^[。;,]?\s*$", tail[:2]) and len(tail) > 2 and not re.match(r"^[。;]", tail):
                continue
            found.extend(fs)
            task_end = min(task_end, ps)
        att = _ATTACHED.search(text, u.start, u.end)
        if att and att.start() > u.start:
            task_end = min(task_end, att.start())
        if found:
            if heads and not any(f.role == "responsible" for f in found):
                # (二)省审计厅牵头的工作 … 协同单位:… -- the head still carries the item
                found = [Found(f, "responsible", f.lead, "duty:section-head") for f in heads] + found
            t = new_task(u.start, task_end, u.node, "task:item")
            if t is None and prev is not None and not text[u.start:task_end].strip(" ()〔〕"):
                # a line that only holds the assignment belongs to the item above it
                t = new_task(prev.start, prev.end, prev.node, "task:item")
            if t:
                for f in found:
                    add_duty(t, f.form, f.role, f.lead, f.rule)
            prev = u
            continue
        prev = u
        if heads:
            t = new_task(u.start, u.end, u.node, "task:item")
            if t:
                for f in heads:
                    add_duty(t, f, "responsible", f.lead, "duty:section-head")
            continue
        # 3. "X:负责…" lines
        line_m = re.match(r"^\s*([^:\n]{2,40}):(?!\s*$)", text[u.start:u.end])
        if line_m:
            names = line_m.group(1)
            off = u.start + line_m.start(1)
            forms = split_names(names, off)
            if forms and all(structured_ok(f.text) and suffix_of(f.text) for f in forms):
                t = new_task(u.start + line_m.end(), u.end, u.node, "task:line")
                if t:
                    for f in forms:
                        add_duty(t, f, f.role or "responsible", f.lead, "duty:line")
                    # 市发展改革委:负责会同市财政局… -- the other party cooperates
                    for hm in re.finditer(r"会同", text[t.start:t.end]):
                        s2 = _subjects(text, t.start + hm.end(), t.end, mentions)
                        for mm in (s2[0] if s2 else []):
                            add_duty(t, mm, "cooperating", False, "duty:line-huitong")
                continue
        # 4. prose, clause by clause
        for ss, se in _sentences(text, u.start, u.end):
            sent_task = None
            for cs, ce in _clauses(text, ss, se):
                sub = _subjects(text, cs, ce, mentions)
                if not sub:
                    # 由X牵头 / 由X负责 inside a clause
                    for m in re.finditer(r"由", text[cs:ce]):
                        p = cs + m.end()
                        s2 = _subjects(text, p, ce, mentions)
                        if s2 and re.match(r"(?:牵头|负责|组织|会同|统筹)", text[s2[1]:s2[1] + 2]):
                            sent_task = sent_task or new_task(ss, se, u.node, "task:sentence")
                            if sent_task:
                                for mm in s2[0]:
                                    add_duty(sent_task, mm, "responsible", "牵头" in text[s2[1]:s2[1] + 2],
                                             "duty:prose-you")
                    continue
                subs, pred, intro = sub
                rest = text[pred:ce]
                if not _TRIGGER.match(rest):
                    continue
                role = "cooperating" if _COOP_TRIGGER.match(rest) else "responsible"
                sent_task = sent_task or new_task(ss, se, u.node, "task:sentence")
                if not sent_task:
                    break
                for mm in subs:
                    add_duty(sent_task, mm, role, rest.startswith("牵头"), "duty:prose-subject")
                # 会同Y: Y cooperates
                for hm in re.finditer(r"会同", rest):
                    p = pred + hm.end()
                    s2 = _subjects(text, p, ce, mentions)
                    if s2:
                        for mm in s2[0]:
                            add_duty(sent_task, mm, "cooperating", False, "duty:prose-huitong")
    # a numbered item or a sentence that sets a target or a deadline is a task even when no body
    # is named for it (the plan's own work)
    for pos in anchors:
        if any(t.start <= pos < t.end for t in tasks) or any(a <= pos < b for a, b in skip):
            continue
        u = next((x for x in units if x.start <= pos < x.end), None)
        if u is None:
            continue
        if u.node is not None and any(u is x for x in leaf_units):
            new_task(u.start, u.end, u.node, "task:item-unassigned")
        else:
            ss, se = next(((a, b) for a, b in _sentences(text, u.start, u.end) if a <= pos < b), (u.start, u.end))
            new_task(ss, se, u.node, "task:sentence-unassigned")
    tasks.sort(key=lambda t: t.start)
    for i, t in enumerate(tasks, 1):
        t.id, t.ordinal = f"T{i}", i
    for d in duties:
        d.task = d.task.id  # type: ignore[union-attr]
    return tasks, duties


def _deepest_containing(nodes: list[Node], starts: list[int], pos: int) -> Node | None:
    """In pre-order, the last node starting at or before ``pos`` that still contains it is the
    deepest one that does."""
    import bisect

    for i in range(bisect.bisect_right(starts, pos) - 1, -1, -1):
        if nodes[i].end > pos:
            return nodes[i]
    return None
