"""The passes that build an Analysis from a project.

1. top-down: each fed device's source and, for end devices, their own current;
2. bottom-up (`flows`): the currents every device carries, with load-management caps;
3. top-down (`top_down`): protection above, voltage drop from the origin and short-circuit
   impedances (`conductors` handles cables and busways);
4. the demand table over every fed consumer.

Each pass reuses what the memo of the last run holds for devices an edit did not reach
(evsld.calc.memo).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from evsld.calc.currents import LeafCurrent, leaf_current
from evsld.calc.demand import Consumer, demand_summary
from evsld.calc.flows import node_currents
from evsld.calc.memo import LeafEntry, Memo
from evsld.calc.notes import DC_ESTIMATE, NO_SUPPLY, UNFED, CalcNote, NoteSeverity
from evsld.calc.results import Analysis
from evsld.calc.top_down import Source, top_down
from evsld.calc.zones import Zone
from evsld.model.device import Device
from evsld.model.project import Project
from evsld.model.topology import Topology

LEAF_KINDS = ("evse", "load", "pv", "storage")
DEFAULT_U0_V = 230.0  # only for a project without any supply (nothing is fed then)


def compute(project: Project, memo: Memo | None = None) -> Analysis:
    """The analysis of the project. `memo` holds what the last run for this project computed
    (evsld.calc.memo): what an edit did not reach is reused, and the memo is brought up to
    date. Without one, everything is computed."""
    memo = Memo() if memo is None else memo
    topo = project.topology()
    devices = project.diagram.device_map()
    notes: list[CalcNote] = _coverage_notes(project, topo)
    sources = {s: Source.of(devices[s]) for s in topo.sources}
    zones = _zones(project)
    memo.start(project.settings, zones)

    source_of, leaves, memo.leaves = _end_devices(
        topo, devices, sources, project.settings, notes, memo.leaves
    )
    zone_of = {d: z for d, z in topo.controller.items() if d in leaves}
    u0_by_source = {s: source.u0_v for s, source in sources.items()}
    currents, memo.flows = node_currents(
        topo.order, topo.children, leaves, zone_of, zones, (source_of, u0_by_source), memo.flows
    )
    results, protections, memo.nodes = top_down(topo, devices, sources, currents, notes, memo.nodes)

    consumers = [
        Consumer(
            node,
            leaf.demand_kw,
            leaf.phase_currents,
            leaf.is_ev,
            zone_of.get(node),
            devices[node].attrs.get("usage_group", ""),
        )
        for node, leaf in leaves.items()
        if leaf.draws
    ]
    u0 = sources[topo.sources[0]].u0_v if sources else DEFAULT_U0_V
    demand, demand_notes = demand_summary(consumers, project.usage_groups, zones, u0)
    notes.extend(demand_notes)
    return Analysis(
        revision=project.electrical_revision,
        results=MappingProxyType(results),
        protections=MappingProxyType(protections),
        demand=demand,
        notes=tuple(dict.fromkeys(notes)),
        sources=tuple(topo.sources),
    )


def _coverage_notes(project: Project, topo: Topology) -> list[CalcNote]:
    """What is not calculated at all: everything without a supply, unfed devices."""
    diagram = project.diagram
    if len(diagram) and not topo.sources:
        return [
            CalcNote(
                NO_SUPPLY,
                NoteSeverity.ERROR,
                (),
                "the drawing has no supply: nothing is calculated",
            )
        ]
    if topo.unfed:
        tags = ", ".join(diagram.device(d).tag for d in topo.unfed[:10])
        more = f" and {len(topo.unfed) - 10} more" if len(topo.unfed) > 10 else ""
        return [
            CalcNote(
                UNFED,
                NoteSeverity.ERROR,
                topo.unfed,
                f"not fed from any supply, so not "
                f"calculated and not counted in the demand: {tags}{more}",
            )
        ]
    return []


def _end_devices(
    topo: Topology,
    devices: Mapping[str, Device],
    sources: Mapping[str, Source],
    settings: Mapping[str, Any],
    notes: list[CalcNote],
    kept: Mapping[str, LeafEntry],
) -> tuple[dict[str, str], dict[str, LeafCurrent], dict[str, LeafEntry]]:
    """Pass 1: the source of every fed device and the current of every end device (reused
    from `kept` while the device and its supply's voltages are unchanged)."""
    source_of: dict[str, str] = {}
    leaves: dict[str, LeafCurrent] = {}
    entries: dict[str, LeafEntry] = {}
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
                leaf = leaf_current(device.kind, device.attrs, settings, s.u0_v, s.u_v)
                dc = leaf is not None and leaf.estimated_dc
                entry = LeafEntry(
                    device, s.u0_v, s.u_v, leaf, _dc_note(device, settings) if dc else None
                )
            entries[node] = entry
            if entry.leaf is not None:
                leaves[node] = entry.leaf
            if entry.note is not None:
                notes.append(entry.note)
    return source_of, leaves, entries


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


def _zones(project: Project) -> dict[str, Zone]:
    """Every load-management zone with its parent zone and nesting depth. A cycle of parent
    links (a drawing error the rules report) is cut at the first zone met."""
    controller = project.topology().controller
    lms = {d.id: d.attrs for d in project.diagram.devices_of_kind("lms")}
    parent_of = {z: controller.get(z) for z in lms}
    for zone_id in lms:
        seen, current = set(), parent_of[zone_id]
        while current is not None and current not in seen and current != zone_id:
            seen.add(current)
            current = parent_of.get(current)
        if current == zone_id:
            parent_of[zone_id] = None
    zones: dict[str, Zone] = {}
    for zone_id, attrs in lms.items():
        depth, current = 0, parent_of[zone_id]
        while current is not None:
            depth += 1
            current = parent_of[current]
        zones[zone_id] = Zone(
            zone_id, parent_of[zone_id], attrs["limit_a"], attrs["limit_kw"], depth
        )
    return zones
