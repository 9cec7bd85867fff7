"""Programme and year context of tables from the enclosing headings (issue 10): the heading a table stands
under names its programme only when the document says it is a programme, a paragraaf ends the programme, a
verschil column without a year takes the year of the columns it compares, and a "begroting" column without a
year takes the year its section's heading names. Small synthetic documents, text and PDF, through the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.model import Document
from extractor.parse.budget import _verschil_year
from extractor.pipeline import ExtractOptions, extract_document
from tests.table_factory import PAGE_H, _escape, _pdf

_PROGRAMME_PAGE = """3. Wonen en ruimte

Toelichting op programma Wonen en ruimte

Wat gaan we doen?

Dit onderdeel omvat de uitgaven voor ruimtelijke ordening en volkshuisvesting.

Wat gaat het kosten?

Exploitatie Realisatie 2024 Begroting 2025 Begroting 2026
Lasten
8.1 Ruimtelijke ordening 120.500 130.000 135.250
8.3 Wonen en bouwen 310.000 298.400 301.900
Totaal Lasten 430.500 428.400 437.150
Baten
8.3 Wonen en bouwen -55.000 -60.000 -61.000
Totaal Baten -55.000 -60.000 -61.000
"""

_HEADER = ["Rekening 2022", "Begroting 2023", "Begroot na wijz. 2023", "Rekening 2023", "Verschil begr.na wijz. / rekening"]


def _block(code: str, taakveld: str, rows: list[tuple[str, list[str]]]) -> list[str]:
    """One deelprogramma block copied from a web page: one cell per line, blank lines between."""
    cells = [code, *_HEADER, taakveld]
    for label, values in rows:
        cells += [label, *values]
    return cells


_DEELPROGRAMMA_PAGE = "\n\n".join([
    "Overzicht baten en lasten per taakveld", "Programma's",
    *_block("2A WERK EN INKOMEN", "6.3 Inkomensregelingen", [
        ("Totaal lasten", ["8.587", "6.247", "9.374", "9.342", "32"]),
        ("Totaal baten", ["5.192", "5.398", "5.930", "6.077", "147"]),
        ("Totaal deelprogramma 2A", ["-3.395", "-849", "-3.444", "-3.265", "179"])]),
    *_block("2B ZORG", "6.6 Maatwerkvoorziening", [
        ("Totaal lasten", ["1.200", "1.300", "1.400", "1.350", "50"]),
        ("Totaal baten", ["100", "110", "120", "130", "10"])]),
]) + "\n"

_BUNDLE = """Bestuursrapportage augustus 2024

Vergadering algemeen bestuur 7 november 2024

{section}

Beleidsindicatoren

