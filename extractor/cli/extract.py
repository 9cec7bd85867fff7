"""`extractor extract FILE... -o DIR`: one JSON file per input document."""

from __future__ import annotations

import hashlib
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
    parser.add_argument("files", nargs="+", metavar="FILE", help="PDF or text files (.pdf, .txt, .text, .md)")
    parser.add_argument("-o", "--out", "--output", dest="out", default="output", help="output folder (default: output/)")
    parser.add_argument("--stdout", action="store_true", help="print the JSON of a single file instead of writing it")
    parser.add_argument("--no-tables", action="store_true", help="skip indicator and budget tables")
    parser.add_argument("--no-enrich", action="store_true", help="skip theme and partner tagging (spaCy)")
    parser.add_argument("--max-pages", type=int, default=5000, help="refuse PDFs with more pages (default 5000)")
    from extractor.cli.batch import add_page_area_option
    from extractor.read.dispatch import PDF_READERS

    add_page_area_option(parser)
    parser.add_argument("--reader", choices=PDF_READERS, default=PDF_READERS[0],
                        help=f"PDF backend (default {PDF_READERS[0]}; pdfium gives the same output several times faster)")
    add_ocr_arguments(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    parser.set_defaults(func=run)


MAX_NAME_BYTES = 255


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
    """A distinct output name per input, always.

    `<stem>.json` when the stem is unique; inputs sharing a stem keep their suffix (`x.txt.json`,
    `x.md.json`); names still shared (same name in other folders) get their parent folders
    prefixed, and anything left over (the same file given twice) a counter.
    """
    stems = [Path(f).stem for f in files]
    names = [stem + ".json" if stems.count(stem) == 1 else Path(f).name + ".json" for f, stem in zip(files, stems)]
    for index, name in enumerate(list(names)):
        if names.count(name) > 1:
            parents = [p for p in Path(files[index]).parts[-3:-1] if p not in ("..", ".", "/")]
            names[index] = "__".join(parents + [name])
    taken: set[str] = set()
    for index, name in enumerate(names):
        name = _fit(name)
        unique, counter = name, 2
        while unique in taken:
            unique = f"{name[:-len('.json')]}-{counter}.json"
            counter += 1
        taken.add(unique)
        names[index] = unique
    return names


def _fit(name: str) -> str:
    """Keep a name within the file system's 255 bytes (a long input name plus `.json` may not fit)."""
    if len(os.fsencode(name)) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
    head = os.fsencode(name)[:200].decode("utf-8", "ignore")
    return f"{head}-{digest}.json"


def run(args) -> int:
    from extractor.cli import EXIT_DOCUMENTS_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
    from extractor.export import describe_os_error, document_json, write_document
    from extractor.fsnames import printable
    from extractor.pipeline import ExtractOptions, extract_document, has_internal_error

    try:
        options = ExtractOptions(max_pages=args.max_pages, tables=not args.no_tables, enrich=not args.no_enrich,
                                 reader=args.reader, max_page_area=args.max_page_area, ocr_jobs=os.cpu_count() or 1,
                                 **ocr_options(args))
    except ValueError as exc:
        print(f"extractor extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.stdout and len(args.files) != 1:
        print("extractor extract: --stdout takes exactly one file", file=sys.stderr)
        return EXIT_USAGE
    out_dir = Path(args.out)
    if not args.stdout and out_dir.exists() and not out_dir.is_dir():
        print(f"extractor extract: {printable(str(out_dir))}: exists and is not a folder (-o needs a folder)", file=sys.stderr)
        return EXIT_USAGE
    failed = internal = 0
    for file_name, out_name in zip(args.files, output_names(args.files)):
        document = extract_document(file_name, options)
        shown = printable(file_name)
        target = out_dir / out_name
        if args.stdout:
            sys.stdout.buffer.write(document_json(document))
        else:
            try:
                write_document(document, target)
            except OSError as exc:
                print(f"extractor extract: cannot write {printable(str(target))}: {describe_os_error(exc, out_dir)}",
                      file=sys.stderr)
                return EXIT_USAGE
        internal += has_internal_error(document)
        if document.status == "failure":
            failed += 1
            error = document.errors[0]
            print(f"FAILED  {error.message} [{error.code}]", file=sys.stderr)
            if Path(file_name).is_dir():
                print(f"        {shown} is a folder: use `extractor batch {shown} --out OUT` for a folder tree", file=sys.stderr)
        elif not args.quiet and not args.stdout:
            n_err = sum(1 for e in document.errors if e.severity == "error")
            n_warn = len(document.errors) - n_err
            print(
                f"{document.status:<8}{shown} -> {printable(str(target))}: {len(document.goals)} goals, "
                f"{len(document.indicators)} indicators, {len(document.budget_lines)} budget lines, "
                f"{len(document.partners)} partners ({n_err} errors, {n_warn} warnings)"
            )
    if internal:
        print(f"extractor extract: {internal} documents hit an internal error (a bug in the extractor; "
              f"their results are partial, see the errors in their JSON)", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_DOCUMENTS_FAILED if failed else EXIT_OK
