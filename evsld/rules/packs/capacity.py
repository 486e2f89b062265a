"""Ratings against design currents (rule catalog §5): busways and their feeders, the supply,
meters and switchboards. Ib counts every EV point at factor 1 unless load management caps
it (R722-DF1), as the analysis computes it."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.calc.currents import SQRT3
from evsld.rules.finding import Finding, Severity
from evsld.rules.packs.overcurrent import EPS, protection_label, rating_fix, rating_series
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

IEC_61439 = "IEC 61439-1 5.3"


class BuswayLoad(Rule):
    id = "R-BW-LOAD"
    clause = "IEC 61439-6, IEC 60364-7-722 722.311"
    severity = Severity.ERROR
    summary = "busway: sum of tap-off Ib (factor 1 without LMS) <= busway rating"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for x in view.circuits.fed("busway"):
            r, rating = view.analysis.result(x), view.device(x)["rating_a"]
            if r is not None and r.ib_a > rating + EPS:
                yield self.finding(
                    view,
                    (x,),
                    f"{view.device(x).label()}: Ib {r.ib_a:.1f} A > its rating {rating:g} A.",
                )


class BuswayProtection(Rule):
    id = "R-BW-PROT"
    clause = "IEC 60364-4-43 433.1, IEC 61439-6"
    severity = Severity.ERROR
    summary = "busway feeder OCPD: Ib <= In <= busway rating"

    def check(self, view: CheckView) -> Iterable[Finding]:
        a = view.analysis
        for x in view.circuits.fed("busway"):
            r, p = a.result(x), a.protection_above(x)
            if r is None:
                continue
            rating = view.device(x)["rating_a"]
            if p is None:
                yield self.finding(
                    view, (x,), f"{view.tag(x)}: no overcurrent device above the busway."
                )
                continue
            if r.ib_a > p.ir_a + EPS:
                problem = f"Ib {r.ib_a:.1f} A > In {p.ir_a:g} A"
            elif p.ir_a > rating + EPS:
                problem = f"In {p.ir_a:g} A > busway rating {rating:g} A"
            else:
                continue
            fit = [float(s) for s in rating_series(p.kind) if r.ib_a - EPS <= s <= rating + EPS]
            target = fit[-1] if fit else None
            yield self.finding(
                view,
                (x, p.device_id),
                f"{view.tag(x)}: {problem} of its feeder {protection_label(view, p)}.",
                fix=rating_fix(
                    view, p.device_id, f"Set {view.tag(p.device_id)} to {target:g} A", target
                )
                if target is not None
                else None,
            )


class SupplyCapacity(Rule):
    id = "R-SUPPLY"
    clause = "IEC 60364-1 132.3, IEC 60364-7-722 722.311"
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "Ib at the origin <= min(main OCPD In, transformer S/(√3 U), contracted power)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        a = view.analysis
        for source in view.topology.sources:
            r = a.result(source)
            device = view.device(source)
            if r is None:
                continue
            u = device["u_v"]
            limits = []
            if device["main_in_a"] is not None:
                limits.append(
                    (device["main_in_a"], f"main protection In {device['main_in_a']:g} A")
                )
            kva = device["contracted_power_kva"]
            if kva is not None:
                limits.append((kva * 1000.0 / (SQRT3 * u), f"contracted {kva:g} kVA"))
            transformers = [  # the MV/LV transformers in this source's tree
                t
                for t in view.circuits.fed("transformer")
                if view.device(t)["purpose"] == "mv_lv" and view.topology.up(t)[0] == source
            ]
            for t in transformers:
                tr, s = a.result(t), view.device(t)["rating_kva"]
                if tr is not None and tr.ib_a > s * 1000.0 / (SQRT3 * u) + EPS:
                    yield self.finding(
                        view,
                        (t,),
                        f"{view.tag(t)}: Ib {tr.ib_a:.1f} A > rated current "
                        f"{s * 1000.0 / (SQRT3 * u):.1f} A ({s:g} kVA).",
                    )
            if not limits:
                if not transformers:
                    yield self.finding(
                        view,
                        (source,),
                        f"{view.tag(source)}: neither the supplier's main protection nor the "
                        f"contracted power is given, so the supply capacity for Ib "
                        f"{r.ib_a:.1f} A at the origin is not checked.",
                        severity=Severity.WARNING,
                    )
                continue
            limit, what = min(limits)
            if r.ib_a > limit + EPS:
                yield self.finding(
                    view,
                    (source,),
                    f"{view.tag(source)}: Ib {r.ib_a:.1f} A at the origin (EV points at factor 1 "
                    f"unless load-managed) > {limit:.1f} A ({what}).",
                )


class MeterRating(Rule):
    id = "R-METER"
    clause = "IEC 62053-21, MID (manufacturer data)"
    severity = Severity.ERROR
    summary = "direct meter Imax >= Ib; CT meter primary >= Ib [J]"

    def check(self, view: CheckView) -> Iterable[Finding]:
        margin = view.setting("ct_meter_margin")
        for x in view.circuits.fed("meter"):
            r, device = view.analysis.result(x), view.device(x)
            if r is None:
                continue
            if device["connection"] == "direct":
                if r.ib_a > device["imax_a"] + EPS:
                    yield self.finding(
                        view,
                        (x,),
                        f"{device.tag}: direct meter Imax {device['imax_a']:g} A < Ib "
                        f"{r.ib_a:.1f} A; use a larger meter or CTs.",
                    )
            elif device["ct_primary_a"] < margin * r.ib_a - EPS:
                yield self.finding(
                    view,
                    (x,),
                    f"{device.tag}: CT primary {device['ct_primary_a']:g} A < {margin:g} x Ib "
                    f"{r.ib_a:.1f} A.",
                )


class SwitchboardRating(Rule):
    id = "R-SWBD"
    clause = IEC_61439
    severity = Severity.ERROR
    summary = "board rated current >= Ib of the board"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for x in view.circuits.fed("switchboard"):
            r, rated = view.analysis.result(x), view.device(x)["rated_current_a"]
            if r is not None and r.ib_a > rated + EPS:
                yield self.finding(
                    view,
                    (x,),
                    f"{view.device(x).label()}: Ib {r.ib_a:.1f} A > rated current InA {rated:g} A.",
                )


RULES = (BuswayLoad(), BuswayProtection(), SupplyCapacity(), MeterRating(), SwitchboardRating())
