"""Programme blocks copied from a web page with single spaces: each block's header line prints the programme's
name and the columns ("P1 Voorbeeldzorg B 2031 B 2032 B 2033"), minus signs as a separate "-/-", and a total row
whose cells run on over the next lines. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.pipeline import ExtractOptions, extract_document

FAST = ExtractOptions(enrich=False)


def _extract(tmp_path: Path, text: str) -> Document:
    path = tmp_path / "begroting_2031_overzicht.txt"
    path.write_text(text, encoding="utf-8")
    return extract_document(path, FAST)


def _blocks(last_total: list[str]) -> str:
    return "\n".join([
        "Overzicht lasten en baten per programma",
        "",
        "P1 Voorbeeldzorg in Teststad B 2031 B 2032 B 2033",
        "Lasten 1.410 1.420 1.430",
        "Baten 210 220 230",
        "Saldo -/- 1.200 -/- 1.200 -/- 1.200",
        "Saldo Programma 1 -/- 1.250 -/- 1.260 -/- 1.270",
        "         ",
        "P2 Proefruimte B 2031 B 2032 B 2033",
        "Lasten 530 540 550",
        "Baten 30 40 50",
        "Saldo -/- 500 -/- 500 -/- 500",
        *last_total,
    ]) + "\n"


def test_each_block_header_names_its_programme_and_begroting_years(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _blocks(["Saldo Programma 2 -/- 510", "-/- 520", "-/- 530"]))
    read = {(b.programme, b.label, b.year): (b.kind, b.amount) for b in doc.budget_lines}
    assert read[("P1", "Lasten", 2033)] == ("begroting", 1430)
    assert read[("P1", "Saldo", 2031)] == ("begroting", -1200)
    assert read[("P1", "Saldo Programma 1", 2032)] == ("begroting", -1260)
    assert read[("P2", "Baten", 2032)] == ("begroting", 40)
    # the wrapped total row: its three cells in printed order, the programme's number kept in the label
    assert [read[("P2", "Saldo Programma 2", y)][1] for y in (2031, 2032, 2033)] == [-510, -520, -530]
    assert len(read) == 24


def test_wrapped_cells_that_do_not_fill_the_row_exactly_are_not_placed(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _blocks(["Saldo Programma 2 -/- 510", "-/- 520", "-/- 530", "-/- 540"]))
    labels = {b.label for b in doc.budget_lines if b.programme == "P2"}
    assert labels == {"Lasten", "Baten", "Saldo"}
    assert not any(b.amount in (-510, -520, -530, -540) for b in doc.budget_lines)


def test_a_year_line_over_a_programme_header_one_cell_per_line(tmp_path: Path) -> None:
    """"Lasten en baten programmaraming" / "2031" / "Programma" / "Lasten" / "Baten" / "Saldo", then per row a
    zero-padded code, a name and three figures, each on its own line: the code is part of the label, the title's
    kind and the year name every column."""
    cells = ["Lasten en baten programmabegroting", "2031", "Programma", "Lasten", "Baten", "Saldo",
             "01", "Proefzorg", "1.200.000", "-200.000", "1.000.000",
             "02", "Voorbeeldruimte", "3.300.000", "-300.000", "3.000.000",
             "03", "Testhaven", "500.000", "-700.000", "-200.000"]
    doc = _extract(tmp_path, "\n\n".join(cells) + "\n")
    read = {(b.programme, b.label, b.side): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert read[("01 Proefzorg", "01 Proefzorg", "lasten")] == ("begroting", 2031, 1_200_000)
    assert read[("03 Testhaven", "03 Testhaven", "saldo")] == ("begroting", 2031, -200_000)
    assert len(read) == 9


def test_pipe_taakvelden_under_groups_without_a_corner_and_rows_with_dropped_cells(tmp_path: Path) -> None:
    """A pipe table whose group row prints no corner cell ("Begroting 2031 | Rekening 2031 | |||"), a sub-header
    whose "Taakvelden" spans the code and the name cells, and rows whose empty cells were dropped (their figures
    shifted left, empty pipes at the end): full rows are read; a shifted row is placed only where saldo = baten -
    lasten proves its columns ("70 | -70 | 80 | 5 | -75": lasten and saldo, then a full group), else left out with a warning."""
    text = "\n".join([
        "Overzicht taakvelden",
        "Begroting 2031 | Rekening 2031 | ||||",
        "Taakvelden | Lasten | Baten | Saldo | Lasten | Baten | Saldo | |",
        "0.0 Proefbestuur | |||||||",
        "0.1 | Raadswerk | 900 | 100 | -800 | 950 | 120 | -830 |",
        "---|---|---|---|---|---|---|---|",
        "0.2 | Loketten | 400 | 500 | 100 | 410 | 530 | 120 |",
        "0.3 | Testgebouwen | 70 | -70 | 80 | 5 | -75 | |",
        "0.4 | Voorbeeldkosten | 600 | 50 | -550 | 640 | 60 | -580 |",
        "0.5 | Proefuitkering | 40 | 10 | -30 | 90 | 90 | |",
    ]) + "\n"
    doc = _extract(tmp_path, text)
    read = {(b.label, b.kind, b.side): b.amount for b in doc.budget_lines}
    assert read[("0.1 Raadswerk", "begroting", "baten")] == 100
    assert read[("0.4 Voorbeeldkosten", "rekening", "saldo")] == -580
    assert [read.get(("0.3 Testgebouwen", "begroting", side)) for side in ("lasten", "baten", "saldo")] == [70, None, -70]
    assert read[("0.3 Testgebouwen", "rekening", "saldo")] == -75
    # "90 | 90" fits baten and saldo, and lasten and baten with an empty saldo: not proven, left out and warned
    assert len(read) == 23 and not any(label.startswith("0.5") for label, _, _ in read)
    assert any(e.code == "table_uncertain" and "0.5 | Proefuitkering" in e.message for e in doc.errors)
