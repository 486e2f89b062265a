"""Worked examples of the rules catalog §7 that are checks of these rules, built in code.

Examples 10 (earthing) and 12 (dedicated circuit, SPD) are fixture files under cases/ (their
titles name the example); examples 6, 7 and 9 vary one device over a matrix, so they live here.
"""

from __future__ import annotations

from typing import Any

import pytest

from evsld.model import Device, Project
from evsld.rules.engine import check_project
from evsld.rules.finding import Finding, Severity
from tests.builders import supply_and_board


def installation() -> tuple[Project, Device]:
    """Common ground of §7: TN-S, 230/400 V, public LV supply (Ze 0.1 ohm, main protection
    250 A), type 2 SPD at the main board."""
    project, _, board = supply_and_board(ze_ohm=0.1, main_in_a=250.0)
    project.connect(board, project.add("spd", spd_type="T2"))
    return project, board


def ev_point(
    project: Project, above: Device, rcd: dict[str, Any] | None, kind: str = "rcd", **evse: Any
) -> Device:
    """above -> C32 breaker -> RCD (or one C32 RCBO), both of energy-limiting class 3 ->
    30 m cable -> EVSE, Type 2 socket."""
    last = project.add(
        "breaker" if kind == "rcd" else kind,
        in_a=32.0,
        energy_class="3",
        **({} if kind == "rcd" else rcd),
    )
    project.connect(above, last)
    if rcd is not None and kind == "rcd":
        breaker, last = last, project.add("rcd", **rcd)
        project.connect(breaker, last)
    cable = project.add("cable", length_m=30.0, phases=evse.get("phases", 3))
    ev = project.add("evse", connector="type2_socket", **evse)
    project.connect(last, cable)
    project.connect(cable, ev)
    return ev


def findings(project: Project) -> dict[str, list[tuple[Severity, tuple[str, ...]]]]:
    out: dict[str, list[tuple[Severity, tuple[str, ...]]]] = {}
    for f in check_project(project).findings:
        tags = tuple(project.diagram.device(d).tag for d in f.devices)
        out.setdefault(f.rule, []).append((f.severity, tags))
    return out


def of_rules(project: Project, *rules: str) -> list[Finding]:
    """The findings of these rules only (single-phase points also unbalance the board)."""
    return [f for f in check_project(project).findings if f.rule in rules]


# --- example 6: the RCD matrix for a Type 2 socket ---------------------------------------------

MATRIX = [
    ("AC 30 mA", {"rcd_type": "AC"}, {}, "R722-RCD-TYPE"),
    ("A 30 mA without RDC-DD", {"rcd_type": "A"}, {}, "R722-RCD-TYPE"),
    ("A + RDC-DD", {"rcd_type": "A", "rdc_dd": True}, {}, None),
    ("F + RDC-DD (in the EVSE)", {"rcd_type": "F"}, {"rdc_dd": True}, None),
    ("A-EV", {"rcd_type": "A-EV"}, {}, None),
    ("B", {"rcd_type": "B"}, {}, None),
    ("B 100 mA", {"rcd_type": "B", "i_delta_n_ma": 100.0}, {}, "R722-RCD-PRESENT"),
]


@pytest.mark.parametrize(("name", "rcd", "evse", "rule"), MATRIX, ids=[m[0] for m in MATRIX])
def test_example_6_rcd_matrix(name: str, rcd: dict, evse: dict, rule: str | None) -> None:
    project, board = installation()
    ev_point(project, board, rcd, **evse)
    found = findings(project)
    if rule is None:
        assert found == {}, name
    else:
        assert found == {rule: [(Severity.ERROR, ("F2", "EV01"))]}, name


def test_example_6_one_a_30ma_rcd_shared_by_two_points_is_an_error() -> None:
    project, board = installation()
    shared = project.add("rcd", rcd_type="A", rdc_dd=True, in_a=63.0)
    project.connect(board, shared)
    ev_point(project, shared, None)
    ev_point(project, shared, None)
    assert findings(project) == {"R722-RCD-PRESENT": [(Severity.ERROR, ("F2", "EV01", "EV02"))]}


def test_example_6_single_pole_rcbo_is_an_error() -> None:
    project, board = installation()
    ev_point(project, board, {"rcd_type": "B", "poles": "1P"}, kind="rcbo", phases=1, power_kw=7.4)
    (finding,) = of_rules(project, "R722-RCD-POLES")
    assert (finding.rule, finding.severity) == ("R722-RCD-POLES", Severity.ERROR)
    assert "switches 1P (1 conductor(s))" in finding.message
    assert "all 2 live conductors" in finding.message


UPSTREAM = [
    ("A 100 mA above three A + RDC-DD points", "A", "general", 100.0, 3, "A", "R722-RCD-UP-DC"),
    ("A-S above a B", "A", "S", 300.0, 1, "B", "R722-RCD-UP-DC"),
    ("B-S 300 mA above a B", "B", "S", 300.0, 1, "B", None),
]


