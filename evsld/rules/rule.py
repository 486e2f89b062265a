"""The Rule base class: a stable id, a clause label, a default severity and a check."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence

from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.view import CheckView


class Rule(ABC):
    id: str
    clause: str
    severity: Severity
    summary: str  # one line for `evsld check --rules`

    @abstractmethod
    def check(self, view: CheckView) -> Iterable[Finding]:
        """Yield the findings of this rule on the view."""

    def clause_for(self, view: CheckView) -> str:
        """The clause label under the view's country profile (override per profile)."""
        return self.clause

    def finding(
        self,
        view: CheckView,
        devices: Sequence[str],
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            clause=self.clause_for(view),
            devices=tuple(devices),
            message=message,
            fix=fix,
        )
