"""One final circuit per template family worked by hand from the rule catalog (§6 tables,
Annex G drop formula with ρ 0.0225 Ω mm²/m and λ 0.08 mΩ/m), and the office case study's
demand from the design guide (§4). The figures in the docstrings are the derivations; the
test checks the template draws exactly those inputs and the oracle reads the same drop."""

from __future__ import annotations

import math

import pytest

from evsld.model.device import Device
from evsld.model.project import Project
from evsld.templates import build
from evsld.templates.areas import spd_places
from tests.templates.oracle import Reading

SIN_099 = math.sqrt(1 - 0.99**2)  # 0.14107
SIN_09 = math.sqrt(1 - 0.9**2)  # 0.43589


def named(project: Project, kind: str, name: str) -> Device:
    (device,) = [d for d in project.diagram.devices_of_kind(kind) if d.name == name]
    return device


def assert_cable(cable: Device, section: float, length: float, method: str, grouping: int) -> None:
    assert (cable["material"], cable["insulation"]) == ("Cu", "XLPE")
    assert cable["phase_section_mm2"] == section and cable["length_m"] == length
    assert cable["method"] == method and cable["grouping_circuits"] == grouping


def drops(r: Reading, evse: Device) -> list[float]:
    """The oracle's drop per cable from the origin down to the charger, in %."""
    return [r.drop_pct(r.diagram.device(d)) for d in r.topology.up(evse.id)
            if r.diagram.device(d).kind == "cable"]  # fmt: skip


def test_residential_bay_9_single_phase_on_the_ev_board() -> None:
    """7.4 kW single-phase: Ib = 32 A (rated current, not 7400/230 = 32.17 A), C32 1P+N.
    Bay 9 is 3 + 2.5 x 4 = 13 m from the board: 6 mm² (schedule: up to 19 m).
    Iz: E XLPE 2 loaded 6 mm² = 63 A x kG 0.75 (5 circuits per side on the perforated tray)
    = 47.25 A >= In 32 A >= Ib 32 A.
    Drop: 2 x 0.0225 x 13 / 6 x 32 = 3.120 V = 1.3565 %.
    EV board feeder: 50 mm² carries its 160 A, but the feeder breaker waits 0.1 s (time
    selectivity), so the fallback let-through is Ik² x 0.2 s with Ik = 1.05 x 20 kA: each
    conductor needs S >= 21 000 x √0.2 / 143 = 65.7 mm² -> 70 mm² (k²S² 100.2 MA²s >=
    88.2 MA²s). 70 mm² 40 m, Ib = the zone's 75 A: 0.0225 x 40/70 x 75 = 0.9643 V = 0.4193 %
    (128 A on L1 if the zone failed: 0.7155 %).
    Incomer 120 mm² 15 m (withstand: 21 000 x √0.3 / 143 = 80.4 mm² <= 120), Ib = flats
    147.6 kW / (√3 x 400 x 0.9) = 236.71 A + 75 A = 311.71 A at cos 0.9:
    (0.0225 x 15/120 x 0.9 + 0.00008 x 15 x 0.43589) x 311.71 = 0.9522 V = 0.4140 %.
    Total 2.1898 % (2.5 % with the zone failed) <= 4 % (80 % of 5 %)."""
    project = build("residential")
    evse = named(project, "evse", "Bay 9")
    breaker = named(project, "breaker", "Bay 9")
    assert (breaker["in_a"], breaker["curve"], breaker["poles"]) == (32.0, "C", "1P+N")
    assert_cable(named(project, "cable", "Bay 9"), 6.0, 13.0, "E", 5)
    assert_cable(named(project, "cable", "EV board"), 70.0, 40.0, "E", 1)
    assert_cable(named(project, "cable", "Incomer"), 120.0, 15.0, "E", 1)
    final = 100 * 2 * 0.0225 * 13 / 6 * 32 / 230
    feeder = 100 * 0.0225 * 40 / 70 * 75 / 230
    incomer = 100 * (0.0225 * 15 / 120 * 0.9 + 0.00008 * 15 * SIN_09) * 311.71 / 230
    assert 63 * 0.75 >= 32
    assert drops(Reading(project), evse) == pytest.approx([incomer, feeder, final], abs=1e-4)
    assert final == pytest.approx(1.3565, abs=1e-4) and incomer + feeder + final <= 4.0
    assert (143 * 70) ** 2 >= (1.05 * 20_000) ** 2 * 0.2 > (143 * 50) ** 2


