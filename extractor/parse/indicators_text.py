"""Indicators from the text indicator tables that `extractor.layout.text_indicator_tables` lays out.

The layout layer turns tab tables, flattened (pdftotext) rows with wrapped names, stacked rows and
packed sub-rows into ordinary `Table` grids (header row, body rows with their lines, caption, the
"Bron: …" line above, footnote lines in `notes`). This module only reads those grids: what every
column means comes from the one header vocabulary (`table_semantics.classify_header`), goals from
`parse.indicator_goals`, ids from the shared scheme (`indicators.indicator_id`). Its decisions:

* ``id``: ``ind-l<first line>-t<table>-r<row>`` (1-based table number among these tables, 1-based
  row number without group rows); a sub-row of a packed cell is ``<total id>.<k>`` with
  ``parent_indicator`` = the total's id. A printed code ("2A1.a") is in ``code``.
* ``footnotes``: one entry per mark on the label header ("Indicator*", every row), on the name or on a
  value; the entry is the note line under the table starting with that mark, or the bare mark.
* ``unit``: the Eenheid cell; else "%" (or "‰") when the name says "(%)" / "(in %)" / starts with "%"
  or "Percentage", or the values carry it. A "(%)" in a column header is not used (it is printed
  over rows that are counts).
* ``source``: the Bron cell, else the "Bron: …" line just above the table.
* A row whose figures the layout could not place, or a cell that is not one number, keeps the
  indicator without those values and gives a ``table_uncertain`` warning naming the line.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from extractor.layout.cleanup import LaidOutDocument
from extractor.layout.tables import Table, TableRow
from extractor.layout.text_indicator_tables import header_line_of, indicator_text_tables
from extractor.model import ErrorEntry, GoalNode, Indicator, IndicatorValue, Metadata
from extractor.parse.indicator_goals import goal_for, group_code
from extractor.parse.indicators import indicator_id
from extractor.parse.table_semantics import HeaderMeaning, analyse_head, classify_header, header_scope, judge_table
from extractor.parse.values import MISSING_MARKERS, ParsedValue, parse_direction, parse_value, split_footnote_marks

__all__ = ["parse_text_indicators", "read_text_indicator_table"]

_PERCENT_IN_NAME = re.compile(r"\(\s*(?:in\s+)?%|\bin\s+%\s*\)|^%\s|^percentage\b", re.IGNORECASE)
_PERMILLE_IN_NAME = re.compile(r"\(\s*(?:in\s+)?‰|\bin\s+‰\s*\)")
_CODE = re.compile(r"^(\d+[A-Z]+\d+\.[a-z0-9]+|\d+\.\d+\.[a-z0-9]+)\s+(.*)$")
_SOURCE_LINE = re.compile(r"^bron\b[^:]{0,30}:", re.IGNORECASE)


def parse_text_indicators(
    laid_out: LaidOutDocument, goals: list[GoalNode], metadata: Metadata
) -> tuple[list[Indicator], list[ErrorEntry]]:
    """Indicators (with values) from every tab, flattened or stacked indicator table of a text document."""
    if getattr(laid_out, "format", "text") != "text":
        return [], []
    indicators: list[Indicator] = []
    errors: list[ErrorEntry] = []
    used: set[str] = set()
    number = 0
    for table in indicator_text_tables(laid_out.lines()):
        number += 1 if len(table.rows) > 1 else 0
        if judge_table(table).kind != "budget":  # money is the budget reader's (see parse.tables)
            indicators.extend(read_text_indicator_table(table, number, goals, errors, used))
    return indicators, errors


def _column_roles(table: Table) -> tuple[list[str], list[HeaderMeaning], tuple[str, ...]]:
    """Per column its role (name, code, source, unit, value, ignore), its meaning, and the marks on the label header."""
    head = analyse_head(table)
    roles: list[str] = []
    meanings: list[HeaderMeaning] = []
    marks: tuple[str, ...] = ()
    for header in head.headers:
        text, own_marks = split_footnote_marks(header)
        meaning = classify_header(text)
        role = "ignore"
        if not roles or (meaning.role == "label" and text):
            marks = marks + own_marks  # a mark on the label header ("Indicator*") applies to every row
        if meaning.role == "label" and text:
            role = "name"  # several label columns: the first filled cell is the name
        elif meaning.role in ("code", "source", "unit"):
            role = meaning.role
        elif meaning.role == "value" and meaning.value_type:
            role = "value"
        roles.append(role)
        meanings.append(meaning)
    if "name" not in roles and roles:
        roles[0] = "name"
    return roles, meanings, marks


def read_text_indicator_table(table: Table, number: int, goals: list[GoalNode], errors: list[ErrorEntry],
                              used: set[str]) -> list[Indicator]:
    """One Indicator per named body row (sub-rows of a packed cell too), with the values its cells hold."""
    roles, meanings, header_marks = _column_roles(table)
    header_line = header_line_of(table)
    if len(table.rows) == 1:  # the layout hands over a bare header only when its years have no value type
        errors.append(_warning(table.rows[0], "indicator table header has year columns without realisatie/streefwaarde label"))
        return []
    source_above = next((ln.text.strip() for ln in table.above if _SOURCE_LINE.match(ln.text.strip())), None)
    notes = {split_footnote_marks(n.text)[1][0] if split_footnote_marks(n.text)[1] else n.text.split()[0]: n.text.strip()
             for n in table.notes if n.text.strip()}
    indicators: list[Indicator] = []
    by_row: dict[int, Indicator] = {}
    group: Optional[str] = None
    row_number = 0
    for index, row in enumerate(table.rows[1:], start=1):
        cells = {role: row.cells[i].strip() for i, role in reversed(list(enumerate(roles)))
                 if role not in ("value", "ignore") and row.cells[i].strip()}
        values = [(meanings[i], table.rows[0].cells[i], row.cells[i].strip()) for i, r in enumerate(roles) if r == "value"]
        if group_code(cells.get("name", "")) and not any(v for _, _, v in values) and not cells.get("code"):
            group = group_code(cells["name"])
            continue
        if row.sub_of is None:
            row_number += 1
        code, name = cells.get("code"), cells.get("name", "")
        printed = _CODE.match(name)
        if printed:
            code, name = code or printed.group(1), printed.group(2)
        name, marks = split_footnote_marks(name)
        if not name:
            if any(c.strip() for c in row.cells):
                errors.append(_warning(row, "table row without an indicator name; left out"))
            continue
        if row.problem:
            errors.append(_warning(row, row.problem))
            values = []  # the layout could not place this row's figures: none is read
        parent = by_row.get(row.sub_of) if row.sub_of is not None else None
        indicator = _indicator(row, number, row_number, name, values, errors, used, parent,
                               index - (row.sub_of or index))
        indicator.code = code
        indicator.source = cells.get("source") or source_above
        indicator.unit = cells.get("unit") or indicator.unit
        indicator.table = table.caption
        indicator.goal = goal_for(code, group, header_line, goals)
        value_marks = [m for _, _, text in values for m in (_marks_of(text))]
        indicator.footnotes = [notes.get(m, m) for m in _unique([*header_marks, *marks, *value_marks])]
        by_row[index] = indicator
        indicators.append(indicator)
    return indicators


def _indicator(row: TableRow, number: int, row_number: int, name: str, values: list[tuple[HeaderMeaning, str, str]],
               errors: list[ErrorEntry], used: set[str], parent: Optional[Indicator], sub_index: int) -> Indicator:
    read: list[IndicatorValue] = []
    parsed_all: list[ParsedValue] = []
    direction: Optional[str] = None
    for meaning, header, text in values:
        direction = direction or parse_direction(text)
        parsed = parse_value(text)
        if parsed is None:
            if re.search(r"\d", text) and text.split()[0] not in MISSING_MARKERS:
                errors.append(_warning(row, f"cell {text!r} ({header}) is not a single number; left out"))
            continue
        parsed_all.append(parsed)
        scope = (header_scope(header) or header) if meaning.value_type == "referentie" else None
        read.append(IndicatorValue(year=parsed.year if parsed.year is not None else meaning.year, type=meaning.value_type,  # type: ignore[arg-type]
                                   value=parsed.value, comparator=parsed.comparator, scope=scope, raw=parsed.raw.strip()))
    first = row.lines[0] if row.lines else 0
    return Indicator(
        id=_unique_id(f"{parent.id}.{sub_index}" if parent else indicator_id(f"l{first}", number, row_number), used),
        name=name, unit=_unit(name, parsed_all), direction=direction,  # type: ignore[arg-type]
        parent_indicator=parent.id if parent else None, page=row.page or None, lines=row.lines, values=read,
    )


def _marks_of(text: str) -> tuple[str, ...]:
    parsed = parse_value(text)
    return parsed.footnotes if parsed else ()


def _unique_id(candidate: str, used: set[str]) -> str:
    base, counter = candidate, 1
    while candidate in used:
        counter += 1
        candidate = f"{base}-{counter}"
    used.add(candidate)
    return candidate


def _unit(name: str, parsed: list[ParsedValue]) -> Optional[str]:
    """The one unit the name or the values state; None if none or several."""
    units = {p.unit for p in parsed if p.unit in ("%", "‰")}
    if _PERCENT_IN_NAME.search(name):
        units.add("%")
    elif _PERMILLE_IN_NAME.search(name):
        units.add("‰")
    return units.pop() if len(units) == 1 else None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _warning(row: TableRow, message: str) -> ErrorEntry:
    where = f"line {row.lines[0]}" if row.lines else "text"
    return ErrorEntry(code="table_uncertain", message=f"{where}: {message}", page=row.page, severity="warning")
