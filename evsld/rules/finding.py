"""What a check reports: a finding with its rule, clause, devices, message and optional fix."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from evsld.model.operations import Operation


class Severity(StrEnum):
    ERROR = "error"  # blocks a "for construction" print
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def letter(self) -> str:
        return self.value[0].upper()


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Fix:
    """A remedy the editor applies as one undoable command: `project.apply(fix.operation)`.

    A fix that adds devices is given as a builder and built on first use, so a check never
    takes fresh ids and tags from the project for fixes nobody applies (checks run after every
    edit)."""

    __slots__ = ("_build", "_operation", "label")

    def __init__(self, label: str, operation: Operation | Callable[[], Operation]) -> None:
        self.label = label
        self._operation = operation if isinstance(operation, Operation) else None
        self._build = None if isinstance(operation, Operation) else operation

    @property
    def operation(self) -> Operation:
        if self._operation is None:
            assert self._build is not None
            self._operation = self._build()
        return self._operation

    def __repr__(self) -> str:
        return f"Fix({self.label!r})"


class Finding(NamedTuple):
    rule: str
    severity: Severity
    clause: str
    devices: tuple[str, ...]
    message: str
    fix: Fix | None = None
    acceptable: bool = (
        True  # may the designer accept it (warnings and infos; errors if the rule says so)
    )

    def sort_key(self) -> tuple:
        return (self.severity.rank, self.rule, self.devices, self.message)

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """What an acceptance refers to: the rule and the devices involved."""
        return (self.rule, self.devices)
