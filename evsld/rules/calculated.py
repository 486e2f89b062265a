"""What the calculation rules share: findings from calculation notes, the conductors load
management governs, and cable upsizing fixes.

A calculation that could not be done (a note of the analysis) is reported by the rule that
needed it, never skipped: a missing result must not read as a pass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping

from evsld.calc.notes import CalcNote
from evsld.calc.protection import Protection, adiabatic_withstand
from evsld.calc.results import DeviceResult
from evsld.calc.sizing import CableDuty, duty_in, size_cable
from evsld.calc.tables import K_ADIABATIC
from evsld.model.kinds.common import CABLE_SECTIONS_MM2
from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.fixes import set_attributes
from evsld.rules.let_through import LetThrough, let_through
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

CONDUCTOR_KINDS = ("cable", "busway")


def notes_with(view: CheckView, *codes: str) -> Iterator[CalcNote]:
    return (n for n in view.analysis.notes if n.code in codes)


def note_findings(
    rule: Rule, view: CheckView, codes: Iterable[str], severity: Severity | None = None
) -> Iterator[Finding]:
    """One finding per calculation note of these codes (the note's words, the rule's id)."""
    for note in notes_with(view, *codes):
        yield rule.finding(
            view,
            note.devices,
            f"{note.message}; the check cannot be made without it.",
            severity=severity,
        )


def governed_conductors(view: CheckView) -> frozenset[str]:
    """Cables and busways carrying EV points a load-management zone governs (once per run)."""
    return view.shared(_governed_conductors)


def _governed_conductors(view: CheckView) -> frozenset[str]:
    marked: set[str] = set()
    parent_get = view.topology.parent.get
    for evse in view.topology.controller:
        node = parent_get(evse)
        while node is not None and node not in marked:
            marked.add(node)
            node = parent_get(node)
    diagram = view.diagram
    return frozenset(
        x for kind in CONDUCTOR_KINDS for x in marked.intersection(diagram.ids_of_kind(kind))
    )


# a fed cable or busway, its results and the first overcurrent device above it (a plain
# tuple: one is built per conductor and the rules unpack it)
Conductor = tuple[str, DeviceResult, Protection | None]


def fed_conductors(view: CheckView) -> Mapping[str, tuple[Conductor, ...]]:
    """Every fed cable and busway that has results, by kind, in `Circuits.fed` order: found
    once per run for the several rules that check each conductor against its protection."""
    return view.shared(_fed_conductors)


def _fed_conductors(view: CheckView) -> Mapping[str, tuple[Conductor, ...]]:
    results, protections, fed = view.analysis.results, view.analysis.protections, view.circuits.fed
    rows: dict[str, tuple[Conductor, ...]] = {}
    for kind in CONDUCTOR_KINDS:
        found = []
        for x in fed(kind):
            result = results.get(x)
            if result is not None:
                o = result.ocpd_id  # as Analysis.protection_above
                found.append((x, result, None if o is None else protections[o]))
        rows[kind] = tuple(found)
    return rows


def cable_let_through(
    view: CheckView, result: DeviceResult, protection: Protection | None
) -> LetThrough | None:
    """The let-through energy of the device protecting a cable (`protection`, the first
    above it) at the cable's line-side fault level; None when there is no protecting device
    or no fault level."""
    if protection is None or result.conductor is None:
        return None
    ik = result.conductor.ik_max_line_ka
    if ik is None:
        return None
    return let_through(protection, view.devices[protection.device_id].attrs, ik)


def upsize_fix(view: CheckView, cable_id: str, why: str, drop_share: float = 1.0) -> Fix | None:
    """Set the cable to the smallest section meeting Ib <= In <= Iz, I2 <= 1.45 Iz, the
    drop limit (times `drop_share`) and the adiabatic withstand (with the let-through the
    rules use), when one larger than today's exists."""
    duty = duty_in(view.project, view.analysis, cable_id)
    if not isinstance(duty, CableDuty):
        return None
    result = view.analysis.result(cable_id)
    protection = view.analysis.protection_above(cable_id)
    energy = None if result is None else cable_let_through(view, result, protection)
    duty = dataclasses.replace(
        duty,
        let_through_a2s=None if energy is None else energy.i2t_a2s,
        limit_pct=duty.limit_pct * drop_share,
    )
    section = size_cable(duty).section_mm2
    device = view.device(cable_id)
    if section is None or section <= device["phase_section_mm2"]:
        return None
    return set_attributes(
        f"Upsize {device.tag} to {section:g} mm2 ({why})", cable_id, phase_section_mm2=section
    )


def withstand_section(material: str, insulation: str, i2t_a2s: float) -> float | None:
    """The smallest table section whose k2 S2 withstands the energy (434.5.2)."""
    k = K_ADIABATIC[(material, insulation)]
    return next((s for s in CABLE_SECTIONS_MM2 if adiabatic_withstand(k, s) >= i2t_a2s), None)
