"""Indicator tables in shapes first met in the seventeenth first-sight check (docs/tables.md).

Every text is synthetic (invented names and figures) with the shape of such a page.
"""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document

from tests.helpers import cells_per_line, extract_text


def _values(doc: Document) -> set[tuple[str, object, str, float]]:
    return {(i.name, v.year, v.type, v.value) for i in doc.indicators for v in i.values}


def test_a_meetinstrument_column_after_the_years_is_a_trailing_source_column(tmp_path: Path) -> None:
    """'Meetinstrument' printed after the year columns (each row ends in where its figure is measured): a trailing
    source column like 'Bron', not the next row's name; the taakveld lines between rows are headings, no indicators."""
    cells = ["Taakvelden", "Indicatoren", "Indicatoren", "Werkelijk 2030", "Begroot 2031", "Begroot 2032",
             "Meetinstrument",
             "Kunstbeoefening en erfgoed",
             "Aantal leners Alfa Fonds", "31", "35", "40", "Registratie Alfa",
             "Aantal deelnemers Beta Cursus", "410", "420", "430", "Registratie Beta",
             "Archieven",
             "Aantal bezoekers Gamma Archief", "7.120", "7.500", "7.600", "Telling Gamma"]
    doc = extract_text(tmp_path, "begroting_2032.txt", cells_per_line(*cells))
    assert {i.name for i in doc.indicators} == {"Aantal leners Alfa Fonds", "Aantal deelnemers Beta Cursus",
                                                "Aantal bezoekers Gamma Archief"}
    got = _values(doc)
    assert ("Aantal leners Alfa Fonds", 2030, "realisatie", 31.0) in got
    assert ("Aantal bezoekers Gamma Archief", 2032, "streefwaarde", 7600.0) in got
    assert len(got) == 9


def test_a_sentence_instead_of_a_figure_leaves_that_cell_out_and_keeps_the_rows_figures(tmp_path: Path) -> None:
    """'In 2030 is geen meting gedaan' printed in the realisatie column, or a target in words ('8 nieuwe plekken en
    behoud van 8 bestaande'): no value from that cell, the row's other figures stand in their columns."""
    cells = ["Prestatie-indicatoren", "Realisatie", "2030", "Streefwaarde 2031", "Streefwaarde 2032",
             "Tevredenheid over Alfa loket", "In 2030 is geen meting gedaan", "65%", "70%",
             "Tevredenheid over Beta advies", "In 2030 is geen meting gedaan", "3,6", "3,7",
             "Aantal Gamma plekken", "9", "8 nieuwe plekken en behoud van 8 bestaande",
             "8 nieuwe plekken en behoud van 8 bestaande",
             "Aantal Delta bezoeken", "41", "45", "50"]
    doc = extract_text(tmp_path, "begroting_2032.txt", cells_per_line(*cells))
    got = _values(doc)
    assert ("Tevredenheid over Alfa loket", 2031, "streefwaarde", 65.0) in got
    assert ("Aantal Gamma plekken", 2030, "realisatie", 9.0) in got
    assert ("Aantal Delta bezoeken", 2032, "streefwaarde", 50.0) in got
    assert not any(name == "Aantal Gamma plekken" and year != 2030 for name, year, _, _ in got)
    assert not any(name == "Tevredenheid over Beta advies" and year == 2030 for name, year, _, _ in got)
    assert len(got) == 8


def test_names_stacked_over_one_run_of_figures_are_not_read(tmp_path: Path) -> None:
    """Three names printed one under another, then three figures (a block copied column by column): which figure
    is whose is not printed, so the last name gets none and a warning says why."""
    cells = ["Prestatie-indicatoren", "Realisatie 2030", "Streefwaarde 2031", "Streefwaarde 2032",
             "Aantal Alfa woningen", "12", "14", "16",
             "Opgave Beta plaatsing", "Aantal geplaatste Beta", "Aantal nog te plaatsen Beta", "40", "31", "9",
             "50 + 9 = 59", "Nog niet bekend"]
    doc = extract_text(tmp_path, "begroting_2032.txt", cells_per_line(*cells))
    got = _values(doc)
    assert {name for name, *_ in got} == {"Aantal Alfa woningen"}
    assert any("whose" in e.message for e in doc.errors)
