"""Where the shipped models live: inside the installed package, or `models/` of a source checkout.

A wheel carries the spaCy pipeline and the vocabularies as package data under
`extractor/_models/` (mapped from the top-level `models/` folder at build time, see setup.py);
an editable install or a plain checkout reads the top-level `models/` folder itself, so an
edited vocabulary is used at once. Every module that needs `models/` asks `models_dir()`.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache
from pathlib import Path

PACKAGED_MODELS = "_models"


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """The folder holding `pipeline/` and `data/` (packaged copy first, then the source tree)."""
    packaged = importlib.resources.files("extractor").joinpath(PACKAGED_MODELS)
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / "models"


def data_dir() -> Path:
    """The editable vocabularies (`models/data/`): JSONL and CSV files with a '#' header."""
    return models_dir() / "data"


def pipeline_dir() -> Path:
    """The saved spaCy pipeline (`models/pipeline/`)."""
    return models_dir() / "pipeline"
