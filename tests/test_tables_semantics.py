"""The shared table-meaning layer: cell joining, value columns with notes, prose splits, glued cells."""

from __future__ import annotations

from extractor.layout import lay_out
from extractor.layout.tables import join_wrapped
from extractor.model import Metadata
from extractor.parse.prose_targets import _target
from extractor.parse.tables import read_tables
from extractor.read.types import Line, Page, RawDocument


def laid_out_text(text: str):
    lines = [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]
    raw = RawDocument(path="x.txt", format="text", pages=[Page(number=0, lines=lines)], page_count=None, sha256="", size=0)
    return lay_out(raw)


def test_wrapped_cell_keeps_a_spelling_hyphen_and_drops_a_line_break_hyphen() -> None:
    assert join_wrapped("Aantal fte data-", "analyse") == "Aantal fte data-analyse"  # a-a: the hyphen is spelling
    assert join_wrapped("volwassen (ex-)", "gedetineerden") == "volwassen (ex-)gedetineerden"
    assert join_wrapped("aantal ziek-", "teverwekkers") == "aantal ziekteverwekkers"
    assert join_wrapped("re-", "integratie") == "re-integratie"
    assert join_wrapped("Aantal", "meldingen") == "Aantal meldingen"


def test_value_column_with_a_note_and_an_unknown_cell_is_still_read() -> None:
    """'Realisatie 2019' holds one figure, one figure with an explanation and one 'nog niet bekend': still a value column."""
    text = "\n".join([
        "Indicator", "", "Nulmeting", "", "Doelstelling 2019", "", "Realisatie 2019", "", "Ambitie 2022", "",
        "Aantal te bouwen woningen per jaar", "", "480", "", "850", "", "1.023 (nieuwbouw, transformatie en splitsing)", "", "850", "",
        "Aantal actief woningzoekenden", "", "9.813", "", "9.700", "", "nog niet bekend (volgt eind mrt)", "", "9.400", "",
        "Aantal vrijkomende sociale huurwoningen", "", "1.826", "", "1.850", "", "1.880", "", "1.900", "",
    ])
    result = read_tables(laid_out_text(text), [], Metadata(document_type="jaarstukken", year=2019), prose=False)
    values = {(i.name, v.year, v.type, v.value) for i in result.indicators for v in i.values}
    assert ("Aantal vrijkomende sociale huurwoningen", 2019, "realisatie", 1880.0) in values
    assert not any(v == 1023.0 for *_, v in values)  # a figure with an explanation is not read as the value ...
    assert any("1.023" in e.message for e in result.errors)  # ... but said so


def test_prose_target_with_a_split_keeps_every_share() -> None:
    sentence = ("Het bod voor duurzame opwek van elektriciteit in 2030 van 3,3TWh met een (streven) verhouding van "
                "60% opwek door windenergie en 40% door zonne-energie;")
    year, amounts = _target(sentence, 2023)
    assert year == 2030
    assert [a[0] for a in amounts] == [3.3, 60.0, 40.0]


def test_prose_percentages_that_are_no_split_give_only_the_quantity_after_the_year() -> None:
    year, amounts = _target("In 2030 willen we 60% wind en 30% zon.", 2023)  # 90 is not a split
    assert (year, [a[0] for a in amounts]) == (2030, [60.0])
    assert _target("Wij willen in de toekomst 60% wind en 30% zon en in 2030 meer.", 2023) is None


# ---------------------------------------------------------------- glued cells

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractor.layout.glued_cells import MAX_SPLITS, resolve_rows, split_glued_header, split_glued_numbers, split_glued_years  # noqa: E402

HELMOND = "\n".join([
    "(bedragen × € 1.000)",
    "",
    "RekeningPrimitieve begrotingBegroting incl.alle wijzigingenRekeningVerschil t.o.v begroting saldo",
    "20162017201720172017",
    "Baten408253273425152",
    "Lasten3.3543.1394.0363.122-914",
    "Saldo-2.946-2.886-3.763-2.6971.066",
    "Verrekening met reserves",
    "Onttrekking2951.1442.4812.209-273",
    "Storting4.99501.3371.3370",
])


