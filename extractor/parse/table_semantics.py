"""One meaning layer for tables from PDF and text alike: what the header says, what the table is.

Both readers (`extractor.layout.tables` for PDF pages, `extractor.layout.table_grid` for text)
hand over the same grid (`Table` of `TableRow`s). This module decides, from the table's AXES and
not from a caption keyword, what it holds:

* the header rows and, per column, the joined header text (spanning cells copied to every column
  they cover, so "Begroting 2025" over "Baten | Lasten | Saldo" gives "Begroting 2025 Baten" …);
* per header, one `HeaderMeaning`: a role (label, code, unit, source, programme, taakveld), or a
  value column with its year, indicator value type, budget kind, side (baten/lasten/saldo),
  scope (Nederland, regio, a gemeente) and whether it holds money — vocabulary in
  `models/data/table_headers.csv`;
* per table, a verdict: indicator table, budget table, or neither (with the reason), so every
  table not used can be reported in `coverage.tables_rejected`.

Rules that are not in the header (documented in docs/tables.md):

* a value column headed only by a year gets its type from the document type and year
  (`context_value_type`) and the value records `type_from="context"`;
* "begroting" without a year takes the document's year;
* amounts are multiplied by the scale printed with the table in any common spelling (`scale_of`).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Optional

from extractor.layout.header_vocabulary import UNIT_WORDS, is_figure_note
from extractor.layout.ordered_headers import split_area_pair
from extractor.layout.spaced_rows import names_bbv_indicator
from extractor.layout.tables import Table, TableRow
from extractor.parse.difference_groups import proven_differences
from extractor.parse.values import parse_range, parse_value, parse_year_header
from extractor.parse.vocab import gemeente_named
from extractor.resources import data_dir

_DATA = data_dir() / "table_headers.csv"

_BARE_YEAR = re.compile(r"^\s*(19|20)\d{2}\s*$")
CAPTION_ROW = re.compile(r"^\s*(tabel|table)\b", re.IGNORECASE)
SOURCE_ROW = re.compile(r"^\s*bron(\s+\w+)?\s*:\s*(?P<source>.+)$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

Role = str  # "name" | "code" | "unit" | "source" | "programme" | "year" | "value" | "ignore" | "earlier_figure" …


@dataclass
class Column:
    index: int
    header: str
    role: Role
    value_type: Optional[str] = None
    year: Optional[int] = None
    scope: Optional[str] = None


@dataclass
class TableHead:
    """What the header rows of a table say."""

    header_rows: int
    headers: list[str]
    caption: Optional[str] = None
    source: Optional[str] = None
    extra: list[str] = field(default_factory=list)  # other one-cell rows above the header
    ambiguous: set[int] = field(default_factory=set)  # columns under a header cell whose position names no group


def _is_data_cell(text: str) -> bool:
    t = text.strip()
    if not t or _BARE_YEAR.match(t):
        return False
    return read_value(t)[0] is not None


HEADER_WORDS = re.compile(r"^\W*(effect)?indicator|^\W*(naam|omschrijving|progr|programma|taakveld|exploitatie|bedragen|kengetal|onderwerp|jaar\b)|bedragen\s*(\(\s*)?x", re.IGNORECASE)


def _is_data_row(row: TableRow, any_bold: bool, seen_header: int) -> bool:
    """The first row that is not header: a label (not a header word) with numbers or digits beside it."""
    label = row.cells[0].strip() if row.cells else ""
    rest = row.cells[1:]
    if re.sub(r"\s+", "", " ".join(row.cells)).lower().startswith(("tabel", "table")):
        return False  # a caption, even when a tool cut it over two cells ("T" | "abel 2.1 …")
    if label and seen_header and _names_with_figures(label, rest):
        return True
    if not label or HEADER_WORDS.search(label) or CAPTION_ROW.match(label) or SOURCE_ROW.match(label):
        # an empty first cell with real values is data too (a label column left blank)
        return bool(label == "" and seen_header and sum(1 for c in rest if _is_data_cell(c)) >= 2 and not row.bold)
    has_numbers = any(_is_data_cell(c) for c in rest) or any(_DIGIT.search(c) and not _BARE_YEAR.match(c) for c in rest)
    if not has_numbers:
        return False
    if any_bold and row.bold and seen_header == 0:
        return _is_data_row_after_header(row)
    return True


PROGRAMME_NAME = re.compile(r"^\s*([Pp]rogramma\s+\d{1,2}[a-z]?\b|([Pp]rogramma\s+)?\d{1,2}[a-z]?\.?\s+[A-Z][a-z])")


_NUMBERED_ROW = re.compile(r"^\s*\d{1,2}[a-z]?\.?\s+\S")


def opens_programme_block(rows: list[TableRow], k: int) -> bool:
    """Row k only names a programme ("Programma 1", "1 Ruimtelijke ontwikkeling") and prints no figure: it opens the
    first block of a programme overview, so it is body, not more header, and that block keeps its programme. A
    numbered name whose next row with figures is numbered the same way ("1 Renteherzieningen" over "2 Aflossingen")
    is the first of a numbered list, not a programme over it."""
    row = rows[k]
    filled = [c for c in row.cells if c.strip()]
    if len(filled) != 1 or row.cells[0].strip() != filled[0] or not PROGRAMME_NAME.match(filled[0]):
        return False
    return bool(re.match(r"^\s*[Pp]rogramma\b", filled[0])) or not numbered_list_item(rows, k)


def numbered_list_item(rows: list[TableRow], k: int, label_col: int = 0) -> bool:
    """Row k is numbered and the next row with figures is numbered the same way ("1 Renteherzieningen" over
    "2 Aflossingen"): the first item of a numbered list, not a programme over the rows below it."""
    below = next((r for r in rows[k + 1:] if sum(1 for c in r.cells if c.strip()) >= 2), None)
    return below is not None and label_col < len(below.cells) and bool(_NUMBERED_ROW.match(below.cells[label_col]))


_NAMED_ROW = re.compile(r"^\s*(?i:programma|product|taakveld|exploitatie)\s*:?\s+((\d{1,2}[a-z]?\.?\s+)?[A-Z]|\d{1,2}[a-z]?\.?\s*$)")


def _names_with_figures(label: str, rest: list[str]) -> bool:
    """A row under the header that starts with a header word but names something ("Programma Publieke
    Gezondheid", "Programma 3") and prints two or more figures beside it is a body row, not more header."""
    return bool(_NAMED_ROW.match(label)) and sum(1 for c in rest if _is_data_cell(c)) >= 2


def _is_data_row_after_header(row: TableRow) -> bool:
    """A bold row right under the header can still be data (a total); it is when most of its cells are numbers."""
    filled = [c for c in row.cells[1:] if c.strip()]
    return bool(filled) and sum(1 for c in filled if _is_data_cell(c)) >= max(1, len(filled) - 1) and bool(row.cells[0].strip())


_UNIT_WORDS = UNIT_WORDS


# a figure with an earlier edition's figure in brackets after it ("3,4 (2,9)"): the figure outside the brackets counts;
# a footnote mark after the brackets ("3,4 (2,9)*") is the figure's
_YEAR_FIRST = re.compile(r"(?P<year>(19|20)\d{2})\s*:\s*(?P<value>\S.*)")
_WITH_EARLIER = re.compile(r"(?P<value>[^()]*\d%?)\s*\(\s*(?P<earlier>[-−]?\d[\d.,]*\s*%?)\s*\)(?P<marks>\s*\*+)?")


def read_value(text: str):
    """`parse_value`, and when that fails, once more without a unit word ("214,4 kg (2022)"); returns (parsed, unit word)."""
    parsed = parse_value(text)
    if parsed is not None:
        return parsed, None
    dated = _YEAR_FIRST.fullmatch(" ".join(text.split()))
    if dated and not _BARE_YEAR.match(dated.group("value")):  # "2019: € 248": a comparison figure that prints its own year first
        inner, unit_word = read_value(dated.group("value"))
        if inner is not None and inner.year is None:
            return replace(inner, year=int(dated.group("year")), raw=text), unit_word
        return None, None
    earlier = _WITH_EARLIER.fullmatch(" ".join(text.split()))
    if earlier and not _BARE_YEAR.match(earlier.group("earlier")):
        # "3,4 (2,9)": the figure, an earlier edition's figure in brackets; a mark after them is the figure's
        return read_value(earlier.group("value") + (earlier.group("marks") or "").strip())
    words = [m.group(1) for m in _UNIT_WORDS.finditer(text)]
    if len(words) != 1:
        return None, None
    stripped = _UNIT_WORDS.sub(" ", text)
    parsed = parse_value(" ".join(stripped.split()))
    return (parsed, words[0]) if parsed is not None else (None, None)


def analyse_head(table: Table) -> TableHead:
    """Split off the header rows and give every column its joined header text (spanning cells copied)."""
    n = table.n_cols
    any_bold = any(row.bold for row in table.rows)
    header_rows = 0
    for k, row in enumerate(table.rows):
        if _is_data_row(row, any_bold, header_rows) or (header_rows and table.method == "text" and opens_programme_block(table.rows, k)):
            break
        header_rows += 1
    if table.header_rows is not None:
        header_rows = table.header_rows
    if header_rows == len(table.rows):
        header_rows = min(header_rows, 1)
    parts: list[list[str]] = [[] for _ in range(n)]
    head = TableHead(header_rows=header_rows, headers=[], caption=table.caption)
    group_spans, head.ambiguous = spread_over_groups(table, header_rows)
    for key, span in spread_over_year_runs(table, header_rows).items():
        group_spans.setdefault(key, span)
    for r, row in enumerate(table.rows[:header_rows]):
        filled = [(i, c) for i, c in enumerate(row.cells) if c.strip()]
        joined = " ".join(c for _, c in filled)
        corner = _corner_caption(filled)
        if corner is not None:
            head.caption = head.caption or corner  # "Tabel 11.1 … (bedragen x € 1.000) | 2025 | 2026": the years stay header
            filled = filled[1:]
        elif len(filled) > 1 and re.sub(r"\s+", "", joined).lower().startswith("tabel"):
            head.caption = head.caption or re.sub(r"^T\s+abel", "Tabel", joined)
            continue
        if len(filled) == 1 and (row.spans[filled[0][0]] > 1 or n > 2):
            text = filled[0][1].strip()
            source = SOURCE_ROW.match(text)
            if CAPTION_ROW.match(text):
                head.caption = head.caption or text
                continue
            if source:
                head.source = source.group("source").strip()
                continue
            if row.spans[filled[0][0]] >= n:
                head.extra.append(text)
                continue
        for i, text in filled:
            span = max(1, row.spans[i] if i < len(row.spans) else 1)
            first, last = group_spans.get((r, i), (i, i + span - 1))
            for k in range(first, min(n, last + 1)):
                parts[k].append(text.strip())
    head.headers = [join_broken_words(" ".join(p)) for p in parts]
    _corner_year(head)
    _headers_from_repeats(head, table.rows[header_rows:])
    return head


def _corner_year(head: TableHead) -> None:
    """A bare year in the corner cell over value headers that name no year ("2017 | Baten | Lasten | Saldo") is the
    year of every value column; the corner itself heads the label column, which holds no year."""
    corner = head.headers[0].strip() if head.headers else ""
    others = [h for h in head.headers[1:] if h.strip()]
    if not re.fullmatch(r"(19|20)\d{2}", corner) or len(others) < 2 or any(re.search(r"\b(19|20)\d{2}\b", h) for h in others):
        return
    head.headers = ["", *(f"{h} {corner}" if h.strip() else h for h in head.headers[1:])]


_HEADER_CELL = re.compile(r"^\D*((19|20)\d{2}\D*)*$")


def _corner_caption(filled: list[tuple[int, str]]) -> Optional[str]:
    """The caption printed in the corner cell of a header row ("Tabel 11.1 - Financieel Meerjarenbeeld (bedragen x
    € 1.000) | 2025 | 2026 …"), when the row's other cells are header cells (words and years, no figures)."""
    if len(filled) < 2 or filled[0][0] != 0 or not CAPTION_ROW.match(filled[0][1]):
        return None
    if not all(_HEADER_CELL.match(text.strip()) for _, text in filled[1:]):
        return None
    return " ".join(filled[0][1].split())


def sub_column_groups(cells: list[str]) -> Optional[list[tuple[int, int]]]:
    """The groups of a sub-header row that repeats itself ("baten | lasten | saldo | baten | lasten | saldo"): the
    (first, last) column of every repetition, or None when the row's value cells are no such repetition. Only a
    contiguous run of filled cells right of the label column, repeated two or more times exactly, counts."""
    filled = [i for i in range(1, len(cells)) if cells[i].strip()]
    if len(filled) < 4 or filled[-1] - filled[0] + 1 != len(filled):
        return None
    texts = [" ".join(cells[i].lower().split()) for i in filled]
    for period in range(2, len(texts) // 2 + 1):
        if len(texts) % period or len(set(texts[:period])) != period:
            continue
        if all(texts[k] == texts[k % period] for k in range(len(texts))):
            return [(filled[0] + g, filled[0] + g + period - 1) for g in range(0, len(texts), period)]
    return None


def spread_over_groups(table: Table, header_rows: int) -> tuple[dict[tuple[int, int], tuple[int, int]], set[int]]:
    """Header cells above a repeating sub-header row that belong to a whole group of sub-columns.

    "Rekening 2022" over "baten | lasten | saldo" is often given by the text layer to one sub-column only (the one
    holding its words). A cell above such a group names the whole group when it is the only filled cell of its row
    over that group and it stands inside the group: in a PDF by its words' x-extent (a cell centred over a run of
    whole groups names all of them), in text by its column. A row with two cells over one group, a row whose drawn
    grid shows spanning cells, and a cell ending in a line-break hyphen ("Stijgings-") are left as printed.
    Returns (row, column) → (first, last) column the cell names, and the ambiguous columns: those under a PDF cell
    that crosses a group edge without being centred over whole groups (which groups it names is not shown); such a
    cell names no column (first > last)."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    ambiguous: set[int] = set()
    rows = table.rows[:header_rows]
    sub = next((r for r in range(len(rows) - 1, 0, -1) if sub_column_groups(rows[r].cells)), None)
    if sub is None:
        return out, ambiguous
    groups = sub_column_groups(rows[sub].cells) or []
    for r in range(sub):
        row = rows[r]
        if _spans_cross_groups(row, groups):
            continue  # the drawn grid shows cells of this row spanning groups: it decides
        cells_of: dict[int, list[int]] = {}  # group -> the cells of this row standing over it
        covers: dict[int, tuple[list[int], bool]] = {}
        for i, text in enumerate(row.cells):
            if i < groups[0][0] or not text.strip():
                continue
            if text.rstrip().endswith("-"):
                continue  # "Stijgings-" / "percentage": a word wrapped in its own column
            covers[i] = _groups_of_cell(table, row, i, groups)
            for g in covers[i][0]:
                cells_of.setdefault(g, []).append(i)
        for i, (covered, centred) in covers.items():
            if not centred:
                out[(r, i)] = (-1, -2)
                ambiguous.update(k for g in covered for k in range(groups[g][0], groups[g][1] + 1))
            elif covered and all(cells_of[g] == [i] for g in covered):
                out[(r, i)] = (groups[covered[0]][0], groups[covered[-1]][1])
    return out, ambiguous


def _year_runs(cells: list[str]) -> list[tuple[int, int]]:
    """Runs of two or more adjacent bare-year cells right of the label column ("2024 | 2025 | 2026")."""
    runs: list[tuple[int, int]] = []
    for i in range(1, len(cells)):
        if not _BARE_YEAR.match(cells[i]):
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return [run for run in runs if run[1] > run[0]]


def spread_over_year_runs(table: Table, header_rows: int) -> dict[tuple[int, int], tuple[int, int]]:
    """Kind cells in a header row above a row of bare years ("Begroting" over "2024 | 2025 | 2026") that cover the run.

    In a PDF a kind cell names the whole run when it is the only cell of its row over the run and its words are centred
    over it. In text (pipes, tabs) a cell whose span was lost stands in the first column it spanned: a kind cell in the
    run's first column covers the columns up to the next filled cell or the run's end, and so does every later kind cell
    of the row; when the run's first column has no kind cell, the row is left as printed (its spans are not shown)."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    rows = table.rows[:header_rows]
    below = next((r for r in range(len(rows) - 1, 0, -1) if _year_runs(rows[r].cells)), None)
    if below is None:
        return out
    for run in _year_runs(rows[below].cells):
        for r in range(below):
            row = rows[r]
            inside = [i for i in range(run[0], run[1] + 1) if i < len(row.cells) and row.cells[i].strip()]
            if not inside or any(i < len(row.spans) and row.spans[i] != 1 for i in inside):
                continue
            if not all(_kind_only(row.cells[i]) for i in inside):
                continue
            if table.method == "text":
                if inside[0] != run[0]:
                    continue
                for k, i in enumerate(inside):
                    out[(r, i)] = (i, inside[k + 1] - 1 if k + 1 < len(inside) else run[1])
            elif len(inside) == 1 and _centred_over(row, inside[0], rows[below], run):
                out[(r, inside[0])] = run
    return out


def _kind_only(text: str) -> bool:
    """A header cell naming a kind and no year ("Begroting", "Realisatie"): it can span a run of years."""
    meaning = classify_header(text)
    return meaning.role == "value" and meaning.year is None and bool(meaning.budget_kind or meaning.value_type)


def _centred_over(row: TableRow, i: int, years: TableRow, run: tuple[int, int]) -> bool:
    """The words of cell `i` are centred over the printed years of the run (their words' extent, not the column
    edges, which an unruled table places in the middle of the gaps)."""
    box = row.cell_boxes[i] if i < len(row.cell_boxes) else None
    year_boxes = [years.cell_boxes[k] for k in range(run[0], run[1] + 1) if k < len(years.cell_boxes)]
    if box is None or not year_boxes or any(b is None for b in year_boxes):
        return False
    left, right = min(b[0] for b in year_boxes), max(b[2] for b in year_boxes)  # type: ignore[index]
    return abs((box[0] + box[2]) / 2 - (left + right) / 2) <= max(4.0, min(8.0, 0.05 * (right - left)))


def _spans_cross_groups(row: TableRow, groups: list[tuple[int, int]]) -> bool:
    """A drawn cell of the row spans over the edge of a group. A span inside one group (a rule missing between two
    of its sub-columns) says nothing about the group and leaves the cell alone in it."""
    for i, span in enumerate(row.spans):
        if span > 1 and not any(a <= i and i + span - 1 <= b for a, b in groups):
            return True
    return False


def _groups_of_cell(table: Table, row: TableRow, i: int, groups: list[tuple[int, int]]) -> tuple[list[int], bool]:
    """The groups one header cell stands over, and whether its position shows that: by its column (text) or by its
    words' x-extent (PDF). A PDF cell touching several groups names the run of them it is centred over (one group
    when a long header is centred on its own group); (the touched groups, False) when it is centred over no run."""
    by_column = [g for g, (a, b) in enumerate(groups) if a <= i <= b]
    box = row.cell_boxes[i] if i < len(row.cell_boxes) else None
    if box is None or table.method == "text" or len(table.columns) <= groups[-1][1] + 1:
        return by_column, True
    edges = [(table.columns[a], table.columns[b + 1]) for a, b in groups]
    touched = [g for g, (x0, x1) in enumerate(edges) if min(box[2], x1) - max(box[0], x0) > 2.0]
    if len(touched) <= 1:
        return touched, True
    middle = (box[0] + box[2]) / 2
    for first in touched:
        for last in touched:
            left, right = edges[first][0], edges[last][1]
            if last >= first and abs(middle - (left + right) / 2) <= min(8.0, 0.05 * (right - left)):
                return list(range(first, last + 1)), True
    return touched, False


_REPEAT_CELL = re.compile(r"^[^\W\d_][^\d]*((19|20)\d{2}[^\d]*)*$|^(19|20)\d{2}$")


def _headers_from_repeats(head: TableHead, body: list[TableRow]) -> None:
    """A column with no header text at the top takes the header the table repeats lower down.

    Long tables repeat their header over every block ("Programma: P2 … | Begroting 2025 | …" and
    "… | Baten | Lasten | Saldo"); when the top copy lost a cell (an OCR'd header band, a cell
    left blank) a repeated copy still names the column. A repeated header is a run of rows whose
    filled value cells are all words or years; the first run that fills the column is used.
    """
    empty = [c for c in range(1, len(head.headers)) if not head.headers[c].strip()]
    if not empty or not any(h.strip() for h in head.headers[1:]):
        return
    runs: list[list[TableRow]] = []
    previous = False
    for row in body:
        values = [c.strip() for c in row.cells[1:] if c.strip()]
        repeated = len(values) >= 2 and all(_REPEAT_CELL.match(v) for v in values)
        if repeated:
            if previous:
                runs[-1].append(row)
            else:
                runs.append([row])
        previous = repeated
    for c in empty:
        for run in runs:
            texts = [r.cells[c].strip() for r in run if c < len(r.cells) and r.cells[c].strip()]
            if texts:
                head.headers[c] = " ".join(texts)
                break


# --------------------------------------------------------------------------- header vocabulary


@dataclass(frozen=True)
class _Entry:
    category: str
    pattern: re.Pattern[str]
    value: str


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[_Entry, ...]:
    with _DATA.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(_Entry(r["category"], re.compile(r["pattern"], re.IGNORECASE), r["value"]) for r in rows)


def _first(category: str, text: str) -> Optional[str]:
    for entry in _vocabulary():
        if entry.category == category and entry.pattern.search(text):
            return entry.value
    return None


@dataclass(frozen=True)
class HeaderMeaning:
    """What one column header says; `role` is "value" for a column of figures."""

    role: str
    year: Optional[int] = None
    value_type: Optional[str] = None  # realisatie | streefwaarde | referentie | prognose (indicator tables)
    budget_kind: Optional[str] = None  # BudgetLine.kind
    side: Optional[str] = None  # baten | lasten | saldo
    scope: Optional[str] = None
    money: bool = False
    base_year: Optional[int] = None  # a verschil column: the year it is compared with ("mutatie t.o.v. 2024")
    current_year: bool = False  # names the document's own year in words ("Raming begrotingsjaar na wijziging")
    earlier_year: bool = False  # names an earlier year in words ("vorig begrotingsjaar", "T-1")

    @property
    def is_axis(self) -> bool:
        """The header names a year, a kind, a side or an area: the column is a value axis."""
        return self.role == "value" and bool(self.year or self.value_type or self.budget_kind or self.side or self.scope)


_NAME_HEADER = re.compile(r"^\W*(bbv[\s-]*)?((effect|prestatie|beleids)-?)?indicator|^\W*(omschrijving|naam)\b", re.IGNORECASE)
_GENERIC_SCOPE = re.compile(r"vergelijk|referentie|benchmark|gemiddeld|cijfer|waarde", re.IGNORECASE)


def header_scope(header: str) -> Optional[str]:
    """The area a header names, as printed ("Nederland", "Flevoland", "regio"); None when it names none."""
    if not _first("scope", header):
        return None
    for word in re.findall(r"[\w'-]+", header):
        if _first("scope", word) and not _GENERIC_SCOPE.search(word):
            return "Nederland" if word.lower() in ("nl", "landelijk") else word
    cleaned = re.sub(r"\(?\b(19|20)\d{2}\b\)?", "", header).strip(" ()")
    return cleaned or None


_PIECE = re.compile(r"^[^\W\d_]+$")


def join_broken_words(text: str) -> str:
    """A header word broken over two lines without a hyphen joined again ("Jaarreken ing 2023" is "Jaarrekening 2023",
    "Begrot ing" is "Begroting"): only when the join is a header word of the vocabulary (`split_word`) and neither
    piece is one on its own, so "Begroting 2025" and "Jaar rekening" stay as printed."""
    words = [_unhyphenated(word) for word in text.split()]
    out: list[str] = []
    for word in words:
        if out and _joins(out[-1], word):
            out[-1] += word
            continue
        out.append(word)
    return _gemeente_pieces(" ".join(out))


def _joins(first: str, second: str) -> bool:
    """Two pieces are one vocabulary header word broken by a narrow column, neither a header word on its own."""
    return bool(_PIECE.match(first) and _PIECE.match(second) and _first("split_word", (first + second).lower())
                and not _known_word(first) and not _known_word(second))


_HYPHENATED = re.compile(r"^(?P<a>[^\W\d_]+)-(?P<b>[^\W\d_]+)$")


def _unhyphenated(word: str) -> str:
    """A line-break hyphen a narrow web column kept inside a header word ("Begro-ting"): dropped when the pieces join
    to a vocabulary word (`_joins`); a hyphen of spelling ("Noord-Brabant", "nul-meting" is no split) stays."""
    match = _HYPHENATED.match(word)
    if match and match.group("b")[0].islower() and _joins(match.group("a"), match.group("b")):
        return match.group("a") + match.group("b")
    return word


def _gemeente_pieces(text: str) -> str:
    """A gemeente's name broken by a narrow column ("Zoeter meer"): the pieces, joined, spell a gemeente of
    `models/data/gemeenten.csv` and a later piece starts in lower case (a name printed whole stays as printed)."""
    words = text.split()
    if len(words) < 2 or not all(_PIECE.match(w) for w in words) or not any(w[0].islower() for w in words[1:]):
        return text
    name = gemeente_named(text)
    return name if name and " " not in name else text


def _known_word(piece: str) -> bool:
    low = piece.lower()
    return bool(_first("split_word", low) or _first("header_word", low))


@lru_cache(maxsize=4096)
def classify_header(header: str) -> HeaderMeaning:
    """The meaning of one column header, from the shared vocabulary."""
    text = join_broken_words(" ".join(header.split()))
    role = _first("role", text)
    year = parse_year_header(text)
    if role and not (role == "ignore" and year):
        return HeaderMeaning(role=role)
    if not text or re.fullmatch(r"(effect|prestatie|beleids)?-?indicator(en)?|omschrijving|naam|onderwerp|kengetal(len)?|"
                                r"programma'?s?|exploitatie|product|activiteit", text.split("(")[0].strip(), re.IGNORECASE):
        return HeaderMeaning(role="label")
    if _NAME_HEADER.search(text) and not re.search(r"\d", text):
        return HeaderMeaning(role="label")  # "Effectindicator*", "Indicatornaam", "Omschrijving indicator"
    value_type = _first("indicator_type", text)
    scope = header_scope(text)
    if scope and value_type is None:
        value_type = "referentie"
    budget_kind = _first("budget_kind", text)
    base_year = None
    if budget_kind == "verschil":
        own, base_year = comparison_years(text)
        year = own if base_year is not None or year is None else year
    return HeaderMeaning(
        role="value", year=year, value_type=value_type, budget_kind=budget_kind,
        side=_first("side", text), scope=scope, money=bool(_first("money", text)), base_year=base_year,
        current_year=year is None and bool(_first("current_year", text)),
        earlier_year=year is None and bool(_first("earlier_year", text)),
    )


def comparison_years(text: str) -> tuple[Optional[int], Optional[int]]:
    """(year, base year) of a comparison header: the year after "t.o.v." / "ten opzichte van" is the base the column
    is compared with, not its own year; the column's year is the newer one the header names besides it
    ("verschil 2025-2024" and "∆ 2024-2025" are 2025, "Verschil 2023 Begr. na wijz. / realisatie" 2023). With
    only a base printed ("mutatie t.o.v. 2024") the year is None here: the table decides (`resolve_comparisons`)."""
    base = None
    rest = text
    for entry in _vocabulary():
        if entry.category != "comparison_base":
            continue
        match = entry.pattern.search(text)
        if match:
            base = int(match.group(1))
            rest = text[:match.start(1)] + text[match.end(1):]
            break
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", rest)]
    return (max(years) if years else None), base


def indicator_value_type(header: str) -> Optional[str]:
    """The value type an indicator column header states (realisatie, streefwaarde, referentie, prognose), or None.

    The one reading of the shared vocabulary for every indicator reader, PDF or text."""
    meaning = classify_header(header)
    return meaning.value_type if meaning.role == "value" else None


# --------------------------------------------------------------------------- scale, labels, context


_SCALE = re.compile(
    r"(?:x|×|\*|in)\s*(?:€|eur(?:o)?)?\s*(1\.?000\.?000(?:\.?000)?|1\.?000|1\s*(?:mln|miljoen|mld|miljard)|mln|miljoen|mld|miljard|duizend)\b"
    r"|€\s*['’]?\s*(000|mln|mld)\b|in\s+(duizenden|miljoenen|miljarden)(?:\s+(?:van\s+)?euro|\s*[)\]]|\s*$)"
    r"|(?:x|×)\s*€\s*(1\s*(?:mln|miljoen|mld|miljard))|(?<![\w])(k€|€\s*k|keuro)(?![\w])",
    re.IGNORECASE,
)


def scale_of(texts: list[str]) -> Optional[float]:
    """The multiplier a table states for its amounts ("bedragen x € 1.000", "€ '000", "in duizenden euro's", "x € 1 mln",
    "x € 1 miljard", "k€")."""
    for text in texts:
        match = _SCALE.search(text or "")
        if match:
            token = next(g for g in match.groups() if g).lower().replace(" ", "").replace(".", "")
            if any(w in token for w in ("mld", "miljard", "1000000000")):
                return 1_000_000_000.0
            if any(w in token for w in ("mln", "miljoen", "1000000")):
                return 1_000_000.0
            return 1000.0
    return None


_LABEL_NOISE = re.compile(r"^\s*(totaal|subtotaal|som)\s+(der\s+|van\s+(de\s+)?)?|\s*\(\s*\d+\s*\)\s*$|[:.]\s*$", re.IGNORECASE)


def label_norm(label: str) -> str:
    """A row label for comparison: "Totaal baten (8)" and "Baten" are both "baten"."""
    text = " ".join(label.split()).lower()
    text = re.sub(r"^\d+(\.\d+)*[a-z]?\s+", "", text)  # programme or taakveld number
    previous = None
    while previous != text:
        previous = text
        text = _LABEL_NOISE.sub("", text).strip()
    return text


def context_value_type(year: Optional[int], document_type: Optional[str], document_year: Optional[int]) -> Optional[str]:
    """The value type of a column headed only by a year, from the document (None when the rule does not decide).

    * jaarstukken / jaarverslag / voortgangsrapportage of year Y: years up to Y are realisatie, later years streefwaarde;
    * begroting / kadernota of year Y: years before Y-1 are realisatie, Y and later streefwaarde, Y-1 undecided
      (it is an estimate when the begroting is written);
    * other documents of year Y (plans, monitors): before Y realisatie, after Y streefwaarde, Y itself undecided.
    """
    if year is None or document_year is None:
        return None
    kind = (document_type or "").lower()
    if kind in ("jaarstukken", "voortgangsrapportage"):
        return "realisatie" if year <= document_year else "streefwaarde"
    if kind in ("begroting", "kadernota"):
        if year < document_year - 1:
            return "realisatie"
        return "streefwaarde" if year >= document_year else None
    if year < document_year:
        return "realisatie"
    return "streefwaarde" if year > document_year else None


# --------------------------------------------------------------------------- table verdict


TAAKVELD_CODE = re.compile(r"^\s*(?P<code>\d{1,2}\.\d{1,2}(?:\.\d{1,2}|[a-zA-Z](?![a-zA-Z]))?)\s+(?P<name>\S.*)$")  # "6.71a": Iv3 sub-taakvelden
_MONEY_CONTEXT = re.compile(r"wat\s+(mag|heeft|gaat)\s+het\s+(kosten|gekost)|baten\s+en\s+lasten|€|x\s*1\.?000|kosten|budget|financi|"
                            r"krediet|investering|reserve|voorziening|subsidie|dekking|begrotingswijziging|=\s*(nadeel|voordeel)\b|"
                            r"\bexploitatie\b|meerjaren(begroting|raming)|begrotingssaldo|saldo\s+(van\s+de\s+)?begroting",
                            re.IGNORECASE)
_SIDE_HEADING = re.compile(r"^\s*(lasten|baten)\s*(\(\s*per\s+\w+\s*\))?\s*:?\s*$", re.IGNORECASE)
_NOT_NUMERIC_TABLE = re.compile(r"risico|planning|project|activiteit|maatregel|mijlpaal|actiepunt", re.IGNORECASE)


@dataclass
class Verdict:
    """What a table is: "indicator", "budget" or None (with the reason, for coverage)."""

    kind: Optional[str]
    reason: str
    numeric: bool
    head: Optional[TableHead] = None
    meanings: list[HeaderMeaning] = field(default_factory=list)
    label_col: int = 0
    value_cols: list[int] = field(default_factory=list)
    scale: Optional[float] = None


_NO_VALUE_TEXT = re.compile(r"^\W*(nog\s+niet\s+(bekend|beschikbaar)|onbekend|niet\s+(bekend|beschikbaar|gemeten)|geen\s+(meting|gegevens|cijfers)"
                            r"|volgt|n\.?\s?v\.?\s?t\.?|(n\.?\s?)?n\.?\s?b\.?|p\.?\s?m\.?)\b", re.IGNORECASE)
_DASH_CELL = re.compile(r"^\s*[-–—]\s*$")  # "-": nothing in this cell (a zero or no amount), not a word
_NUMBER_WITH_NOTE = re.compile(r"^\s*[-−]?\d[\d.,]*\s*%?\s*\(([^()]*[^\W\d_]{3}[^()]*|\s*[A-Z]\s*)\)\s*$")  # "(nieuwbouw …)", "(R)"


def _numeric_share(rows: list[TableRow], col: int) -> tuple[int, int]:
    """(cells read as a figure, filled cells) of a column; "nog niet bekend" and the like (and a sentence saying why
    no figure is given, `is_figure_note`) are not counted as filled,
    and a figure with an explanation in brackets ("1.023 (nieuwbouw en splitsing)") or a range ("6 - 6,5") counts as a figure."""
    filled = [r.cells[col] for r in rows if col < len(r.cells) and r.cells[col].strip() and not _NO_VALUE_TEXT.match(r.cells[col])
              and not _DASH_CELL.match(r.cells[col]) and not is_figure_note(r.cells[col])]
    numbers = sum(1 for c in filled if read_value(c)[0] is not None or parse_money(c) is not None or _NUMBER_WITH_NOTE.match(c)
                  or parse_range(c) is not None or split_area_pair(c) is not None)  # "1,2 Oord 1,8 NL (2031)": two figures
    unplaced = sum(1 for r in rows if r.problem and not (col < len(r.cells) and r.cells[col].strip()))
    return numbers + unplaced, len(filled) + unplaced  # a row whose figures the layout saw but could not place counts


def typed_header_verdict(table: Table, verdict: Verdict) -> Verdict:
    """The verdict for a grid the layout laid out *as an indicator table* by its header (`text_indicator_tables`):
    columns whose header gives an indicator value type are value columns even where no cell reads as one figure
    ("10-15", "stijging"), so the rows are kept and such cells are warned, not the whole table dropped.
    Other verdicts (indicator, budget) stand."""
    head = verdict.head
    if verdict.kind is not None or head is None or len(table.rows) <= head.header_rows:
        return verdict
    typed = [i for i, m in enumerate(verdict.meanings)
             if i != verdict.label_col and m.role == "value" and m.value_type]
    if not typed:
        return verdict
    return Verdict("indicator", "", verdict.numeric, head, verdict.meanings, verdict.label_col, typed, verdict.scale)


_MARKED = re.compile(r"^(?P<mark>[NV])\s+(?P<amount>\S.*)$")


def parse_money(cell: str, signed_marks: bool = False) -> Optional[float]:
    """An amount as printed in a budget cell: "€ 769.100", "4.977-" (trailing minus), "(1.234)", "-/- 12",
    "N 1.234" (a nadeel/voordeel mark). A mark gives the sign only with `signed_marks` (the table mixes N and V,
    so the mark is what tells a nadeel from a voordeel: N negative); where every amount carries the same mark it
    says nothing per cell and the amount stays as printed."""
    from extractor.parse.values import parse_number  # noqa: PLC0415 - keeps the import list short

    text = " ".join(cell.replace("€", " ").split())
    if not text:
        return None
    marked = _MARKED.match(text)
    if marked:
        amount = parse_money(marked.group("amount"))
        if amount is None or amount < 0:
            return None  # "N -12": two signs, not a format anyone means
        return -amount if signed_marks and marked.group("mark") == "N" and amount else amount
    if text.endswith("-") and len(text) > 1 and text[-2].isdigit():
        number = parse_number(text[:-1])
        return -number if number else number
    return parse_number(text, parens_negative=True)


_AREA_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*|'s-[A-Z][\w-]*)(?:\s+(?:[A-Z][\w'’.-]*|aan|den|de|op|a/d))*$")


