"""EV final circuits (IEC 60364-7-722): dedicated circuits, OCPD standards, electrical
separation and the load-management floor of IEC 61851-1."""

from __future__ import annotations

import math
from collections.abc import Iterable

from evsld.model.kinds.charging import CONNECTORS
from evsld.rules.clauses import iec60364
from evsld.rules.finding import Finding, Fix, Severity
from evsld.rules.fixes import set_attributes
from evsld.rules.protective import OCPD_STANDARDS, Ocpd
from evsld.rules.rule import Rule
from evsld.rules.view import CheckView

# IEC 61851-1: a mode 3 point cannot charge below 6 A per phase
IEC61851_MIN_CURRENT_A = 6.0


def evse_label(view: CheckView, evse: str) -> str:
    """ "EV02 (Type 2 socket)": how messages name a charger and what plugs into it."""
    device = view.device(evse)
    connector = CONNECTORS[device["connector"]].removeprefix("IEC 62196-2 ")
    points = f", {device['points']} points" if device["points"] > 1 else ""
    return f"{device.label()} ({connector}{points})"


def ocpd_label(view: CheckView, o: Ocpd) -> str:
    if o.integrated:
        return f"{view.tag(o.device)}'s integrated OCPD"
    return f"{view.tag(o.device)} ({o.describe()})"


class DedicatedCircuit(Rule):
    id = "R722-DED"
    clause, clauses = iec60364("7-722", "722.533.101")
    severity = Severity.ERROR
    other_severities = (Severity.INFO,)
    summary = "each connecting point has its own final circuit and overcurrent device"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        shared: dict[str, None] = {}  # external OCPD(cp) feeding more than one point or a load
        inside: dict[str, None] = {}  # circuits shared by points with integrated OCPDs
        for ev in c.ev_points:
            evse, o = ev.id, ev.ocpd
            if o is None:
                yield self.finding(
                    view,
                    (evse,),
                    f"{evse_label(view, evse)}: no overcurrent protective device above it; "
                    f"each connecting point needs its own final circuit protected by one.",
                )
            elif o.integrated:
                outer = c.ocpd_above(evse)
                key = outer.device if outer is not None else evse
                if c.points(key) > 1 or c.non_ev_loads(key):
                    inside[key] = None
            elif o.points > 1 or c.non_ev_loads(o.device):
                shared[o.device] = None
        for o in shared:
            yield self._shared(view, c.ocpd_record(o))
        for key in inside:
            yield self._integrated(view, key)

    def _integrated(self, view: CheckView, key: str) -> Finding:
        """Points sharing a circuit, each behind its own OCPD inside its EVSE: informative."""
        c = view.circuits
        evses = c.evses_below(key)
        standards = sorted(
            {
                view.device(e)["integrated_ocpd_standard"]
                for e in evses
                if view.device(e)["integrated_ocpd"]
            }
        )
        each = f"each behind its own integrated OCPD ({', '.join(standards)})"
        if key in evses:
            text = f"{evse_label(view, key)}: {c.points(key)} connecting points, {each}"
        else:
            loads = c.non_ev_loads(key)
            also = f" and {loads} non-EV load(s)" if loads else ""
            text = (
                f"{view.tag(key)} feeds {c.points(key)} connecting points "
                f"({view.tags(evses)}){also}, {each}"
            )
        return self.finding(
            view,
            evses if key in evses else (key, *evses),
            f"{text}: 722.533.101 is met inside the EVSE.",
            severity=Severity.INFO,
        )

    def _shared(self, view: CheckView, o: Ocpd) -> Finding:
        c = view.circuits
        evses = c.evses_below(o.device)
        parts = []
        if o.points > 1:
            parts.append(f"{o.points} connecting points ({view.tags(evses)})")
        elif evses:
            parts.append(f"{view.tags(evses)}")
        if loads := c.non_ev_loads(o.device):
            parts.append(f"{loads} non-EV load(s)")
        return self.finding(
            view,
            (o.device, *evses),
            f"{ocpd_label(view, o)} feeds {' and '.join(parts)}: each connecting point needs "
            f"its own final circuit and overcurrent device.",
        )


