"""Indicator tables copied one cell per line whose rows split into sub-rows of one document kind each, every sub-row
with its own measurement period:

    Progr. / Indicator / Eenheid / 2040 / Meet-periode / Gemeente / Nederland / Bron
    1 / Aantal bomen / per km / Begroting / 2038 / 12 / 10 / Eigen telling
    Jaarrekening / 2039 / 13 / 11

The year over the kind cells ("2040") names the documents the sub-rows come from ("Begroting" / "Jaarrekening"
2040); what the figures measure is told by the period column: each figure is a measurement of its sub-row's period.
So the grid this module builds has one row per indicator and a value column per (period, area): the own column as
"Realisatie <period>", an area column as "<area> <period>" (a comparison of that year). Two sub-rows of one period
that print different figures leave that period out (listed in `Table.uncertain_rows`); nothing is guessed.

A table is read only when every row fits the header: the row's kind cell is a document kind, its period a year, one
figure per value column, words in the label and role columns; continuation sub-rows print only the kind, period and
figure cells. The first row that does not fit ends the table.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.header_vocabulary import column_role, is_area_header
from extractor.layout.ordered_headers import _LABEL_HEADER
from extractor.layout.table_grid import _Item, _row, _table, _value_like, is_number_cell, tables_in_cell_blocks
from extractor.layout.tables import Table
from extractor.read.types import Line

_DOCUMENT_KIND = re.compile(r"^(begroting|jaarrekening|jaarverslag|rekening|jaarstukken|realisatie)$", re.IGNORECASE)
_PERIOD_HEADER = re.compile(r"^(meet-?\s?)?(periode|jaar|moment)$|^peil(jaar|datum)$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"^(19|20)\d{2}$")


def period_sub_row_tables(lines: list[Line]) -> list[Table]:
    return tables_in_cell_blocks(lines, _read)


class _Layout:
    """Column positions of the header: label, kind, period, value columns (own first), the rest role columns.

    The kind column comes in two orientations: a bare year over document kinds ("2040" over "Begroting" /
    "Jaarrekening") or a document kind over the documents' years ("Begroting" over "2039" / "2040")."""

    def __init__(self, cells: list[str], label: int, kind: int, values: list[int]) -> None:
        self.cells, self.label, self.kind, self.values = cells, label, kind, values
        self.period = kind + 1
        self.roles = [c for c in range(len(cells)) if c not in (kind, kind + 1, *values)]
        self.years_in_cells = not _BARE_YEAR.match(cells[kind])

    def narrowed(self, width: int) -> "_Layout":
        return _Layout(self.cells[:width], self.label, self.kind, self.values)

    def document_year(self, kind_cell: str) -> Optional[int]:
        """The year of the document a sub-row comes from, or None when the kind cell does not fit the header."""
        if self.years_in_cells:
            return int(kind_cell) if _BARE_YEAR.match(kind_cell) else None
        return int(self.cells[self.kind]) if _DOCUMENT_KIND.match(kind_cell) else None


def _header(block: list[_Item], start: int) -> Optional[_Layout]:
    """The header's layout: a label header among its first three cells, a kind column (a bare year or a document
    kind) followed by a period header, the own value column and one or more area columns after it, the rest role
    columns. The cells run on into the first row; `_read` narrows them to the width the rows fit."""
    label = next((k for k in range(start, min(start + 3, len(block))) if _LABEL_HEADER.match(block[k].text.strip())), None)
    if label is None or any(_value_like(block[k].text) or len(block[k].text.split()) > 1 for k in range(start, label)):
        return None  # a column before the label is a code column headed by one word ("Progr."), not a title
    cells: list[str] = []
    k = start
    while k < len(block) and len(cells) < 16:
        text = " ".join(block[k].text.split())
        if (is_number_cell(text) and not _BARE_YEAR.match(text)) or len(text) > 60:
            break
        cells.append(text)
        k += 1
    kind = next((c for c in range(len(cells) - 2) if _kind_header(cells[c]) and _PERIOD_HEADER.match(cells[c + 1])),
                None)
    if kind is None or kind <= label - start:
        return None
    values = []
    for c in range(kind + 2, len(cells)):
        if re.search(r"\d", cells[c]) or not (is_area_header(cells[c]) or not values):
            break
        values.append(c)
    own = [c for c in values if not is_area_header(cells[c])]
    if len(own) != 1 or own[0] != values[0] or len(values) < 2:
        return None
    return _Layout(cells, label - start, kind, values)


