"""The `evsld` command: dispatch to one module per verb."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from evsld.cli import calc, check, export, new, templates
from evsld.cli.common import EXIT_INTERNAL, EXIT_UNREADABLE, CliFailure, error_line
from evsld.version import __version__

VERBS = (check, new, templates, calc, export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="evsld",
        description="Single-line diagrams and IEC 60364-7-722 checks for EV charging "
        "installations.",
    )
    parser.add_argument("--version", action="version", version=f"evsld {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for verb in VERBS:
        verb.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        return args.run(args)
    except CliFailure as failure:
        error_line(str(failure))
        return failure.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # the last guard: one line, never a traceback
        error_line(f"internal error ({type(err).__name__}: {err}); please report it")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
