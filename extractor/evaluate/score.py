"""Field-level scoring of one extracted document against its gold file, and totals over a gold set.

Fields (each scored only when its gold section is in `coverage`):
goal_nodes (id + title), goal_links (child id -> parent id), indicator_names, indicator_values
(name, year, type, value, comparator), budget_lines (programme, label, kind, year, amount),
partners, themes (first veiligheidsveld of each annotated goal), metadata (municipality,
document_type, year, period).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean
from typing import Callable, Iterable, Optional

from extractor.evaluate.gold import GoldDocument
from extractor.evaluate.match import Counts, Item, MatchResult, match_items, normalise, number_key
from extractor.model import Document

FIELDS: tuple[str, ...] = (
    "goal_nodes",
    "goal_links",
    "indicator_names",
    "indicator_values",
    "budget_lines",
    "partners",
    "themes",
    "metadata",
)
MODES: tuple[str, ...] = ("strict", "soft")
FIELD_SECTION = {
    "goal_nodes": "goals",
    "goal_links": "goals",
    "indicator_names": "indicators",
    "indicator_values": "indicators",
    "budget_lines": "budget_lines",
    "partners": "partners",
    "themes": "goal_fields",
    "metadata": "metadata",
}


def _on_pages(page: Optional[int], pages: Optional[list[int]]) -> bool:
    """Predictions without a page (text input) are always in scope."""
    return pages is None or page is None or page in pages


def _pages(gold: GoldDocument, section: str) -> Optional[list[int]]:
    cover = gold.coverage.get(section)  # type: ignore[call-overload]
    return cover.pages if cover else None


# --- gold side -------------------------------------------------------------------------------

def gold_items(gold: GoldDocument, name: str) -> list[Item]:
    if name == "goal_nodes":
        return [Item((normalise(g.id),), (_names(g.title, g.aliases),), f"{g.id} {g.title}") for g in gold.goals]
    if name == "goal_links":
        return [Item((normalise(g.id), normalise(g.parent)), (), f"{g.id} -> {g.parent}") for g in gold.goals if g.parent]
    if name == "indicator_names":
        return [Item((), (_names(i.name, i.aliases),), i.name) for i in gold.indicators]
    if name == "indicator_values":
        return [
            Item((v.year, v.type, number_key(v.value), v.comparator), (_names(i.name, i.aliases),),
                 f"{i.name} | {v.year} {v.type} {v.comparator or ''}{v.value:g}", optional=v.optional)
            for i in gold.indicators for v in i.values
        ]
    if name == "budget_lines":
        return [
            Item((b.kind, b.year, number_key(b.amount, 2)), (_names(b.programme or "", b.programme_aliases), (normalise(b.label),)),
                 f"{b.programme} | {b.label} | {b.kind} {b.year} {b.amount:,.0f}")
            for b in gold.budget_lines
        ]
    if name == "partners":
        required = [Item((), (_names(p.name, p.aliases),), p.name) for p in gold.partners]
        return required + [Item((), (_names(p.name, p.aliases),), p.name, optional=True) for p in gold.partners_acceptable]
    if name == "themes":
        return [Item((normalise(goal_id), fld), (), f"{goal_id} -> {fld}") for goal_id, fld in gold.goal_fields.items() if fld]
    if name == "metadata":
        m = gold.metadata
        return _metadata_items(m.municipality, m.document_type, m.year, m.period, m.issuer_kind)
    raise ValueError(f"unknown field {name!r}")


def _names(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(n) for n in (name, *aliases)))


def _metadata_items(municipality: Optional[str], document_type: Optional[str], year: Optional[int],
                    period: Optional[tuple[int, int]], issuer_kind: Optional[str] = None) -> list[Item]:
    items = []
    if municipality:
        items.append(Item(("municipality",), ((normalise(municipality),),), f"municipality={municipality}"))
    if document_type:
        items.append(Item(("document_type", normalise(document_type)), (), f"document_type={document_type}"))
    if year is not None:
        items.append(Item(("year", year), (), f"year={year}"))
    if period is not None:
        items.append(Item(("period", tuple(period)), (), f"period={period[0]}-{period[1]}"))
    if issuer_kind:
        items.append(Item(("issuer_kind", issuer_kind), (), f"issuer_kind={issuer_kind}"))
    return items


# --- prediction side -------------------------------------------------------------------------

def predicted_items(doc: Document, gold: GoldDocument, name: str) -> list[Item]:
    goal_pages = _pages(gold, "goals")
    goals = [g for g in doc.goals if _on_pages(g.page, goal_pages)]
    ind_pages = _pages(gold, "indicators")
    indicators = [i for i in doc.indicators if _on_pages(i.page, ind_pages)]
    if name == "goal_nodes":
        return [Item((normalise(g.id),), ((normalise(g.title),),), f"{g.id} {g.title}") for g in goals]
    if name == "goal_links":
        return [Item((normalise(g.id), normalise(g.parent)), (), f"{g.id} -> {g.parent}") for g in goals if g.parent]
    if name == "indicator_names":
        return [Item((), ((normalise(i.name),),), i.name) for i in indicators]
    if name == "indicator_values":
        return [
            Item((v.year, v.type, number_key(v.value), v.comparator), ((normalise(i.name),),),
                 f"{i.name} | {v.year} {v.type} {v.comparator or ''}{v.value:g}")
            for i in indicators for v in i.values
        ]
    if name == "budget_lines":
        pages = _pages(gold, "budget_lines")
        kinds = _older_convention_kinds(gold, doc)
        return [
            Item((kinds.get(id(b), b.kind), b.year, number_key(b.amount, 2)), ((normalise(b.programme),), (normalise(b.label),)),
                 f"{b.programme} | {b.label} | {kinds.get(id(b), b.kind)} {b.year} {b.amount:,.0f}")
            for b in doc.budget_lines if _on_pages(b.page, pages)
        ]
    if name == "partners":
        # the publisher and its own units (kind "self") are listed but are no partners; a partner counts when it
        # is mentioned on a covered page
        pages = _pages(gold, "partners")
        return [
            Item((), (_names(p.canonical, [p.name, *p.aliases]),), p.canonical or p.name)
            for p in doc.partners
            if p.kind != "self" and (pages is None or not p.pages or any(page in pages for page in p.pages))
        ]
    if name == "themes":
        annotated = {normalise(k) for k, v in gold.goal_fields.items() if v}
        return [
            Item((normalise(g.id), g.fields[0]), (), f"{g.id} -> {g.fields[0]}")
            for g in doc.goals if g.fields and normalise(g.id) in annotated
        ]
    if name == "metadata":
        m, g = doc.metadata, gold.metadata  # keys the gold file leaves null are not scored
        return _metadata_items(m.municipality if g.municipality else None, m.document_type if g.document_type else None,
                               m.year if g.year is not None else None, m.period if g.period is not None else None,
                               m.issuer_kind if g.issuer_kind else None)
    raise ValueError(f"unknown field {name!r}")


# --- results ---------------------------------------------------------------------------------

@dataclass
class FieldScore:
    strict: MatchResult
    soft: MatchResult

    def counts(self, mode: str) -> Counts:
        return getattr(self, mode).counts


@dataclass
class DocumentResult:
    """Scores of one gold document, with how its prediction was obtained."""

    name: str
    source: str
    document_type: Optional[str]
    status: str  # scored | failure | missing_prediction | missing_source | error
    message: Optional[str] = None
    pages: Optional[int] = None
    seconds: Optional[float] = None
    errors: int = 0
    warnings: int = 0
    grids_unread: int = 0  # figure grids no table reader used or reported (coverage.grids_unread): "silent" tables
    fields: dict[str, FieldScore] = field(default_factory=dict)

    @property
    def scored(self) -> bool:
        return self.status not in ("missing_source", "error")


def score_document(gold: GoldDocument, doc: Optional[Document]) -> dict[str, FieldScore]:
    """Per covered field, strict and soft matches; a missing document counts as an empty prediction."""
    empty = Document(extractor_version="none", source={"file": gold.source.file})  # type: ignore[arg-type]
    doc = doc or empty
    scores: dict[str, FieldScore] = {}
    for name in FIELDS:
        if FIELD_SECTION[name] not in gold.coverage:
            continue
        g = gold_items(gold, name)
        p = predicted_items(doc, gold, name)
        scores[name] = FieldScore(strict=match_items(g, p, soft=False), soft=match_items(g, p, soft=True))
    return scores


@dataclass
class Summary:
    micro: dict[str, dict[str, Counts]]
    macro: dict[str, dict[str, dict[str, Optional[float]]]]


def _mean(values: list[Optional[float]]) -> Optional[float]:
    present = [v for v in values if v is not None]
    return mean(present) if present else None


def summarise(results: list[DocumentResult], keep: Callable[[DocumentResult], bool] = lambda r: True) -> Summary:
    """Micro: counts summed over documents. Macro: the mean of per-document P, R and F1 where defined."""
    micro: dict[str, dict[str, Counts]] = {}
    macro: dict[str, dict[str, dict[str, Optional[float]]]] = {}
    chosen = [r for r in results if r.scored and keep(r)]
    for name in FIELDS:
        having = [r for r in chosen if name in r.fields]
        if not having:
            continue
        micro[name] = {}
        macro[name] = {}
        for mode in MODES:
            total = Counts()
            for r in having:
                total = total + r.fields[name].counts(mode)
            micro[name][mode] = total
            per_doc = [r.fields[name].counts(mode) for r in having]
            macro[name][mode] = {
                "precision": _mean([c.precision for c in per_doc]),
                "recall": _mean([c.recall for c in per_doc]),
                "f1": _mean([c.f1 for c in per_doc]),
            }
    return Summary(micro, macro)


def _older_convention_kinds(gold: GoldDocument, doc: Document) -> dict[int, str]:
    """Lines whose kind came from the document's context (`kind_from == "context"`: a column headed only by a
    year) compare as `bedrag` where the gold, annotated before that convention, gives `bedrag` for the same year
    and amount and not the context kind: both say the header names no kind. Amount, year and label still count."""
    keys = {(b.kind, b.year, number_key(b.amount, 2)) for b in gold.budget_lines}
    return {id(b): "bedrag" for b in doc.budget_lines
            if b.kind_from == "context" and (b.kind, b.year, number_key(b.amount, 2)) not in keys
            and ("bedrag", b.year, number_key(b.amount, 2)) in keys}

