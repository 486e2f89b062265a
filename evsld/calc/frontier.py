"""The analysis after an edit that left the topology and every global input as they were:
recomputed from the changed devices outwards, without going through every device.

The full passes (evsld.calc.compute) reuse what an edit does not reach, but still look at
every device (~90 ms for a 5,000-charger car park). When `project.topology()` is the very
object of the last run and the settings, the load-management zones and the supplies are
unchanged, every input of every device is the last run's except where a device changed, so:

1. the changed devices are those whose Device object is not the one recorded;
2. pass 1 recomputes the changed end devices;
3. pass 2 recomputes their flows and walks up their ancestors, deepest first, until a flow
   and its currents come out equal to the old ones (which then keep their identity);
4. pass 3 visits, in feeding order, the changed devices, the devices whose currents changed,
   a busway above any of those (it reads its tap-offs and their currents) and every conductor
   a changed OCPD protects (it reads its protecting device). Each is reused or recomputed
   exactly as the full pass would (`TopDown.step`); one whose handed-on state is not the old
   object queues its children.

Results, protections and notes start from the last run's and take what was recomputed, so
the Analysis equals the full passes' field by field (tests/calc/test_frontier.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from heapq import heapify, heappop, heappush
from itertools import compress
from operator import is_not

from evsld.calc.demand import consumer_of
from evsld.calc.end_devices import LEAF_KINDS, leaf_entry
from evsld.calc.flows import EMPTY, NO_CURRENT, Flow, FlowEntry, flow_entry, same_inputs
from evsld.calc.memo import LastRun, Memo, Reach
from evsld.calc.notes import CalcNote
from evsld.calc.protection import OCPD_KINDS
from evsld.calc.top_down import CONDUCTOR_KINDS, Source, TopDown
from evsld.calc.zones import Zone
from evsld.model.device import Device
from evsld.model.project import Project
from evsld.model.topology import Topology


def same_context(
    last: LastRun, memo: Memo, project: Project, topo: Topology, zones: Mapping[str, Zone]
) -> bool:
    """Whether only devices changed since the last run: the same topology object, settings,
    zones and supply devices (every device reads its supply's voltages)."""
    devices = project.diagram.device_map()
    return (
        last.topology is topo
        and memo.settings == project.settings
        and memo.zones == zones
        and all(devices[s] is d for s, d in zip(topo.sources, last.supplies, strict=True))
    )


def frontier(
    project: Project,
    devices: Mapping[str, Device],
    sources: Mapping[str, Source],
    memo: Memo,
    last: LastRun,
) -> LastRun:
    """The last run brought up to date with the devices that changed since (see the module
    docstring); `memo` entries are updated in place and `memo.reach` says what was touched."""
    topo = last.topology
    order = topo.order
    now = list(map(devices.__getitem__, order))
    changed = list(compress(order, map(is_not, now, last.devices)))
    if last.positions is None:
        last.positions = dict(zip(order, range(len(order)), strict=True))
    positions = last.positions
    renoted: tuple[list[tuple[int, bool]], list[tuple[int, bool]]] = ([], [])

    drawn = _end_devices(changed, devices, project, memo, last, renoted[0])
    moved, visited = _flows(drawn, memo, last)
    queue = _pass3_queue(changed, moved, devices, topo)
    results, protections = dict(last.results), dict(last.protections)
    run = TopDown(topo, devices, sources, last.currents, [], (results, protections, memo.nodes))
    recomputed = _top_down(run, queue, memo, positions, renoted[1])
    visited += len(recomputed[1])

    if renoted[0] or renoted[1]:
        last.notes = _notes(memo, last, renoted)
    last.devices, last.results, last.protections = now, results, protections
    memo.reach = Reach(tuple(changed), tuple(recomputed[0]), visited)
    return last


def _end_devices(
    changed: list[str],
    devices: Mapping[str, Device],
    project: Project,
    memo: Memo,
    last: LastRun,
    renoted: list[tuple[int, bool]],
) -> list[str]:
    """Pass 1 for the changed end devices (their supply, and so its voltages, are the last
    run's); their demand-table lines follow. Returns them, for pass 2."""
    settings, controller = project.settings, last.topology.controller
    positions = last.positions
    assert positions is not None
    done = []
    for node in changed:
        device = devices[node]
        if device.kind not in LEAF_KINDS:
            continue
        old = memo.leaves[node]
        entry = memo.leaves[node] = leaf_entry(device, old.u0_v, old.u_v, settings)
        if entry.leaf is None:
            last.leaves.pop(node, None)
        else:
            last.leaves[node] = entry.leaf
        consumer = consumer_of(device, entry.leaf, controller.get(node))
        if consumer != last.consumers[node]:
            last.demand = None  # the demand table sums it
        last.consumers[node] = consumer
        if entry.note != old.note:
            renoted.append((positions[node], entry.note is not None))
        done.append(node)
    return done


def _flow_of(node: str, flows: Mapping[str, FlowEntry], children: Mapping[str, tuple]) -> Flow:
    """A device's flow: its entry's, or its only child's (a series device has no entry)."""
    while (entry := flows.get(node)) is None:
        kids = children.get(node)
        if not kids:
            return EMPTY
        node = kids[0]
    return entry.flow


def _flows(leaves: list[str], memo: Memo, last: LastRun) -> tuple[list[str], int]:
    """Pass 2 from the changed end devices up, deepest first, stopping where a device's flow
    and currents are the old objects. Returns the devices whose currents changed and how
    many devices were looked at."""
    topo, flows, currents, positions = last.topology, memo.flows, last.currents, last.positions
    assert positions is not None and memo.zones is not None
    children, order = topo.children, topo.order
    heap = [-positions[n] for n in leaves]
    heapify(heap)
    queued = set(leaves)
    reflowed: set[str] = set()  # devices whose flow object changed
    moved: list[str] = []
    alike: dict = {}
    visited = 0
    while heap:
        node = order[-heappop(heap)]
        visited += 1
        kids = children.get(node, ())
        leaf = last.leaves.get(node)
        if leaf is not None or len(kids) > 1:
            inputs: tuple[object, ...] = (
                (leaf, topo.controller.get(node))
                if leaf is not None
                else tuple([_flow_of(k, flows, children) for k in kids])
            )
            entry = flows.get(node)
            if entry is not None and same_inputs(entry.inputs, inputs):
                continue  # the same U0 too: the supplies are the last run's
            u0 = memo.leaves[node].u0_v if entry is None else entry.u0_v
            made = flows[node] = flow_entry(inputs, leaf, u0, entry, memo.zones, alike)
            reflow = entry is None or made.flow is not entry.flow
            node_currents = made.currents
        elif kids:  # a device in series carries its only child's flow and currents
            reflow, node_currents = kids[0] in reflowed, currents[kids[0]]
        else:  # an end device that no longer draws anything
            reflow, node_currents = flows.pop(node, None) is not None, NO_CURRENT
        if reflow:
            reflowed.add(node)
        if node_currents is not currents[node]:
            currents[node] = node_currents
            moved.append(node)
        elif not reflow:
            continue
        parent = topo.parent.get(node)
        if parent is not None and parent not in queued:
            queued.add(parent)
            heappush(heap, -positions[parent])
    return moved, visited


def _pass3_queue(
    changed: list[str], moved: list[str], devices: Mapping[str, Device], topo: Topology
) -> set[str]:
    """Where pass 3 must look: the changed devices, those whose currents changed, a busway
    above any of those (it reads its tap-offs and their currents) and every conductor a
    changed OCPD protects (it reads its protecting device)."""
    queue = {*changed, *moved}
    for node in list(queue):
        parent = topo.parent.get(node)
        if parent is not None and devices[parent].kind == "busway":
            queue.add(parent)
    for node in changed:
        if devices[node].kind in OCPD_KINDS:
            queue.update(_protected_conductors(node, devices, topo.children))
    return queue


def _protected_conductors(
    ocpd: str, devices: Mapping[str, Device], children: Mapping[str, tuple[str, ...]]
) -> Iterator[str]:
    """The cables and busways whose first OCPD above is `ocpd`: below it, down to the next
    OCPD (the top-down pass hands the first OCPD on the same way)."""
    stack = list(children.get(ocpd, ()))
    while stack:
        node = stack.pop()
        kind = devices[node].kind
        if kind in CONDUCTOR_KINDS:
            yield node
        if kind not in OCPD_KINDS:
            stack.extend(children.get(node, ()))


def _top_down(
    run: TopDown,
    queue: set[str],
    memo: Memo,
    positions: Mapping[str, int],
    renoted: list[tuple[int, bool]],
) -> tuple[list[str], set[str]]:
    """Pass 3 over the queue in feeding order; a device that hands on a new state queues its
    children. Returns the devices recomputed and every device looked at.

    A busway's tap-off places live in `run.conductors` only once the busway is recomputed in
    this run, and so it is whenever one of its children is: every input that can change a
    child's results (its device, its currents, the busway's handed-on state, the protecting
    device of a conductor, which is the busway's own) is one the busway reads too."""
    topo, entries = run.topo, memo.nodes
    order, parents, children = topo.order, topo.parent, topo.children
    heap = [positions[n] for n in queue]
    heapify(heap)
    recomputed: list[str] = []
    while heap:
        position = heappop(heap)
        node = order[position]
        parent = parents.get(node)
        old = entries[node]
        line = None if parent is None else entries[parent].below
        entry, fresh = run.step(node, parent, line, old)
        if not fresh:
            continue
        recomputed.append(node)
        if entry.notes != old.notes:
            renoted.append((position, bool(entry.notes)))
        if entry.below is not old.below:
            for kid in children.get(node, ()):
                if kid not in queue:
                    queue.add(kid)
                    heappush(heap, positions[kid])
    return recomputed, queue


def _notes(
    memo: Memo, last: LastRun, renoted: tuple[list[tuple[int, bool]], list[tuple[int, bool]]]
) -> list[CalcNote]:
    """The end devices' notes, then pass 3's, each in feeding order (as the full passes emit
    them), after the places in `renoted` gained or lost their notes."""
    order = last.topology.order
    if last.noted is None:  # first use since a full run: index the memo as it is now
        positions = last.positions
        assert positions is not None
        last.noted = (
            [positions[n] for n, e in memo.leaves.items() if e.note is not None],
            [positions[n] for n, e in memo.nodes.items() if e.notes],
        )
    else:
        for index, moves in zip(last.noted, renoted, strict=True):
            for position, has in moves:
                i = bisect_left(index, position)
                present = i < len(index) and index[i] == position
                if has and not present:
                    index.insert(i, position)
                elif present and not has:
                    del index[i]
    leaf_at, node_at = last.noted
    notes: list[CalcNote] = [memo.leaves[order[p]].note for p in leaf_at]  # type: ignore[misc]
    for p in node_at:
        notes.extend(memo.nodes[order[p]].notes)
    return notes
