"""The one Qt painter of evsld's drawing primitives, and the cache of drawn symbols.

Every symbol on the canvas (and every palette icon) goes through `draw_primitives`, so the
canvas shows exactly what evsld.geometry defines and the PDF prints. A symbol is recorded
once per (symbol, extent, rotation) into a QPicture and replayed by every item that uses it:
painting a frame never resolves a symbol definition again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPicture, QPolygonF

from evsld.geometry.primitives import (
    Arc,
    Ellipse,
    Line,
    Polygon,
    Primitive,
    Rect,
    Stroke,
    Text,
    rotate_point,
    transform,
)
from evsld.geometry.symbols import PortGeometry, symbol_for, symbol_name
from evsld.model.device import Device
from evsld.ui.style import INK, drawing_font

THIN = 1.0  # strokes this thin are drawn with a cosmetic (one-pixel) pen: crisp at any zoom


def make_pen(stroke: Stroke, colour: QColor) -> QPen:
    pen = QPen(colour)
    if stroke.width <= THIN:
        pen.setCosmetic(True)
        pen.setWidthF(1.0)
    else:
        pen.setWidthF(stroke.width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if stroke.dash:
        pen.setDashPattern([max(0.5, d / max(stroke.width, 1.0)) for d in stroke.dash])
    return pen


def draw_primitives(painter: QPainter, primitives: Iterable[Primitive], colour: QColor) -> None:
    """Draw primitives given in the painter's current coordinates."""
    for prim in primitives:
        if isinstance(prim, Text):
            _draw_text(painter, prim, colour)
            continue
        painter.setPen(make_pen(prim.stroke, colour))
        filled = getattr(prim, "fill", False)
        painter.setBrush(QBrush(colour) if filled else Qt.BrushStyle.NoBrush)
        if isinstance(prim, Line):
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in prim.points]))
        elif isinstance(prim, Polygon):
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in prim.points]))
        elif isinstance(prim, Rect):
            painter.drawRect(QRectF(prim.x, prim.y, prim.w, prim.h))
        elif isinstance(prim, Ellipse):
            painter.drawEllipse(QPointF(*prim.center), prim.rx, prim.ry)
        elif isinstance(prim, Arc):
            cx, cy = prim.center
            r = prim.radius
            rect = QRectF(cx - r, cy - r, 2 * r, 2 * r)
            painter.drawArc(rect, round(prim.start_deg * 16), round(prim.span_deg * 16))


def _draw_text(painter: QPainter, prim: Text, colour: QColor) -> None:
    font = drawing_font(prim.size, prim.bold)
    width = QFontMetricsF(font).horizontalAdvance(prim.text)
    shift = {"start": 0.0, "middle": -width / 2, "end": -width}[prim.anchor]
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(prim.at[0] + shift, prim.at[1]), prim.text)


@dataclass(frozen=True)
class DeviceLook:
    """A symbol at one rotation, in item coordinates (origin = the device position): its
    recorded drawing, its box and its ports. Shared by every device drawn with it."""

    picture: QPicture
    box: QRectF
    ports: dict[str, PortGeometry]


class SymbolPictures:
    """Recorded symbol drawings, one per symbol variant and rotation."""

    def __init__(self) -> None:
        self._looks: dict[tuple[str, int], DeviceLook] = {}

    def look(self, device: Device) -> DeviceLook:
        rotation = device.placement.rotation
        key = (symbol_name(device), rotation)
        look = self._looks.get(key)
        if look is None:
            look = self._looks[key] = _record(device, rotation)
        return look

    def __len__(self) -> int:
        return len(self._looks)


def _record(device: Device, rotation: int) -> DeviceLook:
    graphic = symbol_for(device).graphic()
    picture = QPicture()
    painter = QPainter(picture)
    draw_primitives(painter, [transform(p, 0.0, 0.0, rotation) for p in graphic.primitives], INK)
    painter.end()
    box = graphic.box.rotated(rotation)
    ports = {name: _rotate_port(port, rotation) for name, port in graphic.ports.items()}
    return DeviceLook(picture, QRectF(box.x0, box.y0, box.width, box.height), ports)


def _rotate_port(port: PortGeometry, rotation: int) -> PortGeometry:
    if port.point is not None:
        return PortGeometry(point=rotate_point(port.point, rotation))
    a, b = port.segment
    return PortGeometry(segment=(rotate_point(a, rotation), rotate_point(b, rotation)))
