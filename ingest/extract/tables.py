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

from ...vocab.tables import HEADER_CELLS, HEADER_ENDINGS, OPEN_ENDED_TIMES, ROLE_HEADS
from ...vocab.words import alternation
from .deadlines import DEADLINE
from .lists import Form, split_names
from .names import structured_ok, suffix_of

_HEADER = re.compile("^" + alternation(HEADER_CELLS) + "$")
_ROLE_HEADER = re.compile(alternation(ROLE_HEADS) + "(?:单位|部门)|^(?:单位|部门)$")
_COOP_HEADER = re.compile(r"配合|参与|协办|协同|参加")
_ROLE_LINE = re.compile(r"^\s*(?:[\u4e00-\u9fff]{0,4}(?:单位|部门)|(?:\([^()\n]{1,6}\)))\s*$", re.M)
# what a header cell of a task table ends with (项目序号, 任务类型, 工作要求 …), and the second line of a
# cell broken over two (责任部门 / (单位))
_HEADER_END = re.compile(alternation(HEADER_ENDINGS) + "$")
_PERSON_HEADER = re.compile(r"领导|责任人|联系人")
_FRAGMENT = re.compile(r"^\([\u3400-\u9fff、]{1,6}\)$")
_PERSON = re.compile(r"^[\u3400-\u9fff]{1,2}\s?[\u3400-\u9fff]{1,2}$")
_INDEX = re.compile(r"^\d{1,3}$")
_NUMBERED = re.compile(r"^\(?\d{1,2}[.、)]")
# a time cell of a task table: 2026年起, 2026年汛期前, 2025.12.31, 2025年
_TIME_CELL = re.compile(r"^(?:19|20)\d{2}(?:年[\u3400-\u9fff]{0,4}?(?:前|起|后|内|底|末)?|[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?)$")


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
    line without bars (a cell may break over two lines: ``责任部门`` / ``(单位)``), then rows
    that each start with the next index (1, 2, 3 …)."""
    if not _ROLE_LINE.search(text):
        return []  # (most texts: no line is a role column's header)
    lines = _lines(text)
    out = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_header_cell(text[lines[j][0]:lines[j][1]].strip()):
            j += 1
        heads = _header_columns([text[a:b].strip() for a, b in lines[i:j]])
        if len(heads) >= 3 and any(_ROLE_HEADER.search(h) for h in heads) and "|" not in text[lines[i][0]:lines[j - 1][1]]:
            end = _flat_rows_end(text, lines, j, heads)
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
    return bool(flat) and (bool(_HEADER.match(flat)) or (len(flat) <= 8 and bool(_ROLE_HEADER.search(flat)))
                           or bool(_FRAGMENT.match(flat)) or (len(flat) <= 6 and bool(_HEADER_END.search(flat))))


def _header_columns(cells: list[str]) -> list[str]:
    """Header cells with the fragments of a cell broken over lines joined: 责任部门 (单位) -> 责任部门(单位).

    >>> _header_columns(["项目序号", "改革任务", "责任部门", "(单位)", "配合部门", "(单位)"])
    ['项目序号', '改革任务', '责任部门(单位)', '配合部门(单位)']
    """
    out: list[str] = []
    for c in (re.sub(r"\s+", "", c) for c in cells):
        if out and _FRAGMENT.match(c):
            out[-1] += c
        else:
            out.append(c)
    return out


def _flat_rows_end(text: str, lines: list[tuple[int, int]], first: int, heads: list[str]) -> int:
    """Where the rows after a flat header end: after the last row that starts with the
    expected index; the last row ends after its role cells when the roles close the header,
    else after as many lines as the header has columns."""
    expected, end, k = 1, lines[first - 1][1], first
    roles_last = any(_ROLE_HEADER.search(h) for h in heads[-2:])
    while k < len(lines) and text[lines[k][0]:lines[k][1]].strip() == str(expected):
        nxt = k + 1
        while nxt < len(lines) and text[lines[nxt][0]:lines[nxt][1]].strip() != str(expected + 1):
            nxt += 1
        cells = lines[k + 1:nxt]
        if nxt >= len(lines) or len(cells) > len(heads) + 1:  # the last row: only its own cells
            cells = _last_row(text, cells, len(heads), roles_last)
        end = cells[-1][1] if cells else lines[k][1]
        expected, k = expected + 1, nxt
    return end


def _last_row(text: str, cells: list[tuple[int, int]], ncols: int, roles_last: bool) -> list[tuple[int, int]]:
    """The lines of the table's last row: up to its last role cell (and the fragments of it)
    when the role columns close the header, else as many lines as the header has columns."""
    if not roles_last:
        return cells[:ncols - 1]
    last_agency = None
    for n, (a, b) in enumerate(cells[:ncols + 4]):
        line = text[a:b].strip()
        if _agency_cell(Cell(line, a, b)) or (last_agency is not None and _FRAGMENT.match(line)):
            last_agency = n
        elif last_agency is not None:
            break
    return cells[:last_agency + 1] if last_agency is not None else cells[:ncols - 1]


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
    """Rows with a task and the bodies assigned to it (every row of a one-cell-per-line table,
    whether or not it names a body).

    >>> t = "序号 |\\n重点工作 |\\n责任单位 |\\n配合单位 |\\n1 |\\n加快建设科创走廊。 |\\n★市科技局、市发改委 |\\n团市委 |"
    >>> [(r.task.text, [(f.text, role, f.lead) for f, role in r.agencies]) for r in read_table(t, TableRegion(0, len(t)))]
    [('加快建设科创走廊。', [('市科技局', 'responsible', True), ('市发改委', 'responsible', False), ('团市委', 'cooperating', False)])]
    """
    if region.flat:
        return read_flat_table(text, region)
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
        if _PERSON.match(t) or DEADLINE.fullmatch(flat) or flat in OPEN_ENDED_TIMES:
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


def read_flat_table(text: str, region: TableRegion) -> list[Row]:
    """Rows of a one-cell-per-line table, read by column: each row runs from its index to the
    next, so a row with an empty cell (no 配合单位, no 责任领导) never takes the next row's
    cells.  Bodies' cells fill the role columns in order (the cells after the first all go to
    the last role column); the text cells are the task, except a leading category cell that
    only the first row of a group prints (任务类型, merged over the rows below it), which is the
    section of the rows that follow.

    >>> t = ("序号\\n任务类型\\n改革任务\\n责任部门\\n(单位)\\n配合部门\\n(单位)\\n1\\n推进移交\\n编制方案。\\n区建管委\\n(区水务局)\\n区财政局\\n"
    ...      "2\\n完成设施核验。\\n区建管委\\n3\\n强化管理\\n开展绩效分析。\\n区财政局\\n区建管委\\n区国资委")
    >>> [(r.task.text, r.section, [(f.text, role) for f, role in r.agencies]) for r in read_flat_table(t, find_tables(t)[0])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('编制方案。', '推进移交', [('区建管委', 'responsible'), ('区财政局', 'cooperating')]),
     ('完成设施核验。', '推进移交', [('区建管委', 'responsible')]),
     ('开展绩效分析。', '强化管理', [('区财政局', 'responsible'), ('区建管委', 'cooperating'), ('区国资委', 'cooperating')])]
    """
    lines = [(a + region.start, b + region.start) for a, b in _lines(text[region.start:region.end])]
    k = 0
    while k < len(lines) and _is_header_cell(text[lines[k][0]:lines[k][1]].strip()):
        k += 1
    heads = _header_columns([text[a:b] for a, b in lines[:k]])
    roles = ["cooperating" if _COOP_HEADER.search(h) else "responsible" for h in heads if _ROLE_HEADER.search(h)]
    people = any(_PERSON_HEADER.search(h) for h in heads)
    rows, section = [], None
    for cells_ in _row_cells(text, lines[k:]):
        kinds = [_cell_kind(c, people) for c in cells_]
        texts = [c for c, kind in zip(cells_, kinds) if kind == "text"]
        agencies = [c for c, kind in zip(cells_, kinds) if kind == "agency"]
        rows.append((texts, agencies))
    most = max((len(t) for t, _ in rows), default=0)
    fewest = min((len(t) for t, _ in rows), default=0)
    out = []
    for texts, agencies in rows:
        if most > fewest and len(texts) == most and len(texts) > 1:
            section, texts = texts[0].text, texts[1:]  # the category cell of a group of rows
        if not texts:
            continue
        row = Row(Cell(text[texts[0].start:texts[-1].end], texts[0].start, texts[-1].end), section=section)
        for n, c in enumerate(agencies):
            role = roles[min(n, len(roles) - 1)] if roles else "responsible"
            row.agencies.extend((f, f.role or role) for f in _agency_cell(c) or [])
        out.append(row)
    return out


def _row_cells(text: str, lines: list[tuple[int, int]]) -> list[list[Cell]]:
    """The cells of each row (lines from one index to the next), fragments joined to their cell."""
    rows: list[list[Cell]] = []
    expected = 1
    for a, b in lines:
        line = text[a:b].strip()
        if line == str(expected):
            rows.append([])
            expected += 1
        elif rows:
            s = a + len(text[a:b]) - len(text[a:b].lstrip())
            if rows[-1] and _FRAGMENT.match(line):
                last = rows[-1][-1]  # 责任部门 / (单位): one cell; 区建管委 / (区水务局): the body's other name
                if not _agency_cell(last):
                    rows[-1][-1] = Cell(text[last.start:s + len(line)], last.start, s + len(line))
            else:
                rows[-1].append(Cell(line, s, s + len(line)))
    return rows


def _cell_kind(c: Cell, people: bool) -> str:
    """agency, text, or other (a person's name when the table has a column of them, a time)."""
    flat = re.sub(r"\s+", "", c.text)
    if _agency_cell(c):
        return "agency"
    if (people and _PERSON.match(c.text)) or DEADLINE.fullmatch(flat) or flat in OPEN_ENDED_TIMES or _TIME_CELL.match(flat):
        return "other"
    return "text"
