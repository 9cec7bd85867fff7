"""Cells the text layer merged over several columns: split where the column template confirms it, else warned.

Small synthetic tables (words with their boxes, as the PDF reader gives them) and one real page: the BBV
kengetallen table of the Wassenaar begroting 2025 (p96), whose column rules are drawn in some rows only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.layout.cell_split import ARITHMETIC, amount, figure_tokens, is_multi_figure, row_relations, split_merged_cells
from extractor.layout.tables import Table, TableRow, find_tables
from extractor.parse.tables import TablesResult, _one_table
from extractor.read.types import Page, Rule, Word, make_line

SIZE = 9.0
CHAR = 5.0  # width of one character at SIZE


def _word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, top, x0 + CHAR * len(text), top + SIZE, size=SIZE)


def _placed(text: str, anchor: float, align: str, top: float) -> Word:
    """A word whose right edge, centre or left edge stands at `anchor`."""
    width = CHAR * len(text)
    x0 = anchor - width if align == "right" else anchor - width / 2 if align == "centre" else anchor
    return Word(text, x0, top, x0 + width, top + SIZE, size=SIZE)


def _box(words: list[Word]):
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def _table(rows: list[list[list[Word]]], columns: list[float], header: list[str], spans: list[list[int]]) -> tuple[Table, list[Word]]:
    """A ruled table from cells of words under a header of centred texts; `spans` per body row (0 = covered by
    the cell to its left)."""
    n = len(columns) - 1
    head = [[_placed(t, (columns[c] + columns[c + 1]) / 2, "centre", 10.0)] if t else [] for c, t in enumerate(header)]
    table_rows = [TableRow(list(header), 1, (columns[0], 10.0, columns[-1], 20.0), [_box(h) if h else None for h in head], [1] * n)]
    words = [w for cell in head for w in cell]
    for r, (cells, row_spans) in enumerate(zip(rows, spans)):
        top = 30.0 + 20.0 * r
        texts = [" ".join(w.text for w in cell) for cell in cells]
        boxes = [_box(cell) if cell else None for cell in cells]
        table_rows.append(TableRow(texts, 1, (columns[0], top, columns[-1], top + 12.0), boxes, row_spans))
        words.extend(w for cell in cells for w in cell)
    return Table(page=1, bbox=(columns[0], 10.0, columns[-1], 30.0 + 20.0 * len(rows)), rows=table_rows, columns=columns), words


def _kengetallen(align: str, merged_values: list[str], anchors_shift: float = 0.0) -> tuple[Table, list[Word]]:
    """Label column plus four year columns; the second body row's figures merged into one cell over all four."""
    columns = [50.0, 200.0, 260.0, 320.0, 380.0, 440.0]
    anchor = {"right": lambda c: columns[c + 1] - 4, "centre": lambda c: (columns[c] + columns[c + 1]) / 2, "left": lambda c: columns[c] + 4}[align]

    def row(top: float, label: str, values: list[str], shift: float = 0.0) -> list[list[Word]]:
        return [[_word(label, 52.0, top)]] + [[_placed(v, anchor(c + 1) + shift, align, top)] for c, v in enumerate(values)]

    first = row(30.0, "Solvabiliteit", ["60,5", "61,3", "62,1", "59,2"])
    merged = row(50.0, "Netto schuldquote", merged_values, anchors_shift)
    last = row(70.0, "Belastingcapaciteit", ["166,6", "164,3", "181,6", "181,6"])
    merged_cells = [merged[0], [w for cell in merged[1:] for w in cell], [], [], []]
    return _table([first, merged_cells, last], columns, ["Kengetallen", "Realisatie 2023", "Realisatie 2024", "Begroting 2025", "Begroting 2026"],
                  [[1, 1, 1, 1, 1], [1, 4, 0, 0, 0], [1, 1, 1, 1, 1]])


