"""Tables that used to be rejected, rows that used to be dropped and tables that went unreported.

Each test builds the shape small so it can fail on its own: the axes decide what a table is (a label column
headed "Kapitaalgoed" over Begroot | Realisatie | Verschil is an exploitatie table; a spanning "Indicatoren …"
header over a column of norms is no label column), a shaded closing row drawn in its own box under the frame,
a block of a longer table under an empty header row, and a numeric table that is neither read nor silently lost.
"""

from __future__ import annotations

from extractor.layout.tables import Table, TableRow, find_tables, join_wrapped
from extractor.model import Metadata
from extractor.parse.budget import read_budget, row_label, undated_years
from extractor.parse.table_semantics import judge_table
from extractor.read.types import Line, Page, Rule
from tests.test_tables_heldout import _page  # a synthetic page of words and rules


def _grid_table(rows: list[list[str]], page: int = 3, caption: str | None = None) -> Table:
    n = len(rows[0])
    body = [TableRow(cells=r, page=page, bbox=(50.0, 100.0 + 15 * i, 550.0, 112.0 + 15 * i), spans=[1] * n) for i, r in enumerate(rows)]
    return Table(page=page, bbox=(50.0, 100.0, 550.0, 112.0 + 15 * len(rows)), rows=body,
                 columns=[50.0 + 100 * k for k in range(n + 1)], pages=[page], caption=caption)


def test_a_label_column_naming_assets_does_not_make_amounts_capital() -> None:
    """The row axis names what the rows are (assets); the value axis (Begroot | Realisatie | Verschil) says the
    amounts are an exploitatie budget."""
    table = _grid_table([["Kapitaalgoed", "Begroot", "Realisatie", "Verschil", "Toelichting"],
                         ["Bruggen", "103", "99", "4", "Reinigen en inspecties"],
                         ["Wegen", "1.544", "1.598", "-54", "Herstel asfalt"]])
    table.header_rows = 1
    table.above = [Line(text="bedragen x € 1.000", page=3)]
    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    assert verdict.value_cols == [1, 2, 3]


def test_credit_columns_or_an_investment_row_axis_stay_capital() -> None:
    credits = _grid_table([["Kapitaalgoed", "Restant krediet 2022", "Begroot 2023", "Realisatie", "Restant"],
                           ["Wegen diversen", "430", "340", "0", "770"], ["Brug", "547", "200", "842", "-95"]])
    credits.header_rows = 1
    assert judge_table(credits).kind is None
    assert "krediet" in judge_table(credits).reason
    investments = _grid_table([["Investeringen", "Begroting 2024", "Begroting 2025"],
                               ["Sporthal", "1.200", "300"], ["Brug", "547", "200"]])
    investments.header_rows = 1
    assert judge_table(investments).kind is None
    assert "krediet" in judge_table(investments).reason


def test_a_name_header_over_an_empty_column_is_not_the_label_column() -> None:
    """A spanning "Indicatoren … (%)" copied over a column of norm bands reads like a name header; the row labels
    are in the first column all the same."""
    table = _grid_table([
        ["Kengetallen:", "Indicatoren gemeente (%) 2022 Realisatie", "Indicatoren gemeente (%) 2023 Realisatie",
         "Indicatoren gemeente (%) Matig"],
        ["1a. Netto schuldquote", "-37", "-23", ""],
        ["2. Solvabiliteitsratio", "62", "61", ""],
        ["5. Belastingcapaciteit", "172", "167", ""],
    ], caption="Tabel 2.2")
    table.header_rows = 1
    verdict = judge_table(table)
    assert verdict.kind == "indicator", verdict.reason
    assert verdict.label_col == 0


# --------------------------------------------------------------------------- closing row and blocks on a PDF page

XS = [70.0, 250.0, 310.0, 370.0]


def _right(text: str, x1: float, top: float, bold: bool = False) -> tuple[str, float, float, bool]:
    return text, x1 - 5.0 * len(text), top, bold


