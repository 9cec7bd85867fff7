"""Indicator tables copied from web pages in shapes first met in the ninth first-sight check (docs/tables.md).

Every text is synthetic (invented names and figures) with the shape of such a page.
"""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.pipeline import extract_document


def _document(tmp_path: Path, name: str, cells: list[str]) -> Document:
    path = tmp_path / name
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return extract_document(path)


def _values(doc: Document) -> set[tuple[str, object, str, float, object]]:
    return {(i.name, v.year, v.type, v.value, v.comparator) for i in doc.indicators for v in i.values}


def test_a_norm_column_of_bands_is_read_as_text_and_gives_no_values(tmp_path: Path) -> None:
    """'Norm' opens the header (no cell for the name column); its cells are bands ("40-60%", "Begr = 0%"): the
    rows stay in step and the bands are no targets of a year."""
    cells = ["Jaarstukken 2031", "Kengetallen", "Twee kengetallen geven een beeld van de positie.",
             "Norm", "werkelijk\n2030", "begroot\n2031", "werkelijk\n2031",
             "Alfaquote", "40-60%", "12%", "15%", "11%",
             "Betaratio", "Begr = 0%", "3%", "0%", "2%",
             "Gammaruimte", "70-90%", "81%", "84%", "86%",
             "Deze cijfers zijn op orde."]
    got = _values(_document(tmp_path, "kengetallen.txt", cells))
    assert ("Alfaquote", 2030, "realisatie", 12.0, None) in got
    assert ("Betaratio", 2031, "streefwaarde", 0.0, None) in got
    assert ("Gammaruimte", 2031, "realisatie", 86.0, None) in got
    assert len(got) == 9  # three figures per row, nothing from the norm column


def test_code_and_group_columns_before_the_names_and_roles_before_the_figures(tmp_path: Path) -> None:
    """'Nr' / 'Taakveld' / 'Naam indicator' / 'Eenheid' / 'Bron' / two value columns: each row is read in print
    order, a figure may carry its unit word ("4,12 Fte") and the next row's number follows the last figure."""
    cells = ["Financiën", "Verplichte indicatoren",
             "Nr", "Taakveld", "Naam indicator", "Eenheid", "Bron", "jaarrekening 2030", "begroting 2032",
             "1", "Bestuur", "Alfa formatie", "Fte per 1.000 inwoners", "Eigen gegevens", "4,12 Fte", "4,31 Fte",
             "2", "Bestuur", "Beta kosten", "Kosten per inwoner", "Eigen gegevens", "€ 512", "€ 540",
             "3", "Bestuur", "Gamma overhead", "% van totale lasten", "Eigen gegevens", "9,5%", "9,9%"]
    got = _values(_document(tmp_path, "bbv.txt", cells))
    assert ("Alfa formatie", 2030, "realisatie", 4.12, None) in got
    assert ("Beta kosten", 2032, "streefwaarde", 540.0, None) in got
    assert ("Gamma overhead", 2030, "realisatie", 9.5, None) in got
    assert len(got) == 6


def test_a_cell_with_the_own_and_a_national_figure_gives_a_realisatie_and_a_referentie(tmp_path: Path) -> None:
    """"1,4 Oord 2,0 NL (2029)": the own figure and the Nederland figure of the printed year in one cell. Under a
    begroting column of another year the own figure is left out (which year is meant is not printed)."""
    cells = ["Verplichte indicatoren",
             "Nr", "Taakveld", "Naam indicator", "Eenheid", "Bron", "jaarrekening 2030", "begroting 2032",
             "1", "Veiligheid", "Alfa meldingen", "Aantal per 1.000 inwoners", "CBS", "1,4 Oord 2,0 NL (2029)",
             "1,6 Oord 2,2 NL (2030)",
             "2", "Economie", "Beta menging", "%", "Eigen gegevens", "Oord 48,5% NL 50,1% (2029)",
             "Oord 49,0% NL 50,6% (2030)"]
    doc = _document(tmp_path, "bbv_paren.txt", cells)
    got = {(i.name, v.year, v.type, v.value, v.scope) for i in doc.indicators for v in i.values}
    assert got == {("Alfa meldingen", 2029, "realisatie", 1.4, None), ("Alfa meldingen", 2029, "referentie", 2.0, "Nederland"),
                   ("Alfa meldingen", 2030, "referentie", 2.2, "Nederland"),
                   ("Beta menging", 2029, "realisatie", 48.5, None), ("Beta menging", 2029, "referentie", 50.1, "Nederland"),
                   ("Beta menging", 2030, "referentie", 50.6, "Nederland")}