@pytest.mark.parametrize("align", ["right", "centre", "left"])
def test_merged_cell_is_split_where_the_figures_line_up_with_the_columns(align: str) -> None:
    table, words = _kengetallen(align, ["-20,5", "-9,3", "-1,3", "4,4"])
    assert table.rows[2].cells[1] == "-20,5 -9,3 -1,3 4,4"
    split_merged_cells(table, words)
    assert table.rows[2].cells == ["Netto schuldquote", "-20,5", "-9,3", "-1,3", "4,4"]
    assert table.rows[2].spans == [1, 1, 1, 1, 1]
    assert table.rows[2].cell_boxes[4] is not None and table.rows[2].cell_boxes[4][0] > 380.0
    assert table.merged_cells == []


def test_figures_between_the_columns_are_not_split_but_reported() -> None:
    """Shifted by half a column, every figure stands between two columns' places: no split, no value, a warning."""
    table, words = _kengetallen("right", ["-20,5", "-9,3", "-1,3", "4,4"], anchors_shift=-30.0)
    split_merged_cells(table, words)
    assert table.rows[2].cells[1] == "-20,5 -9,3 -1,3 4,4"
    assert [(m.page, m.label, m.text) for m in table.merged_cells] == [(1, "Netto schuldquote", "-20,5 -9,3 -1,3 4,4")]
    result = TablesResult()
    _one_table(table, 3, [], None, result)
    warned = [e for e in result.errors if e.code == "merged_cells"]
    assert len(warned) == 1 and "Netto schuldquote" in warned[0].message and "table 3 at page 1" in warned[0].message
    schuld = [i for i in result.indicators if "schuldquote" in i.name]
    assert all(not i.values for i in schuld)
    assert {v.value for i in result.indicators for v in i.values} >= {60.5, 166.6}


def test_fewer_figures_than_columns_go_to_the_columns_they_stand_in() -> None:
    table, words = _kengetallen("right", ["-20,5", "-9,3", "-1,3", "4,4"])
    merged = table.rows[2]
    kept = [w for w in words if w.text in ("-20,5", "-1,3")]
    words = [w for w in words if w.text not in ("-9,3", "4,4") or w.top != 50.0]
    merged.cells[1] = "-20,5 -1,3"
    merged.cell_boxes[1] = _box(kept)
    split_merged_cells(table, words)
    assert merged.cells == ["Netto schuldquote", "-20,5", "", "-1,3", ""]


def test_no_template_no_split() -> None:
    """Every body row merged: only the header's years say where the columns are, and one sample is not enough."""
    columns = [50.0, 200.0, 260.0, 320.0]
    cells = [[_word("Lasten", 52.0, 30.0)], [_placed("1.972", 256.0, "right", 30.0), _placed("-5.234", 316.0, "right", 30.0)], []]
    table, words = _table([cells], columns, ["", "2024", "2025"], [[1, 2, 0]])
    split_merged_cells(table, words)
    assert table.rows[1].cells[1] == "1.972 -5.234"
    assert [(m.page, m.label, m.text) for m in table.merged_cells] == [(1, "Lasten", "1.972 -5.234")]


def _budget(merged: list[str]) -> tuple[Table, list[Word]]:
    """Baten | Lasten | Saldo (saldo = baten + lasten), the last row's figures merged over the three columns."""
    columns = [50.0, 200.0, 260.0, 320.0, 380.0]
    rows = []
    spans = []
    body = [("Veiligheid", ["1.000", "-3.000", "-2.000"]), ("Onderwijs", ["500", "-1.500", "-1.000"]),
            ("Zorg", ["250", "-750", "-500"]), ("Cultuur", merged)]
    for r, (label, values) in enumerate(body):
        top = 30.0 + 20.0 * r
        cells = [[_word(label, 52.0, top)]] + [[_placed(v, columns[c + 2] - 4, "right", top)] for c, v in enumerate(values)]
        if r == len(body) - 1:
            cells = [cells[0], [w for cell in cells[1:] for w in cell], [], []]
            spans.append([1, 3, 0, 0])
        else:
            spans.append([1, 1, 1, 1])
        rows.append(cells)
    return _table(rows, columns, ["Programma", "Baten", "Lasten", "Saldo"], spans)


