"""Speed and memory of `extractor batch` on the corpus, against two reference points.

Prints, for the corpus's PDFs with a text layer:
- end-to-end pages/s and documents/s with 1 and 2 workers (and per core), the 1 -> 2 scaling,
  peak RSS per worker;
- pdfplumber text extraction alone on the same pages (the floor: our reader is built on it);
- camelot flavor="auto" table extraction alone on a sample of the same pages (what a user
  would otherwise run; it renders every page, so it is sampled) and our time as a ratio of each;
- documents slower than 3x their page count's share of the total time.

The pipeline is still growing (tables, NLP), so nothing here assumes what it extracts: it
times whatever `extract_document` currently does; `--no-enrich` / `--no-tables` time less.

    python benchmarks/bench_batch.py                       # ../shared/corpus, 1 and 2 workers
    python benchmarks/bench_batch.py ../shared/corpus --workers 1,2 --camelot-pages 20
    python benchmarks/bench_batch.py --quick               # only documents up to 40 pages
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractor.batch import BatchConfig, run_batch  # noqa: E402
from extractor.pipeline import ExtractOptions  # noqa: E402

TARGET_PAGES_PER_CORE = 25.0  # the project target, end to end per core
TARGET_SCALING = 1.7
TARGET_RSS_MB = 1024.0
SLOW_FACTOR = 3.0


def text_pdfs(corpus: Path) -> list[Path]:
    """PDFs with a text layer: from PROVENANCE.tsv when present, else every PDF not under image_only/."""
    provenance = corpus / "PROVENANCE.tsv"
    if provenance.is_file():
        with provenance.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        chosen = [corpus / r["file"] for r in rows if r.get("text_layer", "").strip().lower().startswith("yes")]
        return sorted(p for p in chosen if p.is_file())
    return sorted(p for p in corpus.rglob("*.pdf") if "image_only" not in p.parts)


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def link_tree(files: list[Path], corpus: Path, target: Path) -> None:
    for file in files:
        link = target / file.relative_to(corpus)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(file.resolve())


def time_pdfplumber(files: list[Path]) -> tuple[float, float, int]:
    """(wall s, CPU s, pages) of pdfplumber's extract_text over every page."""
    import pdfplumber

    started, cpu_started = time.perf_counter(), time.process_time()
    pages = 0
    for file in files:
        with pdfplumber.open(file) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
                page.close()
    return time.perf_counter() - started, time.process_time() - cpu_started, pages


def sample_pages(n_pages: int, k: int) -> list[int]:
    """k pages spread evenly over the document (1-based)."""
    if n_pages <= k:
        return list(range(1, n_pages + 1))
    step = n_pages / k
    return sorted({int(i * step) + 1 for i in range(k)})


