"""Budget lines: column kinds, scale, golden baten-en-lasten tables typed by hand from the rendered pages."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from extractor.layout.tables import Table, TableRow
from extractor.model import Document, Metadata
from extractor.parse.budget import read_budget
from extractor.parse.table_semantics import classify_header, judge_table, scale_of
from extractor.pipeline import ExtractOptions, extract_document

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Rekening 2022", "rekening"),
        ("Begroting 2025", "begroting"),
        ("Begroting 2023 primair", "begroting"),
        ("Begroting 2023 na wijziging", "begroting_na_wijziging"),
        ("Begroting actueel 2022", "begroting_na_wijziging"),
        ("Realisatie 2023", "realisatie"),
        ("Verschil 2023 Begr. na wijz. / realisatie", "verschil"),
        ("2024 prognose", "prognose"),
        ("Meerjarenraming 2026", "raming"),
        ("Totaal", None),
    ],
)
def test_column_kind(header: str, kind: str | None) -> None:
    assert classify_header(header).budget_kind == kind


@pytest.mark.parametrize(
    ("texts", "scale"),
    [
        (['( "- "= nadeel / "+"= voordeel ) bedragen x € 1.000'], 1000.0),
        (["Bedragen (x €1.000)"], 1000.0),
        (["bedragen x € 1.000.000"], 1_000_000.0),
        (["Programma 1"], None),
        (["x €1 miljoen"], 1_000_000.0),
        (["Bedragen in miljoenen"], 1_000_000.0),
        (["x € 1 miljard"], 1_000_000_000.0),
        (["x € 1 mld"], 1_000_000_000.0),
        (["(bedragen in duizenden)"], 1000.0),
        (["in k€"], 1000.0),
        (["bedragen in euro's"], None),
        (["Het kost in duizenden gevallen meer"], None),
    ],
)
def test_table_scale(texts: list[str], scale: float | None) -> None:
    assert scale_of(texts) == scale


def _table(rows: list[list[str]], caption: str | None = None) -> Table:
    n = len(rows[0])
    table_rows = [TableRow(cells=r, page=7, bbox=(50.0, 100.0 + 15 * i, 550.0, 112.0 + 15 * i), spans=[1] * n) for i, r in enumerate(rows)]
    return Table(page=7, bbox=(50.0, 100.0, 550.0, 112.0 + 15 * len(rows)), rows=table_rows,
                 columns=[50.0 + 100 * k for k in range(n + 1)], caption=caption, pages=[7])


def _read(table: Table) -> tuple[list, list]:
    """The one budget path: the meaning layer judges the table, the budget reader reads it."""
    verdict = judge_table(table)
    if verdict.kind != "budget":
        return [], []
    return read_budget(table, verdict, Metadata(year=2024), [])


def test_budget_table_scale_sign_and_programme() -> None:
    table = _table([
        ["bedragen x € 1.000", "Rekening 2022", "Begroting 2024"],
        ["Baten", "1.972", "102"],
        ["Lasten", "-5.234", "-4.204"],
        ["Saldo van baten en lasten", "-3.261", "(4.102)"],
    ], caption="Tabel 1.2 - Baten en lasten P1 Veiligheid en Handhaving")
    lines, errors = _read(table)
    assert errors == []
    got = [(b.programme, b.label, b.kind, b.year, b.amount, b.raw) for b in lines]
    assert got == [
        ("P1", "Baten", "rekening", 2022, 1_972_000.0, "1.972"),
        ("P1", "Baten", "begroting", 2024, 102_000.0, "102"),
        ("P1", "Lasten", "rekening", 2022, -5_234_000.0, "-5.234"),
        ("P1", "Lasten", "begroting", 2024, -4_204_000.0, "-4.204"),
        ("P1", "Saldo van baten en lasten", "rekening", 2022, -3_261_000.0, "-3.261"),
        ("P1", "Saldo van baten en lasten", "begroting", 2024, -4_102_000.0, "(4.102)"),
    ]
    assert all(b.page == 7 and b.bbox is not None for b in lines)


def test_part_year_columns_are_left_out_with_a_warning() -> None:
    table = _table([
        ["Bedragen x € 1.000", "begroting 2024", "realisatie t/m aug 2024"],
        ["Totaal lasten", "64.728", "47.559"],
        ["Baten totaal", "64.728", "46.969"],
    ])
    lines, errors = _read(table)
    assert {b.column for b in lines} == {"begroting 2024"}
    assert [e.code for e in errors] == ["table_uncertain"]


def test_tables_that_are_not_budgets_are_not_forced() -> None:
    investments = _table([
        ["Programma 1", "Begroting 2024", "Begroting 2025"],
        ["Tractie", "54.500", "-"],
        ["Totaal", "54.500", "-"],
    ], caption="Tabel 1.1 - Investeringen P1 Veiligheid en Handhaving")
    assert _read(investments) == ([], [])
    assert judge_table(investments).kind is None


# --------------------------------------------------------------------------- real documents


@lru_cache(maxsize=None)
def _extract(path: str) -> Document:
    return extract_document(path, ExtractOptions(enrich=False))


def _number(text: str) -> float:
    """The golden files keep amounts as printed; convert them here without the code under test."""
    return float(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("golden_file", ["tables_begroting_2024.json", "tables_jaarstukken_2023.json"])
def test_golden_budget_table(corpus_dir: Path, golden_file: str) -> None:
    golden = json.loads((GOLDEN / golden_file).read_text(encoding="utf-8"))
    document = _extract(str(corpus_dir / golden["file"]))
    spec = golden["budget_lines"]
    want = set()
    for row in spec["rows"]:
        label, cells = row[0], row[1:]
        for (kind, year), raw in zip(spec["columns"], cells):
            want.add((spec["page"], spec["programme"], label, kind, year, _number(raw) * spec["scale"], raw))
    got = {(b.page, b.programme, b.label, b.kind, b.year, b.amount, b.raw) for b in document.budget_lines if b.page == spec["page"]}
    hits = len(got & want)
    assert (hits / len(got), hits / len(want)) == (1.0, 1.0), (sorted(want - got)[:5], sorted(got - want)[:5])
    if spec["table"]:
        assert {b.table for b in document.budget_lines if b.page == spec["page"]} == {spec["table"]}


@pytest.mark.parametrize("name", ["begroting_2024.pdf", "Jaarstukken_2023.pdf"])
def test_every_programme_has_its_budget_table(corpus_dir: Path, name: str) -> None:
    document = _extract(str(corpus_dir / "wassenaar" / name))
    summary = [b for b in document.budget_lines if not b.detail and b.taakveld is None and b.programme and b.programme.startswith("P")]
    assert {b.programme for b in summary} == {"P1", "P2", "P3", "P4", "P5"}
    # investment tables (credits per project) are not budget lines; taakveld tables are, marked as detail with their
    # Iv3 code. An exploitatie table whose row axis is "Kapitaalgoed" (Begroot | Realisatie | Verschil) is a budget.
    assert not [b for b in document.budget_lines if re.search(r"krediet|restant|beschikbaar", b.column or "", re.IGNORECASE)]
    assert all(b.label not in ("Wegen Prinsenweg", "Brug Hofcampweg") for b in document.budget_lines)
    taakveld_lines = [b for b in document.budget_lines if b.taakveld]
    assert taakveld_lines and all(b.detail for b in taakveld_lines)
    assert {"1.1", "1.2"} <= {b.taakveld for b in taakveld_lines}


@pytest.mark.parametrize("label, code", [
    ("Programma:P1 Veiligheid", "P1"),
    ("Programma: P12 Wonen", "P12"),
    ("Programma:PO Bestuur en ondersteuning", "P0"),  # OCR read the zero as a letter O
    ("P3 Bestuur en middelen", "P3"),
    ("Saldo van baten en lasten per taakveld", None),
    ("Programma Veiligheid", None),
])
def test_programme_code(label: str, code: str | None) -> None:
    from extractor.parse.budget import programme_code

    assert programme_code(label) == code


def test_repeated_header_rows_name_the_programme_of_their_block() -> None:
    """A taakveld table printed as blocks, each under its own header ("Programma: P2 … | Begroting 2023 Baten | …")."""
    from extractor.model import Metadata
    from extractor.parse.budget import read_budget
    from extractor.parse.table_semantics import judge_table

    header = ["Begroting 2023 Baten", "Begroting 2023 Lasten", "Begroting 2023 Saldo"]
    table = _table([
        ["Programma:P1 Veiligheid Saldo van baten en lasten per taakveld", *header],
        ["1.1 Crisisbeheersing en brandweer", "1.000", "-3.438", "-2.438"],
        ["Saldo van baten en lasten programma", "1.000", "-3.438", "-2.438"],
        ["Programma:P2 Mens en maatschappij Saldo van baten en lasten per taakveld", *header],
        ["4.1 Openbaar basisonderwijs", "0", "-209", "-209"],
        ["Saldo van baten en lasten alle programma's", "1.000", "-3.647", "-2.647"],
        ["Reserves", "Onttrekking", "Toevoeging", "Mutaties"],
        ["P1 Veiligheid", "500", "0", "500"],
    ])
    verdict = judge_table(table)
    assert verdict.kind == "budget"
    lines, errors = read_budget(table, verdict, Metadata(year=2023), [])
    programmes = {(line.label, line.programme) for line in lines}
    assert programmes == {("1.1 Crisisbeheersing en brandweer", "P1"), ("Saldo van baten en lasten programma", "P1"),
                          ("4.1 Openbaar basisonderwijs", "P2"), ("Saldo van baten en lasten alle programma's", None),
                          ("P1 Veiligheid", None)}
    assert len(lines) == 15 and not any("not read" in e.message for e in errors)  # header cells are no unread amounts


def test_first_block_takes_the_kind_and_year_every_repeated_header_gives_its_column() -> None:
    """A table continued from another column starts under "Baten | Lasten | Saldo"; every later block's header
    says "Begroting 2023" over the same columns, so the first block's amounts are begroting 2023 too."""
    from extractor.model import Metadata
    from extractor.parse.budget import read_budget
    from extractor.parse.table_semantics import judge_table

    table = _table([
        ["Saldo van baten en lasten per taakveld", "Baten", "Lasten", "Saldo"],
        ["0.1 Bestuur", "0", "-1.691.983", "-1.691.983"],
        ["Programma:P4 Fysieke leefomgeving", "Begroting 2023", "Begroting 2023", "Begroting 2023"],
        ["8.3 Wonen en bouwen", "1.432.285", "-1.018.167", "414.118"],
    ])
    lines, _ = read_budget(table, judge_table(table), Metadata(year=2024), [])
    assert {(line.label, line.kind, line.year) for line in lines} == {("0.1 Bestuur", "begroting", 2023),
                                                                      ("8.3 Wonen en bouwen", "begroting", 2023)}
    assert lines[0].column == "Begroting 2023 Baten"
    disagreeing = _table([  # the repeated headers disagree on the last column: it keeps its own header
        *[row.cells for row in table.rows],
        ["Programma:P5 Natuur", "Begroting 2023", "Begroting 2023", "Realisatie 2023"],
        ["2.1 Verkeer en vervoer", "198.164", "-4.685.858", "-4.487.694"],
    ])
    lines, _ = read_budget(disagreeing, judge_table(disagreeing), Metadata(year=2024), [])
    assert {line.year for line in lines if line.column == "Saldo"} == {None}


