"""Indicators from any table the meaning layer judged an indicator table (PDF or text alike).

The one indicator reader for tables: a label column plus value columns whose headers name years,
kinds or areas (`table_semantics.judge_table`), and optionally code, unit, source and programme
columns. What it reads beyond the cells: footnotes printed under the table (`Table.notes`, attached
by mark), a "Bron:" line above or below the table or in the name cell, a goal-tree code printed before
the name in the name cell ("2A1.a …"), a direction mark ("(+)", "(-)"), the programme from the caption, a programme
column or the section the table stands in. What the layout marks on rows is used too: a sub-row of a packed
cell (`TableRow.sub_of`) is `<total id>.<k>` under its total, a row whose figures could not be placed
(`TableRow.problem`) is kept without values and warned, and a group row naming a goal ("Doel 2A1 …") is no
indicator and no row number: it gives the rows below their goal. A column whose header gives a value type but
whose cells are mostly "-" (a baseline measured for a few rows) is read too. Each value keeps its cell's page and box (PDF) and says
where its type came from (`type_from`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from extractor.layout.ordered_headers import split_area_pair
from extractor.layout.table_grid import is_number_cell
from extractor.layout.tables import Table, TableRow
from extractor.model import ErrorEntry, GoalNode, Indicator, IndicatorValue, Metadata
from extractor.parse.indicator_goals import goal_for, group_code
from extractor.parse.table_context import programme_goal, table_notes, table_source
from extractor.parse.table_semantics import (HEADER_WORDS, HeaderMeaning, Verdict, context_value_type, indicator_value_type,
                                             header_scope, is_comparison_group, is_comparison_row, read_value)
from extractor.parse.values import MISSING_MARKERS, ParsedValue, parse_direction, parse_range, split_footnote_marks
from extractor.resources import data_dir

_AREA_ROW = re.compile(r"(?P<own>gemeente|eigen\s+gemeente)|provincie|nederland|landelijk|regio|\bG\d{1,2}\b", re.IGNORECASE)
_EXPLANATION = re.compile(r"^(?P<name>[^()]{3,}?)\s*\((?P<desc>[^()]{12,})\)\s*$")
_HASH_MARK = re.compile(r"\s+#$")
_SOURCE_NOTE = re.compile(r"^\s*bron\s*:?\s*(?P<source>.+)$", re.IGNORECASE)
_UNIT_NOTE = re.compile(r"^\s*eenheid\s*:?\s*(?P<unit>.+)$", re.IGNORECASE)
_UNIT_IN_NAME = re.compile(r"\(\s*(?:in\s+)?(%|‰)\s*\)|\bper\s+(?:10?\.?000|100)\s+\w+(?:\s+\d+-\d+\s+jaar)?|^percentage\b|^%\s", re.IGNORECASE)
_NAME_SOURCE = re.compile(r"\(?\s*\bbron\s*:\s*(?P<source>[^()]+?)\s*\)?\s*$", re.IGNORECASE)
# a goal-tree code printed before the name: "2A1.a" / "3BB2.b" (programme, terrain, goal, letter) or numbered "1.2.a"
_CODE_BEFORE_NAME = re.compile(
    r"^(?P<code>\d{1,2}[A-Z]{1,3}\d{1,2}\.[a-z0-9]{1,2}|\d{1,2}\.\d{1,2}\.[a-z0-9]{1,2})\s+(?P<name>.+)$")
_DIRECTION_MARK = re.compile(r"\s*\(\s*[-−–+](\s*/\s*[-−–+])?\s*\)\s*$")
_NOTE_ROW = re.compile(r"^(bron|eenheid|toelichting|definitie)\b", re.IGNORECASE)
_ROLES = ("code", "unit", "source", "programme", "year", "area", "description")


@dataclass
class _Context:
    """What the whole table gives every row: column types and roles, notes, source, programme."""

    table: Table
    verdict: Verdict
    columns: dict[int, tuple[Optional[str], Optional[int], str]]
    roles: dict[str, int]
    notes: dict[str, str]
    source: Optional[str]
    goal: Optional[str]
    goal_ids: set[str]
    header_marks: tuple[str, ...] = ()
    goals: list[GoalNode] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    problems: list[TableRow] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)  # year cells naming a span ("2016-2017"): values left out
    metadata: Optional[Metadata] = None
    section_title: Optional[str] = None


@dataclass
class _Name:
    """The name cell taken apart: name, footnote marks, direction, code, source, explanation."""

    name: str
    marks: tuple[str, ...] = ()
    direction: Optional[str] = None
    code: Optional[str] = None
    source: Optional[str] = None
    description: Optional[str] = None


_REFERENCE = re.compile(r"nederland|landelijk|regio|provinc|gemiddeld|G4|G32|G40|referentie|vergelijk"
                        r"|\d\.000\s*(-|–|tot\b|t/m|\+)|[<>≤≥]\s*\d{1,3}\.000", re.IGNORECASE)  # or a size class of gemeenten


_NORM_HEADER = re.compile(r"^norm(en)?\*?$", re.IGNORECASE)


def _value_type(meaning: HeaderMeaning, header: str, metadata: Optional[Metadata],
                table_year: Optional[int], begroting_year: Optional[int] = None) -> tuple[Optional[str], Optional[int], str]:
    """(type, year, type_from) of a value column; type None when neither header nor rule decides.

    An area column is a comparison (referentie) when its header says so ("Gemiddelde Flevoland", "Nederland"),
    and otherwise the own figures of that area (a tabellenboek's gemeente columns: realisatie)."""
    year = meaning.year
    if year is None and _NORM_HEADER.match(header.strip()):
        return None, None, "header"  # a signalling norm ("90-130%", "Begr = 0%"): the same band every year, no target
    if meaning.budget_kind == "verschil" and not meaning.value_type:
        return None, year, "header"  # a difference between two columns ("mutatie t.o.v. 2024") is no value of its own
    if meaning.value_type == "streefwaarde" and year is None and meaning.budget_kind == "begroting":
        # "begroting" without a year: the year its section's heading names ("Begroting 2025"), else the document's
        year = begroting_year or (metadata.year if metadata else None)
    if meaning.value_type:
        if meaning.scope and meaning.value_type == "referentie" and not (_REFERENCE.search(f"{header} {meaning.scope}")
                                                                        or is_comparison_group(header)):
            return _own_area_type(year, metadata), year or table_year, "context"
        return meaning.value_type, year if year is not None else (table_year if meaning.scope else None), "header"
    if meaning.scope:
        return _own_area_type(year, metadata), year or table_year, "context"
    rule = context_value_type(year, metadata.document_type if metadata else None, metadata.year if metadata else None)
    return rule, year, "context"


def _own_area_type(year: Optional[int], metadata: Optional[Metadata]) -> Optional[str]:
    """An area's own figures beside a comparison are measured (realisatie); a column of a year the document's rule
    calls a target year (a begroting's own and later years) is left undecided: a target or a forecast, not shown."""
    rule = context_value_type(year, metadata.document_type if metadata else None, metadata.year if metadata else None)
    return None if rule == "streefwaarde" else "realisatie"


def _table_year(table: Table, verdict: Verdict, metadata: Optional[Metadata]) -> Optional[int]:
    """The year area columns of a tabellenboek stand for: the one year in the caption or above, else the document's.

    None when the table's other value columns name two or more years ("Realisatie 2018 … Begroting 2021 |
    Nederland"): a year-less comparison column beside them could stand for any of them, so it keeps no year."""
    head = verdict.head
    if not any(verdict.meanings[c].scope for c in verdict.value_cols):
        return None
    if len({verdict.meanings[c].year for c in verdict.value_cols} - {None}) >= 2 or any(m.role == "year" for m in verdict.meanings):
        return None  # and a year column ("Jaar") gives each row its own year
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", " ".join([head.caption or "", *(ln.text for ln in table.above[-3:])]))}
    return years.pop() if len(years) == 1 else (metadata.year if metadata else None)


def _context(table: Table, verdict: Verdict, metadata: Optional[Metadata], table_year: Optional[int],
             goals: list[GoalNode], begroting_year: Optional[int] = None) -> _Context:
    head = verdict.head
    table_year = table_year if table_year is not None else _table_year(table, verdict, metadata)
    roles = {}
    for role in _ROLES:
        col = next((i for i, m in enumerate(verdict.meanings) if m.role == role and i != verdict.label_col), None)
        if col is not None:
            roles[role] = col
    notes, note_source = table_notes(table)
    page = table.page if table.method != "text" else None
    value_cols = sorted({*verdict.value_cols, *sparse_columns(table, verdict)})
    return _Context(
        table=table, verdict=verdict, roles=roles, notes=notes, source=table_source(table, head, note_source),
        columns=_contested_years({c: _value_type(verdict.meanings[c], head.headers[c], metadata, table_year, begroting_year)
                                  for c in value_cols}, {c for c in value_cols if not _BARE_YEAR_HEADER.match(head.headers[c])},
                                 _title_kind(table, head)),
        header_marks=label_header_marks(head.headers, verdict.label_col),
        goal=programme_goal(" ".join([head.caption or table.caption or "", *head.extra]), page, goals),
        goal_ids={g.id for g in goals}, goals=goals, metadata=metadata,
    )


_BARE_YEAR_HEADER = re.compile(r"^\s*(19|20)\d{2}\s*$")


def _title_kind(table: Table, head) -> Optional[str]:
    """The value type a table's title states when it is a prognosis ("Bevolkingsprognose" just above the years): its
    later years are prognoses, not targets. The caption, else the short line right above the table."""
    titles = [head.caption or table.caption or ""] + [ln.text for ln in table.above[-1:] if len(ln.text.strip()) <= 60]
    kinds = {indicator_value_type(t) for t in titles if t.strip()}
    return "prognose" if "prognose" in kinds else None


def _contested_years(columns: dict[int, tuple[Optional[str], Optional[int], str]], others: set[int],
                     title_kind: Optional[str] = None) -> dict[int, tuple[Optional[str], Optional[int], str]]:
    """A bare-year column typed by the document's rule is left undecided when the table's own headers give that year
    another type ("2022" beside "Begroting 2022"): the table shows its figures of that year can be either. `others`
    are the columns whose header is more than a year (an area's "Maassluis 2014" beside "Nederland 2014"). Under a
    prognosis title (`title_kind`) the bare later years the rule calls targets are prognoses."""
    printed: dict[int, set[str]] = {}
    for kind, year, type_from in columns.values():
        if type_from == "header" and kind and year is not None:
            printed.setdefault(year, set()).add(kind)
    out: dict[int, tuple[Optional[str], Optional[int], str]] = {}
    for c, (kind, year, type_from) in columns.items():
        if c not in others and type_from == "context" and kind:
            if printed.get(year, {kind}) != {kind}:
                kind = None
            elif title_kind and kind == "streefwaarde":
                kind = title_kind
        out[c] = (kind, year, type_from)
    return out


def sparse_columns(table: Table, verdict: Verdict) -> list[int]:
    """Columns the header gives a value type whose cells are mostly "no value" ("-") and otherwise figures: kept
    (a baseline year measured for a few rows only), where the table verdict needs most cells to be figures."""
    head = verdict.head
    body = table.rows[head.header_rows:] if head else []
    out: list[int] = []
    for c, meaning in enumerate(verdict.meanings):
        if c == verdict.label_col or c in verdict.value_cols or meaning.role != "value" or not meaning.value_type:
            continue
        cells = [r.cells[c].strip() for r in body if c < len(r.cells) and r.cells[c].strip()]
        figures = [t for t in cells if t.lower() not in MISSING_MARKERS]
        if figures and all(read_value(t)[0] is not None for t in figures):
            out.append(c)
    return out


def label_header_marks(headers: list[str], label_col: int) -> tuple[str, ...]:
    """Footnote marks printed on the label column's header ("Indicator*"): they apply to every row."""
    return split_footnote_marks(headers[label_col])[1] if label_col < len(headers) else ()


def _cell(row: TableRow, col: Optional[int]) -> str:
    return row.cells[col].strip() if col is not None and col < len(row.cells) else ""


def split_name(label: str) -> _Name:
    """The parts of a name cell: "2A1.a Aantal meldingen (+)* (Bron: CBS)" gives code, name, direction, marks, source."""
    text = label
    source = _NAME_SOURCE.search(text)
    if source:
        text = text[: source.start()].rstrip(" ,;")
    name, marks = split_footnote_marks(text)
    if _HASH_MARK.search(name):
        name, marks = _HASH_MARK.sub("", name), (*marks, "#")  # "Eenoudergezin #": a footnote mark
    direction = parse_direction(name)
    if direction:
        name = _DIRECTION_MARK.sub("", name)
    out = _Name(name=name, marks=marks, direction=direction, source=source.group("source").strip() if source else None)
    coded = _CODE_BEFORE_NAME.match(name)
    if coded:
        out.code, out.name = coded.group("code"), coded.group("name")
    explained = _EXPLANATION.match(out.name)
    if explained and _is_explanation(explained.group("desc")):
        out.name, out.description = explained.group("name"), explained.group("desc")
    return out


_MEASUREMENT_NOTE = re.compile(r"^(meting|gemeten|peil(datum|moment|jaar)|definitie|bron|zie|volgens|vanaf|sinds|t\.?o\.?v\.?|ten opzichte van)\b",
                               re.IGNORECASE)


def _is_explanation(text: str) -> bool:
    """Brackets that say how or since when it is measured ("meting vanaf 2019", "t.o.v. 2015") are a description;
    brackets that qualify what is counted ("uniek aantal kinderen", "eenpersoonshuishouden") stay in the name."""
    return bool(_MEASUREMENT_NOTE.match(text.strip())) and not _UNIT_IN_NAME.search(text)


def _values(ctx: _Context, row: TableRow, filled: list[int], area_name: Optional[str]) -> tuple[list[IndicatorValue], list[str], list[str]]:
    """The row's values with their cell boxes; also the units printed in the cells and their footnote marks."""
    values: list[IndicatorValue] = []
    units: list[str] = []
    marks: list[str] = []
    for c in filled:
        kind, year, type_from = _row_year_type(ctx, row, ctx.columns[c])
        text = row.cells[c].strip()
        parsed, unit_word = read_value(text)
        bounds = [parsed] if parsed is not None else _target_range(text, kind)
        paired = _area_pair_values(ctx, row, c, text, (kind, year, type_from)) if not bounds else None
        if paired is not None:
            values.extend(paired)
            units.append("%" if "%" in text else "")
            continue
        if not bounds:
            if re.search(r"\d", text) and text.lower() not in MISSING_MARKERS:
                ctx.unreadable.append(text)
            continue
        if kind is None:
            continue
        if kind == "streefwaarde" and type_from == "header" and year is not None and bounds[0].year not in (None, year):
            ctx.conflicts.append(text)  # "190 kg (2021)" under "Streefwaarde 2023": which year is meant is not printed
            continue
        scope = ctx.verdict.meanings[c].scope
        compared = _compared_area(ctx, row, c)
        if compared:
            kind, scope = "referentie", compared  # "Waarde | Benchmark | Waarde": the figure beside "Nederland"
        if area_name:
            kind, scope = "referentie", area_name  # "Nederland" row under an indicator: a comparison figure
        for bound in bounds:  # a range ("6 - 6,5") gives its two bounds, >= low and <= high
            values.append(_value(ctx, row, c, bound, (kind, year, type_from), scope))
        units.append(" ".join(u for u in (bounds[0].unit, unit_word) if u))
        marks.extend(m for m in bounds[0].footnotes if m not in marks)
    return values, units, marks


def _area_pair_values(ctx: _Context, row: TableRow, c: int, text: str, column: tuple) -> Optional[list[IndicatorValue]]:
    """A cell with the own figure and a comparison area's figure and their year ("1,2 Oord 1,8 NL (2031)"): the
    comparison figure is a referentie of that area; the own one (the other name, no known area) takes the column's
    type, unless the column is a target of another year than printed (which year is meant is not printed: left out,
    warned). None unless exactly one of the two names is a known comparison area."""
    split = split_area_pair(text)
    if split is None:
        return None
    pairs, printed_year = split
    scopes = [header_scope(area) for area, _ in pairs]
    if sum(1 for s in scopes if s) != 1:
        return None
    kind, year, type_from = column
    out: list[IndicatorValue] = []
    for (_, figure), scope in zip(pairs, scopes):
        parsed, _ = read_value(figure)
        if parsed is None:
            return None
        parsed = replace(parsed, year=printed_year if printed_year is not None else parsed.year)
        if scope:
            out.append(_value(ctx, row, c, parsed, ("referentie", year, type_from), scope))
        elif kind == "streefwaarde" and type_from == "header" and year is not None and printed_year not in (None, year):
            ctx.conflicts.append(text)
        elif kind is not None:
            out.append(_value(ctx, row, c, parsed, (kind, year, type_from), None))
    return out


def _compared_area(ctx: _Context, row: TableRow, c: int) -> Optional[str]:
    """The area a value column right of an area column compares with, when the own figures stand left of it
    ("Waarde | Benchmark | Waarde" with "6 | Nederland | 8"): the row's area cell. An area column before all
    value columns ("jaar | regio | waarde") names the row's own area instead (see `read_indicators`); one right after
    the one comparison column names that comparison's area (`_names_the_comparison`)."""
    area = ctx.roles.get("area")
    if area is None:
        return None
    if c < area and _names_the_comparison(ctx, c, area):
        return _cell(row, area) or None
    if c < area or not any(v < area for v in ctx.columns):
        return None
    return _cell(row, area) or None


def _names_the_comparison(ctx: _Context, c: int, area: int) -> bool:
    """An area column right after the table's one comparison column ("Vergelijkend cijfer | Vergelijking" with
    "3,1 | Oostprovincie") names that comparison's area; own figures stand left of it."""
    compared = [v for v in ctx.columns if ctx.columns[v][0] == "referentie"]
    return compared == [c] and area == c + 1 and not ctx.verdict.meanings[c].scope


_PERIOD_CELL = re.compile(r"(?:19|20)\d{2}\s*[-/–]\s*(?:(?:19|20)?\d{2})")


def _row_year_type(ctx: _Context, row: TableRow, column: tuple) -> tuple[Optional[str], Optional[int], str]:
    """A year column ("periode", "jaar") gives each row the year of its values where the value header names none;
    the type then follows the document's context rule for that year (a begroting's figure of an earlier year is a
    realisatie), or stays the header's when the rule does not decide."""
    kind, year, type_from = column
    cell = _cell(row, ctx.roles.get("year"))
    printed = re.fullmatch(r"\(?((?:19|20)\d{2})\)?", cell)
    if year is None and _PERIOD_CELL.fullmatch(cell):
        ctx.periods.append(cell)  # "2016-2017": which one year the values stand for is not printed
        return None, None, "context"
    if printed is not None and _edition_year(ctx, column, int(printed.group(1))):
        return kind, int(printed.group(1)), type_from
    if year is not None or printed is None:
        return column
    year = int(printed.group(1))
    if kind == "referentie":
        return kind, year, type_from  # a comparison column ("Nederland", a size class) stays one and takes the row's year
    if kind in ("streefwaarde", "prognose") and type_from == "header":
        return column  # the row's year is when it was measured; a target's own year is not printed
    meta = ctx.metadata
    rule = context_value_type(year, meta.document_type if meta else None, meta.year if meta else None)
    return (rule, year, "context") if rule else (kind, year, type_from)


def _edition_year(ctx: _Context, column: tuple, printed: int) -> bool:
    """The one realisatie column's header year is the edition ("Cijfer jaarrekening 2039") and the row's year cell the
    year the figure stands for, when it is earlier (the latest figure known at the time): the printed year wins. Not
    with several dated value columns (the year cell cannot be theirs) nor for a target (its own year)."""
    kind, year, _ = column
    dated = {ctx.columns[c][1] for c in ctx.columns if ctx.columns[c][0] != "referentie"} - {None}
    return kind == "realisatie" and year is not None and dated == {year} and printed < year


def _target_range(text: str, kind: Optional[str]) -> list[ParsedValue]:
    """A target printed as a range ("6 - 6,5") as its two bounds; only in target columns, where ranges are
    common — in a realisatie column "10-15" may as well be a score pair or a date, so it stays unread."""
    return list(parse_range(text) or ()) if kind in ("streefwaarde", "prognose") else []


def _value(ctx: _Context, row: TableRow, c: int, parsed: ParsedValue, column: tuple, scope: Optional[str]) -> IndicatorValue:
    """One value of cell `c` with the cell's box (PDF) and the column's type and year."""
    kind, year, type_from = column
    if kind == "streefwaarde" and _budgeted_column(ctx, c, type_from) \
            and (financial_kengetal(_cell(row, ctx.verdict.label_col)) or _forecast_table(ctx)):
        kind = "prognose"  # a figure the budget implies (solvabiliteit, inwoners under "Begroting 2039"), no target
    box = row.cell_boxes[c] if c < len(row.cell_boxes) else None
    pdf = ctx.table.method != "text"
    return IndicatorValue(
        year=parsed.year if parsed.year is not None else year, type=kind, value=parsed.value,
        comparator=parsed.comparator, scope=scope, raw=row.cells[c].strip(),  # type: ignore[arg-type]
        type_from=type_from, page=row.page if pdf else None, bbox=box,
    )


_TARGET_WORD = re.compile(r"streef|doel|\bnorm|ambitie|target|signaalwaarde", re.IGNORECASE)


def _budgeted_column(ctx: _Context, c: int, type_from: str) -> bool:
    """A column of budgeted figures, not of targets: a begroting header ("Begroting 2039", "Begr.", "Begroot") without
    a target word, or a later year the document's rule typed (`type_from` "context")."""
    if type_from == "context":
        return True
    header = ctx.verdict.head.headers[c] if ctx.verdict.head and c < len(ctx.verdict.head.headers) else ""
    return ctx.verdict.meanings[c].budget_kind == "begroting" and not _TARGET_WORD.search(header)


@lru_cache(maxsize=1)
def _kengetal_patterns() -> tuple[re.Pattern, ...]:
    with (data_dir() / "financial_kengetallen.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in rows)


@lru_cache(maxsize=1)
def _forecast_table_patterns() -> tuple[re.Pattern, ...]:
    with (data_dir() / "forecast_tables.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(re.compile(row["pattern"], re.IGNORECASE) for row in rows)


def _forecast_table(ctx: _Context) -> bool:
    """A table of key figures ("Kerngegevens" in its caption, header or section heading,
    `models/data/forecast_tables.csv`)."""
    head = ctx.verdict.head
    texts = " ".join(filter(None, [ctx.table.caption, ctx.section_title, head.caption if head else None,
                                   *(head.headers if head else [])]))
    return any(p.search(texts) for p in _forecast_table_patterns())


def financial_kengetal(name: str) -> bool:
    """An indicator named as one of the BBV financial kengetallen (`models/data/financial_kengetallen.csv`)."""
    text = " ".join(name.split())
    return bool(text) and any(p.search(text) for p in _kengetal_patterns())


def _row_goal(ctx: _Context, row: TableRow, code: Optional[str], code_in_name: bool, goal_group: Optional[str]) -> Optional[str]:
    """A programme column ("2"), a code printed before the name ("2A1.a" under goal "2A1") or the goal a group row above names
    ("Doel 2A1 …") wins over the table's programme."""
    printed = _cell(row, ctx.roles.get("programme")).rstrip(".")
    if printed and f"P{printed}" in ctx.goal_ids:
        return f"P{printed}"
    if code_in_name and code and code.rsplit(".", 1)[0] in ctx.goal_ids:
        return code.rsplit(".", 1)[0]
    if goal_group:
        return goal_for(None, goal_group, None, ctx.goals) or ctx.goal
    return ctx.goal


def _link_sub_row(indicator: Indicator, row: TableRow, index: int, by_index: dict[int, Indicator]) -> None:
    """A sub-row of a packed cell ("Waarvan jongens" under a total) is `<total id>.<k>` with the total as parent."""
    parent = by_index.get(row.sub_of) if row.sub_of is not None else None
    if parent is not None:
        indicator.id = f"{parent.id}.{index - row.sub_of}"  # type: ignore[operator]
        indicator.parent_indicator = parent.id


def _unit(ctx: _Context, row: TableRow, name: str, units: list[str]) -> Optional[str]:
    """Unit column, else the unit every value prints ("6,1%"), else a unit in the name ("per 1.000 inwoners")."""
    printed = _cell(row, ctx.roles.get("unit"))
    if printed:
        return printed
    if units and units[0] and all(u == units[0] for u in units):
        return units[0]
    match = _UNIT_IN_NAME.search(name)
    return (match.group(1) or match.group(0)).strip() if match else None


def _indicator(ctx: _Context, row: TableRow, row_no: int, table_no: int, label: str, filled: list[int],
               area_name: Optional[str], goal_group: Optional[str] = None) -> Indicator:
    parts = split_name(label)
    values, units, value_marks = _values(ctx, row, filled, area_name)
    code = _cell(row, ctx.roles.get("code")).rstrip(".").strip() or parts.code
    direction = parts.direction or next((parse_direction(row.cells[c]) for c in filled if parse_direction(row.cells[c])), None)
    marks = list(dict.fromkeys([*ctx.header_marks, *parts.marks, *value_marks]))
    pdf = ctx.table.method != "text"
    return Indicator(
        id=indicator_id(_where(row), table_no, row_no), code=code or None, name=parts.name,
        description=parts.description or _cell(row, ctx.roles.get("description")) or None,
        unit=_unit(ctx, row, parts.name, units),
        source=_cell(row, ctx.roles.get("source")) or parts.source or ctx.source,
        goal=_row_goal(ctx, row, code, parts.code is not None, goal_group),
        direction=direction,  # type: ignore[arg-type]
        footnotes=[ctx.notes.get(m, m) for m in marks], table=ctx.verdict.head.caption or ctx.table.caption,
        page=row.page if pdf else None, bbox=row.bbox if pdf else None, lines=row.lines, values=values,
    )


def _misaligned(row: TableRow, ctx: _Context) -> str:
    """A figure in the unit or source column ("2017" where "per 1.000 inwoners" belongs) shows that the row's cells
    do not stand under their headers (a copy dropped an empty cell): every value of it would be read one column
    off, so none is read."""
    for role in ("unit", "source"):
        text = _cell(row, ctx.roles.get(role))
        if text and is_number_cell(text):
            return (f"row {_cell(row, ctx.verdict.label_col)[:60]!r}: the {role} column holds the figure {text!r}, so the "
                    "row's cells are not under their headers; its values are left out")
    return ""


def _place_measured_comparisons(ctx: _Context, row: TableRow) -> bool:
    """A short row whose figures are all measured comparisons ("10 tov 12 landelijk": the own figure beside a
    comparison area's) under year columns: a comparison with an area is a measurement, so it stands only in a
    column of measured years. When the document's context types exactly as many leading year columns realisatie as
    the row prints figures, and none after them, the figures fill those columns in print order (the empty cells
    dropped are the later years'). Any other short row stays unplaced."""
    figures = row.unplaced
    if not figures or not all(_measured_comparison(f) for f in figures):
        return False
    columns = sorted(ctx.columns)
    kinds = [ctx.columns[c][0] for c in columns]
    measured = [c for c, kind in zip(columns, kinds) if kind == "realisatie"]
    if len(measured) != len(figures) or columns[:len(measured)] != measured or any(ctx.columns[c][1] is None for c in columns):
        return False
    if any(row.cells[c].strip() for c in columns if c < len(row.cells)) or max(measured) >= len(row.cells):
        return False
    for c, text in zip(measured, figures):
        row.cells[c] = text
    row.unplaced, row.problem = [], None
    return True


def _measured_comparison(text: str) -> bool:
    """A cell with the own figure and one known comparison area's figure ("10 tov 12 landelijk")."""
    split = split_area_pair(text)
    return split is not None and sum(1 for area, _ in split[0] if header_scope(area)) == 1


def _skip_label(label: str, name_header: str) -> bool:
    """No name, a number where the name should be, or the header repeated: not an indicator row."""
    return not re.search(r"[^\W\d_]{2}", label) or label == name_header or bool(HEADER_WORDS.match(label))


def read_indicators(table: Table, verdict: Verdict, metadata: Optional[Metadata], table_no: int,
                    table_year: Optional[int] = None, goals: Optional[list[GoalNode]] = None,
                    begroting_year: Optional[int] = None,
                    section_title: Optional[str] = None) -> tuple[list[Indicator], list[ErrorEntry]]:
    """One Indicator per body row with a label; values from the value columns that have a type.
    `begroting_year` is the year the table's section names for its begroting ("Begroting 2025"); `section_title`
    the heading the table stands under."""
    head = verdict.head
    assert head is not None
    ctx = _context(table, verdict, metadata, table_year, goals or [], begroting_year)
    ctx.section_title = section_title
    body = table.rows[head.header_rows:]
    name_header = head.headers[verdict.label_col] if verdict.label_col < len(head.headers) else ""
    indicators: list[Indicator] = []
    group: Optional[str] = None
    carried: Optional[str] = None
    heading: Optional[str] = None
    by_area = sum(1 for c in verdict.value_cols if verdict.meanings[c].scope) >= 2
    value_cols = sorted(ctx.columns)
    by_index: dict[int, Indicator] = {}
    counted = 0
    goal_group: Optional[str] = None
    own_area: Optional[str] = None  # the area cell of the last indicator row (an area column: "regio")
    own_row = -1  # the body position of the last indicator row with figures (or of a comparison row under it)
    for position, row in enumerate(body, start=1):
        label = _cell(row, verdict.label_col)
        filled = [c for c in value_cols if c < len(row.cells) and row.cells[c].strip()]
        code_group = group_code(label) if not filled and not _cell(row, ctx.roles.get("code")) else None
        counted += 0 if code_group or row.sub_of is not None else 1
        row_no = counted
        if code_group:
            goal_group = code_group  # "Doel 2A1 Optimale preventie …": the goal of the rows below, not a row itself
            continue
        layout_problem = bool(row.problem)  # a row the layout could not place keeps its name (a misaligned one may not:
        # when its cells are out of step its label may be another cell)
        if not row.problem and filled:
            row.problem = _misaligned(row, ctx)
        if row.problem and _place_measured_comparisons(ctx, row):
            filled = [c for c in value_cols if c < len(row.cells) and row.cells[c].strip()]
        if row.problem:
            ctx.problems.append(row)
            filled = []  # the layout could not place this row's figures: none is read
        if _NOTE_ROW.match(label):
            filled = []  # "Eenheid: | Aantal per 1.000 inwoners": a note row, not figures
        area_cell = _cell(row, ctx.roles.get("area"))
        if not label and filled and area_cell and indicators and own_area not in (None, area_cell):
            indicators[-1].values.extend(_values(ctx, row, filled, area_cell)[0])  # the next area's figures
            continue
        described = any(_cell(row, c) for c in ctx.roles.values())  # a code, unit or source printed: an indicator row
        if not filled and not ((described or row.problem) and label and not _skip_label(label, name_header)):
            note = " ".join(c.strip() for c in row.cells if c.strip())
            if indicators and not _opens_area_rows(body, position, verdict) and _attach_note(indicators[-1], note):
                continue
            following = _cell(body[position], verdict.label_col) if position < len(body) else ""
            if label and not row.bold and not row.heading and following[:1] in tuple("(abcdefghijklmnopqrstuvwxyz") \
                    and not label.rstrip().endswith("*"):  # a label ending in a footnote mark is whole: a heading
                carried = label  # the first line of a label whose rest is printed beside the figures
                continue
            group = label or group  # a group row ("Verwijzingen Halt") over area rows
            if row.bold and label and by_area:
                heading = _HASH_MARK.sub("", split_footnote_marks(label)[0])  # a tabellenboek group ("Gender") over its sub-rows
            continue
        if carried:
            label, carried = f"{carried} {label}", None
        if _skip_label(label, name_header) or (filled and all(re.fullmatch(r"\(?(19|20)\d{2}\)?", row.cells[c].strip()) for c in filled)
                                               and not _year_shaped_figures(ctx, label, row, filled)):
            continue  # no name, or a row of years (a header row the grid put in the body)
        plain = split_name(label).name
        area = _AREA_ROW.fullmatch(plain) if group else None
        if not area and filled and own_row == position - 1 and is_comparison_row(plain):
            indicators[-1].values.extend(_values(ctx, row, filled, plain)[0])  # "Gemiddelde benchmark" under its row
            own_row = position
            continue
        indicator = _indicator(ctx, row, row_no, table_no, label, filled, plain if area and not area.group("own") else None,
                               goal_group)
        index = head.header_rows + position - 1
        by_index[index] = indicator
        _link_sub_row(indicator, row, index, by_index)
        if area and group:
            if indicators and indicators[-1].name == group:
                indicators[-1].values.extend(indicator.values)
                continue
            indicator.name = group
        elif heading and row.bold:
            heading = None  # a bold row with figures (a total) ends the group
        elif heading:
            indicator.name = f"{heading} {indicator.name}"
        worded = any(re.search(r"[^\W\d_]{3}", row.cells[c]) for c in filled)
        if indicator.values or indicator.source or indicator.code or worded or layout_problem:
            own_area = area_cell or None
            own_row = position if indicator.values else -1
            indicators.append(indicator)  # a row printing only words in its value cells ("behaald") is still an indicator
    return indicators, _warnings(ctx, head)


_YEAR_LABEL = re.compile(r"jaar|periode|peil|datum|meting|ijkmoment", re.IGNORECASE)


def _year_shaped_figures(ctx: _Context, label: str, row: TableRow, filled: list[int]) -> bool:
    """Figures that look like years ("2022" clients, "2000" under "Begroting 2023"): every column's header names its
    own year and no cell repeats it, and the label names no year or moment (a header row the grid put in the body
    repeats the columns' years; a "Peiljaar" row prints when each figure was measured)."""
    years = [ctx.columns[c][1] for c in filled]
    return bool(label.strip()) and not _YEAR_LABEL.search(label) and None not in years \
        and all(int(row.cells[c].strip(" ()")) != year for c, year in zip(filled, years))


def _warnings(ctx: _Context, head) -> list[ErrorEntry]:
    table = ctx.table
    errors: list[ErrorEntry] = []
    undecided = sorted({head.headers[c] for c, (kind, _, _) in ctx.columns.items() if kind is None})
    earlier = [head.headers[c] for c, m in enumerate(ctx.verdict.meanings) if m.role == "earlier_figure"
               and any(c < len(r.cells) and read_value(r.cells[c])[0] is not None for r in table.rows[head.header_rows:])]
    if earlier:
        errors.append(_warning(table, f"column(s) {', '.join(repr(h) for h in earlier)} hold figures as an earlier edition "
                                      "printed them, of a year not printed; not read"))
    errors.extend(ErrorEntry(code="table_uncertain", severity="warning", page=row.page,
                             message=f"{f'line {row.lines[0]}' if row.lines else f'page {row.page}'}: {row.problem}")
                  for row in ctx.problems)
    if table.uncertain_rows:
        errors.append(_warning(table, f"{len(table.uncertain_rows)} row(s) with figures whose cells cannot be placed in "
                                      "the header's columns with certainty (fewer cells than the header, or words and "
                                      "figures not told apart); left out: " + "; ".join(repr(r[:60]) for r in table.uncertain_rows[:3])))
    if undecided:
        errors.append(_warning(table, f"column(s) {', '.join(repr(h) for h in undecided)} name a year but not whether it is "
                                      "realisatie or streefwaarde, and the document type does not decide it; values left out"))
    if ctx.unreadable:
        errors.append(_warning(table, f"{len(ctx.unreadable)} cell(s) not read as one number and left out: "
                                      + ", ".join(repr(u) for u in ctx.unreadable[:5])))
    if ctx.periods:
        errors.append(_warning(table, f"year cell(s) {', '.join(sorted({repr(p) for p in ctx.periods})[:5])} name a span, "
                                      "not one year; the values of those rows are left out"))
    if ctx.conflicts:
        errors.append(_warning(table, f"target cell(s) {', '.join(repr(c) for c in ctx.conflicts[:5])} print a year "
                                      "other than their column's; left out"))
    return errors


def _opens_area_rows(body: list[TableRow], row_no: int, verdict: Verdict) -> bool:
    """The row after this figure-less row is an area row with figures ("Gemeente | 5,0 | 4,2"): this row names
    the next indicator (a group row), it is not a note on the one before."""
    if row_no >= len(body):
        return False
    following = body[row_no]
    label = following.cells[verdict.label_col].strip() if verdict.label_col < len(following.cells) else ""
    return bool(_AREA_ROW.fullmatch(label)) and any(c < len(following.cells) and following.cells[c].strip() for c in verdict.value_cols)


def _attach_note(indicator: Indicator, note: str) -> bool:
    """A row under an indicator holding its source, unit or explanation ("Bron: CBS", "Het aantal …")."""
    source = _SOURCE_NOTE.match(note)
    unit = _UNIT_NOTE.match(note)
    if re.match(r"^toelichting\b", note, re.IGNORECASE):
        return True
    if source:
        indicator.source = source.group("source").strip(" :|") or indicator.source
    elif unit:
        indicator.unit = unit.group("unit").strip(" :|") or indicator.unit
    elif note[:1].isupper() and len(note.split()) >= 5 and not indicator.description:
        indicator.description = note
    else:
        return False
    return True


def indicator_id(where: str, table_no: int, row_no: int) -> str:
    """The one id scheme of table indicators, PDF and text: `ind-p<page>-t<table>-r<row>` / `ind-l<line>-t<table>-r<row>`.

    A printed code ("2A1.a") stays in `Indicator.code`; sub-rows of a packed cell get `<parent id>.<k>`."""
    return f"ind-{where}-t{table_no}-r{row_no}"


def _where(row: TableRow) -> str:
    return f"l{row.lines[0]}" if row.lines else f"p{row.page}"


def _warning(table: Table, message: str) -> ErrorEntry:
    where = f"page {table.page}" if table.method != "text" else f"line {table.rows[0].lines[0] if table.rows[0].lines else '?'}"
    return ErrorEntry(code="table_uncertain", severity="warning", page=table.page if table.method != "text" else None,
                      message=f"table at {where}: {message}")
