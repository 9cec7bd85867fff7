"""Tables on PDF pages: find them, read their cells, stitch them over pages.

The reader already hands us every word with its box and every drawn line/rectangle, so
tables are found from those, cheaply, without opening the PDF again:

* ruled tables (`method="ruled"`): drawn rules (lines, hairline rectangles and the edges of
  cell shadings) are joined into grids; every word goes to the grid cell holding its centre.
  This is exact for the Wassenaar and GGD tables, including wrapped and vertically centred
  cells, and reads header cells that span several columns (a missing separator in that row).
* unruled tables (`method="aligned"`): only next to a table caption or an indicator-style
  header that no grid covers, column gaps are found from the whitespace shared by the rows;
  camelot's network flavour (`method="camelot"`) is tried on that page when the own method
  finds no consistent columns. Tables found this way carry a lower `confidence`.

A table continued on the next page (same column boundaries, header repeated or not) is
stitched into one `Table` whose rows keep their own page numbers.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field, replace
from typing import Optional

from extractor.layout.cell_split import MergedCell, split_merged_cells, split_stacked_rows
from extractor.read.types import Line, Page, Rule, Word, make_line

log = logging.getLogger(__name__)

BBox = tuple[float, float, float, float]

_TOL = 2.0  # points: rules closer than this touch
_MERGE = 3.0  # boundaries closer than this are one (double rules, rule + shading edge)
_MAX_SEGMENTS = 20_000  # more rules than this on one page is a drawing (map, chart), not a table
_CAPTION = re.compile(r"^\s*(tabel|table|overzicht)\b", re.IGNORECASE)
_HEADERISH = re.compile(r"indicator|streefwaarde|peilwaarde|realisatie|begroting|bedragen\s*x|x\s*€|nederland|landelijk|rekening|prognose|"
                        r"nulmeting|kengetal|(19|20)\d{2}\D{1,30}(19|20)\d{2}", re.IGNORECASE)
_NUMERIC = re.compile(r"^[-−+<>≤≥~]?\s*[-−]?\d[\d.,]*\s*%?\s*(\(\d{4}\))?\*?$")


@dataclass
class TableRow:
    cells: list[str]
    page: int
    bbox: BBox
    cell_boxes: list[Optional[BBox]] = field(default_factory=list)
    spans: list[int] = field(default_factory=list)  # per cell: how many columns it covers (0 = covered by a left neighbour)
    bold: bool = False  # every word of the row is bold (a header or total row)
    lines: Optional[tuple[int, int]] = None  # text input: first and last line number of the row
    sub_of: Optional[int] = None  # index (in Table.rows) of the total this row breaks down (a cell packing sub-rows)
    problem: Optional[str] = None  # why the reader could not place this row's figures in columns (they are left out)
    unplaced: list[str] = field(default_factory=list)  # text copies that dropped empty cells: the row's figures in print order,
    # fewer than its value columns, so their columns are not shown (the meaning layer may prove them, e.g. by arithmetic)
    heading: bool = False  # a label row the layout knows heads the rows below (a group), not a label broken over two rows


@dataclass
class Table:
    """One table, possibly over several pages; `rows[i].page` says where each row is printed."""

    page: int
    bbox: BBox
    rows: list[TableRow]
    columns: list[float]  # x boundaries, len = n_cols + 1
    method: str = "ruled"
    confidence: float = 1.0
    caption: Optional[str] = None
    above: list[Line] = field(default_factory=list)  # up to a few lines printed just above the table
    notes: list[Line] = field(default_factory=list)  # lines just below (footnotes), on the last page
    pages: list[int] = field(default_factory=list)
    header_rows: Optional[int] = None  # set by a reader that knows where the header ends (text tables)
    uncertain_rows: list[str] = field(default_factory=list)  # rows with figures the reader could not place in columns
    glued_left_out: list[str] = field(default_factory=list)  # glued rows (`Lasten3.3543.139…`) no split was certain for
    ocr: bool = False  # read from an OCR'd page: header words may be misread ("Rexening", "actuee|")
    merged_cells: list[MergedCell] = field(default_factory=list)  # cells of several figures that were not split (warned)
    kind_groups: list[str] = field(default_factory=list)  # kind cells printed over the year columns, in order (text)
    unnamed_sub_columns: int = 0  # each value header spans this many columns whose sides are not printed (text)

    @property
    def n_cols(self) -> int:
        return len(self.columns) - 1


# --------------------------------------------------------------------------- segments


@dataclass
class _Seg:
    horizontal: bool
    pos: float  # y for horizontal, x for vertical
    start: float
    end: float


def _segments(page: Page) -> list[_Seg]:
    """Horizontal and vertical rule segments from lines, hairline rectangles and shading edges."""
    segs: list[_Seg] = []
    page_area = max(page.width * page.height, 1.0)

    def add_box(r: Rule, from_rect: bool) -> None:
        w = r.x1 - r.x0
        h = r.bottom - r.top
        if w <= _TOL * 1.5 and h <= _TOL * 1.5:
            return
        if h <= _TOL * 1.5:
            segs.append(_Seg(True, (r.top + r.bottom) / 2, r.x0, r.x1))
        elif w <= _TOL * 1.5:
            segs.append(_Seg(False, (r.x0 + r.x1) / 2, r.top, r.bottom))
        elif from_rect and w * h < 0.4 * page_area:
            # a shaded cell: its edges separate rows and columns like rules do
            segs.append(_Seg(True, r.top, r.x0, r.x1))
            segs.append(_Seg(True, r.bottom, r.x0, r.x1))
            segs.append(_Seg(False, r.x0, r.top, r.bottom))
            segs.append(_Seg(False, r.x1, r.top, r.bottom))

    for r in page.rules:
        add_box(r, False)
    for r in page.rects:
        add_box(r, True)
    return segs


def _merge_collinear(segs: list[_Seg]) -> list[_Seg]:
    merged: list[_Seg] = []
    for horizontal in (True, False):
        group = sorted((s for s in segs if s.horizontal == horizontal), key=lambda s: (s.pos, s.start))
        rows: list[list[_Seg]] = []
        for s in group:
            if rows and abs(s.pos - rows[-1][0].pos) <= 1.0:
                rows[-1].append(s)
            else:
                rows.append([s])
        for row in rows:
            row.sort(key=lambda s: s.start)
            cur = _Seg(horizontal, row[0].pos, row[0].start, row[0].end)
            for s in row[1:]:
                if s.start <= cur.end + _TOL:
                    cur.end = max(cur.end, s.end)
                else:
                    merged.append(cur)
                    cur = _Seg(horizontal, s.pos, s.start, s.end)
            merged.append(cur)
    return merged


def _cluster(values: list[float], tol: float = _MERGE) -> list[float]:
    """Sorted distinct positions; values closer than `tol` collapse to their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _components(segs: list[_Seg]) -> list[list[_Seg]]:
    """Groups of rules that touch each other (union-find over crossing/touching pairs)."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, s in enumerate(segs) if s.horizontal]
    vs = sorted((i for i, s in enumerate(segs) if not s.horizontal), key=lambda k: segs[k].pos)
    v_pos = [segs[j].pos for j in vs]
    for i in hs:
        h = segs[i]
        # only verticals whose x lies within the horizontal's extent (sorted: a slice, not a scan)
        for j in vs[bisect.bisect_left(v_pos, h.start - _TOL):bisect.bisect_right(v_pos, h.end + _TOL)]:
            v = segs[j]
            if v.start - _TOL <= h.pos <= v.end + _TOL:
                a, b = find(i), find(j)
                if a != b:
                    parent[a] = b
    # parallel rules that overlap (a shading's top edge on a rule) belong together too
    for group in (hs, vs):
        ordered = sorted(group, key=lambda k: segs[k].pos)
        for n, i in enumerate(ordered):
            for j in ordered[n + 1:]:
                if segs[j].pos - segs[i].pos > 1.0:
                    break
                if segs[i].start <= segs[j].end and segs[j].start <= segs[i].end:
                    a, b = find(i), find(j)
                    if a != b:
                        parent[a] = b
    groups: dict[int, list[_Seg]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


# --------------------------------------------------------------------------- cell text


def _words(page: Page) -> list[Word]:
    return [w for line in page.lines for w in line.words]


def _join_words(words: list[Word]) -> str:
    """Words of one cell in reading order: lines by position, wrapped hyphenation joined."""
    if not words:
        return ""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = [[ordered[0]]]
    for w in ordered[1:]:
        if abs(w.top - lines[-1][0].top) <= 3.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    texts = [" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines]
    out = texts[0]
    for t in texts[1:]:
        out = join_wrapped(out, t)
    return out.strip()


_SAME_VOWEL = re.compile(r"([aeiou])-\1", re.IGNORECASE)


def join_wrapped(first: str, second: str) -> str:
    """Join two lines of one cell; a word broken at a hyphen is joined without a space.

    The hyphen stays in short heads ("re-integratie"), in a printed "(ex-)" and between two equal vowels
    ("data-analyse": Dutch never hyphenates a syllable there, so the hyphen is spelling); otherwise it was
    only the line break ("ziek-teverwekkers" is "ziekteverwekkers"). A line ending in a slash was broken
    after it ("school/" + "Almeers"): joined without a space.
    """
    if first.endswith("/") and len(first) > 1 and not first[-2].isspace() and second[:1].isalnum():
        return first + second
    if first.endswith("-)") and second[:1].islower():
        return first + second  # "(ex-)" + "gedetineerden"
    if first.endswith("-") and second[:1].islower() and len(first) > 1 and first[-2].isalpha():
        head = first.rsplit(" ", 1)[-1]
        if len(head) <= 4 or _SAME_VOWEL.search(first[-2:] + second[:1]):
            return first + second
        return first[:-1] + second
    return first + " " + second


def _box(words: list[Word]) -> Optional[BBox]:
    if not words:
        return None
    return (
        round(min(w.x0 for w in words), 2), round(min(w.top for w in words), 2),
        round(max(w.x1 for w in words), 2), round(max(w.bottom for w in words), 2),
    )


def _covered(by_pos: tuple[list[float], list[_Seg]], pos: float, a: float, b: float) -> bool:
    """True when rules at `pos` cover most of the span [a, b] (a separator is drawn there).

    `by_pos` is (positions, segments) sorted by position, so only rules near `pos` are looked at.
    """
    positions, segs = by_pos
    need = (b - a) * 0.6
    got = 0.0
    for s in segs[bisect.bisect_left(positions, pos - _MERGE):bisect.bisect_right(positions, pos + _MERGE)]:
        got += max(0.0, min(s.end, b) - max(s.start, a))
    return got >= need


# --------------------------------------------------------------------------- ruled tables


def find_ruled_tables(page: Page) -> list[Table]:
    """Tables drawn with rules or shaded cells on one page."""
    raw = _segments(page)
    if len(raw) < 4:
        return []
    segs = _merge_collinear(raw)
    if len(segs) > _MAX_SEGMENTS:
        log.debug("page %s: %d rules, vector art rather than a table; skipped", page.number, len(segs))
        return []
    words = _words(page)
    tables: list[Table] = []
    for comp in _components(segs):
        hs = [s for s in comp if s.horizontal]
        vs = [s for s in comp if not s.horizontal]
        if not hs or not vs:
            continue
        x0 = min(min(s.start for s in hs), min(s.pos for s in vs))
        x1 = max(max(s.end for s in hs), max(s.pos for s in vs))
        y0 = min(min(s.pos for s in hs), min(s.start for s in vs))
        y1 = max(max(s.pos for s in hs), max(s.end for s in vs))
        if x1 - x0 < 60 or y1 - y0 < 15:
            continue
        inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1 and y0 - 1 <= (w.top + w.bottom) / 2 <= y1 + 1]
        ys = _cluster([y0, y1] + [s.pos for s in hs])
        if page.ocr:  # rules found in an image: letters' strokes and shading edges off by a few points
            ys = ys[:1] + [y for y in ys[1:-1] if not (_partial_edge(y, hs, x0, x1) and _cuts_rows(y, inside))] + ys[-1:]
            vs = [s for s in vs if not _stray_mark(s, inside, ys)]
        xs = _cluster([x0, x1] + [s.pos for s in vs])
        table = _grid_table(page, words, xs, ys, hs, vs)
        if table is not None:
            table.rows = fold_centred_labels(table.rows)
            tables.append(table)
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables


def _stray_mark(seg: _Seg, words: list[Word], ys: list[float]) -> bool:
    """A short vertical mark that is no cell border: it runs through a word, or it covers too little of
    the row it stands in to separate two cells. Letters' strokes ending on a shaded band's edge are
    found as rules on OCR'd pages; a border reaches from one row boundary to the next."""
    if seg.end - seg.start > 30.0:
        return False
    beside = [w for w in words if seg.start < w.bottom - 1.0 and seg.end > w.top + 1.0]
    if any(w.x0 + 1.0 < seg.pos < w.x1 - 1.0 for w in beside if len(w.text) > 1):
        return True
    left = max((w for w in beside if w.x1 <= seg.pos + 1.0), key=lambda w: w.x1, default=None)
    right = min((w for w in beside if w.x0 >= seg.pos - 1.0), key=lambda w: w.x0, default=None)
    if left is not None and right is not None and right.x0 - left.x1 < 0.6 * (left.bottom - left.top) \
            and abs(left.top - right.top) < 1.0:
        return True  # between two words of one phrase, a word space apart
    middle = (seg.start + seg.end) / 2
    k = bisect.bisect_right(ys, middle)
    if k == 0 or k >= len(ys):
        return False
    return seg.end - seg.start < 0.6 * (ys[k] - ys[k - 1])


