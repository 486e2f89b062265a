"""The feeding topology of a diagram, computed once per revision and read by calc and rules.

Power flows from the sources (utility supplies) through the power connections. A switching
device that is open is reached (its line side is live) but passes nothing on. Every fed
device gets one parent, its upstream neighbour on the shortest feeding path from the first
source that reaches it, so `up(x)` is the path the rule catalog calls up(x) and the children
form the tree that demand is summed over. Loops and devices reached from two sources are
reported rather than hidden.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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


class _Feed(NamedTuple):
    """What one breadth-first pass from the sources finds, with the counts that let the loop
    test skip a second pass over the fed devices (see _loop_exists)."""

    order: list[str]  # every reached device, breadth-first
    parent: dict[str, str]
    children: dict[str, tuple[str, ...]]  # in the order the pass met them, not yet sorted
    passed: int  # devices the pass went through: the starts and every reached non-stop
    links: int  # their power connections to anything, counted with multiplicity


def _bfs(starts: Iterable[str], adj: Mapping[str, Mapping[str, int]], stops: set[str]) -> _Feed:
    """Breadth-first feeding order; a node in `stops` is reached but not passed through."""
    order = list(starts)
    seen = set(order)
    blocked = stops - seen  # a start is passed through even when it is also a stop
    parent: dict[str, str] = {}
    children: dict[str, tuple[str, ...]] = {}
    links = 0
    mark_seen, reach = seen.add, order.append
    # the list is the queue: walking it while extending it visits every device after the one
    # that found it
    for node in order:
        if node in blocked:
            continue
        neighbours = adj[node]
        links += sum(neighbours.values())
        first_found = len(order)
        for nxt in neighbours:
            if nxt not in seen:
                mark_seen(nxt)
                parent[nxt] = node
                reach(nxt)
        if len(order) > first_found:
            children[node] = tuple(order[first_found:])
    return _Feed(order, parent, children, len(order) - len(blocked & seen), links)


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
    open_set = set(open_devices)
    # an open device stops the flow; so does another source (it is an origin, not a conductor)
    feed = _bfs(sources, adj, open_set | set(sources))

    fed_by: dict[str, tuple[str, ...]]
    if len(sources) <= 1:
        fed_by = dict.fromkeys(feed.order, sources)
    else:
        reached_by: dict[str, list[str]] = {}
        for s in sources:
            for node in _bfs((s,), adj, open_set | (set(sources) - {s})).order:
                reached_by.setdefault(node, []).append(s)
        fed_by = {k: tuple(v) for k, v in reached_by.items()}

    children = feed.children
    for node, siblings in children.items():
        if len(siblings) > 1:
            children[node] = _sorted_naturally(siblings, keys)

    # devices without power ports (load-management zones) are never reached: when as many
    # devices went unreached as there are of them, they are the unreached ones
    portless = [i for k in _PORTLESS_KINDS for i in diagram.ids_of_kind(k)]
    unreached = portless if len(adj) - len(fed_by) == len(portless) else adj.keys() - fed_by.keys()
    unfed = tuple(
        sorted((i for i in unreached if devices[i].spec.has_power_ports), key=keys.__getitem__)
    )
    loops = (
        _loops(adj, open_set, keys)
        if _loop_exists(adj, open_set, sources, feed, fed_by, unreached)
        else ()
    )
    return Topology(
        sources=sources,
        parent=feed.parent,
        children=children,
        order=tuple(feed.order),
        fed_by=fed_by,
        unfed=unfed,
        open_devices=open_devices,
        loops=loops,
        controller=_controllers(diagram),
    )


_SOURCE_KINDS = tuple(k.name for k in KINDS.values() if k.is_source)
_SWITCHING_KINDS = tuple(k.name for k in KINDS.values() if k.is_switching)
_PORTLESS_KINDS = tuple(k.name for k in KINDS.values() if not k.has_power_ports and not k.is_source)
# the ids the diagram hands out (d1, d2, ...): one prefix and no leading zero, so their
# natural order is shorter first, then character by character
_PLAIN_ID = re.compile(r"d[1-9][0-9]*")


def _sorted_naturally(ids: Sequence[str], keys: _KeyCache) -> tuple[str, ...]:
    """Sorted by natural_key, without computing it when every id is a plain one."""
    if all(map(_PLAIN_ID.fullmatch, ids)):
        return tuple(sorted(sorted(ids), key=len))
    return tuple(sorted(ids, key=keys.__getitem__))


def _loop_exists(
    adj: Mapping[str, Mapping[str, int]],
    open_devices: set[str],
    sources: tuple[str, ...],
    feed: _Feed,
    fed: Mapping[str, object],
    unreached: Iterable[str],
) -> bool:
    """Whether the closed devices' graph holds a loop, reading the feed's count where it can.

    From one closed source the feed passed through exactly the closed devices connected to
    it: one component, which holds a loop exactly when it has as many connections as devices
    (a tree has one fewer). Its connections are the links the feed counted from both ends,
    less those to open devices. The devices the feed never reached are their own components
    and get the depth-first test; with several sources the regions overlap, so all do."""
    if len(sources) != 1 or sources[0] in open_devices:
        return _has_loop(adj, open_devices, adj)
    to_open = sum(
        links
        for o in open_devices
        if o in fed
        for n, links in adj[o].items()
        if n in fed and n not in open_devices
    )
    if feed.links - to_open >= 2 * feed.passed:
        return True
    return _has_loop(adj, open_devices, unreached)


def _has_loop(
    adj: Mapping[str, Mapping[str, int]], open_devices: set[str], starts: Iterable[str]
) -> bool:
    """One depth-first pass over the components of `starts`: meeting a visited device other
    than the one we came from, or a doubled connection, means a loop."""
    visited: set[str] = set()
    for start in starts:
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
    Traced only when _loop_exists says there is one."""
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