def test_flattened_rows_under_a_number_name_unit_corner_are_split_into_their_columns(tmp_path: Path) -> None:
    """"Nr. Omschrijving Toelichting/Eenheid 2028 … 2030 Trendlijn" flattened to single spaces: each row's label
    holds its number, its name (the first sentence) and its unit; a bullet after the parent on the same line is a
    sub-measure with the figures; the chart column prints no cell."""
    lines = ["Bijlage Prestatie-indicatoren", "",
             "Nr. Omschrijving Toelichting/Eenheid 2028 2029 2030 Trendlijn",
             "1 Alfa tevredenheid over de wijk. Score 1-10. 6,1 6,3 6,4",
             "Bron: Eigen peiling",
             "2 % inwoners dat iets vindt van de beta. • Heel tevreden. 31,0% 33,0% 35,0%",
             "• Niet tevreden. 12,0% 10,0% 9,0%",
             "Bron: Eigen peiling",
             "3 Waardering door ondernemers van de gamma. Score 1-10.",
             "• Gamma contact met de balie en met de wethouder in de eigen wijk of het eigen dorp. 5,8 n.n.b.",
             "Bron: Eigen peiling",
             "4 Delta meldingen. Aantal per 1.000 inwoners. 3,0 2,5 n.n.b.",
             "Bron: Eigen registratie"]
    path = tmp_path / "jaarstukken_2030.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = extract_document(path)
    got = {(i.name.rstrip("."), v.year, v.value) for i in doc.indicators for v in i.values}
    assert ("Alfa tevredenheid over de wijk", 2028, 6.1) in got
    assert ("Alfa tevredenheid over de wijk", 2030, 6.4) in got
    assert any(name.endswith("Heel tevreden") and (year, value) == (2029, 33.0) for name, year, value in got)
    assert not any("Score" in name for name, _, _ in got)
    assert ("Delta meldingen", 2029, 2.5) in got  # "n.n.b." is the 2030 cell: no value
    assert len(got) == 11  # the gamma row prints two cells for three years: left out, warned
    assert any("5,8" in e.message for e in doc.errors)


def _blocks(years_second_row: tuple[str, str]) -> list[str]:
    return ["Beleidsindicatoren", "Als referentie (Ref.) gebruiken wij het gemiddelde van vergelijkbare gemeenten.",
            "Indicator", "Bron", "Jaar", "Oord- stad", "Ref.", "Jaar", "Oord- stad", "Ref.",
            "Alfa meldingen", "Bureau Alfa", "2028", "12", "15", "2029", "10", "14",
            "Beta diefstallen", "CBS", years_second_row[0], "1,1", "2,4", years_second_row[1], "0,8", "2,2",
            "Toelichting: indicatoren van CBS zijn per 1.000 inwoners."]


def test_blocks_each_led_by_a_year_column_take_that_year(tmp_path: Path) -> None:
    """"Jaar | Oord | Ref. | Jaar | Oord | Ref.": each block's figures are of the year its Jaar cell prints (the
    same in every row); the own figures are realisatie, the Ref. figures referentie."""
    doc = _document(tmp_path, "jaarstukken_2029.txt", _blocks(("2028", "2029")))
    got = {(i.name, v.year, v.type, v.value) for i in doc.indicators for v in i.values}
    assert got == {("Alfa meldingen", 2028, "realisatie", 12.0), ("Alfa meldingen", 2028, "referentie", 15.0),
                   ("Alfa meldingen", 2029, "realisatie", 10.0), ("Alfa meldingen", 2029, "referentie", 14.0),
                   ("Beta diefstallen", 2028, "realisatie", 1.1), ("Beta diefstallen", 2028, "referentie", 2.4),
                   ("Beta diefstallen", 2029, "realisatie", 0.8), ("Beta diefstallen", 2029, "referentie", 2.2)}


def test_blocks_whose_rows_print_different_years_are_not_folded_into_one_header(tmp_path: Path) -> None:
    doc = _document(tmp_path, "jaarstukken_2029b.txt", _blocks(("2027", "2029")))
    assert not any(i.values for i in doc.indicators)  # no header names the years of both rows: nothing guessed
    assert any(e.code == "numeric_grid_unread" for e in doc.errors)  # but the grid is reported
