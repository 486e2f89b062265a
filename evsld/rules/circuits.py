"""The rule catalog's notation over one topology, computed once per check run.

`up(x)` and `down(x)` come from the Topology. This module adds, for the rules:
- `points(x)`: |CP(x)|, the EV connecting points at or below x (an EVSE has 1..n; each
  point of a multi-point EVSE is its own cp, and its points share the EVSE's supply path);
- `ocpd(evse)` / `rcds(evse)`: OCPD(cp) and the residual-current devices above a cp, bottom
  up, an EVSE-integrated device first (integrated devices are one per connecting point);
- `spd_cover(x)`: the nearest surge protective device at or above x and the cable metres
  between them; `origins()`: where each LV installation starts (its SPDs, where to add one).

One top-down and one bottom-up pass over the feeding order; every lookup afterwards is O(1)
or O(depth), so a rule looping over all chargers stays linear.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from evsld.model.device import Device
from evsld.model.diagram import Diagram
from evsld.model.kinds.charging import IEC62196_CONNECTORS
from evsld.model.kinds.common import SWITCHED_CONDUCTORS
from evsld.model.topology import Topology

OCPD_KINDS = frozenset({"breaker", "rcbo", "fuse"})
RCD_KINDS = frozenset({"rcd", "rcbo"})
BOARD_KINDS = frozenset({"switchboard", "busway"})
NON_EV_LOADS = frozenset({"load", "pv", "storage"})

# 722.533.101: product standards an EV circuit's overcurrent device may follow. An RCBO to
# IEC 62423 (types F and B) is built to IEC 61009-1 as well.
OCPD_STANDARDS = ("IEC 60898-1", "IEC 60947-2", "IEC 60947-6-2", "IEC 61009-1", "IEC 60269")
_OCPD_ALIASES = {"IEC 62423": "IEC 61009-1"}
# 722.531.2.101: an EVSE-integrated RCD counts only to one of these
RCD_STANDARDS = ("IEC 61008-1", "IEC 61009-1", "IEC 60947-2", "IEC 62423")
# 531.3.3 ranking of what a residual-current type still detects (AC < A < F < B); A-EV is a
# type A with built-in 6 mA DC detection
RCD_RANK = {"AC": 0, "A": 1, "A-EV": 1, "F": 2, "B": 3}


@dataclass(frozen=True)
class Rcd:
    """A residual-current device as the rules see it, external or EVSE-integrated."""

    device: str  # the RCD or RCBO, or the EVSE for an integrated one
    integrated: bool
    type: str  # AC, A, F, B or A-EV
    i_delta_n_ma: float
    delayed: bool  # type S
    standard: str
    rdc_dd: bool  # combined with a 6 mA DC detecting device (flag, or type A-EV)
    poles: str | None  # None: integrated, switched as the EVSE's product standard requires
    points: int  # |CP(r)|
    selectivity_required: bool = False

    @property
    def counts(self) -> bool:
        """722.531.2.101: an integrated RCD counts only under a listed product standard."""
        return not self.integrated or self.standard in RCD_STANDARDS

    @property
    def rank(self) -> int:
        return RCD_RANK[self.type]

    @property
    def switched_conductors(self) -> int | None:
        return None if self.poles is None else SWITCHED_CONDUCTORS[self.poles]

    def describe(self) -> str:
        """ "type A 30 mA", "type B-S 300 mA"."""
        delay = "-S" if self.delayed else ""
        return f"type {self.type}{delay} {self.i_delta_n_ma:g} mA"


@dataclass(frozen=True)
class Ocpd:
    """An overcurrent protective device, external or EVSE-integrated (one per point)."""

    device: str  # the breaker, RCBO or fuse, or the EVSE for an integrated one
    integrated: bool
    kind: str  # breaker, rcbo, fuse (integrated: the EVSE's kind, "evse")
    standard: str
    setting_a: float | None  # Ir or In; None for an integrated device (rating not given)
    points: int  # |CP(o)|
    fuse_class: str | None = None
    curve: str | None = None

    @property
    def listed_standard(self) -> bool:
        return _OCPD_ALIASES.get(self.standard, self.standard) in OCPD_STANDARDS

    def describe(self) -> str:
        if self.integrated:
            return f"integrated OCPD ({self.standard})"
        if self.kind == "fuse":
            return f"{self.fuse_class} {self.setting_a:g} A fuse"
        if self.curve in (None, "adjustable"):
            return f"Ir {self.setting_a:g} A"
        return f"{self.curve}{self.setting_a:g}"


@dataclass(frozen=True)
class SpdCover:
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


class Circuits:
    def __init__(self, diagram: Diagram, topology: Topology, devices: Mapping[str, Device]) -> None:
        self.diagram = diagram
        self.topology = topology
        self._device = devices  # every device by id
        self._points: dict[str, int] = {}
        self._loads: dict[str, int] = {}
        self._ocpd_at: dict[str, str] = {}  # nearest external OCPD at or above x
        self._rcd_at: dict[str, str] = {}
        self._spd: dict[str, tuple[str, str, float, bool]] = {}  # SpdCover fields
        self._rcd_cache: dict[str, Rcd] = {}
        self._ocpd_cache: dict[str, Ocpd] = {}
        self._chains: dict[str, tuple[Rcd, ...]] = {}
        self._protecting: dict[str, Rcd | None] = {}
        self._integrated: dict[str, Rcd | None] = {}
        self._origins: tuple[Origin, ...] | None = None
        self._separators: frozenset[str] | None = None
        self._top_down()
        self._bottom_up()
        dev = self._device
        self.evses: tuple[str, ...] = tuple(x for x in topology.order if dev[x].kind == "evse")

    # --- construction -------------------------------------------------------------------------

    def _top_down(self) -> None:
        parent, dev = self.topology.parent, self._device
        ocpd_at, rcd_at, spd = self._ocpd_at, self._rcd_at, self._spd
        spds_at: dict[str, str] = {}
        for s in self.diagram.ids_of_kind("spd"):
            if (p := parent.get(s)) is not None:
                spds_at.setdefault(p, s)
        for x in self.topology.order:
            device = dev[x]
            kind = device.kind
            p = parent.get(x)
            if kind in OCPD_KINDS:
                ocpd_at[x] = x
            elif (o := ocpd_at.get(p)) is not None:
                ocpd_at[x] = o
            if kind in RCD_KINDS:
                rcd_at[x] = x
            elif (r := rcd_at.get(p)) is not None:
                rcd_at[x] = r
            if x in spds_at:
                spd[x] = (spds_at[x], x, 0.0, False)
            elif (above := spd.get(p)) is not None:
                if kind == "cable":
                    spd[x] = (above[0], above[1], above[2] + device.attrs["length_m"], above[3])
                elif dev[p].kind == "busway":
                    metres, estimated = self._along_busway(device, dev[p])
                    spd[x] = (above[0], above[1], above[2] + metres, above[3] or estimated)
                else:
                    spd[x] = above

    @staticmethod
    def _along_busway(device: Device, busway: Device) -> tuple[float, bool]:
        """Metres from a busway's feed to what hangs on it: a tap-off's position, else the
        whole run (an estimate on the safe side)."""
        position = device.attrs["position_m"] if device.kind == "tapoff" else None
        if position is not None:
            return position, False
        return busway.attrs["length_m"], True

    def _bottom_up(self) -> None:
        parent, dev = self.topology.parent, self._device
        points, loads = self._points, self._loads
        for x in reversed(self.topology.order):
            device = dev[x]
            kind = device.kind
            if kind == "evse":
                points[x] = points.get(x, 0) + device.attrs["points"]
            elif kind in NON_EV_LOADS:
                loads[x] = loads.get(x, 0) + 1
            p = parent.get(x)
            if p is not None:
                if x in points:
                    points[p] = points.get(p, 0) + points[x]
                if x in loads:
                    loads[p] = loads.get(p, 0) + loads[x]

    # --- devices and paths --------------------------------------------------------------------

    def device(self, x: str) -> Device:
        return self._device[x]

    def fed(self, *kinds: str) -> Iterator[str]:
        """Fed devices of these kinds."""
        for kind in kinds:
            yield from (x for x in self.diagram.ids_of_kind(kind) if x in self.topology.fed_by)

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
        return self.diagram.device(self.topology.fed_by[x][0])

    def points(self, x: str) -> int:
        """|CP(x)|: EV connecting points at or below x."""
        return self._points.get(x, 0)

    def non_ev_loads(self, x: str) -> int:
        """Building loads, PV and storage at or below x."""
        return self._loads.get(x, 0)

    def evses_below(self, x: str) -> list[str]:
        """The EVSEs at or below x, in feeding order (walks the subtree: use for messages)."""
        if self._device[x].kind == "evse":
            return [x]
        return [d for d in self.topology.down(x) if self._device[d].kind == "evse"]

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

    # --- OCPD(cp) -----------------------------------------------------------------------------

    def ocpd_above(self, x: str) -> Ocpd | None:
        """The first external overcurrent device strictly above x."""
        p = self.topology.parent.get(x)
        o = self._ocpd_at.get(p) if p is not None else None
        return None if o is None else self.ocpd_record(o)

    def ocpd(self, evse: str) -> Ocpd | None:
        """OCPD(cp) for the points of an EVSE: its integrated device, else the first above."""
        device = self._device[evse]
        if device.attrs["integrated_ocpd"]:
            return Ocpd(evse, True, "evse", device.attrs["integrated_ocpd_standard"], None, 1)
        return self.ocpd_above(evse)

    def ocpd_record(self, o: str) -> Ocpd:
        cached = self._ocpd_cache.get(o)
        if cached is not None:
            return cached
        device = self._device[o]
        is_fuse = device.kind == "fuse"
        setting = (
            device.attrs["in_a"]
            if is_fuse or device.attrs["ir_a"] is None
            else device.attrs["ir_a"]
        )
        cached = self._ocpd_cache[o] = Ocpd(
            o,
            False,
            device.kind,
            device.attrs["standard"],
            setting,
            self.points(o),
            fuse_class=device.attrs["fuse_class"] if is_fuse else None,
            curve=None if is_fuse else device.attrs["curve"],
        )
        return cached

    # --- RCD(cp) ------------------------------------------------------------------------------

    def rcd_above(self, x: str) -> Rcd | None:
        """The first external residual-current device strictly above x."""
        p = self.topology.parent.get(x)
        r = self._rcd_at.get(p) if p is not None else None
        return None if r is None else self.rcd_record(r)

    def rcds(self, evse: str) -> tuple[Rcd, ...]:
        """Every residual-current device above the EVSE's points, nearest first."""
        cached = self._chains.get(evse)
        if cached is not None:
            return cached
        chain: list[Rcd] = []
        integrated = self.integrated_rcd(evse)
        if integrated is not None:
            chain.append(integrated)
        r = self.rcd_above(evse)
        while r is not None:
            chain.append(r)
            r = self.rcd_above(r.device)
        cached = self._chains[evse] = tuple(chain)
        return cached

    def rcd(self, evse: str) -> Rcd | None:
        """RCD(cp): the first residual-current device above the point that counts."""
        return next((r for r in self.rcds(evse) if r.counts), None)

    def integrated_rcd(self, evse: str) -> Rcd | None:
        if evse in self._integrated:
            return self._integrated[evse]
        device = self._device[evse]
        kind = device.attrs["integrated_rcd"]
        if kind == "none":
            self._integrated[evse] = None
            return None
        found = self._integrated[evse] = Rcd(
            evse,
            True,
            kind,
            device.attrs["integrated_rcd_ma"],
            False,
            device.attrs["integrated_rcd_standard"],
            device.attrs["rdc_dd"] or kind == "A-EV",
            None,
            1,
        )
        return found

    def rcd_record(self, r: str) -> Rcd:
        cached = self._rcd_cache.get(r)
        if cached is None:
            device = self._device[r]
            cached = self._rcd_cache[r] = Rcd(
                r,
                False,
                device.attrs["rcd_type"],
                device.attrs["i_delta_n_ma"],
                device.attrs["delay"] == "S",
                device.attrs["standard"],
                device.attrs["rdc_dd"] or device.attrs["rcd_type"] == "A-EV",
                device.attrs["poles"],
                self.points(r),
                device.attrs["selectivity_required"],
            )
        return cached

    def dc_fault_problem(self, rcd: Rcd, evse: str) -> str | None:
        """Why an RCD's type does not meet 722.531.3.101 for this EVSE's points, or None.

        At least type A, never AC; with an IEC 62196 connector, type B or type A/F together
        with a 6 mA DC detecting device (in the RCD or in the EVSE)."""
        if rcd.type == "AC":
            return "is type AC (sinusoidal residual currents only), never allowed for an EV point"
        device = self._device[evse]
        if device.attrs["connector"] not in IEC62196_CONNECTORS or rcd.type == "B":
            return None
        if rcd.rdc_dd or device.attrs["rdc_dd"]:
            return None
        return "without 6 mA DC detection; needs type B or an RDC-DD"

    def protecting_rcd(self, evse: str) -> Rcd | None:
        """The RCD giving the point its 722.531.2.101 protection: the nearest individual one
        of at most 30 mA (preferring one of a suitable type), else RCD(cp)."""
        if evse in self._protecting:
            return self._protecting[evse]
        self._protecting[evse] = self._find_protecting(evse)
        return self._protecting[evse]

    def _find_protecting(self, evse: str) -> Rcd | None:
        first = individual = None
        for r in self.rcds(evse):
            if not r.counts:
                continue
            first = first or r
            if r.points == 1 and r.i_delta_n_ma <= 30.0:
                if self.dc_fault_problem(r, evse) is None:
                    return r
                individual = individual or r
        return individual or first

    # --- surge protection ---------------------------------------------------------------------

    def spd_cover(self, x: str) -> SpdCover | None:
        found = self._spd.get(x)
        return None if found is None else SpdCover(*found)

    def origins(self) -> tuple[Origin, ...]:
        """Each LV origin: an MV/LV transformer, or a supply that feeds none."""
        if self._origins is None:
            transformers = [
                x
                for x in self.topology.order
                if self._device[x].kind == "transformer"
                and self._device[x].attrs["purpose"] == "mv_lv"
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
