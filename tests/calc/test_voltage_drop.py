"""Voltage drop: the neutral-aware generalisation of b, busways with distributed tap-offs."""

from __future__ import annotations

import pytest

from evsld.calc.analysis import analyse
from evsld.calc.voltage_drop import (
    cable_drops,
    distributed_drops,
    drop_v,
    even_positions,
    phase_drops,
)
from evsld.model import Project
from evsld.model.operations import SetAttribute
from tests.calc.circuits import SUPPLY, add_branch

R = 0.0225 * 30 / 6  # one 6 mm2 copper conductor over 30 m: 0.1125 ohm


def test_balanced_three_phase_is_b_1_and_one_loaded_phase_is_b_2() -> None:
    balanced = phase_drops((32.0, 32.0, 32.0), 1.0, 0.0, R, 0.0, R, 0.0)
    assert balanced == pytest.approx((R * 32,) * 3)
    assert balanced[0] == pytest.approx(drop_v(32.0, 30.0, 6.0))
    single = phase_drops((0.0, 32.0, 0.0), 1.0, 0.0, R, 0.0, R, 0.0)
    assert single[1] == pytest.approx(drop_v(32.0, 30.0, 6.0, single_phase=True))


def test_unbalanced_three_phase_adds_the_projected_neutral_drop() -> None:
    """(96, 64, 32) A: I_N = 48 - j27.7 A (|I_N| 55.4 A). On L1 the neutral adds
    Re(I_N) = 48 A worth of drop: u1 = R (96 + 48) = 144 R, 1.5 times the b = 1 value."""
    drops = phase_drops((96.0, 64.0, 32.0), 1.0, 0.0, R, 0.0, R, 0.0)
    assert drops[0] == pytest.approx(144 * R)
    # L2: I_N / a2 = (48 - j27.71) (-0.5 + j0.866) = 0 + j55.4: Re = 0 -> 64 R
    assert drops[1] == pytest.approx(64 * R)
    # L3: I_N / a3 = (48 - j27.71) (-0.5 - j0.866) = -48 - j27.7 -> (32 - 48) R = -16 R
    assert drops[2] == pytest.approx(-16 * R)


def test_a_reduced_neutral_weighs_more() -> None:
    full = cable_drops(
        (32.0, 0.0, 0.0),
        1.0,
        0.0,
        material="Cu",
        length_m=30.0,
        section_mm2=6.0,
        neutral_section_mm2=6.0,
    )
    reduced = cable_drops(
        (32.0, 0.0, 0.0),
        1.0,
        0.0,
        material="Cu",
        length_m=30.0,
        section_mm2=6.0,
        neutral_section_mm2=4.0,
    )
    assert reduced[0] == pytest.approx(32 * 0.0225 * 30 * (1 / 6 + 1 / 4))
    assert reduced[0] > full[0]


def test_n_equal_evenly_spaced_taps_give_n_plus_1_over_2n_of_the_end_load_drop() -> None:
    for n in (1, 2, 5, 10):
        drops = distributed_drops(even_positions(n, 100.0), [(1.0, 1.0, 1.0)] * n)
        end_load = 100.0 * n  # all n currents (1 V/m each) carried the whole 100 m
        assert drops[-1][0] == pytest.approx(end_load * (n + 1) / (2 * n))


def test_distributed_drops_with_given_positions_in_any_order() -> None:
    """Taps at 80 m (2 V/m) and 20 m (1 V/m): the first 20 m carry both (3 V/m), the next
    60 m only the far tap: 60 V at 20 m, 60 + 120 = 180 V at 80 m."""
    drops = distributed_drops([80.0, 20.0], [(2.0, 0.0, 0.0), (1.0, 0.0, 0.0)])
    assert drops[1][0] == pytest.approx(60.0)
    assert drops[0][0] == pytest.approx(180.0)
    same_spot = distributed_drops([50.0, 50.0], [(1.0, 0.0, 0.0), (1.0, 0.0, 0.0)])
    assert same_spot[0][0] == same_spot[1][0] == pytest.approx(100.0)


def busway_project(positions: list[float | None], **busway: object) -> tuple[Project, str, list]:
    project = Project()
    supply = project.add("supply", **SUPPLY)
    board = project.add("switchboard", role="main")
    feeder = project.add("breaker", standard="IEC 60947-2", curve="adjustable", in_a=250.0)
    attrs = {
        "family": "KS",
        "rating_a": 250.0,
        "length_m": 100.0,
        "r_mohm_per_m": 0.3,
        "x_mohm_per_m": 0.1,
        **busway,
    }
    run = project.add("busway", **attrs)
    project.connect(supply, board)
    project.connect(board, feeder)
    project.connect(feeder, run)
    taps = []
    for pos in positions:
        tap = project.add("tapoff", rating_a=63.0, position_m=pos)
        project.connect(run, tap)
        _, _, evse = add_branch(
            project,
            tap,
            cable={"phase_section_mm2": 6.0, "length_m": 1.0},
            leaf={"power_kw": 22.0, "rated_current_a": 32.0},
        )
        taps.append((tap, evse))
    return project, run.id, taps


