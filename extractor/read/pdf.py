"""PDF reading with pdfplumber: words with positions and font facts, grouped into lines."""

from __future__ import annotations

import re
from typing import Optional

from extractor.errors import ExtractionError
from extractor.read.types import Line, Page, ReadWarning, Rule, Word, make_line

_CID = re.compile(r"\(cid:\d+\)")
_LINE_TOLERANCE = 3.0  # words whose tops differ less than this (points) share a line


def read_pdf(path: str, max_pages: int = 5000, max_page_area: float = 25_000_000.0) -> tuple[list[Page], int, Optional[str], list]:
    """Return (pages, page_count, title, warnings); raise ExtractionError for unreadable PDFs.

    pdfminer and pdfplumber raise many unrelated types on damaged files (PdfminerException,
    MalformedPDFException, PSException, RecursionError on cyclic objects, KeyError, ...), at
    opening and lazily later: whatever escapes the per-page guards means a damaged file.
    """
    try:
        return _read_pdf(path, max_pages, max_page_area)
    except ExtractionError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"[:300]
        raise ExtractionError("corrupt_pdf", f"{path}: the PDF is damaged and cannot be parsed ({detail})") from exc


def _read_pdf(path: str, max_pages: int, max_page_area: float) -> tuple[list[Page], int, Optional[str], list]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psparser import PSException

    warnings: list[ReadWarning] = []
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ExtractionError("encrypted_pdf", f"{path}: the PDF is encrypted ({type(exc).__name__})") from exc
    except PSException as exc:
        raise ExtractionError("corrupt_pdf", f"{path}: the PDF is damaged or truncated and cannot be parsed ({exc or type(exc).__name__})") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        inner = [a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)]  # pdfplumber wraps pdfminer's error
        cause = inner[0] if inner else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(exc).lower():
            raise ExtractionError("encrypted_pdf", f"{path}: the PDF is encrypted and needs a password ({type(cause).__name__})") from exc
        detail = str(cause) or type(cause).__name__
        raise ExtractionError("corrupt_pdf", f"{path}: the PDF is damaged or truncated and cannot be parsed ({detail})") from exc

    with pdf:
        try:
            page_objects = pdf.pages
        except Exception as exc:
            raise ExtractionError("corrupt_pdf", f"{path}: the page tree is damaged ({type(exc).__name__}: {exc})") from exc
        page_count = len(page_objects)
        check_page_count(path, page_count, max_pages)
        title = None
        try:
            title = clean_title((pdf.metadata or {}).get("Title"))
        except Exception:
            title = None

        pages: list[Page] = []
        for index, plumber_page in enumerate(page_objects, start=1):
            try:
                warning = page_too_large(index, float(plumber_page.width), float(plumber_page.height), max_page_area)
                if warning:
                    warnings.append(warning)
                    pages.append(Page(number=index, width=float(plumber_page.width), height=float(plumber_page.height)))
                    continue
                pages.append(_read_page(plumber_page, index))
            except ExtractionError:
                raise
            except Exception as exc:
                warnings.append(ReadWarning.of("corrupt_pdf", f"page {index} could not be read ({type(exc).__name__}: {exc})", index))
                pages.append(Page(number=index))
            finally:
                try:
                    plumber_page.close()
                except Exception:
                    pass
    return pages, page_count, title, warnings


def _read_page(plumber_page, number: int) -> Page:
    raw_words = plumber_page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    char_count = 0
    unmapped = 0
    words: list[Word] = []
    for w in raw_words:
        text = w["text"]
        char_count += len(text)
        if "(cid:" in text:
            unmapped += sum(len(m) for m in _CID.findall(text))
            text = _CID.sub("", text)
            if not text.strip():
                continue
        fontname = w.get("fontname") or ""
        words.append(
            Word(
                text=text,
                x0=float(w["x0"]),
                top=float(w["top"]),
                x1=float(w["x1"]),
                bottom=float(w["bottom"]),
                size=round(float(w.get("size") or 0.0), 1),
                bold=is_bold_font(fontname),
            )
        )
    rules: list[Rule] = []
    for obj in plumber_page.lines:
        rules.append(Rule(float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"])))
    rects = [Rule(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])) for r in plumber_page.rects]
    return Page(
        number=number,
        width=float(plumber_page.width),
        height=float(plumber_page.height),
        lines=group_lines(words, number),
        rules=rules,
        rects=rects,
        rotation=int(getattr(plumber_page, "rotation", 0) or 0),
        char_count=char_count,
        unmapped_chars=unmapped,
        image_cover=_image_cover(plumber_page),
    )