def _partial_edge(y: float, hs: list[_Seg], x0: float, x1: float) -> bool:
    """Rules at `y` cover less than half of the table's width: the edge of one or two cells, not a row rule."""
    covered = sum(max(0.0, min(s.end, x1) - max(s.start, x0)) for s in hs if abs(s.pos - y) <= _MERGE)
    return covered < 0.5 * (x1 - x0)


def _cuts_rows(y: float, words: list[Word]) -> bool:
    """A row boundary through the middle of a line of text: a shading edge off by a few points (a cell
    of a header band whose top was not seen), not a separator between two rows."""
    return any(w.top + 0.25 * (w.bottom - w.top) < y < w.bottom - 0.25 * (w.bottom - w.top) for w in words)


_NOTE_MARK = re.compile(r"^\s*(#|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,2}\)\s)")


def _figure_middle(row: TableRow) -> Optional[float]:
    boxes = [b for c, b in zip(row.cells[1:], row.cell_boxes[1:]) if b is not None and _is_numeric_cell(c)]
    return sum((b[1] + b[3]) / 2 for b in boxes) / len(boxes) if boxes else None


def _label_only(row: TableRow) -> bool:
    return bool(row.cells and row.cells[0].strip()) and not any(c.strip() for c in row.cells[1:]) and not _NOTE_MARK.match(row.cells[0])


def _label_around_unlabelled_figures(rows: list[TableRow]) -> list[TableRow]:
    """A row of figures with an empty label cell between label-only lines is one row whose label is centred on it
    ("Geraamde resultaat" / figures / "programma", each line cut into its own row by shading edges): the label line
    right above it is its label, and the line right below when it goes on in lower case. Bold or not, as a row of
    figures without any label cannot stand alone; lines more than a line height away stay."""
    out: list[TableRow] = []
    skip: set[int] = set()
    for i, row in enumerate(rows):
        if i in skip:
            continue
        amounts = [c for c in row.cells[1:] if _is_numeric_cell(c) and not _YEAR_WORD.fullmatch(c.strip())]
        if row.cells and not row.cells[0].strip() and amounts and out and _label_only(out[-1]):
            above = out[-1]
            height = max(above.bbox[3] - above.bbox[1], 6.0)
            if row.bbox[1] - above.bbox[3] <= height:
                parts = [above, row]
                below = rows[i + 1] if i + 1 < len(rows) else None
                if below is not None and _label_only(below) and below.cells[0].strip()[:1].islower() \
                        and below.bbox[1] - row.bbox[3] <= height:
                    parts.append(below)
                    skip.add(i + 1)
                text = ""
                for part in (above, *parts[2:]):
                    text = join_wrapped(text, part.cells[0].strip()) if text else part.cells[0].strip()
                row.cells[0] = text
                if row.cell_boxes and above.cell_boxes:
                    row.cell_boxes[0] = above.cell_boxes[0]
                row.bbox = (row.bbox[0], above.bbox[1], row.bbox[2], max(p.bbox[3] for p in parts))
                out[-1] = row
                continue
        out.append(row)
    return out


def fold_centred_labels(rows: list[TableRow]) -> list[TableRow]:
    """Join the lines of a wrapped label printed vertically centred on its figures (no rule between the lines).

    Only done where the table shows it: some row's figures sit off its label line's middle, i.e. between
    label lines. Each plain label-only line then goes to the figure row whose figures' middle is nearest
    (within a few line heights); bold label-only rows are group headings and stay.
    """
    def label_middle(row: TableRow) -> Optional[float]:
        box = row.cell_boxes[0] if row.cell_boxes else None
        return (box[1] + box[3]) / 2 if box else None

    rows = _label_around_unlabelled_figures(rows)
    figures = [(row, _figure_middle(row), label_middle(row)) for row in rows]
    centred = any(f is not None and m is not None and abs(f - m) > 3.0 for _, f, m in figures)
    valued = [(row, f) for row, f, _ in figures if f is not None]
    if not centred or not valued:
        return rows
    joined: dict[int, list[TableRow]] = {}
    folded: set[int] = set()
    for row, f, middle in figures:
        box = row.cell_boxes[0] if row.cell_boxes else None
        if f is not None or middle is None or box is None or row.bold or any(c.strip() for c in row.cells[1:]) \
                or _NOTE_MARK.match(row.cells[0]):
            continue  # a figure row, a group heading, or a footnote ("# Telt niet op tot 100%")
        target, distance = min(((v, abs(vf - middle)) for v, vf in valued), key=lambda p: p[1])
        if distance <= 2.6 * max(box[3] - box[1], 6.0):
            joined.setdefault(id(target), [target]).append(row)
            folded.add(id(row))
    out: list[TableRow] = []
    for row in rows:
        if id(row) in folded:
            continue
        if id(row) in joined:
            parts = sorted(joined[id(row)], key=lambda r: r.bbox[1])
            text = ""
            for part in parts:
                text = join_wrapped(text, part.cells[0].strip()) if text else part.cells[0].strip()
            row.cells[0] = text
            row.bbox = (row.bbox[0], min(p.bbox[1] for p in parts), row.bbox[2], max(p.bbox[3] for p in parts))
        out.append(row)
    return out


