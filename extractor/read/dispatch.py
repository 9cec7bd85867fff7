"""Choose a reader from the file's content (not only its name) and check it is usable."""

from __future__ import annotations

import functools
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from extractor.errors import ExtractionError
from extractor.read.ocr import DEFAULT_LANG, OcrTimeLimit, missing_packages, ocr_pdf_pages
from extractor.read.pdf import group_lines, read_pdf
from extractor.read.textlayer import SCANNED, ocr_reason
from extractor.read.text import read_text
from extractor.read.types import Page, RawDocument, ReadWarning

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
PDF_READERS = ("pdfium", "pdfplumber")  # the first is the default
DEFAULT_MAX_PAGE_AREA = 25_000_000.0  # pt²: 5000 x 5000 pt (1.76 m square); larger pages are skipped
OCR_MODES = ("auto", "always", "never")  # auto: OCR the pages without a usable text layer


def file_facts(path: str | os.PathLike) -> tuple[bytes, str, int]:
    """Read the bytes once; return (data, sha256, size). Raises ExtractionError for unusable paths."""
    p = Path(path)
    if not p.exists():
        if p.is_symlink():
            raise ExtractionError("file_not_found", f"{p}: broken symbolic link")
        raise ExtractionError("file_not_found", f"{p}: no such file")
    if p.is_dir():
        raise ExtractionError("not_a_file", f"{p}: is a directory, not a document")
    if not p.is_file():
        raise ExtractionError("not_a_file", f"{p}: is not a regular file")
    try:
        data = p.read_bytes()
    except PermissionError as exc:
        raise ExtractionError("unreadable_file", f"{p}: permission denied") from exc
    except OSError as exc:
        raise ExtractionError("unreadable_file", f"{p}: cannot be read ({exc.strerror or exc})") from exc
    return data, hashlib.sha256(data).hexdigest(), len(data)


def read_document(path: str | os.PathLike, max_pages: int = 5000, reader: str = PDF_READERS[0],
                  max_page_area: float = DEFAULT_MAX_PAGE_AREA, ocr: str = OCR_MODES[0],
                  ocr_lang: str = DEFAULT_LANG, ocr_max_pages: Optional[int] = None, ocr_jobs: int = 1,
                  ocr_time_limit: Optional[float] = None, ocr_core_slots: Optional[str] = None) -> RawDocument:
    """Read a PDF or text file into pages of positioned lines; `reader` picks the PDF backend.

    `ocr` decides per page whether a PDF page is read by OCR (see `extractor.read.textlayer`);
    `ocr_max_pages` caps the number of pages OCR'd in one document (None: no cap); `ocr_jobs`
    pages are OCR'd at the same time (one core each), more on cores borrowed from the batch's
    idle workers when `ocr_core_slots` names their lock folder (`extractor.read.cores`). No OCR
    page is started later than `ocr_time_limit` seconds after reading began: the pages left are
    reported (`ocr_incomplete`) and the rest of the document is extracted.
    """
    started = time.monotonic()
    if reader not in PDF_READERS:
        raise ValueError(f"reader must be one of {', '.join(PDF_READERS)}, got {reader!r}")
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, got {ocr!r}")
    name = str(path)
    data, sha256, size = file_facts(path)
    if size == 0:
        raise ExtractionError("empty_file", f"{name}: the file is empty (0 bytes)")
    suffix = Path(name).suffix.lower()
    looks_pdf = b"%PDF-" in data[:1024]
    if looks_pdf:
        if reader == "pdfium":
            from extractor.read.pdfium_reader import read_pdf_pdfium

            pages, page_count, title, warnings = read_pdf_pdfium(name, max_pages=max_pages, max_page_area=max_page_area)
        else:
            pages, page_count, title, warnings = read_pdf(name, max_pages=max_pages, max_page_area=max_page_area)
        doc = RawDocument(path=name, format="pdf", pages=pages, page_count=page_count, sha256=sha256, size=size, title=title)
        doc.warnings.extend(ReadWarning.of(*warning) for warning in warnings)
        plan = OcrPlan(ocr_lang, ocr_max_pages, ocr_jobs,
                       None if ocr_time_limit is None else started + ocr_time_limit, ocr_time_limit, ocr_core_slots)
        _check_text_layer(doc, ocr, plan)
        return doc
    if suffix in PDF_SUFFIXES:
        raise ExtractionError("not_a_pdf", f"{name}: named .pdf but has no PDF header (starts with {data[:8]!r})")
    if suffix in TEXT_SUFFIXES or suffix == "":
        pages, encoding = read_text(data, name)
        if not any(line.text.strip() for page in pages for line in page.lines):
            raise ExtractionError("empty_file", f"{name}: contains only whitespace")
        return RawDocument(path=name, format="text", pages=pages, page_count=None, sha256=sha256, size=size, encoding=encoding)
    expected = ", ".join(sorted(SUPPORTED_SUFFIXES))
    raise ExtractionError("unsupported_format", f"{name}: unsupported file type {suffix!r} (expected {expected})")