def test_split_that_obeys_the_saldo_relation_is_kept() -> None:
    table, words = _budget(["300", "-800", "-500"])
    split_merged_cells(table, words)
    assert table.rows[-1].cells == ["Cultuur", "300", "-800", "-500"]


def test_split_that_breaks_the_saldo_relation_of_the_other_rows_is_refused() -> None:
    table, words = _budget(["300", "-800", "-700"])
    split_merged_cells(table, words)
    assert table.rows[-1].cells[1] == "300 -800 -700"
    assert table.merged_cells and table.merged_cells[0].label == "Cultuur" and table.merged_cells[0].reason == ARITHMETIC


def test_row_relations_find_saldo_and_ignore_rows_with_merged_cells() -> None:
    table, _ = _budget(["300", "-800", "-700"])
    assert (1, 2, 3, 1) in row_relations(table.rows, table.n_cols)


def test_multi_figure_cells() -> None:
    assert is_multi_figure("1.972 -5.234") and is_multi_figure("n.v.t. n.v.t.")
    assert not is_multi_figure("6 - 6,5") and not is_multi_figure("10 (2021)") and not is_multi_figure("€ 769.100")
    assert not is_multi_figure("12 %") and not is_multi_figure("1.023 (nieuwbouw en splitsing)")
    assert amount("4.977-") == -4977.0 and amount("-20,5") == -20.5 and amount("1.972") == 1972.0 and amount("2,8%") == 2.8
    assert amount("12.4") is None


def test_a_sign_printed_apart_joins_its_figure() -> None:
    words = [_word("-", 100.0, 10.0), _word("20,5", 107.0, 10.0), _word("€", 150.0, 10.0), _word("1.000", 157.0, 10.0)]
    tokens = figure_tokens(words)
    assert tokens is not None and len(tokens) == 2 and tokens[0][0] == 100.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-99999, max_value=99999), min_size=2, max_size=5),
       st.sampled_from(["right", "centre", "left"]), st.integers(min_value=45, max_value=90))
def test_split_recovers_every_figure_in_its_own_column(values: list[int], align: str, width: int) -> None:
    """Any number of figures, any alignment, any column width wide enough for the figures: each goes to its column."""
    n = len(values)
    columns = [50.0, 200.0] + [200.0 + width * (k + 1) for k in range(n)]
    anchor = {"right": lambda c: columns[c + 1] - 3, "centre": lambda c: (columns[c] + columns[c + 1]) / 2, "left": lambda c: columns[c] + 3}[align]
    texts = [f"{v:,}".replace(",", ".") for v in values]

    def row(top: float, label: str) -> list[list[Word]]:
        return [[_word(label, 52.0, top)]] + [[_placed(t, anchor(c + 1), align, top)] for c, t in enumerate(texts)]

    rows = [row(30.0, "Een"), row(50.0, "Twee"), row(70.0, "Drie")]
    rows[1] = [rows[1][0], [w for cell in rows[1][1:] for w in cell]] + [[] for _ in range(n - 1)]
    spans = [[1] * (n + 1), [1, n] + [0] * (n - 1), [1] * (n + 1)]
    table, words = _table(rows, columns, ["Naam"] + [str(2020 + k) for k in range(n)], spans)
    split_merged_cells(table, words)
    if max(len(t) for t in texts) * CHAR + 6 < width:
        assert table.rows[2].cells == ["Twee", *texts]
    else:  # figures wider than their column: never placed in the wrong one
        assert table.rows[2].cells in (["Twee", *texts], ["Twee", " ".join(texts)] + [""] * (n - 1))


# --------------------------------------------------------------------------- a page with partial column rules


