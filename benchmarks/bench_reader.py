"""Pages per second of the two PDF reader backends (pdfplumber, pdfium) on the corpus text PDFs.

    python benchmarks/bench_reader.py                 # read layer only, 3 runs each, medians
    python benchmarks/bench_reader.py --runs 5 --pipeline   # also extract_document (tables and enrich off)
    python benchmarks/bench_reader.py FILE.pdf ...    # other files

Prints wall-clock and CPU pages/s (CPU time is the steadier figure on a shared machine) and the
pdfium/pdfplumber ratio. Runs one document at a time in this process (one core).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor.errors import ExtractionError  # noqa: E402
from extractor.pipeline import ExtractOptions, extract_document  # noqa: E402
from extractor.read import read_document  # noqa: E402
from extractor.read.dispatch import PDF_READERS  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def corpus_text_pdfs() -> list[Path]:
    """The corpus PDFs that have a text layer (image-only and glyph-id files are left out)."""
    found = []
    for path in sorted(CORPUS.glob("*/*.pdf")):
        try:
            read_document(path, reader="pdfium")
        except ExtractionError:
            continue
        found.append(path)
    return found


def time_once(path: Path, reader: str, pipeline: bool) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    if pipeline:
        document = extract_document(path, ExtractOptions(tables=False, enrich=False, reader=reader))
        pages = document.source.pages or 0
    else:
        pages = read_document(path, reader=reader).page_count or 0
    return time.perf_counter() - wall, time.process_time() - cpu, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="PDFs to time (default: the corpus text PDFs)")
    parser.add_argument("--runs", type=int, default=3, help="runs per file and backend; the median is reported")
    parser.add_argument("--pipeline", action="store_true", help="time extract_document (tables, enrich off) as well")
    args = parser.parse_args()
    files = args.files or corpus_text_pdfs()
    if not files:
        print(f"no PDFs found (corpus expected at {CORPUS})", file=sys.stderr)
        return 2
    stages = ["read"] + (["pipeline"] if args.pipeline else [])
    for stage in stages:
        totals = {reader: [0.0, 0.0, 0] for reader in PDF_READERS}
        print(f"\n== {stage}: median of {args.runs} runs ==")
        print(f"{'document':<62}{'pages':>6}" + "".join(f"{r + ' p/s':>18}" for r in PDF_READERS) + f"{'ratio':>8}")
        for path in files:
            rates = {}
            pages = 0
            for reader in PDF_READERS:
                walls, cpus = [], []
                for _ in range(args.runs):
                    wall, cpu, pages = time_once(path, reader, stage == "pipeline")
                    walls.append(wall)
                    cpus.append(cpu)
                wall, cpu = statistics.median(walls), statistics.median(cpus)
                totals[reader][0] += wall
                totals[reader][1] += cpu
                totals[reader][2] += pages
                rates[reader] = (pages / wall if wall else 0.0, pages / cpu if cpu else 0.0)
            ratio = rates["pdfium"][1] / rates["pdfplumber"][1] if rates["pdfplumber"][1] else 0.0
            name = str(path.relative_to(CORPUS)) if path.is_relative_to(CORPUS) else str(path)
            cells = "".join(f"{f'{w:.1f} ({c:.1f} cpu)':>18}" for w, c in (rates[r] for r in PDF_READERS))
            print(f"{name[:61]:<62}{pages:>6}{cells}{ratio:>7.1f}x")
        summary = {r: (t[2] / t[0] if t[0] else 0.0, t[2] / t[1] if t[1] else 0.0) for r, t in totals.items()}
        ratio = summary["pdfium"][1] / summary["pdfplumber"][1] if summary["pdfplumber"][1] else 0.0
        cells = "".join(f"{f'{w:.1f} ({c:.1f} cpu)':>18}" for w, c in (summary[r] for r in PDF_READERS))
        print(f"{'ALL':<62}{totals['pdfium'][2]:>6}{cells}{ratio:>7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
