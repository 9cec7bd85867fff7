"""Load the saved policy pipeline once per process, and a trained Dutch NER when one is installed."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Optional

from extractor.enrich.data import DATA_DIR, PIPELINE_DIR

log = logging.getLogger(__name__)

TRAINED_PIPELINES = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")
NO_TRAINED_NER_ENV = "EXTRACTOR_NO_TRAINED_NER"

_lock = threading.Lock()
_nlp: Any = None
_ner: Any = None
_ner_checked = False


def get_nlp(path: Optional[Path] = None):
    """The policy pipeline (module-level cache). Falls back to building it from models/data when the
    saved copy is missing, which needs spacy-lookups-data."""
    global _nlp
    if _nlp is not None and path is None:
        return _nlp
    with _lock:
        if _nlp is not None and path is None:
            return _nlp
        nlp = _load(Path(path) if path is not None else PIPELINE_DIR)
        if path is None:
            _nlp = nlp
        return nlp


def _load(path: Path):
    import spacy

    from extractor.enrich import candidates, components  # noqa: F401  (registers the factories before loading)
    from extractor.enrich.build import build_pipeline, is_stale

    if (path / "meta.json").exists():
        nlp = spacy.load(path)
        if path == PIPELINE_DIR and DATA_DIR.exists() and is_stale(path, DATA_DIR):
            log.warning("%s is older than the files in %s; run `extractor model build`", path, DATA_DIR)
        return nlp
    log.warning("no saved pipeline in %s; building it from %s (run `extractor model build` to save it)", path, DATA_DIR)
    return build_pipeline(DATA_DIR)


def find_trained_pipeline() -> Optional[str]:
    """Name of an installed nl_core_news_* package, largest first, or None."""
    import spacy

    for name in TRAINED_PIPELINES:
        if spacy.util.is_package(name):
            return name
    return None


def trained_ner():
    """A trained Dutch pipeline with only its NER (and what NER needs), or None when none is installed.

    Set EXTRACTOR_NO_TRAINED_NER=1 to ignore an installed one (for reproducible output across machines).
    """
    global _ner, _ner_checked
    if _ner_checked:
        return _ner
    with _lock:
        if _ner_checked:
            return _ner
        _ner = None
        if not os.environ.get(NO_TRAINED_NER_ENV):
            name = find_trained_pipeline()
            if name:
                try:
                    import spacy

                    _ner = spacy.load(name, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter"])
                    log.info("using the NER of %s for extra organisation candidates", name)
                except Exception as exc:  # a broken install must not stop tagging
                    log.warning("cannot load %s (%s); continuing without trained NER", name, exc)
                    _ner = None
        _ner_checked = True
        return _ner


def set_trained_ner(nlp: Any) -> None:
    """Use `nlp` (or None) as the trained NER; for tests and for callers that manage their own models."""
    global _ner, _ner_checked
    with _lock:
        _ner = nlp
        _ner_checked = True


def reset_trained_ner() -> None:
    """Forget the cached NER decision so the next call looks for installed packages again."""
    global _ner, _ner_checked
    with _lock:
        _ner = None
        _ner_checked = False
