"""Every error the library reports, with a stable machine-readable code.

Every layer uses the one `ErrorCode` enum of `extractor.model` (so the JSON Schema lists the
codes). Library code raises `ExtractionError(code, message)` for a document that cannot be read
at all; the read layer reports lesser problems as typed `ReadWarning`s; the pipeline turns both
into `ErrorEntry`s with the severity given here, and the CLI into a message and an exit code.
Keep meanings and severities here so codes are documented in one place and never drift
(a test checks that CATALOGUE and ErrorCode list the same codes).
"""

from __future__ import annotations

from typing import Literal, Optional

from extractor.model import ErrorCode

Severity = Literal["error", "warning"]

CATALOGUE: dict[str, str] = {
    "file_not_found": "the file does not exist",
    "not_a_file": "the path is a directory or special file, not a document",
    "unreadable_file": "the file cannot be read (permissions or I/O error)",
    "empty_file": "the file is empty (0 bytes)",
    "unsupported_format": "the file is neither a PDF nor a plain-text document",
    "not_a_pdf": "the file is named .pdf but is not a PDF",
    "corrupt_pdf": "the PDF is damaged or truncated and cannot be parsed",
    "encrypted_pdf": "the PDF is encrypted (password protected)",
    "no_text_layer": "the PDF has no usable text layer (scanned image or fonts without a character map); OCR it first",
    "page_without_text": "a page has no usable text (image or unmapped font); its content is not extracted",
    "too_many_pages": "the PDF has more pages than the configured limit",
    "page_too_large": "a page is larger than the configured limit and was skipped",
    "decode_error": "the text file is not in a recognised encoding",
    "binary_text": "the file looks binary, not like text",
    "goal_tree_incomplete": "a goal could not be placed in the tree (missing parent or title)",
    "no_goal_structure": "the document has headings or lists but no goal structure was recognised in them",
    "table_uncertain": "a table could not be read confidently; its values were left out",
    "tables_not_used": "a table with figures was found but not read as indicators or budget lines (its page and the reason are in the message and in coverage.tables_rejected)",
    "numeric_grid_unread": "figures aligned in columns on a page were not read as indicators or budget lines and no "
                           "table note covers them (page and box in the message and in coverage.grids_unread)",
    "glued_cells_ambiguous": "a table row printed its figures without separators and neither the header nor the "
                             "arithmetic fixes where one figure ends; the row was left out",
    "merged_cells": "a table cell holds several figures (the text layer merged cells of neighbouring columns) and "
                    "the column grid does not confirm which figure belongs to which column; the cell was left out",
    "ocr_unavailable": "a page needs OCR but Tesseract (tesseract-ocr, tesseract-ocr-nld) is not installed",
    "ocr_uncertain": "OCR read characters it is unsure of; the affected numbers were left out",
    "ocr_incomplete": "pages that need OCR were not OCR'd because the time for OCR ran out; their content is not extracted",
    "output_collision": "the output path for this document is taken by another file or folder",
    "timeout": "extraction took longer than the configured time limit",
    "memory_limit": "extraction used more memory than the configured limit",
    "worker_crashed": "the worker process extracting this document died",
    "internal_error": "an unexpected error in the extractor (please report it with the file)",
}


# "error": content was lost (the document becomes `partial`, or `failure` when nothing was read);
# "warning": a note for the reader, the result is complete as far as the extractor can tell.
# Codes not listed (e.g. one added to the enum later) count as "error": losing content silently is worse.
WARNING_CODES: frozenset[str] = frozenset({
    "page_without_text", "goal_tree_incomplete", "no_goal_structure", "table_uncertain", "tables_not_used",
    "glued_cells_ambiguous", "merged_cells", "numeric_grid_unread",
    "ocr_uncertain",
})


def severity(code: str | ErrorCode) -> Severity:
    """The default severity of `code` (how a problem of this kind affects the document's status)."""
    return "warning" if str(code) in WARNING_CODES else "error"


def meaning(code: str | ErrorCode) -> str:
    """The one-line meaning of `code`, for messages and documentation."""
    return CATALOGUE[str(code)]


class ExtractionError(Exception):
    """A document-level problem that stops extraction of one file (never of a batch)."""

    def __init__(self, code: str | ErrorCode, message: str, page: Optional[int] = None) -> None:
        if str(code) not in CATALOGUE:
            raise ValueError(f"unknown error code {code!r}; add it to extractor.errors.CATALOGUE")
        super().__init__(message)
        self.code = ErrorCode(str(code))
        self.message = message
        self.page = page

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"
