"""Remove page furniture and find table-of-contents pages."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from extractor.layout.columns import reading_order
from extractor.layout.outline import Outline, build_outline
from extractor.read.types import Line, Page, RawDocument

_PAGE_FOOTER = re.compile(r"^\s*(pagina\s+)?\d{1,4}(\s*(van|/|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_TOC_HEADING = re.compile(r"^\s*(inhoudsopgave|inhoud|inhoudstafel)\s*$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"(\.{3,}|…|\t)\s*\d{1,4}\s*$|\s\d{1,4}\s*$")


@dataclass
class LaidOutDocument:
    raw: RawDocument
    pages: list[Page]
    toc_pages: set[int] = field(default_factory=set)
    toc_lines: set[int] = field(default_factory=set)  # text input: line numbers inside the table of contents
    furniture: list[Line] = field(default_factory=list)
    # PDF pages in reading order (two-column pages read column by column); `pages` keeps physical rows.
    ordered_lines: dict[int, list[Line]] = field(default_factory=dict)
    _outline: Optional[Outline] = field(default=None, repr=False)

    @property
    def format(self) -> str:
        return self.raw.format

    def outline(self) -> Outline:
        """Headings, lists and labelled blocks of the content (built once, on first use)."""
        if self._outline is None:
            self._outline = build_outline(self.pages, self.lines(), self.format == "pdf")
        return self._outline

    def lines(self, skip_toc: bool = True) -> list[Line]:
        """All content lines in reading order, without furniture and (by default) the table of contents."""
        result: list[Line] = []
        for page in self.pages:
            if skip_toc and page.number in self.toc_pages:
                continue
            for line in self.ordered_lines.get(page.number, page.lines):
                if skip_toc and line.line_no is not None and line.line_no in self.toc_lines:
                    continue
                result.append(line)
        return result


def lay_out(raw: RawDocument) -> LaidOutDocument:
    if raw.format == "pdf":
        pages, furniture = _strip_furniture(raw.pages)
        doc = LaidOutDocument(raw=raw, pages=pages, furniture=furniture)
        doc.toc_pages = _find_toc_pages(pages)
        for page in pages:
            ordered = reading_order(page)
            if ordered is not page.lines:
                doc.ordered_lines[page.number] = ordered
        return doc
    doc = LaidOutDocument(raw=raw, pages=raw.pages)
    doc.toc_lines = _find_toc_lines([line for page in raw.pages for line in page.lines])
    return doc


def _furniture_key(text: str) -> str:
    return _DIGITS.sub("#", text.strip().lower())


def _strip_furniture(pages: list[Page]) -> tuple[list[Page], list[Line]]:
    """Drop page numbers and lines repeated at the top or bottom of many pages."""
    margin_keys: Counter[str] = Counter()
    for page in pages:
        seen: set[str] = set()
        for line in _margin_lines(page):
            key = _furniture_key(line.text)
            if key not in seen:
                seen.add(key)
                margin_keys[key] += 1
    threshold = max(3, int(0.3 * len(pages)))
    repeated = {key for key, count in margin_keys.items() if count >= threshold}
    cleaned: list[Page] = []
    furniture: list[Line] = []
    for page in pages:
        margins = {id(line) for line in _margin_lines(page)}
        kept: list[Line] = []
        for line in page.lines:
            if id(line) in margins and (_PAGE_FOOTER.match(line.text) or _furniture_key(line.text) in repeated):
                furniture.append(line)
            else:
                kept.append(line)
        cleaned.append(
            Page(
                number=page.number, width=page.width, height=page.height, lines=kept, rules=page.rules,
                rects=page.rects, rotation=page.rotation, char_count=page.char_count, unmapped_chars=page.unmapped_chars,
                ocr=page.ocr,
            )
        )
    return cleaned, furniture


def _margin_lines(page: Page) -> list[Line]:
    if not page.height:
        return []
    top_limit = page.height * 0.08
    bottom_limit = page.height * 0.90
    return [line for line in page.lines if line.bottom <= top_limit or line.top >= bottom_limit]


def _find_toc_pages(pages: list[Page]) -> set[int]:
    """Pages that are a table of contents: an 'Inhoud(sopgave)' heading, or mostly entries ending in page numbers."""
    toc: set[int] = set()
    for page in pages[:15]:
        lines = [line for line in page.lines if line.text.strip()]
        if not lines:
            continue
        has_heading = any(_TOC_HEADING.match(line.text) for line in lines[:6])
        entries = sum(1 for line in lines if _TOC_ENTRY.search(line.text))
        if (has_heading and entries >= 3) or (entries >= 8 and entries / len(lines) > 0.6 and (toc or has_heading)):
            toc.add(page.number)
        elif toc and entries / len(lines) > 0.6:
            toc.add(page.number)  # the TOC continues on the next page
    return toc


def _find_toc_lines(lines: list[Line]) -> set[int]:
    """Text input: the block after an 'Inhoudsopgave' heading whose lines end in a page number."""
    toc: set[int] = set()
    in_toc = False
    for line in lines:
        text = line.text.strip()
        if _TOC_HEADING.match(text):
            in_toc = True
            toc.add(line.line_no or 0)
            continue
        if not in_toc:
            continue
        if not text:
            continue
        if re.search(r"\t\s*\d{1,4}\s*$", line.text) or re.search(r"\.{3,}\s*\d{1,4}\s*$", text):
            toc.add(line.line_no or 0)
        else:
            in_toc = False
    return toc
