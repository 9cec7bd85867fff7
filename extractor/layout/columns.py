"""Reading order on pages printed in two columns (GGD Flevoland's begroting, kadernota).

The reader groups words by height, so a line of a two-column page holds the left and the
right column's text side by side. Here a page's gutter is found from where words never cross,
and the page is read left column first, then right, block by block between full-width lines
(headings, tables across the page). Only `LaidOutDocument.lines()` uses this order; table
detection keeps the physical rows.
"""

from __future__ import annotations

from extractor.read.types import Line, Page, make_line

_MIN_SPLIT_LINES = 8
_MIN_GUTTER = 8.0  # points of white between the columns
_MIN_PROSE = 22.0  # mean characters per column part: numbers in a table are not prose


def find_gutter(page: Page) -> float | None:
    """The x of the white gutter between two columns of prose, or None for a one-column page."""
    lines = [line for line in page.lines if line.words]
    if len(lines) < _MIN_SPLIT_LINES or not page.width:
        return None
    best: tuple[int, float] | None = None
    x = page.width * 0.3
    while x <= page.width * 0.7:
        split = crossing = 0
        left_chars = right_chars = 0
        left_widths: list[float] = []
        right_widths: list[float] = []
        for line in lines:
            if any(w.x0 < x < w.x1 for w in line.words):
                crossing += 1
                continue
            left = [w for w in line.words if w.x1 <= x]
            right = [w for w in line.words if w.x0 >= x]
            if left and right and right[0].x0 - left[-1].x1 >= _MIN_GUTTER and _prose(left) and _prose(right):
                split += 1
                left_chars += sum(len(w.text) + 1 for w in left)
                right_chars += sum(len(w.text) + 1 for w in right)
                left_widths.append(left[-1].x1 - left[0].x0)
                right_widths.append(right[-1].x1 - right[0].x0)
        if (split >= _MIN_SPLIT_LINES and split >= 0.35 * len(lines) and crossing <= 0.25 * len(lines)
                and left_chars / split >= _MIN_PROSE and right_chars / split >= _MIN_PROSE
                and _median(left_widths) >= 0.3 * page.width and _median(right_widths) >= 0.3 * page.width):
            if best is None or split > best[0]:
                best = (split, x)
        x += 3.0
    return best[1] if best else None


def reading_order(page: Page) -> list[Line]:
    """The page's lines in reading order: per block, the left column's parts, then the right's."""
    gutter = find_gutter(page)
    if gutter is None:
        return page.lines
    ordered: list[Line] = []
    left_block: list[Line] = []
    right_block: list[Line] = []

    def flush() -> None:
        ordered.extend(left_block)
        ordered.extend(right_block)
        left_block.clear()
        right_block.clear()

    for line in page.lines:
        if not line.words or any(w.x0 < gutter < w.x1 for w in line.words):
            flush()
            ordered.append(line)
            continue
        left = [w for w in line.words if w.x1 <= gutter]
        right = [w for w in line.words if w.x0 >= gutter]
        if left:
            left_block.append(make_line(left, page=line.page))
        if right:
            right_block.append(make_line(right, page=line.page))
    flush()
    return ordered


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _prose(words: list) -> bool:
    """Running text, not table cells: several words, mostly letters."""
    text = "".join(w.text for w in words)
    letters = sum(ch.isalpha() for ch in text)
    return len(words) >= 3 and letters >= 0.6 * len(text)
