"""Indicator tables in plain text whose shape the other text readers do not cover, as `Table` grids.

Text extractions of municipal documents print indicator tables in a few shapes that are not pipe,
cell-per-line or glued rows (`extractor.layout.table_grid`):

* **tab tables** (Word/HTML exports): a header row of cells such as
  ``Indicator* | Bron | Nulmeting | | | | Streefwaarde 2015``, optionally a second header row with the
  years (``'11 '12 '13 '14``), then one row per indicator. A header cell naming a value type spans
  the empty header cells to its right that the second row fills (``Nulmeting`` over four years).
* **flattened tables** (``pdftotext``): the header spread over several lines
  (``RealisatieEffectindicator`` / ``2014 2015 2016 2017`` / ``Streefwaarde`` / ``2017`` / ``Bron``), then
  rows ``<code> <name> <values…> <source>`` whose cells wrap onto the next lines, and group rows
  ``Doel 2A1 …``. A row is split only when its run of value tokens has exactly as many tokens as the
  header has value columns; otherwise it is kept with its name and a `problem` (its figures left out).
* **stacked rows** (``pdftotext`` without ``-layout``): a name of 1-3 lines, then one value per line.
* **packed sub-rows**: a total and its "waarvan …" breakdowns packed into one cell per column, the
  sub-row names after the source in the Bron cell (``Bureau Halt … - Waarvan jongens - …``): one row
  per sub-row, each pointing at its total (`TableRow.sub_of`).

Every table comes out as one header row of column headers (``Code``, ``Indicator``, ``Realisatie
2014`` …, ``Bron``) and body rows with their line span, the caption line above the header in
`caption`, a "Bron: …" line there in `above`, and the footnote lines below (``* …``, wrapped lines
joined) in `notes`. What the headers mean is decided in `extractor.parse.table_semantics`, the same
as for every other table; the header words used here to *find* a header line come from the same
vocabulary file (`extractor.layout.header_vocabulary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from extractor.layout.header_vocabulary import (
    is_header_word,
    is_label_header,
    is_year_word,
    kind_word,
)
from extractor.layout.tables import Table, TableRow
from extractor.read.types import Line

__all__ = ["indicator_text_tables", "header_line_of", "footnotes_below", "short_row_follows"]

_ANCHORS = re.compile(r"indicator|streefwaarde|nulmeting|peilwaarde|^bron\b", re.IGNORECASE)
_CODE = re.compile(r"^(\d+[A-Z]+\d+\.[a-z0-9]+|\d+\.\d+\.[a-z0-9]+)\s+(.*)$")
_ROW_CODE = re.compile(r"^\d{1,2}[a-z]?\.?$")
_GROUP_ROW = re.compile(r"^Doel\s+\d+[A-Z]*\d*\b")
_FOOTNOTE_LINE = re.compile(r"^(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s+(\S.*)$")
_BOLD = re.compile(r"\*\*(\S(?:[^*]*\S)?)\*\*")
_MARKS = re.compile(r"(\s*(\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|†+))+$")
_CMP = r"(?:<=|=<|>=|=>|≤|≥|<|>|=|niet meer dan|niet minder dan|ten minste|tenminste|minimaal|minstens|ten hoogste|maximaal|hoogstens|meer dan|groter dan|hoger dan|minder dan|kleiner dan|lager dan)"
_NUM = r"(?:-/-\s*|[-−])?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_MARK = r"(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|†+)"
_DECOR = r"(?:\s*(?:" + _MARK + r"|\(\s*(?:19|20)\d{2}\s*\)|\(\s*[-−–+](?:\s*/\s*[-−–+])?\s*\)))*"
_VALUE = re.compile(r"^(?:" + _CMP + r"\s*)?(?:(?:€|%|‰)\s*)?" + _NUM + r"\s*" + _MARK + r"?\s*(?:%|‰|€|procent|euro)?" + _DECOR + r"$",
                    re.IGNORECASE)
_RANGE_CELL = re.compile(r"^[^\s\-–—]\S*\s+(?:-|–|—|tot|t/m)\s+[^\s\-–—]\S*$", re.IGNORECASE)
_NO_VALUE = frozenset({"-", "–", "—", "−", "n.b.", "n.b", "nb", "nvt", "n.v.t.", "n.v.t", "pm", "p.m.", "p.m"})
_DIRECTION_ONLY = re.compile(r"^(-|–|—|−|n\.b\.?|nb|nvt|n\.v\.t\.?|pm|p\.m\.?)\s*\(\s*[-−–+](?:\s*/\s*[-−–+])?\s*\)$", re.IGNORECASE)
_COMPARATOR_TOKENS = frozenset({"<", ">", "≤", "≥", "<=", ">=", "=<", "=>", "="})
_COMPARATOR_WORDS = frozenset({"minimaal", "maximaal", "tenminste", "minstens", "hoogstens"})
_MAX_CAPTION_DISTANCE = 3
_FOOTNOTE_WINDOW = 30
_MAX_FOOTNOTE_WRAP = 3  # continuation lines of one footnote


@dataclass
class _Column:
    header: str
    kind: Optional[str] = None  # the value type the header names (value columns only)
    value: bool = False


@dataclass
class _Found:
    """One table while it is read: header, columns, rows and where it stands."""

    header_lines: list[Line]
    columns: list[_Column]
    caption: Optional[str] = None
    source: Optional[Line] = None
    rows: list[TableRow] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)


# ---------------------------------------------------------------- entry point


def indicator_text_tables(lines: list[Line]) -> list[Table]:
    """Every tab, flattened or stacked indicator table of a text document, as a grid, in document order."""
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        found: Optional[tuple[Optional[_Found], int]] = None
        if "\t" in line.text and _is_tab_header(line.text.split("\t")):
            found = _read_tab_table(lines, index)
        elif "\t" not in line.text and _is_flat_header(line.text):
            found = _read_flat_table(lines, index)
        if found and found[0] is not None and (found[0].rows or _untyped(found[0])):
            tables.append(_to_table(found[0]))
            index = max(index + 1, found[1])
        else:
            index = max(index + 1, found[1] if found else 0)
    return tables


def header_line_of(table: Table) -> int:
    """The first line of a table's header (where a goal heading above it must end)."""
    return table.rows[0].lines[0] if table.rows and table.rows[0].lines else 0


