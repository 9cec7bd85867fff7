"""Cells the text layer merged over several columns, split only where the table's own column grid confirms it.

A ruled table whose column rules are drawn in some rows only (or a grid the detector cut too coarsely) reads
"-20,5 -9,3 -1,3" as one cell spanning three columns. Such a cell is split when

* every word of it is a figure (or "n.v.t.", "-") on one printed line,
* each figure lines up with a *distinct* column of the column template — the position where that column's
  own figures and year headers stand in the rows where its cells are separate: their right edge, centre or
  left edge, whichever the column keeps most steadily — within a tolerance derived from the font size,
* and, where the table's rows obey a relation between three columns (saldo = baten − lasten, a verschil
  column), the split row obeys it too.

A cell with several figures that cannot be split this way is not read: its row label and text go to
`Table.merged_cells`, which the reader reports as a `merged_cells` warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING, NamedTuple, Optional

from extractor.read.types import Word

if TYPE_CHECKING:
    from extractor.layout.tables import Table, TableRow

BBox = tuple[float, float, float, float]

_FIGURE = re.compile(r"^[-−+]?€?\s*[-−]?\d[\d.,]*%?-?$|^(n\.?v\.?t\.?|n\.?b\.?|-|—|–)$", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d{2}$")
_JOINER = re.compile(r"^(€|%|[-−+])$")  # printed apart from its figure by a word space
_EDGES = ("right", "centre", "left")


class MergedCell(NamedTuple):
    """A cell of several figures left unsplit: where it is printed, its row's label and its text."""

    page: Optional[int]  # None for text input
    where: str  # "page 96" or "line 12"
    label: str
    text: str
    reason: str = "no column template confirms which figure belongs to which column"


@dataclass(frozen=True)
class Anchor:
    """Where a column's figures stand: one edge of their text box, and how far off a figure may be."""

    edge: str
    at: float
    tol: float


def is_multi_figure(text: str) -> bool:
    """A cell of two or more figures and nothing else ("1.972 -5.234"): the candidates for a split. A range
    ("6 - 6,5"), a value with its year ("10 (2021)"), figures with words are not."""
    parts = text.split()
    if len(parts) < 2 or any(p in ("-", "–", "—") for p in parts) or not all(_FIGURE.match(p) or _JOINER.match(p) for p in parts):
        return False
    return sum(1 for p in parts if not _JOINER.match(p)) >= 2


def _all_years(text: str) -> bool:
    return all(_YEAR.match(p) for p in text.split())


def _edge(box: BBox, edge: str) -> float:
    return box[2] if edge == "right" else box[0] if edge == "left" else (box[0] + box[2]) / 2


def _words_in(words: list[Word], box: BBox) -> list[Word]:
    return sorted((w for w in words if box[0] - 1 <= (w.x0 + w.x1) / 2 <= box[2] + 1
                   and box[1] - 1 <= (w.top + w.bottom) / 2 <= box[3] + 1), key=lambda w: w.x0)


def figure_tokens(words: list[Word]) -> Optional[list[BBox]]:
    """The boxes of the figures of one cell, or None when it holds words, or lines, other than figures.

    A sign, € or % printed a word space apart joins its figure ("€ 1.000", "- 20,5", "12 %"); figures closer
    than a font height apart give None too ("8 8.081" is one figure broken by the text layer)."""
    if not words:
        return None
    height = median(w.bottom - w.top for w in words)
    if max(w.top for w in words) - min(w.top for w in words) > 0.5 * height:
        return None  # over several printed lines: not one row of figures
    groups: list[list[Word]] = []
    for w in words:
        glue = groups and w.x0 - groups[-1][-1].x1 < 0.6 * height and (_JOINER.match(w.text) or _JOINER.match(groups[-1][-1].text))
        if glue:
            groups[-1].append(w)
        else:
            groups.append([w])
    texts = ["".join(w.text for w in g) for g in groups]
    if not all(_FIGURE.match(t) for t in texts):
        return None
    if any(b[0].x0 - a[-1].x1 < height for a, b in zip(groups, groups[1:])):
        return None  # figures a word space apart may be one figure the text layer broke ("8 8.081")
    return [(min(w.x0 for w in g), min(w.top for w in g), max(w.x1 for w in g), max(w.bottom for w in g)) for g in groups]


