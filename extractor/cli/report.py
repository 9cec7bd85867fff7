"""`extractor report`: a static HTML site and results.sqlite from JSON outputs."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "report",
        "Write an HTML report (index, a page per document with goal tree, indicators, budgets, charts and "
        "the page behind every number, audit findings) and results.sqlite. Opens from disk, no server.",
        "  extractor report output/corpus --out output/corpus/report\n"
        "  extractor report output/samples/wassenaar_begroting_2024.pdf.json --out output/one\n"
        "  extractor report output/corpus --out output/corpus/report --no-images   # faster, no page images\n"
        "  datasette output/corpus/report/results.sqlite                              # browse all tables\n",
    )
    parser.add_argument("inputs", nargs="+", metavar="PATH",
                        help="a folder of document JSON files (e.g. a batch --out), or JSON files")
    parser.add_argument("-o", "--out", help="report folder (default: PATH/report for one folder)")
    parser.add_argument("--no-images", action="store_true", help="do not render page images for provenance")
    parser.add_argument("--no-sqlite", action="store_true", help="do not write results.sqlite")
    parser.add_argument("-j", "--workers", type=int, default=None, help="worker processes (default: number of cores)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    parser.set_defaults(func=run)


def run(args) -> int:
    from extractor.report import ReportInputError, build_report

    out = args.out
    if out is None:
        if len(args.inputs) == 1 and Path(args.inputs[0]).is_dir():
            out = str(Path(args.inputs[0]) / "report")
        else:
            print("extractor report: give --out when the input is not one folder", file=sys.stderr)
            return 2
    if Path(out).exists() and not Path(out).is_dir():
        print(f"extractor report: {out}: exists and is not a folder", file=sys.stderr)
        return 2
    try:
        result = build_report(args.inputs, out, images=not args.no_images, workers=args.workers,
                              sqlite=not args.no_sqlite)
    except ReportInputError as exc:
        print(f"extractor report: {exc}", file=sys.stderr)
        return 2
    except PermissionError as exc:
        print(f"extractor report: cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"extractor report: skipped {problem}", file=sys.stderr)
    if not args.quiet:
        print(f"report: {result.documents} documents, {result.page_images} page images, "
              f"{result.seconds:.1f} s -> {Path(result.out) / 'index.html'}")
        if result.sqlite:
            print(f"results.sqlite: {result.sqlite}")
    return 0
