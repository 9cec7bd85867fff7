"""Column-aware reading order (issue 9, part 2): two columns are read left first, tables and one-column pages are left alone."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from extractor.layout.columns import find_gutter, reading_order
from extractor.pipeline import ExtractOptions, extract_document
from extractor.read.types import Line, Page, Word, make_line
from tests.synth_goals import Style, expected_pairs, make_tree, write_pdf

CHAR = 5.0  # points per character of the made-up font
LEFT_X, RIGHT_X = 60.0, 320.0
LEFT_TEXT = ["De gemeente werkt aan een veilige stad", "waar inwoners zich thuis voelen en waar",
             "ondernemers graag willen investeren in", "de toekomst van de wijken en de kernen",
             "samen met partners uit de hele regio", "zoals de politie en de woningcorporaties",
             "en het welzijnswerk in de buurten van", "de stad en de dorpen er omheen vandaag"]
RIGHT_TEXT = ["In de tweede kolom staat de uitwerking", "van het beleid voor de komende jaren en",
              "de manier waarop de raad wordt betrokken", "bij de keuzes die het college gaat maken",
              "over de inzet van middelen en mensen in", "het sociaal domein en de openbare ruimte",
              "zodat iedereen weet wat er gaat gebeuren", "en wanneer de resultaten zichtbaar zijn"]


def _words(text: str, x: float, top: float) -> list[Word]:
    words: list[Word] = []
    for token in text.split():
        words.append(Word(token, x, top, x + CHAR * len(token), top + 10, size=10.0))
        x += CHAR * (len(token) + 1)
    return words


def _line(parts: list[tuple[str, float]], top: float) -> Line:
    words = [w for text, x in parts for w in _words(text, x, top)]
    return make_line(words, page=1)


def _page(lines: list[Line]) -> Page:
    return Page(number=1, width=595.0, height=842.0, lines=lines)


def _texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def test_glued_columns_are_read_left_then_right() -> None:
    lines = [_line([("Een titel over de hele breedte van de pagina heen geschreven", LEFT_X)], 40)]
    lines += [_line([(left, LEFT_X), (right, RIGHT_X)], 80 + 14 * i) for i, (left, right) in enumerate(zip(LEFT_TEXT, RIGHT_TEXT))]
    lines.append(_line([("Een slotregel die ook weer over de hele breedte van de bladzijde loopt", LEFT_X)], 300))
    page = _page(lines)
    gutter = find_gutter(page)
    assert gutter is not None and LEFT_X + CHAR * 41 < gutter < RIGHT_X
    assert _texts(reading_order(page)) == [_texts(lines)[0]] + LEFT_TEXT + RIGHT_TEXT + [_texts(lines)[-1]]


def test_columns_on_different_baselines_are_not_interleaved() -> None:
    lines: list[Line] = []
    for i, (left, right) in enumerate(zip(LEFT_TEXT, RIGHT_TEXT)):
        lines.append(_line([(left, LEFT_X)], 80 + 14 * i))
        lines.append(_line([(right, RIGHT_X)], 86 + 14 * i))  # half a line lower: never glued, but alternating by y
    assert _texts(reading_order(_page(lines))) == LEFT_TEXT + RIGHT_TEXT


def _table_row(label: str, figures: list[str], top: float) -> Line:
    parts = [(label, LEFT_X)] + [(figure, 300.0 + 60 * k) for k, figure in enumerate(figures)]
    return _line(parts, top)


def test_table_rows_keep_their_physical_order() -> None:
    labels = ["Kosten van de uitvoering", "Baten basispakket gemeenten", "Baten pluspakket gemeenten", "Baten derden",
              "Baten totaal", "Resultaat van het jaar", "Onttrekking aan de reserve", "Storting in de reserve", "Saldo"]
    lines = [_table_row(label, ["1.707", "1.886", "1.955"], 80 + 14 * i) for i, label in enumerate(labels)]
    page = _page(lines)
    assert reading_order(page) is page.lines


def test_text_cells_beside_labels_are_a_table_not_columns() -> None:
    labels = ["Wegen", "Update", "Bruggen", "Update", "Wegmeubilair", "Update", "Verlichting", "Update", "Groen"]
    lines = [_line([(label, LEFT_X), ("gemeente", 200.0), (RIGHT_TEXT[i % 8], RIGHT_X)], 80 + 14 * i)
             for i, label in enumerate(labels)]
    page = _page(lines)
    assert reading_order(page) is page.lines


def test_one_column_prose_is_not_split() -> None:
    text = ("De gemeente werkt samen met inwoners en partners aan een veilige en gezonde stad waarin iedereen mee kan "
            "doen en waar de voorzieningen dichtbij en goed bereikbaar zijn voor jong en oud in alle wijken en kernen "
            "van de gemeente en de regio daaromheen") * 3
    words = text.split()
    lines: list[Line] = []
    for i in range(0, len(words), 14):
        lines.append(_line([(" ".join(words[i:i + 14]), LEFT_X)], 80 + 14 * len(lines)))
    page = _page(lines)
    assert len(lines) >= 8
    assert reading_order(page) is page.lines


def _pdf_pairs(path: Path) -> set[tuple[str, Optional[str]]]:
    document = extract_document(path, ExtractOptions(tables=False, enrich=False))
    titles = {g.id: g.title for g in document.goals}
    return {(g.title, titles.get(g.parent) if g.parent else None) for g in document.goals}


def test_two_column_pdf_goal_tree(tmp_path: Path) -> None:
    style = Style(layout="headings", font="Helvetica", body_size=10.0, heading_size=16.0, sub_size=13.0,
                  bold_headings=True, numbering="1.", container="Doelstellingen", label=None, action_cue="Activiteiten",
                  action_as_label=False, bullet="-", numbered_prestaties=False, indent=12.0, boxed=True, spacer=0.0,
                  wrap=[True, False], columns=2)
    goals = make_tree(4, [3, 2], 0)
    path = tmp_path / "two_columns.pdf"
    write_pdf(path, goals, style)
    assert _pdf_pairs(path) == expected_pairs(goals, style.wrap)