def _grid_table(page: Page, words: list[Word], xs: list[float], ys: list[float], hs: list[_Seg], vs: list[_Seg]) -> Optional[Table]:
    inside = [w for w in words if xs[0] - 1 <= (w.x0 + w.x1) / 2 <= xs[-1] + 1 and ys[0] - 1 <= (w.top + w.bottom) / 2 <= ys[-1] + 1]
    if not inside:
        return None
    n_cols = len(xs) - 1
    # words per (row band, column)
    bands: list[tuple[float, float]] = [(ys[i], ys[i + 1]) for i in range(len(ys) - 1)]
    cell_words: list[list[list[Word]]] = [[[] for _ in range(n_cols)] for _ in bands]
    for w in inside:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        r = next((i for i, (a, b) in enumerate(bands) if a - 1 <= cy <= b + 1), None)
        c = next((i for i in range(n_cols) if xs[i] - 1 <= cx <= xs[i + 1] + 1), None)
        if r is None or c is None:
            continue
        cell_words[r][c].append(w)
    used_cols = [c for c in range(n_cols) if any(cell_words[r][c] for r in range(len(bands)))]
    if not used_cols:
        return None
    rows: list[TableRow] = []
    vs_sorted = sorted(vs, key=lambda s: s.pos)
    by_pos = ([s.pos for s in vs_sorted], vs_sorted)
    drawn = [any(_covered(by_pos, xs[c], a + 0.5, b - 0.5) for a, b in bands) for c in range(n_cols + 1)]
    figure_cols = {c for c in range(n_cols) if any(_is_numeric_cell(w.text) and not _YEAR_WORD.fullmatch(w.text)
                                                   for r in range(len(bands)) for w in cell_words[r][c])}
    for r, (a, b) in enumerate(bands):
        if not any(cell_words[r]):
            continue
        split = _split_unruled_band(page.number, cell_words[r], xs, drawn, by_pos, (a, b), used_cols[0], figure_cols)
        if split:
            rows.extend(split)
            continue
        # spanning: a column boundary without a drawn separator in this band joins the cells
        spans = [1] * n_cols
        owner = list(range(n_cols))
        filled = -1  # the last column of this band holding words
        for c in range(1, n_cols):
            if cell_words[r][c - 1]:
                filled = c - 1
            if not _covered(by_pos, xs[c], a + 0.5, b - 0.5) and not _figures_apart(cell_words[r], filled, c, drawn, figure_cols):
                owner[c] = owner[c - 1]
        for c in range(n_cols):
            if owner[c] != c:
                spans[owner[c]] += 1
                spans[c] = 0
        texts = [""] * n_cols
        boxes: list[Optional[BBox]] = [None] * n_cols
        for c in range(n_cols):
            if spans[c] == 0:
                continue
            ws = [w for k in range(c, c + spans[c]) for w in cell_words[r][k]]
            texts[c] = _join_words(ws)
            boxes[c] = _box(ws)
        all_words = [w for cell in cell_words[r] for w in cell]
        rows.append(TableRow(cells=texts, page=page.number, bbox=(round(xs[0], 2), round(a, 2), round(xs[-1], 2), round(b, 2)),
                             cell_boxes=boxes, spans=spans, bold=all(w.bold for w in all_words)))
    # drop columns that are empty everywhere (space between double rules)
    keep = [c for c in range(n_cols) if any(row.cells[c] for row in rows) or any(row.spans[c] > 1 for row in rows)]
    if len(keep) < 2 or len(rows) < 2:
        return None
    columns = [xs[keep[0]]] + [xs[c + 1] for c in keep]
    for row in rows:
        # a span counts the kept columns it covers; a kept column inside a span gets 0
        spans: list[int] = []
        for c in keep:
            if row.spans[c] == 0:
                spans.append(0)
            else:
                spans.append(sum(1 for k in keep if c <= k < c + row.spans[c]))
        row.cells = [row.cells[c] for c in keep]
        row.cell_boxes = [row.cell_boxes[c] for c in keep]
        row.spans = spans
    columns = _merge_split_columns(rows, columns)
    bbox = (round(xs[0], 2), round(ys[0], 2), round(xs[-1], 2), round(ys[-1], 2))
    return Table(page=page.number, bbox=bbox, rows=rows, columns=columns, method="ruled", pages=[page.number], ocr=page.ocr)


_YEAR_WORD = re.compile(r"(19|20)\d{2}")


def _figures_apart(words: list[list[Word]], left: int, right: int, drawn: list[bool], figure_cols: set[int]) -> bool:
    """A separator missing in one band (a rule not drawn, broken in the file) does not join two figures that stand
    in two columns whose separator is drawn elsewhere in the table: each figure keeps its own column."""
    if left < 0 or not words[right] or left not in figure_cols or right not in figure_cols:
        return False
    return any(drawn[k] for k in range(left + 1, right + 1)) and all(_is_numeric_cell(w.text) for w in words[left] + words[right])


def _split_unruled_band(page_number: int, words: list[list[Word]], xs: list[float], drawn: list[bool],
                        by_pos: tuple[list[float], list[_Seg]], band: tuple[float, float], label_col: int,
                        figure_cols: set[int]) -> Optional[list[TableRow]]:
    """The rows of a white band in a table whose grid is drawn only by shaded rows (or a frame).

    A band without rules inside it holds several printed rows and no column separators, so the grid would
    read it as one cell. Its lines are rows of the grid when every word right of the label column is a
    figure or a year and stands in a column whose separator is drawn elsewhere in the table: then each
    line becomes a row, its words placed by the grid's columns (a lower-case label line continues the row above).
    A band of several lines of which only one prints figures is one row with a wrapped label (cells by column).
    The label column is the table's first column holding words (a frame can leave an empty column before it);
    a band without a label (a line of years spanning sub-columns) is never split, and a line of years only
    when it puts one year over every column of figures ("Bedragen x € 1.000 | 2025 | 2026 | 2027").
    """
    n_cols = len(words)
    label = label_col
    value_cols = [c for c in range(label + 1, n_cols) if words[c]]
    if not words[label] or not value_cols:
        return None
    texts = [_join_words(words[c]) for c in value_cols]
    if all(_YEAR_WORD.fullmatch(t) for t in texts) and set(value_cols) != {c for c in figure_cols if c > label}:
        return None  # years over sub-columns: a spanning header, not one year per column
    if all(_covered(by_pos, xs[c], band[0] + 0.5, band[1] - 0.5) for c in value_cols):
        return None  # separators drawn in this band: the ordinary cells are right
    if not all(drawn[c] for c in value_cols):
        return None
    lines: list[list[Word]] = []
    for w in sorted((w for cell in words for w in cell), key=lambda w: (w.top, w.x0)):
        if lines and abs(w.top - lines[-1][0].top) <= 3.0:
            lines[-1].append(w)
        else:
            lines.append([w])
    placed: list[list[list[Word]]] = []
    for line in lines:
        cells: list[list[Word]] = [[w for w in line if w in words[c]] for c in range(n_cols)]
        for c in value_cols:
            text = _join_words(cells[c])
            if text and not (_is_numeric_cell(text) or re.fullmatch(r"(19|20)\d{2}", text)):
                return None  # words, not figures, right of the label: a real spanning cell
        placed.append(cells)
    with_figures = sum(1 for cells in placed if any(cells[c] for c in value_cols))
    if len(placed) > 1 and with_figures < 2:
        placed = [[[w for cells in placed for w in cells[c]] for c in range(n_cols)]]  # one row, its label wrapped
    rows: list[TableRow] = []
    for cells in placed:
        line_words = [w for c in cells for w in c]
        if rows and not any(cells[c] for c in value_cols) and _join_words(cells[label])[:1].islower():
            rows[-1].cells[label] = join_wrapped(rows[-1].cells[label], _join_words(cells[label]))
            continue
        top, bottom = min(w.top for w in line_words), max(w.bottom for w in line_words)
        rows.append(TableRow(cells=[_join_words(c) for c in cells], page=page_number,
                             bbox=(round(xs[0], 2), round(top, 2), round(xs[-1], 2), round(bottom, 2)),
                             cell_boxes=[_box(c) for c in cells], spans=[1] * n_cols, bold=all(w.bold for w in line_words)))
    return rows


