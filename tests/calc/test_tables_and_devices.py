"""Iz tables and derating, protective-device characteristics, end-device currents."""

from __future__ import annotations

import pytest

from evsld.calc.ampacity import IzDerivation, Missing, ambient_factor, derive_iz, grouping_factor
from evsld.calc.currents import evse_point_current, leaf_current, load_current, unbalance_kva
from evsld.calc.protection import (
    BREAKER_RATINGS,
    GG_RATINGS,
    conventional_currents,
    let_through_i2t,
    magnetic_band,
    next_rating,
    protection_of,
)
from evsld.calc.tables import IZ0
from evsld.model import Project


def _iz(**overrides: object) -> IzDerivation | Missing:
    args: dict[str, object] = {
        "material": "Cu",
        "insulation": "XLPE",
        "construction": "multicore",
        "method": "C",
        "phases": 3,
        "section_mm2": 6.0,
        "ambient_c": 30.0,
        "grouping_circuits": 1,
        "arrangement": "bunched",
    }
    args.update(overrides)
    return derive_iz(**args)  # type: ignore[arg-type]


def test_table_spot_values() -> None:
    assert IZ0[("Cu", "B2", "PVC", 3)][1.5] == 14.5
    assert IZ0[("Cu", "E", "XLPE", 2)][240.0] == 641.0
    assert IZ0[("Al", "C", "XLPE", 3)][95.0] == 211.0
    assert IZ0[("Al", "E", "PVC", 2)][2.5] == 23.0
    assert 35.0 not in IZ0[("Cu", "B2", "PVC", 3)]  # "-" in the catalog
    assert IZ0[("Cu", "D", "XLPE", 3)] == {6.0: 46.0, 10.0: 61.0, 16.0: 79.0}


def test_derating_factors() -> None:
    assert ambient_factor("PVC", "C", 40.0) == 0.87
    assert ambient_factor("XLPE", "C", 32.0) == 0.96  # next tabulated temperature: 35 C
    assert ambient_factor("XLPE", "C", 10.0) == 1.04  # below the table: the 25 C factor
    assert ambient_factor("PVC", "C", 65.0) is None
    assert grouping_factor("bunched", "C", 4) == 0.65
    assert grouping_factor("bunched", "C", 10) == 0.45  # next tabulated count: 12
    assert grouping_factor("bunched", "C", 21) is None
    assert grouping_factor("ladder", "E", 40) == 0.78  # no further reduction
    d = _iz(grouping_circuits=6, ambient_c=40.0, arrangement="perforated_tray", method="E")
    assert d.iz_a == pytest.approx(54 * 0.91 * 0.73)
    assert _iz(parallel=2).iz_a == 2 * 51.0


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"method": "A1"}, "CALC-IZ-NO-TABLE"),
        ({"method": "F"}, "CALC-IZ-NO-TABLE"),
        ({"method": "B2", "insulation": "PVC", "section_mm2": 35.0}, "CALC-IZ-NO-TABLE"),
        ({"material": "Al", "section_mm2": 1.5}, "CALC-IZ-NO-TABLE"),
        ({"section_mm2": 300.0}, "CALC-IZ-NO-TABLE"),
        ({"construction": "single_core", "method": "E"}, "CALC-IZ-NO-TABLE"),
        ({"method": "D", "phases": 1}, "CALC-IZ-NO-TABLE"),
        ({"method": "D", "ambient_c": 30.0}, "CALC-IZ-NO-AMBIENT"),
        ({"ambient_c": 70.0}, "CALC-IZ-NO-AMBIENT"),
        ({"method": "D", "ambient_c": 20.0, "grouping_circuits": 2}, "CALC-IZ-NO-GROUPING"),
        ({"grouping_circuits": 30}, "CALC-IZ-NO-GROUPING"),
    ],
)
def test_combinations_without_a_value_are_missing_not_guessed(overrides, code) -> None:
    result = _iz(**overrides)
    assert isinstance(result, Missing)
    assert result.code == code


def test_buried_cable_at_the_ground_reference() -> None:
    assert _iz(method="D", ambient_c=20.0, section_mm2=10.0).iz_a == 61.0


def test_conventional_currents_by_standard() -> None:
    assert conventional_currents("mcb", 32.0) == pytest.approx((36.16, 46.4))
    assert conventional_currents("mccb", 200.0) == pytest.approx((210.0, 260.0))
    assert conventional_currents("gG", 63.0) == pytest.approx((78.75, 100.8))
    assert conventional_currents("gG", 10.0) == pytest.approx((15.0, 19.0))
    assert conventional_currents("gG", 4.0) == pytest.approx((6.0, 8.4))
    assert conventional_currents("aM", 63.0) == (None, None)
    assert conventional_currents("unknown", 63.0) == (None, None)


