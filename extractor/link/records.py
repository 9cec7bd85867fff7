"""The rows `extractor link` writes: one `LinkRow` per link (links.jsonl) and one `SeriesRow` per cell of an
indicator followed over documents (series table). Strict models, so a typo in a producer fails loudly."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

LinkKind = Literal["goal", "indicator", "budget_line", "section"]
"""`section`: a heading of the document outline (chapters, paragraphs), for plans without a goal tree."""
Relation = Literal["same", "renamed", "renumbered", "split", "merged", "unit_changed", "definition_changed",
                   "new", "dropped"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LinkRow(_Strict):
    """One link between an item of `from_doc` and one of `to_doc` (a `new`/`dropped` row has one side null)."""

    kind: LinkKind
    from_doc: Optional[str]
    from_id: Optional[str]
    to_doc: Optional[str]
    to_id: Optional[str]
    from_title: Optional[str]
    to_title: Optional[str]
    relation: Relation
    score: float = Field(ge=0.0, le=1.0)
    """Estimated probability that the link is right (see docs/linking.md, calibration)."""
    method: str
    """The signals that made the link, e.g. "code+exact name+parent linked"."""
    evidence: str
    """Short human-readable reason."""


class SeriesValue(_Strict):
    doc: str
    value: float
    page: Optional[int] = None
    raw: Optional[str] = None


class SeriesRow(_Strict):
    """One cell (publisher, canonical indicator, scope, year, type) read from one or more documents."""

    publisher: str
    indicator: str
    """Canonical key: the BBV catalogue id when there is one, else the id of the chain's first item."""
    name: str
    catalogue_id: Optional[str] = None
    unit: Optional[str] = None
    scope: Optional[str] = None
    year: Optional[int] = None
    type: str
    value: Optional[float]
    """The value all documents agree on; null when they conflict (see `values`)."""
    values: list[SeriesValue]
    documents: list[str]
    pages: list[int] = Field(default_factory=list)
    conflict: bool = False
