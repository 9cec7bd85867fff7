"""Helpers shared by tests: golden-file comparison that only rewrites on purpose, and extraction of invented texts."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from extractor.model import Document
from extractor.pipeline import ExtractOptions, extract_document

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: Any) -> None:
    """Compare with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites the file (on purpose, never silently)."""
    path = GOLDEN / name
    text = json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
        pytest.skip(f"rewrote golden file {path.name}")
    if not path.exists():
        pytest.fail(f"golden file {path} is missing; create it on purpose with UPDATE_GOLDEN=1 and review it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected, f"output differs from golden file {path.name}"


@functools.lru_cache(maxsize=32)
def _extract_cached(path: str, tables: bool, enrich: bool) -> str:
    return extract_document(path, ExtractOptions(tables=tables, enrich=enrich)).model_dump_json()


def extract_cached(path: str | Path, tables: bool = True, enrich: bool = True) -> Document:
    """Extract once per test session per (file, options); each caller gets its own copy."""
    return Document.model_validate_json(_extract_cached(str(path), tables, enrich))


def manifest_rows(out: Path) -> dict[str, dict]:
    """The documents table of a batch output folder's manifest, keyed by relative input path."""
    db = sqlite3.connect(out / "manifest.sqlite")
    db.row_factory = sqlite3.Row
    rows = {r["rel_path"]: dict(r) for r in db.execute("SELECT * FROM documents")}
    db.close()
    return rows


def extract_text(tmp_path: Path, name: str, text: str) -> Document:
    """Extract an invented text written to `name` (the name carries the document type and year), without enrichment."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_document(path, ExtractOptions(enrich=False))


def cells_per_line(*cells: str) -> str:
    """Cells as a web page copy gives them: one cell per line, blank lines between."""
    return "\n\n".join(cells) + "\n"
