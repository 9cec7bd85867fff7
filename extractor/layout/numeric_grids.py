"""Blocks of figures standing in columns on a page, found from the reader's positioned lines alone.

A cheap, finder-independent view of where a page holds a numeric grid: rows that print two or more
figures side by side, stacked under one another with the figures at shared column edges. It does not
read the grid; it tells which regions a table reader should have produced something for, so the
pipeline can report figures that no table finder saw (`parse.unread_grids`).

Running text with numbers, a table of contents (a title, then its page number), dates ("1 januari
2024", "12-03-2024") and addresses never give two figure cells side by side, so they are no grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from extractor.layout.tables import join_raised_figures
from extractor.model import BBox
from extractor.read.types import Line, Page

# a figure cell: a number with Dutch or English separators, a sign, %, a comparator, a trailing minus, "€ 1.200"
_FIGURE = re.compile(r"^([NV]\s+)?[-−+<>≤≥~]?\s*(€\s*)?[-−]?\d[\d.,]*\s*%?[-−]?\s*(\((19|20)\d{2}\))?\*?$")
_CELL_GAP = 6.0  # points between words that separate two cells of a row
_EDGE_TOLERANCE = 4.0
_ROW_GAP = 36.0  # at most this far below the row above (a wrapped label or a group heading may stand between)


@dataclass(frozen=True)
class GridBlock:
    """Rows of figures aligned in columns; `edges` are the shared right edges (or middles) of the figure columns
    and `columns` the boxes of the figures at each edge, bare years (header cells) left out."""

    page: int
    bbox: BBox
    rows: int
    figures: int
    edges: tuple[float, ...]
    columns: tuple[tuple[BBox, ...], ...] = ()


_NEGATIVE = re.compile(r"^\((€\s*)?\d[\d.,]*\)$")  # "(95.434)": a negative amount
_DATE = re.compile(r"^\d{1,2}[.-]\d{1,2}[.-](19|20)?\d{2}$")


def is_figure(text: str) -> bool:
    """A cell that is one figure; a date written with dots ("12.03.2024") is not."""
    t = text.strip()
    return bool(t) and bool(_FIGURE.match(t) or _NEGATIVE.match(t)) and not _DATE.match(t)


def grid_row_cells(line: Line) -> list[Line]:
    """The figure cells of `line` when it prints at least two figures side by side, else []."""
    if sum(1 for w in line.words if any(ch.isdigit() for ch in w.text)) < 2:
        return []  # cheap test first: most lines of a page are prose
    cells = line.segments(_CELL_GAP)
    figure = [is_figure(c.text) for c in cells]
    if not any(a and b for a, b in zip(figure, figure[1:])):
        return []  # a contents line alternates a title and its page number
    return [c for c, f in zip(cells, figure) if f]


def numeric_grid_blocks(page: Page, min_rows: int = 3, min_columns: int = 2) -> list[GridBlock]:
    """Every block of at least `min_rows` figure rows whose figures share at least `min_columns` column edges.

    Lines are taken as the table finders take them (row numbers raised above their row joined to it)."""
    page = join_raised_figures(page)
    rows = [(line, cells) for line in page.lines if (cells := grid_row_cells(line))]
    rows.sort(key=lambda r: r[0].top)
    runs: list[list[tuple[Line, list[Line]]]] = []
    for row in rows:
        if runs and row[0].top - runs[-1][-1][0].bottom <= _ROW_GAP and _overlaps(runs[-1], row):
            runs[-1].append(row)
        else:
            runs.append([row])
    blocks: list[GridBlock] = []
    for run in runs:
        block = _aligned_block(page.number, run, min_rows, min_columns)
        if block is not None:
            blocks.append(block)
    return blocks


def _overlaps(run: list[tuple[Line, list[Line]]], row: tuple[Line, list[Line]]) -> bool:
    """The row stands under the run, not in another column of the page."""
    x0 = min(r[0].x0 for r in run)
    x1 = max(r[0].x1 for r in run)
    return row[0].x0 < x1 and row[0].x1 > x0


def _aligned_block(page: int, run: list[tuple[Line, list[Line]]], min_rows: int, min_columns: int) -> GridBlock | None:
    if len(run) < min_rows:
        return None
    edges = _shared_edges([c.x1 for _, cells in run for c in cells], min_rows)
    if len(edges) < min_columns:
        # centred figures share their middles instead of their right edges
        edges = _shared_edges([(c.x0 + c.x1) / 2 for _, cells in run for c in cells], min_rows)
        if len(edges) < min_columns:
            return None
    aligned = [(line, cells) for line, cells in run if sum(1 for c in cells if any(_at_edge(c, e) for e in edges)) >= 2]
    if len(aligned) < min_rows:
        return None
    bbox = (round(min(ln.x0 for ln, _ in aligned), 2), round(min(ln.top for ln, _ in aligned), 2),
            round(max(ln.x1 for ln, _ in aligned), 2), round(max(ln.bottom for ln, _ in aligned), 2))
    figures = sum(len(cells) for _, cells in aligned)
    columns = tuple(_column(aligned, edge) for edge in edges)
    return GridBlock(page=page, bbox=bbox, rows=len(aligned), figures=figures, edges=tuple(round(e, 2) for e in edges),
                     columns=columns)


_YEAR = re.compile(r"^(19|20)\d{2}$")


def _column(rows: list[tuple[Line, list[Line]]], edge: float) -> tuple[BBox, ...]:
    """The figures at `edge`, without bare years (header cells); empty for a column of numbers printed before the
    row's label (a row number, a programme or taakveld code: "1", "6.", "6.21"), which are no values."""
    cells = [(line, c) for line, cells in rows for c in cells if _at_edge(c, edge) and not _YEAR.match(c.text.strip())]
    before_label = sum(1 for line, c in cells if _text_after(line, c))
    if cells and before_label * 2 >= len(cells):
        return ()
    return tuple(_box(c) for _, c in cells)


