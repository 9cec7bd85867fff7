"""Tables read from OCR'd pages (no Tesseract needed): what happens with OCR words and grids afterwards.

Scanned taakveld tables are printed as two halves of a spread, their header repeated over every block;
the image gives a grid with stray marks and shading edges off by a few points, and words whose
header copies are misread now and then. These tests build such pages and tables by hand.
"""

from __future__ import annotations

from extractor.layout.tables import Table, TableRow, find_ruled_tables, join_spread_halves
from extractor.model import Metadata
from extractor.parse.budget import read_budget
from extractor.parse.table_semantics import analyse_head, judge_table
from extractor.read.ocr import dutch_trema, without_doubles, words_from_hocr
from extractor.read.pdf import group_lines
from extractor.read.types import Page, Rule, Word

HEADER = ["Begroting 2023 Baten", "Begroting 2023 Lasten", "Begroting 2023 Saldo"]


def _table(rows: list[list[str]], x0: float = 10.0, top: float = 20.0, widths=(190.0, 65.0, 65.0, 65.0),
           caption: str | None = None, ocr: bool = True) -> Table:
    columns = [x0]
    for width in widths:
        columns.append(columns[-1] + width)
    table_rows = [TableRow(cells=list(r), page=1, bbox=(x0, top + 11 * i, columns[-1], top + 10 + 11 * i), spans=[1] * len(r))
                  for i, r in enumerate(rows)]
    return Table(page=1, bbox=(x0, top, columns[-1], top + 11 * len(rows)), rows=table_rows, columns=columns,
                 caption=caption, pages=[1], ocr=ocr)


def _page(height: float = 595.0) -> Page:
    return Page(number=1, width=842.0, height=height, lines=[], ocr=True)


# --- layout ------------------------------------------------------------------------------------------

def test_table_continued_in_the_right_half_of_a_spread_is_one_table() -> None:
    left = _table([["Programma:P1 Veiligheid Saldo van baten en lasten per taakveld", *HEADER],
                   *[[f"1.{k} Taakveld", "0", "-10", "-10"] for k in range(1, 45)],
                   ["Programma:P3 Bestuur", "Begroting 2023", "Begroting 2023", "Begroting 2023"]],
                  caption="Tabel 12.5 - Baten en lasten per taakveld")
    right = _table([["Saldo van baten en lasten per taakveld", "Baten", "Lasten", "Saldo"],
                    ["0.1 Bestuur", "0", "-1.691.983", "-1.691.983"]],
                   x0=450.0, top=25.0, widths=(188.0, 64.0, 64.0, 64.0))
    joined = join_spread_halves([right, left], _page())
    assert joined == [left] and left.rows[-1].cells[0] == "0.1 Bestuur"
    lines, _ = read_budget(left, judge_table(left), Metadata(year=2023), [])
    assert {(b.label, b.programme) for b in lines if b.label == "0.1 Bestuur"} == {("0.1 Bestuur", "P3")}


def test_side_by_side_tables_that_are_not_one_table_stay_apart() -> None:
    rows = [["Programma:P1 Veiligheid", *HEADER], *[[f"1.{k} Taakveld", "0", "-10", "-10"] for k in range(1, 45)]]
    left = _table(rows)
    captioned = _table(rows[:3], x0=450.0, caption="Tabel 3 - Investeringen")
    other_columns = _table([["Omschrijving", "Bedrag"], ["Subsidie", "1.000"]], x0=450.0, widths=(100.0, 60.0))
    assert len(join_spread_halves([left, captioned], _page())) == 2
    assert len(join_spread_halves([left, other_columns], _page())) == 2
    short = _table(rows[:5])  # the left part does not reach the foot of the page
    assert len(join_spread_halves([short, _table(rows[:3], x0=450.0)], _page())) == 2


def _word(text: str, x0: float, top: float, width: float) -> Word:
    return Word(text=text, x0=x0, top=top, x1=x0 + width, bottom=top + 7.0, size=7.0, confidence=0.9)


def test_letter_strokes_and_shifted_shading_edges_are_no_grid_lines_on_ocr_pages() -> None:
    """A short 'rule' through a header word and a header cell whose shading starts a few points low
    would split the label column and the header row; on an OCR'd page they are ignored."""
    words = [_word("Programma:P1", 12, 22, 50), _word("Veiligheid", 64, 22, 40),
             _word("Begroting", 205, 22, 30), _word("2023", 237, 22, 15),
             _word("1.1", 12, 42, 10), _word("Crisisbeheersing", 24, 42, 60), _word("1.000", 230, 42, 20)]
    rules = [Rule(10, 20, 270, 20.5), Rule(10, 38, 270, 38.5), Rule(10, 52, 270, 52.5),  # row rules
             Rule(10, 20, 10.5, 52), Rule(200, 20, 200.5, 52), Rule(270, 20, 270.5, 52),  # cell borders
             Rule(80, 20, 80.5, 24)]  # the stroke of the 'e' of Veiligheid standing on the top rule
    rects = [Rule(200, 26, 270, 38)]  # the header cell's shade, seen from 26 instead of 20
    page = Page(number=1, width=842.0, height=595.0, lines=group_lines(words, 1), rules=rules, rects=rects, ocr=True)
    (table,) = find_ruled_tables(page)
    assert table.n_cols == 2
    assert [row.cells for row in table.rows] == [["Programma:P1 Veiligheid", "Begroting 2023"], ["1.1 Crisisbeheersing", "1.000"]]
    page.ocr = False  # a text PDF's drawn shading is taken as drawn
    (text_table,) = find_ruled_tables(page)
    assert text_table.n_cols == 3


