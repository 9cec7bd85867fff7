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
        "  extractor batch ../shared/corpus --out output/corpus --prune --csv-dialect excel-nl   # reused folder, Excel CSV\n"
        "  extractor batch scans/ --out output/scans --ocr always --timeout 1800\n",
    )
    parser.add_argument("input", metavar="INPUT", help="folder to walk recursively (or a single file)")
    parser.add_argument("-o", "--out", required=True, help="output folder: JSON per document, manifest.sqlite, _tables/")
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: number of cores, %(default)s here)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds one document may take before it is stopped and recorded as failed (default 300); "
                             "OCR pages start only in the first 60%%: pages not reached are reported (ocr_incomplete) "
                             "and the rest of the document is kept")
    parser.add_argument("--max-memory-mb", type=int, default=2048,
                        help="memory one worker may use before its document is stopped and recorded as failed; 0 = no limit (default 2048)")
    parser.add_argument("--resume", action="store_true",
                        help="skip inputs whose content and extractor version already succeeded (or were partial)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local worker processes (default) or Dask distributed (needs the 'cluster' extra)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="address of a running Dask scheduler, e.g. tcp://host:8786 (implies --engine dask); "
                             "without it --engine dask starts a local cluster")
    parser.add_argument("--wait", action="store_true",
                        help="when another batch is writing into OUT, wait for it instead of stopping (exit 2)")
    parser.add_argument("--prune", action="store_true",
                        help="remove the JSON files and manifest rows of inputs that are no longer in INPUT")
    parser.add_argument("--allow-failures", action="store_true", help="exit 0 even when some documents failed")
    parser.add_argument("--no-tables", action="store_true", help="skip indicator and budget tables in each document")
    parser.add_argument("--no-enrich", action="store_true", help="skip theme and partner tagging (spaCy)")
    parser.add_argument("--no-combined-tables", action="store_true", help="do not write the combined tables at the end")
    parser.add_argument("--max-pages", type=int, default=5000, help="refuse PDFs with more pages (default 5000)")
    add_page_area_option(parser)
    add_csv_dialect_option(parser)
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
        "  extractor tables output/corpus --csv-dialect excel-nl     # CSV that Dutch Excel opens by double-click\n"
        "  extractor tables output/corpus && python -c \"import pandas; print(pandas.read_parquet('output/corpus/_tables/indicators.parquet'))\"\n",
    )
    tables.add_argument("folder", metavar="OUT", help="folder with document JSON files (e.g. the --out of a batch)")
    add_csv_dialect_option(tables)
    tables.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    tables.set_defaults(func=run_tables_command)


def _pdf_readers() -> list[str]:
    from extractor.read import dispatch

    return list(getattr(dispatch, "PDF_READERS", ()))


def add_page_area_option(parser) -> None:
    from extractor.read.dispatch import DEFAULT_MAX_PAGE_AREA

    parser.add_argument("--max-page-area", type=float, default=DEFAULT_MAX_PAGE_AREA, metavar="PT2",
                        help=f"skip PDF pages larger than this many square points (the document becomes partial; "
                             f"default {DEFAULT_MAX_PAGE_AREA:,.0f}, a 5000 x 5000 pt page)")


def add_csv_dialect_option(parser) -> None:
    from extractor.batch.tables import CSV_DIALECTS

    parser.add_argument("--csv-dialect", choices=CSV_DIALECTS, default=CSV_DIALECTS[0],
                        help="combined CSV tables: 'standard' (UTF-8, comma, decimal point) or 'excel-nl' "
                             "(UTF-8 with BOM, semicolon, decimal comma: opens directly in Dutch Excel)")


def run_batch_command(args) -> int:
    from rich.console import Console

    from extractor.batch import BatchConfig, BatchError, run_batch
    from extractor.batch.report import QuietReporter, RichReporter, print_summary
    from extractor.batch.runner import BatchStopped
    from extractor.cli import EXIT_DOCUMENTS_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
    from extractor.pipeline import ExtractOptions

    engine = "dask" if args.scheduler else args.engine
    try:
        extra = {"reader": args.reader} if getattr(args, "reader", None) else {}
        from extractor.cli.extract import ocr_options

        options = ExtractOptions(max_pages=args.max_pages, tables=not args.no_tables, enrich=not args.no_enrich,
                                 max_page_area=args.max_page_area, **extra, **ocr_options(args))
        config = BatchConfig(
            input_root=args.input, out_dir=args.out, workers=args.workers, timeout=args.timeout,
            max_memory_mb=args.max_memory_mb, resume=args.resume, engine=engine, scheduler=args.scheduler,
            options=options, combined_tables=not args.no_combined_tables, wait=args.wait, prune=args.prune,
            csv_dialect=args.csv_dialect,
        )
    except ValueError as exc:
        print(f"extractor batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    reporter = QuietReporter() if args.quiet else RichReporter()
    try:
        result = run_batch(config, reporter)
    except BatchStopped as exc:
        print(f"extractor batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BatchError as exc:
        print(f"extractor batch: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("extractor batch: interrupted; finished documents are kept. Run the same command with --resume "
              "to continue where it stopped", file=sys.stderr)
        return 130
    if not args.quiet:
        print_summary(result, Console(highlight=False))
    _print_hints(result, args)
    if result.internal_errors:
        print(f"extractor batch: {len(result.internal_errors)} documents hit an internal error (a bug in the "
              f"extractor; their results are partial): " + ", ".join(r.rel_path for r in result.internal_errors[:5]),
              file=sys.stderr)
        return EXIT_INTERNAL
    if result.failed and not args.allow_failures:
        return EXIT_DOCUMENTS_FAILED
    return EXIT_OK


def _print_hints(result, args) -> None:
    """Tell the user when the output folder holds results of earlier batches."""
    if result.reused_rows and not args.resume:
        print(f"extractor batch: note: {args.out} already held results of an earlier batch ({result.reused_rows} "
              f"documents); all were extracted again. Add --resume to skip documents that are unchanged.", file=sys.stderr)
    if result.stale_rows:
        print(f"extractor batch: note: {result.stale_rows} earlier outputs belong to inputs that are no longer in "
              f"{args.input}; they are left out of the combined tables. Add --prune to remove them.", file=sys.stderr)
    if result.pruned:
        print(f"extractor batch: removed {result.pruned} outputs of inputs that are gone (--prune)", file=sys.stderr)


def run_tables_command(args) -> int:
    from pathlib import Path

    from extractor.batch import build_tables
    from extractor.batch.runner import BatchError, current_outputs
    from extractor.cli import EXIT_OK, EXIT_USAGE

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"extractor tables: {folder}: not a folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        outputs, left_out = current_outputs(folder)
        result = build_tables(folder, outputs, csv_dialect=args.csv_dialect)
    except (BatchError, OSError) as exc:
        print(f"extractor tables: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for name in left_out:
        print(f"extractor tables: left out {name}: not an output of the latest batch in manifest.sqlite "
              f"(an earlier batch's, or a foreign file; `extractor batch ... --prune` removes stale outputs)", file=sys.stderr)
    for name, message in result.unreadable:
        print(f"extractor tables: skipped {name}: not a document JSON ({message})", file=sys.stderr)
    if not args.quiet:
        rows = ", ".join(f"{n} {name}" for name, n in result.rows.items())
        print(f"{result.documents} documents: {rows} -> {result.folder}")
    return EXIT_OK
