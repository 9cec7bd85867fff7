"""Helpers for the OCR tests: Tesseract presence, image-only PDFs made from rendered pages."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from extractor.read.ocr import missing_packages


def require_tesseract() -> None:
    """Skip without Tesseract (and its Dutch model), except on CI (CI=true), where that is a failure."""
    problem = missing_packages("nld+eng")
    if problem is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but OCR cannot run: {problem}")
    pytest.skip(f"OCR not available here: {problem}")


def rasterised_pdf(source: Path, pages: list[int], target: Path, dpi: int = 300) -> Path:
    """An image-only PDF of the given 1-based pages of `source` (each page one greyscale picture)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        images = [pdf[n - 1].render(scale=dpi / 72.0, grayscale=True).to_pil() for n in pages]
    finally:
        pdf.close()
    images[0].save(target, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return target


def page_subset(source: Path, pages: list[int], target: Path) -> Path:
    """The given pages of `source` with their text layer, as a PDF of their own (numbered 1..n)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    subset = pdfium.PdfDocument.new()
    try:
        subset.import_pages(pdf, [n - 1 for n in pages])
        buffer = io.BytesIO()
        subset.save(buffer)
    finally:
        subset.close()
        pdf.close()
    target.write_bytes(buffer.getvalue())
    return target