def _image_cover(plumber_page) -> float:
    """The share of the page area that images cover (as `pdfium_reader` measures it)."""
    area = float(plumber_page.width) * float(plumber_page.height)
    if not area:
        return 0.0
    covered = 0.0
    for image in plumber_page.images:
        x0, x1 = max(0.0, float(image["x0"])), min(float(plumber_page.width), float(image["x1"]))
        top, bottom = max(0.0, float(image["top"])), min(float(plumber_page.height), float(image["bottom"]))
        covered += max(0.0, x1 - x0) * max(0.0, bottom - top)
    return min(1.0, covered / area)


def check_page_count(path: str, page_count: int, max_pages: int) -> None:
    """The page-count checks every PDF backend shares."""
    if page_count == 0:
        raise ExtractionError("corrupt_pdf", f"{path}: the PDF has no pages")
    if page_count > max_pages:
        raise ExtractionError(
            "too_many_pages", f"{path}: {page_count} pages, more than the limit of {max_pages} (see --max-pages)"
        )


def page_too_large(index: int, width: float, height: float, max_page_area: float) -> Optional[ReadWarning]:
    """The warning for a page too large to read (poster-size pages hide pathological content)."""
    if width * height > max_page_area:
        return ReadWarning.of("page_too_large", f"page {index} is {width:.0f}x{height:.0f} pt ({width * height:,.0f} pt²), "
                              f"larger than the limit of {max_page_area:,.0f} pt² (see --max-page-area); skipped", index)
    return None


def clean_title(raw_title: object) -> Optional[str]:
    """The document-information Title as text, or None when absent or blank."""
    if isinstance(raw_title, bytes):
        raw_title = raw_title.decode("utf-8", "replace")
    return str(raw_title).strip() or None if raw_title else None


def is_bold_font(fontname: str) -> bool:
    """Bold judged by the font name (weights in font descriptors are too often missing or wrong)."""
    lowered = fontname.lower()
    return "bold" in lowered or "black" in lowered or "heavy" in lowered


def group_lines(words: list[Word], page: int) -> list[Line]:
    """Group words into physical lines by their vertical position; left-to-right inside a line."""
    if not words:
        return []
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    rows: list[list[Word]] = [[ordered[0]]]
    row_top = ordered[0].top
    for word in ordered[1:]:
        if abs(word.top - row_top) <= _LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
            row_top = word.top
    return [make_line(join_number_fragments(sorted(row, key=lambda w: w.x0)), page=page) for row in rows]


_NUMBER_PIECE = re.compile(r"^[€+\-−]?[\d.,]+%?$")
_TOUCHING = 0.5  # points: glyphs of one word touch or overlap; a word space is ~2 points or more


def join_number_fragments(row: list[Word]) -> list[Word]:
    """Join the pieces of one number that the word splitter cut apart at a font change.

    Embedded font subsets can switch in the middle of a figure ("€ 1" in one subset, "73.775" in
    the next); the splitter keeps font runs apart, so the figure would read as two numbers. Two
    number pieces of one size on one baseline whose glyphs touch are one word: a word space is never zero wide.
    """
    joined: list[Word] = []
    for word in row:
        last = joined[-1] if joined else None
        if (last is not None and _NUMBER_PIECE.match(last.text) and _NUMBER_PIECE.match(word.text)
                and last.text[-1].isdigit() and word.text[0] in "0123456789.,"
                and word.x0 - last.x1 <= _TOUCHING and abs(word.size - last.size) < 0.2
                and abs(word.bottom - last.bottom) < 1.0):
            joined[-1] = Word(last.text + word.text, last.x0, min(last.top, word.top), word.x1,
                              max(last.bottom, word.bottom), last.size, last.bold, last.confidence)
        else:
            joined.append(word)
    return joined
