"""Indicator tables copied from web pages one cell per line whose header places figures by area: area cells over runs
of years ("Voorbeeldstad | NL" over 2027 2028 2029 2028 2029), a column of the row's year beside an own-area column, a
size class of gemeenten and a picture column ("Trend") that prints no cell, and rows that dropped an empty cell.
Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.parse.table_semantics import classify_header
from extractor.pipeline import ExtractOptions, extract_document

FAST = ExtractOptions(enrich=False)


def _extract(tmp_path: Path, cells: list[str], name: str = "begroting_2030.txt") -> Document:
    path = tmp_path / name
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    return extract_document(path, FAST)


def _values(doc: Document) -> dict[str, set[tuple]]:
    return {i.name: {(v.year, v.type, v.value) for v in i.values} for i in doc.indicators}


AREA_GROUPS = ["Begroting 2030", "Kerncijfers",
               "Voorbeeldstad", "NL",
               "Indicator", "2027", "2028", "2029", "2028", "2029", "Beschrijving", "Bron",
               "Alfa druk", "61,0%", "62,5%", "63,1%", "55,2%", "55,9%",
               "Het aandeel alfa in de bevolking van voorbeeldstad.", "CBS",
               "Beta voorzieningen", "12,4", "N.N.B.", "N.N.B.", "30,2", "N.N.B.",
               "Het aantal beta-voorzieningen per 10.000 inwoners.", "CBS",
               "Gamma jongeren", "N.N.B.", "3,3%", "N.N.B.", "4,1%", "N.N.B.",
               "Het percentage jongeren met gamma ten opzichte van alle jongeren.", "Bureau Delta"]


def test_area_cells_over_runs_of_years_name_the_area_of_each_run(tmp_path: Path) -> None:
    values = _values(_extract(tmp_path, AREA_GROUPS))
    assert values["Alfa druk"] == {(2027, "realisatie", 61.0), (2028, "realisatie", 62.5), (2029, "realisatie", 63.1),
                                   (2028, "referentie", 55.2), (2029, "referentie", 55.9)}
    assert values["Beta voorzieningen"] == {(2027, "realisatie", 12.4), (2028, "referentie", 30.2)}  # "N.N.B.": no value
    assert values["Gamma jongeren"] == {(2028, "realisatie", 3.3), (2028, "referentie", 4.1)}


def test_a_row_that_dropped_a_cell_before_its_description_is_left_out_and_the_rows_after_it_are_read(tmp_path: Path) -> None:
    cells = list(AREA_GROUPS)
    del cells[cells.index("Beta voorzieningen") + 2]  # one "N.N.B." not copied: four cells for five columns
    doc = _extract(tmp_path, cells)
    values = _values(doc)
    assert values["Beta voorzieningen"] == set()
    assert values["Gamma jongeren"] == {(2028, "realisatie", 3.3), (2028, "referentie", 4.1)}
    assert any(e.code == "table_uncertain" and "'Beta voorzieningen'" in e.message for e in doc.errors)


def test_the_own_area_and_the_source_and_description_cells_are_kept(tmp_path: Path) -> None:
    doc = _extract(tmp_path, AREA_GROUPS)
    gamma = next(i for i in doc.indicators if i.name == "Gamma jongeren")
    assert gamma.source == "Bureau Delta"
    assert gamma.description and gamma.description.startswith("Het percentage jongeren")
    assert {v.scope for v in gamma.values} == {"Voorbeeldstad", "Nederland"}


def test_area_cells_that_do_not_pair_with_the_runs_of_years_put_no_figure_under_an_area(tmp_path: Path) -> None:
    one_run = [c for c in AREA_GROUPS]
    header = one_run.index("Indicator")
    one_run[header + 1:header + 6] = ["2025", "2026", "2027", "2028", "2029"]  # one rising run under two area cells
    doc = _extract(tmp_path, one_run)
    assert not any(v.year == 2028 and v.value == 55.2 for i in doc.indicators for v in i.values)  # NL's or the own?
    assert any(e.code in ("numeric_grid_unread", "table_uncertain") for e in doc.errors)  # not silently empty


OWN_AREA_AND_SIZE_CLASS = ["Begroting 2030", "Zorg en welzijn", "Beleidsindicatoren",
                           "Beleidsindicator", "Eenheid", "Jaar", "Voorbeeldstad", "Trend*", "< 50.000 inw.**", "Nederland",
                           "Sociaal domein",
                           "Alfa voorzieningen", "per 10.000 inwoners (15-74 jaar)", "2028", "7,1", "8,8", "14,2",
                           "Beta jeugd", "% van alle jongeren tot 18 jaar", "2028", "<0,05", "-", "-",
                           "Werk",
                           "Gamma banen", "per 1.000 inwoners", "2027", "401,5", "512,0", "640,9",
                           "Delta verzuim", "per 1.000 leerlingen", "2028", "-", "-", "2,75",
                           "* vergelijking met voorgaand jaar.",
                           "** vergelijkbare gemeenten met minder dan 50.000 inwoners."]


def test_a_year_column_an_own_area_a_size_class_and_a_picture_column_without_cells(tmp_path: Path) -> None:
    doc = _extract(tmp_path, OWN_AREA_AND_SIZE_CLASS)
    values = _values(doc)
    assert values["Alfa voorzieningen"] == {(2028, "realisatie", 7.1), (2028, "referentie", 8.8), (2028, "referentie", 14.2)}
    assert values["Gamma banen"] == {(2027, "realisatie", 401.5), (2027, "referentie", 512.0), (2027, "referentie", 640.9)}
    assert values["Delta verzuim"] == {(2028, "referentie", 2.75)}
    beta = next(i for i in doc.indicators if i.name == "Beta jeugd")
    assert [(v.value, v.comparator, v.type) for v in beta.values] == [(0.05, "<", "realisatie")]
    alfa = next(i for i in doc.indicators if i.name == "Alfa voorzieningen")
    assert alfa.unit == "per 10.000 inwoners (15-74 jaar)"
    assert "Sociaal domein" not in values and "Werk" not in values  # headings, not indicators


def test_a_picture_column_that_prints_cells_is_read_as_a_column(tmp_path: Path) -> None:
    cells = list(OWN_AREA_AND_SIZE_CLASS)
    for row_year in [i for i, c in enumerate(cells) if c in ("2028", "2027") and i > cells.index("Nederland")][::-1]:
        cells.insert(row_year + 2, "stijgend")  # a trend word after the own figure in every row
    values = _values(_extract(tmp_path, cells))
    assert values["Alfa voorzieningen"] == {(2028, "realisatie", 7.1), (2028, "referentie", 8.8), (2028, "referentie", 14.2)}
    assert values["Gamma banen"] == {(2027, "realisatie", 401.5), (2027, "referentie", 512.0), (2027, "referentie", 640.9)}


SHORT_ROWS = ["Jaarstukken 2030", "Beleidsindicatoren",
              "Naam Indicator", "Eenheid", "jaar laatste meting", "meting begroting 2030", "huidige meting",
              "gemeente < 25.000",
              "Alfa formatie", "Fte per 1.000 inwoners", "2030", "5,11", "5,42",
              "Beta kosten", "Kosten per inwoner", "2030", "€ 610", "€ 598",
              "Gamma verwijzingen", "aantal per 10.000 jongeren", "2029", "140,10", "188,00", "97,00",
              "Delta diefstallen", "aantal per 1.000 inwoners", "2027", "1,30", "1,10", "1,25"]


def test_rows_that_dropped_an_empty_cell_keep_their_name_and_no_value_with_a_warning(tmp_path: Path) -> None:
    doc = _extract(tmp_path, SHORT_ROWS, "jaarstukken_2030.txt")
    values = _values(doc)
    assert values["Alfa formatie"] == set() and values["Beta kosten"] == set()
    assert not any(v.raw in ("5,11", "5,42", "€ 610", "€ 598") for i in doc.indicators for v in i.values)
    warned = [e.message for e in doc.errors if e.code == "table_uncertain"]
    assert any("'Alfa formatie'" in m and "5,11 | 5,42" in m and "left out" in m for m in warned)
    assert any("'Beta kosten'" in m for m in warned)


def test_complete_rows_take_the_year_of_their_year_column(tmp_path: Path) -> None:
    values = _values(_extract(tmp_path, SHORT_ROWS, "jaarstukken_2030.txt"))
    assert {(2029, "realisatie", 188.0), (2029, "referentie", 97.0)} <= values["Gamma verwijzingen"]
    assert {(2027, "realisatie", 1.1), (2027, "referentie", 1.25)} <= values["Delta diefstallen"]
    assert values["Gamma verwijzingen"] == {(2029, "realisatie", 188.0), (2029, "referentie", 97.0)}


def test_a_figure_as_an_earlier_edition_printed_it_is_not_read_and_is_warned(tmp_path: Path) -> None:
    doc = _extract(tmp_path, SHORT_ROWS, "jaarstukken_2030.txt")
    assert not any(v.value in (140.1, 1.3) for i in doc.indicators for v in i.values)  # not a target of 2030, year unknown
    assert any(e.code == "table_uncertain" and "'meting begroting 2030'" in e.message for e in doc.errors)


def test_size_classes_and_a_year_of_measurement_in_the_header_vocabulary() -> None:
    assert classify_header("< 25.000 inw.").value_type == "referentie"
    assert classify_header("Gemeenten 20.000-50.000 inwoners").scope
    assert classify_header("jaar laatste meting").role == "year"
    assert classify_header("tot 1.000").scope is None  # an amount class, no gemeenten or inhabitants named
    assert classify_header("bedrag 1.000 - 2.000").value_type is None


PIPE_PICTURES = """Begroting 2030

