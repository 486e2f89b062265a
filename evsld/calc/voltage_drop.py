"""Voltage drop (IEC 60364-5-52 Annex G form, rule catalog §6 and R525-VD).

    u = b (rho1 L/S cos phi + lambda L sin phi) Ib,   du% = 100 u / U0

b = 1 three-phase (balanced), b = 2 single-phase. evsld generalises b to unbalanced
three-phase circuits by adding the neutral conductor's drop projected on each phase
(`phase_drops`): with balanced currents that term vanishes (b = 1), with one loaded phase it
equals the phase drop (b = 2), and in between it gives the drop the worst phase really sees.
Busbar trunking with distributed tap-offs: `distributed_drops` sums each tap's current over
the run up to its position; n equal evenly spaced loads give (n+1)/(2n) of the end-load drop.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from evsld.calc.tables import LAMBDA_OHM_PER_M, RHO1

# R525-VD limits (%) by supply kind; lighting circuits (3 % / 6 %) are not EV circuits.
VDROP_LIMIT_PCT = {"public_lv": 5.0, "private_mv_lv": 8.0}

# unit phasors of L1, L2, L3 (positive sequence: L2 lags L1 by 120 degrees)
_A = (complex(1.0, 0.0), complex(-0.5, -math.sqrt(3) / 2), complex(-0.5, math.sqrt(3) / 2))

Phases = tuple[float, float, float]


def drop_v(
    ib_a: float,
    length_m: float,
    section_mm2: float,
    *,
    material: str = "Cu",
    cos_phi: float = 1.0,
    single_phase: bool = False,
) -> float:
    """The catalog's formula as written: u = b (rho1 L/S cos + lambda L sin) Ib (V)."""
    b = 2.0 if single_phase else 1.0
    sin_phi = math.sqrt(max(0.0, 1.0 - cos_phi * cos_phi))
    per_amp = (
        RHO1[material] * length_m / section_mm2 * cos_phi + LAMBDA_OHM_PER_M * length_m * sin_phi
    )
    return b * per_amp * ib_a


def percent(u_v: float, u0_v: float) -> float:
    return 100.0 * u_v / u0_v


def phase_drops(
    currents: Phases,
    cos_phi: float,
    sin_phi: float,
    r_ph: float,
    x_ph: float,
    r_n: float,
    x_n: float,
) -> Phases:
    """Drop (V) seen by a load on each phase of a segment: its own conductor's drop plus the
    neutral's, projected on that phase's voltage (Annex G projection, equal cos phi)."""
    k_ph = r_ph * cos_phi + x_ph * sin_phi
    i1, i2, i3 = currents
    neutral = i1 * _A[0] + i2 * _A[1] + i3 * _A[2]
    if abs(neutral) < 1e-9 * (i1 + i2 + i3 + 1.0):
        return (k_ph * i1, k_ph * i2, k_ph * i3)
    k_re = r_n * cos_phi + x_n * sin_phi
    k_im = x_n * cos_phi - r_n * sin_phi
    out = []
    for p, current in enumerate(currents):
        w = neutral * _A[p].conjugate()
        out.append(k_ph * current + k_re * w.real - k_im * w.imag)
    return (out[0], out[1], out[2])


def cable_drops(
    currents: Phases,
    cos_phi: float,
    sin_phi: float,
    *,
    material: str,
    length_m: float,
    section_mm2: float,
    neutral_section_mm2: float,
    parallel: int = 1,
) -> Phases:
    """Per-phase drop (V) of a cable run with rho1 (operating temperature) and lambda."""
    rho = RHO1[material]
    x = LAMBDA_OHM_PER_M * length_m / parallel
    r_ph = rho * length_m / (section_mm2 * parallel)
    r_n = rho * length_m / (neutral_section_mm2 * parallel)
    return phase_drops(currents, cos_phi, sin_phi, r_ph, x, r_n, x)


def worst_pct(drops: Sequence[float], phases: Sequence[float], u0_v: float) -> float:
    """The drop (%) on the worst phase that carries current (any phase if none does)."""
    if (phases[0] > 0.0 and phases[1] > 0.0 and phases[2] > 0.0) or not any(phases):
        return 100.0 * max(drops) / u0_v
    return 100.0 * max(drops[p] for p in range(3) if phases[p] > 0.0) / u0_v


def distributed_drops(
    positions_m: Sequence[float],
    tap_drops_per_m: Sequence[Phases],
) -> list[Phases]:
    """Per-phase drop (V) at every tap of a run, each tap's current flowing from the feed
    end to its position: drop(x_k) = sum_i min(x_i, x_k) d_i, with d_i the drop one metre
    of trunking gives for tap i's current."""
    order = sorted(range(len(positions_m)), key=positions_m.__getitem__)
    beyond = [sum(d[p] for d in tap_drops_per_m) for p in range(3)]  # taps not yet passed
    before = [0.0, 0.0, 0.0]  # sum of x_i d_i over taps already passed
    result: list[Phases] = [(0.0, 0.0, 0.0)] * len(positions_m)
    i = 0
    while i < len(order):
        j = i
        x = positions_m[order[i]]
        while j < len(order) and positions_m[order[j]] == x:  # taps at the same spot
            d = tap_drops_per_m[order[j]]
            for p in range(3):
                before[p] += x * d[p]
                beyond[p] -= d[p]
            j += 1
        at_x = (before[0] + x * beyond[0], before[1] + x * beyond[1], before[2] + x * beyond[2])
        for k in range(i, j):
            result[order[k]] = at_x
        i = j
    return result


def even_positions(count: int, length_m: float) -> list[float]:
    """n taps evenly spaced along a run: L/n, 2L/n, ..., L (the catalog's (n+1)/(2n) case)."""
    return [length_m * (k + 1) / count for k in range(count)]
