"""Indicator tables in plain-text input: tab-separated tables and tables flattened into lines.

Two shapes occur in text extractions of municipal documents:

* **Tab tables** (Word/HTML exports): a header row of cells such as
  ``Indicator | Bron | Nulmeting | | | | Streefwaarde 2015``, optionally a second header row with
  the years (``'11 '12 '13 '14``), then one row per indicator. A header cell that names a value
  type spans the empty header cells to its right (``Nulmeting`` over four year columns).
* **Flattened tables** (PDF-to-text): the header is spread over several lines
  (``RealisatieEffectindicator`` / ``2014 2015 2016 2017`` / ``Streefwaarde`` / ``2017`` / ``Bron``)
  and each row is ``<code> <name> <values…> <source>`` with wrapped cells on the next lines.
  A row is only read when its run of value tokens has exactly as many tokens as the header has
  value columns; otherwise the indicator is kept without values and a ``table_uncertain``
  warning names the line.

Decisions:

* ``id``: the shared scheme of every table indicator, ``ind-l<first line>-t<table>-r<row>``
  (`extractor.parse.indicators.indicator_id`; 1-based table number among the indicator tables found
  in the text, 1-based row number within that table); the printed code ("2A1.a") is in ``code``.
  Sub-rows packed into one cell (the Halt breakdown) become ``<parent id>.<k>`` with
  ``parent_indicator`` = the parent id.
* ``goal``: the goal whose code is the indicator code's prefix ("2A1.a" -> "2A1"), else the goal
  named by a "Doel 2A1 …" row in the table, else the last goal of level "doel" whose first line
  precedes the table header; None when there are no goals. Only ids of given goals are used.
* ``footnotes``: one entry per footnote mark on the header ("Indicator*", applies to every row),
  on the name or on a value; the entry is the footnote text found below the table as
  "<mark> <text>" (markdown emphasis from the text export removed), or the bare mark when no
  text is found for it.
* ``unit``: the Eenheid cell when the table has that column; else "%" (or "‰") when the name says
  "(%)" / "(in %)" / "in %)" / starts with "%" or "Percentage", or the values carry it; otherwise
  None. A "(%)" in a column header is ignored (it is printed over rows that are counts).
* ``source``: the Bron cell, else a "Bron: …" / "Bron peilwaarde: …" line just above the table.
* ``table``: the caption line just above the header (a wrapped "Tabel …" caption is joined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Optional

from extractor.layout.cleanup import LaidOutDocument
from extractor.model import ErrorEntry, GoalNode, Indicator, IndicatorValue, Metadata
from extractor.read.types import Line
from extractor.parse.indicators import indicator_id
from extractor.parse.table_semantics import header_scope, indicator_value_type
from extractor.parse.values import (
    MISSING_MARKERS,
    ParsedValue,
    parse_direction,
    parse_value,
    parse_year_header,
    split_footnote_marks,
)

__all__ = ["parse_text_indicators"]

_ANCHORS = re.compile(r"indicator|streefwaarde|nulmeting|peilwaarde|^bron\b", re.IGNORECASE)
# Words a header line may consist of. Plurals ("Effectindicatoren") are left out: they are captions.
_HEADER_WORDS = frozenset(
    """indicator effectindicator prestatie-indicator prestatieindicator beleidsindicator bron nulmeting streefwaarde streefwaarden realisatie peilwaarde
    begroting eenheid omschrijving toelichting code nr nummer jaar resultaat rekening norm nederland regio
    referentie gemiddelde waarde meting landelijk naam ambitie prognose trend richting gewenste peildatum
    score stand actueel cijfer vergelijkingscijfer progr progr. programma nr. taakveld in % (%) (in %) en van
    (jaar) (jaartal)""".split()
)
_YEARISH = re.compile(r"^(?:\(?(?:19|20)\d{2}\)?|['‘’]\d{2})$")
_CODE = re.compile(r"^(\d+[A-Z]+\d+\.[a-z0-9]+|\d+\.\d+\.[a-z0-9]+)\s+(.*)$")
_GROUP_ROW = re.compile(r"^Doel\s+(\d+[A-Z]*\d*)\b")
_PERCENT_IN_NAME = re.compile(r"\(\s*(?:in\s+)?%|\bin\s+%\s*\)|^%\s|^percentage\b", re.IGNORECASE)
_PERMILLE_IN_NAME = re.compile(r"\(\s*(?:in\s+)?‰|\bin\s+‰\s*\)")
_FOOTNOTE_LINE = re.compile(r"^(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+(\S.*)$")
_BOLD = re.compile(r"\*\*(\S(?:[^*]*\S)?)\*\*")
_COMPARATOR_TOKENS = frozenset({"<", ">", "≤", "≥", "<=", ">=", "=<", "=>", "="})
_COMPARATOR_WORDS = frozenset({"minimaal", "maximaal", "tenminste", "minstens", "hoogstens"})
_MAX_CAPTION_DISTANCE = 3
_FOOTNOTE_WINDOW = 30
_MAX_FOOTNOTE_WRAP = 3  # continuation lines of one footnote


@dataclass
class Column:
    """One column of an indicator table; `role` is name, code, source, unit, value or ignore."""

    role: str
    label: str = ""
    type: Optional[str] = None
    year: Optional[int] = None


@dataclass
class Row:
    """The cells of one table row (tab tables) or its joined text (flattened tables)."""

    lines: list[Line]
    cells: list[str] = field(default_factory=list)
    group: Optional[str] = None


@dataclass
class TextTable:
    number: int
    kind: str  # "tab" | "flat"
    header_line: int
    caption: Optional[str]
    columns: list[Column]
    source: Optional[str] = None
    rows: list[Row] = field(default_factory=list)
    header_marks: tuple[str, ...] = ()
    footnotes: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- entry point


def parse_text_indicators(
    laid_out: LaidOutDocument, goals: list[GoalNode], metadata: Metadata
) -> tuple[list[Indicator], list[ErrorEntry]]:
    """Indicators (with values) from every indicator table in a text document, plus warnings.

    `metadata` is accepted for the parser interface shared with the PDF tables; nothing here needs it yet.
    """
    if getattr(laid_out, "format", "text") != "text":
        return [], []
    ctx = _Context(goals=list(goals))
    indicators: list[Indicator] = []
    for table in _find_tables(laid_out.lines(), ctx.errors):
        for row_number, row in enumerate(table.rows, start=1):
            indicators.extend(_indicators_of_row(table, row, row_number, ctx))
    return indicators, ctx.errors


# ---------------------------------------------------------------- finding tables


def _find_tables(lines: list[Line], errors: list[ErrorEntry]) -> list[TextTable]:
    tables: list[TextTable] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        found: Optional[tuple[TextTable, int]] = None
        if "\t" in line.text and _is_tab_header(line.text.split("\t")):
            found = _read_tab_table(lines, index, len(tables) + 1)
        elif "\t" not in line.text and _is_flat_header(line.text):
            found = _read_flat_table(lines, index, len(tables) + 1, errors)
        if found and found[0].rows:
            tables.append(found[0])
            index = found[1]
        else:
            index = max(index + 1, found[1] if found else 0)
    return tables


def _header_words(text: str) -> list[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    cleaned, _ = split_footnote_marks(spaced)
    return [w for w in cleaned.lower().split() if w]


def _is_header_text(text: str) -> bool:
    """Only header vocabulary and years: 'Streefwaarde 2015', "'11", 'RealisatieEffectindicator'."""
    words = _header_words(text)
    return bool(words) and all(w in _HEADER_WORDS or _YEARISH.match(w) for w in words)


def _is_tab_header_cell(text: str) -> bool:
    """Tabs make cells certain, so one known word or year per short cell is enough ('Cijfer Wassenaar (jaar)')."""
    words = _header_words(text)
    return 0 < len(words) <= 6 and any(w in _HEADER_WORDS or _YEARISH.match(w) for w in words)


def _is_tab_header(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 3 or not all(_is_tab_header_cell(c) for c in filled):
        return False
    return any(_ANCHORS.search(c) for c in filled) and any(indicator_value_type(c) for c in filled)


def _is_flat_header(text: str) -> bool:
    stripped = text.strip()
    if not stripped or not _is_header_text(stripped):
        return False
    return bool(re.search(r"indicator", stripped, re.IGNORECASE)) or bool(indicator_value_type(stripped))


def _caption_before(lines: list[Line], index: int) -> tuple[Optional[str], Optional[str]]:
    """(caption, table source) from the lines just above a header.

    The caption is the nearest short non-sentence line ("Doelstelling (SMART)", "Effectindicatoren bij
    2A …"), joined with the line above it when that starts with "Tabel" (a wrapped caption). A line
    "Bron: CBS" / "Bron peilwaarde: CBS" there is the source of every row without a Bron cell.
    """
    source: Optional[str] = None
    back = 1
    while back <= _MAX_CAPTION_DISTANCE + 1 and index - back >= 0:
        text = lines[index - back].text.strip()
        back += 1
        if not text:
            continue
        if re.match(r"^bron\b[^:]{0,30}:", text, re.IGNORECASE) and source is None:
            source = text
            continue
        if "\t" in text or len(text) > 120 or text.endswith((".", ":", ";", ",")):
            return None, source
        above = lines[index - back].text.strip() if index - back >= 0 else ""
        if above.lower().startswith("tabel") and len(above) <= 120:
            return f"{above} {text}", source
        return text, source
    return None, source


# ---------------------------------------------------------------- tab tables


def _read_tab_table(lines: list[Line], start: int, number: int) -> tuple[TextTable, int]:
    header = lines[start].text.split("\t")
    index = start + 1
    subheader: list[str] = []
    nxt = _next_filled(lines, index)
    if nxt is not None and _is_subheader(lines[nxt].text):
        subheader = lines[nxt].text.split("\t")
        index = nxt + 1
    columns, marks = _tab_columns(header, subheader)
    caption, source = _caption_before(lines, start)
    table = TextTable(
        number=number, kind="tab", header_line=lines[start].line_no or 0,
        caption=caption, source=source, columns=columns, header_marks=marks,
    )
    while index < len(lines):
        text = lines[index].text
        if not text.strip():
            index += 1
            continue
        if "\t" not in text or _is_tab_header(text.split("\t")):
            break
        cells = [c.strip() for c in text.split("\t")]
        if any(cells):
            table.rows.append(Row(lines=[lines[index]], cells=cells))
        index += 1
    table.footnotes = _footnotes_after(lines, index)
    return table, index


def _next_filled(lines: list[Line], index: int) -> Optional[int]:
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    return index if index < len(lines) else None


def _is_subheader(text: str) -> bool:
    """A second header row: tabbed, empty first cell, the rest years or header words."""
    if "\t" not in text:
        return False
    cells = text.split("\t")
    filled = [c.strip() for c in cells if c.strip()]
    return not cells[0].strip() and bool(filled) and all(_is_header_text(c) for c in filled)


def _tab_columns(header: list[str], subheader: list[str]) -> tuple[list[Column], tuple[str, ...]]:
    width = max(len(header), len(subheader))
    header = [c.strip() for c in header] + [""] * (width - len(header))
    subheader = [c.strip() for c in subheader] + [""] * (width - len(subheader))
    columns: list[Column] = []
    marks: tuple[str, ...] = ()
    spanning = ""
    for own, below in zip(header, subheader):
        label, cell_marks = split_footnote_marks(own)
        if label:
            spanning = label if indicator_value_type(label) else ""
        column = _column_for(label or spanning, label, below)
        if column.role == "name" or not columns:
            marks = marks + cell_marks  # a mark on the name header ("Indicator*") applies to every row
        columns.append(column)
    if not any(c.role == "name" for c in columns):
        columns[0] = Column(role="name", label=columns[0].label)
    return columns, marks


def _column_for(effective: str, own: str, below: str) -> Column:
    lowered = effective.lower()
    if re.match(r"^(?:(?:effect|beleids|prestatie-?)?indicator(?:en|naam)?|naam|omschrijving)\b", lowered):
        return Column(role="name", label=effective)
    if re.fullmatch(r"nr\.?|nummer|code", lowered):
        return Column(role="code", label=effective)
    if lowered.startswith("bron"):
        return Column(role="source", label=effective)
    if lowered.startswith("eenheid"):
        return Column(role="unit", label=effective)
    kind = indicator_value_type(effective)
    if kind is None:
        return Column(role="ignore", label=effective)
    year = parse_year_header(below) if below else parse_year_header(own)
    label = f"{effective} {below}".strip()
    return Column(role="value", label=label, type=kind, year=year)


def _footnotes_after(lines: list[Line], index: int) -> dict[str, str]:
    """Footnote texts below a table ('* Er kan sprake zijn van …', wrapped lines joined), keyed by their mark.

    Looks at most `_FOOTNOTE_WINDOW` lines ahead and stops at the next table header; the nearest
    footnote with a mark wins.
    """
    notes: dict[str, str] = {}
    current: Optional[str] = None
    wrapped = 0
    for line in lines[index:index + _FOOTNOTE_WINDOW]:
        text = line.text.strip()
        if not text or wrapped >= _MAX_FOOTNOTE_WRAP:
            current, wrapped = None, 0
            continue
        if "\t" in line.text and _is_tab_header(line.text.split("\t")) or _is_flat_header(text):
            break
        match = _FOOTNOTE_LINE.match(_unwrap_italic(text))
        if match:
            current = match.group(1)
            if current in notes:
                current = None
                continue
            notes[current] = f"{current} {match.group(2).strip()}"
            wrapped = 0
        elif current is not None:
            notes[current] = _join_wrapped([notes[current], _unwrap_italic(text)])
            wrapped += 1
    return {mark: _BOLD.sub(r"\1", note) for mark, note in notes.items()}


def _unwrap_italic(text: str) -> str:
    """'** Note.*' is markdown italics around '* Note.': drop the wrapping pair."""
    if len(text) > 3 and text.startswith("**") and text.endswith("*") and not text.endswith("**"):
        return text[1:-1].strip()
    return text


# ---------------------------------------------------------------- flattened tables


def _read_flat_table(lines: list[Line], start: int, number: int, errors: list[ErrorEntry]) -> tuple[TextTable, int]:
    start = _header_top(lines, start)
    header_texts: list[str] = []
    index = start
    while index < len(lines):
        text = lines[index].text.strip()
        if text and ("\t" in lines[index].text or not _is_header_text(text)):
            break
        if text:
            header_texts.append(text)
        index += 1
    columns = _flat_columns(header_texts)
    caption, source = _caption_before(lines, start)
    table = TextTable(
        number=number, kind="flat", header_line=lines[start].line_no or 0,
        caption=caption, source=source, columns=columns,
    )
    if not any(c.role == "value" for c in columns) or not _ANCHORS.search(" ".join(header_texts)):
        return table, index
    if any(c.role == "value" and c.type is None for c in columns):
        errors.append(_warning(lines[start], "indicator table header has year columns without realisatie/streefwaarde label"))
        return table, index
    end = _read_flat_rows(lines, index, table)
    table.footnotes = _footnotes_after(lines, end)
    return table, end


def _header_top(lines: list[Line], start: int) -> int:
    """A header line with years ("2022 2023 2024") can stand above the line that triggered detection."""
    top = start
    index = start - 1
    while index >= 0 and start - index <= 4:
        text = lines[index].text.strip()
        has_year = any(_YEARISH.match(w) for w in text.split())
        if text and ("\t" in lines[index].text or not _is_header_text(text) or not has_year):
            break
        if text:
            top = index
        index -= 1
    return top


def _flat_columns(header_texts: list[str]) -> list[Column]:
    """Value columns in printed order from the header words of a flattened table.

    Three layouts occur: a type word followed by its years ("Realisatie 2014 2015 Streefwaarde
    2017"), each year followed by its type ("2022 realisatie 2023 realisatie 2024 begroting"), and
    all years followed by as many type words ("2022 2023 2024" … "realisatie realisatie begroting").
    """
    items: list[tuple[str, str]] = []  # ("Y", word) or ("T", word)
    has_source = False
    for word in " ".join(re.sub(r"([a-z])([A-Z])", r"\1 \2", t) for t in header_texts).split():
        if _YEARISH.match(word) and parse_year_header(word) is not None:
            items.append(("Y", word))
        elif indicator_value_type(word) is not None:
            items.append(("T", word))
        elif word.lower() == "bron":
            has_source = True
    pattern = "".join(kind for kind, _ in items)
    if re.fullmatch(r"(?:YT)+", pattern):
        pairs = [(items[i + 1][1], items[i][1]) for i in range(0, len(items), 2)]
    elif len(pattern) >= 4 and re.fullmatch(r"(Y+)(T+)", pattern) and pattern.count("Y") == pattern.count("T"):
        half = len(items) // 2
        pairs = [(t[1], y[1]) for y, t in zip(items[:half], items[half:])]
    else:
        pairs = _type_first_pairs(items)
    columns: list[Column] = [Column(role="name", label="Indicator")]
    for type_word, year_word in pairs:
        label = f"{type_word} {year_word or ''}".strip()
        year = parse_year_header(year_word) if year_word else None
        columns.append(Column(role="value", label=label, type=indicator_value_type(type_word or ""), year=year))
    if has_source:
        columns.append(Column(role="source", label="Bron"))
    return columns


def _same_header(label: str, word: str) -> bool:
    """Adjacent type words belong to one header when they name the same type with different words."""
    last = label.split()[-1]
    return last.lower() != word.lower() and indicator_value_type(last) == indicator_value_type(word)


def _type_first_pairs(items: list[tuple[str, str]]) -> list[tuple[Optional[str], Optional[str]]]:
    """Each year belongs to the type word before it; adjacent type words form one label; a type alone is a column."""
    pairs: list[tuple[Optional[str], Optional[str]]] = []
    current: Optional[str] = None
    pending = False
    previous = ""
    for kind, word in items:
        if kind == "Y":
            pairs.append((current, word))
            pending = False
        elif previous == "T" and pending and _same_header(current or "", word):
            current = f"{current} {word}"  # "Streefwaarde begroting": one header
        else:
            if pending:
                pairs.append((current, None))
            current, pending = word, True
        previous = kind
    if pending:
        pairs.append((current, None))
    return pairs


def _read_flat_rows(lines: list[Line], index: int, table: TextTable) -> int:
    group: Optional[str] = None
    previous_blank = True
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not text:
            previous_blank = True
            index += 1
            continue
        group_match = _GROUP_ROW.match(text)
        coded = bool(table.rows) and bool(_CODE.match(table.rows[0].lines[0].text.strip()))
        if group_match:
            group = group_match.group(1)
        elif _CODE.match(text) or (not coded and _starts_flat_row(text, table)):
            table.rows.append(Row(lines=[line], group=group))
        elif table.rows and not previous_blank and _is_continuation(text):
            table.rows[-1].lines.append(line)
        elif not coded and (stacked := _stacked_row(lines, index, table)) is not None:
            table.rows.append(stacked[0])
            index = stacked[1]
            previous_blank = True
            continue
        else:
            break
        previous_blank = False
        index += 1
    return index


def _stacked_row(lines: list[Line], index: int, table: TextTable) -> Optional[tuple[Row, int]]:
    """A row printed one cell per line (pdftotext on some tables): 1-3 name lines, then exactly one value per line."""
    wanted = sum(1 for c in table.columns if c.role == "value")
    if wanted < 2 or any(c.role == "source" for c in table.columns):
        return None
    names, index = _collect(lines, index, lambda t: not _is_value_token(t) and not _is_header_text(t), 3)
    values, index = _collect(lines, index, _is_value_token, wanted)
    if not names or len(values) != wanted or any(line.text.strip().endswith(".") for line in names):
        return None
    following = _next_filled(lines, index)
    if following is not None and _is_value_token(lines[following].text.strip()) \
            and not _starts_header(lines, following):
        return None  # more values than columns: not this table's shape
    cells = [_join_wrapped([line.text.strip() for line in names])] + [line.text.strip() for line in values]
    return Row(lines=names + values, cells=cells), index


def _starts_header(lines: list[Line], index: int) -> bool:
    """A year line followed by a value-type word ('2022' / 'realisatie'): the next table's header."""
    after = _next_filled(lines, index + 1)
    return bool(_YEARISH.match(lines[index].text.strip())) and after is not None \
        and indicator_value_type(lines[after].text.strip()) is not None and _is_header_text(lines[after].text.strip())


def _collect(lines: list[Line], index: int, accept: Callable[[str], bool], limit: int) -> tuple[list[Line], int]:
    """Up to `limit` consecutive non-blank lines (blank lines between them skipped) that `accept` their text."""
    found: list[Line] = []
    while index < len(lines) and len(found) < limit:
        text = lines[index].text.strip()
        if text and (not accept(text) or "\t" in lines[index].text):
            break
        if text:
            found.append(lines[index])
        index += 1
    return found, index


def _starts_flat_row(text: str, table: TextTable) -> bool:
    """A row without a code: a line holding exactly one run of as many values as the header has columns."""
    runs = _value_runs(_merge_tokens(text.split()))
    wanted = sum(1 for c in table.columns if c.role == "value")
    if wanted < 2:
        return False  # one number on a line is too weak a sign of a row without a code
    sentence = text.endswith(".") and not _is_value_token(text.split()[-1])
    return any(length == wanted for _, length in runs) and not sentence


def _is_continuation(text: str) -> bool:
    return len(text) <= 60 and not text.endswith(".") and "\t" not in text


# ---------------------------------------------------------------- rows to indicators


@dataclass
class _Context:
    """What every row needs besides its table: the goals to link to, ids taken so far, warnings."""

    goals: list[GoalNode]
    used_ids: set[str] = field(default_factory=set)
    errors: list[ErrorEntry] = field(default_factory=list)


@dataclass
class RowContent:
    """What a row says, independent of the table shape it came from."""

    code: Optional[str]
    name: str
    name_marks: tuple[str, ...]
    source: Optional[str]
    cells: list[tuple[Column, str]]  # value columns with their cell text
    unit: Optional[str] = None  # from an Eenheid column


def _indicators_of_row(table: TextTable, row: Row, row_number: int, ctx: _Context) -> list[Indicator]:
    if table.kind == "tab":
        return _tab_row_indicators(table, row, row_number, ctx)
    return _flat_row_indicators(table, row, row_number, ctx)


def _tab_row_indicators(table: TextTable, row: Row, row_number: int, ctx: _Context) -> list[Indicator]:
    width = len(table.columns)
    cells = row.cells + [""] * (width - len(row.cells))
    if any(cells[width:]):
        ctx.errors.append(_warning(row.lines[0], "row has more cells than the table header; values left out"))
        value_cells: list[tuple[Column, str]] = []
    else:
        value_cells = [(c, cells[i]) for i, c in enumerate(table.columns) if c.role == "value"]
    by_role = _cells_by_role(table.columns, cells)
    code, name, marks = _split_name(by_role.get("name", ""))
    code = by_role.get("code") or code
    if not name:
        if any(cells):
            ctx.errors.append(_warning(row.lines[0], "table row without an indicator name; left out"))
        return []
    content = RowContent(code=code, name=name, name_marks=marks, source=by_role.get("source"), cells=value_cells,
                         unit=by_role.get("unit"))
    if any(_is_packed(text) for _, text in value_cells):
        return _packed_indicators(table, row, row_number, ctx, content)
    return [_build(table, row, row_number, content, ctx)]


def _cells_by_role(columns: list[Column], cells: list[str]) -> dict[str, str]:
    """The first non-empty cell of each non-value role (name, code, source, unit)."""
    found: dict[str, str] = {}
    for column, text in zip(columns, cells):
        if column.role not in ("value", "ignore") and text and column.role not in found:
            found[column.role] = text
    return found


def _flat_row_indicators(table: TextTable, row: Row, row_number: int, ctx: _Context) -> list[Indicator]:
    value_columns = [c for c in table.columns if c.role == "value"]
    if row.cells:  # a stacked row: its cells are already separated
        name, marks = split_footnote_marks(row.cells[0])
        content = RowContent(code=None, name=name, name_marks=marks, source=None,
                             cells=list(zip(value_columns, row.cells[1:])))
        return [_build(table, row, row_number, content, ctx)]
    text = _join_wrapped([line.text.strip() for line in row.lines])
    code_match = _CODE.match(text)
    code = code_match.group(1) if code_match else None
    tokens = _merge_tokens((code_match.group(2) if code_match else text).split())
    has_source = any(c.role == "source" for c in table.columns)
    # Exactly one run of as many values as columns, after a name; only a Bron column may follow it.
    runs = [(s, n) for s, n in _value_runs(tokens)
            if n == len(value_columns) and s > 0 and (has_source or s + n == len(tokens))]
    if len(runs) != 1:
        first_value = next((s for s, _ in _value_runs(tokens) if s > 0), len(tokens))
        name, marks = split_footnote_marks(" ".join(tokens[:first_value]))
        ctx.errors.append(_warning(
            row.lines[0],
            f"indicator row has no run of exactly {len(value_columns)} values matching the header; values left out",
        ))
        content = RowContent(code=code, name=name, name_marks=marks, source=None, cells=[])
        return [_build(table, row, row_number, content, ctx)]
    start, length = runs[0]
    name, marks = split_footnote_marks(" ".join(tokens[:start]))
    content = RowContent(
        code=code, name=name, name_marks=marks, source=" ".join(tokens[start + length:]) or None,
        cells=list(zip(value_columns, tokens[start:start + length])),
    )
    return [_build(table, row, row_number, content, ctx)]


def _join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines; a word broken at a hyphen ('Politie-' + 'eenheid') is joined without a space."""
    text = ""
    for part in parts:
        if text.endswith("-") and part[:1].islower():
            text += part
        else:
            text = f"{text} {part}".strip()
    return text


def _split_name(cell: str) -> tuple[Optional[str], str, tuple[str, ...]]:
    match = _CODE.match(cell.strip())
    code, rest = (match.group(1), match.group(2)) if match else (None, cell.strip())
    name, marks = split_footnote_marks(rest)
    return code, name, marks


def _merge_tokens(tokens: list[str]) -> list[str]:
    """Glue split cell parts back together: '<' '15', '100' '(-)', '12,5' '%', '20' '**', 'minimaal' '80%'."""
    merged: list[str] = []
    for token in tokens:
        if merged and _attaches_to_previous(token) and _is_value_token(merged[-1]):
            merged[-1] = f"{merged[-1]} {token}"
        elif merged and (merged[-1] in _COMPARATOR_TOKENS or merged[-1].lower() in _COMPARATOR_WORDS) \
                and parse_value(f"{merged[-1]} {token}") is not None:
            merged[-1] = f"{merged[-1]} {token}"
        else:
            merged.append(token)
    return merged


def _attaches_to_previous(token: str) -> bool:
    if token in ("%", "‰"):
        return True
    if parse_direction(token) is not None and token.startswith("("):
        return True
    if re.fullmatch(r"\((?:19|20)\d{2}\)", token):
        return True
    return bool(re.fullmatch(r"\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+", token))


def _is_value_token(token: str) -> bool:
    stripped = token.strip()
    if stripped.lower() in MISSING_MARKERS and stripped not in ("", "?", "x", "…", "..", "..."):
        return True
    if parse_direction(stripped) and stripped.split()[0] in MISSING_MARKERS:
        return True  # "- (-/+)": no value, but a cell
    return parse_value(stripped) is not None


def _value_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """(start, length) of each maximal run of value tokens."""
    runs: list[tuple[int, int]] = []
    start: Optional[int] = None
    for position, token in enumerate(tokens + ["\x00"]):
        if token != "\x00" and _is_value_token(token):
            if start is None:
                start = position
        elif start is not None:
            runs.append((start, position - start))
            start = None
    return runs


# ---------------------------------------------------------------- packed sub-rows (Halt)


def _is_packed(text: str) -> bool:
    tokens = text.split()
    return len(tokens) > 1 and parse_value(text) is None and all(_is_value_token(t) for t in tokens)


def _packed_indicators(table: TextTable, row: Row, row_number: int, ctx: _Context, content: RowContent) -> list[Indicator]:
    """A total and its 'waarvan …' breakdowns packed into one cell per column: one indicator each.

    The sub-row names stand in the Bron cell after the source ("Bureau Halt … - Waarvan jongens - …");
    a column with a single value (the streefwaarde) belongs to the total only.
    """
    packed = [(c, text.split()) for c, text in content.cells if _is_packed(text)]
    counts = {len(tokens) for _, tokens in packed}
    parts = [p.strip() for p in re.split(r"\s+[-–]\s+", content.source or "")]
    singles_ok = all(_is_packed(text) or c.type == "streefwaarde" or not text for c, text in content.cells)
    if len(counts) != 1 or len(parts) != min(counts) or not singles_ok:
        ctx.errors.append(_warning(row.lines[0], "a cell packs several values that cannot be matched to sub-rows; values left out"))
        return [_build(table, row, row_number, replace(content, cells=[]), ctx)]
    total_cells = [(c, text.split()[0] if _is_packed(text) else text) for c, text in content.cells]
    total = _build(table, row, row_number, replace(content, source=parts[0], cells=total_cells), ctx)
    result = [total]
    for k, printed in enumerate(parts[1:], start=1):
        name, marks = split_footnote_marks(printed)
        sub = RowContent(code=None, name=name, name_marks=marks, source=parts[0],
                         cells=[(c, tokens[k]) for c, tokens in packed])
        result.append(_build(table, row, row_number, sub, ctx, parent=total.id, sub_index=k))
    return result


# ---------------------------------------------------------------- building one indicator


def _build(
    table: TextTable, row: Row, row_number: int, content: RowContent, ctx: _Context,
    parent: Optional[str] = None, sub_index: int = 0,
) -> Indicator:
    values: list[IndicatorValue] = []
    parsed_all: list[ParsedValue] = []
    direction: Optional[str] = None
    for column, text in content.cells:
        direction = direction or parse_direction(text)
        parsed = parse_value(text)
        if parsed is None:
            if re.search(r"\d", text) and text.split()[0] not in MISSING_MARKERS:
                ctx.errors.append(_warning(row.lines[0], f"cell {text!r} ({column.label}) is not a single number; left out"))
            continue
        parsed_all.append(parsed)
        values.append(_indicator_value(column, parsed))
    marks = _unique([*table.header_marks, *content.name_marks, *(m for p in parsed_all for m in p.footnotes)])
    first, last = row.lines[0], row.lines[-1]
    return Indicator(
        id=_make_id(table, row_number, first.line_no or table.header_line, ctx.used_ids, parent, sub_index),
        code=content.code,
        name=content.name,
        unit=content.unit or _unit(content.name, parsed_all),
        source=content.source or table.source,
        goal=_goal_for(content.code, row.group, table.header_line, ctx.goals),
        direction=direction,
        parent_indicator=parent,
        footnotes=[table.footnotes.get(mark, mark) for mark in marks],
        table=table.caption,
        page=first.page_number,
        bbox=None,
        lines=(first.line_no, last.line_no) if first.line_no is not None else None,
        values=values,
    )


def _indicator_value(column: Column, parsed: ParsedValue) -> IndicatorValue:
    year = parsed.year if parsed.year is not None else column.year
    scope = _scope(column.label) if column.type == "referentie" else None
    return IndicatorValue(
        year=year, type=column.type, value=parsed.value, comparator=parsed.comparator, scope=scope,
        raw=parsed.raw.strip(),
    )


def _scope(label: str) -> str:
    """The comparison a referentie column names: the shared reading of `table_semantics.header_scope`."""
    return header_scope(label) or label


def _make_id(
    table: TextTable, row_number: int, first_line: int, used: set[str], parent: Optional[str], sub_index: int
) -> str:
    """The shared scheme (`indicators.indicator_id`); a printed code stays in `Indicator.code`."""
    if parent is not None:
        candidate = f"{parent}.{sub_index}"
    else:
        candidate = indicator_id(f"l{first_line}", table.number, row_number)
    base, counter = candidate, 1
    while candidate in used:
        counter += 1
        candidate = f"{base}-{counter}"
    used.add(candidate)
    return candidate


def _unit_in_text(text: str) -> Optional[str]:
    if _PERCENT_IN_NAME.search(text):
        return "%"
    if _PERMILLE_IN_NAME.search(text):
        return "‰"
    return None


def _unit(name: str, parsed: list[ParsedValue]) -> Optional[str]:
    """The one unit the name or the values state; None if none or several.

    A "(%)" in a column header is not used: documents print it over columns whose rows are counts.
    """
    units = {p.unit for p in parsed if p.unit in ("%", "‰")}
    named = _unit_in_text(name)
    if named:
        units.add(named)
    return units.pop() if len(units) == 1 else None


def _goal_for(code: Optional[str], group: Optional[str], header_line: int, goals: list[GoalNode]) -> Optional[str]:
    by_code = {g.code: g.id for g in goals if g.code} | {g.id: g.id for g in goals}
    if code and "." in code and code.rsplit(".", 1)[0] in by_code:
        return by_code[code.rsplit(".", 1)[0]]
    if group and group in by_code:
        return by_code[group]
    before = [g for g in goals if g.level == "doel" and g.lines and g.lines[0] < header_line]
    if not before:
        return None
    return max(before, key=lambda g: g.lines[0]).id


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _warning(line: Line, message: str) -> ErrorEntry:
    where = f"line {line.line_no}" if line.line_no is not None else "text"
    return ErrorEntry(code="table_uncertain", message=f"{where}: {message}", page=line.page_number, severity="warning")
