"""Scene items: a view of one device or one connection, drawn from the model's data only.

A DeviceItem keeps the device id and what it derived from the model to paint quickly (its
symbol picture, box, ports and label); the scene replaces those whenever the model reports
a change. Painting picks a level of detail from the zoom: a plain box when zoomed far out,
the cached symbol picture when closer, labels once they are readable.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from evsld.geometry.drawing import BoardOutline
from evsld.geometry.primitives import Point, Primitive, Rect
from evsld.ui.painter import DeviceLook, draw_primitives
from evsld.ui.style import (
    CONTROL_INK,
    FAR_INK,
    INK,
    LABEL_INK,
    OUTLINE_INK,
    PORT_IDLE,
    PORT_OK,
    SELECTION,
    SELECTION_FILL,
    SEVERITY_COLOURS,
    drawing_font,
)

DEVICE_Z = 2.0
OUTLINE_Z = 0.5
WIRE_Z = 1.0
PORT_RADIUS = 4.0  # scene units at 100 %
LOD_SYMBOL = 0.2  # below this zoom a device is a filled box
LOD_LABEL = 0.45  # below this zoom labels are unreadable and skipped
_ANTIALIAS = QPainter.RenderHint.Antialiasing


class DeviceItem(QGraphicsItem):
    def __init__(self, device_id: str, look: DeviceLook) -> None:
        super().__init__()
        self.device_id = device_id
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsSelectable | flags.ItemIsMovable)
        self.setZValue(DEVICE_Z)
        self.severity: str | None = None  # worst finding on this device, for its marker
        self.highlighted_ports: dict[str, bool] = {}  # port -> accepts (while wiring)
        self._look = look
        self._bounds = QRectF()
        self._fill(look)

    # --- model -> item ----------------------------------------------------------------------

    def sync(self, look: DeviceLook, x: float, y: float) -> None:
        """Take the model's new state of the device (as placed by evsld.geometry)."""
        self.prepareGeometryChange()
        self._fill(look)
        self.setPos(x, y)
        self.update()

    def _fill(self, look: DeviceLook) -> None:
        self._look = look
        self._bounds = look.box.united(look.label_box).adjusted(-6, -6, 6, 6)

    @property
    def look(self) -> DeviceLook:
        return self._look

    def port_point(self, port: str, toward: Point) -> QPointF:
        """Where a wire attaches to a port, in scene coordinates."""
        geometry = self._look.ports[port]
        pos = self.pos()
        local_toward = (toward[0] - pos.x(), toward[1] - pos.y())
        x, y = geometry.attach(local_toward)
        return QPointF(pos.x() + x, pos.y() + y)

    def port_at(self, scene_point: QPointF, radius: float) -> str | None:
        """The port under a scene point (busbars anywhere along their length)."""
        local = self.mapFromScene(scene_point)
        best, best_distance = None, radius
        for name, geometry in self._look.ports.items():
            x, y = geometry.attach((local.x(), local.y()))
            distance = ((x - local.x()) ** 2 + (y - local.y()) ** 2) ** 0.5
            if distance <= best_distance:
                best, best_distance = name, distance
        return best

    # --- Qt ---------------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._look.box.adjusted(-3, -3, 3, 3))
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        box = self._look.box
        painter.setRenderHint(_ANTIALIAS, lod >= LOD_SYMBOL)  # sub-pixel boxes need none
        if lod < LOD_SYMBOL:
            colour = SELECTION if selected else _marker_or(self.severity, FAR_INK)
            painter.fillRect(box, colour)
            return
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(SELECTION_FILL)
            painter.drawRect(box.adjusted(-3, -3, 3, 3))
        # the view does not save the painter's state between items (DontSavePainterState), and
        # a recorded picture leaves out what equalled a fresh painter's state (no brush): start
        # it from that state, or the marker or selection colour of an item painted before
        # fills this symbol's boxes
        painter.setPen(_FRESH_PEN)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPicture(0, 0, self._look.picture)
        if lod >= LOD_LABEL:
            self._paint_label(painter, selected)
        if self.severity is not None:
            _paint_marker(painter, box, self.severity)
        if selected:
            pen = QPen(SELECTION, 1.0, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box.adjusted(-3, -3, 3, 3))
        if self.highlighted_ports:
            self._paint_ports(painter)

    def _paint_label(self, painter: QPainter, selected: bool) -> None:
        draw_primitives(painter, self._look.label, SELECTION if selected else LABEL_INK)

    def _paint_ports(self, painter: QPainter) -> None:
        for name, accepts in self.highlighted_ports.items():
            geometry = self._look.ports[name]
            colour = PORT_OK if accepts else PORT_IDLE
            pen = QPen(colour, 1.5)
            pen.setCosmetic(True)
            painter.setPen(pen)
            if geometry.segment is not None:
                (x0, y0), (x1, y1) = geometry.segment
                band = QPen(QColor(colour.red(), colour.green(), colour.blue(), 90), 8.0)
                painter.setPen(band)
                painter.drawLine(QPointF(x0, y0), QPointF(x1, y1))
                continue
            painter.setBrush(QBrush(colour) if accepts else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(*geometry.point), PORT_RADIUS, PORT_RADIUS)