def _merge_split_columns(rows: list[TableRow], columns: list[float]) -> list[float]:
    """Join two neighbouring columns that are one column split by a rule in a few rows only.

    Evidence needed: some row has one cell spanning both, and no row has text in both.
    (A body label spanning an inset rule of the header is the usual case.)
    """
    c = 0
    while c < len(columns) - 2:
        spanned = any(row.spans[c] >= 2 for row in rows)
        clash = any(row.spans[c] == 1 and row.cells[c].strip() and row.cells[c + 1].strip() for row in rows)
        if spanned and not clash:
            for row in rows:
                if row.spans[c] >= 2:
                    row.spans[c] -= 1
                elif row.spans[c] == 1:
                    text = " ".join(t for t in (row.cells[c], row.cells[c + 1]) if t.strip())
                    row.cells[c] = text
                    boxes = [b for b in (row.cell_boxes[c], row.cell_boxes[c + 1]) if b]
                    row.cell_boxes[c] = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)) if boxes else None
                    row.spans[c] = max(1, row.spans[c + 1]) if row.spans[c + 1] else 1
                elif row.spans[c + 1] == 0:
                    _shrink_owner(row, c)  # both columns inside a span that starts further left
                del row.cells[c + 1]
                del row.cell_boxes[c + 1]
                del row.spans[c + 1]
            del columns[c + 1]
            continue
        c += 1
    return columns


def _shrink_owner(row: TableRow, c: int) -> None:
    """Column c + 1 is joined to c, both covered by a cell starting left of c: that cell spans one column less."""
    owner = next((k for k in range(c - 1, -1, -1) if row.spans[k] > 0), None)
    if owner is not None and row.spans[owner] > 1:
        row.spans[owner] -= 1


# --------------------------------------------------------------------------- unruled tables


def _is_numeric_cell(text: str) -> bool:
    t = text.strip()
    return bool(t) and (bool(_NUMERIC.match(t)) or t in {"-", "n.b.", "nvt", "n.v.t."})


_RANGE_CELL = re.compile(r"^[-−]?\d[\d.,]*\s*%?\s*[-–—]\s*[-−]?\d[\d.,]*\s*%?$")


def _is_figure_cell(text: str) -> bool:
    """A figure or a range of two figures ("453 – 477", "6 - 6,5"): what makes a line a row of a numeric grid.
    Only for FINDING grids; whether a range is a value is for the meaning layer to say."""
    return _is_numeric_cell(text) or bool(_RANGE_CELL.match(text.strip()))


def _column_header_line(line: Line) -> bool:
    """A line of three or more separate phrases without figures ("Periode  Zuid-Holland  Holland  MRDH"): the
    column headers of the grid under it, whatever words they use."""
    segments = line.segments(min_gap=10.0)
    return len(segments) >= 3 and not any(_is_figure_cell(s.text) or re.search(r"\d", s.text) and not _YEAR_WORD.search(s.text)
                                          for s in segments)


def _ruled_gap(page: Page, upper: Line, lower: Line) -> bool:
    """A rule or a shading edge drawn across the gap between two lines, not too wide a gap (under two lines): the
    header is set off from the body by a drawn line, the cell padding making the gap wider than a line's."""
    if lower.top - upper.bottom >= 2 * max(8.0, upper.bottom - upper.top) + 4.0:
        return False
    spans = [(r.x0, r.x1) for r in [*page.rules, *page.rects]
             if upper.bottom <= r.top <= lower.top or upper.bottom <= r.bottom <= lower.top]
    return _union_width(spans, lower.x0, lower.x1) >= 0.5 * max(lower.x1 - lower.x0, 1.0)


def _union_width(spans: list[tuple[float, float]], x0: float, x1: float) -> float:
    """How much of [x0, x1] the spans cover together (overlaps counted once)."""
    covered, reach = 0.0, x0
    for a, b in sorted((max(a, x0), min(b, x1)) for a, b in spans):
        a = max(a, reach)
        if b > a:
            covered += b - a
            reach = b
    return covered


def _cut_by_page_foot(page: Page, lines: list[Line], end: int) -> bool:
    """The run is the last thing printed on the page, low on it: a table going on on the next page."""
    return end == len(lines) - 1 and lines[end].bottom >= 0.7 * (page.height or 842.0)


def find_aligned_tables(page: Page, taken: list[BBox]) -> list[Table]:
    """Whitespace-aligned tables: runs of lines with several numeric cells at shared right edges.

    Only lines outside `taken` (ruled tables) are looked at. A run needs a caption-like or
    header-like line just above it, so prose in two columns is never read as a table.
    """
    lines = [ln for ln in page.lines if not any(_inside(ln, b) for b in taken)]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        segs = lines[i].segments(min_gap=10.0)
        numeric = sum(1 for s in segs[1:] if _is_figure_cell(s.text))
        if numeric < 2 or _years_only(segs[1:]):
            i += 1  # a row of year columns is a header: the body starts below it
            continue
        # grow the run: numeric rows, plus wrapped label lines between them
        start = i
        j = i
        last_numeric = i
        while j + 1 < len(lines):
            nxt = lines[j + 1]
            gap = nxt.top - lines[j].bottom
            if gap > 18:
                break
            nsegs = nxt.segments(min_gap=10.0)
            if sum(1 for s in nsegs[1:] if _is_figure_cell(s.text)) >= 2:
                last_numeric = j + 1
            elif len(nsegs) > 1 or nxt.x0 > lines[start].x0 + 40:
                break
            j += 1
        end = last_numeric
        while end + 1 < len(lines) and _label_goes_on(lines[end].text, lines[end + 1].text) \
                and lines[end + 1].top - lines[end].bottom < 8 \
                and abs(lines[end + 1].x0 - lines[last_numeric].x0) < 5 and len(lines[end + 1].segments(10.0)) == 1:
            end += 1  # the last label going on below its figures
        # header lines above: up to 4 lines that close the gap and look like a header
        head = start
        while head > 0 and start - head < 4 and not _caption_only(lines[head - 1]) and (
                lines[head].top - lines[head - 1].bottom < 14 or (head == start and _ruled_gap(page, lines[head - 1], lines[head]))):
            head -= 1
        # plain label lines right above the first value line are its wrapped label, not header
        body_start = start
        while body_start > head and len(lines[body_start - 1].segments(10.0)) == 1 and not lines[body_start - 1].bold \
                and abs(lines[body_start - 1].x0 - lines[start].x0) < 5:
            body_start -= 1
        block = lines[head:end + 1]
        header_text = " ".join(ln.text for ln in lines[head:body_start])
        body_rows = sum(1 for ln in lines[start:end + 1] if sum(1 for s in ln.segments(10.0)[1:] if _is_figure_cell(s.text)) >= 2)
        headed = bool(_HEADERISH.search(header_text) or (head > 0 and _CAPTION.match(lines[head - 1].text))) \
            or any(_column_header_line(ln) for ln in lines[head:body_start])
        if headed and (body_rows >= 2 or (body_rows == 1 and body_start > head and _cut_by_page_foot(page, lines, end))):
            table = _aligned_table(page, block, body_start - head)
            if table is not None:
                tables.append(table)
        i = end + 1
    return tables


def join_header_boxes(ruled: list[Table], aligned: list[Table]) -> list[Table]:
    """A ruled (or shaded) header box with no figures in it, printed right above an unruled body, is that body's
    header: its rows, placed on the body's columns by position, go on top of the body (the ruled "table" of
    header rows alone would be rejected and the body read without column headers)."""
    out = list(ruled)
    for body in aligned:
        for box in [t for t in out if t.method == "ruled" and t.page == body.page and 0 <= body.bbox[1] - t.bbox[3] <= 20
                    and min(t.bbox[2], body.bbox[2]) > max(t.bbox[0], body.bbox[0])
                    and not any(_is_numeric_cell(c) for row in t.rows for c in row.cells[1:])]:
            rows = _rows_on_columns(box, body.columns)
            if rows is None:
                continue
            out.remove(box)
            body.rows = rows + body.rows
            body.bbox = (min(box.bbox[0], body.bbox[0]), box.bbox[1], max(box.bbox[2], body.bbox[2]), body.bbox[3])
            body.caption = body.caption or box.caption
            break
        out.append(body)
    return out


def _rows_on_columns(box: Table, columns: list[float]) -> Optional[list[TableRow]]:
    """The header box's rows on another table's columns: a cell covers the columns whose middles lie within
    its own column span; None when a cell with text covers none (the columns do not line up)."""
    n = len(columns) - 1
    middles = [(columns[k] + columns[k + 1]) / 2 for k in range(n)]
    rows: list[TableRow] = []
    for row in box.rows:
        cells, spans, boxes = [""] * n, [1] * n, [None] * n
        for c, text in enumerate(row.cells):
            span = row.spans[c] if c < len(row.spans) else 1
            if not text.strip() or span == 0:
                continue
            left, right = box.columns[c], box.columns[min(c + max(span, 1), len(box.columns) - 1)]
            covered = [k for k in range(n) if left - 2 <= middles[k] <= right + 2]
            if c == 0 and not covered:
                covered = [0]
            if not covered or any(cells[k] for k in covered):
                return None
            cells[covered[0]] = text
            boxes[covered[0]] = row.cell_boxes[c] if c < len(row.cell_boxes) else None
            spans[covered[0]] = len(covered)
            for k in covered[1:]:
                spans[k] = 0
        rows.append(TableRow(cells, row.page, row.bbox, boxes, spans, bold=row.bold))
    return rows