def column_anchors(table: "Table", words: list[Word]) -> list[Optional[Anchor]]:
    """Per column, where its figures stand in the rows where its cell is separate (a one-column cell holding one
    figure); where fewer than two figures say it, where the column's header words stand (one-word header cells:
    a year, a kind such as "Begr."), since a header printed like its figures is what a reader lines them up by.
    None where fewer than two cells say it, or they keep no edge steady."""
    figures: list[list[BBox]] = [[] for _ in range(table.n_cols)]
    headers: list[list[BBox]] = [[] for _ in range(table.n_cols)]
    body_start = _first_body_row(table.rows)
    for r, row in enumerate(table.rows):
        for c in range(1, min(table.n_cols, len(row.cells))):
            span = row.spans[c] if c < len(row.spans) else 1
            box = row.cell_boxes[c] if c < len(row.cell_boxes) else None
            text = row.cells[c].strip()
            if span != 1 or box is None or not text or " " in text:
                continue
            if r < body_start:
                headers[c].append(_text_box(box, words, table.method))
            elif _FIGURE.match(text) and not _YEAR.match(text):
                figures[c].append(_text_box(box, words, table.method))
    return [_anchor(f) if len(f) >= 2 else _anchor(h) for f, h in zip(figures, headers)]


def _first_body_row(rows: list["TableRow"]) -> int:
    """The first row printing a figure other than a year right of its label (the header ends above it)."""
    for r, row in enumerate(rows):
        if any(re.search(r"\d", t) and not _all_years(t) for t in row.cells[1:]):
            return r
    return len(rows)


def _text_box(box: BBox, words: list[Word], method: str) -> BBox:
    """The cell's text box (camelot gives the cell's own box, the other detectors the words' box)."""
    if method != "camelot":
        return box
    inside = _words_in(words, box)
    if not inside:
        return box
    return (min(w.x0 for w in inside), min(w.top for w in inside), max(w.x1 for w in inside), max(w.bottom for w in inside))


def _anchor(boxes: list[BBox]) -> Optional[Anchor]:
    if len(boxes) < 2:
        return None
    height = median(b[3] - b[1] for b in boxes)
    best = min(_EDGES, key=lambda e: _spread([_edge(b, e) for b in boxes]))
    spread = _spread([_edge(b, best) for b in boxes])
    if spread > 1.5 * height:
        return None  # the column keeps no edge steady: its figures' places say nothing
    return Anchor(best, median(_edge(b, best) for b in boxes), spread / 2 + 0.35 * height)


def _spread(values: list[float]) -> float:
    return max(values) - min(values)


def place_figures(tokens: list[BBox], candidates: list[int], anchors: list[Optional[Anchor]]) -> Optional[list[int]]:
    """The column of each figure, left to right, or None when one figure fits no column, or more than one,
    or two figures fit the same column."""
    placed: list[int] = []
    for token in tokens:
        fits = [c for c in candidates if anchors[c] is not None and abs(_edge(token, anchors[c].edge) - anchors[c].at) <= anchors[c].tol]
        if len(fits) != 1 or (placed and fits[0] <= placed[-1]):
            return None
        placed.append(fits[0])
    return placed


def split_merged_cells(table: "Table", words: list[Word]) -> None:
    """Split the table's merged figure cells in place where the column template (and arithmetic) confirm it;
    record the others (not header years) in `table.merged_cells`. Their text stays as printed: no reader takes
    "1.972 -5.234" for one figure."""
    todo = [(r, c) for r, row in enumerate(table.rows) for c in range(1, min(len(row.cells), table.n_cols))
            if is_multi_figure(row.cells[c])]
    if not todo:
        return
    anchors = column_anchors(table, words)
    relations = row_relations(table.rows, table.n_cols)
    for r in sorted({r for r, _ in todo}):
        row = table.rows[r]
        cells = [c for rr, c in todo if rr == r]
        split = _split_row(row, cells, anchors, words)
        if split is not None and all(_obeys(split, relation) for relation in relations):
            _apply(row, split)
            continue
        reason = _reason(row, cells, words, split is not None)
        table.merged_cells.extend(_merged(row, row.cells[c], reason) for c in cells if not _all_years(row.cells[c]))


