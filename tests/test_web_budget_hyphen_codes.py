"""One cell per line: product rows printed as a hyphenated product code cell ("7-2-1-1") then a name cell, under a
side heading, each side closed by its total. The code is part of the row's label. Invented names and figures."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import cells_per_line, extract_text

_YEARS = ["Rekening 2030", "Begroting 2031", "Begroting 2032"]
_PRODUCT_ROWS = ["Wat kost het?", "x € 1.000", "Omschrijving", *_YEARS,
                 "Baten",
                 "7-1-1-1", "Heldere speelplekken", "410", "420", "430",
                 "7-2-1-1", "groene daken", "15", "0", "0",
                 "Totaal baten", "425", "420", "430",
                 "Lasten",
                 "7-1-1-1", "Heldere speelplekken", "900", "910", "920",
                 "7-2-1-1", "groene daken", "3", "4", "4",
                 "Totaal lasten", "903", "914", "924",
                 "Saldo baten en lasten", "478", "494", "494"]


def test_a_hyphenated_code_cell_joins_the_name_in_the_row_label(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2031_kosten.txt", cells_per_line(*_PRODUCT_ROWS))
    read = {(b.label, b.side, b.year): b.amount for b in doc.budget_lines}
    assert read[("7-1-1-1 Heldere speelplekken", "baten", 2030)] == 410_000
    assert read[("7-2-1-1 groene daken", "lasten", 2032)] == 4_000
    assert read[("Totaal lasten", "lasten", 2031)] == 914_000
    assert not any(b.label in ("Heldere speelplekken", "groene daken") for b in doc.budget_lines)
    assert len(doc.budget_lines) == 21


def test_a_range_is_no_code() -> None:
    from extractor.layout.table_grid import _CODE_CELL  # noqa: PLC0415
    assert _CODE_CELL.match("7-2-1-1") and _CODE_CELL.match("12-1-3")
    assert not _CODE_CELL.match("12-18") and not _CODE_CELL.match("1-1-2030")
