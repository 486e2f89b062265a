"""Run every registered rule on a project and gather the report.

The view (topology and the catalog's circuit lookups, later calculations) is computed once per
run and shared by all rules. Rules that exist only in other country profiles are skipped. A
rule that crashes does not make the project pass: its crash becomes an error finding. Accepted
findings are set aside with their reasons; stale acceptances become notices.

The cyclic garbage collector is paused during a run (evsld.collector says why).

A report is kept per project and reused until an electrical change (`Project.
electrical_revision`): moving devices, the commonest edit, re-checks in no time.
"""

from __future__ import annotations

import weakref

from evsld.collector import collector_paused
from evsld.model.project import Project
from evsld.rules.acceptance import resolve
from evsld.rules.finding import Finding, Severity
from evsld.rules.packs import PACKS
from evsld.rules.registry import all_rules
from evsld.rules.report import Report
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

ENGINE_RULE_ID = "ENGINE"


def rules() -> list[Rule]:
    return all_rules(PACKS)


_REPORTS: weakref.WeakKeyDictionary[Project, tuple[tuple[int, str | None], Report]] = (
    weakref.WeakKeyDictionary()
)


def check_project(project: Project, profile: str | None = None) -> Report:
    key = (project.electrical_revision, profile)
    cached = _REPORTS.get(project)
    if cached is not None and cached[0] == key:
        return cached[1]
    with collector_paused():
        report = _check(project, profile)
    _REPORTS[project] = (key, report)
    return report


def _check(project: Project, profile: str | None) -> Report:
    view = CheckView.of(project, profile)
    findings: list[Finding] = []
    every_rule = rules()
    for rule in every_rule:
        if not rule.applies_to(view.profile):
            continue
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
                    acceptable=False,
                )
            )
    active, accepted, notices = resolve(project, findings, {r.id for r in every_rule})
    return Report.of(active, view.profile, accepted, notices)
