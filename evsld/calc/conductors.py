"""Cables and busways in the top-down pass: capacity, voltage drop, short-circuit path.

A busway feeds its tap-offs at positions along the run: each tap-off's line side is the
busway's line side plus the run up to its position, for the voltage drop (distributed
tap-offs, rule catalog §6) and for the short-circuit impedance. Positions come from the
tap-offs (`position_m`); without any, the catalog's evenly spaced taps are assumed for the
voltage drop, while the short-circuit values take the worst place (feed end for Ik max, far
end for Ik min and Zs). When only some positions are given, the others sit at the far end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from evsld.calc.ampacity import IzDerivation, Missing
from evsld.calc.busways import busway_rx
from evsld.calc.cable_type import cable_type
from evsld.calc.flows import NodeCurrents
from evsld.calc.notes import (
    BUSWAY_RX_CATALOGUE,
    BUSWAY_RX_UNKNOWN,
    CABLE_PHASES,
    I2_UNKNOWN,
    NO_NEUTRAL,
    CalcNote,
    NoteSeverity,
)
from evsld.calc.protection import Protection, let_through_i2t
from evsld.calc.results import ConductorResult
from evsld.calc.short_circuit import (
    RunImpedance,
    ScState,
    busway_run,
    ik_max_a,
    through_run,
    without_impedance,
)
from evsld.calc.voltage_drop import (
    cable_drops,
    distributed_drops,
    even_positions,
    phase_drops,
    worst_pct,
)
from evsld.model.device import Device

Cum = tuple[float, float, float] | None
Through = tuple[ScState, Cum, ConductorResult]
# one per cable: built from a whole tuple, without the keyword handling
_conductor_result = partial(tuple.__new__, ConductorResult)


@dataclass(frozen=True, slots=True)
class _Tap:
    run_max: RunImpedance | None
    run_min: RunImpedance | None
    drop: tuple[float, float, float] | None


def _plus(cum: Cum, drop: Sequence[float] | None) -> Cum:
    if cum is None or drop is None:
        return None
    return (cum[0] + drop[0], cum[1] + drop[1], cum[2] + drop[2])


class Conductors:
    """Computes cables and busways as the top-down pass reaches them."""

    def __init__(
        self,
        children: Mapping[str, Sequence[str]],
        devices: Mapping[str, Device],
        currents: Mapping[str, NodeCurrents],
        protections: Mapping[str, Protection],
        notes: list[CalcNote],
    ) -> None:
        self._children = children
        self._devices = devices
        self._currents = currents
        self._protections = protections
        self._notes = notes
        self._taps: dict[str, dict[str, _Tap]] = {}  # busway -> child -> its place
        self._busway_line: dict[str, tuple[ScState, Cum]] = {}

    @property
    def busways(self) -> Mapping[str, object]:
        """Busways met so far: their children's line side lies along the run."""
        return self._taps

    def busway_state(self, busway: str) -> tuple[dict[str, _Tap], tuple[ScState, Cum]]:
        """What a computed busway hands its tap-offs (kept for the next run: evsld.calc.memo)."""
        return self._taps[busway], self._busway_line[busway]

    def adopt(self, busway: str, state: tuple[dict[str, _Tap], tuple[ScState, Cum]]) -> None:
        """Take a busway's tap-off places from the last run, when nothing it read changed."""
        self._taps[busway], self._busway_line[busway] = state

    def tap_line_side(self, node: str, busway: str) -> tuple[ScState, Cum]:
        """Short-circuit state and cumulative drop where a device taps off a busway."""
        tap = self._taps[busway][node]
        line_state, line_cum = self._busway_line[busway]
        if tap.run_max is None or tap.run_min is None:
            return without_impedance(line_state, False), None
        return through_run(line_state, tap.run_max, tap.run_min, False), _plus(line_cum, tap.drop)

    def through(
        self,
        node: str,
        line_state: ScState,
        line_cum: Cum,
        ocpd_id: str | None,
        u0: float,
    ) -> Through:
        device = self._devices[node]
        protection = self._protections.get(ocpd_id) if ocpd_id is not None else None
        if protection is not None and protection.i2_a is None:
            self._note(
                I2_UNKNOWN,
                NoteSeverity.ERROR,
                (node, protection.device_id),
                f"{device.tag}: the protecting device {self._devices[ocpd_id].tag} "
                f"({protection.standard}, {protection.family}) has no known conventional "
                "tripping current I2; overload protection (R433-I2) cannot be verified",
            )
        if device.kind == "cable":
            return self._cable(node, device, line_state, line_cum, protection, u0)
        return self._busway(node, device, line_state, line_cum, u0)

    def _note(
        self, code: str, severity: NoteSeverity, devices: tuple[str, ...], message: str
    ) -> None:
        self._notes.append(CalcNote(code, severity, devices, message))

    def _cable(
        self,
        node: str,
        device: Device,
        line_state: ScState,
        line_cum: Cum,
        protection: Protection | None,
        u0: float,
    ) -> Through:
        current = self._currents[node]
        cable = cable_type(device.attrs)
        if isinstance(cable.iz, Missing):
            self._note(
                cable.iz.code,
                NoteSeverity.ERROR,
                (node,),
                f"{device.tag}: {cable.iz.reason}; Iz is not computed",
            )
        single = cable.single_phase
        loaded = (current.phases[0] > 0.0) + (current.phases[1] > 0.0) + (current.phases[2] > 0.0)
        if single and loaded > 1:
            self._note(
                CABLE_PHASES,
                NoteSeverity.ERROR,
                (node,),
                f"{device.tag}: a single-phase cable carries current on {loaded} phases; its "
                "Iz (2 loaded conductors) and voltage drop do not describe that circuit",
            )
        if not cable.has_neutral and (single or current.neutral_a > 1e-6 * (current.ib_a + 1.0)):
            self._note(
                NO_NEUTRAL,
                NoteSeverity.ERROR,
                (node,),
                f"{device.tag}: carries single-phase or unbalanced current "
                f"(I_N {current.neutral_a:.1f} A) but has no neutral conductor; its drop is "
                "computed as if it had a full-size neutral",
            )
        length = device.attrs["length_m"]
        drops = cable_drops(
            current.phases,
            current.active_share,
            current.reactive_share,
            material=cable.material,
            length_m=length,
            section_mm2=cable.section_mm2,
            neutral_section_mm2=cable.drop_neutral_mm2,
            parallel=cable.parallel,
        )
        run = cable.per_metre.scaled(length)
        ik_line = ik_max_a(line_state, u0)
        let_through = (
            let_through_i2t(protection, ik_line)
            if protection is not None and ik_line is not None
            else None
        )
        iz = cable.iz if isinstance(cable.iz, IzDerivation) else None
        result = _conductor_result(
            (
                None if iz is None else iz.iz_a,
                iz,
                worst_pct(drops, current.phases, u0),
                cable.k,
                cable.k2s2_a2s,
                None if ik_line is None else ik_line / 1000.0,
                let_through,
                None,
                None,
                False,
            )
        )
        state = through_run(line_state, run, run, single)
        return state, _plus(line_cum, drops), result

    def _busway(
        self, node: str, device: Device, line_state: ScState, line_cum: Cum, u0: float
    ) -> Through:
        attrs = device.attrs
        length = attrs["length_m"]
        rx = busway_rx(
            attrs["family"], attrs["rating_a"], attrs["r_mohm_per_m"], attrs["x_mohm_per_m"]
        )
        label = f"{attrs['family']} {attrs['rating_a']:g} A"
        if rx is None:
            self._note(
                BUSWAY_RX_UNKNOWN,
                NoteSeverity.ERROR,
                (node,),
                f"{device.tag}: no resistance and reactance per metre for {label}; enter the "
                "datasheet values. Its voltage drop and minimum short-circuit currents are "
                "not computed",
            )
        elif rx[2]:
            self._note(
                BUSWAY_RX_CATALOGUE,
                NoteSeverity.WARNING,
                (node,),
                f"{device.tag}: r {rx[0] * 1000:g} and x {rx[1] * 1000:g} mΩ/m are evsld's "
                f"approximate figures for {label} [R]; enter the datasheet values",
            )
        kids = self._children.get(node, ())
        self._busway_line[node] = (line_state, line_cum)
        if rx is None:
            self._taps[node] = {k: _Tap(None, None, None) for k in kids}
            state, cum, seg_pct = without_impedance(line_state, False), None, None
        else:
            r, x = rx[0], rx[1]
            run = busway_run(r, x, length)
            seg = self._place_taps(node, kids, run, r, x, length)
            state = through_run(line_state, run.scaled(0.0), run, False)
            cum = _plus(line_cum, seg)
            seg_pct = worst_pct(seg, self._currents[node].phases, u0)
        result = ConductorResult(
            iz_a=attrs["rating_a"],
            iz=None,
            vdrop_pct=seg_pct,
            k=None,
            k2s2_a2s=None,
            ik_max_line_ka=None,
            let_through_a2s=None,
            r_ohm_per_m=None if rx is None else rx[0],
            x_ohm_per_m=None if rx is None else rx[1],
            rx_from_catalogue=rx is not None and rx[2],
        )
        return state, cum, result

    def _place_taps(
        self,
        node: str,
        kids: Sequence[str],
        run: RunImpedance,
        r: float,
        x: float,
        length: float,
    ) -> tuple[float, float, float]:
        """Drop at every tap and the run's worst drop per phase (V)."""
        if not kids:
            self._taps[node] = {}
            return (0.0, 0.0, 0.0)
        given = [self._devices[k].attrs.get("position_m") for k in kids]
        if all(g is None for g in given):
            positions, known = even_positions(len(kids), length), [False] * len(kids)
        else:
            positions = [length if g is None else min(g, length) for g in given]
            known = [g is not None for g in given]
        total = self._currents[node].phases
        kid_currents = [self._currents[k] for k in kids]
        sums = [sum(c.phases[p] for c in kid_currents) for p in range(3)]
        scale = [total[p] / sums[p] if sums[p] > 0.0 else 0.0 for p in range(3)]
        per_metre = [
            phase_drops(
                (c.phases[0] * scale[0], c.phases[1] * scale[1], c.phases[2] * scale[2]),
                c.active_share,
                c.reactive_share,
                r,
                x,
                r,
                x,
            )
            for c in kid_currents
        ]
        drops = distributed_drops(positions, per_metre)
        zero = run.scaled(0.0)
        self._taps[node] = {
            kid: _Tap(
                run.scaled(pos / length) if ok else zero,
                run.scaled(pos / length) if ok else run,
                drop,
            )
            for kid, pos, ok, drop in zip(kids, positions, known, drops, strict=True)
        }
        return (max(d[0] for d in drops), max(d[1] for d in drops), max(d[2] for d in drops))
