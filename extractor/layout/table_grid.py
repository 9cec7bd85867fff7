"""Tables in plain text, read into the same grid model (`Table` of `TableRow`s) as PDF tables.

Text copied from web pages, Word exports and PDF-to-text tools prints a table in one of a few
forms; each reader below turns one form into header rows and body rows of cells, so the one
meaning layer (`extractor.parse.table_semantics`) reads them all:

* pipe rows (``Indicator | 2014 | 2015 | Bron |``), with markdown rule lines ``---|---`` skipped;
* tab-separated rows;
* one cell per line (web pages): header cells, then per row a label followed by its cells;
* flattened rows (``pdftotext``): a header line of kinds and years, then ``label 329 4.977- 4.649-``;
* glued rows (separators lost): ``RekeningPrimitieve begroting…`` / ``20162017…`` / ``Lasten3.3543.139…``,
  split only where `extractor.layout.glued_cells` finds it certain.

A reader only builds a table when the header's column count and the rows' cell counts agree;
rows that do not fit are kept as single-cell rows, so the meaning layer can report them instead
of reading numbers into the wrong column. Nothing here decides what a column means beyond
"looks like a year / kind word / number" — that is the meaning layer's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from extractor.layout.cell_split import note_merged_text_cells
from extractor.layout.cut_rows import place_cut_off_row
from extractor.layout.glued_cells import glued_row, resolve_rows, split_glued_header, split_glued_numbers, split_glued_years
from extractor.layout.header_groups import (groups_over_sub_row, join_broken_kind_years, joined_broken_cell, kinds_over_years,
                                           lower_row_corner, stacked_header_rows, two_level_header, wide_group_header)
from extractor.layout.header_vocabulary import (UNIT_WORDS, column_role, is_area_header, is_balance_header, is_label_header, is_sign_legend,
                                                is_figure_note, is_mutation_header, is_picture_header, kind_word)
from extractor.layout.programme_titles import named_programme_title
from extractor.layout.tables import Table, TableRow
from extractor.layout.text_indicator_tables import footnotes_below, short_row_follows
from extractor.layout.year_row_blocks import year_row_blocks
from extractor.read.types import Line

_YEAR = re.compile(r"^\(?['‘’]?((19|20)\d{2}|\d{2})\)?$")
_FULL_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_NUMBER_CELL = re.compile(
    r"^([NV]\s+)?(€\s*)?[<>≤≥~]?\s*(-/-\s*|[-−])?\d{1,3}((\.\d{3})+|\d*)(,\d+)?-?\s*(%|‰)?\s*(\*+)?(\s*\((19|20)\d{2}\))?$"
)
_MISSING = {"-", "–", "—", "n.b.", "nb", "n.n.b.", "nnb", "n.v.t.", "nvt", "x", "pm", "p.m.", "0", "..", "…"}
_KIND_WORD = re.compile(
    r"realisatie|(?<!be)rekening|begroting|begroot|streef|nulmeting|peil|prognose|raming|doelstelling|ambitie|"
    r"werkelijk|(?:^|\d\s+)werk\.(?!\S)|resultaat|verschil|primitie|bijgesteld|gewijzigd|wijziging|actueel|meting|norm\b|baten|lasten|saldo",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(r"^(nr\.?|omschrijving|((effect|prestatie|beleids)-?)?indicator(en)?|naam|bron|meetinstrument|eenheid|programma|taakveld|exploitatie|kengetal(len)?|onderwerp)\b", re.IGNORECASE)
# The columns a row prints beside its name that say where or in what a figure is measured ("Bron", "Meetinstrument",
# "Eenheid"): no label column, and printed after the values they are trailing columns.
_NOTE_COLUMN = re.compile(r"^(bron|meetinstrument|eenheid)", re.IGNORECASE)
_NUMBERED_ROLE = re.compile(r"^(programma|taakveld|product)\s*:?\s+[A-Z]?\d", re.IGNORECASE)
_RULE_LINE = re.compile(r"^[\s|:\-–—=+]+$")
NADEEL_VOORDEEL = re.compile(r"[NV]")  # a mark printed before an amount: N(adeel) or V(oordeel)
_TOKEN_VALUE = re.compile(r"^(€)?[<>≤≥]?(-/-)?[-−]?\d{1,3}((\.\d{3})+|\d*)(,\d+)?-?%?$|^[-–—]$|^n\.?[bv]\.?(t\.?)?$|^n\.n\.b\.?$", re.IGNORECASE)


def is_number_cell(text: str) -> bool:
    """A cell that prints one number (Dutch format, maybe %, €, trailing minus, own year) or a no-value mark."""
    t = " ".join(text.split())
    return bool(t) and (bool(_NUMBER_CELL.match(t)) or t.lower() in _MISSING)


def is_year_cell(text: str) -> bool:
    return bool(_YEAR.match(text.strip())) and len(text.strip()) >= 2 and bool(_FULL_YEAR.search(text) or "'" in text)


def is_header_cell(text: str) -> bool:
    """A header-like cell: a year, a budget/indicator kind word with or without a year, or a role word."""
    t = text.strip()
    if not t or len(t) > 70:
        return False
    return bool(_FULL_YEAR.search(t) and len(t) <= 40) or bool(_KIND_WORD.search(t)) or bool(_ROLE_WORD.match(t)) \
        or bool(re.fullmatch(r"[A-Z]\s*/\s*[A-Z]", t))


def _row(cells: list[str], lines: tuple[int, int], page: int) -> TableRow:
    return TableRow(cells=cells, page=page, bbox=(0.0, 0.0, 0.0, 0.0), cell_boxes=[None] * len(cells),
                    spans=[1] * len(cells), lines=lines)


def _table(rows: list[TableRow], n_cols: int, method: str, above: list[Line]) -> Table:
    for row in rows:
        row.cells = (row.cells + [""] * n_cols)[:n_cols]
        row.cell_boxes = [None] * n_cols
        row.spans = [1] * n_cols
    page = rows[0].page
    table = Table(page=page, bbox=(0.0, 0.0, 0.0, 0.0), rows=rows, columns=[float(i) for i in range(n_cols + 1)],
                  method=method, confidence=0.8, pages=sorted({r.page for r in rows}))
    table.above = above
    return table


def _no(line: Line, fallback: int) -> int:
    return line.line_no if line.line_no is not None else fallback


# ------------------------------------------------------------------ pipe and tab rows


def _split_cells(text: str, sep: str) -> list[str]:
    cells = [c.strip() for c in text.split(sep)]
    if sep == "|":
        if cells and not cells[0]:
            cells = cells[1:]
        while cells and not cells[-1]:
            cells.pop()
    return cells


def _is_spread_cell(text: str) -> bool:
    """A line of a pipe row printed one cell per line: indented with a tab, one cell closed by a pipe ("\t\t 1.234  |")
    or only the row's empty cells ("\t\t||||||")."""
    return text.startswith("\t") and text.rstrip().endswith("|")


def join_spread_pipe_rows(lines: list[Line]) -> tuple[list[Line], dict[int, int]]:
    """Pipe rows whose cells each stand on their own tab-indented line (web pages copied as markdown) joined into one
    line per row, so the pipe reader sees the grid; returns the lines and, per joined row, its first line's number
    mapped to its last. A row opens with an unindented line ending in a pipe; a line of tabs alone ends it."""
    out: list[Line] = []
    ends: dict[int, int] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        if not line.text.startswith("\t") and line.text.rstrip().endswith("|"):
            while j < len(lines) and _is_spread_cell(lines[j].text):
                j += 1
        if j - i >= 2:
            text = " ".join(ln.text.strip() for ln in lines[i:j])
            out.append(Line(text=text, line_no=line.line_no, page=line.page))
            if line.line_no is not None and lines[j - 1].line_no is not None:
                ends[line.line_no] = lines[j - 1].line_no  # type: ignore[assignment]
        else:
            out.extend(lines[i:j])
        i = j
    return out, ends


def separated_tables(lines: list[Line], sep: str) -> list[tuple[Table, int, int]]:
    """Runs of lines holding `sep`; returns (table, first index, last index) per run (indexes of the joined lines
    when pipe rows were spread one cell per line)."""
    out: list[tuple[Table, int, int]] = []
    ends: dict[int, int] = {}
    if sep == "|":
        lines, ends = join_spread_pipe_rows(lines)
    i = 0
    while i < len(lines):
        if sep not in lines[i].text:
            i += 1
            continue
        start = i
        rows: list[TableRow] = []
        printed: list[int] = []  # cells per row as printed, the outer pipes aside (empty cells included)
        while i < len(lines) and (sep in lines[i].text or not lines[i].text.strip()):
            text = lines[i].text
            if text.strip() and not _RULE_LINE.match(text):
                cells = _split_cells(text, sep)
                if any(cells):
                    n = _no(lines[i], i + 1)
                    rows.append(_row(cells, (n, ends.get(n, n)), lines[i].page))
                    printed.append(len(text.strip().strip(sep).split(sep)) if sep == "|" else len(text.split(sep)))
            i += 1
        n_cols = max((len(r.cells) for r in rows), default=0)
        if len(rows) >= 2 and n_cols >= 2:
            if sep == "|" and not any(ln.text.strip() for ln in lines[i:]):
                _cut_off_pipe_row(rows, next((ln.text for ln in reversed(lines[start:i]) if ln.text.strip()), ""))
            full = [len(r.cells) for r in rows]
            table = _table(rows, n_cols, "text", lines[max(0, start - 4):start])
            table.header_rows = _separated_header_rows(table)
            blocks = year_row_blocks(table)  # one block per indicator, years in the rows: each figure's cell is certain
            if blocks is not None:
                out.append((blocks, start, i - 1))
                continue
            _drop_picture_columns(table, printed)
            _drop_collapsed_rows(table, full)
            if table.header_rows == 2 and printed[0] < printed[1]:
                _spread_group_row(table)  # the top row's empty cells were collapsed: its cells' columns are not printed
            _widen_corner(table)
            out.append((table, start, i - 1))
    return out


def _cut_off_pipe_row(rows: list[TableRow], last_text: str) -> None:
    """The input ends inside the last pipe row (a page copy cut off): a pipe row prints its empty cells, so the cells
    it has are its first ones; it is padded to the width of the complete rows. A last figure not closed by a pipe
    may itself be cut ("4.40" of "4.409") and is left out. Only when the rows with figures before it agree on one
    width and the cut row prints a label and figures only."""
    widths = {len(r.cells) for r in rows[:-1] if sum(1 for c in r.cells[1:] if is_number_cell(c)) >= 2}
    last = rows[-1]
    if len(widths) != 1 or len(rows) < 4 or last.lines is None:
        return
    width = widths.pop()
    cells = last.cells if last_text.rstrip().endswith("|") else last.cells[:-1]
    if len(cells) < 2 or len(last.cells) >= width or not cells[0].strip() \
            or is_number_cell(cells[0]) or not all(is_number_cell(c) for c in cells[1:]):
        return
    last.cells = [*cells, *[""] * (width - len(cells))]


def _drop_picture_columns(table: Table, printed: list[int]) -> None:
    """A header with a column of arrows or icons ("Trend*") over rows that each print exactly that many cells fewer
    (the copy left the picture cells out, empty or not): the picture columns are taken out of the header, so every
    figure stays under its own header. Otherwise the header stays as printed and a row with figures printing fewer
    cells than it is set aside (which cell it left out is not printed)."""
    if table.header_rows != 1 or len(table.rows) < 3:
        return
    header = table.rows[0]
    pictures = [k for k, cell in enumerate(header.cells) if is_picture_header(cell)]
    figured = [(row, n) for row, n in zip(table.rows[1:], printed[1:])
               if any(is_number_cell(c) and not is_year_cell(c) for c in row.cells[1:])]
    if not pictures or len(figured) < 2:
        return
    if any(n != printed[0] - len(pictures) for _, n in figured):
        short = {id(row) for row, n in figured if n < printed[0]}
        table.uncertain_rows.extend(" | ".join(c for c in row.cells if c) for row in table.rows if id(row) in short)
        table.rows = [row for row in table.rows if id(row) not in short]
        return
    width = table.n_cols - len(pictures)
    header.cells = [c for k, c in enumerate(header.cells) if k not in pictures]
    for row in table.rows:
        row.cells = (row.cells + [""] * width)[:width]
        row.cell_boxes, row.spans = [None] * width, [1] * width
    table.columns = [float(i) for i in range(width + 1)]


def _drop_collapsed_rows(table: Table, counts: list[int]) -> None:
    """Rows with figures but fewer cells than the header ("Hardekern | 1,3 | 1,3 | Korps …" under six year columns):
    the empty cells were collapsed, so which column each figure belongs to is not printed; they are set aside."""
    head = table.header_rows or 1
    width = max((sum(1 for c in r.cells if c.strip()) for r in table.rows[:head]), default=0)
    width = max(width, max((counts[k] for k in range(head, len(counts))), default=0))
    keep: list[TableRow] = []
    for k, row in enumerate(table.rows):
        figures = any(is_number_cell(c) and not is_year_cell(c) for c in row.cells[1:])
        if k >= head and figures and counts[k] < width - 1:
            table.uncertain_rows.append(" | ".join(c for c in row.cells if c))
            continue
        keep.append(row)
    table.rows = keep


def _separated_header_rows(table: Table) -> Optional[int]:
    """Rows down to the last of the first four with two or more header cells (years, kinds) and no figures."""
    last = None
    for k, row in enumerate(table.rows[:4]):
        if any(is_number_cell(c) and not is_year_cell(c) for c in row.cells[1:]):
            break
        if sum(1 for c in row.cells if is_header_cell(c)) >= 2:
            last = k
    return None if last is None else last + 1


def _spread_group_row(table: Table) -> None:
    """A top header row whose cells were collapsed ("Maassluis | Nederland | Informatie indicator") over a row of
    repeating year runs ("Indicator | 2014 | 2015 | 2014 | 2015 | Bron"): each top cell goes over one run, a last extra
    top cell over the columns after the runs. When that does not fit, the top row is dropped (its words placed wrongly
    would put figures under the wrong area)."""
    top, below = table.rows[0], table.rows[1]
    if _corner_not_copied(top.cells, below.cells):
        below.cells = [top.cells[0], *below.cells[:-1]]  # the lower row under the value columns, the corner over the labels
    groups = [c for c in top.cells if c.strip()]
    runs: list[list[int]] = []
    for k, cell in enumerate(below.cells):
        if not is_year_cell(cell):
            continue
        if runs and runs[-1][-1] == k - 1 and below.cells[runs[-1][-1]] < cell:
            runs[-1].append(k)
        else:
            runs.append([k])
    spread = [""] * len(top.cells)
    if len(runs) >= 2 and len(groups) in (len(runs), len(runs) + 1):
        for group, run in zip(groups, runs):
            for k in run:
                spread[k] = group
        if len(groups) == len(runs) + 1:
            for k in range(runs[-1][-1] + 1, len(spread)):
                spread[k] = groups[-1]
    else:
        spread = _groups_over_sub_cells(top.cells, below.cells) or _kinds_over_first_years(top.cells, below.cells) or spread
    top.cells = spread


