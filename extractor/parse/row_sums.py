"""Which columns the figures of a short row stand in, proven by a row that sums the rows above it.

A text copy of a web table drops empty cells, so "Reservering incidenteel -40" under four year columns does not say
its year. Many overviews print a closing row that is the sum of a run of rows right above it, in every column
("Saldo" + the reserve rows = "Saldo na reserves"). That sum decides: of the ways to put the short row's figures in
print order under the columns (the others empty), a placement is proven when every run of complete rows around the
short row that adds up to a complete row below it, in every column, puts the figures in the same columns. A run must
prove a sum, not a copy: in at least two columns two or more of its rows are non-zero. Anything else (no such run,
runs that disagree, a second short row in the run) leaves the row out; the reader warns.
"""

from __future__ import annotations

import re
from itertools import combinations
from math import comb
from typing import Optional

from extractor.layout.tables import TableRow

_TOTAL = re.compile(r"^\s*(sub[\s-]*)?totaal\b", re.IGNORECASE)  # a closing row of the table or of a block
_REACH = 12  # rows a run may reach above the short row and the total below it (a block, not the whole table)
_MIN_PROVING_COLUMNS = 2
_MAX_PLACEMENTS = 120  # a row of few figures under many columns is left alone (cheap, and no search by guess)


class RunSumRows:
    """Short rows (`TableRow.unplaced`) placed by a closing row that sums a run of rows (see the module)."""

    def __init__(self, body: list[TableRow], cols: list[int], label_col: Optional[int] = None) -> None:
        from extractor.parse.table_semantics import parse_money  # noqa: PLC0415 - the meaning layer imports this module

        self.cols = cols
        self.proven: set[int] = set()
        self._index = {id(row): k for k, row in enumerate(body)}
        self._amounts: list[Optional[list[float]]] = []  # per row: its amounts (empty = 0), None for short/unreadable
        self._complete: list[bool] = []  # every value cell printed (a total must be)
        for row in body:
            texts = [row.cells[c].strip() if c < len(row.cells) else "" for c in cols]
            amounts = [0.0 if not t else parse_money(t) for t in texts]
            readable = not row.unplaced and None not in amounts
            self._amounts.append([float(a) for a in amounts] if readable else None)  # type: ignore[arg-type]
            self._complete.append(readable and all(texts))
        self._totals = [label_col is not None and label_col < len(r.cells) and bool(_TOTAL.match(r.cells[label_col]))
                        for r in body]
        self._short = [[parse_money(t) for t in r.unplaced] if r.unplaced else None for r in body]

    def _placements(self, figures: list[float]) -> list[tuple[tuple[int, ...], list[float]]]:
        out = []
        for where in combinations(range(len(self.cols)), len(figures)):
            amounts = [0.0] * len(self.cols)
            for k, a in zip(where, figures):
                amounts[k] = a
            out.append((where, amounts))
        return out

    def _fits(self, run: list[list[float]], total: list[float]) -> bool:
        tolerance = 0.5 * (len(run) + 1)  # half a unit of rounding per figure, the total's included
        if not all(abs(sum(r[k] for r in run) - total[k]) <= tolerance for k in range(len(total))):
            return False
        proving = sum(1 for k in range(len(total)) if sum(1 for r in run if r[k]) >= 2)
        return proving >= _MIN_PROVING_COLUMNS

    def _proven_placement(self, i: int, figures: list[float]) -> Optional[tuple[int, ...]]:
        """The one placement every fitting (run, total) around row `i` agrees on, or None."""
        agreed: set[tuple[int, ...]] = set()
        for t in range(i + 1, min(len(self._amounts), i + 1 + _REACH)):
            if self._amounts[t] is None and t > i + 1:
                break  # another short or unreadable row: the runs stop there
            if not self._complete[t]:
                continue
            total = self._amounts[t]
            below = self._amounts[i + 1:t]
            if any(r is None for r in below):
                break
            for s in range(i, max(-1, i - _REACH), -1):
                above = self._amounts[s:i]
                if any(r is None for r in above):
                    break
                for where, amounts in self._placements(figures):
                    if self._fits([*above, amounts, *below], total):  # type: ignore[list-item]
                        agreed.add(where)
        return agreed.pop() if len(agreed) == 1 else None

    def _zero_total_placement(self, i: int) -> Optional[tuple[int, ...]]:
        """The closing total of the table prints 0 in some columns and a figure in as many as each short row prints
        ("Totaal" 662 / 0 / 0 / 0 under rows of one figure): with every figure of one sign, no figure can stand in a
        column that adds up to 0, so the short rows' figures fill the total's filled columns in print order; proven
        only when the detail rows (not the totals) then add up to the total in every column."""
        last = max((t for t, total in enumerate(self._totals) if total and self._complete[t]), default=-1)
        if last <= i:
            return None
        total = self._amounts[last]
        filled = tuple(k for k, a in enumerate(total or []) if a)
        if not filled or len(filled) == len(self.cols):
            return None
        sums = [0.0] * len(self.cols)
        signs: set[bool] = {total[k] > 0 for k in filled}  # type: ignore[index]
        summed = 1  # figures added up, the total's included: half a unit of rounding each
        for k in range(last):
            if self._totals[k]:
                continue
            amounts = self._amounts[k]
            if amounts is None:
                short = self._short[k]
                if short is None or None in short or len(short) != len(filled):
                    return None
                amounts = [0.0] * len(self.cols)
                for col, a in zip(filled, short):
                    amounts[col] = float(a)  # type: ignore[arg-type]
            signs |= {a > 0 for a in amounts if a}
            summed += any(amounts)
            sums = [x + a for x, a in zip(sums, amounts)]
        tolerance = 0.5 * summed
        if len(signs) != 1 or any(abs(x - t) > tolerance for x, t in zip(sums, total)):  # type: ignore[arg-type]
            return None
        return filled

    def place(self, row: TableRow) -> Optional[list[str]]:
        """The row's cells with its figures under their proven columns, or None when no single placement is proven."""
        from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

        figures = [parse_money(t) for t in row.unplaced]
        i = self._index.get(id(row))
        if i is None or None in figures or not 0 < len(figures) < len(self.cols) \
                or comb(len(self.cols), len(figures)) > _MAX_PLACEMENTS:
            return None
        where = self._proven_placement(i, [float(f) for f in figures]) or self._zero_total_placement(i)  # type: ignore[arg-type]
        if where is None:
            return None
        cells = list(row.cells)
        for k, text in zip(where, row.unplaced):
            cells[self.cols[k]] = text
        self.proven.add(id(row))
        return cells
