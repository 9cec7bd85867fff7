"""`extractor schema`: write or check the JSON Schema generated from the pydantic model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "schema" / "document.schema.json"


def schema_text() -> str:
    from extractor.model import Document

    return json.dumps(Document.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "schema",
        "Print, write or check the JSON Schema of the output documents.",
        "  extractor schema                 # print it\n"
        "  extractor schema --write         # regenerate schema/document.schema.json on purpose\n"
        "  extractor schema --check         # exit 1 when the committed file is stale\n",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help=f"write {SCHEMA_PATH.name}")
    group.add_argument("--check", action="store_true", help="compare with the committed file")
    parser.set_defaults(func=run)


def run(args) -> int:
    text = schema_text()
    if args.write:
        from extractor.export import write_atomic

        write_atomic(SCHEMA_PATH, text.encode("utf-8"))
        print(f"wrote {SCHEMA_PATH}")
        return 0
    if args.check:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is stale: run `extractor schema --write`", file=sys.stderr)
            return 1
        print("schema is up to date")
        return 0
    sys.stdout.write(text)
    return 0
