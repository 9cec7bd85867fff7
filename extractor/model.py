"""The output contract: one pydantic model per JSON object the extractor writes.

This module is the single source of truth for the document JSON (schema version "2").
It imports nothing else from the package, so every layer can depend on it and it can be
used on its own to validate or load results. `schema/document.schema.json` is generated
from it (`python -m extractor schema`), and a test fails when that file is stale.
Fields may be added in later versions of schema "2"; none is renamed or removed.

Schema "2" (from "1"): `outline` (the document's headings), `coverage` (what was found and
what was not used), `ErrorCode` as one enum for every layer, goal `label`, per-value `bbox`
and `type_from`, indicator `description`/`source_kind`/`catalogue_id`, budget-line
`taakveld`/`side`/`label_norm`/`detail`, partner `aliases`/`role`, OCR provenance
(`ocr`, `confidence`) and metadata `issuer_kind`/`from_filename`. Every "1" field is kept.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"

BBox = tuple[float, float, float, float]
"""[x0, top, x1, bottom] in PDF points, origin at the top-left of the page."""

LineSpan = tuple[int, int]
"""[first, last] 1-based line numbers of a text input that an item was read from."""

Status = Literal["success", "partial", "failure"]
GoalLevel = Literal["programma", "beleidsterrein", "doel", "prestatie"]
ValueType = Literal["realisatie", "streefwaarde", "referentie", "prognose"]
ValueTypeSource = Literal["header", "context", "prose"]
Comparator = Literal["<", "<=", ">", ">=", "="]
Direction = Literal["decrease", "increase", "stable"]
BudgetKind = Literal["rekening", "begroting", "begroting_na_wijziging", "realisatie", "verschil",
                     "prognose", "raming", "bedrag"]
BudgetSide = Literal["baten", "lasten", "saldo"]
IssuerKind = Literal["gemeente", "provincie", "waterschap", "regio", "rijk", "partij", "organisatie"]


class ErrorCode(str, Enum):
    """Every problem code any layer reports; meanings and severities live in `extractor.errors`."""

    file_not_found = "file_not_found"
    not_a_file = "not_a_file"
    unreadable_file = "unreadable_file"
    empty_file = "empty_file"
    unsupported_format = "unsupported_format"
    not_a_pdf = "not_a_pdf"
    corrupt_pdf = "corrupt_pdf"
    encrypted_pdf = "encrypted_pdf"
    no_text_layer = "no_text_layer"
    page_without_text = "page_without_text"
    too_many_pages = "too_many_pages"
    page_too_large = "page_too_large"
    decode_error = "decode_error"
    binary_text = "binary_text"
    goal_tree_incomplete = "goal_tree_incomplete"
    no_goal_structure = "no_goal_structure"
    table_uncertain = "table_uncertain"
    tables_not_used = "tables_not_used"
    numeric_grid_unread = "numeric_grid_unread"
    glued_cells_ambiguous = "glued_cells_ambiguous"
    merged_cells = "merged_cells"  # a table cell holds several figures and the column grid does not confirm a split
    ocr_unavailable = "ocr_unavailable"
    ocr_uncertain = "ocr_uncertain"
    ocr_incomplete = "ocr_incomplete"  # pages needing OCR left unread: the time for OCR ran out
    output_collision = "output_collision"
    timeout = "timeout"
    memory_limit = "memory_limit"
    worker_crashed = "worker_crashed"
    internal_error = "internal_error"

    def __str__(self) -> str:  # print the code, not "ErrorCode.code", on every Python version
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorEntry(_Strict):
    """A problem met while reading a document; `code` is stable, `message` is for people."""

    code: ErrorCode
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
    """The issuer: a gemeente, provincie, waterschap or joint body (e.g. "GGD Flevoland")."""
    issuer_kind: Optional[IssuerKind] = None
    document_type: Optional[str] = None
    year: Optional[int] = None
    period: Optional[tuple[int, int]] = None
    title: Optional[str] = None
    from_filename: list[str] = Field(default_factory=list)
    """Names of the fields above that were taken from the file name, not from the content."""


class OutlineItem(_Strict):
    """One heading of the document as a reader sees it; the tree is given by `parent`."""

    id: str
    title: str
    level: int
    number: Optional[str] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[LineSpan] = None
    parent: Optional[str] = None


class TableNote(_Strict):
    """A table the extractor found but did not use, and why."""

    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[LineSpan] = None
    reason: str
    numeric: bool = False
    detector: Optional[str] = None
    """How the table was found: ruled, aligned (whitespace columns), camelot, text; None when none could read it."""
    pages: Optional[list[int]] = None
    """Every page a table continued over pages is printed on (`page` is the first); None for a one-page table."""


class Coverage(_Strict):
    """What the extractor found in the document, so an empty result is visible as such."""

    outline_headings: int = 0
    lists: int = 0
    goal_nodes: int = 0
    tables_found: int = 0
    tables_indicators: int = 0
    tables_budget: int = 0
    tables_rejected: list[TableNote] = Field(default_factory=list)
    table_detectors: dict[str, int] = Field(default_factory=dict)
    """Tables found per detector (ruled, aligned, camelot, text), so a fallback's share is visible."""
    grids_unread: list[TableNote] = Field(default_factory=list)
    """Figures aligned in columns (PDF: page and box; text: lines) that gave no value or budget line and that no
    table note covers: numbers no table reader saw. Each also has a `numeric_grid_unread` warning."""
    prose_targets: int = 0
    ocr_pages: list[int] = Field(default_factory=list)
    ocr_pages_left: list[int] = Field(default_factory=list)
    """Pages that need OCR but were not OCR'd: the time for OCR ran out (`ocr_incomplete`) or the
    `--ocr-max-pages` limit was reached. Their content is missing from the result."""


