"""Devices placed on the drawing: symbol, ports, box and label in world coordinates.

A placed device is a pure function of the model: the device's symbol turned by its rotation
and moved to its position, its label to the right of it (tag first, as designers write it),
and for a stretch symbol (board busbar, busbar trunking) an extent that reaches every device
wired to it. Canvas and PDF draw these same values, so print matches screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property

from evsld.geometry.labels import label_lines
from evsld.geometry.primitives import (
    Box,
    Point,
    Primitive,
    Text,
    rotate_point,
    text_width,
    transform,
    translate,
)
from evsld.geometry.symbols import Graphic, PortGeometry, SymbolDef, library, symbol_name
from evsld.model.device import Device, Placement, PortRef
from evsld.model.project import Project

LABEL_SIZE = 8.0  # drawing units: 2.5 mm lettering at the usual plot scale
LINE_PITCH = 10.0  # one label line, on the 10-unit grid
LABEL_GAP = 4.0  # between a symbol's box and its label
STRETCH_MARGIN = 20.0  # busbar beyond the outermost attached wire
RIGHT = (1.0, 0.0)


@dataclass(frozen=True)
class PlacedDevice:
    """One device as drawn, everything in world units (y downwards)."""

    device_id: str
    symbol: str
    ports: Mapping[str, PortGeometry]
    box: Box  # the symbol's selection and overlap box
    label_lines: tuple[str, ...]  # tag first
    label_box: Box
    rotation: int  # the symbol's turn, for a renderer that caches symbols in local units
    origin: Point  # the device position (the symbol's local origin in world units)
    local: tuple[Primitive, ...] = field(repr=False)  # turned, not yet moved to `origin`
    # how the label lines align in `label_box`: "start" (left, beside the symbol's right
    # side), "end" (right, beside its left side) or "middle" (centred above or below it)
    label_anchor: str = "start"

    def relabelled(self, label_box: Box, label_anchor: str) -> PlacedDevice:
        """The same device with its label moved (fitted for print). Built field by field:
        dataclasses.replace costs five times as much, and a print fit moves thousands."""
        return PlacedDevice(
            self.device_id,
            self.symbol,
            self.ports,
            self.box,
            self.label_lines,
            label_box,
            self.rotation,
            self.origin,
            self.local,
            label_anchor,
        )

    @cached_property
    def primitives(self) -> tuple[Primitive, ...]:
        """The symbol in world units; moved on first use only, since routing a whole
        drawing needs boxes and ports, not every line of every symbol."""
        x, y = self.origin
        return tuple(translate(prim, x, y) for prim in self.local)

    @cached_property
    def label(self) -> tuple[Text, ...]:
        """The label as text lines filling `label_box` from its top, aligned by
        `label_anchor`, the tag first and bold."""
        box = self.label_box
        x = {"start": box.x0, "middle": (box.x0 + box.x1) / 2, "end": box.x1}[self.label_anchor]
        return tuple(
            Text(
                (x, box.y0 + i * LINE_PITCH + LABEL_SIZE),
                line,
                LABEL_SIZE,
                self.label_anchor,
                i == 0,
            )
            for i, line in enumerate(self.label_lines)
        )


def place_device(project: Project, device_id: str) -> PlacedDevice:
    """The device as drawn: a pure function of the model (stretch symbols read the devices
    wired to them, so re-place a busbar when something attached to it moves)."""
    return Placer(project).place(device_id)


class Placer:
    """Places devices of one project revision, remembering each result, so that a whole
    drawing places every device once even though busbars look at their neighbours."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._placed: dict[str, PlacedDevice] = {}
        self._extents: dict[tuple[str, int], tuple[float, float]] = {}

    def place(self, device_id: str) -> PlacedDevice:
        placed = self._placed.get(device_id)
        if placed is None:
            device = self.project.diagram.device(device_id)
            symbol = library()[symbol_name(device)]
            extent = self.extent(device, 0) if symbol.stretch else None
            placed = _place(device, symbol, extent)
            self._placed[device_id] = placed
        return placed

    def extent(self, device: Device, depth: int) -> tuple[float, float]:
        """A stretch symbol's [left, right] in local units, fitted to the attached ports.
        A stretch neighbour is measured one level deep only (two busbars wired to each other
        must not ask each other forever); beyond that its nominal extent stands in."""
        key = (device.id, depth)
        if key not in self._extents:
            symbol = library()[symbol_name(device)]
            attached: dict[str, list[float]] = {}
            for conn in self.project.diagram.connections_of(device.id):
                mine = conn.a if conn.a.device == device.id else conn.b
                anchor = self.anchor(conn.other(device.id), depth + 1)
                attached.setdefault(mine.port, []).append(_to_local(anchor, device.placement)[0])
            self._extents[key] = symbol.fit_extent(attached, STRETCH_MARGIN)
        return self._extents[key]

    def anchor(self, ref: PortRef, depth: int) -> Point:
        """Where a port sits in world units, for measuring a busbar against it; a segment
        port (another busbar) counts at its device's position."""
        if ref.device in self._placed:
            port = self._placed[ref.device].ports[ref.port]
            if port.point is not None:
                return port.point
        device = self.project.diagram.device(ref.device)
        symbol = library()[symbol_name(device)]
        extent = None
        if symbol.stretch and depth <= 1:
            extent = self.extent(device, depth)
        local = _local(symbol.name, device.placement.rotation, extent).ports[ref.port]
        if local.point is None:
            return (device.placement.x, device.placement.y)
        p = device.placement
        return (local.point[0] + p.x, local.point[1] + p.y)