def test_office_bay_1_on_the_busway_and_bay_25_on_the_outdoor_board() -> None:
    """22 kW three-phase, Ib = In = 32 A. Bay 1 hangs on a 32 A tap-off: C32 4P, RCD type B
    40 A 4P, 4 m drop cable, 6 mm² clipped direct (method C, alone): Iz = 51 A >= 32 A.
    Drop 0.0225 x 4/6 x 32 = 0.480 V = 0.2087 %. Busway feeder 95 mm² 40 m at the 250 A
    sub-zone limit: 0.0225 x 40/95 x 250 = 2.368 V = 1.0297 %. Incomer 2 x 240 mm² 10 m,
    Ib = 250 kW / (√3 x 400 x 0.9) = 400.94 A + the 380 A zone = 780.94 A at cos 0.9:
    (0.0225 x 10/240 x 0.9 + 0.00008 x 10 x 0.43589) / 2 x 780.94 = 0.4656 V = 0.2024 %.
    Total 1.4408 % + 1 % for the run, under 6.4 % (80 % of 8 %).
    Bay 25 is 3 + 2.5 x 4 = 13 m from the outdoor board, 6 mm² E XLPE 3 loaded 54 A x kG 0.75
    = 40.5 A >= 32 A; drop 0.0225 x 13/6 x 32 = 1.560 V = 0.6783 %."""
    project = build("office")
    r = Reading(project)
    rcd = named(project, "rcd", "Bay 1")
    assert (rcd["rcd_type"], rcd["i_delta_n_ma"], rcd["in_a"], rcd["poles"]) == (
        "B",
        30.0,
        40.0,
        "4P",
    )
    assert named(project, "tapoff", "Bay 1")["rating_a"] == 32.0
    assert_cable(named(project, "cable", "Bay 1"), 6.0, 4.0, "C", 1)
    assert_cable(named(project, "cable", "Indoor parking"), 95.0, 40.0, "E", 1)
    final = 100 * 0.0225 * 4 / 6 * 32 / 230
    feeder = 100 * 0.0225 * 40 / 95 * 250 / 230
    incomer = 100 * (0.0225 * 10 / 240 * 0.9 + 0.00008 * 10 * SIN_09) / 2 * 780.94 / 230
    assert drops(r, named(project, "evse", "Bay 1")) == pytest.approx(
        [incomer, feeder, final], abs=1e-4
    )
    assert incomer + feeder + final == pytest.approx(1.4408, abs=1e-4)
    assert_cable(named(project, "cable", "Bay 25"), 6.0, 13.0, "E", 5)
    assert 54 * 0.75 >= 32
    assert drops(r, named(project, "evse", "Bay 25"))[-1] == pytest.approx(0.6783, abs=1e-4)


def test_car_park_level_2_bay_25_on_a_plug_in_tap_off() -> None:
    """11 kW three-phase, Ib = In = 16 A: C16 4P and RCD type B 25 A in a 25 A tap-off,
    2.5 mm² clipped direct over 4 m: C XLPE 3 loaded 30 A >= 16 A.
    Drop 0.0225 x 4/2.5 x 16 = 0.576 V = 0.2504 %. Level 2 feeder 185 mm² 18 m at 25 x 16
    = 400 A: 0.0225 x 18/185 x 400 = 0.8757 V = 0.3807 %. Incomer 2 x 240 mm² 10 m at
    800 A, cos 1: 0.0225 x 10/480 x 800 = 0.375 V = 0.1630 %. Total 0.7942 %."""
    project = build("car-park")
    evse = named(project, "evse", "Level 2 bay 25")
    assert evse["mid_meter"] and evse["public_access"] and evse["integrated_rcd"] == "none"
    assert named(project, "tapoff", "Level 2 bay 25")["rating_a"] == 25.0
    assert named(project, "rcd", "Level 2 bay 25")["in_a"] == 25.0
    assert_cable(named(project, "cable", "Level 2 bay 25"), 2.5, 4.0, "C", 1)
    assert_cable(named(project, "cable", "Level 2"), 185.0, 18.0, "E", 1)
    final = 100 * 0.0225 * 4 / 2.5 * 16 / 230
    feeder = 100 * 0.0225 * 18 / 185 * 400 / 230
    incomer = 100 * 0.0225 * 10 / 480 * 800 / 230
    assert drops(Reading(project), evse) == pytest.approx([incomer, feeder, final], abs=1e-4)
    assert incomer + feeder + final == pytest.approx(0.7942, abs=1e-4)


