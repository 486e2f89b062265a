"""Load-management allocation (design guide §7) and the 6 A floor (R722-LMS-6A).

The available power is shared by an equal percentage of each point's nominal power. No
active point gets less than the IEC 61851-1 minimum of 6 A per phase (1.4 kW on a
single-phase 230 V point); points that cannot get it are clamped to it, and when even the
minimums do not fit, points are shed in the order the controller's rule gives (most energy
delivered first, or longest connected first: run-time facts, so the caller passes the order).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_CURRENT_A = 6.0  # IEC 61851-1: the smallest current a vehicle is told to draw


def current_per_point(limit_a: float, points: int) -> float:
    """The current each point gets when a zone's per-phase limit is shared by all of them."""
    return limit_a / points if points else math.inf


def max_sessions(limit_a: float, min_current_a: float = MIN_CURRENT_A) -> int:
    """How many points can charge at once at the minimum current: floor(limit / 6 A)."""
    return math.floor(limit_a / min_current_a + 1e-9)


def min_power_kw(phases: int, u0_v: float = 230.0, min_current_a: float = MIN_CURRENT_A) -> float:
    """The power of a point at the minimum current (1.38 kW single-phase at 230 V)."""
    return phases * u0_v * min_current_a / 1000.0


@dataclass(frozen=True, slots=True)
class PointDemand:
    nominal_kw: float
    min_kw: float


@dataclass(frozen=True, slots=True)
class Allocation:
    allocated_kw: tuple[float, ...]  # per point, 0 for a shed point
    shed: tuple[int, ...]  # indices of the shed points, in shedding order
    share: float  # fraction of nominal power given to points above their minimum


def allocate(
    available_kw: float,
    points: Sequence[PointDemand],
    shed_order: Sequence[int] | None = None,
) -> Allocation:
    """Equal-percentage sharing with minimum clamping and shedding (guide §7).

    `shed_order` lists point indices in the order they are shed (default: the last first)."""
    order = list(shed_order) if shed_order is not None else list(reversed(range(len(points))))
    active = set(range(len(points)))
    shed: list[int] = []
    while active and sum(points[i].min_kw for i in active) > available_kw + 1e-9:
        victim = next(i for i in order if i in active)
        active.discard(victim)
        shed.append(victim)
    nominal = sum(points[i].nominal_kw for i in active)
    if nominal <= available_kw + 1e-9:
        allocated = [points[i].nominal_kw if i in active else 0.0 for i in range(len(points))]
        return Allocation(tuple(allocated), tuple(shed), 1.0 if active else 0.0)
    clamped: set[int] = set()
    share = 0.0
    while True:
        free = [i for i in active if i not in clamped]
        budget = available_kw - sum(points[i].min_kw for i in clamped)
        free_nominal = sum(points[i].nominal_kw for i in free)
        share = budget / free_nominal if free_nominal > 0 else 0.0
        newly = {i for i in free if share * points[i].nominal_kw < points[i].min_kw}
        if not newly:
            break
        clamped |= newly
    allocated = [0.0] * len(points)
    for i in active:
        allocated[i] = points[i].min_kw if i in clamped else share * points[i].nominal_kw
    return Allocation(tuple(allocated), tuple(shed), share)