def _to_local(point: Point, placement: Placement) -> Point:
    """World point -> the device's unrotated local frame."""
    return rotate_point((point[0] - placement.x, point[1] - placement.y), -placement.rotation)


@cache
def _rotated(name: str, rotation: int) -> Graphic:
    return _turn(library()[name].graphic(), rotation)


def _local(name: str, rotation: int, extent: tuple[float, float] | None) -> Graphic:
    """The symbol in local units, turned by the rotation (cached when it cannot stretch)."""
    if extent is None:
        return _rotated(name, rotation)
    return _turn(library()[name].graphic(extent), rotation)


def _turn(graphic: Graphic, rotation: int) -> Graphic:
    return Graphic(
        tuple(transform(p, 0.0, 0.0, rotation) for p in graphic.primitives),
        {n: port.placed(0.0, 0.0, rotation) for n, port in graphic.ports.items()},
        graphic.box.rotated(rotation),
    )


def _place(device: Device, symbol: SymbolDef, extent: tuple[float, float] | None) -> PlacedDevice:
    p = device.placement
    local = _local(symbol.name, p.rotation, extent)
    box = local.box.moved(p.x, p.y)
    ports = {n: _moved(port, p.x, p.y) for n, port in local.ports.items()}
    lines = tuple(label_lines(device))
    return PlacedDevice(
        device_id=device.id,
        symbol=symbol.name,
        ports=ports,
        box=box,
        label_lines=lines,
        label_box=label_box(lines, box, ports),
        rotation=p.rotation,
        origin=(p.x, p.y),
        local=local.primitives,
    )


def _moved(port: PortGeometry, dx: float, dy: float) -> PortGeometry:
    if port.point is not None:
        return PortGeometry((port.point[0] + dx, port.point[1] + dy), facing=port.facing)
    (x0, y0), (x1, y1) = port.segment
    return PortGeometry(segment=((x0 + dx, y0 + dy), (x1 + dx, y1 + dy)))


def label_box(lines: tuple[str, ...], box: Box, ports: Mapping[str, PortGeometry]) -> Box:
    """Where the label goes: to the right of the symbol box, vertically centred; moved above
    (else below) any port that leaves through the right side, so that no wire runs into the
    text. Its width is the widest line (the tag line is bold)."""
    widths = [text_width(t, LABEL_SIZE, bold=i == 0) for i, t in enumerate(lines)]
    height = len(lines) * LINE_PITCH
    right_ports = sorted(
        port.point[1] for port in ports.values() if port.point and port.facing == RIGHT
    )
    tops = [(box.y0 + box.y1 - height) / 2]
    if right_ports:
        tops += [right_ports[0] - LABEL_GAP - height, right_ports[-1] + LABEL_GAP]
    top = next(
        t for t in tops if not any(t - LABEL_GAP < y < t + height + LABEL_GAP for y in right_ports)
    )
    x = box.x1 + LABEL_GAP
    return Box(x, top, x + max(widths), top + height)
