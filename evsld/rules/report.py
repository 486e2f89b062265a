"""The outcome of a check: active findings, accepted findings with their reasons, and notices
about acceptances that no longer apply."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from evsld.rules.acceptance import AcceptedFinding, Notice
from evsld.rules.finding import Finding, Severity


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]  # active: what the designer still has to act on
    profile: str
    accepted: tuple[AcceptedFinding, ...] = ()
    notices: tuple[Notice, ...] = ()
    counts: dict[Severity, int] = field(default_factory=dict)  # of the active findings

    @classmethod
    def of(
        cls,
        findings: list[Finding],
        profile: str,
        accepted: list[AcceptedFinding] | None = None,
        notices: list[Notice] | None = None,
    ) -> Report:
        ordered = tuple(sorted(findings, key=Finding.sort_key))
        counts = Counter(f.severity for f in ordered)
        return cls(
            ordered,
            profile,
            tuple(sorted(accepted or (), key=lambda a: a.finding.sort_key())),
            tuple(notices or ()),
            {s: counts.get(s, 0) for s in Severity},
        )

    @property
    def errors(self) -> int:
        return self.counts[Severity.ERROR]

    @property
    def warnings(self) -> int:
        return self.counts[Severity.WARNING]

    @property
    def infos(self) -> int:
        return self.counts[Severity.INFO]
