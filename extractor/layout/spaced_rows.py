"""Indicator tables copied one row per line with every cell separated by a single space (no pipes, no tabs):

    Taakveld Indicator Eenheid Score Gemeente Score 25.000-50.000 Jaar Bron
    0. Bestuur  Formatie fte per 1.000 inwoners 7,10 n.v.t. 2018 Eigen gegevens
      Bezetting fte per 1.000 inwoners 6,65 n.v.t. 2018 Eigen gegevens

Single spaces separate words as well as cells, so a row is read only where every cell can be placed with certainty:

* the header names its columns in this order: (a group column such as "Taakveld"), a label column ("Indicator"), a
  unit column ("Eenheid"), two or more value columns that each start with the same word ("Score A Score B"), a year
  column ("Jaar") and a source column ("Bron");
* from a row's end: the source words, one year (or a span "2016-2017") and exactly one figure per value column
  ("n.v.t." included), placed in one way only;
* the words before the figures are group, name and unit: the name is a BBV beleidsindicator of the catalogue
  (`models/data/bbv_indicators.csv`, its name or a printed alias), the words after it the unit, the words before it
  the group cell (printed on the first row of its group only).

A second order prints the unit last and no year or source column (a number column first, then a group and a name):

    Nr. Programma Naam Rekening 2038 Begroting 2039 Begroting 2040 Eenheid
    4. 01. Veilig wonen Winkeldiefstallen 2,1 2,0 1,9 per 1.000 inwoners

There the figures are the one run of exactly as many figures as value columns followed by words (or the row's end),
the unit the words after them, and the name starts where a catalogue name (articles optional) follows a numbered group
cell; everything up to the figures is the name ("… per 1.000 inwoners" printed in it). A row where the catalogue gives
more than one place for that boundary (the number column then chooses, as the BBV number) or none is left out.

A row with figures that fails any of this is left out and listed in `Table.uncertain_rows` (warned as
`table_uncertain`); nothing is guessed.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Optional

from extractor.layout.header_vocabulary import column_role, is_area_header, kind_word
from extractor.layout.table_grid import _row, _table, _value_like
from extractor.layout.tables import Table
from extractor.read.types import Line
from extractor.resources import data_dir

_GROUP = re.compile(r"^(taakveld(en)?|programma(\(nr\.?\))?|thema)$", re.IGNORECASE)
_LABEL = re.compile(r"^(indicator(en)?|beleidsindicator(en)?|omschrijving|naam)$", re.IGNORECASE)
_CODE_CELL = re.compile(r"^\d{1,3}[a-z]?\.?$")
_ARTICLES = frozenset({"de", "het", "een"})
_GROUP_CELL = re.compile(r"^\d{1,2}(\.\d{1,2})?\.?\s+\S")
_YEAR_CELL = re.compile(r"^(19|20)\d{2}([-/](19|20)?\d{2})?$")
_ROW_FIGURE = re.compile(r"\d")


def spaced_role_tables(lines: list[Line]) -> list[Table]:
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        header = _header(lines[k].text)
        unit_last = None if header else _unit_last_header(lines[k].text)
        if header is None and unit_last is None:
            k += 1
            continue
        table, k = _read(lines, k, header) if header else _read_unit_last(lines, k, unit_last)  # type: ignore[arg-type]
        if table is not None:
            tables.append(table)
    return tables


def _header(text: str) -> Optional[tuple[list[str], bool]]:
    """(header cells, has a group column) of a header line in the order above, or None."""
    words = text.split()
    if len(words) < 6 or len(words) > 20:
        return None
    i = 0
    group = bool(_GROUP.match(words[0]))
    if group:
        i = 1
    if not (i + 1 < len(words) and _LABEL.match(words[i]) and column_role(words[i + 1]) == "unit"):
        return None
    if len(words) < i + 6 or column_role(words[-2]) != "year" or column_role(words[-1]) != "source":
        return None
    values = _value_headers(words[i + 2:-2])
    if values is None:
        return None
    return [*(words[:1] if group else []), words[i], words[i + 1], *values, words[-2], words[-1]], group


def _unit_last_header(text: str) -> Optional[list[str]]:
    """The header cells of the second order ("Nr. Programma Naam <value columns> Eenheid"; the number column
    optional), or None."""
    words = text.split()
    i = 1 if words and column_role(words[0]) == "code" else 0
    if len(words) < i + 5 or len(words) > 20 or not (_GROUP.match(words[i]) and _LABEL.match(words[i + 1])):
        return None
    if column_role(words[-1]) != "unit":
        return None
    values = _value_headers(words[i + 2:-1])
    return None if values is None else [*words[:i + 2], *values, words[-1]]


def _value_headers(words: list[str]) -> Optional[list[str]]:
    """The value column headers of the words between the unit and year columns: a new column starts at each kind or
    area word ("Score", "Realisatie", "Nederland") unless it follows a lone kind word ("Score 25.000-50.000"), and at a
    second year ("Score A Score 25.000-50.000",
    "Realisatie 2039 Begroting 2040", "Zandvoorde Nederland"). Only the first column may be words of neither kind (the
    gemeente's own name); two or more columns."""
    parts: list[list[str]] = []
    for word in words:
        opens = bool(kind_word(word) or is_area_header(word))
        year = bool(_YEAR_CELL.match(word))
        lone_kind = bool(parts) and len(parts[-1]) == 1 and _is_kind(parts[-1][0]) and not is_area_header(parts[-1][0])
        if not parts or opens and not lone_kind or year and any(_YEAR_CELL.match(w) for w in parts[-1]):
            parts.append([word])
        else:
            parts[-1].append(word)
    if len(parts) < 2 or not all(_marked(p) for p in parts[1:]):
        return None
    return [" ".join(p) for p in parts]


def _is_kind(word: str) -> bool:
    return bool(kind_word(word))


def _marked(part: list[str]) -> bool:
    """A header part that names a kind, an area or a year."""
    return any(kind_word(w) or is_area_header(w) or _YEAR_CELL.match(w) for w in part)


def _read(lines: list[Line], k: int, header: tuple[list[str], bool]) -> tuple[Optional[Table], int]:
    cells, group = header
    n_values = len(cells) - (5 if group else 4)
    rows = [_row(cells, (lines[k].line_no or 0, lines[k].line_no or 0), lines[k].page)]
    uncertain: list[str] = []
    j = k + 1
    while j < len(lines):
        text = lines[j].text
        if not text.strip():
            break
        if not _ROW_FIGURE.search(text):
            break
        read = _row_cells(text, n_values, group)
        if read is None:
            uncertain.append(" ".join(text.split()))
        else:
            rows.append(_row(read, (lines[j].line_no or 0, lines[j].line_no or 0), lines[j].page))
        j += 1
    if len(rows) < 2 and not uncertain:
        return None, k + 1
    if len(rows) < 2:
        rows.append(_row([""] * len(cells), rows[0].lines, rows[0].page))
    table = _table(rows, len(cells), "text", lines[max(0, k - 3):k])
    table.header_rows = 1
    table.uncertain_rows = uncertain
    return table, j


def _read_unit_last(lines: list[Line], k: int, cells: list[str]) -> tuple[Optional[Table], int]:
    """The rows under a header of the second order, one per line until a line without figures."""
    coded = column_role(cells[0]) == "code"
    n_values = len(cells) - (4 if coded else 3)
    rows = [_row(cells, (lines[k].line_no or 0, lines[k].line_no or 0), lines[k].page)]
    uncertain: list[str] = []
    j = k + 1
    while j < len(lines) and lines[j].text.strip() and _ROW_FIGURE.search(lines[j].text):
        read = _unit_last_cells(lines[j].text, n_values, coded)
        if read is None:
            uncertain.append(" ".join(lines[j].text.split()))
        else:
            rows.append(_row(read, (lines[j].line_no or 0, lines[j].line_no or 0), lines[j].page))
        j += 1
    if len(rows) < 2:
        return None, k + 1
    table = _table(rows, len(cells), "text", lines[max(0, k - 3):k])
    table.header_rows = 1
    table.uncertain_rows = uncertain
    return table, j


def _unit_last_cells(text: str, n_values: int, coded: bool) -> Optional[list[str]]:
    """(number,) group, name, figures, unit of one row of the second order, or None when not certain."""
    tokens = _tokens(text)
    first = 1 if coded else 0
    if coded and (not tokens or not _CODE_CELL.match(tokens[0])):
        return None
    fits = [k for k in range(first + 2, len(tokens) - n_values + 1)
            if all(_is_value(t) for t in tokens[k:k + n_values]) and not _is_value(tokens[k - 1])
            and (k + n_values == len(tokens) or not _is_value(tokens[k + n_values]))]
    if len(fits) != 1:
        return None
    k = fits[0]
    split = _group_and_name(" ".join(tokens[first:k]), tokens[0].rstrip(".") if coded else None)
    if split is None:
        return None
    return [*tokens[:first], *split, *tokens[k:k + n_values], " ".join(tokens[k + n_values:])]


def _group_and_name(words: str, number: Optional[str]) -> Optional[tuple[str, str]]:
    """(numbered group cell, name) where exactly one place for the boundary is a catalogue name's start (not inside a
    longer catalogue name that starts earlier); with several,
    the one of the catalogue entry whose BBV number is `number`. A sign before the name ("% kinderen …") is the
    name's."""
    found = [(m.start(), m.end(), bbv_number) for pattern, bbv_number in _name_patterns()
             for m in pattern.finditer(f"{words} ") if _GROUP_CELL.match(words[:m.start()].strip())]
    starts: dict[int, set[str]] = {}
    for start, _, bbv_number in found:
        if not any(s < start < e for s, e, _ in found):  # "Vestigingen" inside "Aantal vestigingen" is no start
            starts.setdefault(start, set()).add(bbv_number)
    if len(starts) > 1 and number:
        starts = {s: n for s, n in starts.items() if number in n}
    if len(starts) != 1:
        return None
    (start,) = starts
    group, name = words[:start].strip(), words[start:].strip()
    sign = re.search(r"\s([^\w\s]+)$", group)
    if sign:
        group, name = group[:sign.start()].strip(), f"{sign.group(1)} {name}"
    return group, name


def names_bbv_indicator(label: str) -> bool:
    """The label starts with a BBV beleidsindicator's catalogue name or alias ("Netto arbeidsparticipatie"): an
    indicator's row, whatever budget word its name holds."""
    text = f"{' '.join(label.split())} "
    return any(pattern.match(text) for pattern, _ in _name_patterns())


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, BBV number) of every catalogue name and alias; its articles may be left out ("Jongeren met delict voor
    rechter")."""
    out: list[tuple[re.Pattern, str]] = []
    with (data_dir() / "bbv_indicators.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            for name in (row["name"], *(a for a in row["aliases"].split("|") if a)):
                body = "".join(rf"(?:{re.escape(w)}\s+)?" if w.lower() in _ARTICLES else rf"{re.escape(w)}\s+"
                               for w in name.split())
                out.append((re.compile(rf"(?<!\S){body}", re.IGNORECASE), row["bbv_number"]))
    return tuple(out)


def _tokens(text: str) -> list[str]:
    """Words, with a currency sign or "-/-" joined to the figure after it ("€ 454" is one cell)."""
    out: list[str] = []
    for word in text.split():
        if out and out[-1] in ("€", "-/-") and re.match(r"^[-\d]", word):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _is_value(cell: str) -> bool:
    return _value_like(cell) and not _YEAR_CELL.match(cell)


def _row_cells(text: str, n_values: int, group: bool) -> Optional[list[str]]:
    """The cells of one row line, or None when they cannot be placed with certainty."""
    tokens = _tokens(text)
    fits = [k for k in range(1, len(tokens) - n_values - 1)
            if all(_is_value(t) for t in tokens[k:k + n_values]) and _YEAR_CELL.match(tokens[k + n_values])
            and not any(_ROW_FIGURE.search(t) and _is_value(t) for t in tokens[k + n_values + 1:])]
    if len(fits) != 1:
        return None
    k = fits[0]
    words = " ".join(tokens[:k])
    split = _name_and_unit(words, text[:1].isspace() or not group)
    if split is None:
        return None
    before, name, unit = split
    figures = tokens[k:k + n_values]
    return [*([before] if group else []), name, unit, *figures, tokens[k + n_values], " ".join(tokens[k + n_values + 1:])]


_OPEN_END = re.compile(r"(?<!\S)(per|van|de|het|een|en|tot|t/m|op|in|als|aan|[\d.,]+)$", re.IGNORECASE)  # a unit cut short


def _name_and_unit(words: str, continuation: bool) -> Optional[tuple[str, str, str]]:
    """(group cell, name, unit) of the words before the figures: the name is a catalogue name or alias (the one whose
    following words are most like its catalogue unit); before it nothing on a continuation row, else a numbered
    group cell ("0. Bestuur en ondersteuning")."""
    best: Optional[tuple[float, tuple[str, str, str]]] = None
    for name, units in _catalogue():
        for match in re.finditer(rf"(?<!\S){re.escape(name)}(?=\s)", words, re.IGNORECASE):
            before, unit = words[:match.start()].strip(), words[match.end():].strip()
            if not unit or _OPEN_END.search(unit) or (before and (continuation or not _GROUP_CELL.match(before))) or (not before and not continuation):
                continue
            score = max(_likeness(unit, u) for u in units)
            if best is None or score > best[0]:
                best = (score, (before, words[match.start():match.end()], unit))
    return best[1] if best else None


def _likeness(printed: str, unit: str) -> float:
    a, b = set(printed.lower().split()), set(unit.lower().split())
    return len(a & b) / max(len(a | b), 1)


@lru_cache(maxsize=1)
def _catalogue() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(lower-case name or alias, its units now and before) of every BBV beleidsindicator, longest names first."""
    entries: list[tuple[str, tuple[str, ...]]] = []
    with (data_dir() / "bbv_indicators.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            units = (row["unit"], *(u.split("@")[0] for u in row["unit_history"].split("|") if u))
            for name in (row["name"], *(a for a in row["aliases"].split("|") if a)):
                entries.append((name.lower().strip(), units))
    return tuple(sorted(entries, key=lambda e: -len(e[0])))