def _partial_rules_page() -> Page:
    """A ruled table whose value separators are drawn in the header and the first body row only; each header
    year stands in its own shaded box (a text highlight), which cuts the grid into more columns than the body has."""
    xs = [50.0, 200.0, 270.0, 340.0, 410.0]
    ys = [100.0, 115.0, 130.0, 145.0, 160.0, 175.0]
    rules = [Rule(xs[0], y, xs[-1], y) for y in ys] + [Rule(x, ys[0], x, ys[-1]) for x in (xs[0], xs[1], xs[-1])]
    rules += [Rule(x, ys[0], x, ys[2]) for x in xs[2:-1]]
    rects = []
    cells: list[tuple[str, float, float]] = [("Kengetal", 52.0, 103.0)]
    for c, year in enumerate(["2023", "2024", "2025"]):
        right = xs[c + 2] - 6
        cells.append((year, right - CHAR * 4, 103.0))
        rects.append(Rule(right - CHAR * 4 - 1, 102.0, right + 1, 113.0))
    body = [("Solvabiliteit", ["60,5", "61,3", "62,1"]), ("Schuldquote", ["-20,5", "-9,3", "-1,3"]),
            ("Belastingcapaciteit", ["166,6", "164,3", "181,6"]), ("Structurele ruimte", ["-1,4", "0,0", "0,0"])]
    for r, (label, values) in enumerate(body):
        top = ys[r + 1] + 3
        cells.append((label, 52.0, top))
        cells.extend((v, xs[c + 2] - 6 - CHAR * len(v), top) for c, v in enumerate(values))
    words = [_word(t, x, top) for t, x, top in cells]
    by_top: dict[float, list[Word]] = {}
    for w in words:
        by_top.setdefault(w.top, []).append(w)
    lines = [make_line(sorted(ws, key=lambda w: w.x0), page=4) for _, ws in sorted(by_top.items())]
    return Page(number=4, width=595.0, height=842.0, lines=lines, rules=rules, rects=rects)


def test_page_with_partial_column_rules_reads_every_figure_in_its_column() -> None:
    tables, _ = find_tables([_partial_rules_page()], use_camelot=False)
    assert len(tables) == 1
    body = {row.cells[0]: row.cells[1:] for row in tables[0].rows[1:]}
    assert body["Schuldquote"] == ["-20,5", "-9,3", "-1,3"]
    assert body["Structurele ruimte"] == ["-1,4", "0,0", "0,0"]
    assert tables[0].merged_cells == []


# --------------------------------------------------------------------------- a real page


def test_wassenaar_kengetallen_with_partial_rules(corpus_dir: Path) -> None:
    """Begroting 2025 p96 'Tabel 8.3': rows 1a, 1b and 4 have (some of) their column rules missing."""
    from extractor.layout import lay_out
    from extractor.read import read_document

    doc = lay_out(read_document(str(corpus_dir / "wassenaar" / "begroting_2025.pdf")))
    page = next(p for p in doc.pages if p.number == 96)
    tables, _ = find_tables([page], use_camelot=False)
    rows = {row.cells[0]: row.cells[1:] for t in tables for row in t.rows}
    assert rows["1a. Netto schuldquote"] == ["-20,5", "-9,3", "-1,3", "4,4", "8,4", "11,9"]
    assert rows["1b. Netto schuldquote gecorrigeerd voor verstrekte leningen"] == ["-26,2", "-14,6", "-6,7", "-1,2", "2,8", "6,5"]
    assert rows["4. Structurele exploitatie ruimte"] == ["-1,4", "0,0", "0,0", "-1,4", "-1,2", "-1,1"]


