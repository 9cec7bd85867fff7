"""The rule registry: every audit rule is one small function registered with its id and severity.

A document rule looks at one document (`check(doc)`); a pair rule at two documents of one
publisher (`check(pair)`) and names the pair kinds it applies to. Rules yield `Finding`s and
must stay silent when either side is not confidently read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Literal, Optional

from extractor.audit.documents import AuditDocument
from extractor.audit.finding import Finding, FindingItem, Severity
from extractor.audit.matching import Links
from extractor.audit.numbers import dutch_number, euro
from extractor.model import BudgetLine, Indicator, IndicatorValue

PairKind = Literal["realisation", "rekening", "next", "progress", "publisher"]
PAIR_KINDS: dict[str, str] = {
    "realisation": "begroting Y en jaarstukken Y",
    "rekening": "jaarstukken Y en een latere begroting met een kolom rekening Y",
    "next": "begroting Y en begroting Y+1",
    "progress": "begroting Y en voortgangsrapportage Y",
    "publisher": "elk tweetal documenten van één uitgever",
}


@dataclass
class Pair:
    kind: str
    earlier: AuditDocument
    later: AuditDocument
    links: Links = field(default_factory=Links)

    @property
    def documents(self) -> list[str]:
        return [self.earlier.name, self.later.name]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    check: Callable[..., Iterable[Finding]]
    pair_kinds: tuple[str, ...] = ()
    """Empty for a rule on one document."""

    @property
    def scope(self) -> str:
        return "pair" if self.pair_kinds else "document"


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, description: str, pairs: tuple[str, ...] = ()):
    """Register a rule function under `rule_id` (ids are English, unique and stable)."""

    def register(function: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if rule_id in RULES:
            raise ValueError(f"audit rule {rule_id!r} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, description, function, pairs)
        return function

    return register


def budget_item(doc: AuditDocument, line: BudgetLine) -> FindingItem:
    return FindingItem(doc=doc.name, id=f"{line.programme or ''}|{line.label}|{line.column}", page=line.page,
                       bbox=line.bbox, lines=line.lines, value=line.amount, raw=line.raw)


def value_item(doc: AuditDocument, indicator_id: str, value: IndicatorValue, page: Optional[int],
               lines: Optional[tuple[int, int]] = None) -> FindingItem:
    return FindingItem(doc=doc.name, id=indicator_id, page=value.page or page, bbox=value.bbox, lines=lines,
                       value=value.value, raw=value.raw)


def indicator_item(doc: AuditDocument, indicator: Indicator, value: IndicatorValue) -> FindingItem:
    return value_item(doc, indicator.id, value, indicator.page, indicator.lines)


def where(doc: AuditDocument, page: Optional[int], lines: Optional[tuple[int, int]] = None) -> str:
    """"jaarstukken 2023 (p. 47)" or "voortgangsrapportage 2022 (r. 148)"."""
    if page:
        return f"{doc.label} (p. {page})"
    if lines:
        return f"{doc.label} (r. {lines[0]})"
    return doc.label


def amount_text(amount: float) -> str:
    return euro(amount)


def value_text(value: IndicatorValue) -> str:
    return value.raw.strip() if value.raw else dutch_number(value.value)
