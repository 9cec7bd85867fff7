"""Shared finishing steps of table indicators: an explanation printed in the name cell, and the goal link."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.model import GoalNode, Indicator
from extractor.parse.indicator_goals import (
    goal_for,
    group_code,
    link_goals,
    link_pdf_goals,
)
from extractor.parse.indicator_names import split_explanation, split_explanations


@pytest.mark.parametrize("cell, name, explanation", [
    ("Aantal persberichten Zegt iets over de mate waarin het werk als relevant wordt gezien.", "Aantal persberichten",
     "Zegt iets over de mate waarin het werk als relevant wordt gezien."),
    ("Afspraken ketenpartners: Met 100% van de ketenpartners zijn actuele afspraken gemaakt.", "Afspraken ketenpartners",
     "Met 100% van de ketenpartners zijn actuele afspraken gemaakt."),
    ("Aantal branden (geen brandstichting)", "Aantal branden (geen brandstichting)", None),
    ("Bron: CBS cijfers van het jaar ervoor en daarvoor", "Bron: CBS cijfers van het jaar ervoor en daarvoor", None),
    ("Tevredenheid: hoog", "Tevredenheid: hoog", None),
    ("Geeft aan hoeveel", "Geeft aan hoeveel", None),
])
def test_split_explanation(cell: str, name: str, explanation: str | None) -> None:
    assert split_explanation(cell) == (name, explanation)


def test_split_explanations_keeps_a_printed_description_and_prose() -> None:
    table = Indicator(id="a", name="Aantal fte Zegt iets over de inzet van mensen in het werk.")
    kept = Indicator(id="b", name="Aantal fte Zegt iets over de inzet.", description="al gezet")
    prose = Indicator(id="c", name="Afspraken: Met 100% van de partners zijn afspraken gemaakt.", source_kind="prose")
    split_explanations([table, kept, prose])
    assert (table.name, table.description) == ("Aantal fte", "Zegt iets over de inzet van mensen in het werk.")
    assert kept.name == "Aantal fte Zegt iets over de inzet." and prose.description is None


@given(st.text(max_size=80))
def test_split_never_loses_text(cell: str) -> None:
    name, explanation = split_explanation(cell)
    assert " ".join(f"{name} {explanation or ''}".split()) in (" ".join(cell.split()), cell.strip()) or name == cell


GOALS = [GoalNode(id="2A1", code="2A1", title="Preventie", level="doel", lines=(10, 10)),
         GoalNode(id="B", title="Doel B", level="doel", lines=(40, 40)),
         GoalNode(id="P", title="Programma", level="programma", lines=(50, 50))]


def test_goal_by_code_group_and_heading_above() -> None:
    assert goal_for("2A1.a", None, 99, GOALS) == "2A1"
    assert goal_for(None, group_code("Doel 2A1 Optimale preventie"), 99, GOALS) == "2A1"
    assert goal_for(None, None, 45, GOALS) == "B"  # the last doel above the header, not the programme after it
    assert goal_for(None, None, 5, GOALS) is None
    assert goal_for(None, None, None, GOALS) is None
    assert goal_for("9Z9.a", "Doel 7", 45, []) is None


def test_link_goals_fills_only_missing_goals_and_pdf_uses_codes_only() -> None:
    text = [Indicator(id="a", name="x"), Indicator(id="b", name="y", goal="2A1")]
    link_goals(text, GOALS, 45)
    assert [i.goal for i in text] == ["B", "2A1"]
    pdf = [Indicator(id="c", name="x"), Indicator(id="d", name="y", code="2A1.b")]
    link_pdf_goals(pdf, GOALS)
    assert [i.goal for i in pdf] == [None, "2A1"]
