"""Duty tables: ``序号 | 重点工作 | 责任领导 | 牵头单位 | 配合单位 | 完成时限``.

Web pages and converted documents deliver a table in two flattened shapes: a stream of
``|``-separated cells (often one cell per line, cells broken across lines), or one cell per
line with no separator at all, the header cells first (``序号`` / ``主要工作举措`` /
``牵头单位`` / ``配合单位``) and then each row's cells on consecutive lines.  Both are read as
a stream of cells: an index starts a row, the long text cell is the task, cells that are lists
of bodies are its responsible (or, by their column, cooperating) units, and person names,
deadlines and section titles are recognised and set aside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .deadlines import DEADLINE
from .lists import Form, split_names
from .names import structured_ok, suffix_of

_HEADER = re.compile(r"^(?:序号|编号|重点工作|专项工作|工作任务|主要任务|工作内容|任务|具体任务|目标任务|工作目标|主要工作举措|"
                     r"工作举措|主要举措|具体措施|政策措施|工作措施|重点任务|任务内容|项目|责任领导|牵头领导|牵头市领导|分管领导|"
                     r"责任人|完成时限|完成时间|时间节点|时限|备注|类别|指标|序号任务)$")
_ROLE_HEADER = re.compile(r"(?:牵头|责任|主办|主责|承办|落实|配合|参与|协办|协同|参加)(?:单位|部门)|^(?:单位|部门)$")
_COOP_HEADER = re.compile(r"配合|参与|协办|协同|参加")
_PERSON = re.compile(r"^[\u3400-\u9fff]{1,2}\s?[\u3400-\u9fff]{1,2}$")
_INDEX = re.compile(r"^\d{1,3}$")
_NUMBERED = re.compile(r"^\(?\d{1,2}[.、)]")
_OPEN_ENDED = ("全年", "长期", "持续推进", "年内", "常态化", "长期坚持")


@dataclass
class TableRegion:
    start: int
    end: int
    flat: bool = False  # one cell per line, no separators


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


def find_tables(text: str) -> list[TableRegion]:
    """Regions of ``|``-separated rows and of one-cell-per-line tables.

    >>> t = "前言。\\n序号\\n工作任务\\n牵头单位\\n配合单位\\n1\\n建立工作台账。\\n市住建局\\n市财政局\\n二、保障措施"
    >>> [(t[r.start:r.end].split("\\n")[0], r.flat) for r in find_tables(t)]
    [('序号', True)]
    """
    return sorted(_pipe_tables(text) + _flat_tables(text), key=lambda r: r.start)


def _pipe_tables(text: str) -> list[TableRegion]:
    """Runs of lines made of ``|``-separated cells (at least four bars in the run)."""
    regions, start, bars, last_end, pos = [], None, 0, 0, 0
    for line in text.split("\n"):
        end = pos + len(line)
        if "|" in line:
            if start is None:
                start, bars = pos, 0
            bars += line.count("|")
            last_end = end
        elif start is not None and len(line) > 120:
            if bars >= 4:
                regions.append(TableRegion(start, last_end))
            start = None
        pos = end + 1
    if start is not None and bars >= 4:
        regions.append(TableRegion(start, last_end))
    return regions


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines (web tables put blank lines between cells)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _flat_tables(text: str) -> list[TableRegion]:
    """A header of at least three header cells, one of them a role column, each on its own
    line without bars, then rows that each start with the next index (1, 2, 3 …)."""
    lines = _lines(text)
    out = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_header_cell(text[lines[j][0]:lines[j][1]].strip()):
            j += 1
        heads = [text[a:b].strip() for a, b in lines[i:j]]
        if j - i >= 3 and any(_ROLE_HEADER.search(h) for h in heads) and "|" not in text[lines[i][0]:lines[j - 1][1]]:
            end = _flat_rows_end(text, lines, j, ncols=j - i)
            if end > lines[j - 1][1]:
                out.append(TableRegion(lines[i][0], end, flat=True))
                i = next((k for k, (a, _) in enumerate(lines) if a >= end), len(lines))
                continue
        i = j + 1 if j > i else i + 1
    return out


def _is_header_cell(s: str) -> bool:
    if len(s) > 16:
        return False  # header cells are short words
    flat = re.sub(r"\s+", "", s)
    return bool(flat) and (bool(_HEADER.match(flat)) or (len(flat) <= 8 and bool(_ROLE_HEADER.search(flat))))


def _flat_rows_end(text: str, lines: list[tuple[int, int]], first: int, ncols: int) -> int:
    """Where the rows after a flat header end: after the last row that starts with the
    expected index and has no more lines than the header has columns (plus a section row)."""
    expected, end, k = 1, lines[first - 1][1], first
    while k < len(lines) and text[lines[k][0]:lines[k][1]].strip() == str(expected):
        nxt = k + 1
        while nxt < len(lines) and text[lines[nxt][0]:lines[nxt][1]].strip() != str(expected + 1):
            nxt += 1
        cells = lines[k:nxt]
        if len(cells) > ncols + 1:  # the last row: only its own cells
            cells = cells[:ncols]
        end = cells[-1][1]
        expected, k = expected + 1, nxt
    return end


def cells(text: str, region: TableRegion) -> list[Cell]:
    """The cells of a table region, with spans (line breaks inside a ``|`` cell are kept)."""
    sep = "\n" if region.flat else "|"
    out, pos = [], region.start
    for part in text[region.start:region.end].split(sep):
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


def read_table(text: str, region: TableRegion) -> list[Row]:
    """Rows with a task and the bodies assigned to it.

    >>> t = "序号 |\\n重点工作 |\\n责任单位 |\\n配合单位 |\\n1 |\\n加快建设科创走廊。 |\\n★市科技局、市发改委 |\\n团市委 |"
    >>> [(r.task.text, [(f.text, role, f.lead) for f, role in r.agencies]) for r in read_table(t, TableRegion(0, len(t)))]
    [('加快建设科创走廊。', [('市科技局', 'responsible', True), ('市发改委', 'responsible', False), ('团市委', 'cooperating', False)])]
    """
    rows: list[Row] = []
    roles: list[str] = []
    section = None
    prev_index = False
    agency_cells_seen = 0
    for c in cells(text, region):
        t = c.text.strip()
        flat = re.sub(r"\s+", "", t)
        if _is_header_cell(flat):
            if _ROLE_HEADER.search(flat):
                roles.append("cooperating" if _COOP_HEADER.search(flat) else "responsible")
            continue
        if _INDEX.match(flat):
            prev_index = True
            continue
        forms = _agency_cell(c)
        if forms and rows:
            role = roles[agency_cells_seen] if agency_cells_seen < len(roles) else "responsible"
            agency_cells_seen += 1
            rows[-1].agencies.extend((f, f.role or role) for f in forms)
            prev_index = False
            continue
        if _PERSON.match(t) or DEADLINE.fullmatch(flat) or flat in _OPEN_ENDED:
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
