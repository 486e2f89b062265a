"""IEC 60617-style symbols, defined once in symbols/*.json and drawn by canvas and PDF alike.

A definition is a list of primitives in the symbol's local frame (origin at the reference
point, y downwards, 1 unit = 1 px at 100 %) and its named ports. Ports are points, or
segments for a busbar that takes a wire anywhere along its length. A stretchable symbol (board
busbar, busbar trunking) spans an extent [left, right] given at drawing time: coordinates
written "L" or "R" (optionally "L+10", "R-5") in the file resolve to that extent.

See symbols/README.md for the file format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from evsld.geometry.primitives import (
    Arc,
    Box,
    Ellipse,
    Line,
    Point,
    Polygon,
    Primitive,
    Rect,
    Stroke,
    Text,
    bounds,
    rotate_point,
    transform_point,
)
from evsld.model.device import Device
from evsld.paths import symbols_dir

Coordinate = float | str  # a number, or "L"/"R" with an optional offset in stretch symbols
_EDGE = re.compile(r"^([LR])([+-]\d+(?:\.\d+)?)?$")


class SymbolError(ValueError):
    """A symbol file that cannot be used; the message names the file and the place."""


@dataclass(frozen=True, slots=True)
class PortGeometry:
    """Where wires attach: one point, or anywhere along a segment (a busbar).

    `facing` is the unit vector a wire leaves a point port along (away from the symbol's
    nearest edge); a segment port takes wires on either side, so it has none."""

    point: Point | None = None
    segment: tuple[Point, Point] | None = None
    facing: Point | None = None

    def placed(self, dx: float, dy: float, degrees: int) -> PortGeometry:
        """The port rotated about the symbol origin, then moved by (dx, dy)."""
        if self.point is not None:
            facing = rotate_point(self.facing, degrees) if self.facing else None
            return PortGeometry(transform_point(self.point, dx, dy, degrees), facing=facing)
        a, b = self.segment
        return PortGeometry(
            segment=(transform_point(a, dx, dy, degrees), transform_point(b, dx, dy, degrees))
        )

    def attach(self, toward: Point) -> Point:
        """The attachment point for a wire heading to `toward` (a busbar takes the wire
        straight above or below the other end, clamped to its length)."""
        if self.point is not None:
            return self.point
        (x0, y0), (x1, y1) = self.segment  # horizontal or vertical by construction
        if y0 == y1:
            return (min(max(toward[0], min(x0, x1)), max(x0, x1)), y0)
        return (x0, min(max(toward[1], min(y0, y1)), max(y0, y1)))


@dataclass(frozen=True)
class Graphic:
    """A symbol drawn at a given extent: primitives, ports and bounding box, in local units."""

    primitives: tuple[Primitive, ...]
    ports: Mapping[str, PortGeometry]
    box: Box


@dataclass(frozen=True)
class SymbolDef:
    name: str
    title: str
    width: float
    height: float
    stretch: bool
    raw_primitives: tuple[dict[str, Any], ...]
    raw_ports: Mapping[str, dict[str, Any]]
    source: str

    @property
    def default_extent(self) -> tuple[float, float]:
        return (-self.width / 2, self.width / 2)

    def graphic(self, extent: tuple[float, float] | None = None) -> Graphic:
        """Resolve the definition; `extent` (left, right) only matters for stretch symbols."""
        left, right = extent if (self.stretch and extent) else self.default_extent
        resolver = _Resolver(left, right, self.source)
        prims = tuple(resolver.primitive(p, i) for i, p in enumerate(self.raw_primitives))
        nominal = Box(left, -self.height / 2, right, self.height / 2)
        ports = {
            name: _facing(resolver.port(name, spec), nominal)
            for name, spec in self.raw_ports.items()
        }
        return Graphic(prims, ports, bounds(prims).union(nominal))

    def fit_extent(self, attached: Mapping[str, list[float]], margin: float) -> tuple[float, float]:
        """The extent of a stretch symbol whose segment ports reach every attached x (local
        units, per port name) with `margin` to spare, never shorter than the nominal width."""
        left, right = self.default_extent
        for name, xs in attached.items():
            ends = self.raw_ports[name].get("segment") if xs else None
            edges = [_EDGE.match(e[0]) for e in ends or () if isinstance(e[0], str)]
            if len(edges) != 2 or {m.group(1) for m in edges} != {"L", "R"}:
                continue  # a point port, or a segment that does not follow the extent
            offset = {m.group(1): float(m.group(2) or 0) for m in edges}
            left = min(left, min(xs) - margin - offset["L"])
            right = max(right, max(xs) + margin - offset["R"])
        return (left, right)


def _facing(port: PortGeometry, box: Box) -> PortGeometry:
    """A point port faces out through the nearest edge of the nominal box (ties: up, down,
    right, left), which is where designers draw the wire leaving the symbol."""
    if port.point is None:
        return port
    x, y = port.point
    edges = ((y - box.y0, (0.0, -1.0)), (box.y1 - y, (0.0, 1.0)))
    edges += ((box.x1 - x, (1.0, 0.0)), (x - box.x0, (-1.0, 0.0)))
    nearest = min(edges, key=lambda e: e[0])  # min keeps the first of equals: the tie order
    return PortGeometry(port.point, facing=nearest[1])


class _Resolver:
    def __init__(self, left: float, right: float, source: str) -> None:
        self.left, self.right, self.source = left, right, source

    def x(self, value: Coordinate, where: str) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str) and (m := _EDGE.match(value)):
            base = self.left if m.group(1) == "L" else self.right
            return base + float(m.group(2) or 0)
        raise SymbolError(f"{self.source}: {where}: x must be a number or L/R, got {value!r}")

    def point(self, raw: Any, where: str) -> Point:
        if not (isinstance(raw, list) and len(raw) == 2):
            raise SymbolError(f"{self.source}: {where}: a point is [x, y]")
        y = raw[1]
        if isinstance(y, bool) or not isinstance(y, int | float):
            raise SymbolError(f"{self.source}: {where}: y must be a number")
        return (self.x(raw[0], where), float(y))

    def points(self, raw: Any, where: str) -> tuple[Point, ...]:
        if not isinstance(raw, list) or len(raw) < 2:
            raise SymbolError(f"{self.source}: {where}: needs at least two points")
        return tuple(self.point(p, where) for p in raw)

    def port(self, name: str, spec: dict[str, Any]) -> PortGeometry:
        where = f"port {name}"
        if "at" in spec:
            return PortGeometry(point=self.point(spec["at"], where))
        if "segment" in spec:
            a, b = self.points(spec["segment"], where)[:2]
            if a[0] != b[0] and a[1] != b[1]:
                raise SymbolError(
                    f"{self.source}: {where}: a port segment is horizontal or vertical"
                )
            return PortGeometry(segment=(a, b))
        raise SymbolError(f"{self.source}: {where}: give 'at' or 'segment'")

    def primitive(self, raw: dict[str, Any], index: int) -> Primitive:
        where = f"primitives[{index}]"
        stroke = Stroke(float(raw.get("width", 1.0)), tuple(float(v) for v in raw.get("dash", ())))
        fill = bool(raw.get("fill", False))
        if "line" in raw:
            return Line(self.points(raw["line"], where), stroke)
        if "polygon" in raw:
            return Polygon(self.points(raw["polygon"], where), stroke, fill)
        if "rect" in raw:
            x0, y0 = self.point(raw["rect"][:2], where)
            x1, y1 = self.point(raw["rect"][2:], where)
            return Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0), stroke, fill)
        if "ellipse" in raw:
            rx, ry = raw.get("r", [0, 0])
            return Ellipse(self.point(raw["ellipse"], where), float(rx), float(ry), stroke, fill)
        if "arc" in raw:
            return Arc(
                self.point(raw["arc"], where),
                float(raw["r"]),
                float(raw["start"]),
                float(raw["span"]),
                stroke,
            )
        if "text" in raw:
            anchor = raw.get("anchor", "middle")
            if anchor not in ("start", "middle", "end"):
                raise SymbolError(f"{self.source}: {where}: anchor is start, middle or end")
            return Text(
                self.point(raw["at"], where),
                str(raw["text"]),
                float(raw.get("size", 8)),
                anchor,
                bool(raw.get("bold", False)),
            )
        raise SymbolError(f"{self.source}: {where}: unknown primitive {sorted(raw)}")


def load_symbol(path: Path) -> SymbolDef:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise SymbolError(f"{path.name}: cannot be read ({err})") from None
    try:
        width, height = (float(v) for v in data["size"])
        symbol = SymbolDef(
            name=str(data["name"]),
            title=str(data["title"]),
            width=width,
            height=height,
            stretch=bool(data.get("stretch", False)),
            raw_primitives=tuple(data["primitives"]),
            raw_ports=dict(data["ports"]),
            source=path.name,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise SymbolError(f"{path.name}: missing or malformed field ({err})") from None
    if symbol.name != path.stem:
        raise SymbolError(f"{path.name}: name '{symbol.name}' differs from the file name")
    symbol.graphic()  # resolve once so a broken file fails at load, naming the place
    return symbol


@cache
def library(folder: Path | None = None) -> Mapping[str, SymbolDef]:
    """Every symbol in the folder (default: the shipped symbols/), by name."""
    folder = folder or symbols_dir()
    return {p.stem: load_symbol(p) for p in sorted(folder.glob("*.json"))}


def symbol_name(device: Device) -> str:
    """The symbol a device is drawn with; some kinds have variants by attribute."""
    kind = device.kind
    if kind == "evse":
        return "evse-dc" if device.attrs["current_type"] == "DC" else "evse-ac"
    if kind == "cable":
        return "cable-1p" if device.attrs["phases"] == 1 else "cable-3p"
    if kind == "meter":
        return "meter-mid" if device.attrs["mid"] else "meter"
    return _KIND_SYMBOLS[kind]


_KIND_SYMBOLS = {
    "supply": "supply",
    "transformer": "transformer",
    "switchboard": "busbar",
    "busway": "busway",
    "tapoff": "tapoff",
    "breaker": "breaker",
    "switch": "switch",
    "fuse": "fuse",
    "rcd": "rcd",
    "rcbo": "rcbo",
    "spd": "spd",
    "load": "load",
    "pv": "pv",
    "storage": "storage",
    "lms": "lms",
}


def symbol_for(device: Device) -> SymbolDef:
    return library()[symbol_name(device)]
