"""What an audit reports: one `Finding` per inconsistency, with the items it was read from.

Kept apart from the document model (`extractor.model`) because findings are about several
documents at once and are written to their own files (`findings.jsonl`, `_tables/findings.*`).
"""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

BBox = tuple[float, float, float, float]
Number = Union[float, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FindingItem(_Strict):
    """One number or sentence a finding rests on, with where a person can check it."""

    doc: str
    """Short name of the document (its JSON file name without `.json`)."""
    id: Optional[str] = None
    """Indicator or goal id, or a budget-line key `programme|label|column`."""
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    lines: Optional[tuple[int, int]] = None
    value: Optional[Number] = None
    raw: Optional[str] = None


class Finding(_Strict):
    rule: str
    severity: Severity
    message: str
    """Dutch, short and concrete, naming documents, pages and both values."""
    documents: list[str] = Field(default_factory=list)
    items: list[FindingItem] = Field(default_factory=list)
    expected: Optional[Number] = None
    actual: Optional[Number] = None
    difference: Optional[float] = None
    tolerance: Optional[float] = None
    """The rounding margin within which the two sides were taken as equal."""

    @field_validator("difference", "tolerance")
    @classmethod
    def _rounded(cls, number: Optional[float]) -> Optional[float]:
        """No float noise (1000.000000001) in the output; six decimals is finer than any printed figure."""
        return None if number is None else round(number, 6)

    def key(self) -> str:
        """A stable identity for gold files: rule, documents and the items' ids and pages."""
        parts = [self.rule, ",".join(self.documents)]
        parts += [f"{item.doc}:{item.id}:{item.page}" for item in self.items]
        return "|".join(parts)
