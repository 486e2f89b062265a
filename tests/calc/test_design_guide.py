"""The design guide's figures: reservation table (§3), day/night demand (§4), load-management
allocation (§7)."""

from __future__ import annotations

import pytest

from evsld.calc.analysis import analyse
from evsld.calc.load_management import PointDemand, allocate, min_power_kw
from evsld.calc.reservation import RESERVATION_DEFAULTS, power_reservation
from evsld.model import Project
from evsld.model.operations import SetAttribute, SetProjectList
from evsld.model.project_data import UsageGroup

# --- §3 power reservation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("site", "small", "large"),
    [
        ("residential", (0.50, 7.4, 0.4, 0.20), (0.75, 7.4, 0.4, 0.20)),
        ("workplace", (0.10, 11.0, 0.4, 0.10), (0.20, 11.0, 0.4, 0.20)),
        ("public_parking", (0.10, 22.0, 0.4, 0.10), (0.20, 22.0, 0.4, 0.20)),
        ("destination", (0.05, 11.0, 0.4, 0.05), (0.10, 11.0, 0.4, 0.10)),
    ],
)
def test_reservation_defaults_are_the_guides_table(site, small, large) -> None:
    for defaults, row in zip(RESERVATION_DEFAULTS[site], (small, large), strict=True):
        assert (
            defaults.share_equipped,
            defaults.p_evse_kw,
            defaults.cfn,
            defaults.min_reservation,
        ) == row


@pytest.mark.parametrize(
    ("site", "spaces", "points", "p_ev_kw"),
    [
        ("residential", 20, 10, 29.6),  # 0.5 x 20 x 7.4 x 0.4
        ("residential", 100, 75, 222.0),  # 0.75 x 100 x 7.4 x 0.4
        ("workplace", 30, 3, 13.2),  # 0.1 x 30 x 11 x 0.4
        ("workplace", 200, 40, 176.0),  # 0.2 x 200 x 11 x 0.4
        ("public_parking", 39, 4, 34.32),  # 0.1 x 39 x 22 x 0.4; 3.9 points -> 4
        ("public_parking", 40, 8, 70.4),  # exactly 40 takes the N > 40 column
        ("destination", 10, 1, 2.2),  # 0.05 x 10 x 11 x 0.4; 0.5 point -> 1
        ("destination", 60, 6, 26.4),  # 0.1 x 60 x 11 x 0.4
    ],
)
def test_power_reservation(site, spaces, points, p_ev_kw) -> None:
    r = power_reservation(site, spaces)
    assert r.points == points
    assert r.p_ev_kw == pytest.approx(p_ev_kw)


def test_power_reservation_overrides_every_default() -> None:
    r = power_reservation("residential", 40, share_equipped=1.0, p_evse_kw=11.0, cfn=1.0)
    assert (r.share_equipped, r.p_evse_kw, r.cfn) == (1.0, 11.0, 1.0)
    assert r.p_ev_kw == pytest.approx(440.0)
    assert r.points == 40
    with pytest.raises(ValueError):
        power_reservation("residential", -1)


# --- §4 day / night demand, office building case -----------------------------------------


def office_case(*, managed: bool) -> tuple[Project, list[str]]:
    """10 x 7.4 kW fleet (night, 0.8), 10 x 22 kW employees (day, 0.5), visitors 1 x 180 kW
    DC + 4 x 22 kW (day, 0.8: the factor that gives the guide's 214.4 kW)."""
    project = Project()
    project.apply(
        SetProjectList(
            "usage_groups",
            (
                UsageGroup("Fleet", "night", 0.8),
                UsageGroup("Employees", "day", 0.5),
                UsageGroup("Visitors", "day", 0.8),
            ),
        )
    )
    supply = project.add("supply", supply_kind="private_mv_lv")
    transformer = project.add("transformer", rating_kva=1000.0)
    main = project.add("switchboard", role="main", rated_current_a=1600.0)
    project.connect(supply, transformer)
    project.connect(transformer, main)
    zone = project.add("lms", limit_a=2000.0, mode="dynamic") if managed else None
    chargers = []
    specs = (
        [dict(power_kw=7.4, phases=1, rated_current_a=32.0, usage_group="Fleet")] * 10
        + [dict(power_kw=22.0, usage_group="Employees")] * 10
        + [
            dict(
                current_type="DC", power_kw=180.0, ac_input_current_a=280.0, usage_group="Visitors"
            )
        ]
        + [dict(power_kw=22.0, usage_group="Visitors")] * 4
    )
    phases = ("L1", "L2", "L3")
    for i, spec in enumerate(specs):
        if spec["power_kw"] > 100:
            breaker = project.add("breaker", standard="IEC 60947-2", curve="adjustable", in_a=320.0)
        else:
            breaker = project.add("breaker", in_a=32.0)
        phase = {"phase": phases[i % 3]} if spec.get("phases") == 1 else {}
        evse = project.add("evse", **spec, **phase)
        project.connect(main, breaker)
        project.connect(breaker, evse)
        if zone is not None:
            project.connect(zone, evse, "ctrl", "ctrl")
        chargers.append(evse.id)
    return project, chargers


