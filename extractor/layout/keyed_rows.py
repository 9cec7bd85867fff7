"""Tables printed one cell per line whose rows are keyed by a kind and a year, not by a name of their own.

A multi-year statement of reserves prints a header of a row-key column and its value columns ("Jaartal" /
"Stand 1-1" / "Toevoeging" / "Onttrekking" / "Stand 31-12"), then per group a name row ("Algemene reserve")
followed by rows that start with a kind and a year ("jaarrekening" / "2016", or "begroting 2021" in one cell)
and print one cell per value column:

    Jaartal | Stand 1-1 | Toevoeging | Stand 31-12
    Reserve A                                       <- a group row: the name of the rows below it
    rekening 2037 | 100 | 20 | 120
    begroting 2039 | 120 | - | 120

Each row becomes ``[group name, key, v1 … vN]`` under ``["", "Jaartal", h1 … hN]``, so the meaning layer sees
a label column (the group), a row-key column (role ``year`` in `models/data/table_headers.csv`: each row's
kind and year) and the value columns. A row is only taken when it prints exactly one cell per value column
(a figure or a no-value mark such as "-"); anything else ends the table, so no figure is placed by guess.

A statement of reserves with the reserves in the rows prints a name header and balance and mutation columns
("Omschrijving" / "Saldo 1-1-2038" / "Vermeerdering" / "Vermindering" / "Saldo 31-12-2038"), words no kind
vocabulary knows; it is read the same way: a name and exactly one cell per column per row.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.table_grid import (
    _ROW_YEAR_HEADER, _Item, _caption_above, _row, _table, _value_like, is_number_cell, is_year_cell, tables_in_cell_blocks)
from extractor.layout.tables import Table
from extractor.read.types import Line

# a kind printed as its own cell before the row's year ("jaarrekening" / "2016"): no sides, no figures
_ROW_KIND = re.compile(r"^(jaar)?rekening|^realisatie|^werkelijk|^begroting|^begroot|^primitieve|^gewijzigde|^raming|"
                       r"^prognose|^meerjarenraming", re.IGNORECASE)
_KIND_AND_YEAR = re.compile(r"^(?P<kind>[^\d]{3,40}?)\s+(?P<year>(19|20)\d{2})$")
_MIN_ROWS = 2


def keyed_row_tables(lines: list[Line]) -> list[Table]:
    """Every table of rows keyed by kind and year, or of a statement of reserves (one cell per line), in the text,
    in document order."""
    return tables_in_cell_blocks(lines, lambda block, i: _read_keyed(block, i) or _read_statement(block, i))


def _kind_cell(text: str) -> bool:
    t = text.strip()
    return len(t.split()) <= 3 and not re.search(r"\d", t) and bool(_ROW_KIND.match(t))


def _key_at(block: list[_Item], k: int) -> Optional[tuple[str, int]]:
    """The row key starting at item k ("jaarrekening" / "2016", "begroting 2021" or a bare "2016") and the index
    after it; None when no key starts there."""
    if k >= len(block):
        return None
    text = " ".join(block[k].text.split())
    if is_year_cell(text) and re.fullmatch(r"(19|20)\d{2}", text):
        return text, k + 1
    both = _KIND_AND_YEAR.match(text)
    if both and _kind_cell(both.group("kind")):
        return text, k + 1
    if _kind_cell(text) and k + 1 < len(block) and re.fullmatch(r"(19|20)\d{2}", block[k + 1].text.strip()):
        return f"{text} {block[k + 1].text.strip()}", k + 2
    return None


def _keyed_row(block: list[_Item], k: int, n_values: int) -> Optional[tuple[str, list[str], int]]:
    """A key and exactly `n_values` value cells from item k (each a figure or a no-value mark, at least one figure),
    not followed by a further figure (a row longer than the header is out of step); else None."""
    key = _key_at(block, k)
    if key is None:
        return None
    text, x = key
    cells = block[x:x + n_values]
    if len(cells) < n_values or not all(_value_like(c.text) and not is_year_cell(c.text) for c in cells):
        return None
    if not any(is_number_cell(c.text) and re.search(r"\d", c.text) for c in cells):
        return None
    end = x + n_values
    if end < len(block) and _value_like(block[end].text) and not is_year_cell(block[end].text):
        return None
    return text, [c.text for c in cells], end


def _group_name(text: str) -> bool:
    """A group row: a short name, no figure, no year, no kind of its own, not a sentence."""
    t = text.strip()
    return 0 < len(t) <= 80 and not _value_like(t) and not is_year_cell(t) and not _kind_cell(t) \
        and _key_at([_Item(t, 0, 0, 0)], 0) is None and not t.endswith((".", ":"))


def _header(block: list[_Item], start: int) -> Optional[tuple[list[_Item], int]]:
    """A row-key header cell ("Jaartal", "Jaar", "Periode") followed by two or more short word cells (the value
    columns), up to the first group row or key row; returns the value headers and the index of the body."""
    if not _ROW_YEAR_HEADER.match(block[start].text.strip()):
        return None
    j = start + 1
    while j < len(block):
        text = block[j].text.strip()
        if _key_at(block, j) is not None or _group_name(text) and _key_at(block, j + 1) is not None:
            break
        if len(text) > 60 or _value_like(text) or is_year_cell(text) or text.endswith((".", ":")):
            return None
        j += 1
    heads = block[start + 1:j]
    return (heads, j) if len(heads) >= 2 and j < len(block) else None


def _read_keyed(block: list[_Item], start: int) -> Optional[tuple[Table, int]]:
    found = _header(block, start)
    if found is None:
        return None
    heads, k = found
    n_values = len(heads)
    first = block[start]
    rows = [_row(["", first.text.strip(), *(h.text.strip() for h in heads)], (first.first, heads[-1].last), first.page)]
    group: Optional[_Item] = None
    keyed = 0
    while k < len(block):
        row = _keyed_row(block, k, n_values)
        if row is not None:
            key, values, end = row
            label = group.text.strip() if group is not None else key
            rows.append(_row([label, key, *values], (block[k].first, block[end - 1].last), block[k].page))
            keyed += 1
            k = end
            continue
        if _group_name(block[k].text) and _keyed_row(block, k + 1, n_values) is not None:
            group = block[k]
            k += 1
            continue
        break
    if keyed < _MIN_ROWS:
        return None
    above = [Line(text=item.text) for item in block[max(0, start - 3):start]]
    table = _table(rows, n_values + 2, "text", above)
    table.header_rows = 1
    table.caption = _caption_above(block, start)
    return table, k


# a balance on a date ("Stand 1-1", "Saldo per 31-12-2038", "Boekwaarde 1 januari") or a mutation of a reserve
_BALANCE = re.compile(r"^(stand|saldo|boekwaarde)\b.*(\d{1,2}[-/ ]\d{1,2}|\d{1,2}\s+(jan|dec))"
                      r"|^(1[-/]1|31[-/]12)[-/](19|20)\d{2}$", re.IGNORECASE)  # or only the date: "1-1-2038"
_MUTATION = re.compile(r"^(toevoeging|onttrekking|vermeerdering|vermindering|dotatie|storting|bestemming\s+(van\s+(het\s+)?)?resultaat|"
                       r"mutatie|rentetoevoeging)", re.IGNORECASE)
_UNIT_IN_CAPTION = re.compile(r"\(?\s*(bedragen\s+)?(x|in)\s*€?\s*1\.?000(\.?000)?\s*\)?", re.IGNORECASE)


def _statement_column(text: str) -> bool:
    """A balance or mutation header; a word the copy broke with a hyphen ("Onttrek-kingen") reads as one word."""
    t = re.sub(r"(?<=[a-z])-(?=[a-z])", "", text.strip())
    return len(text) <= 60 and bool(_BALANCE.match(t) or _MUTATION.match(t))


def _name_header(text: str) -> bool:
    """The label column's header: a short name ("Omschrijving"), or a caption stating the unit ("Verloop reserves
    (x € 1.000)") standing over the names."""
    first = _UNIT_IN_CAPTION.sub(" ", text.strip()).strip()
    return bool(first) and len(first) <= 40 and not re.search(r"\d", first) and not _value_like(first) \
        and not first.endswith((".", ":")) and not _statement_column(text)


