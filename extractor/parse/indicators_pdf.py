"""Indicators and their values from PDF tables (effectindicatoren, BBV beleidsindicatoren, GGD tables).

Works on `extractor.layout.tables.Table` objects: the header rows say what each column
means (name, code, unit, source, programme, or a value column with a type and maybe a
year), the body rows become one `Indicator` each. Nothing is guessed: a value column whose
meaning the header does not give is left out with a warning, and so is a cell that holds
digits but does not read as one number.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.tables import Table
from extractor.model import ErrorEntry, GoalNode, Indicator, IndicatorValue
from extractor.parse.values import MISSING_MARKERS, parse_direction, split_footnote_marks
from extractor.parse.indicators import indicator_id
from extractor.parse.table_semantics import (  # the shared header analysis and value reading
    HEADER_WORDS as _HEADER_WORDS,
    SOURCE_ROW as _SOURCE_ROW,
    Column,
    TableHead,
    analyse_head,
    classify_header,
    read_value,
)

_PROGRAMME = re.compile(r"\bP\s?(\d{1,2})\b")
_NOTE = re.compile(r"^\s*(?P<mark>\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?P<text>\S.*)$")
_LEIDEN_CODE = re.compile(r"^(?P<code>\d{1,2}[A-Z]\d{1,2}\.[a-z])\s+(?P<name>.+)$")
_DIGIT = re.compile(r"\d")
_NAME_SOURCE = re.compile(r"\(?\s*\bbron\s*:\s*(?P<source>[^()]+?)\s*\)?\s*$", re.IGNORECASE)


_ROLE_OF = {"label": "name", "code": "code", "unit": "unit", "source": "source", "programme": "programme"}


def column_roles(head: TableHead) -> list[Column]:
    """Each column's role from the shared header vocabulary (`table_semantics.classify_header`)."""
    columns: list[Column] = []
    for i, header in enumerate(head.headers):
        meaning = classify_header(header)
        col = Column(index=i, header=header, role=_ROLE_OF.get(meaning.role, "ignore"))
        if meaning.role == "value" and (meaning.value_type or meaning.year is not None):
            col.role = "value"  # a bare year column has no type: its values are left out with a warning
            col.value_type = meaning.value_type
            col.year = meaning.year
            col.scope = meaning.scope if meaning.value_type == "referentie" else None
        columns.append(col)
    if not any(c.role == "name" for c in columns) and columns and columns[0].role == "ignore" and re.search(r"indicator", head.caption or "", re.IGNORECASE):
        columns[0].role = "name"  # an unlabeled first column under a caption naming indicators
    return columns


def is_indicator_table(table: Table, head: TableHead, columns: list[Column]) -> bool:
    text = " ".join([head.caption or "", *head.headers, *head.extra]).lower()
    if re.search(r"baten en lasten|bedragen|x\s*€|investering|risico", text):
        return False
    if "indicator" not in text:
        return False
    return any(c.role == "name" for c in columns) and any(c.role == "value" for c in columns)


def programme_goal(table_text: str, page: int, goals: list[GoalNode]) -> Optional[str]:
    """The programme a table belongs to: printed in its caption ("P2"), else the programme section it stands in."""
    ids = {g.id for g in goals}
    match = _PROGRAMME.search(table_text)
    if match and f"P{match.group(1)}" in ids:
        return f"P{match.group(1)}"
    starts = sorted((g.page, g.id) for g in goals if g.level == "programma" and g.page is not None)
    before = [s for s in starts if s[0] <= page]
    if not before:
        return None
    later = [s for s in starts if s[0] > page]
    if not later and page - before[-1][0] > 15:
        return None  # far behind the last programme: paragrafen or jaarrekening, not a programme section
    return before[-1][1]


def _notes(table: Table) -> tuple[dict[str, str], Optional[str]]:
    """Footnotes printed just below the table, by mark, and a "Bron: …" line if there is one."""
    notes: dict[str, str] = {}
    source: Optional[str] = None
    current: Optional[str] = None
    for line in table.notes:
        text = re.sub(r"^(\*+)((?:\s+\*+)+)", lambda m: m.group(0).replace(" ", ""), line.text.strip())  # "* **" is "***"
        match = _NOTE.match(text)
        src = _SOURCE_ROW.match(text)
        if src and source is None:
            source = src.group("source").strip()
            current = None
            continue
        if match:
            current = match.group("mark")
            notes[current] = text
        elif current is not None:
            notes[current] += " " + text
        else:
            break
    return notes, source


def _above_source(table: Table) -> Optional[str]:
    for line in table.above:
        match = _SOURCE_ROW.match(line.text.strip())
        if match:
            return match.group("source").strip()
    return None


