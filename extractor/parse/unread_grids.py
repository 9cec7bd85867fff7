"""No numeric table dropped silently: figure grids on a page that produced nothing and were not reported.

After the tables are read, each numeric grid of a PDF page (`layout.numeric_grids`) must be accounted for
by something the user sees: an indicator value or budget line read inside it, or a table note in
`coverage.tables_rejected` (with its `tables_not_used` warning) covering it. A grid with none of these is
a "silent" grid: its figures would be lost without a word. It is listed in `coverage.grids_unread` and
gets a `numeric_grid_unread` warning with its page and box, so the loss is visible.
The test is cheap (the lines are already positioned; no table tool runs here).
"""

from __future__ import annotations

from typing import Iterable, Optional

from extractor.layout.numeric_grids import GridBlock, lone_figures_outside, numeric_grid_blocks, text_grid_blocks
from extractor.model import BBox, BudgetLine, ErrorCode, ErrorEntry, Indicator, LineSpan, TableNote
from extractor.read.types import Line, Page

_MARGIN = 3.0
UNREAD_REASON = "figures aligned in columns that no table reader used or reported"
COLUMN_REASON = "a column of figures in a table that was read, none of them read or reported"
_MIN_COLUMN_FIGURES = 3


def unread_grids(pages: Iterable[Page], indicators: list[Indicator], budget_lines: list[BudgetLine],
                 rejected: list[TableNote], skip: Optional[set[int]] = None) -> list[TableNote]:
    """The numeric grids of `pages` that gave no value, no budget line and no table note.

    `skip` are pages not to look at (a table of contents).
    """
    boxes = _accounted(indicators, budget_lines, rejected)
    skip = skip or set()
    notes: list[TableNote] = []
    for page in pages:
        if page.number in skip or not page.lines:
            continue
        taken = boxes.get(page.number, [])
        if taken is None:
            continue  # the whole page is reported (a table no detector could read)
        for block in numeric_grid_blocks(page):
            if not any(_intersects(block.bbox, box) for box in taken):
                notes.append(_note(block))
                continue
            notes.extend(_unread_columns(block, taken))
    return notes


def _unread_columns(block: GridBlock, taken: list[BBox]) -> list[TableNote]:
    """Columns of a grid that was read in part: each with figures in at least as many rows as a grid needs and
    none of them read or reported (a column a reader skipped, cells merged away); bare years are headers."""
    notes: list[TableNote] = []
    for cells in block.columns:
        if len(cells) < _MIN_COLUMN_FIGURES or any(_intersects(cell, box) for cell in cells for box in taken):
            continue
        bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
        notes.append(TableNote(page=block.page, bbox=bbox, numeric=True, detector=None,
                               reason=f"{COLUMN_REASON} ({len(cells)} figures)"))
    return notes


def unread_text_grids(lines: list[Line], indicators: list[Indicator], budget_lines: list[BudgetLine],
                      rejected: list[TableNote], table_lines: Iterable[LineSpan] = ()) -> list[TableNote]:
    """Text input: the runs of lines printing figures as cells that no table, value, budget line or note covers."""
    spans: list[LineSpan] = [*table_lines]
    spans += [note.lines for note in rejected if note.lines]
    spans += [line.lines for line in budget_lines if line.lines]
    spans += [indicator.lines for indicator in indicators if indicator.lines]
    notes: list[TableNote] = []
    for block in text_grid_blocks(lines):
        first, last = block.lines
        if any(a <= last and first <= b for a, b in spans):
            if not block.cells:
                continue
            # one cell per line: the figures of the run outside what was read or reported
            texts = {line.line_no: line.text.strip() for line in lines if line.line_no is not None}
            left = lone_figures_outside(block, lambda n: any(a <= n <= b for a, b in spans), texts)
            if left is None:
                continue
            block = left
        notes.append(TableNote(lines=block.lines, numeric=True, detector=None,
                               reason=f"{UNREAD_REASON} ({block.rows} rows, {block.figures} figures)"))
    return notes


def unread_grid_warnings(notes: list[TableNote]) -> list[ErrorEntry]:
    """One `numeric_grid_unread` warning per silent grid, naming its page and box (or its lines in a text file)."""
    warnings: list[ErrorEntry] = []
    for note in notes:
        where = f"on page {note.page} at {list(note.bbox or ())}" if note.page is not None else \
            f"on lines {note.lines[0]}-{note.lines[1]}" if note.lines else "in the document"
        warnings.append(ErrorEntry(code=ErrorCode.numeric_grid_unread, severity="warning", page=note.page,
                                   message=f"figures aligned in columns {where} were not read as indicators or budget "
                                           "lines by any table reader; please check them"))
    return warnings


def _note(block: GridBlock) -> TableNote:
    return TableNote(page=block.page, bbox=block.bbox, reason=f"{UNREAD_REASON} ({block.rows} rows, {block.figures} figures)",
                     numeric=True, detector=None)


def _accounted(indicators: list[Indicator], budget_lines: list[BudgetLine],
               rejected: list[TableNote]) -> dict[int, Optional[list[BBox]]]:
    """Per page, the boxes of what was read or reported there; None when a note covers the whole page."""
    boxes: dict[int, Optional[list[BBox]]] = {}

    def add(page: Optional[int], box: Optional[BBox]) -> None:
        if page is None:
            return
        if box is None:
            boxes[page] = None
        elif boxes.get(page, []) is not None:
            boxes.setdefault(page, []).append(box)  # type: ignore[union-attr]

    for note in rejected:
        add(note.page, note.bbox)
        for page in note.pages or []:
            if page != note.page:
                add(page, None)  # a continuation of the table: its rows on that page are reported with it
    for line in budget_lines:
        if line.page is not None:
            add(line.page, line.bbox)
    for indicator in indicators:
        for value in indicator.values:
            page = value.page if value.page is not None else indicator.page
            box = value.bbox if value.bbox is not None else indicator.bbox
            if page is not None and box is not None:
                add(page, box)
            elif page is not None:
                add(page, None)
    return boxes


def _intersects(a: BBox, b: BBox) -> bool:
    return a[0] - _MARGIN < b[2] and b[0] - _MARGIN < a[2] and a[1] - _MARGIN < b[3] and b[1] - _MARGIN < a[3]
