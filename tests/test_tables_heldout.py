"""Table shapes met first in the held-out check (docs/tables.md, "Held-out style check").

Each test builds the shape small (a synthetic page or a few text lines) so it can fail on its own:
a grid drawn only by shaded rows with white bands of several printed rows, a total printed under the
frame, a group row over area rows, a scale note on its own line above a copied web table, a
"Programma X" row with figures right under the header, a programme section ended by the next chapter,
and one warning per numeric table that no reader used.
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.tables import Table, TableRow, find_tables
from extractor.model import GoalNode, Metadata, TableNote
from extractor.parse.budget import read_budget
from extractor.parse.table_semantics import judge_table
from extractor.parse.tables import _section_goals, not_used_warnings
from extractor.pipeline import extract_document
from extractor.read.types import Page, Rule, Word, make_line
from tests.test_tables_pdf import _words  # synthetic words of a fixed width per character

XS = [70.0, 250.0, 310.0, 370.0]


def _right(text: str, x1: float, top: float, bold: bool = False) -> tuple[str, float, float, bool]:
    """A right-aligned figure ending at x1 (as printed in value columns)."""
    return text, x1 - 5.0 * len(text), top, bold


def _page(cells: list[tuple[str, float, float, bool]], rules: list[Rule], rects: list[Rule]) -> Page:
    words = [w for text, x, top, bold in cells for w in _words(text, x, top, bold)]
    by_top: dict[float, list[Word]] = {}
    for w in words:
        by_top.setdefault(w.top, []).append(w)
    lines = [make_line(sorted(ws, key=lambda w: w.x0), page=3) for _, ws in sorted(by_top.items())]
    return Page(number=3, width=595.0, height=842.0, lines=lines, rules=rules, rects=rects)


def _shaded_row(top: float, bottom: float) -> list[Rule]:
    return [Rule(XS[i], top, XS[i + 1], bottom) for i in range(len(XS) - 1)]


def _frame(top: float, bottom: float) -> list[Rule]:
    return [Rule(XS[0], top, XS[-1], top), Rule(XS[0], bottom, XS[-1], bottom),
            Rule(XS[0], top, XS[0], bottom), Rule(XS[-1], top, XS[-1], bottom)]


def _shaded_grid_page(with_total: bool) -> Page:
    """Header and subtotal rows shaded cell by cell; the rows between them are white, without any rule."""
    cells = [
        ("Bedragen x € 1.000", 72.0, 102.0, True), _right("2025", 305.0, 102.0, True), _right("2026", 365.0, 102.0, True),
        ("1. Inwonersgroei 2025 (1,41%)", 72.0, 115.0, False), _right("169", 305.0, 115.0), _right("176", 365.0, 115.0),
        ("2. Loon & Prijsindex", 72.0, 127.0, False), _right("646", 305.0, 127.0),
        ("3. Versterking bestuur ondersteuning", 72.0, 141.0, False), _right("250", 305.0, 146.0),
        ("en beleid", 72.0, 151.0, False),
        ("subtotaal wijzigingen", 72.0, 167.0, True), _right("1.065", 305.0, 167.0, True), _right("176", 365.0, 167.0, True),
    ]
    if with_total:
        cells += [("Totaal incl. mutaties", 72.0, 179.5, False), _right("14.151", 305.0, 179.5), _right("14.355", 365.0, 179.5)]
    rects = _shaded_row(100.0, 112.0) + _shaded_row(165.0, 177.0)
    rules = _frame(100.0, 177.0) + [Rule(XS[0], 139.0, XS[-1], 139.0)]  # a rule above the wrapped-label row
    return _page(cells, rules, rects)


def test_white_band_of_a_shaded_grid_is_split_into_its_printed_rows() -> None:
    tables, _ = find_tables([_shaded_grid_page(with_total=False)])
    assert len(tables) == 1
    rows = [r.cells for r in tables[0].rows]
    assert rows[0] == ["Bedragen x € 1.000", "2025", "2026"]
    assert rows[1] == ["1. Inwonersgroei 2025 (1,41%)", "169", "176"]
    assert rows[2] == ["2. Loon & Prijsindex", "646", ""]
    # a band of two lines with figures on one of them is one row with a wrapped label, not two rows
    assert rows[3] == ["3. Versterking bestuur ondersteuning en beleid", "250", ""]
    assert rows[4] == ["subtotaal wijzigingen", "1.065", "176"]


def test_white_band_split_gives_budget_lines_in_the_right_columns() -> None:
    tables, _ = find_tables([_shaded_grid_page(with_total=False)])
    verdict = judge_table(tables[0])
    assert verdict.kind == "budget" and verdict.scale == 1000.0
    lines, _ = read_budget(tables[0], verdict, Metadata(year=2025, document_type="kadernota"), [])
    got = {(b.label, b.year, b.amount) for b in lines}
    assert ("2. Loon & Prijsindex", 2025, 646_000.0) in got
    assert not any(b.label.startswith("2. Loon") and b.year == 2026 for b in lines)
    assert len(lines) == 6  # 2 + 1 + 1 + 2 printed amounts


def test_a_total_printed_just_under_the_frame_is_the_last_row() -> None:
    tables, _ = find_tables([_shaded_grid_page(with_total=True)])
    assert tables[0].rows[-1].cells == ["Totaal incl. mutaties", "14.151", "14.355"]
    assert not any("Totaal incl" in n.text for n in tables[0].notes)


def test_a_line_under_the_frame_that_is_prose_stays_a_note() -> None:
    page = _shaded_grid_page(with_total=False)
    page.lines.append(make_line(_words("NB. De bedragen in regel 3 zijn nog onzeker 2025", 72.0, 179.5), page=3))
    tables, _ = find_tables([page])
    assert tables[0].rows[-1].cells[0] == "subtotaal wijzigingen"
    assert tables[0].notes and tables[0].notes[0].text.startswith("NB.")


def _text_document(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path)


def test_group_row_over_area_rows_names_the_next_indicator_not_a_description(tmp_path: Path) -> None:
    text = "\n".join([
        "Beleidsindicatoren",
        "Indicator | Rekening 2018 | Begroting 2019 | Rekening 2019 | |",
        "Diefstallen uit woning | ||||",
        "Gemeente | 1,9 | 1,9 | 1,7 | |",
        "Nederland | 2,9 | 2,9 | 2,5 | |",
        "Eenheid: | Aantal per 1.000 inwoners | |||",
        "Vernielingen en beschadigingen (in de openbare ruimte) | ||||",
        "Gemeente | 5,0 | 4,2 | 4,3 | |",
        "Nederland | 6,3 | 4,8 | 5,4 | |",
        "",
    ])
    doc = _text_document(tmp_path, "jaarstukken_2019_indicatoren.txt", text)
    by_name = {i.name: i for i in doc.indicators}
    assert set(by_name) == {"Diefstallen uit woning", "Vernielingen en beschadigingen (in de openbare ruimte)"}
    assert [v.value for v in by_name["Diefstallen uit woning"].values if v.scope is None] == [1.9, 1.9, 1.7]
    assert by_name["Diefstallen uit woning"].description is None
    assert [v.value for v in by_name["Vernielingen en beschadigingen (in de openbare ruimte)"].values if v.scope is None] == [5.0, 4.2, 4.3]


def test_scale_note_on_its_own_line_above_a_copied_web_table_is_applied(tmp_path: Path) -> None:
    text = "\n".join([
        "Algemene baten en lasten", "", "bedragen x € 1.000", "",
        "werkelijk 2017", "", "begroot", "2018", "",
        "Lasten", "", "14.157", "", "14.763", "",
        "Baten", "", "89.572", "", "82.482", "",
    ])
    doc = _text_document(tmp_path, "begroting_2018_algemeen.txt", text)
    amounts = {(b.label, b.year): b.amount for b in doc.budget_lines}
    assert amounts[("Lasten", 2017)] == 14_157_000.0
    assert amounts[("Baten", 2018)] == 82_482_000.0


def _row(cells: list[str], top: float) -> TableRow:
    return TableRow(cells=cells, page=41, bbox=(70.0, top, 500.0, top + 10.0), cell_boxes=[None] * len(cells), spans=[1] * len(cells))


def test_programme_row_with_figures_under_the_header_is_a_body_row_naming_its_programme() -> None:
    rows = [
        _row(["", "Begroting 2025", "", ""], 100.0),
        _row(["Bedragen x € 1.000", "Lasten", "Baten", "Saldo"], 112.0),
        _row(["Programma Publieke Gezondheid", "61.552", "69.326", "7.775"], 124.0),
        _row(["Overhead", "12.330", "4.178", "-8.151"], 136.0),
        _row(["Programma resultaat", "73.882", "73.504", "-376"], 148.0),
    ]
    rows[0].spans = [1, 3, 0, 0]
    table = Table(page=41, bbox=(70.0, 100.0, 500.0, 160.0), rows=rows, columns=[70.0, 250.0, 330.0, 410.0, 500.0])
    verdict = judge_table(table)
    assert verdict.head is not None and verdict.head.header_rows == 2
    lines, _ = read_budget(table, verdict, Metadata(year=2025, document_type="begroting"), [])
    programme = {(b.label, b.column): b.programme for b in lines}
    assert programme[("Programma Publieke Gezondheid", "Begroting 2025 Lasten")] == "Programma Publieke Gezondheid"
    assert programme[("Overhead", "Begroting 2025 Lasten")] is None
    assert programme[("Programma resultaat", "Begroting 2025 Lasten")] is None  # "resultaat" names no programme


def test_programme_section_ends_at_the_next_heading_of_its_level() -> None:
    goals = [GoalNode(id="6", title="Ambulancehulpverlening en meldkamer", level="programma", page=38)]
    table = Table(page=41, bbox=(70.0, 300.0, 500.0, 400.0), rows=[], columns=[70.0, 500.0])
    headings = [(38, 90.0, 5, "ambulancehulpverlening en meldkamer"), (38, 200.0, 21, "ontwikkelingen"),
                (40, 90.0, 5, "financiën"), (41, 250.0, 22, "het overzicht van baten en lasten")]
    assert _section_goals(table, goals, headings) == []
    inside = Table(page=39, bbox=(70.0, 300.0, 500.0, 400.0), rows=[], columns=[70.0, 500.0])
    assert _section_goals(inside, goals, headings) == goals  # a sub-heading does not end the programme


def test_every_numeric_table_not_used_gets_its_own_warning_with_page_and_reason() -> None:
    rejected = [
        TableNote(page=79, reason="no value columns: …", numeric=True, detector="ruled"),
        TableNote(page=90, reason="a list (projects, risks, planning), not indicators or money", numeric=True, detector="ruled"),
        TableNote(page=91, reason="no value columns: …", numeric=False, detector="ruled"),
        TableNote(lines=(12, 30), reason="tariffs (tarieven, leges), not budget amounts or indicators", numeric=True, detector="text"),
    ]
    warnings = not_used_warnings(rejected)
    assert [w.page for w in warnings] == [79, 90, None]
    assert all(w.code == "tables_not_used" and w.severity == "warning" for w in warnings)
    assert "page 90" in warnings[1].message and "risks" in warnings[1].message
    assert "line 12" in warnings[2].message and "tariffs" in warnings[2].message


def test_a_year_spanning_sub_columns_stays_one_header_cell_while_glued_figures_are_split() -> None:
    xs = [70.0, 250.0, 300.0, 350.0, 400.0]
    cells = [
        ("Bedragen x € 1.000", 72.0, 102.0, True), ("2024", 315.0, 102.0, True),
        ("Programma", 72.0, 114.0, True), _right("baten", 295.0, 114.0, True), _right("lasten", 345.0, 114.0, True),
        _right("saldo", 395.0, 114.0, True),
        ("P1 Veiligheid", 72.0, 128.0, False), _right("102", 295.0, 128.0), _right("-4.204", 345.0, 128.0), _right("-4.102", 395.0, 128.0),
        ("P2 Sociaal domein", 72.0, 140.0, False), _right("11.652", 295.0, 140.0), _right("-38.934", 345.0, 140.0),
        _right("-27.282", 395.0, 140.0),
        ("Totaal", 72.0, 154.0, True), _right("11.754", 295.0, 154.0, True), _right("-43.138", 345.0, 154.0, True),
        _right("-31.384", 395.0, 154.0, True),
    ]
    rects = [Rule(70.0, 100.0, 250.0, 112.0), Rule(250.0, 100.0, 400.0, 112.0)]  # the year's cell spans the sub-columns
    rects += [Rule(xs[i], 112.0, xs[i + 1], 124.0) for i in range(4)] + [Rule(xs[i], 152.0, xs[i + 1], 164.0) for i in range(4)]
    frame = [Rule(70.0, 100.0, 400.0, 100.0), Rule(70.0, 164.0, 400.0, 164.0), Rule(70.0, 100.0, 70.0, 164.0), Rule(400.0, 100.0, 400.0, 164.0)]
    tables, _ = find_tables([_page(cells, frame, rects)])
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0].cells[1] == "2024" and rows[0].spans[1:] == [3, 0, 0]
    assert [r.cells for r in rows[2:4]] == [["P1 Veiligheid", "102", "-4.204", "-4.102"],
                                           ["P2 Sociaal domein", "11.652", "-38.934", "-27.282"]]


def test_a_header_box_over_an_unruled_body_becomes_its_header() -> None:
    from extractor.layout.tables import join_header_boxes

    box_rows = [TableRow(["", "Begroting 2025", "Begroting 2025"], 131, (70.0, 100.0, 400.0, 110.0), [None, (260.0, 100.0, 320.0, 110.0), (340.0, 100.0, 400.0, 110.0)], [1, 1, 1]),
                TableRow(["(bedragen x € 1.000)", "Onttrekking", "Mutaties"], 131, (70.0, 110.0, 400.0, 120.0), [None, None, None], [1, 1, 1])]
    box = Table(page=131, bbox=(70.0, 100.0, 400.0, 120.0), rows=box_rows, columns=[70.0, 250.0, 330.0, 400.0], method="ruled")
    body_rows = [_row(["P3 Bestuur en Middelen", "320", "320"], 126.0), _row(["P4 Fysieke leefomgeving", "920", "920"], 138.0)]
    body = Table(page=131, bbox=(70.0, 126.0, 400.0, 148.0), rows=body_rows, columns=[70.0, 240.0, 335.0, 400.0], method="aligned")
    tables = join_header_boxes([box], [body])
    assert tables == [body] and len(body.rows) == 4
    verdict = judge_table(body)
    assert verdict.kind == "budget" and verdict.head is not None
    assert verdict.head.headers[1:] == ["Begroting 2025 Onttrekking", "Begroting 2025 Mutaties"]
    far = Table(page=131, bbox=(70.0, 300.0, 400.0, 320.0), rows=body_rows, columns=[70.0, 240.0, 335.0, 400.0], method="aligned")
    assert box in join_header_boxes([box], [far])  # a box far above another table stays what it was