def test_protection_of_devices() -> None:
    project = Project()
    mcb = project.add("breaker", standard="IEC 60898-1", curve="B", in_a=16.0)
    p = protection_of(mcb.id, "breaker", mcb.attrs)
    assert (p.family, p.i_nf_a, p.i2_a, p.im_min_a, p.im_max_a, p.ia_a) == pytest.approx(
        ("mcb", 18.08, 23.2, 48.0, 80.0, 80.0)
    )
    mccb = project.add(
        "breaker",
        standard="IEC 60947-2",
        curve="adjustable",
        in_a=250.0,
        ir_a=200.0,
        im_a=2000.0,
        delay_ms=100.0,
    )
    p = protection_of(mccb.id, "breaker", mccb.attrs)
    assert (p.ir_a, p.i_nf_a, p.i2_a, p.im_min_a, p.im_max_a) == pytest.approx(
        (200.0, 210.0, 260.0, 1600.0, 2400.0)
    )
    assert let_through_i2t(p, 10_000.0) == pytest.approx(10_000.0**2 * 0.2)
    cps = project.add("breaker", standard="IEC 60947-6-2")
    assert protection_of(cps.id, "breaker", cps.attrs).i2_a is None
    rcbo = project.add("rcbo", standard="IEC 61009-1", curve="C", in_a=32.0)
    assert protection_of(rcbo.id, "rcbo", rcbo.attrs).i2_a == pytest.approx(46.4)
    fuse = project.add("fuse", fuse_class="gG", in_a=100.0)
    p = protection_of(fuse.id, "fuse", fuse.attrs)
    assert p.i2_a == pytest.approx(160.0) and p.ia_a is None
    assert let_through_i2t(p, 5000.0) is None  # no fixed time is safe for a fuse
    am = project.add("fuse", fuse_class="aM", in_a=100.0)
    assert protection_of(am.id, "fuse", am.attrs).i2_a is None


def test_magnetic_bands() -> None:
    assert magnetic_band("C", 32.0, 32.0, None) == (160.0, 320.0)
    assert magnetic_band("D", 10.0, 10.0, None) == (100.0, 200.0)
    assert magnetic_band("adjustable", 400.0, 320.0, None) == pytest.approx((2560.0, 3840.0))


def test_rating_series() -> None:
    assert next_rating(92.08) == 100.0
    assert next_rating(125.5) == 160.0
    assert next_rating(230.2) == 250.0
    assert next_rating(300.0) == 320.0
    assert next_rating(1700.0) is None
    assert next_rating(300.0, GG_RATINGS) == 315.0
    assert BREAKER_RATINGS[:3] == (6, 8, 10) and BREAKER_RATINGS[-1] == 1600


def test_end_device_currents() -> None:
    project = Project()
    settings = project.settings
    ev = project.add("evse", power_kw=11.0, rated_current_a=16.0, points=2)
    leaf = leaf_current("evse", ev.attrs, settings, 230.0, 400.0)
    assert leaf.phase_currents == (32.0, 32.0, 32.0)  # 2 points x 16 A
    assert leaf.demand_kw == 22.0
    locked = project.add("evse", rated_current_a=32.0, locked_current_a=20.0)
    assert evse_point_current(locked.attrs) == 20.0
    above = project.add("evse", rated_current_a=16.0, locked_current_a=32.0)
    assert evse_point_current(above.attrs) == 16.0  # a lock cannot raise the rating
    load = project.add("load", power_kw=100.0, cos_phi=0.8, demand_factor=0.5)
    leaf = leaf_current("load", load.attrs, settings, 230.0, 400.0)
    assert leaf.ib_a == pytest.approx(50_000 / (3**0.5 * 400 * 0.8))
    assert load_current(2.3, 1.0, 1, 230.0, 400.0) == pytest.approx(10.0)
    pv = project.add("pv", power_kw=9.2, phases=1, phase="L3")
    leaf = leaf_current("pv", pv.attrs, settings, 230.0, 400.0)
    assert leaf.phase_currents == pytest.approx((0.0, 0.0, 40.0))
    assert (leaf.draws, leaf.delivers, leaf.demand_kw) == (False, True, 0.0)
    assert leaf_current("breaker", {}, settings, 230.0, 400.0) is None
    assert unbalance_kva(96.0, 64.0, 32.0, 230.0) == pytest.approx(14.72)
