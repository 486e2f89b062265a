"""The drawing-consistency pack: every device fed, radially, from a known source."""

from __future__ import annotations

from evsld.model import Project
from evsld.model.operations import SetAttribute
from evsld.rules.engine import check_project
from evsld.rules.finding import Severity
from tests.builders import add_ev_feeder, car_park, supply_and_board


def by_rule(project: Project, rule: str):
    return [f for f in check_project(project).findings if f.rule == rule]


def test_a_correct_installation_is_clean() -> None:
    project, _ = car_park(3)
    report = check_project(project)
    assert report.errors == report.warnings == 0


def test_no_supply_is_an_error() -> None:
    project = Project()
    project.add("evse")
    (finding,) = by_rule(project, "TOPO-NO-SOURCE")
    assert finding.severity is Severity.ERROR and finding.clause == "IEC 60364-1 313.1"


def test_unfed_devices_name_the_open_device_that_cuts_them_off() -> None:
    project, feeders = car_park(1)
    project.apply(SetAttribute(feeders[0].rcd.id, "closed", False))
    findings = by_rule(project, "TOPO-UNFED")
    assert {f.devices for f in findings} == {(feeders[0].cable.id,), (feeders[0].evse.id,)}
    assert all("fed only through open F1" in f.message for f in findings)
    assert all(f.severity is Severity.ERROR for f in findings)


def test_an_isolated_device_is_reported_as_not_connected() -> None:
    project, _ = car_park(1)
    lonely = project.add("evse", name="Bay 7")
    (finding,) = by_rule(project, "TOPO-UNFED")
    assert finding.devices == (lonely.id,)
    assert finding.message.startswith("EV02 (Bay 7) is not fed: it is not connected to anything")


def test_a_closed_loop_is_an_error_listing_its_devices() -> None:
    project, _, board = supply_and_board()
    q = project.add("breaker")
    project.connect(board, q)
    project.connect(q, board, "out", "in")
    (finding,) = by_rule(project, "TOPO-LOOP")
    assert finding.devices == (board.id, q.id) and "+B1 - Q1" in finding.message


def test_two_sources_in_parallel_warn_once_per_source_set() -> None:
    project, supply, board = supply_and_board()
    second = project.add("supply")
    project.connect(second, board)
    add_ev_feeder(project, board)
    (finding,) = by_rule(project, "TOPO-MULTI-SOURCE")
    assert finding.severity is Severity.WARNING
    assert finding.devices[:2] == (supply.id, second.id)
    assert "G1, G2" in finding.message


def test_zones_controlling_each_other_in_a_circle_are_an_error() -> None:
    project, _ = car_park(1)
    a, b = project.add("lms"), project.add("lms")
    project.connect(a, b, "ctrl", "parent")
    project.connect(b, a, "ctrl", "parent")
    (finding,) = by_rule(project, "TOPO-LMS-CYCLE")
    assert set(finding.devices) == {a.id, b.id}


def test_an_empty_board_is_information_only() -> None:
    project, _, board = supply_and_board()
    (finding,) = by_rule(project, "TOPO-EMPTY-BOARD")
    assert finding.severity is Severity.INFO and finding.devices == (board.id,)


def test_a_crashing_rule_is_an_error_not_a_pass(monkeypatch) -> None:
    from evsld.rules.packs import topology

    def broken(self, view):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(topology.Loop, "check", broken)
    project, _ = car_park(1)
    (finding,) = by_rule(project, "ENGINE")
    assert (
        finding.severity is Severity.ERROR and "TOPO-LOOP could not be evaluated" in finding.message
    )
