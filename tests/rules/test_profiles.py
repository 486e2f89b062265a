"""Country profiles: clause labels per profile, profile-only rules, and the CLI options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evsld.model.fileformat import load_project
from evsld.rules.engine import check_project, rules

CASES = Path(__file__).parent / "cases"
PME_FAIL = CASES / "r722-pme-uk--fail-outdoor-point-without-measure.evsld"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "evsld", "check", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("profile", "label"),
    [
        ("IEC", "IEC 60364-7-722 722.531.2.101"),
        ("DE", "IEC 60364-7-722 722.531.2.101"),
        ("UK", "BS 7671 722.531.2.101"),
        ("NO", "NEK 400-7-722 722.531.2.101"),
    ],
)
def test_a_rule_keeps_its_id_and_takes_the_profiles_clause_label(profile: str, label: str) -> None:
    project = load_project(CASES / "r722-rcd-present--fail-no-rcd.evsld")
    (finding,) = check_project(project, profile).findings
    assert (finding.rule, finding.clause) == ("R722-RCD-PRESENT", label)
    assert check_project(project, profile).profile == profile


def test_a_profile_only_rule_runs_under_its_profile_only() -> None:
    project = load_project(PME_FAIL)
    assert project.settings["country_profile"] == "UK"
    (finding,) = check_project(project).findings
    assert (finding.rule, finding.clause) == ("R722-PME-UK", "BS 7671 722.411.4.1")
    assert check_project(project, "IEC").findings == ()


def test_profile_option_overrides_the_projects_profile() -> None:
    assert run_cli(str(PME_FAIL)).returncode == 1
    result = run_cli(str(PME_FAIL), "--profile", "IEC", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["profile"] == "IEC" and data["findings"] == []
    assert run_cli(str(PME_FAIL), "--profile", "XX").returncode == 2


def test_rules_lists_every_rule_without_a_file() -> None:
    result = run_cli("--rules", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)["rules"]
    assert [r["id"] for r in listed] == [r.id for r in rules()]
    pme = next(r for r in listed if r["id"] == "R722-PME-UK")
    assert pme == {
        "id": "R722-PME-UK",
        "clause": "BS 7671 722.411.4.1",
        "severity": "E",
        "summary": "UK: an outdoor point on a PME (TN-C-S) supply has an open-PEN measure",
        "profiles": ["UK"],
    }
    assert next(r for r in listed if r["id"] == "R443-REQ")["severity"] == "E/W"
    text = run_cli("--rules", "--profile", "UK").stdout.splitlines()
    assert text[0] == "rules under profile UK (E error, W warning, I info):"
    assert len(text) == len(rules()) + 1
    dist = next(line for line in text if line.startswith("R534-DIST "))
    assert "W     BS 7671 534.4: another SPD near a charger" in dist
    assert any(line.startswith("R722-PME-UK") and line.endswith("[UK only]") for line in text)


def test_every_rule_has_a_one_line_summary_and_a_clause() -> None:
    for rule in rules():
        assert rule.summary and "\n" not in rule.summary and len(rule.summary) <= 100, rule.id
        assert rule.clause and rule.severity_letters, rule.id


def test_a_file_is_needed_unless_listing_rules() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "evsld: error: check: give the FILE to check (or --rules to list the rules)"
    )


def test_help_documents_the_options() -> None:
    out = run_cli("--help").stdout
    for text in ("FILE", "--rules", "--profile {IEC,DE,AT,CH,UK,NO}", '"accepted"', '"notices"'):
        assert text in out
