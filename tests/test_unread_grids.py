"""No numeric table dropped silently: figure grids that no table reader used or reported are found and warned.

Synthetic pages test the grid detector (a grid is flagged when nothing was read from it; prose with numbers,
a table of contents and a list of dates are never grids); real pages show a formerly silent grid now read.
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.numeric_grids import is_figure, numeric_grid_blocks, text_grid_blocks
from extractor.model import BudgetLine, ErrorCode, IndicatorValue, Indicator, TableNote
from extractor.parse.unread_grids import unread_grid_warnings, unread_grids, unread_text_grids
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line, Page, Word, make_line
from tests.pdf_factory import build_placed_pdf


def _words(text: str, x0: float, top: float) -> list[Word]:
    out: list[Word] = []
    x = x0
    for token in text.split():
        width = 5.0 * len(token)
        out.append(Word(token, x, top, x + width, top + 9.0, size=9.0))
        x += width + 3.0
    return out


def _right(text: str, x1: float, top: float) -> list[Word]:
    """`text` ending at `x1`: figures in a column are right-aligned."""
    return _words(text, x1 - 5.0 * len(text) - 3.0 * (len(text.split()) - 1), top)


def _page(rows: list[list[Word]], number: int = 1) -> Page:
    lines = [make_line(sorted(ws, key=lambda w: w.x0), page=number) for ws in rows if ws]
    return Page(number=number, width=595.0, height=842.0, lines=lines)


def _grid_page(top: float = 100.0) -> Page:
    rows = [_words("Omschrijving", 70, top) + _right("2023", 400, top) + _right("2024", 470, top) + _right("2025", 540, top)]
    for i, (label, figures) in enumerate([("Jeugd", ("1.250", "1.300", "1.410")), ("Wmo", ("875", "-12", "940")),
                                          ("Participatie", ("2.004", "1.998", "2.100")), ("Totaal", ("4.129", "3.286", "4.450"))]):
        y = top + 15.0 * (i + 1)
        rows.append(_words(label, 70, y) + _right(figures[0], 400, y) + _right(figures[1], 470, y) + _right(figures[2], 540, y))
    return _page(rows)


def test_a_grid_with_nothing_read_is_flagged_with_its_box() -> None:
    page = _grid_page()
    blocks = numeric_grid_blocks(page)
    assert len(blocks) == 1 and blocks[0].rows == 5 and len(blocks[0].edges) == 3
    notes = unread_grids([page], [], [], [])
    assert [(n.page, n.numeric) for n in notes] == [(1, True)]
    x0, top, x1, bottom = notes[0].bbox
    assert x0 < 80 and top <= 100 and x1 >= 535 and bottom >= 160
    warnings = unread_grid_warnings(notes)
    assert [w.code for w in warnings] == [ErrorCode.numeric_grid_unread] and warnings[0].severity == "warning"
    assert "page 1" in warnings[0].message


def _cell_line(column: str, x1: float, top: float) -> BudgetLine:
    return BudgetLine(label="Jeugd", column=column, kind="bedrag", amount=1, raw="1", page=1, bbox=(x1 - 20, top, x1, top + 9))


def test_a_grid_read_or_reported_is_not_flagged() -> None:
    page = _grid_page()
    read = [_cell_line("2023", 400, 115), _cell_line("2024", 470, 130), _cell_line("2025", 540, 145)]
    assert unread_grids([page], [], read, []) == []  # one figure read in every column
    value = IndicatorValue(year=2023, type="realisatie", value=875, raw="875", page=1, bbox=(385, 130, 400, 139))
    indicator = Indicator(id="i1", name="Wmo", values=[value])
    assert unread_grids([page], [indicator], read[1:], []) == []
    note = TableNote(page=1, bbox=(60, 95, 545, 170), reason="no value columns", numeric=True)
    assert unread_grids([page], [], [], [note]) == []
    continued = TableNote(page=0, bbox=(60, 600, 545, 800), reason="investeringen", numeric=True, pages=[0, 1])
    assert unread_grids([page], [], [], [continued]) == []  # the page holds the table's continuation
    elsewhere = BudgetLine(label="x", column="2023", kind="bedrag", amount=1, raw="1", page=1, bbox=(70, 600, 90, 609))
    assert len(unread_grids([page], [], [elsewhere], [])) == 1  # read figures elsewhere on the page do not cover it
    assert unread_grids([page], [], [], [], skip={1}) == []


def test_a_column_left_out_of_a_table_that_was_read_is_flagged() -> None:
    """Numbers lost inside an accepted table (a column skipped, its header not understood) are not silent either."""
    page = _grid_page()
    notes = unread_grids([page], [], [_cell_line("2023", 400, 115), _cell_line("2025", 540, 145)], [])
    assert len(notes) == 1 and "column" in notes[0].reason
    x0, top, x1, _ = notes[0].bbox
    assert 440 <= x0 and x1 <= 471 and top >= 115  # the 2024 column's figures, without its header year


def test_row_numbers_and_codes_before_the_labels_are_no_value_columns() -> None:
    """A numbering or taakveld-code column in front of the names ("1  6.  Verwijzingen Halt  8,4") is not a column
    of values left unread when the values right of the names are read."""
    rows, read = [], []
    for i, (code, nr, name, value) in enumerate([("1", "6.", "Verwijzingen Halt", "8,4"), ("1", "8.", "Winkeldiefstallen", "0,9"),
                                                 ("2", "9.", "Geweldsmisdrijven", "3,9"), ("2", "10.", "Diefstallen uit woning", "2,4")]):
        y = 100 + 15 * i
        rows.append(_right(code, 90, y) + _right(nr, 115, y) + _words(name, 125, y) + _right(value, 500, y) + _right("2,1", 560, y))
        read += [_cell_line("w", 500, y), _cell_line("nl", 560, y)]
    page = _page(rows)
    assert len(numeric_grid_blocks(page)) == 1
    assert unread_grids([page], [], read, []) == []


def test_prose_with_numbers_is_no_grid() -> None:
    texts = ["In 2023 hadden 1.250 inwoners een uitkering, 12% meer dan in 2022 (1.116).",
             "De gemeente telt 26.000 inwoners en 11.500 woningen; in 2030 willen we 1.200 woningen bouwen.",
             "Het tekort van € 2,3 miljoen in 2024 loopt op tot € 4,1 miljoen in 2027.",
             "Van de 3 scenario's kost het eerste 4 ton en het tweede 6 ton per jaar tot 2028."]
    page = _page([_words(t, 70, 100 + 14 * i) for i, t in enumerate(texts)])
    assert numeric_grid_blocks(page) == []
    assert unread_grids([page], [], [], []) == []


def test_a_table_of_contents_is_no_grid() -> None:
    entries = [("1 Inleiding", "3"), ("2 Programma's", "7"), ("2.1 Sociaal domein", "12"), ("2.2 Wonen", "19"),
               ("3 Paragrafen", "31"), ("4 Financiële begroting", "58")]
    rows = [_words(title, 70, 100 + 16 * i) + _right(number, 540, 100 + 16 * i) for i, (title, number) in enumerate(entries)]
    # a contents page in two columns alternates titles and page numbers on one line
    rows += [_words(a, 70, 300 + 16 * i) + _right(n, 280, 300 + 16 * i) + _words(b, 320, 300 + 16 * i) + _right(m, 540, 300 + 16 * i)
             for i, (a, n, b, m) in enumerate([("Inleiding", "3", "Wonen", "19"), ("Zorg", "7", "Paragrafen", "31"),
                                              ("Jeugd", "12", "Financiën", "58")])]
    rows.append(_right("2", 300, 800))  # the page number
    assert numeric_grid_blocks(_page(rows)) == []


def test_a_list_of_dates_and_addresses_is_no_grid() -> None:
    rows = []
    for i, (a, b, what) in enumerate([("12-03-2024", "15-04-2024", "Raadsvergadering"), ("14.05.2024", "18.06.2024", "Commissie"),
                                      ("1 juli 2024", "9 september 2024", "Begrotingsraad"), ("07-10-2024", "11-11-2024", "Evaluatie")]):
        y = 100 + 16 * i
        rows.append(_words(a, 70, y) + _words(b, 200, y) + _words(what, 330, y))
    for i, (street, postcode) in enumerate([("Postbus 23", "2240 AA Wassenaar"), ("Johan de Wittstraat 4", "2242 LZ Wassenaar"),
                                           ("Stadhuisplein 1", "1315 HR Almere")]):
        rows.append(_words(street, 70, 200 + 16 * i) + _words(postcode, 300, 200 + 16 * i))
    assert numeric_grid_blocks(_page(rows)) == []
    assert not is_figure("12.03.2024") and is_figure("€ 1.200") and is_figure("4.977-") and is_figure("-2.561")


def test_two_grids_side_by_side_in_page_columns_are_found_apart() -> None:
    rows = []
    for i in range(4):
        y = 100 + 15 * i
        rows.append(_words(f"Rij{i}", 40, y) + _right(str(10 + i), 200, y) + _right(str(20 + i), 250, y)
                    + _words(f"Rij{i}", 320, y) + _right(str(30 + i), 480, y) + _right(str(40 + i), 540, y))
    blocks = numeric_grid_blocks(_page(rows))
    assert len(blocks) == 1 and blocks[0].rows == 4 and len(blocks[0].edges) == 4  # one physical row band, four columns


def test_pipeline_warns_for_a_grid_no_reader_saw(tmp_path: Path) -> None:
    """A small PDF: an indicator table that is read, and under it figures in columns without any header."""
    placed = [(70.0, 80.0, "Tabel 1 Indicatoren"), (70.0, 100.0, "Indicator"), (330.0, 100.0, "Realisatie 2023"),
              (450.0, 100.0, "Streefwaarde 2024")]
    for i, (name, a, b) in enumerate([("% inwoners dat sport", "54", "60"), ("% tevreden over buurt", "71", "75"),
                                      ("Aantal bezoekers per 1.000 inwoners", "340", "360")]):
        placed += [(70.0, 118.0 + 16 * i, name), (360.0, 118.0 + 16 * i, a), (480.0, 118.0 + 16 * i, b)]
    placed.append((70.0, 300.0, "Hieronder staan de cijfers van het afgelopen jaar voor de wijken."))
    for i, (wijk, a, b, c) in enumerate([("Noord", "112", "98", "87"), ("Zuid", "130", "121", "119"),
                                         ("Oost", "77", "80", "92"), ("West", "141", "150", "149")]):
        placed += [(70.0, 360.0 + 16 * i, wijk), (330.0, 360.0 + 16 * i, a), (420.0, 360.0 + 16 * i, b), (510.0, 360.0 + 16 * i, c)]
    path = tmp_path / "grid.pdf"
    path.write_bytes(build_placed_pdf([placed]))
    document = extract_document(path, ExtractOptions(enrich=False, ocr="never"))
    values = [v for i in document.indicators for v in i.values]
    assert {v.raw for v in values} >= {"54", "60", "71", "75"}
    unread = document.coverage.grids_unread
    assert len(unread) == 1 and unread[0].page == 1 and unread[0].bbox[1] >= 350
    warnings = [e for e in document.errors if e.code == ErrorCode.numeric_grid_unread]
    assert len(warnings) == 1 and warnings[0].page == 1 and warnings[0].severity == "warning"
    assert document.status == "success"


# --------------------------------------------------------------------------- text input


def _text_lines(text: str) -> list[Line]:
    return [Line(text=t, line_no=n, page=0) for n, t in enumerate(text.split("\n"), start=1)]


def test_text_grid_with_nothing_read_is_flagged_by_its_lines() -> None:
    lines = _text_lines("\n".join([
        "De cijfers per wijk:", "", "Wijk\t2022\t2023", "Noord\t112\t98", "", "Zuid | 130 | 121", "Oost    77    80",
        "", "Daarna volgt weer gewone tekst met 12 woningen en 3 scholen in 2024.",
    ]))
    assert [b.lines for b in text_grid_blocks(lines)] == [(3, 7)]
    notes = unread_text_grids(lines, [], [], [])
    assert [(n.lines, n.page) for n in notes] == [((3, 7), None)]
    assert "lines 3-7" in unread_grid_warnings(notes)[0].message
    assert unread_text_grids(lines, [], [], [], table_lines=[(2, 8)]) == []
    assert unread_text_grids(lines, [], [], [TableNote(lines=(4, 6), reason="no value columns", numeric=True)]) == []


def test_text_prose_contents_and_dates_are_no_grid() -> None:
    lines = _text_lines("\n".join([
        "In 2023 hadden 1.250 inwoners een uitkering, 12% meer dan in 2022.",
        "1 Inleiding .......... 3", "2 Programma's .......... 7", "2.1 Sociaal domein .......... 12",
        "12-03-2024  Raadsvergadering", "14-05-2024  Commissie", "1 juli 2024  Begrotingsraad",
        "Postbus 23, 2240 AA Wassenaar", "Telefoon 14 070",
    ]))
    assert text_grid_blocks(lines) == []


def test_text_rows_flattened_to_single_spaces_are_a_grid() -> None:
    """pdftotext-flattened rows: the label and its figures separated by one space; a header of years is not a row."""
    lines = _text_lines("\n".join([
        "Kosten per onderdeel", "Onderdeel 2022 2023 2024", "Onderhoud wegen 1.234 1.310 1.402",
        "Verlichting 220 231- 240", "Groen 12,5% 13,0% 13,5%", "", "Daarna tekst over 2023 en 1.200 woningen.",
    ]))
    assert [(b.lines, b.rows, b.figures) for b in text_grid_blocks(lines)] == [((3, 5), 3, 9)]


def test_single_space_rows_with_figures_between_words_are_a_grid_but_sentences_are_not() -> None:
    """Rows flattened to single spaces whose figures stand between the name, unit, year and source words: a grid
    when a figure is written as a measured figure; sentences (ending in a full stop) and long lines are not."""
    lines = _text_lines("\n".join([
        "Onderwerp Meting Eenheid Score Klein Jaar Bron",
        "0. Dienstverlening  Wachttijd minuten per bezoek 4,20 n.v.t. 2022 Eigen registratie",
        "  Klachten aantal per 1.000 inwoners 2,4 1,9 2022 Eigen registratie",
        "2. Verkeer Ongevallen aantal per 10.000 inwoners 31 28 2021 Politie",
        "",
        "Het aantal ongevallen daalde van 31 naar 28 per 10.000 inwoners en de wachttijd bleef 4,20 minuten.",
        "In 2022 waren er 2,4 klachten per 1.000 inwoners tegen 1,9 in de regio, zo blijkt uit de meting.",
        "De score van 7,5 ligt boven het gemiddelde van 7,1 in de regio.",
    ]))
    assert [(b.lines, b.rows) for b in text_grid_blocks(lines)] == [((2, 4), 3)]


def test_lone_figures_inside_pipes_are_a_grid_and_a_table_set_aside_with_them_is_reported(tmp_path: Path) -> None:
    """A pipe table copied with every cell on its own line, tabs before and a pipe after each cell: the figures
    count as figures, and a table set aside with such cells gets its warning instead of vanishing."""
    rows = ["Overzicht (bedragen x € 1.000,-)  | ", "\t\t\tJaar A  | ", "\t\t\tJaar B  | ", "|---|---|---|"]
    for label, a, b in [("eerste post", "-1.234", "-1.310"), ("tweede post", "2.200", "2.310"), ("derde post", "77", "-80")]:
        rows += [f"{label}  | ", f"\t\t\t {a}  | ", f"\t\t\t {b}  | ", "\t\t"]
    path = tmp_path / "pipe_cells.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert text_grid_blocks(_text_lines(path.read_text(encoding="utf-8")))
    doc = extract_document(path, ExtractOptions())
    read = len(doc.budget_lines) + sum(len(i.values) for i in doc.indicators)
    warned = [e for e in doc.errors if e.code in (ErrorCode.tables_not_used, ErrorCode.numeric_grid_unread)]
    assert read == 6 or warned, "the figures are read or a warning names them"


def test_text_one_cell_per_line_is_a_grid_but_a_contents_list_is_not() -> None:
    """Text copied from a web table puts each cell on its own line (blank lines between); figures on consecutive
    cell lines are cells side by side. A contents list alternates a title and its page number: no grid."""
    table = ["Project", "", "Kosten", "", "Dekking", ""]
    for label, a, b in [("Fietspad", "1.250", "800"), ("Brug", "2.300", "2.100"), ("Plein", "640", "600")]:
        table += [label, "", a, "", b, ""]
    blocks = text_grid_blocks(_text_lines("\n".join(table)))
    assert [(b.lines, b.rows, b.figures) for b in blocks] == [((9, 23), 3, 6)]
    contents = ["Inhoud", ""]
    for title, page in [("Inleiding", "3"), ("Programma 1", "5"), ("Programma 2", "9"), ("Programma 3", "14"),
                        ("Programma 4", "18"), ("Programma 5", "22"), ("Bijlagen", "30")]:
        contents += [title, "", page, ""]
    assert text_grid_blocks(_text_lines("\n".join(contents))) == []


def test_one_cell_per_line_with_label_cells_between_lone_figures_is_a_grid() -> None:
    """Name, unit and year cells between the figures of a web table (one figure per row) still make a grid: the
    figures recur at one cell distance; a group row between rows does not break it. Blank lines do not count."""
    table = ["Kenmerk", "", "eenheid", "", "periode", "", "waarde", "", "Groep een", ""]
    for name, value in [("Alfa", "4,2"), ("Beta", "17"), ("Gamma", "0,9"), ("Groep twee", None), ("Delta", "311"),
                        ("Epsilon", "12,5"), ("Zeta", "7")]:
        table += [name, ""] if value is None else [name, "", "per 100 stuks", "", "2019", "", value, ""]
    blocks = text_grid_blocks(_text_lines("\n".join(table)))
    assert [(b.rows, b.figures) for b in blocks] == [(6, 6)]


def test_lone_figures_past_the_end_of_a_read_table_still_get_their_note() -> None:
    """One run of lone figures can go on past the table a reader took: the figures outside it are reported."""
    table = []
    for name, a, b in [("Alfa", "12", "15"), ("Beta", "7", "9"), ("Gamma", "31", "30"), ("Delta", "4", "6"),
                       ("Epsilon", "18", "21"), ("Zeta", "2", "3")]:
        table += [name, "", a, "", b, ""]
    lines = _text_lines("\n".join(table))
    (block,) = text_grid_blocks(lines)
    assert block.lines == (3, 35)
    notes = unread_text_grids(lines, [], [], [], table_lines=[(1, 17)])
    assert [(n.lines, "6 figures" in n.reason) for n in notes] == [((21, 35), True)]
    assert unread_text_grids(lines, [], [], [], table_lines=[(1, 23)]) == []  # four figures left: no grid by itself
    notes_below = table[:12]
    for part in ("Toelichting", "Bronnen"):
        notes_below += [part, ""]
        for number in ("1", "2", "3"):
            notes_below += [number, "", f"Een korte noot bij rij {number}.", ""]
    lines = _text_lines("\n".join(notes_below))
    assert unread_text_grids(lines, [], [], [], table_lines=[(1, 11)]) == []  # note numbers 1-3, 1-3 are no figures


def test_numbered_list_with_rising_numbers_between_labels_is_no_grid() -> None:
    """A contents list printed one cell per line with a chapter cell and a title cell before each page number."""
    contents = []
    for n, (title, page) in enumerate([("Inleiding", "3"), ("Wonen", "5"), ("Werken", "9"), ("Zorg", "14"),
                                       ("Groen", "18"), ("Geld", "22"), ("Bijlagen", "30")], start=1):
        contents += [f"Hoofdstuk {n}", "", title, "", page, ""]
    assert text_grid_blocks(_text_lines("\n".join(contents))) == []


# --------------------------------------------------------------------------- real pages


def _pages_tables(corpus_dir: Path, name: str, first: int, last: int):
    from extractor.layout import lay_out
    from extractor.parse.tables import read_tables
    from extractor.read import read_document

    raw = read_document(str(corpus_dir / name), ocr="never")
    raw.pages = [p for p in raw.pages if first <= p.number <= last]
    laid_out = lay_out(raw)
    return laid_out, read_tables(laid_out, [], None, use_camelot=False, prose=False)


def test_meerjarenbeeld_with_its_caption_beside_the_years_is_read_not_silent(corpus_dir: Path) -> None:
    """Wassenaar begroting 2024 p. 110: "Tabel 11.1 - Financieel Meerjarenbeeld (bedragen x € 1.000) | 2024 | … | 2027"
    over an unruled body used to be found by no table finder (the caption line carries the year headers) and
    table 11.2 (a ruled one with the same header form) was rejected for "no value columns"; both grids were lost
    without a word. Now 11.1 is read as budget lines by year; 11.2 prints no unit while 11.1 above it does, so its
    amounts could be thousands or euros: it is reported with that reason, not read. No grid on the page is silent."""
    laid_out, result = _pages_tables(corpus_dir, "wassenaar/begroting_2024.pdf", 109, 111)
    page = [p for p in laid_out.pages if p.number == 110][0]
    assert len(numeric_grid_blocks(page)) == 2
    lines = {(b.label, b.year): b.amount for b in result.budget_lines if b.page == 110}
    assert lines[("Primitieve begroting 2023", 2026)] == -2_561_000  # scaled by "bedragen x € 1.000"
    assert lines[("Kadernota 2024", 2027)] == -4_131_000
    assert ("Saldo baten en lasten", 2024) not in lines  # table 11.2: the unit is not printed, so not guessed
    assert [n for n in result.rejected if n.page == 110 and n.numeric]
    assert unread_grids([page], result.indicators, result.budget_lines, result.rejected) == []


def test_continued_rejected_table_covers_its_continuation_pages(corpus_dir: Path) -> None:
    """Wassenaar jaarstukken 2023 pp. 80-82: a table of investeringskredieten (rejected, with a warning) runs on over
    two more pages; the note names all three, so the figures of the continuations are not reported as silent
    (they were, when the note named only its first page)."""
    laid_out, result = _pages_tables(corpus_dir, "wassenaar/Jaarstukken_2023.pdf", 79, 83)
    notes = [n for n in result.rejected if n.page == 80 and "krediet" in n.reason]
    assert len(notes) == 1 and notes[0].pages == [80, 81, 82]
    pages = [p for p in laid_out.pages if p.number in (81, 82)]
    assert all(numeric_grid_blocks(p) for p in pages)
    assert unread_grids(pages, result.indicators, result.budget_lines, result.rejected) == []


def test_row_numbers_raised_above_their_row_no_longer_hide_the_table(corpus_dir: Path) -> None:
    """Wassenaar jaarstukken 2023 p. 14: the row number and programme ("1  1", a larger font) stand 3 pt above the
    row's name and amount, so each table row was two lines and no finder saw a table: the figure grid was silent
    (the first unread grids this check reported). The lines are now joined and the amounts read."""
    laid_out, result = _pages_tables(corpus_dir, "wassenaar/Jaarstukken_2023.pdf", 13, 16)
    amounts = {(b.page, b.label): b.amount for b in result.budget_lines}
    assert amounts[(14, "Opvang ontheemden uit Oekraïne")] == 278_000
    assert amounts[(15, "Specifieke Uitkering Gemeentelijk Onderwijsachterstandenbeleid")] == 395_000
    assert unread_grids(laid_out.pages, result.indicators, result.budget_lines, result.rejected) == []