def _area_columns(meanings: list[HeaderMeaning], headers: list[str], body: list[TableRow], label_col: int) -> list[HeaderMeaning]:
    """A tabellenboek: beside a column headed by a known area ("Nederland", "Flevoland"), columns headed by bare
    capitalised names over figures are areas too (one column per gemeente); their scope is the name as printed."""
    if not any(m.scope for m in meanings):
        return meanings
    out = list(meanings)
    for i, (meaning, header) in enumerate(zip(meanings, headers)):
        name = re.sub(r"(\s*\(\s*(%|‰|aantal|n)\s*\)|\s+(%|‰|aantal))\s*$", "", header.strip())  # "Dronten %", "Urk (n)"
        dated = _DATED_AREA.match(name)  # "Urk 2021" beside "NL 2021": an area's column of one year
        if dated and meaning.year is not None and not (meaning.value_type or meaning.budget_kind or meaning.side or meaning.scope):
            name = dated.group("name")
        elif meaning.is_axis:
            continue
        if i == label_col or meaning.role != "value" or meaning.money or not _AREA_NAME.match(name):
            continue
        got, filled = _numeric_share(body, i)
        if got and got >= 0.5 * filled:
            out[i] = HeaderMeaning(role="value", scope=name, year=meaning.year)
    return out


