"""Cables and short circuits: Iz from the tables with their factors (IEC 60364-5-52), the
neutral section (524.2), breaking capacity (434.5.1) and adiabatic withstand (434.5.2)."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.calc.ampacity import IzDerivation, cable_iz
from evsld.calc.notes import IZ_NO_AMBIENT, IZ_NO_GROUPING, IZ_NO_TABLE, NO_NEUTRAL, SC_NO_SOURCE
from evsld.calc.protection import OCPD_KINDS
from evsld.rules.calculated import (
    cable_let_through,
    fed_conductors,
    note_findings,
    withstand_section,
)
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Severity
from evsld.rules.fixes import set_attributes
from evsld.rules.packs.overcurrent import EPS, protection_label
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

# 524.2 [R]: a neutral smaller than the phases only above these phase sections (mm2)
REDUCED_NEUTRAL_ABOVE_MM2 = {"Cu": 16.0, "Al": 25.0}
# breaking capacities offered by the fix (kA): the usual catalogue steps
BREAKING_STEPS_KA = (3.0, 4.5, 6.0, 10.0, 15.0, 20.0, 25.0, 36.0, 50.0, 70.0, 100.0, 150.0)


class IzTable(Rule):
    id = "R52-IZ-TABLE"
    clause, clauses = iec60364("5-52", "523, Table B.52")
    severity = Severity.ERROR
    summary = "Iz0 from the table for method, material, insulation and loaded conductors"

    def check(self, view: CheckView) -> Iterable[Finding]:
        return note_findings(self, view, (IZ_NO_TABLE,))


class Derating(Rule):
    id = "R52-DERATE"
    clause, clauses = iec60364("5-52", "523, Tables B.52.14, B.52.17")
    severity = Severity.ERROR
    summary = "ambient temperature and grouping factors applied to Iz"

    def check(self, view: CheckView) -> Iterable[Finding]:
        return note_findings(self, view, (IZ_NO_AMBIENT, IZ_NO_GROUPING))


class NeutralSection(Rule):
    id = "R52-N-SIZE"
    clause, clauses = iec60364("5-52", "524.2")
    severity = Severity.ERROR
    summary = "a reduced neutral only above 16 mm2 Cu / 25 mm2 Al and if its current fits it"

    def check(self, view: CheckView) -> Iterable[Finding]:
        yield from note_findings(self, view, (NO_NEUTRAL,))
        devices = view.devices
        for x in view.circuits.fed("cable"):
            device = devices[x]
            a = device.attrs
            phase, neutral = a["phase_section_mm2"], a["neutral_section_mm2"]
            if not a["neutral"] or neutral is None or neutral >= phase:
                continue
            result = view.analysis.result(x)
            if result is None:
                continue
            fix = set_attributes(
                f"Give {device.tag} a full-size neutral", x, neutral_section_mm2=None
            )
            floor = REDUCED_NEUTRAL_ABOVE_MM2[device["material"]]
            if phase <= floor:
                yield self.finding(
                    view,
                    (x,),
                    f"{device.tag}: a {neutral:g} mm2 neutral with {phase:g} mm2 phases; a "
                    f"reduced neutral is allowed only above {floor:g} mm2 "
                    f"{device['material']}.",
                    fix=fix,
                )
                continue
            iz = cable_iz({**device.attrs, "phase_section_mm2": neutral})
            if not isinstance(iz, IzDerivation):
                yield self.finding(
                    view,
                    (x,),
                    f"{device.tag}: no Iz for its {neutral:g} mm2 neutral, so the neutral "
                    f"current {result.neutral_a:.1f} A cannot be checked against it.",
                    fix=fix,
                )
            elif result.neutral_a > iz.iz_a + EPS:
                yield self.finding(
                    view,
                    (x,),
                    f"{device.tag}: neutral current {result.neutral_a:.1f} A > Iz "
                    f"{iz.iz_a:.1f} A of its {neutral:g} mm2 neutral (single-phase EV points "
                    f"load the neutral).",
                    fix=fix,
                )


class BreakingCapacity(Rule):
    id = "R434-ICU"
    clause, clauses = iec60364("4-43", "434.5.1")
    severity = Severity.ERROR
    summary = "breaking capacity Icu >= Ik max at the device"

    def check(self, view: CheckView) -> Iterable[Finding]:
        a = view.analysis
        yield from note_findings(self, view, (SC_NO_SOURCE,))
        for x in view.circuits.fed(*OCPD_KINDS):
            result, p = a.result(x), a.protections.get(x)
            if result is None or p is None:
                continue
            if result.ik_max_ka is None:
                if not any(n.code == SC_NO_SOURCE for n in a.notes_for(result.source_id)):
                    yield self.finding(
                        view,
                        (x,),
                        f"{view.tag(x)}: the prospective short-circuit current at the device "
                        f"is unknown, so its breaking capacity cannot be checked.",
                    )
                continue
            if p.breaking_ka + EPS >= result.ik_max_ka:
                continue
            step = next((s for s in BREAKING_STEPS_KA if s >= result.ik_max_ka), None)
            attr = "breaking_capacity_ka" if p.kind == "fuse" else "icu_ka"
            yield self.finding(
                view,
                (x,),
                f"{protection_label(view, p)}: breaking capacity {p.breaking_ka:g} kA < Ik max "
                f"{result.ik_max_ka:.2f} kA at the device.",
                fix=set_attributes(
                    f"Choose a {step:g} kA device for {view.tag(x)}", x, **{attr: step}
                )
                if step is not None
                else None,
            )


class AdiabaticWithstand(Rule):
    id = "R434-ADIAB"
    clause, clauses = iec60364("4-43", "434.5.2")
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "let-through I2t <= k2 S2 (datasheet, IEC 60898-1 Annex ZA, else Ik2 x 0.1 s)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for x, result, p in fed_conductors(view)["cable"]:
            conductor = result.conductor
            if p is None or conductor is None:
                continue  # unprotected: R433-IB-IN-IZ
            energy = cable_let_through(view, result, p)
            if energy is None:
                yield self.finding(
                    view,
                    (x, p.device_id),
                    f"{view.tag(x)}: the prospective short-circuit current at its origin is "
                    f"unknown, so its adiabatic withstand cannot be checked.",
                )
                continue
            ik = conductor.ik_max_line_ka
            if energy.i2t_a2s is None:
                yield self.finding(
                    view,
                    (x, p.device_id),
                    f"{view.tag(x)}: {protection_label(view, p)} has no datasheet let-through "
                    f"I2t at {ik:.2f} kA, so the withstand k2S2 {conductor.k2s2_a2s:,.0f} A2s "
                    f"cannot be verified; enter the manufacturer's value.",
                    severity=Severity.WARNING,
                )
                continue
            if energy.i2t_a2s <= (conductor.k2s2_a2s or 0.0) + EPS:
                continue
            device = view.device(x)
            missing = (
                "; the datasheet let-through I2t is missing, enter it to replace this estimate"
                if energy.estimated
                else ""
            )
            section = withstand_section(device["material"], device["insulation"], energy.i2t_a2s)
            yield self.finding(
                view,
                (x, p.device_id),
                f"{view.tag(x)}: let-through {energy.i2t_a2s:,.0f} A2s of "
                f"{protection_label(view, p)} at {ik:.2f} kA ({energy.source}) > k2S2 "
                f"{conductor.k2s2_a2s:,.0f} A2s (k {conductor.k:g}, "
                f"{device['phase_section_mm2']:g} mm2){missing}.",
                fix=set_attributes(
                    f"Upsize {device.tag} to {section:g} mm2 (k2S2 >= I2t)",
                    x,
                    phase_section_mm2=section,
                )
                if section is not None and section > device["phase_section_mm2"]
                else None,
            )


RULES = (IzTable(), Derating(), NeutralSection(), BreakingCapacity(), AdiabaticWithstand())
