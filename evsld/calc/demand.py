"""Demand: load-management caps on EV currents (R722-DF1) and the day/night demand table.

722.311: every EV connecting point may run at its rated current at once (demand factor 1)
unless a load-management zone limits it; at a node D the governed points below D count as
min(their sum, the zone limit) per phase, nested zones inside out. A zone's limit per phase
is its current limit, and also P/U0 when it has a power limit (all of the power could be
taken on one phase).

The demand table follows the design guide §4: each consumer's rated power times its usage
group's factor, in the group's period (day, night or both); total counts each consumer
once. The installation is sized (design_kw) on max(day, night) when load management
governs EV points (ungoverned points then count at factor 1 in both periods), and on the
total with factor 1 on every EV point without load management.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from evsld.calc.notes import EV_FACTOR_IGNORED, CalcNote, NoteSeverity
from evsld.model.project_data import UsageGroup

# A current bucket: phase currents L1, L2, L3 and the sums of I cos phi and I sin phi over
# the phases (so voltage drops of mixed loads add up exactly).
Bucket = list[float]


def empty_bucket() -> Bucket:
    return [0.0, 0.0, 0.0, 0.0, 0.0]


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


def cap_bucket(bucket: Bucket, cap_a: float) -> Bucket:
    """A zone's governed currents held under its per-phase limit; the cos/sin sums shrink
    in proportion (the guide's allocation scales every point by the same share)."""
    i1, i2, i3, a, r = bucket
    if i1 <= cap_a and i2 <= cap_a and i3 <= cap_a:
        return bucket
    c1, c2, c3 = min(i1, cap_a), min(i2, cap_a), min(i3, cap_a)
    total = i1 + i2 + i3
    share = (c1 + c2 + c3) / total if total > 0 else 0.0
    return [c1, c2, c3, a * share, r * share]


def add_into(target: Bucket, other: Sequence[float]) -> None:
    for k in range(5):
        target[k] += other[k]


def capped_total(zoned: Mapping[str, Bucket], zones: Mapping[str, Zone], u0_v: float) -> Bucket:
    """Sum of zone-governed currents at a node, each zone capped inside out."""
    if len(zoned) == 1:
        ((zone_id, bucket),) = zoned.items()
        zone = zones[zone_id]
        if zone.parent is None:
            return cap_bucket(bucket, zone.phase_cap_a(u0_v))
    pending: dict[str, Bucket] = {z: list(b) for z, b in zoned.items()}
    result = empty_bucket()
    while pending:
        deepest = max(zones[z].depth for z in pending)
        for zone_id in [z for z in pending if zones[z].depth == deepest]:
            zone = zones[zone_id]
            capped = cap_bucket(pending.pop(zone_id), zone.phase_cap_a(u0_v))
            if zone.parent is None:
                add_into(result, capped)
            else:
                add_into(pending.setdefault(zone.parent, empty_bucket()), capped)
    return result


@dataclass(frozen=True, slots=True)
class Consumer:
    """One fed device's contribution to the demand table."""

    device_id: str
    demand_kw: float
    phase_currents: tuple[float, float, float]
    is_ev: bool
    zone: str | None  # innermost governing zone
    usage_group: str


@dataclass(frozen=True, slots=True)
class DemandSummary:
    day_kw: float
    night_kw: float
    total_kw: float
    design_kw: float
    load_managed: bool  # some EV points are governed by a load-management zone
    ev_installed_kw: float  # every EV point at its rated power


def _factor_and_periods(
    group_name: str, groups: Mapping[str, UsageGroup]
) -> tuple[float, tuple[str, ...]]:
    group = groups.get(group_name) if group_name else None
    if group is None:
        return 1.0, ("day", "night")
    periods = ("day", "night") if group.period == "both" else (group.period,)
    return group.factor, periods


def demand_summary(
    consumers: Iterable[Consumer],
    usage_groups: Sequence[UsageGroup],
    zones: Mapping[str, Zone],
    u0_v: float,
) -> tuple[DemandSummary, list[CalcNote]]:
    groups = {g.name: g for g in usage_groups}
    table = {"day": 0.0, "night": 0.0}
    total = 0.0
    free = {"day": 0.0, "night": 0.0}  # non-EV and unmanaged EV, design basis
    free_total = 0.0
    zoned_kw: dict[str, dict[str, float]] = {"day": {}, "night": {}}
    zone_currents: dict[str, Bucket] = {}
    ignored: dict[str, list[str]] = {}
    ev_kw = 0.0
    for c in consumers:
        factor, periods = _factor_and_periods(c.usage_group, groups)
        contribution = c.demand_kw * factor
        total += contribution
        for p in periods:
            table[p] += contribution
        if c.is_ev:
            ev_kw += c.demand_kw
        if c.is_ev and c.zone is None:
            free_total += c.demand_kw
            for p in ("day", "night"):
                free[p] += c.demand_kw
            if factor < 1.0 or len(periods) < 2:
                ignored.setdefault(c.usage_group, []).append(c.device_id)
        elif c.is_ev:
            for p in periods:
                zoned_kw[p][c.zone] = zoned_kw[p].get(c.zone, 0.0) + contribution
            add_into(zone_currents.setdefault(c.zone, empty_bucket()), (*c.phase_currents, 0, 0))
        else:
            free_total += contribution
            for p in periods:
                free[p] += contribution
    managed = bool(zone_currents)
    if managed:
        caps = _zone_caps_kw(zone_currents, zones, u0_v)
        design = max(free[p] + _capped_kw(zoned_kw[p], zones, caps) for p in ("day", "night"))
    else:
        design = free_total
    notes = [
        CalcNote(
            EV_FACTOR_IGNORED,
            NoteSeverity.INFO,
            tuple(ids),
            f"usage group '{name}' (factor {groups[name].factor:g}, {groups[name].period}) is "
            "not applied to EV points without load management: they are sized at factor 1 "
            "in both periods (722.311)",
        )
        for name, ids in ignored.items()
    ]
    summary = DemandSummary(table["day"], table["night"], total, design, managed, ev_kw)
    return summary, notes


def _zone_caps_kw(
    zone_currents: Mapping[str, Bucket], zones: Mapping[str, Zone], u0_v: float
) -> dict[str, float]:
    """Each zone's power ceiling: U0 x sum over phases of min(governed current, cap), and
    its power limit when it has one. Currents of nested zones count in their parents."""
    raw: dict[str, Bucket] = {}
    for zone_id, bucket in zone_currents.items():
        current: str | None = zone_id
        while current is not None:
            add_into(raw.setdefault(current, empty_bucket()), bucket)
            current = zones[current].parent
    caps = {}
    for zone_id, bucket in raw.items():
        zone = zones[zone_id]
        cap = zone.phase_cap_a(u0_v)
        kw = u0_v * sum(min(i, cap) for i in bucket[:3]) / 1000.0
        caps[zone_id] = kw if zone.limit_kw is None else min(kw, zone.limit_kw)
    return caps


def _capped_kw(
    direct: Mapping[str, float], zones: Mapping[str, Zone], caps: Mapping[str, float]
) -> float:
    pending = dict(direct)
    result = 0.0
    while pending:
        deepest = max(zones[z].depth for z in pending)
        for zone_id in [z for z in pending if zones[z].depth == deepest]:
            zone = zones[zone_id]
            value = min(pending.pop(zone_id), caps[zone_id])
            if zone.parent is None:
                result += value
            else:
                pending[zone.parent] = pending.get(zone.parent, 0.0) + value
    return result
