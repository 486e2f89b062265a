"""Overcurrent selectivity between devices in series (IEC 60364-5-53 536.4): overload zone
by conventional currents, short-circuit zone by magnetic bands (rule catalog §3)."""

from __future__ import annotations

from collections.abc import Iterable

from evsld.calc.protection import OCPD_KINDS, Protection
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Severity
from evsld.rules.packs.overcurrent import EPS, protection_label
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView


def series_pairs(view: CheckView) -> list[tuple[Protection, Protection]]:
    """(upstream, downstream) protections of every overcurrent device with one above it,
    found once per run for both selectivity rules."""
    return view.shared(_series_pairs)


def _series_pairs(view: CheckView) -> list[tuple[Protection, Protection]]:
    c, protection = view.circuits, view.analysis.protections.get
    above = c.ocpd_id_above
    pairs = []
    for x in c.fed(*OCPD_KINDS):
        upper = above(x)
        if upper is None:
            continue
        up, down = protection(upper), protection(x)
        if up is not None and down is not None:
            pairs.append((up, down))
    return pairs


def time_selective(upper: Protection) -> bool:
    """The upper device waits (an intentional short-time delay, IEC 60947-2) for the lower
    one to clear a short circuit: selectivity by time, not by current (536.4)."""
    return upper.delay_s > 0.0


def _pair(view: CheckView, up: Protection, down: Protection) -> str:
    return f"{protection_label(view, up)} above {protection_label(view, down)}"


class OverloadSelectivity(Rule):
    id = "R536-OC-SEL-THERMAL"
    clause, clauses = iec60364("5-53", "536.4")
    severity = Severity.WARNING
    summary = "overload: I_f(down) < I_nf(up); I_nf 1.13 In (60898), 1.05 Ir (60947-2)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        for up, down in series_pairs(view):
            if up.i_nf_a is None or down.i2_a is None:
                yield self.finding(
                    view,
                    (up.device_id, down.device_id),
                    f"{_pair(view, up, down)}: the conventional currents of one of them are "
                    f"unknown (product standard), so overload selectivity cannot be verified.",
                )
            elif down.i2_a >= up.i_nf_a - EPS:
                yield self.finding(
                    view,
                    (up.device_id, down.device_id),
                    f"{_pair(view, up, down)}: I_f {down.i2_a:.1f} A of the lower device is not "
                    f"below I_nf {up.i_nf_a:.1f} A of the upper one: an overload may trip both.",
                )


class ShortCircuitSelectivity(Rule):
    id = "R536-OC-SEL-MAG"
    clause, clauses = iec60364("5-53", "536.4")
    severity = Severity.WARNING
    summary = "short circuit: Im_max(down) < Im_min(up), selective up to Im_min(up)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        results = view.analysis.results
        partial: dict[str, tuple[Protection, list[str], float]] = {}  # upper -> lower, Ik
        for up, down in series_pairs(view):
            if time_selective(up) or up.im_min_a is None or down.im_max_a is None:
                continue  # time-selective, or fuses (R536-RATIO's rule of thumb)
            if down.im_max_a >= up.im_min_a - EPS:
                yield self.finding(
                    view,
                    (up.device_id, down.device_id),
                    f"{_pair(view, up, down)}: magnetic bands overlap (lower trips up to "
                    f"{down.im_max_a:g} A, upper from {up.im_min_a:g} A): no short-circuit "
                    f"selectivity; confirm with the manufacturer's tables.",
                )
                continue
            result = results.get(down.device_id)
            ik = None if result is None else result.ik_max_ka
            if ik is not None and ik * 1000.0 > up.im_min_a + EPS:
                known = partial.get(up.device_id)
                if known is None:
                    partial[up.device_id] = (up, [down.device_id], max(0.0, ik))
                else:
                    known[1].append(down.device_id)
                    if ik > known[2]:  # the worst Ik max below it
                        partial[up.device_id] = (up, known[1], ik)
        for up, lower, ik in partial.values():
            yield self.finding(
                view,
                (up.device_id, *lower),
                f"{protection_label(view, up)} is selective with {view.tags(lower)} below it "
                f"up to {up.im_min_a / 1000.0:.2f} kA only (its Im min); Ik max reaches "
                f"{ik:.2f} kA there: partial selectivity, confirm with the manufacturer's "
                f"tables.",
            )


RULES = (OverloadSelectivity(), ShortCircuitSelectivity())
