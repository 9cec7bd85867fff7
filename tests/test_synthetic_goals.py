"""Generality: goal trees of known shape in randomised house styles must come back (issue 9).

Hypothesis draws the house style (fonts, sizes, weights, numbering, cue words, labels, bullets,
indents, frames, white that pushes lists over a page break, one or two columns) and the tree's shape; fpdf2 draws
the PDF. Goal nodes and parent links are scored by title over all drawn documents, because ids
depend on the numbering the style prints.

The bar (issue 9) is F1 >= 0.95 for nodes and for parent links, summed over all drawn documents.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Optional

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.pipeline import ExtractOptions, extract_document
from tests.synth_goals import (ACTION_CUES, BULLETS, FONTS, GOAL_CONTAINERS, GOAL_LABELS, Style, expected_pairs,
                               expected_text_pairs, make_tree, write_pdf, write_text)

GOALS_ONLY = ExtractOptions(tables=False, enrich=False, reader="pdfium")
Pairs = set[tuple[str, Optional[str]]]
PDF_FLOOR = (0.95, 0.95)  # (nodes, links): the bar
TEXT_FLOOR = (0.95, 0.95)


def _norm(text: Optional[str]) -> Optional[str]:
    return " ".join(text.lower().split()) if text is not None else None


def predicted_pairs(path: Path) -> Pairs:
    document = extract_document(path, GOALS_ONLY)
    titles = {g.id: g.title for g in document.goals}
    return {(_norm(g.title), _norm(titles.get(g.parent)) if g.parent else None) for g in document.goals}  # type: ignore[misc]


class Score:
    def __init__(self) -> None:
        self.node = [0, 0, 0]  # tp, fp, fn
        self.link = [0, 0, 0]
        self.documents = 0

    def add(self, expected: Pairs, predicted: Pairs) -> None:
        expected = {(_norm(a), _norm(b)) for a, b in expected}  # type: ignore[misc]
        for counts, gold, pred in ((self.node, {a for a, _ in expected}, {a for a, _ in predicted}),
                                   (self.link, {p for p in expected if p[1]}, {p for p in predicted if p[1]})):
            counts[0] += len(gold & pred)
            counts[1] += len(pred - gold)
            counts[2] += len(gold - pred)
        self.documents += 1

    @staticmethod
    def f1(counts: list[int]) -> float:
        tp, fp, fn = counts
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


styles = st.builds(
    Style,
    layout=st.sampled_from(["headings", "list", "labels"]),
    font=st.sampled_from(FONTS),
    body_size=st.sampled_from([9.0, 10.0, 11.0]),
    heading_size=st.sampled_from([15.0, 16.0, 18.0]),
    sub_size=st.sampled_from([12.5, 13.0, 14.0]),
    bold_headings=st.booleans(),
    numbering=st.sampled_from(["1.", "1.1", "2A1", "a)", "none"]),
    container=st.sampled_from(GOAL_CONTAINERS),
    label=st.one_of(st.none(), st.sampled_from(GOAL_LABELS)),
    action_cue=st.sampled_from(ACTION_CUES),
    action_as_label=st.booleans(),
    bullet=st.sampled_from(BULLETS),
    numbered_prestaties=st.booleans(),
    indent=st.sampled_from([0.0, 12.0, 24.0]),
    boxed=st.booleans(),
    spacer=st.sampled_from([0.0, 200.0, 380.0, 470.0]),
    wrap=st.lists(st.booleans(), min_size=1, max_size=3),
    columns=st.sampled_from([1, 1, 2]),
)


def test_synthetic_pdf_goal_trees() -> None:
    score = Score()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.pdf"

        @settings(max_examples=200, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
        @given(style=styles, n_goals=st.integers(2, 4), n_prestaties=st.lists(st.integers(0, 3), min_size=1, max_size=3),
               seed=st.integers(0, 500))
        def draw(style: Style, n_goals: int, n_prestaties: list[int], seed: int) -> None:
            goals = make_tree(n_goals, n_prestaties, seed)
            write_pdf(path, goals, style)
            score.add(expected_pairs(goals, style.wrap), predicted_pairs(path))

        draw()
    assert score.documents >= 200
    assert Score.f1(score.node) >= PDF_FLOOR[0], score.node
    assert Score.f1(score.link) >= PDF_FLOOR[1], score.link


def test_synthetic_text_goal_lists() -> None:
    score = Score()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "begroting.txt"

        @settings(max_examples=100, deadline=None, database=None)
        @given(variant=st.sampled_from(["numbered", "bulleted", "per_line"]),
               container=st.sampled_from(GOAL_CONTAINERS), n_goals=st.integers(2, 5),
               n_prestaties=st.lists(st.integers(0, 3), min_size=1, max_size=3), seed=st.integers(0, 500),
               wrap=st.lists(st.booleans(), min_size=1, max_size=3))
        def draw(variant: str, container: str, n_goals: int, n_prestaties: list[int], seed: int, wrap: list[bool]) -> None:
            goals = make_tree(n_goals, n_prestaties, seed)
            write_text(path, goals, variant, container, wrap)
            score.add(expected_text_pairs(goals, variant, wrap), predicted_pairs(path))

        draw()
    assert score.documents >= 100
    assert Score.f1(score.node) >= TEXT_FLOOR[0], score.node
    assert Score.f1(score.link) >= TEXT_FLOOR[1], score.link
