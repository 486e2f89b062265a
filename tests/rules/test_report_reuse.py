"""A report is reused only while nothing electrical changed: moving devices and editing the
title block keep it; every change the calculations or the rules read gives a new one."""

from __future__ import annotations

from evsld.model import Placement
from evsld.model.operations import (
    MoveDevice,
    SetAttribute,
    SetName,
    SetProjectField,
    SetProjectList,
    SetTag,
)
from evsld.model.project_data import Revision
from evsld.rules.acceptance import accept
from evsld.rules.engine import check_project
from evsld.rules.finding import Severity
from tests.builders import car_park


def test_drawing_only_edits_keep_the_report() -> None:
    project, _ = car_park(3)
    report = check_project(project)
    evse = next(iter(project.diagram.devices_of_kind("evse")))
    before = project.electrical_revision
    project.apply(MoveDevice(evse.id, Placement(400.0, 900.0, 90)))
    project.apply(SetProjectField("metadata", "title", "Car park, level -2"))
    project.apply(SetProjectList("revisions", (Revision("A", "2026-11-24", "First issue"),)))
    assert project.electrical_revision == before
    assert project.revision == before + 3
    assert check_project(project) is report


def test_every_electrical_edit_gives_a_fresh_report() -> None:
    project, _ = car_park(3)
    evse = next(iter(project.diagram.devices_of_kind("evse")))
    rcd = next(iter(project.diagram.devices_of_kind("rcd")))
    edits = (
        SetTag(evse.id, "EV99"),
        SetName(evse.id, "Visitor bay"),
        SetProjectField("settings", "spd_max_distance_m", 20.0),
    )
    for edit in edits:
        report = check_project(project)
        project.apply(edit)
        assert check_project(project) is not report, edit
    # the fresh report says what changed: an RCD of type A fails 722.531.3.101
    project.apply(SetAttribute(rcd.id, "rcd_type", "A"))
    failing = check_project(project)
    assert any(f.rule == "R722-RCD-TYPE" and f.severity is Severity.ERROR for f in failing.findings)


def test_an_acceptance_gives_a_fresh_report() -> None:
    project, _ = car_park(3)
    project.apply(SetProjectField("settings", "spd_max_distance_m", 5.0))
    before = check_project(project)
    finding = next(f for f in before.findings if f.rule == "R534-DIST")
    project.apply(accept(project, finding, "type 3 SPDs inside the chargers"))
    after = check_project(project)
    assert [a.finding.key for a in after.accepted] == [finding.key]
    assert finding.key not in {f.key for f in after.findings}


def test_a_profile_override_is_not_served_the_default_report() -> None:
    project, _ = car_park(3)
    default = check_project(project)
    uk = check_project(project, "UK")
    assert uk is not default and uk.profile == "UK"
    assert check_project(project) is not uk
