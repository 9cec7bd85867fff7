"""Indicator tables copied one cell per paragraph whose header mixes column roles, kind-year columns and an area
column in print order ("Indicator / Eenheid / Realisatie 2031 / … / Nederland / Bron"), with an area cell that
prints its own year ("2030:" / "€ 512"). The texts are synthetic (invented names and figures)."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import text_tables
from extractor.parse.table_semantics import read_value
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_HEADER = ["Indicator", "Eenheid", "Realisatie\n2031", "Realisatie\n2032", "Begroting", "2033", "Begroting\n2034",
           "Nederland", "Bron"]
_ROWS = ["Gemiddelde waarde van een ligplaats", "per duizend euro", "€ 41", "€ 43", "€ 44", "€ 46", "2032:\n€ 39", "Havenregister",
         "Aantal kades", "per 100 km oever", "7,5", "nb", "8,0", "Nader te bepalen", "2031: 6,1", "Eigen telling"]


def _text() -> str:
    return "Begroting 2034\n\nEen zin over de tabel hieronder, die eindigt met een punt.\n\n" + "\n\n".join(_HEADER + _ROWS) + "\n"


def _lines(text: str) -> list[Line]:
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]


def test_each_cell_keeps_its_printed_column() -> None:
    (table,) = text_tables(_lines(_text()))
    assert table.rows[0].cells == ["Indicator", "Eenheid", "Realisatie 2031", "Realisatie 2032", "Begroting 2033",
                                   "Begroting 2034", "Nederland", "Bron"]
    assert table.rows[2].cells == ["Aantal kades", "per 100 km oever", "7,5", "nb", "8,0", "Nader te bepalen", "2031: 6,1",
                                   "Eigen telling"]


def test_values_kinds_units_sources_and_the_areas_own_year(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2034_indicatoren.txt"
    path.write_text(_text(), encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.source, sorted((v.year, v.type, v.value, v.scope) for v in i.values)) for i in document.indicators}
    assert read == {
        "Gemiddelde waarde van een ligplaats": ("Havenregister", [
            (2031, "realisatie", 41.0, None), (2032, "realisatie", 43.0, None), (2032, "referentie", 39.0, "Nederland"),
            (2033, "streefwaarde", 44.0, None), (2034, "streefwaarde", 46.0, None)]),
        "Aantal kades": ("Eigen telling", [
            (2031, "realisatie", 7.5, None), (2031, "referentie", 6.1, "Nederland"), (2033, "streefwaarde", 8.0, None)]),
    }


def test_a_row_with_a_cell_too_few_ends_the_table() -> None:
    short = _ROWS[:8] + [c for c in _ROWS[8:] if c != "nb"]  # the copy dropped an empty cell: out of step
    text = "\n\n".join(_HEADER + short)
    tables = text_tables(_lines(text))
    assert all(["Aantal kades"] != t.rows[-1].cells[:1] or len(t.rows[-1].cells) != 8 for t in tables)
    assert not any(r.cells[0] == "Aantal kades" and "7,5" in r.cells for t in tables for r in t.rows)


def test_a_figure_printed_after_its_year() -> None:
    parsed, _ = read_value("2030: 12,5%")
    assert parsed is not None and (parsed.year, parsed.value) == (2030, 12.5)
    assert read_value("2030: 2031")[0] is None  # two years are no figure


_LIST_HEADER = ["Kengetal", "0-waarde", "Actuele waarde", "Streefwaarde 2040"]
_LIST_ROWS = ["Haven en kades",
              "o    ontwikkeling van de aanlegplaatsen, uitgesplitst naar:",
              "  • index ligplaatsen t.o.v. 5 andere havens\n  • index passanten, idem",
              "80 (2035)", "70 (2035)", "85 (2038)", "75 (2038)", "90", "80",
              "Vrije tijd",
              "o    aantal plekken in de speeltuinen",
              "Zie programma Jeugd", "Zie programma Jeugd", "Zie programma Jeugd",
              "o    tevredenheid bezoekers over de parken",
              "6,1 (2036)¹", "6,4 (2038)²", "7,0"]


def test_group_rows_bullets_and_a_cell_of_one_line_per_bullet(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2040_indicatoren.txt"
    path.write_text("Wat zijn de indicatoren?\n\n" + "\n\n".join(_LIST_HEADER + _LIST_ROWS) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: sorted((v.year, v.type, v.value) for v in i.values) for i in document.indicators if i.values}
    assert read == {
        # each cell prints one line per bullet: the first line is the first bullet's figure
        "index ligplaatsen t.o.v. 5 andere havens": [(2035, "realisatie", 80.0), (2038, "realisatie", 85.0),
                                                     (2040, "streefwaarde", 90.0)],
        "index passanten, idem": [(2035, "realisatie", 70.0), (2038, "realisatie", 75.0), (2040, "streefwaarde", 80.0)],
        "tevredenheid bezoekers over de parken": [(2036, "realisatie", 6.1), (2038, "realisatie", 6.4),
                                                  (2040, "streefwaarde", 7.0)],
    }
    names = {i.name for i in document.indicators}
    assert not any(n.startswith(("Haven", "Vrije", "ontwikkeling")) for n in names)  # headings are no indicators


def test_a_second_header_in_the_same_block_starts_a_second_table() -> None:
    other = ["Indicator", "Bron", "2031", "2032", "Nederland",
             "Deelname aan sport", "Eigen peiling", "50%", "52%", "2031: 48%",
             "Deelname aan cultuur", "Eigen peiling", "31%", "33%", "2031: 35%"]
    text = "\n\n".join(_HEADER + _ROWS + ["Kwaliteit"] + other)
    tables = text_tables(_lines(text))
    assert [t.rows[0].cells for t in tables] == [
        ["Indicator", "Eenheid", "Realisatie 2031", "Realisatie 2032", "Begroting 2033", "Begroting 2034", "Nederland", "Bron"],
        ["Indicator", "Bron", "2031", "2032", "Nederland"]]
    assert tables[0].rows[-1].cells[0] == "Aantal kades"  # the heading "Kwaliteit" after the last row is not kept
    assert tables[1].rows[-1].cells == ["Deelname aan cultuur", "Eigen peiling", "31%", "33%", "2031: 35%"]


def test_a_naam_indicator_header_and_an_undated_area_cell_beside_several_years(tmp_path: Path) -> None:
    """"Naam indicator" heads the label column; a Nederland cell without its own year beside columns of 2031 … 2034
    keeps no year (the page does not say which), where a dated one ("2031: 6,1") keeps its own."""
    header = ["Naam indicator"] + _HEADER[1:]
    rows = ["Gemiddelde kadehuur", "per duizend euro", "€ 41", "€ 43", "€ 44", "€ 46", "€ 39", "Havenregister",
            "Aantal kades", "per 100 km oever", "7,5", "nb", "8,0", "8,5", "2031: 6,1", "Eigen telling"]
    path = tmp_path / "begroting_2034_indicatoren.txt"
    path.write_text("Begroting 2034\n\n" + "\n\n".join(header + rows) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    areas = {i.name: [(v.year, v.value) for v in i.values if v.type == "referentie"] for i in document.indicators}
    assert areas == {"Gemiddelde kadehuur": [(None, 39.0)], "Aantal kades": [(2031, 6.1)]}
