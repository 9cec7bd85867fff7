"""Kind-less side columns are verschil only where the arithmetic proves them differences (synthetic figures)."""

from __future__ import annotations

from extractor.layout.tables import TableRow
from extractor.parse.difference_groups import proven_differences
from extractor.parse.table_semantics import classify_header

_HEADERS = ["", "Begroting 2039 Lasten", "Rekening 2039 Lasten", "Begroting 2039 Baten", "Rekening 2039 Baten",
            "Saldo 2039 Lasten", "Saldo 2039 Baten", "Saldo 2039 Totaal"]


def _row(cells: list[str]) -> TableRow:
    return TableRow(cells=cells, page=0, bbox=(0.0, 0.0, 0.0, 0.0), cell_boxes=[None] * len(cells), spans=[1] * len(cells))


def _kinds(rows: list[list[str]]) -> list:
    meanings = [classify_header(h) for h in _HEADERS]
    out = proven_differences(meanings, list(range(1, len(_HEADERS))), _HEADERS, [_row(r) for r in rows])
    return [m.budget_kind for m in out[5:]]


def test_differences_of_each_side_and_their_sum_are_verschil() -> None:
    rows = [["Alfa", "100", "90", "40", "45", "10", "5", "15"],
            ["Beta", "200", "230", "10", "8", "-30", "-2", "-32"],
            ["Gamma", "50", "50", "0", "4", "0", "4", "4"]]
    assert _kinds(rows) == ["verschil", "verschil", "verschil"]


def test_columns_the_arithmetic_does_not_prove_keep_no_kind() -> None:
    rows = [["Alfa", "100", "90", "40", "45", "12", "5", "17"],
            ["Beta", "200", "230", "10", "8", "7", "-2", "5"],
            ["Gamma", "50", "50", "0", "4", "3", "4", "7"]]
    assert _kinds(rows) == [None, "verschil", None]  # one proven column is no group total: the sum needs two


def test_two_rows_prove_nothing() -> None:
    rows = [["Alfa", "100", "90", "40", "45", "10", "5", "15"],
            ["Beta", "200", "230", "10", "8", "-30", "-2", "-32"]]
    assert _kinds(rows) == [None, None, None]
