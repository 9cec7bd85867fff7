"""One-cell-per-line indicator tables whose header mixes column roles, kind-year columns and an area column in
print order: ``Indicator / Eenheid / Realisatie 2017 / Begroting 2019 / Nederland / Bron``.

The generic reader (`table_grid.cell_per_line_tables`) expects role columns around one run of value columns; a
unit column before the figures and an area and source column after them put its rows out of step. Here every
header cell keeps its printed position, so a row is read only when it has exactly one cell per header cell and
each cell fits its column: the label and role cells are words, at least one value cell is a figure, an area cell is
a figure (maybe with its own year: "2019: € 248"). A kind word and a bare year printed as two cells
("Begroting" / "2019") are one header cell. The first row that does not fit ends the table.
"""

from __future__ import annotations

import re
from typing import Optional

from extractor.layout.header_vocabulary import column_role, is_area_header, is_picture_header, kind_word
from extractor.layout.table_grid import (_FULL_YEAR, _KIND_WORD, _ROLE_WORD, _Item, _row, _table, _value_like,
                                         area_cells_above, is_header_cell, is_number_cell, is_place_name, is_year_cell,
                                         tables_in_cell_blocks)
from extractor.layout.tables import Table, TableRow
from extractor.read.types import Line

_LEAD_HEADER = re.compile(r"^(nr\.?|nummer|code|taakveld(en)?|programma|thema)$", re.IGNORECASE)
_CODE_LEAD = re.compile(r"^(nr\.?|nummer|code)$", re.IGNORECASE)
_CODE_CELL = re.compile(r"^\d{1,3}[a-z]?\.?$")
_FIGURE_WITH_UNIT = re.compile(r"^[-−]?\d{1,3}((\.\d{3})+|\d*)(,\d+)?\s+[A-Za-z]{2,5}\.?$")  # "8,94 Fte": a figure and its unit
_PAIR_FIGURE = r"[-−]?\d{1,3}(?:(?:\.\d{3})+|\d*)(?:,\d+)?\s*%?"
_PAIR_NAME = r"[A-Za-zÀ-ÿ][\w'’.-]*"
_AREA_PAIR = re.compile(rf"^(?:(?P<n1>{_PAIR_NAME})\s+(?P<f1>{_PAIR_FIGURE})\s+(?P<n2>{_PAIR_NAME})\s+(?P<f2>{_PAIR_FIGURE})"
                        rf"|(?P<g1>{_PAIR_FIGURE})\s+(?P<m1>{_PAIR_NAME})\s+(?P<g2>{_PAIR_FIGURE})\s+(?P<m2>{_PAIR_NAME}))"
                        r"\s*(?:\((?P<year>(?:19|20)\d{2})\))?$")


def split_area_pair(text: str) -> Optional[tuple[list[tuple[str, str]], Optional[int]]]:
    """A cell printing two areas' figures and their year ("1,2 Oord 1,8 NL (2031)", "Oord 51,4% NL 53,3% (2031)"):
    ([(area, figure), (area, figure)], year) in print order; None for any other cell."""
    m = _AREA_PAIR.match(" ".join(text.split()))
    if m is None:
        return None
    if m.group("n1"):
        pairs = [(m.group("n1"), m.group("f1")), (m.group("n2"), m.group("f2"))]
    else:
        pairs = [(m.group("m1"), m.group("g1")), (m.group("m2"), m.group("g2"))]
    return pairs, int(m.group("year")) if m.group("year") else None


_DATED_FIGURE = re.compile(r"^(19|20)\d{2}\s*:\s*\S")
_LABEL_HEADER = re.compile(r"^((naam\s+(van\s+(de\s+|het\s+)?)?)?((effect|prestatie|beleids)-?)?indicator(en|naam)?|kengetal(len)?|"
                           r"omschrijving|onderwerp|naam)\b", re.IGNORECASE)  # "Naam indicator", "Indicatornaam" too


def ordered_header_tables(lines: list[Line]) -> list[Table]:
    return tables_in_cell_blocks(lines, _read)


