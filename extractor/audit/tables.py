"""Budget lines regrouped into the tables they were printed in: rows in print order, cells by column.

The document JSON holds budget lines one cell each; arithmetic rules need the table back
(which row is directly above which, which cells share a column). Rows are ordered by their
position on the page (bbox top) or line number, and otherwise by their order in the JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from extractor.audit.numbers import half_step, is_total_label, normalise_label, printed_unit
from extractor.model import BudgetLine, Document

ROLE_BY_NAME = {
    "baten": "baten",
    "lasten": "lasten",
    "saldo": "saldo",
    "resultaat": "resultaat",
    "onttrekking reserves": "onttrekking",
    "toevoeging reserves": "toevoeging",
    "mutaties reserves": "mutaties",
}
SIDE_WORDS = {"baten": ("baten", "opbrengst"), "lasten": ("lasten", "kosten", "uitgaven")}


@dataclass
class Row:
    label: str
    name: str
    """Normalised label (`label_norm` when the extractor set it, else our own normalisation)."""
    role: Optional[str]
    order: float
    cells: dict[str, BudgetLine] = field(default_factory=dict)

    @property
    def is_total(self) -> bool:
        return is_total_label(self.label)

    @property
    def side(self) -> Optional[str]:
        """"baten" or "lasten" when the label (or the extractor's `side`) says so."""
        for line in self.cells.values():
            if line.side in ("baten", "lasten"):
                return line.side
        words = self.label.lower()
        found = [side for side, stems in SIDE_WORDS.items() if any(stem in words for stem in stems)]
        return found[0] if len(found) == 1 else None


@dataclass
class BudgetTable:
    key: tuple
    page: Optional[int]
    programme: Optional[str]
    rows: list[Row]
    columns: list[str]
    unit: Optional[float]
    """The scale most cells were printed in, used for cells printed as 0 or '-'."""

    def tolerance_of(self, line: BudgetLine) -> float:
        return half_step(line.amount, line.raw, self.unit) or 0.5 * (self.unit or 1.0)

    def rows_with_role(self, role: str) -> list[Row]:
        return [row for row in self.rows if row.role == role]


def _row_name(line: BudgetLine) -> str:
    return normalise_label(line.label_norm or line.label)


def _row_order(line: BudgetLine, index: int) -> float:
    if line.bbox is not None:
        return line.bbox[1]
    if line.lines is not None:
        return float(line.lines[0])
    return float(index)


def budget_tables(document: Document) -> list[BudgetTable]:
    """Every budget table of a document, from its budget lines (detail rows kept apart)."""
    grouped: dict[tuple, list[tuple[int, BudgetLine]]] = {}
    for index, line in enumerate(document.budget_lines):
        key = (line.page, line.table, line.programme, line.detail)
        grouped.setdefault(key, []).append((index, line))
    tables = []
    for key, lines in grouped.items():
        rows: dict[tuple, Row] = {}
        columns: list[str] = []
        units: list[float] = []
        for index, line in lines:
            order = _row_order(line, index)
            row_key = (line.label, round(order, 0))
            row = rows.get(row_key)
            if row is None:
                name = _row_name(line)
                row = rows[row_key] = Row(line.label, name, ROLE_BY_NAME.get(name), order)
            if line.column in row.cells:  # two cells for one column: the row is not readable as one
                row.cells[line.column] = None  # type: ignore[assignment]
            else:
                row.cells[line.column] = line
            if line.column not in columns:
                columns.append(line.column)
            unit = printed_unit(line.amount, line.raw)
            if unit:
                units.append(unit)
        ordered = sorted(rows.values(), key=lambda r: r.order)
        for row in ordered:
            row.cells = {c: l for c, l in row.cells.items() if l is not None}
        unit = max(set(units), key=units.count) if units else None
        tables.append(BudgetTable(key, key[0], key[2], ordered, columns, unit))
    return tables
