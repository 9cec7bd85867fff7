"""Indicator tables printed as blocks with the years in the rows, turned into one grid with year columns.

Web pages print some indicator tables as one block per indicator under a header of column roles:

    Taakveld: | Indicator: | Eenheid: | Bron: |
    0. Bestuur | Formatie | Fte per 1.000 inwoners | Eigen gegevens |
    2021 | 9,53 (R) | ||
    2022 | 8,66 (B) | ||
    Eventuele toelichting: | |||

A descriptor row names the indicator; the rows below it give one year each, the figure in the second cell,
maybe with a mark saying its kind ("(R)" realisatie, "(B)" begroting; `models/data/value_kind_marks.csv`).
The meaning layer reads years and kinds from column headers, so each block becomes one row of a grid whose
value columns are the (kind, year) pairs printed: "Realisatie 2021", "Begroting 2022", or the bare year where
no mark is printed. Nothing is guessed: a table is reshaped only when every body row is a descriptor row, a
year row with at most one figure in its second cell, or a one-cell note or repeated header.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Optional

from extractor.layout.tables import Table, TableRow
from extractor.resources import data_dir

_YEAR_CELL = re.compile(r"^(19|20)\d{2}$")
_MARKED_FIGURE = re.compile(r"^(?P<figure>\S(?:.*\S)?)\s*\(\s*(?P<mark>[A-Z])\s*\)$")


@lru_cache(maxsize=1)
def kind_marks() -> dict[str, str]:
    """One-letter kind marks and the header each stands for (R -> Realisatie), from `value_kind_marks.csv`."""
    with (data_dir() / "value_kind_marks.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {r["mark"].strip(): r["header"].strip() for r in rows}


def _filled(row: TableRow) -> list[int]:
    return [i for i, c in enumerate(row.cells) if c.strip()]


def _year_row(row: TableRow) -> bool:
    """"2021 | 9,53 (R) | |": a year in the first cell, nothing or one cell beside it, in the second column."""
    filled = _filled(row)
    return bool(filled) and filled[0] == 0 and bool(_YEAR_CELL.match(row.cells[0].strip())) and set(filled) <= {0, 1}


def _note_row(row: TableRow, header: list[str]) -> bool:
    """"Eventuele toelichting:" with empty cells, or the role header printed again over the next blocks."""
    filled = _filled(row)
    return filled == [0] and row.cells[0].strip().endswith(":") or [c.strip() for c in row.cells] == header


def _column_of(cell: str) -> Optional[tuple[str, str]]:
    """(figure, kind header) of a year row's cell; kind "" without a mark; None for a mark not in the vocabulary."""
    text = " ".join(cell.split())
    marked = _MARKED_FIGURE.match(text)
    if not marked:
        return text, ""
    kind = kind_marks().get(marked.group("mark"))
    return (marked.group("figure"), kind) if kind else None


def year_row_blocks(table: Table) -> Optional[Table]:
    """The grid with one row per block and (kind, year) value columns, or None when `table` is not of this form."""
    if table.header_rows != 1 or len(table.rows) < 4:
        return None
    header = [c.strip() for c in table.rows[0].cells]
    if sum(1 for c in header if c) < 2 or any(_YEAR_CELL.match(c) for c in header):
        return None
    blocks: list[tuple[TableRow, list[tuple[str, str, str, TableRow]]]] = []
    for row in table.rows[1:]:
        if _note_row(row, header):
            continue
        if _year_row(row):
            if not blocks:
                return None  # a year row before any descriptor: not this form
            cell = row.cells[1] if len(row.cells) > 1 else ""
            if cell.strip():
                placed = _column_of(cell)
                if placed is None:
                    return None
                blocks[-1][1].append((row.cells[0].strip(), placed[1], placed[0], row))
            continue
        if len(_filled(row)) < 2 or _YEAR_CELL.match(row.cells[0].strip()):
            return None
        blocks.append((row, []))
    if len(blocks) < 2 or sum(1 for _, figures in blocks if figures) < 2:
        return None
    return _grid(table, header, blocks)


def _grid(table: Table, header: list[str], blocks: list[tuple[TableRow, list[tuple[str, str, str, TableRow]]]]) -> Optional[Table]:
    keys = sorted({(year, kind) for _, figures in blocks for year, kind, _, _ in figures})
    if any(len({(y, k) for y, k, _, _ in figures}) < len(figures) for _, figures in blocks):
        return None  # one year and kind printed twice in a block: which figure holds is not shown
    width = len(header)
    columns = [c.rstrip(":").strip() for c in header] + [f"{kind} {year}".strip() for year, kind in keys]
    rows = [_copy(table.rows[0], columns, table.rows[0].lines)]
    for descriptor, figures in blocks:
        cells = (descriptor.cells + [""] * width)[:width] + [""] * len(keys)
        for year, kind, figure, _ in figures:
            cells[width + keys.index((year, kind))] = figure
        last = figures[-1][3].lines if figures else descriptor.lines
        span = (descriptor.lines[0], last[1]) if descriptor.lines and last else descriptor.lines
        rows.append(_copy(descriptor, cells, span))
    n_cols = len(columns)
    grid = Table(page=table.page, bbox=table.bbox, rows=rows, columns=[float(i) for i in range(n_cols + 1)],
                 method=table.method, confidence=table.confidence, caption=table.caption, pages=list(table.pages))
    grid.above = list(table.above)
    grid.header_rows = 1
    grid.notes = list(table.notes)
    return grid


def _copy(row: TableRow, cells: list[str], lines: Optional[tuple[int, int]]) -> TableRow:
    return TableRow(cells=cells, page=row.page, bbox=row.bbox, cell_boxes=[None] * len(cells), spans=[1] * len(cells),
                    lines=lines)
