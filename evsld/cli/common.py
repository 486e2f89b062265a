"""What every verb shares: exit codes, loading a file without tracebacks, output helpers."""

from __future__ import annotations

import sys
from pathlib import Path

from evsld.model.fileformat import ProjectFileError, load_project
from evsld.model.project import Project

EXIT_OK = 0
EXIT_FINDINGS = 1  # the verb ran and found errors
EXIT_UNREADABLE = 2  # the input could not be read (or the command line was wrong)
EXIT_INTERNAL = 70  # a bug in evsld (EX_SOFTWARE)

EXIT_STATUS_HELP = """exit status:
  0  no errors
  1  errors found
  2  the file cannot be read (reason on standard error) or the command line is wrong
  70 internal error in evsld"""


class CliFailure(Exception):
    """Ends the command with a one-line message on stderr and the given exit code."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


def load_or_fail(path: str) -> Project:
    try:
        return load_project(Path(path))
    except ProjectFileError as err:
        raise CliFailure(err.one_line()) from None


def error_line(message: str) -> None:
    print(f"evsld: error: {message}", file=sys.stderr)
