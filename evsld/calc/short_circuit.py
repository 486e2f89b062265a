"""Prospective short-circuit currents, IEC 60909-0 simplified (docs/short-circuit.md).

Impedances are summed from the source to each node as complex numbers R + jX (ohm):
- public LV supply: Z_Q = c_max U0 / Ik_max with R_Q = 0.1 X_Q, so X_Q = 0.995 Z_Q (60909-0
  6.2); the loop beyond the origin is Ze (or U0 / Ik_min), taken as a resistance;
- private substation: the MV network Z_Q = U_rT^2 / S_kQ (same R/X), the transformer
  Z_T = uk U_rT^2 / S_rT with R_T from its load losses (or R/X = 0.25 [J]); a Dyn
  transformer makes the single-phase loop Z_T + 2/3 Z_Q;
- cables: rho20 = rho1 / 1.25 at 20 C for maximum currents and R at the end-of-fault
  temperature (PVC 160 C, XLPE 250 C; 60909-0: R = (1 + 0.004 (theta - 20)) R20) for minimum
  currents and Zs; lambda = 0.08 mOhm/m per conductor.
Ik max = c_max U0 / |Z| (three-phase; single-phase branches take the phase-neutral loop);
Ik min = c_min U0 / |Z_loop| (phase-neutral, and phase-PE in TN), or the phase-to-phase
c_min sqrt3 U0 / (2 |Z|) where no loop exists. c_max 1.05, c_min 0.95 (LV, 60909-0 Table 1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import partial
from typing import Any, NamedTuple

from evsld.calc.tables import (
    ALPHA_PER_K,
    END_OF_FAULT_C,
    END_OF_FAULT_PVC_LARGE_C,
    LAMBDA_OHM_PER_M,
    RHO20,
)
from evsld.model.kinds.common import CABLE_SECTIONS_MM2

C_MAX = 1.05
C_MIN = 0.95
NETWORK_R_OVER_X = 0.1
TRANSFORMER_R_OVER_X = 0.25  # [J] when the load losses are not given
BUSWAY_R20_RATIO = 1.25  # busway r is at operating temperature; r20 = r / 1.25 [J]
TN_SYSTEMS = ("TN-S", "TN-C", "TN-C-S")


class ScState(NamedTuple):
    """Impedances (ohm) from the source to a node; None where the path is unknown."""

    phase_max: complex | None  # source + phase conductors, 20 C (three-phase Ik max)
    loop_n_max: complex | None  # single-phase loop through the neutral, 20 C
    phase_min: complex | None  # source + phase conductors, end-of-fault temperature
    loop_n_min: complex | None  # loop through the neutral, end-of-fault temperature
    loop_pe_min: complex | None  # loop through the protective conductor (TN only): Zs
    single_phase: bool = False
    mv_ssc_va: float | None = None  # above the transformer of a private substation


class RunImpedance(NamedTuple):
    """Impedances (ohm) of one conductor run: phase, neutral (None: no neutral) and PE."""

    phase20: complex
    phase_hot: complex
    neutral20: complex | None
    neutral_hot: complex | None
    pe_hot: complex

    def scaled(self, fraction: float) -> RunImpedance:
        """The impedance of a part of the run (a tap-off position along a busway)."""
        phase20, phase_hot, n20, n_hot, pe_hot = self
        return _run_impedance(
            (
                phase20 * fraction,
                phase_hot * fraction,
                None if n20 is None else n20 * fraction,
                None if n_hot is None else n_hot * fraction,
                pe_hot * fraction,
            )
        )


# one per cable and tap-off: built from a whole tuple, without the keyword handling
_run_impedance = partial(tuple.__new__, RunImpedance)
_sc_state = partial(tuple.__new__, ScState)


def _network(z_abs: float) -> complex:
    """A network impedance of magnitude |Z| with R = 0.1 X (so X = 0.995 Z)."""
    x = z_abs / math.hypot(1.0, NETWORK_R_OVER_X)
    return complex(NETWORK_R_OVER_X * x, x)


def public_source(
    u0_v: float, ik_max_ka: float, ze_ohm: float | None, ik_min_ka: float | None, earthing: str
) -> ScState:
    """The origin of an installation on a public LV network. Ze (a measured phase-PE(N)
    loop) serves the TN loops; a declared Ik min gives the loop U0 / Ik_min (the c_min of
    the minimum calculation then comes on top: conservative)."""
    phase = _network(C_MAX * u0_v / (ik_max_ka * 1000.0))
    tn = earthing in TN_SYSTEMS
    from_ik_min = None if ik_min_ka is None else complex(u0_v / (ik_min_ka * 1000.0), 0.0)
    from_ze = None if ze_ohm is None else complex(ze_ohm, 0.0)
    loop_n = from_ik_min if from_ik_min is not None else (from_ze if tn else None)
    loop_pe = (from_ze if from_ze is not None else from_ik_min) if tn else None
    return ScState(
        phase_max=phase,
        loop_n_max=loop_n,
        phase_min=None if loop_n is None else loop_n / 2,
        loop_n_min=loop_n,
        loop_pe_min=loop_pe,
    )


def mv_source(ssc_mva: float) -> ScState:
    """Above the transformer: only the MV short-circuit power is known."""
    return ScState(None, None, None, None, None, mv_ssc_va=ssc_mva * 1e6)


def transformer_impedance(
    rating_kva: float, uk_pct: float, load_losses_w: float | None, u_rt_v: float
) -> complex:
    s = rating_kva * 1000.0
    z = uk_pct / 100.0 * u_rt_v * u_rt_v / s
    if load_losses_w is not None:
        r = min(load_losses_w * u_rt_v * u_rt_v / (s * s), z)
        return complex(r, math.sqrt(z * z - r * r))
    x = z / math.sqrt(1.0 + TRANSFORMER_R_OVER_X**2)
    return complex(TRANSFORMER_R_OVER_X * x, x)


def through_transformer(state: ScState, attrs: Mapping[str, Any], earthing: str) -> ScState:
    """LV side of a Dyn transformer: phase Z_Q + Z_T, single-phase loop Z_T + 2/3 Z_Q."""
    u_rt = attrs["secondary_voltage_v"]
    z_t = transformer_impedance(attrs["rating_kva"], attrs["uk_pct"], attrs["load_losses_w"], u_rt)
    if state.mv_ssc_va is not None:
        z_q = _network(u_rt * u_rt / state.mv_ssc_va)
    elif state.phase_max is not None:
        z_q = state.phase_max
    else:
        return ScState(None, None, None, None, None)
    loop = z_t + z_q * (2.0 / 3.0)
    return ScState(
        phase_max=z_q + z_t,
        loop_n_max=loop,
        phase_min=z_q + z_t,
        loop_n_min=loop,
        loop_pe_min=loop if earthing in TN_SYSTEMS else None,
    )


def through_run(
    state: ScState, run_max: RunImpedance, run_min: RunImpedance, single_phase: bool
) -> ScState:
    """The node at the far end of a conductor run. The maximum currents may see a shorter
    run than the minimum ones (a tap-off of unknown position: feed end for Ik max, far end
    for Ik min). Unknown upstream stays unknown; a missing neutral breaks the neutral loop."""
    phase_max, loop_n_max, phase_min, loop_n_min, loop_pe_min, single, mv_ssc_va = state
    phase20, _, neutral20, _, _ = run_max
    _, phase_hot, _, neutral_hot, pe_hot = run_min
    return _sc_state(
        (
            None if phase_max is None else phase_max + phase20,
            None if loop_n_max is None or neutral20 is None else loop_n_max + (phase20 + neutral20),
            None if phase_min is None else phase_min + phase_hot,
            None
            if loop_n_min is None or neutral_hot is None
            else loop_n_min + (phase_hot + neutral_hot),
            None if loop_pe_min is None else loop_pe_min + (phase_hot + pe_hot),
            single or single_phase,
            mv_ssc_va,
        )
    )


def without_impedance(state: ScState, single_phase: bool) -> ScState:
    """Beyond a run whose impedance is unknown: Ik max keeps its upstream value (an upper
    bound), every minimum becomes unknown."""
    return ScState(
        state.phase_max, state.loop_n_max, None, None, None, state.single_phase or single_phase
    )


def ik_max_a(state: ScState, u0_v: float) -> float | None:
    """Maximum prospective current (A): three-phase, or the phase-neutral loop on a
    single-phase branch (the three-phase value bounds it when the loop is unknown)."""
    z = state.phase_max
    if state.single_phase and state.loop_n_max is not None:
        z = state.loop_n_max
    return None if z is None else C_MAX * u0_v / abs(z)


def ik_min_a(state: ScState, u0_v: float) -> float | None:
    """Minimum prospective current (A) over the fault loops that exist at the node."""
    loop_n, loop_pe = state.loop_n_min, state.loop_pe_min
    if loop_n is not None or loop_pe is not None:
        worst = max(
            0.0 if loop_n is None else abs(loop_n), 0.0 if loop_pe is None else abs(loop_pe)
        )
        return C_MIN * u0_v / worst
    if not state.single_phase and state.phase_min is not None:
        return C_MIN * math.sqrt(3.0) * u0_v / (2.0 * abs(state.phase_min))
    return None


def zs_ohm(state: ScState) -> float | None:
    """Fault-loop impedance Zs (TN) at end-of-fault conductor temperature (R41-TN-ZS)."""
    return None if state.loop_pe_min is None else abs(state.loop_pe_min)


def pe_section(phase_mm2: float) -> float:
    """IEC 60364-5-54 Table 54.2: S <= 16: S; 16 < S <= 35: 16; S > 35: S/2 rounded up to a
    standard section."""
    if phase_mm2 <= 16.0:
        return phase_mm2
    if phase_mm2 <= 35.0:
        return 16.0
    return next((s for s in CABLE_SECTIONS_MM2 if s >= phase_mm2 / 2 - 1e-9), phase_mm2)


def hot_factor(insulation: str, section_mm2: float) -> float:
    theta = END_OF_FAULT_C[insulation]
    if insulation == "PVC" and section_mm2 > 300.0:
        theta = END_OF_FAULT_PVC_LARGE_C
    return 1.0 + ALPHA_PER_K * (theta - 20.0)


def cable_per_metre(
    material: str,
    insulation: str,
    section: float,
    neutral_section: float | None,
    pe_section_given: float | None,
    neutral: bool,
    pen: bool,
    parallel: int,
) -> RunImpedance:
    rho20 = RHO20[material]
    x = complex(0.0, LAMBDA_OHM_PER_M / parallel)
    neutral_section = neutral_section or section
    hot = hot_factor(insulation, section)

    def conductor(s: float, factor: float) -> complex:
        return complex(rho20 / (s * parallel) * factor, 0.0) + x

    pe = neutral_section if pen else pe_section_given or pe_section(section)
    has_neutral = neutral or pen
    return RunImpedance(
        phase20=conductor(section, 1.0),
        phase_hot=conductor(section, hot),
        neutral20=conductor(neutral_section, 1.0) if has_neutral else None,
        neutral_hot=conductor(neutral_section, hot) if has_neutral else None,
        pe_hot=conductor(pe, hot_factor(insulation, pe)),
    )


def busway_run(r_ohm_per_m: float, x_ohm_per_m: float, length_m: float) -> RunImpedance:
    """A busway run: r at operating temperature serves the minimum currents, r / 1.25 the
    maximum; neutral and protective path taken equal to a phase conductor [J]."""
    hot = complex(r_ohm_per_m * length_m, x_ohm_per_m * length_m)
    cold = complex(r_ohm_per_m * length_m / BUSWAY_R20_RATIO, x_ohm_per_m * length_m)
    return RunImpedance(cold, hot, cold, hot, hot)
