"""Automatic cable sizing: the smallest section that meets overload protection, cumulative
voltage drop and adiabatic withstand (IEC 60364-4-43 433.1 and 434.5.2, 5-52 525).

For each section of the Iz0 table column, in increasing order:
- Ib <= In <= Iz (R433-IB-IN-IZ) and I2 <= 1.45 Iz (R433-I2);
- upstream cumulative drop + this run's drop <= the limit (R525-VD);
- the protective device's let-through I2t <= k2 S2 (R434-ADIAB), when a let-through is known.
A condition that no section can meet (Ib > In, I2 unknown, no table value) is reported as
the reason, never skipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from evsld.calc.ampacity import IzDerivation, derive_iz
from evsld.calc.protection import adiabatic_withstand
from evsld.calc.results import Analysis
from evsld.calc.tables import K_ADIABATIC
from evsld.calc.voltage_drop import cable_drops, worst_pct
from evsld.model.kinds.common import CABLE_SECTIONS_MM2
from evsld.model.project import Project

OVERLOAD_MARGIN = 1.45  # I2 <= 1.45 Iz (433.1)


@dataclass(frozen=True, slots=True)
class CableDuty:
    """What a cable must carry and where it lies (everything but its section)."""

    phase_currents: tuple[float, float, float]
    active_share: float  # sum of I cos phi over sum of I (cos phi for a single load)
    reactive_share: float
    in_a: float
    i2_a: float | None
    material: str
    insulation: str
    construction: str
    method: str
    phases: int
    length_m: float
    ambient_c: float
    grouping_circuits: int
    arrangement: str
    parallel: int
    u0_v: float
    upstream_pct: float
    limit_pct: float
    let_through_a2s: float | None  # None: adiabatic withstand not checked

    @property
    def ib_a(self) -> float:
        return max(self.phase_currents)


@dataclass(frozen=True, slots=True)
class SectionCheck:
    section_mm2: float
    iz: IzDerivation
    vdrop_pct: float
    cumulative_pct: float
    k2s2_a2s: float
    failures: tuple[str, ...]  # empty: the section passes


@dataclass(frozen=True, slots=True)
class Sizing:
    section_mm2: float | None  # None: no section of the table meets every condition
    checks: tuple[SectionCheck, ...]  # the sections tried, smallest first
    reason: str  # why there is no section (empty when one was found)


def duty(
    ib_a: float,
    *,
    phases: int,
    cos_phi: float = 1.0,
    phase: int = 0,
    **fields: Any,
) -> CableDuty:
    """A balanced three-phase, or single-phase (on phase index `phase`), duty from Ib and
    cos phi; `fields` are the other CableDuty fields."""
    currents = [ib_a, ib_a, ib_a] if phases == 3 else [0.0, 0.0, 0.0]
    currents[phase] = ib_a
    sin_phi = math.sqrt(max(0.0, 1.0 - cos_phi * cos_phi))
    return CableDuty(
        (currents[0], currents[1], currents[2]), cos_phi, sin_phi, phases=phases, **fields
    )


def size_cable(d: CableDuty) -> Sizing:
    """The smallest section of the Iz table column meeting every condition of the duty."""
    if d.ib_a > d.in_a + 1e-9:
        return Sizing(
            None,
            (),
            f"Ib {d.ib_a:.1f} A exceeds In {d.in_a:g} A: choose a larger protective device first",
        )
    if d.i2_a is None:
        return Sizing(
            None,
            (),
            "the protective device has no known conventional tripping "
            "current I2: overload protection cannot be verified",
        )
    checks: list[SectionCheck] = []
    k = K_ADIABATIC[(d.material, d.insulation)]
    for section in CABLE_SECTIONS_MM2:
        iz = derive_iz(
            material=d.material,
            insulation=d.insulation,
            construction=d.construction,
            method=d.method,
            phases=d.phases,
            section_mm2=section,
            ambient_c=d.ambient_c,
            grouping_circuits=d.grouping_circuits,
            arrangement=d.arrangement,
            parallel=d.parallel,
        )
        if not isinstance(iz, IzDerivation):
            continue
        check = _check(d, section, iz, k)
        checks.append(check)
        if not check.failures:
            return Sizing(section, tuple(checks), "")
    if not checks:
        return Sizing(
            None,
            (),
            f"the Iz table has no value for {d.material} {d.insulation}, "
            f"method {d.method}, {d.phases}-phase",
        )
    return Sizing(None, tuple(checks), "no section of the table meets every condition")


def _check(d: CableDuty, section: float, iz: IzDerivation, k: float) -> SectionCheck:
    failures = []
    if iz.iz_a < d.in_a:
        failures.append(f"Iz {iz.iz_a:.1f} A < In {d.in_a:g} A")
    if d.i2_a is not None and d.i2_a > OVERLOAD_MARGIN * iz.iz_a:
        failures.append(f"I2 {d.i2_a:.1f} A > 1.45 Iz {OVERLOAD_MARGIN * iz.iz_a:.1f} A")
    drops = cable_drops(
        d.phase_currents,
        d.active_share,
        d.reactive_share,
        material=d.material,
        length_m=d.length_m,
        section_mm2=section,
        neutral_section_mm2=section,
        parallel=d.parallel,
    )
    drop_pct = worst_pct(drops, d.phase_currents, d.u0_v)
    cumulative = d.upstream_pct + drop_pct
    if cumulative > d.limit_pct + 1e-9:
        failures.append(f"cumulative drop {cumulative:.2f} % > {d.limit_pct:g} %")
    withstand = adiabatic_withstand(k, section)
    if d.let_through_a2s is not None and d.let_through_a2s > withstand:
        failures.append(f"I2t {d.let_through_a2s:.0f} A2s > k2S2 {withstand:.0f} A2s")
    return SectionCheck(section, iz, drop_pct, cumulative, withstand, tuple(failures))


def size_cable_in(project: Project, analysis: Analysis, cable_id: str) -> Sizing | None:
    """Size a drawn cable for the duty the analysis found (see `duty_in`). None when the
    cable is not fed or no overcurrent device protects it."""
    found = duty_in(project, analysis, cable_id)
    return found if not isinstance(found, CableDuty) else size_cable(found)


def duty_in(project: Project, analysis: Analysis, cable_id: str) -> CableDuty | Sizing | None:
    """The duty of a drawn cable as the analysis found it: its phase currents and power
    factor (the equivalent cos phi applied to the arithmetic current sum, which can only
    overstate the drop), its protective device and the drop at the device feeding it.
    None when the cable is not fed or no overcurrent device protects it; a Sizing without
    a section when the drop upstream is unknown."""
    result = analysis.result(cable_id)
    protection = analysis.protection_above(cable_id)
    if result is None or protection is None or result.conductor is None:
        return None
    upstream = analysis.result(project.topology().parent[cable_id])
    if upstream is None or upstream.vdrop_cum_pct is None or result.vdrop_limit_pct is None:
        return Sizing(None, (), "the voltage drop upstream of the cable is unknown")
    attrs = project.diagram.device(cable_id).attrs
    sin_phi = math.sqrt(max(0.0, 1.0 - result.cos_phi**2))
    return CableDuty(
        phase_currents=result.phase_currents_a,
        active_share=result.cos_phi,
        reactive_share=sin_phi,
        in_a=protection.ir_a,
        i2_a=protection.i2_a,
        material=attrs["material"],
        insulation=attrs["insulation"],
        construction=attrs["construction"],
        method=attrs["method"],
        phases=attrs["phases"],
        length_m=attrs["length_m"],
        ambient_c=attrs["ambient_c"],
        grouping_circuits=attrs["grouping_circuits"],
        arrangement=attrs["grouping_arrangement"],
        parallel=attrs["parallel"],
        u0_v=result.u0_v,
        upstream_pct=upstream.vdrop_cum_pct,
        limit_pct=result.vdrop_limit_pct,
        let_through_a2s=result.conductor.let_through_a2s,
    )