def _kind_header(text: str) -> bool:
    return bool(_BARE_YEAR.match(text) or _DOCUMENT_KIND.match(text))


def _measured(kind_cell: str, period: str, layout: _Layout) -> bool:
    """A period that is a year no later than the year of the sub-row's document: a measurement, not a target."""
    year = layout.document_year(kind_cell)
    return year is not None and bool(_BARE_YEAR.match(period)) and int(period) <= year


def _fits_main(items: list[_Item], layout: _Layout) -> bool:
    """A main row: the kind, period and figure cells fit the header, words in the role columns after the label
    (no header words: a row of "Bron" / "Indicator" is the header read at the wrong start), codes (a digit) before."""
    texts = [" ".join(item.text.split()) for item in items]
    return len(texts) == len(layout.cells) and all(re.search(r"\d", texts[c]) for c in range(layout.label)) \
        and _measured(texts[layout.kind], texts[layout.period], layout) \
        and all(_value_like(texts[c]) for c in layout.values) \
        and all(_role_word(texts[c]) for c in layout.roles if c >= layout.label)


def _role_word(text: str) -> bool:
    return not _value_like(text) and column_role(text) is None and not _LABEL_HEADER.match(text)


def _fitting_width(block: list[_Item], start: int, layout: _Layout) -> Optional[_Layout]:
    """The header narrowed to the width at which the cells after it form a first row that fits it: the header's
    last cells may be followed by the first row's words, which the scan for header cells cannot tell apart."""
    for width in range(layout.values[-1] + 1, len(layout.cells) + 1):
        narrowed = layout.narrowed(width)
        if _fits_main(block[start + width:start + 2 * width], narrowed):
            return narrowed
    return None


def _sub_row(block: list[_Item], k: int, layout: _Layout) -> bool:
    n_values = len(layout.values)
    texts = [" ".join(item.text.split()) for item in block[k:k + 2 + n_values]]
    return len(texts) == 2 + n_values and _measured(texts[0], texts[1], layout) \
        and all(_value_like(t) for t in texts[2:])


def _read(block: list[_Item], start: int) -> Optional[tuple[Table, int]]:
    """A table of one or more indicators: the header is specific enough (kind column, period column, own and
    area columns) for a table of one row to be read."""
    found = _header(block, start)
    layout = None if found is None else _fitting_width(block, start, found)
    if layout is None:
        return None
    width, n_values = len(layout.cells), len(layout.values)
    k = start + width
    indicators: list[tuple[list[str], list[tuple[int, list[str]]], tuple[int, int], int]] = []
    while k + width <= len(block) and _fits_main(block[k:k + width], layout):
        items = block[k:k + width]
        texts = [" ".join(item.text.split()) for item in items]
        subs = [(int(texts[layout.period]), [texts[c] for c in layout.values])]
        k += width
        while k < len(block) and _sub_row(block, k, layout):
            texts_sub = [" ".join(item.text.split()) for item in block[k:k + 2 + n_values]]
            subs.append((int(texts_sub[1]), texts_sub[2:]))
            k += 2 + n_values
        indicators.append(([texts[c] for c in layout.roles], subs, (items[0].first, block[k - 1].last), items[0].page))
    if not indicators:
        return None
    return _grid(block, start, layout, indicators), k


def _grid(block: list[_Item], start: int, layout: _Layout, indicators) -> Table:
    periods = sorted({year for _, subs, _, _ in indicators for year, _ in subs})
    area_names = [layout.cells[c] for c in layout.values[1:]]
    header = [layout.cells[c] for c in layout.roles]
    header += [f"{name} {year}" for year in periods for name in ["Realisatie", *area_names]]
    first = block[start]
    rows = [_row(header, (first.first, block[start + len(layout.cells) - 1].last), first.page)]
    uncertain: list[str] = []
    for role_cells, subs, lines, page in indicators:
        cells = role_cells + [""] * (len(header) - len(role_cells))
        for year in periods:
            printed = {tuple(figures) for y, figures in subs if y == year}
            if len(printed) > 1:
                uncertain.append(f"{role_cells[layout.roles.index(layout.label)]} {year}: "
                                 + " / ".join(" ".join(p) for p in sorted(printed)))
                continue
            for figures in printed:
                base = len(role_cells) + periods.index(year) * len(layout.values)
                cells[base:base + len(figures)] = list(figures)
        rows.append(_row(cells, lines, page))
    table = _table(rows, len(header), "text", [])
    table.header_rows = 1
    table.uncertain_rows = uncertain
    return table
