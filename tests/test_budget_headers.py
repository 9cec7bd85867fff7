"""Budget and indicator table headers whose meaning is more than their words: comparison columns, spanning year
headers over baten/lasten/saldo, header words broken over two lines, a scale note in the corner cell."""

from __future__ import annotations

from typing import Optional

import pytest

from extractor.layout.tables import Table, TableRow
from extractor.model import Metadata
from extractor.parse.budget import read_budget
from extractor.parse.table_semantics import classify_header, judge_table


def _table(rows: list[list[str]], caption: Optional[str] = None) -> Table:
    n = len(rows[0])
    table_rows = [TableRow(cells=r, page=7, bbox=(50.0, 100.0 + 15 * i, 550.0, 112.0 + 15 * i), spans=[1] * n) for i, r in enumerate(rows)]
    return Table(page=7, bbox=(50.0, 100.0, 550.0, 112.0 + 15 * len(rows)), rows=table_rows,
                 columns=[50.0 + 100 * k for k in range(n + 1)], caption=caption, pages=[7])


def _read(table: Table, year: int = 2025) -> tuple[list, list]:
    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    return read_budget(table, verdict, Metadata(year=year), [])


# --------------------------------------------------------------------------- comparison columns


@pytest.mark.parametrize(
    ("header", "year", "base"),
    [
        ("mutatie t.o.v. 2024", None, 2024),
        ("verschil t.o.v. begroting 2024", None, 2024),
        ("toename/afname ten opzichte van 2024", None, 2024),
        ("Mutatie tov 2024", None, 2024),
        ("verschil 2025-2024", 2025, None),
        ("∆ 2024-2025", 2025, None),
        ("Verschil 2023 Begr. na wijz. / realisatie", 2023, None),
        ("Verschil realisatie 2023 t.o.v. begroting 2023", 2023, 2023),
    ],
)
def test_a_comparison_header_is_verschil_and_its_printed_base_is_not_its_year(header: str, year: Optional[int],
                                                                               base: Optional[int]) -> None:
    meaning = classify_header(header)
    assert (meaning.budget_kind, meaning.year, meaning.base_year) == ("verschil", year, base)


@pytest.mark.parametrize("header", ["Begroting 2023 Mutaties", "Toename", "Mutaties reserves 2024"])
def test_a_change_word_without_a_comparison_is_no_verschil(header: str) -> None:
    assert classify_header(header).budget_kind != "verschil"


def test_comparison_column_takes_the_newer_year_of_the_table() -> None:
    table = _table([
        ["bedragen x € 1.000", "raming 2024", "raming 2025", "mutatie t.o.v. 2024"],
        ["OZB woningen", "8.765", "9.851", "1.086"],
        ["Toeristenbelasting", "2.508", "2.266", "-242"],
    ], caption="Opbrengst belastingen")
    lines, errors = _read(table)
    got = {(b.label, b.kind, b.year, b.amount) for b in lines if b.column == "mutatie t.o.v. 2024"}
    assert got == {("OZB woningen", "verschil", 2025, 1_086_000.0), ("Toeristenbelasting", "verschil", 2025, -242_000.0)}
    assert errors == []


def test_comparison_year_follows_the_arithmetic_not_the_last_column() -> None:
    """The difference is 2025 − 2024 in every row, though 2026 is the table's latest year."""
    table = _table([
        ["bedragen x € 1.000", "begroting 2024", "begroting 2025", "verschil t.o.v. 2024", "begroting 2026"],
        ["Baten", "1.000", "1.200", "200", "1.300"],
        ["Lasten", "-3.000", "-2.900", "100", "-2.800"],
    ])
    lines, _ = _read(table)
    assert {b.year for b in lines if b.kind == "verschil"} == {2025}


def test_comparison_whose_year_the_table_does_not_single_out_is_left_out_with_a_warning() -> None:
    table = _table([
        ["bedragen x € 1.000", "begroting 2024", "begroting 2025", "begroting 2026", "mutatie t.o.v. 2024"],
        ["Baten", "1.000", "1.200", "1.300", "7"],
        ["Lasten", "-3.000", "-2.900", "-2.800", "9"],
    ])
    lines, errors = _read(table)
    assert lines and not any(b.kind == "verschil" for b in lines)
    assert any("mutatie t.o.v. 2024" in e.message for e in errors)


