"""Shared fixtures. `corpus_dir` is the real-document corpus next to the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus relative to the repo; skipped when absent, except on CI (CI=true) where it must exist."""
    if not CORPUS.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the corpus folder {CORPUS} is missing")
        pytest.skip(f"corpus folder {CORPUS} not found (tests on real documents need ../shared/corpus)")
    return CORPUS