def _corner_not_copied(top: list[str], below: list[str]) -> bool:
    """A lower header row of sides that starts in the label column ("Lasten | Baten | Saldo | Lasten | …" under
    "Omschrijving | Begroting 2039 | Begroting 2040"): the copy dropped its empty corner cell, so the row stands one
    cell to the left. Only when the top row's first cell heads the labels (no year, no kind), the lower row's first
    cell is a side word printed again later in that row and its last cell is empty (room to move right)."""
    if len(below) < 3 or below[-1].strip() or not top or not top[0].strip():
        return False
    first = below[0].strip()
    return bool(_SIDE_WORD.match(first)) and sum(1 for c in below if c.strip().lower() == first.lower()) >= 2 \
        and not _FULL_YEAR.search(top[0]) and not _KIND_WORD.search(top[0])


def _kinds_over_first_years(top: list[str], below: list[str]) -> Optional[list[str]]:
    """A top row of kind words without years printed from the first value column on, its last cells empty ("Titel |
    Werkelijk | Raming | Raming | Meerjarenraming | |" over "x € 1.000 | 2029 | … | 2034"): only the empty tail lost
    a cell (a cell spanning the last years), so each kind word stands over the year below it and the years after the
    last word get none from this row. None unless the row below is one ascending run of bare years."""
    years = [int(_FULL_YEAR.search(c).group(0)) if is_year_cell(c) and _FULL_YEAR.search(c) else 0 for c in below[1:]]
    filled = [k for k, c in enumerate(top) if c.strip() and k]
    if len(years) < 3 or not all(years) or years != sorted(set(years)) or len(filled) < 2:
        return None
    if filled != list(range(1, len(filled) + 1)) or len(filled) >= len(years):
        return None
    if not all(_KIND_WORD.search(top[k]) and not _FULL_YEAR.search(top[k]) for k in filled):
        return None
    return [top[k] if k < len(top) else "" for k in range(max(len(top), len(below)))]


def _groups_over_sub_cells(top: list[str], below: list[str]) -> Optional[list[str]]:
    """The collapsed top row spread over the sub-header row by `header_groups.groups_over_sub_row` ("Rekening |
    Begroting 2024 | Rekening 2024 | Saldo" over "2023 | Primitief | Lasten | Baten | Saldo | … | 2024"). The corner
    cell over the label column's header ("bedrag x € 1.000" over "Programma") stays in the corner. None when the
    sub-cells are not one run after the label column or no single reading fits."""
    filled = [k for k, c in enumerate(below) if c.strip()]
    corner = bool(below and below[0].strip()) and not is_year_cell(below[0]) and not is_number_cell(below[0])
    if not corner or not filled or filled[1:] != list(range(1, filled[-1] + 1)):
        return None
    groups = [c for c in top[1:] if c.strip()]
    names = groups_over_sub_row(groups, [below[k] for k in filled[1:]])
    if names is None and top and _FULL_YEAR.search(top[0]) and is_header_cell(top[0]):
        # no corner cell printed: the first top cell is the first group ("Begroting 2031 | Rekening 2031" over
        # "Taakvelden | Lasten | Baten | Lasten | Baten")
        names = groups_over_sub_row([c for c in top if c.strip()], [below[k] for k in filled[1:]])
        if names is not None:
            return ["", *names, *[""] * (len(top) - 1 - len(names))]
    if names is None:
        return None
    return [top[0], *names, *[""] * (len(top) - 1 - len(names))]


def _widen_corner(table: Table) -> None:
    """A header one or more cells shorter than its rows because its corner cell spanned the code and name columns
    ("2017 | Baten | Lasten | Saldo" over "01 | Bestuur | 304 | -1.671 | -1.368"): the value headers move right
    over the figures. Done only when every row of figures prints text before its figures and its figures exactly
    under the moved headers; a total row whose label spans both ("Totaal | 44.548 | …") gets its figures moved too."""
    n_head = table.header_rows or 1
    if n_head not in (1, 2) or len(table.rows) < n_head + 2:
        return
    header = _printed_cells(table.rows[n_head - 1].cells)
    width, values = table.n_cols, len(header) - 1
    shift = width - len(header)
    if shift < 1 or values < 1 or not all(c.strip() for c in header[1:]):
        return
    full, short, set_aside = 0, [], []
    for row in table.rows[n_head:]:
        cells = _printed_cells(row.cells)
        figures = [k for k, c in enumerate(cells) if k and is_number_cell(c) and not is_year_cell(c)]  # cell 0: label or code
        if not figures:
            continue
        fits = figures == list(range(len(cells) - values, len(cells))) and all(c.strip() for c in cells[:len(cells) - values])
        if fits and len(cells) == width:
            full += 1
        elif fits and len(cells) == 1 + values:
            short.append(row)
        elif n_head == 2:
            set_aside.append(row)  # under a two-row header: a row whose empty cells were dropped; its columns are not printed
        else:
            return  # figures not in the last cells, or an empty cell before them: the columns are not certain
    if full < 2:
        return
    if n_head == 2:
        top = table.rows[0].cells
        table.rows[0].cells = ([top[0], *[""] * shift, *top[1:]] + [""] * width)[:width]
    table.rows[n_head - 1].cells = [header[0], *[""] * shift, *header[1:]]
    for row in short:
        row.cells = [row.cells[0], *[""] * shift, *row.cells[1:1 + values]]
    unsure = [row for row in set_aside if not _figures_unplaced(row, 1 + shift, values)]
    if unsure:
        table.uncertain_rows.extend(" | ".join(c for c in row.cells if c) for row in unsure)
        table.rows = [row for row in table.rows if all(row is not r for r in unsure)]


def _figures_unplaced(row: TableRow, n_label: int, values: int) -> bool:
    """A row that prints its label cells (code, name) and then fewer figures than the value columns, its dropped empty
    cells piled up at the end: the figures are kept in print order as `unplaced`, for the budget reader to place only
    where the table's arithmetic proves their columns. False (the row stays as it is) for any other shape."""
    cells = _printed_cells(row.cells)
    labels, figures = cells[:n_label], cells[n_label:]
    if len(labels) != n_label or not all(c.strip() and not is_number_cell(c) for c in labels) \
            or not 0 < len(figures) < values or not all(is_number_cell(c) and not is_year_cell(c) for c in figures):
        return False
    row.cells = [*labels, *[""] * values]
    row.unplaced = [c.strip() for c in figures]
    row.problem = (f"{len(figures)} figure(s) for {values} value columns (empty cells not copied): "
                   "which columns they are in is not printed")
    return True