_STACKED = "the figures stand on several printed lines (rows without a rule between them)"
ARITHMETIC = "the split the columns suggest breaks a relation the other rows obey (saldo, verschil)"
_CLOSE = "figures a word space apart may be one figure the text layer broke"


def _reason(row: "TableRow", cells: list[int], words: list[Word], placed: bool) -> Optional[str]:
    """Why a row's merged cells were not split (None: the default, no column template confirms it)."""
    if placed:
        return ARITHMETIC
    if any(_stacked(row, c, words) for c in cells):
        return _STACKED
    boxes = [row.cell_boxes[c] for c in cells if c < len(row.cell_boxes) and row.cell_boxes[c] is not None]
    if any(figure_tokens(_words_in(words, box)) is None for box in boxes):
        return _CLOSE
    return None


def _stacked(row: "TableRow", c: int, words: list[Word]) -> bool:
    box = row.cell_boxes[c] if c < len(row.cell_boxes) else None
    inside = _words_in(words, box) if box is not None else []
    return bool(inside) and max(w.top for w in inside) - min(w.top for w in inside) > 0.5 * median(w.bottom - w.top for w in inside)


def _merged(row: "TableRow", text: str, reason: Optional[str] = None) -> MergedCell:
    where = f"line {row.lines[0]}" if row.lines else f"page {row.page}"
    cell = MergedCell(None if row.lines else row.page, where, row.cells[0].strip() or "(no label)", text)
    return cell._replace(reason=reason) if reason else cell


def note_merged_text_cells(table: "Table") -> None:
    """Text rows separated by pipes or tabs print no positions, so a cell of several figures cannot be placed:
    it is recorded (and warned), never split."""
    for row in table.rows[table.header_rows or 0:]:
        table.merged_cells.extend(_merged(row, text, "a text row prints no positions to place them by")
                                  for text in row.cells[1:] if is_multi_figure(text) and not _all_years(text))


def _split_row(row: "TableRow", cells: list[int], anchors: list[Optional[Anchor]], words: list[Word]) -> Optional[list[tuple[str, Optional[BBox]]]]:
    """The row's cells after splitting every merged cell in `cells`, or None when one of them cannot be split."""
    out: list[tuple[str, Optional[BBox]]] = [(text, box) for text, box in zip(row.cells, _padded(row.cell_boxes, len(row.cells)))]
    for c in cells:
        box = row.cell_boxes[c] if c < len(row.cell_boxes) else None
        if box is None:
            return None
        inside = _words_in(words, box)
        tokens = figure_tokens(inside)
        if tokens is None or len(tokens) < 2:
            return None
        placed = place_figures(tokens, _reach(row, c), anchors)
        if placed is None:
            return None
        out[c] = ("", None)
        for token, k in zip(tokens, placed):
            out[k] = (_token_text(inside, token), token)
    return out


def _padded(boxes: list[Optional[BBox]], n: int) -> list[Optional[BBox]]:
    return list(boxes[:n]) + [None] * max(0, n - len(boxes))


def _reach(row: "TableRow", c: int) -> list[int]:
    """The columns a merged cell may spread over: those it spans, and empty one-column neighbours either side
    (never the label column)."""
    n = len(row.cells)
    span = max(1, row.spans[c] if c < len(row.spans) else 1)
    reach = list(range(c, min(n, c + span)))
    k = reach[-1] + 1
    while k < n and not row.cells[k].strip() and (k >= len(row.spans) or row.spans[k] == 1):
        reach.append(k)
        k += 1
    k = c - 1
    while k >= 1 and not row.cells[k].strip() and (k >= len(row.spans) or row.spans[k] == 1):
        reach.insert(0, k)
        k -= 1
    return reach


def _token_text(words: list[Word], token: BBox) -> str:
    return " ".join(w.text for w in words if token[0] - 0.5 <= w.x0 and w.x1 <= token[2] + 0.5)


