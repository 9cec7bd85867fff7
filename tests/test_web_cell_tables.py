"""Tables copied from web pages one cell per line whose header names column roles, not years or kinds
("Kenmerk" / "eenheid" / "periode" / "waarde"): each row's year comes from its own year cell.

The texts are synthetic (invented names and figures) with the shape of such pages: blank lines between the
cells, group rows between the rows, and a begroting whose table reports the latest measured figures.
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import text_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line


def _lines(cells: list[str]) -> list[Line]:
    text = "\n\n".join(cells)
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]


_ROWS = [("Groep noord (p3)", None, None, None),
         ("Alfa meldingen", "aantal per 1.000 inwoners", "2018", "4,2"),
         ("Beta bezoeken", "%", "2019", "17"),
         ("Groep zuid (p5)", None, None, None),
         ("Gamma ritten", "per 100 huishoudens", "2017", "0,9")]


def _cells(header: list[str]) -> list[str]:
    cells = ["Proza over de tabel hieronder, met zinnen die eindigen op een punt.", *header]
    for name, unit, year, value in _ROWS:
        cells += [name] if unit is None else [name, unit, year, value]  # type: ignore[list-item]
    return cells


def test_role_header_rows_and_group_rows_form_one_grid() -> None:
    (table,) = text_tables(_lines(_cells(["Kenmerk", "eenheid", "periode", "waarde*"])))
    assert table.rows[0].cells == ["Kenmerk", "eenheid", "periode", "waarde*"]
    assert [r.cells for r in table.rows[1:3]] == [["Groep noord (p3)", "", "", ""],
                                                  ["Alfa meldingen", "aantal per 1.000 inwoners", "2018", "4,2"]]
    assert table.rows[-1].cells == ["Gamma ritten", "per 100 huishoudens", "2017", "0,9"]


def test_a_header_without_a_year_column_is_not_read_this_way() -> None:
    assert text_tables(_lines(_cells(["Kenmerk", "eenheid", "soort", "waarde*"]))) == []


def test_each_value_takes_its_rows_year_and_the_begroting_context_type(tmp_path: Path) -> None:
    path = tmp_path / "programmabegroting_2021.txt"
    path.write_text("Programmabegroting 2021\n\n" + "\n\n".join(_cells(["Kenmerk", "eenheid", "periode", "waarde*"])) + "\n",
                    encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.unit, [(v.year, v.type, v.value, v.type_from) for v in i.values]) for i in document.indicators}
    assert read == {
        "Alfa meldingen": ("aantal per 1.000 inwoners", [(2018, "realisatie", 4.2, "context")]),
        "Beta bezoeken": ("%", [(2019, "realisatie", 17.0, "context")]),
        "Gamma ritten": ("per 100 huishoudens", [(2017, "realisatie", 0.9, "context")]),
    }


def _area_page() -> str:
    """Each indicator takes two rows: the gemeente's and a comparison group's (only year, area and value printed;
    name, unit and description span both). Bracketed figures under the values are an earlier edition's."""
    cells = ["In deze begroting 2021 vergelijken wij onze cijfers met die van dorpen van dezelfde grootte. "
             "De cijfers tussen haakjes komen uit de vorige editie.",
             "Indicator", "eenheid", "jaar", "regio", "waarde", "Beschrijving"]
    for name, unit, year, own, other in [("Alfa meldingen", "per 1.000 inwoners", "2019", "3,4\n(2,9)", "5,1\n(5,5)"),
                                         ("Beta bezoeken", "%", "2018", "12\n(14)", "9,5\n(9)")]:
        cells += [name, unit, year, "Ons Dorp", own, f"Het aantal {name.lower()} per jaar, gemeten bij de balie.",
                  year, "Dorpen van 10.000 - 20.000 inwoners", other]
    return "\n\n".join(cells) + "\n"