def _header(block: list[_Item], start: int) -> Optional[tuple[list[str], list[str], list[int]]]:
    """(header cells, column kinds "label"/"role"/"year"/"value"/"area"/"picture", block index after each cell) or
    None. A "year" column gives each row the year of its figures; a "picture" column ("Trend") may print no cell."""
    lead = 0
    while lead < 2 and start + lead < len(block) and _LEAD_HEADER.match(block[start + lead].text.strip()):
        lead += 1  # "Nr" / "Taakveld" before "Naam indicator": a code and a group column left of the names
    if start + lead >= len(block) or not _LABEL_HEADER.match(block[start + lead].text.strip()):
        return None
    cells = [block[start + x].text.strip() for x in range(lead + 1)]
    kinds = ["code" if _CODE_LEAD.match(c) else "role" for c in cells[:lead]] + ["label"]
    ends = [start + x + 1 for x in range(lead + 1)]
    j = start + lead + 1
    while j < len(block):
        text = block[j].text.strip()
        nxt = block[j + 1].text.strip() if j + 1 < len(block) else ""
        if _KIND_WORD.search(text) and not _FULL_YEAR.search(text) and len(text) <= 25 and is_year_cell(nxt):
            cells.append(f"{text} {nxt}")  # "Begroting" / "2019": one column
            kinds.append("value")
            j += 2
            ends.append(j)
            continue
        kind = _column_kind(block, j)
        if kind is None:
            break
        kinds.append(kind)
        cells.append(" ".join(text.split()))
        j += 1
        ends.append(j)
    return cells, kinds, ends


def _column_kind(block: list[_Item], j: int) -> Optional[str]:
    """What header cell `j` heads; None when it is no header cell of this form (the header ends before it)."""
    text = block[j].text.strip()
    role = column_role(text) if len(text) <= 30 else None
    if role == "year":
        return "year"  # "Jaar", "jaar laatste meting": the year of the row's figures
    if _FULL_YEAR.search(text) and len(text) <= 40 and not _value_like(text) or is_year_cell(text) \
            or len(text) <= 30 and not _FULL_YEAR.search(text) and kind_word(text) and not is_area_header(text):
        return "value"  # "Realisatie 2017", "2018", "0-waarde", "Actuele waarde"
    if is_picture_header(text):
        return "picture"
    if (_ROLE_WORD.match(text) or role in _TEXT_ROLES) and len(text) <= 30 and not _LABEL_HEADER.match(text):
        return "role"
    joined = re.sub(r"(?<=[a-z])- (?=[a-z])", "", text)  # "Meierij- stad": a name broken at its hyphen by the copy
    if is_area_header(text) or is_place_name(joined) and _area_follows(block, j):
        return "area"
    return None


_TEXT_ROLES = ("unit", "source", "description", "code")


def _area_follows(block: list[_Item], j: int) -> bool:
    """A bare place name is an area column when a known area (or a picture column, then one) follows it in the header
    ("Koggenland" / "Trend" / "< 25.000 inw." / "Nederland"): the gemeente's own figures beside the comparisons."""
    for i in range(j + 1, min(j + 3, len(block))):
        text = block[i].text.strip()
        if is_area_header(text):
            return True
        if not is_picture_header(text):
            return False
    return False


def _usable(cells: list[str], kinds: list[str]) -> bool:
    """Two or more value columns in one run, and either a column after them and a role column (unit, source) beside
    them, or a value header the generic reader does not take for one ("0-waarde"); else it is the generic form. Also
    two or more figure columns (values, areas) in one run beside a column of each row's year, or beside a role column
    when areas are among them ("Eenheid" / "Koggenland" / "Nederland"): forms only this reader places."""
    values = [k for k, kind in enumerate(kinds) if kind == "value"]
    if len(values) >= 2 and values == list(range(values[0], values[-1] + 1)) and kinds[0] != "label":
        return True  # code or group columns before the names, role columns between names and figures: not the generic form
    if len(values) >= 2 and values == list(range(values[0], values[-1] + 1)):
        after = kinds[values[-1] + 1:]
        if bool(after) and "role" in kinds[1:values[0]] + after or any(not is_header_cell(cells[k]) for k in values):
            return True
    figures = [k for k, kind in enumerate(kinds) if kind in _FIGURE_KINDS]
    if len(figures) < 2 or any(kinds[k] not in (*_FIGURE_KINDS, "mark") for k in range(figures[0], figures[-1])):
        return False  # the figure columns stand in one run (a picture column printing marks may stand among them)
    return "year" in kinds or "role" in kinds and "area" in kinds


_FIGURE_KINDS = ("value", "area")
_DASHES = ("-", "–", "—")


def _fits(kind: str, text: str) -> bool:
    t = " ".join(text.split())
    if kind in ("label", "role"):
        return not _value_like(t) and not _DATED_FIGURE.match(t) and len(t) <= 200
    if kind == "year":
        return is_year_cell(t)
    if kind == "code":
        return bool(_CODE_CELL.match(t))
    if kind == "mark":
        return 0 < len(t) <= 30 and not is_number_cell(t) or t in _DASHES  # "stijgend", "↑", "-"
    if kind == "area":
        return _value_like(t) or bool(_DATED_FIGURE.match(t)) and len(t) <= 40
    return _value_like(t) or len(t) <= 60 and not t.endswith(":") and not _FULL_YEAR.fullmatch(t)


