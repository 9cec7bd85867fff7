"""Value columns proven by their arithmetic: a total and its parts.

A table whose header names no year, kind or area ("Totaal | waarvan eigen taken | waarvan projecten", or a
header whose words cannot be paired with the columns) gives the meaning layer no value column. Its columns are still
amounts of one quantity when one of them is the sum of the others in every row that prints them all: that is the
structure of a total and its parts, whatever the words. Whether the quantity is money is not decided here (the
caller asks the table's context: "€", "financieel", a unit)."""

from __future__ import annotations

import re
from itertools import combinations
from typing import Optional

from extractor.layout.tables import TableRow

_MIN_PROVING_ROWS = 2  # rows where two or more parts are non-zero: a sum that could not hold by chance of zeros


def total_and_parts(body: list[TableRow], cols: list[int]) -> Optional[int]:
    """The column that is the sum of the other columns of `cols` in every complete row (a half unit of rounding per
    figure), proven by at least two rows with two or more non-zero parts; None when no column is."""
    from extractor.parse.table_semantics import parse_money  # noqa: PLC0415 - the meaning layer imports this module

    if len(cols) < 3:
        return None
    rows: list[list[float]] = []
    for row in body:
        amounts = [parse_money(row.cells[c]) if c < len(row.cells) else None for c in cols]
        if all(a is not None for a in amounts):
            rows.append([float(a) for a in amounts])  # type: ignore[arg-type]
    for t in range(len(cols)):
        parts = [k for k in range(len(cols)) if k != t]
        fits = all(abs(r[t] - sum(r[k] for k in parts)) <= 0.5 * len(cols) for r in rows)
        proving = sum(1 for r in rows if sum(1 for k in parts if r[k]) >= 2)
        if rows and fits and proving >= _MIN_PROVING_ROWS:
            return cols[t]
    return None


def mutations_between(body: list[TableRow], value_cols: list[int], candidates: list[int]) -> list[int]:
    """Untyped numeric columns printed between two value columns whose figures carry the left one to the right one
    in every complete row (left + the columns between = right): the movements between two balances ("Stand 1-1 |
    Rente | Bij | Af | Stand 31-12" of a statement of reserves), amounts of the same quantity whatever their words.
    Proven by at least two rows where a column between is not zero; [] where no such run is."""
    from extractor.parse.table_semantics import parse_money  # noqa: PLC0415 - the meaning layer imports this module

    ordered = sorted(value_cols)
    found: list[int] = []
    for left, right in zip(ordered, ordered[1:]):
        run = list(range(left + 1, right))
        if not run or not all(c in candidates for c in run):
            continue
        rows = []
        for row in body:
            amounts = [parse_money(row.cells[c]) if c < len(row.cells) else None for c in (left, *run, right)]
            if all(a is not None for a in amounts):
                rows.append([float(a) for a in amounts])  # type: ignore[arg-type]
        fits = all(abs(r[0] + sum(r[1:-1]) - r[-1]) <= 0.5 * len(r) for r in rows)
        if rows and fits and sum(1 for r in rows if any(r[1:-1])) >= _MIN_PROVING_ROWS:
            found.extend(run)
    return found


_TOTAL_LABEL = re.compile(r"^\s*(sub[\s-]*)?tota(a)?l(en)?\b", re.IGNORECASE)  # "Totaal …", "Subtotaal", "Totalen"


class PartRows:
    """Rows whose empty cells a text copy dropped (`TableRow.unplaced`) in a table of a total and its parts.

    Same rule as for lasten | baten | saldo (`budget._ShortRows`), with the table's own relation: the figures go in
    print order under the columns (the others empty, 0), and a placement must keep total = sum of the parts. Where
    more than one placement does ("410" / "410": the total and either part), the block's total row decides
    (`block_totals`: the parts of the rows above "Totaal …" add up to its cells under one placement only). Any
    other short row is left out (the reader warns)."""

    def __init__(self, body: list[TableRow], cols: list[int], label_col: int = 0) -> None:
        self.cols = cols
        self.proven: set[int] = set()
        total = total_and_parts(body, cols)
        self.total = cols.index(total) if total is not None else None
        self.by_totals = self._decided_by_totals(body, label_col) if self.total is not None else {}

    def _fitting(self, row: TableRow) -> list[tuple[tuple[int, ...], tuple[float, ...]]]:
        from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

        figures = [parse_money(t) for t in row.unplaced]
        if self.total is None or None in figures or not 0 < len(figures) < len(self.cols):
            return []
        out = []
        for where in combinations(range(len(self.cols)), len(figures)):
            amounts = [0.0] * len(self.cols)
            for k, a in zip(where, figures):
                amounts[k] = float(a)  # type: ignore[arg-type]
            parts = sum(a for k, a in enumerate(amounts) if k != self.total)
            if abs(amounts[self.total] - parts) <= 0.5 * len(self.cols):
                out.append((where, tuple(amounts)))
        return out

    def _decided_by_totals(self, body: list[TableRow], label_col: int) -> dict[int, tuple[float, ...]]:
        from extractor.parse.block_totals import RowReadings, decide_by_totals  # noqa: PLC0415
        from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

        rows: list[RowReadings] = []
        for row in body:
            label = row.cells[label_col].strip() if label_col < len(row.cells) else ""
            cells = [row.cells[c].strip() if c < len(row.cells) else "" for c in self.cols]
            if row.unplaced:
                readings = [amounts for _, amounts in self._fitting(row)]
            else:
                amounts = [0.0 if not t else parse_money(t) for t in cells]
                readings = [] if None in amounts else [tuple(amounts)]  # type: ignore[list-item]
            figures = bool(row.unplaced) or any(cells)
            role = "total" if _TOTAL_LABEL.match(label) and figures else "detail" if figures else "heading"
            rows.append(RowReadings(role, readings))  # type: ignore[arg-type]
        decided = decide_by_totals(rows)
        return {id(row): decided[k] for k, row in enumerate(body) if row.unplaced and k in decided}

    def place(self, row: TableRow) -> Optional[list[str]]:
        """The row's cells with its figures under their proven columns, or None when no single placement is proven."""
        options = self._fitting(row)
        fitting = [where for where, amounts in options if len(options) == 1 or self.by_totals.get(id(row)) == amounts]
        if len(fitting) != 1:
            return None
        cells = list(row.cells)
        for k, text in zip(fitting[0], row.unplaced):
            cells[self.cols[k]] = text
        self.proven.add(id(row))
        return cells