def _text_after(line: Line, cell: Line) -> bool:
    """The figure opens its line and words (a label) follow: a code or number in front of a name."""
    def wordy(w) -> bool:
        return len(w.text) > 2 and any(ch.isalpha() for ch in w.text)
    return not any(w.x1 <= cell.x0 and wordy(w) for w in line.words) and any(w.x0 >= cell.x1 and wordy(w) for w in line.words)


def _at_edge(cell: Line, edge: float) -> bool:
    return abs(cell.x1 - edge) <= _EDGE_TOLERANCE or abs((cell.x0 + cell.x1) / 2 - edge) <= _EDGE_TOLERANCE


def _box(cell: Line) -> BBox:
    return (round(cell.x0, 2), round(cell.top, 2), round(cell.x1, 2), round(cell.bottom, 2))


def _shared_edges(xs: list[float], min_count: int) -> list[float]:
    """Positions where at least `min_count` of `xs` fall within the tolerance of one another (one per column)."""
    edges: list[float] = []
    for x in sorted(xs):
        if edges and x - edges[-1] <= _EDGE_TOLERANCE:
            continue
        near = [y for y in xs if abs(y - x) <= _EDGE_TOLERANCE]
        if len(near) >= min_count:
            edges.append(sum(near) / len(near))
    return edges


# --------------------------------------------------------------------------- text input


@dataclass(frozen=True)
class TextGridBlock:
    """Lines of a text file that print two or more figures side by side as cells (tab, '|' or a wide space between)."""

    lines: tuple[int, int]
    rows: int
    figures: int
    cells: tuple[tuple[int, int], ...] = ()  # one cell per line: (line number, cell index) of each figure


_TEXT_CELL_SPLIT = re.compile(r"\t+|\s*\|\s*|\s{2,}")
_TEXT_GAP = 2  # lines without figures (blank lines, a wrapped label) allowed between two rows of a grid


_MIN_SPACED_FIGURES = 3  # single-space rows need three figures at the end: two could be prose ("in 2023 1.200")
_LONE_CELL_GAP = 8  # one cell per line: at most this many cells (non-blank lines) from one figure to the next
_MIN_LONE_FIGURES = 6
_MIN_LONE_PAIRS = 2  # figures on consecutive cells: cells side by side
_MIN_LONE_PERIOD = 3  # or figures at the same cell distance this often: one figure per row of a fixed width
_ROW_CODE = re.compile(r"^\d{1,3}[.)]$")  # "1.", "12)": a row number, not a figure
_MAX_ROW_CHARS = 200  # a table row flattened to one line is short; a paragraph is not
_MEASURED = re.compile(r"\d,\d|%|€|\d\.\d{3}(?!\d)")


def text_grid_row(text: str) -> int:
    """The number of figure cells of a text line when two of them stand side by side as cells, else 0.

    Cells are split by tabs, pipes or wide spaces; a row flattened to single spaces counts when it ends in at
    least three figures that are not all years (a header of years is no row of figures).
    """
    if sum(1 for ch in text if ch.isdigit()) < 2:
        return 0
    cells = [c for c in _TEXT_CELL_SPLIT.split(text.strip()) if c.strip()]
    figure = [is_figure(c) for c in cells]
    if any(a and b for a, b in zip(figure, figure[1:])):
        return sum(figure)
    return _trailing_figures(text) or _figures_among_words(text)


def _trailing_figures(text: str) -> int:
    run: list[str] = []
    tokens = text.split()
    while tokens and is_figure(tokens[-1]):
        run.append(tokens.pop())
        if len(tokens) > 1 and tokens[-1] in ("N", "V"):
            tokens.pop()  # "N 1.234": a nadeel/voordeel mark before the amount
    if len(run) < _MIN_SPACED_FIGURES or all(_YEAR.match(t) for t in run):
        return 0
    return len(run)


