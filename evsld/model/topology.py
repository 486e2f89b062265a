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

from evsld.model.device import PortRef
from evsld.model.diagram import Diagram, natural_key
from evsld.model.kinds import KINDS


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
        """Closed devices reached from more than one source (an open tie is live on both
        sides without paralleling them)."""
        if len(self.sources) <= 1:
            return ()
        open_set = set(self.open_devices)
        return tuple(d for d in self.order if len(self.fed_by[d]) > 1 and d not in open_set)

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


def _bfs(
    starts: Iterable[str], adj: Mapping[str, Mapping[str, int]], stops: set[str]
) -> tuple[list[str], dict[str, str]]:
    """Breadth-first feeding order; a node in `stops` is reached but not passed through."""
    start_set = set(starts)
    order: list[str] = []
    parent: dict[str, str] = {}
    seen = set(start_set)
    queue = deque(starts)
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
    keys = _KeyCache()
    adj = diagram.power_adjacency()
    devices = diagram.device_map()
    sources = tuple(
        sorted(
            (i for k in _SOURCE_KINDS for i in diagram.ids_of_kind(k)),
            key=keys.__getitem__,
        )
    )
    open_devices = tuple(
        sorted(
            (
                i
                for k in _SWITCHING_KINDS
                for i in diagram.ids_of_kind(k)
                if not devices[i].attrs["closed"]
            ),
            key=keys.__getitem__,
        )
    )
    # an open device stops the flow; so does another source (it is an origin, not a conductor)
    stops = set(open_devices)
    order, parent = _bfs(sources, adj, stops | set(sources))

    fed_by: dict[str, tuple[str, ...]]
    if len(sources) <= 1:
        fed_by = dict.fromkeys(order, sources)
    else:
        reached_by: dict[str, list[str]] = {}
        for s in sources:
            reached, _ = _bfs((s,), adj, stops | (set(sources) - {s}))
            for node in reached:
                reached_by.setdefault(node, []).append(s)
        fed_by = {k: tuple(v) for k, v in reached_by.items()}

    children: dict[str, list[str]] = {}
    for child in order:
        if child in parent:
            children.setdefault(parent[child], []).append(child)
    for siblings in children.values():
        if len(siblings) > 1:
            siblings.sort(key=keys.__getitem__)

    unfed = tuple(
        sorted(
            (i for i in adj if i not in fed_by and devices[i].spec.has_power_ports),
            key=keys.__getitem__,
        )
    )
    return Topology(
        sources=sources,
        parent=parent,
        children={k: tuple(v) for k, v in children.items()},
        order=tuple(order),
        fed_by=fed_by,
        unfed=unfed,
        open_devices=open_devices,
        loops=_loops(adj, set(open_devices), keys),
        controller=_controllers(diagram),
    )


_SOURCE_KINDS = tuple(k.name for k in KINDS.values() if k.is_source)
_SWITCHING_KINDS = tuple(k.name for k in KINDS.values() if k.is_switching)


def _has_loop(adj: Mapping[str, Mapping[str, int]], open_devices: set[str]) -> bool:
    """One depth-first pass: meeting a visited device other than the one we came from, or a
    doubled connection, means a loop."""
    visited: set[str] = set()
    for start in adj:
        if start in visited or start in open_devices:
            continue
        visited.add(start)
        stack: list[tuple[str, str | None]] = [(start, None)]
        while stack:
            node, came_from = stack.pop()
            for nxt, links in adj[node].items():
                if nxt in open_devices:
                    continue
                if links > 1 or (nxt in visited and nxt != came_from):
                    return True
                if nxt not in visited:
                    visited.add(nxt)
                    stack.append((nxt, node))
    return False


def _loops(
    adj: Mapping[str, Mapping[str, int]], open_devices: set[str], keys: _KeyCache
) -> tuple[tuple[str, ...], ...]:
    """Independent cycles through closed devices, each listed from its smallest id.
    Traced only when the linear test says there is one."""
    if not _has_loop(adj, open_devices):
        return ()
    closed = nx.Graph()
    for u, neighbours in adj.items():
        if u not in open_devices:
            closed.add_node(u)
            closed.add_edges_from((u, v) for v in neighbours if v not in open_devices)
    loops = [_canonical_cycle(cycle, keys) for cycle in nx.cycle_basis(closed)]
    # two devices joined by two power connections make a loop the simple graph cannot see
    loops.extend(
        tuple(sorted((u, v), key=keys.__getitem__)) for u, v in closed.edges if adj[u][v] > 1
    )
    return tuple(sorted(loops, key=lambda c: [keys[x] for x in c]))


class _KeyCache(dict):
    """natural_key per id, computed on first use (most ids are never compared)."""

    def __missing__(self, key: str) -> tuple:
        value = self[key] = natural_key(key)
        return value


def _canonical_cycle(cycle: list[str], keys: _KeyCache) -> tuple[str, ...]:
    start = min(range(len(cycle)), key=lambda i: keys[cycle[i]])
    rotated = cycle[start:] + cycle[:start]
    backwards = [rotated[0], *reversed(rotated[1:])]
    return tuple(min(rotated, backwards, key=lambda c: [keys[x] for x in c]))


def _controllers(diagram: Diagram) -> dict[str, str]:
    """Follow control links from a zone's ctrl port to the EVSEs and sub-zones it drives."""
    controller: dict[str, str] = {}
    for zone in diagram.ids_of_kind("lms"):
        for conn in diagram.links_at(PortRef(zone, "ctrl")):
            driven = conn.other(zone)
            if driven.port in ("ctrl", "parent"):
                controller[driven.device] = zone
    return controller
