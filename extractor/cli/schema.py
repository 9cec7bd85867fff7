"""`extractor schema`: print, write or check the JSON Schema generated from the pydantic model.

Printing needs only the installed package (the schema is generated from the model). Writing and
checking concern the committed copy `schema/document.schema.json`, so they need a source checkout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

_CHECKOUT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = _CHECKOUT / "schema" / "document.schema.json"


def schema_text() -> str:
    from extractor.model import Document

    return json.dumps(Document.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def committed_schema_path() -> Optional[Path]:
    """The committed schema file of the source checkout this package runs from; None for an installed wheel."""
    if (_CHECKOUT / "pyproject.toml").is_file() and SCHEMA_PATH.parent.is_dir():
        return SCHEMA_PATH
    return None


def register(subparsers) -> None:
    from extractor.cli import add_command

    parser = add_command(
        subparsers,
        "schema",
        "Print, write or check the JSON Schema of the output documents.",
        "  extractor schema                 # print it (works from any install)\n"
        "  extractor schema > document.schema.json\n"
        "  extractor schema --write         # regenerate schema/document.schema.json in a source checkout\n"
        "  extractor schema --check         # exit 1 when the committed file is stale (source checkout)\n",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", action="store_true", help=f"write schema/{SCHEMA_PATH.name} of the source checkout")
    group.add_argument("--check", action="store_true", help="compare with the committed file of the source checkout")
    parser.set_defaults(func=run)


def run(args) -> int:
    from extractor.cli import EXIT_USAGE

    text = schema_text()
    if not (args.write or args.check):
        sys.stdout.write(text)
        return 0
    path = committed_schema_path()
    if path is None:
        option = "--write" if args.write else "--check"
        print(f"extractor schema {option}: this is an installed package, not a source checkout with schema/; "
              "print the schema with `extractor schema > FILE`", file=sys.stderr)
        return EXIT_USAGE
    if args.write:
        from extractor.export import write_atomic

        write_atomic(path, text.encode("utf-8"))
        print(f"wrote {path}")
        return 0
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current != text:
        print(f"{path} is stale: run `extractor schema --write`", file=sys.stderr)
        return 1
    print("schema is up to date")
    return 0