def _figures_among_words(text: str) -> int:
    """A row flattened to single spaces whose figures stand between words ("Formatie fte 7,10 6,95 2018 Bron"): at
    least two figures (a year of measurement counts), one of them not a year and written as a measured figure (decimal comma, %, €, thousands
    point), in a short line that is no sentence. Only used to warn about figures nobody read, never to read them."""
    t = text.strip()
    if len(t) > _MAX_ROW_CHARS or t.endswith((".", ":", ";")):
        return 0
    tokens = [tok for tok in t.split() if is_figure(tok) and not _ROW_CODE.match(tok)]
    measured = [tok for tok in tokens if not _YEAR.match(tok) and _MEASURED.search(tok)]
    return len(tokens) if len(tokens) >= 2 and measured else 0


_MARK_AFTER = re.compile(r"(?<=\d)\s+[NV]$")  # "1.060 V", "100 N": an amount with its voordeel/nadeel mark after it


def lone_figure(text: str) -> bool:
    """A line that is one figure cell and nothing else (text copied from a web table: one cell per line), also
    with the pipes of a pipe table around it ("  -98.251  |") or a voordeel/nadeel mark after it ("1.060 V")."""
    t = _MARK_AFTER.sub("", text.strip().strip("|").strip())
    return bool(t) and is_figure(t) and not _YEAR.match(t) and not _ROW_CODE.match(t)


def text_grid_blocks(lines: list[Line], min_rows: int = 3) -> list[TextGridBlock]:
    """Runs of at least `min_rows` figure rows in the lines of a text file (`Line.line_no` numbered)."""
    blocks: list[TextGridBlock] = []
    run: list[tuple[int, int]] = []  # (line number, figures)
    for line in lines:
        if line.line_no is None:
            continue
        figures = text_grid_row(line.text)
        if not figures:
            continue
        if run and line.line_no - run[-1][0] > _TEXT_GAP + 1:
            if len(run) >= min_rows:
                blocks.append(TextGridBlock((run[0][0], run[-1][0]), len(run), sum(f for _, f in run)))
            run = []
        run.append((line.line_no, figures))
    if len(run) >= min_rows:
        blocks.append(TextGridBlock((run[0][0], run[-1][0]), len(run), sum(f for _, f in run)))
    return blocks + _lone_figure_blocks(lines)


def _lone_figure_blocks(lines: list[Line]) -> list[TextGridBlock]:
    """Runs of one-figure lines (one cell per line) counted in cells, blank lines skipped.

    A run is a grid when its figures stand on consecutive cells (cells side by side) or recur at one cell
    distance (label cells between them: one figure per row of a fixed width); a contents list (titles with
    page numbers that only go up) is no grid. `rows` counts the runs of adjacent figures."""
    cells = [line for line in lines if line.line_no is not None and line.text.strip()]
    blocks: list[TextGridBlock] = []
    run: list[tuple[int, Line]] = []  # (cell index, line)
    for index, line in enumerate(cells):
        if not lone_figure(line.text):
            continue
        if run and index - run[-1][0] > _LONE_CELL_GAP:
            blocks.extend(_lone_block(run))
            run = []
        run.append((index, line))
    blocks.extend(_lone_block(run))
    return blocks


def _lone_block(run: list[tuple[int, Line]]) -> list[TextGridBlock]:
    if len(run) < _MIN_LONE_FIGURES or _only_rising_integers([line.text.strip() for _, line in run]):
        return []
    gaps = [b - a for (a, _), (b, _) in zip(run, run[1:])]
    adjacent = sum(1 for gap in gaps if gap == 1)
    period = max(gaps.count(gap) for gap in set(gaps))
    if adjacent < _MIN_LONE_PAIRS and (period < _MIN_LONE_PERIOD or period * 2 < len(gaps)):
        return []
    rows = 1 + sum(1 for gap in gaps if gap > 1)
    cells = tuple((line.line_no or 0, index) for index, line in run)
    return [TextGridBlock((run[0][1].line_no or 0, run[-1][1].line_no or 0), rows, len(run), cells)]


def lone_figures_outside(block: TextGridBlock, covered: Callable[[int], bool], texts: dict[int, str]) -> Optional[TextGridBlock]:
    """The part of a one-cell-per-line grid whose figure lines are not `covered` (a table read or reported over part
    of the run), when it is still a grid by itself; None otherwise. `texts` are the lines' texts by number."""
    left = [(line, index) for line, index in block.cells if not covered(line)]
    if len(left) < _MIN_LONE_FIGURES or _only_rising_integers([texts[line] for line, _ in left]):
        return None  # too few, or the numbers of notes below the table
    rows = 1 + sum(1 for (_, a), (_, b) in zip(left, left[1:]) if b - a > 1)
    return TextGridBlock((left[0][0], left[-1][0]), rows, len(left), tuple(left))


def _only_rising_integers(texts: list[str]) -> bool:
    """Page numbers of a contents list (whole numbers that never go down) or the numbers of notes and lists
    (each one more than the one before, or starting again at 1)."""
    if not all(t.isdigit() for t in texts):
        return False
    numbers = [int(t) for t in texts]
    steps = list(zip(numbers, numbers[1:]))
    return all(a <= b for a, b in steps) or all(b == a + 1 or b <= 1 for a, b in steps)
