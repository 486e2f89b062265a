"""The `evsld` command: a verb runs the headless CLI, anything else opens the editor.

    evsld                  open the editor
    evsld FILE.evsld       open the editor on a project
    evsld VERB ...         run a command-line verb (check, ...), no display needed

Qt is imported only when the editor starts, so the verbs run on machines without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from evsld.cli.main import main as cli_main

PROJECT_SUFFIX = ".evsld"


def wants_editor(argv: Sequence[str]) -> bool:
    """No argument, or one project file (existing, or named *.evsld), opens the editor;
    anything else (a verb, an option, a typo) goes to the CLI, which answers it or says
    what is wrong with exit status 2."""
    if not argv:
        return True
    if len(argv) != 1 or argv[0].startswith("-"):
        return False
    candidate = Path(argv[0])
    return candidate.suffix == PROJECT_SUFFIX or candidate.is_file()


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why the editor cannot open a window here, or None. Without this, Qt aborts the
    process with a core dump and a page about platform plugins."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "evsld: no display to open the editor on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
        "Start it from a desktop session, or use the headless commands, e.g.\n"
        "  evsld check FILE.evsld      evsld calc FILE.evsld      evsld --help"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not wants_editor(args):
        return cli_main(args)
    if (reason := missing_display(os.environ)) is not None:
        print(reason, file=sys.stderr)
        return 2
    from evsld.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