def _printed_cells(cells: list[str]) -> list[str]:
    """The cells up to the last filled one (a table pads short rows with empty cells)."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


# ------------------------------------------------------------------ one cell per line


@dataclass
class _Item:
    text: str
    first: int
    last: int
    page: int


def _items(lines: list[Line]) -> list[list[_Item]]:
    """Blocks of cells: a cell is one line, or a blank-separated paragraph when the block uses blank lines."""
    blocks: list[list[_Item]] = []
    current: list[_Item] = []
    blank_run = 0
    uses_blanks = sum(1 for ln in lines if not ln.text.strip()) > len(lines) * 0.25
    para: list[Line] = []

    def flush_para() -> None:
        if para:
            text = " ".join(ln.text.strip() for ln in para)
            current.append(_Item(text, _no(para[0], 0), _no(para[-1], 0), para[0].page))
            para.clear()

    for ln in lines:
        text = ln.text.strip()
        if not text:
            flush_para()
            blank_run += 1
            continue
        blank_run = 0
        if "|" in text or "\t" in ln.text or len(text) > 160 and not _explains_figures_above(current, para, text):
            flush_para()
            if current:
                blocks.append(current)
                current = []
            continue
        if uses_blanks:
            para.append(ln)
        else:
            current.append(_Item(text, _no(ln, 0), _no(ln, 0), ln.page))
    flush_para()
    if current:
        blocks.append(current)
    return blocks


def _explains_figures_above(current: list[_Item], para: list[Line], text: str) -> bool:
    """A long line of sentences right after a figure cell: the explanation a table prints under each row (see
    `_read_cell_run`), a cell of the block rather than the prose that ends it."""
    return not para and bool(current) and _value_cell(current[-1].text) and _explains_row(text)


_PLACE_NAME = re.compile(r"^(?:'s-)?[A-Z][a-zà-ÿ'’-]+(?:[ -](?:[A-Z][a-zà-ÿ'’-]+|aan|den|de|op|a/d))*$")


def is_place_name(text: str) -> bool:
    """A short capitalised name that no header vocabulary knows ("Voorbeeldstad", "Sint Anna"): maybe an area column's
    header (the gemeente's own figures), never a kind, role or year."""
    t = " ".join(text.split())
    return len(t) <= 30 and bool(_PLACE_NAME.match(t)) and not is_header_cell(t) and kind_word(t) is None


def area_cells_above(block: list["_Item"], start: int) -> list[str]:
    """The short area or place-name cells printed right above cell `start` ("Urk" / "NL" over "Indicator"), nearest
    last: the top row of a two-row header whose areas head runs of years."""
    out: list[str] = []
    k = start - 1
    while k >= 0 and start - k <= 4:
        text = " ".join(block[k].text.split())
        if not (is_area_header(text) or is_place_name(text)):
            break
        out.insert(0, text)
        k -= 1
    return out


def _areas_over_years(block: list["_Item"], start: int, head: list["_Item"]) -> bool:
    """Two or more area cells, one a known area ("Voorbeeldstad" / "NL"), right above a header with bare years: which
    area each year stands under is a two-row header this reader does not place (`layout.ordered_headers` pairs runs
    of years with the areas where that fits); read by position, another area's figures would be the gemeente's own."""
    above = area_cells_above(block, start)
    return len(above) >= 2 and any(is_area_header(a) for a in above) and sum(1 for h in head if is_year_cell(h.text)) >= 2


def _value_like(text: str) -> bool:
    t = text.strip().lower()
    return is_number_cell(text) or bool(re.match(r"^[<>≤≥]?\s*[-−]?\d[\d.,]*\s*(%|‰)?(\s*\(.*\))?$", t)) or t in _MISSING or \
        bool(re.match(r"^[-−] \d[\d.,]*\s*%$", t)) or \
        bool(re.match(r"^(nog )?(niet|geen) (bekend|beschikbaar|gemeten)|^volgt\b|^n\.?v\.?t|^vervall?(t|en)$", t))


def tables_in_cell_blocks(lines: list[Line], read: Callable[[list[_Item], int], Optional[tuple[Table, int]]]) -> list[Table]:
    """Every table `read` finds in the one-cell-per-line blocks of `lines`, in order: `read` tries a block's cell as
    a table's start and gives the table and the cell after it, or None to try the next cell. The one scan shared by
    the readers of cells printed one per line (role runs, ordered headers, keyed rows, period sub-rows)."""
    tables: list[Table] = []
    for block in _items(lines):
        i = 0
        while i < len(block):
            found = read(block, i)
            if found is None:
                i += 1
                continue
            tables.append(found[0])
            i = found[1]
    return tables


def cell_per_line_tables(lines: list[Line]) -> list[Table]:
    """Tables printed one cell per line: a header run of years/kinds, then label + N cells per row."""
    def read(block: list[_Item], i: int) -> Optional[tuple[Table, int]]:
        found = _read_role_run(block, i) or _more_placed(_best_cell_run(block, i), _grouped_cell_run(block, i))
        return None if found is None else (found[0], found[1])

    tables = tables_in_cell_blocks(lines, read)
    for table in tables[-1:]:
        place_cut_off_row(table, lines)  # the copy stops inside the last table's last row
    return tables


def _best_cell_run(block: list[_Item], start: int) -> Optional[tuple[Table, int, int]]:
    """The table read from the header run at `start`, or from a later cell of that run when that places more cells
    (full rows times width): lines above a header that look like header cells ("Begroting en verantwoording", a caption
    naming two years) would otherwise make up columns of their own, and a start inside a repeated sub-header run
    ("Saldo | Lasten | Baten | Saldo") places rows out of step."""
    if start > 0 and _inside_header(block, start):
        return None
    head = _header_run(block, start)
    if head is None:
        return None
    best: Optional[tuple[Table, int, int]] = None
    for first in range(start, head[1]):
        if first > start and _inside_header(block, first):
            break
        found = _read_cell_run(block, first)
        if found is not None and (best is None or found[2] * found[0].n_cols > best[2] * best[0].n_cols
                                  or _pairs_kinds_instead(found, best)):
            best = found
    return best


def _pairs_kinds_instead(found: tuple[Table, int, int], best: tuple[Table, int, int]) -> bool:
    """As many cells placed, but `found` pairs every kind cell with a year column where `best` (an earlier start)
    left kind cells unplaced over the years: the extra cell before the kinds ("Lasten en baten" over "Rekening |
    Begroting | …" / "2038 | 2039 | …") is a title, not one of the header's groups."""
    if found[2] * found[0].n_cols != best[2] * best[0].n_cols or found[0].kind_groups or not best[0].kind_groups:
        return False
    dated = [c for c in found[0].rows[0].cells if _FULL_YEAR.search(c)]
    return bool(dated) and all(_KIND_WORD.search(_SIDE_IN_CELL.sub("", c)) for c in dated)


_SIDE_IN_CELL = re.compile(r"\b(lasten|baten|saldo)\b", re.IGNORECASE)


def _inside_header(block: list[_Item], start: int) -> bool:
    """A header cannot start at `start` when the cell before it belongs to the same header: a number or label
    column's header ("Nr.", "Indicator", "Eenheid") or a value header of the same form ("Rekening 2016" before
    "Begroting 2017"). A start after it cuts those columns off and every figure lands one column off. A caption of
    another form may stand before a header ("Jaarrekening 2039" over "Lasten 2039 | Baten 2039")."""
    before, here = block[start - 1].text, block[start].text
    if _CODE_HEADER.match(before.strip()) or _ROLE_WORD.match(before) and not _ROLE_WORD.match(here):
        return True
    if is_year_cell(here) and re.fullmatch(r"[^\W\d]+", before.strip()) and kind_word(before.strip()) is not None:
        return True  # "Streefwaarde" / 2031: a kind over the years or a column of its own, never a caption to skip
    return _header_form(before) == _header_form(here) != ""


_SIDE_YEAR = re.compile(r"^(lasten|baten|saldo)\b", re.IGNORECASE)


def _header_form(text: str) -> str:
    """The form of a header cell with a year: "side year" ("Lasten 2039"), "kind year" ("Rekening 2016"), "year"
    ("2016"); "" without a year. A value header before one of the same form belongs to the header."""
    t = text.strip()
    if not _FULL_YEAR.search(t):
        return ""
    if _SIDE_YEAR.match(t):
        return "side year"
    return "kind year" if _KIND_WORD.search(t) else "year"


def _header_run(block: list[_Item], start: int) -> Optional[tuple[list[_Item], int]]:
    """Header cells from `start`: consecutive header-like items with at least two years or kind words."""
    j = start
    while j < len(block) and not _carries_figures(block[j].text) and (
            is_header_cell(block[j].text) and (is_year_cell(block[j].text) or not _value_like(block[j].text))
                              or _note_inside_header(block, start, j) or _percent_header(block, start, j)
                              or _corner_inside_header(block, start, j)
                              or _name_header(block, j, start) or j > start and _ROLE_WORD.match(block[start].text) and _unknown_header_cell(block, j)
                              or _broken_cell_rest(block, start, j)):
        following = block[j + 1].text if j + 1 < len(block) else ""
        if not is_year_cell(block[j].text) and _value_like(following) and not is_year_cell(following) \
                and not _next_code_inside(block, j + 1, j + 2) and not _closes_dated_run(block, start, j) \
                and not _repeated_side_before_code(block, start, j):
            break  # "Lasten" followed by its figures: the first row label, not a header cell
        if _title_inside_header(block, start, j):
            j += 1
            continue  # "Programma 1 Wonen" between the side row and the kinds under each side: the table's programme
        if _NUMBERED_ROLE.match(block[j].text) or _block_label_after_values(block, start, j):
            break  # "Programma 1", "Programma Wonen" after the year columns: a block's label row, not a header cell
        if _side_row_heading(block, start, j):
            break  # "Lasten" over the rows of its side, after the year columns: a row, not a header cell
        if _heading_after_years(block, start, j):
            break  # "Uit eerdere besluiten" after the years, then two names: a heading of the rows, not a column
        if j > start and _is_code_heading(block[j].text):
            break  # "99 Resultaat", "0.1 Bestuur": the first row's code and name, not a header cell
        j += 1
    codes = [i for i in range(start, j) if _CODE_HEADER.match(block[i].text.strip())]
    if codes:
        start = codes[0]  # a number column opens the header: the cells before it are titles and captions
    # "Berekening van de norm" over the year cells: the table's title (its caption), not a group of its columns
    title = start if not codes and j - start >= 3 and _title_cell(block[start].text) else None
    head = [block[x] for x in range(start, j) if not _note_inside_header(block, start, x) and not _title_inside_header(block, start, x)
            and not _corner_inside_header(block, start, x) and x != title]
    marked = [h for h in head if _FULL_YEAR.search(h.text) or _KIND_WORD.search(h.text)]
    if len(marked) < 2:
        return None
    return head, j


def _heading_after_years(block: list[_Item], start: int, j: int) -> bool:
    """A cell without a year after two or more bare year cells, followed by two names (no header cells, no figures):
    as a column it would put the first row's second name under a year; it heads the rows below instead."""
    if j - start < 2 or not all(re.fullmatch(r"(19|20)\d{2}", block[x].text.strip()) for x in (j - 2, j - 1)):
        return False
    text = block[j].text.strip()
    if re.search(r"\d", text) or _ROLE_WORD.match(text) or j + 2 >= len(block):
        return False
    return all(not _value_like(block[x].text) and not is_header_cell(block[x].text) and len(block[x].text) <= 120
               for x in (j + 1, j + 2))


def _repeated_side_before_code(block: list[_Item], start: int, j: int) -> bool:
    """A side word printed before in this run ("Lasten" / "Baten" / "Lasten" / "Baten") followed by a row number and
    a name ("1" / "Naam"): the last cell of a repeated sub-header, then the first coded row; not a row label."""
    text = block[j].text.strip()
    return bool(_SIDE_WORD.match(text)) and j + 1 < len(block) and _starts_coded_row(block, j + 1) \
        and any(block[i].text.strip() == text for i in range(start, j))


def _title_cell(text: str) -> bool:
    """A title or caption line that a kind word only happens to occur in ("Berekening minimale norm …", "Overzicht
    van de lasten …"): four words or more, no year, no role word first, and no kind word among its first two words.
    A group over year columns names its kind first ("Begroting na wijziging", "Oorspronkelijke begroting")."""
    words = text.split()
    return len(words) >= 4 and not _FULL_YEAR.search(text) and not _ROLE_WORD.match(text) \
        and not _KIND_WORD.search(" ".join(words[:2]))


def _closes_dated_run(block: list[_Item], start: int, j: int) -> bool:
    """A dated header cell of the same form as the one before it ("Budget 2042" after "Budget 2041") is the header's
    last column even where a figure follows (a row's number cell): a row label would print no year."""
    form = _header_form(block[j].text)
    return j > start and form != "" and form == _header_form(block[j - 1].text)


def _broken_cell_rest(block: list[_Item], start: int, j: int) -> bool:
    """The lower half of a header cell broken by a hyphen ("Streef-" … "waarde"), after the years under the other
    cells of the upper row: still the header."""
    return any(joined_broken_cell(block[i].text, block[j].text) for i in range(start, j))


def _carries_figures(text: str) -> bool:
    """A line with a label and two or more figures that are no years ("Lasten 1.410 1.420 1.430"): a whole row
    flattened to one line, never one header cell."""
    figures = [t for t in text.split()[1:] if _TOKEN_VALUE.match(t) and re.search(r"\d", t) and not _FULL_YEAR.fullmatch(t)]
    return len(figures) >= 2


_SIDE_WORD = re.compile(r"^(lasten|baten|saldo|uitgaven|inkomsten)$", re.IGNORECASE)


def _note_inside_header(block: list[_Item], start: int, j: int) -> bool:
    """A unit note between a header's rows ("Rekening 2018 | Begroting 2019" / "(* € 1.000,-)" / "Lasten | Baten |
    …", or "Rekening | Begroting" / "(x € 1.000)" / "2038 | 2039", the note in the year row's label column), or a sign
    legend there ('"-" = nadeel' over "baten | lasten | saldo"): the table's caption or a note, no column; the header
    goes on after it."""
    text = block[j].text.strip()
    return start < j < len(block) - 1 and len(text) <= 40 and bool(_UNIT_NOTE.search(text) or is_sign_legend(text)) \
        and not _FULL_YEAR.search(text) and is_header_cell(block[j + 1].text) \
        and (not _value_like(block[j + 1].text) or _year_row_at(block, j + 1))


def _year_row_at(block: list[_Item], i: int) -> bool:
    """Two bare years in a row from `i` ("2038" / "2039"): a header row of years, not a row's figures."""
    return i + 1 < len(block) and is_year_cell(block[i].text) and is_year_cell(block[i + 1].text)


def _corner_inside_header(block: list[_Item], start: int, j: int) -> bool:
    """The lower header row's corner between the two rows ("2038 | 2039" / "(BBV art 17)" / "Lasten | Baten | Saldo"
    under each year): it heads the label column, no value column; the header goes on after it."""
    if not start < j < len(block) - 2 or is_header_cell(block[j].text) or _value_like(block[j].text):
        return False
    texts = [b.text for b in block[start:j + 3]]
    return lower_row_corner(texts) == j - start


def _title_inside_header(block: list[_Item], start: int, j: int) -> bool:
    """A programme title between a header's rows: a top row of kinds, sides or years ("Lasten | Baten | Saldo"), the
    title ("Programma 1 Wonen"), then the lower row ("Begroting na wijziging | Rekening | …" under each side). The
    table's programme printed inside its header: no column; the header goes on after it and the title is the caption.
    A title followed by a row label or figures ("Programma 1" / "Lasten" / "0.1 Bestuur") opens a block of rows."""
    text = block[j].text.strip()
    if not start + 2 <= j < len(block) - 2 or not (PROGRAMME_TITLE.match(text) or _NUMBERED_ROLE.match(text)):
        return False
    top, below = block[start:j], block[j + 1:j + 3]
    return all(_KIND_WORD.search(b.text) or _FULL_YEAR.search(b.text) for b in top) \
        and all(_KIND_WORD.search(b.text) and is_header_cell(b.text) and not _value_like(b.text)
                and not _ROLE_WORD.match(b.text) for b in below)


_PERCENT_HEADER = re.compile(r"^\(?\s*%\s*\)?$")


def _percent_header(block: list[_Item], start: int, j: int) -> bool:
    """A lone "%" between value headers ("Begroting 2039 | Rekening 2039 | % | Verschil"): the header of a column of
    percentages (how much of the budget was spent), one cell of the header like its neighbours. Left out, the header
    ends there and every row's figures run past it."""
    return start < j < len(block) - 1 and bool(_PERCENT_HEADER.match(block[j].text.strip())) \
        and (is_header_cell(block[j - 1].text) or _percent_header(block, start, j - 1))


def _block_label_after_values(block: list[_Item], start: int, j: int) -> bool:
    """A role word with a name ("Programma Bestuur en ondersteuning") after header cells with years: the label of
    the first block of rows. A header names its label columns before its value columns; after them only one-word
    columns such as "Bron" follow."""
    text = block[j].text.strip()
    return len(text.split()) >= 2 and bool(_ROLE_WORD.match(text)) and any(_FULL_YEAR.search(b.text) for b in block[start:j])


def _side_row_heading(block: list[_Item], start: int, j: int) -> bool:
    """A lone side word ("Lasten") after header cells with years, followed by a row label (no header cell, no
    figure): the heading of the rows of that side. A sub-header run repeats side words ("Lasten" / "Baten" /
    "Saldo" under each year), so a side word next to another one stays in the header."""
    if not _SIDE_WORD.match(block[j].text.strip()) or not any(_FULL_YEAR.search(b.text) for b in block[start:j]):
        return False
    before = block[j - 1].text.strip() if j > start else ""
    after = block[j + 1].text.strip() if j + 1 < len(block) else ""
    if _CODE_CELL.match(after) and j + 2 < len(block):
        after = block[j + 2].text.strip()  # a coded row ("0.1" / "Bestuur"): its name is the row label
    return not _SIDE_WORD.match(before) and bool(after) and not _SIDE_WORD.match(after) \
        and not is_header_cell(after) and not _value_like(after)


def _name_header(block: list[_Item], j: int, start: int) -> bool:
    """A short word header between a role header and a kind header ("Nr." / "Doel" / "Begroot Lasten"): the name
    column's header, which no vocabulary names."""
    text = block[j].text
    return start < j < len(block) - 1 and bool(_ROLE_WORD.match(block[j - 1].text)) and len(text) <= 25 \
        and not re.search(r"\d", text) and bool(_KIND_WORD.search(block[j + 1].text)) and is_header_cell(block[j + 1].text)


def _columns_from_header(head: list[_Item]) -> tuple[list[str], list[str]]:
    """Column headers (label column first) and group words that span year columns ("Realisatie" over 2017 2018)."""
    texts = [h.text for h in head]
    role = [t for t in texts if _ROLE_WORD.match(t) and not _FULL_YEAR.search(t)]
    trailing = _trailing_roles(texts, role)
    columns, groups = _value_columns([t for t in texts if t not in trailing], [t for t in role if t not in trailing])
    return columns + trailing, groups


def _trailing_roles(texts: list[str], role: list[str]) -> list[str]:
    """Role cells printed after the last year cell ("2015 | 2016 | Bron"): the rows print their cells there too, so
    the columns keep that place instead of moving before the values."""
    n = 0
    while n < len(texts) and texts[len(texts) - 1 - n] in role:
        n += 1
    tail = texts[len(texts) - n:] if n else []
    return tail if any(_FULL_YEAR.search(t) for t in texts[:len(texts) - n]) else []


def _value_columns(texts: list[str], role: list[str]) -> tuple[list[str], list[str]]:
    """The label columns (role cells first) and the value columns of a header without its trailing role cells."""
    role = _printed_label_prefix(texts, role)
    rest = [t for t in texts if t not in role]
    if len(texts) >= 4 and is_year_cell(texts[0]) and texts[1] in role and not any(_FULL_YEAR.search(t) for t in rest[1:]) \
            and all(_KIND_WORD.search(t) for t in rest[1:]):
        # "2031" / "Programma" / "Lasten" / "Baten": the year printed above the whole header names every value column
        return role + [f"{texts[0].strip()} {t}" for t in rest[1:]], []
    years_only = [t for t in rest if is_year_cell(t)]
    groups = [t for t in rest if not is_year_cell(t) and not _FULL_YEAR.search(t)]
    if years_only and groups and len(years_only) + len(groups) == len(rest) and all(
        rest.index(g) < rest.index(years_only[0]) and _KIND_WORD.search(g) for g in groups
    ):
        paired = kinds_over_years(groups, years_only)
        if paired is not None:
            return role + paired, []
        return role + years_only, groups  # kind words over a run of bare years
    spread = _groups_over_sides(rest) or stacked_header_rows(rest) or _kinds_years_sides(rest) \
        or _groups_over_sides(_years_then_kinds(rest))
    if spread is not None:
        return role + spread, []
    over = _kinds_over_dated_cells(rest)
    if over is not None:
        return role + rest[len(over):], over
    return role + _kind_year_pairs(rest), []


def _printed_label_prefix(texts: list[str], role: list[str]) -> list[str]:
    """The label columns in printed order when the header prints other cells between its role cells ("Indicator" /
    "Eenheid" / "Verplicht" / "Bron" before the years): the rows print their cells in that order. Otherwise the
    role cells, which may stand anywhere before the values."""
    first_value = next((k for k, t in enumerate(texts) if t not in role and (_FULL_YEAR.search(t) or _KIND_WORD.search(t))),
                       len(texts))
    at = [k for k, t in enumerate(texts[:first_value]) if t in role]
    if at and any(t not in role for t in texts[at[0]:at[-1]]):
        return texts[at[0]:at[-1] + 1]
    return role


_DATED_CELL = re.compile(r"^((lasten|baten|saldo)\s+)?(19|20)\d\d(\s+(lasten|baten|saldo))?$", re.IGNORECASE)


def _kinds_over_dated_cells(texts: list[str]) -> Optional[list[str]]:
    """Two or more kind cells without a year ("Rekening" / "Begroting") before a longer run of year cells, with or
    without a side ("2038 saldo" / "2039 lasten" / …): the top row of a two-row header, each kind over some
    consecutive year columns that the copy no longer shows. The kinds are returned as groups; which columns each
    heads is decided with the document's year (`parse.kind_groups`)."""
    n = 0
    while n < len(texts) and _KIND_WORD.search(texts[n]) and not _FULL_YEAR.search(texts[n]) \
            and not _SIDE_WORD.match(texts[n].strip()) and len(texts[n]) <= 30:
        n += 1
    dated = texts[n:]
    if n < 2 or len(dated) <= n or not all(_DATED_CELL.match(" ".join(t.split())) for t in dated):
        return None
    return texts[:n]


_TITLE_KIND = re.compile(r"(begroting|jaarrekening|rekening|realisatie)\b", re.IGNORECASE)


def _title_kind_over_year(block: list[_Item], first: int, head: list[_Item], columns: list[str]) -> list[str]:
    """A year printed above the header ("2031" / "Programma" / "Lasten" …) under a title naming one budget kind
    ("Baten en lasten programmabegroting"): that kind is the columns' kind ("Begroting 2031 Lasten"). A title
    naming no kind or several, or figures, leaves the columns as printed."""
    year = head[0].text.strip() if head else ""
    if first < 1 or not is_year_cell(year) or not all(c.startswith(year + " ") for c in columns if _FULL_YEAR.search(c)) \
            or not any(c.startswith(year + " ") for c in columns):
        return columns
    title = block[first - 1].text.strip()
    kinds = {m.group(1).lower() for m in _TITLE_KIND.finditer(title)}
    if len(title) > 60 or re.search(r"\d", title) or len(kinds) != 1:
        return columns
    kind = kinds.pop().capitalize()
    return [f"{kind} {c}" if c.startswith(year + " ") else c for c in columns]


def _kind_year_pairs(texts: list[str]) -> list[str]:
    """Header cells broken over two lines, each its own cell: "Rekening" / "2015" / "Begroting" / "2016" are two
    columns "Rekening 2015" and "Begroting 2016" (every kind word cell followed by a bare year), else as they are."""
    if len(texts) < 4 or len(texts) % 2:
        return join_broken_kind_years(texts)
    kinds, years = texts[0::2], texts[1::2]
    if all(_KIND_WORD.search(k) and not _FULL_YEAR.search(k) and len(k) <= 30 for k in kinds) and all(is_year_cell(y) for y in years):
        return [f"{k} {y}" for k, y in zip(kinds, years)]
    return join_broken_kind_years(texts)


_CODE_HEADER = re.compile(r"^(nr\.?|nummer|code)$", re.IGNORECASE)
# "Norm" without a year: a column of signalling norms ("90-130%", "Begr = 0%"), ranges and phrases, not one figure each
_NORM_HEADER = re.compile(r"^norm(en|waarde)?\*?$", re.IGNORECASE)
RAGGED_PROBLEM = "row prints fewer cells than the header has columns (empty cells dropped by the copy); values left out"


def _ragged_row(block: list[_Item], k: int, n_label: int, width: int, named: int = 2) -> Optional[tuple[TableRow, int]]:
    """A coded row with fewer figures than the header has value columns ("2a" / "Naam" / "4,0" / "4,1" under three
    years): which columns its figures belong to is not printed, so the row keeps its code and name, no values, and
    a `problem`. It ends at the next code or at the first word cell after its figures; it prints at least one.
    `named`: the label cells up to the name column, kept when a figure shows that a later label cell was dropped."""
    if not _ROW_NUMBER_CELL.match(block[k].text.strip()) or k + 1 >= len(block) or _value_like(block[k + 1].text):
        return None
    end, figures = k + n_label, 0
    while end < len(block) and end - k < width and not _starts_coded_row(block, end):
        if _figure_start(block[end].text):
            figures += 1
        elif figures:
            break  # a word cell after the figures: the row is over
        end += 1
    if end - k >= width or not figures:
        return None  # as many cells as the header (not ragged), or no figure at all (a numbered note)
    cells = [c.text for c in block[k:k + n_label]]
    short_labels = any(_figure_start(c.text) for c in block[k + 1:k + n_label])
    if short_labels:
        cells = cells[:named] + [""] * (n_label - named)  # a label cell was dropped too: which one is not printed
    row = _row(cells, (block[k].first, block[end - 1].last), block[k].page)
    row.problem = RAGGED_PROBLEM
    tail = block[k + n_label:end]
    if not short_labels and all(_figure_start(c.text) for c in tail):
        row.unplaced = [" ".join(c.text.split()) for c in tail]  # the labels fill their columns: only figures were dropped
    return row, end


def _through_name(columns: list[str], n_label: int) -> int:
    """The label columns up to and including the last role column that names the row (number, taakveld, name), not
    its unit or source."""
    named = [x for x, c in enumerate(columns[:n_label]) if _ROLE_WORD.match(c) and not _NOTE_COLUMN.match(c)]
    return max(named, default=1) + 1


def _unknown_header_cell(block: list[_Item], j: int) -> bool:
    """A short word cell inside a header ("Verplicht") that no vocabulary knows: a header cell when the header goes
    on to its year columns (two years in a row within a few short word cells)."""
    for i in range(j, min(j + 6, len(block) - 1)):
        text = block[i].text.strip()
        if is_year_cell(text) and is_year_cell(block[i + 1].text):
            return i > j
        if len(text) > 30 or _value_like(text) or text.endswith((".", ":", ";")):
            return False
    return False


def _starts_coded_row(block: list[_Item], i: int) -> bool:
    return bool(_ROW_NUMBER_CELL.match(block[i].text.strip())) and i + 1 < len(block) and not _value_like(block[i + 1].text)


def _figure_start(text: str) -> bool:
    """A figure cell, or a cell that opens with one ("10 tov 12 landelijk")."""
    t = text.strip()
    return _value_like(t) or bool(re.match(r"^[<>≤≥€]?\s*[-−]?\d", t)) and not re.match(r"^\d{1,2}[.)]\s", t)


def _groups_over_sides(texts: list[str]) -> Optional[list[str]]:
    """A two-level header printed one cell per line: G group cells (a kind and/or year each: "Rekening 2016",
    "Begroting 2017", "Verschil"), then one run of sub-cells repeated G times ("Lasten", "Baten", "Saldo" under each
    group). Each column is its group's and its sub-cell's words ("Rekening 2016 Lasten"); None for other headers."""
    for g in range(2, len(texts) // 3 + 1):
        groups, subs = texts[:g], texts[g:]
        if len(subs) % g:
            continue
        per = len(subs) // g
        if per < 2 or subs != subs[:per] * g or len(set(subs[:per])) != per:
            continue
        if any(_FULL_YEAR.search(t) or not _KIND_WORD.search(t) for t in subs[:per]):
            continue
        if not all(_FULL_YEAR.search(t) or _KIND_WORD.search(t) for t in groups) or set(groups) <= set(subs):
            continue  # the groups printed again below: one run repeated, not two rows ("Saldo" over "… | Saldo" is)
        return [f"{group} {sub}" for group in groups for sub in subs[:per]]
    return None


def _kinds_years_sides(texts: list[str]) -> Optional[list[str]]:
    """A three-row header printed one cell per line: G kind cells ("Rekening" | "Begroting" | "Begroting"), G bare
    years under them, then one run of side cells repeated G times ("baten" | "lasten" | "saldo" under each year).
    The kind and year rows pair in order (as `stacked_header_rows` pairs two rows), each pair heads its run of sides
    ("Rekening 2031 baten"); None unless every part fits exactly."""
    for g in range(2, len(texts) // 4 + 1):
        paired = stacked_header_rows(texts[:2 * g])
        if paired is not None and all(_KIND_WORD.search(t) for t in texts[:g]):
            spread = _groups_over_sides(paired + texts[2 * g:])
            if spread is not None and len(spread) == len(texts) - 2 * g:
                return spread
    return None


def _years_then_kinds(texts: list[str]) -> list[str]:
    """Leading year cells each followed by its kind word ("2030" / "werk." / "2031" / "raming": a year row over a
    kind row, or each group cell broken after its year) joined into group cells ("2030 werk.", "2031 raming"), the
    cells after them as they are; the texts unchanged unless two or more such pairs open them."""
    g = 0
    while 2 * g + 1 < len(texts) and is_year_cell(texts[2 * g]) and _KIND_WORD.search(texts[2 * g + 1]) \
            and not _FULL_YEAR.search(texts[2 * g + 1]) and not _SIDE_WORD.match(texts[2 * g + 1].strip()) \
            and len(texts[2 * g + 1]) <= 30:
        g += 1
    if g < 2:
        return texts
    return [f"{texts[2 * i].strip()} {texts[2 * i + 1].strip()}" for i in range(g)] + texts[2 * g:]


def _three_rows(texts: list[str], n: int) -> Optional[tuple[list[str], list[str]]]:
    """The kinds / years / sides header (`_kinds_years_sides`) when it gives exactly the N value columns the rows
    prove: read whole before any two-row reading, which would leave the last cells out to fit."""
    columns = _kinds_years_sides(texts)
    return (columns, []) if columns is not None and len(columns) == n else None


_TOTAL_LABEL = re.compile(r"^(sub)?totaal\s+\S", re.IGNORECASE)  # "Totaal taakveld 1.1 …": a row of a coded table, code or not
_CODE_AND_NAME = re.compile(r"^\d[\d.]*[a-z]?\s+[A-Za-z]")  # "1001  Raad", "0.1 Bestuur": code and name in one cell
_SENTENCE = re.compile(r"[a-z]{5,}\.$|:\s")  # "Geen toelichting.", "Laatst bekend: …"; not "gem.fonds", "uitk. en ov."
# "0.1", "6.1.2", "B3", "K.07" (a letter and a dot before the number); or a product code of three or more hyphenated
# parts ("7-2-1-1") - two parts is a range ("12-18")
CODE_CELL = re.compile(r"^(?:(?:[A-Z]\.?)?\d{1,2}(\.\d{1,2}){0,2}[a-z]?\.?|\d{1,2}(?:-\d{1,2}){2,3})$")
_CODE_CELL = CODE_CELL


def _trailing_count(columns: list[str]) -> int:
    """Source and unit columns printed after the values ("… | 2016 | Bron"); printed before them between other label
    cells ("Indicator | Eenheid | Verplicht | Bron | 2016") they are label columns like the name. Elsewhere every
    source and unit column counts, as the rows of such headers print them after their figures."""
    roles = [bool(_ROLE_WORD.match(c)) for c in columns]
    first_value = next((k for k, c in enumerate(columns) if not roles[k] and (_FULL_YEAR.search(c) or _KIND_WORD.search(c))),
                       len(columns))
    at = [k for k in range(first_value) if roles[k]]
    if not (at and not all(roles[at[0]:at[-1] + 1])):
        return sum(1 for c in columns if re.match(r"^(bron|eenheid)", c, re.IGNORECASE))
    n = 0
    while n < len(columns) and _NOTE_COLUMN.match(columns[len(columns) - 1 - n]):
        n += 1
    return n


def _named_label_columns(columns: list[str], n_label: int, n_trailing: int) -> int:
    """Label columns: the role columns, and a header cell after them that names no kind or year ("Doel", "Naam" under
    "Nr.") when figure columns follow it: the name column of a coded table."""
    while n_label < len(columns) - n_trailing - 1 and columns[n_label] and not (
            _FULL_YEAR.search(columns[n_label]) or _KIND_WORD.search(columns[n_label])) \
            and any(_KIND_WORD.search(c) or _FULL_YEAR.search(c) for c in columns[n_label + 1:]):
        n_label += 1
    return n_label


def _code_beside_name(block: list[_Item], j: int, n_values: int) -> bool:
    """The rows under a header with one label column print a code cell and a name cell before their figures
    ("0.1" / "Bestuur" / six figures under "Taakvelden" and six value headers): the label spans two cells. The
    first two rows after the header (a side heading such as "Lasten" may come first) must both show it."""
    i = j
    while i < len(block) and i < j + 2 and not _CODE_CELL.match(block[i].text.strip()) and not _value_like(block[i].text):
        i += 1  # a side heading or group label before the first row
    for _ in range(2):
        cells = block[i:i + 2 + n_values]
        if len(cells) < 2 + n_values or not _row_code(cells[0].text) or _value_like(cells[1].text) \
                or not all(_value_like(c.text) for c in cells[2:]):
            return False
        i += 2 + n_values
    return True


def _per_programme(block: list[_Item], start: int, j: int) -> bool:
    """The caption or heading over a header (or a cell of it) says the rows are per programme ("Lasten (per
    programma)"): a name cell printed before each row's description is its programme."""
    return any(re.search(r"\bper\s+programma\b", b.text, re.IGNORECASE) for b in block[max(0, start - 3):j])


def _name_beside_name(block: list[_Item], j: int, n_values: int) -> bool:
    """The rows under a header with one label column print two name cells before fewer figures than columns
    ("Zorg" / "Tijdelijke inhuur" / "120": a group such as the programme, then the description), and no row prints
    one name before such short figures: the label spans two cells. Names before them are headings; a name with a
    figure under every column is a total. At least two such rows, within the table's first lines."""
    pairs = singles = 0
    i = j
    while i < min(len(block), j + 80):
        k = i
        while k < len(block) and not _value_like(block[k].text) and len(block[k].text) <= 120:
            k += 1
        if k == i or k >= len(block) or not _value_like(block[k].text):
            break
        end = k
        while end < len(block) and is_number_cell(block[end].text):
            end += 1
        figures = end - k
        closing = end < len(block) and _TOTAL_LABEL.match(block[end].text.strip())
        if figures < n_values and k - i == 1 and not _TOTAL_LABEL.match(block[i].text.strip()):
            if not closing:
                return False  # one name before short figures: this table's rows have one label cell
            singles += 1  # a row outside the groups right before the total ("Overig" / "500" / "Totaal …")
        pairs += figures < n_values and k - i >= 2
        i = end
    return pairs >= 2 and singles < pairs


def _row_code(text: str) -> bool:
    """A row's code cell: a taakveld-like code ("0.1", "A12") or a product number of up to four digits ("208"),
    which only the name cell after it and the figures after that tell from an amount."""
    t = text.strip()
    return bool(_CODE_CELL.match(t) or re.fullmatch(r"\d{1,4}", t))


_ZERO_PADDED = re.compile(r"^\s*0\d\s*$")  # "01", "07": a programme's code; an amount prints no leading zero


def _next_code_inside(block: list[_Item], first: int, end: int) -> bool:
    """A code cell followed by a name among the would-be figure cells of a coded row ("0.64" then "Belastingen
    overig"): the row ended early (its empty cells were not copied) and the next row started."""
    return any(_CODE_CELL.match(block[x].text) and (not is_number_cell(block[x].text) or _ZERO_PADDED.match(block[x].text))
               and x + 1 < len(block) and not _value_like(block[x + 1].text) for x in range(first, min(end, len(block))))


_CODE_HEADING = re.compile(r"^\d{1,2}(\.\d{1,2}[a-z]?)*\s+[A-Za-z]")


def _is_code_heading(text: str) -> bool:
    """A code and a name in one cell ("0.1 Bestuur", "99 Resultaat"), not a cell with a year ("2019 Begroting",
    "1 januari 2019") nor an ordinal ("1e wijziging")."""
    t = text.strip()
    return bool(_CODE_HEADING.match(t)) and not _FULL_YEAR.search(t)


def _short_row(block: list[_Item], k: int, n_label: int, n_values: int) -> Optional[tuple[list[_Item], list[_Item], int]]:
    """A row of a coded table printed with fewer cells (its empty cells dropped by the copy): a code, a name and 1..N
    figures, or a name alone with all N figures ("Totaal 0 …"), up to the next row's code or name or the end. Returns
    the label cells, the figures and the index after them."""
    labels: list[_Item] = []
    x = k
    if x < len(block) and _CODE_CELL.match(block[x].text) and x + 1 < len(block) and not _value_like(block[x + 1].text):
        labels.append(block[x])
        x += 1
    under_heading = k > 0 and _is_code_heading(block[k - 1].text)  # "0.62 OZB" / "Programma 1" / figures: the heading names it
    # "Subtotaal lasten" names a side, yet a total with its figures is a row ("Lasten" alone would be a header cell)
    header_like = is_header_cell(block[x].text) and not _TOTAL_LABEL.match(block[x].text.strip()) \
        and not _all_figures_after(block, x, n_values) if x < len(block) else False
    after_row = k > 0 and _value_like(block[k - 1].text)  # the row before ended with its figures
    if x >= len(block) or _value_like(block[x].text) or header_like and not labels and not under_heading and not after_row \
            or len(block[x].text) > 120:
        return None
    labels.append(block[x])
    x += 1
    if n_label >= 2 and len(labels) < n_label and x < len(block) and not _value_like(block[x].text) and len(block[x].text) <= 120 \
            and x + 1 < len(block) and is_number_cell(block[x + 1].text):
        labels.append(block[x])  # "Programma" | "Omschrijving" over two name cells, then fewer figures than columns
        x += 1
    figures: list[_Item] = []
    while x < len(block) and is_number_cell(block[x].text) and len(figures) < n_values:
        if _CODE_CELL.match(block[x].text) and not is_number_cell(block[x].text):
            break
        if len(labels) >= 2 and len(figures) and x + 1 < len(block) and not _value_like(block[x + 1].text) and _CODE_CELL.match(block[x].text) \
                and not re.search(r"[.,]\d{3}|,", block[x].text):
            break  # "0.64" / "1" followed by a name: the next row's code
        figures.append(block[x])
        x += 1
    if not figures or len(labels) > n_label or (x < len(block) and _value_like(block[x].text) and not _CODE_CELL.match(block[x].text)):
        return None
    # the row's explanation line closes it; two figures at least ("Toelichting" / "1" / a sentence is a numbered note)
    explained = x < len(block) and _explains_row(block[x].text) and len(figures) >= 2
    between = after_row and _complete_row_at(block, x, n_label, n_values)
    between = between or after_row and _closing_total_at(block, x)  # a last row of its own before the total
    if header_like and not labels and not under_heading and not between:
        return None  # "Resultaat" alone is a header cell, unless it stands between two rows with figures
    if len(figures) < n_values and (not (len(labels) >= 2 or _CODE_AND_NAME.match(labels[0].text) or _TOTAL_LABEL.match(labels[0].text)
                                         or under_heading or explained or between)
                                    or _SENTENCE.search(labels[-1].text)):
        return None  # a short row has its code and a name (or is a total), not a sentence; "Toelichting" / "1" / "Geen toelichting." is a note
    return labels, figures, x


def _closing_total_at(block: list[_Item], x: int) -> bool:
    """A total row starts at `x`: a "Totaal …" label, then a figure."""
    return x + 1 < len(block) and bool(_TOTAL_LABEL.match(block[x].text.strip())) and is_number_cell(block[x + 1].text)


def _all_figures_after(block: list[_Item], x: int, n_values: int) -> bool:
    """The cell at `x` is followed by exactly `n_values` figures, then no figure: a row whose label uses side words
    ("Saldo baten en lasten" with a figure under every column), not a header cell over the next rows."""
    end = x + 1 + n_values
    return end <= len(block) and all(is_number_cell(c.text) for c in block[x + 1:end]) \
        and (end == len(block) or not _value_like(block[end].text))


def _complete_row_at(block: list[_Item], x: int, n_label: int, n_values: int) -> bool:
    """A whole row starts at `x`: its label cell(s), then exactly `n_values` figures. A short row between two whole
    rows ("Heffing VPB" / "p.m." under five columns) is a row of the table, not the end of it."""
    end = x + n_label + n_values
    return end <= len(block) and not any(_value_like(c.text) for c in block[x:x + n_label]) \
        and all(is_number_cell(c.text) for c in block[x + n_label:end]) \
        and (end == len(block) or not _value_like(block[end].text))


_QUALIFIED_FIGURE = re.compile(r"^(minimaal|maximaal|min\.|max\.|ten\s*minste|ca\.|circa|ongeveer|ruim|bijna|meer\s+dan|minder\s+dan)"
                               r"\s*[<>≤≥]?\s*[-−]?\d[\d.,]*\s*%?$", re.IGNORECASE)


_NOTED_FIGURE = re.compile(r"^[-−]?\d[\d.,]*\s*%?\s*\(\s*[-−]?\d[\d.,]*\s*%?\s*\)\s*\**$"  # "542 (524)*"
                           r"|^(19|20)\d{2}\s*:\s*[-−]?\d[\d.,]*\s*%?$"  # "2031: 20"
                           r"|^[-−]?\d[\d.,]*\s*%?\s*(per\s+jaar|p/jr|p/j|/jaar|/jr)\.?$", re.IGNORECASE)  # "1,5% p/jr."


def _value_cell(text: str) -> bool:
    """A cell a value column may hold: a figure or no-value mark, a figure with a note after it ("542 (524)*",
    "2031: 20") or a figure after a comparator or approximation word ("Minimaal 30", "ca. 3")."""
    t = " ".join(text.split())
    return _value_like(t) or bool(_QUALIFIED_FIGURE.match(t) or _NOTED_FIGURE.match(t)) or _unit_figure(t)


def _note_row_fits(block: list[_Item], k: int, width: int, values: list[_Item]) -> bool:
    """A row with a sentence in a value column (`is_figure_note`) is read only when it still prints a figure and the
    cell after it opens the next row or a heading, not a figure: otherwise the row may be shorter than the header
    and the sentence the next row's name."""
    after = block[k + width].text if k + width < len(block) else ""
    return any(is_number_cell(v.text) for v in values) and not _value_like(after) and not is_figure_note(after)


def _unit_figure(text: str) -> bool:
    """One figure with a unit word after it ("0km", "214,4 kg"): a value cell; the unit is the value's."""
    found = list(UNIT_WORDS.finditer(text))
    return len(found) == 1 and bool(_NUMBER_CELL.match(UNIT_WORDS.sub("", text).strip())) and re.search(r"\d", text) is not None


def _explains_row(text: str) -> bool:
    """A line of sentences under a row (how the indicator is measured, why a figure is missing): long, ends with a
    full stop, and holds words, not a row of figures."""
    t = text.strip()
    return len(t) >= 40 and t.endswith((".", ".)")) and len(re.findall(r"[^\W\d_]{3,}", t)) >= 6


def _read_cell_run(block: list[_Item], start: int, given: Optional["_GivenHeader"] = None) -> Optional[tuple[Table, int, int]]:
    """The table whose header run starts at `start`, the index after it, and its number of body rows with every cell.
    `given`: a header another reader already read (its cells, end, columns, and a lower row repeated in the body)."""
    found = _header_run(block, start) if given is None else (given.cells, given.end)
    if found is None:
        return None
    head, j = found
    if _areas_over_years(block, j - len(head), head):
        return None
    columns, groups = _columns_from_header(head) if given is None else (list(given.columns), [])
    if given is None:
        columns = _title_kind_over_year(block, j - len(head), head, columns)
    n_label = sum(1 for c in columns if _ROLE_WORD.match(c) and not _NOTE_COLUMN.match(c)) or 1
    n_trailing = _trailing_count(columns)
    if not any(_ROLE_WORD.match(c) for c in columns):
        columns = [""] + columns
    n_label = _named_label_columns(columns, n_label, n_trailing)
    n_values = len(columns) - n_label - n_trailing
    if n_values < 1:
        return None
    if n_label == 1 and not n_trailing and _code_beside_name(block, j, n_values):
        columns = [columns[0], "", *columns[1:]]  # "Taakvelden" over a code cell and a name cell
        n_label = 2
    elif n_label == 1 and not n_trailing and n_values >= 2 and _per_programme(block, start, j) \
            and _name_beside_name(block, j, n_values):
        columns = ["Programma", *columns]  # "Omschrijving" over the second of two name cells, the programme first
        n_label = 2
    width = n_label + n_values + n_trailing
    numeric_col = [bool(_FULL_YEAR.search(c) or _KIND_WORD.search(c)) and not _NORM_HEADER.match(c.strip()) for c in columns]
    rows: list[TableRow] = [_row(columns, (head[0].first, head[-1].last), head[0].page)]
    coded = not n_trailing  # "Nr. | Doel | …" or "0.1 Bestuur": a code and a name, then the figures
    k = j
    body = n_ragged = 0
    numbered = bool(_CODE_HEADER.match(columns[0]))  # a number column: rows shorter than the header are ragged
    while k < len(block):
        if given is not None and _repeats_at(block, k, given.repeat):
            k += len(given.repeat)  # the header's lower row printed again over the next block of rows
            continue
        item = block[k]
        cells = block[k:k + width]
        values = cells[n_label:n_label + n_values]
        if body and len(values) >= 2 and all(is_year_cell(v.text) for v in values):
            break  # a label over a run of bare years: the header of the next table, not a row of this one
        labels_ok = all((not _value_like(c.text) or re.match(r"^\d+[a-z]?\.?$", c.text) or (coded and x < n_label - 1 and _CODE_CELL.match(c.text)))
                        and not (x < n_label - 1 and _explains_row(c.text)) for x, c in enumerate(cells[:n_label]))
        if numbered and any(_starts_coded_row(block, k + x) for x in range(1, len(cells))):
            labels_ok = False  # the next row's number inside the window: this row is shorter than the header
        if len(cells) == width and labels_ok and values and any(is_number_cell(v.text) or _unit_figure(v.text) for v in values) \
                and not (coded and _next_code_inside(block, k + n_label, k + width)) \
                and not any(_value_like(c.text) for c in cells[n_label + n_values:]) \
                and all(_value_cell(v.text) or is_figure_note(v.text) if numeric_col[n_label + x]
                        else len(v.text) <= 40 and not is_header_cell(v.text) for x, v in enumerate(values)) \
                and (all(_value_cell(v.text) for x, v in enumerate(values) if numeric_col[n_label + x])
                     or _note_row_fits(block, k, width, values)):
            rows.append(_row([c.text for c in cells], (cells[0].first, cells[-1].last), item.page))
            if _stacked_names_over_figures(rows, n_label, n_values):
                _unplace(rows[-1], n_label, n_values)
            k += width
            body += 1
            continue
        short = _short_row(block, k, n_label, n_values) if coded else None
        if short is not None:
            labels, figures, k = short
            row = _row(["" for _ in range(n_label - len(labels))] + [x.text for x in labels] + [""] * n_values,
                       (labels[0].first, figures[-1].last), item.page)
            if len(figures) == n_values:
                row.cells[n_label:] = [x.text for x in figures]  # only the code cell is missing ("Totaal 0 …")
            else:
                row.unplaced = [x.text for x in figures]
                row.problem = (f"{len(figures)} figure(s) for {n_values} value columns (empty cells not copied): "
                               "which columns they are in is not printed")
            rows.append(row)
            body += len(figures) == n_values  # a short row does not count: a misread header makes every row short
            continue
        ragged = _ragged_row(block, k, n_label, width, _through_name(columns, n_label)) if numbered else None
        if ragged is not None:
            rows.append(ragged[0])
            k = ragged[1]
            n_ragged += 1
            continue
        if is_header_cell(item.text) and not _is_code_heading(item.text) and _header_run(block, k) is not None and not body:
            return None  # another header before any row: the lines read as this header are not the table's
        if _value_like(item.text) or (is_header_cell(item.text) and _header_run(block, k) is not None and body):
            break  # numbers out of step with the header, or the next table's header
        if len(item.text) > 120 and not (_explains_row(item.text) and len(rows[-1].cells) == width and len(rows) > 1):
            break  # a long line ends the table, unless it explains the row above it (one such line under each row)
        rows.append(_row([item.text], (item.first, item.last), item.page))  # a section, note or source line
        k += 1
    while rows and len(rows[-1].cells) == 1:
        rows.pop()
        k -= 1
    if body < 1 and n_ragged < 2 or _unfilled_label_column(rows[1:], n_label):
        return None
    if len(groups) == 1 and short_row_follows([b.text for b in block[k:k + n_values + 1]], n_values, _value_cell):
        return None  # one kind word before the years, and the copy drops cells: its own column or the years' group?
    above = [Line(text=g) for g in groups]
    table = _table(rows, width, "text", above)
    table.kind_groups = list(groups)
    table.header_rows = 1  # the header run is the first row ("nr." beside "Realisatie 2018" is no data row)
    notes = [] if given is not None else [b.text.strip() for b in block[start:j] if b not in head]
    table.caption = " — ".join([*notes, *filter(None, [_caption_above(block, start)])]) or None
    return table, max(k, j), body


def _stacked_names_over_figures(rows: list[TableRow], n_label: int, n_values: int) -> bool:
    """The last row is named after a run of name-only rows just above it, as many names as it has value columns
    ("Alfa" / "Beta" / "Gamma" / 12 / 7 / 5): a block of rows copied column by column, each figure maybe another
    name's. Which figure is whose is not printed, so none is read."""
    names = 0
    for row in reversed(rows[1:-1]):
        if len(row.cells) != 1 or _value_like(row.cells[0]):
            break
        names += 1
    return n_label == 1 and n_values >= 2 and names >= 2 and names + 1 == n_values


def _unplace(row: TableRow, n_label: int, n_values: int) -> None:
    """Take a row's figures out of its columns: kept in print order as unplaced, with why (warned, none read)."""
    row.unplaced = [c for c in row.cells[n_label:n_label + n_values] if c.strip()]
    row.cells[n_label:n_label + n_values] = [""] * n_values
    row.problem = "names printed one under another over one run of figures: which figure is whose is not printed"


def _unfilled_label_column(body: list[TableRow], n_label: int) -> bool:
    """The first of two or more label columns is empty in every row with figures: the header took a caption or
    title line above it ("Indicatoren (…)" / "Bestuur" over the years) for a label column, and each row's label
    stands in the last one. A start further down the header reads the table."""
    rows = [r for r in body if len(r.cells) > n_label and (any(c.strip() for c in r.cells[n_label:]) or r.unplaced)]
    return n_label >= 2 and bool(rows) and not any(r.cells[0].strip() for r in rows)


_UNIT_NOTE = re.compile(r"bedragen\s*(x\b|in\b|\*)|\bx\s*€?\s*1[.\s]?000\b|\(\s*(x|in|\*)\s*€|in\s+duizenden|€\s*['’]?000|"
                        r"\bx\s*€?\s*1\s*(mln|miljoen)", re.IGNORECASE)


PROGRAMME_TITLE = re.compile(r"^\s*programma\s+\d{1,2}[a-z]?\s*[:.]?\s+\S", re.IGNORECASE)
# "Producten Programma 1 Wonen", "Lasten en baten programma 2: Zorg": one or two words before a numbered title
_LED_TITLE = re.compile(r"^\s*(?:[^\W\d]+\s+){1,3}?(?=programma\s+\d{1,2}[a-z]?\s*[:.]?\s+\S)", re.IGNORECASE)


def led_programme_title(text: str) -> Optional[str]:
    """The numbered programme title a caption line ends in after a word or two that say what of it the table shows
    ("Producten Programma 1 Wonen" -> "Programma 1 Wonen"); None for other lines."""
    lead = _LED_TITLE.match(text)
    if lead is None or len(lead.group(0).split()) > 2 and lead.group(0).split()[1].lower() not in ("en", "&"):
        return None
    return text[lead.end():].strip()



def _caption_above(block: list[_Item], start: int) -> Optional[str]:
    """Short lines just above a header that state the amounts' unit ("(bedragen x € 1.000; - = nadeel)") or the
    programme the table belongs to ("Programma 8: Wonen", "Programmalijn Zorg"): the table's caption, so the unit is
    applied and the programme named (one cell per line, such lines are no header cells). Nearest first, joined by
    " — "."""
    found = [item.text.strip() for item in reversed(block[max(0, start - 3):start])
             if len(item.text.strip()) <= 120 and (_UNIT_NOTE.search(item.text) or PROGRAMME_TITLE.match(item.text)
                                                      or named_programme_title(item.text) or led_programme_title(item.text))]
    return " — ".join(found) or None


_ROW_YEAR_HEADER = re.compile(r"^(periode|jaar|peiljaar|meetjaar|jaartal)\*?$", re.IGNORECASE)
_VALUE_HEADER = re.compile(r"^(waarde|score|cijfer|uitkomst)\*?$", re.IGNORECASE)
_TEXT_HEADER = re.compile(r"^(beschrijving|definitie|regio|gebied|benchmark|vergelijking)\*?$", re.IGNORECASE)
_ROW_NUMBER_CELL = re.compile(r"^\d{1,3}[a-z]?\.?$")
_ROW_CODE_CELL = re.compile(r"^(?:[A-Z]{1,2}\.)?\d{1,3}[a-z]?\.?$")  # "17", "4a.", a set's letter before it: "B.17."


def _role_column(header: str) -> Optional[str]:
    """What a cell of a role header holds: "value", "year" (the year of the row's values), "code", "text", or None.

    Besides the plain words, a header the shared vocabulary gives the row-year role ("Jaar waarop het cijfer
    betrekking heeft") is the year column, and one naming a value type ("Cijfer jaarrekening 2039", "Vergelijkend
    cijfer") a value column: the table's meaning layer reads what they say."""
    t = header.strip()
    if _VALUE_HEADER.match(t) or (len(t) <= 40 and kind_word(t) and not is_area_header(t)):
        return "value"
    if _ROW_YEAR_HEADER.match(t) or column_role(t) == "year":
        return "year"
    if re.match(r"^(nr\.?|nummer|code)$", t, re.IGNORECASE) or column_role(t) == "taakveld":
        return "code"  # a taakveld column holds the taakveld's code ("0", "6.1")
    if _ROLE_WORD.match(t) or _TEXT_HEADER.match(t) or is_label_header(t):
        return "text"
    return None


def _fits_role(kind: str, text: str) -> bool:
    if kind == "value":
        return _value_like(text) and not is_year_cell(text)
    if kind == "year":
        return is_year_cell(text)
    if kind == "code":
        return bool(_ROW_CODE_CELL.match(text.strip()) or _CODE_CELL.match(text.strip()))
    return not _value_like(text) and not is_year_cell(text)


_BRACKETED_FIGURE = re.compile(r"^\(\s*[-−]?\d[\d.,]*\s*%?\s*\)$")


def _resumed_columns(kinds: list[str]) -> Optional[tuple[int, int]]:
    """(first, end) of the columns a row of a second area fills under the same indicator: from the year column
    through the last value column, when an area column stands between them ("jaar" / "regio" / "waarde")."""
    year = kinds.index("year")
    last_value = max(i for i, kind in enumerate(kinds) if kind == "value")
    if year == 0 or last_value < year or not any(kind == "text" for kind in kinds[year + 1:last_value]):
        return None
    return year, last_value + 1


def _role_row(block: list[_Item], k: int, kinds: list[str], first_col: int, end_col: int
              ) -> Optional[tuple[list[str], _Item, int]]:
    """The cells of one row from item `k` filling columns first_col..end_col-1 (the others left empty), or None.

    A bracketed figure right after a value cell ("3,4" / "(2,9)": an earlier edition's figure) is left out of
    the row, so the cells after it stay in step."""
    cells = [""] * len(kinds)
    col, start = first_col, k
    while col < end_col:
        if k >= len(block):
            return None
        text = block[k].text
        if col > first_col and kinds[col - 1] == "value" and _BRACKETED_FIGURE.match(text.strip()) \
                and not is_year_cell(text):
            k += 1
            continue
        if not _fits_role(kinds[col], text):
            return None
        cells[col] = text
        col += 1
        k += 1
    if kinds[end_col - 1] == "value" and k < len(block) and _BRACKETED_FIGURE.match(block[k].text.strip()) \
            and not is_year_cell(block[k].text):
        k += 1  # the bracketed figure after the row's last value
    return cells, block[start], k


def _read_role_run(block: list[_Item], start: int) -> Optional[tuple[Table, int, int]]:
    """A header of column roles only ("Indicator" / "eenheid" / "periode" / "waarde"): a label, a value column and a
    column giving each row's year. Rows are read when all their cells fit their columns; a single cell between rows
    (a group row) is kept as a one-cell row; anything else ends the table."""
    first = block[start].text.strip()
    if _role_column(first) is None and (len(first) > 40 or first.endswith((".", ":")) or _value_like(first)):
        return None
    kinds: list[str] = [_role_column(first) or "text"]  # the label column's header may be any short word
    j = start + 1
    while j < len(block) and (kind := _role_column(block[j].text)) is not None:
        kinds.append(kind)
        j += 1
    if "value" not in kinds or "year" not in kinds or kinds[0] not in ("text", "code") or len(kinds) < 3:
        return None
    head = block[start:j]
    width = len(kinds)
    rows: list[TableRow] = [_row([h.text for h in head], (head[0].first, head[-1].last), head[0].page)]
    k, body = j, 0
    resumed = _resumed_columns(kinds)
    while k < len(block):
        taken = _role_row(block, k, kinds, 0, width)
        if taken is None and body and resumed is not None and len(rows[-1].cells) > 1:
            taken = _role_row(block, k, kinds, *resumed)  # the next area's figures of the indicator above
        if taken is not None:
            cells, first, k = taken
            rows.append(_row(cells, (first.first, block[k - 1].last), first.page))
            body += 1
            continue
        nxt = block[k + 1] if k + 1 < len(block) else None
        if nxt is not None and _fits_role(kinds[0], block[k].text) and _fits_role(kinds[0], nxt.text) \
                and len(block[k].text) <= 80:
            rows.append(_row([block[k].text], (block[k].first, block[k].last), block[k].page))  # a group row
            k += 1
            continue
        break
    while rows and len(rows[-1].cells) == 1:
        rows.pop()
    if body < 2:
        return None
    table = _table(rows, width, "text", [])
    table.header_rows = 1
    return table, k, body


# ------------------------------------------------------------------ one cell per line: two-row headers


@dataclass
class _GivenHeader:
    """A header read by `_grouped_cell_run` for `_read_cell_run`: its items, the index after it, the column names
    (label columns first when printed) and its lower row, which a long table repeats over a later block of rows."""
    cells: list[_Item]
    end: int
    columns: list[str]
    repeat: list[str]


def _repeats_at(block: list[_Item], k: int, repeat: list[str]) -> bool:
    return len(repeat) >= 2 and [" ".join(b.text.split()) for b in block[k:k + len(repeat)]] == repeat


def _more_placed(first: Optional[tuple[Table, int, int]], second: Optional[tuple[Table, int, int]]
                 ) -> Optional[tuple[Table, int, int]]:
    """Of two readings of one table, the one placing more cells (full rows times width); the first on a tie."""
    if first is None or second is None:
        return first or second
    return second if second[2] * second[0].n_cols > first[2] * first[0].n_cols else first


_YEAR_WITH_UNIT = re.compile(r"^(19|20)\d{2}\s*\(\s*(in|x)\b[^()\d]*\)$", re.IGNORECASE)


def _figure(text: str) -> bool:
    """A figure cell; not a year ("2039") nor a year with its unit in brackets ("2039 (in €)", "2039 (in %)"): header
    cells over a group of columns."""
    return _value_like(text) and not is_year_cell(text) and not _YEAR_WITH_UNIT.match(text.strip())


def _row_figures(block: list[_Item], k: int) -> int:
    """Figure cells from k up to the next word cell."""
    n = 0
    while k + n < len(block) and _value_like(block[k + n].text):
        n += 1
    return n


def _grouped_cell_run(block: list[_Item], start: int) -> Optional[tuple[Table, int, int]]:
    """A two-row header flattened into one run of cells ("Begroting 2039 | Rekening 2039 | Verschil | Lasten | Baten |
    … | Totaal", "Begroot 2039 | Rekening | Afwijking | Primitief | Definitief | 2039"), whose groups need not repeat the
    same sub-cells: the first two rows (a label, then N figures each) prove N, and `layout.header_groups` gives the
    header's one reading with N value columns, or none. Leading role cells ("Omschrijving") head the label column; a
    unit note among the header cells is the table's caption; figure-less cells after the header are group rows."""
    if not is_header_cell(block[start].text) or start > 0 and _inside_header(block, start):
        return None
    first = start
    while first < len(block) and first - start <= 30 and not _figure(block[first].text):
        first += 1
    if first >= len(block) or first - start < 4 or not _figure(block[first].text):
        return None
    n = _row_figures(block, first)
    second = first + n  # the second row's label, maybe after a figure-less group row or two
    while second < len(block) and second - first - n < 3 and not _value_like(block[second].text):
        second += 1
    if n < 2 or second == first + n or _row_figures(block, second) != n:
        return None
    for begin in range(start, first - 3):
        if begin > start and _inside_header(block, begin):
            break  # a title or caption cell before the header may be passed over, never a header cell's neighbour
        if not is_header_cell(block[begin].text):
            continue
        read = _read_grouped_from(block, begin, first, n)
        if read is not None:
            return read
    return None


def _read_grouped_from(block: list[_Item], start: int, first: int, n: int) -> Optional[tuple[Table, int, int]]:
    """The table whose flattened two-row header runs from `start` to the first row's label (just before `first`)."""
    cells = block[start:first - 1]  # the cell before the figures is the first row's label
    roles = 0
    while roles < len(cells) and _ROLE_WORD.match(cells[roles].text) and not _FULL_YEAR.search(cells[roles].text):
        roles += 1
    # "2039 (in €)" heads a group; a unit note or a sign legend ('"-" = nadeel') between the rows is a note
    notes = [c for c in cells if (_UNIT_NOTE.search(c.text) or is_sign_legend(c.text)) and not _FULL_YEAR.search(c.text)]
    for end in range(len(cells), roles + 2, -1):
        texts = [" ".join(c.text.split()) for c in cells[roles:end] if c not in notes]
        corner = lower_row_corner(texts)
        if corner is not None:
            texts = texts[:corner] + texts[corner + 1:]  # "(BBV art 17)" over the label column of the lower row
        found = _three_rows(texts, n) or two_level_header(texts, n)
        wide = wide_group_header(texts, n) if found is None else None
        if found is None and wide is None:
            continue
        columns, lower = found if found is not None else (wide[0], [])
        given = _GivenHeader(cells[:end], start + end, [c.text for c in cells[:roles]] + columns, lower)
        read = _read_cell_run(block, start, given)
        if read is None:
            return None
        read[0].unnamed_sub_columns = wide[1] if wide is not None else 0
        caption = " — ".join([*(c.text.strip() for c in notes if c in cells[:end]), *([read[0].caption] if read[0].caption else [])])
        read[0].caption = caption or None
        return read
    return None


# ------------------------------------------------------------------ flattened rows


def split_header_line(text: str) -> list[str]:
    """Column headers of a flattened header line: a new column starts after a year or at a capitalised kind word."""
    words = text.split()
    columns: list[list[str]] = [[]]
    for k, w in enumerate(words):
        cur = columns[-1]
        has_year = any(_FULL_YEAR.search(x) for x in cur)
        has_kind = any(_KIND_WORD.search(x) for x in cur)
        is_year = bool(_FULL_YEAR.fullmatch(w.strip("()")))
        starts_kind = bool(_KIND_WORD.match(w)) and w[:1].isupper()
        if cur and ((has_year and (starts_kind or is_year or w[:1].isupper())) or (starts_kind and has_kind)) \
                and not _stage_of(cur, w, words[k + 1] if k + 1 < len(words) else None):
            columns.append([])
        columns[-1].append(w)
    return [" ".join(c) for c in columns if c]


_STAGE_WORD = re.compile(r"^(primitie(f|ve)|definitie(f|ve)|gewijzigd|bijgesteld|oorspronkelijk)$", re.IGNORECASE)


def _stage_of(cur: list[str], word: str, following: Optional[str]) -> bool:
    """A begroting's stage printed after its year ("Begroting 2039 Primitief"): it qualifies that column, it heads
    no column of its own. Only after a "Begroting <year>" column, and as the column's last word (the line ends or
    the next column starts with a capital or a year), so "Begroting 2039 Primitieve begroting 2040" keeps two."""
    if not _STAGE_WORD.match(word) or not re.search(r"\bbegro", " ".join(cur), re.IGNORECASE) \
            or not _FULL_YEAR.fullmatch(cur[-1].strip("()")):
        return False
    return following is None or following[:1].isupper() or bool(_FULL_YEAR.fullmatch(following.strip("()")))


def split_after_years(text: str, n: int) -> list[str]:
    """Column headers of a flattened header line in which every one of the N value columns ends in its year
    ("Programma Begroting 2031 Wijziging Begroting 2031 Totaal begroting 2031 …"): a column ends after each year, so a
    kind word before another ("Wijziging Begroting 2031") stays in its column. Only when the line prints exactly N
    years, all at the end of a column, and no figures; else [] (the kind-word split stands)."""
    words = text.split()
    cells: list[list[str]] = [[]]
    for w in words:
        cells[-1].append(w)
        if _FULL_YEAR.fullmatch(w.strip("()")):
            cells.append([])
    if cells[-1] or len(cells) - 1 != n or any(re.search(r"\d", w) and not _FULL_YEAR.fullmatch(w.strip("()")) for w in words):
        return []
    return [" ".join(c) for c in cells[:-1]]


_DATE_WORD = re.compile(r"^\d{1,2}[-/]\d{1,2}[-/](19|20)\d{2}$")


def split_statement_header(text: str) -> list[str]:
    """Column headers of a statement of reserves flattened to single spaces ("Omschrijving Stand 1-1-2038 Toevoeging
    Vrijgevallen bedragen Onttrekking Stand 31-12-2038"): a column starts at each capitalised word, lower-case words
    and dates continue it; the cells before the first balance or mutation column are joined as the corner. Only when
    the line holds a balance on a date and a mutation column (vocabulary) and nothing but words and dates; else []."""
    words = text.split()
    dated = [w for w in words if re.search(r"\d", w)]
    if not dated or not all(_DATE_WORD.match(w) for w in dated):
        return []  # a balance is dated ("1-1-2038"); any other figure makes the line no such header
    cells: list[list[str]] = []
    for w in words:
        if not cells or w[:1].isupper():
            cells.append([w])
        else:
            cells[-1].append(w)
    heads = [" ".join(c) for c in cells]
    typed = [is_balance_header(h) or is_mutation_header(h) for h in heads]
    if not any(is_balance_header(h) for h in heads) or not any(is_mutation_header(h) for h in heads) or not any(typed):
        return []
    first = typed.index(True)
    return ([" ".join(heads[:first])] if first else []) + heads[first:]


def _spaced_percent(tokens: list[str], k: int) -> bool:
    """Token k-1 is a lone percent sign after a figure without one ("67 %"): one value cell."""
    return k > 1 and tokens[k - 1] in ("%", "‰") and bool(_TOKEN_VALUE.match(tokens[k - 2])) \
        and tokens[k - 2][-1:].isdigit()


def _tail_values(text: str) -> tuple[str, list[str]]:
    """A flattened row: the label and the run of value tokens at its end."""
    tokens = text.split()
    k = len(tokens)
    values: list[str] = []
    while k > 0:
        spaced = _spaced_percent(tokens, k)
        if not spaced and not _TOKEN_VALUE.match(tokens[k - 1]):
            break
        if spaced:
            values.insert(0, f"{tokens[k - 2]} {tokens[k - 1]}")  # "67 %": the percent sign printed as its own token
            k -= 2
            continue
        if k > 1 and tokens[k - 2] == "-/-" and tokens[k - 1][:1].isdigit():
            values.insert(0, f"-/- {tokens[k - 1]}")  # "-/- 2.108": the Dutch minus printed as its own token
            k -= 2
            continue
        if k > 1 and NADEEL_VOORDEEL.fullmatch(tokens[k - 2]) and tokens[k - 1][:1].isdigit():
            values.insert(0, f"{tokens[k - 2]} {tokens[k - 1]}")  # "N 1.234": the nadeel/voordeel mark and its amount
            k -= 2
            continue
        values.insert(0, tokens[k - 1])
        k -= 1
    # "€ 769.100": a euro sign printed as its own token belongs to the label's end and is dropped below
    label = " ".join(tokens[:k])
    while label.endswith(" €") or label == "€":
        label = label[:-1].rstrip()
    return label, values


def flattened_tables(lines: list[Line]) -> list[Table]:
    """Header line(s) of kinds/years followed by rows `label v1 v2 … vN` with the same N."""
    tables: list[Table] = []
    i = 0
    texts = [ln.text.strip() for ln in lines]
    while i < len(lines):
        heads = split_header_line(texts[i]) if texts[i] and "|" not in texts[i] and "\t" not in lines[i].text else []
        while len(heads) > 2 and is_picture_header(heads[-1]):
            heads.pop()  # "… 2020 Trendlijn": a chart column, no cell in the copied rows
        kinded = [h for h in heads if _FULL_YEAR.search(h) or _KIND_WORD.search(h)]
        statement = split_statement_header(texts[i]) if heads else []
        if statement:
            heads = statement  # "Stand 1-1-2038 Toevoeging … Stand 31-12-2038": balances and mutations
            kinded = [h for h in heads if _FULL_YEAR.search(h) or _KIND_WORD.search(h) or is_mutation_header(h)]
        tail = _tail_values(texts[i])[1] if texts[i] else []
        if len(kinded) < 2 or len(texts[i]) > 200 or (tail and not all(is_year_cell(t) for t in tail)):
            i += 1
            continue
        table, end = _read_flat(lines, texts, i, heads)
        if table is None:
            i += 1
            continue
        if statement:
            table.header_rows = 1  # one header line; a figure-less line under it is a group of reserves
        tables.append(table)
        i = end
    return tables


_SUB_TOTAL = re.compile(r"totaal", re.IGNORECASE)  # an extra sub-column word of a group ("Lasten Baten Totaal")


def _sub_header(text: str) -> tuple[str, list[str]]:
    """(corner, sub-column headers) of the line under a flattened header line when it names only kinds, sides or
    years ("Lasten Baten Saldo Lasten Baten Saldo"), after at most a few label-column words ("Omschrijving Lasten
    Baten Saldo …": the label column's own header, printed on this row as the group headers above leave its place
    empty; then at least two sub-columns). No figures; else ("", [])."""
    words = text.split()
    first = next((i for i, w in enumerate(words) if _sub_column_word(w)), len(words))
    sub, corner = words[first:], words[:first]
    if len(sub) < 1 or not all(_sub_column_word(w) for w in sub) or all(_SUB_TOTAL.fullmatch(w) for w in sub):
        return "", []
    if corner and (len(sub) < 2 or len(corner) > 4 or any(re.search(r"\d", w) for w in corner)
                   or not _ROLE_WORD.match(corner[0])):
        return "", []
    return " ".join(corner), sub


def _sub_column_word(word: str) -> bool:
    return bool(_KIND_WORD.fullmatch(word) or is_year_cell(word) or _SUB_TOTAL.fullmatch(word))


def _read_flat(lines: list[Line], texts: list[str], start: int, heads: list[str]) -> tuple[Optional[Table], int]:
    k = start + 1
    sub_corner, sub = _sub_header(texts[k]) if k < len(texts) else ("", [])
    if sub:
        k += 1  # "Baten Lasten Saldo Baten Lasten Saldo …", "2016 2017 2017", "Lasten Baten … Totaal"
    body: list[tuple[int, str, list[str]]] = []
    unit_note: Optional[Line] = None
    broken: Optional[int] = None  # the last line, when it ends inside a figure
    roles = _corner_roles(_value_headers(heads, [], 0)[0])  # "Nr. Omschrijving Toelichting/Eenheid": rows are numbered
    while k < len(lines):
        text = texts[k]
        if not text:
            k += 1
            if body and k < len(texts) and not texts[k]:
                break
            continue
        if _broken_tail(text) and not any(t.strip() for t in texts[k + 1:]):
            text = text.rsplit(None, 1)[0]  # "… -28.027 -27.": the copy stops inside its last figure
            broken = k
        block = _block_over_sub_header(text, sub) if body else None
        if block is not None:
            body.append((k, block, []))  # "Mutaties reserves Lasten Baten …": the next block of this table's rows
            k += 1
            continue
        label, values = _tail_values(text)
        if len(text) > 200 or (not values and len(text) > 90 and not (roles and _NUMBERED_LABEL.match(text))) \
                or (body and _flat_header(text, lines[k])):
            break  # ... or the next block's own header line: that block is a table of its own
        if body and _unit_line(text):
            unit_note = lines[k]  # "bedragen * €1.000" printed under the rows: the table's unit, no row
            break
        body.append((k, label, values))
        k += 1
    labelled = [len(v) for _, lab, v in body if v and lab]
    if not labelled or all(is_year_cell(v) for _, _, values in body for v in values):
        # no figure but years under the line ("… 2024 tot en met" / "… 2029"): sentences, no table
        return None, start + 1
    n_most = max(set(labelled), key=labelled.count)
    body = [(index, *_number_of_label(label, values, n_most)) for index, label, values in body]
    body = _join_wrapped_values(body, n_most)
    counts = [len(v) for _, lab, v in body if v and lab]  # label-less lines of figures left over stay text
    n = max(set(counts), key=counts.count)
    corner, value_heads = _value_headers(heads, sub, n)
    if value_heads is None and not sub:
        corner, value_heads = _value_headers(split_after_years(texts[start], n) or heads, sub, n)
    corner = f"{corner} {sub_corner}".strip()  # "Taakvelden" over "Omschrijving": both head the label column
    if value_heads is None or counts.count(n) < max(1, len(counts) // 2):
        return None, start + 1
    first = _no(lines[start], start + 1)
    kind = _kind_over_years(lines, start, value_heads)
    if kind is not None:
        value_heads = [f"{kind} {h}" for h in value_heads]
        first = _no(lines[start - 1], first)
    roles = _corner_roles(corner)
    marked = _marker_corner(corner) if roles is None else None
    rows: list[TableRow] = [_row([*(roles or (marked[0] if marked else [corner])), *value_heads],
                                 (first, _no(lines[start + (1 if sub else 0)], first)), lines[start].page)]
    for index, label, values in body:
        n_line = _no(lines[index], index + 1)
        if len(values) == n and label and marked:
            rows.append(_row([*_split_marked_label(label, marked[1]), *values], (n_line, n_line), lines[index].page))
        elif len(values) == n and label and roles:
            for cells in _split_flat_label(label):
                rows.append(_row([*cells, *(values if len(cells) == 3 else [])], (n_line, n_line), lines[index].page))
        elif len(values) == n and label:
            rows.append(_row([label, *values], (n_line, n_line), lines[index].page))
        elif roles and label and 0 < len(values) < n and not _cut_off(lines, index, len(values), n):
            row = _row(_split_flat_label(label)[-1] + [""] * n, (n_line, n_line), lines[index].page)
            row.unplaced = list(values)
            row.problem = (f"{len(values)} figure(s) ({' | '.join(values)}) for {n} value columns (empty cells not copied): "
                           "which columns they are in is not printed; values left out")
            rows.append(row)
        elif label and 0 < len(values) < n and not _cut_off(lines, index, len(values), n):
            # empty cells not copied ("Reservering 40" under four years): the figures are kept unplaced, for the
            # meaning layer to place only where the table's arithmetic proves their columns
            row = _row([label] + [""] * n, (n_line, n_line), lines[index].page)
            row.unplaced = list(values)
            row.problem = (f"{len(values)} figure(s) ({' | '.join(values)}) for {n} value columns (empty cells not copied): "
                           "which columns they are in is not printed; values left out")
            rows.append(row)
        elif not values:
            rows.append(_row([label], (n_line, n_line), lines[index].page))
        elif label and _cut_off(lines, index, len(values), n):
            # the last figure may be cut itself ("4.409" of "4.409,5"), unless the copy stops inside a later one
            # or the rows above prove it (a saldo of the total rows, a total of the rows above)
            proven = _sum_of_rows_above(rows, len(values), values[-1])
            whole = values if index == broken or proven else values[:-1]
            rows.append(_row([label, *whole, *[""] * (n - len(whole))], (n_line, n_line), lines[index].page))
        else:
            rows.append(_row([texts[index]], (n_line, n_line), lines[index].page))  # out of step: kept as text
    while rows and len(rows[-1].cells) == 1:
        rows.pop()
    if len(rows) < 2:
        return None, start + 1
    above_end = start - 1 if kind is not None else start
    table = _table(rows, n + (3 if roles or marked else 1), "text", lines[max(0, above_end - 4):above_end])
    if marked and not sub and kind is None:
        table.header_rows = 1  # "R2021": a kind mark glued to the year, a header cell that reads as a figure
    if _shared_head_form([h for h in heads if _FULL_YEAR.search(h) or _KIND_WORD.search(h)]) is not None:
        table.header_rows = 1  # "P1 Wonen B 2031 | B 2032 …": a block's name in the header line, which stays one row
    if unit_note is not None:
        table.notes = [unit_note]
    return table, k


def _block_over_sub_header(text: str, sub: list[str]) -> Optional[str]:
    """A block label followed by the table's sub-header again ("Mutaties reserves Lasten Baten Saldo Lasten Baten
    Saldo" under "Lasten Baten Saldo Lasten Baten Saldo"): the same columns go on under a new block of rows, so the
    label is the block's heading row. Only words of the sub-header, all of them in order, after one to six words
    without figures; else None (another header line starts a table of its own)."""
    words = text.split()
    m = len(sub)
    if m < 2 or not 1 <= len(words) - m <= 6 or [w.lower() for w in words[-m:]] != [s.lower() for s in sub]:
        return None
    label = words[:-m]
    return None if any(re.search(r"\d", w) for w in label) else " ".join(label)


def _unit_line(text: str) -> bool:
    """A short line that only states the amounts' unit ("bedragen * €1.000", "x € 1.000")."""
    return len(text) <= 60 and bool(_UNIT_NOTE.search(text)) and not re.search(r"\d", re.sub(r"1[.\s]?000([.\s]?000)*", "", text))


def _flat_header(text: str, line: Line) -> bool:
    """A flattened header line: at least two column headers with a year or kind word and no figures but years."""
    if "|" in text or "\t" in line.text or len(text) > 200:
        return False
    tail = _tail_values(text)[1]
    if tail and not all(is_year_cell(t) for t in tail):
        return False
    return len([h for h in split_header_line(text) if _FULL_YEAR.search(h) or _KIND_WORD.search(h)]) >= 2


def _join_wrapped_values(body: list[tuple[int, str, list[str]]], n: int) -> list[tuple[int, str, list[str]]]:
    """A labelled row with fewer than N values whose cells run on over the next label-less lines ("Saldo 3 -/- 791"
    / "-/- 631" / "-/- 611 -/- 611"): one row, but only when those lines bring exactly the missing values, so
    every value keeps its printed order and column. Otherwise the lines stay as they are (out of step: text)."""
    out: list[tuple[int, str, list[str]]] = []
    i = 0
    while i < len(body):
        index, label, values = body[i]
        j, got = i + 1, list(values)
        while label and 0 < len(got) < n and j < len(body) and not body[j][1] and body[j][2]:
            got += body[j][2]
            j += 1
        ends = j >= len(body) or bool(body[j][1]) or not body[j][2]  # no further label-less figures: no doubt
        if label and values and len(got) == n and j > i + 1 and ends:
            out.append((index, label, got))
            i = j
            continue
        out.append(body[i])
        i += 1
    return out


def _shared_head_form(kinded: list[str]) -> Optional[tuple[str, str]]:
    """The first header glued to the corner text before it ("P1 Wonen B 2031" before "B 2032", "B 2033"; the mark may
    touch its year: "… B2023" before "B2024"): when every other header prints the same short mark before its year, the
    same way, the first one is that mark and year; the text before it is the corner (a block's name). Returns
    (corner, first header) or None."""
    if len(kinded) < 3:
        return None
    forms = [re.fullmatch(r"(?P<mark>[^\d\s]{1,12})(?P<gap>\s*)(19|20)\d{2}", h.strip()) for h in kinded[1:]]
    if not all(forms) or len({(f.group("mark"), bool(f.group("gap"))) for f in forms if f}) != 1:
        return None
    mark, gap = forms[0].group("mark"), r"\s+" if forms[0].group("gap") else ""  # type: ignore[union-attr]
    glued = re.fullmatch(rf"(?P<corner>.+?)\s+(?P<head>{re.escape(mark)}{gap}(19|20)\d{{2}})", kinded[0].strip())
    return (glued.group("corner"), glued.group("head")) if glued else None


_NUMBERED_LABEL_END = re.compile(r"\b(programma|taakveld|product|thema|hoofdstuk|paragraaf)$", re.IGNORECASE)


def _number_of_label(label: str, values: list[str], n: int) -> tuple[str, list[str]]:
    """"Saldo Programma 3 -/- 791 …": a small bare number right after a numbering word ends the label (the
    programme's number), not the row's first value; only when the row then holds at most N values."""
    if values and _NUMBERED_LABEL_END.search(label) and re.fullmatch(r"\d{1,2}", values[0]) and len(values) - 1 <= n:
        return f"{label} {values[0]}", values[1:]
    if _year_ends_label(label, values, n):
        return f"{label} {values[0]}", values[1:]
    return label, values


def _year_ends_label(label: str, values: list[str], n: int) -> bool:
    """"Lasten uit begroting 2031 -1.200 -800 -400 -": a bare year after a word, one figure more than the N value
    columns, the others amounts (a separator, a sign or a dash): the year ends the label, as no column is left for it."""
    rest = values[1:]
    return len(values) == n + 1 and bool(re.search(r"[^\W\d_]{2}$", label)) and bool(_LABEL_YEAR.fullmatch(values[0])) \
        and all(not _LABEL_YEAR.fullmatch(v) for v in rest) and any(re.search(r"[.,]\d{3}\b|^[-–]", v) for v in rest)


_LABEL_YEAR = re.compile(r"(19|20)\d{2}")



def _corner_roles(corner: str) -> Optional[list[str]]:
    """A corner of three one-word column headers, a number, a name and a unit or explanation ("Nr. Omschrijving
    Toelichting/Eenheid"): the three columns each flattened row's label holds, else None."""
    words = corner.split()
    if len(words) != 3 or not _CODE_HEADER.match(words[0]) or not _ROLE_WORD.match(words[1]) \
            or not re.search(r"eenheid|toelichting", words[2], re.IGNORECASE):
        return None
    return words


_MARK_HEADER = re.compile(r"^[A-Z](/[A-Z])+$")  # "P/E": a column of one-letter marks, the header lists the letters
_SOURCE_HEADER = re.compile(r"^bron(nen)?$", re.IGNORECASE)


def _marker_corner(corner: str) -> Optional[tuple[list[str], frozenset[str]]]:
    """A corner ending in a mark column and a source column ("Indicatoren P/E Bron"): the three columns each flattened
    row's label holds (name, mark, source) and the marks the header lists; else None."""
    words = corner.split()
    if len(words) < 3 or not _MARK_HEADER.match(words[-2]) or not _SOURCE_HEADER.match(words[-1]):
        return None
    return [" ".join(words[:-2]), words[-2], words[-1]], frozenset(words[-2].split("/"))


def _split_marked_label(label: str, marks: frozenset[str]) -> list[str]:
    """Name, mark and source of a flattened row's label ("Aantal x per 1.000 inwoners P Buro Y"): the mark is the
    last lone token the header lists with words on both sides; the source (one or more words) follows it. Without
    such a token the label stays whole (where the name ends is not printed)."""
    tokens = label.split()
    for k in range(len(tokens) - 2, 0, -1):
        if tokens[k] in marks:
            return [" ".join(tokens[:k]), tokens[k], " ".join(tokens[k + 1:])]
    return [label, "", ""]


_NUMBERED_LABEL = re.compile(r"^\d{1,3}[a-z]?\s+[^\W\d_]")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]\.|[)%]\.)\s+(?=[A-Z(•])")  # "… realiseren. Score …", "… (website). Score …"


def _split_flat_label(label: str) -> list[list[str]]:
    """The number, name and unit of a flattened row's label ("3 Waardering van X. Score 1-10."): the number is the
    leading figure, the name the first sentence, the unit the sentences after it. A sub-measure printed after its
    parent on the same line ("2 % inwoners dat … . • Heel veel.") gives the parent as a row without figures and the
    sub-measure as the row (no number)."""
    code = ""
    numbered = re.match(r"^(\d{1,3}[a-z]?)\s+(?=\D)", label)
    if numbered:
        code, label = numbered.group(1), label[numbered.end():]
    out: list[list[str]] = []
    bullet = label.find(" • ")
    if bullet > 0:
        out.append([" ".join(filter(None, [code, label[:bullet].strip()]))])
        code, label = "", label[bullet + 1:].strip()
    parts = _SENTENCE_END.split(label, maxsplit=1)
    name, unit = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    out.append([code, name, unit])
    return out


def _kind_over_years(lines: list[Line], start: int, value_heads: list[str]) -> Optional[str]:
    """One kind word on the line above a header line of bare years ("      Begroting" over "Programma  2024  2025
    2026"), centred over the years by its character columns (pdftotext keeps them): it names every year. Off-centre,
    or several words, it names none (which years it covers is not shown)."""
    if start == 0 or len(value_heads) < 2 or not all(_FULL_YEAR.fullmatch(h.strip("()")) for h in value_heads):
        return None
    above, header = lines[start - 1].text.rstrip(), lines[start].text.rstrip()
    words = above.split()
    if len(words) != 1 or not _KIND_WORD.search(words[0]) or re.search(r"\d", above) or "\t" in above or "|" in above:
        return None
    years = [m for m in _FULL_YEAR.finditer(header)][-len(value_heads):]
    left, right = years[0].start(), years[-1].end()
    middle = above.index(words[0]) + len(words[0]) / 2
    return words[0] if abs(middle - (left + right) / 2) <= max(2.0, 0.1 * (right - left)) else None


_WHOLE_AMOUNT = re.compile(r"^[-−]?\d{1,3}(\.\d{3})*$")


def _whole_amount(text: str) -> Optional[int]:
    t = text.strip()
    return int(t.replace(".", "").replace("−", "-")) if _WHOLE_AMOUNT.match(t) else None


def _sum_of_rows_above(rows: list[TableRow], column: int, figure: str) -> bool:
    """The figure in value column `column` (1-based) equals, to the unit, the sum of that column over the total rows
    above ("Totaal lasten" + "Totaal baten" = the saldo) or over all other rows above (a total): it is whole."""
    target = _whole_amount(figure)
    if target is None:
        return False
    filled = [r for r in rows if len(r.cells) > column and r.cells[column].strip()]
    amounts = [(r.cells[0].strip().lower().startswith("totaal"), _whole_amount(r.cells[column])) for r in filled]
    amounts = [(is_total, a) for is_total, a in amounts if a is not None]  # the header's cells are no amounts
    totals = [a for is_total, a in amounts if is_total]
    details = [a for is_total, a in amounts if not is_total]
    return any(len(group) >= 2 and abs(sum(group) - target) <= 1 for group in (totals, details))  # type: ignore[arg-type]


_BROKEN_FIGURE = re.compile(r"^[-−(]?\d{1,3}(\.\d{3})*\.(\d{1,2})?$")  # "-27.", "19.2": a figure cut inside a group


def _broken_tail(text: str) -> bool:
    """A line ending in a figure cut inside a thousands group ("-27.", "19.2") after whole figures: where a page
    copy stopped."""
    words = text.split()
    return len(words) >= 3 and bool(_BROKEN_FIGURE.match(words[-1])) and bool(_NUMBER_CELL.match(words[-2]))


def _cut_off(lines: list[Line], index: int, got: int, n: int) -> bool:
    """The text ends in the middle of this row (a page copy cut off): the values it has are the first ones of the
    row, in the first columns. Only for the very last line of the input; elsewhere a short row stays text."""
    return 0 < got < n and not any(ln.text.strip() for ln in lines[index + 1:])


def _value_headers(heads: list[str], sub: list[str], n: int) -> tuple[str, Optional[list[str]]]:
    """Pair the header columns with N value cells; a sub-header row spreads each top header over its columns."""
    corner = ""
    kinded = list(heads)
    while kinded and not (_FULL_YEAR.search(kinded[0]) or _KIND_WORD.search(kinded[0])):
        corner = (corner + " " + kinded.pop(0)).strip()
    lead = re.match(r"^(?P<corner>[^\d]+?)\s+(?P<year>\(?(19|20)\d{2}\)?)$", kinded[0]) if kinded else None
    marked = re.match(r"^(?P<corner>[^\d]+?)\s+(?P<year>[RB](19|20)\d{2})$", kinded[0]) if kinded and not lead else None
    if marked and _marker_corner(f"{corner} {marked.group('corner')}"):
        lead = marked  # "Indicator P/E Bron R2021": a kind mark glued to the first year (R(ealisatie), B(egroting))
    shared = _shared_head_form(kinded)
    if shared is not None:
        corner, kinded[0] = (corner + " " + shared[0]).strip(), shared[1]  # "P1 Wonen B 2031 | B 2032 | B 2033"
    elif lead and not _KIND_WORD.search(lead.group("corner")):
        corner, kinded[0] = (corner + " " + lead.group("corner")).strip(), lead.group("year")  # "Programma 2024 2025"
    elif kinded and not _KIND_WORD.match(kinded[0]) and (_ROLE_WORD.match(kinded[0]) or not _FULL_YEAR.search(kinded[0])):
        # "Programma (in € 1.000) Primitieve begroting", "Programma Rekening 2019": the corner runs up to the first
        # kind word (before a year only after a role word: "Totale begroting 2025" is one column's header)
        match = _KIND_WORD.search(kinded[0])
        if match:
            corner = (corner + " " + kinded[0][:match.start()]).strip()
            kinded[0] = kinded[0][match.start():]
    if sub and len(sub) == n and kinded and n % len(kinded) == 0 and _in_step(sub, n // len(kinded)):
        per = n // len(kinded)
        return corner, [f"{kinded[c // per]} {sub[c]}".strip() for c in range(n)]
    if sub and len(sub) == n and len(kinded) == n:
        return corner, [f"{kinded[c]} {sub[c]}" for c in range(n)]
    grouped = two_level_header(kinded + sub, n) if sub and len(sub) == n else None
    if grouped is not None and len(grouped[1]) == n and _groups_start_alike(grouped[0], sub):
        return corner, grouped[0]  # groups over sub-runs that differ ("… Lasten Baten Totaal" under the last group)
    if len(kinded) == n:
        return corner, kinded
    if len(kinded) == n + 1 and not corner:
        return kinded[0], kinded[1:]
    return corner, None


def _in_step(sub: list[str], per: int) -> bool:
    """Sub-header words repeated under every group start over at each group ("Lasten Baten Saldo" twice under two
    groups); cut in runs of `per` that start elsewhere ("Lasten Baten" | "Saldo Lasten" | …), the groups are not the
    ones the row repeats under. Years and rows that name each column once are not checked."""
    words = [w.lower() for w in sub]
    if any(is_year_cell(w) for w in sub) or len(set(words)) == len(words):
        return True
    return words == words[:per] * (len(words) // per)


def _groups_start_alike(names: list[str], sub: list[str]) -> bool:
    """A sub-header that repeats its words (one row printed again under each group) starts over at the same word
    under every group; a reading that starts the groups at different words ("Lasten Baten" | "Saldo Lasten")
    puts figures under the wrong group. Sub-headers naming each column once are not checked."""
    words = [w.lower() for w in sub]
    if any(is_year_cell(w) for w in sub) or len(set(words)) == len(words):
        return True
    groups = [name[:len(name) - len(cell)].strip() for name, cell in zip(names, sub)]
    firsts = {words[c] for c in range(len(words)) if c == 0 or groups[c] != groups[c - 1]}
    return len(firsts) == 1


# ------------------------------------------------------------------ glued rows


def _glued_head(texts: list[str], i: int) -> Optional[tuple[list[str], int]]:
    """Header cells of a glued table starting at line i (kind words and/or years), and the first body line."""
    heads = split_glued_header(texts[i]) if texts[i] and not re.search(r"\d", texts[i]) else []
    if len(heads) < 2 or sum(1 for h in heads if _KIND_WORD.search(h)) < len(heads) - 1:
        heads = []
    k = i + 1 if heads else i
    while k < len(texts) and not texts[k]:
        k += 1
    years = split_glued_years(texts[k]) if k < len(texts) else None
    if years is None:
        return (heads, k) if heads else None
    if not heads:
        return years, k + 1
    if len(heads) == len(years) + 1:
        heads = heads[1:]  # a corner cell
    if len(heads) != len(years):
        return None
    return [f"{h} {y}" for h, y in zip(heads, years)], k + 1


def glued_tables(lines: list[Line]) -> list[Table]:
    """Tables whose rows print the label and all figures without separators (see `extractor.layout.glued_cells`)."""
    texts = [ln.text.strip() for ln in lines]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        found = _glued_head(texts, i) if "|" not in texts[i] and "\t" not in lines[i].text else None
        if found is None:
            i += 1
            continue
        heads, k = found
        body: list[tuple[int, str, Optional[str]]] = []
        while k < len(lines) and texts[k]:
            glued = glued_row(texts[k])
            if glued is None and (re.search(r"\d", texts[k]) or len(texts[k]) > 60):
                break
            body.append((k, *(glued or (texts[k], None))))
            k += 1
        table = _glued_table(lines, i, heads, body)
        if table is None:
            i += 1
            continue
        tables.append(table)
        i = k
    return tables


def _glued_table(lines: list[Line], start: int, heads: list[str], body: list[tuple[int, str, Optional[str]]]) -> Optional[Table]:
    figures = [(k, label, f) for k, label, f in body if f]
    if len(figures) < 2:
        return None
    n = len(heads)
    options = [split_glued_numbers(f, n) for _, _, f in figures]
    chosen, left_out = resolve_rows([label for _, label, _ in figures], options)
    split = {k: c for (k, _, _), c in zip(figures, chosen)}
    first = _no(lines[start], start + 1)
    rows = [_row(["", *heads], (first, first), lines[start].page)]
    for k, label, f in body:
        n_line = _no(lines[k], k + 1)
        if f is None:
            rows.append(_row([label], (n_line, n_line), lines[k].page))
        elif split.get(k) is not None:
            rows.append(_row([label, *split[k]], (n_line, n_line), lines[k].page))  # type: ignore[misc]
    table = _table(rows, n + 1, "text", lines[max(0, start - 4):start])
    table.header_rows = 1
    table.glued_left_out = [figures[i][1] + figures[i][2] for i in left_out]  # type: ignore[operator]
    return table


def text_tables(lines: list[Line]) -> list[Table]:
    """Every table of a text document in the forms above, in document order, without overlaps."""
    from extractor.layout.area_row_blocks import area_row_block_tables  # noqa: PLC0415 (it builds on this module)
    from extractor.layout.kind_rows import rows_as_kinds  # noqa: PLC0415 (it builds on this module)
    from extractor.layout.ordered_headers import ordered_header_tables  # noqa: PLC0415 (it reads this module's cells)
    from extractor.layout.period_sub_rows import period_sub_row_tables  # noqa: PLC0415 (same)
    from extractor.layout.spaced_rows import spaced_role_tables  # noqa: PLC0415 (same)

    found: list[Table] = []
    for sep in ("|", "\t"):
        for table, _, _ in separated_tables(lines, sep):
            note_merged_text_cells(table)
            found.append(table)
    found.extend(area_row_block_tables(lines))
    found.extend(cell_per_line_tables(lines))
    found.extend(ordered_header_tables(lines))
    found.extend(spaced_role_tables(lines))
    found.extend(period_sub_row_tables(lines))
    found.extend(_keyed_row_tables(lines))
    found.extend(_untyped_header_tables(lines))
    found.extend(flattened_tables(lines))
    found.extend(glued_tables(lines))
    kept = [rows_as_kinds(t, lines) for t in _without_overlaps(found)]
    index_of = {ln.line_no: k for k, ln in enumerate(lines) if ln.line_no is not None}
    for table in kept:
        after = index_of.get(table_lines(table)[1])
        if after is not None and not table.notes:
            table.notes = footnotes_below(lines, after + 1)  # "* Aantal uitkeringen …" under the table
    return kept


def _keyed_row_tables(lines: list[Line]) -> list[Table]:
    from extractor.layout.keyed_rows import keyed_row_tables  # noqa: PLC0415 (that module builds on this one)

    return keyed_row_tables(lines)


def _untyped_header_tables(lines: list[Line]) -> list[Table]:
    from extractor.layout.untyped_header_rows import untyped_header_tables  # noqa: PLC0415 (it builds on this module)

    return untyped_header_tables(lines)


def table_lines(table: Table) -> tuple[int, int]:
    spans = [r.lines for r in table.rows if r.lines]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (0, 0)


def _placed_cells(table: Table) -> int:
    """Filled cells in rows with a label and a second filled cell: what a reader placed in a grid."""
    return sum(sum(1 for c in r.cells if c.strip()) for r in table.rows
               if r.cells and r.cells[0].strip() and sum(1 for c in r.cells if c.strip()) >= 2)


def _without_overlaps(tables: Iterable[Table]) -> list[Table]:
    """Where readers' tables overlap, the one that placed the most cells in labelled rows wins (then the longest): a
    reader that kept most lines as one-cell text rows did not see the table's form."""
    kept: list[Table] = []
    for t in sorted(tables, key=lambda t: (-_placed_cells(t), -len(t.rows))):
        a, b = table_lines(t)
        if any(not (b < c or a > d) for c, d in (table_lines(k) for k in kept)):
            continue
        kept.append(t)
    return sorted(kept, key=lambda t: table_lines(t)[0])