_DATED_AREA = re.compile(r"^(?P<name>.+?)\s+\(?(19|20)\d{2}\)?$")


def is_comparison_group(header: str) -> bool:
    """The header names a comparison group rather than a place: a class of gemeenten by size ("< 25.000 inw.") or a
    benchmark group ("G40", "vergelijkbare gemeenten"), from the vocabulary's scope values."""
    return _first("scope", " ".join(header.split())) in ("reference", "size_class")


def is_comparison_row(label: str) -> bool:
    """A row label that is only a comparison's name ("Gemiddelde benchmark", "Nederland") from the vocabulary: under
    an indicator's own row its figures compare with that row, they are no indicator of their own."""
    return _first("comparison_row", " ".join(label.split())) is not None


def table_scale(table: Table, head: TableHead) -> Optional[float]:
    """The scale a table states: in its caption, the lines above, a header cell (the corner), the notes under it or
    the first body row's label."""
    context_text = " ".join([head.caption or "", *head.extra, *head.headers, *(ln.text for ln in table.above[-3:])])
    body = table.rows[head.header_rows:]
    return scale_of([context_text, *(ln.text for ln in table.notes[:3]), *(r.cells[0] for r in body[:1])])


def unscaled_beside_scaled(verdicts: list[tuple[Table, Verdict]], page_lines: Optional[dict[int, list[str]]] = None) -> None:
    """A budget table that states no scale, on a page where another table or line states one ("Tabel 11.1 …
    (bedragen x € 1.000)" above "Tabel 11.2 …" without a note): its amounts may be in the same unit or in euros, and
    reading them as euros could be 1.000 times off. Such a table is not read (verdict None, with the reason, so it
    is reported and warned); which unit it is in is not printed. `page_lines` are the printed lines per page."""
    stated: dict[int, float] = {}
    for table, verdict in verdicts:
        scale = verdict.scale if verdict.scale is not None else (table_scale(table, verdict.head) if verdict.head else None)
        if scale is not None and scale != 1.0 and table.method != "text":
            stated.setdefault(table.page, scale)
    for table, verdict in verdicts:
        if verdict.kind == "budget" and verdict.scale is None and table.page not in stated and page_lines:
            scale = scale_of(page_lines.get(table.page, []))
            if scale is not None and scale != 1.0:
                stated[table.page] = scale
    for table, verdict in verdicts:
        if verdict.kind == "budget" and verdict.scale is None and table.method != "text" and table.page in stated \
                and not _euro_cells(table, verdict):
            verdict.kind = None
            verdict.reason = (f"budget table states no scale while another table on its page states x {stated[table.page]:,.0f}: "
                              "its amounts could be in either unit, so they are not read")