Beleidsindicatoren

| Beleidsindicator | Eenheid | Jaar | Voorbeeldstad | Trend* | < 50.000 inw.** | Nederland |
|---|---|---|---|---|---|---|
| Alfa voorzieningen | per 10.000 inwoners | 2028 | 7,1 | 8,8 | 14,2 |
| Beta jeugd | % van alle jongeren | 2028 | 4,1 | 3,8 | 5,2 |
| Gamma banen | per 1.000 inwoners | 2027 | 401,5 | 512,0 | 640,9 |
"""


def _extract_text(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "begroting_2030.txt"
    path.write_text(text, encoding="utf-8")
    return extract_document(path, FAST)


def test_pipe_rows_that_all_leave_out_the_picture_cell_stand_under_the_other_headers(tmp_path: Path) -> None:
    values = _values(_extract_text(tmp_path, PIPE_PICTURES))
    assert values["Alfa voorzieningen"] == {(2028, "realisatie", 7.1), (2028, "referentie", 8.8), (2028, "referentie", 14.2)}
    assert values["Gamma banen"] == {(2027, "realisatie", 401.5), (2027, "referentie", 512.0), (2027, "referentie", 640.9)}


def test_pipe_rows_of_mixed_lengths_under_a_picture_column_leave_the_short_ones_out(tmp_path: Path) -> None:
    mixed = PIPE_PICTURES.replace("| 7,1 | 8,8 |", "| 7,1 | | 8,8 |").replace("| 4,1 | 3,8 |", "| 4,1 | | 3,8 |")
    doc = _extract_text(tmp_path, mixed)
    values = _values(doc)
    assert values["Alfa voorzieningen"] == {(2028, "realisatie", 7.1), (2028, "referentie", 8.8), (2028, "referentie", 14.2)}
    assert not any(v.value in (512.0, 640.9) for i in doc.indicators for v in i.values)  # which cell it left out: unknown
    assert any(e.code == "table_uncertain" and "Gamma banen" in e.message for e in doc.errors)


def test_pairing_areas_with_runs_of_years_never_breaks_and_keeps_the_column_count() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from extractor.layout.ordered_headers import _under_areas

    header_cell = st.sampled_from(["2019", "2020", "2021", "'21", "‘22", "(2023)", "Realisatie 2024", "Bron", "N.N.B."])
    area = st.sampled_from(["NL", "Nederland", "Voorbeeldstad", "Regio", "< 25.000 inw."])

    @settings(max_examples=150, deadline=None)
    @given(st.lists(header_cell, min_size=1, max_size=8), st.lists(area, max_size=4))
    def check(values: list[str], above: list[str]) -> None:
        cells, kinds = ["Indicator", *values], ["label", *["value"] * len(values)]
        found = _under_areas(cells, kinds, above)
        if found is not None:
            assert len(found[0]) == len(cells) and 0 <= found[1] <= len(above)
            assert all(n.endswith(c) for n, c in zip(found[0], cells))  # an area is only put before a header cell

    check()


def test_a_year_column_under_a_title_is_no_figure_and_a_target_takes_no_row_year(tmp_path: Path) -> None:
    doc = _extract(tmp_path, ["Begroting 2030", "Beleidsindicator", "Eenheid", "Jaar", "Waarde", "Streefwaarde",
                              "Alfa meldingen", "per 1.000 inwoners", "2027", "4,2", "3,5",
                              "Beta ritten", "per 100 huishoudens", "2028", "0,9", "1,2"])
    values = _values(doc)
    assert not any(v.value in (2027.0, 2028.0) for i in doc.indicators for v in i.values)  # the row's year, not a figure
    assert values["Alfa meldingen"] == {(2027, "realisatie", 4.2), (None, "streefwaarde", 3.5)}  # the target's year: unprinted
