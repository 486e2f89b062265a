"""Fixes that add devices: where they go, how they are wired, and that a check alone never
takes ids or tags (fixes are built when applied)."""

from __future__ import annotations

from evsld.model import Placement, Project
from evsld.model.operations import MoveDevice, RemoveDevice, SetAttribute
from evsld.rules.engine import check_project
from evsld.rules.view import CheckView
from tests.builders import add_ev_feeder, car_park, supply_and_board


def topology_path(project: Project, tag: str) -> list[str]:
    device = project.diagram.by_tag(tag)
    return [project.diagram.device(d).tag for d in project.topology().up(device.id)]


def without_rcd() -> Project:
    project, feeders = car_park(1)
    project.apply(RemoveDevice(feeders[0].rcd.id))
    project.connect(feeders[0].breaker, feeders[0].cable)
    return project


def test_an_individual_rcd_is_spliced_below_the_dedicated_breaker() -> None:
    project = without_rcd()
    for tag, y in (("Q1", 300.0), ("W1", 500.0)):
        project.apply(MoveDevice(project.diagram.by_tag(tag).id, Placement(100.0, y)))
    (finding,) = check_project(project).findings
    assert finding.rule == "R722-RCD-PRESENT"
    assert finding.fix.label == "Add a 30 mA type B RCD for EV01"
    project.apply(finding.fix.operation)
    assert topology_path(project, "EV01") == ["G1", "+B1", "Q1", "F3", "W1", "EV01"]
    rcd = project.diagram.by_tag("F3")
    assert (rcd["rcd_type"], rcd["i_delta_n_ma"], rcd["poles"], rcd["in_a"]) == (
        "B",
        30.0,
        "4P",
        40.0,
    )
    breaker, cable = project.diagram.by_tag("Q1").placement, project.diagram.by_tag("W1").placement
    assert (rcd.placement.x, rcd.placement.y) == (
        (breaker.x + cable.x) / 2,
        (breaker.y + cable.y) / 2,
    )
    assert check_project(project).findings == ()


def test_a_check_takes_no_ids_for_fixes_nobody_applies() -> None:
    checked_often, checked_once = without_rcd(), without_rcd()
    for _ in range(3):
        check_project(checked_often)
    for project in (checked_often, checked_once):
        (finding,) = check_project(project).findings
        project.apply(finding.fix.operation)
    added = [
        sorted((d.id, d.tag) for d in p.diagram.devices_of_kind("rcd"))
        for p in (checked_often, checked_once)
    ]
    assert added[0] == added[1] == [("d8", "F3")]
    connections = [
        sorted(c.id for c in p.diagram.connections()) for p in (checked_often, checked_once)
    ]
    assert connections[0] == connections[1]


def test_a_far_charger_gets_a_type_2_spd_at_its_own_board_when_that_is_near() -> None:
    """Main board SPD, 40 m feeder to +B2, 10 m to EV01: 50 m > 30 m, but +B2 is 10 m away."""
    project, _, main = supply_and_board()
    project.connect(main, project.add("spd"))
    feeder, cable, sub = (
        project.add("breaker", in_a=63.0),
        project.add("cable", length_m=40.0),
        project.add("switchboard"),
    )
    project.connect(main, feeder)
    project.connect(feeder, cable)
    project.connect(cable, sub)
    f = add_ev_feeder(project, sub)
    project.apply(SetAttribute(f.cable.id, "length_m", 10.0))
    (finding,) = [f for f in check_project(project).findings if f.rule.startswith("R534")]
    assert finding.rule == "R534-DIST" and "50 m of cable from SPD F1" in finding.message
    assert finding.fix.label == "Add a type 2 SPD at +B2"
    project.apply(finding.fix.operation)
    assert CheckView.of(project).circuits.spd_cover(f.evse.id).metres == 10.0
    assert not [f for f in check_project(project).findings if f.rule.startswith("R534")]