@pytest.mark.parametrize(
    ("name", "up_type", "delay", "ma", "points", "down_type", "rule"),
    UPSTREAM,
    ids=[u[0] for u in UPSTREAM],
)
def test_example_6_upstream_rcds(
    name: str, up_type: str, delay: str, ma: float, points: int, down_type: str, rule: str | None
) -> None:
    project, board = installation()
    upstream = project.add("rcd", rcd_type=up_type, delay=delay, i_delta_n_ma=ma, in_a=125.0)
    project.connect(board, upstream)
    for _ in range(points):
        ev_point(project, upstream, {"rcd_type": down_type, "rdc_dd": down_type == "A"})
    found = findings(project)
    found.pop("R535-RCD-SEL", None)  # selectivity is example 7's business
    if rule is None:
        assert found == {}
    else:
        ((severity, tags),) = found.pop(rule)
        assert severity is Severity.ERROR and tags[0] == "F2"
        assert found == {}


# --- example 7: RCD selectivity under a 30 mA general-type RCD ---------------------------------

SELECTIVITY = [
    ("300 mA S", 300.0, "S", None),
    ("100 mA general", 100.0, "general", "not time-delayed"),
    ("30 mA", 30.0, "general", "less than 3 x 30 mA"),
]


@pytest.mark.parametrize(
    ("name", "ma", "delay", "why"), SELECTIVITY, ids=[s[0] for s in SELECTIVITY]
)
def test_example_7_rcd_selectivity(name: str, ma: float, delay: str, why: str | None) -> None:
    project, board = installation()
    upstream = project.add("rcd", rcd_type="B", i_delta_n_ma=ma, delay=delay, in_a=63.0)
    project.connect(board, upstream)
    ev_point(project, upstream, {"rcd_type": "B"})
    found = [f for f in check_project(project).findings if f.rule == "R535-RCD-SEL"]
    if why is None:
        assert found == []
    else:
        (finding,) = found
        assert finding.severity is Severity.WARNING and why in finding.message
        assert [project.diagram.device(d).tag for d in finding.devices] == ["F2", "F3"]


# --- example 9: 200 A of load management for 40 three-phase 32 A points ------------------------


def test_example_9_load_management_floor() -> None:
    """200 A / 40 points = 5.0 A < 6 A (W); floor(200 / 6) = 33 sessions at once."""
    project, board = installation()
    zone = project.add("lms", limit_a=200.0)
    for _ in range(40):
        ev = ev_point(project, board, {"rcd_type": "B"}, rated_current_a=32.0)
        project.connect(zone, ev, "ctrl", "ctrl")
    (finding,) = check_project(project).findings
    assert (finding.rule, finding.severity, finding.devices) == (
        "R722-LMS-6A",
        Severity.WARNING,
        (zone.id,),
    )
    assert "200 A per phase shared by 40 connecting points gives 5.0 A per point" in finding.message
    assert "at most 33 sessions can charge at once" in finding.message


def test_example_9_counts_single_phase_points_on_their_own_phase() -> None:
    """Three 1-ph points on L1 and one on L2 under 20 A: L1 gets 20 / 3 = 6.67 A >= 6 A (ok);
    at 17 A, 17 / 3 = 5.67 A < 6 A on L1 (W), floor(17 / 6) = 2 sessions on L1."""
    project, board = installation()
    zone = project.add("lms", limit_a=20.0)
    for phase in ("L1", "L1", "L1", "L2"):
        ev = ev_point(
            project, board, {"rcd_type": "B", "poles": "1P+N"}, phases=1, phase=phase, power_kw=7.4
        )
        project.connect(zone, ev, "ctrl", "ctrl")
    assert of_rules(project, "R722-LMS-6A") == []
    from evsld.model.operations import SetAttribute

    project.apply(SetAttribute(zone.id, "limit_a", 17.0))
    (finding,) = of_rules(project, "R722-LMS-6A")
    assert "17 A per phase shared by 3 connecting points on L1 gives 5.7 A" in finding.message
    assert "at most 2 sessions can charge at once on L1" in finding.message


def test_a_power_limit_tighter_than_the_current_limit_governs() -> None:
    """30 kW over 3 x 230 V = 43.5 A per phase for 8 points: 5.4 A < 6 A (W)."""
    project, board = installation()
    zone = project.add("lms", limit_a=400.0, limit_kw=30.0)
    for _ in range(8):
        project.connect(zone, ev_point(project, board, {"rcd_type": "B"}), "ctrl", "ctrl")
    (finding,) = check_project(project).findings
    assert "30 kW (43.5 A per phase) shared by 8 connecting points gives 5.4 A" in finding.message


def test_a_parent_zone_limits_the_points_of_its_sub_zones() -> None:
    """Parent 20 A over two sub-zones of 2 points each: 20 / 4 = 5 A (W on the parent only)."""
    project, board = installation()
    parent = project.add("lms", limit_a=20.0)
    for _ in range(2):
        sub = project.add("lms", limit_a=16.0)
        project.connect(parent, sub, "ctrl", "parent")
        for _ in range(2):
            project.connect(sub, ev_point(project, board, {"rcd_type": "B"}), "ctrl", "ctrl")
    (finding,) = check_project(project).findings
    assert finding.devices == (parent.id,) and "4 connecting points" in finding.message
