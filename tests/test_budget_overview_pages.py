"""Programme overviews copied from web pages one cell per line (all texts synthetic: invented names and figures).

* kind cells over a year row whose label column holds the unit note ("Rekening | Begroting" / "(x € 1.000)" /
  "2040 | 2041"), under a title naming both sides ("Baten en lasten"): the note is the caption, the kinds pair with
  the years, a total naming a side ("Subtotaal baten") is a row, and "Saldo:" in the code column introduces the name
  after it ("Saldo: Alfa", the saldo of programme "1 Alfa");
* a page titled as a recapitulatie whose tables have a side and a unit as corner ("Lasten (x € 1.000)"): the rows are
  the programmes, totals and results are none.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import cells_per_line, extract_text

_NAMES = [("1", "Alfa en omgeving"), ("2", "Beta"), ("3", "Gamma zaken")]


def _side_block(side: str, figures: list[list[str]], total: list[str]) -> list[str]:
    cells = [f"{side}:"]
    for (code, name), row in zip(_NAMES, figures):
        cells += [code, name, *row]
    return cells + [f"Subtotaal {side.lower()}", *total]


def _sides_overview(title: str) -> str:
    cells = [title, "Rekening", "Begroting", "Begroting", "(x € 1.000)", "2039", "2040", "2041"]
    cells += _side_block("Lasten", [["-110", "-120", "-130"], ["-20", "-25", "-30"], ["-5", "-6", "-7"]],
                         ["-135", "-151", "-167"])
    cells += _side_block("Baten", [["10", "12", "14"], ["4", "5", "6"], ["1", "1", "1"]], ["15", "18", "21"])
    cells += ["Saldo:", "Alfa en omgeving", "-100", "-108", "-116", "Saldo:", "Beta", "-16", "-20", "-24"]
    return cells_per_line(*cells)


def test_kinds_over_a_year_row_with_the_unit_note_in_its_label_column(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2040_overzicht.txt", _sides_overview("Baten en lasten"))
    got = {(b.label, b.column, b.side): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert len(doc.budget_lines) == 8 * 3 + 2 * 3
    assert got[("1 Alfa en omgeving", "Rekening 2039", "lasten")] == ("rekening", 2039, -110_000)
    assert got[("1 Alfa en omgeving", "Rekening 2039", "baten")] == ("rekening", 2039, 10_000)
    assert got[("3 Gamma zaken", "Begroting 2041", "lasten")] == ("begroting", 2041, -7_000)
    assert got[("Subtotaal lasten", "Begroting 2040", "lasten")] == ("begroting", 2040, -151_000)
    assert got[("Subtotaal baten", "Rekening 2039", "baten")] == ("rekening", 2039, 15_000)
    assert got[("Saldo: Beta", "Begroting 2041", "saldo")] == ("begroting", 2041, -24_000)


def test_numbered_rows_under_a_sides_title_are_the_programmes(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2040_overzicht.txt", _sides_overview("Baten en lasten"))
    programmes = {b.label: b.programme for b in doc.budget_lines}
    assert programmes["2 Beta"] == "2 Beta"
    assert programmes["Saldo: Alfa en omgeving"] == "1 Alfa en omgeving"  # the name of a numbered row above
    assert programmes["Subtotaal lasten"] is None
    # a title that names no overview: the numbered rows may be one programme's items, so no programme is given
    other = extract_text(tmp_path, "begroting_2040_overzicht.txt", _sides_overview("Financiële gegevens"))
    assert len(other.budget_lines) == 30 and {b.programme for b in other.budget_lines} == {None}


def _recapitulatie(title: str) -> str:
    head = ["Rekening 2038", "Begroting 2039", "Begroting 2040"]
    cells = [title, "Lasten (x € 1.000)", *head,
             "Wonen en werken", "1.210", "1.220", "1.230", "Zorg en welzijn", "2.310", "2.320", "2.330",
             "Algemene dekkingsmiddelen", "310", "320", "330", "Overhead", "410", "420", "430",
             "Geraamd resultaat", "15", "-25", "35", "Totaal lasten", "4.255", "4.255", "4.355",
             "Baten (x € 1.000)", *head,
             "Wonen en werken", "210", "220", "230", "Zorg en welzijn", "310", "320", "330",
             "Algemene dekkingsmiddelen", "3.700", "3.680", "3.760", "Totaal baten", "4.220", "4.220", "4.320",
             "Saldo (x € 1.000)", *head,
             "Saldo van baten en lasten", "-20", "-40", "-10",
             "Mutaties in reserves", "35", "15", "45", "Geraamd resultaat", "15", "-25", "35"]
    return cells_per_line(*cells)


def test_the_rows_of_a_recapitulatie_page_are_its_programmes(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2039_recap.txt", _recapitulatie("4.3 Recapitulatie"))
    assert len(doc.budget_lines) == (6 + 4 + 3) * 3
    got = {(b.label, b.column, b.amount): b.programme for b in doc.budget_lines}
    assert got[("Zorg en welzijn", "Begroting 2040", 2_330_000)] == "Zorg en welzijn"
    assert got[("Wonen en werken", "Rekening 2038", 210_000)] == "Wonen en werken"  # the Baten table too
    assert got[("Algemene dekkingsmiddelen", "Begroting 2039", 320_000)] == "Algemene dekkingsmiddelen"
    assert got[("Overhead", "Rekening 2038", 410_000)] == "Overhead"
    for label in ("Totaal lasten", "Totaal baten", "Geraamd resultaat", "Mutaties in reserves",
                  "Saldo van baten en lasten"):
        assert {p for (lab, _, _), p in got.items() if lab == label} == {None}, label


def test_tables_under_another_title_name_no_programme_from_their_rows(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2039_recap.txt", _recapitulatie("4.3 Financiële positie"))
    assert len(doc.budget_lines) == 39 and {b.programme for b in doc.budget_lines} == {None}

