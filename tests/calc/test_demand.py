"""Branch currents with load-management caps (R722-DF1), generation, usage groups."""

from __future__ import annotations

import pytest

from evsld.calc.analysis import analyse
from evsld.model import Device, Project
from evsld.model.operations import SetAttribute, SetProjectList
from evsld.model.project_data import UsageGroup
from tests.calc.circuits import SUPPLY, add_branch


def car_park(
    boards: int, per_board: int
) -> tuple[Project, Device, list[Device], list[list[Device]]]:
    """Supply -> main board -> one sub-board per group of three-phase 32 A chargers."""
    project = Project()
    supply = project.add("supply", **SUPPLY)
    main = project.add("switchboard", role="main", rated_current_a=1600.0)
    project.connect(supply, main)
    subs, chargers = [], []
    for _ in range(boards):
        _, _, sub = add_branch(
            project,
            main,
            breaker={"standard": "IEC 60947-2", "curve": "adjustable", "in_a": 400.0},
            cable={"phase_section_mm2": 240.0},
            leaf_kind="switchboard",
        )
        subs.append(sub)
        chargers.append([add_branch(project, sub)[2] for _ in range(per_board)])
    return project, main, subs, chargers


def test_without_load_management_every_point_counts_at_its_rated_current() -> None:
    project, main, subs, _ = car_park(2, 5)
    a = analyse(project)
    assert a.result(subs[0].id).phase_currents_a == (160.0, 160.0, 160.0)
    assert a.result(main.id).ib_a == 320.0
    assert not a.demand.load_managed


def test_a_zone_caps_the_points_below_each_node_at_its_limit() -> None:
    """Zone of 100 A over 5 + 5 points on two boards: each board carries min(160, 100),
    the main board min(320, 100) = 100 A, a single point its own 32 A."""
    project, main, subs, chargers = car_park(2, 5)
    zone = project.add("lms", limit_a=100.0)
    for evse in chargers[0] + chargers[1]:
        project.connect(zone, evse, "ctrl", "ctrl")
    a = analyse(project)
    assert a.result(chargers[0][0].id).ib_a == 32.0
    assert a.result(subs[0].id).ib_a == 100.0
    assert a.result(main.id).ib_a == 100.0
    assert a.demand.load_managed


def test_one_zone_per_board_and_unmanaged_points_add_up() -> None:
    """Board 1 under a 100 A zone, board 2 unmanaged (160 A): main 260 A."""
    project, main, _, chargers = car_park(2, 5)
    zone = project.add("lms", limit_a=100.0)
    for evse in chargers[0]:
        project.connect(zone, evse, "ctrl", "ctrl")
    assert analyse(project).result(main.id).ib_a == 260.0


def test_nested_zones_cap_inside_out() -> None:
    """Two static sub-zones of 120 A under a 150 A main zone: each board 120 A, main 150 A;
    with the main zone at 300 A the main board carries 120 + 120 = 240 A."""
    project, main, subs, chargers = car_park(2, 5)
    top = project.add("lms", limit_a=150.0, mode="dynamic")
    for board_chargers in chargers:
        sub_zone = project.add("lms", limit_a=120.0)
        project.connect(top, sub_zone, "ctrl", "parent")
        for evse in board_chargers:
            project.connect(sub_zone, evse, "ctrl", "ctrl")
    a = analyse(project)
    assert [a.result(s.id).ib_a for s in subs] == [120.0, 120.0]
    assert a.result(main.id).ib_a == 150.0
    project.apply(SetAttribute(top.id, "limit_a", 300.0))
    assert analyse(project).result(main.id).ib_a == 240.0


def test_a_cycle_of_zone_parents_is_cut_and_still_caps() -> None:
    """Each zone names the other as its parent: the cycle is cut at the first zone, which
    becomes the main zone over the other: 5 x 32 A capped at 100 A on each board, 100 A
    at the main board."""
    project, main, _, chargers = car_park(2, 5)
    zones = [project.add("lms", limit_a=100.0), project.add("lms", limit_a=100.0)]
    project.connect(zones[0], zones[1], "ctrl", "parent")
    project.connect(zones[1], zones[0], "ctrl", "parent")
    for zone, board_chargers in zip(zones, chargers, strict=True):
        for evse in board_chargers:
            project.connect(zone, evse, "ctrl", "ctrl")
    assert analyse(project).result(main.id).ib_a == 100.0


def test_a_power_limit_bounds_each_phase_at_p_over_u0() -> None:
    """limit 63 A, 11.5 kW: 11500 / 230 = 50 A per phase at most."""
    project, _, subs, chargers = car_park(1, 5)
    zone = project.add("lms", limit_a=63.0, limit_kw=11.5)
    for evse in chargers[0]:
        project.connect(zone, evse, "ctrl", "ctrl")
    assert analyse(project).result(subs[0].id).ib_a == pytest.approx(50.0)


def test_generation_and_consumption_take_the_larger_per_phase() -> None:
    """A sub-board with a 32 A three-phase charger and a 13.8 kW single-phase PV on L1
    (60 A): L1 carries the PV's 60 A, L2 and L3 the charger's 32 A."""
    project, _, subs, _ = car_park(1, 1)
    add_branch(
        project, subs[0], leaf_kind="pv", leaf={"power_kw": 13.8, "phases": 1, "phase": "L1"}
    )
    a = analyse(project)
    assert a.result(subs[0].id).phase_currents_a == pytest.approx((60.0, 32.0, 32.0))
    assert a.demand.total_kw == pytest.approx(22.0)  # PV is not demand


def test_storage_is_both_a_load_and_a_source() -> None:
    project, _, subs, _ = car_park(1, 0)
    add_branch(project, subs[0], leaf_kind="storage", leaf={"power_kw": 50.0})
    a = analyse(project)
    assert a.result(subs[0].id).ib_a == pytest.approx(50_000 / (3**0.5 * 400))
    assert a.demand.total_kw == pytest.approx(50.0)


def test_building_loads_take_demand_and_usage_factors_in_the_table() -> None:
    """Load 100 kW, demand factor 0.6, group 'Offices' (day, 0.5): 30 kW by day.
    Its current keeps only the demand factor: 60 kW / (sqrt3 400 0.9) = 96.2 A."""
    project, main, _, _ = car_park(0, 0)
    project.apply(SetProjectList("usage_groups", (UsageGroup("Offices", "day", 0.5),)))
    add_branch(
        project,
        main,
        leaf_kind="load",
        leaf={"power_kw": 100.0, "demand_factor": 0.6, "cos_phi": 0.9, "usage_group": "Offices"},
    )
    a = analyse(project)
    assert a.result(main.id).ib_a == pytest.approx(60_000 / (3**0.5 * 400 * 0.9))
    d = a.demand
    assert (d.day_kw, d.night_kw, d.total_kw, d.design_kw) == pytest.approx((30, 0, 30, 30))


def test_unfed_chargers_are_noted_and_not_counted() -> None:
    project, main, _, chargers = car_park(1, 2)
    feeder = project.topology().children[main.id][0]
    project.apply(SetAttribute(feeder, "closed", False))
    a = analyse(project)
    assert a.result(chargers[0][0].id) is None
    assert a.demand.total_kw == 0.0
    (note,) = a.errors
    assert note.code == "CALC-UNFED" and chargers[0][0].id in note.devices
