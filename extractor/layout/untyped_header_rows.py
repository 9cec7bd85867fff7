"""Numbered rows under a header of plain words, printed one cell per line.

A web table copied one cell per line whose header names no year or kind ("waarvan" / "Totaal" / "eigen" /
"project-" / "kosten" / "taken") is no header run for `table_grid` (it looks for years and kind words). The
rows say what the table is: each opens with a row number ("2.", "2.a") and a name, then one to N figures; a total
row prints its name and all N figures. N is the most figures any row prints, and at least two rows print all N.
A row printing fewer figures dropped its empty cells: its figures stay unplaced (`TableRow.unplaced`, with a
`problem`), so only a reader that proves their columns (the table's arithmetic) places them.

The header's words name the columns only when they pair one to one with the N columns (a line-break hyphen joins
two cells: "project-" / "kosten"). Otherwise which word heads which column is not printed: every column is
named by the whole header and its position ("… (kolom 2)"), never by a guessed word.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.table_grid import (
    _FULL_YEAR, _KIND_WORD, _ROLE_WORD, _Item, _row, _table, is_header_cell, is_number_cell, tables_in_cell_blocks,
)
from extractor.layout.tables import Table, TableRow
from extractor.read.types import Line

_ROW_NUMBER = re.compile(r"^\d{1,2}\.(?:[a-z]|\d{1,2})?\.?$|^\d{1,2}[a-z]\.?$")  # "2.", "2.a", "3.1", "4b"
_HEADER_WORD = re.compile(r"^[^\W\d_][^\d]{0,29}$")  # a short cell of words, no figure


def untyped_header_tables(lines: list[Line]) -> list[Table]:
    """Every table of numbered rows under a plain-word header in the one-cell-per-line blocks of `lines`."""
    return tables_in_cell_blocks(lines, lambda block, i: _read(lines, block, i))


def _is_header_word(text: str) -> bool:
    t = text.strip()
    return bool(_HEADER_WORD.match(t)) and len(t.split()) <= 3 and not t.endswith((".", ":", ";", ","))


def _is_name(text: str) -> bool:
    t = text.strip()
    return bool(t) and not is_number_cell(t) and not _ROW_NUMBER.match(t) and len(t) <= 120


def _read(lines: list[Line], block: list[_Item], i: int) -> Optional[tuple[Table, int]]:
    if (i > 0 and _is_header_word(block[i - 1].text)) or not _is_header_word(block[i].text):
        return None  # a header starts where the run of word cells starts
    j = i
    while j < len(block) and _is_header_word(block[j].text):
        j += 1
    if j - i < 2 or j >= len(block) or not _ROW_NUMBER.match(block[j].text.strip()) or not _plain_header(block, i, j):
        return None
    found = _rows(block, j)
    if found is None:
        return None
    rows, n, end = found
    head = _row(["", *_column_names([b.text.strip() for b in block[i:j]], n)], (block[i].first, block[j - 1].last),
                block[i].page)
    above = [ln for ln in lines if ln.line_no is not None and ln.line_no < block[i].first and ln.text.strip()][-3:]
    table = _table([head, *rows], n + 1, "text", above)
    table.header_rows = 1
    return table, end


def _plain_header(block: list[_Item], i: int, j: int) -> bool:
    """The word cells name no year, kind or role and no such header cell stands right above them: a header with
    those is `table_grid`'s to read (this reader would cut it short)."""
    words = _column_names([b.text.strip() for b in block[i:j]], j - i)
    if any(_KIND_WORD.search(w) or _ROLE_WORD.match(w) for w in words):
        return False
    before = block[i - 1].text.strip() if i > 0 else ""
    return not (before and (is_header_cell(before) or _FULL_YEAR.search(before)) and len(before) <= 40)


def _rows(block: list[_Item], j: int) -> Optional[tuple[list[TableRow], int, int]]:
    """The numbered rows from `j` (and total rows: a name and figures), their width N and the index after them."""
    found: list[tuple[str, list[_Item], int, int]] = []
    k = j
    while k < len(block):
        start = k
        label = ""
        if _ROW_NUMBER.match(block[k].text.strip()) and k + 1 < len(block) and _is_name(block[k + 1].text):
            label, k = f"{block[k].text.strip()} {block[k + 1].text.strip()}", k + 2
        elif _is_name(block[k].text) and k + 1 < len(block) and is_number_cell(block[k + 1].text) and found:
            label, k = block[k].text.strip(), k + 1
        else:
            break
        figures: list[_Item] = []
        while k < len(block) and is_number_cell(block[k].text):
            figures.append(block[k])
            k += 1
        if not figures:
            k = start
            break
        found.append((label, figures, start, k))
    counts = [len(f) for _, f, _, _ in found]
    n = max(counts, default=0)
    if n < 2 or counts.count(n) < 2:
        return None
    rows: list[TableRow] = []
    for label, figures, start, _ in found:
        row = _row([label, *([f.text.strip() for f in figures] if len(figures) == n else [""] * n)],
                   (block[start].first, figures[-1].last), block[start].page)
        if len(figures) < n:
            row.unplaced = [f.text.strip() for f in figures]
            row.problem = (f"{len(figures)} figure(s) for {n} value columns (empty cells not copied): "
                           "which columns they are in is not printed")
        rows.append(row)
    return rows, n, k


def _column_names(words: list[str], n: int) -> list[str]:
    """The N column names from the header's word cells: one per column when they pair one to one after joining a
    line-break hyphen ("project-" / "kosten"); else the whole header and the column's position."""
    joined: list[str] = []
    for w in words:
        if joined and joined[-1].endswith("-") and w[:1].islower():
            joined[-1] = joined[-1][:-1] + w
        else:
            joined.append(w)
    if len(joined) == n:
        return joined
    header = " ".join(joined)
    return [f"{header} (kolom {k + 1})" for k in range(n)]
