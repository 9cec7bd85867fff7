"""Budget tables copied from web pages in shapes of their own: "Budget 2031" headers, a unit note between a
two-row header's rows, a programme column, pipe rows with every cell on its own line, and statements of
reserves flattened to single spaces. Synthetic texts with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.model import Document
from extractor.pipeline import ExtractOptions, extract_document

FAST = ExtractOptions(enrich=False)


def _extract(tmp_path: Path, text: str, name: str = "begroting_2031.txt") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, FAST)


def _cells(*cells: str) -> str:
    return "\n\n".join(cells) + "\n"


def test_budget_year_headers_are_the_begroting_of_that_year(tmp_path: Path) -> None:
    text = _cells("Wat kost het", "Voorbeeldtaak x € 1.000", "Realisatie 2029", "Budget\n2030", "Budget\n2031",
                  "Lasten", "410", "522", "530", "Baten", "-120", "-133", "-140")
    doc = _extract(tmp_path, text)
    read = {(b.label, b.column): (b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert read[("Lasten", "Budget 2031")] == ("begroting", 2031, 530_000)
    assert read[("Baten", "Realisatie 2029")] == ("realisatie", 2029, -120_000)
    assert len(read) == 6


def _spread_pipe_row(label: str, cells: list[str]) -> list[str]:
    return [f"{label}  | "] + ["\t" * 8 + f" {c}  | " for c in cells] + ["\t" * 6]


def test_pipe_rows_with_every_cell_on_its_own_line_are_one_grid(tmp_path: Path) -> None:
    lines = ["Overzicht evenwicht", "Evenwicht (bedragen x € 1.000,-)  | "]
    lines += ["\t" * 9 + f"{h}  | " for h in ("Realisatie 2029", "Begroting 2030", "Begroting 2031")] + ["\t" * 7]
    lines += ["|---|---|---|---|", "GEHEEL  | ", "\t" * 8 + "|||", *_spread_pipe_row("alle baten", ["-41.200", "-40.100", "-39.900"]),
              *_spread_pipe_row("alle lasten", ["39.800", "40.700", "41.300"])]
    doc = _extract(tmp_path, "\n".join(lines) + "\n")
    read = {(b.label, b.kind, b.year): b.amount for b in doc.budget_lines}
    assert read[("alle baten", "realisatie", 2029)] == -41_200_000
    assert read[("alle lasten", "begroting", 2031)] == 41_300_000
    assert len(read) == 6
    assert {b.programme for b in doc.budget_lines} == {None}
    first = next(b for b in doc.budget_lines if b.label == "alle baten")
    assert first.lines is not None and first.lines[1] - first.lines[0] == 3  # the row's provenance spans its cells


_TWO_AXES = ["Baten en lasten per onderdeel", "Taakveld/programma", "Rekening 2029", "Begroting 2030", "(* € 1.000,-)",
             "Lasten", "Baten", "Saldo", "Lasten", "Baten", "Saldo",
             "0.1 Alfabestuur", "Programma 4 Alfa en beta", "710", "20", "-690", "730", "25", "-705",
             "Sub-totaal", "710", "20", "-690", "730", "25", "-705",
             "0.2 Betazaken", "Programma 4 Alfa en beta", "300", "120", "-180", "310", "130", "-180",
             "Programma 7 Gamma zonder bedragen",
             "Sub-totaal", "300", "120", "-180", "310", "130", "-180",
             "0.3 Deltaheffing", "Programma 5 Delta", "14", "-14", "16", "-16",
             "Sub-totaal", "14", "0", "-14", "16", "0", "-16"]


def test_a_unit_note_between_the_header_rows_is_the_caption_and_the_groups_stay(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _cells(*_TWO_AXES))
    read = [(b.programme, b.label, b.column, b.amount) for b in doc.budget_lines]
    assert ("Programma 4 Alfa en beta", "Programma 4 Alfa en beta", "Rekening 2029 Baten", 20_000) in read
    assert ("0.2 Betazaken", "Sub-totaal", "Begroting 2030 Saldo", -180_000) in read
    assert len(read) == 5 * 6 + 4  # two programme rows, three totals, and the short row its own arithmetic places
    kinds = {(b.column, b.kind, b.year) for b in doc.budget_lines}
    assert ("Begroting 2030 Lasten", "begroting", 2030) in kinds and ("Rekening 2029 Saldo", "rekening", 2029) in kinds


def test_coded_headings_of_a_taakveld_programma_table_name_their_blocks(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _cells(*_TWO_AXES))
    totals = {b.programme for b in doc.budget_lines if b.label == "Sub-totaal"}
    assert totals == {"0.1 Alfabestuur", "0.2 Betazaken", "0.3 Deltaheffing"}  # a figure-less programme row opens no block


def test_a_short_row_under_groups_of_sides_is_placed_by_its_arithmetic(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _cells(*_TWO_AXES))
    delta = {(b.column, b.amount, b.confidence) for b in doc.budget_lines if b.label == "Programma 5 Delta"}
    assert delta == {("Rekening 2029 Lasten", 14_000, 0.8), ("Rekening 2029 Saldo", -14_000, 0.8),
                     ("Begroting 2030 Lasten", 16_000, 0.8), ("Begroting 2030 Saldo", -16_000, 0.8)}


def test_a_short_row_the_totals_do_not_prove_is_left_out_and_warned(tmp_path: Path) -> None:
    cut = [*_TWO_AXES[:-11], "14", "14"]  # two equal figures fit several groups and sides; the copy ends before the total
    doc = _extract(tmp_path, _cells(*cut))
    assert not any(b.label == "Programma 5 Delta" for b in doc.budget_lines)
    assert any(e.code == "table_uncertain" and "Programma 5 Delta" in e.message for e in doc.errors)


def test_a_statement_of_reserves_flattened_to_single_spaces_is_read(tmp_path: Path) -> None:
    text = """Overzicht reserves

