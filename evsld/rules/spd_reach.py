"""How far a device is from the nearest surge protective device on the conductors feeding it
(R534-DIST, IEC 60364-5-53 534.4: another SPD near equipment more than 30 m of cable from the
upstream one).

`Circuits.spd_cover` follows up(x) only. On busbar trunking that misses what the busbars
share: an SPD connected to them at position p (in the feed unit, p = 0, or on any tap-off)
protects them there, so a device on a tap-off at position q is |p - q| of run + the SPD's own
lead below its tap-off + the device's own cable away from it. A tap-off without a position is
taken where it is farthest from the other end of that distance (the feed or the far end of the
run), so a missing position never brings an SPD nearer than it may be.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from evsld.model.device import Device
from evsld.rules.circuits import SpdCover, cable_metres, metres_along_run, run_position
from evsld.rules.view import CheckView


class _TapSpd(NamedTuple):
    """An SPD below a busway, seen from the run."""

    tap: str  # the device on the run it hangs below (a tap-off, or what replaces one)
    position: float | None  # the tap's place along the run
    lead: float  # cable metres from the tap's outgoing side down to the SPD
    from_busbars: float  # the lead plus the tap's own cable, if the tap is one
    spd: str
    at: str  # the device the SPD is connected to


class SpdReach:
    """The nearest SPD of every device, built once per check (`view.shared(SpdReach)`): the
    devices at or below a busway in one top-down pass over those subtrees, the others straight
    from `spd_cover` (no busway, nothing shared to add)."""

    def __init__(self, view: CheckView) -> None:
        self._c = view.circuits  # not the view: the view's memo holds this object
        self._reach: dict[str, SpdCover | None] = {}
        runs = [b for b in self._c.fed("busway") if self._outermost(b)]
        if runs:
            self._below_busways(runs, self._spds_on_busways())

    def __call__(self, x: str) -> SpdCover | None:
        """The SPD nearest x in cable metres and how far it is."""
        reach = self._reach
        return reach[x] if x in reach else self._c.spd_cover(x)

    def metres_above(self, x: str) -> Iterator[tuple[str, float]]:
        """x and every device above it, nearest first, each with the metres of cable and
        busway run between its outgoing side and x (a tap-off without a position: the whole
        run, the safe side for a distance limit)."""
        device, parent = self._c.device, self._c.topology.parent
        metres, node = 0.0, x
        yield node, metres
        while (up := parent.get(node)) is not None:
            below, above = device(node), device(up)
            metres += cable_metres(below)
            if above.kind == "busway":
                metres += metres_along_run(0.0, run_position(below), above.attrs["length_m"])[0]
            yield up, metres
            node = up

    def _outermost(self, busway: str) -> bool:
        return not any(self._c.device(a).kind == "busway" for a in self._c.above(busway))

    def _spds_on_busways(self) -> dict[str, list[_TapSpd]]:
        """Every fed SPD below a busway, under the nearest busway above it, with the device
        it hangs below on that run and its lead."""
        found: dict[str, list[_TapSpd]] = {}
        device, parent = self._c.device, self._c.topology.parent
        for s in self._c.diagram.ids_of_kind("spd"):
            if (at := parent.get(s)) is None:
                continue
            for node, metres in self.metres_above(at):
                up = parent.get(node)
                if up is not None and device(up).kind == "busway":
                    tap = device(node)
                    record = _TapSpd(
                        node, run_position(tap), metres, metres + cable_metres(tap), s, at
                    )
                    found.setdefault(up, []).append(record)
                    break
        return found

    def _below_busways(self, runs: list[str], on_runs: dict[str, list[_TapSpd]]) -> None:
        children, device, cover = self._c.topology.children, self._c.device, self._c
        reach = self._reach
        for run in runs:
            reach[run] = cover.spd_cover(run)
            stack = [run]
            while stack:
                node = stack.pop()
                here, above = reach[node], device(node)
                for child in children.get(node, ()):
                    own, kid = cover.spd_cover(child), device(child)
                    if own is not None and own.at == child:
                        r = own  # an SPD connected to the child itself
                    elif above.kind == "busway":
                        r = _on_busway(kid, above, here, on_runs.get(node, ()))
                    elif here is not None and kid.kind == "cable":
                        metres = here.metres + kid.attrs["length_m"]
                        r = SpdCover(here.spd, here.at, metres, here.estimated)
                    else:
                        r = here
                    reach[child] = r
                    if child in children:
                        stack.append(child)


def _on_busway(
    tap: Device, busway: Device, above: SpdCover | None, spds: Iterable[_TapSpd]
) -> SpdCover | None:
    """The nearest SPD for a device hanging on a busway, measured at its outgoing side:
    the one feeding the run (at the feed end) or one below any tap-off of the run."""
    length = busway.attrs["length_m"]
    q = run_position(tap)
    own_cable = cable_metres(tap)
    best = None
    if above is not None:
        along, estimated = metres_along_run(0.0, q, length)
        metres = above.metres + along + own_cable
        best = SpdCover(above.spd, above.at, metres, above.estimated or estimated)
    for t in spds:
        if t.tap == tap.id:
            cover = SpdCover(t.spd, t.at, t.lead, False)  # they meet at this tap-off
        else:
            along, estimated = metres_along_run(t.position, q, length)
            cover = SpdCover(t.spd, t.at, t.from_busbars + along + own_cable, estimated)
        if best is None or cover.metres < best.metres:
            best = cover
    return best
