"""The one Qt painter of evsld's drawing primitives, and the cache of drawn symbols.

Every symbol on the canvas (and every palette icon) goes through `draw_primitives`, so the
canvas shows exactly what evsld.geometry defines and the PDF prints. A symbol is recorded
once per (symbol, extent, rotation) into a QPicture and replayed by every item that uses it:
painting a frame never resolves a symbol definition again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPicture, QPolygonF

from evsld.geometry.placement import PlacedDevice
from evsld.geometry.primitives import (
    Arc,
    Box,
    Ellipse,
    Line,
    Polygon,
    Primitive,
    Rect,
    Stroke,
    Text,
    translate,
)
from evsld.geometry.symbols import PortGeometry, library
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
    shift = 0.0
    if prim.anchor != "start":
        width = QFontMetricsF(font).horizontalAdvance(prim.text)
        shift = -width / 2 if prim.anchor == "middle" else -width
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(prim.at[0] + shift, prim.at[1]), prim.text)


@dataclass(frozen=True)
class DeviceLook:
    """A placed device in item coordinates (origin = the device position): its symbol's
    recorded drawing (shared by every device drawn alike), box, ports and label."""

    picture: QPicture
    box: QRectF
    ports: dict[str, PortGeometry]
    label: tuple[Text, ...]
    label_box: QRectF


class SymbolPictures:
    """Recorded symbol drawings: one per symbol and rotation, and one per extent for the
    symbols that stretch (busbars, busways), so no frame ever re-resolves a symbol."""

    def __init__(self) -> None:
        self._pictures: dict[tuple, QPicture] = {}

    def look(self, placed: PlacedDevice) -> DeviceLook:
        x, y = placed.origin
        return DeviceLook(
            self._picture(placed),
            _local_rect(placed.box, x, y),
            {name: _moved(port, -x, -y) for name, port in placed.ports.items()},
            tuple(translate(t, -x, -y) for t in placed.label),
            _local_rect(placed.label_box, x, y),
        )

    def _picture(self, placed: PlacedDevice) -> QPicture:
        stretches = library()[placed.symbol].stretch
        key = (placed.symbol, placed.rotation, placed.local if stretches else None)
        picture = self._pictures.get(key)
        if picture is None:
            picture = self._pictures[key] = QPicture()
            painter = QPainter(picture)
            draw_primitives(painter, placed.local, INK)
            painter.end()
        return picture

    def __len__(self) -> int:
        return len(self._pictures)


def _local_rect(box: Box, x: float, y: float) -> QRectF:
    return QRectF(box.x0 - x, box.y0 - y, box.width, box.height)


def _moved(port: PortGeometry, dx: float, dy: float) -> PortGeometry:
    if port.point is not None:
        return replace(port, point=(port.point[0] + dx, port.point[1] + dy))
    (x0, y0), (x1, y1) = port.segment
    return replace(port, segment=((x0 + dx, y0 + dy), (x1 + dx, y1 + dy)))