def _grid(top: float, bottom: float, row_tops: list[float]) -> list[Rule]:
    """Every row and column drawn as hairlines from `top` to `bottom`."""
    rules = [Rule(XS[0], y, XS[-1], y) for y in [top, *row_tops, bottom]]
    return rules + [Rule(x, top, x, bottom) for x in XS]


def _overview_page(closing_gap: float, block_gap: float, block_header: str = "") -> Page:
    cells = [("Programma's", 72.0, 102.0, True), _right("Baten", 305.0, 102.0, True), _right("Lasten", 365.0, 102.0, True),
             ("P1 Veiligheid", 72.0, 117.0, False), _right("1.101", 305.0, 117.0), _right("-4.346", 365.0, 117.0),
             ("P2 Zorg", 72.0, 132.0, False), _right("7.921", 305.0, 132.0), _right("-34.108", 365.0, 132.0)]
    rules = _grid(100.0, 145.0, [114.0, 129.0])
    band = 145.0 + closing_gap  # the closing row: shaded cells in a box of their own under the frame
    cells += [("Saldo van baten en lasten (1)", 72.0, band + 2.0, True), _right("9.022", 305.0, band + 2.0, True),
              _right("-38.454", 365.0, band + 2.0, True)]
    rects = [Rule(XS[i] + 0.5, band, XS[i + 1] - 0.5, band + 12.0) for i in range(len(XS) - 1)]
    block = band + 12.0 + block_gap  # a block with the same columns and a header naming no column
    cells += [("Reserves", 72.0, block + 2.0, True), _right(block_header, 305.0, block + 2.0, True),
              ("P1 Veiligheid", 72.0, block + 17.0, False), _right("278", 305.0, block + 17.0), _right("0", 365.0, block + 17.0),
              ("Mutaties reserves", 72.0, block + 32.0, False), _right("278", 305.0, block + 32.0), _right("-964", 365.0, block + 32.0)]
    rules += _grid(block, block + 45.0, [block + 14.0, block + 29.0])
    return _page([c for c in cells if c[0]], rules, rects)


def test_a_shaded_closing_row_under_the_frame_stays_in_the_table() -> None:
    tables, _ = find_tables([_overview_page(closing_gap=2.6, block_gap=16.0)])
    labels = [r.cells[0] for r in tables[0].rows]
    assert "Saldo van baten en lasten (1)" in labels
    saldo = next(r for r in tables[0].rows if r.cells[0].startswith("Saldo"))
    assert saldo.cells[1:] == ["9.022", "-38.454"]


def test_a_block_under_an_empty_header_takes_the_columns_of_the_table_above() -> None:
    tables, _ = find_tables([_overview_page(closing_gap=2.6, block_gap=16.0)])
    assert len(tables) == 1
    verdict = judge_table(tables[0])
    assert verdict.kind == "budget", verdict.reason
    lines, _ = read_budget(tables[0], verdict, Metadata(document_type="jaarstukken", year=2023), [])
    got = {(line.label, line.column, line.amount) for line in lines}
    assert ("Mutaties reserves", "Lasten", -964.0) in got
    assert ("Saldo van baten en lasten (1)", "Baten", 9022.0) in got


def test_a_block_with_its_own_column_header_is_a_table_of_its_own() -> None:
    tables, _ = find_tables([_overview_page(closing_gap=2.6, block_gap=16.0, block_header="2024")])
    assert len(tables) == 2


# --------------------------------------------------------------------------- labels


