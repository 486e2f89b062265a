"""Residual-current protection of EV connecting points (IEC 60364-7-722 722.531 and
IEC 60364-5-53 531.3.3): presence, type, poles, DC blinding of upstream RCDs, DC chargers."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.rules.circuits import EvPoint
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.fixes import rccb_rating, set_attributes, splice
from evsld.rules.packs.ev_circuits import evse_label
from evsld.rules.protective import MAX_INDIVIDUAL_IDN_MA, RCD_RANK, Rcd
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView


def rcd_label(view: CheckView, r: Rcd) -> str:
    """ "F3 (RCD type A 30 mA)" or "EV02's integrated RCD (type A 30 mA)"."""
    if r.integrated:
        return f"{view.tag(r.device)}'s integrated RCD ({r.describe()})"
    word = "RCBO" if view.device(r.device).kind == "rcbo" else "RCD"
    return f"{view.tag(r.device)} ({word} {r.describe()})"


def make_type_b(view: CheckView, r: Rcd) -> Fix:
    tag = view.tag(r.device)
    if r.integrated:
        return set_attributes(
            f"Use an EVSE with a type B RCD for {tag}", r.device, integrated_rcd="B"
        )
    return set_attributes(f"Make {tag} type B", r.device, rcd_type="B")


def add_individual_rcd(view: CheckView, evse: str) -> Fix | None:
    """Splice a 30 mA type B RCD into a one-point EV final circuit: below its dedicated OCPD,
    else directly above the EVSE."""
    c = view.circuits
    device = view.device(evse)
    if device["points"] != 1 or c.parent(evse) is None:
        return None
    o = c.point(evse).ocpd
    lower = evse
    if o is not None and not o.integrated and o.points == 1:
        while c.parent(lower) != o.device:
            lower = c.parent(lower)
    upper = c.parent(lower)
    current = o.setting_a if o is not None and o.setting_a else device["rated_current_a"]
    three_phase = device["phases"] == 3 or device["current_type"] == "DC"
    return splice(
        view.project,
        f"Add a 30 mA type B RCD for {device.tag}",
        upper,
        lower,
        "rcd",
        rcd_type="B",
        i_delta_n_ma=MAX_INDIVIDUAL_IDN_MA,
        standard="IEC 62423",
        poles="4P" if three_phase else "1P+N",
        in_a=rccb_rating(current),
    )


def ac_points(view: CheckView) -> tuple[EvPoint, ...]:
    """AC EVSEs whose points need an RCD: all but those under electrical separation (found
    once per run for the three rules that walk them)."""
    return view.shared(_ac_points)


def _ac_points(view: CheckView) -> tuple[EvPoint, ...]:
    c = view.circuits
    return tuple(ev for ev in c.ev_points if ev.ac and not c.separated(ev.id))


class RcdPresent(Rule):
    """722.531.2.101. A point protected by electrical separation (an isolating transformer
    feeding it alone) needs no RCD, as the clause excepts it."""

    id = "R722-RCD-PRESENT"
    clause, clauses = iec60364("7-722", "722.531.2.101")
    severity = Severity.ERROR
    summary = "each AC connecting point has its own RCD of at most 30 mA"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        shared: dict[str, list[str]] = {}
        for ev in ac_points(view):
            evse, own = ev.id, ev.protecting  # an individual one of <= 30 mA when there is one
            if own is not None and own.points == 1 and own.i_delta_n_ma <= MAX_INDIVIDUAL_IDN_MA:
                continue
            if own is None:
                yield self._missing(view, evse, [r for r in ev.rcds if not r.counts])
            elif own.points > 1:
                shared.setdefault(own.device, []).append(evse)
            else:
                yield self._idn_too_high(view, evse, own)
        for r, evses in shared.items():
            rcd = c.rcd_record(r)
            yield self.finding(
                view,
                (r, *evses),
                f"{rcd_label(view, rcd)} is shared by {rcd.points} connecting points "
                f"({view.tags(evses)}): each AC connecting point needs its own RCD of at most "
                f"{MAX_INDIVIDUAL_IDN_MA:g} mA.",
            )

    def _missing(self, view: CheckView, evse: str, ignored: list[Rcd]) -> Finding:
        why = ""
        if ignored:
            why = (
                f" Its integrated RCD to '{ignored[0].standard}' does not count: only one to "
                f"IEC 61008-1, 61009-1, 60947-2 or 62423 does."
            )
        return self.finding(
            view,
            (evse,),
            f"{evse_label(view, evse)}: no RCD above it; each AC connecting point needs its own "
            f"RCD of at most {MAX_INDIVIDUAL_IDN_MA:g} mA.{why}",
            fix=add_individual_rcd(view, evse),
        )

    def _idn_too_high(self, view: CheckView, evse: str, r: Rcd) -> Finding:
        if r.integrated:
            fix = add_individual_rcd(view, evse)
        else:
            fix = set_attributes(
                f"Make {view.tag(r.device)} {MAX_INDIVIDUAL_IDN_MA:g} mA",
                r.device,
                i_delta_n_ma=MAX_INDIVIDUAL_IDN_MA,
            )
        return self.finding(
            view,
            (r.device, evse) if r.device != evse else (evse,),
            f"{rcd_label(view, r)} above {evse_label(view, evse)}: IΔn {r.i_delta_n_ma:g} mA "
            f"exceeds {MAX_INDIVIDUAL_IDN_MA:g} mA.",
            fix=fix,
        )


class RcdType(Rule):
    id = "R722-RCD-TYPE"
    clause, clauses = iec60364("7-722", "722.531.3.101")
    severity = Severity.ERROR
    summary = "the point's RCD is type B, or type A/F with 6 mA DC detection; never type AC"

    def check(self, view: CheckView) -> Iterable[Finding]:
        failing: dict[Rcd, list[tuple[str, str]]] = {}
        for ev in ac_points(view):
            evse, r = ev.id, ev.protecting
            problem = None if r is None else ev.dc_fault_problem(r)
            if r is not None and problem is not None:
                failing.setdefault(r, []).append((evse, problem))
        for r, items in failing.items():
            evses = [e for e, _ in items]
            above = ", ".join(evse_label(view, e) for e in evses[:3])
            more = f" and {len(evses) - 3} more" if len(evses) > 3 else ""
            yield self.finding(
                view,
                (r.device, *evses) if not r.integrated else (r.device,),
                f"{rcd_label(view, r)} above {above}{more}{self._joined(items[0][1])}.",
                fix=self._fix(view, r),
            )

    @staticmethod
    def _joined(problem: str) -> str:
        return f": it {problem}" if problem.startswith("is ") else f" {problem}"

    @staticmethod
    def _fix(view: CheckView, r: Rcd) -> Fix:
        if r.integrated and r.type != "AC":
            tag = view.tag(r.device)
            return set_attributes(
                f"Use an EVSE with 6 mA DC detection (RDC-DD) for {tag}", r.device, rdc_dd=True
            )
        return make_type_b(view, r)


class RcdPoles(Rule):
    id = "R722-RCD-POLES"
    clause, clauses = iec60364("7-722", "722.531.2.101")
    severity = Severity.ERROR
    summary = "the point's RCD switches every live conductor, neutral included"

    def check(self, view: CheckView) -> Iterable[Finding]:
        needs: dict[Rcd, list[str]] = {}
        for ev in ac_points(view):
            evse, r = ev.id, ev.protecting
            if r is None or r.integrated:  # an integrated RCD switches as its EVSE standard asks
                continue
            if r.switched_conductors < ev.attrs["phases"] + 1:
                needs.setdefault(r, []).append(evse)
        for r, evses in needs.items():
            phases = max(view.device(e)["phases"] for e in evses)
            poles = "4P" if phases == 3 else "1P+N"
            yield self.finding(
                view,
                (r.device, *evses),
                f"{rcd_label(view, r)} switches {r.poles} ({r.switched_conductors} "
                f"conductor(s)) above {evse_label(view, evses[0])}, a {phases}-phase point: it "
                f"must disconnect all {phases + 1} live conductors, neutral included.",
                fix=set_attributes(f"Make {view.tag(r.device)} {poles}", r.device, poles=poles),
            )


class UpstreamDcBlinding(Rule):
    id = "R722-RCD-UP-DC"
    clause, clauses = iec60364("5-53", "531.3.3")
    severity = Severity.ERROR
    summary = "upstream RCDs cannot be blinded by DC (rank AC < A < F < B)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        ac_above: dict[Rcd, list[str]] = {}
        lower_rank: dict[tuple[Rcd, Rcd], list[str]] = {}
        rdc_points: dict[Rcd, list[str]] = {}
        for ev in c.ev_points:
            evse, chain = ev.id, ev.rcds
            own = ev.protecting if ev.ac else None
            for i, u in enumerate(chain):
                if u == own:
                    continue
                if u.type == "AC":
                    ac_above.setdefault(u, []).append(evse)
                elif i > 0 and u.rank < chain[i - 1].rank:
                    lower_rank.setdefault((u, chain[i - 1]), []).append(evse)
            if own is not None and own.type != "B" and ev.dc_fault_problem(own) is None:
                for u in chain[chain.index(own) + 1 :]:
                    if u.type != "AC" and u.rank < RCD_RANK["B"]:
                        rdc_points.setdefault(u, []).append(evse)
        for u, evses in ac_above.items():
            yield self._finding(
                view,
                u,
                evses,
                f"is above EV connecting points ({view.tags(evses)}): a type AC RCD is blinded "
                f"by the DC fault currents a vehicle can cause",
            )
        for (u, d), evses in lower_rank.items():
            yield self._finding(
                view,
                u,
                [d.device, *evses],
                f"is above {rcd_label(view, d)}: a DC fault current the type {d.type} RCD is "
                f"chosen for blinds the type {u.type} above it (a time delay does not cure this)",
            )
        for u, evses in rdc_points.items():
            points = sum(view.device(e)["points"] for e in evses)
            if points >= 2:
                yield self._finding(
                    view,
                    u,
                    evses,
                    f"is above {points} connecting points that rely on 6 mA DC detection "
                    f"({view.tags(evses)}): their DC leakages add up and can blind it before any "
                    f"RDC-DD trips",
                )

    def _finding(self, view: CheckView, u: Rcd, others: list[str], text: str) -> Finding:
        devices = [u.device, *(d for d in dict.fromkeys(others) if d != u.device)]
        return self.finding(
            view,
            devices,
            f"{rcd_label(view, u)} {text}; it must be type B.",
            fix=make_type_b(view, u),
        )


class DcChargerRcd(Rule):
    id = "R722-DC-RCD"
    clause, clauses = iec60364("7-722", "722.531.2.101")
    severity = Severity.WARNING
    other_severities = (Severity.INFO,)
    summary = "DC chargers: AC-side RCD per the manufacturer, type B without galvanic separation"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for ev in view.circuits.ev_points:
            if ev.attrs["current_type"] != "DC":
                continue
            evse, device, r = ev.id, ev.device, ev.rcd
            label = f"{device.label()} (DC {device['power_kw']:g} kW)"
            if device["galvanic_separation"]:
                if r is None:
                    yield self.finding(
                        view,
                        (evse,),
                        f"{label}: no RCD on its AC side; check that its manufacturer asks for "
                        f"none.",
                        severity=Severity.INFO,
                    )
            elif r is None:
                yield self.finding(
                    view,
                    (evse,),
                    f"{label} has no galvanic separation between its AC input and the vehicle "
                    f"and no RCD on its AC side: an RCD (type B) is recommended; follow the "
                    f"manufacturer's instructions.",
                    fix=add_individual_rcd(view, evse),
                )
            elif r.type != "B":
                yield self.finding(
                    view,
                    (r.device, evse),
                    f"{rcd_label(view, r)} feeds {label}, which has no galvanic separation: "
                    f"smooth DC fault current from the converter can blind it; type B is "
                    f"recommended.",
                    fix=make_type_b(view, r),
                )


RULES = (RcdPresent(), RcdType(), RcdPoles(), UpstreamDcBlinding(), DcChargerRcd())
