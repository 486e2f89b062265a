"""The trees the automatic layout draws: who hangs below whom, and where each controller goes.

Power flows down from the sources through every power connection, open switches included (an
open breaker is still drawn in its circuit; only the calculation stops at it). Each device
hangs below the neighbour that reaches it first, so loops and devices fed from two sources
still make a tree, with the extra connections drawn as plain wires. What no source reaches
(an unfinished part of a drawing) makes trees of its own, each from its most upstream device.

A load-management controller is drawn below the smallest subtree holding everything it drives
(its chargers, and the subtrees of the zones under it): the subtree's anchor. A controller that
reads a meter is drawn below its whole tree instead, at the far left, so that its link to the
meter climbs the free left side of the drawing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from evsld.model.device import PortRef
from evsld.model.diagram import Diagram, natural_key
from evsld.model.kinds import KINDS
from evsld.model.project import Project

SOURCE_KINDS = tuple(k.name for k in KINDS.values() if k.is_source)


@dataclass(frozen=True)
class Forest:
    roots: tuple[str, ...]  # one per source, in source order
    loose: tuple[str, ...]  # roots of the parts no source reaches
    children: Mapping[str, tuple[str, ...]]  # left to right
    parent: Mapping[str, str]
    depth: Mapping[str, int]
    order: tuple[str, ...]  # every device after its parent

    def kids(self, node: str) -> tuple[str, ...]:
        return self.children.get(node, ())


def build_forest(project: Project) -> Forest:
    diagram = project.diagram
    adj = diagram.power_adjacency()
    keys: dict[str, tuple] = {}

    def key(device_id: str) -> tuple:
        if device_id not in keys:
            keys[device_id] = natural_key(device_id)
        return keys[device_id]

    roots = tuple(sorted((i for k in SOURCE_KINDS for i in diagram.ids_of_kind(k)), key=key))
    parent: dict[str, str] = {}
    depth: dict[str, int] = {}
    order = _bfs(roots, adj, set(roots), parent, depth, key)
    powered = sorted(
        (d.id for d in diagram.devices() if d.spec.has_power_ports and d.id not in depth),
        key=key,
    )
    loose = []
    for device_id in powered:
        if device_id in depth:
            continue
        component = _bfs([device_id], adj, set(), {}, {}, key)
        ranked = sorted(component, key=key)
        root = next((d for d in ranked if _unfed_from_above(diagram, d)), ranked[0])
        loose.append(root)
        order += _bfs([root], adj, set(), parent, depth, key)
    children: dict[str, list[str]] = {}
    for node in order:
        if node in parent:
            children.setdefault(parent[node], []).append(node)
    for node, kids in children.items():
        kids.sort(key=_along_run(diagram, key) if diagram.device(node).kind == "busway" else key)
    return Forest(
        tuple(roots),
        tuple(loose),
        {k: tuple(v) for k, v in children.items()},
        parent,
        depth,
        tuple(order),
    )


def _bfs(
    starts: Iterable[str],
    adj: Mapping[str, Mapping[str, int]],
    stops: set[str],
    parent: dict[str, str],
    depth: dict[str, int],
    key,
) -> list[str]:
    """Breadth-first from the starts over power links; a stop (another source) is an origin
    of its own, never passed through. Fills parent and depth; returns the visiting order."""
    order = []
    queue = deque(starts)
    for start in queue:
        depth[start] = 0
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in sorted(adj[node], key=key):
            if nxt not in depth and nxt not in stops:
                depth[nxt] = depth[node] + 1
                parent[nxt] = node
                queue.append(nxt)
    return order


def _unfed_from_above(diagram: Diagram, device_id: str) -> bool:
    """Nothing is wired to the device's line side: where an unfed part starts."""
    spec = diagram.device(device_id).spec
    return spec.port("in") is not None and not diagram.links_at(PortRef(device_id, "in"))


def _along_run(diagram: Diagram, key):
    """Tap-offs in the order of their position along the busway; unknown positions last."""

    def order(device_id: str) -> tuple:
        position = diagram.device(device_id).attrs.get("position_m")
        return (position is None, position or 0.0, key(device_id))

    return order


def zone_anchors(
    project: Project, forest: Forest
) -> tuple[dict[str, list[str]], list[str], set[str]]:
    """anchor -> the controllers drawn below its subtree; the controllers drawn apart
    (driving nothing drawn, or devices in different trees); the metering ones."""
    diagram = project.diagram
    anchor: dict[str, str | None] = {}

    def anchor_of(zone: str) -> str | None:
        if zone in anchor:
            return anchor[zone]
        anchor[zone] = None  # a zone that drives itself through a cycle of links
        common: str | None = None
        for ref in driven_by(diagram, zone):
            driven = ref.device
            node = anchor_of(driven) if diagram.device(driven).kind == "lms" else driven
            if node is None or node not in forest.depth:
                continue
            common = node if common is None else _common_ancestor(forest, common, node)
            if common is None:
                break
        anchor[zone] = common
        return common

    below: dict[str, list[str]] = {}
    apart = []
    metering = set()
    for zone in sorted(diagram.ids_of_kind("lms"), key=natural_key):
        node = anchor_of(zone)
        if node is None:
            apart.append(zone)
            continue
        if diagram.links_at(PortRef(zone, "meas")):
            metering.add(zone)
            while node in forest.parent:
                node = forest.parent[node]
        below.setdefault(node, []).append(zone)
    return below, apart, metering


def driven_by(diagram: Diagram, zone: str) -> list[PortRef]:
    """The ports a controller's ctrl port is linked to."""
    return [c.other(zone) for c in diagram.links_at(PortRef(zone, "ctrl"))]


def _common_ancestor(forest: Forest, a: str, b: str) -> str | None:
    depth, parent = forest.depth, forest.parent
    while depth[a] > depth[b]:
        a = parent[a]
    while depth[b] > depth[a]:
        b = parent[b]
    while a != b:
        if a not in parent or b not in parent:
            return None  # different trees
        a, b = parent[a], parent[b]
    return a
