"""Kind cells printed over a run of year columns ("Rekening" / "Begroting" over "2037 saldo | 2038 saldo | 2039 lasten |
… | 2042 saldo"), placed by the document's year.

A copied web page prints each header cell on its own line, so which year columns a kind spans is lost; the kinds
still stand in print order and cover consecutive columns. What a kind can head follows from the document (the
same rule as `table_semantics.context_value_type`): in a begroting of year Y the accounts are closed up to Y-2
(a rekening or realisatie column is at most Y-2), the begroting covers Y-1 (the running year) and later years,
a raming or meerjarenraming only years after Y. Each column gets the kind of its group when exactly one split of
the columns into consecutive runs, one per kind in print order, fits those ranges; otherwise every column keeps
its own header (no kind is guessed).
"""

from __future__ import annotations

import re
from typing import Callable, Optional

_ACCOUNTED = ("rekening", "realisatie")
_YEAR_ONLY = re.compile(r"^\W*((baten|lasten|saldo)\W*)?(19|20)\d\d\W*((baten|lasten|saldo)\W*)?$", re.IGNORECASE)


def _fits(document_type: Optional[str], doc_year: int) -> Optional[Callable[[str, int], bool]]:
    """Which years a kind can head in this document; None where the document gives no rule (jaarstukken print the
    begroting and the rekening of one year side by side, so years alone cannot split them)."""
    if (document_type or "").lower() not in ("begroting", "kadernota"):
        return None

    def fits(kind: str, year: int) -> bool:
        if kind in _ACCOUNTED:
            return year <= doc_year - 2
        if kind == "begroting":
            return year >= doc_year - 1
        return kind == "raming" and year > doc_year

    return fits


def _splits(n_columns: int, n_groups: int) -> list[list[int]]:
    """Every way to cut n columns into n_groups non-empty consecutive runs: the group index of each column."""
    if n_groups == 1:
        return [[0] * n_columns]
    out: list[list[int]] = []
    for first in range(1, n_columns - n_groups + 2):
        out.extend([0] * first + [g + 1 for g in rest] for rest in _splits(n_columns - first, n_groups - 1))
    return out


def kinds_over_year_runs(columns: list[tuple], names: dict[int, str], groups: list[str], document_type: Optional[str],
                         doc_year: Optional[int]) -> tuple[list[tuple], set[int]]:
    """The columns (index, kind, year, side) with the kinds of `groups` (kind words printed over them, in order) where
    one split proves them, their names prefixed with their group ("Rekening 2037 saldo"); and the columns so decided."""
    from extractor.parse.table_semantics import classify_header  # noqa: PLC0415 (it imports the budget reader)

    kinds = [classify_header(g).budget_kind for g in groups]
    fits = _fits(document_type, doc_year) if doc_year is not None else None
    dated = [col for col in columns if col[1] == "bedrag" and col[2] is not None and _YEAR_ONLY.match(names.get(col[0], ""))]
    if fits is None or len(groups) < 2 or None in kinds or len(set(kinds)) != len(kinds) or len(dated) != len(columns) \
            or len(dated) <= len(groups) or [c[2] for c in dated] != sorted(c[2] for c in dated):
        return columns, set()
    found = [s for s in _splits(len(dated), len(groups)) if all(fits(kinds[g], col[2]) for g, col in zip(s, dated))]
    if len(found) != 1:
        return columns, set()
    out = []
    for g, (c, _, year, side) in zip(found[0], dated):
        names[c] = f"{groups[g].strip()} {names[c]}"
        out.append((c, kinds[g], year, side))
    return out, {c for c, *_ in out}