def _label_goes_on(above: str, text: str) -> bool:
    """A line under the last row that goes on with its label: lower case, or a number with words after it
    ("1.000 inwoners") when the line above stops mid-phrase ("… per")."""
    if text[:1].islower():
        return True
    return bool(re.match(r"\d[\d.,]*\s+[a-z]", text)) and bool(re.search(r"\b[a-z]+$", above.strip()))


def _inside(line: Line, box: BBox) -> bool:
    cy = (line.top + line.bottom) / 2
    return box[1] - 2 <= cy <= box[3] + 2 and line.x1 >= box[0] and line.x0 <= box[2]


def _aligned_table(page: Page, block: list[Line], n_header: int) -> Optional[Table]:
    """Columns from gaps that no word of the block crosses; rows from the numeric lines."""
    words = [w for ln in block for w in ln.words]
    x0 = min(w.x0 for w in words)
    x1 = max(w.x1 for w in words)
    body_words = [w for ln in block[n_header:] for w in ln.words]
    spans = sorted((w.x0, w.x1) for w in body_words)
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= 6.0:
            gaps.append((reach, a))
        reach = max(reach, b)
    if len(gaps) < 2:
        return None
    columns = [x0 - 1] + [(a + b) / 2 for a, b in gaps] + [x1 + 1]
    right_edges = columns[:2] + [a for a, _ in gaps[1:]] + [x1 + 1]  # value columns ending at their figures' right edge
    n_cols = len(columns) - 1
    rows: list[TableRow] = []

    def assign(ws: list[Word]) -> list[list[Word]]:
        cells: list[list[Word]] = [[] for _ in range(n_cols)]
        for w in ws:
            cx = (w.x0 + w.x1) / 2
            c = next((k for k in range(n_cols) if columns[k] <= cx <= columns[k + 1]), n_cols - 1)
            cells[c].append(w)
        return cells

    while n_header < len(block) - 1 and (_year_line(block[n_header]) or _value_header_line(block[n_header], columns)
                                         or _labelled_year_line(block[n_header])):
        n_header += 1  # "2021 2022 2024" or "na wijziging" under the kinds: header, not a body row
    for k, line in enumerate(block[:n_header]):
        below = max((_value_phrases(ln, columns) for ln in block[k + 1:n_header]), default=0)
        rows.append(_header_row(page.number, line, columns, group=_value_phrases(line, columns) < below, right_edges=right_edges))
    # body: one row per line, then wrapped label lines folded into the nearest row with values
    body: list[TableRow] = []
    for ln in block[n_header:]:
        cells = assign(ln.words)
        body.append(TableRow([_join_words(c) for c in cells], page.number, _box(ln.words) or (x0, 0, x1, 0),
                             [_box(c) for c in cells], [1] * n_cols, bold=all(w.bold for w in ln.words)))
    for row in body:
        row.bbox = (round(x0, 2), row.bbox[1], round(x1, 2), row.bbox[3])
    rows.extend(attach_label_rows(body))
    bbox = (round(x0, 2), round(block[0].top, 2), round(x1, 2), round(block[-1].bottom, 2))
    return Table(page=page.number, bbox=bbox, rows=rows, columns=columns, method="aligned", confidence=0.7, pages=[page.number],
                 header_rows=n_header if n_header else None)


_YEAR_TOKEN = re.compile(r"^\(?['’]?(19|20)?\d{2}\)?$")


def _years_only(cells: list[Line]) -> bool:
    """Cells whose figures are all bare years ("2024", "2025"): the column headers of a table by year, not a body row."""
    figures = [c.text.strip() for c in cells if _is_numeric_cell(c.text)]
    return len(figures) >= 2 and all(re.fullmatch(r"(19|20)\d{2}", t) for t in figures)


def _caption_only(line: Line) -> bool:
    """A caption line ("Tabel 11.1 - …") that is only a caption; one that also prints column headers to its right
    ("Tabel 11.1 - Meerjarenbeeld   2024   2025") is the table's header row."""
    return bool(_CAPTION.match(line.text)) and not _years_only(line.segments(10.0)[1:])


def _year_line(line: Line) -> bool:
    """A line of only years (a header row of year columns)."""
    tokens = line.text.split()
    return len(tokens) >= 2 and all(_YEAR_TOKEN.match(t) for t in tokens) and any(re.match(r"\(?(19|20)\d{2}", t) for t in tokens)


def _labelled_year_line(line: Line) -> bool:
    """A label header followed by ascending years only ("Programma  2024  2025  2026"): the year row of the header,
    even where the first line of figures is where the table was found from."""
    segments = line.segments(min_gap=10.0)
    years = [s.text.strip() for s in segments[1:]]
    if len(years) < 2 or _is_numeric_cell(segments[0].text) or not all(re.fullmatch(r"(19|20)\d{2}", y) for y in years):
        return False
    return all(int(a) < int(b) for a, b in zip(years, years[1:]))


def _misfit(centres: list[float], groups: list[tuple[int, int]], edges: list[float]) -> float:
    """How far the phrases' centres lie from the middles of their column groups, relative to the groups' widths."""
    return max(abs(c - (edges[a] + edges[b + 1]) / 2) / max(1.0, edges[b + 1] - edges[a]) for c, (a, b) in zip(centres, groups))


def _group_spans(phrases: list[Line], columns: list[float], right_edges: Optional[list[float]] = None) -> Optional[list[tuple[int, int]]]:
    """The split of the value columns into consecutive groups, one per phrase, whose centres lie closest to the
    phrases' centres; None when no split fits well (a wrapped header word in one column is no group).

    Column boundaries inferred from whitespace lie in the middle of the gaps; figures are usually right-aligned,
    so a printed column really ends at its figures' right edge (`right_edges`). A split is judged by whichever of
    the two readings fits it better: a group phrase centred over right-aligned columns is not pulled one column
    to the left."""
    from itertools import combinations  # noqa: PLC0415

    n_values = len(columns) - 2
    centres = [(p.x0 + p.x1) / 2 for p in phrases]
    best: Optional[tuple[float, list[tuple[int, int]]]] = None
    for cuts in combinations(range(2, n_values + 1), len(phrases) - 1):
        bounds = [1, *cuts, n_values + 1]
        groups = [(bounds[i], bounds[i + 1] - 1) for i in range(len(phrases))]
        misfit = min(_misfit(centres, groups, edges) for edges in (columns, right_edges) if edges)
        if best is None or misfit < best[0]:
            best = (misfit, groups)
    if best is None or best[0] > (0.2 if len(phrases) > 1 else 0.1) or all(a == b for a, b in best[1]):
        return None
    return best[1]


def _value_phrases(line: Line, columns: list[float]) -> int:
    return sum(1 for p in line.segments(min_gap=4.0) if p.words and (p.x0 + p.x1) / 2 > columns[1])


def _value_header_line(line: Line, columns: list[float]) -> bool:
    """A line printed only over the value columns, of words and years but no other figures: a wrapped header cell."""
    if not line.words or any((w.x0 + w.x1) / 2 < columns[1] for w in line.words):
        return False
    return all(_YEAR_TOKEN.match(w.text) or not re.search(r"\d", w.text) for w in line.words)


def _header_row(page_number: int, line: Line, columns: list[float], group: bool = False,
                right_edges: Optional[list[float]] = None) -> TableRow:
    """One header line laid over the body's column grid: a phrase centred over several columns spans them.

    Phrases are the line's words split at gaps wider than a space; a phrase goes to every column it covers
    for at least a third of that column's width (a group header "Realisatie" over two year columns), else to
    the column holding its centre.
    """
    n_cols = len(columns) - 1
    cells: list[list[Word]] = [[] for _ in range(n_cols)]
    spans = [1] * n_cols
    phrases = [p for p in line.segments(min_gap=4.0) if p.words]
    value_phrases = [p for p in phrases if (p.x0 + p.x1) / 2 > columns[1]]
    spread = _group_spans(value_phrases, columns, right_edges) if group and 1 <= len(value_phrases) < n_cols - 1 else None
    if spread is not None:
        # a group row above the column headers ("Realisatie" over 2022 and 2023): each phrase spans its columns
        for phrase, (first, last) in zip(value_phrases, spread):
            cells[first].extend(phrase.words)
            spans[first] = last - first + 1
            for k in range(first + 1, last + 1):
                spans[k] = 0
        phrases = [p for p in phrases if p not in value_phrases]
    for phrase in phrases:
        words = phrase.words or []
        if not words:
            continue
        a, b = min(w.x0 for w in words), max(w.x1 for w in words)
        covered = [k for k in range(n_cols)
                   if min(b, columns[k + 1]) - max(a, columns[k]) >= (columns[k + 1] - columns[k]) / 3]
        centre = (a + b) / 2
        home = next((k for k in range(n_cols) if columns[k] <= centre <= columns[k + 1]), n_cols - 1)
        if len(covered) >= 2 and covered[0] >= 1 and home in covered:
            first = covered[0]
            cells[first].extend(words)
            spans[first] = max(spans[first], len(covered))
            for k in covered[1:]:
                spans[k] = 0
        else:
            cells[home].extend(words)
    words = [w for ln in [line] for w in ln.words]
    return TableRow([_join_words(c) for c in cells], page_number, _box(words) or (columns[0], 0, columns[-1], 0),
                    [_box(c) for c in cells], spans, bold=all(w.bold for w in words))