def dutch(n: int) -> str:
    sign = "-" if n < 0 else ""
    return sign + f"{abs(n):,}".replace(",", ".")


def test_glued_header_years_and_figures_split() -> None:
    assert split_glued_header("RekeningPrimitieve begrotingBegroting incl.alle wijzigingen") == [
        "Rekening", "Primitieve begroting", "Begroting incl.alle wijzigingen"]
    assert split_glued_years("20162017201720172017") == ["2016", "2017", "2017", "2017", "2017"]
    assert split_glued_years("2016201") is None
    assert split_glued_numbers("3.3543.1394.0363.122-914", 5) == [["3.354", "3.139", "4.036", "3.122", "-914"]]
    assert len(split_glued_numbers("2951.1442.4812.209-273", 5)) == 3  # 295|1.144, 29|51.144, 2|951.144


def test_glued_table_is_split_where_certain_and_the_rest_is_warned() -> None:
    result = read_tables(laid_out_text(HELMOND), [], Metadata(document_type="jaarstukken", year=2017), prose=False)
    amounts = {(b.label, b.column, b.amount) for b in result.budget_lines}
    assert ("Lasten", "Rekening 2017", 3_122_000.0) in amounts
    assert ("Saldo", "Verschil t.o.v begroting saldo 2017", 1_066_000.0) in amounts
    assert ("Storting", "Rekening 2016", 4_995_000.0) in amounts
    assert not any(b.label == "Onttrekking" for b in result.budget_lines)
    warned = [e for e in result.errors if e.code == "glued_cells_ambiguous"]
    assert len(warned) == 1 and "Onttrekking" in warned[0].message


def test_saldo_arithmetic_picks_the_one_fitting_split() -> None:
    """'Baten' allows two readings (12|345 or 123|45); saldo = baten − lasten fixes it."""
    labels = ["Baten", "Lasten", "Saldo"]
    options = [split_glued_numbers("12345", 2), split_glued_numbers("1.0002.000", 2), split_glued_numbers("-877-1.955", 2)]
    assert len(options[0]) > 1
    chosen, left_out = resolve_rows(labels, options)
    assert chosen[0] == ["123", "45"] and left_out == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9_999_999), st.integers(0, 9_999_999)), min_size=1, max_size=4), st.integers(2, 6))
def test_glued_rows_are_never_split_wrongly(pairs: list[tuple[int, int]], n: int) -> None:
    """Baten, lasten and saldo rows of n columns, glued: every split kept is the printed one."""
    baten = [pairs[i % len(pairs)][0] for i in range(n)]
    lasten = [pairs[i % len(pairs)][1] for i in range(n)]
    saldo = [b - l for b, l in zip(baten, lasten)]
    rows = [baten, lasten, saldo]
    glued = ["".join(dutch(v) for v in row) for row in rows]
    options = [split_glued_numbers(g, n) for g in glued]
    for row, opts in zip(rows, options):
        assert len(opts) > MAX_SPLITS or [dutch(v) for v in row] in opts  # the printed split is among the readings
    chosen, left_out = resolve_rows(["Baten", "Lasten", "Saldo"], options)
    for row, got in zip(rows, chosen):
        assert got is None or got == [dutch(v) for v in row]
    assert set(left_out) == {i for i, c in enumerate(chosen) if c is None}


# ---------------------------------------------------------------- tabellenboek: centred wrapped labels, group rows

from extractor.layout.tables import Table, TableRow, fold_centred_labels  # noqa: E402
from extractor.parse.indicators import read_indicators  # noqa: E402
from extractor.parse.table_semantics import judge_table  # noqa: E402


def _row(label: str, figures: list[str], top: float, figure_top: float | None = None, bold: bool = False) -> TableRow:
    """A row of a ruled table: label box at `top`, figure boxes at `figure_top` (centred labels print them lower)."""
    ft = top if figure_top is None else figure_top
    boxes = [(60.0, top, 200.0, top + 10)] + [(220.0 + 60 * i, ft, 260.0 + 60 * i, ft + 10) if f else None for i, f in enumerate(figures)]
    return TableRow([label, *figures], 6, (60.0, top, 400.0, top + 10), boxes, [1] * (len(figures) + 1), bold=bold)