def _read(block: list[_Item], start: int) -> Optional[tuple[Table, int]]:
    """The best reading of the header at `start`: a header cell may also be the first row's label ("Gemiddelde …"
    reads as an area), so each cut of the header run is tried and the one placing the most cells wins. A picture
    column ("Trend") is tried both as a column of cells (kind "mark") and as one that prints none; area cells right above the
    label header head the runs of years under them (`_under_areas`)."""
    found = _header(block, start)
    if found is None:
        return None
    cells, kinds, ends = found
    above = area_cells_above(block, start)
    best: Optional[tuple[Table, int]] = None
    for cut in range(2, len(cells) + 1):
        for names, roles in _picture_readings(cells[:cut], kinds[:cut]):
            grouped = _under_areas(names, roles, above)
            blocks = _year_blocks(roles)
            if grouped is None or not (_usable(grouped[0], roles) or blocks):
                continue
            read = _rows(block, start - grouped[1], grouped[0], roles, ends[cut - 1])
            if read is not None and blocks:
                read = _fold_block_years(read, roles, blocks)
            if read is not None and (best is None or _placed(read[0]) > _placed(best[0])):
                best = read
    return best


def _year_blocks(kinds: list[str]) -> list[tuple[int, list[int]]]:
    """Blocks of figure columns each led by its own year column ("Jaar | Oord | Ref. | Jaar | Oord | Ref."): (year
    column, its figure columns) for two or more such blocks, else []."""
    years = [k for k, kind in enumerate(kinds) if kind == "year"]
    if len(years) < 2:
        return []
    blocks: list[tuple[int, list[int]]] = []
    for y, nxt in zip(years, [*years[1:], len(kinds)]):
        figures = [k for k in range(y + 1, nxt) if kinds[k] in _FIGURE_KINDS]
        if not figures or figures != list(range(y + 1, figures[-1] + 1)):
            return []
        blocks.append((y, figures))
    return blocks


def _fold_block_years(read: tuple[Table, int], kinds: list[str], blocks: list[tuple[int, list[int]]]
                      ) -> Optional[tuple[Table, int]]:
    """The table with each block's year written into its figure columns' headers ("Oord" under "Jaar" 2030 is
    "Oord 2030") and the year columns left out, when every row prints the same year in that block's year column;
    None when the years differ between rows (one header cannot name them)."""
    table, end = read
    body = [row for row in table.rows[1:] if len(row.cells) == len(kinds)]
    head = list(table.rows[0].cells)
    for y, figures in blocks:
        printed = {row.cells[y].strip() for row in body}
        if len(printed) != 1:
            return None
        year = printed.pop()
        for k in figures:
            head[k] = f"{head[k]} {year}"
    keep = [k for k in range(len(kinds)) if k not in {y for y, _ in blocks}]
    for row in table.rows:
        if len(row.cells) == len(kinds):
            row.cells = [row.cells[k] for k in keep]
            row.cell_boxes = [row.cell_boxes[k] for k in keep] if len(row.cell_boxes) == len(kinds) else row.cell_boxes
            row.spans = [row.spans[k] for k in keep] if len(row.spans) == len(kinds) else row.spans
    table.rows[0].cells = [head[k] for k in keep]
    folded = _table(table.rows, len(keep), "text", [])
    folded.header_rows = 1
    return folded, end


def _picture_readings(cells: list[str], kinds: list[str]) -> list[tuple[list[str], list[str]]]:
    """The header as printed, and, with picture columns, the header without them: a column of arrows or icons
    ("Trend") has no cell in a text copy when every row leaves it out. Which reading holds is decided by the rows."""
    if "picture" not in kinds:
        return [(cells, kinds)]
    kept = [k for k, kind in enumerate(kinds) if kind != "picture"]
    return [(cells, ["mark" if kind == "picture" else kind for kind in kinds]),
            ([cells[k] for k in kept], [kinds[k] for k in kept])]


