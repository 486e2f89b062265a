"""What one calculation run keeps for the next, so that an edit recomputes only what it reaches.

Devices are immutable values: the same Device object means the same tag, name and
attributes. Each pass keeps, per device, the inputs it read (compared by identity) and what it
produced. The next run reuses an entry when every input is the identical object. After
recomputing a device it hands on its old output when the new one is equal, so an edit stops
spreading where its effect ends: a final cable's new length changes its own drop and what it
feeds, nothing upstream or beside it. A change of anything global (the project settings, the
load-management zones) drops the entries of the passes that read it.

The outcome equals a calculation from scratch; tests/calc/test_memo.py compares the two after
random edit sequences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from evsld.calc.currents import LeafCurrent
from evsld.calc.demand import Consumer, DemandSummary
from evsld.calc.flows import FlowEntry, NodeCurrents
from evsld.calc.notes import CalcNote
from evsld.calc.protection import Protection
from evsld.calc.results import DeviceResult
from evsld.calc.zones import Zone
from evsld.model.device import Device
from evsld.model.topology import Topology


class LeafEntry(NamedTuple):
    """An end device's current (pass 1), valid while the device and its supply voltages are."""

    device: Device
    u0_v: float
    u_v: float
    leaf: LeafCurrent | None
    note: CalcNote | None


class NodeEntry(NamedTuple):
    """A device's top-down results (pass 3) and everything they were computed from."""

    line: tuple[Any, ...] | None  # the parent's state tuple (None for a source)
    device: Device
    protecting: Device | None  # a conductor's protecting device (characteristics and tag)
    taps_read: tuple[object, ...] | None  # a busway's tap-offs and their currents
    current: object  # the NodeCurrents it carried
    below: tuple[Any, ...]  # the state it hands to its children
    result: DeviceResult
    protection: Protection | None
    notes: tuple[CalcNote, ...]
    busway: tuple[Any, Any] | None  # a busway's tap-off places and line side


def same_objects(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """Identical inputs, element by element (identity, not equality: cheap and exact for
    immutable values that were handed on unchanged)."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


@dataclass
class LastRun:
    """What the frontier (evsld.calc.frontier) starts from: the last run's whole outcome on
    one topology object. `positions` and `noted` are derived on the frontier's first use."""

    topology: Topology
    devices: list[Device]  # the fed devices, in `topology.order`
    supplies: tuple[Device, ...]
    leaves: dict[str, LeafCurrent]  # end devices that carry a current
    currents: dict[str, NodeCurrents]
    results: dict[str, DeviceResult]  # the Analysis's: copied, never changed
    protections: dict[str, Protection]
    consumers: dict[str, Consumer | None]  # every fed end device, in feeding order
    notes: list[CalcNote]  # the end devices' then pass 3's, each in feeding order
    positions: dict[str, int] | None = None  # place in `topology.order`
    noted: tuple[list[int], list[int]] | None = None  # places with end-device / pass-3 notes
    # the demand table over `consumers` and what else it read (usage groups, zones, U0);
    # None once a consumer changed
    demand: tuple[tuple[object, ...], tuple[DemandSummary, list[CalcNote]]] | None = None


class Reach(NamedTuple):
    """What the last frontier run touched (tests read it to see that it stayed local)."""

    changed: tuple[str, ...]  # fed devices whose Device object was replaced
    recomputed: tuple[str, ...]  # devices whose top-down results were computed anew
    visited: int  # devices the frontier looked at in passes 2 and 3


@dataclass
class Memo:
    """Per-device entries of the last run of one project's calculation."""

    settings: dict[str, Any] | None = None
    zones: Mapping[str, Zone] | None = None
    leaves: dict[str, LeafEntry] = field(default_factory=dict)
    flows: dict[str, FlowEntry] = field(default_factory=dict)
    nodes: dict[str, NodeEntry] = field(default_factory=dict)
    last: LastRun | None = None  # None while a run is under way or after one failed
    reach: Reach | None = None  # None when the last run went through every device

    def start(self, settings: Mapping[str, Any], zones: Mapping[str, Zone]) -> None:
        """Drop what global inputs invalidate: settings feed every pass, zones the currents
        (and through them the rest, which is then compared entry by entry)."""
        if self.settings != settings:
            self.settings = dict(settings)
            self.leaves, self.flows, self.nodes = {}, {}, {}
        if self.zones != zones:
            self.zones = zones
            self.flows = {}