_FRESH_PEN = QPen()  # a new QPainter's pen, which recorded pictures start from


def _marker_or(severity: str | None, fallback: QColor) -> QColor:
    return SEVERITY_COLOURS[severity] if severity else fallback


def _paint_marker(painter: QPainter, box: QRectF, severity: str) -> None:
    """A small badge at the symbol's top-left corner in the colour of the worst finding."""
    colour = SEVERITY_COLOURS[severity]
    outline = QPen(colour, 1.0)
    outline.setCosmetic(True)
    painter.setPen(outline)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box.adjusted(-2, -2, 2, 2))
    centre = QPointF(box.left() - 2, box.top() - 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if severity == "warning":
        painter.drawPolygon(
            QPolygonF([centre + QPointF(0, -6), centre + QPointF(6, 5), centre + QPointF(-6, 5)])
        )
    else:
        painter.drawEllipse(centre, 5.5, 5.5)
    painter.setPen(QColor("white"))
    painter.setFont(drawing_font(8, bold=True))
    mark = "i" if severity == "info" else "!"
    painter.drawText(
        QRectF(centre.x() - 6, centre.y() - 6, 12, 12.5), Qt.AlignmentFlag.AlignCenter, mark
    )


class WireItem(QGraphicsItem):
    """A connection drawn as a polyline between the two ports; control links dashed."""

    def __init__(self, connection_id: str, control: bool) -> None:
        super().__init__()
        self.connection_id = connection_id
        self.control = control
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(WIRE_Z)
        self._polygon = QPolygonF()
        self._shape: QPainterPath | None = None  # made when first asked (hit tests)
        self._bounds = QRectF()

    def set_points(self, points: list[QPointF]) -> None:
        if self.scene() is not None:
            self.prepareGeometryChange()
        self._polygon = QPolygonF(points)
        self._shape = None
        self._bounds = self._polygon.boundingRect().adjusted(-5, -5, 5, 5)
        self.update()

    def points(self) -> list[QPointF]:
        return list(self._polygon)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            path = QPainterPath()
            path.addPolygon(self._polygon)
            stroker = QPainterPathStroker()
            stroker.setWidth(8.0)
            self._shape = stroker.createStroke(path)
        return self._shape

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        selected = self.isSelected()
        painter.setRenderHint(
            _ANTIALIAS, option.levelOfDetailFromTransform(painter.worldTransform()) >= LOD_SYMBOL
        )
        colour = SELECTION if selected else (CONTROL_INK if self.control else INK)
        pen = QPen(colour, 2.0 if selected else 1.0)
        pen.setCosmetic(True)
        if self.control:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPolyline(self._polygon)


class OutlineItem(QGraphicsItem):
    """A board's dash-dot outline with its tag (IEC 61082), behind everything else."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(OUTLINE_Z)
        self._primitives: tuple[Primitive, ...] = ()
        self._bounds = QRectF()

    def set_outline(self, outline: BoardOutline) -> None:
        self.prepareGeometryChange()
        box = outline.box
        self._primitives = (
            Rect(box.x0, box.y0, box.width, box.height, outline.stroke),
            outline.tag,
        )
        self._bounds = QRectF(box.x0, box.y0, box.width, box.height).adjusted(-2, -2, 2, 2)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) >= LOD_SYMBOL:
            draw_primitives(painter, self._primitives, OUTLINE_INK)