# --------------------------------------------------------------------------- camelot fallback


def camelot_flavor(module) -> str:
    """"network" where the installed camelot has it (camelot-py >= 1.0), else "stream" (both read unruled tables)."""
    parsers = getattr(module, "parsers", None)
    return "network" if parsers is not None and hasattr(parsers, "Network") else "stream"


def camelot_tables(path: str, page: Page) -> list[Table]:
    """camelot (network flavour, else stream) on one page (slow: only when the own methods found nothing)."""
    try:
        import camelot  # noqa: PLC0415 - heavy import, only on demand
    except Exception:  # pragma: no cover - optional at run time
        return []
    flavor = camelot_flavor(camelot)
    try:
        found = camelot.read_pdf(path, pages=str(page.number), flavor=flavor, suppress_stdout=True)
    except TypeError:
        found = camelot.read_pdf(path, pages=str(page.number), flavor=flavor)
    except Exception as exc:
        log.debug("camelot failed on %s p%s: %s", path, page.number, exc)
        return []
    out: list[Table] = []
    height = page.height
    for ct in found:
        try:
            df = ct.df
            cells = ct.cells
            columns = [cells[0][0].x1] + [c.x2 for c in cells[0]]
            rows: list[TableRow] = []
            for r in range(len(df.index)):
                texts = [" ".join(str(df.iat[r, c]).split()) for c in range(len(df.columns))]
                if not any(texts):
                    continue
                row_cells = cells[r]
                top = height - max(c.y2 for c in row_cells)
                bottom = height - min(c.y1 for c in row_cells)
                boxes: list[Optional[BBox]] = [
                    (round(c.x1, 2), round(height - c.y2, 2), round(c.x2, 2), round(height - c.y1, 2)) for c in row_cells
                ]
                rows.append(TableRow(texts, page.number, (round(columns[0], 2), round(top, 2), round(columns[-1], 2), round(bottom, 2)),
                                     boxes, [1] * len(texts)))
            rows = attach_label_rows(rows)
            if len(rows) < 2:
                continue
            x0, x1 = columns[0], columns[-1]
            bbox = (round(x0, 2), rows[0].bbox[1], round(x1, 2), rows[-1].bbox[3])
            accuracy = float(getattr(ct, "accuracy", 50.0) or 50.0)
            out.append(Table(page=page.number, bbox=bbox, rows=rows, columns=columns, method="camelot",
                             confidence=min(0.8, accuracy / 100.0), pages=[page.number]))
        except Exception as exc:  # camelot's objects vary between versions; never let it crash a document
            log.debug("camelot table unreadable on p%s: %s", page.number, exc)
    return out


def attach_label_rows(rows: list[TableRow]) -> list[TableRow]:
    """Fold rows holding only a wrapped label into the nearest row with values (by vertical distance).

    Without drawn rules a vertically centred label prints lines above and below its values;
    each such line goes to the value row whose middle is closest, the next one on a tie.
    """
    def has_values(row: TableRow) -> bool:
        return any(_is_numeric_cell(c) for c in row.cells[1:])

    first = next((i for i, r in enumerate(rows) if has_values(r)), None)
    if first is None:
        return rows
    body = rows[first:]
    valued = [r for r in body if has_values(r)]
    if not valued:
        return rows
    extra: dict[int, list[tuple[float, TableRow]]] = {}
    start = first
    # label lines directly above the first value row belong to it
    while start > 0 and rows[start - 1].cells[0].strip() and not any(c.strip() for c in rows[start - 1].cells[1:]) \
            and rows[first].bbox[1] - rows[start - 1].bbox[3] < 12:
        start -= 1
        extra.setdefault(id(rows[first]), []).append((rows[start].bbox[1], rows[start]))
    above: Optional[TableRow] = None
    for row in body:
        if has_values(row):
            above = row
            continue
        if any(c.strip() for c in row.cells[1:]) or not row.cells[0].strip():
            continue
        text = row.cells[0].strip()
        if above is not None and (text[:1].islower() or text[:1].isdigit() or text[:1] in "(-–"):
            extra.setdefault(id(above), []).append((row.bbox[1], row))  # a label going on below its first line
            continue
        mid = (row.bbox[1] + row.bbox[3]) / 2
        best = min(valued, key=lambda v: (abs((v.bbox[1] + v.bbox[3]) / 2 - mid), -v.bbox[1]))
        extra.setdefault(id(best), []).append((row.bbox[1], row))
    out: list[TableRow] = list(rows[:start])
    for row in body:
        if not has_values(row) and any(id(row) == id(r) for parts in extra.values() for _, r in parts):
            continue
        if id(row) in extra:
            parts = sorted(extra[id(row)] + [(row.bbox[1], row)], key=lambda p: p[0])
            label = " ".join(p[1].cells[0].strip() for p in parts if p[1].cells[0].strip())
            row.cells[0] = label
            row.bbox = (row.bbox[0], min(p[1].bbox[1] for p in parts), row.bbox[2], max(p[1].bbox[3] for p in parts))
        out.append(row)
    return out


# --------------------------------------------------------------------------- context and stitching


def _attach_context(page: Page, table: Table) -> None:
    """Caption and lines just above; footnote lines just below."""
    above = [ln for ln in page.lines if ln.bottom <= table.bbox[1] + 1 and ln.top >= table.bbox[1] - 80]
    table.above = above[-4:]
    for ln in reversed(table.above):
        if _CAPTION.match(ln.text):
            table.caption = ln.text.strip()
            break
    if table.caption is None and table.rows:
        first = [c for c in table.rows[0].cells if c]
        if len(first) == 1 and _CAPTION.match(first[0]):
            table.caption = first[0]
    notes: list[Line] = []
    bottom = table.bbox[3]
    for ln in page.lines:
        if ln.top < table.bbox[3] - 1:
            continue
        if ln.top - bottom > (24 if not notes else 16) or len(notes) >= 12:
            break
        notes.append(ln)
        bottom = ln.bottom
    table.notes = notes


def _adopt_row_below(table: Table, page: Optional[Page] = None) -> None:
    """A total printed just under a ruled table's frame ("Totaal incl. mutaties (T) 14.151 14.355 14.348") is its last row.

    Taken only when the line touches the frame (gap under half a line) or stands in a band drawn right under
    it (`_closing_band`), starts with a label and puts two or more figures each into a column of the table that
    holds figures; otherwise it stays a note.
    """
    if table.method != "ruled" or not table.notes or not table.rows:
        return
    line = table.notes[0]
    if line.top - table.bbox[3] > max(4.0, (line.bottom - line.top) * 0.5) and not (page and _closing_band(page, table, line)):
        return
    n_cols = table.n_cols
    figure_cols = {c for row in table.rows for c in range(1, n_cols) if c < len(row.cells) and _is_numeric_cell(row.cells[c])}
    cells: list[list[Word]] = [[] for _ in range(n_cols)]
    for w in line.words:
        cx = (w.x0 + w.x1) / 2
        k = next((i for i in range(n_cols) if table.columns[i] <= cx <= table.columns[i + 1]), None)
        if k is None:
            return
        cells[k].append(w)
    texts = [_join_words(c) for c in cells]
    label = next((i for i, t in enumerate(texts) if t), None)
    values = [i for i, t in enumerate(texts) if t and i != label]
    if label is None or _is_numeric_cell(texts[label]) or len(values) < 2 \
            or not all(i in figure_cols and _is_numeric_cell(texts[i]) for i in values):
        return
    table.rows.append(TableRow(texts, table.rows[-1].page, (table.bbox[0], round(line.top, 2), table.bbox[2], round(line.bottom, 2)),
                               [_box(c) for c in cells], [1] * n_cols, bold=all(w.bold for w in line.words)))
    table.bbox = (table.bbox[0], table.bbox[1], table.bbox[2], round(line.bottom, 2))
    table.notes = table.notes[1:]


