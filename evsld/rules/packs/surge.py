"""Protection against transient overvoltages: where an SPD is required (443.4, 722.443.4),
which type at the origin (534.4) and another one near a far charger (534.4, 30 m)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from evsld.model.device import Device
from evsld.rules.circuits import Origin
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.fixes import attach, set_attributes
from evsld.rules.rule import Rule
from evsld.rules.spd_reach import SpdReach
from evsld.rules.view import CheckView

# catalog §6 SPD table: type 1 impulse current per pole by lightning protection level
IIMP_BY_LPL_KA = {"I": 25.0, "II": 18.75, "III-IV": 12.5}
# type 2 maximum discharge current by surge exposure
IMAX_BY_EXPOSURE_KA = {"low": 20.0, "medium": 40.0, "high": 65.0}
TYPE_1 = ("T1", "T1+T2")
TYPE_2 = ("T2", "T1+T2")


def origin_spd_attrs(supply: Device) -> dict[str, Any]:
    """An origin SPD meeting R534-T1 / R534-T2 for this supply."""
    attrs: dict[str, Any] = {"imax_ka": IMAX_BY_EXPOSURE_KA[supply["surge_exposure"]]}
    if supply["lightning_protection"]:
        attrs.update(spd_type="T1+T2", iimp_ka=IIMP_BY_LPL_KA[supply["lpl"]])
    else:
        attrs["spd_type"] = "T2"
    return attrs


def spd_type_label(spd: Device) -> str:
    return spd.spec.attribute("spd_type").choice_label(spd["spd_type"])


def add_origin_spd(view: CheckView, origin: Origin) -> Fix:
    supply = view.device(origin.source)
    attrs = origin_spd_attrs(supply)
    kind = "type 1+2" if attrs["spd_type"] == "T1+T2" else "type 2"
    return attach(
        view.project,
        f"Add a {kind} SPD at {view.tag(origin.attach)}",
        origin.attach,
        "spd",
        **attrs,
    )


class PublicPointSpd(Rule):
    id = "R722-SPD-PUBLIC"
    clause, clauses = iec60364("7-722", "722.443.4")
    severity = Severity.ERROR
    summary = "a publicly accessible connecting point is protected by an SPD"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        unprotected: dict[Origin | None, list[str]] = {}
        for ev in c.ev_points:
            evse = ev.id
            if ev.attrs["public_access"] and c.spd_cover(evse) is None:
                unprotected.setdefault(c.origin_of(evse), []).append(evse)
        for origin, evses in unprotected.items():
            yield self.finding(
                view,
                evses,
                f"{view.tags(evses)}: publicly accessible charging is a public service, so its "
                f"supply must be protected against transient overvoltages; no SPD is on the "
                f"way from the origin.",
                fix=add_origin_spd(view, origin) if origin is not None else None,
            )


class SpdRequired(Rule):
    id = "R443-REQ"
    clause, clauses = iec60364("4-44", "443.4")
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = (
        "an SPD at the origin where overvoltages affect people or services, else a risk assessment"
    )

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        public: dict[Origin, list[str]] = {}
        for ev in c.ev_points:
            if ev.attrs["public_access"] and (origin := c.origin_of(ev.id)) is not None:
                public.setdefault(origin, []).append(ev.id)
        for origin in c.origins():
            if origin.spds:
                continue
            supply = view.device(origin.source)
            where = (
                f"{view.tag(origin.attach)}: no SPD at the origin of the installation fed by "
                f"{supply.tag}"
            )
            if origin in public:
                reason = (
                    f"publicly accessible charging points ({view.tags(public[origin])}) are a "
                    f"public service"
                )
            elif supply["overvoltage_consequence"] == "serious":
                reason = (
                    f"{supply.tag} declares that an overvoltage would affect human life, public "
                    f"services, commercial or industrial activity or many people"
                )
            else:
                yield self.finding(
                    view,
                    (origin.attach,),
                    f"{where}; 443.4 asks for a risk assessment: add a type 2 SPD, or accept "
                    f"this warning with the assessment's result.",
                    fix=add_origin_spd(view, origin),
                    severity=Severity.WARNING,
                )
                continue
            yield self.finding(
                view,
                (origin.attach,),
                f"{where}; one is required because {reason}.",
                fix=add_origin_spd(view, origin),
            )


class Type1AtOrigin(Rule):
    id = "R534-T1"
    clause, clauses = iec60364("5-53", "534.4")
    severity = Severity.ERROR
    summary = "external lightning protection: type 1 SPD at the origin, Iimp by LPL"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for origin in view.circuits.origins():
            supply = view.device(origin.source)
            if not supply["lightning_protection"]:
                continue
            need = IIMP_BY_LPL_KA[supply["lpl"]]
            spds = [view.device(s) for s in origin.spds]
            type1 = [s for s in spds if s["spd_type"] in TYPE_1]
            if any(s["iimp_ka"] >= need for s in type1):
                continue
            rule = (
                f"with external lightning protection (LPL {supply['lpl']}) the origin needs a "
                f"type 1 (or 1+2) SPD with Iimp >= {need:g} kA per pole"
            )
            if type1:
                s = type1[0]
                yield self.finding(
                    view,
                    (s.id,),
                    f"{s.tag}: Iimp {s['iimp_ka']:g} kA per pole; {rule}.",
                    fix=set_attributes(f"Set {s.tag} Iimp to {need:g} kA", s.id, iimp_ka=need),
                )
            elif spds:
                s = spds[0]
                yield self.finding(
                    view,
                    (s.id,),
                    f"{s.tag} at the origin is {spd_type_label(s)} only; {rule}.",
                    fix=set_attributes(
                        f"Make {s.tag} a type 1+2 SPD, Iimp {need:g} kA",
                        s.id,
                        spd_type="T1+T2",
                        iimp_ka=need,
                    ),
                )
            else:
                yield self.finding(
                    view,
                    (origin.attach,),
                    f"{view.tag(origin.attach)}: no SPD at the origin; {rule}.",
                    fix=add_origin_spd(view, origin),
                )


class Type2AtOrigin(Rule):
    id = "R534-T2"
    clause, clauses = iec60364("5-53", "534.4")
    severity = Severity.WARNING
    summary = "otherwise a type 2 SPD at the origin, Imax by surge exposure"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for origin in view.circuits.origins():
            supply = view.device(origin.source)
            if supply["lightning_protection"] or not origin.spds:
                continue  # R534-T1 / R443-REQ speak then
            exposure = supply["surge_exposure"]
            need = IMAX_BY_EXPOSURE_KA[exposure]
            spds = [view.device(s) for s in origin.spds]
            type2 = [s for s in spds if s["spd_type"] in TYPE_2]
            if any(s["imax_ka"] >= need for s in type2):
                continue
            if type2:
                s = type2[0]
                yield self.finding(
                    view,
                    (s.id,),
                    f"{s.tag}: Imax {s['imax_ka']:g} kA is below the {need:g} kA a type 2 SPD "
                    f"at the origin needs for {exposure} surge exposure.",
                    fix=set_attributes(f"Set {s.tag} Imax to {need:g} kA", s.id, imax_ka=need),
                )
            else:
                s = spds[0]
                yield self.finding(
                    view,
                    (s.id,),
                    f"{s.tag} at the origin is {spd_type_label(s)} only: without external "
                    f"lightning protection the origin needs a type 2 SPD (Imax >= {need:g} kA for "
                    f"{exposure} exposure).",
                    fix=set_attributes(
                        f"Make {s.tag} a type 2 SPD, Imax {need:g} kA",
                        s.id,
                        spd_type="T2",
                        imax_ka=need,
                    ),
                )


class SpdDistance(Rule):
    """R534-DIST: the distance runs from the nearest SPD on the conductors feeding the
    charger, which on busbar trunking includes one on another tap-off of the run (SpdReach)."""

    id = "R534-DIST"
    clause, clauses = iec60364("5-53", "534.4")
    severity = Severity.WARNING
    summary = "another SPD near a charger far (setting, 30 m) from the upstream one"

    def check(self, view: CheckView) -> Iterable[Finding]:
        reach = view.shared(SpdReach)
        limit = view.setting("spd_max_distance_m")
        for evse in view.circuits.evses:
            cover = reach(evse)
            if cover is None or cover.metres <= limit:
                continue
            estimate = (
                " (a busway tap-off without a position is taken at its worst place on the run)"
                if cover.estimated
                else ""
            )
            yield self.finding(
                view,
                (evse, cover.spd),
                f"{view.device(evse).label()} is {cover.metres:g} m of cable from SPD "
                f"{view.tag(cover.spd)} at {view.tag(cover.at)}{estimate}, more than "
                f"{limit:g} m: add another SPD (type 2 or 3) near it.",
                fix=self._fix(view, evse, limit),
            )

    @staticmethod
    def _fix(view: CheckView, evse: str, limit: float) -> Fix:
        """A type 2 SPD at the nearest board within the limit, else a type 3 at the charger."""
        c = view.circuits
        for node, metres in view.shared(SpdReach).metres_above(evse):
            if metres > limit:
                break
            if view.device(node).kind == "switchboard":
                supply = c.source(evse)
                return attach(
                    view.project,
                    f"Add a type 2 SPD at {view.tag(node)}",
                    node,
                    "spd",
                    spd_type="T2",
                    imax_ka=IMAX_BY_EXPOSURE_KA[supply["surge_exposure"]],
                )
        feeder = c.parent(evse)
        return attach(
            view.project,
            f"Add a type 3 SPD at the supply end of {view.tag(evse)}",
            feeder,
            "spd",
            spd_type="T3",
        )


RULES = (PublicPointSpd(), SpdRequired(), Type1AtOrigin(), Type2AtOrigin(), SpdDistance())
