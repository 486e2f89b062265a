"""Renderer-neutral drawing primitives and the transforms that place them.

A symbol is a list of these in its local frame (origin at the symbol's reference point,
y downwards); placing a device rotates them about the origin and moves them to its position.
Renderers map each primitive to one painter call (Qt) or one canvas call (reportlab).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from evsld.geometry.fontmetrics import text_advance

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Stroke:
    width: float = 1.0  # drawing units; thin lines are 1, busbars 4
    dash: tuple[float, ...] = ()  # on/off lengths; () = solid


@dataclass(frozen=True, slots=True)
class Line:
    """An open polyline."""

    points: tuple[Point, ...]
    stroke: Stroke = Stroke()


@dataclass(frozen=True, slots=True)
class Polygon:
    points: tuple[Point, ...]
    stroke: Stroke = Stroke()
    fill: bool = False


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    stroke: Stroke = Stroke()
    fill: bool = False


@dataclass(frozen=True, slots=True)
class Ellipse:
    """A circle when rx == ry (meter, transformer windings), an oval otherwise (RCD toroid)."""

    center: Point
    rx: float
    ry: float
    stroke: Stroke = Stroke()
    fill: bool = False


@dataclass(frozen=True, slots=True)
class Arc:
    """Part of a circle from start_deg sweeping span_deg counter-clockwise on screen
    (angles measured from +x towards -y, as Qt and reportlab do with y flipped)."""

    center: Point
    radius: float
    start_deg: float
    span_deg: float
    stroke: Stroke = Stroke()


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text; `anchor` is where `at` sits: start, middle or end of the baseline."""

    at: Point
    text: str
    size: float = 9.0
    anchor: str = "start"
    bold: bool = False
    upright: bool = True  # keep horizontal when the symbol is rotated


Primitive = Line | Polygon | Rect | Ellipse | Arc | Text


def rotate_point(p: Point, degrees: int) -> Point:
    """Rotate clockwise on screen (y downwards) by a multiple of 90 degrees, exactly."""
    x, y = p
    turns = (degrees // 90) % 4
    for _ in range(turns):
        x, y = -y, x
    return (x, y)


def transform_point(p: Point, dx: float, dy: float, degrees: int) -> Point:
    x, y = rotate_point(p, degrees)
    return (x + dx, y + dy)


def transform(prim: Primitive, dx: float, dy: float, degrees: int) -> Primitive:
    """The primitive rotated about the local origin, then moved by (dx, dy)."""

    def t(p: Point) -> Point:
        return transform_point(p, dx, dy, degrees)

    if isinstance(prim, Line | Polygon):
        return replace(prim, points=tuple(t(p) for p in prim.points))
    if isinstance(prim, Rect):
        a = t((prim.x, prim.y))
        b = t((prim.x + prim.w, prim.y + prim.h))
        return replace(
            prim, x=min(a[0], b[0]), y=min(a[1], b[1]), w=abs(a[0] - b[0]), h=abs(a[1] - b[1])
        )
    if isinstance(prim, Ellipse):
        swap = (degrees // 90) % 2 == 1
        rx, ry = (prim.ry, prim.rx) if swap else (prim.rx, prim.ry)
        return replace(prim, center=t(prim.center), rx=rx, ry=ry)
    if isinstance(prim, Arc):
        return replace(prim, center=t(prim.center), start_deg=prim.start_deg - degrees)
    if prim.upright:
        return replace(prim, at=t(prim.at))
    raise ValueError("rotated text is not supported; mark text upright")


def translate(prim: Primitive, dx: float, dy: float) -> Primitive:
    """transform() without rotation, built directly: placing a drawing of thousands of
    devices moves every primitive of every symbol."""
    kind = type(prim)
    if kind is Line or kind is Polygon:
        points = tuple((x + dx, y + dy) for x, y in prim.points)
        return (
            Line(points, prim.stroke) if kind is Line else Polygon(points, prim.stroke, prim.fill)
        )
    if kind is Rect:
        return Rect(prim.x + dx, prim.y + dy, prim.w, prim.h, prim.stroke, prim.fill)
    if kind is Ellipse:
        center = (prim.center[0] + dx, prim.center[1] + dy)
        return Ellipse(center, prim.rx, prim.ry, prim.stroke, prim.fill)
    if kind is Arc:
        center = (prim.center[0] + dx, prim.center[1] + dy)
        return Arc(center, prim.radius, prim.start_deg, prim.span_deg, prim.stroke)
    at = (prim.at[0] + dx, prim.at[1] + dy)
    return Text(at, prim.text, prim.size, prim.anchor, prim.bold, prim.upright)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle (min x, min y, max x, max y)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def grown(self, margin: float) -> Box:
        return Box(self.x0 - margin, self.y0 - margin, self.x1 + margin, self.y1 + margin)

    def rotated(self, degrees: int) -> Box:
        a = rotate_point((self.x0, self.y0), degrees)
        b = rotate_point((self.x1, self.y1), degrees)
        return Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))

    def intersects(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of a line of the bundled DejaVu Sans Condensed, from the font's own advances, so
    that layout and overlap tests agree with what Qt and reportlab draw."""
    return text_advance(text, bold) * size


def bounds(primitives: list[Primitive] | tuple[Primitive, ...]) -> Box:
    """The box covering all primitives (text by its estimated extent)."""
    xs: list[float] = []
    ys: list[float] = []
    for prim in primitives:
        if isinstance(prim, Line | Polygon):
            xs.extend(p[0] for p in prim.points)
            ys.extend(p[1] for p in prim.points)
        elif isinstance(prim, Rect):
            xs += [prim.x, prim.x + prim.w]
            ys += [prim.y, prim.y + prim.h]
        elif isinstance(prim, Ellipse):
            cx, cy = prim.center
            xs += [cx - prim.rx, cx + prim.rx]
            ys += [cy - prim.ry, cy + prim.ry]
        elif isinstance(prim, Arc):
            cx, cy = prim.center
            xs += [cx - prim.radius, cx + prim.radius]
            ys += [cy - prim.radius, cy + prim.radius]
        else:
            w = text_width(prim.text, prim.size, prim.bold)
            left = {"start": 0.0, "middle": -w / 2, "end": -w}[prim.anchor]
            xs += [prim.at[0] + left, prim.at[0] + left + w]
            ys += [prim.at[1] - prim.size, prim.at[1] + prim.size * 0.25]
    if not xs:
        return Box(0.0, 0.0, 0.0, 0.0)
    return Box(min(xs), min(ys), max(xs), max(ys))
