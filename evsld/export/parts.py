"""The drawing taken apart for splitting over sheets: whole items and continuing lines.

An *item* is printed whole on exactly one sheet: a symbol with its label, the label of a
busbar, a board's name. A *line* may continue from sheet to sheet: a wire, or a busbar or
busbar trunking (a stretch symbol is long and thin and is drawn, like a wire, on every sheet
it runs through). Sheets are chosen by the items' centres, so no symbol or text is ever cut
by a sheet edge; lines are clipped at the edge and carry continuation marks there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evsld.geometry.drawing import BoardOutline, DrawingModel, RoutedWire
from evsld.geometry.placement import PlacedDevice
from evsld.geometry.primitives import Box, Line, Point, bounds
from evsld.geometry.symbols import library
from evsld.model.project import Project


@dataclass(frozen=True, slots=True)
class Item:
    owner: str  # device id; for a board's name, the board id
    anchor: Box  # the symbol (or the text itself): its centre picks the sheet
    boxes: tuple[Box, ...]  # everything printed of it
    # the box covering all of them, computed once: splitting reads it several times per item
    cover: Box = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        box = self.boxes[0]
        for b in self.boxes[1:]:
            box = box.union(b)
        object.__setattr__(self, "cover", box)

    @property
    def center(self) -> Point:
        a = self.anchor
        return ((a.x0 + a.x1) / 2, (a.y0 + a.y1) / 2)


@dataclass(frozen=True)
class Parts:
    drawing: DrawingModel
    items: tuple[Item, ...]
    stretch: tuple[PlacedDevice, ...]  # busbars and busways, drawn clipped on every sheet
    wire_ends: dict[str, tuple[str, str]]  # connection id -> (device id a, device id b)

    @classmethod
    def of(cls, project: Project, drawing: DrawingModel) -> Parts:
        items: list[Item] = []
        stretch: list[PlacedDevice] = []
        for placed in drawing.devices.values():
            if library()[placed.symbol].stretch:
                stretch.append(placed)
                items.append(Item(placed.device_id, placed.label_box, (placed.label_box,)))
            else:
                items.append(Item(placed.device_id, placed.box, (placed.box, placed.label_box)))
        for outline in drawing.outlines:
            tag = bounds([outline.tag])
            items.append(Item(outline.board_id, tag, (tag,)))
        ends = {c.id: (c.a.device, c.b.device) for c in project.diagram.connections()}
        return cls(drawing, tuple(items), tuple(stretch), ends)

    def is_stretch(self, device_id: str) -> bool:
        return library()[self.drawing.devices[device_id].symbol].stretch

    def wire(self, connection_id: str) -> RoutedWire:
        return self.drawing.wires[connection_id]

    @property
    def outlines(self) -> tuple[BoardOutline, ...]:
        return self.drawing.outlines

    def bounds(self) -> Box:
        boxes = [b for item in self.items for b in item.boxes]
        boxes += [s.box for s in self.stretch] + [o.box for o in self.outlines]
        boxes += [points_box(w.points) for w in self.drawing.wires.values()]
        whole = boxes[0]
        for b in boxes[1:]:
            whole = whole.union(b)
        return whole


def stretch_lines(placed: PlacedDevice) -> list[Line]:
    return [p for p in placed.primitives if isinstance(p, Line)]


def horizontal(placed: PlacedDevice) -> bool:
    """A stretch symbol runs along x unless it is turned a quarter."""
    return placed.rotation % 180 == 0


def points_box(points: tuple[Point, ...]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Box(min(xs), min(ys), max(xs), max(ys))