def test_fleet_depot_dc_bay_5() -> None:
    """60 kW DC: I = 60000 / (0.95 x 0.99 x √3 x 400) = 92.08 A (catalog example 4) -> 100 A
    IEC 60947-2 3P. 35 mm² E XLPE 3 loaded 158 A x kG 0.75 (5 circuits) = 118.5 A >= 100 A
    carries it, but the withstand is sized at the origin's fault level: 630 kVA, uk 6 %:
    909.3 A / 0.06 = 15.16 kA, x 1.05 = 15.91 kA, cleared in 0.1 s: S >= 15 913 x √0.1 / 143
    = 35.2 mm² -> 50 mm² (192 A x 0.75 = 144 A).
    Bay 5 is 5 + 4 x 4 = 21 m away; at cos 0.99: (0.0225 x 21/50 x 0.99 + 0.00008 x 21 x
    0.14107) x 92.08 = 0.8833 V = 0.3840 %. DC feeder 240 mm² 60 m at 5 x 92.08 = 460.41 A:
    (0.0225 x 60/240 x 0.99 + 0.00008 x 60 x 0.14107) x 460.41 = 2.8756 V = 1.2503 %.
    Incomer 2 x 185 mm² 10 m at 100 kW / (√3 x 400 x 0.9) = 160.38 A + the 455 A zone
    = 615.38 A, cos 0.9: 0.4441 V = 0.1931 %. Total 1.8274 % <= 6.4 %."""
    project = build("fleet-depot")
    evse = named(project, "evse", "DC bay 5")
    assert evse["current_type"] == "DC" and evse["galvanic_separation"]
    breaker = named(project, "breaker", "DC bay 5")
    assert (breaker["in_a"], breaker["standard"], breaker["poles"]) == (100.0, "IEC 60947-2", "3P")
    assert_cable(named(project, "cable", "DC bay 5"), 50.0, 21.0, "E", 5)
    assert 192 * 0.75 >= 100 and (143 * 50) ** 2 >= 15_913**2 * 0.1 > (143 * 35) ** 2
    current = 60000 / (0.95 * 0.99 * math.sqrt(3) * 400)
    final = 100 * (0.0225 * 21 / 50 * 0.99 + 0.00008 * 21 * SIN_099) * current / 230
    feeder = 100 * (0.0225 * 60 / 240 * 0.99 + 0.00008 * 60 * SIN_099) * 5 * current / 230
    incomer = 100 * (0.0225 * 10 / 185 * 0.9 + 0.00008 * 10 * SIN_09) / 2 * 615.375 / 230
    assert current == pytest.approx(92.08, abs=0.01)
    assert drops(Reading(project), evse) == pytest.approx([incomer, feeder, final], abs=1e-4)
    assert incomer + feeder + final == pytest.approx(1.8274, abs=1e-4)


