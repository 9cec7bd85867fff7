"""`extractor batch IN --out OUT` (a whole folder tree) and `extractor tables OUT` (rebuild the combined tables)."""

from __future__ import annotations

import os
import sys


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "batch",
        "Convert a folder tree of PDF and text documents into JSON files, a manifest and combined tables, "
        "in parallel and resumably.",
        "  extractor batch ../shared/corpus --out output/corpus\n"
        "  extractor batch ../shared/corpus --out output/corpus --resume\n"
        "  extractor batch ../shared/corpus --out output/corpus --workers 2 --timeout 120 --max-memory-mb 1024 --quiet\n"
        "  extractor batch /mnt/raadsinformatie --out /mnt/results --engine dask --scheduler tcp://host:8786\n"
        "  extractor batch scans/ --out output/scans --ocr always --timeout 1800\n",
    )
    parser.add_argument("input", metavar="INPUT", help="folder to walk recursively (or a single file)")
    parser.add_argument("-o", "--out", required=True, help="output folder: JSON per document, manifest.sqlite, _tables/")
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: number of cores, %(default)s here)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds one document may take before it is stopped and recorded as failed (default 300)")
    parser.add_argument("--max-memory-mb", type=int, default=2048,
                        help="memory one worker may use before its document is stopped and recorded as failed; 0 = no limit (default 2048)")
    parser.add_argument("--resume", action="store_true",
                        help="skip inputs whose content and extractor version already succeeded (or were partial)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local worker processes (default) or Dask distributed (needs the 'cluster' extra)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="address of a running Dask scheduler, e.g. tcp://host:8786 (implies --engine dask); "
                             "without it --engine dask starts a local cluster")
    parser.add_argument("--allow-failures", action="store_true", help="exit 0 even when some documents failed")
    parser.add_argument("--no-tables", action="store_true", help="skip indicator and budget tables in each document")
    parser.add_argument("--no-enrich", action="store_true", help="skip theme and partner tagging (spaCy)")
    parser.add_argument("--no-combined-tables", action="store_true", help="do not write the combined tables at the end")
    parser.add_argument("--max-pages", type=int, default=5000, help="refuse PDFs with more pages (default 5000)")
    readers = _pdf_readers()
    if len(readers) > 1:
        parser.add_argument("--reader", choices=readers, default=readers[0],
                            help=f"PDF backend, as for `extractor extract` (default {readers[0]})")
    from extractor.cli.extract import add_ocr_arguments

    add_ocr_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or summary; failed documents only, on stderr")
    parser.set_defaults(func=run_batch_command)

    tables = add_command(
        subparsers,
        "tables",
        "Rebuild the combined tables (goals, indicators, budget lines, partners; Parquet and CSV) "
        "from the document JSON files in a folder.",
        "  extractor tables output/corpus\n"
        "  extractor tables output/corpus && python -c \"import pandas; print(pandas.read_parquet('output/corpus/_tables/indicators.parquet'))\"\n",
    )
    tables.add_argument("folder", metavar="OUT", help="folder with document JSON files (e.g. the --out of a batch)")
    tables.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    tables.set_defaults(func=run_tables_command)


def _pdf_readers() -> list[str]:
    from extractor.read import dispatch

    return list(getattr(dispatch, "PDF_READERS", ()))


def run_batch_command(args) -> int:
    from rich.console import Console

    from extractor.batch import BatchConfig, BatchError, run_batch
    from extractor.batch.report import QuietReporter, RichReporter, print_summary
    from extractor.cli import EXIT_DOCUMENTS_FAILED, EXIT_OK, EXIT_USAGE
    from extractor.pipeline import ExtractOptions

    engine = "dask" if args.scheduler else args.engine
    try:
        extra = {"reader": args.reader} if getattr(args, "reader", None) else {}
        from extractor.cli.extract import ocr_options

        options = ExtractOptions(max_pages=args.max_pages, tables=not args.no_tables, enrich=not args.no_enrich, **extra,
                                 **ocr_options(args))
        config = BatchConfig(
            input_root=args.input, out_dir=args.out, workers=args.workers, timeout=args.timeout,
            max_memory_mb=args.max_memory_mb, resume=args.resume, engine=engine, scheduler=args.scheduler,
            options=options, combined_tables=not args.no_combined_tables,
        )
    except ValueError as exc:
        print(f"extractor batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    reporter = QuietReporter() if args.quiet else RichReporter()
    try:
        result = run_batch(config, reporter)
    except BatchError as exc:
        print(f"extractor batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        print_summary(result, Console(highlight=False))
    if result.failed and not args.allow_failures:
        return EXIT_DOCUMENTS_FAILED
    return EXIT_OK


def run_tables_command(args) -> int:
    from pathlib import Path

    from extractor.batch import build_tables
    from extractor.cli import EXIT_OK, EXIT_USAGE

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"extractor tables: {folder}: not a folder", file=sys.stderr)
        return EXIT_USAGE
    result = build_tables(folder)
    for name, message in result.unreadable:
        print(f"extractor tables: skipped {name}: not a document JSON ({message})", file=sys.stderr)
    if not args.quiet:
        rows = ", ".join(f"{n} {name}" for name, n in result.rows.items())
        print(f"{result.documents} documents: {rows} -> {result.folder}")
    return EXIT_OK
