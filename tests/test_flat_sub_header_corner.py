"""A flattened (space-separated) budget table under two header lines: kind groups over the top line, their sides on
the line under it, and the label column's own header printed at the start of that second line (synthetic text with
invented labels and figures, in the shape of a web page's taakveld overview):

    Taakveld Raming begrotingsjaar na wijziging Realisatie begrotingsjaar Begrotingsafwijking
    Omschrijving Lasten Baten Saldo Lasten Baten Saldo Lasten Baten Saldo

The words before the first side word head the label column; each group spans its three sides.
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import _sub_header

from tests.helpers import extract_text

_TEXT = """Jaarstukken 2038 gemeente Voorbeeld

Overzicht baten en lasten per taakveld

Taakveld Raming begrotingsjaar na wijziging Realisatie begrotingsjaar Begrotingsafwijking
Omschrijving Lasten Baten Saldo Lasten Baten Saldo Lasten Baten Saldo
0.1 Bestuur 1.000.000 200.000 -800.000 900.000 250.000 -650.000 100.000 50.000 150.000
2.1 Verkeer en vervoer 3.000.000 100.000 -2.900.000 3.100.000 90.000 -3.010.000 -100.000 -10.000 -110.000
5.7 Openbaar groen 2.000.000 0 -2.000.000 1.950.000 5.000 -1.945.000 50.000 5.000 55.000
"""


def test_groups_over_sides_with_the_label_header_on_the_side_line(tmp_path: Path) -> None:
    document = extract_text(tmp_path, "jaarstukken_2038_taakvelden.txt", _TEXT)
    got = {(b.label, b.column): (b.kind, b.year, b.amount) for b in document.budget_lines}
    assert len(got) == 27
    assert got[("0.1 Bestuur", "Raming begrotingsjaar na wijziging Lasten")] == ("begroting_na_wijziging", 2038, 1_000_000)
    assert got[("2.1 Verkeer en vervoer", "Realisatie begrotingsjaar Saldo")] == ("realisatie", 2038, -3_010_000)
    assert got[("5.7 Openbaar groen", "Begrotingsafwijking Baten")] == ("verschil", 2038, 5_000)


def test_side_line_with_corner_words() -> None:
    assert _sub_header("Omschrijving Lasten Baten Saldo Lasten Baten Saldo") == (
        "Omschrijving", ["Lasten", "Baten", "Saldo", "Lasten", "Baten", "Saldo"])
    assert _sub_header("Lasten Baten Saldo") == ("", ["Lasten", "Baten", "Saldo"])
    assert _sub_header("Bestuur 1.000 Lasten Baten") == ("", [])  # a figure: a row, no header
    assert _sub_header("Wij verwachten lagere lasten") == ("", [])  # a sentence, no label-column header