def _apply(row: "TableRow", split: list[tuple[str, Optional[BBox]]]) -> None:
    row.cells = [text for text, _ in split]
    row.cell_boxes = [box for _, box in split]
    row.spans = [1] * len(split)


# --------------------------------------------------------------------------- arithmetic confirmation

Relation = tuple[int, int, int, int]  # columns a, b, c and sign s: c = a + s * b in every row that prints all three


def amount(text: str) -> Optional[float]:
    """A Dutch figure as a number ("1.972" → 1972, "-20,5" → -20.5, "4.977-" → -4977); None for anything else."""
    t = text.strip().replace("€", "").replace("%", "").replace(" ", "").replace("−", "-")
    negative = t.endswith("-") or t.startswith("-")
    t = t.strip("-+")
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", t):
        return None
    value = float(t.replace(".", "").replace(",", "."))
    return -value if negative else value


def _decimals(text: str) -> int:
    return len(text.split(",")[1]) if "," in text else 0


def row_relations(rows: list["TableRow"], n_cols: int) -> list[Relation]:
    """Relations c = a ± b between three value columns that hold (±1 in the last printed digit) in at least two
    rows with figures and fail in none; rows still holding a merged cell do not count."""
    valued = [_row_amounts(row, n_cols) for row in rows if not any(is_multi_figure(t) for t in row.cells)]
    valued = [v for v in valued if len(v) >= 3]
    if len(valued) < 2:
        return []
    columns = sorted({c for v in valued for c in v})
    found: list[Relation] = []
    for a in columns:
        for b in columns:
            for c in columns:
                if len({a, b, c}) < 3:
                    continue
                for sign in (1, -1):
                    if _holds_in(valued, (a, b, c, sign)):
                        found.append((a, b, c, sign))
    return found


def _row_amounts(row: "TableRow", n_cols: int) -> dict[int, tuple[float, int]]:
    out: dict[int, tuple[float, int]] = {}
    for c in range(1, min(n_cols, len(row.cells))):
        value = amount(row.cells[c])
        if value is not None:
            out[c] = (value, _decimals(row.cells[c]))
    return out


def _holds(values: dict[int, tuple[float, int]], relation: Relation) -> Optional[bool]:
    a, b, c, sign = relation
    if not all(k in values for k in (a, b, c)):
        return None
    unit = 10.0 ** -max(values[k][1] for k in (a, b, c))
    return abs(values[c][0] - (values[a][0] + sign * values[b][0])) <= unit + 1e-9


def _holds_in(valued: list[dict[int, tuple[float, int]]], relation: Relation) -> bool:
    seen = 0
    for values in valued:
        verdict = _holds(values, relation)
        if verdict is False:
            return False
        if verdict and any(values[k][0] for k in relation[:3]):
            seen += 1
    return seen >= 2


def _obeys(split: list[tuple[str, Optional[BBox]]], relation: Relation) -> bool:
    values = {c: (v, _decimals(text)) for c, (text, _) in enumerate(split) if c >= 1 and (v := amount(text)) is not None}
    return _holds(values, relation) is not False


# --------------------------------------------------------------------------- rows stacked in one band


def split_stacked_rows(table: "Table", words: list[Word]) -> None:
    """Split a band that holds several printed rows (no row rule between them, column rules drawn) into its rows.

    Done only when the band shows its rows: every value cell prints one figure per line, the figure lines of
    all value cells share the same heights (each height a row), at least two columns print a figure on every
    row, and each line of the label cell lies nearest one row within 1.5 line heights, every row getting a
    label (a wrapped label's lines around a figure printed at their middle go to that row). Where the other
    rows obey a relation between three columns (saldo, verschil), every new row must obey it too."""
    if not any(is_multi_figure(c) for row in table.rows for c in row.cells[1:]):
        return
    relations = row_relations(table.rows, table.n_cols)
    out: list["TableRow"] = []
    for row in table.rows:
        parts = _stacked_parts(row, words)
        if parts and all(_obeys([(t, None) for t in part.cells], relation) for part in parts for relation in relations):
            out.extend(parts)
        else:
            out.append(row)
    table.rows = out