def tabellenboek() -> Table:
    rows = [
        _row("", ["Nederland", "Almere", "Dronten"], 80, bold=True),
        _row("Aantal respondenten", ["213978", "422", "763"], 100),
        _row("Gender", ["", "", ""], 122, bold=True),
        _row("Man", ["50", "49", "48"], 144),
        _row("Opleidingsniveau #", ["", "", ""], 166, bold=True),
        _row("hbo, wetenschappelijk onderwijs", ["", "", ""], 188),
        _row("(wo)", ["29", "32", "27"], 200, figure_top=194),  # figures between the two label lines
        _row("Heeft 3 jaar of langer", ["", "", ""], 222),
        _row("gezondheidsklachten die", ["", "", ""], 234),
        _row("(mogelijk) door het coronavirus", ["0,8", "*", "0,6"], 246, figure_top=240),
        _row("worden veroorzaakt", ["", "", ""], 258),
        _row("# Telt niet op tot 100%.", ["", "", ""], 300),
    ]
    return Table(page=6, bbox=(60.0, 80.0, 400.0, 310.0), rows=rows, columns=[60.0, 210.0, 270.0, 330.0, 400.0])


def test_centred_wrapped_labels_are_joined_and_footnotes_and_groups_stay() -> None:
    labels = [r.cells[0] for r in fold_centred_labels(tabellenboek().rows)]
    assert "hbo, wetenschappelijk onderwijs (wo)" in labels
    assert "Heeft 3 jaar of langer gezondheidsklachten die (mogelijk) door het coronavirus worden veroorzaakt" in labels
    assert "Gender" in labels and "# Telt niet op tot 100%." in labels


def test_centred_labels_are_left_alone_when_figures_sit_on_their_lines() -> None:
    rows = [_row("Aantal", ["1", "2"], 100), _row("Toelichting bij de tabel", ["", ""], 112), _row("Totaal", ["3", "4"], 124)]
    assert [r.cells[0] for r in fold_centred_labels(rows)] == ["Aantal", "Toelichting bij de tabel", "Totaal"]


def test_tabellenboek_sub_rows_are_named_with_their_group() -> None:
    table = tabellenboek()
    table.rows = fold_centred_labels(table.rows)
    verdict = judge_table(table)
    assert verdict.kind == "indicator"
    indicators, _ = read_indicators(table, verdict, Metadata(year=2024), 1, table_year=2024)
    names = [i.name for i in indicators]
    assert names[:3] == ["Aantal respondenten", "Gender Man", "Opleidingsniveau hbo, wetenschappelijk onderwijs (wo)"]
    man = indicators[1]
    assert {(v.scope, v.value, v.type) for v in man.values} == {("Nederland", 50.0, "referentie"), ("Almere", 49.0, "realisatie"),
                                                                 ("Dronten", 48.0, "realisatie")}


# ---------------------------------------------------------------- camelot only on pages with an unread numeric grid

from extractor.layout.tables import camelot_flavor, numeric_grid  # noqa: E402
from extractor.read.types import Word, make_line  # noqa: E402


def _page(rows: list[list[tuple[str, float]]]) -> Page:
    """A page whose lines print the given (text, right edge) cells; each cell is one word 30 pt wide."""
    lines = [make_line([Word(t, x1 - 30, 100 + 14 * i, x1, 110 + 14 * i, 9.0) for t, x1 in row]) for i, row in enumerate(rows)]
    return Page(number=1, lines=lines, width=595, height=842)


def test_numeric_grid_needs_figures_side_by_side_in_shared_columns() -> None:
    grid = _page([[("Baten", 120), ("1.234", 300), ("2.345", 360), ("-12", 420)] for _ in range(5)])
    contents = _page([[("Inleiding", 120), ("3", 200), ("Financiën", 330), ("24", 420)] for _ in range(8)])
    ragged = _page([[("Baten", 120), ("1.234", 300 + 40 * i), ("2.345", 460 + 40 * i)] for i in range(5)])
    assert numeric_grid(grid)
    assert not numeric_grid(contents)  # titles and page numbers alternate
    assert not numeric_grid(ragged)  # figures, but no shared columns
    assert not numeric_grid(_page([[("Baten", 120), ("1.234", 300), ("2.345", 360)] for _ in range(3)]))  # too few rows


