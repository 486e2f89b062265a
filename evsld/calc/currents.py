"""Design currents of the devices that draw or deliver power, and phase-current arithmetic.

Rule catalog, "Notation": the design current of an EV final circuit is the EVSE rated (or
key-locked configured) current per connecting point, never P/U (7.4 kW 1-ph = 32 A, 22 kW
3-ph = 32 A). DC chargers: the datasheet AC input current, else I = P/(eta PF sqrt3 U).
Building loads: I = P kd/(sqrt3 U cos phi) three-phase, P kd/(U0 cos phi) single-phase.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

SQRT3 = math.sqrt(3.0)
PHASE_INDEX = {"L1": 0, "L2": 1, "L3": 2}
PHASES = ("L1", "L2", "L3")


class LeafCurrent(NamedTuple):
    """What one end device draws (or delivers) on each phase, and how it was obtained."""

    phase_currents: tuple[float, float, float]
    cos_phi: float
    is_ev: bool
    draws: bool  # consumes power (loads, chargers, storage charging)
    delivers: bool  # feeds power back (PV, storage discharging)
    demand_kw: float  # rated active power for the demand table (factors applied later)
    estimated_dc: bool = False  # DC input current from the fallback formula

    @property
    def ib_a(self) -> float:
        return max(self.phase_currents)


def evse_point_current(attrs: Mapping[str, Any]) -> float:
    """Design current per connecting point of an AC EVSE: rated, or the key-locked value
    when one is configured (a lock above the rating cannot raise it)."""
    rated = attrs["rated_current_a"]
    locked = attrs["locked_current_a"]
    return rated if locked is None else min(rated, locked)


def dc_input_current(power_kw: float, u_v: float, efficiency: float, power_factor: float) -> float:
    """AC input current of a DC charger: I = P/(eta PF sqrt3 U) (rule catalog, fallback)."""
    return power_kw * 1000.0 / (efficiency * power_factor * SQRT3 * u_v)


def load_current(power_kw: float, cos_phi: float, phases: int, u0_v: float, u_v: float) -> float:
    """Line current of a load of active power P: P/(sqrt3 U cos phi) or P/(U0 cos phi)."""
    if phases == 3:
        return power_kw * 1000.0 / (SQRT3 * u_v * cos_phi)
    return power_kw * 1000.0 / (u0_v * cos_phi)


def spread(current: float, phases: int, phase: str) -> tuple[float, float, float]:
    """Phase currents of a device: all three phases, or its assigned one."""
    if phases == 3:
        return (current, current, current)
    vector = [0.0, 0.0, 0.0]
    vector[PHASE_INDEX[phase]] = current
    return (vector[0], vector[1], vector[2])


def neutral_current(i1: float, i2: float, i3: float) -> float:
    """I_N = sqrt(I1^2 + I2^2 + I3^2 - I1 I2 - I2 I3 - I3 I1) (R-PH-UNB; equal cos phi)."""
    value = i1 * i1 + i2 * i2 + i3 * i3 - i1 * i2 - i2 * i3 - i3 * i1
    return math.sqrt(value) if value > 0.0 else 0.0


def unbalance(i1: float, i2: float, i3: float) -> float:
    """u = (Imax - Iavg)/Iavg (R-PH-UNB), as a fraction; 0 with no current."""
    avg = (i1 + i2 + i3) / 3.0
    return (max(i1, i2, i3) - avg) / avg if avg > 0.0 else 0.0


def unbalance_kva(i1: float, i2: float, i3: float, u0_v: float) -> float:
    """Unbalanced power U0 (Imax - Imin) (kVA) that DSO rules limit (R-PH-DSO)."""
    return u0_v * (max(i1, i2, i3) - min(i1, i2, i3)) / 1000.0


def leaf_current(
    kind: str, attrs: Mapping[str, Any], settings: Mapping[str, Any], u0_v: float, u_v: float
) -> LeafCurrent | None:
    """The current of an end device that draws or delivers power; None for other kinds."""
    if kind == "evse":
        return _evse(attrs, settings, u_v)
    if kind == "load":
        power = attrs["power_kw"] * attrs["demand_factor"]
        current = load_current(power, attrs["cos_phi"], attrs["phases"], u0_v, u_v)
        phases = spread(current, attrs["phases"], attrs["phase"])
        return LeafCurrent(phases, attrs["cos_phi"], False, True, False, power)
    if kind in ("pv", "storage"):
        current = load_current(attrs["power_kw"], attrs["cos_phi"], attrs["phases"], u0_v, u_v)
        phases = spread(current, attrs["phases"], attrs["phase"])
        # storage charges (a load at its rated power) and discharges; PV only delivers
        draws = kind == "storage"
        return LeafCurrent(
            phases, attrs["cos_phi"], False, draws, True, attrs["power_kw"] if draws else 0.0
        )
    return None


def _evse(attrs: Mapping[str, Any], settings: Mapping[str, Any], u_v: float) -> LeafCurrent:
    points = attrs["points"]
    demand_kw = attrs["power_kw"] * points
    if attrs["current_type"] == "AC":
        cos_phi = attrs["cos_phi"] or settings["ac_evse_cos_phi"]
        current = points * evse_point_current(attrs)
        phases = spread(current, attrs["phases"], attrs["phase"])
        return LeafCurrent(phases, cos_phi, True, True, False, demand_kw)
    cos_phi = attrs["cos_phi"] or settings["dc_power_factor"]
    given = attrs["ac_input_current_a"]
    if given is not None:
        return LeafCurrent((given, given, given), cos_phi, True, True, False, demand_kw)
    eta = attrs["efficiency"] or settings["dc_efficiency"]
    current = dc_input_current(demand_kw, u_v, eta, cos_phi)
    return LeafCurrent((current, current, current), cos_phi, True, True, False, demand_kw, True)
