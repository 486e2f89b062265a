"""Selectivity between protective devices in series (IEC 60364-5-53 535 and 536): residual
current selectivity by ratio and delay, and the overcurrent rule of thumb on rating ratios
(current selectivity; it says nothing of a time-graded pair)."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Severity
from evsld.rules.fixes import set_attributes
from evsld.rules.packs.ev_rcd import rcd_label
from evsld.rules.packs.oc_selectivity import time_selective
from evsld.rules.protective import OCPD_KINDS, RCD_KINDS, Ocpd, Rcd
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

RCD_SELECTIVITY_RATIO = 3.0  # IΔn upstream >= 3 IΔn downstream, and upstream type S
# rule of thumb for overcurrent selectivity: In upstream / In downstream
RATING_RATIO = {"breaker": 1.6, "fuse": 2.0}
FAMILY = {"breaker": "breaker", "rcbo": "breaker", "fuse": "fuse"}  # by OCPD kind


class RcdSelectivity(Rule):
    id = "R535-RCD-SEL"
    clause, clauses = iec60364("5-53", "535")
    severity = Severity.WARNING
    other_severities = (Severity.ERROR,)
    summary = "RCDs in series: upstream IΔn >= 3 x downstream and time-delayed (type S)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        above, record = c.rcd_id_above, c.rcd_record
        for x in c.fed(*RCD_KINDS):
            u = above(x)
            if u is not None and (finding := self._pair(view, record(u), record(x))):
                yield finding
        for ev in c.ev_points:
            rcds = ev.rcds  # the integrated RCD first, then the one above it (rcd_above)
            if len(rcds) < 2 or not rcds[0].integrated:
                continue
            if finding := self._pair(view, rcds[1], rcds[0]):
                yield finding

    def _pair(self, view: CheckView, upper: Rcd, lower: Rcd) -> Finding | None:
        """The finding of an unselective pair; None when the upper one is selective."""
        ratio_ok = upper.i_delta_n_ma >= RCD_SELECTIVITY_RATIO * lower.i_delta_n_ma
        if ratio_ok and upper.delayed:
            return None
        reasons = []
        if not ratio_ok:
            reasons.append(
                f"its IΔn is less than {RCD_SELECTIVITY_RATIO:g} x {lower.i_delta_n_ma:g} mA"
            )
        if not upper.delayed:
            reasons.append("it is not time-delayed (type S)")
        required = upper.selectivity_required or lower.selectivity_required
        fix = None
        if ratio_ok:
            tag = view.tag(upper.device)
            fix = set_attributes(f"Make {tag} time-delayed (type S)", upper.device, delay="S")
        return self.finding(
            view,
            (upper.device, lower.device),
            f"{rcd_label(view, upper)} is not selective with {rcd_label(view, lower)} below it: "
            f"{' and '.join(reasons)}, so a fault below {view.tag(lower.device)} may trip "
            f"{view.tag(upper.device)} too"
            + ("; this circuit is marked 'selectivity required'." if required else "."),
            fix=fix,
            severity=Severity.ERROR if required else Severity.WARNING,
        )


class RatingRatio(Rule):
    """The 1.6 / 2 ratio is a rule of thumb for current selectivity. Above a time-selective
    device (intentional delay) the pair is graded by time instead, so the rule of thumb does
    not apply; R536-OC-SEL-THERMAL still checks the overload zone of such a pair."""

    id = "R536-RATIO"
    clause, clauses = iec60364("5-53", "536")
    severity = Severity.INFO
    summary = "rule of thumb: In up / In down >= 1.6 (breakers), >= 2 (fuses)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        above, record = c.ocpd_id_above, c.ocpd_record
        for x in c.fed(*OCPD_KINDS):
            u = above(x)
            if u is not None and (finding := self._pair(view, record(u), record(x))):
                yield finding

    def _pair(self, view: CheckView, upper: Ocpd, lower: Ocpd) -> Finding | None:
        """The finding of a pair below the rule-of-thumb ratio; None otherwise."""
        family = FAMILY.get(upper.kind)
        if family is None or family != FAMILY.get(lower.kind):
            return None
        need = RATING_RATIO[family]
        ratio = upper.setting_a / lower.setting_a
        if ratio >= need:
            return None
        protection = view.analysis.protections.get(upper.device)
        if protection is not None and time_selective(protection):
            return None
        return self.finding(
            view,
            (upper.device, lower.device),
            f"{view.tag(upper.device)} ({upper.describe()}) above {view.tag(lower.device)} "
            f"({lower.describe()}): rating ratio {ratio:.2f} < {need:g}, the rule of thumb for "
            f"{family}s in series; overcurrent selectivity is unlikely, confirm it with the "
            f"manufacturer's selectivity tables.",
        )


RULES = (RcdSelectivity(), RatingRatio())
