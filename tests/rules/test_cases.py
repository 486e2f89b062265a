"""Fixture projects under tests/rules/cases/: each file states what the whole check must find.

A file is named `<rule id>--pass-...` or `<rule id>--fail-...`. Its metadata title says what
it shows (and which worked example of the rules catalog §7 it is); its notes list every
expected finding, one per line: `RULE SEVERITY TAG TAG ...` (E, W or I; the tags of the
finding's devices). Empty notes: the check finds nothing at all. Every fix offered must clear
its finding without adding an error, and undoing it must restore the file exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evsld.model import Project
from evsld.model.fileformat import load_project, project_to_json
from evsld.rules.engine import check_project
from evsld.rules.finding import Finding, Severity

CASES = Path(__file__).parent / "cases"
FILES = sorted(CASES.glob("*.evsld"))

# the rules with fixtures: each has a failing and a passing fixture
RULES = [
    "R722-OCPD-EVSE",
    "R433-IB-IN-IZ",
    "R434-ICU",
    "R41-TT",
    "R525-VD",
    "R-SWBD",
    "R722-DF1",
    "R722-LMS-NOTPROT",
    "R433-I2",
    "R52-IZ-TABLE",
    "R52-DERATE",
    "R52-N-SIZE",
    "R434-ADIAB",
    "R41-TN-ZS",
    "R536-OC-SEL-THERMAL",
    "R536-OC-SEL-MAG",
    "R-PH-UNB",
    "R-PH-DSO",
    "R-PH-ROT",
    "R-BW-LOAD",
    "R-BW-PROT",
    "R-SUPPLY",
    "R-METER",
    "R722-DED",
    "R722-OCPD-STD",
    "R722-RCD-PRESENT",
    "R722-RCD-TYPE",
    "R722-RCD-POLES",
    "R722-RCD-UP-DC",
    "R722-DC-RCD",
    "R722-PEN",
    "R722-PME-UK",
    "R722-SEP",
    "R722-SPD-PUBLIC",
    "R722-IT",
    "R722-LMS-6A",
    "R443-REQ",
    "R534-T1",
    "R534-T2",
    "R534-DIST",
    "R535-RCD-SEL",
    "R536-RATIO",
    "R-BW-TAPOFF",
]

Key = tuple[str, str, tuple[str, ...]]


def found(project: Project, findings: tuple[Finding, ...] | list[Finding]) -> list[Key]:
    return sorted(
        (f.rule, f.severity.letter, tuple(sorted(project.diagram.device(d).tag for d in f.devices)))
        for f in findings
    )


def expected(project: Project) -> list[Key]:
    keys = []
    for line in project.metadata["notes"].splitlines():
        rule, severity, *tags = line.split()
        keys.append((rule, severity, tuple(sorted(tags))))
    return sorted(keys)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_check_finds_exactly_what_the_file_states(path: Path) -> None:
    project = load_project(path)
    assert found(project, check_project(project).findings) == expected(project)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_file_is_named_after_what_it_shows(path: Path) -> None:
    rule_id, verdict = path.stem.split("--")[0].upper(), path.stem.split("--")[1].split("-")[0]
    rules_found = {rule: severity for rule, severity, _ in expected(load_project(path))}
    assert rule_id in RULES
    if verdict == "fail":
        assert rule_id in rules_found, "a failing fixture expects its rule to fire"
    else:
        assert verdict == "pass" and rules_found.get(rule_id, "I") == "I"


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_has_a_failing_and_a_passing_fixture(rule: str) -> None:
    names = {p.stem for p in FILES}
    for verdict in ("fail", "pass"):
        assert any(n.startswith(f"{rule.lower()}--{verdict}-") for n in names), (rule, verdict)


def _fixable() -> list[tuple[Path, int]]:
    cases = []
    for path in FILES:
        project = load_project(path)
        for index, finding in enumerate(check_project(project).findings):
            if finding.fix is not None:
                cases.append((path, index))
    return cases


@pytest.mark.parametrize(("path", "index"), _fixable(), ids=lambda v: getattr(v, "stem", str(v)))
def test_each_fix_clears_its_finding_and_undoes_exactly(path: Path, index: int) -> None:
    project = load_project(path)
    before = check_project(project)
    finding = before.findings[index]
    saved = project_to_json(project)
    inverse = project.apply(finding.fix.operation)
    after = check_project(project)
    assert finding.key not in {f.key for f in after.findings}, finding.fix.label
    assert len([f for f in after.findings if f.rule == finding.rule]) < len(
        [f for f in before.findings if f.rule == finding.rule]
    )
    new_errors = {
        k for k in found(project, [f for f in after.findings if f.severity is Severity.ERROR])
    }
    old_errors = set(found(project, [f for f in before.findings if f.severity is Severity.ERROR]))
    assert new_errors <= old_errors, f"{finding.fix.label} brought new errors"
    project.apply(inverse)
    assert project_to_json(project) == saved
