"""Pass 1 of the analysis: each fed device's source and each end device's own current.

An end device's current depends on the device and its supply's voltages only, so its entry
(evsld.calc.memo.LeafEntry) is reused while both are unchanged. `leaf_entry` is the one place
an entry is computed, for the full pass here and for the frontier (evsld.calc.frontier).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evsld.calc.currents import LeafCurrent, leaf_current
from evsld.calc.memo import LeafEntry
from evsld.calc.notes import DC_ESTIMATE, CalcNote, NoteSeverity
from evsld.calc.top_down import Source
from evsld.model.device import Device
from evsld.model.topology import Topology

LEAF_KINDS = ("evse", "load", "pv", "storage")


def end_devices(
    topo: Topology,
    devices: Mapping[str, Device],
    sources: Mapping[str, Source],
    settings: Mapping[str, Any],
    notes: list[CalcNote],
    kept: Mapping[str, LeafEntry],
) -> tuple[dict[str, str], dict[str, LeafCurrent], dict[str, LeafEntry]]:
    """The source of every fed device and the current of every end device (reused from
    `kept` while the device and its supply's voltages are unchanged)."""
    source_of: dict[str, str] = {}
    leaves: dict[str, LeafCurrent] = {}
    entries: dict[str, LeafEntry] = {}
    alike: Alike = {}
    parents = topo.parent
    for node in topo.order:
        parent = parents.get(node)
        source = node if parent is None else source_of[parent]
        source_of[node] = source
        device = devices[node]
        if device.kind in LEAF_KINDS:
            s = sources[source]
            entry = kept.get(node)
            if entry is None or not (
                entry.device is device and entry.u0_v == s.u0_v and entry.u_v == s.u_v
            ):
                entry = leaf_entry(device, s.u0_v, s.u_v, settings, alike)
            entries[node] = entry
            if entry.leaf is not None:
                leaves[node] = entry.leaf
            if entry.note is not None:
                notes.append(entry.note)
    return source_of, leaves, entries


# end devices alike share one attribute mapping (evsld.model.shared_attrs), so one current
# (one run's settings): keyed by their kind, the mapping's id and the supply's U0 and U
Alike = dict[tuple[str, int, float, float], LeafCurrent | None]


def leaf_entry(
    device: Device,
    u0_v: float,
    u_v: float,
    settings: Mapping[str, Any],
    alike: Alike | None = None,
) -> LeafEntry:
    """An end device's current under a supply of these voltages, and its note when the
    current is an estimate. `alike` (one per run) shares the current of devices alike."""
    attrs = device.attrs
    if alike is None:
        leaf = leaf_current(device.kind, attrs, settings, u0_v, u_v)
    else:
        key = (device.kind, id(attrs), u0_v, u_v)
        if key in alike:
            leaf = alike[key]
        else:
            leaf = alike[key] = leaf_current(device.kind, attrs, settings, u0_v, u_v)
    dc = leaf is not None and leaf.estimated_dc
    return LeafEntry(device, u0_v, u_v, leaf, _dc_note(device, settings) if dc else None)


def _dc_note(device: Device, settings: Mapping[str, Any]) -> CalcNote:
    attrs = device.attrs
    eta = attrs["efficiency"] or settings["dc_efficiency"]
    pf = attrs["cos_phi"] or settings["dc_power_factor"]
    whose = "its own" if attrs["efficiency"] else "the project's"
    return CalcNote(
        DC_ESTIMATE,
        NoteSeverity.WARNING,
        (device.id,),
        f"{device.tag}: no AC input current from the datasheet; estimated as "
        f"P/(η·PF·√3·U) with {whose} η {eta:g} and PF {pf:g}",
    )
