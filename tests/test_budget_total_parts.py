"""A table of a total and its parts printed one cell per line under a header of plain words ("waarvan" /
"Totaal" / "eigen" / "project-" / "kosten" / "taken"), numbered rows whose empty cells the copy dropped."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.tables import Table, TableRow
from extractor.layout.untyped_header_rows import untyped_header_tables
from extractor.parse.total_parts import PartRows, total_and_parts
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line

HEADER = ["waarvan", "Totaal", "eigen", "project-", "kosten", "taken"]


def _cells(*rows: list[str], header: list[str] = HEADER, intro: str = "Het financiële resultaat over 2031 is € 5.000.000 positief.") -> str:
    cells = [intro, *header, *(c for r in rows for c in r), "Tabel 1"]
    return "\n\n".join(cells)


ROWS = [
    ["1.a", "Bijdrage regiofonds (raad 3 maart)", "410", "410"],
    ["1.b", "Herziening projectkosten", "1.250", "-30", "1.280"],
    ["1.c", "Bijstelling voorjaar", "-75", "-75"],
    ["Totaal regels 1", "1.585", "305", "1.280"],
]


def _lines(text: str) -> list[Line]:
    return [Line(text=t, line_no=k + 1) for k, t in enumerate(text.split("\n"))]


def test_numbered_rows_under_plain_words_are_laid_out() -> None:
    """N is the most figures a row prints (two rows print all N); a row with fewer keeps them unplaced. The header's
    six word cells do not pair with three columns, so no column gets a guessed word: each is named by the whole
    header and its position."""
    tables = untyped_header_tables(_lines(_cells(*ROWS)))
    assert len(tables) == 1
    header, *body = tables[0].rows
    assert header.cells[1:] == [f"waarvan Totaal eigen projectkosten taken (kolom {k})" for k in (1, 2, 3)]
    assert [r.cells[0] for r in body] == ["1.a Bijdrage regiofonds (raad 3 maart)", "1.b Herziening projectkosten",
                                          "1.c Bijstelling voorjaar", "Totaal regels 1"]
    assert body[0].unplaced == ["410", "410"] and body[0].problem
    assert body[1].cells[1:] == ["1.250", "-30", "1.280"] and not body[1].unplaced


def test_header_words_that_pair_with_the_columns_name_them() -> None:
    tables = untyped_header_tables(_lines(_cells(*ROWS, header=["Totaal", "Eigen", "Project-", "kosten"])))
    assert tables[0].rows[0].cells[1:] == ["Totaal", "Eigen", "Projectkosten"]


def test_one_complete_row_is_no_table() -> None:
    assert untyped_header_tables(_lines(_cells(*ROWS[:3]))) == []


def _row(cells: list[str], unplaced: list[str] | None = None) -> TableRow:
    return TableRow(cells=cells, page=0, bbox=(0.0, 0.0, 0.0, 0.0), unplaced=unplaced or [])


def test_a_total_column_is_proven_by_two_rows_with_two_parts() -> None:
    body = [_row(["a", "10", "4", "6"]), _row(["b", "7", "9", "-2"]), _row(["c", "0", "0", "0"])]
    assert total_and_parts(body, [1, 2, 3]) == 1
    assert total_and_parts(body[:1] + body[2:], [1, 2, 3]) is None  # one proving row: could be chance
    assert total_and_parts([_row(["a", "10", "4", "3"]), *body[1:]], [1, 2, 3]) is None  # 10 ≠ 4 + 3 (beyond rounding)


def test_short_rows_are_placed_only_where_the_block_total_proves_them() -> None:
    """"410" / "410" fits the total with either part; the total row's parts tell which. Without a total row it stays
    unplaced."""
    body = [_row(["1.a x", "", "", ""], ["410", "410"]), _row(["1.b y", "1.250", "-30", "1.280"]),
            _row(["1.c z", "", "", ""], ["-75", "-75"]), _row(["Totaal regels 1", "1.585", "305", "1.280"]),
            _row(["2 w", "20", "12", "8"])]
    parts = PartRows(body, [1, 2, 3])
    assert parts.place(body[0]) == ["1.a x", "410", "410", ""]
    assert parts.place(body[2]) == ["1.c z", "-75", "-75", ""]
    no_total = PartRows(body[:3] + body[4:], [1, 2, 3])
    assert no_total.place(body[0]) is None


def test_the_page_gives_budget_lines_of_the_accounted_year(tmp_path: Path) -> None:
    path = tmp_path / "gemeente_jaarstukken_2031_resultaat.txt"
    path.write_text(_cells(*ROWS), encoding="utf-8")
    document = extract_document(str(path), ExtractOptions(enrich=False))
    got = sorted((b.label, b.column[-9:], b.amount) for b in document.budget_lines)
    assert got == sorted([
        ("1.a Bijdrage regiofonds (raad 3 maart)", "(kolom 1)", 410.0), ("1.a Bijdrage regiofonds (raad 3 maart)", "(kolom 2)", 410.0),
        ("1.b Herziening projectkosten", "(kolom 1)", 1250.0), ("1.b Herziening projectkosten", "(kolom 2)", -30.0),
        ("1.b Herziening projectkosten", "(kolom 3)", 1280.0),
        ("1.c Bijstelling voorjaar", "(kolom 1)", -75.0), ("1.c Bijstelling voorjaar", "(kolom 2)", -75.0),
        ("Totaal regels 1", "(kolom 1)", 1585.0), ("Totaal regels 1", "(kolom 2)", 305.0), ("Totaal regels 1", "(kolom 3)", 1280.0),
    ])
    assert {(b.kind, b.year) for b in document.budget_lines} == {("bedrag", 2031)}
    assert any(e.code == "table_uncertain" and "no unit" in e.message for e in document.errors)


def test_without_money_in_the_context_the_columns_stay_unread(tmp_path: Path) -> None:
    """The same grid under a sentence about inhabitants: a total and its parts, but nothing says they are euros."""
    path = tmp_path / "gemeente_jaarstukken_2031_aantallen.txt"
    header = ["waarvan", "Totaal", "binnen", "buiten", "de stad"]
    path.write_text(_cells(*ROWS, header=header, intro="Het aantal deelnemers per regeling in 2031."), encoding="utf-8")
    document = extract_document(str(path), ExtractOptions(enrich=False))
    assert document.budget_lines == [] and document.indicators == []


def test_a_header_with_kind_words_is_left_to_the_typed_readers() -> None:
    """"Lasten" / "Baten" name kinds (the typed one-cell-per-line reader's header); a year cell right above plain words
    means the header began earlier: neither is read here."""
    assert untyped_header_tables(_lines(_cells(*ROWS, header=["Totaal", "Lasten", "Baten"]))) == []
    assert untyped_header_tables(_lines(_cells(*ROWS, header=["Rekening 2031", "Totaal", "Eigen", "Overig"]))) == []
