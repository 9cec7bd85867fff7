"""The committed JSON Schema is generated from the pydantic model and must not be stale."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.cli.schema import SCHEMA_PATH, schema_text
from extractor.model import Document, GoalNode

REPO = Path(__file__).resolve().parent.parent


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


def _cli(*args: str, cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([sys.executable, "-m", "extractor", "schema", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def _package_copy(root: Path) -> Path:
    """The package alone, as a wheel installs it: no pyproject.toml and no schema/ folder beside it."""
    shutil.copytree(REPO / "extractor", root / "extractor", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_schema_prints_from_the_source_checkout_and_check_passes() -> None:
    printed = _cli(cwd=REPO, pythonpath=REPO)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == SCHEMA_PATH.read_text(encoding="utf-8")
    checked = _cli("--check", cwd=REPO, pythonpath=REPO)
    assert checked.returncode == 0 and "up to date" in checked.stdout, checked.stderr


def test_schema_prints_from_an_installed_package_outside_the_checkout(tmp_path: Path) -> None:
    site = _package_copy(tmp_path / "site")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    printed = _cli(cwd=elsewhere, pythonpath=site)
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["properties"]["schema_version"]["const"] == "2"
    assert printed.stdout == schema_text()
    for option in ("--write", "--check"):
        refused = _cli(option, cwd=elsewhere, pythonpath=site)
        assert refused.returncode == 2 and "not a source checkout" in refused.stderr, (option, refused.stderr)
    assert sorted(p.name for p in tmp_path.rglob("*.schema.json")) == []  # nothing written beside the package


def test_schema_write_regenerates_the_file_of_a_checkout(tmp_path: Path) -> None:
    checkout = _package_copy(tmp_path / "checkout")
    shutil.copy(REPO / "pyproject.toml", checkout / "pyproject.toml")
    (checkout / "schema").mkdir()
    (checkout / "schema" / "document.schema.json").write_text("{}\n", encoding="utf-8")
    stale = _cli("--check", cwd=tmp_path, pythonpath=checkout)
    assert stale.returncode == 1 and "stale" in stale.stderr
    written = _cli("--write", cwd=tmp_path, pythonpath=checkout)
    assert written.returncode == 0, written.stderr
    assert (checkout / "schema" / "document.schema.json").read_text(encoding="utf-8") == schema_text()
