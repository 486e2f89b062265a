"""The whole drawing of a project, Qt-free: placed devices, routed wires, board outlines.

This is what the canvas mirrors and the PDF exporter prints, so print matches screen. It is a
pure function of the model: the same project gives the same drawing, and a wire stays on its
ports when a device moves because its route is recomputed from the new placement.

Public API (names the canvas and the PDF code against):
    PlacedDevice, place_device(project, device_id)
    route_connection(project, connection_id, obstacles=None) -> tuple[Point, ...]
    ObstacleIndex (build once per drawing, update(placed) / remove(id) per device)
    affected_by(project, device_id) -> (device ids to re-place, connection ids to re-route)
    RoutedWire, BoardOutline, DrawingModel.of(project, fit=False), LabelCollision
    devices_overlap, boxes_overlap, overlapping (layout and tests)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from evsld.geometry.label_fit import LabelCollision, board_name_collisions, fit_labels
from evsld.geometry.obstacles import (
    Obstacle,
    ObstacleIndex,
    boxes_overlap,
    devices_overlap,
    overlapping,
)
from evsld.geometry.placement import LABEL_SIZE, PlacedDevice, Placer, place_device
from evsld.geometry.primitives import Box, Point, Stroke, Text, bounds
from evsld.geometry.routing import End, route, route_many
from evsld.geometry.symbols import PortGeometry, symbol_for
from evsld.model.device import Connection, PortRef
from evsld.model.kinds import KINDS
from evsld.model.ports import Domain
from evsld.model.project import Project

POWER_STROKE = Stroke(1.0)
CONTROL_STROKE = Stroke(1.0, (4.0, 3.0))  # load-management and metering data: dashed
OUTLINE_STROKE = Stroke(0.7, (12.0, 3.0, 2.0, 3.0))  # dash-dot board outline (IEC 61082)
OUTLINE_PADDING = 10.0
# devices drawn inside a board's outline when wired to its busbar without a cable between
IN_BOARD_KINDS = frozenset({"breaker", "switch", "fuse", "rcd", "rcbo", "spd", "meter"})

__all__ = [
    "BoardOutline",
    "DrawingModel",
    "LabelCollision",
    "Obstacle",
    "ObstacleIndex",
    "PlacedDevice",
    "RoutedWire",
    "affected_by",
    "boxes_overlap",
    "devices_overlap",
    "overlapping",
    "place_device",
    "route_connection",
]


@dataclass(frozen=True)
class RoutedWire:
    """One connection as drawn: an orthogonal polyline from port to port."""

    connection_id: str
    points: tuple[Point, ...]
    domain: Domain  # CONTROL links (load management, metering data) never carry power
    stroke: Stroke

    @property
    def dashed(self) -> bool:
        return bool(self.stroke.dash)


@dataclass(frozen=True)
class BoardOutline:
    """The dash-dot rectangle around a board's busbar and the devices mounted in it."""

    board_id: str
    box: Box
    tag: Text
    stroke: Stroke
    members: tuple[str, ...]  # device ids inside, the busbar first


def connection_ends(conn: Connection, a: PlacedDevice, b: PlacedDevice) -> tuple[End, End]:
    """Where a wire starts and ends. A busbar (segment port) takes the wire straight above or
    below the other end; two busbars meet opposite the middle of the second one."""
    pa, pb = a.ports[conn.a.port], b.ports[conn.b.port]
    if pa.point is None and pb.point is None:
        (bx0, by0), (bx1, by1) = pb.segment
        at_a = pa.attach(((bx0 + bx1) / 2, (by0 + by1) / 2))
        at_b = pb.attach(at_a)
    else:
        at_a = pa.point if pa.point is not None else pa.attach(pb.point)
        at_b = pb.point if pb.point is not None else pb.attach(at_a)
    return (
        End(at_a, _facing(pa, at_a, at_b), a.device_id, a.box),
        End(at_b, _facing(pb, at_b, at_a), b.device_id, b.box),
    )


def _facing(port: PortGeometry, here: Point, there: Point) -> Point:
    """A point port's own facing; off a segment, square to it toward the other end."""
    if port.facing is not None:
        return port.facing
    (_x0, y0), (_x1, y1) = port.segment
    if y0 == y1:
        return (0.0, -1.0) if there[1] < here[1] else (0.0, 1.0)
    return (-1.0, 0.0) if there[0] < here[0] else (1.0, 0.0)


def route_connection(
    project: Project, connection_id: str, obstacles: ObstacleIndex | None = None
) -> tuple[Point, ...]:
    """The wire's polyline from its `a` port to its `b` port, around every symbol and label
    in `obstacles` (default: the whole project, built for this one call; the canvas passes
    the index it keeps up to date)."""
    conn = project.diagram.connection(connection_id)
    placer = Placer(project)
    if obstacles is None:
        obstacles = ObstacleIndex(placer.place(d.id) for d in project.diagram.devices())
    ends = connection_ends(conn, placer.place(conn.a.device), placer.place(conn.b.device))
    return route(*ends, obstacles)


