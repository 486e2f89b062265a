"""Prints a diagram page: the view's strips of the drawing, then its continuation marks.

Each strip is clipped to its rectangle on the sheet and drawn from the same placed symbols,
labels, routed wires and board outlines as the canvas, in the canvas's colours. Strips of a
narrowed row abut, so lines crossing a narrowed column run on unbroken. A symbol is drawn
once per document in its local units (a PDF form) and placed at each device that shows it.
"""

from __future__ import annotations

from evsld.export.diagram import DiagramLayout, DiagramPage, PlacedView
from evsld.export.marks import OUTWARD, STUB, Mark
from evsld.export.painter import CONTROL_INK, INK, OUTLINE_INK, Painter
from evsld.export.parts import points_box
from evsld.geometry.placement import PlacedDevice
from evsld.geometry.primitives import Box, Stroke, bounds
from evsld.model.ports import Domain

FORM_MARGIN = 20.0  # drawing units around a symbol's form: room for strokes and glyphs


def draw_diagram_page(painter: Painter, layout: DiagramLayout, page: DiagramPage) -> None:
    for placed in page.placed:
        draw_view(painter, layout, placed)
    for mark in page.marks:
        draw_mark(painter, mark)


def draw_view(painter: Painter, layout: DiagramLayout, placed: PlacedView) -> None:
    parts = layout.parts
    drawing = parts.drawing
    view = placed.view
    outlines = [o for o in drawing.outlines if o.board_id in set(view.outlines)]
    wires = [drawing.wires[c] for c in view.wires]
    stretch = [drawing.devices[d] for d in view.stretch]
    items = [parts.items[i] for i in view.items]
    for _strip, world, rect in placed.strip_rects():
        with (
            painter.clipped(rect),
            painter.world((rect.x0, rect.y0), placed.scale, (world.x0, world.y0)),
        ):
            painter.ink(OUTLINE_INK)
            for outline in outlines:
                if meets(world, outline.box):
                    b = outline.box
                    painter.stroke(outline.stroke)
                    painter.polyline(
                        ((b.x0, b.y0), (b.x1, b.y0), (b.x1, b.y1), (b.x0, b.y1), (b.x0, b.y0))
                    )
            for wire in wires:
                if meets(world, points_box(wire.points)):
                    painter.ink(CONTROL_INK if wire.domain is Domain.CONTROL else INK)
                    painter.stroke(wire.stroke)
                    painter.polyline(wire.points)
            painter.ink(INK)
            for device in stretch:
                if meets(world, device.box):
                    painter.draw(device.primitives)
            for item in items:
                if not meets(world, item.anchor):
                    continue
                if item.owner in drawing.devices:
                    device = drawing.devices[item.owner]
                    if not parts.is_stretch(item.owner):
                        draw_symbol(painter, device)
                    painter.draw(device.label)
                else:
                    painter.ink(OUTLINE_INK)
                    painter.text(_outline_tag(drawing, item.owner))
                    painter.ink(INK)


def draw_symbol(painter: Painter, device: PlacedDevice) -> None:
    """The device's symbol: its turned local graphic, shared by every device drawn alike."""
    local = device.local
    painter.reuse(
        ("symbol", local),
        lambda: bounds(local).grown(FORM_MARGIN),
        lambda: painter.draw(local),
        device.origin,
    )


def _outline_tag(drawing, board_id: str):
    return next(o.tag for o in drawing.outlines if o.board_id == board_id)


def draw_mark(painter: Painter, mark: Mark) -> None:
    """The stub lines continuing the runs past the edge, the arrowhead, the reference, and
    the link to the paired mark (whose destination is this mark's own name). A silent mark
    is only the destination."""
    if mark.silent:
        painter.destination(mark.name, mark.anchor)
        return
    painter.ink(INK)
    dx, dy = OUTWARD[mark.edge]
    x, y = mark.anchor
    for line in mark.stub:
        if mark.edge in ("left", "right"):
            ox, oy = 0.0, line.offset
        else:
            ox, oy = line.offset, 0.0
        painter.stroke(Stroke(line.width, line.dash))
        painter.polyline(((x + ox, y + oy), (x + ox + dx * STUB, y + oy + dy * STUB)))
    painter.triangle(mark.arrow)
    assert mark.text is not None, "a mark is drawn after its text was placed"
    painter.text(mark.text)
    painter.destination(mark.name, mark.tip)
    painter.link(mark.link_box, mark.targets[0])


def meets(world: Box, box: Box) -> bool:
    """Whether a box touches a strip (closed intervals: a straight wire has a flat box)."""
    return box.x0 <= world.x1 and world.x0 <= box.x1 and box.y0 <= world.y1 and world.y0 <= box.y1
