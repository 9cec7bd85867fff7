"""Positioned text as the read layer hands it to the layout layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Optional

from extractor.model import ErrorCode


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    confidence: Optional[float] = None  # 0..1 for words read by OCR; None for words from a text layer


@dataclass(slots=True)
class Line:
    """One physical line: a row of words on a PDF page, or one line of a text file.

    For text input the coordinates are 0 and `line_no` is the 1-based line in the file;
    tab characters are kept in `text` because text tables use them as cell separators.
    """

    text: str
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    words: list[Word] = field(default_factory=list)
    size: float = 0.0
    bold: bool = False
    line_no: Optional[int] = None
    page: int = 1  # 0 = unknown (text file without form feeds)

    @property
    def bbox(self) -> Optional[tuple[float, float, float, float]]:
        if self.line_no is not None:
            return None
        return (round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2))

    @property
    def page_number(self) -> Optional[int]:
        """1-based page, or None for a text file without form feeds (page 0 internally)."""
        return self.page or None

    def segments(self, min_gap: float = 12.0) -> list["Line"]:
        """Split the line where words are further apart than `min_gap` points (table cells, columns)."""
        if not self.words:
            return [self]
        groups: list[list[Word]] = [[self.words[0]]]
        for word in self.words[1:]:
            if word.x0 - groups[-1][-1].x1 > min_gap:
                groups.append([word])
            else:
                groups[-1].append(word)
        if len(groups) == 1:
            return [self]
        return [make_line(g, page=self.page) for g in groups]


@dataclass(slots=True)
class Rule:
    """A drawn horizontal or vertical line (or rectangle edge) on a PDF page."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class Page:
    number: int
    width: float = 0.0
    height: float = 0.0
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    rects: list[Rule] = field(default_factory=list)
    rotation: int = 0
    char_count: int = 0
    unmapped_chars: int = 0
    image_cover: float = 0.0  # share of the page area covered by images (ink the text layer may not hold)
    ocr: bool = False  # the lines were read from the rendered page by OCR, not from the text layer

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class ReadWarning(NamedTuple):
    """A problem on one page that does not stop reading (a damaged or oversized page, a page without text).

    A NamedTuple so readers that still build `(code, message, page)` tuples keep working:
    `ReadWarning.of` checks the code against `ErrorCode`.
    """

    code: ErrorCode
    message: str
    page: Optional[int] = None

    @classmethod
    def of(cls, code: str | ErrorCode, message: str, page: Optional[int] = None) -> "ReadWarning":
        return cls(ErrorCode(str(code)), message, page)


@dataclass(slots=True)
class RawDocument:
    path: str
    format: str  # "pdf" | "text"
    pages: list[Page]
    page_count: Optional[int]
    sha256: str
    size: int
    encoding: Optional[str] = None
    title: Optional[str] = None
    warnings: list["ReadWarning"] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of the pages read by OCR
    ocr_left: list[int] = field(default_factory=list)  # pages that need OCR but were not OCR'd (time or page limit)

    def all_lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]


def make_line(words: list[Word], page: int = 1) -> Line:
    """A line from words already in reading order (left to right)."""
    text = " ".join(w.text for w in words)
    sizes = sorted(w.size for w in words)
    return Line(
        text=text,
        x0=min(w.x0 for w in words),
        top=min(w.top for w in words),
        x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words),
        words=list(words),
        size=sizes[len(sizes) // 2] if sizes else 0.0,
        bold=all(w.bold for w in words),
        page=page,
    )


def union_bbox(lines: list[Line]) -> Optional[tuple[float, float, float, float]]:
    """The box around several PDF lines on one page (None for text lines)."""
    boxes = [line.bbox for line in lines if line.bbox is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def line_span(lines: list[Line]) -> Optional[tuple[int, int]]:
    """[first, last] text line numbers of lines read from a text file (None for PDF lines)."""
    numbers = [line.line_no for line in lines if line.line_no is not None]
    if not numbers:
        return None
    return (min(numbers), max(numbers))
