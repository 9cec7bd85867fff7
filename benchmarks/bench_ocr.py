"""OCR speed and accuracy on the corpus pages without a usable text layer.

Prints:
- per document, one page at a time: pages OCR'd, wall seconds and CPU seconds (this process plus
  Tesseract, which runs in child processes), and pages/s per core = pages / CPU seconds (target >= 1);
- the same documents through `extractor batch` with N workers (default: every core): wall
  pages/s, and pages/s per core over the CPU seconds of the workers and their Tesseract runs
  (this includes layout and parsing of the OCR'd pages; enrichment off). A worker with pages
  left borrows the core of a worker that has finished;
- against the hand-made gold of three image-only taakveld tables: precision, recall and F1 of
  the numbers OCR reads on each table row (label, amount), for several confidence thresholds
  (the shipped threshold is `MIN_NUMBER_CONFIDENCE`), and of the budget lines the pipeline
  builds from those pages today (the table layer decides what it reads).

    python benchmarks/bench_ocr.py                      # image_only/*.pdf + 3 pages of the 2019 jaarrekening
    python benchmarks/bench_ocr.py --glyph-pages 10     # more pages of the glyph-id jaarrekening
    python benchmarks/bench_ocr.py --workers 1           # the batch part with one worker
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractor.parse.ocr_provenance import MIN_NUMBER_CONFIDENCE  # noqa: E402
from extractor.pipeline import ExtractOptions, extract_document  # noqa: E402
from extractor.read import read_document  # noqa: E402
from extractor.read.ocr import DEFAULT_DPI, missing_packages  # noqa: E402

TARGET_PAGES_PER_CORE = 1.0
_AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})*$")


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def normal(label: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", label.lower())


def f1(predicted: list, expected: list) -> tuple[float, float, float]:
    remaining = list(expected)
    hits = 0
    for item in predicted:
        if item in remaining:
            remaining.remove(item)
            hits += 1
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(expected) if expected else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def row_numbers(page) -> list[tuple[str, float, float]]:
    """(row label, amount, confidence) for every whole amount on the page's rows."""
    items = []
    for line in page.lines:
        label = ""
        for segment in line.segments():
            if not all(_AMOUNT.match(w.text) for w in segment.words):
                label = segment.text
                continue
            items.extend((normal(label), float(w.text.replace(".", "")), w.confidence or 0.0) for w in segment.words if label)
    return items


def batch_speed(documents: list, glyph_pages: int, workers: int) -> None:
    """The documents through the guarded batch workers: wall pages/s with `workers` workers and
    pages/s per core (CPU of the workers and their Tesseract runs, counted when they exit)."""
    from extractor.batch.runner import BatchConfig, run_batch
    from extractor.pipeline import ExtractOptions

    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        for path, _ in documents:
            shutil.copy(path, inputs / path.name)
        options = ExtractOptions(enrich=False, ocr_max_pages=glyph_pages)  # the image-only excerpts have one page each
        wall, cpu = time.perf_counter(), cpu_seconds()
        result = run_batch(BatchConfig(str(inputs), str(Path(folder) / "out"), workers=workers, timeout=1800, options=options))
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    pages = result.ocr_pages
    print(f"batch, {workers} workers: {pages} OCR pages in {len(result.processed)} documents, {wall:.1f} s wall "
          f"-> {pages / wall:.2f} pages/s wall; {cpu:.1f} s CPU -> {pages / cpu:.2f} pages/s per core "
          f"(layout and parsing included; other jobs on the machine lower the wall figure)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--glyph-pages", type=int, default=3, help="pages of jaarrekening-2019-wassenaar.pdf to OCR")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="batch workers for the batch part")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch part")
    args = parser.parse_args()
    problem = missing_packages()
    if problem:
        print(f"cannot run: {problem}", file=sys.stderr)
        return 2
    corpus = Path(args.corpus)
    documents = [(p, None) for p in sorted((corpus / "wassenaar" / "image_only").glob("*.pdf"))]
    documents.append((corpus / "wassenaar" / "jaarrekening-2019-wassenaar.pdf", args.glyph_pages))
    print(f"OCR speed at {DEFAULT_DPI} dpi (scans at their own resolution, 150-{DEFAULT_DPI} dpi), one core per page")
    total_pages = 0
    total_cpu = 0.0
    pages_by_path = {}
    for path, limit in documents:
        wall, cpu = time.perf_counter(), cpu_seconds()
        raw = read_document(path, ocr_max_pages=limit)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        pages = len(raw.ocr_pages)
        total_pages += pages
        total_cpu += cpu
        pages_by_path[path.name] = raw.pages
        print(f"  {path.name:<38} {pages:>3} pages  {wall:6.1f} s wall  {cpu:6.1f} s CPU  {pages / cpu:5.2f} pages/s per core")
    rate = total_pages / total_cpu
    print(f"total: {total_pages} pages, {total_cpu:.1f} s CPU -> {rate:.2f} pages/s per core "
          f"(target >= {TARGET_PAGES_PER_CORE}: {'met' if rate >= TARGET_PAGES_PER_CORE else 'NOT met'})")
    if not args.no_batch:
        batch_speed(documents, args.glyph_pages, args.workers)

    print("\nreading the gold tables (row label, amount): precision / recall / F1 by confidence threshold")
    for gold_path in sorted((REPO / "tests" / "gold").glob("wassenaar_image_only_*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        expected = [(normal(b["label"]), b["amount"]) for b in gold["budget_lines"]]
        name = Path(gold["source"]["file"]).name
        read = row_numbers(pages_by_path[name][0])
        cells = []
        for threshold in (0.0, 0.4, 0.5, MIN_NUMBER_CONFIDENCE, 0.7, 0.8):
            p, r, f = f1([(label, amount) for label, amount, conf in read if conf >= threshold], expected)
            mark = "*" if threshold == MIN_NUMBER_CONFIDENCE else " "
            cells.append(f"{threshold:.1f}{mark} {p:.3f}/{r:.3f}/{f:.3f}")
        print(f"  {gold_path.stem:<42} " + "  ".join(cells))
        document = extract_document(corpus / "wassenaar" / "image_only" / name, ExtractOptions(enrich=False))
        predicted = [(normal(b.label), b.amount) for b in document.budget_lines]
        p, r, f = f1(predicted, expected)
        print(f"  {'':<42} pipeline budget lines today: {len(predicted)} lines, precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    print(f"(* = MIN_NUMBER_CONFIDENCE {MIN_NUMBER_CONFIDENCE}: numbers below it are left out with ocr_uncertain)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