def test_a_verschil_column_takes_the_side_of_its_row() -> None:
    """"Verschil t.o.v. begroting saldo" names the difference; its "Baten" row is a difference of baten."""
    table = _table([
        ["bedragen x € 1.000", "Rekening 2017", "Verschil t.o.v. begroting saldo 2017"],
        ["Baten", "1.200", "152"],
        ["Lasten", "-3.000", "-914"],
        ["Saldo", "-1.800", "1.066"],
    ])
    lines, _ = _read(table)
    assert {(b.label, b.side) for b in lines if b.kind == "verschil"} == {("Baten", "baten"), ("Lasten", "lasten"), ("Saldo", "saldo")}


def test_nadeel_voordeel_marks_sign_only_a_table_that_mixes_them() -> None:
    """"N 1.234" / "V 56": a nadeel or voordeel mark before the amount. Where a table mixes both marks the mark is
    the sign (nadeel negative); where every amount carries the same mark (a lasten overview, all N) it tells
    nothing per cell and the amounts stay as printed."""
    mixed = _table([
        ["bedragen x € 1.000", "Begroting 2024", "Begroting 2025"],
        ["Saldo programma A", "N 1.234", "V 56"],
        ["Saldo programma B", "V 300", "N 12"],
    ])
    lines, _ = _read(mixed)
    assert [(b.label, b.year, b.amount, b.raw) for b in lines] == [
        ("Saldo programma A", 2024, -1_234_000.0, "N 1.234"), ("Saldo programma A", 2025, 56_000.0, "V 56"),
        ("Saldo programma B", 2024, 300_000.0, "V 300"), ("Saldo programma B", 2025, -12_000.0, "N 12"),
    ]
    same = _table([
        ["bedragen x € 1.000", "Begroting 2024", "Begroting 2025"],
        ["Lasten programma A", "N 1.234", "N 1.300"],
        ["Lasten programma B", "N 300", "N 310"],
    ])
    lines, _ = _read(same)
    assert [b.amount for b in lines] == [1_234_000.0, 1_300_000.0, 300_000.0, 310_000.0]


