"""BBV beleidsindicatoren copied one row per line with single spaces between the cells in a second order: a number
column, a numbered programme cell, the name, the figures and the unit last (no year or source column). The gemeente,
programmes and figures are invented."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.spaced_rows import spaced_role_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_TEXT = """Begroting 2041

Indicatoren

Nr. Programma(nr.) Naam Jaarrekening 2039 Begroting 2040 Begroting 2041 Eenheid
8. 02. Veilig en schoon Winkeldiefstal per 1.000 inwoners 1,3 1,1 1,0 aantal per 1.000 inwoners
22. 04. Netto werk en meedoen Jongeren met delict voor rechter 2 2 1 % jongeren 12-21 jaar
24. 04. Netto werk en meedoen Netto arbeidsparticipatie 66,1 66,0 67,4 % werkzame beroepsbevolking
23. 04. Netto werk en meedoen % kinderen in uitkeringsgezin 4,2 4 4 % kinderen
21. 04. Netto werk en meedoen Banen 512,7 520 525 per 1.000 inw. 15-74 jaar
31. 06. Jeugd Een eigen lokale maat 3,1 3,0 2,9 score
36. 06. Jeugd Speelplekken 12 14

Een zin na de tabel.
"""


def _lines() -> list[Line]:
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(_TEXT.split("\n"), start=1)]


def test_group_name_and_unit_are_told_apart_by_the_catalogue() -> None:
    (table,) = spaced_role_tables(_lines())
    assert table.rows[0].cells == ["Nr.", "Programma(nr.)", "Naam", "Jaarrekening 2039", "Begroting 2040",
                                   "Begroting 2041", "Eenheid"]
    assert table.rows[1].cells == ["8.", "02. Veilig en schoon", "Winkeldiefstal per 1.000 inwoners", "1,3", "1,1", "1,0",
                                   "aantal per 1.000 inwoners"]
    assert table.rows[2].cells[2] == "Jongeren met delict voor rechter"  # the catalogue's articles left out
    assert table.rows[4].cells[1:3] == ["04. Netto werk en meedoen", "% kinderen in uitkeringsgezin"]
    assert table.uncertain_rows == ["31. 06. Jeugd Een eigen lokale maat 3,1 3,0 2,9 score",
                                    "36. 06. Jeugd Speelplekken 12 14"]


def test_rows_are_indicators_even_when_a_name_holds_a_budget_word(tmp_path: Path) -> None:
    path = tmp_path / "begroting_2041_indicatoren.txt"
    path.write_text(_TEXT, encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    assert not document.budget_lines
    read = {i.name: (i.code, i.unit, sorted((v.year, v.type, v.value) for v in i.values)) for i in document.indicators}
    assert read["Netto arbeidsparticipatie"] == ("24", "% werkzame beroepsbevolking",
                                                 [(2039, "realisatie", 66.1), (2040, "streefwaarde", 66.0),
                                                  (2041, "streefwaarde", 67.4)])
    assert len(read) == 5
    messages = " ".join(e.message for e in document.errors if e.code == "table_uncertain")
    assert "Een eigen lokale maat" in messages
