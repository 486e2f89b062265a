"""Short-circuit currents and Zs: the worked examples of docs/short-circuit.md and more."""

from __future__ import annotations

import math

import pytest

from evsld.calc.analysis import analyse
from evsld.calc.protection import ia_rcd, ia_tn
from evsld.calc.short_circuit import hot_factor, pe_section, transformer_impedance
from evsld.model import Project
from evsld.model.operations import SetAttribute
from tests.calc.circuits import ev_circuit


def test_docs_worked_example_1_public_supply_tn_s() -> None:
    c = ev_circuit(
        supply={"ik_max_ka": 10.0, "ze_ohm": 0.35},
        breaker={"curve": "C", "in_a": 32.0},
        cable={"material": "Cu", "insulation": "XLPE", "phase_section_mm2": 6.0, "length_m": 40.0},
    )
    a = analyse(c.project)
    origin = a.result(c.supply.id)
    assert origin.ik_max_ka == pytest.approx(10.0)
    assert origin.ik_min_ka == pytest.approx(0.95 * 230 / 0.35 / 1000)  # 624.3 A
    # Z_Q = 0.02415, X_Q = Z_Q/sqrt(1.01), R_Q = 0.1 X_Q; cable R 0.12, X 0.0032
    x_q = 0.02415 / math.sqrt(1.01)
    z_max = abs(complex(0.1 * x_q + 0.12, x_q + 0.0032))
    end = a.result(c.evse.id)
    assert end.ik_max_ka == pytest.approx(1.05 * 230 / z_max / 1000)
    assert end.ik_max_ka == pytest.approx(1.9259, abs=5e-5)
    # end of fault XLPE 250 C: 0.12 x 1.92 = 0.2304 per conductor, Ze 0.35 in the loop
    zs = abs(complex(0.35 + 2 * 0.2304, 2 * 0.0032))
    assert end.zs_ohm == pytest.approx(zs)
    assert end.zs_ohm == pytest.approx(0.8108, abs=5e-5)
    assert end.ik_min_ka == pytest.approx(0.2695, abs=5e-5)
    protection = a.protection_above(c.cable.id)
    assert protection.ia_a == 320.0
    assert end.zs_ohm * protection.ia_a == pytest.approx(259.46, abs=0.01)  # > 230 V
    assert end.zs_ohm * ia_rcd(30.0) < 230.0
    assert a.result(c.cable.id).conductor.ik_max_line_ka == pytest.approx(10.0)


def private_substation() -> tuple[Project, str, str]:
    project = Project()
    supply = project.add("supply", supply_kind="private_mv_lv", mv_ssc_mva=500.0)
    transformer = project.add(
        "transformer",
        rating_kva=630.0,
        uk_pct=6.0,
        load_losses_w=6500.0,
        secondary_voltage_v=410.0,
    )
    board = project.add("switchboard", role="main")
    project.connect(supply, transformer)
    project.connect(transformer, board)
    return project, transformer.id, board.id


def test_docs_worked_example_2_private_substation() -> None:
    project, transformer, board = private_substation()
    a = analyse(project)
    # Z_T = 0.06 x 410^2 / 630e3; R_T = 6500 x 410^2 / 630e3^2
    z_t = 0.06 * 410**2 / 630e3
    r_t = 6500 * 410**2 / 630e3**2
    x_t = math.sqrt(z_t**2 - r_t**2)
    x_q = 410**2 / 500e6 / math.sqrt(1.01)
    phase = complex(0.1 * x_q + r_t, x_q + x_t)
    loop = complex(r_t, x_t) + complex(0.1 * x_q, x_q) * 2 / 3
    result = a.result(board)
    assert result.ik_max_ka == pytest.approx(1.05 * 230 / abs(phase) / 1000)
    assert result.ik_max_ka == pytest.approx(14.775, abs=5e-4)
    assert result.ik_min_ka == pytest.approx(0.95 * 230 / abs(loop) / 1000)
    assert result.ik_min_ka == pytest.approx(13.460, abs=5e-4)
    assert result.zs_ohm == pytest.approx(0.016233, abs=5e-7)
    assert a.result(transformer).ik_max_ka == result.ik_max_ka
    assert a.result(project.topology().sources[0]).ik_max_ka is None  # MV side: not LV
    assert a.notes == ()


def test_transformer_without_load_losses_uses_r_over_x_025() -> None:
    z = transformer_impedance(630.0, 6.0, None, 410.0)
    assert abs(z) == pytest.approx(0.06 * 410**2 / 630e3)
    assert z.real / z.imag == pytest.approx(0.25)


def test_private_supply_without_transformer_is_noted() -> None:
    project = Project()
    supply = project.add("supply", supply_kind="private_mv_lv")
    board = project.add("switchboard")
    project.connect(supply, board)
    a = analyse(project)
    assert a.result(board.id).ik_max_ka is None
    (note,) = a.notes
    assert note.code == "CALC-SC-NO-SOURCE" and note.devices == (supply.id,)