@dataclass(frozen=True)
class OcrPlan:
    """How the pages that need OCR are read: languages and the limits on pages, cores and time."""

    lang: str = DEFAULT_LANG
    max_pages: Optional[int] = None
    jobs: int = 1
    deadline: Optional[float] = None  # time.monotonic() after which no OCR page is started
    time_limit: Optional[float] = None  # the seconds that deadline stands for (for the message)
    core_slots: Optional[str] = None  # lock folder of the batch's cores (extractor.read.cores)


def _check_text_layer(doc: RawDocument, ocr: str, plan: OcrPlan) -> None:
    """Decide page by page which pages need OCR, OCR them, and fail a PDF left without usable text."""
    broken = {page for code, _, page in doc.warnings if code == "corrupt_pdf"}
    oversized = {page: message for code, message, page in doc.warnings if code == "page_too_large"}
    if broken and len(broken) == len(doc.pages):
        raise ExtractionError("corrupt_pdf", f"{doc.path}: no page of the PDF could be read (damaged or truncated)")
    readable = [page for page in doc.pages if page.number not in broken and page.number not in oversized]
    if ocr == "always":
        needs = {page.number: "--ocr always" for page in readable}
    else:
        needs = {page.number: reason for page in readable if (reason := ocr_reason(page))}
    unavailable = None
    if needs and ocr != "never":
        unavailable = _run_ocr(doc, needs, plan)
    text_pages = [p for p in doc.pages if (p.ocr and p.lines) or (p.number not in needs and p.char_count - p.unmapped_chars >= 5)]
    if not text_pages:
        if oversized:  # the text was never read because the pages are too large: say that, not "scanned"
            first = next(iter(oversized.values()))
            raise ExtractionError("page_too_large", f"{doc.path}: no readable page; {first}")
        if unavailable:
            raise ExtractionError("ocr_unavailable", f"{doc.path}: no page has a usable text layer and OCR cannot run: {unavailable}")
        if ocr == "never":
            reason = next(iter(needs.values()), "no text layer")
            raise ExtractionError("no_text_layer", f"{doc.path}: {reason} on every page; use --ocr auto to OCR it")
        if not needs:
            raise ExtractionError("no_text_layer", f"{doc.path}: it has no text layer and no page could be OCR'd")
    for page in doc.pages:
        if page.number in broken or page.number in oversized or (page.ocr and page.lines):
            continue  # read, or already reported with its reason
        if page.ocr:
            doc.warnings.append(ReadWarning.of("page_without_text", f"page {page.number}: OCR found no text", page.number))
        elif page.number in needs:
            if ocr == "never":  # otherwise reported by `_run_ocr` (OCR unavailable, or over the page limit)
                doc.warnings.append(ReadWarning.of("page_without_text", f"page {page.number}: {needs[page.number]}; not OCR'd (--ocr never)", page.number))
        elif page.char_count - page.unmapped_chars < 5:
            doc.warnings.append(ReadWarning.of("page_without_text", f"page {page.number} has no usable text", page.number))