Indicator | Begroting
Formatie | 1,22
Bezetting | 1,24
Apparaatskosten | 21,75
"""


def _extract(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(str(path), ExtractOptions(enrich=False))


def test_a_numbered_page_title_the_page_calls_a_programme_is_the_programme_of_its_table(tmp_path: Path) -> None:
    lines = _extract(tmp_path, "wonen.txt", _PROGRAMME_PAGE).budget_lines
    assert len(lines) == 15
    assert {b.programme for b in lines} == {"3. Wonen en ruimte"}


def test_a_numbered_heading_nobody_calls_a_programme_gives_no_programme(tmp_path: Path) -> None:
    text = _PROGRAMME_PAGE.replace("Toelichting op programma Wonen en ruimte", "Toelichting")
    lines = _extract(tmp_path, "hoofdstuk.txt", text).budget_lines
    assert len(lines) == 15
    assert {b.programme for b in lines} == {None}


def test_a_paragraaf_under_a_programme_heading_takes_no_programme(tmp_path: Path) -> None:
    text = _PROGRAMME_PAGE.replace("Wat gaat het kosten?", "Paragraaf lokale heffingen")
    lines = _extract(tmp_path, "paragraaf.txt", text).budget_lines
    assert len(lines) == 15
    assert {b.programme for b in lines} == {None}


def test_deelprogramma_blocks_take_their_heading_and_the_verschil_column_its_year(tmp_path: Path) -> None:
    lines = _extract(tmp_path, "taakvelden.txt", _DEELPROGRAMMA_PAGE).budget_lines
    by_programme = {b.programme for b in lines}
    assert by_programme == {"2A WERK EN INKOMEN", "2B ZORG"}
    closing = [b for b in lines if b.label == "Totaal deelprogramma 2A"]
    assert {b.programme for b in closing} == {"2A WERK EN INKOMEN"} and len(closing) == 5
    verschil = [b for b in lines if b.kind == "verschil"]
    assert len(verschil) == 5 and {b.year for b in verschil} == {2023}
    assert [b.amount for b in lines if b.programme == "2B ZORG" and b.kind == "verschil"] == [50.0, 10.0]


def test_without_the_programme_list_or_a_closing_total_a_capitals_heading_is_no_programme(tmp_path: Path) -> None:
    text = _DEELPROGRAMMA_PAGE.replace("Programma's", "Overzicht").replace("Totaal deelprogramma 2A", "Totaal")
    lines = _extract(tmp_path, "zonder.txt", text).budget_lines
    assert len(lines) == 25
    assert {b.programme for b in lines} == {None}


@pytest.mark.parametrize(
    ("columns", "year"),
    [
        ([(1, "begroting_na_wijziging", 2023, None), (2, "rekening", 2023, None)], 2023),
        ([(1, "begroting", 2023, None), (2, "rekening", 2024, None)], None),
        ([(1, "rekening", 2023, None)], None),
        ([(1, "begroting", None, None), (2, "rekening", None, None)], None),
    ],
)
def test_a_verschil_column_takes_a_year_only_when_the_columns_it_compares_share_one(columns: list[tuple], year) -> None:
    assert _verschil_year(9, columns) == year


@pytest.mark.parametrize(("section", "year"), [("Begroting 2025", 2025), ("Financiën", 2024)])
def test_begroting_without_a_year_takes_the_year_of_its_section(tmp_path: Path, section: str, year: int) -> None:
    document = _extract(tmp_path, "bundel.txt", _BUNDLE.format(section=section))
    assert document.metadata.year == 2024
    values = [v for i in document.indicators for v in i.values]
    assert len(values) == 3
    assert {(v.type, v.year) for v in values} == {("streefwaarde", year)}


def _page(ops: list[str], heading: str) -> list[str]:
    """A PDF page: a large bold heading, two lines of body text, a ruled budget table."""
    def text(x: float, top: float, s: str, size: float = 10, bold: bool = False) -> None:
        ops.append(f"BT {'/F2' if bold else '/F1'} {size} Tf 1 0 0 1 {x:.2f} {PAGE_H - top - size:.2f} Tm ({_escape(s)}) Tj ET")

    text(50, 60, heading, 16, True)
    text(50, 100, "In dit hoofdstuk staat wat we willen bereiken en wat het kost. De tabel hieronder geeft de")
    text(50, 114, "lasten en baten van dit onderdeel, in duizenden euro's, voor de begroting en de raming.")
    rows = [["Bedragen x € 1.000", "Rekening 2023", "Begroting 2024", "Begroting 2025"],
            ["Lasten", "1.200", "1.300", "1.400"], ["Baten", "200", "250", "300"], ["Saldo", "-1.000", "-1.050", "-1.100"]]
    xs, top = [50, 250, 350, 450, 550], 175
    for r, row in enumerate(rows):
        y = top + 18 * r
        ops.append(f"0.5 w 50 {PAGE_H - y:.2f} m 550 {PAGE_H - y:.2f} l S")
        for c, cell in enumerate(row):
            text(xs[c] + 3, y + 4, cell, 9)
    bottom = top + 18 * len(rows)
    ops.append(f"0.5 w 50 {PAGE_H - bottom:.2f} m 550 {PAGE_H - bottom:.2f} l S")
    ops += [f"0.5 w {x} {PAGE_H - top:.2f} m {x} {PAGE_H - bottom:.2f} l S" for x in xs]
    return ops


def test_pdf_tables_take_the_programme_of_their_heading_and_none_under_a_paragraaf(tmp_path: Path) -> None:
    path = tmp_path / "begroting.pdf"
    path.write_bytes(_pdf([_page([], "Programma 3 Wonen en ruimte"), _page([], "Paragraaf 4 Lokale heffingen")]))
    lines = extract_document(str(path), ExtractOptions(enrich=False)).budget_lines
    assert {b.page for b in lines} == {1, 2} and len(lines) == 18
    assert {b.programme for b in lines if b.page == 1} == {"Programma 3 Wonen en ruimte"}
    assert {b.programme for b in lines if b.page == 2} == {None}


@pytest.mark.parametrize("closing", ["Totaal deelprogramma 1A", "Totaal"])
def test_a_corner_cell_block_header_confirmed_by_a_closing_total_names_the_block(closing: str) -> None:
    from extractor.layout.tables import Table, TableRow
    from extractor.model import Metadata
    from extractor.parse.budget import read_budget
    from extractor.parse.table_semantics import judge_table

    def rows(cells: list[list[str]]) -> list[TableRow]:
        return [TableRow(cells=r, page=3, bbox=(50.0, 100.0 + 15 * i, 550.0, 112.0 + 15 * i), spans=[1] * len(r))
                for i, r in enumerate(cells)]

    header = ["Rekening 2023", "Begroting 2024", "Verschil"]
    cells = [["1A VITALE INWONERS", *header], ["Totaal lasten", "1.724", "2.043", "319"],
             [closing, "-2.916", "-3.394", "-478"],
             ["1B ZORG", *header], ["Totaal lasten", "1.272", "1.467", "195"]]
    table = Table(page=3, bbox=(50.0, 100.0, 550.0, 180.0), rows=rows(cells), columns=[50.0, 250.0, 350.0, 450.0, 550.0], pages=[3],
                  header_rows=1, caption="Bedragen x € 1.000")
    verdict = judge_table(table)
    assert verdict.kind == "budget"
    lines, _ = read_budget(table, verdict, Metadata(year=2024), [])
    got = {(b.programme, b.label, b.amount) for b in lines if b.kind == "rekening"}
    if closing == "Totaal":  # nothing says the codes are programmes': no programme
        assert {b.programme for b in lines} == {None} and len(got) == 3
        return
    assert got == {("1A VITALE INWONERS", "Totaal lasten", 1_724_000.0),
                   ("1A VITALE INWONERS", closing, -2_916_000.0), ("1B ZORG", "Totaal lasten", 1_272_000.0)}
    assert {b.year for b in lines if b.kind == "verschil"} == {None}  # rekening 2023 and begroting 2024 share no year
