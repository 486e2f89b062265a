"""The Analysis object: caching per revision, what it exposes, notes, schedule, sizing."""

from __future__ import annotations

import pytest

from evsld.calc.analysis import analyse
from evsld.calc.schedule import cable_schedule, designation
from evsld.calc.sizing import size_cable_in
from evsld.model import Project
from evsld.model.operations import MoveDevice, SetAttribute, SetProjectField
from tests.calc.circuits import ev_circuit


def test_analysis_is_computed_once_per_revision() -> None:
    c = ev_circuit()
    first = analyse(c.project)
    assert analyse(c.project) is first
    c.project.apply(SetAttribute(c.cable.id, "length_m", 45.0))
    second = analyse(c.project)
    assert second is not first and second.revision == c.project.revision
    assert second.result(c.cable.id).vdrop_pct > first.result(c.cable.id).vdrop_pct
    assert analyse(c.project) is second


def test_two_projects_have_their_own_analysis() -> None:
    a, b = ev_circuit(), ev_circuit(cable={"length_m": 90.0})
    assert analyse(a.project).result(a.cable.id) != analyse(b.project).result(b.cable.id)


def test_every_fed_device_has_a_result_and_the_protection_above() -> None:
    c = ev_circuit()
    a = analyse(c.project)
    assert set(a.results) == set(c.project.topology().order)
    assert a.result(c.evse.id).ocpd_id == c.breaker.id
    assert a.result(c.breaker.id).ocpd_id is None  # strictly above
    assert a.protection_above(c.cable.id).device_id == c.breaker.id
    assert a.protection_above(c.breaker.id) is None
    assert a.protections[c.breaker.id].in_a == 32.0
    assert a.origin.device_id == c.supply.id
    assert [r.device_id for r in a.boards()] == [c.board.id]
    assert a.result("nonexistent") is None


def test_series_devices_share_the_values_of_their_position() -> None:
    c = ev_circuit()
    a = analyse(c.project)
    breaker, evse, cable = (a.result(d.id) for d in (c.breaker, c.evse, c.cable))
    assert breaker.ik_max_ka == a.result(c.board.id).ik_max_ka
    assert (evse.ik_max_ka, evse.vdrop_cum_pct) == (cable.ik_max_ka, cable.vdrop_cum_pct)
    assert breaker.ib_a == evse.ib_a == 32.0


def test_a_missing_iz_and_an_unknown_i2_are_errors_with_device_ids() -> None:
    c = ev_circuit(cable={"method": "A1"}, breaker={"standard": "other"})
    a = analyse(c.project)
    assert a.result(c.cable.id).iz_a is None
    codes = {n.code: n for n in a.notes_for(c.cable.id)}
    assert set(codes) == {"CALC-IZ-NO-TABLE", "CALC-I2-UNKNOWN"}
    assert codes["CALC-I2-UNKNOWN"].devices == (c.cable.id, c.breaker.id)
    assert all(n.severity == "error" for n in a.errors)
    assert "no table value for Cu XLPE 6 mm2, method A1, 3 loaded" in (
        codes["CALC-IZ-NO-TABLE"].message
    )


def test_a_drawing_without_supply_calculates_nothing_and_says_so() -> None:
    project = Project()
    project.add("evse")
    a = analyse(project)
    assert a.results == {} and a.origin is None
    (note,) = a.errors
    assert note.code == "CALC-NO-SUPPLY"
    assert analyse(Project()).notes == ()


def test_moving_a_device_keeps_the_analysis() -> None:
    """Placement is drawing only: the analysis is reused, not recomputed."""
    c = ev_circuit()
    before = analyse(c.project)
    c.project.apply(MoveDevice(c.evse.id, c.evse.placement.__class__(300.0, 500.0)))
    assert analyse(c.project) is before
    c.project.apply(SetProjectField("metadata", "title", "Car park B"))
    assert analyse(c.project) is before
    c.project.apply(SetAttribute(c.cable.id, "length_m", 41.0))
    after = analyse(c.project)
    assert after is not before and after.revision == c.project.electrical_revision
    assert after.result(c.evse.id).vdrop_cum_pct > before.result(c.evse.id).vdrop_cum_pct