def test_text_table_cell_of_two_figures_is_warned_not_read() -> None:
    """A pipe row prints no positions: "1.972 -5.234" in one cell cannot be placed, so it is warned and left out."""
    from extractor.layout import lay_out
    from extractor.parse.tables import read_tables
    from extractor.read.types import Line, RawDocument

    text = "\n".join([
        "Wat mag het kosten? (bedragen x € 1.000)",
        "| Programma | Begroting 2024 | Begroting 2025 |",
        "| Baten | 1.200 | 1.300 |",
        "| Lasten | 1.972 -5.234 | |",
        "| Saldo | -800 | -900 |",
    ])
    lines = [Line(text=t, line_no=k + 1, page=0) for k, t in enumerate(text.split("\n"))]
    doc = RawDocument(path="x.txt", format="text", pages=[Page(number=0, lines=lines)], page_count=None, sha256="0", size=len(text))
    result = read_tables(lay_out(doc), [], None, use_camelot=False, prose=False)
    warned = [e for e in result.errors if e.code == "merged_cells"]
    assert len(warned) == 1 and "'Lasten'" in warned[0].message and "line 4" in warned[0].message
    assert not [b for b in result.budget_lines if b.label.startswith("Lasten")]
    assert {b.amount for b in result.budget_lines if b.label.startswith("Baten")} == {1_200_000.0, 1_300_000.0}


# --------------------------------------------------------------------------- rows stacked in one band


def _stacked_page(label_lines: list[tuple[str, float]], figure_tops: list[float]) -> Page:
    """A ruled table with column rules in every row but no row rule between the body rows of one band."""
    xs = [50.0, 250.0, 320.0, 390.0]
    ys = [100.0, 115.0, 200.0]
    rules = [Rule(xs[0], y, xs[-1], y) for y in ys] + [Rule(x, ys[0], x, ys[-1]) for x in xs]
    cells = [("Reserve", 52.0, 103.0), ("Begroting 2024", 252.0, 103.0), ("Begroting 2025", 322.0, 103.0)]
    cells += [(text, 52.0, top) for text, top in label_lines]
    values = [("577", "452"), ("44", "44"), ("1.285", "985")]
    for (a, b), top in zip(values, figure_tops):
        cells += [(a, xs[2] - 4 - CHAR * len(a), top), (b, xs[3] - 4 - CHAR * len(b), top)]
    words = [_word(t, x, top) for t, x, top in cells]
    by_top: dict[float, list[Word]] = {}
    for w in words:
        by_top.setdefault(w.top, []).append(w)
    lines = [make_line(sorted(ws, key=lambda w: w.x0), page=2) for _, ws in sorted(by_top.items())]
    return Page(number=2, width=595.0, height=842.0, lines=lines, rules=rules)


def test_rows_stacked_in_one_band_are_split_by_their_lines() -> None:
    """Three rows in one band; the last label wraps over two lines with its figures printed at their middle."""
    page = _stacked_page([("BR volkshuisvesting", 120.0), ("BR kunstopdrachten", 132.0), ("BR egalisatie", 144.0),
                          ("omgevingsvergunningen", 156.0)], [120.0, 132.0, 150.0])
    tables, _ = find_tables([page], use_camelot=False)
    body = [row.cells for row in tables[0].rows[1:]]
    assert body == [["BR volkshuisvesting", "577", "452"], ["BR kunstopdrachten", "44", "44"],
                    ["BR egalisatie omgevingsvergunningen", "1.285", "985"]]
    assert tables[0].merged_cells == []


def test_stacked_band_with_a_label_line_far_from_every_figure_is_not_split() -> None:
    """A heading line inside the band, far from every row of figures: the rows cannot be told; warned."""
    page = _stacked_page([("Bestemmingsreserves", 120.0), ("BR volkshuisvesting", 150.0), ("BR kunstopdrachten", 162.0),
                          ("BR egalisatie", 174.0)], [150.0, 162.0, 174.0])
    tables, _ = find_tables([page], use_camelot=False)
    assert len(tables[0].rows) == 2
    assert tables[0].merged_cells and "several printed lines" in tables[0].merged_cells[0].reason