def test_a_second_area_row_adds_a_reference_value_to_the_indicator_above(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2021.txt"
    path.write_text(_area_page(), encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: [(v.year, v.type, v.value, v.scope) for v in i.values] for i in document.indicators}
    assert read == {
        "Alfa meldingen": [(2019, "realisatie", 3.4, None), (2019, "referentie", 5.1, "Dorpen van 10.000 - 20.000 inwoners")],
        "Beta bezoeken": [(2018, "realisatie", 12.0, None), (2018, "referentie", 9.5, "Dorpen van 10.000 - 20.000 inwoners")],
    }
    assert document.indicators[0].description == "Het aantal alfa meldingen per jaar, gemeten bij de balie."
    assert all(v.raw is not None and "(" in v.raw for i in document.indicators for v in i.values)


def _coded_page() -> str:
    """Coded rows ("1a" / name / three figures) and a group row whose sub-rows print fewer figures than the header
    has columns: the copy dropped their empty cells, so where the figures belong is not printed."""
    cells = ["Jaarverslag 2021", "nr.", "Effectindicatoren", "Realisatie 2020", "Streefwaarde 2021", "Realisatie\n 2021"]
    for code, name, figures in [("1a", "Tevredenheid over de balie", ["61%", "65%", "63%"]),
                                ("1b", "Tevredenheid over de website", ["6,2", "7,0", "6,8"]),
                                ("2", "Oordeel over de wijkteams:", ["3,5"]),
                                ("2a", "Wijkteam oost", ["4,0", "4,1"]),
                                ("2b", "Wijkteam west", ["3,2", "3,6"])]:
        cells += [code, name, *figures]
    return "\n\n".join(cells) + "\n"


def test_coded_rows_are_read_and_ragged_rows_are_kept_without_values_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "jaarverslag_2021.txt"
    path.write_text(_coded_page(), encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {(i.code, i.name): [(v.year, v.type, v.value) for v in i.values] for i in document.indicators}
    assert read == {
        ("1a", "Tevredenheid over de balie"): [(2020, "realisatie", 61.0), (2021, "streefwaarde", 65.0),
                                               (2021, "realisatie", 63.0)],
        ("1b", "Tevredenheid over de website"): [(2020, "realisatie", 6.2), (2021, "streefwaarde", 7.0),
                                                 (2021, "realisatie", 6.8)],
        ("2", "Oordeel over de wijkteams:"): [], ("2a", "Wijkteam oost"): [], ("2b", "Wijkteam west"): [],
    }
    uncertain = [e for e in document.errors if e.code == "table_uncertain"]
    assert len(uncertain) == 3 and all("empty cells" in e.message for e in uncertain)


def test_kerngegevens_rows_flattened_to_single_spaces_are_indicators(tmp_path: Path) -> None:
    """A 'Kerngegevens' table (counts of inwoners, oppervlakte) flattened to one line per row: heading rows without
    figures, a heading ending in a footnote mark that is no wrapped label, and a line of peildata that is no row."""
    text = "\n".join([
        "Kerngegevens",
        "",
        "Kerngegevens Rekening 2019 Begroting 2020 Begroting 2021 Prognose 2022",
        "Bevolking 31-12-2019 1-1-2020 1-1-2021 1-1-2022",
        "Inwoners",
        " jonger dan 18 jaar 1.210 1.230 1.250 1.260",
        " 18 jaar en ouder 5.433 5.450 5.470 5.480",
        "Totaal inwoners 6.643 6.680 6.720 6.740",
        "Oppervlakte in hectare*",
        "water 105,5 105,5 105,5 105,5",
        "Totaal oppervlakte 2.311,0 2.311,0 2.311,0 2.311,0",
        "*Bron voor de oppervlakte: het kadaster.",
    ]) + "\n"
    path = tmp_path / "begroting_2021_kerngegevens.txt"
    path.write_text(text, encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: [(v.year, v.type, v.value) for v in i.values] for i in document.indicators}
    assert sorted(read) == ["18 jaar en ouder", "Totaal inwoners", "Totaal oppervlakte", "jonger dan 18 jaar", "water"]
    # a kerngegevens table: its begroting columns are what the budget assumes (prognose), not targets
    assert read["water"] == [(2019, "realisatie", 105.5), (2020, "prognose", 105.5), (2021, "prognose", 105.5),
                             (2022, "prognose", 105.5)]
    assert read["Totaal inwoners"][0] == (2019, "realisatie", 6643.0)


def test_rows_with_fewer_figures_than_year_columns_keep_their_names_only(tmp_path: Path) -> None:
    """A header of role cells, words no vocabulary knows ("Verplicht") and six years; each numbered row prints only
    four figure cells (the copy dropped the empty ones), some with a national figure in the cell: which years they
    belong to is not printed, so no value is read and every row is warned."""
    cells = ["BEGROTING 2024", "Kengetallen", "Nr", "Taakveld", "Indicator", "Eenheid", "Verplicht", "Bron",
             "2018", "2019", "2020", "2021", "2022", "2023"]
    for code, name, figures in [("1.", "Formatie", ["5,1", "5,3", "5,0", "5,2"]),
                                ("2.", "Bezetting", ["4,8", "4,7", "4,7", "4,9"]),
                                ("4.", "Meldingen", ["10 tov 12 landelijk", "11 tov 12 landelijk", "9 tov 11 landelijk",
                                                     "9 tov 10 landelijk"])]:
        cells += [code, "Bestuur", name, "per 1.000 inwoners", "J", "Eigen telling", *figures]
    path = tmp_path / "begroting_2024_kengetallen.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    assert [(i.code, i.name, i.values) for i in document.indicators] == [
        ("1", "Formatie", []), ("2", "Bezetting", []), ("4", "Meldingen", [])]
    uncertain = [e for e in document.errors if e.code == "table_uncertain" and "fewer cells" in e.message]
    assert len(uncertain) == 3
