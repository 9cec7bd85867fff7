"""Columns whose header names no kind but whose figures the table proves are differences.

A two-row budget header may end in a group "Saldo 2039" (or "Afwijking", "Over-/onderschrijding") over
Lasten | Baten | Totaal. The word "saldo" there does not mean baten minus lasten: its Lasten column is the
begroting's lasten minus the rekening's (or the other way round), its Baten column the same for baten, and its
Totaal their sum. Read as printed the header gives no kind, and the amounts would come out as plain amounts
("bedrag") of that year, which they are not. Here the arithmetic decides: a side column without a kind that is,
in nearly every row, the difference of two other columns of that side is a verschil column (so is "Saldo" under a
side group "Lasten | Baten | Saldo" over "Begroting | Rekening | Saldo": "Saldo Saldo" is the saldo's difference when
every row's figures say so), and a column of
the same group that is the sum of the group's proven columns is the group's total difference.
Nothing is guessed: columns the arithmetic does not prove keep their meaning.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from extractor.layout.tables import TableRow

_SHARE = 0.8  # rows that must obey the relation, of the rows with all its cells filled
_MIN_ROWS = 3


def _amounts(body: list[TableRow], cols: list[int], parse: Callable[[str], Optional[float]]) -> list[list[float]]:
    rows = []
    for row in body:
        cells = [parse(row.cells[c]) if c < len(row.cells) else None for c in cols]
        if all(a is not None for a in cells):
            rows.append(cells)  # type: ignore[arg-type]
    return rows


def _holds(rows: list[list[float]], relation: Callable[[list[float]], float], share: float = _SHARE) -> bool:
    """relation(row) is (within rounding) zero in most rows (`share` of them), and some row is not all zeros."""
    if len(rows) < _MIN_ROWS or not any(any(a for a in r) for r in rows):
        return False
    return sum(1 for r in rows if abs(relation(r)) <= 1.0) >= share * len(rows)


def _is_difference(body: list[TableRow], col: int, a: int, b: int, parse, share: float = _SHARE) -> bool:
    rows = _amounts(body, [col, a, b], parse)
    return _holds(rows, lambda r: r[0] - (r[1] - r[2]), share) or _holds(rows, lambda r: r[0] - (r[2] - r[1]), share)


def _group(header: str) -> str:
    """A column's group: its header without the last word ("Saldo 2039 Lasten" -> "saldo 2039")."""
    words = header.split()
    return " ".join(words[:-1]).lower() if len(words) >= 2 else ""


def proven_differences(meanings: list, value_cols: list[int], headers: list[str], body: list[TableRow]) -> list:
    """`meanings` with the kind-less columns the arithmetic proves to be differences set to "verschil" (see above)."""
    from extractor.parse.table_semantics import parse_money  # noqa: PLC0415

    out = list(meanings)
    kinded = [c for c in value_cols if meanings[c].budget_kind and meanings[c].budget_kind != "verschil"]
    open_cols = [c for c in value_cols if not meanings[c].budget_kind and meanings[c].side in ("lasten", "baten", "saldo")
                 and _group(headers[c])]
    proven: list[int] = []
    for c in open_cols:
        same_side = [k for k in kinded if meanings[k].side == meanings[c].side
                     and meanings[k].year in (None, meanings[c].year)]
        pairs = [(a, b) for i, a in enumerate(same_side) for b in same_side[i + 1:]]
        # a saldo column is a difference only where every row says so: "Saldo" is also the plain saldo's name
        share = 1.0 if meanings[c].side == "saldo" else _SHARE
        if any(_is_difference(body, c, a, b, parse_money, share) for a, b in pairs):
            proven.append(c)
    for group in {_group(headers[c]) for c in proven}:
        members = [c for c in proven if _group(headers[c]) == group]
        for c in members:
            out[c] = replace(out[c], budget_kind="verschil")
        rest = [c for c in value_cols if _group(headers[c]) == group and c not in members and not meanings[c].budget_kind]
        for c in rest:
            rows = _amounts(body, [c, *members], parse_money)
            if len(members) >= 2 and _holds(rows, lambda r: r[0] - sum(r[1:])):
                out[c] = replace(out[c], budget_kind="verschil")  # the group's total difference
    return out
