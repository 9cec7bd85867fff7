"""Programme overviews (programmes as rows, baten / lasten / saldo per year) as web-page copies print them.

Shapes (all texts synthetic: invented names and figures):

* space-separated rows under "(bedragen x € 1.000) X 2041 X 2042" where a lone letter that is no kind mark (a web
  page's expand icon) stands before every year: the columns are headed by their year only, so a begroting of 2041
  reads 2041 as begroting and 2042 as raming; a kind mark ("R 2040") is not dropped;
* rows printed with a list bullet ("- Naam"): the bullet is the layout's, not the label's;
* one cell per line, a three-row header: kinds, a unit note, years, a sign legend, then baten / lasten / saldo under
  every year: the notes are no columns, each kind and year heads its run of sides;
* one cell per line, each year followed by its kind word ("werk.", "raming"), then "Programma's" and lasten / baten
  under every year; rows of a number cell and a name: the number is part of the programme's label.
"""

from __future__ import annotations

from pathlib import Path

from extractor.parse.budget import year_only_name
from tests.helpers import cells_per_line, extract_text

_ICON_TABLE = """Financiële begroting

Overzicht van baten en lasten

Het overzicht bevat de baten, de lasten en het saldo per programma.

(bedragen x € 1.000) X 2041 X 2042 X 2043
Programma's Baten Lasten Saldo Baten Lasten Saldo Baten Lasten Saldo
1. Alfa in Zuid 120 1.450 -1.330 125 1.460 -1.335 125 1.470 -1.345
2. Beta en gamma 2.310 1.200 1.110 2.300 1.210 1.090 2.300 1.220 1.080
3. Epsilon 10 900 -890 10 910 -900 10 920 -910
Subtotaal saldo programma's 2.440 3.550 -1.110 2.435 3.580 -1.145 2.435 3.610 -1.175
Algemene dekkingsmiddelen:
- Lokale delta 3.100 40 3.060 3.150 45 3.105 3.200 50 3.150
"""


def test_a_lone_letter_before_the_year_is_no_kind_but_a_kind_mark_is() -> None:
    assert year_only_name("X 2041 Baten")
    assert year_only_name("2041 Lasten")
    assert not year_only_name("R 2041 Baten")  # R: realisatie (value_kind_marks.csv)
    assert not year_only_name("B 2041")
    assert not year_only_name("Begroting 2041")
    # the table's unit note glued before the first year (the corner cell joined to the first column) names no kind
    assert year_only_name("(bedragen x € 1.000) X 2041 Baten")
    assert not year_only_name("(bedragen x € 1.000) Rekening 2041")