Bedragen x €1.000
Soort Balanswaarde 1-1-2030 Toevoeging Vrijgevallen bedragen Onttrekking Balanswaarde 31-12-2030
Vrije reserves
30101 Reserve alfa 1.204 300 0 150 1.354
30102 Reserve beta en gamma (XY) 80 0 5 75 0
Totaal Vrije reserves 1.284 300 5 225 1.354
Gebonden reserves
30201 Reserve delta 't Veld 12 1 0 0 13
"""
    doc = _extract(tmp_path, text, "jaarstukken_2030.txt")
    read = {(b.label, b.column): (b.kind, b.year, b.amount, b.programme) for b in doc.budget_lines}
    assert read[("30101 Reserve alfa", "Balanswaarde 1-1-2030")] == ("bedrag", 2030, 1_204_000, None)
    assert read[("30102 Reserve beta en gamma (XY)", "Vrijgevallen bedragen")] == ("bedrag", 2030, 5_000, None)
    assert read[("30201 Reserve delta 't Veld", "Balanswaarde 31-12-2030")][2] == 13_000
    assert read[("Totaal Vrije reserves", "Onttrekking")][1:3] == (2030, 225_000)
    assert len(read) == 4 * 5


def test_a_header_of_capitalised_words_without_balance_and_mutation_is_no_statement() -> None:
    from extractor.layout.table_grid import split_statement_header

    assert split_statement_header("Soort Balanswaarde 1-1-2030 Toevoeging Onttrekking") == \
        ["Soort", "Balanswaarde 1-1-2030", "Toevoeging", "Onttrekking"]
    assert split_statement_header("Naam Inwoners Woningen Bedrijven") == []
    assert split_statement_header("Soort Toevoeging 2030 Onttrekking 2030") == []  # a bare year is no balance date


_PROGRAMME_COLUMN = ["Overzicht incidentele baten en lasten", "Incidentele lasten", "Programma", "Omschrijving", "2031", "2032", "2033",
                     "Zorg en welzijn", "Tijdelijke inhuur", "12.500", "8.000", "-",
                     "Zorg en welzijn", "Eenmalige bijdrage", "4.400", "1.100",  # the copy dropped the empty cell
                     "Wegen en water", "Onderhoud sluizen", "-", "30.250", "-"]


def test_the_programme_column_gives_each_row_its_programme(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _cells(*_PROGRAMME_COLUMN))
    read = {(b.programme, b.label, b.year): b.amount for b in doc.budget_lines}
    assert read == {("Zorg en welzijn", "Tijdelijke inhuur", 2031): 12_500, ("Zorg en welzijn", "Tijdelijke inhuur", 2032): 8_000,
                    ("Wegen en water", "Onderhoud sluizen", 2032): 30_250}


def test_a_short_row_with_two_name_cells_does_not_end_the_table_and_is_warned(tmp_path: Path) -> None:
    doc = _extract(tmp_path, _cells(*_PROGRAMME_COLUMN))
    assert any(b.label == "Onderhoud sluizen" for b in doc.budget_lines)
    assert any(e.code == "table_uncertain" and "Eenmalige bijdrage" in e.message for e in doc.errors)


def test_amounts_with_a_voordeel_or_nadeel_mark_after_them_are_no_silent_grid(tmp_path: Path) -> None:
    text = _cells("Bijstellingen", "(x € 1.000,-)", "Begroting 2031", "Begroting 2032", "Begroting 2033",
                  "17. Aanpassing alfa", "(Toelichting volgt)", "120 N", "-", "-",
                  "Een alinea met uitleg over deze bijstelling, in zinnen die eindigen op een punt.",
                  "18. Bijstelling beta", "1.040 V", "1.082 N", "1.512 V", "1.209 N", "1.604 V", "962 N")
    doc = _extract(tmp_path, text)
    assert doc.coverage.grids_unread and any(e.code == "numeric_grid_unread" for e in doc.errors)


def test_a_short_row_that_fits_several_groups_is_placed_by_the_block_total(tmp_path: Path) -> None:
    shaped = [*_TWO_AXES[:-11], "14", "14", "Sub-totaal", "0", "0", "0", "14", "14", "0"]  # baten and lasten of 2030, saldo 0
    doc = _extract(tmp_path, _cells(*shaped))
    delta = {(b.column, b.amount) for b in doc.budget_lines if b.label == "Programma 5 Delta"}
    assert delta == {("Begroting 2030 Lasten", 14_000), ("Begroting 2030 Baten", 14_000)}


def test_a_date_or_an_ordinal_in_a_header_is_no_coded_row_start() -> None:
    from extractor.layout.table_grid import _is_code_heading

    assert _is_code_heading("0.1 Alfabestuur") and _is_code_heading("99 Slotpost") and _is_code_heading("6.71a Sportpark")
    assert not any(_is_code_heading(t) for t in ("1e wijziging", "1 januari 2031", "2031 Begroting"))
