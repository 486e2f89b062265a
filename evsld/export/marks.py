"""Continuation marks: where a wire or busbar leaves a sheet, and where it comes back in.

IEC 61082-1 cross-references: a line cut by the sheet edge ends in an arrow with the sheet
and zone where it continues, and that place carries the mark pointing back. Here both marks
are also PDF links to each other. A mark sits in the margin outside its view, so it never
covers the drawing; its text takes the first of a few positions around the arrow that
collides with nothing already placed (close parallel wires stagger their references).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from evsld.geometry.primitives import Box, Point, Text, bounds

STUB = 3.0  # mm of line beyond the view edge
ARROW = 1.6  # mm, length of the arrowhead
TEXT_GAP = 0.8  # mm between arrow and text
# unit vectors pointing out of the view through each edge
OUTWARD = {"left": (-1.0, 0.0), "right": (1.0, 0.0), "top": (0.0, -1.0), "bottom": (0.0, 1.0)}
EDGE_OF = {v: k for k, v in OUTWARD.items()}


@dataclass(frozen=True)
class StubLine:
    """One line of a mark's stub: offset across the edge (mm) and the run's stroke (mm)."""

    offset: float
    width: float
    dash: tuple[float, ...]


@dataclass(frozen=True)
class Mark:
    """A continuation mark on a sheet (mm, y down)."""

    name: str  # PDF destination of this mark; the paired mark links here
    page: int  # index of the diagram page
    edge: str
    anchor: Point  # where the runs meet the view edge (their middle)
    stub: tuple[StubLine, ...]
    arrow: tuple[Point, Point, Point]
    targets: tuple[str, ...]  # the paired marks' names (wires drawn on top of each other)
    text: Text | None = None
    silent: bool = False  # only a link target: the run is drawn whole here, nothing to mark

    @property
    def tip(self) -> Point:
        return self.arrow[0]

    @property
    def arrow_box(self) -> Box:
        xs = [p[0] for p in self.arrow] + [self.anchor[0]]
        ys = [p[1] for p in self.arrow] + [self.anchor[1]]
        return Box(min(xs), min(ys), max(xs), max(ys))

    @property
    def text_box(self) -> Box:
        assert self.text is not None
        return bounds([self.text])

    @property
    def link_box(self) -> Box:
        return self.arrow_box.union(self.text_box)


# Baseline gap of a reference written beside its stub: the text's descent plus the 0.3 mm
# clearance every placed text keeps, so it never grazes its own arrowhead.
BESIDE_GAP = 1.0


def arrowhead(edge: str, anchor: Point, stub: tuple[StubLine, ...]) -> tuple[Point, Point, Point]:
    """The arrowhead at the end of the stub, wide enough to cover every stub line."""
    dx, dy = OUTWARD[edge]
    x, y = anchor
    bx, by = x + dx * STUB, y + dy * STUB
    spread = max(abs(s.offset) + s.width / 2 for s in stub)
    half = max(0.7, spread + 0.5)
    tip = (bx + dx * ARROW, by + dy * ARROW)
    side = (-dy * half, dx * half)
    return (tip, (bx + side[0], by + side[1]), (bx - side[0], by - side[1]))


def text_candidates(mark: Mark, label: str, size: float) -> list[Text]:
    """Where the reference may go, best first: beyond the arrow, then beside the stub."""
    (tx, ty), (ax, ay) = mark.tip, mark.anchor
    half = max(
        abs(p[1] - ty) if mark.edge in ("left", "right") else abs(p[0] - tx) for p in mark.arrow
    )
    mid = size * 0.35  # baseline offset that centres a line of text on a point
    if mark.edge == "right":
        return [
            Text((tx + TEXT_GAP, ty + mid), label, size, "start"),
            Text((ax + 0.5, ay - half - BESIDE_GAP), label, size, "start"),
            Text((ax + 0.5, ay + half + size + BESIDE_GAP - 0.4), label, size, "start"),
        ]
    if mark.edge == "left":
        return [
            Text((tx - TEXT_GAP, ty + mid), label, size, "end"),
            Text((ax - 0.5, ay - half - BESIDE_GAP), label, size, "end"),
            Text((ax - 0.5, ay + half + size + BESIDE_GAP - 0.4), label, size, "end"),
        ]
    below = mark.edge == "bottom"
    step = 1.0 if below else -1.0
    beyond = ty + step * TEXT_GAP + (size * 0.8 if below else -size * 0.25)
    beside = (ay + ty) / 2 + mid
    return [
        Text((tx, beyond), label, size, "middle"),
        Text((ax + half + 0.6, beside), label, size, "start"),
        Text((ax - half - 0.6, beside), label, size, "end"),
        Text((tx, beyond + step * size * 1.2), label, size, "middle"),
    ]


def place_texts(
    marks: list[Mark], labels: Mapping[str, str], size: float, keep_out: list[Box], area: Box
) -> tuple[list[Mark], int]:
    """Give each mark of one page its reference text at the first free candidate place;
    returns the marks and how many had to take a place that collides."""
    placed: list[Box] = [m.arrow_box for m in marks if not m.silent]
    out: list[Mark] = [m for m in marks if m.silent]
    collisions = 0
    shown = [m for m in marks if not m.silent]
    for mark in sorted(shown, key=lambda m: (m.edge, m.anchor[1], m.anchor[0])):
        options = text_candidates(mark, labels[mark.name], size)
        chosen = None
        for text in options:
            box = bounds([text]).grown(0.3)
            clash = any(box.intersects(b) for b in placed + keep_out)
            if not clash and _within(box, area):
                chosen = text
                break
        if chosen is None:
            chosen = options[0]
            collisions += 1
        placed.append(bounds([chosen]))
        out.append(replace(mark, text=chosen))
    return out, collisions


def _within(inner: Box, outer: Box) -> bool:
    return (
        outer.x0 <= inner.x0
        and outer.y0 <= inner.y0
        and inner.x1 <= outer.x1
        and inner.y1 <= outer.y1
    )
