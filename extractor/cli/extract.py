"""`extractor extract FILE... -o DIR`: one JSON file per input document."""

from __future__ import annotations

import os
import sys
from pathlib import Path



def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "extract",
        "Extract goal trees, indicators, budgets, partners and themes from PDF or text files into JSON.",
        "  extractor extract samples/leiderdorp_integraal_veiligheidsbeleid_2015_2018.txt -o output/\n"
        "  extractor extract ../shared/corpus/wassenaar/begroting_2024.pdf samples/*.txt -o output/\n"
        "  extractor extract report.pdf --stdout | jq '.goals[] | .id + \" \" + .title'\n"
        "  extractor extract ../shared/corpus/wassenaar/image_only/Jaarstukken_2022.pdf --ocr auto --ocr-lang nld+eng\n",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="PDF or text files")
    parser.add_argument("-o", "--out", default="output", help="output folder (default: output/)")
    parser.add_argument("--stdout", action="store_true", help="print the JSON of a single file instead of writing it")
    parser.add_argument("--no-tables", action="store_true", help="skip indicator and budget tables")
    parser.add_argument("--no-enrich", action="store_true", help="skip theme and partner tagging (spaCy)")
    parser.add_argument("--max-pages", type=int, default=5000, help="refuse PDFs with more pages (default 5000)")
    from extractor.read.dispatch import PDF_READERS

    parser.add_argument("--reader", choices=PDF_READERS, default=PDF_READERS[0],
                        help=f"PDF backend (default {PDF_READERS[0]}; pdfium gives the same output several times faster)")
    add_ocr_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.set_defaults(func=run)


def add_ocr_arguments(parser) -> None:
    """--ocr, --ocr-lang and --ocr-max-pages, shared with `extractor batch`."""
    from extractor.read.dispatch import OCR_MODES
    from extractor.read.ocr import DEFAULT_LANG

    parser.add_argument("--ocr", choices=OCR_MODES, default=OCR_MODES[0],
                        help="OCR pages without a usable text layer (auto, the default), every page (always) or none (never); "
                             "needs Tesseract: apt-get install tesseract-ocr tesseract-ocr-nld")
    parser.add_argument("--ocr-lang", default=DEFAULT_LANG, metavar="LANGS",
                        help=f"Tesseract languages joined by '+' (default {DEFAULT_LANG})")
    parser.add_argument("--ocr-max-pages", type=int, default=None, metavar="N",
                        help="OCR at most N pages per document; the rest are reported as not extracted (default: no limit)")


def ocr_options(args) -> dict:
    """The ExtractOptions keywords of the OCR arguments."""
    return {"ocr": args.ocr, "ocr_lang": args.ocr_lang, "ocr_max_pages": args.ocr_max_pages}


def output_names(files: list[str]) -> list[str]:
    """`<stem>.json` per input; inputs sharing a stem get their parent folder names prefixed."""
    names = [Path(f).stem + ".json" for f in files]
    for index, name in enumerate(names):
        if names.count(name) > 1:
            parts = Path(files[index]).parts
            names[index] = "__".join(p for p in parts[-3:-1] if p not in ("..", ".", "/")) + "__" + name
    return names


def run(args) -> int:
    from extractor.cli import EXIT_DOCUMENTS_FAILED, EXIT_OK, EXIT_USAGE
    from extractor.export import document_json, write_document
    from extractor.pipeline import ExtractOptions, extract_document

    try:
        options = ExtractOptions(max_pages=args.max_pages, tables=not args.no_tables, enrich=not args.no_enrich,
                                 reader=args.reader, ocr_jobs=os.cpu_count() or 1, **ocr_options(args))
    except ValueError as exc:
        print(f"extractor extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.stdout and len(args.files) != 1:
        print("extractor extract: --stdout takes exactly one file", file=sys.stderr)
        return EXIT_USAGE
    out_dir = Path(args.out)
    failed = 0
    for file_name, out_name in zip(args.files, output_names(args.files)):
        document = extract_document(file_name, options)
        if args.stdout:
            sys.stdout.buffer.write(document_json(document))
        else:
            target = out_dir / out_name
            write_document(document, target)
        if document.status == "failure":
            failed += 1
            error = document.errors[0]
            print(f"FAILED  {error.message} [{error.code}]", file=sys.stderr)
        elif not args.quiet and not args.stdout:
            n_err = sum(1 for e in document.errors if e.severity == "error")
            n_warn = len(document.errors) - n_err
            print(
                f"{document.status:<8}{file_name} -> {target}: {len(document.goals)} goals, "
                f"{len(document.indicators)} indicators, {len(document.budget_lines)} budget lines, "
                f"{len(document.partners)} partners ({n_err} errors, {n_warn} warnings)"
            )
    return EXIT_DOCUMENTS_FAILED if failed else EXIT_OK