def test_flattened_rows_with_nadeel_marks_are_read_from_text(tmp_path: Path) -> None:
    """Rows of a web table flattened to single spaces, every amount after its mark: each mark and amount is one cell."""
    text = "\n".join([
        "Overzicht lasten per programma (bedragen x € 1.000)",
        "Programma Rekening 2022 Begroting 2023 Begroting 2024",
        "1. Veiligheid N 7.100 N 7.250 N 7.300",
        "2. Verkeer en vervoer N 8.015 N 10.168 N 9.400",
        "3. Economie N 1.382 N 1.614 N 1.121",
    ])
    path = tmp_path / "gemeente_begroting_2024_lasten.txt"
    path.write_text(text, encoding="utf-8")
    document = extract_document(str(path), ExtractOptions(enrich=False))
    got = {(b.label, b.kind, b.year): (b.amount, b.raw) for b in document.budget_lines}
    assert got[("2. Verkeer en vervoer", "begroting", 2023)] == (10_168_000.0, "N 10.168")
    assert got[("3. Economie", "rekening", 2022)] == (1_382_000.0, "N 1.382")
    assert len(got) == 9
    assert {b.programme for b in document.budget_lines} == {"1. Veiligheid", "2. Verkeer en vervoer", "3. Economie"}


def test_a_table_without_a_unit_keeps_its_amounts_and_says_so() -> None:
    """No unit printed and whole amounts under a million: they may be thousands; kept as printed, with a warning."""
    lines, errors = _read(_table([
        ["Programma", "Lasten 2024", "Lasten 2025"],
        ["1 Veiligheid", "7.047", "8.450"],
        ["2 Economie", "1.382", "1.614"],
    ], caption="Lasten per programma"))
    assert [b.amount for b in lines] == [7047.0, 8450.0, 1382.0, 1614.0]
    assert [e.code for e in errors] == ["table_uncertain"] and "prints no unit" in errors[0].message
    lines, errors = _read(_table([
        ["Programma", "Lasten 2024", "Lasten 2025"],
        ["1 Veiligheid", "7.047.120", "8.450.300"],
        ["2 Economie", "1.382.000", "1.614.010"],
    ], caption="Lasten per programma"))
    assert errors == [] and lines[0].amount == 7_047_120.0
