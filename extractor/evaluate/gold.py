"""The gold-set format: hand-made answers for one document each, checked against a pydantic model.

A gold file mirrors the output contract (extractor/model.py) but keeps only what is scored.
`tests/gold/gold.schema.json` is generated from `GoldDocument` (see `gold_schema_text`), so the
format has one source of truth, like the output contract itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from extractor.model import IssuerKind

GOLD_VERSION = "1"

GoalLevel = Literal["programma", "beleidsterrein", "doel", "prestatie"]
ValueType = Literal["realisatie", "streefwaarde", "referentie", "prognose"]
Comparator = Literal["<", "<=", ">", ">=", "="]
Direction = Literal["decrease", "increase", "stable"]
BudgetKind = Literal["rekening", "begroting", "begroting_na_wijziging", "realisatie", "verschil", "prognose", "raming", "bedrag"]
FieldId = Literal[
    "veilige_woon_en_leefomgeving",
    "bedrijvigheid_en_veiligheid",
    "jeugd_en_veiligheid",
    "fysieke_veiligheid",
    "integriteit_en_veiligheid",
    "overig",
]
Section = Literal["metadata", "goals", "indicators", "budget_lines", "partners", "goal_fields"]
SECTIONS: tuple[str, ...] = ("metadata", "goals", "indicators", "budget_lines", "partners", "goal_fields")


class GoldError(Exception):
    """A gold file that is missing, unreadable or not in the documented format."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldSource(_Strict):
    file: str = Field(description="path of the annotated document, relative to the repository root")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Coverage(_Strict):
    """One annotated section; `pages` limits scoring to predictions from those pages (PDF only)."""

    pages: Optional[list[int]] = Field(default=None, description="1-based pages; null = the whole document")
    note: Optional[str] = None


class GoldMetadata(_Strict):
    municipality: Optional[str] = None
    issuer_kind: Optional[IssuerKind] = Field(default=None, description="kind of issuer; null = not scored")
    document_type: Optional[str] = None
    year: Optional[int] = None
    period: Optional[tuple[int, int]] = None


class GoldGoal(_Strict):
    id: str
    code: Optional[str] = None
    title: str
    aliases: list[str] = Field(default_factory=list, description="other acceptable titles, e.g. the short heading above a goal box")
    level: GoalLevel
    label: Optional[str] = Field(default=None, description="the document's own word for the node as printed ('Operationeel doel', 'Speerpunt')")
    parent: Optional[str] = None
    page: Optional[int] = None


class GoldValue(_Strict):
    year: Optional[int] = None
    type: ValueType
    value: float
    comparator: Optional[Comparator] = None
    scope: Optional[str] = None
    raw: Optional[str] = Field(default=None, description="the cell text, for the reader of the gold file")
    optional: bool = Field(default=False, description="ambiguous reading: a matching prediction is neither a hit nor an error")


class GoldIndicator(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list, description="other acceptable names (judgment calls)")
    code: Optional[str] = None
    goal: Optional[str] = None
    unit: Optional[str] = None
    source: Optional[str] = None
    direction: Optional[Direction] = None
    parent_indicator: Optional[str] = Field(default=None, description="name of the total this row breaks down")
    page: Optional[int] = None
    values: list[GoldValue] = Field(default_factory=list)


class GoldBudgetLine(_Strict):
    programme: Optional[str] = None
    programme_aliases: list[str] = Field(default_factory=list, description="other acceptable programme names, e.g. 'P1'")
    label: str
    column: str
    kind: BudgetKind
    year: Optional[int] = None
    amount: float = Field(description="euros, after the table's scale")
    page: Optional[int] = None


class GoldPartner(_Strict):
    name: str = Field(description="canonical name")
    aliases: list[str] = Field(default_factory=list, description="other spellings a prediction may use")
    kind: Optional[str] = None


class GoldDocument(_Strict):
    """Everything annotated by hand for one document."""

    gold_version: Literal["1"] = GOLD_VERSION
    source: GoldSource
    annotator: str
    checked_by: str
    notes: list[str] = Field(default_factory=list, description="judgment calls")
    coverage: dict[Section, Coverage] = Field(description="sections annotated completely; only these are scored")
    metadata: GoldMetadata = Field(default_factory=GoldMetadata)
    goals: list[GoldGoal] = Field(default_factory=list)
    indicators: list[GoldIndicator] = Field(default_factory=list)
    budget_lines: list[GoldBudgetLine] = Field(default_factory=list)
    partners: list[GoldPartner] = Field(default_factory=list)
    partners_acceptable: list[GoldPartner] = Field(
        default_factory=list,
        description="organisations a reader may or may not call partners: matching one is neither rewarded nor punished",
    )
    goal_fields: dict[str, Optional[FieldId]] = Field(
        default_factory=dict, description="goal id -> first veiligheidsveld; null = not scored for that goal"
    )

    @field_validator("goals")
    @classmethod
    def _unique_ids(cls, goals: list[GoldGoal]) -> list[GoldGoal]:
        seen: set[str] = set()
        for goal in goals:
            if goal.id in seen:
                raise ValueError(f"goal id {goal.id!r} occurs twice")
            seen.add(goal.id)
        return goals

    @model_validator(mode="after")
    def _references_resolve(self) -> "GoldDocument":
        ids = {goal.id for goal in self.goals}
        for goal in self.goals:
            if goal.parent is not None and goal.parent not in ids:
                raise ValueError(f"goal {goal.id!r} has parent {goal.parent!r}, which is not a goal id")
        for goal_id in self.goal_fields:
            if goal_id not in ids:
                raise ValueError(f"goal_fields names {goal_id!r}, which is not a goal id")
        names = {ind.name for ind in self.indicators}
        for ind in self.indicators:
            if ind.parent_indicator is not None and ind.parent_indicator not in names:
                raise ValueError(f"indicator {ind.name!r} has parent_indicator {ind.parent_indicator!r}, not an indicator name")
            if ind.goal is not None and "goals" in self.coverage and ind.goal not in ids:
                raise ValueError(f"indicator {ind.name!r} names goal {ind.goal!r}, which is not a goal id")
        return self


def gold_schema_text() -> str:
    """The JSON Schema of a gold file, as committed in tests/gold/gold.schema.json."""
    return json.dumps(GoldDocument.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def load_gold_file(path: Path) -> GoldDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    try:
        return GoldDocument.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise GoldError(f"{path}: not a valid gold file ({exc.error_count()} problems; first at {where or 'top'}: {first['msg']})") from exc


def load_gold_dir(folder: Path) -> list[tuple[Path, GoldDocument]]:
    """Every `*.json` gold file in `folder` (schema and threshold files excluded), sorted by name."""
    if not folder.is_dir():
        raise GoldError(f"{folder}: gold folder not found")
    skip = {"gold.schema.json", "thresholds.json"}
    files = sorted(p for p in folder.glob("*.json") if p.name not in skip)
    if not files:
        raise GoldError(f"{folder}: no gold files (*.json) in this folder")
    return [(path, load_gold_file(path)) for path in files]