def short_row_follows(cells: list[str], n_values: int, is_value: Callable[[str], bool]) -> bool:
    """`cells` (one per line, from where a table's rows stopped) open a row with fewer figures than the table has
    value columns: a label, 1 to n_values - 1 figures, then another label or the end. The copy drops empty cells in
    this table, so a row whose figures match the years no longer proves a kind word before them heads those years
    (it may be a column of its own, empty in that row)."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled or is_value(filled[0]) or len(filled[0]) > 120:
        return False
    n = 0
    while n + 1 < len(filled) and is_value(filled[n + 1]):
        n += 1
    return 0 < n < n_values


def _kind_over_years(columns: list[_Column]) -> bool:
    """The value columns are one kind word's run of bare years ("Streefwaarde" / 2031 / 2032): read as a group."""
    heads = [c.header.split() for c in columns if c.value]
    return len(heads) >= 2 and all(len(h) >= 2 and is_year_word(h[-1]) for h in heads) \
        and len({" ".join(h[:-1]) for h in heads}) == 1


def _untyped(found: _Found) -> bool:
    """A flattened header with year columns but no value type: kept (without rows) so the reader can warn."""
    return any(c.value and c.kind is None for c in found.columns)


def _to_table(found: _Found) -> Table:
    first, last = found.header_lines[0], found.header_lines[-1]
    header = TableRow(cells=[c.header for c in found.columns], page=first.page,
                      bbox=(0.0, 0.0, 0.0, 0.0), lines=(_no(first), _no(last)))
    rows = [header, *found.rows]
    width = len(found.columns)
    for row in rows:
        row.cells = (row.cells + [""] * width)[:width]
        row.cell_boxes = [None] * width
        row.spans = [1] * width
    table = Table(page=first.page, bbox=(0.0, 0.0, 0.0, 0.0), rows=rows, columns=[float(i) for i in range(width + 1)],
                  method="text", confidence=0.8, caption=found.caption, pages=sorted({r.page for r in rows}),
                  header_rows=1)
    table.above = [found.source] if found.source is not None else []
    table.notes = found.notes
    return table


