"""Numbered rows printing fewer cells than the year columns, their figures measured comparisons ("10 tov 12
landelijk"): placed in the years the document types realisatie, when exactly as many; other short rows stay out."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import cells_per_line, extract_text

HEADER = ("Kengetallen", "Nr", "Taakveld", "Indicator", "Eenheid", "Bron", "2011", "2012", "2013", "2014", "2015", "2016")


def _doc(tmp_path: Path, *rows: str):
    return extract_text(tmp_path, "Zandvoorde_begroting_2016_kengetallen.txt", cells_per_line(*HEADER, *rows))


def test_comparison_cells_fill_the_measured_years(tmp_path: Path) -> None:
    doc = _doc(tmp_path,
               "1.", "Veiligheid", "Fietsdiefstallen", "Aantal per 1.000 inwoners", "Politie",
               "7 tov 9 landelijk", "6 tov 8 landelijk", "5 tov 8 landelijk", "4 tov 7 landelijk",
               "2.", "Veiligheid", "Inbraken", "Aantal per 1.000 inwoners", "Politie",
               "1,2 tov 3,4 landelijk", "1,1 tov 3,0 landelijk", "0,9 tov 2,8 landelijk", "1,0 tov 2,6 landelijk")
    by_name = {i.name: i for i in doc.indicators}
    values = {(v.year, v.type, v.value, v.scope) for v in by_name["Inbraken"].values}
    assert values == {(2011, "realisatie", 1.2, None), (2011, "referentie", 3.4, "Nederland"),
                      (2012, "realisatie", 1.1, None), (2012, "referentie", 3.0, "Nederland"),
                      (2013, "realisatie", 0.9, None), (2013, "referentie", 2.8, "Nederland"),
                      (2014, "realisatie", 1.0, None), (2014, "referentie", 2.6, "Nederland")}
    assert len(by_name["Fietsdiefstallen"].values) == 8


def test_plain_figures_or_a_wrong_count_stay_out(tmp_path: Path) -> None:
    doc = _doc(tmp_path,
               "1.", "Bedrijfsvoering", "Bezetting", "Fte per 1.000 inwoners", "Eigen begroting",
               "5,1", "5,2", "5,3", "5,4",
               "2.", "Veiligheid", "Inbraken", "Aantal per 1.000 inwoners", "Politie",
               "1,2 tov 3,4 landelijk", "1,1 tov 3,0 landelijk", "0,9 tov 2,8 landelijk")
    assert all(not i.values for i in doc.indicators)
    assert sum("fewer cells" in e.message for e in doc.errors) == 2
