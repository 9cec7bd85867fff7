"""Two-row budget headers flattened by a web-page copy into one run of cells, one cell per line.

Shapes (all texts synthetic: invented labels and figures): groups that do not repeat the same sub-cells (a
difference group with an extra "Totaal"), a lower row mixing qualifiers under one group with the year of a kind
printed without one, a kind and its year broken over two cells among whole ones, and the lower row repeated
over a later block of rows. A header with more than one reading is not read.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extractor.layout.header_groups import join_broken_kind_years, two_level_columns
from extractor.layout.table_grid import text_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line


def _lines(cells: list[str]) -> list[Line]:
    text = "\n\n".join(cells)
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]


# ----------------------------------------------------------------------------- the header alone

def test_groups_with_uneven_sub_runs_take_their_own_sub_cells() -> None:
    texts = ["Begroting 2039", "Rekening 2039", "Saldo 2039", "Lasten", "Baten", "Lasten", "Baten", "Lasten", "Baten", "Totaal"]
    assert two_level_columns(texts, 7) == [
        "Begroting 2039 Lasten", "Begroting 2039 Baten", "Rekening 2039 Lasten", "Rekening 2039 Baten",
        "Saldo 2039 Lasten", "Saldo 2039 Baten", "Saldo 2039 Totaal"]


def test_a_lone_year_completes_a_kind_and_a_group_without_sub_cells_spans_both_rows() -> None:
    texts = ["Begroot 2039", "Rekening", "Afwijking", "Primitief", "Definitief", "2039"]
    assert two_level_columns(texts, 4) == ["Begroot 2039 Primitief", "Begroot 2039 Definitief", "Rekening 2039", "Afwijking"]


def test_kinds_over_a_lower_row_of_their_years() -> None:
    assert two_level_columns(["Rekening", "Begroting", "Verschil", "2038", "2039"], 3) == \
        ["Rekening 2038", "Begroting 2039", "Verschil"]
    # which kind the years belong to is not printed when they could be split either way: not read
    assert two_level_columns(["Realisatie", "Begroting", "2036", "2037", "2038", "2039", "2040"], 5) is None


def test_a_header_that_fits_the_figures_in_no_way_or_in_several_ways_is_not_read() -> None:
    texts = ["Begroting 2039", "Rekening 2039", "Lasten", "Baten", "Lasten", "Baten"]
    assert two_level_columns(texts, 4) == ["Begroting 2039 Lasten", "Begroting 2039 Baten", "Rekening 2039 Lasten", "Rekening 2039 Baten"]
    assert two_level_columns(texts, 5) is None  # five figures under four columns
    # "Alfa" / "Beta" / "Gamma" could stand two under the first group and one … or none fits: never a guess
    assert two_level_columns(["Begroting 2039", "Rekening 2039", "Alfa", "Beta", "Gamma", "Delta"], 4) is None


@given(st.lists(st.sampled_from(["Begroting", "Rekening", "Raming", "Realisatie"]), min_size=2, max_size=4, unique=True),
       st.lists(st.sampled_from(["Lasten", "Baten", "Saldo", "Totaal"]), min_size=2, max_size=3, unique=True),
       st.integers(min_value=2030, max_value=2040))
def test_groups_repeating_one_sub_run_give_every_group_with_every_sub_cell(kinds: list[str], subs: list[str], year: int) -> None:
    groups = [f"{k} {year}" for k in kinds]
    got = two_level_columns(groups + subs * len(groups), len(groups) * len(subs))
    assert got == [f"{g} {s}" for g in groups for s in subs]


@given(st.lists(st.sampled_from(["Begroting 2039", "Rekening", "Verschil", "Lasten", "Baten", "Primitief", "2039", "2040"]),
                min_size=3, max_size=10), st.integers(min_value=2, max_value=8))
def test_a_reading_always_has_as_many_columns_as_the_rows_have_figures(texts: list[str], n: int) -> None:
    got = two_level_columns(texts, n)
    assert got is None or len(got) == n


def test_a_kind_broken_from_its_year_among_whole_cells_is_one_column() -> None:
    assert join_broken_kind_years(["Rekening", "2037", "Rekening 2038", "Begroting 2039"]) == \
        ["Rekening 2037", "Rekening 2038", "Begroting 2039"]
    assert join_broken_kind_years(["Realisatie", "2037", "2038", "Begroting 2039"]) == \
        ["Realisatie", "2037", "2038", "Begroting 2039"]  # a kind over two bare years is a group, not a pair


# ----------------------------------------------------------------------------- one cell per line, end to end

_UNEVEN = ["Overzicht van baten en lasten (bedragen x € 1.000)",
           "Begroting 2039", "Rekening 2039", "Saldo 2039",
           "Lasten", "Baten", "Lasten", "Baten", "Lasten", "Baten", "Totaal",
           "Programma Alfa", "500", "120", "450", "130", "50", "10", "60",
           "Overige programma's", "Programma Beta", "900", "300", "960", "280", "-60", "-20", "-80",
           "Programma Gamma", "80", "0", "70", "5", "10", "5", "15",
           "Totaal programma's", "1.480", "420", "1.480", "415", "0", "-5", "-5",
           "Lasten", "Baten", "Lasten", "Baten", "Lasten", "Baten", "Totaal",
           "Algemene delta", "10", "700", "12", "710", "-2", "10", "8"]


def test_uneven_groups_and_their_repeated_lower_row_form_one_grid() -> None:
    (table,) = text_tables(_lines(_UNEVEN))
    assert table.rows[0].cells[1:] == ["Begroting 2039 Lasten", "Begroting 2039 Baten", "Rekening 2039 Lasten",
                                       "Rekening 2039 Baten", "Saldo 2039 Lasten", "Saldo 2039 Baten", "Saldo 2039 Totaal"]
    assert table.rows[1].cells == ["Programma Alfa", "500", "120", "450", "130", "50", "10", "60"]
    assert table.rows[2].cells == ["Overige programma's", "", "", "", "", "", "", ""]  # a group row between rows
    assert table.rows[-1].cells == ["Algemene delta", "10", "700", "12", "710", "-2", "10", "8"]
    assert table.caption and "1.000" in table.caption


def test_a_saldo_group_the_arithmetic_proves_a_difference_is_read_as_verschil(tmp_path: Path) -> None:
    path = tmp_path / "jaarstukken_2039.txt"
    path.write_text("Jaarstukken 2039\n\n" + "\n\n".join(_UNEVEN) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {(b.label, b.column): (b.kind, b.year, b.amount) for b in document.budget_lines}
    assert read[("Programma Alfa", "Begroting 2039 Lasten")] == ("begroting", 2039, 500_000)
    assert read[("Programma Alfa", "Rekening 2039 Baten")] == ("rekening", 2039, 130_000)
    assert read[("Programma Beta", "Saldo 2039 Lasten")] == ("verschil", 2039, -60_000)
    assert read[("Programma Beta", "Saldo 2039 Totaal")] == ("verschil", 2039, -80_000)
    assert read[("Algemene delta", "Saldo 2039 Baten")] == ("verschil", 2039, 10_000)
    assert len(read) == 5 * 7


def test_a_two_row_header_with_a_lone_year_and_a_unit_note_after_it(tmp_path: Path) -> None:
    cells = ["Specificatie overige middelen", "Omschrijving", "Begroot 2039", "Rekening", "Afwijking",
             "Primitief", "Definitief", "2039", "Bedragen x € 1.000",
             "Alfa-uitkering", "1.000", "1.100", "1.150", "50",
             "Beta-heffingen", "400", "420", "410", "-10",
             "Totaal", "1.400", "1.520", "1.560", "40"]
    path = tmp_path / "jaarstukken_2039_middelen.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    document = extract_document(path, ExtractOptions(enrich=False))
    read = {(b.label, b.kind, b.year): b.amount for b in document.budget_lines}
    assert read == {
        ("Alfa-uitkering", "begroting", 2039): 1_000_000, ("Alfa-uitkering", "begroting_na_wijziging", 2039): 1_100_000,
        ("Alfa-uitkering", "rekening", 2039): 1_150_000, ("Alfa-uitkering", "verschil", 2039): 50_000,
        ("Beta-heffingen", "begroting", 2039): 400_000, ("Beta-heffingen", "begroting_na_wijziging", 2039): 420_000,
        ("Beta-heffingen", "rekening", 2039): 410_000, ("Beta-heffingen", "verschil", 2039): -10_000,
        ("Totaal", "begroting", 2039): 1_400_000, ("Totaal", "begroting_na_wijziging", 2039): 1_520_000,
        ("Totaal", "rekening", 2039): 1_560_000, ("Totaal", "verschil", 2039): 40_000,
    }


def test_a_kind_and_its_year_in_two_cells_keep_the_first_columns_kind() -> None:
    cells = ["Financieel in euro's", "Rekening", "2037", "Rekening\n2038", "Begroting 2039", "Rekening 2039",
             "Totaal lasten", "1.000.000", "1.100.000", "1.200.000", "1.150.000",
             "Totaal baten", "900.000", "950.000", "1.000.000", "990.000"]
    (table,) = text_tables(_lines(cells))
    assert table.rows[0].cells[1:] == ["Rekening 2037", "Rekening 2038", "Begroting 2039", "Rekening 2039"]
    assert table.rows[1].cells == ["Totaal lasten", "1.000.000", "1.100.000", "1.200.000", "1.150.000"]


def test_flattened_rows_under_groups_whose_sub_line_ends_in_an_extra_total() -> None:
    text = """Overzicht baten en lasten (bedragen x € 1.000)

Programma          Begroting 2039    Rekening 2039    Verschil 2039
                   Lasten Baten      Lasten Baten     Lasten Baten Totaal
Programma Alfa     500 120           450 130          50 10 60
Programma Beta     900 300           960 280          -60 -20 -80
"""
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    (table,) = text_tables(lines)
    assert table.rows[0].cells == ["Programma", "Begroting 2039 Lasten", "Begroting 2039 Baten", "Rekening 2039 Lasten",
                                   "Rekening 2039 Baten", "Verschil 2039 Lasten", "Verschil 2039 Baten", "Verschil 2039 Totaal"]
    assert table.rows[2].cells == ["Programma Beta", "900", "300", "960", "280", "-60", "-20", "-80"]
