"""`extractor evaluate`: precision, recall and F1 of extraction against hand-made gold files.

Exit codes: 0 ok, 2 wrong usage or an invalid gold file, 3 a gold document failed to extract or
has no prediction, 4 an F1 is below a `--min-f1` threshold (checked after 3: a failure wins).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

EXIT_BELOW_THRESHOLD = 4


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "evaluate",
        "Score extraction against gold files: precision, recall and F1 per field, strict and soft matching.",
        "  extractor evaluate --gold tests/gold/ --run                 # extract the gold documents, then score\n"
        "  extractor extract samples/*.txt -o output/ && extractor evaluate --gold tests/gold/ --pred output/\n"
        "  extractor evaluate --run --json > scores.json                # for machines\n"
        "  extractor evaluate --run --min-f1 0.8 --min-f1 goal_nodes=0.95   # exit 4 when below\n"
        "  extractor evaluate --run --markdown README.md                # rewrite README's results table\n"
        "  extractor evaluate --links --run                             # link F1 against tests/gold_links\n",
    )
    parser.add_argument("--gold", default="tests/gold", metavar="DIR", help="folder of gold JSON files (default: tests/gold)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--pred", metavar="DIR", help="folder of document JSON files written by `extractor extract`")
    source.add_argument("--run", action="store_true", help="extract each gold document now (records pages and seconds)")
    parser.add_argument("--root", metavar="DIR", help="folder the gold files' source paths are relative to (default: working folder)")
    parser.add_argument("--save", metavar="DIR", help="with --run: also write the extracted JSON files here")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--markdown", nargs="?", const="-", metavar="FILE",
                        help="print the results table as Markdown, or with FILE rewrite the block between "
                             "<!-- evaluate:start --> and <!-- evaluate:end --> in FILE")
    parser.add_argument("--details", action="store_true", help="list the missed and spurious items (soft matching)")
    parser.add_argument("--min-f1", action="append", default=[], metavar="[FIELD=]F1",
                        help="fail (exit 4) when the overall micro F1 of FIELD (or of every field) is below F1; repeatable")
    parser.add_argument("--min-f1-mode", choices=("strict", "soft"), default="soft", help="matching used by --min-f1 (default: soft)")
    parser.add_argument("--plain", action="store_true", help="plain-text table even on a terminal")
    parser.add_argument("--write-schema", action="store_true", help="regenerate gold.schema.json in the gold folder and exit")
    parser.add_argument("--links", action="store_true",
                        help="score links instead, against tests/gold_links (same as `extractor link-evaluate`)")
    parser.set_defaults(func=run)


def parse_min_f1(specs: list[str]) -> dict[str, float]:
    """'0.9' sets every field, 'FIELD=0.9' one field (later specs win)."""
    from extractor.evaluate import FIELDS

    limits: dict[str, float] = {}
    for spec in specs:
        name, _, number = spec.rpartition("=")
        try:
            value = float(number)
        except ValueError:
            raise ValueError(f"--min-f1 {spec!r}: expected a number like 0.9 or FIELD=0.9") from None
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"--min-f1 {spec!r}: F1 must be between 0 and 1")
        if name and name not in FIELDS:
            raise ValueError(f"--min-f1 {spec!r}: unknown field {name!r}; fields are {', '.join(FIELDS)}")
        for field_name in ([name] if name else FIELDS):
            limits[field_name] = value
    return limits


def run(args) -> int:
    from extractor.cli import EXIT_DOCUMENTS_FAILED, EXIT_OK, EXIT_USAGE
    from extractor.evaluate import GoldError, evaluate_predictions, evaluate_run, gold_schema_text, load_gold_dir, summarise
    from extractor.evaluate.report import render_markdown, render_text, replace_marked_block, to_json
    from extractor.export import write_atomic

    if args.links:  # the links mode lives with the `link` command
        from extractor.cli.link import evaluate_links_from

        return evaluate_links_from(args)
    gold_dir = Path(args.gold)
    if args.write_schema:
        target = gold_dir / "gold.schema.json"
        write_atomic(target, gold_schema_text().encode("utf-8"))
        print(f"wrote {target}")
        return EXIT_OK
    if not args.pred and not args.run:
        print("extractor evaluate: give --pred DIR (score existing output) or --run (extract, then score)", file=sys.stderr)
        return EXIT_USAGE
    if args.save and not args.run:
        print("extractor evaluate: --save only works with --run", file=sys.stderr)
        return EXIT_USAGE
    try:
        limits = parse_min_f1(args.min_f1)
    except ValueError as exc:
        print(f"extractor evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        golds = load_gold_dir(gold_dir)
    except GoldError as exc:
        print(f"extractor evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE

    if args.run:
        results = evaluate_run(golds, gold_dir, Path(args.root) if args.root else None, Path(args.save) if args.save else None)
    else:
        pred_dir = Path(args.pred)
        if not pred_dir.is_dir():
            print(f"extractor evaluate: {pred_dir}: prediction folder not found", file=sys.stderr)
            return EXIT_USAGE
        results, problems = evaluate_predictions(golds, pred_dir)
        for problem in problems:
            print(f"extractor evaluate: skipped {problem}", file=sys.stderr)

    if args.json:
        sys.stdout.write(json.dumps(to_json(results, details=args.details), indent=2, ensure_ascii=False) + "\n")
    elif args.markdown and args.markdown != "-":
        target = Path(args.markdown)
        try:
            text = replace_marked_block(target.read_text(encoding="utf-8"), render_markdown(results))
        except (OSError, ValueError) as exc:
            print(f"extractor evaluate: {target}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        write_atomic(target, text.encode("utf-8"))
        print(f"updated the results table in {target}")
    elif args.markdown:
        sys.stdout.write(render_markdown(results))
    else:
        sys.stdout.write(render_text(results, use_rich=sys.stdout.isatty() and not args.plain, details=args.details))

    if any(r.status in ("failure", "missing_prediction") for r in results):
        return EXIT_DOCUMENTS_FAILED
    micro = summarise(results).micro
    below = [
        f"{name} F1 {_f1(micro, name, args.min_f1_mode)} < {limit}"
        for name, limit in limits.items()
        if name in micro and (micro[name][args.min_f1_mode].f1 or 0.0) < limit
    ]
    if below:
        print(f"extractor evaluate: below threshold ({args.min_f1_mode}): " + "; ".join(below), file=sys.stderr)
        return EXIT_BELOW_THRESHOLD
    return EXIT_OK


def _f1(micro, name: str, mode: str) -> str:
    value = micro[name][mode].f1
    return "undefined" if value is None else f"{value:.3f}"
