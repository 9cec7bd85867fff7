"""`extractor model build|check`: compile models/data into the saved spaCy pipeline, or check it is current."""

from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "model",
        "Rebuild the saved tagging pipeline (models/pipeline) from the vocabularies in models/data, or check it.",
        "  extractor model build            # after editing models/data/*.jsonl or *.csv\n"
        "  extractor model check            # exit 1 when models/pipeline is older than models/data\n"
        "  extractor model build --out /tmp/pipeline\n",
    )
    parser.add_argument("action", choices=["build", "check"], help="build: write the pipeline; check: compare with the data")
    parser.add_argument("--out", default=None, help="pipeline folder (default: models/pipeline)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from extractor.cli import EXIT_OK, EXIT_USAGE
    from extractor.enrich.data import DATA_DIR, PIPELINE_DIR, DataFileError

    target = Path(args.out) if args.out else PIPELINE_DIR
    if not DATA_DIR.is_dir():
        print(f"extractor model: no vocabulary folder {DATA_DIR}", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "check":
        from extractor.enrich.build import is_stale, saved_data_hash

        if saved_data_hash(target) is None:
            print(f"extractor model: no saved pipeline in {target}; run `extractor model build`", file=sys.stderr)
            return 1
        if is_stale(target, DATA_DIR):
            print(f"extractor model: {target} is stale; run `extractor model build`", file=sys.stderr)
            return 1
        print(f"{target} is up to date with {DATA_DIR}")
        return EXIT_OK
    try:
        from extractor.enrich.build import save_pipeline

        saved = save_pipeline(target, DATA_DIR)
    except DataFileError as exc:
        print(f"extractor model: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ImportError, OSError, ValueError) as exc:
        print(f"extractor model: cannot build the pipeline: {exc} (spacy-lookups-data is needed to build)", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in saved.rglob("*") if p.is_file())
    print(f"wrote {saved} ({size / 1_000_000:.1f} MB)")
    return EXIT_OK