def test_office_case_study_fleet_1_and_the_visitors_dc_charger() -> None:
    """Fleet 1: 7.4 kW single-phase on its busway, C32 1P+N, RCD type B 40 A 1P+N, 6 mm²
    clipped direct 4 m: C XLPE 2 loaded 58 A >= 32 A; drop 2 x 0.0225 x 4/6 x 32 = 0.960 V
    = 0.4174 %. Visitors DC 180 kW: 276.24 A -> 320 A 3P; 185 mm² E XLPE 3 loaded 450 A x
    kG 0.82 (3 circuits on its side of the panel's tray) = 369 A >= 320 A; 10 m at cos 0.99:
    (0.0225 x 10/185 x 0.99 + 0.00008 x 10 x 0.14107) x 276.24 = 0.3638 V = 0.1582 %."""
    project = build("office-case-study")
    r = Reading(project)
    assert named(project, "rcd", "Fleet 1")["poles"] == "1P+N"
    assert_cable(named(project, "cable", "Fleet 1"), 6.0, 4.0, "C", 1)
    assert drops(r, named(project, "evse", "Fleet 1"))[-1] == pytest.approx(
        100 * 2 * 0.0225 * 4 / 6 * 32 / 230, abs=1e-4
    )
    assert 58 >= 32 and 450 * 0.82 >= 320
    assert named(project, "breaker", "Visitors DC")["in_a"] == 320.0
    assert_cable(named(project, "cable", "Visitors DC"), 185.0, 10.0, "E", 3)
    assert drops(r, named(project, "evse", "Visitors DC"))[-1] == pytest.approx(0.1582, abs=1e-4)


def test_office_case_study_demand_by_usage_group_matches_the_guide() -> None:
    """Guide §4: fleet 10 x 7.4 x 0.8 = 59.2 kW at night; employees 10 x 22 x 0.5 = 110 kW
    and visitors (180 + 4 x 22) x 0.8 = 214.4 kW by day: 324.4 day, 383.6 in total."""
    project = build("office-case-study")
    groups = {g.name: g for g in project.usage_groups}
    day = night = 0.0
    for evse in project.diagram.devices_of_kind("evse"):
        group = groups[evse["usage_group"]]
        kw = evse["power_kw"] * group.factor
        day += kw if group.period in ("day", "both") else 0.0
        night += kw if group.period in ("night", "both") else 0.0
    assert day == pytest.approx(324.4) and night == pytest.approx(59.2)
    assert day + night == pytest.approx(383.6)


def test_office_case_study_zone_keeps_the_site_under_250_kva() -> None:
    """Building 150 kVA = 216.51 A; 250 kVA = 360.84 A. The zone gives the chargers
    floor5(0.98 x 360.84 - 216.51) = floor5(137.11) = 135 A, so the origin carries
    216.51 + 135 = 351.51 A <= 360.84 A. R722-LMS-6A: 135 A for the 15 day points = 9 A each
    (fleet points charge at night; the catalog's per-point check over all 25 gives 5.4 A and
    warns)."""
    project = build("office-case-study")
    (zone,) = project.diagram.devices_of_kind("lms")
    assert (zone["mode"], zone["limit_a"]) == ("dynamic", 135.0)
    (supply,) = project.diagram.devices_of_kind("supply")
    assert supply["contracted_power_kva"] == 250.0
    assert Reading(project).ib[supply.id] == pytest.approx(216.506 + 135.0, abs=1e-3)


@pytest.mark.parametrize(
    ("points", "feeder_m", "expected"),
    [
        # 9 bays (1-11 m) 15 m from the origin's SPD: 15 + 11 + 4 = 30 m, none needed
        (9, 15.0, (False, set())),
        # 10 bays (1-12.25 m), 15 m: bay 10 is 31.25 m from the origin's; the feed unit's
        # reaches 12.25 + 4 = 16.25 m
        (10, 15.0, (True, set())),
        # 25 bays (1-31 m), 15 m: the origin's reaches bays 1-9 (<= 11 m); bay 10 (12.25 m) is
        # the first out; the farthest tap-off within 12.25 + 26 = 38.25 m is bay 25 (31 m),
        # |31 - 12.25| + 4 = 22.75 m from bay 10
        (25, 15.0, (False, {24})),
        # 40 bays (1-49.75 m), 40 m: the origin reaches none; the farthest within 1 + 26 = 27 m
        # is bay 21 (26 m), which reaches 26 + 26 = 52 m, past bay 40
        (40, 40.0, (False, {20})),
    ],
)
def test_busway_spds_go_where_one_reaches_every_bay(
    points: int, feeder_m: float, expected: tuple[bool, set[int]]
) -> None:
    """An SPD on the busbars (feed unit or tap-off) reaches 30 - 4 (drop) = 26 m of run either
    way; the origin's 26 - feeder_m from the feed end. Tap-offs at 1 + 1.25 i m."""
    positions = [1.0 + 1.25 * i for i in range(points)]
    assert spd_places(positions, feeder_m) == expected
