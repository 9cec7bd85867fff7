"""The last row of a text cut off in the middle (a page copy that stops after the row's first figures).

A short row of a table printed one cell per line keeps its figures unplaced: the copy may have dropped empty cells,
so which columns they are in is not printed. When the short row is the very end of the input, every other row of its
table prints all its cells and the table prints its empty cells as "-" (at least one such cell), nothing was
dropped: the text stops inside the row, and the figures it has are the row's first ones, in the first value
columns (as `table_grid._cut_off` does for flattened rows). The last of them is left out: the copy may have stopped
inside that very figure ("191" of "191.749"), and a wrong number is worse than a missing one.
"""

from __future__ import annotations

from extractor.layout.tables import Table, TableRow
from extractor.read.types import Line


def place_cut_off_row(table: Table, lines: list[Line]) -> None:
    """Put the figures of `table`'s last row in its first value columns when the input ends inside that row."""
    body = table.rows[table.header_rows or 0:]
    if not body or not body[-1].unplaced:
        return
    last = body[-1]
    end = max((ln.line_no for ln in lines if ln.line_no is not None and ln.text.strip()), default=None)
    if last.lines is None or end is None or last.lines[1] != end:
        return
    if any(row.unplaced or row.problem for row in body[:-1]) or sum(1 for row in body[:-1] if _figures(row)) < 2:
        return  # another short row: this table's copy drops empty cells, so the end proves nothing
    if not any(c.strip() in _EMPTY_MARKS for row in body[:-1] for c in row.cells[1:]):
        return  # no empty cell printed as "-" anywhere: the copy may drop them, and the row may be short for that
    firsts = {next(i for i, c in enumerate(row.cells) if i and _figure(c)) for row in body[:-1] if _figures(row)}
    if len(firsts) != 1:
        return  # the complete rows do not agree where their figures start
    n_label = firsts.pop()
    whole = last.unplaced[:-1]  # the final figure may itself be cut off
    if not whole or n_label + len(last.unplaced) > len(last.cells) or any(c.strip() for c in last.cells[n_label:]):
        return
    last.cells[n_label:n_label + len(whole)] = whole
    last.unplaced, last.problem = [], None


_EMPTY_MARKS = ("-", "–", "—")


def _figure(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell) or cell.strip() in ("-", "–")


def _figures(row: TableRow) -> bool:
    return sum(1 for c in row.cells[1:] if _figure(c)) >= 2