def time_camelot(files: list[Path], pages_per_doc: int, counts: dict[Path, int]) -> tuple[float, float, dict[Path, int], int, str]:
    """(wall s, CPU s, sampled pages per file, tables found, flavor) of camelot on a sample of pages."""
    try:
        import camelot
    except ImportError:
        return 0.0, 0.0, {}, 0, "camelot not installed"
    flavor = "auto"
    sampled: dict[Path, int] = {}
    tables = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for file in files:
        pages = sample_pages(counts[file], pages_per_doc)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                found = camelot.read_pdf(str(file), pages=",".join(map(str, pages)), flavor=flavor, suppress_stdout=True)
                tables += found.n
            except Exception as exc:  # camelot failing on a page is a result too
                print(f"  camelot failed on {file.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        sampled[file] = len(pages)
    return time.perf_counter() - started, time.process_time() - cpu_started, sampled, tables, flavor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated (default 1,2)")
    parser.add_argument("--camelot-pages", type=int, default=4, help="pages per document timed with camelot (default 4)")
    parser.add_argument("--no-camelot", action="store_true")
    parser.add_argument("--quick", action="store_true", help="only documents of at most 40 pages")
    parser.add_argument("--no-enrich", action="store_true")
    parser.add_argument("--no-tables", action="store_true")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--ocr", choices=("auto", "always", "never"), default="never",
                        help="OCR mode (default never: text-layer speed; OCR speed is bench_ocr.py's)")
    parser.add_argument("--reader", help="PDF backend passed to the extractor (e.g. pdfplumber, pdfium), if it has that option")
    args = parser.parse_args()

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus folder {corpus} not found", file=sys.stderr)
        return 2
    files = text_pdfs(corpus)
    counts = {f: page_count(f) for f in files}
    if args.quick:
        files = [f for f in files if counts[f] <= 40]
    total_pages = sum(counts[f] for f in files)
    worker_counts = [int(w) for w in args.workers.split(",")]
    extra = {"reader": args.reader} if args.reader else {}
    # text-layer throughput: the ~20 picture pages inside these PDFs that `--ocr auto` would OCR cost
    # seconds each and are measured on their own by benchmarks/bench_ocr.py (pass --ocr auto to include them)
    options = ExtractOptions(tables=not args.no_tables, enrich=not args.no_enrich, ocr=args.ocr, **extra)
    print(f"corpus: {corpus} - {len(files)} PDFs with a text layer, {total_pages} pages; "
          f"cores: {os.cpu_count()}; options: {options}")
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())} - on a shared machine wall-clock figures "
          f"are rough; the CPU-second figures (time the worker processes actually ran) are steadier\n")

    runs: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        inp = Path(tmp) / "in"
        link_tree(files, corpus, inp)
        for workers in worker_counts:
            started = time.perf_counter()
            result = run_batch(BatchConfig(str(inp), str(Path(tmp) / f"out{workers}"), workers=workers,
                                           timeout=args.timeout, max_memory_mb=0, options=options, combined_tables=False))
            wall = time.perf_counter() - started
            pages = sum(r.pages or 0 for r in result.processed)
            cpu = sum(r.cpu_s or 0.0 for r in result.processed)
            runs[workers] = {"wall": wall, "pages": pages, "docs": len(result.processed), "result": result, "cpu": cpu}
            peaks = result.stats.get("peak_rss_mb_per_worker") or [0.0]
            failed = [r.rel_path for r in result.failed]
            print(f"{workers} worker(s): {wall:7.1f} s wall  {pages / wall:6.1f} pages/s  ({pages / wall / workers:5.1f} per core)  "
                  f"{len(result.processed) / wall:5.2f} documents/s  |  {cpu:7.1f} CPU s in workers = "
                  f"{pages / max(cpu, 1e-9):5.1f} pages per CPU-second  |  peak RSS per worker "
                  f"{', '.join(f'{p:.0f}' for p in peaks)} MB" + (f"  FAILED: {failed}" if failed else ""))

        floor_s, floor_cpu, floor_pages = time_pdfplumber(files)
        print(f"\npdfplumber extract_text alone (1 process): {floor_s:7.1f} s wall  {floor_pages / floor_s:6.1f} pages/s  |  "
              f"{floor_cpu:7.1f} CPU s = {floor_pages / max(floor_cpu, 1e-9):5.1f} pages per CPU-second")
        base = runs.get(1) or runs[min(runs)]
        base_workers = 1 if 1 in runs else min(runs)
        ours_single = base["wall"] * base_workers  # core-seconds
        print(f"  ours / pdfplumber floor: {ours_single / floor_s:5.2f}x wall ({base_workers} worker run), "
              f"{base['cpu'] / max(floor_cpu, 1e-9):5.2f}x CPU")

        if not args.no_camelot and args.camelot_pages > 0:
            cam_s, cam_cpu, sampled, n_tables, flavor = time_camelot(files, args.camelot_pages, counts)
            if sampled:
                cam_pages = sum(sampled.values())
                # Our per-document times, pro rata for the sampled pages.
                processed = {r.rel_path: r for r in base["result"].processed}

                def pro_rata(attribute: str) -> float:
                    return sum((getattr(processed.get(f.relative_to(corpus).as_posix()), attribute, 0.0) or 0.0)
                               * sampled[f] / max(counts[f], 1) for f in sampled)

                print(f"camelot flavor={flavor!r} alone on {cam_pages} sampled pages: {cam_s:7.1f} s wall  "
                      f"{cam_s / cam_pages:5.2f} s/page  |  {cam_cpu:6.1f} CPU s  ({n_tables} tables)")
                print(f"  ours / camelot on the same pages: {pro_rata('duration_s') / cam_s:5.3f}x wall, "
                      f"{pro_rata('cpu_s') / max(cam_cpu, 1e-9):5.3f}x CPU (ours pro rata from per-document times)")

        print()
        single = base["result"]
        processed = [r for r in single.processed if r.pages]
        total_time = sum(r.duration_s or 0.0 for r in processed)
        total_p = sum(r.pages or 0 for r in processed)
        slow = []
        for record in processed:
            share = total_time * (record.pages or 0) / max(total_p, 1)
            if (record.duration_s or 0.0) > SLOW_FACTOR * share:
                slow.append((record.rel_path, record.duration_s, share))
        per_page = [(r.duration_s or 0.0) / r.pages for r in processed if r.pages]
        if per_page:
            print(f"seconds per page by document: median {statistics.median(per_page):.3f}, max {max(per_page):.3f}")
        if slow:
            for rel, took, share in slow:
                print(f"  slower than {SLOW_FACTOR:g}x its share: {rel}: {took:.1f} s vs share {share:.1f} s")
        else:
            print(f"no document slower than {SLOW_FACTOR:g}x its page count's share")

        print("\ntargets:")
        per_core = base["pages"] / base["wall"] / base_workers
        per_cpu = base["pages"] / max(base["cpu"], 1e-9)
        print(f"  >= {TARGET_PAGES_PER_CORE:g} pages/s per core: {per_core:.1f} wall -> "
              f"{'OK' if per_core >= TARGET_PAGES_PER_CORE else 'MISSED'}; {per_cpu:.1f} per CPU-second -> "
              f"{'OK' if per_cpu >= TARGET_PAGES_PER_CORE else 'MISSED'}")
        if 1 in runs and 2 in runs:
            scaling = runs[1]["wall"] / runs[2]["wall"]
            print(f"  2 workers >= {TARGET_SCALING:g}x 1 worker: {scaling:.2f}x -> {'OK' if scaling >= TARGET_SCALING else 'MISSED'}")
        peak = max(max(r["result"].stats.get("peak_rss_mb_per_worker") or [0.0]) for r in runs.values())
        print(f"  peak RSS <= {TARGET_RSS_MB:g} MB per worker: {peak:.0f} MB -> {'OK' if peak <= TARGET_RSS_MB else 'MISSED'}")
        print(f"  no document slower than {SLOW_FACTOR:g}x its share: {'OK' if not slow else f'MISSED ({len(slow)})'}")
        print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