def test_camelot_flavor_follows_the_installed_version() -> None:
    class WithNetwork:
        class parsers:  # noqa: N801 - mimics the module layout
            Network = object

    class Old:
        class parsers:  # noqa: N801
            Stream = object

    assert camelot_flavor(WithNetwork) == "network"
    assert camelot_flavor(Old) == "stream"


# ---------------------------------------------------------------- one vocabulary: the same header means the same from PDF and text

import pytest  # noqa: E402

from extractor.parse.tables import read_tables  # noqa: E402
from extractor.parse.table_semantics import classify_header  # noqa: E402


def _grid_table(rows: list[list[str]], page: int = 3) -> Table:
    """A PDF table as the grid finder hands it over: one row per list, one cell per column."""
    n = len(rows[0])
    body = [TableRow(cells=r, page=page, bbox=(50.0, 100.0 + 15 * i, 550.0, 112.0 + 15 * i), spans=[1] * n) for i, r in enumerate(rows)]
    return Table(page=page, bbox=(50.0, 100.0, 550.0, 112.0 + 15 * len(rows)), rows=body,
                 columns=[50.0 + 100 * k for k in range(n + 1)], pages=[page])


@pytest.mark.parametrize("header", ["Gemiddelde Flevoland", "Nederland 2022", "Vergelijkingscijfer Nederland (jaar)",
                                    "Realisatie 2023", "Streefwaarde 2026", "Peilwaarde", "Begroting 2025"])
def test_same_header_same_type_and_scope_from_pdf_and_text(header: str) -> None:
    table = _grid_table([["Indicator", "Bron", header], ["Aantal meldingen", "CBS", "12"]])
    pdf_values = read_indicators(table, judge_table(table), Metadata(), 1)[0][0].values
    text = "\n".join(["Indicatoren", "", f"Indicator\tBron\t{header}", "Aantal meldingen\tCBS\t12"])
    indicators = read_tables(laid_out_text(text), [], Metadata(), use_camelot=False, prose=False).indicators
    value = indicators[0].values[0]
    generic = classify_header(header)
    assert [(v.type, v.scope) for v in pdf_values] == [(value.type, value.scope)]
    assert generic.value_type == value.type
    assert value.scope == (generic.scope if value.type == "referentie" else None)


# ---------------------------------------------------------------- one indicator reader: what the effectindicator tables need

from extractor.model import GoalNode  # noqa: E402


def _text_table(rows: list[list[str]], notes: list[str]) -> Table:
    """A text table as a text reader hands it over: rows with line spans, the lines under it as notes."""
    body = [TableRow(cells=r, page=0, bbox=(0.0, 0.0, 0.0, 0.0), spans=[1] * len(r), lines=(10 + i, 10 + i)) for i, r in enumerate(rows)]
    return Table(page=0, bbox=(0.0, 0.0, 0.0, 0.0), rows=body, columns=[float(k) for k in range(len(rows[0]) + 1)], method="text",
                 notes=[Line(text=t, line_no=20 + i, page=0) for i, t in enumerate(notes)])


def test_footnotes_under_any_table_are_attached_by_mark() -> None:
    table = _text_table([["Effectindicator", "Realisatie 2022", "Streefwaarde 2025"],
                         ["% eenzaamheid*", "49%", "48%"],
                         ["Aantal meldingen**", "12", "10"],
                         ["Aantal bezoekers ¹", "1.200", "1.500"]],
                        ["* Percentage van de volwassenen met een hoge", "eenzaamheidsscore.", "** Meldingen bij de politie.",
                         "¹ Eigen telling.", "Bron: Gezondheidsmonitor"])
    indicators, _ = read_indicators(table, judge_table(table), Metadata(year=2024), 1)
    assert [i.footnotes for i in indicators] == [["* Percentage van de volwassenen met een hoge eenzaamheidsscore."],
                                                 ["** Meldingen bij de politie."], ["¹ Eigen telling."]]
    assert {i.source for i in indicators} == {"Gezondheidsmonitor"}
    assert indicators[0].id == "ind-l11-t1-r1" and indicators[0].page is None and indicators[0].lines == (11, 11)


