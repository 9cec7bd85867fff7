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
from typing import Optional

from extractor.layout.tables import Table, TableRow
from extractor.parse.values import parse_value, parse_year_header
from extractor.resources import data_dir

_DATA = data_dir() / "table_headers.csv"

_BARE_YEAR = re.compile(r"^\s*(19|20)\d{2}\s*$")
CAPTION_ROW = re.compile(r"^\s*(tabel|table)\b", re.IGNORECASE)
SOURCE_ROW = re.compile(r"^\s*bron(\s+\w+)?\s*:\s*(?P<source>.+)$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

Role = str  # "name" | "code" | "unit" | "source" | "programme" | "value" | "ignore"


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


_NAMED_ROW = re.compile(r"^\s*(?i:programma|product|taakveld|exploitatie)\s*:?\s+(\d{1,2}[a-z]?\.?\s+)?[A-Z]")


def _names_with_figures(label: str, rest: list[str]) -> bool:
    """A row under the header that starts with a header word but names something ("Programma Publieke
    Gezondheid") and prints two or more figures beside it is a body row, not more header."""
    return bool(_NAMED_ROW.match(label)) and sum(1 for c in rest if _is_data_cell(c)) >= 2


def _is_data_row_after_header(row: TableRow) -> bool:
    """A bold row right under the header can still be data (a total); it is when most of its cells are numbers."""
    filled = [c for c in row.cells[1:] if c.strip()]
    return bool(filled) and sum(1 for c in filled if _is_data_cell(c)) >= max(1, len(filled) - 1) and bool(row.cells[0].strip())


_UNIT_WORDS = re.compile(r"(?<![\w])(kg|ton|mln|miljoen|km|m2|m²|fte|uur|dagen|weken|maanden|jaar|punten|euro)(?![\w])(\s*\.(?!\d))?", re.IGNORECASE)


def read_value(text: str):
    """`parse_value`, and when that fails, once more without a unit word ("214,4 kg (2022)"); returns (parsed, unit word)."""
    parsed = parse_value(text)
    if parsed is not None:
        return parsed, None
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
    for row in table.rows:
        if _is_data_row(row, any_bold, header_rows):
            break
        header_rows += 1
    if table.header_rows is not None:
        header_rows = table.header_rows
    if header_rows == len(table.rows):
        header_rows = min(header_rows, 1)
    parts: list[list[str]] = [[] for _ in range(n)]
    head = TableHead(header_rows=header_rows, headers=[], caption=table.caption)
    for row in spread_group_headers(table.rows[:header_rows], n):
        filled = [(i, c) for i, c in enumerate(row.cells) if c.strip()]
        joined = " ".join(c for _, c in filled)
        if len(filled) > 1 and _caption_beside_headers(filled):
            head.caption = head.caption or filled[0][1].strip()  # "Tabel 11.1 - …" in the corner over the labels
            row = replace(row, cells=["", *row.cells[1:]])
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
        for i, text in enumerate(row.cells):
            if not text.strip():
                continue
            span = max(1, row.spans[i] if i < len(row.spans) else 1)
            for k in range(i, min(n, i + span)):
                parts[k].append(text.strip())
    head.headers = [" ".join(p) for p in parts]
    _headers_from_repeats(head, table.rows[header_rows:])
    return head


def spread_group_headers(rows: list[TableRow], n: int) -> list[TableRow]:
    """Group headers printed over the middle of their sub-columns cover the whole group.

    "Rekening 2023" centred over "baten | lasten | saldo" lands in the lasten column when the grid has no
    rule to say it spans; the baten and saldo columns would lose their year and kind. When the lowest header
    row repeats one sequence of sub-headers in equal blocks, a cell that is alone in its block in a row above
    covers the whole block.
    """
    if len(rows) < 2:
        return rows
    blocks = _repeating_blocks([c.strip().lower() for c in rows[-1].cells[:n]])
    if not blocks:
        return rows
    out = []
    for row in rows[:-1]:
        cells, spans = list(row.cells), list(row.spans) if len(row.spans) == len(row.cells) else [1] * len(row.cells)
        for start, stop in blocks:
            filled = [k for k in range(start, stop) if k < len(cells) and cells[k].strip()]
            if len(filled) != 1 or stop > len(cells) or filled[0] + max(1, spans[filled[0]]) > stop:
                continue  # not alone in its block, or spanning beyond it
            text = cells[filled[0]]
            cells[filled[0]] = ""
            cells[start], spans[start] = text, stop - start
            for k in range(start + 1, stop):
                spans[k] = 0
        out.append(replace(row, cells=cells, spans=spans))
    return [*out, rows[-1]]


def _repeating_blocks(texts: list[str]) -> list[tuple[int, int]]:
    """[start, stop) column ranges where `texts` (label column first) repeat one sequence of two or more sub-headers."""
    first = next((i for i in range(1, len(texts)) if texts[i]), None)
    if first is None:
        return []
    starts = [i for i in range(first, len(texts)) if texts[i] == texts[first]]
    width = starts[1] - starts[0] if len(starts) >= 2 else 0
    if width < 2 or starts != list(range(first, first + width * len(starts), width)) or first + width * len(starts) != len(texts):
        return []
    pattern = texts[first:first + width]
    if not all(pattern) or any(texts[s:s + width] != pattern for s in starts):
        return []
    return [(s, s + width) for s in starts]


def _caption_beside_headers(filled: list[tuple[int, str]]) -> bool:
    """A header row whose first cell is the table's caption ("Tabel 11.1 - Meerjarenbeeld") and whose other cells
    are column headers naming years or kinds: the caption stands in the corner, the headers stay."""
    if filled[0][0] != 0 or not CAPTION_ROW.match(filled[0][1]):
        return False
    return all(classify_header(text).is_axis for _, text in filled[1:])


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

    @property
    def is_axis(self) -> bool:
        """The header names a year, a kind, a side or an area: the column is a value axis."""
        return self.role == "value" and bool(self.year or self.value_type or self.budget_kind or self.side or self.scope)


_NAME_HEADER = re.compile(r"^\W*((effect|prestatie|beleids)-?)?indicator|^\W*(omschrijving|naam)\b", re.IGNORECASE)
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


@lru_cache(maxsize=4096)
def classify_header(header: str) -> HeaderMeaning:
    """The meaning of one column header, from the shared vocabulary."""
    text = " ".join(header.split())
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
    return HeaderMeaning(
        role="value", year=year, value_type=value_type, budget_kind=_first("budget_kind", text),
        side=_first("side", text), scope=scope, money=bool(_first("money", text)),
    )


def indicator_value_type(header: str) -> Optional[str]:
    """The value type an indicator column header states (realisatie, streefwaarde, referentie, prognose), or None.

    The one reading of the shared vocabulary for every indicator reader, PDF or text."""
    meaning = classify_header(header)
    return meaning.value_type if meaning.role == "value" else None


# --------------------------------------------------------------------------- scale, labels, context


_SCALE = re.compile(
    r"(?:x|×|\*|in)\s*(?:€|eur(?:o)?)?\s*(1\.?000\.?000|1\.?000|1\s*mln|mln|miljoen|duizend)\b"
    r"|€\s*['’]?\s*(000|mln)\b|in\s+(duizenden|miljoenen)\s+(?:van\s+)?euro|(?:x|×)\s*€\s*(1\s*(?:mln|miljoen))",
    re.IGNORECASE,
)


def scale_of(texts: list[str]) -> Optional[float]:
    """The multiplier a table states for its amounts ("bedragen x € 1.000", "€ '000", "in duizenden euro's", "x € 1 mln")."""
    for text in texts:
        match = _SCALE.search(text or "")
        if match:
            token = next(g for g in match.groups() if g).lower().replace(" ", "").replace(".", "")
            return 1_000_000.0 if token in ("1000000", "1mln", "mln", "miljoen", "miljoenen") else 1000.0
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


TAAKVELD_CODE = re.compile(r"^\s*(?P<code>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+(?P<name>\S.*)$")
_MONEY_CONTEXT = re.compile(r"wat\s+(mag|heeft|gaat)\s+het\s+(kosten|gekost)|baten\s+en\s+lasten|€|x\s*1\.?000|kosten|budget|financi|"
                            r"krediet|investering|reserve|voorziening|subsidie|dekking", re.IGNORECASE)
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
                            r"|volgt|n\.?\s?v\.?\s?t\.?|n\.?\s?b\.?|p\.?\s?m\.?)\b", re.IGNORECASE)
