"""Budget and indicator table headers whose meaning is more than their words: comparison columns, spanning year
headers over baten/lasten/saldo, header words broken over two lines, a scale note in the corner cell."""

from __future__ import annotations

from typing import Optional

import pytest

from extractor.layout.tables import Table, TableRow
from extractor.model import Metadata
from extractor.parse.budget import read_budget
from extractor.parse.table_semantics import classify_header, judge_table


def _table(rows: list[list[str]], caption: Optional[str] = None) -> Table:
    n = len(rows[0])
    table_rows = [TableRow(cells=r, page=7, bbox=(50.0, 100.0 + 15 * i, 550.0, 112.0 + 15 * i), spans=[1] * n) for i, r in enumerate(rows)]
    return Table(page=7, bbox=(50.0, 100.0, 550.0, 112.0 + 15 * len(rows)), rows=table_rows,
                 columns=[50.0 + 100 * k for k in range(n + 1)], caption=caption, pages=[7])


def _read(table: Table, year: int = 2025) -> tuple[list, list]:
    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    return read_budget(table, verdict, Metadata(year=year), [])


# --------------------------------------------------------------------------- comparison columns


@pytest.mark.parametrize(
    ("header", "year", "base"),
    [
        ("mutatie t.o.v. 2024", None, 2024),
        ("verschil t.o.v. begroting 2024", None, 2024),
        ("toename/afname ten opzichte van 2024", None, 2024),
        ("Mutatie tov 2024", None, 2024),
        ("verschil 2025-2024", 2025, None),
        ("∆ 2024-2025", 2025, None),
        ("Verschil 2023 Begr. na wijz. / realisatie", 2023, None),
        ("Verschil realisatie 2023 t.o.v. begroting 2023", 2023, 2023),
    ],
)
def test_a_comparison_header_is_verschil_and_its_printed_base_is_not_its_year(header: str, year: Optional[int],
                                                                               base: Optional[int]) -> None:
    meaning = classify_header(header)
    assert (meaning.budget_kind, meaning.year, meaning.base_year) == ("verschil", year, base)


@pytest.mark.parametrize("header", ["Begroting 2023 Mutaties", "Toename", "Mutaties reserves 2024"])
def test_a_change_word_without_a_comparison_is_no_verschil(header: str) -> None:
    assert classify_header(header).budget_kind != "verschil"


def test_comparison_column_takes_the_newer_year_of_the_table() -> None:
    table = _table([
        ["bedragen x € 1.000", "raming 2024", "raming 2025", "mutatie t.o.v. 2024"],
        ["OZB woningen", "8.765", "9.851", "1.086"],
        ["Toeristenbelasting", "2.508", "2.266", "-242"],
    ], caption="Opbrengst belastingen")
    lines, errors = _read(table)
    got = {(b.label, b.kind, b.year, b.amount) for b in lines if b.column == "mutatie t.o.v. 2024"}
    assert got == {("OZB woningen", "verschil", 2025, 1_086_000.0), ("Toeristenbelasting", "verschil", 2025, -242_000.0)}
    assert errors == []


def test_comparison_year_follows_the_arithmetic_not_the_last_column() -> None:
    """The difference is 2025 − 2024 in every row, though 2026 is the table's latest year."""
    table = _table([
        ["bedragen x € 1.000", "begroting 2024", "begroting 2025", "verschil t.o.v. 2024", "begroting 2026"],
        ["Baten", "1.000", "1.200", "200", "1.300"],
        ["Lasten", "-3.000", "-2.900", "100", "-2.800"],
    ])
    lines, _ = _read(table)
    assert {b.year for b in lines if b.kind == "verschil"} == {2025}


def test_comparison_whose_year_the_table_does_not_single_out_is_left_out_with_a_warning() -> None:
    table = _table([
        ["bedragen x € 1.000", "begroting 2024", "begroting 2025", "begroting 2026", "mutatie t.o.v. 2024"],
        ["Baten", "1.000", "1.200", "1.300", "7"],
        ["Lasten", "-3.000", "-2.900", "-2.800", "9"],
    ])
    lines, errors = _read(table)
    assert lines and not any(b.kind == "verschil" for b in lines)
    assert any("mutatie t.o.v. 2024" in e.message for e in errors)


def test_comparison_with_the_same_year_as_the_other_columns() -> None:
    table = _table([
        ["bedragen x € 1.000", "Begroting 2024", "Realisatie 2024", "Verschil t.o.v. begroting 2024"],
        ["Baten", "1.000", "1.100", "100"],
        ["Lasten", "-3.000", "-2.900", "100"],
    ])
    lines, _ = _read(table)
    assert {(b.kind, b.year) for b in lines} == {("begroting", 2024), ("realisatie", 2024), ("verschil", 2024)}
