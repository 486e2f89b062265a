"""Overcurrent protection of EV circuits and conductors: the OCPD suits the charger
(manufacturer data), demand factor 1 (722.311), load management never replaces overload
protection (722.311 + 433), and Ib <= In <= Iz, I2 <= 1.45 Iz (IEC 60364-4-43 433.1)."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.calc.currents import SQRT3, leaf_current
from evsld.calc.notes import CABLE_PHASES, EV_FACTOR_IGNORED, I2_UNKNOWN
from evsld.calc.protection import BREAKER_RATINGS, GG_RATINGS, Protection, next_rating
from evsld.rules.calculated import (
    fed_conductors,
    governed_conductors,
    note_findings,
    notes_with,
    upsize_fix,
)
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.fixes import set_attributes
from evsld.rules.packs.ev_circuits import evse_label, ocpd_label
from evsld.rules.protective import Ocpd
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

I2_FACTOR = 1.45  # 433.1: I2 <= 1.45 Iz
EPS = 1e-6


def rating_series(kind: str) -> tuple[int, ...]:
    return GG_RATINGS if kind == "fuse" else BREAKER_RATINGS


def protection_label(view: CheckView, p: Protection) -> str:
    """ "Q2 (C32)", "F1 (gG 100 A fuse)", "Q1 (Ir 200 A)"."""
    if p.kind == "fuse":
        return f"{view.tag(p.device_id)} ({p.family} {p.in_a:g} A fuse)"
    if p.curve in ("B", "C", "D"):
        return f"{view.tag(p.device_id)} ({p.curve}{p.in_a:g})"
    return f"{view.tag(p.device_id)} (Ir {p.ir_a:g} A)"


def rating_fix(view: CheckView, device_id: str, label: str, rating: float | None) -> Fix | None:
    """Set a breaker's or fuse's In (not an adjustable release, whose Ir is set instead)."""
    if rating is None:
        return None
    device = view.device(device_id)
    if device.kind != "fuse" and device["curve"] == "adjustable":
        return set_attributes(label, device_id, ir_a=None, in_a=rating)
    return set_attributes(label, device_id, in_a=rating)


class OcpdSuitsEvse(Rule):
    id = "R722-OCPD-EVSE"
    clause = "IEC 60364-7-722 722.533.101, manufacturer data"
    severity = Severity.ERROR
    summary = "I_cp <= In(OCPD) <= the EVSE's largest upstream OCPD (datasheet)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        results, settings = view.analysis.results, view.project.settings
        # chargers alike share one attribute mapping (evsld.model.shared_attrs): their
        # current is worked out once per supply voltage
        drawn: dict[tuple[int, float], float] = {}
        for ev in c.ev_points:
            result, o = results.get(ev.id), ev.ocpd
            if result is None or o is None:
                continue  # unfed (topology rules) or unprotected (R722-DED)
            u0 = result.u0_v
            current = drawn.get((id(ev.attrs), u0))
            if current is None:
                leaf = leaf_current("evse", ev.attrs, settings, u0, u0 * SQRT3)
                assert leaf is not None
                current = drawn[id(ev.attrs), u0] = leaf.ib_a
            if o.integrated:
                outer = c.ocpd_above(ev.id)
            else:
                outer = o
                if o.setting_a is not None and current > o.setting_a + EPS:
                    yield self._rating(view, ev.id, o, current)
            if outer is None or outer.setting_a is None:
                continue
            limit = ev.attrs["max_upstream_ocpd_a"]
            if limit is not None and outer.setting_a > limit + EPS:
                yield self._upstream_limit(view, ev.id, outer, current, limit)

    def _rating(self, view: CheckView, evse: str, o: Ocpd, current: float) -> Finding:
        """The OCPD is set below the charger's current."""
        limit = view.device(evse)["max_upstream_ocpd_a"]
        rating = next_rating(current, rating_series(o.kind))
        if rating is not None and limit is not None and rating > limit:
            rating = None
        return self.finding(
            view,
            (o.device, evse),
            f"{evse_label(view, evse)} draws {current:.1f} A but {ocpd_label(view, o)} is set "
            f"to {o.setting_a:g} A: the overcurrent device must carry the charger's rated "
            f"current.",
            fix=rating_fix(view, o.device, f"Set {view.tag(o.device)} to {rating:g} A", rating)
            if rating
            else None,
        )

    def _upstream_limit(
        self, view: CheckView, evse: str, o: Ocpd, current: float, limit: float
    ) -> Finding:
        """The OCPD above exceeds the largest one the charger's datasheet allows."""
        rating = max(
            (float(r) for r in rating_series(o.kind) if current - EPS <= r <= limit + EPS),
            default=None,
        )
        return self.finding(
            view,
            (o.device, evse),
            f"{ocpd_label(view, o)} above {evse_label(view, evse)} exceeds the largest "
            f"upstream overcurrent device its datasheet allows, {limit:g} A.",
            fix=rating_fix(view, o.device, f"Set {view.tag(o.device)} to {rating:g} A", rating)
            if rating
            else None,
        )


class DemandFactorOne(Rule):
    id = "R722-DF1"
    clause, clauses = iec60364("7-722", "722.311")
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "every EV point at its rated current: no usage factor < 1 without load management"

    def check(self, view: CheckView) -> Iterable[Finding]:
        groups = {g.name: g for g in view.project.usage_groups}
        for note in notes_with(view, EV_FACTOR_IGNORED):
            group = groups.get(view.device(note.devices[0])["usage_group"])
            reduced = group is not None and group.factor < 1.0
            what = (
                f"a demand factor of {group.factor:g}"
                if reduced and group is not None
                else f"use in the {group.period} period only"
                if group is not None
                else "a reduced demand"
            )
            yield self.finding(
                view,
                note.devices,
                f"{view.tags(note.devices)}: the usage group assumes {what}, but no load "
                f"management limits these points; 722.311 sizes every EV circuit with all "
                f"points at rated current (factor 1, both periods). Add load management or "
                f"remove the EV points from the group.",
                severity=Severity.ERROR if reduced else Severity.WARNING,
            )


