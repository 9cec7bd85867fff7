"""Which columns the figures of a short row stand in, proven by the totals of its block.

A text copy of a web table drops empty cells, so a row printing "668" / "668" under Lasten | Baten | Saldo may be
lasten and saldo (baten empty) or lasten and baten (a saldo of 0 left empty): the row's own arithmetic fits both.
The table's totals can tell them apart: the rows of a block add up to the "Totaal …" row closing it, and the block
totals of a section add up to the section's total printed right after the last of them. This module only does
that arithmetic, on rows already reduced to their possible readings (amount triples), so the reader stays the
only place that knows cells and columns.

A reading is proven when every assignment of readings to the block's rows that makes each column add up to the
total (within rounding: half a unit per figure summed, the total's own included) gives the row that reading.
When no assignment fits (the total is no sum of those rows) nothing is proven; a row whose readings differ
between fitting assignments stays unproven (the caller warns).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from math import prod
from typing import Literal, Optional

Triple = tuple[float, ...]
RowRole = Literal["detail", "total", "heading"]
_MAX_ASSIGNMENTS = 4096  # beyond this many combinations a block is left alone (cheap, and no search by guess)


@dataclass
class RowReadings:
    """One body row: its role and its possible readings (one for a complete row, several for a short one, none when
    its figures cannot be read at all)."""

    role: RowRole
    readings: list[Triple]


def decide_by_totals(rows: list[RowReadings]) -> dict[int, Triple]:
    """Index of every row whose reading is proven (complete rows included) -> that reading."""
    options = [list(r.readings) for r in rows]
    changed = True
    while changed:  # a section total proves a block total, which then proves the rows of its block
        changed = False
        for t, row in enumerate(rows):
            if row.role != "total":
                continue
            block = _block_of(rows, t)
            if block is not None and _narrow(options, [*block, t]):
                changed = True
    return {k: o[0] for k, o in enumerate(options) if len(o) == 1}


def _narrow(options: list[list[Triple]], members: list[int]) -> bool:
    """Keep, for each member, the readings every fitting assignment agrees on; True when something was proven."""
    choices = [options[k] for k in members]
    if any(not c for c in choices) or all(len(c) == 1 for c in choices) or prod(len(c) for c in choices) > _MAX_ASSIGNMENTS:
        return False
    tolerance = 0.5 * len(members)
    width = len(choices[-1][0])
    fitting = [combo for combo in product(*choices)
               if all(abs(sum(x[k] for x in combo[:-1]) - combo[-1][k]) <= tolerance for k in range(width))]
    if not fitting:
        return False
    proven = False
    for i, k in enumerate(members):
        agreed = {combo[i] for combo in fitting}
        if len(options[k]) > 1 and len(agreed) == 1:
            options[k] = [agreed.pop()]
            proven = True
    return proven


def _block_of(rows: list[RowReadings], t: int) -> Optional[list[int]]:
    """The rows total `t` adds up: the detail rows since the previous total or heading; or, for a total printed right
    under another total, the totals since the last heading (a section's total over its block totals)."""
    k = t - 1
    details: list[int] = []
    while k >= 0 and rows[k].role == "detail":
        details.append(k)
        k -= 1
    if details:
        return details[::-1]
    if k < 0 or rows[k].role != "total":
        return None
    totals: list[int] = []
    while k >= 0 and rows[k].role != "heading":
        if rows[k].role == "total":
            totals.append(k)
        k -= 1
    return totals[::-1] if len(totals) >= 2 else None