def _run_ocr(doc: RawDocument, needs: dict[int, str], plan: OcrPlan) -> Optional[str]:
    """OCR the pages in `needs` (at most `plan.max_pages`) in place; returns why OCR could not run, or None."""
    numbers = sorted(needs)
    max_ocr = plan.max_pages
    chosen = numbers if max_ocr is None else numbers[:max(0, max_ocr)]
    problem = missing_packages(plan.lang)
    if problem:
        message = f"{_page_ranges(numbers)} need OCR ({needs[numbers[0]]}) but {problem}; their content is not extracted"
        doc.warnings.append(ReadWarning.of("ocr_unavailable", message, numbers[0]))
        return problem
    by_number = {page.number: index for index, page in enumerate(doc.pages)}
    borrow = None
    if plan.core_slots:
        from extractor.read.cores import borrow as borrow_core

        borrow = functools.partial(borrow_core, plan.core_slots)
    late: list[int] = []
    for number, page in ocr_pdf_pages(doc.path, chosen, plan.lang, jobs=plan.jobs, deadline=plan.deadline, borrow=borrow):
        if isinstance(page, OcrTimeLimit):
            late.append(number)
            continue
        if isinstance(page, Exception):
            doc.warnings.append(ReadWarning.of("corrupt_pdf", f"page {number}: OCR failed ({type(page).__name__}: {page})", number))
            continue
        keep_text = needs[number].startswith(SCANNED)
        doc.pages[by_number[number]] = _with_text_layer(doc.pages[by_number[number]], page, keep_text)
        doc.ocr_pages.append(number)
    doc.ocr_left.extend(late + numbers[len(chosen):])
    if late:
        doc.warnings.append(ReadWarning.of("ocr_incomplete", f"{_page_ranges(late)} not OCR'd: the time for OCR ({plan.time_limit:.0f} s) "
                                           f"ran out after {len(doc.ocr_pages)} pages; their content is not extracted "
                                           "(a longer --timeout gives OCR more time)", late[0]))
    if len(chosen) < len(numbers):
        rest = numbers[len(chosen):]
        doc.warnings.append(ReadWarning.of("page_without_text", f"{_page_ranges(rest)} need OCR but the limit of {max_ocr} OCR pages "
                             "per document was reached (see --ocr-max-pages); their content is not extracted", rest[0]))
    return None


def _with_text_layer(original: Page, scanned: Page, keep_text: bool) -> Page:
    """The OCR'd page with the original's drawn rules and, for a scan with some real text on it
    (`keep_text`), the words of that text layer: OCR words overlapping them are dropped.
    """
    if original.width and scanned.width and abs(original.width - scanned.width) > 2.0:
        return scanned  # the OCR'd page was turned upright: the two are in different coordinates
    scanned.width, scanned.height = original.width or scanned.width, original.height or scanned.height  # exact, not pixels
    kept = [w for line in original.lines for w in line.words] if keep_text else []
    words = list(kept)
    for word in (w for line in scanned.lines for w in line.words):
        if not any(word.x0 < k.x1 and k.x0 < word.x1 and word.top < k.bottom and k.top < word.bottom for k in kept):
            words.append(word)
    scanned.lines = group_lines(words, scanned.number)
    scanned.rules = [*original.rules, *scanned.rules]  # drawn, and seen in the image
    scanned.rects = [*original.rects, *scanned.rects]
    scanned.image_cover = original.image_cover
    return scanned


def _page_ranges(numbers: list[int]) -> str:
    """"page 3" or "pages 1-4, 7"."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(f"{start}" if start == previous else f"{start}-{previous}")
        if number is not None:
            start = previous = number
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(parts)