def overload_problem(ib: float, p: Protection, iz: float) -> str | None:
    """Why Ib <= In (Ir) <= Iz fails, or None."""
    if ib > p.ir_a + EPS:
        return f"Ib {ib:.1f} A > In {p.ir_a:g} A"
    if p.ir_a > iz + EPS:
        return f"Iz {iz:.1f} A < In {p.ir_a:g} A"
    return None


def _conductor_text(view: CheckView, x: str) -> str:
    result = view.analysis.result(x)
    assert result is not None and result.conductor is not None
    iz = result.conductor.iz
    if iz is not None:
        return iz.describe()
    device = view.device(x)
    return f"busway {device['family']} {device['rating_a']:g} A"


class LoadManagementNotProtection(Rule):
    id = "R722-LMS-NOTPROT"
    clause = "IEC 60364-7-722 722.311, IEC 60364-4-43 433.1"
    severity = Severity.ERROR
    summary = "load management lowers Ib but never replaces overload protection (real In <= Iz)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        governed = governed_conductors(view)
        for x, result, p in fed_conductors(view)["cable"]:  # busways: R-BW-PROT
            if x not in governed or result.conductor is None:
                continue
            iz = result.conductor.iz_a
            if iz is None:
                continue  # Iz unknown: R52-IZ-TABLE
            if p is not None and p.ir_a <= iz + EPS:
                continue
            if p is None:
                yield self.finding(
                    view,
                    (x,),
                    f"{view.tag(x)} carries load-managed EV points but no overcurrent device "
                    f"protects it; load management does not protect a conductor against "
                    f"overload.",
                )
            else:
                yield self.finding(
                    view,
                    (x, p.device_id),
                    f"{view.tag(x)}: Iz {result.iz_a:.1f} A < In {p.ir_a:g} A of "
                    f"{protection_label(view, p)} ({_conductor_text(view, x)}); load management "
                    f"limits the current to {result.ib_a:.1f} A but never replaces overload "
                    f"protection: the conductor must carry the device's In.",
                    fix=upsize_fix(view, x, f"Iz >= In {p.ir_a:g} A"),
                )


class IbInIz(Rule):
    id = "R433-IB-IN-IZ"
    clause, clauses = iec60364("4-43", "433.1")
    severity = Severity.ERROR
    summary = "Ib <= In (or Ir) <= Iz for every cable, with the first OCPD above it"

    def check(self, view: CheckView) -> Iterable[Finding]:
        governed = governed_conductors(view)
        yield from note_findings(self, view, (CABLE_PHASES,))
        for x, result, p in fed_conductors(view)["cable"]:
            if result.conductor is None or (iz := result.conductor.iz_a) is None:
                continue  # Iz unknown: R52-IZ-TABLE / R52-DERATE report it
            if p is None:
                if x not in governed:
                    yield self.finding(
                        view,
                        (x,),
                        f"{view.tag(x)} carries {result.ib_a:.1f} A but no overcurrent "
                        f"device above protects it against overload.",
                    )
                continue
            problem = overload_problem(result.ib_a, p, iz)
            if problem is None or (problem.startswith("Iz") and x in governed):
                continue  # In > Iz under load management: R722-LMS-NOTPROT
            if problem.startswith("Ib"):
                rating = next_rating(result.ib_a, rating_series(p.kind))
                fix = (
                    rating_fix(
                        view, p.device_id, f"Set {view.tag(p.device_id)} to {rating:g} A", rating
                    )
                    if rating is not None and rating <= result.iz_a + EPS
                    else None
                )
            else:
                fix = upsize_fix(view, x, f"Iz >= In {p.ir_a:g} A")
            yield self.finding(
                view,
                (x, p.device_id),
                f"{view.tag(x)}: {problem} of {protection_label(view, p)} "
                f"({_conductor_text(view, x)}, Iz {result.iz_a:.1f} A).",
                fix=fix,
            )


class ConventionalTripping(Rule):
    id = "R433-I2"
    clause, clauses = iec60364("4-43", "433.1")
    severity = Severity.ERROR
    summary = "I2 <= 1.45 Iz (I2 = 1.45 In MCB, 1.30 Ir 60947-2, 1.6 In gG fuse)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        yield from note_findings(self, view, (I2_UNKNOWN,))
        rows = fed_conductors(view)
        for x, result, p in (*rows["cable"], *rows["busway"]):
            if p is None or p.i2_a is None or result.conductor is None:
                continue
            iz = result.conductor.iz_a
            if iz is None or p.ir_a > iz + EPS:
                continue  # already In > Iz (R433-IB-IN-IZ, R722-LMS-NOTPROT, R-BW-PROT)
            if p.i2_a <= I2_FACTOR * iz + EPS:
                continue
            yield self.finding(
                view,
                (x, p.device_id),
                f"{view.tag(x)}: I2 {p.i2_a:.1f} A of {protection_label(view, p)} > "
                f"1.45 x Iz {result.iz_a:.1f} A = {I2_FACTOR * result.iz_a:.1f} A "
                f"({_conductor_text(view, x)}).",
                fix=upsize_fix(view, x, "I2 <= 1.45 Iz")
                if view.device(x).kind == "cable"
                else None,
            )


RULES = (
    OcpdSuitsEvse(),
    DemandFactorOne(),
    LoadManagementNotProtection(),
    IbInIz(),
    ConventionalTripping(),
)