def test_comparison_with_the_same_year_as_the_other_columns() -> None:
    table = _table([
        ["bedragen x € 1.000", "Begroting 2024", "Realisatie 2024", "Verschil t.o.v. begroting 2024"],
        ["Baten", "1.000", "1.100", "100"],
        ["Lasten", "-3.000", "-2.900", "100"],
    ])
    lines, _ = _read(table)
    assert {(b.kind, b.year) for b in lines} == {("begroting", 2024), ("realisatie", 2024), ("verschil", 2024)}


# --------------------------------------------------------------------------- spanning headers over baten/lasten/saldo


def _recapitulatie_page(rekening_x: float):
    """A ruled recapitulatie whose header cells "Rekening 2022" and "Begroting 2024" are drawn each in one sub-column
    (a rule between every pair of columns, also in the header rows), over repeated baten | lasten | saldo."""
    from extractor.read.types import Rule  # noqa: F401 - the grid helper builds Rule objects
    from tests.test_tables_pdf import _grid, _page

    xs = [70.0, 200.0, 250.0, 300.0, 350.0, 400.0, 450.0, 500.0]
    ys = [100.0, 115.0, 130.0, 145.0, 160.0, 175.0]
    cells = [
        ("Programma", 72.0, 103.0, True), ("Rekening", rekening_x, 103.0, True), ("Begroting", 405.0, 103.0, True),
        ("bedragen x € 1.000", 72.0, 118.0, False), ("2022", 260.0, 118.0, True), ("2024", 410.0, 118.0, True),
        ("baten", 205.0, 133.0, True), ("lasten", 255.0, 133.0, True), ("saldo", 305.0, 133.0, True),
        ("baten", 355.0, 133.0, True), ("lasten", 405.0, 133.0, True), ("saldo", 455.0, 133.0, True),
        ("P1 Veiligheid", 72.0, 148.0, False), ("1.972", 205.0, 148.0, False), ("-5.234", 255.0, 148.0, False),
        ("-3.262", 305.0, 148.0, False), ("102", 355.0, 148.0, False), ("-4.204", 405.0, 148.0, False), ("-4.102", 455.0, 148.0, False),
        ("P2 Mens", 72.0, 163.0, False), ("8.892", 205.0, 163.0, False), ("-33.359", 255.0, 163.0, False),
        ("-24.467", 305.0, 163.0, False), ("11.652", 355.0, 163.0, False), ("-38.934", 405.0, 163.0, False), ("-27.282", 455.0, 163.0, False),
    ]
    return _page(111, cells, _grid(xs, ys))


def test_year_header_drawn_in_one_sub_column_names_its_whole_group() -> None:
    from extractor.layout.tables import find_ruled_tables

    tables = find_ruled_tables(_recapitulatie_page(255.0))
    assert len(tables) == 1
    lines, errors = _read(tables[0], year=2024)
    got = {(b.label, b.kind, b.year, b.side, b.amount) for b in lines}
    assert ("P1 Veiligheid", "rekening", 2022, "baten", 1_972_000.0) in got
    assert ("P2 Mens", "rekening", 2022, "saldo", -24_467_000.0) in got
    assert ("P2 Mens", "begroting", 2024, "baten", 11_652_000.0) in got
    assert len(lines) == 12 and errors == []


def test_header_crossing_a_group_edge_off_centre_is_left_out_with_a_warning() -> None:
    """"Rekening" printed from the first group into the second, centred over neither: which group it names is not
    shown by its position, so the columns it touches are left out (warned) and "Begroting" above the same group
    is not spread either (two cells over one group)."""
    from extractor.layout.tables import find_ruled_tables
    from extractor.parse.table_semantics import analyse_head

    table = find_ruled_tables(_recapitulatie_page(320.0))[0]
    head = analyse_head(table)
    assert not any(h.startswith("Rekening") for h in head.headers)
    assert head.ambiguous == {1, 2, 3, 4, 5, 6}
    verdict = judge_table(table)
    assert verdict.kind is None and "off-centre" in verdict.reason  # reported in coverage, with a warning


