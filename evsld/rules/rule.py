"""The Rule base class: a stable id, a clause label, a default severity and a check.

A rule keeps its id everywhere; its clause label may depend on the country profile (national
documents number some clauses differently), and a few rules exist in one profile only.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence

from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.view import CheckView


class Rule(ABC):
    id: str
    clause: str  # label under the IEC profile (and any profile without its own)
    severity: Severity
    summary: str  # one line for `evsld check --rules`
    clauses: Mapping[str, str] = {}  # profile -> clause label where it differs
    profiles: frozenset[str] | None = None  # None: every profile
    other_severities: tuple[Severity, ...] = ()  # also reported at these (e.g. E/W rules)
    errors_acceptable: bool = False  # may a designer accept this rule's errors?

    @abstractmethod
    def check(self, view: CheckView) -> Iterable[Finding]:
        """Yield the findings of this rule on the view."""

    def clause_for(self, profile: str) -> str:
        """The clause label under a country profile."""
        return self.clauses.get(profile, self.clause)

    def applies_to(self, profile: str) -> bool:
        return self.profiles is None or profile in self.profiles

    @property
    def severity_letters(self) -> str:
        """ "E", or "E/W" for a rule that reports at several severities."""
        found = {self.severity, *self.other_severities}
        return "/".join(s.letter for s in sorted(found, key=lambda s: s.rank))

    def finding(
        self,
        view: CheckView,
        devices: Sequence[str],
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        severity = severity or self.severity
        return Finding(
            rule=self.id,
            severity=severity,
            clause=self.clause_for(view.profile),
            devices=tuple(devices),
            message=message,
            fix=fix,
            acceptable=severity is not Severity.ERROR or self.errors_acceptable,
        )