def _statement_header(block: list[_Item], start: int) -> Optional[list[_Item]]:
    """A short name header followed by balance and mutation headers only (at least one of each, three or more)."""
    if not _name_header(block[start].text):
        return None
    heads: list[_Item] = []
    j = start + 1
    while j < len(block) and _statement_column(block[j].text):
        heads.append(block[j])
        j += 1
    texts = [h.text.strip() for h in heads]
    if len(heads) < 3 or not any(_BALANCE.match(t) for t in texts) or \
            not any(_statement_column(t) and not _BALANCE.match(t) for t in texts):
        return None
    return heads


def _named_row(block: list[_Item], k: int, n_values: int) -> Optional[tuple[str, list[str], int]]:
    """A name and exactly `n_values` value cells (at least one figure), not followed by a further figure."""
    name = block[k].text.strip()
    if not name or len(name) > 80 or _value_like(name) or is_year_cell(name) or _statement_header(block, k):
        return None
    cells = block[k + 1:k + 1 + n_values]
    if len(cells) < n_values or not all(_value_like(c.text) and not is_year_cell(c.text) for c in cells):
        return None
    if not any(is_number_cell(c.text) and re.search(r"\d", c.text) for c in cells):
        return None
    end = k + 1 + n_values
    if end < len(block) and _value_like(block[end].text) and not is_year_cell(block[end].text):
        return None
    return name, [c.text for c in cells], end


def _group_heading(block: list[_Item], k: int) -> bool:
    """A short name without figures between rows of a statement ("Bestemmingsreserves:"): a heading of the rows below."""
    text = block[k].text.strip()
    return 0 < len(text) <= 60 and not re.search(r"\d", text) and not _value_like(text) and not text.endswith(".")


def _read_statement(block: list[_Item], start: int) -> Optional[tuple[Table, int]]:
    heads = _statement_header(block, start)
    if heads is None:
        return None
    first = block[start]
    rows = [_row([first.text.strip(), *(h.text.strip() for h in heads)], (first.first, heads[-1].last), first.page)]
    k = start + 1 + len(heads)
    while k < len(block):
        row = _named_row(block, k, len(heads))
        if row is None and len(rows) > 1 and _group_heading(block, k) and _named_row(block, k + 1, len(heads)):
            rows.append(_row([block[k].text.strip()], (block[k].first, block[k].last), block[k].page))
            k += 1  # "Bestemmingsreserves:": a group of the reserves below it, no figures
            continue
        if row is None:
            break
        name, values, end = row
        rows.append(_row([name, *values], (block[k].first, block[end - 1].last), block[k].page))
        k = end
    if len(rows) - 1 < _MIN_ROWS:
        return None
    above = [Line(text=item.text) for item in block[max(0, start - 3):start]]
    table = _table(rows, len(heads) + 1, "text", above)
    table.header_rows = 1
    table.caption = _caption_above(block, start)
    return table, k