def test_name_cell_gives_code_direction_and_source_and_columns_give_code_unit_programme() -> None:
    table = _grid_table([["Progr.", "Nr.", "Naam Indicator", "Eenheid", "Bron", "Realisatie Wassenaar (jaartal)", "Streefwaarde 2025"],
                         ["2", "17.", "Absoluut verzuim (-)", "Aantal per 1.000 leerlingen", "DUO", "1,3 (2021)", "1"],
                         ["1", "", "2A1.a Meldingen overlast (Bron: politie)", "", "", "40", "38 (2023)"]])
    goals = [GoalNode(id="P1", title="Veiligheid", level="programma", page=1), GoalNode(id="P2", title="Mens", level="programma", page=2)]
    indicators, errors = read_indicators(table, judge_table(table), Metadata(year=2024), 1, goals=goals)
    first, second = indicators
    assert (first.code, first.name, first.direction, first.unit, first.source, first.goal) == \
        ("17", "Absoluut verzuim", "decrease", "Aantal per 1.000 leerlingen", "DUO", "P2")
    assert (second.code, second.name, second.source, second.goal) == ("2A1.a", "Meldingen overlast", "politie", "P1")
    assert [(v.type, v.year, v.value) for v in second.values] == [("realisatie", None, 40.0)]  # 38 (2023) under 2025: left out
    assert any("other than their column's" in e.message for e in errors)
    assert all(v.bbox is None or v.page == 3 for v in first.values)


def test_a_table_of_budget_assumptions_is_neither_indicators_nor_budget() -> None:
    table = _grid_table([["Onderwerp", "Begroting 2024", "Begroting 2023"],
                         ["Salarissen De huidige cao loopt tot en met 1 januari 2024. De onderhandelingen over een nieuwe cao vanaf 2024 lopen op dit moment nog.", "4%", "3,3%"],
                         ["Omslagrente De omslagrente voor 2024 bedraagt net als in 2023 0%.", "0%", "0%"],
                         ["Belastingen De aanpassing van de belastingen en rechten is gelijk aan het door het Centraal Planbureau geraamde "
                          "inflatiepercentage voor het jaar.", "3,2%", "3,1%"],
                         ["Subsidies Het indexatiepercentage voor loon- en prijscompensatie is gelijk aan het algemene percentage dat in de "
                          "gemeentelijke begroting wordt gehanteerd.", "3,5%", "3%"],
                         ["Leveringen derden Het indexpercentage voor prijsstijgingen is gebaseerd op de consumentenprijsindex uit het Centraal Economisch Plan van het CPB.", "3,2%", "4,1%"]])
    verdict = judge_table(table)  # labels that are paragraphs are no indicator names, though they print "%"
    assert verdict.kind is None and verdict.numeric
    table.above = [Line(text="Uitgangspunten", page=3)]
    assert "parameters" in judge_table(table).reason


def test_any_table_keeps_a_sparse_typed_column_and_skips_goal_group_rows_in_the_row_number() -> None:
    """What the seed grids needed is general: a typed column of mostly "-" is read, a "Doel 2A1 …" row is no indicator,
    does not count in the id's row number and gives the rows below their goal; a header mark applies to every row."""
    table = _grid_table([["Indicator*", "Realisatie 2013", "Realisatie 2014", "Streefwaarde 2015"],
                         ["Aantal inbraken", "122", "-", "100 (-)"],
                         ["Doel 2A1 Minder woninginbraken", "", "", ""],
                         ["Slachtofferschap (%)", "11%", "13%", "8%"],
                         ["Aantal aangiften", "40", "-", "30"]])
    goals = [GoalNode(id="2A1", code="2A1", title="Minder woninginbraken", level="doel")]
    indicators, errors = read_indicators(table, judge_table(table), Metadata(year=2015), 1, goals=goals)
    assert errors == []
    assert [(i.id, i.name, i.goal) for i in indicators] == [
        ("ind-p3-t1-r1", "Aantal inbraken", None), ("ind-p3-t1-r2", "Slachtofferschap (%)", "2A1"),
        ("ind-p3-t1-r3", "Aantal aangiften", "2A1")]
    assert [(v.year, v.value) for v in indicators[1].values] == [(2013, 11.0), (2014, 13.0), (2015, 8.0)]
    assert indicators[0].direction == "decrease"
    assert all(i.footnotes == ["*"] for i in indicators)