def connection_domain(project: Project, conn: Connection) -> Domain:
    device = project.diagram.device(conn.a.device)
    return KINDS[device.kind].port(conn.a.port).domain


def affected_by(project: Project, device_id: str) -> tuple[frozenset[str], frozenset[str]]:
    """What to redraw when a device moves or changes: the device, the stretch symbols whose
    extent follows it (two levels: a busway on a busbar), and every wire of those."""
    devices = {device_id}
    frontier = [device_id]
    for _ in range(2):
        frontier = [
            other
            for d in frontier
            for other in project.diagram.neighbors(d)
            if symbol_for(project.diagram.device(other)).stretch and other not in devices
        ]
        devices.update(frontier)
    wires = {c.id for d in devices for c in project.diagram.connections_of(d)}
    return frozenset(devices), frozenset(wires)


def board_members(project: Project, board_id: str) -> list[str]:
    """The devices mounted in a board: those hanging off its busbar through switchgear,
    protection and meters only (a cable leaves the board)."""
    diagram = project.diagram
    members: list[str] = []
    seen = {board_id}
    frontier = [c.other(board_id).device for c in diagram.links_at(PortRef(board_id, "out"))]
    while frontier:
        device_id = frontier.pop(0)
        if device_id in seen or diagram.device(device_id).kind not in IN_BOARD_KINDS:
            continue
        seen.add(device_id)
        members.append(device_id)
        frontier += [c.other(device_id).device for c in diagram.links_at(PortRef(device_id, "out"))]
    return members


def outline_box(covered: Iterable[Box]) -> Box:
    """The outline around a board's busbar and members (their symbol and label boxes), with
    room for the tag inside; the layout keeps it as clear as a symbol."""
    cover = functools.reduce(Box.union, covered)
    box = cover.grown(OUTLINE_PADDING)
    return Box(box.x0, box.y0 - LABEL_SIZE - 4.0, box.x1, box.y1)


def board_outline(
    project: Project, board_id: str, devices: Mapping[str, PlacedDevice]
) -> BoardOutline:
    members = [board_id, *board_members(project, board_id)]
    box = outline_box(b for m in members for b in (devices[m].box, devices[m].label_box))
    tag = Text(
        (box.x0 + 4.0, box.y0 + LABEL_SIZE + 2.0),
        project.diagram.device(board_id).tag,
        LABEL_SIZE,
        "start",
        True,
    )
    return BoardOutline(board_id, box, tag, OUTLINE_STROKE, tuple(members))


@dataclass(frozen=True)
class DrawingModel:
    """Everything drawn for a project, in world units (1 unit = 1 px at 100 %, y down)."""

    devices: Mapping[str, PlacedDevice]
    wires: Mapping[str, RoutedWire]
    outlines: tuple[BoardOutline, ...]
    bounds: Box

    # texts that found no free place (only when labels were fitted, see `of`)
    label_collisions: tuple[LabelCollision, ...] = ()

    @classmethod
    def of(cls, project: Project, fit: bool = False) -> DrawingModel:
        """The drawing; with `fit` (the printed drawing) every label that would print over
        a symbol or another label moves to a free spot beside its symbol, or is reported
        in `label_collisions` (evsld.geometry.label_fit). The canvas draws labels where
        the device puts them, so that a label does not jump as its neighbours move."""
        placer = Placer(project)
        devices = {d.id: placer.place(d.id) for d in project.diagram.devices()}
        index = ObstacleIndex(devices.values())
        conns = list(project.diagram.connections())
        routes = route_many(
            [connection_ends(c, devices[c.a.device], devices[c.b.device]) for c in conns], index
        )
        wires = {}
        for conn, points in zip(conns, routes, strict=True):
            domain = connection_domain(project, conn)
            stroke = CONTROL_STROKE if domain is Domain.CONTROL else POWER_STROKE
            wires[conn.id] = RoutedWire(conn.id, points, domain, stroke)
        collisions: tuple[LabelCollision, ...] = ()
        if fit:
            fitted = fit_labels(devices, (w.points for w in wires.values()))
            devices, collisions = fitted.devices, fitted.collisions
        outlines = tuple(
            board_outline(project, b, devices) for b in project.diagram.ids_of_kind("switchboard")
        )
        if fit and outlines:
            names = [(o.board_id, bounds([o.tag])) for o in outlines]
            collisions += tuple(board_name_collisions(names, devices))
        return cls(devices, wires, outlines, _bounds(devices, wires, outlines), collisions)


def _bounds(
    devices: Mapping[str, PlacedDevice],
    wires: Mapping[str, RoutedWire],
    outlines: tuple[BoardOutline, ...],
) -> Box:
    boxes = [b for d in devices.values() for b in (d.box, d.label_box)]
    boxes += [o.box for o in outlines]
    xs = [x for b in boxes for x in (b.x0, b.x1)] + [x for w in wires.values() for x, _ in w.points]
    ys = [y for b in boxes for y in (b.y0, b.y1)] + [y for w in wires.values() for _, y in w.points]
    if not xs:
        return Box(0.0, 0.0, 0.0, 0.0)
    return Box(min(xs), min(ys), max(xs), max(ys))