def test_a_code_in_its_own_column_is_part_of_the_label_and_gives_the_taakveld() -> None:
    table = _grid_table([["Bedragen x € 1.000", "", "Begroting 2025 Lasten", "Begroting 2025 Baten"],
                         ["0.1", "Bestuur", "0", "89"],
                         ["6.81b", "Maatschappelijke Opvang", "3.151", "672"],
                         ["0", "Bestuur en ondersteuning", "4.670", "12.634"],
                         ["", "", "", ""],
                         ["Totaal", "", "73.848", "73.881"]])
    table.header_rows = 1
    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    lines, _ = read_budget(table, verdict, Metadata(document_type="begroting", year=2025), [])
    got = {(line.label, line.taakveld, line.amount) for line in lines}
    assert ("0.1 Bestuur", "0.1", 89_000.0) in got
    assert ("6.81b Maatschappelijke Opvang", "6.81b", 672_000.0) in got  # an Iv3 sub-taakveld
    assert ("0 Bestuur en ondersteuning", None, 12_634_000.0) in got
    assert ("Totaal", None, 73_881_000.0) in got  # the label printed in the code column, after a blank row


def test_row_label_joins_codes_only() -> None:
    assert row_label(["0.10", "Mutaties reserves", "0"], 1, [2]) == "0.10 Mutaties reserves"
    assert row_label(["Totaal", "", "12"], 1, [2]) == "Totaal"
    assert row_label(["Sociaal domein", "Wmo", "12"], 1, [2]) == "Wmo"  # a text column beside the name is no code
    assert row_label(["12", "Wmo", "12"], 1, [0, 2]) == "Wmo"  # a value column never is
    assert row_label(["0.1", "", "12"], 1, [2]) == ""  # a code alone names no row


def test_a_label_wrapped_after_a_slash_is_joined_without_a_space() -> None:
    assert join_wrapped("Gezond gewicht/Gezonde school/", "Almeers preventieakkoord") == \
        "Gezond gewicht/Gezonde school/Almeers preventieakkoord"
    assert join_wrapped("baten /", "lasten") == "baten / lasten"  # a slash standing free stays apart


def _laid_out_text(text: str):
    from extractor.layout import lay_out  # noqa: PLC0415
    from extractor.read.types import RawDocument  # noqa: PLC0415

    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    return lay_out(RawDocument(path="x.txt", format="text", pages=[Page(number=0, lines=lines)], page_count=None, sha256="", size=0))


def _cost_table(last: str, after: str = "") -> list[tuple[str, str, float]]:
    from extractor.parse.tables import read_tables  # noqa: PLC0415

    text = "\n".join(["Wat gaat het kosten?", "Exploitatie Realisatie 2024 Begroting 2025 Begroting 2026",
                      "Totaal Lasten 4.430.450 4.966.303 4.894.135", "Totaal Baten -712.996 -498.967 -502.602", last, after])
    result = read_tables(_laid_out_text(text.rstrip("\n")), [], Metadata(document_type="begroting", year=2026), prose=False)
    return [(b.label, b.column, b.amount) for b in result.budget_lines]


def test_a_row_cut_off_by_the_end_of_a_page_copy_keeps_its_first_values() -> None:
    # the last figure may be cut itself ("4.467.3" of a longer one): left out, as for a copy one cell per line
    got = _cost_table("Saldo van baten en lasten 3.717.455 4.467.300")
    saldo = [(c, a) for label, c, a in got if label.startswith("Saldo")]
    assert [a for _, a in saldo] == [3_717_455.0]
    assert "2024" in saldo[0][0]


def test_a_cut_off_last_figure_proven_by_the_total_rows_is_kept() -> None:
    # 4.966.303 - 498.967 = 4.467.336: the saldo of the two total rows above, so the figure is whole
    got = _cost_table("Saldo van baten en lasten 3.717.455 4.467.336")
    saldo = [(c, a) for label, c, a in got if label.startswith("Saldo")]
    assert [a for _, a in saldo] == [3_717_455.0, 4_467_336.0]
    assert "2025" in saldo[1][0]


