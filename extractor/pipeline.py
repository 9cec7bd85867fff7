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
from extractor.errors import ExtractionError, severity
from extractor.fsnames import escape_name, printable
from extractor.layout import lay_out
from extractor.model import Document, ErrorCode, ErrorEntry, Source
from extractor.parse.goals import missing_goal_warning, outline_items, parse_goals
from extractor.parse.metadata import metadata_from_filename, parse_metadata
from extractor.parse.ocr_provenance import mark_ocr_items
from extractor.parse.tables import read_tables
from extractor.parse.unread_grids import unread_grid_warnings, unread_grids, unread_text_grids
from extractor.read import read_document
from extractor.read.dispatch import DEFAULT_MAX_PAGE_AREA, OCR_MODES, PDF_READERS, file_facts
from extractor.read.ocr import DEFAULT_LANG

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractOptions:
    """Settings for one extraction; validated on creation so a bad value names itself."""

    max_pages: int = 5000
    tables: bool = True
    enrich: bool = True
    reader: str = PDF_READERS[0]  # PDF backend: "pdfplumber" or "pdfium" (same output, pdfium is faster)
    max_page_area: float = DEFAULT_MAX_PAGE_AREA  # pt²; larger pages are skipped and the document is partial
    ocr: str = OCR_MODES[0]  # "auto": OCR pages without a usable text layer; "always"; "never"
    ocr_lang: str = DEFAULT_LANG  # Tesseract languages, e.g. "nld+eng"
    ocr_max_pages: Optional[int] = None  # OCR at most this many pages per document (None: all that need it)
    ocr_jobs: int = 1  # pages OCR'd at once; the CLI's extract uses every core, a batch one per worker
    # Set by a batch worker, not by users: no OCR page is started later than this many seconds into
    # the document (the rest get `ocr_incomplete`), and idle workers' cores are borrowed from this
    # lock folder (extractor.read.cores). Neither changes what a page reads as.
    ocr_time_limit: Optional[float] = None
    ocr_core_slots: Optional[str] = None

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, got {self.max_pages}")
        if self.reader not in PDF_READERS:
            raise ValueError(f"reader must be one of {', '.join(PDF_READERS)}, got {self.reader!r}")
        if not self.max_page_area > 0:
            raise ValueError(f"max_page_area must be a positive number of square points, got {self.max_page_area}")
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, got {self.ocr!r}")
        if not re.fullmatch(r"[A-Za-z_]+(\+[A-Za-z_]+)*", self.ocr_lang):
            raise ValueError(f"ocr_lang must be Tesseract language codes joined by '+' (e.g. nld+eng), got {self.ocr_lang!r}")
        if self.ocr_jobs < 1:
            raise ValueError(f"ocr_jobs must be at least 1, got {self.ocr_jobs}")
        if self.ocr_time_limit is not None and not self.ocr_time_limit > 0:
            raise ValueError(f"ocr_time_limit must be a positive number of seconds, got {self.ocr_time_limit}")
        if self.ocr_max_pages is not None and self.ocr_max_pages < 0:
            raise ValueError(f"ocr_max_pages must be 0 or more, got {self.ocr_max_pages}")


def failure_document(path: str | os.PathLike, code: str | ErrorCode, message: str, sha256: Optional[str] = None,
                     size: Optional[int] = None, fmt: Optional[str] = None) -> Document:
    """The JSON written for a file that could not be extracted at all."""
    return Document(
        extractor_version=__version__,
        source=Source(file=escape_name(path), sha256=sha256, size=size, format=fmt),  # type: ignore[arg-type]
        status="failure",
        errors=[ErrorEntry(code=ErrorCode(str(code)), message=printable(message))],
    )


def extract_document(path: str | os.PathLike, options: Optional[ExtractOptions] = None) -> Document:
    """Read, lay out, parse and enrich one file; never raises for anything the file contains."""
    options = options or ExtractOptions()
    name = os.fsdecode(path)
    try:
        raw = read_document(name, max_pages=options.max_pages, reader=options.reader, max_page_area=options.max_page_area,
                            ocr=options.ocr, ocr_lang=options.ocr_lang, ocr_max_pages=options.ocr_max_pages,
                            ocr_jobs=options.ocr_jobs, ocr_time_limit=options.ocr_time_limit,
                            ocr_core_slots=options.ocr_core_slots)
    except ExtractionError as exc:
        sha256 = size = None
        try:
            _, sha256, size = file_facts(name)
        except (ExtractionError, MemoryError):
            pass
        fmt = "pdf" if Path(name).suffix.lower() == ".pdf" else None
        failed = failure_document(name, exc.code, exc.message, sha256, size, fmt)
        failed.metadata = metadata_from_filename(name)  # unreadable content: the file name is all there is, marked so
        return failed
    except MemoryError:
        return failure_document(name, ErrorCode.memory_limit, f"{name}: reading ran out of memory; stopped")
    except Exception as exc:  # a reader bug must not take a batch down
        log.debug("reader crashed on %s", name, exc_info=True)
        return failure_document(name, ErrorCode.internal_error, f"{name}: reader crashed: {type(exc).__name__}: {exc}")

    document = Document(
        extractor_version=__version__,
        source=Source(file=escape_name(name), sha256=raw.sha256, format=raw.format, pages=raw.page_count, size=raw.size),  # type: ignore[arg-type]
    )
    for warning in raw.warnings:
        # Lost content (an unreadable or oversized page) is an error: the document becomes partial.
        document.errors.append(ErrorEntry(code=warning.code, message=printable(warning.message), page=warning.page,
                                          severity=severity(warning.code)))
    _run_stages(document, raw, options, name)
    document.coverage.ocr_pages_left = sorted(raw.ocr_left)
    if raw.ocr_pages:
        document.coverage.ocr_pages = sorted(raw.ocr_pages)
        document.errors.extend(mark_ocr_items(document, raw.pages))
    document.status = _status(document)
    return document


