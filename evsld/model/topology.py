"""The feeding topology of a diagram, computed once per revision and read by calc and rules.

Power flows from the sources (utility supplies) through the power connections. A switching
device that is open is reached (its line side is live) but passes nothing on. Every fed
device gets one parent, its upstream neighbour on the shortest feeding path from the first
source that reaches it, so `up(x)` is the path the rule catalog calls up(x) and the children
form the tree that demand is summed over. Loops and devices reached from two sources are
reported rather than hidden.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from evsld.model.diagram import Diagram, natural_key
from evsld.model.ports import Domain


@dataclass(frozen=True)
class Topology:
    sources: tuple[str, ...]
    parent: Mapping[str, str]
    children: Mapping[str, tuple[str, ...]]
    order: tuple[str, ...]  # fed devices, every device after its parent
    fed_by: Mapping[str, tuple[str, ...]]
    unfed: tuple[str, ...]  # devices with power ports that no source reaches
    open_devices: tuple[str, ...]  # switching devices set open
    loops: tuple[tuple[str, ...], ...]
    controller: Mapping[str, str]  # EVSE or sub-zone -> the load-management zone driving it

    @classmethod
    def of(cls, diagram: Diagram) -> Topology:
        return _build(diagram)

    def is_fed(self, device_id: str) -> bool:
        return device_id in self.fed_by

    def up(self, device_id: str) -> tuple[str, ...]:
        """The feeding path from the source down to the device, both included."""
        if device_id not in self.fed_by:
            return ()
        path = [device_id]
        while path[-1] in self.parent:
            path.append(self.parent[path[-1]])
        return tuple(reversed(path))

    def down(self, device_id: str) -> list[str]:
        """Every device fed through this one, top-down, the device itself excluded."""
        found: list[str] = []
        stack = list(reversed(self.children.get(device_id, ())))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed(self.children.get(node, ())))
        return found

    @property
    def multi_fed(self) -> tuple[str, ...]:
        """Devices reached from more than one source."""
        return tuple(d for d in self.order if len(self.fed_by[d]) > 1)

    def controlled(self, zone_id: str) -> list[str]:
        """Devices (EVSEs and sub-zones) a load-management zone drives directly."""
        return sorted((d for d, z in self.controller.items() if z == zone_id), key=natural_key)

    def zones_of(self, device_id: str) -> list[str]:
        """The zones governing a device, innermost first."""
        zones: list[str] = []
        current = self.controller.get(device_id)
        while current is not None and current not in zones:
            zones.append(current)
            current = self.controller.get(current)
        return zones


def _power_adjacency(diagram: Diagram) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = {}
    for node in diagram.graph.nodes:
        adj[node] = []
    for u, v, domain in diagram.graph.edges(data="domain"):
        if domain is Domain.POWER:
            adj[u].append(v)
            adj[v].append(u)
    for node, neighbours in adj.items():
        adj[node] = sorted(set(neighbours), key=natural_key)
    return adj


def _bfs(
    starts: Iterable[str], adj: Mapping[str, list[str]], stops: set[str]
) -> tuple[list[str], dict[str, str]]:
    """Breadth-first feeding order; a node in `stops` is reached but not passed through."""
    start_set = set(starts)
    order: list[str] = []
    parent: dict[str, str] = {}
    seen = set(start_set)
    queue = deque(sorted(start_set, key=natural_key))
    while queue:
        node = queue.popleft()
        order.append(node)
        if node in stops and node not in start_set:
            continue
        for nxt in adj[node]:
            if nxt not in seen:
                seen.add(nxt)
                parent[nxt] = node
                queue.append(nxt)
    return order, parent


def _build(diagram: Diagram) -> Topology:
    devices = {d.id: d for d in diagram.devices()}
    adj = _power_adjacency(diagram)
    sources = tuple(sorted((i for i, d in devices.items() if d.spec.is_source), key=natural_key))
    open_devices = tuple(
        sorted(
            (i for i, d in devices.items() if d.spec.is_switching and not d.attrs["closed"]),
            key=natural_key,
        )
    )
    # an open device stops the flow; so does another source (it is an origin, not a conductor)
    stops = set(open_devices)
    order, parent = _bfs(sources, adj, stops | set(sources))

    fed_by: dict[str, list[str]] = {}
    if len(sources) <= 1:
        for node in order:
            fed_by[node] = list(sources)
    else:
        for s in sources:
            reached, _ = _bfs((s,), adj, stops | (set(sources) - {s}))
            for node in reached:
                fed_by.setdefault(node, []).append(s)

    children: dict[str, list[str]] = {}
    for child in order:
        if child in parent:
            children.setdefault(parent[child], []).append(child)

    powered_kinds = {i for i, d in devices.items() if any(
        p.domain is Domain.POWER for p in d.spec.ports)}
    unfed = tuple(sorted((i for i in powered_kinds if i not in fed_by), key=natural_key))

    return Topology(
        sources=sources,
        parent=parent,
        children={k: tuple(v) for k, v in children.items()},
        order=tuple(order),
        fed_by={k: tuple(v) for k, v in fed_by.items()},
        unfed=unfed,
        open_devices=open_devices,
        loops=_loops(diagram, adj, set(open_devices)),
        controller=_controllers(diagram),
    )


def _loops(diagram: Diagram, adj: Mapping[str, list[str]], open_devices: set[str]) -> tuple[tuple[str, ...], ...]:
    """Independent cycles through closed devices, each listed from its smallest id."""
    loops: list[tuple[str, ...]] = []
    simple = nx.Graph()
    for node, neighbours in adj.items():
        if node in open_devices:
            continue
        simple.add_node(node)
        simple.add_edges_from((node, n) for n in neighbours if n not in open_devices)
    for cycle in nx.cycle_basis(simple):
        loops.append(_canonical_cycle(cycle))
    # two devices joined by two power connections make a loop the simple graph cannot see
    for u, v in {tuple(sorted((a, b), key=natural_key)) for a, b, k in diagram.graph.edges(keys=True)}:
        if u in open_devices or v in open_devices:
            continue
        power_links = [e for e in diagram.graph.get_edge_data(u, v).values()
                       if e["domain"] is Domain.POWER]
        if len(power_links) > 1:
            loops.append((u, v))
    return tuple(sorted(loops, key=lambda c: [natural_key(x) for x in c]))


def _canonical_cycle(cycle: list[str]) -> tuple[str, ...]:
    start = min(range(len(cycle)), key=lambda i: natural_key(cycle[i]))
    rotated = cycle[start:] + cycle[:start]
    backwards = [rotated[0], *reversed(rotated[1:])]
    best = min(rotated, backwards, key=lambda c: [natural_key(x) for x in c])
    return tuple(best)


def _controllers(diagram: Diagram) -> dict[str, str]:
    """Follow control links from a zone's ctrl port to the EVSEs and sub-zones it drives."""
    controller: dict[str, str] = {}
    for *_, conn in diagram.graph.edges(data="connection"):
        for zone_end, driven_end in ((conn.a, conn.b), (conn.b, conn.a)):
            if zone_end.port == "ctrl" and driven_end.port in ("ctrl", "parent") and (
                diagram.device(zone_end.device).kind == "lms"
            ):
                controller[driven_end.device] = zone_end.device
    return controller
