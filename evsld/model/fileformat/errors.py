"""Errors of reading a project file: every problem has a JSON path and a plain sentence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileProblem:
    path: str  # JSON path, "$" for the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path != "$" else self.message


class ProjectFileError(Exception):
    """A project file that cannot be read; nothing of it was loaded."""

    def __init__(self, source: str | Path, problems: list[FileProblem]) -> None:
        self.source = str(source)
        self.problems = problems
        super().__init__(self.one_line())

    def one_line(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return f"{self.source}: {first}{suffix}"

    def details(self) -> str:
        return "\n".join(str(p) for p in self.problems)