def test_a_copy_that_stops_inside_a_figure_keeps_the_whole_ones_before_it() -> None:
    got = _cost_table("Saldo van baten en lasten 3.717.455 4.467.336 4.39")
    saldo = [(c, a) for label, c, a in got if label.startswith("Saldo")]
    assert [a for _, a in saldo] == [3_717_455.0, 4_467_336.0]
    assert "2024" in saldo[0][0] and "2025" in saldo[1][0]
    got = _cost_table("Saldo van baten en lasten 3.717.455 -4.467.")
    assert [a for label, _, a in got if label.startswith("Saldo")] == [3_717_455.0]


def test_a_short_row_inside_the_text_is_not_placed_by_guess() -> None:
    got = _cost_table("Saldo van baten en lasten 3.717.455 4.467.336", after="Toelichting: de lasten stijgen door de indexatie.")
    assert not [a for label, _, a in got if label.startswith("Saldo")]
    assert any(label == "Totaal Lasten" for label, _, _ in got)


# --------------------------------------------------------------------------- numeric tables never dropped silently

COLS = [(76.0, "Periode"), (200.0, "Noord"), (270.0, "Oost"), (340.0, "Midden"), (410.0, "Zuid")]


def _range_row(top: float, label: str, figures: list[str]) -> list[tuple[str, float, float, bool]]:
    return [(label, 76.0, top, False)] + [_right(f, x + 50.0, top) for (x, _), f in zip(COLS[1:], figures)]


def _range_pages() -> list[Page]:
    """A grid with horizontal rules only and range cells: its header and ONE row at the foot of a page (the row set
    off from the header by a shaded band, so wider apart than prose lines), two more rows at the top of the next."""
    first = [("Kwantitatieve vraag in 3 perioden, netto ha", 76.0, 677.0, False)]
    first += [(text, x, 712.0, True) for x, text in COLS]
    first += _range_row(737.0, "2016 t/m 2025", ["453 – 477", "60 – 65", "238", "89 – 98"])
    page_a = _page(first, [Rule(70.0, 709.0, 520.0, 709.0)], [Rule(70.0, 734.0, 520.0, 759.0)])
    second = _range_row(73.0, "2016 t/m 2030", ["680 – 724", "90 – 105", "357", "134 – 147"])
    second += _range_row(96.0, "2016 t/m 2035", ["949-1093", "130-208", "503", "174-219"])
    second += [("De vraag is beleidsarm berekend en wordt elk jaar opnieuw bekeken door de provincie en de regio's.", 71.0, 165.0, False)]
    page_b = _page(second, [Rule(70.0, 71.0, 520.0, 71.0), Rule(70.0, 118.0, 520.0, 118.0)], [])
    page_b.number = 4
    for line in page_b.lines:
        line.page = 4
    return [page_a, page_b]


def test_a_range_grid_cut_after_one_row_is_found_over_both_pages() -> None:
    tables, _ = find_tables(_range_pages())
    assert len(tables) == 1
    rows = [r.cells for r in tables[0].rows]
    assert rows[0][:2] == ["Periode", "Noord"]
    assert [r[0] for r in rows[1:]] == ["2016 t/m 2025", "2016 t/m 2030", "2016 t/m 2035"]
    assert rows[-1][1] == "949-1093"


def test_a_range_grid_is_reported_with_every_page_and_warned_not_read() -> None:
    from extractor.parse.tables import TablesResult, _one_table, not_used_warnings  # noqa: PLC0415

    tables, _ = find_tables(_range_pages())
    result = TablesResult()
    _one_table(tables[0], 1, [], Metadata(document_type="programma", year=2020), result)
    assert not result.indicators and not result.budget_lines  # a range is not one value: nothing read by guess
    note = result.rejected[0]
    assert note.numeric and note.pages == [3, 4] and "range" in note.reason
    warnings = not_used_warnings(result.rejected)
    assert len(warnings) == 1 and "pages 3-4" in warnings[0].message