def value_header_key(verdict: Verdict) -> tuple[str, ...]:
    """The value columns' headers of a table, normalised: two tables with the same key print the same columns."""
    head = verdict.head
    if head is None:
        return ()
    return tuple(" ".join(head.headers[c].lower().split()) if c < len(head.headers) else "" for c in verdict.value_cols)


def scale_from_table_above(table: Table, verdict: Verdict, above: Optional[tuple[tuple[str, ...], float]]) -> Optional[float]:
    """The scale of the budget table right above (`above`: its value headers and scale) for a text budget table that
    states none and prints the very same value columns ("Bedragen x € 1.000" printed once over a lasten table and a
    baten table of the same columns). Not where € is printed in the cells or an amount reaches a million (whole
    euros), nor where the columns differ: then the unit is not known, and the amounts stay as printed (warned)."""
    if above is None or verdict.kind != "budget" or verdict.scale is not None or table.method != "text":
        return None
    key, scale = above
    if scale == 1.0 or len(key) < 2 or value_header_key(verdict) != key or _euro_cells(table, verdict):
        return None
    return scale


def _euro_cells(table: Table, verdict: Verdict) -> bool:
    """Amounts printed with € in the cells, or large enough to be whole euros (a figure of a million or more)."""
    body = table.rows[verdict.head.header_rows:] if verdict.head else []
    for row in body:
        for c in verdict.value_cols:
            text = row.cells[c] if c < len(row.cells) else ""
            amount = parse_money(text)
            if "€" in text or (amount is not None and abs(amount) >= 1_000_000):
                return True
    return False


