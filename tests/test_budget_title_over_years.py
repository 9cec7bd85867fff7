"""A table title printed one cell per line right over the year cells, that a kind word happens to occur in.

Shapes (all texts synthetic: invented labels and figures):

* "Berekening …" (a calculation) holds "rekening" inside a longer word: no kind;
* a row labelled with a kind word ("Resultaat …") between two rows with figures, printed short, is a row;
* "Begroting 2038 (incl … en wijzigingen)" is the budget after its changes;
* a title of four words or more whose kind word is not among its first two words ("Berekening van de norm …") is
  the table's title, not a group over its year columns, so the year-only columns take their kind from the
  document as any year-only column does.
"""

from __future__ import annotations

from pathlib import Path

from extractor.layout.table_grid import _title_cell, is_header_cell
from extractor.parse.table_semantics import classify_header
from tests.helpers import extract_text


def test_a_calculation_is_no_rekening() -> None:
    assert classify_header("Berekening").budget_kind is None
    assert classify_header("Rekening 2038").budget_kind == "rekening"
    assert classify_header("Jaarrekening 2038").budget_kind == "rekening"
    assert not is_header_cell("Herberekening")


def test_title_cells_and_kind_groups() -> None:
    assert _title_cell("Berekening van de norm voor de buffer")
    assert _title_cell("Overzicht van de lasten per taak")
    assert not _title_cell("Begroting na wijziging")
    assert not _title_cell("Oorspronkelijke begroting")
    assert not _title_cell("Realisatie")
    assert not _title_cell("Norm voor de buffer 2038")  # a year: a dated column header


_TEXT = """Begroting 2039

Buffers

Berekening van de norm voor de buffer

2038

2039

2040

2041

(bedragen x € 1.000)

4% van de omvang

1.210

1.230

1.250

1.270

3% van de activa

640

655

670

685

Totaal norm buffer

1.850

1.885

1.920

1.955

Dit is een zin na de tabel die de uitkomst kort toelicht.
"""


def test_year_columns_under_a_title_take_their_kind_from_the_document(tmp_path: Path) -> None:
    doc = extract_text(tmp_path, "fantasia_begroting_2039_buffers.txt", _TEXT)
    got = {(b.label, b.kind, b.year, b.amount) for b in doc.budget_lines}
    assert ("4% van de omvang", "bedrag", 2038, 1_210_000) in got
    assert ("4% van de omvang", "begroting", 2039, 1_230_000) in got
    assert ("Totaal norm buffer", "raming", 2041, 1_955_000) in got
    assert len(got) == 12


_SHORT_KIND_ROW = """Begroting 2039

Buffers

Stand van de buffers

2038

2039

2040

2041

(bedragen x € 1.000)

Buffer algemeen

3.100

3.150

3.200

3.260

Buffers overig

5.400

5.300

5.250

5.100

Resultaat over het jaar

215

Totaal buffers

8.715

8.450

8.450

8.360

Dit is een zin na de tabel die de uitkomst kort toelicht.
"""


def test_a_row_labelled_with_a_kind_word_between_rows_is_a_short_row(tmp_path: Path) -> None:
    # "Resultaat …" is a kind word, yet between two rows with figures, its one figure before a whole row makes it a
    # row printed short; the total proves its column (3.100 + 5.400 + 215 = 8.715), and the table goes on
    doc = extract_text(tmp_path, "fantasia_begroting_2039_buffers.txt", _SHORT_KIND_ROW)
    got = {(b.label, b.year, b.amount) for b in doc.budget_lines}
    assert ("Resultaat over het jaar", 2038, 215_000) in got
    assert not any(b.label == "Resultaat over het jaar" and b.year != 2038 for b in doc.budget_lines)
    assert ("Totaal buffers", 2041, 8_360_000) in got


def test_a_begroting_including_its_changes_is_the_budget_after_them() -> None:
    # words between "incl." and the changes ("incl concept en wijzigingen") still say the changes are included
    assert classify_header("Begroting 2038 (incl concept en wijzigingen)").budget_kind == "begroting_na_wijziging"
    assert classify_header("Begroting 2038 inclusief wijzigingen").budget_kind == "begroting_na_wijziging"
    assert classify_header("Begroting 2038 incl. wijz.").budget_kind == "begroting_na_wijziging"
    assert classify_header("Begroting 2038 excl. wijzigingen").budget_kind == "begroting"
    assert classify_header("Begroting 2038").budget_kind == "begroting"
