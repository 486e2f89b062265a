"""Phase balance (rule catalog §5): unbalance at boards and the origin, the DSO limits of the
DE, AT and CH profiles, and a rotation of single-phase points that balances them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import MappingProxyType

from evsld.calc.currents import neutral_current, unbalance, unbalance_kva
from evsld.calc.phase_allocation import balance_phases, phase_moves_operation
from evsld.calc.results import DeviceResult
from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

BALANCE_KINDS = frozenset({"supply", "switchboard", "busway"})
# largest single-phase device and unbalance at the origin (kVA) the DSO accepts [R]
DSO_LIMIT_KVA = {"DE": 4.6, "AT": 3.7, "CH": 3.7}
SINGLE_PHASE_KINDS = ("evse", "load", "pv", "storage")


def unbalanced(view: CheckView) -> Iterator[tuple[DeviceResult, float]]:
    """Boards, busways and origins whose unbalance exceeds the project's threshold."""
    threshold = view.setting("unbalance_warn_pct") / 100.0
    for r in view.analysis.results.values():
        if r.kind in BALANCE_KINDS:
            u = unbalance(*r.phase_currents_a)
            if u > threshold + 1e-9:
                yield r, u


def _currents(r: DeviceResult) -> str:
    return "/".join(f"{i:.0f}" for i in r.phase_currents_a)


class PhaseUnbalance(Rule):
    id = "R-PH-UNB"
    clause = "IEC 60364-5-52 524.2, design guide §6"
    severity = Severity.WARNING
    summary = "phase unbalance (Imax - Iavg) / Iavg at every board and the origin <= 10 % [J]"

    def check(self, view: CheckView) -> Iterable[Finding]:
        limit = view.setting("unbalance_warn_pct")
        for r, u in unbalanced(view):
            yield self.finding(
                view,
                (r.device_id,),
                f"{view.tag(r.device_id)}: phase currents L1/L2/L3 {_currents(r)} A, unbalance "
                f"{u:.0%} > {limit:g} %, neutral current "
                f"{neutral_current(*r.phase_currents_a):.1f} A.",
            )


class DsoUnbalance(Rule):
    id = "R-PH-DSO"
    clause = "DSO connection rules (VDE-AR-N 4100)"
    clauses = MappingProxyType(
        {"AT": "DSO connection rules (TAEV)", "CH": "DSO connection rules (WV CH)"}
    )
    profiles = frozenset(DSO_LIMIT_KVA)
    severity = Severity.ERROR
    summary = "DE: single-phase device and origin unbalance <= 4.6 kVA; AT/CH 3.7 kVA"

    def check(self, view: CheckView) -> Iterable[Finding]:
        limit = DSO_LIMIT_KVA[view.profile]
        a = view.analysis
        for x in view.circuits.fed(*SINGLE_PHASE_KINDS):
            r = a.result(x)
            if r is None or view.device(x)["phases"] != 1:
                continue
            kva = r.u0_v * max(r.phase_currents_a) / 1000.0
            if kva > limit + 1e-9:
                yield self.finding(
                    view,
                    (x,),
                    f"{view.device(x).label()}: a single-phase device of {kva:.2f} kVA exceeds "
                    f"the {limit:g} kVA the {view.profile} network operators accept; make it "
                    f"three-phase or limit it.",
                )
        for source in view.topology.sources:
            r = a.result(source)
            if r is None:
                continue
            kva = unbalance_kva(*r.phase_currents_a, r.u0_v)
            if kva > limit + 1e-9:
                yield self.finding(
                    view,
                    (source,),
                    f"{view.tag(source)}: unbalance at the origin {kva:.2f} kVA (L1/L2/L3 "
                    f"{_currents(r)} A) exceeds {limit:g} kVA ({view.profile}).",
                    fix=_rotation_fix(view),
                )


def _rotation_fix(view: CheckView) -> Fix | None:
    plan = balance_phases(view.project)
    if not plan.moves:
        return None
    return Fix("Balance phases", phase_moves_operation(plan.moves))


class PhaseRotation(Rule):
    id = "R-PH-ROT"
    clause = "design guide §6: single-phase EVSE spread over L1, L2, L3"
    severity = Severity.INFO
    summary = "suggest rotating single-phase points L1, L2, L3, L1 ... where unbalanced"

    def check(self, view: CheckView) -> Iterable[Finding]:
        if next(unbalanced(view), None) is None:
            return
        if not any(view.device(e)["phases"] == 1 for e in view.circuits.evses):
            return
        plan = balance_phases(view.project)
        if not plan.moves:
            return
        moved = [m.device_id for m in plan.moves]
        yield self.finding(
            view,
            tuple(moved),
            f"Moving {view.tags(moved)} to other phases reduces the phase spread over the "
            f"boards from {plan.spread_before:.0f} A to {plan.spread_after:.0f} A.",
            fix=Fix("Balance phases", phase_moves_operation(plan.moves)),
        )


RULES = (PhaseUnbalance(), DsoUnbalance(), PhaseRotation())
