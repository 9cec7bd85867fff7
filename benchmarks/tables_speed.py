"""Time the table stage (find tables + indicators + budget lines) on real PDFs and print figures.

Usage: python benchmarks/tables_speed.py [PDF ...]   (default: wassenaar/begroting_2024.pdf from ../shared/corpus)
Reading and layout are timed apart, so the figure is what the table stage adds per page.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from extractor.layout import lay_out
from extractor.parse.goals import parse_goals
from extractor.parse.metadata import parse_metadata
from extractor.parse.tables import parse_tables
from extractor.read import read_document

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main(paths: list[str]) -> int:
    if not paths:
        paths = [str(CORPUS / "wassenaar" / "begroting_2024.pdf")]
    for path in paths:
        start = time.perf_counter()
        laid_out = lay_out(read_document(path))
        read_s = time.perf_counter() - start
        metadata = parse_metadata(laid_out)
        goals, _ = parse_goals(laid_out, metadata)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            indicators, budget, errors = parse_tables(laid_out, goals, metadata)
            runs.append(time.perf_counter() - start)
        best = min(runs)
        pages = len(laid_out.pages)
        print(f"{Path(path).name}: {pages} pages; read+layout {read_s:.2f}s ({pages / read_s:.1f} pages/s); "
              f"tables {best * 1000:.0f} ms best of 3 = {best * 1000 / pages:.2f} ms/page; "
              f"{len(indicators)} indicators, {len(budget)} budget lines, {len(errors)} warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