def _year_runs(cells: list[str], kinds: list[str]) -> list[list[int]]:
    """The value columns headed by bare years, split where the years stop rising ("2021 2022 2023 2022 2023")."""
    runs: list[list[int]] = []
    years: dict[int, int] = {}
    for k, (cell, kind) in enumerate(zip(cells, kinds)):
        if kind != "value":
            continue
        full = _FULL_YEAR.search(cell)
        if not is_year_cell(cell) or full is None:
            return []  # a kind or a short year ("'21"): no run of bare years
        years[k] = int(full.group(0))
        if runs and runs[-1][-1] == k - 1 and years[k] > years[k - 1]:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _under_areas(cells: list[str], kinds: list[str], above: list[str]) -> Optional[tuple[list[str], int]]:
    """(header cells, number of group cells used) with each run of years named by the area cell above it: a two-row
    header "Urk | NL" over "Indicator | 2021 | 2022 | 2023 | 2022 | 2023" gives "Urk 2021" … "NL 2023" (one area
    per run, left to right). Without area cells above, the header as it is. None when a known area stands right
    above but the runs do not pair with the area cells one to one: its figures would go under the wrong area."""
    runs = _year_runs(cells, kinds)
    known = [is_area_header(a) for a in above]
    if len(runs) >= 2 and len(above) >= len(runs) and any(known[-len(runs):]):
        named = list(cells)
        for area, run in zip(above[-len(runs):], runs):
            for k in run:
                named[k] = f"{area} {cells[k]}"
        return named, len(runs)
    if above and known[-1] and len(above) >= 2:
        return None
    return cells, 0


def _placed(table: Table) -> int:
    """Cells placed in full rows (heading rows and short rows aside): a cut that reads headings where rows were out
    of step loses."""
    return sum(len(row.cells) for row in table.rows[1:] if not row.heading and not row.problem)


def _rows(block: list[_Item], start: int, cells: list[str], kinds: list[str], k: int) -> Optional[tuple[Table, int]]:
    width = len(cells)
    rows = [_row(cells, (block[start].first, block[k - 1].last), block[start].page)]
    while k + width <= len(block):
        items = block[k:k + width]
        after = block[k + width].text if k + width < len(block) else ""
        if not all(_fits(kind, item.text) for kind, item in zip(kinds, items)) \
                or not (any(is_number_cell(item.text) or _FIGURE_WITH_UNIT.match(" ".join(item.text.split()))
                            or split_area_pair(item.text) is not None
                            for kind, item in zip(kinds, items) if kind in _FIGURE_KINDS)
                        or _BULLET.match(items[0].text)) \
                or _value_like(after) and not _next_code(block, k + width, kinds) or _DATED_FIGURE.match(after.strip()) \
                or _code_inside(block, k, width, kinds):
            short = _short_row(block, k, kinds)
            if short is not None:
                rows.append(short[0])
                k = short[1]
                continue
            sub = _bullet_rows(block, k, kinds)
            if sub is not None:
                rows.extend(sub[0])
                k = sub[1]
                continue
            if _group_row(block, k, kinds) and not (_LABEL_HEADER.match(block[k].text.strip()) or is_header_cell(block[k].text)):
                rows.append(_heading(block[k]))  # a heading; a label header ("Indicator") starts the next table
                k += 1
                continue
            break  # out of step with the header (a row with fewer cells) or the table ended
        rows.append(_row([_name(items[0].text)] + [" ".join(item.text.split()) for item in items[1:]],
                         (items[0].first, items[-1].last), items[0].page))
        k += width
    while len(rows) > 1 and len(rows[-1].cells) == 1:
        rows.pop()
        k -= 1  # a heading after the last row belongs to what follows
    if sum(1 for row in rows[1:] if len(row.cells) > 1 and not row.problem) < 2:
        return None
    table = _table(rows, width, "text", [])
    table.header_rows = 1
    return table, k


def _next_code(block: list[_Item], k: int, kinds: list[str]) -> bool:
    """The figure-like cell after a row is the next row's number ("2" / "Bestuur"), in a table with a code column."""
    return kinds[0] == "code" and k + 1 < len(block) and bool(_CODE_CELL.match(block[k].text.strip())) \
        and not _value_like(block[k + 1].text)


def _code_inside(block: list[_Item], k: int, width: int, kinds: list[str]) -> bool:
    """In a table with a code column, the next row's number among this row's cells ("2a" / "Naam" where a figure
    should be): the row printed fewer cells than the header (empty cells dropped), so its cells are out of step."""
    if kinds[0] != "code":
        return False
    for x in range(k + 1, min(k + width, len(block))):
        text = block[x].text.strip()
        lettered = bool(re.fullmatch(r"\d{1,3}[a-z]\.?", text))
        if (lettered or x < k + width - 1 and _CODE_CELL.match(text)) and _next_code(block, x, kinds):
            return True
    return False


SHORT_ROW_PROBLEM = ("row {label!r}: {figures} are {got} figure(s) for {columns} value columns (empty cells not copied), so which "
                     "columns they stand in is not printed; its values are left out")


