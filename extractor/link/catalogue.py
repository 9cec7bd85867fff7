"""Catalogue ids for documents written by any run: fill `catalogue_id` where an older run left it empty,
and name Iv3 taakvelden. The matching itself lives in `extractor.enrich.catalogue` (the pipeline uses it)."""

from __future__ import annotations

from typing import Optional

from extractor.enrich.catalogue import assign_catalogue_ids, bbv_catalogue, iv3_taakvelden, normalise_name, unit_kind
from extractor.model import Document

__all__ = ["fill_catalogue_ids", "taakveld_name", "normalise_name", "unit_kind", "bbv_catalogue"]


def fill_catalogue_ids(document: Document) -> int:
    """Set missing BBV ids on a loaded document (outputs of runs before the catalogue existed)."""
    return assign_catalogue_ids(document.indicators)


def taakveld_name(code: Optional[str]) -> Optional[str]:
    """The Iv3 name of a taakveld code ("1.2" → "Openbare orde en veiligheid"), or None."""
    return iv3_taakvelden().get(code.strip()) if code else None
