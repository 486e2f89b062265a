"""Load-management zones and the current vectors they cap (R722-DF1).

At a node D the EV points a zone governs below D count as min(their sum, the zone limit),
per phase; a sub-zone is capped first and then counts in its parent zone. A zone's limit per
phase is its current limit, and also P/U0 when it has a power limit (all of the power could
be taken on one phase).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

# A current vector: phase currents L1, L2, L3, then the sums over the phases of I cos phi
# and I sin phi (so that the voltage drops of mixed loads add up exactly).
Vector = tuple[float, float, float, float, float]
ZERO: Vector = (0.0, 0.0, 0.0, 0.0, 0.0)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Zone:
    """A load-management zone (one `lms` device) and its limits."""

    zone_id: str
    parent: str | None
    limit_a: float
    limit_kw: float | None
    depth: int  # 0 for a main zone, 1 for its sub-zones, ...

    def phase_cap_a(self, u0_v: float) -> float:
        if self.limit_kw is None:
            return self.limit_a
        return min(self.limit_a, self.limit_kw * 1000.0 / u0_v)


def add_vectors(*vectors: Vector) -> Vector:
    return add_all(vectors)


def add_all(vectors: Iterable[Vector]) -> Vector:
    a = b = c = d = e = 0.0
    for v in vectors:
        a += v[0]
        b += v[1]
        c += v[2]
        d += v[3]
        e += v[4]
    return (a, b, c, d, e)


def cap_vector(vector: Vector, cap_a: float) -> Vector:
    """Currents held under a per-phase limit; the cos/sin sums shrink in proportion (the
    guide's allocation scales every point by the same share)."""
    i1, i2, i3, a, r = vector
    if i1 <= cap_a and i2 <= cap_a and i3 <= cap_a:
        return vector
    c1, c2, c3 = min(i1, cap_a), min(i2, cap_a), min(i3, cap_a)
    total = i1 + i2 + i3
    share = (c1 + c2 + c3) / total if total > 0 else 0.0
    return (c1, c2, c3, a * share, r * share)


def nested_total(
    values: Mapping[str, T],
    zones: Mapping[str, Zone],
    cap: Callable[[Zone, T], T],
    add: Callable[[T, T], T],
    zero: T,
) -> T:
    """Sum of per-zone values, each zone capped after its sub-zones were added into it."""
    if len(values) == 1:  # one chain of zones (a charger, a single feeder): cap inside out
        ((zone_id, value),) = values.items()
        zone = zones[zone_id]
        value = cap(zone, value)
        while zone.parent is not None:
            zone = zones[zone.parent]
            value = cap(zone, value)
        return value
    pending = dict(values)
    result = zero
    while pending:
        deepest = max(zones[z].depth for z in pending)
        # in id order: the sum must not depend on the order the zones were met in (a kept
        # flow keeps its old order, evsld.calc.memo)
        for zone_id in sorted(z for z in pending if zones[z].depth == deepest):
            zone = zones[zone_id]
            capped = cap(zone, pending.pop(zone_id))
            if zone.parent is None:
                result = add(result, capped)
            else:
                below = pending.get(zone.parent)
                pending[zone.parent] = capped if below is None else add(below, capped)
    return result


def capped_currents(zoned: Mapping[str, Vector], zones: Mapping[str, Zone], u0_v: float) -> Vector:
    """The zone-governed currents at a node, every zone capped inside out."""
    return nested_total(
        zoned, zones, lambda zone, v: cap_vector(v, zone.phase_cap_a(u0_v)), add_vectors, ZERO
    )
