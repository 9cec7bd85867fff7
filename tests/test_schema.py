"""The committed JSON Schema is generated from the pydantic model and must not be stale."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from extractor.cli.schema import SCHEMA_PATH, schema_text
from extractor.model import Document, GoalNode


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.exists(), "run `extractor schema --write` and commit schema/document.schema.json"
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "schema is stale: run `extractor schema --write`"


def test_schema_has_the_contract_fields() -> None:
    schema = json.loads(schema_text())
    for field in ("schema_version", "extractor_version", "source", "status", "errors", "metadata", "goals",
                  "indicators", "budget_lines", "partners", "themes"):
        assert field in schema["properties"]
    assert schema["additionalProperties"] is False


def test_model_forbids_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        GoalNode(id="1", title="x", level="doel", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        GoalNode(id="1", title="x", level="subdoel")  # type: ignore[arg-type]
    assert Document.model_json_schema()["properties"]["schema_version"]["const"] == "2"
