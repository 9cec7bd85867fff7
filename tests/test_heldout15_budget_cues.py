"""Money shown by the cells and the label column's header rather than by a unit or baten/lasten words; a second
column of one year's accounts that is the difference; "incl wijziging" in the singular.
Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import cells_per_line, extract_text

_YEARS = ["Onderdeel", "Werkelijk 2036", "Begroot 2037", "Begroot 2038"]


def _marked(mark: str) -> list[str]:
    rows = [("1 - Zorg", ["1.210", "1.305", "1.340"]), ("2 - Groen", ["4.018", "4.122", "4.260"]),
            ("3 - Haven", ["617", "702", "688"]), ("TOTAAL", ["5.845", "6.129", "6.288"])]
    cells = list(_YEARS)
    for label, figures in rows:
        cells += [label, *(f" {mark}     {f}" for f in figures)]
    return cells


def test_amounts_printed_with_voordeel_or_nadeel_marks_are_money(tmp_path: Path) -> None:
    text = "Opbrengsten per onderdeel\n\n" + cells_per_line(*_marked("V")) + "\nUitgaven per onderdeel\n\n" + \
        cells_per_line(*_marked("N"))
    doc = extract_text(tmp_path, "begroting_2037_overzicht.txt", text)
    lines = {(b.label, b.kind, b.year, b.amount) for b in doc.budget_lines}
    # one mark throughout a table names its side, no sign: the amounts stay as printed
    assert ("2 - Groen", "begroting", 2037, 4122.0) in lines
    assert ("TOTAAL", "begroting", 2038, 6288.0) in lines
    assert not [b for b in doc.budget_lines if b.amount < 0]
    assert len(doc.budget_lines) == 24


def test_few_marked_cells_make_no_money(tmp_path: Path) -> None:
    cells = ["Wijk", "Peiling 2036", "Peiling 2037", "Noord", "V 12", "14", "Zuid", "9", "11", "Oost", "7", "8"]
    doc = extract_text(tmp_path, "begroting_2037_wijken.txt", cells_per_line(*cells))
    assert not doc.budget_lines


_EXPLOITATIE = """Programma 4 | Leefomgeving

Exploitatie Begroting 2031 primair Begroting 2031 incl wijziging Rekening 2031 Resultaat 2031
Lasten
XK101 XK101 Straatmeubilair 120.400 131.900 127.150 4.750
XK102 XK102 Speelplaatsen 88.020 88.020 95.310 -7.290
XK103 XK103 Bermbeheer 1.402.300 1.388.100 1.301.640 86.460
XK104 XK104 Vijvers en sloten 45.000 52.500 50.020 2.480
"""


def test_an_exploitatie_table_in_euros_with_its_result_column(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "jaarstukken_2031_leefomgeving.txt", _EXPLOITATIE)
    lines = {(b.label, b.kind, b.year): b.amount for b in doc.budget_lines}
    assert lines[("XK102 XK102 Speelplaatsen", "begroting", 2031)] == 88_020
    assert lines[("XK103 XK103 Bermbeheer", "begroting_na_wijziging", 2031)] == 1_388_100
    assert lines[("XK101 XK101 Straatmeubilair", "rekening", 2031)] == 127_150
    # begroting na wijziging minus rekening in every row: the result column is the difference, not an account
    assert lines[("XK102 XK102 Speelplaatsen", "verschil", 2031)] == -7_290
    assert not [b for b in doc.budget_lines if b.kind == "realisatie"]


def test_a_result_column_that_is_no_difference_keeps_its_kind(tmp_path: Path) -> None:
    text = _EXPLOITATIE.replace(" 4.750", " 9.999")
    doc = extract_text(tmp_path, "jaarstukken_2031_leefomgeving.txt", text)
    assert not [b for b in doc.budget_lines if b.kind == "verschil"]


_PRODUCTS = ["Producten Programma 3 Groen en water", "(x € 1)", "Prod.", "Omschrijving product",
             "Budget 2041", "Budget 2042", "Budget 2043",
             "417", "Beheer parken", "212.300", "215.000", "218.400",
             "423", "Waterlopen", "98.100", "98.100", "101.250",
             "519", "Bomen en bermen", "1.310.000", "1.295.500", "1.280.000",
             "Totaal beschikbaar per jaar", "1.620.400", "1.608.600", "1.599.650"]


def test_product_numbers_before_names_under_dated_budget_headers(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2041_productenraming.txt", cells_per_line(*_PRODUCTS))
    lines = {(b.label, b.kind, b.year): b for b in doc.budget_lines}
    # the last dated header cell is followed by a product number, yet it is the header's, not a row label
    assert lines[("Waterlopen", "begroting", 2043)].amount == 101_250
    assert lines[("Bomen en bermen", "begroting", 2041)].amount == 1_310_000
    assert lines[("Totaal beschikbaar per jaar", "begroting", 2042)].amount == 1_608_600
    # the product number is a cell of its own, not an amount; the caption names the programme after a lead word
    assert not [b for b in doc.budget_lines if b.amount in (417, 423, 519)]
    assert {b.programme for b in doc.budget_lines} == {"Programma 3 Groen en water"}


_INTRO = ("In dit hoofdstuk staan de verplichte overzichten van de begroting; door afronding op duizendtallen kunnen "
          "kleine verschillen ontstaan tussen de tabellen en de totalen.")
_OVERVIEW = ["Omschrijving (bedragen x €1.000)", "Rekening 2050", "Begroting 2051", "Begroting 2052",
             "01 Haven en kust", "-4.120", "-4.380", "-4.410",
             "02 Cultuur", "-2.015", "-2.230", "-2.190",
             "03 Sport", "-1.300", "-1.410", "-1.380",
             "Overhead", "-3.000", "-3.100", "-3.150",
             "Totaal lasten", "-10.435", "-11.120", "-11.130"]


def test_an_overview_title_over_its_introduction_makes_numbered_rows_programmes(tmp_path: Path) -> None:
    text = "Overzicht van baten en lasten\n\n" + _INTRO + "\n\n" + cells_per_line(*_OVERVIEW)
    doc = extract_text(tmp_path, "begroting_2052_overzicht.txt", text)
    lines = {(b.label, b.year): b for b in doc.budget_lines}
    assert lines[("02 Cultuur", 2051)].programme == "02 Cultuur"
    assert lines[("02 Cultuur", 2051)].amount == -2_230_000
    assert lines[("Overhead", 2052)].programme is None
    assert lines[("Totaal lasten", 2050)].programme is None


def test_numbered_rows_under_another_title_over_a_paragraph_stay_items(tmp_path: Path) -> None:
    text = "Ontwikkelingen in de wijken\n\n" + _INTRO + "\n\n" + cells_per_line(*_OVERVIEW)
    doc = extract_text(tmp_path, "begroting_2052_overzicht.txt", text)
    assert not [b for b in doc.budget_lines if b.programme]