def test_wassenaar_reserves_band_split_into_its_rows(corpus_dir: Path) -> None:
    """Begroting 2024 p119 'Tabel 12.6': eleven bestemmingsreserves printed in one band without row rules."""
    from extractor.layout import lay_out
    from extractor.read import read_document

    doc = lay_out(read_document(str(corpus_dir / "wassenaar" / "begroting_2024.pdf")))
    page = next(p for p in doc.pages if p.number == 119)
    tables, _ = find_tables([page], use_camelot=False)
    rows = {row.cells[0]: row.cells[1:] for t in tables for row in t.rows}
    assert rows["BR volkshuisvesting en duurzaamh."][:7] == ["577", "0", "-126", "452", "0", "-22", "430"]
    assert rows["BR Groencompensatie Amerikaans Ambassade"][:4] == ["375", "0", "0", "375"]
    assert rows["BR grote projecten"][-1] == "1.445"
    assert rows["Algemene reserve weerstandsvermogen"][0] == "8.000"
    assert not [m for t in tables for m in t.merged_cells]


def test_figures_a_word_space_apart_are_one_broken_figure_not_two() -> None:
    """"8 8.081" (a thousands figure the text layer broke at a kerning gap) lines up with nothing: warned as such."""
    columns = [50.0, 200.0, 260.0, 320.0]
    rows = [[[_word("Activa", 52.0, 30.0)], [_placed("1.000", 256.0, "right", 30.0)], [_placed("2.000", 316.0, "right", 30.0)]],
            [[_word("Passiva", 52.0, 50.0)], [_word("8", 226.0, 50.0), _word("8.081", 231.0 + 0.5 * SIZE, 50.0)], []],
            [[_word("Totaal", 52.0, 70.0)], [_placed("3.000", 256.0, "right", 70.0)], [_placed("4.000", 316.0, "right", 70.0)]]]
    table, words = _table(rows, columns, ["", "Begroting 2024", "Begroting 2025"], [[1, 1, 1], [1, 2, 0], [1, 1, 1]])
    split_merged_cells(table, words)
    assert table.rows[2].cells[1] == "8 8.081"
    assert table.merged_cells[0].reason.startswith("figures a word space apart")


def _saldo_page(stacked: list[tuple[str, str, str]]) -> Page:
    """Baten | Lasten | Saldo: two ruled rows obeying saldo = baten + lasten, then a band stacking two rows."""
    xs = [50.0, 200.0, 260.0, 320.0, 380.0]
    ys = [100.0, 115.0, 130.0, 145.0, 175.0]
    rules = [Rule(xs[0], y, xs[-1], y) for y in ys] + [Rule(x, ys[0], x, ys[-1]) for x in xs]
    cells = [("Programma", 52.0, 103.0), ("Baten", 222.0, 103.0), ("Lasten", 277.0, 103.0), ("Saldo", 342.0, 103.0)]
    body = [("Veiligheid", ("1.000", "-3.000", "-2.000"), 118.0), ("Onderwijs", ("500", "-1.500", "-1.000"), 133.0),
            ("Zorg", stacked[0], 148.0), ("Cultuur", stacked[1], 160.0)]
    for label, values, top in body:
        cells.append((label, 52.0, top))
        cells.extend((v, xs[c + 2] - 4 - CHAR * len(v), top) for c, v in enumerate(values))
    words = [_word(t, x, top) for t, x, top in cells]
    by_top: dict[float, list[Word]] = {}
    for w in words:
        by_top.setdefault(w.top, []).append(w)
    lines = [make_line(sorted(ws, key=lambda w: w.x0), page=3) for _, ws in sorted(by_top.items())]
    return Page(number=3, width=595.0, height=842.0, lines=lines, rules=rules)


def test_stacked_rows_must_obey_the_saldo_of_the_other_rows() -> None:
    good, _ = find_tables([_saldo_page([("250", "-750", "-500"), ("300", "-800", "-500")])], use_camelot=False)
    assert [r.cells for r in good[0].rows[-2:]] == [["Zorg", "250", "-750", "-500"], ["Cultuur", "300", "-800", "-500"]]
    bad, _ = find_tables([_saldo_page([("250", "-750", "-500"), ("300", "-800", "-700")])], use_camelot=False)
    assert bad[0].rows[-1].cells[0] == "Zorg Cultuur" and bad[0].merged_cells