def test_office_case_day_night_total_with_load_management() -> None:
    project, _ = office_case(managed=True)
    d = analyse(project).demand
    assert d.day_kw == pytest.approx(324.4)  # 110 + 214.4
    assert d.night_kw == pytest.approx(59.2)
    assert d.total_kw == pytest.approx(383.6)
    assert d.load_managed
    assert d.design_kw == pytest.approx(324.4)  # max(day, night)
    assert d.ev_installed_kw == pytest.approx(74 + 220 + 180 + 88)


def test_office_case_without_load_management_sizes_every_point_at_factor_1() -> None:
    project, _ = office_case(managed=False)
    a = analyse(project)
    d = a.demand
    assert (d.day_kw, d.night_kw, d.total_kw) == pytest.approx((324.4, 59.2, 383.6))
    assert not d.load_managed
    assert d.design_kw == pytest.approx(562.0)  # 722.311: Cfn 1 on every EV point
    ignored = {n.message.split("'")[1] for n in a.notes if n.code == "CALC-EV-FACTOR-IGNORED"}
    assert ignored == {"Fleet", "Employees", "Visitors"}


def test_office_case_zone_power_limit_caps_the_design_demand() -> None:
    project, _ = office_case(managed=True)
    zone = next(project.diagram.ids_of_kind("lms"))
    project.apply(SetAttribute(zone, "limit_kw", 250.0))
    d = analyse(project).demand
    assert d.day_kw == pytest.approx(324.4)  # the usage table is unchanged
    assert d.design_kw == pytest.approx(250.0)  # day capped at 250, night 59.2


# --- §7 load-management allocation -------------------------------------------------------


def test_allocation_guide_example() -> None:
    points = [PointDemand(3.7, min_power_kw(1))] * 3 + [PointDemand(22.0, min_power_kw(3))]
    full = allocate(33.1, points)
    assert full.allocated_kw == pytest.approx((3.7, 3.7, 3.7, 22.0)) and full.share == 1.0
    part = allocate(17.0, points)
    assert round(part.share, 2) == 0.51  # "each at 51 %"
    assert [round(kw, 1) for kw in part.allocated_kw[:3]] == [1.9, 1.9, 1.9]
    assert sum(part.allocated_kw) == pytest.approx(17.0)
    assert part.shed == ()


def test_allocation_clamps_to_the_6_amp_floor_then_sheds() -> None:
    assert min_power_kw(1) == pytest.approx(1.38)  # "1.4 kW on a 3.7 kW single-phase point"
    points = [PointDemand(3.7, 1.38)] * 3 + [PointDemand(22.0, 4.14)]
    # 9 kW: 9/33.1 = 27 % gives 1.0 kW < 1.38 to the small points: they are clamped, the
    # 22 kW point gets 9 - 3 x 1.38 = 4.86 kW
    clamped = allocate(9.0, points)
    assert clamped.allocated_kw == pytest.approx((1.38, 1.38, 1.38, 4.86))
    # 7 kW: the minimums (8.28 kW) do not fit; shedding the 22 kW point (listed first)
    # leaves 3 x 1.38 = 4.14 kW of minimums, and the three small points share 7 kW
    shed = allocate(7.0, points, shed_order=[3, 0, 1, 2])
    assert shed.shed == (3,)
    assert shed.allocated_kw == pytest.approx((7 / 3, 7 / 3, 7 / 3, 0.0))
