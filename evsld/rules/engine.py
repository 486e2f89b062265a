"""Run every registered rule on a project and gather the report.

The view (topology, later calculations) is computed once per run and shared by all rules.
A rule that crashes does not make the project pass: its crash becomes an error finding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from evsld.model.project import Project
from evsld.rules.finding import Finding, Severity
from evsld.rules.packs import PACKS
from evsld.rules.registry import all_rules
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

ENGINE_RULE_ID = "ENGINE"


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    profile: str
    counts: dict[Severity, int] = field(default_factory=dict)

    @classmethod
    def of(cls, findings: list[Finding], profile: str) -> Report:
        ordered = tuple(sorted(findings, key=Finding.sort_key))
        counts = Counter(f.severity for f in ordered)
        return cls(ordered, profile, {s: counts.get(s, 0) for s in Severity})

    @property
    def errors(self) -> int:
        return self.counts[Severity.ERROR]

    @property
    def warnings(self) -> int:
        return self.counts[Severity.WARNING]

    @property
    def infos(self) -> int:
        return self.counts[Severity.INFO]


def rules() -> list[Rule]:
    return all_rules(PACKS)


def check_project(project: Project, profile: str | None = None) -> Report:
    view = CheckView.of(project, profile)
    findings: list[Finding] = []
    for rule in rules():
        try:
            findings.extend(rule.check(view))
        except Exception as err:  # a broken rule must never read as a pass
            findings.append(
                Finding(
                    rule=ENGINE_RULE_ID,
                    severity=Severity.ERROR,
                    clause="evsld",
                    devices=(),
                    message=f"rule {rule.id} could not be evaluated ({type(err).__name__}: {err}); "
                    f"the installation is not verified for it",
                )
            )
    return Report.of(findings, view.profile)
