"""Accepted findings: one undoable edit, kept through harmless edits, dropped with a notice
when their devices change or disappear, and never a way to hide an error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evsld.model import EditError, Placement, Project
from evsld.model.fileformat import load_project, project_to_json, save_project
from evsld.model.operations import (
    Connect,
    MoveDevice,
    RemoveDevice,
    SetAttribute,
    SetName,
    SetProjectField,
    SetTag,
)
from evsld.rules.acceptance import accept, drop_stale, fingerprint, withdraw
from evsld.rules.engine import check_project
from evsld.rules.finding import Finding, Severity
from tests.builders import car_park


def far_charger() -> tuple[Project, Finding]:
    """A charger 45 m of cable from the origin SPD: one R534-DIST warning."""
    project, feeders = car_park(1)
    project.apply(SetAttribute(feeders[0].cable.id, "length_m", 45.0))
    (finding,) = check_project(project).findings
    assert finding.rule == "R534-DIST" and finding.acceptable
    return project, finding


def test_accepting_is_one_undoable_edit_and_moves_the_finding_aside() -> None:
    project, finding = far_charger()
    before = project_to_json(project)
    inverse = project.apply(accept(project, finding, "  SPD type 3 inside the charger  "))
    report = check_project(project)
    assert report.findings == () and report.warnings == 0
    (accepted,) = report.accepted
    assert accepted.finding.key == finding.key
    assert accepted.reason == "SPD type 3 inside the charger"
    assert report.notices == ()
    project.apply(inverse)
    assert project_to_json(project) == before
    assert [f.key for f in check_project(project).findings] == [finding.key]


def test_accepting_again_replaces_the_reason() -> None:
    project, finding = far_charger()
    project.apply(accept(project, finding, "first"))
    project.apply(accept(project, finding, "second"))
    assert [a.reason for a in project.acceptances] == ["second"]


def test_errors_and_empty_reasons_cannot_be_accepted() -> None:
    project, feeders = car_park(1)
    project.apply(SetAttribute(feeders[0].rcd.id, "rcd_type", "AC"))
    (error,) = check_project(project).findings
    assert error.severity is Severity.ERROR and not error.acceptable
    with pytest.raises(EditError, match="cannot be accepted"):
        accept(project, error, "the client insists")
    _, warning = far_charger()
    with pytest.raises(EditError, match="needs a reason"):
        accept(project, warning, "   ")


def test_a_rule_may_allow_accepting_its_errors(monkeypatch) -> None:
    from evsld.rules.packs.ev_rcd import RcdType

    monkeypatch.setattr(RcdType, "errors_acceptable", True)
    project, feeders = car_park(1)
    project.apply(SetAttribute(feeders[0].rcd.id, "rcd_type", "AC"))
    (error,) = check_project(project).findings
    project.apply(accept(project, error, "existing installation, replaced next month"))
    report = check_project(project)
    assert report.errors == 0 and report.accepted[0].finding.severity is Severity.ERROR


def test_harmless_edits_keep_the_fingerprint() -> None:
    project, finding = far_charger()
    before = fingerprint(project, *finding.key)
    evse, spd = finding.devices
    project.apply(MoveDevice(evse, Placement(500.0, 700.0, 90)))
    project.apply(SetTag(evse, "EV99"))
    project.apply(SetName(spd, "Surge arrester"))
    assert fingerprint(project, *finding.key) == before


@pytest.mark.parametrize("edit", ["attribute", "connection", "deletion"])
def test_a_changed_or_deleted_device_drops_the_acceptance_with_a_notice(edit: str) -> None:
    project, finding = far_charger()
    project.apply(accept(project, finding, "checked on site"))
    evse, spd = finding.devices
    expected = {
        "attribute": "the devices changed since it was accepted",
        "connection": "the devices changed since it was accepted",
        "deletion": f"device {spd} no longer exists",
    }[edit]
    if edit == "attribute":
        project.apply(SetAttribute(evse, "power_kw", 11.0))
    elif edit == "connection":
        board = project.diagram.by_tag("+B1")
        project.apply(
            Connect(project.make_connection(board, "out", project.add("spd"), "in"))
        )  # a second SPD on the board changes nothing of EV01 or F2 ...
        assert check_project(project).notices == ()
        ctrl = project.add("lms")  # ... a control link at EV01 does
        project.apply(Connect(project.make_connection(ctrl, "ctrl", evse, "ctrl")))
    else:
        project.apply(RemoveDevice(spd))
    report = check_project(project)
    (notice,) = report.notices
    assert expected in notice.message and "'checked on site'" in notice.message
    assert report.accepted == ()
    operation = drop_stale(project, report.notices)
    project.apply(operation)
    assert project.acceptances == () and drop_stale(project, check_project(project).notices) is None


def test_an_acceptance_whose_finding_is_gone_is_dropped_with_a_notice() -> None:
    project, finding = far_charger()
    project.apply(accept(project, finding, "temporary"))
    project.apply(SetProjectField("settings", "spd_max_distance_m", 50.0))
    (notice,) = check_project(project).notices
    assert "the finding no longer occurs" in notice.message


def test_withdrawing_makes_the_finding_active_again() -> None:
    project, finding = far_charger()
    project.apply(accept(project, finding, "temporary"))
    (acceptance,) = project.acceptances
    project.apply(withdraw(project, acceptance))
    assert [f.key for f in check_project(project).findings] == [finding.key]
    with pytest.raises(EditError, match="not in the project"):
        withdraw(project, acceptance)


def test_acceptances_survive_saving_and_loading(tmp_path: Path) -> None:
    project, finding = far_charger()
    project.apply(accept(project, finding, "type 3 SPD inside the charger"))
    path = tmp_path / "accepted.evsld"
    save_project(project, path)
    loaded = load_project(path)
    report = check_project(loaded)
    assert report.findings == () and report.notices == ()
    assert report.accepted[0].reason == "type 3 SPD inside the charger"


def test_the_cli_reports_accepted_findings_and_notices(tmp_path: Path) -> None:
    project, finding = far_charger()
    project.apply(accept(project, finding, "type 3 SPD inside the charger"))
    stale, _ = far_charger()
    stale.apply(accept(stale, check_project(stale).findings[0], "old reason"))
    stale.apply(SetAttribute(stale.diagram.by_tag("EV01").id, "power_kw", 11.0))
    for name, p in (("ok", project), ("stale", stale)):
        save_project(p, tmp_path / f"{name}.evsld")

    def run(*args: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "evsld", "check", *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60)

    result = run(str(tmp_path / "ok.evsld"), "--format", "json")
    data = json.loads(result.stdout)
    assert result.returncode == 0 and data["findings"] == [] and data["notices"] == []
    (item,) = data["accepted"]
    assert item["rule"] == "R534-DIST" and item["reason"] == "type 3 SPD inside the charger"
    assert item["severity"] == "warning" and item["devices"] == list(finding.devices)
    text = run(str(tmp_path / "ok.evsld")).stdout.splitlines()
    assert "accepted:" in text and "    accepted: type 3 SPD inside the charger" in text
    assert text[-1] == "0 error(s), 0 warning(s), 0 info(s); 1 accepted"

    data = json.loads(run(str(tmp_path / "stale.evsld"), "--format", "json").stdout)
    assert [f["rule"] for f in data["findings"]] == ["R534-DIST"] and data["accepted"] == []
    (notice,) = data["notices"]
    assert notice["rule"] == "R534-DIST" and "changed since it was accepted" in notice["message"]
