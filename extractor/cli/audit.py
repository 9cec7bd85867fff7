"""`extractor audit DIR` or `extractor audit a.json b.json [--burap x.json]`: consistency findings."""

from __future__ import annotations

import sys
from pathlib import Path

FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning")}


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "audit",
        "Check begroting, jaarstukken and voortgangsrapportage against each other and against their own "
        "tables and claims; write findings.jsonl and _tables/findings.(parquet|csv).",
        "  extractor audit output/corpus\n"
        "  extractor audit output/begroting_2025.json output/Jaarstukken_2023.json --out audit/\n"
        "  extractor audit output/begroting_2024.json --burap output/burap_2024.json --out audit/ --fail-on error\n"
        "  extractor audit --list-rules\n",
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="one folder of document JSON files (e.g. a batch output), or document JSON files")
    parser.add_argument("--burap", metavar="JSON", help="a voortgangsrapportage / bestuursrapportage to pair with the begroting")
    parser.add_argument("-o", "--out", help="folder for findings.jsonl and _tables/ (default: the input folder, "
                                            "or audit/ for files)")
    parser.add_argument("--rules", help="comma-separated rule ids to run (default: all)")
    parser.add_argument("--fail-on", choices=sorted(FAIL_LEVELS), help="exit 3 when there are findings of this "
                                                                         "severity or worse")
    parser.add_argument("--top", type=int, default=10, help="findings shown in the summary (default 10)")
    parser.add_argument("--list-rules", action="store_true", help="print the rules and exit")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary")
    parser.set_defaults(func=run)


def run(args) -> int:
    from extractor.audit import RULES, audit_files, audit_folder, summary_text, write_findings
    from extractor.cli import EXIT_DOCUMENTS_FAILED, EXIT_OK, EXIT_USAGE

    if args.list_rules:
        for rule in RULES.values():
            print(f"{rule.id:42s} {rule.severity:8s} {rule.scope:9s} {rule.description}")
        return EXIT_OK
    only = set(args.rules.split(",")) if args.rules else None
    unknown = sorted((only or set()) - set(RULES))
    if unknown:
        print(f"extractor audit: unknown rule(s): {', '.join(unknown)} (see --list-rules)", file=sys.stderr)
        return EXIT_USAGE
    paths = [Path(p) for p in args.inputs]
    if not paths:
        print("extractor audit: give a folder or document JSON files", file=sys.stderr)
        return EXIT_USAGE
    missing = [str(p) for p in paths + ([Path(args.burap)] if args.burap else []) if not p.exists()]
    if missing:
        print(f"extractor audit: not found: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    if len(paths) == 1 and paths[0].is_dir() and not args.burap:
        result = audit_folder(paths[0], only)
        out = Path(args.out) if args.out else paths[0]
    elif any(p.is_dir() for p in paths):
        print("extractor audit: give either one folder or document JSON files, not both", file=sys.stderr)
        return EXIT_USAGE
    else:
        result = audit_files(paths, args.burap, only)
        out = Path(args.out or "audit")
    for message in result.unreadable:
        print(f"extractor audit: skipped {message}", file=sys.stderr)
    for message in result.rule_errors:
        print(f"extractor audit: rule failed: {message}", file=sys.stderr)
    written = write_findings(result, out)
    if not args.quiet:
        print(summary_text(result, args.top))
        print(f"-> {written[0]}, {written[1].parent}/findings.(parquet|csv)")
    failing = FAIL_LEVELS.get(args.fail_on or "", ())
    if result.unreadable or any(f.severity in failing for f in result.findings):
        return EXIT_DOCUMENTS_FAILED
    return EXIT_OK