def parse_indicator_table(table: Table, goals: list[GoalNode], table_no: int) -> tuple[list[Indicator], list[ErrorEntry]]:
    head = analyse_head(table)
    columns = column_roles(head)
    errors: list[ErrorEntry] = []
    if not is_indicator_table(table, head, columns):
        return [], []
    name_col = next(c for c in columns if c.role == "name")
    untyped = [c for c in columns if c.role == "value" and c.value_type is None]
    if untyped:
        errors.append(ErrorEntry(
            code="table_uncertain", severity="warning", page=table.page,
            message=f"table on page {table.page}: column(s) {', '.join(repr(c.header) for c in untyped)} "
                    "name a year but not whether it is realisatie or streefwaarde; their values were left out",
        ))
    notes, note_source = _notes(table)
    table_source = head.source or note_source or _above_source(table)
    caption = head.caption or table.caption
    table_goal = programme_goal(" ".join([caption or "", *head.extra]), table.page, goals)
    indicators: list[Indicator] = []
    unreadable: list[str] = []
    conflicts: list[str] = []
    ids = {g.id for g in goals}
    for row_no, row in enumerate(table.rows[head.header_rows:], start=1):
        raw_name = row.cells[name_col.index].strip()
        value_cells = [(c, row.cells[c.index]) for c in columns if c.role == "value" and c.index < len(row.cells)]
        if not raw_name or not re.search(r"[^\W\d_]{2}", raw_name) or raw_name == name_col.header or _HEADER_WORDS.match(raw_name):
            continue  # no name, or a number where the name should be: not an indicator row
        if not any(t.strip() for _, t in value_cells) and not any(
            row.cells[c.index].strip() for c in columns if c.role in ("code", "unit", "source", "programme")
        ):
            continue  # a section row ("Nieuwe indicatoren vanaf 2025")
        row_source = _NAME_SOURCE.search(raw_name)
        if row_source:
            raw_name = raw_name[: row_source.start()].rstrip(" ,;")
        name, marks = split_footnote_marks(raw_name)
        direction = parse_direction(name)
        if direction:
            name = re.sub(r"\s*\(\s*[-−–+](\s*/\s*[-−–+])?\s*\)\s*$", "", name)
        code: Optional[str] = None
        leiden = _LEIDEN_CODE.match(name)
        if leiden:
            code, name = leiden.group("code"), leiden.group("name")
        unit = source = None
        goal = table_goal
        for col in columns:
            text = row.cells[col.index].strip() if col.index < len(row.cells) else ""
            if not text:
                continue
            if col.role == "code":
                code = text.rstrip(".").strip() or None
            elif col.role == "unit":
                unit = text
            elif col.role == "source":
                source = text
            elif col.role == "programme":
                pid = f"P{text.strip().rstrip('.')}"
                goal = pid if pid in ids else goal
        if code and leiden and code[:-2] in ids:
            goal = code[:-2]
        values: list[IndicatorValue] = []
        value_units: list[Optional[str]] = []
        footnotes = list(marks)
        for col, text in value_cells:
            if col.value_type is None or not text.strip():
                continue
            parsed, unit_word = read_value(text)
            if parsed is None:
                if _DIGIT.search(text) and text.strip().lower() not in MISSING_MARKERS:
                    unreadable.append(text.strip())
                continue
            if col.value_type == "streefwaarde" and col.year is not None and parsed.year is not None and parsed.year != col.year:
                conflicts.append(text.strip())  # "190 kg (2021)" under "Begroting 2023": which year is meant is not printed
                continue
            footnotes.extend(m for m in parsed.footnotes if m not in footnotes)
            value_units.append(" ".join(u for u in (parsed.unit, unit_word) if u) or None)
            values.append(IndicatorValue(
                year=parsed.year if parsed.year is not None else col.year,
                type=col.value_type,  # type: ignore[arg-type]
                value=parsed.value,
                comparator=parsed.comparator,  # type: ignore[arg-type]
                scope=col.scope,
                raw=text.strip(),
            ))
            if direction is None and parsed.direction:
                direction = parsed.direction
        if unit is None and value_units and value_units[0] and all(u == value_units[0] for u in value_units):
            unit = value_units[0]  # every value printed with the same unit ("6,1%", "200 kg")
        indicators.append(Indicator(
            id=indicator_id(f"p{row.page}", table_no, row_no),
            code=code,
            name=name,
            unit=unit,
            source=source or (row_source.group("source").strip() if row_source else None) or table_source,
            goal=goal,
            direction=direction,  # type: ignore[arg-type]
            footnotes=[notes.get(m, m) for m in footnotes],
            table=caption,
            page=row.page,
            bbox=row.bbox,
            values=values,
        ))
    n_values = sum(len(i.values) for i in indicators)
    filled = sum(1 for row in table.rows[head.header_rows:] for c in columns
                 if c.role == "value" and c.index < len(row.cells) and row.cells[c.index].strip())
    textual = filled - n_values - len(unreadable)
    if n_values == 0 and not unreadable and not any(c.role in ("code", "unit") for c in columns):
        return [], []  # words under a header that mentions indicators, but no figures: not an indicator table
    if filled and textual > 0.5 * filled:
        return [], [ErrorEntry(
            code="table_uncertain", severity="warning", page=table.page,
            message=f"table on page {table.page} looks like an indicator table but most value cells are not numbers; not read",
        )]
    if unreadable:
        errors.append(ErrorEntry(
            code="table_uncertain", severity="warning", page=table.page,
            message=f"table on page {table.page}: {len(unreadable)} cell(s) not read as one number and left out: "
                    + ", ".join(repr(u) for u in unreadable[:5]),
        ))
    if conflicts:
        errors.append(ErrorEntry(
            code="table_uncertain", severity="warning", page=table.page,
            message=f"table on page {table.page}: target cell(s) {', '.join(repr(c) for c in conflicts[:5])} print a year "
                    "other than their column's; left out",
        ))
    if table.method != "ruled" and indicators:
        errors.append(ErrorEntry(
            code="table_uncertain", severity="warning", page=table.page,
            message=f"table on page {table.page} has no drawn grid; its columns were inferred ({table.method}), please check",
        ))
    return indicators, errors
