"""Lines in reading order for tagging: table cells and side-by-side columns apart, and where a name may wrap.

The layout layer merges words at the same height into one line, so a two-column page or a table row
arrives as "Coöperatie Jeugdgezondheidszorg Almere U.A. De beide Veiligheidsregio's, ..." (two columns glued)
or "Belasting wethouder Financiën, onvermijdbare uitgaven ..." (three cells glued). Organisation names
must not be read across such joins. Here every line is cut where its words are far apart, and on a page
with columns the pieces are re-ordered column by column (within bands separated by full-width lines),
so a name wrapped inside one table cell ("Belasting / Samenwerking / Gouwe Rijnland / (BSGR)") becomes
consecutive lines again. Text input (no word positions) is returned unchanged.
"""

from __future__ import annotations

import re
from itertools import groupby

from extractor.read.types import Line

CELL_GAP = 12.0  # points between words that separate two cells or columns
NARROW = 0.55  # a piece narrower than this share of the page's text width belongs to one column
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●◦►]|\d{1,2}[.)]\s)")
_CLOSED = (".", ":", ";", "!", "?")
_NUMBERED = re.compile(r"^\s*(?:[-–—•*·▪●◦►]|\d{1,2}[.)]|[a-z][.)])\s")


def reading_lines(lines: list[Line]) -> list[Line]:
    """Content lines cut at cell gaps and ordered column by column per page."""
    result: list[Line] = []
    for _page, group in groupby(lines, key=lambda line: line.page):
        page_lines = list(group)
        pieces = [piece for line in page_lines for piece in (line.segments(CELL_GAP) if line.words else [line])]
        if len(pieces) == len(page_lines):
            result.extend(page_lines)
            continue
        result.extend(_column_order(pieces))
    return result


def _column_order(pieces: list[Line]) -> list[Line]:
    left = min(p.x0 for p in pieces)
    width = max(p.x1 for p in pieces) - left
    if width <= 0:
        return pieces
    columns = _columns([p for p in pieces if p.x1 - p.x0 < NARROW * width])
    if len(columns) < 2:
        return pieces
    ordered: list[Line] = []
    band: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        column = _column_of(piece, columns) if piece.x1 - piece.x0 < NARROW * width else None
        if column is None:
            ordered.extend(_flush(band, columns))
            band = []
            ordered.append(piece)
        else:
            band.append(piece)
    ordered.extend(_flush(band, columns))
    return ordered


def _columns(narrow: list[Line]) -> list[tuple[float, float]]:
    """Merged x-intervals of the narrow pieces: one interval per column."""
    intervals: list[list[float]] = []
    for piece in sorted(narrow, key=lambda p: p.x0):
        if intervals and piece.x0 <= intervals[-1][1] + 2:
            intervals[-1][1] = max(intervals[-1][1], piece.x1)
        else:
            intervals.append([piece.x0, piece.x1])
    return [(a, b) for a, b in intervals]


def _column_of(piece: Line, columns: list[tuple[float, float]]) -> int | None:
    for index, (x0, x1) in enumerate(columns):
        if piece.x0 >= x0 - 2 and piece.x1 <= x1 + 2:
            return index
    return None


def _flush(band: list[Line], columns: list[tuple[float, float]]) -> list[Line]:
    return sorted(band, key=lambda p: (_column_of(p, columns) or 0, p.top, p.x0))


def soft_line_starts(lines: list[Line], offsets: list[int]) -> set[int]:
    """Chunk offsets of the lines a name may continue onto from the line before.

    A wrapped name continues on the next line in the same font, after a line that does not close with
    punctuation, on the same page; a heading (another weight or size), a bullet or a new page starts afresh,
    so a heading is never glued to the name on the next line. Text input has no fonts: a line continues
    the previous one only when that one is a long line of running text."""
    soft: set[int] = set()
    right: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, round(line.x0 / 6))
        right[key] = max(right.get(key, 0.0), line.x1)
    for index in range(1, len(lines)):
        before, line = lines[index - 1], lines[index]
        if before.page != line.page or before.text.rstrip().endswith(_CLOSED) or _BULLET.match(line.text):
            continue
        if line.text.split(maxsplit=1)[0].endswith(":"):
            continue  # "Verantwoordelijkheden: …": a label starts a new item
        if before.words or line.words:
            if before.bold != line.bold or abs(before.size - line.size) > 0.5:
                continue
            height = max(line.bottom - line.top, 1.0)
            if line.top - before.bottom > 0.9 * height:
                continue  # a blank line or the next table row
            first_word = (line.words[0].x1 - line.words[0].x0) if line.words else 0.0
            wrapped = before.x1 + first_word + 4 >= right[(before.page, round(before.x0 / 6))]  # the next word did not fit
            aligned = abs(before.x0 - line.x0) <= 3 or (_NUMBERED.match(before.text) is not None and line.x0 > before.x0)
            cells = len(before.text.split()) <= 3 and len(line.text.split()) <= 3 and \
                abs((before.x0 + before.x1) - (line.x0 + line.x1)) <= 8  # a name wrapped in a narrow table cell
            if not (wrapped and aligned or cells):
                continue
        elif len(before.text.split()) <= 6:
            continue
        soft.add(offsets[index])
    return soft