def _lines_of(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= 0.5 * (w.bottom - w.top):
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def _stacked_parts(row: "TableRow", words: list[Word]) -> Optional[list["TableRow"]]:
    n = len(row.cells)
    if not any(is_multi_figure(c) for c in row.cells[1:]) or any(s != 1 for s in row.spans[:n]) or row.cell_boxes[0] is None:
        return None
    cells = [_lines_of(_words_in(words, box)) if box is not None else [] for box in _padded(row.cell_boxes, n)]
    if any(len(line) != 1 and figure_tokens(line) is None for cell in cells[1:] for line in cell):
        return None
    if any(len(figure_tokens(line) or []) != 1 for cell in cells[1:] for line in cell):
        return None  # a line holding two figures, or words: not a stack of one figure per row
    heights = _row_heights([line for cell in cells[1:] for line in cell])
    if heights is None or len(heights) < 2 or sum(1 for cell in cells[1:] if len(cell) == len(heights)) < 2:
        return None
    labels = _labels_per_row(cells[0], heights)
    if labels is None:
        return None
    return [_part(row, k, labels[k], [[ln for ln in cell if _nearest(ln, heights) == k] for cell in cells[1:]])
            for k in range(len(heights))]


def _middle(line: list[Word]) -> float:
    return (min(w.top for w in line) + max(w.bottom for w in line)) / 2


def _row_heights(lines: list[list[Word]]) -> Optional[list[float]]:
    """The middles of the figure lines, clustered: one per printed row; None when two lines of one height
    would fall in one row of the same cell (checked by the caller through counts) or heights are unsteady."""
    middles = sorted(_middle(line) for line in lines)
    if not middles:
        return None
    height = median(w.bottom - w.top for line in lines for w in line)
    rows: list[list[float]] = [[middles[0]]]
    for m in middles[1:]:
        if m - rows[-1][-1] <= 0.5 * height:
            rows[-1].append(m)
        else:
            rows.append([m])
    if any(max(r) - min(r) > 0.5 * height for r in rows):
        return None
    return [sum(r) / len(r) for r in rows]


def _nearest(line: list[Word], heights: list[float]) -> int:
    middle = _middle(line)
    return min(range(len(heights)), key=lambda k: abs(heights[k] - middle))


def _labels_per_row(label_lines: list[list[Word]], heights: list[float]) -> Optional[list[list[list[Word]]]]:
    if not label_lines:
        return None
    height = median(w.bottom - w.top for line in label_lines for w in line)
    out: list[list[list[Word]]] = [[] for _ in heights]
    for line in label_lines:
        k = _nearest(line, heights)
        if abs(heights[k] - _middle(line)) > 1.5 * height:
            return None  # a label line far from every figure: a heading inside the band, not a row's label
        out[k].append(line)
    if any(not lines for lines in out):
        return None
    return out


def _part(row: "TableRow", k: int, label: list[list[Word]], cells: list[list[list[Word]]]) -> "TableRow":
    from extractor.layout.tables import TableRow, join_wrapped  # noqa: PLC0415 - the Table model lives there

    text = ""
    for line in label:
        piece = " ".join(w.text for w in sorted(line, key=lambda w: w.x0))
        text = join_wrapped(text, piece) if text else piece
    groups = [[w for line in label for w in line]] + [[w for line in cell for w in line] for cell in cells]
    texts = [text] + [" ".join(w.text for w in sorted(g, key=lambda w: w.x0)) for g in groups[1:]]
    boxes = [_word_box(g) for g in groups]
    every = [w for g in groups for w in g]
    bbox = (row.bbox[0], round(min(w.top for w in every), 2), row.bbox[2], round(max(w.bottom for w in every), 2))
    return TableRow(texts, row.page, bbox, boxes, [1] * len(texts), bold=all(w.bold for w in every))


def _word_box(words: list[Word]) -> Optional[BBox]:
    if not words:
        return None
    return (round(min(w.x0 for w in words), 2), round(min(w.top for w in words), 2),
            round(max(w.x1 for w in words), 2), round(max(w.bottom for w in words), 2))