def test_years_behind_an_icon_letter_take_the_documents_kinds(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "zuid_begroting_2041_overzicht.txt", _ICON_TABLE)
    got = {(b.label, b.column, b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert ("1. Alfa in Zuid", "X 2041 Lasten", "begroting", 2041, 1450000.0) in got
    assert ("1. Alfa in Zuid", "X 2042 Saldo", "raming", 2042, -1335000.0) in got
    assert ("Subtotaal saldo programma's", "X 2042 Baten", "raming", 2042, 2435000.0) in got
    assert len(doc.budget_lines) == 5 * 9


def test_a_list_bullet_is_no_part_of_the_label(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "zuid_begroting_2041_overzicht.txt", _ICON_TABLE)
    labels = {b.label for b in doc.budget_lines}
    assert "Lokale delta" in labels
    assert not any(label.startswith("-") for label in labels)
    assert {b.programme for b in doc.budget_lines if b.label == "Lokale delta"} == {None}


# ----------------------------------------------------------------------------- kinds / years / sides, one cell a line

_THREE_ROWS = ["Tabel 9", "Programma", "Rekening", "Begroting", "Begroting", "bedragen x € 1.000,-", "2039", "2040",
               "2041", '"-"= nadeel / "+"= voordeel', *["baten", "lasten", "saldo"] * 3,
               "Q1 Alfa", "410", "-1.210", "-800", "420", "-1.220", "-800", "430", "-1.240", "-810",
               "Q2 Beta en gamma", "55", "-605", "-550", "60", "-610", "-550", "65", "-615", "-550",
               "Saldo van baten en lasten", "465", "-1.815", "-1.350", "480", "-1.830", "-1.350", "495", "-1.855", "-1.360"]


def test_a_three_row_header_pairs_kinds_and_years_over_each_run_of_sides() -> None:
    from extractor.layout.table_grid import _kinds_years_sides

    texts = ["Rekening", "Begroting", "Begroting", "2039", "2040", "2041", *["baten", "lasten", "saldo"] * 3]
    assert _kinds_years_sides(texts) == [f"{k} {y} {s}" for k, y in (("Rekening", 2039), ("Begroting", 2040),
                                                                      ("Begroting", 2041)) for s in ("baten", "lasten", "saldo")]
    assert _kinds_years_sides(texts[:-1]) is None  # a side missing: no reading
    assert _kinds_years_sides(["Alfa", "Beta", "2039", "2040", "baten", "lasten", "baten", "lasten"]) is None  # no kinds


def test_sign_legend_and_unit_between_header_rows_are_notes(tmp_path: Path) -> None:
    from extractor.layout.header_vocabulary import is_sign_legend

    assert is_sign_legend('"-"= nadeel / "+"= voordeel') and is_sign_legend("- = nadeel")
    assert not is_sign_legend("Saldo - = nadeel") and not is_sign_legend("Lasten")
    doc = extract_text(tmp_path, "noord_begroting_2041_toelichting.txt", cells_per_line(*_THREE_ROWS))
    got = {(b.label, b.column, b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert ("Q1 Alfa", "Rekening 2039 baten", "rekening", 2039, 410000.0) in got
    assert ("Q2 Beta en gamma", "Begroting 2040 lasten", "begroting", 2040, -610000.0) in got
    assert ("Saldo van baten en lasten", "Begroting 2041 saldo", "begroting", 2041, -1360000.0) in got
    assert len(doc.budget_lines) == 27


# ----------------------------------------------------------------------------- year over kind, then sides; coded rows

_YEAR_KIND_ROWS = ["Overzicht lasten en baten", "2039", "werk.", "2040", "raming", "2041", "raming", " ", "Programma's",
                   *["Lasten", "Baten"] * 3,
                   "1", "Alfa en ruimte", "-1.210", "410", "-1.220", "420", "-1.240", "430",
                   "2", "Beta, gamma en delta", "-605", "55", "-610", "60", "-615", "65",
                   "3", "Epsilon", "-90", "5", "-91", "5", "-92", "5",
                   " ", "Totaal lasten en baten", "-1.905", "470", "-1.921", "485", "-1.947", "500"]


def test_years_each_over_a_kind_word_head_runs_of_sides() -> None:
    from extractor.layout.table_grid import _years_then_kinds

    assert _years_then_kinds(["2039", "werk.", "2040", "raming", "Lasten", "Baten"]) == [
        "2039 werk.", "2040 raming", "Lasten", "Baten"]
    assert _years_then_kinds(["2039", "Lasten", "2040", "Baten"]) == ["2039", "Lasten", "2040", "Baten"]  # sides


def test_a_coded_programme_overview_under_year_and_kind_cells(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "west_begroting_2040_overzicht.txt", cells_per_line(*_YEAR_KIND_ROWS))
    got = {(b.programme, b.label, b.column, b.kind, b.year, b.amount) for b in doc.budget_lines}
    # "werk." (werkelijk) is realisatie; the number under the "Programma's" corner is part of the programme's label
    assert ("1 Alfa en ruimte", "1 Alfa en ruimte", "2039 werk. Lasten", "realisatie", 2039, -1210.0) in got
    assert ("2 Beta, gamma en delta", "2 Beta, gamma en delta", "2041 raming Baten", "raming", 2041, 65.0) in got
    assert (None, "Totaal lasten en baten", "2040 raming Lasten", "raming", 2040, -1921.0) in got
    assert len(doc.budget_lines) == 4 * 6


def test_werk_abbreviation_is_a_kind_only_beside_a_year_or_alone() -> None:
    from extractor.parse.table_semantics import classify_header

    assert classify_header("2039 werk. Lasten").budget_kind == "realisatie"
    assert classify_header("Weer aan het werk").budget_kind is None