_DASH_CELL = re.compile(r"^\s*[-–—]\s*$")  # "-": nothing in this cell (a zero or no amount), not a word
_NUMBER_WITH_NOTE = re.compile(r"^\s*[-−]?\d[\d.,]*\s*%?\s*\([^()]*[^\W\d_]{3}[^()]*\)\s*$")


def _numeric_share(rows: list[TableRow], col: int) -> tuple[int, int]:
    """(cells read as a figure, filled cells) of a column; "nog niet bekend" and the like are not counted as filled,
    and a figure with an explanation in brackets ("1.023 (nieuwbouw en splitsing)") counts as a figure."""
    filled = [r.cells[col] for r in rows if col < len(r.cells) and r.cells[col].strip() and not _NO_VALUE_TEXT.match(r.cells[col])
              and not _DASH_CELL.match(r.cells[col])]
    numbers = sum(1 for c in filled if read_value(c)[0] is not None or parse_money(c) is not None or _NUMBER_WITH_NOTE.match(c))
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


def parse_money(cell: str) -> Optional[float]:
    """An amount as printed in a budget cell: "€ 769.100", "4.977-" (trailing minus), "(1.234)", "-/- 12"."""
    from extractor.parse.values import parse_number  # noqa: PLC0415 - keeps the import list short

    text = " ".join(cell.replace("€", " ").split())
    if not text:
        return None
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
        if i == label_col or meaning.role != "value" or meaning.is_axis or meaning.money or not _AREA_NAME.match(name):
            continue
        got, filled = _numeric_share(body, i)
        if got and got >= 0.5 * filled:
            out[i] = HeaderMeaning(role="value", scope=name)
    return out


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
    label_col = next((i for i, m in enumerate(meanings) if m.role == "label"), 0)
    meanings = _area_columns(meanings, head.headers, body, label_col)
    value_cols = []
    for i, meaning in enumerate(meanings):
        if i == label_col or meaning.role != "value":
            continue
        got, filled = _numeric_share(body, i)
        if got and got >= 0.5 * filled and (meaning.is_axis or meaning.money):
            value_cols.append(i)
    if not value_cols:
        reason = "no value columns: the header names no years, kinds, areas or money over numeric cells"
        if _NOT_NUMERIC_TABLE.search(" ".join(head.headers)):
            reason = "a list (projects, risks, planning), not indicators or money"
        return Verdict(None, reason, numeric, head, meanings, label_col)
    labels = [r.cells[label_col].strip() for r in body if label_col < len(r.cells)]
    if sum(1 for x in labels if re.search(r"[^\W\d_]{3}", x)) < 1:
        return Verdict(None, "no row labels in the first column", numeric, head, meanings, label_col)
    scale = scale_of([context_text, *(ln.text for ln in table.notes[:3]), *(r.cells[0] for r in body[:1])])
    sides_in_rows = any(_first("side", x) and len(x) < 40 for x in labels)
    money_cells = any("€" in r.cells[c] for r in body for c in value_cols if c < len(r.cells))
    budget_cols = [c for c in value_cols if meanings[c].budget_kind or meanings[c].side]
    taakvelden = sum(1 for x in labels if TAAKVELD_CODE.match(x))
    own_text = " ".join([head.caption or "", *head.extra, *head.headers])
    indicator_words = bool(_INDICATOR_CONTEXT.search(own_text))
    if indicator_words:  # the header names indicators: only the table's structure makes it a budget table
        sides_in_rows = any(_SIDE_ROW.match(x) for x in labels)
        money_cells = False  # "€ 30,4 mln" under "Streefwaarde" is an indicator value
    money = bool(scale) or money_cells or any(meanings[c].side for c in value_cols) or \
        (sides_in_rows and (budget_cols or _MONEY_CONTEXT.search(context_text))) or taakvelden >= 2 or \
        (not indicator_words and (any(meanings[c].money for c in value_cols) or bool(_MONEY_CONTEXT.search(context_text))))
    if _CAPITAL.search(own_text):
        return Verdict(None, "investeringen/kredieten or risks: capital and risk amounts, not the exploitatie budget",
                       numeric, head, meanings, label_col)
    if _TARIFFS.search(context_text):
        return Verdict(None, "tariffs (tarieven, leges), not budget amounts or indicators", numeric, head, meanings, label_col)
    if money:
        return Verdict("budget", "", numeric, head, meanings, label_col, value_cols, scale)
    indicator_axes = any(meanings[c].scope or (meanings[c].value_type and not meanings[c].budget_kind) for c in value_cols)
    if not indicator_axes and not indicator_words and _PARAMETERS.search(context_text):
        return Verdict(None, "budget parameters (uitgangspunten: indexation, rates), neither indicators nor amounts",
                       numeric, head, meanings, label_col)
    cues = sum(1 for x in labels if _indicator_name(x))
    if indicator_axes or _INDICATOR_CONTEXT.search(context_text) or cues >= max(1, len(labels) // 2):
        return Verdict("indicator", "", numeric, head, meanings, label_col, value_cols, scale)
    return Verdict(None, "years or kinds as columns, but neither indicator names nor money (no €, scale or baten/lasten)",
                   numeric, head, meanings, label_col, value_cols, scale)


_SIDE_ROW = re.compile(r"^\s*(totaal\s+|totale\s+)?(baten|lasten|saldo|opbrengsten|uitgaven)\b", re.IGNORECASE)
_PARAMETERS = re.compile(r"\buitgangspunt(en)?\b|\bparameters?\b|\bindexering(en)?\b|\bindexatie\b", re.IGNORECASE)
_CAPITAL = re.compile(r"krediet|kapitaalgoed|risico|^\W*(tabel\s*[\d.]+\s*-?\s*)?investeringen\b", re.IGNORECASE)
_TARIFFS = re.compile(r"\btarie(f|ven)\b|\bleges\b|belastingtarie|\bwoonlasten", re.IGNORECASE)
_INDICATOR_CONTEXT = re.compile(r"indicator|kengetal|monitor|tabellenboek|streefwaarde|peilwaarde|nulmeting", re.IGNORECASE)
_INDICATOR_LABEL = re.compile(r"%|\bper\s+(1\.?000|10\.?000|100)\b|\baantal\b|percentage|\bgemiddeld|\bscore|tevreden|\bcijfer\b|\baandeel\b", re.IGNORECASE)


def _indicator_name(label: str) -> bool:
    """A row label that reads like an indicator name ("% inwoners …", "Aantal … per 1.000 inwoners"); a label that is a
    paragraph (an explanation of 16 words or more, as in a table of budget assumptions) is no indicator name."""
    return len(label.split()) < 16 and bool(_INDICATOR_LABEL.search(label))
