"""Choose a reader from the file's content (not only its name) and check it is usable."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from extractor.errors import ExtractionError
from extractor.read.pdf import read_pdf
from extractor.read.text import read_text
from extractor.read.types import RawDocument, ReadWarning

TEXT_SUFFIXES = {".txt", ".text", ".md"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES
PDF_READERS = ("pdfium", "pdfplumber")  # the first is the default
DEFAULT_MAX_PAGE_AREA = 25_000_000.0  # pt²: 5000 x 5000 pt (1.76 m square); larger pages are skipped


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
                  max_page_area: float = DEFAULT_MAX_PAGE_AREA) -> RawDocument:
    """Read a PDF or text file into pages of positioned lines; `reader` picks the PDF backend."""
    if reader not in PDF_READERS:
        raise ValueError(f"reader must be one of {', '.join(PDF_READERS)}, got {reader!r}")
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
        _check_text_layer(doc)
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


def _check_text_layer(doc: RawDocument) -> None:
    """Fail a PDF without usable text; warn for single pages without text."""
    broken = {page for code, _, page in doc.warnings if code == "corrupt_pdf"}
    oversized = {page: message for code, message, page in doc.warnings if code == "page_too_large"}
    if broken and len(broken) == len(doc.pages):
        raise ExtractionError("corrupt_pdf", f"{doc.path}: no page of the PDF could be read (damaged or truncated)")
    total = sum(p.char_count for p in doc.pages)
    unmapped = sum(p.unmapped_chars for p in doc.pages)
    usable = total - unmapped
    if usable < 20 * max(1, len(doc.pages)) * 0.05 or (total and unmapped / total > 0.5):
        if oversized:  # the text was never read because the pages are too large: say that, not "scanned"
            first = next(iter(oversized.values()))
            raise ExtractionError("page_too_large", f"{doc.path}: no readable page; {first}")
        reason = "its text is glyph ids without a character map" if unmapped > usable else "it has no text layer (image only)"
        raise ExtractionError("no_text_layer", f"{doc.path}: {reason}; OCR it first (e.g. ocrmypdf)")
    for page in doc.pages:
        if page.number in broken or page.number in oversized:
            continue  # already reported with its reason
        if page.char_count - page.unmapped_chars < 5:
            doc.warnings.append(ReadWarning.of("page_without_text", f"page {page.number} has no usable text", page.number))