def test_text_grid_spanning_header_is_spread_by_column() -> None:
    table = _table([
        ["Programma (x € 1.000)", "", "Realisatie 2023", "", "", "Begroting 2024", ""],
        ["", "Baten", "Lasten", "Saldo", "Baten", "Lasten", "Saldo"],
        ["P1 Veiligheid", "1.972", "-5.234", "-3.262", "102", "-4.204", "-4.102"],
    ])
    table.method = "text"
    lines, _ = _read(table)
    assert {(b.kind, b.year, b.side) for b in lines} == {(k, y, s) for k, y in (("realisatie", 2023), ("begroting", 2024))
                                                         for s in ("baten", "lasten", "saldo")}


def test_two_header_cells_in_one_group_are_not_spread() -> None:
    from extractor.parse.table_semantics import analyse_head

    table = _table([
        ["Programma (x € 1.000)", "Begroting", "Realisatie", "", "", "", ""],
        ["", "Baten", "Lasten", "Saldo", "Baten", "Lasten", "Saldo"],
        ["P1 Veiligheid", "1.972", "-5.234", "-3.262", "102", "-4.204", "-4.102"],
    ])
    assert analyse_head(table).headers[1:4] == ["Begroting Baten", "Realisatie Lasten", "Saldo"]


def test_label_centred_on_a_row_of_figures_is_joined_to_it() -> None:
    """"Geraamde resultaat" / figures / "programma": shading edges cut each line into its own grid row."""
    from extractor.layout.tables import fold_centred_labels

    def row(cells: list[str], top: float) -> TableRow:
        boxes = [(72.0, top, 150.0, top + 9.0) if c else None for c in cells]
        return TableRow(cells=cells, page=1, bbox=(70.0, top - 2, 500.0, top + 11.0), cell_boxes=boxes, spans=[1] * len(cells), bold=True)

    rows = [row(["Mutaties reserves", "0", "-490"], 100.0), row(["Geraamde resultaat", "", ""], 115.0),
            row(["", "86.052", "32"], 128.0), row(["programma", "", ""], 141.0), row(["Kapitaallasten", "", ""], 170.0)]
    folded = fold_centred_labels(rows)
    assert [r.cells for r in folded][:2] == [["Mutaties reserves", "0", "-490"], ["Geraamde resultaat programma", "86.052", "32"]]
    assert folded[-1].cells[0] == "Kapitaallasten"  # a line far below stays
    years = [row(["Programma", "", ""], 100.0), row(["", "2024", "2025"], 113.0)]
    assert [r.cells for r in fold_centred_labels(years)] == [["Programma", "", ""], ["", "2024", "2025"]]


# --------------------------------------------------------------------------- header words broken over two lines


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("Jaarreken ing 2023", "Jaarrekening 2023"),
        ("Begrot ing", "Begroting"),
        ("Begrot ing na wijziging 2023", "Begroting na wijziging 2023"),
        ("Begroting 2025", "Begroting 2025"),  # a word and a year stay apart
        ("Jaar rekening 2023", "Jaar rekening 2023"),  # "rekening" is a word on its own
        ("Saldo in de begroting", "Saldo in de begroting"),
    ],
)
def test_header_word_broken_without_hyphen_is_joined_only_when_the_pieces_are_no_words(text: str, joined: str) -> None:
    from extractor.parse.table_semantics import join_broken_words

    assert join_broken_words(text) == joined


def test_broken_header_word_over_two_header_rows_gives_the_kind() -> None:
    table = _table([
        ["bedragen x € 1.000", "Jaarreken", "Begrot"],
        ["", "ing 2023", "ing 2025"],
        ["Baten", "1.972", "102"],
        ["Lasten", "-5.234", "-4.204"],
    ])
    lines, _ = _read(table)
    assert {(b.column, b.kind, b.year) for b in lines} == {("Jaarrekening 2023", "rekening", 2023), ("Begroting 2025", "begroting", 2025)}


# --------------------------------------------------------------------------- caption or scale note in the corner cell