def _summed_money_columns(meanings: list[HeaderMeaning], body: list[TableRow], label_col: int, context: str) -> list[int]:
    """Untyped numeric columns that are a total and its parts (`total_parts`: one column the sum of the others in
    every complete row), in a table whose context speaks of money and not of indicators: value columns of a budget
    table whose header names no kind ("Totaal | waarvan …"). Anything short of that proof stays no value column."""
    from extractor.parse.total_parts import total_and_parts  # noqa: PLC0415

    if _INDICATOR_CONTEXT.search(context) or not _MONEY_CONTEXT.search(context):
        return []
    cols = [i for i, m in enumerate(meanings) if i != label_col and m.role == "value" and not m.is_axis
            and _numeric_share(body, i)[0] and _numeric_share(body, i)[0] >= 0.5 * _numeric_share(body, i)[1]]
    return cols if total_and_parts(body, cols) is not None else []


def _movements_between(meanings: list[HeaderMeaning], body: list[TableRow], label_col: int, value_cols: list[int],
                       ambiguous: set[int]) -> list[int]:
    """Numeric columns whose header names nothing ("Rente", "Bij", "Af") between two value columns that they carry
    one into the other (`total_parts.mutations_between`): value columns as well."""
    from extractor.parse.total_parts import mutations_between  # noqa: PLC0415

    if len(value_cols) < 2:
        return []
    candidates = [i for i, m in enumerate(meanings) if i != label_col and i not in value_cols and i not in ambiguous
                  and m.role == "value" and _mostly_figures(body, i)]
    return mutations_between(body, value_cols, candidates)


