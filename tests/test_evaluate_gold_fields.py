"""Gold fields added for documents without codes: goal title aliases, goal labels, metadata issuer_kind."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from extractor.evaluate import GoldDocument, score_document
from extractor.model import Document, GoalNode, Metadata, Source

SHA = "0" * 64


def _gold(goals: list[dict], metadata: dict) -> GoldDocument:
    return GoldDocument.model_validate({
        "source": {"file": "samples/example.txt", "sha256": SHA}, "annotator": "t", "checked_by": "t",
        "coverage": {"metadata": {}, "goals": {}}, "metadata": metadata, "goals": goals,
    })


def _document(goals: list[GoalNode], metadata: Metadata) -> Document:
    return Document(extractor_version="t", source=Source(file="samples/example.txt", sha256=SHA), metadata=metadata, goals=goals)


def _counts(scores, name: str) -> tuple[int, int, int]:
    c = scores[name].counts("strict")
    return (c.tp, c.fp, c.fn)


def test_a_goal_title_matches_on_any_alias():
    gold = _gold([{"id": "3.1/1", "title": "Behouden van biodiversiteit door vroegtijdig signaleren", "aliases": ["Behouden van biodiversiteit"],
                   "level": "doel", "label": "Operationeel doel"}], {})
    short = _document([GoalNode(id="3.1/1", title="Behouden van biodiversiteit", level="doel")], Metadata())
    other = _document([GoalNode(id="3.1/1", title="Bescherming natuurwaarden", level="doel")], Metadata())
    assert _counts(score_document(gold, short), "goal_nodes") == (1, 0, 0)
    assert _counts(score_document(gold, other), "goal_nodes") == (0, 1, 1)


def test_issuer_kind_is_scored_when_the_gold_gives_it():
    gold = _gold([], {"municipality": "Wassenaar", "issuer_kind": "partij"})
    right = _document([], Metadata(municipality="Wassenaar", issuer_kind="partij"))
    wrong = _document([], Metadata(municipality="Wassenaar", issuer_kind="gemeente"))
    assert _counts(score_document(gold, right), "metadata") == (2, 0, 0)
    assert _counts(score_document(gold, wrong), "metadata") == (1, 1, 1)
    unscored = _gold([], {"municipality": "Wassenaar"})
    assert _counts(score_document(unscored, wrong), "metadata") == (1, 0, 0)


def test_issuer_kind_must_be_a_known_kind():
    with pytest.raises(ValidationError):
        _gold([], {"municipality": "X", "issuer_kind": "bedrijf"})
