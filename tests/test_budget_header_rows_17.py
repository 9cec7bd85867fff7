"""Budget table headers in shapes a web-page copy gives (all texts synthetic: invented labels and figures).

* a markdown pipe table with a two-row header whose lower row of sides ("Lasten | Baten | Saldo" per year) lost its
  empty corner cell, so it starts in the label column: it is read one cell to the right, under the year groups;
* one cell per line: two kind groups over five sub-cells each (long ones, an estimate under a begroting group), rows
  coded "K.01" in a number column, part rows "K.01 - …" of that programme, a scale x 1.000.000;
* flattened rows: "Begroting 2041 Primitief" is one group; the sub-header printed again after a block label goes on
  with the same columns; sub-runs out of step with the groups are not read.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import extract_text

_PIPE = "\n".join([
    "Bedragen x €1.000",
    "Omschrijving | Begroting 2041 | Begroting 2042 | |||||",
    "---|---|---|---|---|---|---|---|",
    "Lasten | Baten | Saldo | Lasten | Baten | Saldo | ||",
    "Programma 7. Voorbeeldzaken | |||||||",
    "7.1 Parken | 120 | 20 | -100 | 130 | 25 | -105 | |",
    "7.2 Pleinen | 80 | 30 | -50 | 85 | 30 | -55 | |",
    "Totaal Programma 7. Voorbeeldzaken | 200 | 50 | -150 | 215 | 55 | -160 | |",
    "",
])


def test_pipe_header_whose_side_row_lost_its_corner_cell(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "voorbeeld_begroting_2041_taakvelden.txt", _PIPE)
    got = {(b.label, b.year, b.amount) for b in doc.budget_lines}
    assert ("7.1 Parken", 2041, 120000) in got
    assert ("7.1 Parken", 2041, -100000) in got
    assert ("7.2 Pleinen", 2042, 30000) in got
    assert ("7.2 Pleinen", 2042, -55000) in got
    assert len(doc.budget_lines) == 18
    assert {b.kind for b in doc.budget_lines} == {"begroting"}


_ROW_1 = ["-5,0", "2,0", "-3,0", "0,5", "-2,5", "-5,5", "2,5", "-3,0", "0,5", "-2,5"]
_PART_1 = ["-1,0", "0,0", "-1,0", "0,0", "-1,0", "-1,5", "0,5", "-1,0", "0,0", "-1,0"]
_ROW_2 = ["-8,0", "1,0", "-7,0", "0,0", "-7,0", "-8,2", "1,0", "-7,2", "0,2", "-7,0"]
_CELLS = [
    "Overzicht van baten en lasten in de begroting",
    "Nr.", "Omschrijving", "Begroot 2041 primitief", "Begroot 2041 definitief",
    "Lasten", "Baten", "Saldo", "Mutaties\nreserves", "Geraamd\nresul-\ntaat",
    "Lasten", "Baten", "Begroot saldo van baten en lasten voor bestemming", "Mutaties\nreserves", "Geraamd\nresul-\ntaat",
    "Bedragen x € 1.000.000",
    "Programma's",
    "K.01", "Voorbeeldzaken", *_ROW_1,
    "K.01 - Onderdeel proef", *_PART_1,
    "K.02", "Proefwerk", *_ROW_2,
]


def test_coded_programme_rows_under_groups_with_long_sub_cells(tmp_path: Path) -> None:
    """Two kind groups over five sub-cells each, one sub-cell longer than a short word and one naming an estimate
    ("Geraamd resultaat" under a begroting group); rows coded "K.01" in a number column; a part row "K.01 - …" is the
    programme's whose code it prints; the scale x 1.000.000 applies."""
    doc = extract_text(tmp_path, "voorbeeld_jaarstukken_2041_overzicht.txt", "\n\n".join(_CELLS) + "\n")
    got = {(b.programme, b.label, b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert len(doc.budget_lines) == 30
    assert ("K.01 Voorbeeldzaken", "K.01 Voorbeeldzaken", "begroting", 2041, -5_000_000) in got
    assert ("K.01 Voorbeeldzaken", "K.01 Voorbeeldzaken", "begroting_na_wijziging", 2041, 2_500_000) in got
    assert ("K.01 Voorbeeldzaken", "K.01 - Onderdeel proef", "begroting_na_wijziging", 2041, -1_500_000) in got
    assert ("K.02 Proefwerk", "K.02 Proefwerk", "begroting_na_wijziging", 2041, 200_000) in got
    assert {b.kind for b in doc.budget_lines} == {"begroting", "begroting_na_wijziging"}


def test_raming_sub_cell_only_under_a_begroting_group() -> None:
    from extractor.layout.header_groups import two_level_header

    subs = ["Lasten", "Baten", "Geraamd resultaat"]
    assert two_level_header(["Begroting 2041", "Begroting 2042", *subs, *subs], 6) is not None
    assert two_level_header(["Rekening 2041", "Rekening 2042", *subs, *subs], 6) is None


_FLAT = "\n".join([
    "Overzicht van baten en lasten",
    "",
    "Programma (bedragen x € 1.000) Rekening 2040 Begroting 2041 Primitief",
    "Lasten Baten Saldo Lasten Baten Saldo",
    "11 Voorbeeldzaken 1.500 500 -1.000 1.600 550 -1.050",
    "12 Proefwerk 700 900 200 720 910 190",
    "Saldo van baten en lasten voor mutaties 2.200 1.400 -800 2.320 1.460 -860",
    "Mutaties reserves Lasten Baten Saldo Lasten Baten Saldo",
    "11 Voorbeeldzaken 40 90 50 30 80 50",
    "12 Proefwerk 10 0 -10 20 5 -15",
    "Totaal mutaties reserves 50 90 40 50 85 35",
    "",
    "Toelichting",
    "",
])


def test_flattened_header_with_a_stage_word_and_a_repeated_sub_header(tmp_path: Path) -> None:
    """"Begroting 2041 Primitief" is one group (the stage word qualifies the begroting before it), so two groups head
    the six sides; the sub-header printed again after a block label ("Mutaties reserves Lasten Baten …") continues
    the same table, its rows (the programmes again) under the same columns."""
    doc = extract_text(tmp_path, "voorbeeld_jaarstukken_2041_baten-en-lasten.txt", _FLAT)
    got = {(b.label, b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert ("11 Voorbeeldzaken", "rekening", 2040, -1_000_000) in got
    assert ("11 Voorbeeldzaken", "begroting", 2041, 550_000) in got
    assert ("11 Voorbeeldzaken", "begroting", 2041, 80_000) in got  # the reserve block, same columns
    assert ("Totaal mutaties reserves", "begroting", 2041, 35_000) in got
    assert not any(b.year == 2040 and b.kind == "begroting" for b in doc.budget_lines)
    assert len(doc.budget_lines) == 36


def test_sub_runs_out_of_step_with_the_groups_are_not_read() -> None:
    from extractor.layout.table_grid import _value_headers

    # three groups over six sides: two each would start the second group at "Saldo"
    assert _value_headers(["Rekening 2040", "Begroting 2041", "Raming 2042"], ["Lasten", "Baten", "Saldo"] * 2, 6)[1] is None
    assert _value_headers(["Rekening 2040", "Begroting 2041"], ["Lasten", "Baten", "Saldo"] * 2, 6)[1] is not None


def test_pipe_table_cut_off_inside_its_last_row(tmp_path: Path) -> None:
    """The copy stops inside the last pipe row: its figures are its first columns (a pipe row prints its empty
    cells); a last figure closed by a pipe is whole, one not closed may be cut and is left out."""
    closed = _PIPE + "7.3 Lanen | 60 | 10 | -50 | 65 | \n"
    doc = extract_text(tmp_path, "voorbeeld_begroting_2041_taakvelden.txt", closed)
    got = {(b.label, b.year, b.amount) for b in doc.budget_lines if b.label == "7.3 Lanen"}
    assert got == {("7.3 Lanen", 2041, 60000), ("7.3 Lanen", 2041, 10000), ("7.3 Lanen", 2041, -50000),
                   ("7.3 Lanen", 2042, 65000)}
    open_end = _PIPE + "7.3 Lanen | 60 | 10 | -50 | 6\n"
    doc = extract_text(tmp_path, "voorbeeld_begroting_2041_taakvelden.txt", open_end)
    assert {b.amount for b in doc.budget_lines if b.label == "7.3 Lanen"} == {60000, 10000, -50000}
