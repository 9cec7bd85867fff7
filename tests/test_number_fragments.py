"""A figure cut in two at a font-subset change is one word again (read layer, both PDF backends)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.read import read_document
from extractor.read.pdf import group_lines, join_number_fragments
from extractor.read.types import Word

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _word(text: str, x0: float, x1: float, size: float = 9.0) -> Word:
    return Word(text=text, x0=x0, top=100.0, x1=x1, bottom=109.0, size=size)


def test_touching_number_pieces_are_joined() -> None:
    row = [_word("€", 300.9, 306.1), _word("1", 308.4, 313.65), _word("73.775", 313.63, 342.1)]
    assert [w.text for w in join_number_fragments(row)] == ["€", "173.775"]


@pytest.mark.parametrize("pieces", [
    [("1", 308.4, 313.6), ("73.775", 316.0, 342.1)],   # a real gap: two figures
    [("2024", 300.0, 320.0), ("2025", 330.0, 350.0)],  # year columns
    [("Lasten", 250.0, 280.0), ("3.354", 280.0, 300.0)],  # a label touching a figure stays apart
])
def test_separate_words_stay_apart(pieces) -> None:
    row = [_word(t, a, b) for t, a, b in pieces]
    assert [w.text for w in join_number_fragments(row)] == [t for t, _, _ in pieces]


def test_pieces_of_another_size_stay_apart() -> None:
    row = [_word("12", 300.0, 310.0, 9.0), _word("3", 310.0, 313.0, 6.0)]  # a footnote mark after a figure
    assert [w.text for w in join_number_fragments(row)] == ["12", "3"]


def test_raised_mark_stays_apart() -> None:
    mark = Word(text="3", x0=310.0, top=97.0, x1=313.0, bottom=106.0, size=9.0)  # superscript, same size
    assert [w.text for w in join_number_fragments([_word("12", 300.0, 310.0), mark])] == ["12", "3"]


def test_group_lines_joins_the_pieces() -> None:
    words = [_word("Wmo", 169.3, 191.5), _word("1", 308.4, 313.65), _word("73.775", 313.63, 342.1)]
    assert [line.text for line in group_lines(words, 1)] == ["Wmo 173.775"]


@pytest.mark.skipif(not (CORPUS / "flevoland").exists(), reason="corpus not present")
def test_real_figure_split_by_a_font_subset_change() -> None:
    """Almere's cost table prints "€ 173.775" with the "1" in another font subset than "73.775"."""
    doc = read_document(str(CORPUS / "flevoland" / "almere_naar_een_positief_gezond_almere_2024.pdf"))
    texts = [line.text for line in doc.pages[27].lines if "Wmo" in line.text]
    assert texts == ["Additionele aanspraken op de Wmo € 173.775"]