def _short_row(block: list[_Item], k: int, kinds: list[str]) -> Optional[tuple[TableRow, int]]:
    """A row printing fewer figures than the header's run of figure columns ("Formatie" / "Fte per 1.000 inwoners" /
    "2017" / "6,24" / "6,61" under three figure columns): its label, role and year cells fit, then 1..n-1 figures,
    then the cells of the word columns after the run (a description, a source), then the next row's first cells (or
    the end). Which columns the figures stand in is not printed, so the row keeps its word cells, its figures
    unplaced and a `problem` (the indicator reader warns and reads no value)."""
    figure_cols = [x for x, kind in enumerate(kinds) if kind in _FIGURE_KINDS]
    if not figure_cols or not figure_cols[0] or figure_cols != list(range(figure_cols[0], figure_cols[-1] + 1)):
        return None
    first, columns = figure_cols[0], len(figure_cols)
    trailing = kinds[figure_cols[-1] + 1:]
    if any(kind not in ("label", "role") for kind in trailing):
        return None  # only word cells after the figures tell where the figures end
    prefix = block[k:k + first]
    if len(prefix) < first or not all(_fits(kind, item.text) for kind, item in zip(kinds, prefix)):
        return None
    x = k + first
    while x < len(block) and x - k - first < columns and _value_like(block[x].text):
        x += 1
    got, figures = x - k - first, block[k + first:x]
    words = block[x:x + len(trailing)]
    if not 0 < got < columns or not any(is_number_cell(item.text) and not is_year_cell(item.text) for item in figures) \
            or len(words) < len(trailing) \
            or not all(_fits(kind, item.text) for kind, item in zip(trailing, words)):
        return None
    end = x + len(trailing)
    following = block[end:end + first]
    if following and (len(following) < first or not all(_fits(kind, item.text) for kind, item in zip(kinds, following))):
        return None  # what follows is not the next row: the row is out of step in another way
    cells = [_name(prefix[0].text), *(" ".join(p.text.split()) for p in prefix[1:]), *[""] * columns,
             *(" ".join(w.text.split()) for w in words)]
    row = _row(cells, (prefix[0].first, block[end - 1].last), prefix[0].page)
    row.unplaced = [" ".join(item.text.split()) for item in figures]
    row.problem = SHORT_ROW_PROBLEM.format(label=row.cells[0][:60], figures=" | ".join(row.unplaced), got=got, columns=columns)
    return row, end


_BULLET = re.compile(r"^\s*(?:[o•·▪◦\-–]\s+)")


def _name(text: str) -> str:
    """A row label without its list bullet ("o    aantal …" -> "aantal …")."""
    return _BULLET.sub("", " ".join(text.split()), count=1)


def _heading(item: _Item):
    row = _row([_name(item.text)], (item.first, item.last), item.page)
    row.heading = True
    return row


def _group_row(block: list[_Item], k: int, kinds: list[str]) -> bool:
    """A short label with no cells of its own over the next row's label ("Economie" above "o tevredenheid …")."""
    if k + 1 >= len(block):
        return False
    text, nxt = block[k].text.strip(), block[k + 1].text.strip()
    return len(text) <= 80 and _fits("label", text) and _fits("label", nxt) and not _BULLET.match(text) or \
        text.endswith(":") and _fits("label", text) and _fits("label", nxt) and "•" not in nxt


def _bullet_rows(block: list[_Item], k: int, kinds: list[str]):
    """A label ending in ":" over a cell of n bullets ("• index a" / "• index b"), then n figures per value column,
    column by column (each cell's lines in order): n rows, the label kept as a group row. Only when every column has
    its n figures and the cell after them is no figure."""
    if kinds.count("value") != len(kinds) - 1 or k + 1 >= len(block) or not block[k].text.strip().endswith(":"):
        return None
    names = [n.strip() for n in block[k + 1].text.split("•") if n.strip()]
    n_values = len(kinds) - 1
    end = k + 2 + len(names) * n_values
    if len(names) < 2 or "•" not in block[k + 1].text or end > len(block):
        return None
    figures = block[k + 2:end]
    if not all(is_number_cell(f.text) or _value_like(f.text) for f in figures) or (end < len(block) and _value_like(block[end].text)):
        return None
    rows = [_heading(block[k])]
    for x, name in enumerate(names):
        cells = [name] + [" ".join(figures[col * len(names) + x].text.split()) for col in range(n_values)]
        rows.append(_row(cells, (block[k + 1].first, figures[-1].last), block[k].page))
    return rows, end
