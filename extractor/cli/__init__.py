"""The `extractor` command: a thin layer that turns library results into messages and exit codes.

Exit codes: 0 all documents succeeded (or were partial), 1 unexpected internal error,
2 wrong usage, 3 one or more documents failed, 4 evaluation scores below --min-f1.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from typing import Optional

from extractor import __version__
from extractor.cli import audit, batch, evaluate, extract, link, model, report, schema

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_DOCUMENTS_FAILED = 3

# Each command module exposes register(subparsers) and a run(args) -> int set as `func`.
COMMAND_MODULES = [extract, schema, evaluate, batch, model, link, audit, report]

EPILOG = """examples:
  extractor extract samples/leiden_jaarstukken_2017_veiligheid.txt -o output/
  extractor extract ../shared/corpus/wassenaar/begroting_2024.pdf -o output/
  extractor batch ../shared/corpus --out output/corpus --resume
  extractor report output/corpus --out output/corpus/report
  extractor evaluate --gold tests/gold/ --run
  extractor model check
  extractor link output/corpus
  extractor schema --check
  extractor audit output/corpus
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor",
        description="Turn Dutch municipal policy documents (PDF or text) into structured JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        # Report unknown options with the usage of the command they were given to, not the top level's.
        command_parser = _subparser(parser, getattr(args, "command", None))
        (command_parser or parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("extractor: interrupted (an interrupted batch continues where it stopped with --resume)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        if exc.errno not in ENVIRONMENT_ERRNOS:
            return _internal_error(exc)
        from extractor.export import describe_os_error

        print(f"extractor: {describe_os_error(exc, exc.filename or '?')}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        return _internal_error(exc)


ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOTDIR, errno.EEXIST}


def _subparser(parser: argparse.ArgumentParser, command: Optional[str]) -> Optional[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]
    return None


def _internal_error(exc: BaseException) -> int:
    if os.environ.get("EXTRACTOR_DEBUG") == "1":
        raise exc
    print(f"extractor: internal error: {type(exc).__name__}: {exc} (set EXTRACTOR_DEBUG=1 for details)", file=sys.stderr)
    return EXIT_INTERNAL


def add_command(subparsers, name: str, help_text: str, examples: str) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with examples (every command must have some)."""
    return subparsers.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