def _no(line: Line) -> int:
    return line.line_no or 0


def _row(lines: list[Line], cells: list[str], problem: Optional[str] = None) -> TableRow:
    return TableRow(cells=cells, page=lines[0].page, bbox=(0.0, 0.0, 0.0, 0.0), lines=(_no(lines[0]), _no(lines[-1])),
                    problem=problem)


# ---------------------------------------------------------------- header lines


def _header_words(text: str) -> list[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    cleaned = _MARKS.sub("", " ".join(spaced.split()))
    return [w for w in cleaned.lower().split() if w]


def _is_header_text(text: str) -> bool:
    """Only header words and years: 'Streefwaarde 2015', "'11", 'RealisatieEffectindicator'."""
    words = _header_words(text)
    return bool(words) and all(is_header_word(w) or is_year_word(w) for w in words)


def _is_tab_header_cell(text: str) -> bool:
    """Tabs make cells certain, so one known word or year per short cell is enough ('Cijfer Wassenaar (jaar)')."""
    words = _header_words(text)
    return 0 < len(words) <= 6 and any(is_header_word(w) or is_year_word(w) for w in words)


def _is_tab_header(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 3 or not all(_is_tab_header_cell(c) for c in filled):
        return False
    return any(_ANCHORS.search(c) for c in filled) and any(kind_word(_MARKS.sub("", c)) for c in filled)


def _is_flat_header(text: str) -> bool:
    stripped = text.strip()
    if not stripped or not _is_header_text(stripped):
        return False
    return bool(re.search(r"indicator", stripped, re.IGNORECASE)) or bool(kind_word(stripped))


def _caption_before(lines: list[Line], index: int) -> tuple[Optional[str], Optional[Line]]:
    """(caption, "Bron: …" line) from the lines just above a header.

    The caption is the nearest short non-sentence line ("Doelstelling (SMART)", "Effectindicatoren bij
    2A …"), joined with the line above it when that starts with "Tabel" (a wrapped caption).
    """
    source: Optional[Line] = None
    back = 1
    while back <= _MAX_CAPTION_DISTANCE + 1 and index - back >= 0:
        line = lines[index - back]
        text = line.text.strip()
        back += 1
        if not text:
            continue
        if re.match(r"^bron\b[^:]{0,30}:", text, re.IGNORECASE) and source is None:
            source = line
            continue
        if "\t" in text or len(text) > 120 or text.endswith((".", ":", ";", ",")):
            return None, source
        above = lines[index - back].text.strip() if index - back >= 0 else ""
        if above.lower().startswith("tabel") and len(above) <= 120:
            return f"{above} {text}", source
        return text, source
    return None, source


def _next_filled(lines: list[Line], index: int) -> Optional[int]:
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    return index if index < len(lines) else None


# ---------------------------------------------------------------- tab tables


def _read_tab_table(lines: list[Line], start: int) -> tuple[_Found, int]:
    header = lines[start].text.split("\t")
    index = start + 1
    header_lines = [lines[start]]
    subheader: list[str] = []
    nxt = _next_filled(lines, index)
    if nxt is not None and _is_subheader(lines[nxt].text):
        subheader = lines[nxt].text.split("\t")
        header_lines.append(lines[nxt])
        index = nxt + 1
    caption, source = _caption_before(lines, start)
    found = _Found(header_lines=header_lines, columns=_tab_columns(header, subheader), caption=caption, source=source)
    while index < len(lines):
        text = lines[index].text
        if not text.strip():
            index += 1
            continue
        if "\t" not in text or _is_tab_header(text.split("\t")):
            break
        cells = [c.strip() for c in text.split("\t")]
        if any(cells):
            found.rows.extend(_tab_rows(found, lines[index], cells))
        index += 1
    found.notes = _footnotes_after(lines, index)
    return found, index


def _is_subheader(text: str) -> bool:
    """A second header row: tabbed, empty first cell, the rest years or header words."""
    if "\t" not in text:
        return False
    cells = text.split("\t")
    filled = [c.strip() for c in cells if c.strip()]
    return not cells[0].strip() and bool(filled) and all(_is_header_text(c) for c in filled)


def _tab_columns(header: list[str], subheader: list[str]) -> list[_Column]:
    """One column header per cell; a value-type header spans the empty header cells after it (years below)."""
    width = max(len(header), len(subheader))
    header = [c.strip() for c in header] + [""] * (width - len(header))
    subheader = [c.strip() for c in subheader] + [""] * (width - len(subheader))
    columns: list[_Column] = []
    spanning = ""
    for own, below in zip(header, subheader):
        label = _MARKS.sub("", own)
        if label:
            spanning = label if kind_word(label) else ""
        effective = own if own else spanning
        text = f"{effective} {below}".strip() if (own or spanning) else ""
        kind = kind_word(effective) if effective else None
        columns.append(_Column(header=text, kind=kind, value=kind is not None and not is_label_header(effective)))
    if not any(is_label_header(c.header) for c in columns) and columns:
        columns[0] = _Column(header=columns[0].header or "Indicator")
    return columns


def _tab_rows(found: _Found, line: Line, cells: list[str]) -> list[TableRow]:
    width = len(found.columns)
    if any(cells[width:]):
        return [_row([line], cells[:width], "row has more cells than the table header; values left out")]
    cells = cells + [""] * (width - len(cells))
    values = [i for i, c in enumerate(found.columns) if c.value]
    if any(_is_packed(cells[i]) for i in values):
        return _packed_rows(found, line, cells, values)
    return [_row([line], cells)]


def _is_packed(text: str) -> bool:
    tokens = text.split()
    return len(tokens) > 1 and not _is_value_token(text) and all(_is_value_token(t) for t in tokens)


def _packed_rows(found: _Found, line: Line, cells: list[str], values: list[int]) -> list[TableRow]:
    """A total and its 'waarvan …' breakdowns packed into one cell per column: a row each.

    The sub-row names stand in the Bron cell after the source ("Bureau Halt … - Waarvan jongens - …");
    a column with a single value (the streefwaarde) belongs to the total only.
    """
    source_col = next((i for i, c in enumerate(found.columns) if re.match(r"^bron", c.header, re.IGNORECASE)), None)
    packed = {i: cells[i].split() for i in values if _is_packed(cells[i])}
    counts = {len(tokens) for tokens in packed.values()}
    parts = [p.strip() for p in re.split(r"\s+[-–]\s+", cells[source_col] if source_col is not None else "")]
    singles_ok = all(i in packed or found.columns[i].kind == "streefwaarde" or not cells[i] for i in values)
    if source_col is None or len(counts) != 1 or len(parts) != min(counts) or not singles_ok:
        if all(_RANGE_CELL.match(" ".join(tokens)) for tokens in packed.values()):
            return [_row([line], cells)]  # "6 - 6,5": one range per cell, read by the value layer
        return [_row([line], cells, "a cell packs several values that cannot be matched to sub-rows; values left out")]
    total = list(cells)
    for i, tokens in packed.items():
        total[i] = tokens[0]
    total[source_col] = parts[0]
    rows = [_row([line], total)]
    parent = len(found.rows)  # index among the body rows; the header row is added in front later
    for k, printed in enumerate(parts[1:], start=1):
        sub = [""] * len(cells)
        sub[_label_col(found)] = printed
        sub[source_col] = parts[0]
        for i, tokens in packed.items():
            sub[i] = tokens[k]
        row = _row([line], sub)
        row.sub_of = parent + 1
        rows.append(row)
    return rows


def _label_col(found: _Found) -> int:
    return next((i for i, c in enumerate(found.columns) if is_label_header(c.header)), 0)


def footnotes_below(lines: list[Line], index: int, contiguous: bool = True) -> list[Line]:
    """Footnote lines right under a table (from `index`): '* …', '¹ …', wrapped lines joined, one Line per note.

    Only the notes that follow the table directly (blank lines between them are fine); any other
    line ends them. `contiguous=False` is the looser reading of the indicator tables above, whose
    notes may follow a paragraph of text.
    """
    return _footnotes_after(lines, index, contiguous)


def _footnotes_after(lines: list[Line], index: int, contiguous: bool = False) -> list[Line]:
    """Footnote lines below a table ('* Er kan sprake zijn van …', wrapped lines joined), one Line per note.

    Looks at most `_FOOTNOTE_WINDOW` lines ahead and stops at the next table header; the nearest
    footnote with a mark wins.
    """
    notes: dict[str, tuple[Line, str]] = {}
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
        if contiguous and not match and current is None:
            break
        if match:
            current = match.group(1)
            if current in notes:
                current = None
                continue
            notes[current] = (line, f"{current} {match.group(2).strip()}")
            wrapped = 0
        elif current is not None:
            first, note = notes[current]
            if contiguous and note.endswith((".", "!", "?")):
                break  # a sentence after a finished note is running text, not its wrapped rest
            notes[current] = (first, _join_wrapped([note, _unwrap_italic(text)]))
            wrapped += 1
    return [Line(text=_BOLD.sub(r"\1", note), line_no=first.line_no, page=first.page) for first, note in notes.values()]


def _unwrap_italic(text: str) -> str:
    """'** Note.*' is markdown italics around '* Note.': drop the wrapping pair."""
    if len(text) > 3 and text.startswith("**") and text.endswith("*") and not text.endswith("**"):
        return text[1:-1].strip()
    return text


# ---------------------------------------------------------------- flattened tables


def _read_flat_table(lines: list[Line], start: int) -> tuple[Optional[_Found], int]:
    start = _header_top(lines, start)
    header_lines: list[Line] = []
    index = start
    while index < len(lines):
        text = lines[index].text.strip()
        if text and ("\t" in lines[index].text or not _is_header_text(text)):
            break
        if text:
            header_lines.append(lines[index])
        index += 1
    texts = [ln.text.strip() for ln in header_lines]
    columns = _flat_columns(texts)
    caption, source = _caption_before(lines, start)
    found = _Found(header_lines=header_lines, columns=columns, caption=caption, source=source)
    if not any(c.value for c in columns) or not _ANCHORS.search(" ".join(texts)):
        return None, index
    if _untyped(found):
        return found, index
    end = _read_flat_rows(lines, index, found)
    n_values = sum(1 for c in columns if c.value)
    after = [ln.text for ln in lines[end:] if ln.text.strip()][:n_values + 1]
    if found.rows and _kind_over_years(columns) and all(r.lines and r.lines[1] > r.lines[0] for r in found.rows) \
            and short_row_follows(after, n_values, _is_value_token):
        return None, end  # stacked rows of a copy that drops cells: the kind may be a column of its own, not the years'
    found.notes = _footnotes_after(lines, end)
    return found, end


def _header_top(lines: list[Line], start: int) -> int:
    """A header line with years ("2022 2023 2024") can stand above the line that triggered detection."""
    top = start
    index = start - 1
    while index >= 0 and start - index <= 4:
        text = lines[index].text.strip()
        has_year = any(is_year_word(w) for w in text.split())
        if text and ("\t" in lines[index].text or not _is_header_text(text) or not has_year):
            break
        if text:
            top = index
        index -= 1
    return top


def _flat_columns(header_texts: list[str]) -> list[_Column]:
    """Code and name columns, the value columns in printed order, and Bron, from the header words.

    Three layouts occur: a type word followed by its years ("Realisatie 2014 2015 Streefwaarde
    2017"), each year followed by its type ("2022 realisatie 2023 realisatie 2024 begroting"), and
    all years followed by as many type words ("2022 2023 2024" … "realisatie realisatie begroting").
    """
    items: list[tuple[str, str]] = []  # ("Y", word) or ("T", word)
    has_source = False
    for word in " ".join(re.sub(r"([a-z])([A-Z])", r"\1 \2", t) for t in header_texts).split():
        if is_year_word(word):
            items.append(("Y", word))
        elif kind_word(word) is not None:
            items.append(("T", word))
        elif word.lower() == "bron":
            has_source = True
    pattern = "".join(kind for kind, _ in items)
    if re.fullmatch(r"(?:YT)+", pattern):
        pairs: list[tuple[Optional[str], Optional[str]]] = [(items[i + 1][1], items[i][1]) for i in range(0, len(items), 2)]
    elif len(pattern) >= 4 and re.fullmatch(r"(Y+)(T+)", pattern) and pattern.count("Y") == pattern.count("T"):
        half = len(items) // 2
        pairs = [(t[1], y[1]) for y, t in zip(items[:half], items[half:])]
    else:
        pairs = _type_first_pairs(items)
    columns = [_Column(header="Nr"), _Column(header="Indicator")]
    for type_word, year_word in pairs:
        header = f"{type_word or ''} {year_word or ''}".strip()
        columns.append(_Column(header=header, kind=kind_word(type_word or ""), value=True))
    if has_source:
        columns.append(_Column(header="Bron"))
    return columns


def _same_header(label: str, word: str) -> bool:
    """Adjacent type words belong to one header when they name the same type with different words."""
    last = label.split()[-1]
    return last.lower() != word.lower() and kind_word(last) == kind_word(word)


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


def _read_flat_rows(lines: list[Line], index: int, found: _Found) -> int:
    """Rows under a flattened header until a line that fits no row shape; wrapped lines join the row above."""
    entries: list[list[Line] | TableRow] = []  # the lines of a coded/uncoded row (split at the end), or a finished row
    previous_blank = True
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if not text:
            previous_blank = True
            index += 1
            continue
        first = next((e for e in entries if isinstance(e, list)), None)
        coded = first is not None and bool(_CODE.match(first[0].text.strip()))
        if _GROUP_ROW.match(text):
            entries.append(_row([line], ["", text]))
        elif _CODE.match(text) or (not coded and _starts_flat_row(text, found)):
            entries.append([line])
        elif entries and isinstance(entries[-1], list) and not previous_blank and _is_continuation(text):
            entries[-1].append(line)
        elif not coded and (stacked := _stacked_row(lines, index, found)) is not None:
            entries.append(stacked[0])
            index = stacked[1]
            previous_blank = True
            continue
        else:
            break
        previous_blank = False
        index += 1
    found.rows.extend(_flat_row(found, e) if isinstance(e, list) else e for e in entries)
    return index


def _flat_row(found: _Found, row_lines: list[Line]) -> TableRow:
    """Split a flattened row into code, name, exactly one run of as many values as columns, and source."""
    n_values = sum(1 for c in found.columns if c.value)
    has_source = found.columns[-1].header == "Bron"
    text = _join_wrapped([line.text.strip() for line in row_lines])
    code_match = _CODE.match(text)
    code = code_match.group(1) if code_match else ""
    tokens = _merge_tokens((code_match.group(2) if code_match else text).split())
    runs = [(s, n) for s, n in _value_runs(tokens)
            if n == n_values and s > 0 and (has_source or s + n == len(tokens))]
    if len(runs) != 1:
        first_value = next((s for s, _ in _value_runs(tokens) if s > 0), len(tokens))
        return _row(row_lines, [code, " ".join(tokens[:first_value])],
                    f"indicator row has no run of exactly {n_values} values matching the header; values left out")
    start, length = runs[0]
    cells = [code, " ".join(tokens[:start]), *tokens[start:start + length]]
    if has_source:
        cells.append(" ".join(tokens[start + length:]))
    return _row(row_lines, cells)


def _stacked_row(lines: list[Line], index: int, found: _Found) -> Optional[tuple[TableRow, int]]:
    """A row printed one cell per line (pdftotext on some tables): 1-3 name lines, then exactly one value per line."""
    wanted = sum(1 for c in found.columns if c.value)
    if wanted < 2 or found.columns[-1].header == "Bron":
        return None
    names, index = _collect(lines, index, lambda t: not _is_value_token(t) and not _is_header_text(t), 3)
    values, index = _collect(lines, index, _is_value_token, wanted)
    if not names or len(values) != wanted or any(line.text.strip().endswith(".") for line in names):
        return None
    if _names_one_per_figure(names, wanted):
        return None  # "Alfa" / "Beta" / "Gamma" over three figures: whose figure is which is not printed
    following = _next_filled(lines, index)
    if following is not None and _is_value_token(lines[following].text.strip()) \
            and not _starts_header(lines, following):
        return None  # more values than columns: not this table's shape
    code = ""
    if len(names) > 1 and _ROW_CODE.match(names[0].text.strip()):
        code = names[0].text.strip().rstrip(".")  # "2b" on its own line above the name: the row's code
    named = names[1:] if code else names
    cells = [code, _join_wrapped([line.text.strip() for line in named])] + [line.text.strip() for line in values]
    return _row(names + values, cells), index


_OPEN_END = re.compile(r"(\b(en|of|van|de|het|met|op|voor|in|te|per|tot|aan|dat|die)|[-,/(])$", re.IGNORECASE)


def _names_one_per_figure(names: list[Line], wanted: int) -> bool:
    """As many name lines as figures, each a whole name (capitalised, two words or more, not ending in a word that
    goes on): names printed one under another over one column of figures, not one wrapped name."""
    texts = [line.text.strip() for line in names]
    return len(texts) >= 2 and len(texts) == wanted and all(
        t[:1].isupper() and len(t.split()) >= 2 and not _OPEN_END.search(t) for t in texts)


def _starts_header(lines: list[Line], index: int) -> bool:
    """A year line followed by a value-type word ('2022' / 'realisatie'): the next table's header."""
    after = _next_filled(lines, index + 1)
    return is_year_word(lines[index].text.strip()) and after is not None \
        and kind_word(lines[after].text.strip()) is not None and _is_header_text(lines[after].text.strip())


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


def _starts_flat_row(text: str, found: _Found) -> bool:
    """A row without a code: a line holding exactly one run of as many values as the header has columns."""
    runs = _value_runs(_merge_tokens(text.split()))
    wanted = sum(1 for c in found.columns if c.value)
    if wanted < 2:
        return False  # one number on a line is too weak a sign of a row without a code
    sentence = text.endswith(".") and not _is_value_token(text.split()[-1])
    return any(length == wanted for _, length in runs) and not sentence


def _is_continuation(text: str) -> bool:
    return len(text) <= 60 and not text.endswith(".") and "\t" not in text


def _join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines; a word broken at a hyphen ('Politie-' + 'eenheid') is joined without a space."""
    text = ""
    for part in parts:
        if text.endswith("-") and part[:1].islower():
            text += part
        else:
            text = f"{text} {part}".strip()
    return text


def _merge_tokens(tokens: list[str]) -> list[str]:
    """Glue split cell parts back together: '<' '15', '100' '(-)', '12,5' '%', '20' '**', 'minimaal' '80%'."""
    merged: list[str] = []
    for token in tokens:
        after_value = bool(merged) and _attaches_to_previous(token) and _is_value_token(merged[-1])
        after_comparator = bool(merged) and (merged[-1] in _COMPARATOR_TOKENS or merged[-1].lower() in _COMPARATOR_WORDS) \
            and bool(_VALUE.match(f"{merged[-1]} {token}"))
        if after_value or after_comparator:
            merged[-1] = f"{merged[-1]} {token}"
        else:
            merged.append(token)
    return merged


def _attaches_to_previous(token: str) -> bool:
    if token in ("%", "‰"):
        return True
    if re.fullmatch(r"\(\s*[-−–+](?:\s*/\s*[-−–+])?\s*\)", token):
        return True
    if re.fullmatch(r"\((?:19|20)\d{2}\)", token):
        return True
    return bool(re.fullmatch(r"\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+", token))


def _is_value_token(token: str) -> bool:
    """A cell that is one figure (Dutch number with comparator, unit, year, marks, direction) or a no-value mark."""
    stripped = " ".join(token.split())
    if stripped.lower() in _NO_VALUE or _DIRECTION_ONLY.match(stripped):
        return True
    return bool(_VALUE.match(stripped))


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
