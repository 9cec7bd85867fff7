"""One document in, one `Document` out: read → layout → parse → enrich.

`extract_document` never raises for a bad input file: every problem becomes an error entry
and a status, so a batch of thousands of files goes on whatever one of them contains.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from extractor import __version__
from extractor.errors import ExtractionError
from extractor.layout import lay_out
from extractor.model import Document, ErrorEntry, Source
from extractor.parse.goals import parse_goals
from extractor.parse.metadata import parse_metadata
from extractor.parse.ocr_provenance import mark_ocr_items
from extractor.parse.tables import parse_tables
from extractor.read import read_document
from extractor.read.dispatch import OCR_MODES, PDF_READERS, file_facts
from extractor.read.ocr import DEFAULT_LANG

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractOptions:
    """Settings for one extraction; validated on creation so a bad value names itself."""

    max_pages: int = 5000
    tables: bool = True
    enrich: bool = True
    reader: str = PDF_READERS[0]  # PDF backend: "pdfplumber" or "pdfium" (same output, pdfium is faster)
    ocr: str = OCR_MODES[0]  # "auto": OCR pages without a usable text layer; "always"; "never"
    ocr_lang: str = DEFAULT_LANG  # Tesseract languages, e.g. "nld+eng"
    ocr_max_pages: Optional[int] = None  # OCR at most this many pages per document (None: all that need it)
    ocr_jobs: int = 1  # pages OCR'd at once; the CLI's extract uses every core, a batch one per worker

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, got {self.max_pages}")
        if self.reader not in PDF_READERS:
            raise ValueError(f"reader must be one of {', '.join(PDF_READERS)}, got {self.reader!r}")
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, got {self.ocr!r}")
        if not re.fullmatch(r"[A-Za-z_]+(\+[A-Za-z_]+)*", self.ocr_lang):
            raise ValueError(f"ocr_lang must be Tesseract language codes joined by '+' (e.g. nld+eng), got {self.ocr_lang!r}")
        if self.ocr_jobs < 1:
            raise ValueError(f"ocr_jobs must be at least 1, got {self.ocr_jobs}")
        if self.ocr_max_pages is not None and self.ocr_max_pages < 0:
            raise ValueError(f"ocr_max_pages must be 0 or more, got {self.ocr_max_pages}")


def failure_document(path: str | os.PathLike, code: str, message: str, sha256: Optional[str] = None,
                     size: Optional[int] = None, fmt: Optional[str] = None) -> Document:
    """The JSON written for a file that could not be extracted at all."""
    return Document(
        extractor_version=__version__,
        source=Source(file=str(path), sha256=sha256, size=size, format=fmt),  # type: ignore[arg-type]
        status="failure",
        errors=[ErrorEntry(code=code, message=message)],
    )


def extract_document(path: str | os.PathLike, options: Optional[ExtractOptions] = None) -> Document:
    options = options or ExtractOptions()
    name = str(path)
    try:
        raw = read_document(name, max_pages=options.max_pages, reader=options.reader, ocr=options.ocr,
                            ocr_lang=options.ocr_lang, ocr_max_pages=options.ocr_max_pages, ocr_jobs=options.ocr_jobs)
    except ExtractionError as exc:
        sha256 = size = None
        try:
            _, sha256, size = file_facts(name)
        except ExtractionError:
            pass
        fmt = "pdf" if Path(name).suffix.lower() == ".pdf" else None
        return failure_document(name, exc.code, exc.message, sha256, size, fmt)
    except Exception as exc:  # a reader bug must not take a batch down
        log.debug("reader crashed on %s", name, exc_info=True)
        return failure_document(name, "internal_error", f"{name}: reader crashed: {type(exc).__name__}: {exc}")

    document = Document(
        extractor_version=__version__,
        source=Source(file=name, sha256=raw.sha256, format=raw.format, pages=raw.page_count, size=raw.size),  # type: ignore[arg-type]
    )
    for code, message, page in raw.warnings:
        # A page that could not be read is lost content (status partial); the rest are notes.
        severity = "error" if code in ("corrupt_pdf", "ocr_unavailable") else "warning"
        document.errors.append(ErrorEntry(code=code, message=message, page=page, severity=severity))

    stages = [("metadata", _stage_metadata), ("goals", _stage_goals)]
    if options.tables:
        stages.append(("tables", _stage_tables))
    if options.enrich:
        stages.append(("enrich", _stage_enrich))
    laid_out = lay_out(raw)
    for stage_name, stage in stages:
        try:
            stage(document, laid_out)
        except Exception as exc:  # one failing stage leaves the others' results
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            log.debug("stage %s crashed on %s", stage_name, name, exc_info=True)
            document.errors.append(ErrorEntry(code="internal_error", message=f"{name}: stage {stage_name} failed: {detail}"))
    if raw.ocr_pages:
        document.coverage.ocr_pages = sorted(raw.ocr_pages)
        document.errors.extend(mark_ocr_items(document, raw.pages))
    document.status = _status(document)
    return document


def _stage_metadata(document: Document, laid_out) -> None:
    document.metadata = parse_metadata(laid_out)


def _stage_goals(document: Document, laid_out) -> None:
    goals, errors = parse_goals(laid_out, document.metadata)
    document.goals = goals
    document.errors.extend(errors)


def _stage_tables(document: Document, laid_out) -> None:
    indicators, budget_lines, errors = parse_tables(laid_out, document.goals, document.metadata)
    document.indicators = indicators
    document.budget_lines = budget_lines
    document.errors.extend(errors)


def _stage_enrich(document: Document, laid_out) -> None:
    from extractor.enrich import enrich_document  # spaCy loads lazily: extraction without tagging stays fast

    enrich_document(document, laid_out)


def _status(document: Document) -> str:
    if any(e.severity == "error" for e in document.errors):
        return "partial"
    return "success"


