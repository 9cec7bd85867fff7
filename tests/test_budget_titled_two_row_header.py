"""A pipe table whose two-row header prints a numbered programme title and kind words on top ("7. Naam | Werkelijk |
Raming | Raming | Meerjarenraming | |"), its empty tail one cell short, over the unit note and the years: each kind word
stands over the year below it, and the title names the programme of every row. Invented names and figures."""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import _kinds_over_first_years
from extractor.parse.budget import _without_unit_note

from tests.helpers import extract_text

_TABLE = """Wat kost het?
7. Groen en blauw | Werkelijk | Raming | Raming | Meerjarenraming | ||
---|---|---|---|---|---|---|
(bedragen x € 1.000) | 2029 | 2030 | 2031 | 2032 | 2033 | 2034 |
Lasten | -1.200 | -1.300 | -1.400 | -1.500 | -1.600 | -1.700 |
Baten | 200 | 300 | 400 | 500 | 600 | 700 |
Totaal saldo van baten en lasten programma | -1.000 | -1.000 | -1.000 | -1.000 | -1.000 | -1.000 |
Mutaties eigen vermogen: | ||||||
Toevoeging reserves | -20 | -20 | -20 | -20 | -20 | -20 |
Resultaat programma | -1.020 | -1.020 | -1.020 | -1.020 | -1.020 | -1.020 |
"""


def test_kind_words_over_the_first_years_and_the_title_names_the_programme(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "begroting_2031_wat-kost-het.txt", _TABLE)
    read = {(b.label, b.year): (b.programme, b.kind, b.amount) for b in doc.budget_lines}
    assert read[("Lasten", 2029)] == ("7. Groen en blauw", "realisatie", -1_200_000)
    assert read[("Baten", 2030)] == ("7. Groen en blauw", "raming", 300_000)
    assert read[("Resultaat programma", 2034)] == ("7. Groen en blauw", "raming", -1_020_000)
    assert len(doc.budget_lines) == 30


def test_only_a_left_aligned_run_of_kind_words_over_ascending_years_is_read_in_place() -> None:
    below = ["x € 1.000", "2029", "2030", "2031", "2032"]
    assert _kinds_over_first_years(["Titel", "Rekening", "Begroting"], below) == ["Titel", "Rekening", "Begroting", "", ""]
    assert _kinds_over_first_years(["Titel", "", "Rekening", "Begroting"], below) is None  # a gap: not left-aligned
    assert _kinds_over_first_years(["Titel", "Noord", "Zuid"], below) is None  # no kind words
    assert _kinds_over_first_years(["Titel", "Rekening", "Begroting"], ["x", "2031", "2030", "2032"]) is None


def test_a_unit_note_in_brackets_is_no_part_of_a_corner_name() -> None:
    assert _without_unit_note("7. Groen en blauw (bedragen x € 1.000)") == "7. Groen en blauw"
    assert _without_unit_note("Havens (oost)") == "Havens (oost)"