def test_busway_without_positions_uses_even_spacing() -> None:
    """Four 32 A three-phase taps on 100 m at 0.3 mOhm/m, cos 1: end-load drop
    128 A x 0.03 ohm = 3.84 V; (n+1)/(2n) = 5/8 of it at the far tap = 2.4 V = 1.0435 %."""
    project, run, taps = busway_project([None] * 4)
    a = analyse(project)
    assert a.result(run).vdrop_pct == pytest.approx(100 * 2.4 / 230)
    assert a.result(run).iz_a == 250.0
    assert a.result(run).ib_a == pytest.approx(128.0)
    first_tap = a.result(taps[0][0].id)
    # first tap at 25 m: all 128 A over 25 m: 0.96 V
    assert first_tap.vdrop_cum_pct == pytest.approx(100 * 0.96 / 230)
    assert a.notes_for(run) == ()  # datasheet values given
    # short circuit: unknown positions -> feed end for Ik max, far end for Ik min
    line = a.result(a.result(run).ocpd_id)
    assert first_tap.ik_max_ka == pytest.approx(line.ik_max_ka)
    assert first_tap.ik_min_ka == pytest.approx(a.result(run).ik_min_ka)
    assert first_tap.ik_min_ka < line.ik_min_ka


def test_busway_with_positions_and_catalogue_impedance() -> None:
    project, run, taps = busway_project([10.0, 90.0], r_mohm_per_m=None, x_mohm_per_m=None)
    a = analyse(project)
    result = a.result(run)
    assert result.conductor.rx_from_catalogue
    assert result.conductor.r_ohm_per_m == pytest.approx(0.28e-3)
    assert result.conductor.x_ohm_per_m == pytest.approx(0.14e-3)
    (note,) = a.notes_for(run)
    assert note.code == "CALC-BUSWAY-RX-CATALOGUE" and note.severity == "warning"
    # 0.28 mOhm/m, cos 1: 64 A over 10 m then 32 A over 80 m
    near = 64 * 0.28e-3 * 10
    far = near + 32 * 0.28e-3 * 80
    assert a.result(taps[0][0].id).vdrop_cum_pct == pytest.approx(100 * near / 230)
    assert a.result(taps[1][0].id).vdrop_cum_pct == pytest.approx(100 * far / 230)
    assert result.vdrop_pct == pytest.approx(100 * far / 230)
    assert a.result(taps[0][0].id).ik_max_ka > a.result(taps[1][0].id).ik_max_ka


def test_busway_without_any_impedance_data() -> None:
    project, run, taps = busway_project(
        [None], family="KN", rating_a=250.0, r_mohm_per_m=None, x_mohm_per_m=None
    )
    a = analyse(project)
    (note,) = a.notes_for(run)
    assert note.code == "CALC-BUSWAY-RX-UNKNOWN" and note.severity == "error"
    end = a.result(taps[0][1].id)
    assert end.vdrop_cum_pct is None and end.ik_min_ka is None
    assert end.ik_max_ka is not None  # an upper bound: the busway counted as no impedance


def test_busway_load_management_scales_the_tap_currents() -> None:
    """The four 32 A taps under a 64 A zone: the busway carries 64 A, each tap counts for
    16 A in the busway's drop: 5/8 x 64 A x 0.03 ohm = 1.2 V."""
    project, run, taps = busway_project([None] * 4)
    zone = project.add("lms", limit_a=64.0)
    for _, evse in taps:
        project.connect(zone, evse, "ctrl", "ctrl")
    a = analyse(project)
    assert a.result(run).ib_a == pytest.approx(64.0)
    assert a.result(run).vdrop_pct == pytest.approx(100 * 1.2 / 230)


def test_a_single_phase_cable_without_neutral_is_noted() -> None:
    project = Project()
    supply = project.add("supply", **SUPPLY)
    _, cable, _ = add_branch(
        project, supply, cable={"phases": 1, "neutral": False}, leaf={"phases": 1, "power_kw": 7.4}
    )
    a = analyse(project)
    (note,) = a.notes_for(cable.id)
    assert note.code == "CALC-NO-NEUTRAL"
    project.apply(SetAttribute(cable.id, "neutral", True))
    assert analyse(project).notes_for(cable.id) == ()
