"""The day/night demand table and the design demand (design guide §4, 722.311).

The demand table follows the design guide §4: each consumer's rated power times its usage
group's factor, in the group's period (day, night or both); total counts each consumer
once. The installation is sized (design_kw) on max(day, night) when load management
governs EV points (ungoverned points then count at factor 1 in both periods), and on the
total with factor 1 on every EV point without load management.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from evsld.calc.currents import LeafCurrent
from evsld.calc.notes import EV_FACTOR_IGNORED, CalcNote, NoteSeverity
from evsld.calc.zones import ZERO, Vector, Zone, add_vectors, nested_total
from evsld.model.device import Device
from evsld.model.project_data import UsageGroup


class Consumer(NamedTuple):
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
    zone_phases: dict[str, list[float]] = {}  # per zone: the sums of L1, L2 and L3
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
            sums = zone_phases.get(c.zone)
            if sums is None:
                sums = zone_phases[c.zone] = [0.0, 0.0, 0.0]
            i1, i2, i3 = c.phase_currents
            sums[0] += i1
            sums[1] += i2
            sums[2] += i3
        else:
            free_total += contribution
            for p in periods:
                free[p] += contribution
    managed = bool(zone_phases)
    if managed:
        zone_currents: dict[str, Vector] = {z: (*p, 0.0, 0.0) for z, p in zone_phases.items()}
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
    zone_currents: Mapping[str, Vector], zones: Mapping[str, Zone], u0_v: float
) -> dict[str, float]:
    """Each zone's power ceiling: U0 x sum over phases of min(governed current, cap), and
    its power limit when it has one. Currents of nested zones count in their parents."""
    raw: dict[str, Vector] = {}
    for zone_id, vector in zone_currents.items():
        current: str | None = zone_id
        while current is not None:
            raw[current] = add_vectors(raw.get(current, ZERO), vector)
            current = zones[current].parent
    caps = {}
    for zone_id, vector in raw.items():
        zone = zones[zone_id]
        cap = zone.phase_cap_a(u0_v)
        kw = u0_v * sum(min(i, cap) for i in vector[:3]) / 1000.0
        caps[zone_id] = kw if zone.limit_kw is None else min(kw, zone.limit_kw)
    return caps


def _capped_kw(
    direct: Mapping[str, float], zones: Mapping[str, Zone], caps: Mapping[str, float]
) -> float:
    return nested_total(
        direct, zones, lambda zone, kw: min(kw, caps[zone.zone_id]), operator.add, 0.0
    )


def consumer_of(device: Device, leaf: LeafCurrent | None, zone: str | None) -> Consumer | None:
    """An end device's line in the demand table, or None when it draws nothing."""
    if leaf is None or not leaf.draws:
        return None
    return Consumer(
        device.id,
        leaf.demand_kw,
        leaf.phase_currents,
        leaf.is_ev,
        zone,
        device.attrs.get("usage_group", ""),
    )
