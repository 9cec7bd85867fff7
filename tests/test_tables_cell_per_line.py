"""Budget tables copied from web pages one cell per line (the fifth held-out check, docs/tables.md).

Every text here is synthetic (invented labels and figures) with the shape of a page met there: a
programme named by a figure-less row right under the header, an undated "Rekening" column in jaarstukken,
numbered programme rows in a programme overview, a two-level header of kind+year groups over
Lasten/Baten/Saldo, and rows whose empty cells the copy dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.model import Document
from extractor.pipeline import extract_document


def _document(tmp_path: Path, name: str, cells: list[str], between: str = "\n\n") -> Document:
    """A text file of one cell per line, by default with a blank line between cells, as such pages are copied."""
    path = tmp_path / name
    path.write_text(between.join(cells) + "\n", encoding="utf-8")
    return extract_document(path)


def _by_label(doc: Document) -> dict[tuple[str, str], tuple]:
    return {(b.label, b.column): (b.programme, b.kind, b.year, b.amount) for b in doc.budget_lines}


def test_a_programme_row_right_under_the_header_opens_the_first_block(tmp_path: Path) -> None:
    cells = [
        "Jaarstukken 2031", "Overzicht per programma",
        "Programma / Taakveld", "Begroting", "Begroting na wijziging", "Rekening", "Verschil",
        "1 Wonen en werken",
        "0.4  Ondersteuning", "120", "130", "128", "-2",
        "8.1  Ruimtelijke ordening", "410", "405", "433", "28",
        "Subtotaal", "530", "535", "561", "26",
        "2 Zorg en welzijn",
        "6.1  Samenkracht", "77", "81", "80", "-1",
        "Subtotaal", "77", "81", "80", "-1",
    ]
    doc = _document(tmp_path, "jaarstukken_2031_uitvoering.txt", cells)
    lines = _by_label(doc)
    assert lines[("0.4  Ondersteuning", "Begroting")][0] == "1 Wonen en werken"
    assert lines[("6.1  Samenkracht", "Rekening")][0] == "2 Zorg en welzijn"
    # the block's subtotal belongs to the block's programme, not to a programme of its own
    subtotals = [b.programme for b in doc.budget_lines if b.label == "Subtotaal" and b.column == "Verschil"]
    assert subtotals == ["1 Wonen en werken", "2 Zorg en welzijn"]


def test_an_undated_rekening_column_in_jaarstukken_is_the_document_year(tmp_path: Path) -> None:
    cells = [
        "Jaarstukken 2031", "Taakvelden per programma",
        "Programma / Taakveld", "Begroting 2031", "Rekening", "Verschil",
        "Programma 1",
        "0.1  Bestuur", "300", "310", "10",
        "Programma 2",
        "0.2  Burgerzaken", "90", "85", "-5",
    ]
    doc = _document(tmp_path, "jaarstukken_2031_programmas.txt", cells)
    lines = _by_label(doc)
    assert lines[("0.1  Bestuur", "Rekening")][1:] == ("rekening", 2031, 310.0)
    assert lines[("0.1  Bestuur", "Rekening")][0] == "Programma 1"
    assert lines[("0.2  Burgerzaken", "Rekening")][0] == "Programma 2"


def test_an_undated_rekening_column_in_a_begroting_keeps_no_year(tmp_path: Path) -> None:
    cells = ["Begroting 2031", "Taakvelden", "Programma / Taakveld", "Begroting 2031", "Rekening", "0.1  Bestuur", "300", "310",
             "0.2  Burgerzaken", "90", "85"]
    lines = _by_label(_document(tmp_path, "begroting_2031_taakvelden.txt", cells))
    assert lines[("0.1  Bestuur", "Rekening")][1:] == ("rekening", None, 310.0)


@pytest.mark.parametrize("between", ["\n\n", "\n"])
def test_groups_of_kind_and_year_over_repeated_sides_name_every_column(tmp_path: Path, between: str) -> None:
    cells = [
        "Begroting 2032", "Overzicht van baten en lasten",
        "Programma", "Rekening 2030", "Begroting 2031", "Begroting 2032",
        "Lasten", "Baten", "Saldo", "Lasten", "Baten", "Saldo", "Lasten", "Baten", "Saldo",
        "Programma 0", "50", "20", "30", "55", "21", "34", "57", "22", "35",
        "Programma 1", "70", "10", "60", "72", "11", "61", "74", "12", "62",
        "Subtotaal programma's", "120", "30", "90", "127", "32", "95", "131", "34", "97",
    ]
    doc = _document(tmp_path, "begroting_2032_overzicht.txt", cells, between)
    lines = _by_label(doc)
    assert len(doc.budget_lines) == 27
    assert lines[("Programma 0", "Rekening 2030 Lasten")] == ("Programma 0", "rekening", 2030, 50.0)
    assert lines[("Programma 1", "Begroting 2032 Saldo")] == ("Programma 1", "begroting", 2032, 62.0)
    assert {b.side for b in doc.budget_lines if b.column.endswith("Baten")} == {"baten"}
    assert lines[("Subtotaal programma's", "Begroting 2031 Baten")][0] is None


def test_caption_lines_above_the_header_make_no_columns_and_programme_rows_open_blocks(tmp_path: Path) -> None:
    cells = [
        "Financiën", "3 Toelichting baten en lasten", "3.4 Verschillen Rekening 2029 - Begroting 2031",
        "(bedragen x €1.000)",
        "Jaarrekening 2029", "Begroting 2031", "Verschil",
        "Lasten", "Baten", "Saldo", "Lasten", "Baten", "Saldo", "Lasten", "Baten", "Saldo",
        "Programma 1",
        "DOEL 1-1", "40", "5", "-35", "44", "6", "-38", "4", "1", "-3",
        "DOEL 1-2", "12", "2", "-10", "10", "2", "-8", "-2", "0", "2",
        "Programma 2",
        "DOEL 2-1", "9", "1", "-8", "8", "1", "-7", "-1", "0", "1",
    ]
    doc = _document(tmp_path, "begroting_2031_verschillen.txt", cells)
    lines = _by_label(doc)
    assert len(doc.budget_lines) == 27
    assert lines[("DOEL 1-1", "Jaarrekening 2029 Saldo")] == ("Programma 1", "rekening", 2029, -35_000.0)
    assert lines[("DOEL 2-1", "Begroting 2031 Lasten")] == ("Programma 2", "begroting", 2031, 8_000.0)
    assert lines[("DOEL 1-2", "Verschil Lasten")][1] == "verschil"


def test_numbered_programme_rows_in_a_programme_overview_are_their_own_programme(tmp_path: Path) -> None:
    cells = [
        "Begroting 2033", "Incidentele posten",
        "Wij nemen per programma de volgende incidentele lasten en baten op:",
        "bedragen x € 1.000",
        "2033", "2034", "2035",
        "Incidentele lasten", "-", "-", "-",
        "1 Bestuur en burger", "-40", "-", "-",
        "2 Zorg", "-120", "-30", "-10",
        "Totaal incidentele lasten", "-160", "-30", "-10",
        "Incidentele baten",
        "2 Zorg", "15", "-", "-",
        "Totaal incidentele baten", "15", "-", "-",
    ]
    doc = _document(tmp_path, "begroting_2033_incidenteel.txt", cells)
    got = {(b.label, b.year, b.amount): b.programme for b in doc.budget_lines}
    assert got[("2 Zorg", 2033, -120_000.0)] == "2 Zorg"
    assert got[("2 Zorg", 2033, 15_000.0)] == "2 Zorg"
    assert got[("1 Bestuur en burger", 2033, -40_000.0)] == "1 Bestuur en burger"
    assert got[("Totaal incidentele lasten", 2034, -30_000.0)] is None


def test_numbered_rows_of_a_table_that_speaks_of_no_programme_get_none(tmp_path: Path) -> None:
    cells = [
        "Begroting 2033", "Nieuw beleid", "bedragen x € 1.000",
        "2033", "2034", "1 Inwonersgroei", "40", "45", "2 Loonindex", "60", "61",
    ]
    doc = _document(tmp_path, "begroting_2033_nieuw_beleid.txt", cells)
    assert len(doc.budget_lines) == 4
    assert {b.programme for b in doc.budget_lines} == {None}


def _coded_cells(short_rows: list[list[str]]) -> list[str]:
    return [
        "Begroting 2034", "Taakvelden",
        "In deze tabel staan de lasten (+) en baten (-) per taakveld.",
        "Nr.", "Doel", "Begroot Lasten", "Begroot Baten", "Begroot Saldo",
        "0.1", "Raad", "1.200", "-200", "1.000",
        "0.2", "Balie", "800", "-300", "500",
        *[cell for row in short_rows for cell in row],
        "Totaal 0 Bestuur", "5.000", "-9.500", "-4.500",
    ]


@pytest.mark.parametrize("between", ["\n\n", "\n"])
def test_rows_with_dropped_empty_cells_are_placed_only_where_the_arithmetic_proves_it(tmp_path: Path, between: str) -> None:
    short = [["0.5", "Heffingen", "-7.000", "-7.000"],  # negative pair: baten and saldo (lasten empty)
             ["0.6", "Overig", "3.000", "3.000"],  # positive pair: lasten and saldo (baten empty)
             ["0.7", "Rente", "0"]]  # one figure: its column is not shown
    doc = _document(tmp_path, "begroting_2034_taakvelden.txt", _coded_cells(short), between)
    got = {(b.label, b.column): (b.amount, b.confidence) for b in doc.budget_lines}
    assert got[("0.1 Raad", "Begroot Baten")] == (-200.0, None)
    assert got[("0.5 Heffingen", "Begroot Baten")] == (-7_000.0, 0.8)
    assert got[("0.5 Heffingen", "Begroot Saldo")] == (-7_000.0, 0.8)
    assert ("0.5 Heffingen", "Begroot Lasten") not in got
    assert got[("0.6 Overig", "Begroot Lasten")] == (3_000.0, 0.8)
    assert ("0.6 Overig", "Begroot Baten") not in got
    assert got[("Totaal 0 Bestuur", "Begroot Saldo")] == (-4_500.0, None)
    assert not any(label.startswith("0.7") for label, _ in got)
    warnings = [e.message for e in doc.errors if e.code == "table_uncertain" and "fewer figures" in e.message]
    assert len(warnings) == 1 and "0.7 | Rente | 0" in warnings[0]
    assert any("prints no unit" in e.message for e in doc.errors)  # whole euros or thousands: the page does not say


def test_a_short_row_the_arithmetic_does_not_settle_is_left_out_with_a_warning(tmp_path: Path) -> None:
    short = [["0.5", "Heffingen", "-7.000", "-6.000"]]  # fits no placement: lasten + baten = saldo fails each way
    doc = _document(tmp_path, "begroting_2034_taakvelden.txt", _coded_cells(short))
    assert not any(b.label.startswith("0.5") for b in doc.budget_lines)
    assert any("0.5 | Heffingen" in e.message for e in doc.errors if e.code == "table_uncertain")
    assert any(b.label == "0.2 Balie" for b in doc.budget_lines)


def test_a_short_row_of_a_coded_indicator_table_is_kept_without_values_and_warned(tmp_path: Path) -> None:
    cells = [
        "Jaarstukken 2034", "Indicatoren",
        "Nr.", "Naam", "Realisatie 2032", "Realisatie 2033", "Realisatie 2034",
        "1.1", "Aantal bezoekers bibliotheek", "410", "415", "420",
        "1.2", "Aantal leden sportclubs", "88",
        "1.3", "Aantal evenementen", "12", "14", "15",
    ]
    doc = _document(tmp_path, "jaarstukken_2034_indicatoren.txt", cells)
    values = {i.name: [v.value for v in i.values] for i in doc.indicators}
    assert values["Aantal evenementen"] == [12.0, 14.0, 15.0]
    assert values.get("Aantal leden sportclubs", []) == []
    warned = [e.message for e in doc.errors if e.code == "table_uncertain"]
    assert len(warned) == 1 and "1 figure(s) for 3 value columns" in warned[0]


def test_numbered_notes_under_a_coded_table_are_no_short_rows(tmp_path: Path) -> None:
    cells = [
        "Begroting 2035", "Prestatie-indicatoren",
        "Nr.", "Omschrijving", "2033", "2034", "2035",
        "1", "Aantal meldingen (per 1.000 inwoners)", "4,1", "4,0", "3,9",
        "2", "Aantal klachten (per 1.000 inwoners)", "1,2", "1,1", "1,0",
        "Toelichting", "1", "Laatst bekend: 2032 ten opzichte van 4,4 landelijk.", "2", "Geen toelichting.",
        "Bronnen", "1", "Eigen registratie.", "2", "Klachtenbureau.",
    ]
    doc = _document(tmp_path, "begroting_2035_prestaties.txt", cells)
    values = {i.name: [v.value for v in i.values] for i in doc.indicators}
    assert values["Aantal meldingen (per 1.000 inwoners)"] == [4.1, 3.9]  # 2034 is undecided in a begroting 2035
    assert set(values) == {"Aantal meldingen (per 1.000 inwoners)", "Aantal klachten (per 1.000 inwoners)"}
    assert not [e for e in doc.errors if "figure(s)" in (e.message or "")]


def test_a_numbered_row_over_numbered_siblings_is_a_list_not_a_programme(tmp_path: Path) -> None:
    cells = [
        "Begroting 2036", "Renterisico", "bedragen x € 1.000",
        "Omschrijving", "2036", "2037",
        "1 Herzieningen",
        "2 Aflossingen", "300", "310",
        "3 Risico", "300", "310",
    ]
    doc = _document(tmp_path, "begroting_2036_renterisico.txt", cells)
    assert {b.label for b in doc.budget_lines} == {"2 Aflossingen", "3 Risico"}
    assert {b.programme for b in doc.budget_lines} == {None}


def test_a_lone_side_word_under_the_year_header_is_a_row_and_no_value_column_is_lost(tmp_path: Path) -> None:
    """"Lasten" printed after the last year header and before the first row label heads the rows of its side; taken
    into the header it made one column too many, and the reading that fit dropped the first year column (every
    amount one column off)."""
    cells = [
        "Wat kost het?", "Programma 3: Groen", "Exploitatie (bedragen x € 1.000)",
        "Rekening 2037", "Begroting 2038 na wijziging", "Begroting 2039", "Begroting 2040",
        "Lasten", "Parken", "1.100", "1.200", "1.300", "1.400", "Bomen", "500", "510", "520", "530",
        "Baten", "Parken", "-100", "-110", "-120", "-130",
    ]
    doc = _document(tmp_path, "begroting_2039_groen.txt", cells)
    got = {(b.side, b.label, b.kind, b.year): b.amount for b in doc.budget_lines}
    assert len(doc.budget_lines) == len(got) == 12
    assert got[("lasten", "Parken", "rekening", 2037)] == 1_100_000.0
    assert got[("lasten", "Parken", "begroting_na_wijziging", 2038)] == 1_200_000.0
    assert got[("lasten", "Bomen", "begroting", 2040)] == 530_000.0
    assert got[("baten", "Parken", "rekening", 2037)] == -100_000.0


def test_a_unit_note_above_the_header_scales_the_table(tmp_path: Path) -> None:
    """One cell per line, the unit is printed on its own line above the header ("(bedragen x € 1.000 …)")."""
    cells = [
        "Overzicht van baten en lasten", "(bedragen x € 1.000; - = nadeel)", "Begroting 2041", "Rekening 2041",
        "Lasten", "Baten", "Lasten", "Baten",
        "Programma Groen", "120", "-20", "130", "-25", "Programma Water", "80", "-5", "75", "-6",
    ]
    doc = _document(tmp_path, "jaarstukken_2041_overzicht.txt", cells)
    got = {(b.label, b.kind, b.column): b.amount for b in doc.budget_lines}
    assert got[("Programma Groen", "rekening", "Rekening 2041 Lasten")] == 130_000.0
    assert got[("Programma Water", "begroting", "Begroting 2041 Baten")] == -5_000.0


def test_a_header_is_never_read_from_its_middle(tmp_path: Path) -> None:
    """A header whose cells the rows do not fit (a reference cell printed as two cells: "2040:" / "€ 12") must not be
    read from a later start ("Realisatie 2041" as the label column, every figure one column off): not read, warned."""
    cells = ["Indicator", "Eenheid", "Realisatie 2040", "Realisatie 2041", "Begroting 2042", "Landelijk", "Bron"]
    for name, unit, figures, source in [("Gemiddelde waarde", "euro", ["€ 285", "€ 297", "€ 300"], "CBS"),
                                        ("Nieuwe woningen", "per 1.000 woningen", ["23,0", "6,7", "17,3"], "BAG"),
                                        ("Druk", "%", ["74,6", "73,4", "73,0"], "CBS")]:
        cells += [name, unit, *figures, "2040:", "€ 12", source]
    doc = _document(tmp_path, "begroting_2042_indicatoren.txt", cells)
    assert doc.budget_lines == []  # the "€" cells read from a cut header made this a budget table, one column off
    assert all(i.name in {"Gemiddelde waarde", "Nieuwe woningen", "Druk"} for i in doc.indicators)
    assert any(e.code in ("numeric_grid_unread", "tables_not_used", "table_uncertain") for e in doc.errors)


def test_a_new_header_of_bare_years_ends_the_table_above(tmp_path: Path) -> None:
    """Two tables one cell per line: the second's header (a title, then bare years) must not be read as rows under
    the first table's header."""
    cells = ["Kerngegevens", "Rekening 2038", "Rekening 2039", "Begroting 2040",
             "Aantal inwoners", "10.100", "10.200", "10.300", "Aantal scholen", "12", "12", "13",
             "Woningvoorraad", "2036", "2037", "2038",
             "Aantal woningen", "4.900", "5.000", "5.100", "Aantal huurwoningen", "2.000", "2.050", "2.100"]
    doc = _document(tmp_path, "jaarstukken_2040_kerngegevens.txt", cells)
    values = {(i.name, v.year): v.value for i in doc.indicators for v in i.values}
    assert values[("Aantal inwoners", 2038)] == 10100.0
    assert ("Aantal woningen", 2039) not in values and ("Aantal woningen", 2040) not in values
    assert values.get(("Aantal woningen", 2036), 4900.0) == 4900.0


