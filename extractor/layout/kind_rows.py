"""Small indicator tables whose rows are value kinds, not indicators: one table per indicator, its name printed above.

    Leerwinst alfa                     <- the indicator's name, a line of its own
    Bron: Monitor Alfa                 <- source or unit lines (optional)
    Type 2031 2032 2033                <- a corner word and bare years
    Realisatie 12 % - -
    Begroting - 14 % 15 %

The rows name kinds (realisatie, begroting, streefwaarde …) and the header years, so no row names an indicator. The
grid is laid out again as ONE row, the name above, under "<kind> <year>" columns ("Realisatie 2031", "Begroting
2032"): the meaning layer then types each value by its row's kind and its column's year, as for any header. Rows
after the kind rows that start the next indicator (its name, its source) are not this table's. Without a name line
right above (only blank, source and unit lines between) the kind rows are set aside and warned: no name is guessed.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.header_vocabulary import is_area_header, kind_word, side_of
from extractor.layout.table_grid import _row, _table, _tail_values, is_number_cell, is_year_cell
from extractor.layout.tables import Table, TableRow
from extractor.read.types import Line

_BARE_YEAR = re.compile(r"^\s*(19|20)\d{2}\s*$")
_NOTE_LINE = re.compile(r"^\s*(bron(nen)?|eenheid|meeteenheid)\s*:", re.IGNORECASE)
_NAME_LOOKBACK = 4  # non-blank lines walked up from the header: source and unit lines, then the name


def rows_as_kinds(table: Table, lines: list[Line]) -> Table:
    """The table laid out as one indicator row when its rows are kinds under bare years and its name is printed
    above it; otherwise the table unchanged."""
    if table.method != "text" or len(table.rows) < 2 or table.header_rows not in (None, 1):
        return table
    head = table.rows[0]
    years = [c.strip() for c in head.cells[1:]]
    if len(years) < 2 or not all(_BARE_YEAR.match(y) for y in years) or is_year_cell(head.cells[0]) \
            or kind_word(head.cells[0]) or not head.lines:
        return table
    kinds = _kind_rows(table.rows[1:])
    if kinds is None:
        return table
    found = _name_above(lines, head.lines[0])
    if found is None:
        return _without_kind_rows(table, kinds)
    name, notes = found
    header = ["", *(f"{_label(r)} {y}" for r in kinds for y in years)]
    cells = [name.text.strip(), *(c for r in kinds for c in (r.cells[1:] + [""] * len(years))[:len(years)])]
    last = kinds[-1].lines[1] if kinds[-1].lines else head.lines[1]
    rows = [_row(header, head.lines, head.page), _row(cells, (name.line_no or head.lines[0], last), head.page)]
    out = _table(rows, len(header), "text", [*notes])
    out.header_rows = 1
    out.caption = table.caption
    return out


def _without_kind_rows(table: Table, kinds: list[TableRow]) -> Table:
    """Kind rows whose indicator is not named above: their figures belong to no name, so they are set aside (warned as
    rows not placed) rather than read as indicators called "Realisatie"."""
    table.uncertain_rows.extend(" ".join(c for c in r.cells if c.strip()) for r in kinds)
    table.rows = [r for r in table.rows if not any(r is k for k in kinds)]
    return table


def _label(row: TableRow) -> str:
    return " ".join(row.cells[0].split())


def _kind_row(row: TableRow) -> bool:
    """A row labelled only by a value kind ("Realisatie", "Begroting") with at least one figure."""
    label = _label(row)
    return 0 < len(label.split()) <= 3 and not re.search(r"\d", label) and kind_word(label) is not None \
        and not is_area_header(label) and side_of(label) is None \
        and any(is_number_cell(c) and re.search(r"\d", c) for c in row.cells[1:])


def _kind_rows(body: list[TableRow]) -> Optional[list[TableRow]]:
    """The leading run of kind rows, each kind once; None when there is none, or when a row with figures that names
    no kind follows them (a table of indicators after all). Rows after the run that start with a line of words (the
    next indicator's name) end it."""
    run: list[TableRow] = []
    for row in body:
        if not _kind_row(row):
            break
        run.append(row)
    rest = body[len(run):]
    if not run or len({_label(r).lower() for r in run}) < len(run):
        return None
    if rest and any(c.strip() for c in rest[0].cells[1:]):
        return None
    return run


def _name_above(lines: list[Line], first: int) -> Optional[tuple[Line, list[Line]]]:
    """The indicator's name: the first line above the header that is no source or unit note ("Bron: …"), with the
    notes passed on the way; None when that line is no name (a sentence, a figure row, another table's line)."""
    before = [ln for ln in lines if ln.line_no is not None and ln.line_no < first and ln.text.strip()][-_NAME_LOOKBACK:]
    notes: list[Line] = []
    for line in reversed(before):
        text = line.text.strip()
        if _NOTE_LINE.match(text):
            notes.insert(0, line)
            continue
        if len(text) > 160 or text.endswith((":", ";", ".")) or "|" in text or "\t" in line.text \
                or len(text.split()) <= 3 and kind_word(text) or len(_tail_values(text)[1]) >= 2:
            return None  # a sentence, another table's cell or row (a kind, a run of figures): no name
        return line, notes
    return None