def _run_stages(document: Document, raw, options: ExtractOptions, name: str) -> None:
    """Every stage inside the guard: a failing stage leaves the others' results and an error entry."""
    stages = [("layout", _stage_layout), ("metadata", _stage_metadata), ("outline", _stage_outline),
              ("goals", _stage_goals)]
    if options.tables:
        stages.append(("tables", _stage_tables))
        stages.append(("catalogue", _stage_catalogue))
    if options.enrich:
        stages.append(("enrich", _stage_enrich))
    state = {"raw": raw, "laid_out": None}
    for stage_name, stage in stages:
        if stage_name != "layout" and state["laid_out"] is None:
            break  # nothing to parse: the layout error is already recorded
        try:
            stage(document, state)
        except MemoryError:
            document.errors.append(ErrorEntry(code=ErrorCode.memory_limit,
                                              message=printable(f"{name}: stage {stage_name} ran out of memory; stopped")))
            return
        except Exception as exc:  # one failing stage leaves the others' results
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            log.debug("stage %s crashed on %s", stage_name, name, exc_info=True)
            document.errors.append(ErrorEntry(code=ErrorCode.internal_error,
                                              message=printable(f"{name}: stage {stage_name} failed: {detail}")))


def _stage_layout(document: Document, state: dict) -> None:
    state["laid_out"] = lay_out(state["raw"])


def _stage_metadata(document: Document, state: dict) -> None:
    document.metadata = parse_metadata(state["laid_out"])


def _stage_outline(document: Document, state: dict) -> None:
    outline = state["laid_out"].outline()
    document.outline = outline_items(outline)
    document.coverage.outline_headings = len(document.outline)
    document.coverage.lists = outline.lists


def _stage_goals(document: Document, state: dict) -> None:
    laid_out = state["laid_out"]
    goals, errors = parse_goals(laid_out, document.metadata)
    document.goals = goals
    document.coverage.goal_nodes = len(goals)
    document.errors.extend(errors)
    warning = missing_goal_warning(laid_out.outline(), document.metadata, goals)
    if warning is not None:
        document.errors.append(warning)


def _stage_tables(document: Document, state: dict) -> None:
    result = read_tables(state["laid_out"], document.goals, document.metadata)
    document.indicators = result.indicators
    document.budget_lines = result.budget_lines
    document.errors.extend(result.errors)
    coverage = document.coverage
    coverage.tables_found, coverage.tables_indicators, coverage.tables_budget = result.tables_found, result.tables_indicators, result.tables_budget
    coverage.tables_rejected, coverage.prose_targets = result.rejected, result.prose_targets
    coverage.table_detectors = dict(result.detectors)
    state["table_lines"] = result.table_lines
    _check_unread_grids(document, state)


def _check_unread_grids(document: Document, state: dict) -> None:
    """Figures in columns that no table reader used or reported get a warning (PDF: page and box; text: lines)."""
    laid_out = state["laid_out"]
    coverage = document.coverage
    if getattr(laid_out, "format", None) == "pdf":
        notes = unread_grids(laid_out.pages, document.indicators, document.budget_lines, coverage.tables_rejected,
                             skip=set(laid_out.toc_pages))
    else:
        notes = unread_text_grids(laid_out.lines(), document.indicators, document.budget_lines, coverage.tables_rejected,
                                  state.get("table_lines", ()))
    document.coverage.grids_unread = notes
    document.errors.extend(unread_grid_warnings(notes))


def _stage_catalogue(document: Document, state: dict) -> None:
    from extractor.enrich.catalogue import assign_catalogue_ids  # no spaCy: BBV ids even with --no-enrich

    assign_catalogue_ids(document.indicators)


def _stage_enrich(document: Document, state: dict) -> None:
    from extractor.enrich import enrich_document  # spaCy loads lazily: extraction without tagging stays fast

    enrich_document(document, state["laid_out"])


def _status(document: Document) -> str:
    if any(e.severity == "error" for e in document.errors):
        return "partial"
    return "success"


def has_internal_error(document: Document) -> bool:
    """True when a bug (not the input) cost content: the command's exit code must say so."""
    return any(e.code == ErrorCode.internal_error for e in document.errors)