# --------------------------------------------------------------------------- header forms that hid value columns


def test_group_headers_centred_over_baten_lasten_saldo_cover_the_whole_group() -> None:
    """'Rekening 2023' printed over the middle of 'baten | lasten | saldo' (no rule saying it spans) names all three
    columns; before, baten and saldo lost their year and kind and were left out without a word."""
    table = _grid_table([
        ["Programma", "", "Rekening", "", "", "Begroting", ""],
        ["bedragen x € 1.000", "", "2023", "", "", "2024", ""],
        ["", "baten", "lasten", "saldo", "baten", "lasten", "saldo"],
        ["P1 Veiligheid", "2.483", "-6.628", "-4.145", "102", "-4.489", "-4.387"],
        ["P2 Zorg", "9.688", "-36.647", "-26.959", "13.309", "-42.597", "-29.288"],
    ])
    table.rows[1].spans = [1, 1, 2, 0, 1, 1, 1]  # a year spanning two of its three sub-columns (a broken rule)
    table.rows[1].cells = ["bedragen x € 1.000", "", "2023", "", "", "2024", ""]
    from extractor.parse.budget import read_budget

    verdict = judge_table(table)
    assert verdict.kind == "budget", verdict.reason
    budget_lines, _ = read_budget(table, verdict, Metadata(document_type="begroting", year=2024), [])
    lines = {(b.label, b.kind, b.year, b.side): b.amount for b in budget_lines}
    assert lines[("P1 Veiligheid", "rekening", 2023, "baten")] == 2_483_000
    assert lines[("P2 Zorg", "begroting", 2024, "saldo")] == -29_288_000
    assert len(lines) == 12


def test_a_caption_in_the_corner_cell_keeps_the_year_headers_beside_it() -> None:
    table = _grid_table([
        ["Tabel 11.2 - Structureel begrotingssaldo (bedragen x € 1.000)", "2024", "2025", "2026"],
        ["Saldo baten en lasten", "-2.349", "-554", "-4.411"],
        ["Begrotingssaldo (A)", "32", "368", "-4.314"],
    ])
    verdict = judge_table(table)  # before: "no value columns" (the caption swallowed the whole header row)
    assert verdict.kind == "budget" and verdict.head.caption.startswith("Tabel 11.2") and verdict.scale == 1000
    assert [verdict.meanings[c].year for c in verdict.value_cols] == [2024, 2025, 2026]


def test_a_list_of_projects_with_amounts_and_years_is_still_not_read_as_indicators() -> None:
    table = _grid_table([["Project", "Trekker", "Planning"], ["Herinrichting Dorpsstraat", "Team Wegen", "2025"],
                         ["Nieuwe sporthal", "Team Sport", "2026"], ["Fietspad Noord", "Team Wegen", "2027"]])
    verdict = judge_table(table)
    assert verdict.kind is None


@pytest.mark.parametrize("header, kind, year", [("Rek. 2023", "rekening", 2023), ("Begroting na 1e wijziging 2024", "begroting_na_wijziging", 2024),
                                                ("Begroting na 2e begrotingswijziging", "begroting_na_wijziging", None),
                                                ("Begroting 2031 incl.wijz.", "begroting_na_wijziging", 2031),
                                                ("Begroting 2031 incl. wijz", "begroting_na_wijziging", 2031)])
def test_abbreviated_and_numbered_kinds_in_headers(header: str, kind: str, year: int | None) -> None:
    meaning = classify_header(header)
    assert (meaning.budget_kind, meaning.year) == (kind, year) and meaning.is_axis

