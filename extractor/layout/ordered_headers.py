"""One-cell-per-line indicator tables whose header mixes column roles, kind-year columns and an area column in
print order: ``Indicator / Eenheid / Realisatie 2017 / Begroting 2019 / Nederland / Bron``.

The generic reader (`table_grid.cell_per_line_tables`) expects role columns around one run of value columns; a
unit column before the figures and an area and source column after them put its rows out of step. Here every
header cell keeps its printed position, so a row is read only when it has exactly one cell per header cell and
each cell fits its column: the label and role cells are words, at least one value cell is a figure, an area cell is
a figure (maybe with its own year: "2019: € 248"). A kind word and a bare year printed as two cells
("Begroting" / "2019") are one header cell. The first row that does not fit ends the table.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.header_vocabulary import is_area_header
from extractor.layout.table_grid import (_KIND_WORD, _ROLE_WORD, _Item, _items, _row, _table, _value_like,
                                         is_number_cell, is_year_cell)
from extractor.layout.tables import Table
from extractor.read.types import Line

_FULL_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_DATED_FIGURE = re.compile(r"^(19|20)\d{2}\s*:\s*\S")
_LABEL_HEADER = re.compile(r"^(((effect|prestatie|beleids)-?)?indicator(en)?|kengetal(len)?|omschrijving|onderwerp)\b", re.IGNORECASE)


def ordered_header_tables(lines: list[Line]) -> list[Table]:
    tables: list[Table] = []
    for block in _items(lines):
        i = 0
        while i < len(block):
            found = _read(block, i)
            if found is None:
                i += 1
                continue
            tables.append(found[0])
            i = found[1]
    return tables


def _header(block: list[_Item], start: int) -> Optional[tuple[list[str], list[str], list[int]]]:
    """(header cells, column kinds "label"/"role"/"value"/"area", block index after each cell) or None."""
    if not _LABEL_HEADER.match(block[start].text.strip()):
        return None
    cells, kinds, ends = [block[start].text.strip()], ["label"], [start + 1]
    j = start + 1
    while j < len(block):
        text = block[j].text.strip()
        nxt = block[j + 1].text.strip() if j + 1 < len(block) else ""
        if _KIND_WORD.search(text) and not _FULL_YEAR.search(text) and len(text) <= 25 and is_year_cell(nxt):
            cells.append(f"{text} {nxt}")  # "Begroting" / "2019": one column
            kinds.append("value")
            j += 2
            ends.append(j)
            continue
        if _FULL_YEAR.search(text) and len(text) <= 40 and not _value_like(text) or is_year_cell(text):
            kinds.append("value")
        elif _ROLE_WORD.match(text) and len(text) <= 30 and not _LABEL_HEADER.match(text):
            kinds.append("role")
        elif is_area_header(text):
            kinds.append("area")
        else:
            break
        cells.append(" ".join(text.split()))
        j += 1
        ends.append(j)
    return cells, kinds, ends


def _usable(kinds: list[str]) -> bool:
    """Two or more value columns in one run, a column after them and a role column (unit, source) beside them."""
    values = [k for k, kind in enumerate(kinds) if kind == "value"]
    if len(values) < 2 or values != list(range(values[0], values[-1] + 1)):
        return False
    after = kinds[values[-1] + 1:]
    return bool(after) and "role" in kinds[1:values[0]] + after  # else the generic reader's form


def _fits(kind: str, text: str) -> bool:
    t = " ".join(text.split())
    if kind in ("label", "role"):
        return not _value_like(t) and not _DATED_FIGURE.match(t) and len(t) <= 200
    if kind == "area":
        return _value_like(t) or bool(_DATED_FIGURE.match(t)) and len(t) <= 40
    return _value_like(t) or len(t) <= 60 and not t.endswith(":") and not _FULL_YEAR.fullmatch(t)


def _read(block: list[_Item], start: int) -> Optional[tuple[Table, int]]:
    """The best reading of the header at `start`: a header cell may also be the first row's label ("Gemiddelde …"
    reads as an area), so each cut of the header run is tried and the one placing the most cells wins."""
    found = _header(block, start)
    if found is None:
        return None
    cells, kinds, ends = found
    best: Optional[tuple[Table, int]] = None
    for cut in range(2, len(cells) + 1):
        if not _usable(kinds[:cut]):
            continue
        read = _rows(block, start, cells[:cut], kinds[:cut], ends[cut - 1])
        if read is not None and (best is None or len(read[0].rows) * cut > len(best[0].rows) * best[0].n_cols):
            best = read
    return best


def _rows(block: list[_Item], start: int, cells: list[str], kinds: list[str], k: int) -> Optional[tuple[Table, int]]:
    width = len(cells)
    rows = [_row(cells, (block[start].first, block[k - 1].last), block[start].page)]
    while k + width <= len(block):
        items = block[k:k + width]
        after = block[k + width].text if k + width < len(block) else ""
        if not all(_fits(kind, item.text) for kind, item in zip(kinds, items)) \
                or not any(is_number_cell(item.text) for kind, item in zip(kinds, items) if kind == "value") \
                or _value_like(after) or _DATED_FIGURE.match(after.strip()):
            break  # out of step with the header (a row with fewer cells) or the table ended
        rows.append(_row([" ".join(item.text.split()) for item in items], (items[0].first, items[-1].last), items[0].page))
        k += width
    if len(rows) < 2:
        return None
    table = _table(rows, width, "text", [])
    table.header_rows = 1
    return table, k
