"""Fault protection by automatic disconnection (IEC 60364-4-41 411.4 TN, 411.5 TT) and the
voltage drop to every connecting point (IEC 60364-5-52 525)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from evsld.calc.notes import SC_NO_LOOP, TT_NO_RA
from evsld.calc.protection import Protection, ia_rcd, tt_max_ra, tt_touch_voltage
from evsld.calc.short_circuit import TN_SYSTEMS
from evsld.rules.calculated import (
    fed_conductors,
    note_findings,
    notes_with,
    upsize_fix,
)
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Severity
from evsld.rules.packs.ev_circuits import evse_label
from evsld.rules.packs.overcurrent import EPS, protection_label
from evsld.rules.protective import Rcd, integrated_rcd
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

TT_TOUCH_LIMIT_V = 50.0  # 411.5.3: RA x IΔn <= 50 V
CONSUMER_KINDS = ("evse", "load", "pv", "storage")
SUPPLY_KINDS = {"public_lv": "public LV supply", "private_mv_lv": "private MV/LV substation"}


def _fed_in(view: CheckView, earthing: set[str] | frozenset[str], *kinds: str) -> Iterator[str]:
    """Fed devices of these kinds whose source (`Circuits.source`) has one of the earthings."""
    fed_by, sources = view.topology.fed_by, _sources_in(view, earthing)
    if not sources:
        return iter(())
    return (x for x in view.circuits.fed(*kinds) if fed_by[x][0] in sources)


def _sources_in(view: CheckView, earthing: set[str] | frozenset[str]) -> frozenset[str]:
    """The sources with one of these earthing systems."""
    devices = view.devices
    return frozenset(s for s in view.topology.sources if devices[s].attrs["earthing"] in earthing)


def rcd_chain(view: CheckView, x: str) -> Iterator[Rcd]:
    """Every residual-current device that sees a fault at x: an EVSE's integrated one (for
    the EVSE itself), then the external ones above, nearest first."""
    c = view.circuits
    device = view.device(x)
    if device.kind == "evse":
        own = integrated_rcd(device)
        if own is not None:
            yield own
    r = c.rcd_id_above(x)
    while r is not None:
        yield c.rcd_record(r)
        r = c.rcd_id_above(r)


class TnDisconnection(Rule):
    id = "R41-TN-ZS"
    clause, clauses = iec60364("4-41", "411.4.4")
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "TN: Zs x Ia <= U0 (Ia 5/10/20 In for B/C/D, 5 IΔn through an RCD)"

    def check(self, view: CheckView) -> Iterable[Finding]:
        no_loop = {n.devices[0] for n in notes_with(view, SC_NO_LOOP)}
        yield from (
            f
            for f in note_findings(self, view, (SC_NO_LOOP,))
            if view.device(f.devices[0])["earthing"] in TN_SYSTEMS
        )
        tn_sources = _sources_in(view, TN_SYSTEMS)
        if not tn_sources:
            return
        fed_by, rcd_above = view.topology.fed_by, view.circuits.rcd_above
        rows = fed_conductors(view)
        for x, result, p in (*rows["cable"], *rows["busway"]):
            if fed_by[x][0] not in tn_sources or result.source_id in no_loop:
                continue
            zs = result.zs_ohm
            if zs is None:
                yield self.finding(
                    view,
                    (x,),
                    f"{view.tag(x)}: the fault-loop impedance Zs at its end is unknown, so "
                    f"disconnection in time cannot be verified.",
                )
                continue
            u0 = result.u0_v
            if p is not None and p.ia_a is not None and zs * p.ia_a <= u0 + EPS:
                continue
            rcd = rcd_above(x)
            if rcd is not None and zs * ia_rcd(rcd.i_delta_n_ma) <= u0 + EPS:
                continue
            yield self._failure(view, x, zs, u0, p, rcd)

    def _failure(
        self,
        view: CheckView,
        x: str,
        zs: float,
        u0: float,
        p: Protection | None,
        rcd: Rcd | None,
    ) -> Finding:
        if p is None and rcd is None:
            return self.finding(
                view,
                (x,),
                f"{view.tag(x)}: no overcurrent device or RCD above it disconnects a fault.",
            )
        if p is not None and p.ia_a is None and rcd is None:
            return self.finding(
                view,
                (x, p.device_id),
                f"{view.tag(x)}: Ia of {protection_label(view, p)} is not known (no magnetic "
                f"band); verify Zs {zs:.3f} ohm against its time-current curve or add an RCD.",
                severity=Severity.WARNING,
            )
        devices = (x,) + ((p.device_id,) if p is not None else ())
        parts = []
        if p is not None and p.ia_a is not None:
            parts.append(
                f"Zs {zs:.3f} ohm x Ia {p.ia_a:g} A of {protection_label(view, p)} = "
                f"{zs * p.ia_a:.1f} V > U0 {u0:g} V"
            )
        if rcd is not None:
            parts.append(
                f"through {view.tag(rcd.device)} ({rcd.describe()}) "
                f"{zs * ia_rcd(rcd.i_delta_n_ma):.1f} V"
            )
        return self.finding(
            view,
            devices,
            f"{view.tag(x)}: {'; '.join(parts)}: a fault is not disconnected in time; add an "
            f"RCD, a smaller-Ia device or a larger section.",
        )


class TtDisconnection(Rule):
    id = "R41-TT"
    clause, clauses = iec60364("4-41", "411.5.3")
    severity = Severity.ERROR
    summary = "TT: RA x IΔn <= 50 V for the RCD giving fault protection"

    def check(self, view: CheckView) -> Iterable[Finding]:
        yield from note_findings(self, view, (TT_NO_RA,))
        too_high: dict[str, list[str]] = {}
        unprotected: dict[str, list[str]] = {}
        for x in _fed_in(view, {"TT"}, "cable", *CONSUMER_KINDS):
            source = view.circuits.source(x)
            ra = source["ra_ohm"]
            if ra is None:
                continue
            best = min(rcd_chain(view, x), key=lambda r: r.i_delta_n_ma, default=None)
            if best is None:
                unprotected.setdefault(source.id, []).append(x)
            elif tt_touch_voltage(ra, best.i_delta_n_ma) > TT_TOUCH_LIMIT_V + EPS:
                too_high.setdefault(best.device, []).append(x)
        for source_id, devices in unprotected.items():
            yield self.finding(
                view,
                (source_id, *devices),
                f"TT supply {view.tag(source_id)}: no RCD gives fault protection to "
                f"{view.tags(devices)}.",
            )
        for rcd_id, devices in too_high.items():
            rcd = next(r for r in rcd_chain(view, devices[0]) if r.device == rcd_id)
            ra = view.circuits.source(devices[0])["ra_ohm"]
            yield self.finding(
                view,
                (rcd_id,),
                f"{view.tag(rcd_id)} ({rcd.describe()}) gives the fault protection of "
                f"{view.tags(devices)}: RA {ra:g} ohm x {rcd.i_delta_n_ma:g} mA = "
                f"{tt_touch_voltage(ra, rcd.i_delta_n_ma):.1f} V > 50 V (RA at most "
                f"{tt_max_ra(rcd.i_delta_n_ma):.1f} ohm).",
            )


class VoltageDrop(Rule):
    id = "R525-VD"
    clause, clauses = iec60364("5-52", "525, Annex G")
    severity = Severity.ERROR
    other_severities = (Severity.WARNING,)
    summary = "cumulative voltage drop to each cp <= 5 % public LV, 8 % private substation"

    def check(self, view: CheckView) -> Iterable[Finding]:
        a = view.analysis
        warn = view.setting("vdrop_warn_fraction")
        for ev in view.circuits.ev_points:
            result = a.result(ev.id)
            if result is None:
                continue
            drop, limit = result.vdrop_cum_pct, result.vdrop_limit_pct
            if drop is None or limit is None:
                yield self.finding(
                    view,
                    (ev.id,),
                    f"{evse_label(view, ev.id)}: the voltage drop from the origin is unknown "
                    f"(see the calculation notes), so it cannot be checked.",
                )
                continue
            if drop <= warn * limit + EPS:
                continue
            kind = SUPPLY_KINDS.get(view.device(result.source_id)["supply_kind"], "supply")
            cable = view.circuits.parent(ev.id)
            fix = (
                upsize_fix(view, cable, f"drop <= {warn * limit:g} %", warn)
                if cable is not None and view.device(cable).kind == "cable"
                else None
            )
            if drop > limit + EPS:
                yield self.finding(
                    view,
                    (ev.id,),
                    f"{evse_label(view, ev.id)}: cumulative voltage drop {drop:.2f} % > "
                    f"{limit:g} % ({kind}).",
                    fix=fix,
                )
            else:
                yield self.finding(
                    view,
                    (ev.id,),
                    f"{evse_label(view, ev.id)}: cumulative voltage drop {drop:.2f} % is above "
                    f"{warn:.0%} of the {limit:g} % limit ({kind}).",
                    severity=Severity.WARNING,
                    fix=fix,
                )


RULES = (TnDisconnection(), TtDisconnection(), VoltageDrop())