def test_the_result_row_of_a_recapitulatie_names_no_programme() -> None:
    table = _grid_table([["Programma's", "Realisatie 2023 baten", "Realisatie 2023 lasten"],
                         ["P1 Veiligheid", "2.483", "-6.628"],
                         ["Mutaties reserves", "2.580", "-964"],
                         ["Gerealiseerde resultaat (2)", "88.539", "-89.460"]])
    table.header_rows = 1
    table.above = [Line(text="Bedragen x € 1.000", page=3)]
    verdict = judge_table(table)
    lines, _ = read_budget(table, verdict, Metadata(document_type="jaarstukken", year=2023), [])
    programmes = {line.label: line.programme for line in lines}
    assert programmes["P1 Veiligheid"] == "P1"
    assert programmes["Gerealiseerde resultaat (2)"] is None


def test_undated_realisatie_and_verschil_columns_take_the_year_the_document_decides() -> None:
    columns = [(1, "begroting", 2023, None), (2, "realisatie", None, None), (3, "verschil", None, None)]
    assert [y for _, _, y, _ in undated_years(columns, "jaarstukken", 2023)] == [2023, 2023, 2023]
    # in a begroting an undated realisatie may be any earlier year: left without one, and so is the verschil
    assert [y for _, _, y, _ in undated_years(columns, "begroting", 2025)] == [2023, None, None]
    mixed = [(1, "begroting", 2022, None), (2, "realisatie", 2023, None), (3, "verschil", None, None)]
    assert undated_years(mixed, "jaarstukken", 2023)[2][2] is None  # compared columns of two years: no year


def test_a_caption_naming_the_exploitatie_of_capital_goods_is_a_budget() -> None:
    """"Exploitatiegegevens kapitaalgoederen" over bare years: the yearly budget of the assets, not credits."""
    table = _grid_table([["Kapitaalgoed", "2024", "2025", "Specificatie werkzaamheden"],
                         ["Wegen", "1.707", "1.886", "Groot onderhoud"],
                         ["Riolering", "2.010", "2.104", "Vervanging"]],
                        caption="Tabel 9.2 - Exploitatiegegevens kapitaalgoederen (bedragen x € 1.000)")
    table.header_rows = 1
    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    credits = _grid_table([["Kapitaalgoed", "Restant krediet 2024", "2025"], ["Wegen", "1.707", "1.886"],
                           ["Riolering", "2.010", "2.104"]], caption="Tabel 9.3 - Exploitatie en kredieten kapitaalgoederen")
    credits.header_rows = 1
    assert judge_table(credits).kind != "budget"  # a value column naming credits still decides


def test_a_wrapped_programme_block_header_names_its_block() -> None:
    """"Programma:P5 Natuur, klimaat en" / "mobiliteit" without its kind headers (they wrapped onto the sub-header)
    names the block below it; the sub-header row under it does not reset the programme."""
    table = _grid_table([["Programma:P4 Fysieke leefomgeving", "Begroting 2023", "", ""],
                         ["Saldo per taakveld", "Baten", "Lasten", "Saldo"],
                         ["8.3 Wonen en bouwen", "1.432", "-937", "495"],
                         ["Programma:P5 Natuur, klimaat en", "", "", ""],
                         ["mobiliteit", "", "", ""],
                         ["Saldo per taakveld", "Baten", "Lasten", "Saldo"],
                         ["2.1 Verkeer en vervoer", "198", "-4.287", "-4.089"],
                         ["Saldo van baten en lasten programma's", "1.630", "-5.224", "-3.594"]],
                        caption="Overzicht baten en lasten per taakveld (bedragen x € 1.000)")
    table.header_rows = 2
    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    lines, _ = read_budget(table, verdict, Metadata(document_type="jaarstukken", year=2023), [])
    programmes = {(line.label, line.programme) for line in lines}
    assert ("8.3 Wonen en bouwen", "P4") in programmes
    assert ("2.1 Verkeer en vervoer", "P5") in programmes
    assert ("Saldo van baten en lasten programma's", None) in programmes  # the total over all programmes
