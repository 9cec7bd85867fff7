"""Page images behind the numbers: only the pages items point to, rendered once and cached.

Images are named by the source file's sha256, so a rebuilt report, or another document that is
the same file, reuses them; the page size in points is kept beside them so the viewer can place
an item's bbox on the image exactly.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

RENDER_SCALE = 1.5  # 108 dpi: numbers in 8-pt table cells stay readable, a page stays ~150 kB
JPEG_QUALITY = 80


@dataclass(frozen=True)
class PageImage:
    """Where the image of one page is (relative to the report root) and its size in PDF points."""

    path: str
    width: float
    height: float


def page_folder(sha256: str) -> str:
    return f"pages/{sha256[:16]}"


def render_pages(pdf_path: Path, sha256: str, pages: Iterable[int], out_root: Path) -> dict[int, PageImage]:
    """Render the given 1-based pages of a PDF into `out_root/pages/…`, skipping cached ones."""
    wanted = sorted({p for p in pages if p and p > 0})
    if not wanted:
        return {}
    folder = out_root / page_folder(sha256)
    folder.mkdir(parents=True, exist_ok=True)
    sizes_path = folder / "sizes.json"
    sizes = _read_sizes(sizes_path)
    missing = [p for p in wanted if str(p) not in sizes or not (folder / f"p{p}.jpg").is_file()]
    if missing:
        sizes.update(_render(pdf_path, missing, folder))
        _write_sizes(sizes_path, sizes)
    return {
        p: PageImage(f"{page_folder(sha256)}/p{p}.jpg", *sizes[str(p)])
        for p in wanted if str(p) in sizes
    }


def _render(pdf_path: Path, pages: list[int], folder: Path) -> dict[str, tuple[float, float]]:
    import pypdfium2 as pdfium  # imported here: building a report without page images needs no PDF engine

    done: dict[str, tuple[float, float]] = {}
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for number in pages:
            if number > len(pdf):
                continue
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                image = page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
                target = folder / f"p{number}.jpg"
                tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
                image.save(tmp, "JPEG", quality=JPEG_QUALITY, optimize=False)
                os.replace(tmp, target)
                done[str(number)] = (round(width, 2), round(height, 2))
            finally:
                page.close()
    finally:
        pdf.close()
    return done


def _read_sizes(path: Path) -> dict[str, tuple[float, float]]:
    try:
        return {k: tuple(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}  # type: ignore[misc]
    except (OSError, ValueError):
        return {}


def _write_sizes(path: Path, sizes: dict[str, tuple[float, float]]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(sizes, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def used_pages(document) -> set[int]:
    """Every page an item of the document points to (goals, indicators and their values, budgets, outline)."""
    pages: set[int] = set()
    for goal in document.goals:
        _add(pages, goal.page, goal.bbox)
    for indicator in document.indicators:
        _add(pages, indicator.page, indicator.bbox)
        for value in indicator.values:
            _add(pages, value.page or indicator.page, value.bbox or indicator.bbox)
    for line in document.budget_lines:
        _add(pages, line.page, line.bbox)
    return pages


def _add(pages: set[int], page: Optional[int], bbox) -> None:
    if page and bbox:
        pages.add(page)
