"""Budget tables of kinds that name their columns by mutation or by bare years (synthetic texts, invented labels
and numbers with the shapes of copied web pages):

* a statement of reserves over several years, one cell per line: a row-key column ("Jaartal"), mutation columns
  ("Stand 1-1", "Toevoeging", "Onttrekking", "Stand 31-12"), a group row per reserve and rows keyed by a kind and
  a year ("jaarrekening" / "2036", "begroting 2038"): each amount takes its row's kind and year;
* a pipe table of housing costs (woonlasten) per year: amounts in euros, kind `bedrag` with the column's year;
* account rows whose empty cells the copy dropped ("450" / "450" under Lasten | Baten | Saldo), placed where the
  totals of their block (and a section total over block totals) prove the columns, else left out and warned.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout.keyed_rows import keyed_row_tables
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

_RESERVES = [
    "Meerjarig verloop reservepotten", "(x € 1.000)",
    "Jaartal", "Stand\n1-1", "Toevoeging", "Onttrekking", "Stand\n31-12",
    "Reservepot Alfa",
    "jaarrekening", "2036", "410", "25", "-35", "400",
    "jaarrekening", "2037", "400", "-", "-60", "340",
    "begroting 2039", "330", "12", "-", "342",
    "Reservepot Beta",
    "jaarrekening", "2036", "7.020", "1.100", "-2.120", "6.000",
    "begroting 2039", "5.500", "-", "-500", "5.000",
    "Totaal",
    "jaarrekening", "2036", "7.430", "1.125", "-2.155", "6.400",
]


def _lines(cells: list[str]) -> list[Line]:
    text = "\n\n".join(cells)
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]


def _extract(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, ExtractOptions(enrich=False))


def test_rows_keyed_by_kind_and_year_take_their_group_as_label() -> None:
    (table,) = keyed_row_tables(_lines(_RESERVES))
    assert table.rows[0].cells == ["", "Jaartal", "Stand 1-1", "Toevoeging", "Onttrekking", "Stand 31-12"]
    assert table.rows[1].cells == ["Reservepot Alfa", "jaarrekening 2036", "410", "25", "-35", "400"]
    assert table.rows[3].cells == ["Reservepot Alfa", "begroting 2039", "330", "12", "-", "342"]
    assert table.rows[-1].cells == ["Totaal", "jaarrekening 2036", "7.430", "1.125", "-2.155", "6.400"]
    assert table.caption == "(x € 1.000)"


def test_a_row_with_a_cell_too_few_ends_the_table() -> None:
    cells = list(_RESERVES)
    cells.remove("12")  # "begroting 2039" of Alfa now prints three figures under four columns
    (table,) = keyed_row_tables(_lines(cells))
    assert [r.cells[1] for r in table.rows[1:]] == ["jaarrekening 2036", "jaarrekening 2037"]


def test_a_header_without_a_row_key_column_is_not_read_this_way() -> None:
    cells = [c if c != "Jaartal" else "Soort" for c in _RESERVES]
    assert keyed_row_tables(_lines(cells)) == []


def test_reserve_mutations_become_budget_lines_of_their_rows_kind_and_year(tmp_path: Path) -> None:
    document = _extract(tmp_path, "begroting_2039_reserves.txt", "Begroting 2039\n\n" + "\n\n".join(_RESERVES) + "\n")
    got = {(b.label, b.column, b.kind, b.year, b.amount) for b in document.budget_lines}
    assert ("Reservepot Alfa", "Stand 1-1", "rekening", 2036, 410_000.0) in got
    assert ("Reservepot Alfa", "Onttrekking", "rekening", 2037, -60_000.0) in got
    assert ("Reservepot Alfa", "Stand 31-12", "begroting", 2039, 342_000.0) in got
    assert ("Totaal", "Toevoeging", "rekening", 2036, 1_125_000.0) in got
    assert len(got) == 21  # every figure once (25 cells), no line for the four "-"
    assert not [e for e in document.errors if e.code == "numeric_grid_unread"]


_WOONLASTEN = """Onderstaande tabel toont de lasten voor een huishouden:
Bedragen in € | 2037 | 2038 |
---|---|---|
Huurhuis alleenstaande | ||
Rioolrecht | 210,00 | 215,50 |
Afvalrecht | 180,00 | 190,25 |
Totaal | 390,00 | 405,75 |
Koophuis gezin | ||
Eigenarenbelasting | 300,10 | 310,20 |
Rioolrecht | 260,00 | 266,00 |
Totaal | 560,10 | 576,20 |
"""


def test_woonlasten_per_year_are_amounts_in_euros(tmp_path: Path) -> None:
    document = _extract(tmp_path, "jaarverslag_2038_woonlasten.txt", "Ontwikkeling woonlasten\n\n" + _WOONLASTEN)
    got = sorted((b.label, b.kind, b.year, b.amount) for b in document.budget_lines)
    # the jaarverslag's own year is realisatie from context; an earlier bare year keeps no kind
    assert ("Afvalrecht", "realisatie", 2038, 190.25) in got
    assert ("Totaal", "bedrag", 2037, 560.10) in got
    assert len(got) == 12  # six rows of two years; the household rows print no figure
    assert not [b for b in document.budget_lines if b.label in ("Huurhuis alleenstaande", "Koophuis gezin")]


# --------------------------------------------------------------------------- short rows proven by block totals

_ACCOUNTS = [
    "Jaarrekening 2040", "Lasten 2040", "Baten 2040", "Saldo 2040",
    "Programma Wonen",
    "81001  Bouwtoezicht", "900", "300", "600",
    "81002  Welstand", "450", "450",  # lasten and saldo: the block's baten add up to 300 only without it
    "81003  Archief", "1", "1",  # within rounding of the totals either way: not proven
    "Totaal taakveld 8.1 Ruimte", "1.351", "300", "1.051",
    "82001  Erfpacht", "120", "80", "40",
    "Totaal taakveld 8.2 Grond", "120", "80", "40",
    "Totaal Wonen", "1.471", "380", "1.091",
    "Programma Groen",
    "57001  Parken", "500", "500",
    "57002  Bomen", "250", "250",
    "Totaal taakveld 5.7 Groen", "750", "750",  # its block fits both ways; the programme total decides
    "58001  Speelplaats", "60", "10", "50",
    "Totaal taakveld 5.8 Spelen", "60", "10", "50",
    "Totaal Groen", "810", "10", "800",
]


def test_short_rows_are_placed_where_the_block_totals_prove_their_columns(tmp_path: Path) -> None:
    document = _extract(tmp_path, "jaarstukken_2040_taakvelden.txt", "\n\n".join(_ACCOUNTS) + "\n")
    got = {(b.label, b.column): (b.amount, b.confidence) for b in document.budget_lines}
    assert got[("81002  Welstand", "Lasten 2040")] == (450.0, 0.8)
    assert got[("81002  Welstand", "Saldo 2040")] == (450.0, 0.8)
    assert ("81002  Welstand", "Baten 2040") not in got
    for label in ("57001  Parken", "57002  Bomen", "Totaal taakveld 5.7 Groen"):
        assert (label, "Baten 2040") not in got and got[(label, "Saldo 2040")][1] == 0.8
    assert got[("Totaal Groen", "Baten 2040")] == (10.0, None)
    assert not any(label.startswith("81003") for label, _ in got)
    warned = [e.message for e in document.errors if e.code == "table_uncertain" and "fewer figures" in e.message]
    assert len(warned) == 1 and "81003  Archief" in warned[0] and "Welstand" not in warned[0]


def test_without_a_closing_total_a_short_row_stays_unproven(tmp_path: Path) -> None:
    cells = _ACCOUNTS[:_ACCOUNTS.index("Totaal taakveld 8.1 Ruimte")]
    document = _extract(tmp_path, "jaarstukken_2040_taakvelden.txt", "\n\n".join(cells) + "\n")
    assert not any(b.label.startswith(("81002", "81003")) for b in document.budget_lines)
    assert any(b.label == "81001  Bouwtoezicht" for b in document.budget_lines)


@st.composite
def _blocks(draw):
    """A block of account rows (lasten >= 0, baten >= 0, saldo = lasten - baten) and its exact total; rows whose
    baten is 0 or whose lasten equals their baten print two equal figures, readable both ways."""
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        lasten = draw(st.integers(0, 50))
        baten = draw(st.sampled_from([0, lasten, draw(st.integers(0, 50))]))
        rows.append((float(lasten), float(baten), float(lasten - baten)))
    total = tuple(float(sum(r[k] for r in rows)) for k in range(3))
    return rows, total


def _readings(row: tuple) -> list[tuple]:
    lasten, baten, saldo = row
    if baten == 0 and lasten:
        return [row, (lasten, lasten, 0.0)]  # "x" / "x": lasten and saldo, or lasten and baten
    if saldo == 0 and lasten:
        return [(lasten, 0.0, lasten), row]
    return [row]


@given(_blocks(), st.booleans())
@settings(max_examples=200, deadline=None)
def test_block_totals_never_prove_a_wrong_reading(block, short_total) -> None:
    from extractor.parse.block_totals import RowReadings, decide_by_totals

    rows, total = block
    readings = [RowReadings("heading", [])] + [RowReadings("detail", _readings(r)) for r in rows]
    readings.append(RowReadings("total", _readings(total) if short_total else [total]))
    decided = decide_by_totals(readings)
    truth = [None, *rows, total]
    assert all(decided[k] == truth[k] for k in decided)
    assert all(k in decided for k, r in enumerate(readings) if len(r.readings) == 1)


# --------------------------------------------------------------------------- statements of reserves in pipe rows

_STAAT = """Begroting 2038

