"""Indicator and budget tables: the dispatcher the pipeline calls.

PDF pages are read into grids by `extractor.layout.tables`, text lines by
`extractor.layout.table_grid`; both give the same `Table` model. Each table goes through one path:
the meaning layer (`table_semantics.judge_table`) classifies it by its axes, then exactly one reader
reads it (`indicators.read_indicators` or `budget.read_budget`). Text documents first offer their lines
to the seed-table reader (`indicators_text`). What no reader used is reported in coverage with the
reason, and a `tables_not_used` warning is written when such a table held figures.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Optional

from extractor.layout.tables import Table
from extractor.model import BudgetLine, ErrorEntry, GoalNode, Indicator, Metadata, TableNote

log = logging.getLogger(__name__)


@dataclass
class TablesResult:
    indicators: list[Indicator] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    errors: list[ErrorEntry] = field(default_factory=list)
    tables_found: int = 0
    tables_indicators: int = 0
    tables_budget: int = 0
    rejected: list[TableNote] = field(default_factory=list)
    prose_targets: int = 0
    table_boxes: dict[int, list] = field(default_factory=dict)  # PDF: page -> boxes of tables (prose is not read there)
    table_lines: list[tuple[int, int]] = field(default_factory=list)  # text: line spans of tables
    detectors: dict[str, int] = field(default_factory=dict)  # tables found per detector (coverage.table_detectors)


def parse_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata]) -> tuple[list[Indicator], list[BudgetLine], list[ErrorEntry]]:
    result = read_tables(laid_out, goals, metadata)
    return result.indicators, result.budget_lines, result.errors


def read_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], use_camelot: bool = True,
                prose: bool = True) -> TablesResult:
    """All tables of a document, read or reported, plus the targets written in sentences."""
    result = TablesResult()
    if getattr(laid_out, "format", None) == "pdf":
        _pdf_tables(laid_out, goals, metadata, use_camelot, result)
    else:
        _text_tables(laid_out, goals, metadata, result)
    if prose:
        from extractor.parse.prose_targets import prose_targets  # noqa: PLC0415

        targets = prose_targets(laid_out, metadata, exclude=result.table_boxes, exclude_lines=result.table_lines)
        result.indicators.extend(targets)
        result.prose_targets = len(targets)
    numeric_unused = [n for n in result.rejected if n.numeric]
    if numeric_unused:
        where = ", ".join(f"page {n.page}" if n.page else f"line {n.lines[0] if n.lines else '?'}" for n in numeric_unused[:8])
        result.errors.append(ErrorEntry(code="tables_not_used", severity="warning",
                                        message=f"{len(numeric_unused)} table(s) with figures were found but not read ({where}); "
                                                "see coverage.tables_rejected for the reasons"))
    return result


def parse_pdf_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], use_camelot: bool = True) -> tuple[list[Indicator], list[BudgetLine], list[ErrorEntry]]:
    result = TablesResult()
    _pdf_tables(laid_out, goals, metadata, use_camelot, result)
    return result.indicators, result.budget_lines, result.errors


def _pdf_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], use_camelot: bool, result: TablesResult) -> None:
    from extractor.layout.tables import find_tables  # noqa: PLC0415

    tables, unread = find_tables(laid_out.pages, skip=set(laid_out.toc_pages), pdf_path=laid_out.raw.path, use_camelot=use_camelot)
    for page in unread:
        result.errors.append(ErrorEntry(code="table_uncertain", severity="warning", page=page,
                                        message=f"page {page} seems to hold a table (an indicator header or figures aligned "
                                                "in columns) that no detector could read"))
        result.rejected.append(TableNote(page=page, reason="a table header or a numeric grid that no detector could read",
                                         numeric=True))
    for number, table in enumerate(tables, start=1):
        for row in table.rows:
            result.table_boxes.setdefault(row.page, []).append(row.bbox)
        _one_table(table, number, goals, metadata, result)


def _text_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], result: TablesResult) -> None:
    from extractor.layout.table_grid import table_lines, text_tables  # noqa: PLC0415
    from extractor.parse.indicators_text import parse_text_indicators  # noqa: PLC0415

    indicators, errors = parse_text_indicators(laid_out, goals, metadata or Metadata())
    result.indicators.extend(indicators)
    result.errors.extend(errors)
    taken = [i.lines for i in indicators if i.lines]
    lines = laid_out.lines()
    result.table_lines.extend(taken)
    for number, table in enumerate(text_tables(lines), start=1):
        first, last = table_lines(table)
        result.table_lines.append((first, last))
        if any(not (last < a or first > b) for a, b in taken):
            result.tables_found += 1
            result.tables_indicators += 1  # read by the seed-table reader
            result.detectors["text"] = result.detectors.get("text", 0) + 1
            continue
        _one_table(table, number, goals, metadata, result)
    if indicators and not result.tables_indicators:
        result.tables_found += 1
        result.tables_indicators += 1
        result.detectors["text"] = result.detectors.get("text", 0) + 1


def _one_table(table: Table, number: int, goals: list[GoalNode], metadata: Optional[Metadata], result: TablesResult) -> None:
    from extractor.parse.budget import read_budget  # noqa: PLC0415
    from extractor.parse.indicators import read_indicators  # noqa: PLC0415
    from extractor.parse.table_semantics import judge_table  # noqa: PLC0415

    result.tables_found += 1
    result.detectors[table.method] = result.detectors.get(table.method, 0) + 1
    if table.glued_left_out:
        result.errors.append(ErrorEntry(
            code="glued_cells_ambiguous", severity="warning",
            message=f"table at line {table.rows[0].lines[0] if table.rows[0].lines else '?'}: {len(table.glued_left_out)} row(s) print "
                    "their figures glued together and the split is not certain; left out: "
                    + "; ".join(repr(r[:60]) for r in table.glued_left_out[:3])))
    verdict = judge_table(table)
    warnings: list[ErrorEntry] = []
    if verdict.kind == "indicator":
        indicators, more = read_indicators(table, verdict, metadata, number, goals=goals)
        if indicators:
            result.indicators.extend(indicators)
            result.errors.extend(warnings + more + _inferred_grid(table))
            result.tables_indicators += 1
            return
        verdict.reason = "indicator axes, but no value could be typed or read"
        warnings += more
    elif verdict.kind == "budget":
        lines, more = read_budget(table, verdict, metadata, goals)
        if lines:
            result.budget_lines.extend(lines)
            result.errors.extend(warnings + more + _inferred_grid(table))
            result.tables_budget += 1
            return
        verdict.reason = "budget axes, but no amount could be read"
        warnings += more
    result.errors.extend(warnings)
    rows = [r for r in table.rows if r.lines]
    result.rejected.append(TableNote(
        page=table.page if table.method != "text" else None,
        bbox=table.bbox if table.method != "text" else None,
        lines=(rows[0].lines[0], rows[-1].lines[1]) if rows else None,
        reason=verdict.reason or "not an indicator or budget table", numeric=verdict.numeric, detector=table.method,
    ))


def _inferred_grid(table: Table) -> list[ErrorEntry]:
    if table.method in ("ruled", "text"):
        return []
    return [ErrorEntry(code="table_uncertain", severity="warning", page=table.page,
                       message=f"table on page {table.page} has no drawn grid; its columns were inferred ({table.method}), please check")]
