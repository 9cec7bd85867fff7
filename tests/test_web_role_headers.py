"""One cell per line, a header of column roles whose words are longer than "jaar" / "waarde": a coded row number
("B.4."), a row-year column named in a sentence ("Jaar waarop het cijfer betrekking heeft"), the edition's figure
("Cijfer jaarrekening 2022") and a comparison figure with its area in a last column.

The row's year cell wins over the edition year in the header (the figure is the latest one known then); the
comparison figure is a referentie of the row's area. The page is synthetic (invented names and figures).
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import text_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_HEADER = ["Nr.", "Naam indicator", "Eenheid", "Bron", "Jaar waarop het cijfer betrekking heeft",
           "Cijfer jaarrekening 2022", "Vergelijkend cijfer", "Vergelijking"]
_ROWS = [["B.4.", "Alfa uitval", "Aantal per 1.000 leerlingen", "Bureau Alfa", "2021", "2,6", "3,1", "Oostprovincie"],
         ["B.5.", "Beta uitval", "Aantal per 1.000 leerlingen", "Bureau Alfa", "2021", "14", "9", "Oostprovincie"],
         ["B.6.", "Gamma verlaters (gv-ers)", "% deelnemers", "Bureau Alfa", "2020", "1,7", "2,2", "Oostprovincie"]]


def _text() -> str:
    cells = ["Onderwijsdingen", "Indicatoren", *_HEADER, *(c for row in _ROWS for c in row),
             "Definities indicatoren", "4. Alfa uitval", "Het aantal leerlingen van 5-18 jaar dat ..."]
    return "\n\n".join(cells) + "\n"


def test_the_role_header_with_sentence_headers_forms_one_grid() -> None:
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(_text().split("\n"), start=1)]
    (table,) = text_tables(lines)
    assert table.rows[0].cells == _HEADER
    assert [r.cells for r in table.rows[1:]] == _ROWS


def test_the_rows_year_wins_over_the_edition_year_and_the_area_is_the_comparisons_scope(tmp_path: Path) -> None:
    path = tmp_path / "jaarstukken_2022_onderwijs.txt"
    path.write_text(_text(), encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.code, i.unit, sorted((v.year, v.type, v.value, v.scope or "") for v in i.values))
            for i in document.indicators}
    assert read == {
        "Alfa uitval": ("B.4", "Aantal per 1.000 leerlingen",
                        [(2021, "realisatie", 2.6, ""), (2021, "referentie", 3.1, "Oostprovincie")]),
        "Beta uitval": ("B.5", "Aantal per 1.000 leerlingen",
                        [(2021, "realisatie", 14.0, ""), (2021, "referentie", 9.0, "Oostprovincie")]),
        "Gamma verlaters (gv-ers)": ("B.6", "% deelnemers",
                                     [(2020, "realisatie", 1.7, ""), (2020, "referentie", 2.2, "Oostprovincie")]),
    }


_TAAKVELD_PAGE = ["Begroting 2031", "Voorbeeldprogramma", "Algemene indicatoren",
                  "Taakveld", "BBV indicator", "Eenheid", "Waarde", "Periode", "Bron", "Omschrijving",
                  "0", "Alfa formatie", "fte per 1.000 inwoners", "6,8", "2030", "Eigen gegevens", "Het aantal fte per 1.000 inwoners",
                  "0", "Beta kosten", "Kosten per inwoner", "512", "2030", "Eigen gegevens", "Kosten van de gemeente per inwoner",
                  "0.1", "Gamma inhuur", "% van de loonsom", "14%", "2030", "Eigen gegevens", "% inhuur t.o.v. de loonkosten",
                  "Financieel overzicht"]


def test_a_taakveld_code_column_and_a_bbv_indicator_header_open_a_role_table(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2031_voorbeeld.txt"
    path.write_text("\n".join(_TAAKVELD_PAGE) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.unit, i.source, [(v.year, v.type, v.value) for v in i.values]) for i in document.indicators}
    assert read == {
        "Alfa formatie": ("fte per 1.000 inwoners", "Eigen gegevens", [(2030, "realisatie", 6.8)]),
        "Beta kosten": ("Kosten per inwoner", "Eigen gegevens", [(2030, "realisatie", 512.0)]),
        "Gamma inhuur": ("% van de loonsom", "Eigen gegevens", [(2030, "realisatie", 14.0)]),
    }
