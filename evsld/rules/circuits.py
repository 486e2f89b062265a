"""The rule catalog's notation over one topology, computed once per check run.

`up(x)` and `down(x)` come from the Topology. This module adds, for the rules:
- `points(x)`: |CP(x)|, the EV connecting points at or below x (an EVSE has 1..n; each
  point of a multi-point EVSE is its own cp);
- `ev_points`: one `EvPoint` per fed EVSE. Its points share the EVSE's supply path, so
  OCPD(cp), RCD(cp) and the rest are the same for each of them: `ocpd`, `rcds` (bottom up,
  the EVSE-integrated device first), `rcd` and `protecting`;
- `ocpd_above(x)` / `rcd_above(x)`: the first external device strictly above any device;
- `spd_cover(x)`: the nearest surge protective device at or above x and the cable metres
  between them; `origins()`: where each LV installation starts (its SPDs, where to add one).

One top-down and one bottom-up pass over the feeding order; afterwards a lookup is O(1) or
O(depth), so a rule looping over all chargers stays linear. After an edit that kept the
topology and changed only devices whose attributes the lookups do not read (or cables, whose
lengths only the SPD distances read), `Circuits.of` reuses the last run's lookups and
recomputes the SPD distances below the changed cables.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import compress
from operator import is_not
from typing import Any, NamedTuple

from evsld.model.device import Device
from evsld.model.diagram import Diagram
from evsld.model.topology import Topology
from evsld.rules.protective import (
    BOARD_KINDS,
    MAX_INDIVIDUAL_IDN_MA,
    NON_EV_LOADS,
    OCPD_KINDS,
    RCD_KINDS,
    Ocpd,
    Rcd,
    dc_fault_problem,
    external_ocpd,
    external_rcd,
    integrated_ocpd,
    integrated_rcd,
)


class SpdCover(NamedTuple):
    """The nearest SPD at or above a device (a tuple: one is built per cable, not per query)."""

    spd: str
    at: str  # the device the SPD is connected to
    metres: float  # cable length from there to the device asked about
    estimated: bool  # a busway tap-off without a position counted the whole run


@dataclass(frozen=True)
class Origin:
    """Where one LV installation starts: a public LV supply or an MV/LV transformer, down to
    its first board. An SPD connected anywhere on that trunk is an SPD at the origin."""

    source: str  # the utility supply feeding it
    trunk: tuple[str, ...]  # from the supply or transformer down to the first board
    spds: tuple[str, ...]
    attach: str  # where a new origin SPD goes: the first board, else the origin itself


_UNSET: Any = object()


class EvPoint:
    """A fed EVSE and what protects its connecting points, looked up once per check.

    It holds values only, never the Circuits that built it: a reference back would make every
    point a reference cycle that outlives the check until a full garbage collection."""

    __slots__ = ("_protecting", "attrs", "device", "id", "ocpd", "rcds")

    def __init__(
        self,
        device: Device,
        ocpd: Ocpd | None,
        rcds: tuple[Rcd, ...],
    ) -> None:
        self.id = device.id
        self.device = device
        self.attrs = device.attrs
        self.ocpd = ocpd  # OCPD(cp): the integrated device per point, else the first above
        self.rcds = rcds  # every residual-current device above the points, nearest first
        self._protecting: Rcd | None = _UNSET

    @property
    def ac(self) -> bool:
        return self.attrs["current_type"] == "AC"

    @property
    def points(self) -> int:
        return self.attrs["points"]

    @property
    def rcd(self) -> Rcd | None:
        """RCD(cp): the first residual-current device above the points that counts."""
        return next((r for r in self.rcds if r.counts), None)

    @property
    def protecting(self) -> Rcd | None:
        """The RCD giving the points their 722.531.2.101 protection: the nearest individual one
        of at most 30 mA, preferring one of a suitable type (722.531.3.101), else RCD(cp)."""
        if self._protecting is _UNSET:
            first = individual = None
            for r in self.rcds:
                if not r.counts:
                    continue
                first = first or r
                if r.points == 1 and r.i_delta_n_ma <= MAX_INDIVIDUAL_IDN_MA:
                    if dc_fault_problem(r, self.attrs) is None:
                        self._protecting = r
                        return r
                    individual = individual or r
            self._protecting = individual or first
        return self._protecting

    def dc_fault_problem(self, rcd: Rcd) -> str | None:
        return dc_fault_problem(rcd, self.attrs)


def run_position(device: Device) -> float | None:
    """Where a device sits along the busway it hangs on, from the feed end, if known."""
    return device.attrs["position_m"] if device.kind == "tapoff" else None


def cable_metres(device: Device) -> float:
    return device.attrs["length_m"] if device.kind == "cable" else 0.0


def metres_along_run(p: float | None, q: float | None, length: float) -> tuple[float, bool]:
    """Metres of run between two places on a busway and whether that is an estimate: an
    unknown place is taken where it is farthest from the other (either end of the run), the
    safe side for a distance limit."""
    if p is not None and q is not None:
        return abs(p - q), False
    known = p if p is not None else q
    if known is None:
        return length, True
    return max(known, length - known), True


def _farther(above: SpdCover, device: Device, busway: Device | None) -> SpdCover:
    """The SPD cover of a cable, or of a device on a busway's bars, from its parent's."""
    metres, estimated = above.metres, above.estimated
    if busway is not None:  # a tap-off, or a cable straight on the busbars
        run, guessed = metres_along_run(0.0, run_position(device), busway["length_m"])
        metres, estimated = metres + run, estimated or guessed
    metres += cable_metres(device)
    if metres == above.metres and estimated == above.estimated:
        return above
    return SpdCover(above.spd, above.at, metres, estimated)


# the kinds whose attributes no lookup reads (an edit of one keeps every lookup), and cables,
# whose lengths only the SPD distances read
ATTRIBUTES_UNREAD = frozenset(
    {"supply", "switchboard", "spd", "meter", "lms", "load", "pv", "storage", "cable"}
)


class Circuits:
    def __init__(self, diagram: Diagram, topology: Topology, devices: Mapping[str, Device]) -> None:
        self.diagram = diagram
        self.topology = topology
        self._device = devices  # every device by id
        self._points: dict[str, int] = {}
        self._loads: dict[str, int] = {}
        self._ocpd_at: dict[str, str] = {}  # nearest external OCPD at or above x
        self._rcd_at: dict[str, str] = {}
        self._spd: dict[str, SpdCover] = {}
        self._rcd_cache: dict[str, Rcd] = {}
        self._ocpd_cache: dict[str, Ocpd] = {}
        self._origins: tuple[Origin, ...] | None = None
        self._separators: frozenset[str] | None = None
        self._ev: dict[str, EvPoint] = {}
        self._fed: dict[str, list[str]] = {}
        self._spds_at: dict[str, str] = {}  # the first SPD connected to a device
        self._busways = frozenset(diagram.ids_of_kind("busway"))
        # the fed devices this was built from, in feeding order (what `of` compares with)
        self._seen = list(map(devices.__getitem__, topology.order))
        evses, loads = self._top_down()
        self._bottom_up(evses, loads)
        self._ev_points(evses)
        self.ev_points: tuple[EvPoint, ...] = tuple(self._ev.values())
        self.evses: tuple[str, ...] = tuple(self._ev)

    @classmethod
    def of(
        cls,
        diagram: Diagram,
        topology: Topology,
        devices: Mapping[str, Device],
        last: Circuits | None,
    ) -> Circuits:
        """The lookups of this run: `last`'s, when it was built on the same topology object
        and only devices whose attributes no lookup reads changed, or cables (their SPD
        distances are recomputed); else built anew."""
        if last is None or last.topology is not topology:
            return cls(diagram, topology, devices)
        order = topology.order
        seen = list(map(devices.__getitem__, order))
        changed = list(compress(order, map(is_not, seen, last._seen)))
        if any(devices[x].kind not in ATTRIBUTES_UNREAD for x in changed):
            return cls(diagram, topology, devices)
        reused = copy.copy(last)  # the unchanged lookups and their caches are shared
        reused.diagram, reused._device, reused._seen = diagram, devices, seen
        cables = [x for x in changed if devices[x].kind == "cable"]
        if cables:
            reused._spd = dict(last._spd)
            for cable in cables:
                reused._spd_below(cable)
        return reused

    def _spd_below(self, cable: str) -> None:
        """The SPD distances of a cable whose length changed and of everything it feeds."""
        parent_get, dev, spd = self.topology.parent.get, self._device, self._spd
        for x in (cable, *self.topology.down(cable)):
            if x in self._spds_at:
                continue  # an SPD right here: 0 m, whatever the cable above
            p = parent_get(x)
            above = spd.get(p)
            if above is None:
                continue  # no SPD above (the cable's length changes nothing)
            device = dev[x]
            if device.kind != "cable" and p not in self._busways:
                spd[x] = above
            else:
                spd[x] = _farther(above, device, dev[p] if p in self._busways else None)

    # --- construction -------------------------------------------------------------------------

    def _top_down(self) -> tuple[list[tuple[str, str | None]], list[str]]:
        """OCPD, RCD and SPD at or above every fed device; the fed EVSEs with their parents
        and the fed non-EV loads, in feeding order."""
        parent_get, dev = self.topology.parent.get, self._device
        ocpd_at, rcd_at, spd = self._ocpd_at, self._rcd_at, self._spd
        ocpd_get, rcd_get, spd_get = ocpd_at.get, rcd_at.get, spd.get
        spds_at, busways = self._spds_at, self._busways
        for s in self.diagram.ids_of_kind("spd"):
            if (p := parent_get(s)) is not None:
                spds_at.setdefault(p, s)
        evses: list[tuple[str, str | None]] = []
        loads: list[str] = []
        for x in self.topology.order:
            device = dev[x]
            kind = device.kind
            p = parent_get(x)
            if kind == "evse":
                evses.append((x, p))
                if (o := ocpd_get(p)) is not None:
                    ocpd_at[x] = o
            else:
                if kind in OCPD_KINDS:
                    ocpd_at[x] = x
                elif (o := ocpd_get(p)) is not None:
                    ocpd_at[x] = o
                if kind in RCD_KINDS:
                    rcd_at[x] = x
                elif (r := rcd_get(p)) is not None:
                    rcd_at[x] = r
                if kind in NON_EV_LOADS:
                    loads.append(x)
            if x in spds_at:
                spd[x] = SpdCover(spds_at[x], x, 0.0, False)
            elif (above := spd_get(p)) is not None:
                if kind != "cable" and p not in busways:
                    spd[x] = above  # nothing between them adds metres
                else:
                    spd[x] = _farther(above, device, dev[p] if p in busways else None)
        return evses, loads

    def _bottom_up(self, evses: list[tuple[str, str | None]], loads: list[str]) -> None:
        """|CP(x)| and the non-EV loads at or below every device: each fed EVSE and load
        counts at itself, then every device adds its count to its parent's, leaves first."""
        parent_get, dev = self.topology.parent.get, self._device
        for counts, seeds in (
            (self._points, {x: dev[x].attrs["points"] for x, _ in evses}),
            (self._loads, dict.fromkeys(loads, 1)),
        ):
            if not seeds:
                continue
            counts.update(seeds)
            get = counts.get
            for x in reversed(self.topology.order):
                if (n := get(x)) is not None and (p := parent_get(x)) is not None:
                    counts[p] = get(p, 0) + n

    def _ev_points(self, evses: list[tuple[str, str | None]]) -> None:
        """An EvPoint per fed EVSE (after the bottom-up pass: OCPD and RCD records need |CP|)."""
        dev, ev = self._device, self._ev
        ocpd_get, rcd_get, parent_get = (
            self._ocpd_at.get,
            self._rcd_at.get,
            self.topology.parent.get,
        )
        ocpd_record, rcd_record = self.ocpd_record, self.rcd_record
        for evse, p in evses:
            device = dev[evse]
            a = device.attrs
            ocpd = integrated_ocpd(device) if a["integrated_ocpd"] else None
            if ocpd is None and (o := ocpd_get(p)) is not None:
                ocpd = ocpd_record(o)
            rcds = [integrated_rcd(device)] if a["integrated_rcd"] != "none" else []
            r = rcd_get(p)
            while r is not None:
                rcds.append(rcd_record(r))
                r = rcd_get(parent_get(r))
            ev[evse] = EvPoint(device, ocpd, tuple(rcds))

    # --- devices and paths --------------------------------------------------------------------

    def device(self, x: str) -> Device:
        return self._device[x]

    def point(self, evse: str) -> EvPoint:
        return self._ev[evse]

    def fed(self, *kinds: str) -> Iterator[str]:
        """Fed devices of these kinds (each kind's list is built once: most rules ask)."""
        for kind in kinds:
            ids = self._fed.get(kind)
            if ids is None:
                fed_by = self.topology.fed_by
                ids = self._fed[kind] = [x for x in self.diagram.ids_of_kind(kind) if x in fed_by]
            yield from ids

    def parent(self, x: str) -> str | None:
        return self.topology.parent.get(x)

    def above(self, x: str) -> Iterator[str]:
        """up(x) from x's parent to the source, nearest first."""
        parent = self.topology.parent
        node = parent.get(x)
        while node is not None:
            yield node
            node = parent.get(node)

    def source(self, x: str) -> Device:
        """The utility supply feeding x (the first one when several do)."""
        return self._device[self.topology.fed_by[x][0]]

    def points(self, x: str) -> int:
        """|CP(x)|: EV connecting points at or below x."""
        return self._points.get(x, 0)

    def non_ev_loads(self, x: str) -> int:
        """Building loads, PV and storage at or below x."""
        return self._loads.get(x, 0)

    def evses_below(self, x: str) -> list[str]:
        """The EVSEs at or below x, in feeding order (walks the subtree: use for messages)."""
        if x in self._ev:
            return [x]
        return [d for d in self.topology.down(x) if d in self._ev]

    def separator_above(self, x: str) -> str | None:
        """The isolating transformer (electrical separation, 722.413) feeding x, if any."""
        if self._separators is None:
            self._separators = frozenset(
                t
                for t in self.fed("transformer")
                if self._device[t].attrs["purpose"] == "separation"
            )
        if not self._separators:
            return None
        return next((n for n in self.above(x) if n in self._separators), None)

    def separated(self, evse: str) -> bool:
        """Protected by electrical separation: an isolating transformer feeding this point
        alone (722.413.1.2), which exempts it from the RCD of 722.531.2.101."""
        t = self.separator_above(evse)
        return t is not None and self.points(t) == 1

    # --- protective devices above a device ------------------------------------------------------

    def ocpd_above(self, x: str) -> Ocpd | None:
        """The first external overcurrent device strictly above x."""
        o = self.ocpd_id_above(x)
        return None if o is None else self.ocpd_record(o)

    def ocpd_id_above(self, x: str) -> str | None:
        return self._ocpd_at.get(self.topology.parent.get(x))

    def ocpd_record(self, o: str) -> Ocpd:
        cached = self._ocpd_cache.get(o)
        if cached is None:
            cached = self._ocpd_cache[o] = external_ocpd(self._device[o], self.points(o))
        return cached

    def rcd_id_above(self, x: str) -> str | None:
        return self._rcd_at.get(self.topology.parent.get(x))

    def rcd_above(self, x: str) -> Rcd | None:
        """The first external residual-current device strictly above x."""
        r = self.rcd_id_above(x)
        return None if r is None else self.rcd_record(r)

    def rcd_record(self, r: str) -> Rcd:
        cached = self._rcd_cache.get(r)
        if cached is None:
            cached = self._rcd_cache[r] = external_rcd(self._device[r], self.points(r))
        return cached

    # --- surge protection ---------------------------------------------------------------------

    def spd_cover(self, x: str) -> SpdCover | None:
        return self._spd.get(x)

    def origins(self) -> tuple[Origin, ...]:
        """Each LV origin: an MV/LV transformer, or a supply that feeds none."""
        if self._origins is None:
            transformers = [
                t for t in self.fed("transformer") if self._device[t].attrs["purpose"] == "mv_lv"
            ]
            fed_by_transformer = {self.topology.fed_by[t][0] for t in transformers}
            heads = [s for s in self.topology.sources if s not in fed_by_transformer]
            self._origins = tuple(self._origin(h) for h in [*heads, *transformers])
        return self._origins

    def origin_of(self, x: str) -> Origin | None:
        heads = {o.trunk[0]: o for o in self.origins()}
        if x in heads:
            return heads[x]
        return next((heads[a] for a in self.above(x) if a in heads), None)

    def _origin(self, head: str) -> Origin:
        children, dev = self.topology.children, self._device
        trunk = [head]
        node = head
        while dev[node].kind not in BOARD_KINDS:
            feeds = [c for c in children.get(node, ()) if dev[c].kind != "spd"]
            if len(feeds) != 1 or dev[feeds[0]].spec.port("out") is None:
                break
            node = feeds[0]
            trunk.append(node)
        spds = tuple(c for t in trunk for c in children.get(t, ()) if dev[c].kind == "spd")
        attach = node if dev[node].kind in BOARD_KINDS else head
        return Origin(self.topology.fed_by[head][0], tuple(trunk), spds, attach)