def test_missing_ze_and_ik_min_leaves_ik_min_and_zs_unknown_with_a_note() -> None:
    c = ev_circuit(supply={"ze_ohm": None, "ik_min_ka": None})
    a = analyse(c.project)
    end = a.result(c.evse.id)
    assert end.ik_max_ka is not None
    assert end.ik_min_ka is None and end.zs_ohm is None
    (note,) = a.notes
    assert note.code == "CALC-SC-NO-LOOP" and note.severity == "error"
    c.project.apply(SetAttribute(c.supply.id, "earthing", "TT"))
    c.project.apply(SetAttribute(c.supply.id, "ra_ohm", 30.0))
    (note,) = analyse(c.project).notes
    assert note.code == "CALC-SC-NO-LOOP" and note.severity == "warning"  # no Zs needed in TT


def test_ik_min_declared_instead_of_ze() -> None:
    """Ik min 2 kA at the origin: loop U0/Ik_min = 0.115 ohm, then c_min on top."""
    c = ev_circuit(supply={"ze_ohm": None, "ik_min_ka": 2.0})
    origin = analyse(c.project).result(c.supply.id)
    assert origin.zs_ohm == pytest.approx(0.115)
    assert origin.ik_min_ka == pytest.approx(0.95 * 2.0)


def test_single_phase_branch_takes_the_phase_neutral_loop_for_ik_max() -> None:
    """Ze 0.3 ohm; 2.5 mm2 single-phase over 20 m: R20 = 0.018 x 20/2.5 = 0.144 ohm per
    conductor, X = 0.0016. Ik max = 1.05 x 230 / |0.3 + 0.288 + j0.0032|."""
    c = ev_circuit(
        supply={"ze_ohm": 0.3},
        cable={"phases": 1, "phase_section_mm2": 2.5, "length_m": 20.0},
        evse={"phases": 1, "power_kw": 3.7, "rated_current_a": 16.0},
    )
    end = analyse(c.project).result(c.evse.id)
    assert end.ik_max_ka * 1000 == pytest.approx(1.05 * 230 / abs(complex(0.588, 0.0032)))


def test_a_cable_without_neutral_leaves_only_the_pe_loop() -> None:
    """TN-S, PE 6 mm2 but no neutral: the PE loop gives Ik min. In IT no loop exists and
    the phase-to-phase value is used."""
    c = ev_circuit(
        cable={"neutral": False, "phase_section_mm2": 6.0, "length_m": 40.0},
        supply={"ze_ohm": 0.35},
    )
    end = analyse(c.project).result(c.evse.id)
    assert end.ik_min_ka == pytest.approx(0.2695, abs=5e-5)  # as example 1 (PE = 6 mm2)
    c.project.apply(SetAttribute(c.supply.id, "earthing", "IT"))
    c.project.apply(SetAttribute(c.supply.id, "ik_min_ka", 1.0))
    end = analyse(c.project).result(c.evse.id)
    assert end.zs_ohm is None
    # the origin's neutral loop 0.23 ohm gives a phase impedance of 0.115 ohm; cable hot
    # 0.2304 + j0.0032: Ik2 = 0.95 sqrt3 230 / (2 |0.3454 + j0.0032|)
    assert end.ik_min_ka * 1000 == pytest.approx(
        0.95 * math.sqrt(3) * 230 / (2 * abs(complex(0.115 + 0.2304, 0.0032)))
    )


def test_hot_factors_and_pe_table() -> None:
    assert hot_factor("XLPE", 6.0) == pytest.approx(1.92)
    assert hot_factor("PVC", 6.0) == pytest.approx(1.56)
    assert hot_factor("PVC", 400.0) == pytest.approx(1.48)
    assert [pe_section(s) for s in (6.0, 16.0, 25.0, 35.0, 50.0, 70.0, 95.0, 240.0)] == [
        6.0,
        16.0,
        16.0,
        16.0,
        25.0,
        35.0,
        50.0,
        120.0,
    ]


def test_ia_for_tn_disconnection() -> None:
    assert ia_tn("B", 16.0, 16.0, None) == 80.0
    assert ia_tn("C", 32.0, 32.0, None) == 320.0
    assert ia_tn("D", 20.0, 20.0, None) == 400.0
    assert ia_tn("adjustable", 250.0, 200.0, None) == pytest.approx(2400.0)  # 10 Ir + 20 %
    assert ia_tn("adjustable", 250.0, 200.0, 1500.0) == pytest.approx(1800.0)
    assert ia_tn(None, 32.0, 32.0, None) is None
    assert ia_rcd(30.0) == pytest.approx(0.15)