def test_a_programme_title_above_the_table_names_its_programme(tmp_path: Path) -> None:
    cells = ["Wat kost het?", "Programma 4: Groen en water", "Exploitatie (bedragen x € 1.000)",
             "Rekening 2037", "Begroting 2038", "Lasten", "Parken", "1.100", "1.200", "Sloten", "500", "510"]
    doc = _document(tmp_path, "begroting_2038_groen.txt", cells)
    assert {b.programme for b in doc.budget_lines} == {"Programma 4: Groen en water"}
    assert len(doc.budget_lines) == 4


def test_short_rows_with_code_and_name_in_one_cell_are_placed_only_by_arithmetic(tmp_path: Path) -> None:
    """Account rows ("1001  Raad") whose empty cells the copy dropped: placed where lasten - baten = saldo and the
    columns' signs prove it, else left out and warned; complete rows are read as they are."""
    cells = ["Jaarrekening 2039", "Lasten 2039", "Baten 2039", "Saldo 2039", "Programma Bestuur",
             "1001  Raad", "700", "100", "600", "1002  College", "1.645", "714", "931",
             "1003  Griffie", "2", "2"]
    doc = _document(tmp_path, "jaarstukken_2039_taakvelden.txt", cells)
    got = {(b.label, b.column): b.amount for b in doc.budget_lines}
    assert got[("1002  College", "Baten 2039")] == 714.0 and got[("1001  Raad", "Saldo 2039")] == 600.0
    assert {b.programme for b in doc.budget_lines} == {"Programma Bestuur"}
    assert not any(label.startswith("1003") and amount != 2.0 for (label, _), amount in got.items())