class GoalNode(_Strict):
    """One node of the doelenboom; the tree is given by `parent` (an `id` or null)."""

    id: str
    code: Optional[str] = None
    title: str
    level: GoalLevel
    label: Optional[str] = None
    """The document's own word for the node as printed ("Hoofddoel", "Ambitie", "Speerpunt")."""
    parent: Optional[str] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[LineSpan] = None
    description: Optional[str] = None
    fields: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    ocr: bool = False
    confidence: Optional[float] = None


class IndicatorValue(_Strict):
    year: Optional[int] = None
    type: ValueType
    value: float
    comparator: Optional[Comparator] = None
    scope: Optional[str] = None
    raw: str
    type_from: ValueTypeSource = "header"
    """Where `type` came from: the column header, the document's type and year, or a sentence."""
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    ocr: bool = False
    confidence: Optional[float] = None


class Indicator(_Strict):
    id: str
    code: Optional[str] = None
    name: str
    description: Optional[str] = None
    unit: Optional[str] = None
    source: Optional[str] = None
    source_kind: Literal["table", "prose"] = "table"
    catalogue_id: Optional[str] = None
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
    taakveld: Optional[str] = None
    """Iv3 taakveld code ("1.2") where the row or table belongs to one."""
    label: str
    label_norm: Optional[str] = None
    """`label` without "Totaal", numbering and case, so "Totaal baten" and "Baten" compare equal."""
    column: str
    side: Optional[BudgetSide] = None
    kind: BudgetKind
    kind_from: Optional[Literal["header", "context"]] = None
    """Where `kind` comes from: "header" when the column's header names it ("Begroting 2025", "Rekening"),
    "context" when the header prints only a year (and perhaps a side) and the document decides it (in a
    begroting of year Y: Y begroting, later years raming; in jaarstukken of Y: Y realisatie). None for `bedrag`."""
    year: Optional[int] = None
    amount: float
    raw: str
    detail: bool = False
    """True for specification and taakveld detail rows, so totals and details are not mixed."""
    table: Optional[str] = None
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[LineSpan] = None
    ocr: bool = False
    confidence: Optional[float] = None


class Partner(_Strict):
    name: str
    canonical: str
    aliases: list[str] = Field(default_factory=list)
    kind: str
    known: bool
    mentions: int
    pages: list[int] = Field(default_factory=list)
    role: Optional[str] = None


class Theme(_Strict):
    id: str
    label: str
    field: str
    mentions: int
    score: float


class Document(_Strict):
    """Everything extracted from one input file."""

    schema_version: Literal["2"] = SCHEMA_VERSION
    extractor_version: str
    source: Source
    status: Status = "success"
    errors: list[ErrorEntry] = Field(default_factory=list)
    metadata: Metadata = Field(default_factory=Metadata)
    coverage: Coverage = Field(default_factory=Coverage)
    outline: list[OutlineItem] = Field(default_factory=list)
    goals: list[GoalNode] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    partners: list[Partner] = Field(default_factory=list)
    themes: list[Theme] = Field(default_factory=list)