Staat van reserves (bedragen x € 1.000)

Reserve | {opening} | Toevoegingen | Onttrekkingen | {closing} |
---|---|---|---|---|
Reservepot Gamma | 5.000 | 300 | -200 | 5.100 |
Reservepot Delta | 1.200 | - | -400 | 800 |
"""


@pytest.mark.parametrize("opening, closing, year", [
    ("Stand 1-1-2038", "Stand 31-12-2038", 2038),
    ("Saldo 31-12-2037", "Saldo 31-12-2038", 2038),  # the balance of the last day of the year before opens 2038
    ("Stand 1-1-2038", "Stand 1-1-2040", None),  # two years apart: which year the mutations are of is not printed
])
def test_undated_mutation_columns_take_the_year_their_balances_enclose(tmp_path: Path, opening: str, closing: str,
                                                                        year: int | None) -> None:
    document = _extract(tmp_path, "begroting_2038_reserves.txt", _STAAT.format(opening=opening, closing=closing))
    got = {(b.label, b.column): (b.kind, b.year, b.amount) for b in document.budget_lines}
    assert got[("Reservepot Gamma", "Toevoegingen")] == ("bedrag", year, 300_000.0)
    assert got[("Reservepot Delta", "Onttrekkingen")] == ("bedrag", year, -400_000.0)
    assert got[("Reservepot Delta", closing)][2] == 800_000.0
    assert len(got) == 7


def test_mutation_kinds_in_rows_under_years_are_read_per_year(tmp_path: Path) -> None:
    text = ("Begroting 2038\n\nVerloop reservepot Gamma (bedragen x € 1.000)\n\nVerloop | 2038 | 2039 |\n---|---|---|\n"
            "Stand 1-1 | 5.000 | 5.100 |\nToevoeging | 300 | 400 |\nOnttrekking | -200 | -200 |\nStand 31-12 | 5.100 | 5.300 |\n")
    document = _extract(tmp_path, "begroting_2038_verloop.txt", text)
    got = {(b.label, b.year): b.amount for b in document.budget_lines}
    assert got == {("Stand 1-1", 2038): 5_000_000.0, ("Stand 1-1", 2039): 5_100_000.0,
                   ("Toevoeging", 2038): 300_000.0, ("Toevoeging", 2039): 400_000.0,
                   ("Onttrekking", 2038): -200_000.0, ("Onttrekking", 2039): -200_000.0,
                   ("Stand 31-12", 2038): 5_100_000.0, ("Stand 31-12", 2039): 5_300_000.0}


def test_a_statement_of_reserves_one_cell_per_line_is_read_by_name_and_column(tmp_path: Path) -> None:
    cells = ["Begroting 2038", "Verloop reservepotten", "x € 1.000",
             "Omschrijving", "Saldo 1-1-2038", "Vermeerdering", "Vermindering", "Saldo 31-12-2038",
             "Reservepot Gamma", "5.000", "300", "200", "5.100",
             "Reservepot Delta", "1.200", "-", "400", "800",
             "Totaal", "6.200", "300", "600", "5.900",
             "Toelichting", "De reservepotten nemen af door de onttrekkingen."]
    document = _extract(tmp_path, "begroting_2038_reservepotten.txt", "\n\n".join(cells) + "\n")
    got = {(b.label, b.column): (b.kind, b.year, b.side, b.amount) for b in document.budget_lines}
    assert got[("Reservepot Gamma", "Saldo 1-1-2038")] == ("bedrag", 2038, None, 5_000_000.0)  # a balance, no side
    assert got[("Reservepot Delta", "Vermindering")] == ("bedrag", 2038, None, 400_000.0)
    assert got[("Totaal", "Saldo 31-12-2038")][3] == 5_900_000.0
    assert len(got) == 11


def test_a_header_of_mutations_without_a_balance_is_not_a_statement() -> None:
    cells = ["Omschrijving", "Vermeerdering", "Vermindering", "Onttrekking", "Reservepot Gamma", "300", "200", "100",
             "Reservepot Delta", "10", "20", "30"]
    assert keyed_row_tables(_lines(cells)) == []
