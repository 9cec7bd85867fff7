"""The output contract: one pydantic model per JSON object the extractor writes.

This module is the single source of truth for the document JSON (schema version "1").
It imports nothing else from the package, so every layer can depend on it and it can be
used on its own to validate or load results. `schema/document.schema.json` is generated
from it (`python -m extractor schema`), and a test fails when that file is stale.
Fields may be added in later versions of schema "1"; none is renamed or removed.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

BBox = tuple[float, float, float, float]
"""[x0, top, x1, bottom] in PDF points, origin at the top-left of the page."""

LineSpan = tuple[int, int]
"""[first, last] 1-based line numbers of a text input that an item was read from."""

Status = Literal["success", "partial", "failure"]
GoalLevel = Literal["programma", "beleidsterrein", "doel", "prestatie"]
ValueType = Literal["realisatie", "streefwaarde", "referentie"]
Comparator = Literal["<", "<=", ">", ">=", "="]
Direction = Literal["decrease", "increase", "stable"]
BudgetKind = Literal["rekening", "begroting", "begroting_na_wijziging", "realisatie", "verschil"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorEntry(_Strict):
    """A problem met while reading a document; `code` is stable, `message` is for people."""

    code: str
    message: str
    page: Optional[int] = None
    severity: Literal["error", "warning"] = "error"


class Source(_Strict):
    file: str
    sha256: Optional[str] = None
    format: Optional[Literal["pdf", "text"]] = None
    pages: Optional[int] = None
    size: Optional[int] = None


class Metadata(_Strict):
    municipality: Optional[str] = None
    document_type: Optional[str] = None
    year: Optional[int] = None
    period: Optional[tuple[int, int]] = None
    title: Optional[str] = None


class GoalNode(_Strict):
    """One node of the doelenboom; the tree is given by `parent` (an `id` or null)."""

    id: str
    code: Optional[str] = None
    title: str
    level: GoalLevel
    parent: Optional[str] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[LineSpan] = None
    description: Optional[str] = None
    fields: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)


class IndicatorValue(_Strict):
    year: Optional[int] = None
    type: ValueType
    value: float
    comparator: Optional[Comparator] = None
    scope: Optional[str] = None
    raw: str


class Indicator(_Strict):
    id: str
    code: Optional[str] = None
    name: str
    unit: Optional[str] = None
    source: Optional[str] = None
    goal: Optional[str] = None
    direction: Optional[Direction] = None
    parent_indicator: Optional[str] = None
    footnotes: list[str] = Field(default_factory=list)
    table: Optional[str] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[LineSpan] = None
    values: list[IndicatorValue] = Field(default_factory=list)
    fields: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)


class BudgetLine(_Strict):
    programme: Optional[str] = None
    label: str
    column: str
    kind: BudgetKind
    year: Optional[int] = None
    amount: float
    raw: str
    table: Optional[str] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[LineSpan] = None


class Partner(_Strict):
    name: str
    canonical: str
    kind: str
    known: bool
    mentions: int
    pages: list[int] = Field(default_factory=list)


class Theme(_Strict):
    id: str
    label: str
    field: str
    mentions: int
    score: float


class Document(_Strict):
    """Everything extracted from one input file."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    extractor_version: str
    source: Source
    status: Status = "success"
    errors: list[ErrorEntry] = Field(default_factory=list)
    metadata: Metadata = Field(default_factory=Metadata)
    goals: list[GoalNode] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
