"""Duty tables: ``序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限``.

Web pages and converted documents deliver a table as a stream of ``|``-separated cells,
often one cell per line and with cells broken across lines.  The stream is read cell by
cell: an index or a numbered text starts a row, the long text cell is the task, cells that
are lists of bodies are its responsible (or, by the header, cooperating) units, and person
names, deadlines and section titles are recognised and set aside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import Form, split_names, structured_ok, suffix_of
from .deadlines import DEADLINE

_HEADER = re.compile(r"^(?:序号|编号|重点工作|专项工作|工作任务|主要任务|工作内容|任务|具体任务|目标任务|工作目标|"
                     r"责任领导|牵头领导|牵头市领导|分管领导|责任人|完成时限|完成时间|时间节点|时限|备注|类别|指标)$")
_ROLE_HEADER = re.compile(r"(?:牵头|责任|主办|主责|承办|配合|参与|协办|协同|参加)(?:单位|部门)|^(?:单位|部门)$")
_PERSON = re.compile(r"^[\u3400-\u9fff]{1,2}\s?[\u3400-\u9fff]{1,2}$")
_INDEX = re.compile(r"^\d{1,3}$")
_NUMBERED = re.compile(r"^\(?\d{1,2}[.、)]")


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Row:
    task: Cell
    agencies: list[tuple[Form, str]] = field(default_factory=list)  # (form, role)
    section: str | None = None


def cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of a table region, with spans (line breaks inside a cell are kept)."""
    out = []
    pos = start
    for part in re.split(r"\|", text[start:end]):
        s = pos + (len(part) - len(part.lstrip()))
        e = pos + len(part.rstrip())
        if e > s:
            out.append(Cell(text[s:e], s, e))
        pos += len(part) + 1
    return out


def _agency_cell(c: Cell) -> list[Form] | None:
    t = c.text.replace("\n", "")
    if len(t) > 200 or re.search(r"[。:]", t):
        return None
    forms = split_names(t, c.start, slot="responsible")
    if forms and all(structured_ok(f.text) and (suffix_of(re.sub(r"\([^()]*\)$", "", f.text)) or f.text.startswith("各"))
                     for f in forms):
        return forms
    return None


def read_table(text: str, start: int, end: int) -> list[Row]:
    """Rows with a task and the bodies assigned to it.

    >>> t = "序号 |\\n重点工作 |\\n责任单位 |\\n配合单位 |\\n1 |\\n加快建设科创走廊。 |\\n★市科技局、市发改委 |\\n团市委 |"
    >>> [(r.task.text, [(f.text, role, f.lead) for f, role in r.agencies]) for r in read_table(t, 0, len(t))]
    [('加快建设科创走廊。', [('市科技局', 'responsible', True), ('市发改委', 'responsible', False), ('团市委', 'cooperating', False)])]
    """
    rows: list[Row] = []
    roles: list[str] = []
    section = None
    prev_index = False
    agency_cells_seen = 0
    for c in cells(text, start, end):
        t = c.text.strip()
        flat = re.sub(r"\s+", "", t)
        if _HEADER.match(flat) or _ROLE_HEADER.search(flat) and len(flat) <= 8:
            if _ROLE_HEADER.search(flat):
                roles.append("cooperating" if re.search(r"配合|参与|协办|协同|参加", flat) else "responsible")
            continue
        if _INDEX.match(flat):
            prev_index = True
            continue
        forms = _agency_cell(c)
        if forms and rows:
            role = roles[agency_cells_seen] if agency_cells_seen < len(roles) else "responsible"
            agency_cells_seen += 1
            for f in forms:
                rows[-1].agencies.append((f, f.role or role))
            prev_index = False
            continue
        if _PERSON.match(t) or DEADLINE.fullmatch(flat) or flat in ("全年", "长期", "持续推进", "年内"):
            prev_index = False
            continue
        is_task = len(flat) >= 8 or _NUMBERED.match(flat) or (prev_index and len(flat) >= 6 and "。" in flat)
        if is_task and not re.search(r"牵头(?:重点)?工作$|^[(（][一二三四五六七八九十]+[)）]", flat):
            m = _NUMBERED.match(t)
            s = c.start + (m.end() if m else 0)
            rows.append(Row(Cell(text[s:c.end], s, c.end), section=section))
            agency_cells_seen = 0
        else:
            section = t
        prev_index = False
    return [r for r in rows if r.agencies]
