"""The pieces every template is made of, with the designer's habits written once.

`Site` wraps a Project under construction: the origin (supply, transformer, main breaker,
incomer cable, main meter, main board and its SPD), feeders, boards, building loads, AC and
DC final circuits and load-management zones (areas.py combines them into charging areas).
The electrical choices and the rule each one serves are in docs/templates.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any

from evsld.model.device import Device
from evsld.model.kinds.common import PHASE_NAMES
from evsld.model.project import Project
from evsld.templates import catalogue as cat
from evsld.templates.catalogue import AcCharger, DcCharger, pick
from evsld.templates.design import BUILDING_COS_PHI, PUBLIC_LV_MAX_A, feeder_rating
from evsld.templates.parameters import TemplateError
from evsld.templates.tradeoffs import TradeOff, accept_trade_offs

# time-graded short-circuit selectivity (R536-OC-SEL-MAG): final circuits trip at once,
# feeders wait 0.1 s, the main incomer 0.2 s, so a fault anywhere opens only the breaker
# just above it, whatever the fault current
FEEDER_DELAY_MS = 100.0
MAIN_DELAY_MS = 200.0
TT_RA_OHM = 30.0  # earth electrode assumed for TT: 1 A x 30 Ω = 30 V <= 50 V (R41-TT)
EVSE_EARTHING = ("TN-S", "TN-C-S", "TT")  # what the typical datasheet lists
TRAY = {"method": "E", "grouping_arrangement": "perforated_tray"}
INTEGRATED_RCD = {
    "none": {"integrated_rcd": "none"},
    "B": {
        "integrated_rcd": "B",
        "integrated_rcd_ma": 30.0,
        "integrated_rcd_standard": "IEC 62423",
    },
    "A+RDC-DD": {
        "integrated_rcd": "A",
        "integrated_rcd_ma": 30.0,
        "integrated_rcd_standard": "IEC 61008-1",
        "rdc_dd": True,
    },
}


class Site:
    """A project under construction; keeps the origin's short-circuit level, the earthing
    and the rotation of single-phase points."""

    def __init__(self, *, earthing: str, lightning_protection: bool) -> None:
        self.project = Project()
        self.earthing = earthing
        self.lightning_protection = lightning_protection
        self.ik_ka = 0.0
        self._phase = 0
        self._trade_offs: list[TradeOff] = []
        self._origin: list[Device] = []  # supply, transformer, main board

    @classmethod
    def start(cls, params: Mapping[str, Any], title: str, drawing_title: str) -> Site:
        """A site with the template's earthing and lightning protection, title block filled."""
        site = cls(
            earthing=str(params["earthing"]),
            lightning_protection=bool(params["lightning_protection"]),
        )
        site.project.set_field("metadata", "title", title)
        site.project.set_field("metadata", "drawing_title", drawing_title)
        return site

    def accept(self, rule: str, devices: Iterable[Device], reason: str) -> None:
        """Declare a finding of `rule` about these devices a deliberate trade-off."""
        self._trade_offs.append(TradeOff(rule, frozenset(d.id for d in devices), reason))

    def accept_phase_split(self, where: Iterable[Device], chargers: Iterable[Device]) -> None:
        """R-PH-UNB where single-phase points cannot share the phases equally: n points
        rotated L1, L2, L3 (R-PH-ROT) is already the most even split there is."""
        single = [c for c in chargers if c["phases"] == 1]
        counts = Counter(c["phase"] for c in single)
        split = [counts.get(p, 0) for p in PHASE_NAMES]
        if max(split) == min(split):
            return
        amps = "/".join(f"{n * single[0]['rated_current_a']:g}" for n in split)
        self.accept(
            "R-PH-UNB",
            where,
            f"{len(single)} single-phase {single[0]['rated_current_a']:g} A charging points "
            f"rotated L1, L2, L3 split {'/'.join(map(str, split))} ({amps} A at full power): "
            f"the most even split {len(single)} points allow; only three-phase chargers "
            f"would avoid this unbalance",
        )

    def finish(self) -> Project:
        """The project, with the declared trade-offs accepted (tradeoffs.py); the origin
        carries the phase split of every single-phase point of the site."""
        self.accept_phase_split(self._origin, self.project.diagram.devices_of_kind("evse"))
        accept_trade_offs(self.project, self._trade_offs)
        return self.project

    def add(self, kind: str, name: str = "", **attrs: Any) -> Device:
        return self.project.add(kind, name=name, **attrs)

    def chain(self, *devices: Device) -> Device:
        for upstream, downstream in pairwise(devices):
            self.project.connect(upstream, downstream)
        return devices[-1]

    # --- origin ------------------------------------------------------------------------

    def origin(
        self,
        *,
        supply_kind: str,
        design_a: float,
        largest_feeder_a: float,
        hint: str,
        contracted_kva: float | None = None,
    ) -> tuple[Device, Device, float]:
        """Supply (+ transformer), main breaker, incomer cable, main meter and main board with
        its SPD; returns (main board, main meter, main breaker In). The main breaker is the
        next rating at or above both the design current and 1.25 x the largest feeder, which
        keeps overloads selective (1.30 In below < 1.05 In above, IEC 60947-2)."""
        main_a = feeder_rating(max(design_a, 1.25 * largest_feeder_a), "the main incomer", hint)
        if supply_kind == "public_lv":
            if main_a > PUBLIC_LV_MAX_A:
                raise TemplateError(
                    f"supply_kind public_lv: the main incomer would need {main_a:g} A, more "
                    f"than the {PUBLIC_LV_MAX_A:g} A of a public LV connection; {hint}"
                )
            self.ik_ka = 10.0 if main_a <= 250 else 20.0  # [J] until the DSO declares it
            top = self._supply("Public LV supply", supply_kind, contracted_kva, main_a)
            incomer_m = 15.0
        else:
            kva = pick(
                main_a / cat.transformer_current(1.0),
                cat.TRANSFORMERS_KVA,
                "the transformer",
                hint,
                unit="kVA",
            )
            self.ik_ka = cat.transformer_ik_ka(kva)
            supply = self._supply("New MV connection", supply_kind, contracted_kva, None)
            transformer = self.add(
                "transformer",
                f"{kva:g} kVA",
                rating_kva=kva,
                uk_pct=cat.TRANSFORMER_UK_PCT,
            )
            top = self.chain(supply, transformer)
            incomer_m = 10.0
        pen = self.earthing == "TN-C-S"
        # a PEN conductor is never switched: 3P upstream of the PEN split, 4P elsewhere
        main = self.mccb(
            "Main incomer", main_a, poles="3P" if pen else "4P", delay_ms=MAIN_DELAY_MS
        )
        path = [top, main]
        if self.earthing == "TT":
            path.append(self._tt_rcd("Main incomer", main_a, 1000.0))
        cable = self.feeder_cable("Incomer", main_a, incomer_m, MAIN_DELAY_MS, pen=pen)
        meter = self.add(
            "meter", "Main meter", mid=False, connection="ct", ct_primary_a=main_a, phases=3
        )
        board = self.add(
            "switchboard",
            "Main LV board",
            role="main",
            rated_current_a=pick(main_a, cat.BOARD_RATINGS_A, "board", hint),
            pen_split=pen,
        )
        self.chain(*path, cable, meter, board)
        self.spd(board, "Origin", at_origin=True)
        self._origin = [*self.project.diagram.devices_of_kind("supply", "transformer"), board]
        return board, meter, main_a

    def _supply(
        self, name: str, kind: str, contracted_kva: float | None, connection_a: float | None
    ) -> Device:
        """A public LV connection is requested at the main breaker's rating: the supplier's
        main protection is that rating (R-SUPPLY compares the origin's Ib with it)."""
        attrs: dict[str, Any] = {
            "supply_kind": kind,
            "earthing": self.earthing,
            "contracted_power_kva": contracted_kva,
            "lightning_protection": self.lightning_protection,
        }
        if kind == "public_lv":
            attrs.update(ik_max_ka=self.ik_ka, ik_min_ka=self.ik_ka / 2, main_in_a=connection_a)
        if self.earthing == "TT":
            attrs["ra_ohm"] = TT_RA_OHM
        return self.add("supply", name, **attrs)

    # --- protective devices ------------------------------------------------------------

    def mccb(
        self,
        name: str,
        in_a: float,
        *,
        poles: str = "4P",
        im_x: float = 10.0,
        delay_ms: float = 0.0,
    ) -> Device:
        """IEC 60947-2 breaker with adjustable release; Ir = In, Im = im_x x In, and a
        short-time delay where it must wait for the breakers below (time selectivity)."""
        standard, icu = cat.icu_for(self.ik_ka, miniature=False)
        return self.add(
            "breaker",
            name,
            standard=standard,
            curve="adjustable",
            in_a=in_a,
            im_a=im_x * in_a,
            icu_ka=icu,
            poles=poles,
            delay_ms=delay_ms,
        )

    def _tt_rcd(self, name: str, in_a: float, i_delta_n_ma: float, ev: bool = True) -> Device:
        """TT fault protection of a distribution circuit: a time-delayed RCD, type B above EV
        points (R722-RCD-UP-DC), selective with the 30 mA ones below (R535-RCD-SEL)."""
        return self.add(
            "rcd",
            name,
            rcd_type="B" if ev else "A",
            i_delta_n_ma=i_delta_n_ma,
            delay="S",
            standard="IEC 60947-2",
            in_a=in_a,
            poles="4P",
        )

    def spd(self, parent: Device, name: str, *, at_origin: bool) -> Device:
        """Type 2, Imax 40 kA for the medium exposure of the supply (R534-T2), with its own
        disconnector; at the origin of a building with a lightning protection system type 1+2
        (R534-T1). The lightning current is discharged at the origin, so SPDs further down
        (R534-DIST) are type 2."""
        attrs: dict[str, Any] = {"spd_type": "T2", "in_ka": 20.0, "imax_ka": 40.0}
        if at_origin and self.lightning_protection:
            attrs.update(spd_type="T1+T2", iimp_ka=12.5)
        spd = self.add("spd", f"{name} SPD", **attrs)
        self.project.connect(parent, spd)
        return spd

    # --- distribution ------------------------------------------------------------------

    def feeder_cable(
        self, name: str, in_a: float, length_m: float, delay_ms: float, pen: bool = False
    ) -> Device:
        """The schedule's cable for the breaker's In, stepped up where each conductor must
        withstand Ik² x (0.1 s + the breaker's delay) at the origin's fault level
        (R434-ADIAB: a time-delayed breaker lets the whole fault energy through)."""
        section, parallel = cat.FEEDER_CABLES[int(in_a)]
        clearing_s = cat.BREAKER_CLEARING_S + delay_ms / 1000.0
        section = max(section, cat.withstand_section(cat.C_MAX * self.ik_ka, clearing_s))
        return self.add(
            "cable",
            name,
            phase_section_mm2=section,
            parallel=parallel,
            pen=pen,
            length_m=length_m,
            grouping_circuits=parallel,
            **TRAY,
        )

    def feeder(
        self, board: Device, name: str, in_a: float, length_m: float, *, ev: bool = True
    ) -> Device:
        """Breaker (Im 5 Ir, selective above C32 finals and below the main), in TT a 300 mA
        type S RCD, and the cable; returns the cable for the fed device to hang on."""
        path = [board, self.mccb(name, in_a, im_x=5.0, delay_ms=FEEDER_DELAY_MS)]
        if self.earthing == "TT":
            path.append(self._tt_rcd(name, in_a, 300.0, ev))
        return self.chain(*path, self.feeder_cable(name, in_a, length_m, FEEDER_DELAY_MS))

    def board(self, feed: Device, name: str, rated_a: float, *, outdoor: bool, spd: bool) -> Device:
        rating = pick(rated_a, cat.BOARD_RATINGS_A, f"{name} rating", "")
        attrs: dict[str, Any] = {"rated_current_a": rating}
        if outdoor:
            attrs.update(location="outdoor", enclosure="polyester", ip_rating="IP55")
        board = self.chain(feed, self.add("switchboard", name, **attrs))
        if spd:
            self.spd(board, name, at_origin=False)
        return board

    def load(self, feed: Device, name: str, kw: float, factor: float = 1.0) -> Device:
        return self.chain(
            feed,
            self.add("load", name, power_kw=kw, cos_phi=BUILDING_COS_PHI, demand_factor=factor),
        )

    # --- final circuits ----------------------------------------------------------------

    def ac_point(
        self,
        parent: Device,
        charger: AcCharger,
        name: str,
        length_m: float,
        *,
        rcd_in_circuit: bool,
        route: Mapping[str, Any],
        **evse_attrs: Any,
    ) -> Device:
        """Own breaker (C curve, In = rated current, 1P+N or 4P so the neutral is switched),
        a 30 mA type B RCD unless the charger has one, the cable from the schedule, the
        charger; single-phase points take the next phase of the rotation."""
        single = charger.phases == 1
        poles = "1P+N" if single else "4P"
        standard, icu = cat.icu_for(self.ik_ka, miniature=True)
        let_through = (
            {"let_through_a2s": cat.MCB_LET_THROUGH_A2S[(standard, charger.current_a)]}
            if cat.C_MAX * self.ik_ka > cat.ANNEX_ZA_MAX_KA
            else {}
        )
        path = [
            parent,
            self.add(
                "breaker",
                name,
                standard=standard,
                curve="C",
                in_a=charger.current_a,
                icu_ka=icu,
                poles=poles,
                energy_class="3",
                **let_through,
            ),
        ]
        if rcd_in_circuit:
            rcd = self.add(
                "rcd",
                name,
                rcd_type="B",
                i_delta_n_ma=30.0,
                standard="IEC 62423",
                in_a=pick(charger.current_a, (25.0, 40.0, 63.0), "RCD rating", ""),
                poles=poles,
            )
            path.append(rcd)
        section = cat.final_section(charger.phases, charger.current_a, length_m)
        cable = self.add(
            "cable",
            name,
            phases=charger.phases,
            phase_section_mm2=section,
            length_m=length_m,
            **route,
        )
        phase = {"phase": self._next_phase()} if single else {}
        evse = self.add(
            "evse",
            name,
            current_type="AC",
            power_kw=charger.power_kw,
            phases=charger.phases,
            rated_current_a=charger.current_a,
            connector="type2_socket",
            max_upstream_ocpd_a=charger.max_upstream_ocpd_a,
            supported_earthing=EVSE_EARTHING,
            **phase,
            **evse_attrs,
        )
        return self.chain(*path, cable, evse)

    def dc_point(
        self,
        parent: Device,
        charger: DcCharger,
        name: str,
        length_m: float,
        grouping: int,
        **evse_attrs: Any,
    ) -> Device:
        """Own IEC 60947-2 breaker (3P: the charger takes no neutral), cable from the DC
        schedule (larger where Ik² x 0.1 s needs it, R434-ADIAB), charger with galvanic
        separation (no AC-side RCD needed, R722-DC-RCD)."""
        breaker = self.mccb(name, charger.breaker_a, poles="3P", im_x=5.0)
        withstand = cat.withstand_section(cat.C_MAX * self.ik_ka, cat.BREAKER_CLEARING_S)
        cable = self.add(
            "cable",
            name,
            neutral=False,
            phase_section_mm2=max(charger.section_mm2, withstand),
            length_m=length_m,
            grouping_circuits=grouping,
            **TRAY,
        )
        evse = self.add(
            "evse",
            name,
            current_type="DC",
            power_kw=charger.power_kw,
            phases=3,
            galvanic_separation=True,
            connector="ccs2",
            max_upstream_ocpd_a=charger.max_upstream_ocpd_a,
            supported_earthing=EVSE_EARTHING,
            **evse_attrs,
        )
        return self.chain(parent, breaker, cable, evse)

    def _next_phase(self) -> str:
        phase = PHASE_NAMES[self._phase % 3]
        self._phase += 1
        return phase

    # --- load management ---------------------------------------------------------------

    def zone(
        self,
        name: str,
        mode: str,
        limit_a: float,
        controls: Iterable[Device],
        *,
        meter: Device | None = None,
        parent: Device | None = None,
    ) -> Device:
        zone = self.add("lms", name, zone_name=name, mode=mode, limit_a=limit_a)
        for device in controls:
            port = "parent" if device.kind == "lms" else "ctrl"
            self.project.connect(zone, device, "ctrl", port)
        if meter is not None:
            self.project.connect(zone, meter, "meas", "data")
        if parent is not None:
            self.project.connect(parent, zone, "ctrl", "parent")
        return zone
