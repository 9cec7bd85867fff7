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

from extractor.layout.header_vocabulary import is_area_header, kind_word
from extractor.layout.table_grid import (_FULL_YEAR, _KIND_WORD, _ROLE_WORD, _Item, _items, _row, _table, _value_like,
                                         is_header_cell, is_number_cell, is_year_cell)
from extractor.layout.tables import Table
from extractor.read.types import Line

_DATED_FIGURE = re.compile(r"^(19|20)\d{2}\s*:\s*\S")
_LABEL_HEADER = re.compile(r"^((naam\s+(van\s+(de\s+|het\s+)?)?)?((effect|prestatie|beleids)-?)?indicator(en|naam)?|kengetal(len)?|"
                           r"omschrijving|onderwerp)\b", re.IGNORECASE)  # "Naam indicator", "Indicatornaam" too


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
        if _FULL_YEAR.search(text) and len(text) <= 40 and not _value_like(text) or is_year_cell(text) \
                or len(text) <= 30 and not _FULL_YEAR.search(text) and kind_word(text) and not is_area_header(text):
            kinds.append("value")  # "Realisatie 2017", "2018", "0-waarde", "Actuele waarde"
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


def _usable(cells: list[str], kinds: list[str]) -> bool:
    """Two or more value columns in one run, and either a column after them and a role column (unit, source) beside
    them, or a value header the generic reader does not take for one ("0-waarde"); else it is the generic form."""
    values = [k for k, kind in enumerate(kinds) if kind == "value"]
    if len(values) < 2 or values != list(range(values[0], values[-1] + 1)):
        return False
    after = kinds[values[-1] + 1:]
    return bool(after) and "role" in kinds[1:values[0]] + after or any(not is_header_cell(cells[k]) for k in values)


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
        if not _usable(cells[:cut], kinds[:cut]):
            continue
        read = _rows(block, start, cells[:cut], kinds[:cut], ends[cut - 1])
        if read is not None and (best is None or _placed(read[0]) > _placed(best[0])):
            best = read
    return best


def _placed(table: Table) -> int:
    """Cells placed in full rows (heading rows aside): a cut that reads headings where rows were out of step loses."""
    return sum(len(row.cells) for row in table.rows[1:] if not row.heading)


def _rows(block: list[_Item], start: int, cells: list[str], kinds: list[str], k: int) -> Optional[tuple[Table, int]]:
    width = len(cells)
    rows = [_row(cells, (block[start].first, block[k - 1].last), block[start].page)]
    while k + width <= len(block):
        items = block[k:k + width]
        after = block[k + width].text if k + width < len(block) else ""
        if not all(_fits(kind, item.text) for kind, item in zip(kinds, items)) \
                or not (any(is_number_cell(item.text) for kind, item in zip(kinds, items) if kind == "value")
                        or _BULLET.match(items[0].text)) \
                or _value_like(after) or _DATED_FIGURE.match(after.strip()):
            sub = _bullet_rows(block, k, kinds)
            if sub is not None:
                rows.extend(sub[0])
                k = sub[1]
                continue
            if _group_row(block, k, kinds) and not (_LABEL_HEADER.match(block[k].text.strip()) or is_header_cell(block[k].text)):
                rows.append(_heading(block[k]))  # a heading; a label header ("Indicator") starts the next table
                k += 1
                continue
            break  # out of step with the header (a row with fewer cells) or the table ended
        rows.append(_row([_name(items[0].text)] + [" ".join(item.text.split()) for item in items[1:]],
                         (items[0].first, items[-1].last), items[0].page))
        k += width
    while len(rows) > 1 and len(rows[-1].cells) == 1:
        rows.pop()
        k -= 1  # a heading after the last row belongs to what follows
    if sum(1 for row in rows if len(row.cells) > 1) < 2:
        return None
    table = _table(rows, width, "text", [])
    table.header_rows = 1
    return table, k


_BULLET = re.compile(r"^\s*(?:[o•·▪◦\-–]\s+)")


def _name(text: str) -> str:
    """A row label without its list bullet ("o    aantal …" -> "aantal …")."""
    return _BULLET.sub("", " ".join(text.split()), count=1)


def _heading(item: _Item):
    row = _row([_name(item.text)], (item.first, item.last), item.page)
    row.heading = True
    return row


def _group_row(block: list[_Item], k: int, kinds: list[str]) -> bool:
    """A short label with no cells of its own over the next row's label ("Economie" above "o tevredenheid …")."""
    if k + 1 >= len(block):
        return False
    text, nxt = block[k].text.strip(), block[k + 1].text.strip()
    return len(text) <= 80 and _fits("label", text) and _fits("label", nxt) and not _BULLET.match(text) or \
        text.endswith(":") and _fits("label", text) and _fits("label", nxt) and "•" not in nxt


def _bullet_rows(block: list[_Item], k: int, kinds: list[str]):
    """A label ending in ":" over a cell of n bullets ("• index a" / "• index b"), then n figures per value column,
    column by column (each cell's lines in order): n rows, the label kept as a group row. Only when every column has
    its n figures and the cell after them is no figure."""
    if kinds.count("value") != len(kinds) - 1 or k + 1 >= len(block) or not block[k].text.strip().endswith(":"):
        return None
    names = [n.strip() for n in block[k + 1].text.split("•") if n.strip()]
    n_values = len(kinds) - 1
    end = k + 2 + len(names) * n_values
    if len(names) < 2 or "•" not in block[k + 1].text or end > len(block):
        return None
    figures = block[k + 2:end]
    if not all(is_number_cell(f.text) or _value_like(f.text) for f in figures) or (end < len(block) and _value_like(block[end].text)):
        return None
    rows = [_heading(block[k])]
    for x, name in enumerate(names):
        cells = [name] + [" ".join(figures[col * len(names) + x].text.split()) for col in range(n_values)]
        rows.append(_row(cells, (block[k + 1].first, figures[-1].last), block[k].page))
    return rows, end
