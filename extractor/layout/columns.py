"""Reading order on pages printed in two columns (GGD Flevoland's begroting, kadernota).

The reader groups words by height, so a line of a two-column page holds the left and the
right column's text side by side, and lines of the two columns that do not share a height
alternate by their y. Here the gutter is found from the positioned words: the widest white
band in the middle of the page that the fewest lines cross. A page may mix layouts (a
full-width introduction above two columns, a table below), so the gutter only holds for runs
of consecutive lines that no word crosses; a run is read left column first, then right, when
both sides hold running text side by side. Everything else keeps its physical order — tables
too: their rows carry figures or cell gaps that stand out from the word spacing, which ends a
run.

Cost: one pass over the words into a coverage histogram, one pass over the lines to read the
runs — O(words) per page. Only `LaidOutDocument.lines()` uses this order; table detection
keeps the physical rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractor.read.types import Line, Page, Word, make_line

_MIN_RUN_LINES = 8  # lines a two-column run needs in all
_MIN_SIDE_LINES = 3  # lines of text each column needs in a run
_MIN_GUTTER = 8.0  # points of white between the columns
_MIN_PROSE = 18.0  # mean characters per column line: labels and figures in a table are not prose
_MIN_COLUMN_SHARE = 0.25  # median width of a column's lines, as a share of the page width
_MIN_OVERLAP = 0.5  # the columns stand side by side: their heights overlap by this share of the shorter
_MAX_CROSSING = 0.25  # share of the page's lines that may run across the gutter (titles, full-width blocks)
_TABLE_GAP = 14.0  # a gap this wide (and wider than the word spacing) is a table's cell boundary
_MAX_TABLE_SHARE = 0.2  # share of a run's lines that may look like table rows
_BIN = 2.0  # histogram resolution in points
_FIGURE = re.compile(r"[-–+€]?\d{2,}(?:[.,]\d+)*%?|[-–+€]?\d+[.,]\d+%?")  # '1.707', '334', '12,5' — not a lone '4'


@dataclass(slots=True)
class _Split:
    """One line cut at the gutter: its words left and right of it (either may be empty)."""

    line: Line
    left: list[Word]
    right: list[Word]
    table_like: bool  # a gap on one side stands out from the word spacing


def find_gutter(page: Page) -> Optional[float]:
    """The x of the widest white band in the page's middle that the fewest lines cross, or None."""
    lines = [line for line in page.lines if line.words]
    if len(lines) < _MIN_RUN_LINES or not page.width:
        return None
    bins = int(page.width / _BIN) + 2
    change = [0] * (bins + 1)  # difference array: words of one line never overlap, so coverage = lines crossing
    for line in lines:
        for word in line.words:
            change[max(0, int(word.x0 / _BIN) + 1)] += 1
            change[min(bins, int(word.x1 / _BIN) + 1)] -= 1
    coverage: list[int] = []
    running = 0
    for index in range(bins):
        running += change[index]
        coverage.append(running)
    low, high = int(page.width * 0.3 / _BIN), int(page.width * 0.7 / _BIN)
    least = min(coverage[low:high + 1])
    if least > _MAX_CROSSING * len(lines):
        return None
    limit = least + max(2, len(lines) // 20)  # a footnote or heading across the gutter only dents the band
    best: tuple[int, int] = (0, 0)  # (length, start) of the longest stretch at about the least coverage
    start = None
    for index in range(low, high + 2):
        if index <= high and coverage[index] <= limit:
            start = index if start is None else start
            continue
        if start is not None and index - start > best[0]:
            best = (index - start, start)
        start = None
    if best[0] * _BIN < _MIN_GUTTER / 2:
        return None
    return (best[1] + best[0] / 2) * _BIN


def _split(line: Line, gutter: float) -> Optional[_Split]:
    """The line cut at the gutter, or None when it runs across (a full-width line) or is a row of a table."""
    left: list[Word] = []
    right: list[Word] = []
    for word in line.words:
        if word.x0 < gutter < word.x1:
            return None
        (left if word.x1 <= gutter else right).append(word)
    if left and right and right[0].x0 - left[-1].x1 < _MIN_GUTTER:
        return None  # only a word space at the gutter's x: a full-width line
    if _figures(left) >= 2 or _figures(right) >= 2 or (left and right and not (_wordy(left) and _wordy(right))):
        return None  # cells beside figures: a table row
    return _Split(line, left, right, _cell_gap(left) or _cell_gap(right))


def _is_columns(run: list[_Split], page_width: float) -> bool:
    """Running text on both sides, side by side, and few rows that look like a table's."""
    if len(run) < _MIN_RUN_LINES or sum(s.table_like for s in run) > _MAX_TABLE_SHARE * len(run):
        return False
    lefts = [s.left for s in run if s.left]
    rights = [s.right for s in run if s.right]
    if len(lefts) < _MIN_SIDE_LINES or len(rights) < _MIN_SIDE_LINES:
        return False
    for side in (lefts, rights):
        if sum(len(w.text) + 1 for words in side for w in words) / len(side) < _MIN_PROSE:
            return False
        if _median([words[-1].x1 - words[0].x0 for words in side]) < _MIN_COLUMN_SHARE * page_width:
            return False
    left_span = (min(w[0].top for w in lefts), max(w[0].bottom for w in lefts))
    right_span = (min(w[0].top for w in rights), max(w[0].bottom for w in rights))
    overlap = min(left_span[1], right_span[1]) - max(left_span[0], right_span[0])
    shorter = min(left_span[1] - left_span[0], right_span[1] - right_span[0])
    return shorter > 0 and overlap >= _MIN_OVERLAP * shorter


def reading_order(page: Page) -> list[Line]:
    """The page's lines in reading order: per run of two-column lines, the left column, then the right."""
    gutter = find_gutter(page)
    if gutter is None:
        return page.lines
    ordered: list[Line] = []
    run: list[_Split] = []
    changed = False

    def flush() -> None:
        nonlocal changed
        for part in _parts(run, page.width):
            if _is_columns(part, page.width):
                ordered.extend(_side(s.line, s.left) for s in part if s.left)
                ordered.extend(_side(s.line, s.right) for s in part if s.right)
                changed = True
            else:
                ordered.extend(s.line for s in part)
        run.clear()

    for line in page.lines:
        cut = _split(line, gutter) if line.words else None
        if cut is None:
            flush()
            ordered.append(line)
            continue
        run.append(cut)
    flush()
    return ordered if changed else page.lines


def _parts(run: list[_Split], page_width: float) -> list[list[_Split]]:
    """The run itself, or — when table rows hold it back (a table right above the columns) — its pieces between them."""
    if not run or _is_columns(run, page_width) or not any(s.table_like for s in run):
        return [run] if run else []
    parts: list[list[_Split]] = [[]]
    for cut in run:
        if cut.table_like:
            parts.append([cut])
            parts.append([])
        else:
            parts[-1].append(cut)
    return [part for part in parts if part]


def _side(line: Line, words: list[Word]) -> Line:
    """The part of a line in one column; a line wholly in one column stays as it was read."""
    return line if len(words) == len(line.words) else make_line(words, page=line.page)


def _cell_gap(words: list[Word]) -> bool:
    """A gap that stands out from the word spacing: a table's cell boundary.

    Justified text spreads its spaces evenly, so a wide space alone says nothing; the hanging
    indent after a list marker ('1.', '-', 'a)') does not count either.
    """
    start = 1 if words and len(words[0].text) <= 3 else 0
    gaps = sorted(b.x0 - a.x1 for a, b in zip(words[start:], words[start + 1:]))
    if len(gaps) == 1:
        return gaps[0] >= 2 * _TABLE_GAP  # two words far apart: a label and its cell
    return bool(gaps) and gaps[-1] >= _TABLE_GAP and gaps[-1] >= 2.5 * max(gaps[(len(gaps) - 1) // 2], 1.0)


def _figures(words: list[Word]) -> int:
    """Words that are amounts or counts ('1.707', '334', '12,5%'), not a lone digit of running text."""
    return sum(1 for w in words if _FIGURE.fullmatch(w.text))


def _wordy(words: list[Word]) -> bool:
    """Mostly letters: text, not figures."""
    text = "".join(w.text for w in words)
    return sum(ch.isalpha() for ch in text) >= 0.6 * len(text)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0