def _mostly_figures(body: list[TableRow], col: int) -> bool:
    """Figures in at least half of a column's filled cells (and at least one)."""
    got, filled = _numeric_share(body, col)
    return bool(got) and got >= 0.5 * filled


def judge_table(table: Table, head: Optional[TableHead] = None) -> Verdict:
    """Indicator table, budget table or neither, from the header's axes and the body's cells."""
    head = head or analyse_head(table)
    body = table.rows[head.header_rows:]
    meanings = [classify_header(h) for h in head.headers]
    numbers = sum(_numeric_share(body, c)[0] for c in range(1, table.n_cols))
    numeric = numbers >= 2
    context_text = " ".join([head.caption or "", *head.extra, *head.headers, *(ln.text for ln in table.above[-3:])])
    if not body:
        return Verdict(None, "no body rows under the header", numeric, head, meanings)
    label_col = _label_column(meanings, body, table.method == "text")
    if _mostly_ranges(body, label_col):
        return Verdict(None, "ranges (low – high) in most value cells: a range is not one value", True, head, meanings, label_col)
    meanings = _area_columns(meanings, head.headers, body, label_col)
    value_cols = []
    for i, meaning in enumerate(meanings):
        if i == label_col or meaning.role != "value" or i in head.ambiguous:
            continue
        got, filled = _numeric_share(body, i)
        if got and got >= 0.5 * filled and (meaning.is_axis or meaning.money):
            value_cols.append(i)
    value_cols = sorted(value_cols + _movements_between(meanings, body, label_col, value_cols, head.ambiguous))
    meanings = resolve_comparisons(meanings, value_cols, body)
    meanings = proven_differences(meanings, value_cols, head.headers, body)
    if not value_cols:
        value_cols = _summed_money_columns(meanings, body, label_col, context_text)
    if not value_cols:
        reason = "no value columns: the header names no years, kinds, areas or money over numeric cells"
        if _NOT_NUMERIC_TABLE.search(" ".join(head.headers)):
            reason = "a list (projects, risks, planning), not indicators or money"
        elif head.ambiguous:
            reason = "header cells cross the groups of sub-columns off-centre: which columns they name is not shown"
        return Verdict(None, reason, numeric, head, meanings, label_col)
    labels = [r.cells[label_col].strip() for r in body if label_col < len(r.cells)]
    if sum(1 for x in labels if re.search(r"[^\W\d_]{3}", x)) < 1:
        return Verdict(None, "no row labels in the first column", numeric, head, meanings, label_col)
    scale = table_scale(table, head)
    sides_in_rows = any(_first("side", x) and len(x) < 40 and not names_bbv_indicator(x) for x in labels)
    money_cells = any("€" in r.cells[c] for r in body for c in value_cols if c < len(r.cells)) or \
        _mostly_marked(body, value_cols)
    budget_cols = [c for c in value_cols if meanings[c].budget_kind or meanings[c].side]
    taakvelden = sum(1 for x in labels if TAAKVELD_CODE.match(x))
    own_text = " ".join([head.caption or "", *head.extra, *head.headers])
    indicator_words = bool(_INDICATOR_CONTEXT.search(own_text))
    if indicator_words:  # the header names indicators: only the table's structure makes it a budget table
        sides_in_rows = any(_SIDE_ROW.match(x) for x in labels)
        money_cells = False  # "€ 30,4 mln" under "Streefwaarde" is an indicator value
    side_heading = any(_SIDE_HEADING.match(ln.text) for ln in table.above[-2:])  # "Baten (per programma)" right above
    money = bool(scale) or money_cells or any(meanings[c].side for c in value_cols) or side_heading or \
        (sides_in_rows and (budget_cols or _MONEY_CONTEXT.search(context_text))) or taakvelden >= 2 or \
        (not indicator_words and (any(meanings[c].money for c in value_cols) or bool(_MONEY_CONTEXT.search(context_text))))
    if money and not scale and not money_cells and _mostly_shares(body, value_cols):
        money = False  # percentages under begroot/werkelijk (financial kengetallen) are shares, never amounts
    if _capital_amounts(head, label_col):
        return Verdict(None, "investeringen/kredieten or risks: capital and risk amounts, not the exploitatie budget",
                       numeric, head, meanings, label_col)
    if _TARIFFS.search(context_text):
        return Verdict(None, "tariffs (tarieven, leges), not budget amounts or indicators", numeric, head, meanings, label_col)
    if money:
        return Verdict("budget", "", numeric, head, meanings, label_col, _without_shares(body, value_cols), scale)
    indicator_axes = any(meanings[c].scope or (meanings[c].value_type and not meanings[c].budget_kind) for c in value_cols)
    if not indicator_axes and not indicator_words and _PARAMETERS.search(context_text):
        return Verdict(None, "budget parameters (uitgangspunten: indexation, rates), neither indicators nor amounts",
                       numeric, head, meanings, label_col)
    cues = sum(1 for x in labels if _indicator_name(x))
    if indicator_axes or _INDICATOR_CONTEXT.search(context_text) or cues >= max(1, len(labels) // 2) \
            or _mostly_shares(body, value_cols) and all(len(x.split()) < 16 for x in labels):
        return Verdict("indicator", "", numeric, head, meanings, label_col, value_cols, scale)
    return Verdict(None, "years or kinds as columns, but neither indicator names nor money (no €, scale or baten/lasten)",
                   numeric, head, meanings, label_col, value_cols, scale)


def resolve_comparisons(meanings: list[HeaderMeaning], value_cols: list[int], body: list[TableRow]) -> list[HeaderMeaning]:
    """The year of a comparison column that prints only its base ("raming 2024 | raming 2025 | mutatie t.o.v. 2024"):
    the latest year among the table's other value columns, when that is not before the base. Where the body holds the
    base year's column, the arithmetic decides: the one year whose column minus the base column gives the comparison
    column in (nearly) every row wins; when no year fits or several do, the year stays None and the column is left
    out (warned by the reader), as a guess could give a difference the wrong year."""
    out = list(meanings)
    for c in value_cols:
        meaning = meanings[c]
        if meaning.base_year is None or meaning.year is not None:
            continue
        years = {meanings[k].year: k for k in value_cols
                 if k != c and meanings[k].year is not None and meanings[k].base_year is None and meanings[k].budget_kind != "verschil"}
        later = sorted(y for y in years if y >= meaning.base_year)
        if not later:
            continue
        year: Optional[int] = later[-1]
        if meaning.base_year in years:
            fits = [y for y in later if y != meaning.base_year and _difference_fits(body, years[y], years[meaning.base_year], c)]
            year = fits[0] if len(fits) == 1 else (later[-1] if len(later) == 1 else None)
        if year is not None:
            out[c] = replace(meaning, year=year)
    return out


def _difference_fits(body: list[TableRow], newer: int, base: int, diff: int) -> bool:
    """newer − base = diff (or base − newer, a sign convention) within rounding in at least 80% of the rows with all three."""
    checked = fitting = fitting_reversed = 0
    for row in body:
        try:
            a, b, d = (parse_money(row.cells[k]) for k in (newer, base, diff))
        except IndexError:
            continue
        if a is None or b is None or d is None:
            continue
        checked += 1
        fitting += abs((a - b) - d) <= 1.0
        fitting_reversed += abs((b - a) - d) <= 1.0
    return checked >= 1 and max(fitting, fitting_reversed) >= 0.8 * checked


_SIDE_ROW = re.compile(r"^\s*(totaal\s+|totale\s+)?(baten|lasten|saldo|opbrengsten|uitgaven)\b", re.IGNORECASE)
_PARAMETERS = re.compile(r"\buitgangspunt(en)?\b|\bparameters?\b|\bindexering(en)?\b|\bindexatie\b", re.IGNORECASE)
_CAPITAL = re.compile(r"krediet|kapitaalgoed|risico|^\W*(tabel\s*[\d.]+\s*-?\s*)?investeringen\b", re.IGNORECASE)
_CAPITAL_ROWS = re.compile(r"krediet|risico|^\W*investering(en)?\b", re.IGNORECASE)
_WORDY = re.compile(r"[^\W\d_]{3}")


_RANGE = re.compile(r"^[-−]?\d[\d.,]*\s*%?\s*[-–—]\s*[-−]?\d[\d.,]*\s*%?$")


def _mostly_ranges(body: list[TableRow], label_col: int) -> bool:
    """Most figure columns print ranges ("453 – 477") in half their cells or more: estimates given as bands, which no
    value can hold; reading only the columns that happen to print single figures would give the table a meaning
    it does not have."""
    n = max((len(r.cells) for r in body), default=0)
    range_cols = figure_cols = 0
    for col in range(n):
        if col == label_col:
            continue
        cells = [r.cells[col].strip() for r in body if col < len(r.cells) and r.cells[col].strip()]
        ranges = sum(1 for c in cells if _RANGE.match(c))
        figures = sum(1 for c in cells if read_value(c)[0] is not None)
        if ranges + figures == 0:
            continue
        figure_cols += 1
        range_cols += ranges >= max(1, len(cells) / 2)
    return range_cols >= 1 and range_cols * 2 > figure_cols


def _label_column(meanings: list[HeaderMeaning], body: list[TableRow], text: bool = False) -> int:
    """The column of row labels: the first column headed as one ("Indicator", "Omschrijving") that holds words in
    the body. A header that only reads like a name header but stands over empty or numeric cells (a spanning
    "Indicatoren …" copied over a column of norms) is not the label column; without one, the first column."""
    for i, meaning in enumerate(meanings):
        if meaning.role != "label":
            continue
        cells = [r.cells[i].strip() for r in body if i < len(r.cells) and r.cells[i].strip()]
        if sum(1 for c in cells if _WORDY.search(c) and read_value(c)[0] is None) >= max(1, len(cells) // 2):
            return i
    if text and meanings and meanings[0].role == "code" and not _has_words(body, 0):
        for i in range(1, len(meanings) - 1):
            if _has_words(body, i):
                return i  # "Nr. | Doel | …": codes first, then the names, under a header that may read as anything
            if _numeric_share(body, i)[0]:
                break
    return 0


def _has_words(body: list[TableRow], col: int) -> bool:
    """Most filled cells of the column hold words, not codes or figures."""
    cells = [r.cells[col].strip() for r in body if col < len(r.cells) and r.cells[col].strip()]
    return sum(1 for c in cells if _WORDY.search(c) and read_value(c)[0] is None) > len(cells) // 2


def _capital_amounts(head: TableHead, label_col: int) -> bool:
    """Investment credits or risks, told by what the AMOUNTS are: the caption, a title row or a value column's
    header names credits, capital goods or risks ("Restant krediet 2022"). The label column's header names what
    the ROWS are ("Kapitaalgoed": the assets whose upkeep an exploitatie table accounts for) and counts only when
    it names the amounts themselves ("Investeringen", "Kredieten", "Risico's"). A caption naming the exploitatie
    of the assets says the amounts are their yearly budget, unless a value column names credits itself."""
    values = [h for i, h in enumerate(head.headers) if i != label_col]
    if re.search(r"exploitatie", " ".join([head.caption or "", *head.extra]), re.IGNORECASE) and not _CAPITAL.search(" ".join(values)):
        return False  # "Exploitatiegegevens kapitaalgoederen": the yearly budget of the assets, not credits
    if _CAPITAL.search(" ".join([head.caption or "", *head.extra, *values]).strip()):
        return True
    label = head.headers[label_col] if label_col < len(head.headers) else ""
    return bool(_CAPITAL_ROWS.search(label))


_TARIFFS = re.compile(r"\btarie(f|ven)\b|\bleges\b|belastingtarie", re.IGNORECASE)
_INDICATOR_CONTEXT = re.compile(r"indicator|kengetal|kerngegeven|monitor|tabellenboek|streefwaarde|peilwaarde|nulmeting", re.IGNORECASE)
_INDICATOR_LABEL = re.compile(r"%|\bper\s+(1\.?000|10\.?000|100)\b|\baantal\b|percentage|\bgemiddeld|\bscore|tevreden|\bcijfer\b|\baandeel\b", re.IGNORECASE)


def _without_shares(body: list[TableRow], value_cols: list[int]) -> list[int]:
    """The value columns of a budget table without its columns of shares ("2039 (in %)" over "84%", "3%"): a column
    most of whose figures print a percent sign beside columns of amounts holds no amounts, so it gives no lines."""
    shares = [c for c in value_cols if any(c < len(r.cells) and r.cells[c].strip().endswith("%") for r in body)
              and _mostly_shares(body, [c])]  # only columns printing a percent sign are read again
    return [c for c in value_cols if c not in shares] if len(shares) < len(value_cols) else value_cols


def _mostly_marked(body: list[TableRow], value_cols: list[int]) -> bool:
    """Most figures of the value columns carry a nadeel/voordeel mark ("N 1.234", "V 56"): only amounts of money are
    printed as a nadeel or a voordeel, so the marks make the table a budget table as a € in the cells would."""
    cells = [" ".join(r.cells[c].split()) for r in body for c in value_cols if c < len(r.cells) and r.cells[c].strip()]
    marked = [c for c in cells if _MARKED.match(c) and parse_money(c) is not None]
    return len(marked) >= 2 and 2 * len(marked) > len(cells)


def _mostly_shares(body: list[TableRow], value_cols: list[int]) -> bool:
    """Most figures of the value columns print a percent sign ("18,8%"): shares, which are no amounts of money, in a
    table already judged to hold no money: an indicator table even where its labels name no indicator words (the caller
    asks for short labels too: paragraphs beside percentages are budget assumptions)."""
    cells = [r.cells[c].strip() for r in body for c in value_cols if c < len(r.cells) and r.cells[c].strip()]
    figures = [c for c in cells if read_value(c)[0] is not None]
    return len(figures) >= 4 and 2 * sum(1 for c in figures if c.endswith("%")) > len(figures)


def _indicator_name(label: str) -> bool:
    """A row label that reads like an indicator name ("% inwoners …", "Aantal … per 1.000 inwoners"); a label that is a
    paragraph (an explanation of 16 words or more, as in a table of budget assumptions) is no indicator name."""
    return len(label.split()) < 16 and bool(_INDICATOR_LABEL.search(label))


def mixed_marks(cells: Iterable[str]) -> bool:
    """Whether the amounts of a table carry both nadeel (N) and voordeel (V) marks: then the mark is the sign."""
    marks = {m.group("mark") for m in (_MARKED.match(" ".join(c.split())) for c in cells) if m}
    return marks == {"N", "V"}


def marks_are_signs(body: list[TableRow], columns: list[tuple]) -> bool:
    """Whether the N/V marks of a budget table are signs (nadeel negative). They are where the table mixes them and
    a level column (any kind but verschil) mixes them too (a saldo overview). Where every level column prints one mark
    throughout (a lasten block all N, a baten block all V) the mark names the side, and an N or V in its difference
    columns says which way that side moved, not a minus: the amounts stay as printed (`raw` keeps the mark).
    `columns` are the reader's (index, kind, year, side) value columns."""
    def marks(c: int) -> set[str]:
        found = (_MARKED.match(" ".join(r.cells[c].split())) for r in body if c < len(r.cells))
        return {m.group("mark") for m in found if m}

    if not mixed_marks(r.cells[c] for r in body for c, *_ in columns if c < len(r.cells)):
        return False
    level = [marks(c) for c, kind, *_ in columns if kind != "verschil"]
    level = [m for m in level if m]
    return not level or any(len(m) > 1 for m in level)
