"""What a check reports: a finding with its rule, clause, devices, message and optional fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


@dataclass(frozen=True)
class Fix:
    """A remedy the editor can apply as one undoable command."""

    label: str
    operation: Operation


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    clause: str
    devices: tuple[str, ...]
    message: str
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.severity.rank, self.rule, self.devices, self.message)