# --- meaning -----------------------------------------------------------------------------------------

def test_a_column_without_header_text_takes_the_header_repeated_lower_down() -> None:
    table = _table([
        ["Programma:P1 Veiligheid", "Begroting 2025 Baten", "", ""],
        ["1.1 Crisisbeheersing", "0", "-2.834.982", "-2.834.982"],
        ["Programma:P2 Mens", "Begroting 2025", "Begroting 2025", "Begroting 2025"],
        ["Saldo van baten en lasten per taakveld", "Baten", "Lasten", "Saldo"],
        ["4.1 Openbaar basisonderwijs", "0", "-163.189", "-163.189"],
    ])
    head = analyse_head(table)
    assert head.headers[1:] == ["Begroting 2025 Baten", "Begroting 2025 Lasten", "Begroting 2025 Saldo"]


def test_second_header_row_keeps_the_programme_and_the_total_of_all_programmes_closes_it() -> None:
    table = _table([
        ["Programma:P4 Fysieke leefomgeving", *HEADER],
        ["4.2 Onderwijshuisvesting", "0", "-1.111.641", "-1.111.641"],
        ["Programma:P5 Natuur", "Begroting 2023", "Begroting 2023", "Begroting 20"],  # a year cut off by OCR
        ["Saldo van baten en lasten per taakveld", "Baten", "Lasten", "Saldo"],
        ["2.1 Verkeer en vervoer", "198.164", "-4.685.858", "-4.487.694"],
        ["Saldo van baten en lasten alle programma’s Reserves", "79.347.044", "-79.455.431", "-108.387"],
        ["P1 Veiligheid", "0", "0", "0"],
    ])
    lines, errors = read_budget(table, judge_table(table), Metadata(year=2023), [])
    programmes = {(b.label, b.programme) for b in lines}
    assert ("2.1 Verkeer en vervoer", "P5") in programmes and ("4.2 Onderwijshuisvesting", "P4") in programmes
    assert ("P1 Veiligheid", None) in programmes
    assert not any("not read as one amount" in e.message for e in errors)


def test_ocr_header_copies_vote_on_a_columns_kind() -> None:
    """'Rexening 2020' over the first block, 'Rekening 2020' over every later one: the column is rekening."""
    head = ["Begroting actuee| 2020", "Rexening 2020"]
    block = ["Begroting actueel 2020", "Rekening 2020"]
    rows = [["Programma:P0 Bestuur", *head], ["0.1 Bestuur", "10", "20"]]
    for k in range(1, 4):
        rows += [[f"Programma:P{k} Blok", *block], [f"{k}.1 Taakveld", "10", "20"]]
    table = _table(rows, widths=(190.0, 65.0, 65.0))
    lines, _ = read_budget(table, judge_table(table), Metadata(year=2020), [])
    assert {(b.column.split()[0][:3], b.kind, b.year) for b in lines} == {("Beg", "begroting_na_wijziging", 2020),
                                                                          ("Rex", "rekening", 2020)}
    table.ocr = False  # a text layer's header is printed as it is read
    lines, _ = read_budget(table, judge_table(table), Metadata(year=2020), [])
    assert ("begroting", 2020) in {(b.kind, b.year) for b in lines}


# --- OCR words ---------------------------------------------------------------------------------------

def test_trema_read_as_acute_is_restored() -> None:
    assert dutch_trema("Geéscaleerde") == "Geëscaleerde"
    assert dutch_trema("financién") == "financiën"
    assert [dutch_trema(t) for t in ("één", "café", "Noé", "Één")] == ["één", "café", "Noé", "Één"]


def test_words_read_twice_keep_the_more_confident_reading() -> None:
    words = [Word("Verkeer", 14, 311, 40, 317, confidence=0.96), Word("keer", 20, 310, 35, 317, confidence=0.0),
             Word("en", 41, 311, 48, 317, confidence=0.95), Word("en", 42, 310, 49, 317, confidence=0.9),
             Word("vervoer", 50, 311, 70, 317, confidence=0.1), Word("vervoer", 51, 310, 72, 317, confidence=0.7)]
    assert [(w.text, w.confidence) for w in without_doubles(words)] == [("Verkeer", 0.96), ("en", 0.95), ("vervoer", 0.7)]


def test_a_line_across_two_tables_gives_each_run_of_words_its_own_baseline() -> None:
    """Tesseract ran one text line through two tables whose rows are 12 px apart: the right table's words
    keep the height their ink shows, so they land in their own row."""
    hocr = """<html><body><div class='ocr_page'>
<span class='ocr_line' title="bbox 10 100 1000 160; baseline 0 -20; x_size 30; x_descenders 7">
<span class='ocrx_word' title='bbox 10 110 80 140; x_wconf 95'>Jeugd</span>
<span class='ocrx_word' title='bbox 90 110 150 140; x_wconf 95'>100</span>
<span class='ocrx_word' title='bbox 600 122 700 152; x_wconf 95'>Reserves</span>
<span class='ocrx_word' title='bbox 710 122 760 152; x_wconf 95'>500</span>
</span></div></body></html>"""
    words = words_from_hocr(hocr, 1.0)
    tops = {w.text: w.top for w in words}
    assert tops["Jeugd"] == tops["100"] and tops["Reserves"] == tops["500"]
    assert tops["Reserves"] - tops["Jeugd"] >= 10