def _closing_band(page: Page, table: Table, line: Line) -> bool:
    """The line stands in a shaded band drawn right under the table's frame: the closing row ("Saldo van baten en
    lasten") printed in its own box of shaded cells, found as a grid of one row (too small to be a table alone)."""
    x0, x1 = table.bbox[0], table.bbox[2]
    middle = (line.top + line.bottom) / 2
    spans = [(r.x0, r.x1) for r in page.rects
             if r.top - 1.0 <= middle <= r.bottom + 1.0 and 2 * _TOL < r.bottom - r.top <= 3 * (line.bottom - line.top) + 2 * _MERGE
             and -_MERGE <= r.top - table.bbox[3] <= 2 * _MERGE]
    return _union_width(spans, x0, x1) >= 0.8 * (x1 - x0)


def _same_columns(a: Table, b: Table) -> bool:
    if a.n_cols != b.n_cols:
        return False
    tolerance = 4.0 if a.method == "ruled" else 15.0  # unruled columns come from whitespace, which moves with the rows
    pairs = list(zip(a.columns, b.columns))
    if a.method != "ruled" and _repeats_header(a, b):
        # the label column's right edge is the whitespace after the longest label on each page; with the header
        # printed again the value columns alone say whether it is the same table
        pairs = pairs[:1] + pairs[2:]
    return all(abs(x - y) <= tolerance for x, y in pairs)


def _repeats_header(a: Table, b: Table) -> bool:
    """The table on the next page starts with a copy of a header row of the table before it."""
    return bool(b.rows) and any(c.strip() for c in b.rows[0].cells) \
        and _norm(b.rows[0].cells) in [_norm(r.cells) for r in a.rows[:5]]


def _norm(cells: list[str]) -> list[str]:
    return [re.sub(r"\s+", " ", c).strip().lower() for c in cells]


def stitch(tables_by_page: list[list[Table]], pages: list[Page]) -> list[Table]:
    """Join a table ending a page with a table starting the next page when the columns agree."""
    heights = {p.number: p.height for p in pages}
    firsts = {p.number: (p.lines[0].top if p.lines else 0.0) for p in pages}
    out: list[Table] = []
    for tables in tables_by_page:
        for t in tables:
            prev = out[-1] if out else None
            if (
                prev is not None
                and t.page == prev.pages[-1] + 1
                and _same_columns(prev, t)
                and prev.method == t.method
                and _ends_page(prev, heights)
                and t.bbox[1] <= firsts.get(t.page, 0.0) + 40
                and t.caption is None
            ):
                rows = t.rows
                # a repeated header: leading rows equal to rows of the first page's header (or wording changes only
                # in rows without digits, e.g. "Cijfer" on one page and "Realisatie" on the next)
                heads = [_norm(r.cells) for r in prev.rows[:5]]
                while rows and (_norm(rows[0].cells) in heads or _header_like(rows[0], prev.rows[:5])):
                    rows = rows[1:]
                if rows and prev.rows and _continues_row(prev.rows[-1], rows[0]):
                    _merge_row(prev.rows[-1], rows[0])  # a cell wrapped over the page break
                    rows = rows[1:]
                prev.rows.extend(rows)
                prev.merged_cells.extend(t.merged_cells)
                prev.pages.append(t.page)
                prev.notes = t.notes
                continue
            out.append(t)
    return out


def _header_like(row: TableRow, head: list[TableRow]) -> bool:
    """A row without any digit whose filled cells sit where the first page's header rows have text, and at least
    half of whose words the header prints ("Realisatie" for "Cijfer" aside). `head` may hold body rows too (a
    table of text has no digits to end its header by), so a shared filler word is not enough: a continued
    table's first row of text ("Een betere aanpak van …") stays."""
    if any(re.search(r"\d", c) and not re.fullmatch(r"\(?\s*(jaartal|\d{4})\s*\)?", c.strip()) for c in row.cells):
        return False
    if not any(c.strip() for c in row.cells):
        return False
    header_text = {i for r in head[:4] for i, c in enumerate(r.cells) if c.strip()}
    words = {w.lower() for r in head[:4] for c in r.cells for w in c.split()}
    filled = [(i, c) for i, c in enumerate(row.cells) if c.strip()]
    row_words = [w.lower() for _, c in filled for w in c.split()]
    shared = sum(1 for w in row_words if w in words)
    return all(i in header_text for i, _ in filled) and shared >= max(1, len(filled) // 2) and 2 * shared >= len(row_words)


def _continues_row(last: TableRow, first: TableRow) -> bool:
    """The first row on the next page is the rest of the last row: no numbers, no key in the first cell."""
    if not first.cells:
        return False
    filled = [(i, c.strip()) for i, c in enumerate(first.cells) if c.strip()]
    if not filled or any(_is_numeric_cell(c) for _, c in filled) or any(i >= len(last.cells) for i, _ in filled):
        return False
    # each filled cell continues a filled cell of the last row, visibly: no key in the first cell,
    # or text going on in lower case, or a word broken with a hyphen
    for i, text in filled:
        before = last.cells[i].strip()
        if not before:
            return False
        if first.cells[0].strip() and not (text[:1].islower() or before.endswith("-")):
            return False
    return True


def _merge_row(last: TableRow, first: TableRow) -> None:
    for i, text in enumerate(first.cells):
        if text.strip() and i < len(last.cells):
            joined = last.cells[i]
            if joined.endswith("-") and text[:1].islower():
                head = joined.rsplit(" ", 1)[-1]
                last.cells[i] = joined + text if len(head) <= 4 else joined[:-1] + text
            else:
                last.cells[i] = (joined + " " + text).strip()


def _ends_page(table: Table, heights: dict[int, float]) -> bool:
    page = table.pages[-1]
    height = heights.get(page, 842.0)
    last_bottom = max((r.bbox[3] for r in table.rows if r.page == page), default=table.bbox[3])
    return last_bottom >= height * 0.7 and not any(_CAPTION.match(n.text) for n in table.notes[:1])


def find_tables(pages: list[Page], skip: Optional[set[int]] = None, pdf_path: Optional[str] = None,
                use_camelot: bool = True) -> tuple[list[Table], list[int]]:
    """All tables of a document, stitched over pages; also the pages where a table was suspected but not read.

    `skip` are page numbers not to look at (a table of contents). camelot runs only on pages
    where neither own method found a table but an indicator header is printed or figures stand aligned
    in columns (`numeric_grid`).
    """
    skip = skip or set()
    per_page: list[list[Table]] = []
    unread: list[int] = []
    before: Optional[Page] = None
    for page in pages:
        if page.number in skip or not page.lines:
            continue
        page = join_raised_figures(page)
        found = find_ruled_tables(page)
        aligned = find_aligned_tables(page, [t.bbox for t in found])
        found = join_header_boxes(found, aligned)
        if not found and (_suspect_table(page) or numeric_grid(page)):
            if use_camelot and pdf_path:
                found = [t for t in camelot_tables(pdf_path, page) if _useful(t)]
            if not found:
                unread.append(page.number)
        previous = per_page[-1][-1] if per_page and per_page[-1] else None
        if previous is not None and previous.page == page.number - 1 and previous.method != "camelot":
            carried = continuation_table(page, previous, [t.bbox for t in found])
            if carried is not None:
                found.append(carried)
        found.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
        page_words = _words(page)
        for t in found:
            split_stacked_rows(t, page_words)
            split_merged_cells(t, page_words)
            _attach_context(page, t)
            _adopt_row_below(t, page)
            if before is not None and before.number == page.number - 1 and not per_page[-1]:
                _context_from_previous_page(t, page, before)  # no table on the page before to stitch it to
        per_page.append(join_spread_halves(found, page))
        before = page
    return stitch(per_page, pages), unread


def join_raised_figures(page: Page) -> Page:
    """A page whose row numbers or codes are set in a larger font stand a few points above their row ("1  1" over
    "Opvang ontheemden … 278.000"), so the reader makes two lines of one table row. A line of figures only, left
    of and overlapping vertically with the next line for at least half its height, is joined to that line."""
    lines = page.lines
    out: list[Line] = []
    i = 0
    joined = False
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and _raised_figures(line, nxt):
            out.append(make_line(sorted([*line.words, *nxt.words], key=lambda w: w.x0), page=page.number))
            i += 2
            joined = True
            continue
        out.append(line)
        i += 1
    return replace(page, lines=out) if joined else page


def _raised_figures(line: Line, nxt: Line) -> bool:
    if not line.words or not nxt.words or len(line.words) > 3 or not all(_is_numeric_cell(w.text) for w in line.words):
        return False
    overlap = min(line.bottom, nxt.bottom) - max(line.top, nxt.top)
    height = min(line.bottom - line.top, nxt.bottom - nxt.top)
    return height > 0 and overlap >= 0.5 * height and line.x1 < nxt.x0


def join_spread_halves(tables: list[Table], page: Page) -> list[Table]:
    """A table running down the left half of a page and on at the top of the right half is one table.

    Two facing pages scanned or pasted as one image (and two-column layouts) print a long table in two
    parts side by side; the right part repeats only part of the header, or none, and its first rows
    belong to the block the left part ended with. Joined when the right part stands wholly to the
    right of the left one, starts at the top of the page without a caption of its own, the left part
    reaches the foot of the page, and both have the same columns (equal value-column widths).
    """
    out = _join_headerless_blocks(_join_stacked_parts(list(tables)), page)
    tables = list(out)
    for left in tables:
        for right in tables:
            if left is right or left not in out or right not in out or not _spread_continuation(left, right, page):
                continue
            left.rows.extend(right.rows)
            left.bbox = (left.bbox[0], min(left.bbox[1], right.bbox[1]), right.bbox[2], max(left.bbox[3], right.bbox[3]))
            left.notes = right.notes
            out.remove(right)
    return out


def _append_part(above: Table, below: Table) -> None:
    """`below` is the lower part of `above`: its rows, box and notes go to `above`."""
    above.rows.extend(below.rows)
    above.bbox = (min(above.bbox[0], below.bbox[0]), above.bbox[1], max(above.bbox[2], below.bbox[2]), below.bbox[3])
    above.notes = below.notes


def _join_stacked_parts(tables: list[Table]) -> list[Table]:
    """A ruled table whose grid has a gap (a double rule, a rule not seen in a scan) is found as two
    tables one right under the other with the same columns; the lower part has no header of its own."""
    out: list[Table] = []
    for table in sorted(tables, key=lambda t: (t.bbox[0], t.bbox[1])):
        above = next((t for t in out if t.method == table.method == "ruled" and t.n_cols == table.n_cols
                      and 0.0 <= table.bbox[1] - t.bbox[3] <= 6.0 and table.caption is None
                      and all(abs(a - b) <= 4.0 for a, b in zip(t.columns, table.columns))), None)
        if above is None:
            out.append(table)
            continue
        _append_part(above, table)
    return sorted(out, key=lambda t: (t.bbox[1], t.bbox[0]))


def _join_headerless_blocks(tables: list[Table], page: Page) -> list[Table]:
    """A block printed a little below a ruled table, with the same columns and a header row of its own that names
    no column (only a block title in the label cell, "Reserves"), is the next block of that table: its columns are
    the ones named by the header above the first block. Joined only when nothing is printed between the two."""
    out: list[Table] = []
    for table in sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0])):
        above = next((t for t in reversed(out) if _next_block(t, table, page)), None)
        if above is None:
            out.append(table)
            continue
        _append_part(above, table)
    return out


