"""Indicator tables one cell per paragraph whose rows split into "Begroting" and "Jaarrekening" sub-rows under a year
header, each sub-row with its own measurement period, an own figure and a Nederland figure; source printed once.
Everything here is invented (names, gemeente, figures)."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.period_sub_rows import period_sub_row_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_HEADER = ["Progr.", "Beleidsindicatoren", "Eenheid", "2044", "Meet-periode", "Zandvoorde", "Nederland", "Bron", "Soort"]
_ROWS = ["1", "Aantal speelplekken", "per 1.000 kinderen", "Begroting", "2041", "14", "12", "Eigen telling", "Lokaal",
         "Jaarrekening", "2042", "15", "12",
         "1", "Tevredenheid over het groen", "%", "Begroting", "2042", "71,5%", "68,0%", "Buurtpeiling", "Lokaal",
         "Jaarrekening", "2042", "71,5%", "68,0%",
         "2", "Bomen in de straat", "per km", "Begroting", "2043", "30", "25", "Bomenregister", "Lokaal",
         "Jaarrekening", "2043", "31", "25"]


def _text() -> str:
    return "Jaarstukken 2044\n\nBeleids- en prestatie-indicatoren\n\n" + "\n\n".join(_HEADER + _ROWS) + "\n"


def test_one_grid_row_per_indicator_with_a_column_per_period_and_area() -> None:
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(_text().split("\n"), start=1)]
    (table,) = period_sub_row_tables(lines)
    assert table.rows[0].cells == ["Progr.", "Beleidsindicatoren", "Eenheid", "Bron", "Soort", "Realisatie 2041",
                                   "Nederland 2041", "Realisatie 2042", "Nederland 2042", "Realisatie 2043", "Nederland 2043"]
    assert table.rows[1].cells[5:] == ["14", "12", "15", "12", "", ""]
    assert table.uncertain_rows == ["Bomen in de straat 2043: 30 25 / 31 25"]


def test_each_figure_is_a_measurement_of_its_period(tmp_path: Path) -> None:
    path = tmp_path / "jaarstukken_2044_indicatoren.txt"
    path.write_text(_text(), encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.source, sorted((v.year, v.type, v.value) for v in i.values)) for i in document.indicators}
    assert read == {
        "Aantal speelplekken": ("Eigen telling", [(2041, "realisatie", 14.0), (2041, "referentie", 12.0),
                                                  (2042, "realisatie", 15.0), (2042, "referentie", 12.0)]),
        "Tevredenheid over het groen": ("Buurtpeiling", [(2042, "realisatie", 71.5), (2042, "referentie", 68.0)]),
        "Bomen in de straat": ("Bomenregister", []),
    }
    assert any("Bomen in de straat 2043" in e.message for e in document.errors if e.code == "table_uncertain")


def test_a_period_after_the_documents_year_is_no_measurement() -> None:
    """A "Meet-periode" later than the year over the kind cells would be a target: the table is not read as
    measurements from that row on."""
    later = [c if c != "2043" else "2046" for c in _ROWS]
    text = "\n\n".join(_HEADER + later) + "\n"
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    (table,) = period_sub_row_tables(lines)
    assert [r.cells[1] for r in table.rows[1:]] == ["Aantal speelplekken", "Tevredenheid over het groen"]


# The other orientation: a document kind over the documents' years ("Begroting" over 2041 / 2042), a role column
# after the source, and one small table per programme, each of one or two indicators.
_TRANSPOSED = ["Beleidsindicatoren", "Programma 1", "Indicator", "Eenheid", "Begroting", "Meet-periode", "Zandvoorde",
               "Nederland", "Bron", "Soort/Zandvoorde",
               "Bomen per straat", "per km", "2041", "2039", "30", "25", "Bomenregister", "Lokaal",
               "2042", "2040", "31", "26",
               " 1. 1 Alleen straten binnen de bebouwde kom.",
               "Programma 2", "Indicator", "Eenheid", "Begroting", "Meet-periode", "Zandvoorde", "Nederland", "Bron",
               "Soort/Zandvoorde",
               "Speelplekken", "per 1.000 kinderen", "2041", "2040", "14", "12", "Eigen telling", "Lokaal",
               "2042", "2040", "14", "12",
               "Tevredenheid over het groen", "%", "2041", "2040", "71,5%", "68,0%", "Buurtpeiling", "Lokaal",
               "2042", "2041", "72,0%", "68,5%"]


def test_a_document_kind_over_the_documents_years(tmp_path: Path) -> None:
    """Each figure is a measurement of its sub-row's period; the "Begroting" year says which document reported it.
    Title and programme heading above the label header are no columns; a table of one indicator is read."""
    path = tmp_path / "begroting_2042_indicatoren.txt"
    path.write_text("\n\n".join(_TRANSPOSED) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {i.name: (i.unit, i.source, sorted((v.year, v.type, v.value, v.scope) for v in i.values))
            for i in document.indicators}
    assert read == {
        "Bomen per straat": ("per km", "Bomenregister", [(2039, "realisatie", 30.0, None),
                                                         (2039, "referentie", 25.0, "Nederland"),
                                                         (2040, "realisatie", 31.0, None),
                                                         (2040, "referentie", 26.0, "Nederland")]),
        "Speelplekken": ("per 1.000 kinderen", "Eigen telling", [(2040, "realisatie", 14.0, None),
                                                                 (2040, "referentie", 12.0, "Nederland")]),
        "Tevredenheid over het groen": ("%", "Buurtpeiling", [(2040, "realisatie", 71.5, None),
                                                             (2040, "referentie", 68.0, "Nederland"),
                                                             (2041, "realisatie", 72.0, None),
                                                             (2041, "referentie", 68.5, "Nederland")]),
    }


def test_a_sub_row_period_after_its_documents_year_ends_the_table() -> None:
    """A "Meet-periode" later than the sub-row's own "Begroting" year would be a target, not a measurement."""
    later = [c if c != "2039" else "2043" for c in _TRANSPOSED]
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate("\n\n".join(later).split("\n"), start=1)]
    names = [row.cells[0] for table in period_sub_row_tables(lines) for row in table.rows[1:]]
    assert "Bomen per straat" not in names and "Speelplekken" in names
