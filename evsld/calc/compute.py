"""The passes that build an Analysis from a project.

1. top-down: each fed device's source and, for end devices, their own current;
2. bottom-up (`flows`): the currents every device carries, with load-management caps;
3. top-down (`top_down`): protection above, voltage drop from the origin and short-circuit
   impedances (`conductors` handles cables and busways);
4. the demand table over every fed consumer.

Each pass reuses what the memo of the last run holds for devices an edit did not reach
(evsld.calc.memo). When only devices changed (the same topology object, settings, zones and
supplies), the frontier (evsld.calc.frontier) starts from the last run's outcome and
recomputes outwards from the changed devices instead of going through every device.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from evsld.calc.demand import DemandSummary, consumer_of, demand_summary
from evsld.calc.end_devices import end_devices
from evsld.calc.flows import node_currents
from evsld.calc.frontier import frontier, same_context
from evsld.calc.memo import LastRun, Memo
from evsld.calc.notes import NO_SUPPLY, UNFED, CalcNote, NoteSeverity
from evsld.calc.results import Analysis
from evsld.calc.top_down import Source, top_down
from evsld.calc.zones import Zone
from evsld.model.device import Device
from evsld.model.project import Project
from evsld.model.topology import Topology

DEFAULT_U0_V = 230.0  # only for a project without any supply (nothing is fed then)


def compute(project: Project, memo: Memo | None = None) -> Analysis:
    """The analysis of the project. `memo` holds what the last run for this project computed
    (evsld.calc.memo): what an edit did not reach is reused, and the memo is brought up to
    date. Without one, everything is computed."""
    memo = Memo() if memo is None else memo
    topo = project.topology()
    devices = project.diagram.device_map()
    sources = {s: Source.of(devices[s]) for s in topo.sources}
    zones = _zones(project)
    last, memo.last = memo.last, None  # until this run is through: a failed one leaves none
    if last is not None and same_context(last, memo, project, topo, zones):
        last = frontier(project, devices, sources, memo, last)
    else:
        last = _full_run(project, topo, devices, sources, zones, memo)
    u0 = sources[topo.sources[0]].u0_v if sources else DEFAULT_U0_V
    demand, demand_notes = _demand(last, project, zones, u0)
    notes = [*_coverage_notes(project, topo), *last.notes, *demand_notes]
    memo.last = last
    return Analysis(
        revision=project.electrical_revision,
        results=MappingProxyType(last.results),
        protections=MappingProxyType(last.protections),
        demand=demand,
        notes=tuple(dict.fromkeys(notes)),
        sources=tuple(topo.sources),
    )


def _demand(
    last: LastRun, project: Project, zones: Mapping[str, Zone], u0: float
) -> tuple[DemandSummary, list[CalcNote]]:
    """The demand table: the last run's while no consumer changed and the usage groups,
    zones and U0 it read are equal (an edit of a cable leaves it as it was)."""
    inputs = (project.usage_groups, zones, u0)
    if last.demand is None or last.demand[0] != inputs:
        outcome = demand_summary(
            filter(None, last.consumers.values()), project.usage_groups, zones, u0
        )
        last.demand = (inputs, outcome)
    return last.demand[1]


def _full_run(
    project: Project,
    topo: Topology,
    devices: Mapping[str, Device],
    sources: Mapping[str, Source],
    zones: Mapping[str, Zone],
    memo: Memo,
) -> LastRun:
    """Passes 1 to 3 through every device, reusing the memo's entries where every input is
    the identical object."""
    memo.reach = None
    memo.start(project.settings, zones)
    notes: list[CalcNote] = []
    source_of, leaves, memo.leaves = end_devices(
        topo, devices, sources, project.settings, notes, memo.leaves
    )
    zone_of = {d: z for d, z in topo.controller.items() if d in leaves}
    u0_by_source = {s: source.u0_v for s, source in sources.items()}
    currents, memo.flows = node_currents(
        topo.order, topo.children, leaves, zone_of, zones, (source_of, u0_by_source), memo.flows
    )
    results, protections, memo.nodes = top_down(topo, devices, sources, currents, notes, memo.nodes)
    consumers = {
        node: consumer_of(devices[node], entry.leaf, zone_of.get(node))
        for node, entry in memo.leaves.items()
    }
    return LastRun(
        topo,
        list(map(devices.__getitem__, topo.order)),
        tuple(devices[s] for s in topo.sources),
        leaves,
        currents,
        results,
        protections,
        consumers,
        notes,
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
