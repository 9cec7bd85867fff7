"""Indicator tables copied one cell per line where each indicator is a block of its own: its name, unit and source
cells, then one row per area, each an area label followed by one figure per year column:

    Naam indicator: / Eenheid: / Bron: / 2036 / 2037 / 2038       <- label headers, then bare years
    Sportdeelname / % inwoners / Monitor Alfa                      <- the indicator's name, unit and source
    Voorbeeldstad / 51% / 53% / 54%                                <- the gemeente's own row (a gemeente's name)
    Landelijk / 49% / 50% / n.b.                                   <- a comparison row (`comparison_row` vocabulary)

The block is laid out as the indicator's row (name, unit, source and the own area's figures) followed by its
comparison rows (label and figures), so the meaning layer reads the latter as referentie values of the row above.
Nothing is guessed: the first area row must name a gemeente, every later one a comparison; an area row printing
fewer or more figures than there are years (the copy dropped an empty cell, so which year each figure stands for is
not shown) leaves the indicator without figures, its rows listed in `Table.uncertain_rows` (warned).
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.header_vocabulary import column_role
from extractor.layout.table_grid import _Item, _row, _table, _value_like, is_year_cell, tables_in_cell_blocks
from extractor.layout.tables import Table, TableRow
from extractor.read.types import Line

_NAME_HEADER = re.compile(r"^(naam(\s+(van\s+de\s+)?indicator)?|(beleids|effect)?indicator(\s*naam)?)\s*:?$", re.IGNORECASE)
_NO_VALUE = re.compile(r"^n\.?\s?b\.?$", re.IGNORECASE)


def area_row_block_tables(lines: list[Line]) -> list[Table]:
    """Every table of indicator blocks with area rows in the text."""
    def read(block: list[_Item], k: int) -> Optional[tuple[Table, int]]:
        head = _header(block, k)
        table, end = _read(block, k, *head) if head is not None else (None, k)
        return None if table is None else (table, end)

    return tables_in_cell_blocks(lines, read)


def _header(block: list[_Item], k: int) -> Optional[tuple[list[str], int]]:
    """(label header cells, number of years) of a header at cell `k`: a name header, optionally unit and source
    headers, then two or more bare years in ascending order."""
    if not _NAME_HEADER.match(_text(block[k])):
        return None
    labels = [_text(block[k])]
    j = k + 1
    while j < len(block) and len(labels) < 3 and column_role(_text(block[j]).rstrip(":").strip()) in ("unit", "source"):
        labels.append(_text(block[j]))
        j += 1
    years = []
    while j < len(block) and re.fullmatch(r"(19|20)\d{2}", _text(block[j])) and is_year_cell(_text(block[j])):
        years.append(int(_text(block[j])))
        j += 1
    if len(years) < 2 or years != sorted(set(years)):
        return None
    return labels, len(years)


def _read(block: list[_Item], k: int, labels: list[str], n_years: int) -> tuple[Optional[Table], int]:
    """The header's table: its indicator blocks until a block that does not fit."""
    n_label = len(labels)
    header = [*labels, *(_text(block[k + n_label + y]) for y in range(n_years))]
    rows: list[TableRow] = [_row(header, (block[k].first, block[k + n_label + n_years - 1].last), block[k].page)]
    uncertain: list[str] = []
    j = k + n_label + n_years
    while True:
        found = _indicator_block(block, j, n_label, n_years)
        if found is None:
            break
        got, unsure, j = found
        rows.extend(got)
        uncertain.extend(unsure)
    if len(rows) < 2:
        return None, k + 1
    table = _table(rows, len(header), "text", [])
    table.header_rows = 1
    table.uncertain_rows = uncertain
    return table, j


def _indicator_block(block: list[_Item], j: int, n_label: int, n_years: int
                     ) -> Optional[tuple[list[TableRow], list[str], int]]:
    """(rows, uncertain rows, next cell) of the indicator block at cell `j`, or None when none starts there."""
    if j + n_label >= len(block) or any(_figure(_text(block[j + i])) for i in range(n_label)):
        return None
    names = block[j:j + n_label]
    areas: list[tuple[_Item, list[_Item]]] = []
    x = j + n_label
    while x + 1 < len(block) and not _figure(_text(block[x])) and _figure(_text(block[x + 1])):
        y = x + 1
        while y < len(block) and _figure(_text(block[y])):
            y += 1
        areas.append((block[x], block[x + 1:y]))
        x = y
    if not areas or not _own_area(_text(areas[0][0])) or not all(_comparison(_text(a)) for a, _ in areas[1:]):
        return None
    last = areas[-1][1][-1].last
    span = (names[0].first, last)
    if any(len(figures) != n_years for _, figures in areas):
        row = _row([*(_text(c) for c in names), *[""] * n_years], span, names[0].page)
        unsure = [" ".join([_text(a), *(_text(f) for f in figures)]) for a, figures in areas]
        return [row], unsure, x
    own = _row([*(_text(c) for c in names), *(_text(f) for f in areas[0][1])], span, names[0].page)
    others = [_row([_text(a), *[""] * (n_label - 1), *(_text(f) for f in figures)], (a.first, figures[-1].last), a.page)
              for a, figures in areas[1:]]
    return [own, *others], [], x


def _own_area(text: str) -> bool:
    from extractor.parse.vocab import gemeente_named  # noqa: PLC0415 (the gemeente list lives with the parsers)

    return gemeente_named(text) is not None


def _comparison(text: str) -> bool:
    from extractor.parse.table_semantics import is_comparison_row  # noqa: PLC0415 (vocabulary of the meaning layer)

    return is_comparison_row(text)


def _figure(text: str) -> bool:
    """A value cell: a figure, or a cell that says the figure is not known ("n.b.")."""
    return _value_like(text) or bool(_NO_VALUE.match(text))


def _text(item: _Item) -> str:
    return " ".join(item.text.split())