def _next_block(above: Table, below: Table, page: Page) -> bool:
    if not (above.method == below.method == "ruled") or above.n_cols != below.n_cols or below.caption is not None:
        return False
    if not below.rows or not all(abs(a - b) <= 4.0 for a, b in zip(above.columns, below.columns)):
        return False
    gap = below.bbox[1] - above.bbox[3]
    row_height = max(8.0, min(r.bbox[3] - r.bbox[1] for r in above.rows))
    if not 0.0 <= gap <= 3 * row_height:
        return False
    if any(above.bbox[3] < (ln.top + ln.bottom) / 2 < below.bbox[1] for ln in page.lines):
        return False
    first = below.rows[0].cells
    named = any(c.strip() for c in above.rows[0].cells[1:])
    return named and bool(first[0].strip()) and not any(c.strip() for c in first[1:])


def _spread_continuation(left: Table, right: Table, page: Page) -> bool:
    height = page.height or 842.0
    if left.method != right.method or left.n_cols != right.n_cols or left.n_cols < 2 or right.caption is not None:
        return False
    if right.bbox[0] < left.bbox[2] - 2.0 or right.bbox[1] > height * 0.2 or left.bbox[3] < height * 0.7:
        return False
    # the value columns in the same proportions (a spread may be printed smaller on one side)
    widths_left = [b - a for a, b in zip(left.columns[1:], left.columns[2:])]
    widths_right = [b - a for a, b in zip(right.columns[1:], right.columns[2:])]
    scale = sum(widths_right) / max(1.0, sum(widths_left))
    return all(abs(a * scale - b) <= max(3.0, 0.1 * b) for a, b in zip(widths_left, widths_right))


def _context_from_previous_page(table: Table, page: Page, before: Page) -> None:
    """A table opening a page under a header printed at the foot of the page before takes its caption and notes.

    When the first part of a table is too short to be read as a table (a header and one row), the
    part on the next page repeats the header but not the caption or the scale note ("bedragen x € 1.000");
    without them its amounts would be read unscaled. Only a header copy ties the two pages together.
    """
    if table.caption is not None or table.above or not table.rows or not before.lines or not page.lines:
        return
    if table.bbox[1] > page.lines[0].top + 40:
        return
    header = {w.lower() for c in table.rows[0].cells for w in c.split()}
    if len(header) < 2:
        return
    tail = before.lines[-8:]
    start = next((i for i, ln in enumerate(tail) if header & {w.lower() for w in ln.text.split()}
                  and header <= {w.lower() for x in tail[i:] for w in x.text.split()}), None)
    if start is None or start == 0:
        return
    table.above = tail[max(0, start - 4):start]
    for ln in reversed(table.above):
        if _CAPTION.match(ln.text):
            table.caption = ln.text.strip()
            break


def continuation_table(page: Page, previous: Table, taken: list[BBox]) -> Optional[Table]:
    """Rows at the top of a page that continue the table ending the page before, read with that table's columns.

    Used when no table was found there on its own: a continuation without a repeated header, or of a single row.
    Only lines before the first line that is not a table row (prose, a heading) are taken.
    """
    height = page.height or 842.0
    last_bottom = max((r.bbox[3] for r in previous.rows if r.page == previous.page), default=previous.bbox[3])
    if last_bottom < height * 0.7:
        return None
    lines = [ln for ln in page.lines if not any(_inside(ln, b) for b in taken)]
    top_taken = min((b[1] for b in taken), default=height)
    block: list[Line] = []
    for line in lines:
        if line.top >= top_taken:
            break
        if block and line.top - block[-1].bottom > 14:
            break
        inside = previous.columns[0] - 6 <= line.x0 and line.x1 <= previous.columns[-1] + 6
        numeric = sum(1 for s in line.segments(6.0)[1:] if _is_figure_cell(s.text))
        if not inside or (not numeric and (len(line.text) > 90 or line.x0 > previous.columns[1])):
            if block or line.top > 120:
                break
            continue  # a running head above the table
        block.append(line)
    if not any(sum(1 for s in ln.segments(6.0)[1:] if _is_figure_cell(s.text)) for ln in block):
        return None
    columns = list(previous.columns)
    n_cols = len(columns) - 1
    rows: list[TableRow] = []
    for line in block:
        cells: list[list[Word]] = [[] for _ in range(n_cols)]
        for w in line.words:
            cx = (w.x0 + w.x1) / 2
            k = next((i for i in range(n_cols) if columns[i] <= cx <= columns[i + 1]), 0 if cx < columns[0] else n_cols - 1)
            cells[k].append(w)
        rows.append(TableRow([_join_words(c) for c in cells], page.number, (round(columns[0], 2), round(line.top, 2), round(columns[-1], 2), round(line.bottom, 2)),
                             [_box(c) for c in cells], [1] * n_cols, bold=all(w.bold for w in line.words)))
    rows = attach_label_rows(rows)
    bbox = (round(columns[0], 2), round(block[0].top, 2), round(columns[-1], 2), round(block[-1].bottom, 2))
    return Table(page=page.number, bbox=bbox, rows=rows, columns=columns, method=previous.method, confidence=0.7, pages=[page.number])


_SUSPECT_HEADER = re.compile(r"^\s*(effect)?indicator(en)?\b.*\b(19|20)\d{2}\b|^\s*(effect)?indicator\s+(peilwaarde|nulmeting|streefwaarde)", re.IGNORECASE)


def _suspect_table(page: Page) -> bool:
    """An indicator-table header printed on the page (cheap text test before any heavy method)."""
    return any(_SUSPECT_HEADER.search(ln.text) for ln in page.lines)


def numeric_grid(page: Page, min_rows: int = 4, min_columns: int = 2) -> bool:
    """Figures aligned in columns: at least `min_columns` right edges (4 pt bins) shared by the numeric cells of
    `min_rows` lines that each print two figures side by side. A cheap test on the lines the reader already made."""
    edges: dict[int, int] = {}
    rows = 0
    for line in page.lines:
        segments = line.segments(6.0)
        numeric = [_is_figure_cell(s.text) for s in segments]
        if not any(a and b for a, b in zip(numeric, numeric[1:])):
            continue  # figures side by side; a contents page alternates titles and page numbers
        cells = [s for s, n in zip(segments, numeric) if n]
        rows += 1
        for cell in cells:
            key = round(cell.x1 / 4.0)
            edges[key] = edges.get(key, 0) + 1
    if rows < min_rows:
        return False
    return sum(1 for n in edges.values() if n >= min_rows) >= min_columns


def _useful(table: Table) -> bool:
    numeric = sum(1 for row in table.rows for c in row.cells[1:] if _is_numeric_cell(c))
    return numeric >= 4 and table.n_cols >= 3