class OcpdStandard(Rule):
    id = "R722-OCPD-STD"
    clause, clauses = iec60364("7-722", "722.533.101")
    severity = Severity.ERROR
    summary = "the EV circuit's OCPD follows IEC 60898-1, 60947-2, 60947-6-2, 61009-1 or 60269"

    def check(self, view: CheckView) -> Iterable[Finding]:
        seen: set[str] = set()
        for ev in view.circuits.ev_points:
            evse, o = ev.id, ev.ocpd
            if o is None or o.device in seen:
                continue
            seen.add(o.device)
            if not o.listed_standard:
                listed = ", ".join(s.removeprefix("IEC ") for s in OCPD_STANDARDS)
                yield self.finding(
                    view,
                    (o.device,),
                    f"{ocpd_label(view, o)}: product standard '{o.standard}' is not one "
                    f"722.533.101 accepts for an EV circuit (IEC {listed}).",
                    fix=self._standard_fix(view, o),
                )
            elif o.fuse_class == "aM":
                yield self.finding(
                    view,
                    (o.device,),
                    f"{ocpd_label(view, o)}: an aM fuse protects against short circuits only; "
                    f"the EV circuit of {view.tag(evse)} needs overload protection too "
                    f"(gG fuse or circuit breaker).",
                    fix=set_attributes(
                        f"Make {view.tag(o.device)} a gG fuse", o.device, fuse_class="gG"
                    ),
                )

    @staticmethod
    def _standard_fix(view: CheckView, o: Ocpd) -> Fix:
        tag = view.tag(o.device)
        if o.integrated:
            return set_attributes(
                f"Use an EVSE whose integrated OCPD is to IEC 60898-1 for {tag}",
                o.device,
                integrated_ocpd_standard="IEC 60898-1",
            )
        standard = {"rcbo": "IEC 61009-1", "fuse": "IEC 60269"}.get(o.kind)
        if standard is None:
            mcb = o.curve != "adjustable" and (o.setting_a or 0.0) <= 125.0
            standard = "IEC 60898-1" if mcb else "IEC 60947-2"
        return set_attributes(f"Use a device to {standard} for {tag}", o.device, standard=standard)


class ElectricalSeparation(Rule):
    id = "R722-SEP"
    clause, clauses = iec60364("7-722", "722.413.1.2")
    severity = Severity.ERROR
    summary = "electrical separation: one vehicle per separated source"

    def check(self, view: CheckView) -> Iterable[Finding]:
        c = view.circuits
        for t in view.diagram.devices_of_kind("transformer"):
            if (
                t["purpose"] != "separation"
                or c.points(t.id) <= 1
                or not view.topology.is_fed(t.id)
            ):
                continue
            evses = c.evses_below(t.id)
            yield self.finding(
                view,
                (t.id, *evses),
                f"{t.label()} (isolating transformer) feeds {c.points(t.id)} connecting points "
                f"({view.tags(evses)}): electrical separation allows one vehicle per separated "
                f"source.",
            )


class LoadManagementFloor(Rule):
    id = "R722-LMS-6A"
    clause = "IEC 61851-1"
    severity = Severity.WARNING
    summary = "a load-management zone can give every active point at least 6 A per phase"

    def check(self, view: CheckView) -> Iterable[Finding]:
        topo, devices = view.topology, view.devices
        fed_by = topo.fed_by
        direct: dict[str, dict[str, int]] = {}  # zone -> phase -> points it drives directly
        sample: dict[str, str] = {}  # zone -> one EVSE it drives (for the supply voltage)
        for evse, zone in topo.controller.items():
            device = devices[evse]
            if device.kind != "evse":
                continue
            counts = direct.get(zone)
            if counts is None:
                counts = direct[zone] = {"L1": 0, "L2": 0, "L3": 0}
            a = device.attrs
            points = a["points"]
            if a["current_type"] == "DC" or a["phases"] == 3:  # DC: a three-phase input
                counts["L1"] += points
                counts["L2"] += points
                counts["L3"] += points
            else:
                counts[a["phase"]] += points
            if evse in fed_by or zone not in sample:
                sample[zone] = evse
        totals: dict[str, dict[str, int]] = {}
        for zone, counts in direct.items():
            for governing in dict.fromkeys((zone, *topo.zones_of(zone))):  # and its parents
                total = totals.setdefault(governing, {"L1": 0, "L2": 0, "L3": 0})
                for phase, n in counts.items():
                    total[phase] += n
                sample.setdefault(governing, sample[zone])
        for zone, counts in totals.items():
            yield from self._zone(view, zone, counts, sample[zone])

    def _zone(
        self, view: CheckView, zone: str, counts: dict[str, int], evse: str
    ) -> Iterable[Finding]:
        device = view.device(zone)
        limit, how = device["limit_a"], f"{device['limit_a']:g} A per phase"
        if device["limit_kw"] is not None:
            u0 = view.circuits.source(evse)["u0_v"] if view.topology.is_fed(evse) else 230.0
            from_kw = device["limit_kw"] * 1000.0 / (3.0 * u0)
            if from_kw < limit:
                limit, how = from_kw, f"{device['limit_kw']:g} kW ({from_kw:.1f} A per phase)"
        minimum = max(IEC61851_MIN_CURRENT_A, device["min_current_a"])
        phase, points = max(counts.items(), key=lambda kv: kv[1])
        if points == 0 or limit / points >= minimum:
            return
        sessions = math.floor(limit / minimum + 1e-9)
        where = "" if len(set(counts.values())) == 1 else f" on {phase}"
        yield self.finding(
            view,
            (zone,),
            f"{device.label()}: {how} shared by {points} connecting points{where} gives "
            f"{limit / points:.1f} A per point, below the {minimum:g} A an active point needs; "
            f"at most {sessions} session{'s' if sessions != 1 else ''} can charge at once{where}, "
            f"the others wait.",
        )


RULES = (DedicatedCircuit(), OcpdStandard(), ElectricalSeparation(), LoadManagementFloor())