@pytest.mark.parametrize("corner", ["Tabel 11.1 - Financieel Meerjarenbeeld (bedragen x € 1.000)", "bedragen x € 1.000", "(x € 1.000)"])
def test_caption_or_scale_note_in_the_corner_cell_of_the_year_row(corner: str) -> None:
    table = _table([
        [corner, "2025", "2026", "2027"],
        ["Actuele begroting 2024", "-775", "-5.540", "-4.821"],
        ["Saldo baten en lasten", "9", "-1.212", "-1.111"],
    ])
    verdict = judge_table(table)
    assert (verdict.kind, verdict.label_col, verdict.value_cols, verdict.scale) == ("budget", 0, [1, 2, 3], 1000.0)
    lines, _ = _read(table)
    assert {(b.label, b.year, b.amount) for b in lines if b.year == 2025} == {("Actuele begroting 2024", 2025, -775_000.0),
                                                                              ("Saldo baten en lasten", 2025, 9_000.0)}


def test_budget_table_without_a_scale_beside_one_with_a_scale_is_not_read() -> None:
    """Its amounts could be in thousands like its neighbour's or in euros: not printed, so not guessed."""
    from extractor.parse.table_semantics import unscaled_beside_scaled

    scaled = _table([["Tabel 11.1 - Meerjarenbeeld (bedragen x € 1.000)", "2025", "2026"], ["Saldo baten en lasten", "-775", "-5.540"]])
    unscaled = _table([["Tabel 11.2 - Structureel saldo van baten en lasten", "2025", "2026"], ["Saldo baten en lasten", "-1.453", "-2.689"],
                       ["Begrotingssaldo", "9", "-1.212"]])
    in_euros = _table([["Tabel 11.3 - Kosten van baten en lasten", "2025", "2026"], ["Saldo baten en lasten", "1.453.120", "-2.689.000"]])
    verdicts = [(t, judge_table(t)) for t in (scaled, unscaled, in_euros)]
    assert [v.kind for _, v in verdicts] == ["budget", "budget", "budget"]
    unscaled_beside_scaled(verdicts)
    assert [v.kind for _, v in verdicts] == ["budget", None, "budget"]
    assert "states no scale" in verdicts[1][1].reason


# --------------------------------------------------------------------------- a kind row over a row of years


def _kind_over_years_page(kind_x: float, ruled: bool):
    from tests.test_tables_pdf import _grid, _page

    cells = [("Tabel 4.1 Lasten en baten (bedragen x € 1.000)", 70.0, 80.0, False), ("Begroting", kind_x, 103.0, True),
             ("Programma", 72.0, 118.0, True), ("2024", 275.0, 118.0, True), ("2025", 345.0, 118.0, True), ("2026", 415.0, 118.0, True),
             ("Lasten", 72.0, 133.0, False), ("4.204", 270.0, 133.0, False), ("4.129", 340.0, 133.0, False), ("4.100", 410.0, 133.0, False),
             ("Baten", 72.0, 148.0, False), ("102", 275.0, 148.0, False), ("105", 345.0, 148.0, False), ("110", 415.0, 148.0, False)]
    rules = _grid([70.0, 250.0, 320.0, 390.0, 460.0], [100.0, 115.0, 130.0, 145.0, 160.0]) if ruled else []
    return _page(3, cells, rules)


@pytest.mark.parametrize("ruled", [True, False])
def test_kind_centred_over_a_row_of_years_names_every_year_in_a_pdf(ruled: bool) -> None:
    from extractor.layout.tables import find_tables

    tables, _ = find_tables([_kind_over_years_page(332.0, ruled)], use_camelot=False)
    assert len(tables) == 1 and tables[0].method == ("ruled" if ruled else "aligned")
    lines, _ = _read(tables[0])
    assert {(b.label, b.kind, b.year, b.amount) for b in lines} == {
        (label, "begroting", year, amount * 1000.0) for label, amounts in (("Lasten", (4204, 4129, 4100)), ("Baten", (102, 105, 110)))
        for year, amount in zip((2024, 2025, 2026), amounts)}


def test_kind_over_the_first_year_only_in_a_pdf_names_that_year_only() -> None:
    from extractor.layout.tables import find_tables

    tables, _ = find_tables([_kind_over_years_page(255.0, True)], use_camelot=False)
    lines, _ = _read(tables[0])
    assert {(b.kind, b.year) for b in lines} == {("begroting", 2024), ("bedrag", 2025), ("bedrag", 2026)}


