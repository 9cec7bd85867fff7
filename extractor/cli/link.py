"""`extractor link`: link goals, indicators and budget lines across document JSON files; write links and series."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "link",
        "Link goals, indicators and budget lines across years and documents of one publisher (and BBV indicators "
        "across publishers via the catalogue); write links.jsonl, series.jsonl and _tables/links|series.(parquet|csv).",
        "  extractor link output/corpus                                  # a batch folder; writes into it\n"
        "  extractor link a.json b.json --out links/                     # just these documents\n"
        "  extractor link output/corpus --publisher metadata --max-year-gap 1\n"
        "  extractor link output/corpus --engine dask                    # one task per publisher\n"
        "  extractor link output/corpus --across-publishers              # BBV indicators between gemeenten too\n",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="document JSON files or folders of them")
    parser.add_argument("-o", "--out", metavar="DIR", help="output folder (default: the input folder, or links/)")
    parser.add_argument("--publisher", choices=("auto", "folder", "metadata"), default="auto",
                        help="who published a document: metadata.municipality when the file name confirms it, else "
                             "its folder (auto, default); or always the folder; or always metadata.municipality")
    parser.add_argument("--max-year-gap", type=int, default=2, help="link documents at most this many years apart (default 2)")
    parser.add_argument("--across-publishers", action="store_true",
                        help="also link indicators between publishers (same catalogue id, or near-identical name and unit)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="run here (default) or on Dask, one task per publisher")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="address of a running Dask scheduler (implies --engine dask)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    parser.set_defaults(func=run)
    register_evaluate(subparsers)


def run(args) -> int:
    from extractor.cli import EXIT_OK, EXIT_USAGE
    from extractor.link import LinkError, link_documents, write_outputs

    missing = [item for item in args.inputs if not Path(item).exists()]
    if missing:
        print(f"extractor link: not found: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out) if args.out else (Path(args.inputs[0]) if len(args.inputs) == 1 and Path(args.inputs[0]).is_dir() else Path("links"))
    engine = "dask" if args.scheduler else args.engine
    try:
        result = link_documents(args.inputs, publisher_from=args.publisher, max_year_gap=args.max_year_gap,
                                engine=engine, scheduler=args.scheduler, across_publishers=args.across_publishers)
    except LinkError as exc:
        print(f"extractor link: {exc}", file=sys.stderr)
        return EXIT_USAGE
    written = write_outputs(result, out)
    for problem in result.skipped:
        print(f"skipped {problem}", file=sys.stderr)
    if not args.quiet:
        counts = Counter((row.kind, row.relation) for row in result.links)
        summary = ", ".join(f"{kind} {relation} {n}" for (kind, relation), n in sorted(counts.items()))
        conflicts = sum(row.conflict for row in result.series)
        print(f"{len(result.documents)} documents, {len(result.links)} links ({summary or 'none'})")
        print(f"{len(result.series)} series cells, {conflicts} with conflicting values")
        print(f"wrote {written['links']}, {written['series']} and {out / '_tables'}/links|series.(parquet|csv)")
    return EXIT_OK


def register_evaluate(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "link-evaluate",
        "Score links against hand-made gold links: precision, recall and F1 per kind and relation.",
        "  extractor link-evaluate --pred output/corpus --pred output/samples       # document JSON made earlier\n"
        "  extractor link-evaluate --run                                            # extract the gold documents first\n"
        "  extractor link-evaluate --run --details --calibration\n",
    )
    parser.add_argument("--gold", default="tests/gold_links", metavar="DIR", help="folder of gold link files (default: tests/gold_links)")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--pred", action="append", metavar="DIR", help="folder of document JSON files (repeatable)")
    source.add_argument("--run", action="store_true", help="extract the gold documents now (tables on, tagging off)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--details", action="store_true", help="list missed, spurious and mislabelled links")
    parser.add_argument("--calibration", action="store_true", help="also print the share of correct links per score band")
    parser.add_argument("--by-file", action="store_true", help="also print the scores of each gold file")
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args) -> int:
    import json

    from extractor.cli import EXIT_DOCUMENTS_FAILED, EXIT_OK, EXIT_USAGE
    from extractor.evaluate.links import LinkGoldError, calibration_table, load_gold_links, render_link_scores, score_links
    from extractor.link.documents import document_key
    from extractor.link.catalogue import fill_catalogue_ids
    from extractor.link.match import link_pair
    from extractor.model import Document

    try:
        golds = load_gold_links(Path(args.gold))
    except LinkGoldError as exc:
        print(f"extractor link-evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sources = sorted({p[side] for g in golds for p in g["pairs"] for side in ("from", "to")})
    documents: dict[str, Document] = {}
    if args.run:
        from extractor.pipeline import ExtractOptions, extract_document

        for source in sources:
            documents[document_key(source)] = extract_document(source, ExtractOptions(enrich=False))
    else:
        for folder in args.pred:
            for path in Path(folder).rglob("*.json"):
                try:
                    document = Document.model_validate_json(path.read_text(encoding="utf-8"))
                except ValueError:
                    continue
                documents[document_key(document.source.file)] = document
    missing = [s for s in sources if document_key(s) not in documents]
    if missing:  # score what can be scored, say what could not, exit 3 at the end
        print(f"extractor link-evaluate: no prediction for {', '.join(missing)}; their pairs are skipped", file=sys.stderr)
        for gold in golds:
            gold["pairs"] = [p for p in gold["pairs"] if p["from"] not in missing and p["to"] not in missing]
    for document in documents.values():
        fill_catalogue_ids(document)

    def predict(source_a: str, source_b: str, consecutive: bool, kinds: list[str]):
        a, b = document_key(source_a), document_key(source_b)
        return link_pair(a, documents[a], b, documents[b], consecutive, kinds)

    scores = score_links(golds, predict)
    if args.json:
        print(json.dumps(scores.as_dict(), indent=1))
    else:
        print(render_link_scores(scores, by_file=args.by_file))
    if args.calibration:
        print()
        print(calibration_table(scores))
    if args.details:
        for line in scores.misses:
            print(line)
    return EXIT_DOCUMENTS_FAILED if missing else EXIT_OK


def evaluate_links_from(args) -> int:
    """`extractor evaluate --links`: the same as `link-evaluate`, with evaluate's options mapped."""
    import argparse

    gold = args.gold if args.gold != "tests/gold" else "tests/gold_links"
    mapped = argparse.Namespace(gold=gold, pred=[args.pred] if args.pred else None, run=args.run, json=args.json,
                                details=args.details, calibration=False, by_file=True)
    if not mapped.pred and not mapped.run:
        from extractor.cli import EXIT_USAGE

        print("extractor evaluate --links: give --pred DIR or --run", file=sys.stderr)
        return EXIT_USAGE
    return run_evaluate(mapped)