def test_cable_schedule_rows() -> None:
    c = ev_circuit(cable={"phase_section_mm2": 6.0, "length_m": 30.0})
    a = analyse(c.project)
    (row,) = cable_schedule(c.project, a)
    assert (row.tag, row.from_tag, row.to_tag) == ("W1", "+B1", "EV01")
    assert row.designation == "Cu XLPE 5G6"
    assert (row.section_mm2, row.length_m, row.ib_a, row.in_a, row.iz_a) == (
        6.0,
        30.0,
        32.0,
        32.0,
        51.0,
    )
    assert row.vdrop_pct == pytest.approx(0.0225 * 30 / 6 * 32 / 230 * 100)
    assert row.vdrop_cum_pct == row.vdrop_pct


def test_cable_designations() -> None:
    project = Project()

    def name(**attrs: object) -> str:
        return designation(project.add("cable", **attrs).attrs)

    assert name(phases=1, phase_section_mm2=2.5) == "Cu XLPE 3G2.5"
    assert name(phase_section_mm2=95.0, neutral_section_mm2=50.0) == "Cu XLPE 3x95+50+PE50"
    assert name(phase_section_mm2=16.0, pen=True, material="Al") == "Al XLPE 4G16"
    assert name(phase_section_mm2=240.0, parallel=2) == "Cu XLPE 2x(3x240+240+PE120)"
    assert name(phase_section_mm2=10.0, neutral=False) == "Cu XLPE 4G10"


def test_size_a_drawn_cable_for_its_duty() -> None:
    """Example 2's circuit drawn with 2.5 mm2: the sizing proposes 4 mm2 (4.696 %)."""
    c = ev_circuit(
        cable={"phases": 1, "phase_section_mm2": 2.5, "length_m": 30.0},
        evse={"phases": 1, "power_kw": 7.4, "rated_current_a": 32.0},
        supply={"ik_max_ka": 1.0},
    )
    sizing = size_cable_in(c.project, analyse(c.project), c.cable.id)
    assert sizing.section_mm2 == 4.0
    assert sizing.checks[-1].cumulative_pct == pytest.approx(4.696, abs=5e-4)


def test_sizing_includes_the_adiabatic_withstand() -> None:
    """10 kA at the board and the MCB fallback I2t = 1e8 x 0.1 = 1e7 A2s: k2S2 (143^2 S^2)
    first exceeds it at 25 mm2 (1.28e7); 16 mm2 gives 5.2e6."""
    c = ev_circuit(cable={"phase_section_mm2": 6.0, "length_m": 10.0}, supply={"ik_max_ka": 10})
    a = analyse(c.project)
    cable = a.result(c.cable.id).conductor
    assert cable.let_through_a2s == pytest.approx(1e7, rel=1e-3)
    assert cable.k2s2_a2s == pytest.approx(736_164)
    sizing = size_cable_in(c.project, a, c.cable.id)
    assert sizing.section_mm2 == 25.0
    assert any("I2t" in f for f in sizing.checks[-2].failures)


def test_sizing_reports_what_no_section_can_fix() -> None:
    c = ev_circuit(breaker={"in_a": 25.0})
    sizing = size_cable_in(c.project, analyse(c.project), c.cable.id)
    assert sizing.section_mm2 is None and "Ib 32.0 A exceeds In 25 A" in sizing.reason
    c.project.apply(SetAttribute(c.breaker.id, "standard", "other"))
    c.project.apply(SetAttribute(c.breaker.id, "in_a", 32.0))
    sizing = size_cable_in(c.project, analyse(c.project), c.cable.id)
    assert sizing.section_mm2 is None and "I2" in sizing.reason


def test_a_single_phase_cable_feeding_a_three_phase_charger_is_an_error() -> None:
    c = ev_circuit(cable={"phases": 1}, evse={"phases": 3})
    (note,) = analyse(c.project).notes_for(c.cable.id)
    assert note.code == "CALC-CABLE-PHASES" and note.severity == "error"