@pytest.mark.parametrize("sep", ["|", "\t"])
def test_kind_over_a_row_of_years_in_text_spans_from_its_column(sep: str) -> None:
    from extractor.parse.tables import read_tables
    from tests.test_tables_semantics import laid_out_text

    def line(cells: list[str]) -> str:
        return f"| {' | '.join(cells)} |" if sep == "|" else "\t".join(cells)

    text = "\n".join(["Tabel 3.1 Lasten en baten (bedragen x € 1.000)", "",
                      line(["", "Realisatie", "Begroting", ""]), line(["Programma", "2023", "2024", "2025"]),
                      line(["Lasten", "4.204", "4.129", "4.100"]), line(["Baten", "102", "105", "110"]), "", "Tekst onder de tabel."])
    result = read_tables(laid_out_text(text), [], Metadata(document_type="begroting", year=2024), prose=False)
    assert {(b.kind, b.year) for b in result.budget_lines} == {("realisatie", 2023), ("begroting", 2024), ("begroting", 2025)}


@pytest.mark.parametrize(("pad", "kinds"), [(34, ("begroting",) * 3), (26, ("begroting", "raming", "raming"))])
def test_kind_line_over_a_flattened_year_line_spans_it_only_when_centred(pad: int, kinds: tuple[str, ...]) -> None:
    """pdftotext keeps character columns: "Begroting" centred over the years names them all; printed over the
    first year only, it names none (which years it covers is not shown) and the years stay bare, so the
    begroting of 2024 decides their kinds (kind from context: 2024 begroting, later years raming)."""
    from extractor.parse.tables import read_tables
    from tests.test_tables_semantics import laid_out_text

    text = "\n".join(["Tabel 3.1 Lasten en baten (bedragen x € 1.000)", " " * pad + "Begroting",
                      "Programma                 2024      2025      2026",
                      "Lasten                    4.204     4.129     4.100",
                      "Baten                     102       105       110", "", "Tekst onder de tabel."])
    result = read_tables(laid_out_text(text), [], Metadata(document_type="begroting", year=2024), prose=False)
    assert {(b.label, b.kind, b.year) for b in result.budget_lines} == {
        (label, kind, year) for label in ("Lasten", "Baten") for kind, year in zip(kinds, (2024, 2025, 2026))}


def test_a_scale_printed_anywhere_on_the_page_makes_an_unscaled_budget_table_ambiguous() -> None:
    """The neighbour table stating "(bedragen x € 1.000)" was not found as a table, but its caption is on the page."""
    from extractor.parse.table_semantics import unscaled_beside_scaled

    unscaled = _table([["Tabel 11.2 - Structureel saldo van baten en lasten", "2025", "2026"],
                       ["Saldo baten en lasten", "-1.453", "-2.689"], ["Begrotingssaldo", "9", "-1.212"]])
    verdicts = [(unscaled, judge_table(unscaled))]
    unscaled_beside_scaled(verdicts, {7: ["Meerjarenbeeld"]})
    assert verdicts[0][1].kind == "budget"
    unscaled_beside_scaled(verdicts, {7: ["Tabel 11.1 - Financieel Meerjarenbeeld (bedragen x € 1.000) 2025 2026"]})
    assert verdicts[0][1].kind is None


def test_a_wrapped_header_word_in_its_own_cell_is_not_spread_over_its_group() -> None:
    from extractor.parse.table_semantics import analyse_head

    table = _table([
        ["Woonlasten", "Eenpersoonshuishouden", "", "", "Meerpersoonshuishouden", "", ""],
        ["", "", "", "Stijgings-", "", "", "Stijgings-"],
        ["", "2023", "2024", "percentage", "2023", "2024", "percentage"],
        ["Totaal", "€ 805,85", "€ 831,66", "3,2%", "€ 1.091,95", "€ 1.126,86", "3,2%"],
    ])
    headers = analyse_head(table).headers
    assert headers[1:4] == ["Eenpersoonshuishouden 2023", "Eenpersoonshuishouden 2024", "Eenpersoonshuishouden Stijgings- percentage"]
