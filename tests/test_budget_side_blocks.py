"""Budget blocks of one side (a lasten block, then a baten block) flattened to single spaces, every amount after a
nadeel/voordeel mark, under a header whose columns each end in their year ("Wijziging Begroting 2031")."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import split_after_years
from extractor.parse.table_semantics import classify_header
from extractor.pipeline import ExtractOptions, extract_document

HEADER = "Programma Begroting 2031 Wijziging Begroting 2031 Totaal begroting 2031 Rekening 2031 Verschil 2031"


def test_a_header_whose_columns_end_in_years_splits_after_each_year() -> None:
    """Five years for five value columns: a kind word before another ("Wijziging Begroting") stays in its column."""
    assert split_after_years(HEADER, 5) == [
        "Programma Begroting 2031", "Wijziging Begroting 2031", "Totaal begroting 2031", "Rekening 2031", "Verschil 2031"]
    assert split_after_years(HEADER, 4) == []  # the years do not match the value count: no such reading
    assert split_after_years("Begroting 2031 Rekening 2031 Prognose", 2) == []  # a column without a year
    assert split_after_years("Begroting 2031 12 Rekening 2031", 2) == []  # a figure in the line


def test_change_and_total_budget_columns_are_typed() -> None:
    """"Wijziging Begroting 2031" holds the year's changes (verschil); "Totaal begroting 2031" the budget after them."""
    assert classify_header("Wijziging Begroting 2031").budget_kind == "verschil"
    assert classify_header("Begrotingswijzigingen 2031").budget_kind == "verschil"
    assert classify_header("Totaal begroting 2031").budget_kind == "begroting_na_wijziging"
    assert classify_header("Begroting na wijziging 2031").budget_kind == "begroting_na_wijziging"
    assert classify_header("Begroting 2031").budget_kind == "begroting"


def _page(tmp_path: Path) -> Path:
    text = "\n".join([
        "Overzicht van baten en lasten per programma",
        "",
        "Lasten (x € 1.000)",
        HEADER,
        "1. Bestuur en Dienstverlening N 11.500 N 400 N 11.900 N 12.000 N 100",
        "2a. Groen en Water N 3.200 V 200 N 3.000 N 2.950 V 50",
        "3. Wonen N 5.000 N 0 N 5.000 N 4.800 V 200",
        "Totaal van de lasten N 19.700 N 200 N 19.900 N 19.750 V 150",
        "Baten (x € 1.000)",
        HEADER,
        "1. Bestuur en Dienstverlening V 40.100 V 900 V 41.000 V 41.300 V 300",
        "2a. Groen en Water V 700 N 100 V 600 V 550 N 50",
        "3. Wonen (",
    ])
    path = tmp_path / "gemeente_jaarstukken_2031_baten_lasten.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_side_blocks_with_marks_are_read_as_printed(tmp_path: Path) -> None:
    """Each block is a table; its level columns print one mark throughout (lasten N, baten V), so the marks name the
    side and the N/V in the difference columns says which way it moved: every amount as printed, the mark in `raw`.
    A row cut off without figures at the end of the copy is no line."""
    document = extract_document(str(_page(tmp_path)), ExtractOptions(enrich=False))
    got = [(b.label, b.column, b.kind, b.year, b.amount, b.raw) for b in document.budget_lines]
    assert len(got) == 4 * 5 + 2 * 5
    assert ("1. Bestuur en Dienstverlening", "Wijziging Begroting 2031", "verschil", 2031, 400_000.0, "N 400") in got
    assert ("2a. Groen en Water", "Wijziging Begroting 2031", "verschil", 2031, 200_000.0, "V 200") in got
    assert ("2a. Groen en Water", "Totaal begroting 2031", "begroting_na_wijziging", 2031, 3_000_000.0, "N 3.000") in got
    assert ("Totaal van de lasten", "Rekening 2031", "rekening", 2031, 19_750_000.0, "N 19.750") in got
    assert ("1. Bestuur en Dienstverlening", "Begroting 2031", "begroting", 2031, 40_100_000.0, "V 40.100") in got
    assert ("2a. Groen en Water", "Verschil 2031", "verschil", 2031, 50_000.0, "N 50") in got
    assert all(b.amount >= 0 for b in document.budget_lines)
