"""An independent reading of a built template with the rule catalog's figures, so the tests
can hold every template, at every parameter set, to Ib <= In <= Iz, the voltage-drop limits,
selectivity and the SPD reach without waiting for the calculation layer.

Written from the catalog (§1, §2, §6), not from the templates' own schedules.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from evsld.model.device import Device
from evsld.model.project import Project

SQRT3 = math.sqrt(3)
U0, U = 230.0, 400.0
RHO_CU = 0.0225  # Ω mm²/m, 1.25 x ρ20 (catalog §6, voltage drop)
LAMBDA = 0.08e-3  # Ω/m

# Iz0 (A), copper, XLPE, 30 °C: catalog §6, columns E/C x 3/2 loaded conductors
IZ0 = {
    ("E", 3): {2.5: 31, 4: 42, 6: 54, 10: 75, 16: 100, 25: 127, 35: 158, 50: 192, 70: 246,
               95: 298, 120: 346, 150: 395, 185: 450, 240: 538},
    ("E", 2): {2.5: 36, 4: 49, 6: 63, 10: 86, 16: 115, 25: 149, 35: 185, 50: 225},
    ("C", 3): {2.5: 30, 4: 40, 6: 51, 10: 70, 16: 94, 25: 119},
    ("C", 2): {2.5: 33, 4: 45, 6: 58, 10: 80, 16: 107, 25: 135},
}  # fmt: skip
# Table B.52.17, single layer on a perforated tray; a count between columns takes the next
# column (the smaller factor)
TRAY_KG = ((1, 1.0), (2, 0.88), (3, 0.82), (4, 0.77), (5, 0.75), (6, 0.73), (7, 0.73),
           (8, 0.72), (9, 0.72), (12, 0.72), (16, 0.72), (20, 0.72))  # fmt: skip


def iz(cable: Device) -> float:
    a = cable.attrs
    loaded = 2 if a["phases"] == 1 else 3
    kg = 1.0
    if a["grouping_circuits"] > 1:
        assert a["grouping_arrangement"] == "perforated_tray", cable.label()
        kg = next(f for n, f in TRAY_KG if n >= a["grouping_circuits"])
    assert a["material"] == "Cu" and a["insulation"] == "XLPE" and a["ambient_c"] == 30.0
    return IZ0[(a["method"], loaded)][a["phase_section_mm2"]] * kg * a["parallel"]


def dc_input_current(evse: Device) -> float:
    """Catalog §1 fallback: P / (η 0.95 · PF 0.99 · √3 · U)."""
    return evse["power_kw"] * 1000 / (0.95 * 0.99 * SQRT3 * U)


class Reading:
    """Design currents per phase below every device (722.311: every point at its rated
    current; a zone's limit caps the points it governs where all of them are below)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.topology = project.topology()
        self.diagram = project.diagram
        self.zones = {z.id: z for z in self.diagram.devices_of_kind("lms")}
        self.members = {z: set(self._members(z)) for z in self.zones}
        self.below = {d: {d, *self.topology.down(d)} for d in self.topology.order}
        self.ib = {d: max(self.phase_currents(d)) for d in self.topology.order}
        self._cos_phi: dict[str, float] = {}

    def _members(self, zone: str) -> Iterator[str]:
        for driven in self.topology.controlled(zone):
            yield from self._members(driven) if driven in self.zones else (driven,)

    def own_current(self, device: Device) -> tuple[float, float, float]:
        if device.kind == "evse":
            if device["current_type"] == "DC":
                return (dc_input_current(device),) * 3
            i = device["rated_current_a"]
            if device["phases"] == 3:
                return (i, i, i)
            return tuple(i if p == device["phase"] else 0.0 for p in ("L1", "L2", "L3"))
        if device.kind == "load":
            i = (
                device["power_kw"]
                * device["demand_factor"]
                * 1000
                / (SQRT3 * U * device["cos_phi"])
            )
            return (i, i, i)
        return (0.0, 0.0, 0.0)

    def _capped(self, zone: str) -> list[float]:
        total = [0.0, 0.0, 0.0]
        for driven in self.topology.controlled(zone):
            part = (
                self._capped(driven)
                if driven in self.zones
                else self.own_current(self.diagram.device(driven))
            )
            total = [a + b for a, b in zip(total, part, strict=True)]
        return [min(x, self.zones[zone]["limit_a"]) for x in total]

    def phase_currents(self, device_id: str) -> list[float]:
        below = self.below[device_id]
        contained = {z for z, m in self.members.items() if m and m <= below}
        top = [z for z in contained if self.topology.controller.get(z) not in contained]
        covered = set().union(*(self.members[z] for z in top)) if top else set()
        total = [0.0, 0.0, 0.0]
        for part in [self._capped(z) for z in top] + [
            self.own_current(self.diagram.device(d)) for d in below if d not in covered
        ]:
            total = [a + b for a, b in zip(total, part, strict=True)]
        return total

    def cos_phi(self, device_id: str) -> float:
        """The power factor giving the largest drop among those of the loads below."""
        if device_id not in self._cos_phi:
            self._cos_phi[device_id] = self._worst_cos_phi(device_id)
        return self._cos_phi[device_id]

    def _worst_cos_phi(self, device_id: str) -> float:
        factors = set()
        for d in self.below[device_id]:
            dev = self.diagram.device(d)
            if dev.kind == "load":
                factors.add(dev["cos_phi"])
            elif dev.kind == "evse":
                factors.add(0.99 if dev["current_type"] == "DC" else 1.0)
        return min(factors) if factors else 1.0

    def first_above(self, device_id: str, kind: str) -> Device | None:
        for d in reversed(self.topology.up(device_id)[:-1]):
            if self.diagram.device(d).kind == kind:
                return self.diagram.device(d)
        return None

    def drop_pct(self, cable: Device) -> float:
        """Annex G: b (ρ L/S cos φ + λ L sin φ) Ib / U0."""
        a = cable.attrs
        b = 2 if a["phases"] == 1 else 1
        cos = self.cos_phi(cable.id)
        sin = math.sqrt(1 - cos * cos)
        per_conductor = (
            RHO_CU * a["length_m"] / a["phase_section_mm2"] * cos + LAMBDA * a["length_m"] * sin
        )
        return 100 * b * per_conductor / a["parallel"] * self.ib[cable.id] / U0

    def cumulative_drop_pct(self, device_id: str) -> float:
        return sum(
            self.drop_pct(self.diagram.device(d))
            for d in self.topology.up(device_id)
            if self.diagram.device(d).kind == "cable"
        )

    def spd_distance(self, evse_id: str) -> float:
        """Metres of cable (and busway run) from the charger to the nearest SPD: one connected
        to a device on its supply path, or on its busway one connected to the run (at the feed
        end) or to any tap-off of it (at the tap-off's position), whichever is nearest."""
        nearest, distance, position = math.inf, 0.0, 0.0
        for d in reversed(self.topology.up(evse_id)):
            dev = self.diagram.device(d)
            children = [self.diagram.device(c) for c in self.topology.children.get(d, ())]
            protected = any(c.kind == "spd" for c in children)
            if dev.kind == "busway":
                at = [0.0] if protected else []
                at += [
                    c["position_m"]
                    for c in children
                    if c.kind == "tapoff"
                    and any(
                        self.diagram.device(s).kind == "spd"
                        for s in self.topology.children.get(c.id, ())
                    )
                ]
                if at:
                    nearest = min(nearest, distance + min(abs(position - p) for p in at))
                distance += position
            elif protected:
                return min(nearest, distance)
            elif dev.kind == "cable":
                distance += dev["length_m"]
            elif dev.kind == "tapoff":
                position = dev["position_m"]
        return nearest
