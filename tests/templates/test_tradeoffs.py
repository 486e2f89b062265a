"""A declared trade-off accepts exactly the findings of its rule that involve its devices,
with its reason; other findings stay active."""

from __future__ import annotations

from evsld.model.operations import SetAttribute
from evsld.model.project import Project
from evsld.rules.engine import check_project
from evsld.templates.tradeoffs import TradeOff, accept_trade_offs
from tests.builders import Feeder, car_park

REASON = "the charger's own SPD is on order"


def far_charger_project() -> tuple[Project, list[Feeder]]:
    """Two chargers 45 m of cable from the origin's SPD: two R534-DIST warnings."""
    project, feeders = car_park(chargers=2)
    for f in feeders:
        project.apply(SetAttribute(f.cable.id, "length_m", 45.0))
    return project, feeders


def test_accepts_the_covered_finding_only() -> None:
    project, (near, far) = far_charger_project()
    assert [f.rule for f in check_project(project).findings].count("R534-DIST") == 2
    accept_trade_offs(project, [TradeOff("R534-DIST", frozenset({far.evse.id}), REASON)])
    report = check_project(project)
    assert [(a.finding.rule, a.reason) for a in report.accepted] == [("R534-DIST", REASON)]
    assert far.evse.id in report.accepted[0].finding.devices
    (active,) = [f for f in report.findings if f.rule == "R534-DIST"]
    assert near.evse.id in active.devices


def test_another_rule_is_not_accepted() -> None:
    project, (_, far) = far_charger_project()
    accept_trade_offs(project, [TradeOff("R-PH-UNB", frozenset({far.evse.id}), REASON)])
    assert project.acceptances == ()
