"""Indicator and budget tables: the dispatcher the pipeline calls.

Text input goes to `extractor.parse.indicators_text`; PDF input is read with the table
finder in `extractor.layout.tables` and every table found is offered to the indicator and
the budget parser. A table that is neither stays out of both lists.
"""

from __future__ import annotations

import logging
from typing import Optional

from extractor.model import BudgetLine, ErrorEntry, GoalNode, Indicator, Metadata

log = logging.getLogger(__name__)


def parse_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata]) -> tuple[list[Indicator], list[BudgetLine], list[ErrorEntry]]:
    if getattr(laid_out, "format", None) == "pdf":
        return parse_pdf_tables(laid_out, goals, metadata)
    try:
        from extractor.parse.indicators_text import parse_text_indicators  # noqa: PLC0415 - optional while it is written
    except ImportError:
        log.debug("text indicator parser not available")
        return [], [], []
    indicators, errors = parse_text_indicators(laid_out, goals, metadata)
    return indicators, [], errors


def parse_pdf_tables(laid_out, goals: list[GoalNode], metadata: Optional[Metadata], use_camelot: bool = True) -> tuple[list[Indicator], list[BudgetLine], list[ErrorEntry]]:
    from extractor.layout.tables import find_tables
    from extractor.parse.budget import parse_budget_table
    from extractor.parse.indicators_pdf import parse_indicator_table

    tables, unread = find_tables(laid_out.pages, skip=set(laid_out.toc_pages), pdf_path=laid_out.raw.path, use_camelot=use_camelot)
    indicators: list[Indicator] = []
    budget: list[BudgetLine] = []
    errors: list[ErrorEntry] = []
    for page in unread:
        errors.append(ErrorEntry(code="table_uncertain", severity="warning", page=page,
                                 message=f"page {page} seems to hold an indicator table that could not be read"))
    for number, table in enumerate(tables, start=1):
        found, errs = parse_indicator_table(table, goals, number)
        errors.extend(errs)
        if found:
            indicators.extend(found)
            continue
        lines, errs = parse_budget_table(table, goals)
        budget.extend(lines)
        errors.extend(errs)
    return indicators, budget, errors
