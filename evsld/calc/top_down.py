"""Pass 3 of the analysis: top-down from each source, the first overcurrent device above
every device, its cumulative voltage drop and its short-circuit state.

Devices in series (breaker, RCD, meter, the charger at a cable's end) share their upstream
neighbour's state objects, so their derived values are computed once and reused. With a memo
(evsld.calc.memo), a device whose inputs are the identical objects of the last run keeps its
results.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

from evsld.calc.conductors import Conductors
from evsld.calc.flows import NodeCurrents
from evsld.calc.memo import NodeEntry, same_objects
from evsld.calc.notes import SC_NO_LOOP, SC_NO_SOURCE, TT_NO_RA, CalcNote, NoteSeverity
from evsld.calc.protection import OCPD_KINDS, Protection, protection_of
from evsld.calc.results import DeviceResult
from evsld.calc.short_circuit import (
    TN_SYSTEMS,
    ScState,
    ik_max_a,
    ik_min_a,
    mv_source,
    public_source,
    through_transformer,
    zs_ohm,
)
from evsld.calc.voltage_drop import VDROP_LIMIT_PCT, worst_pct
from evsld.model.device import Device
from evsld.model.topology import Topology

CONDUCTOR_KINDS = ("cable", "busway")
Cum = tuple[float, float, float] | None
# one result per device: building the named tuple from a whole tuple skips its keyword
# handling (half the cost, ~2 ms of the analysis of a 1,000-charger car park)
_result = partial(tuple.__new__, DeviceResult)
_node_entry = partial(tuple.__new__, NodeEntry)  # as cheap, for the same reason


class Source(NamedTuple):
    """What every device fed by one supply shares (values only: equal sources compare equal
    from one run to the next)."""

    device_id: str
    tag: str
    u0_v: float
    u_v: float
    limit_pct: float
    ra_ohm: float | None
    earthing: str

    @classmethod
    def of(cls, supply: Device) -> Source:
        attrs = supply.attrs
        return cls(
            supply.id,
            supply.tag,
            attrs["u0_v"],
            attrs["u_v"],
            VDROP_LIMIT_PCT[attrs["supply_kind"]],
            attrs["ra_ohm"] if attrs["earthing"] == "TT" else None,
            attrs["earthing"],
        )


def top_down(
    topo: Topology,
    devices: Mapping[str, Device],
    sources: Mapping[str, Source],
    currents: Mapping[str, NodeCurrents],
    notes: list[CalcNote],
    kept: Mapping[str, NodeEntry],
) -> tuple[dict[str, DeviceResult], dict[str, Protection], dict[str, NodeEntry]]:
    """Pass 3: protection above, cumulative drop and short-circuit state of every device.
    A device whose inputs are the identical objects of the last run (`kept`) keeps its
    results; one that is recomputed hands on its old state when the new one is equal."""
    run = TopDown(topo, devices, sources, currents, notes, ({}, {}, {}))
    results, protections, entries = run.results, run.protections, run.entries
    conductors = run.conductors
    # per device: what it hands its children (its source, the first OCPD above it,
    # short-circuit state, cumulative drop, current and the values derived from those)
    below: dict[str, tuple] = {}
    parents = topo.parent
    step = run.step
    for node in topo.order:
        parent = parents.get(node)
        entry, fresh = step(node, parent, None if parent is None else below[parent], kept.get(node))
        below[node] = entry.below
        if fresh:
            continue
        results[node], entries[node] = entry.result, entry
        if entry.protection is not None:
            protections[node] = entry.protection
        if entry.busway is not None:
            conductors.adopt(node, entry.busway)
        if entry.notes:
            notes.extend(entry.notes)
    return results, protections, entries


class TopDown:
    """One run of pass 3: what every device's results are computed from and what they share.

    The full pass (`top_down`) steps through every device in feeding order; the frontier
    (evsld.calc.frontier) steps only through what an edit reaches, on the last run's results.
    """

    def __init__(
        self,
        topo: Topology,
        devices: Mapping[str, Device],
        sources: Mapping[str, Source],
        currents: Mapping[str, NodeCurrents],
        notes: list[CalcNote],
        done: tuple[dict[str, DeviceResult], dict[str, Protection], dict[str, NodeEntry]],
    ) -> None:
        self.topo, self.devices, self.sources, self.currents = topo, devices, sources, currents
        self.notes = notes
        self.results, self.protections, self.entries = done
        self.conductors = Conductors(topo.children, devices, currents, self.protections, notes)
        self._busways = self.conductors.busways  # the one mapping, filled as busways are met
        # devices sharing state, drop and current objects share derived values: computed
        # once. Keyed by object ids, so every object keyed on stays alive for the run
        # (`_replaced`).
        self._derived: dict[tuple[int, int, int], tuple] = {}
        self._short_circuit: dict[int, tuple[float | None, float | None, float | None]] = {}
        self._replaced: list[tuple] = []

    def step(
        self, node: str, parent: str | None, line: tuple | None, entry: NodeEntry | None
    ) -> tuple[NodeEntry, bool]:
        """The device's entry and whether it was computed anew: `entry` (the last run's) when
        every input is the identical object, else a new one, recorded in the run's results,
        protections and entries. `line` is what its parent hands on (None for a source)."""
        devices, topo = self.devices, self.topo
        device = devices[node]
        kind = device.kind
        current = self.currents[node]
        protections = self.protections
        # the first OCPD above: an input of its own, since a device in series hands its
        # parent's state tuple on (the same `line` can come from another parent)
        ocpd = parent if parent in protections else (None if line is None else line[1])
        protecting = None  # a conductor reads its protecting device's characteristics and tag
        if ocpd is not None and kind in CONDUCTOR_KINDS:
            protecting = devices[ocpd]
        if (
            entry is not None
            and entry.line is line
            and entry.result.ocpd_id == ocpd
            and entry.current is current
            and entry.device is device
            and entry.protecting is protecting
            and (
                entry.taps_read is None
                or same_objects(entry.taps_read, _taps_read(node, topo, devices, self.currents))
            )
        ):
            return entry, False
        notes = self.notes
        first_note = len(notes)
        conductors = self.conductors
        conductor = None
        if line is None:
            src = self.sources[node]
            state, cum = _source_state(device, notes), (0.0, 0.0, 0.0)
            values = None
        else:
            src, _, line_state, line_cum, line_current, values = line
            state, cum = line_state, line_cum
            if parent in self._busways:
                state, cum = conductors.tap_line_side(node, parent)
            if kind in CONDUCTOR_KINDS:
                state, cum, conductor = conductors.through(node, state, cum, ocpd, src.u0_v)
            elif kind == "transformer":
                state = through_transformer(state, device.attrs, src.earthing)
            elif state.mv_ssc_va is not None:
                notes.append(_no_transformer_note(src))
            if state is not line_state or cum is not line_cum or current is not line_current:
                values = None
        protection = None
        if kind in OCPD_KINDS:
            protection = protections[node] = protection_of(node, kind, device.attrs)
        if values is None:
            values = self._values(state, cum, current, src)
        if line is not None and values is line[5] and ocpd is line[1] and state is line[2]:
            handed_on = line  # a device in series passes its line side on: share the tuple
        else:
            handed_on = (src, ocpd, state, cum, current, values)
        # a busway's children read its tap-off places, not only this tuple: never handed on
        if entry is not None and kind != "busway" and handed_on == entry.below:
            self._replaced.append(handed_on)
            handed_on = entry.below
        result = self.results[node] = _result((node, kind, src.device_id, *values, ocpd, conductor))
        busway = kind == "busway"
        new = self.entries[node] = _node_entry(
            (
                line,
                device,
                protecting,
                _taps_read(node, topo, devices, self.currents) if busway else None,
                current,
                handed_on,
                result,
                protection,
                tuple(notes[first_note:]) if len(notes) > first_note else (),
                conductors.busway_state(node) if busway else None,
            )
        )
        return new, True

    def _values(self, state: ScState, cum: Cum, current: NodeCurrents, src: Source) -> tuple:
        """The values a device derives from its state, drop and current: computed once for
        every device sharing those three objects."""
        key = (id(state), id(cum), id(current))
        values = self._derived.get(key)
        if values is None:
            sc = self._short_circuit.get(id(state))
            if sc is None:
                sc = self._short_circuit[id(state)] = _short_circuit(state, src.u0_v)
            values = self._derived[key] = (
                current.ib_a,
                current.phases,
                current.neutral_a,
                current.cos_phi,
                src.u0_v,
                _cum_pct(cum, current.phases, src.u0_v),
                src.limit_pct,
                *sc,
                src.ra_ohm,
            )
        return values


def _taps_read(
    busway: str, topo: Topology, devices: Mapping[str, Device], currents: Mapping[str, NodeCurrents]
) -> tuple[object, ...]:
    """What a busway reads of its tap-offs: their places (the devices) and their currents."""
    kids = topo.children.get(busway, ())
    return (*[devices[k] for k in kids], *[currents[k] for k in kids])


def _short_circuit(state: ScState, u0: float) -> tuple[float | None, float | None, float | None]:
    """(ik_max_ka, ik_min_ka, zs_ohm) at a node."""
    ik_max = ik_max_a(state, u0)
    ik_min = ik_min_a(state, u0)
    return (
        None if ik_max is None else ik_max / 1000.0,
        None if ik_min is None else ik_min / 1000.0,
        zs_ohm(state),
    )


def _cum_pct(cum: Cum, phases: tuple[float, float, float], u0: float) -> float | None:
    return None if cum is None else worst_pct(cum, phases, u0)


def _source_state(device: Device, notes: list[CalcNote]) -> ScState:
    attrs = device.attrs
    if attrs["earthing"] == "TT" and attrs["ra_ohm"] is None:
        notes.append(
            CalcNote(
                TT_NO_RA,
                NoteSeverity.ERROR,
                (device.id,),
                f"{device.tag}: TT supply without an earth electrode resistance RA; "
                "RA x IΔn (R41-TT) cannot be verified",
            )
        )
    if attrs["supply_kind"] == "private_mv_lv":
        return mv_source(attrs["mv_ssc_mva"])
    if attrs["ze_ohm"] is None and attrs["ik_min_ka"] is None:
        tn = attrs["earthing"] in TN_SYSTEMS
        what = "currents and the fault-loop impedances Zs" if tn else "currents"
        notes.append(
            CalcNote(
                SC_NO_LOOP,
                NoteSeverity.ERROR if tn else NoteSeverity.WARNING,
                (device.id,),
                f"{device.tag}: neither Ze nor Ik min is given, so the minimum short-circuit "
                f"{what} of the installation are not computed",
            )
        )
    return public_source(
        attrs["u0_v"], attrs["ik_max_ka"], attrs["ze_ohm"], attrs["ik_min_ka"], attrs["earthing"]
    )


def _no_transformer_note(supply: Source) -> CalcNote:
    return CalcNote(
        SC_NO_SOURCE,
        NoteSeverity.ERROR,
        (supply.device_id,),
        f"{supply.tag}: this private MV/LV supply feeds devices with no transformer between "
        "them; their short-circuit currents are not computed",
    )
