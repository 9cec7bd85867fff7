"""Provenance for items read from OCR'd pages: `ocr: true`, a confidence, and no uncertain numbers.

Parsers build goals, indicator values and budget lines the same way for every page; this pass
looks at the OCR words under each item afterwards. Text gets the mean confidence of its words.
A number is only as good as its worst character, so a value gets the lowest confidence of the
words it was read from, and a value below `MIN_NUMBER_CONFIDENCE` is left out with an
`ocr_uncertain` warning: a misread digit is a wrong number, and wrong numbers are worse than
missing ones.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from extractor.model import BBox, BudgetLine, Document, ErrorEntry
from extractor.read.types import Page, Word

MIN_NUMBER_CONFIDENCE = 0.6
"""Tesseract word confidence (0..1) below which a number is not trusted (see docs/ocr.md for how it was set)."""
SEPARATOR_DOUBT = 0.5
"""Factor on the confidence of "4,129": OCR often reads the thousands point as a comma, and then the
amount is 1000 times too small; a Dutch decimal comma with exactly three decimals is rare."""
_SIDES = ("baten", "lasten", "saldo")
_SEPARATOR_IN_DOUBT = re.compile(r"^[-+(€]*\d{1,3}(\.\d{3})*,\d{3}\b")


def mark_ocr_items(document: Document, pages: Iterable[Page]) -> list[ErrorEntry]:
    """Set `ocr`/`confidence` on the document's items from OCR'd pages; drop uncertain numbers."""
    words = {page.number: [w for line in page.lines for w in line.words if w.confidence is not None]
             for page in pages if page.ocr}
    if not words:
        return []
    for goal in document.goals:
        if goal.page in words:
            goal.ocr = True
            goal.confidence = text_confidence(words[goal.page], goal.bbox)
    dropped: dict[int, list[str]] = {}
    for indicator in document.indicators:
        kept = []
        for value in indicator.values:
            page = value.page or indicator.page
            if page not in words:
                kept.append(value)
                continue
            confidence = number_confidence(value.raw, words[page], value.bbox or indicator.bbox, value.bbox is not None)
            if confidence is None or confidence < MIN_NUMBER_CONFIDENCE or value.type_from == "context":
                # A type guessed from the context means OCR lost the header's kind word: not trusted.
                dropped.setdefault(page, []).append(value.raw)
                continue
            value.ocr, value.confidence = True, confidence
            kept.append(value)
        indicator.values = kept
    budget = []
    for line in document.budget_lines:
        if line.page not in words:
            budget.append(line)
            continue
        confidence = number_confidence(line.raw, words[line.page], line.bbox, False)
        if confidence is None or line.year is None:
            # No year: OCR split or lost the column header, so the column (and its scale note) is unsure.
            dropped.setdefault(line.page, []).append(line.raw)
            continue
        line.ocr, line.confidence = True, confidence
        budget.append(line)
    document.budget_lines = _rows_that_add_up(budget, dropped)
    return [
        ErrorEntry(code="ocr_uncertain", severity="warning", page=page,
                   message=f"page {page}: {len(raws)} number(s) read by OCR with uncertain characters (or in a row that does not add up) were left out: "
                   + ", ".join(repr(r) for r in raws[:5]) + (" ..." if len(raws) > 5 else ""))
        for page, raws in sorted(dropped.items())
    ]


def _rows_that_add_up(lines: list[BudgetLine], dropped: dict[int, list[str]]) -> list[BudgetLine]:
    """OCR budget rows printing baten, lasten and saldo are kept only when the three add up.

    The sign convention (lasten printed negative: baten + lasten = saldo, or positive: baten - lasten
    = saldo) is the one most rows of the page follow. A row that does not add up holds a misread
    character (often a lost minus sign) in one of its amounts, and which one cannot be told: all
    of the row's amounts are left out. The check only confirms; it never corrects a number.
    """
    full = [row for row in printed_rows(lines) if len(row) == 3]
    conventions: dict[int, Counter] = {}
    for row in full:
        baten, lasten, saldo = (row[side].amount for side in _SIDES)
        page = row["baten"].page
        conventions.setdefault(page, Counter())
        conventions[page]["sum"] += abs(baten + lasten - saldo) <= 1.0
        conventions[page]["difference"] += abs(baten - lasten - saldo) <= 1.0
    wrong: set[int] = set()
    confirmed: set[int] = set()
    for row in full:
        baten, lasten, saldo = (row[side].amount for side in _SIDES)
        convention = conventions[row["baten"].page].most_common(1)[0][0]
        total = baten + lasten if convention == "sum" else baten - lasten
        if abs(total - saldo) > 1.0:
            wrong.update(id(line) for line in row.values())
            dropped.setdefault(row["baten"].page or 0, []).extend(line.raw for line in row.values())
        elif baten and lasten:
            # three amounts that add up confirm each other, also where Tesseract was unsure of a word; not
            # with baten or lasten 0, where lasten and saldo that both lost their minus sign still add up
            confirmed.update(id(line) for line in row.values())
    kept = []
    for line in lines:
        if id(line) in wrong:
            continue
        if line.ocr and line.confidence is not None and line.confidence < MIN_NUMBER_CONFIDENCE and id(line) not in confirmed:
            dropped.setdefault(line.page or 0, []).append(line.raw)
            continue
        kept.append(line)
    return kept


def printed_rows(lines: list[BudgetLine]) -> list[dict[str, BudgetLine]]:
    """The OCR'd budget lines of one printed row and column group ("Begroting 2023"), by side.

    Lines of one row share page, programme, label, kind and year, and their cells stand at about the
    same height (cells of one row may differ by a point: each run of words has its own baseline)."""
    groups: dict[tuple, list[BudgetLine]] = {}
    for line in lines:
        if line.ocr and line.side in _SIDES and line.bbox is not None:
            group = " ".join(line.column.split()[:-1])
            groups.setdefault((line.page, line.programme, line.label, line.kind, line.year, group), []).append(line)
    rows: list[dict[str, BudgetLine]] = []
    for members in groups.values():
        members.sort(key=lambda b: b.bbox[1])  # type: ignore[index]
        last_top: Optional[float] = None
        for line in members:
            top = line.bbox[1]  # type: ignore[index]
            if last_top is None or top - last_top > 3.0 or line.side in rows[-1]:
                rows.append({})
            rows[-1][line.side] = line  # type: ignore[index]
            last_top = top
    return rows


def text_confidence(words: list[Word], bbox: Optional[BBox]) -> Optional[float]:
    """Mean confidence of the OCR words inside `bbox` (None without a box or words)."""
    if bbox is None:
        return None
    inside = [w.confidence for w in words if _overlaps(w, bbox) and w.confidence is not None]
    return round(sum(inside) / len(inside), 3) if inside else None


def number_confidence(raw: str, words: list[Word], bbox: Optional[BBox], cell: bool) -> Optional[float]:
    """The lowest confidence of the OCR words that `raw` was read from, or None when they cannot be found.

    `bbox` is the value's cell (`cell`) or its row; in a row the same text may stand in several
    columns, and then the least confident of them counts.
    """
    if bbox is None:
        return None
    x0, top, x1, bottom = bbox
    middle = lambda w: (w.top + w.bottom) / 2  # noqa: E731
    row = [w for w in words if top - 1.0 <= middle(w) <= bottom + 1.0 and (not cell or (w.x0 < x1 and x0 < w.x1))]
    confidences: list[float] = []
    for token in raw.split():
        if not any(c.isdigit() for c in token):
            continue
        same = [w.confidence for w in row if w.text == token and w.confidence is not None]
        if not same:
            same = [w.confidence for w in row if token in w.text and w.confidence is not None]
        if not same:
            return None
        confidences.append(min(same))
        if _SEPARATOR_IN_DOUBT.match(token):
            confidences.append(min(same) * SEPARATOR_DOUBT)
    return round(min(confidences), 3) if confidences else None


def _overlaps(word: Word, bbox: BBox) -> bool:
    x0, top, x1, bottom = bbox
    return word.x0 < x1 and x0 < word.x1 and word.top < bottom and top < word.bottom
