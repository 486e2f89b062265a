"""The canvas view: zoom, pan and the mouse and keyboard gestures of editing.

Gestures: click a palette entry then click the canvas to place (or drag the entry in);
drag from a port to a port to wire (ports light up, green where the model accepts the
wire); drag devices to move them (one undo step on release); rubber-band to select; arrows
nudge by one grid step (Shift: five); wheel zooms about the cursor; middle button or
Space+drag pans.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView

from evsld.model.device import PortRef
from evsld.ui.editor import Editor
from evsld.ui.items import DeviceItem
from evsld.ui.overview import OVERVIEW_ZOOM
from evsld.ui.palette_entries import PALETTE_MIME, PaletteEntry, entry_by_key
from evsld.ui.scene import DiagramScene
from evsld.ui.style import PORT_OK

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.01, 8.0
PORT_PICK_PIXELS = 7.0  # how close (on screen) a press must be to a port to start a wire
NUDGE_BIG = 5


class DiagramView(QGraphicsView):
    zoom_changed = Signal(float)
    cursor_moved = Signal(float, float)
    files_dropped = Signal(list)
    placing_changed = Signal(object)  # the armed PaletteEntry, or None
    device_activated = Signal(str)  # double-clicked: show its properties

    def __init__(self, scene: DiagramScene, editor: Editor) -> None:
        super().__init__(scene)
        self.editor = editor
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.placing: PaletteEntry | None = None
        self._pan_from: QPoint | None = None
        self._space_pan = False
        self._wire_from: PortRef | None = None
        self._wire_line: QGraphicsLineItem | None = None
        self._moving = False  # a left drag that started on a device moves the selection

    @property
    def diagram_scene(self) -> DiagramScene:
        return self.scene()

    # --- zoom ---------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        factor = target / self.zoom()
        self.scale(factor, factor)
        self._zoomed()

    def _zoomed(self) -> None:
        self.diagram_scene.set_overview(self.zoom() < OVERVIEW_ZOOM)
        self.zoom_changed.emit(self.zoom())

    def set_zoom(self, zoom: float) -> None:
        self.zoom_by(zoom / self.zoom())

    def fit_all(self) -> None:
        rect = self.diagram_scene.itemsBoundingRect()
        if rect.isNull():
            rect = QRectF(-200, -150, 400, 300)
        self.fit_rect(rect.adjusted(-40, -40, 40, 40))

    def fit_rect(self, rect: QRectF) -> None:
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 2.0:
            self.set_zoom(2.0)
        if self.zoom() < MIN_ZOOM:
            self.set_zoom(MIN_ZOOM)
        self._zoomed()

    def centre_on_devices(self, device_ids: list[str]) -> None:
        rect = QRectF()
        for device_id in device_ids:
            item = self.diagram_scene.devices.get(device_id)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        if rect.isNull():
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        too_big = rect.width() > visible.width() or rect.height() > visible.height()
        if too_big or self.diagram_scene.overview.active:
            self.fit_rect(rect.adjusted(-80, -80, 80, 80))
        else:
            self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        modifiers = event.modifiers()
        if modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier):
            super().wheelEvent(event)  # Qt scrolls: Shift horizontally, Ctrl vertically
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    # --- placing --------------------------------------------------------------------------------

    def arm(self, entry: PaletteEntry | None) -> None:
        self.placing = entry
        cursor = Qt.CursorShape.CrossCursor if entry else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(cursor)
        self.placing_changed.emit(entry)

    def _place(self, entry: PaletteEntry, at: QPointF) -> None:
        self.editor.place(entry.kind, at, entry.attrs)

    # --- mouse --------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space_pan and event.button() == Qt.MouseButton.LeftButton
        ):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        scene_pos = self.mapToScene(event.position().toPoint())
        if event.button() == Qt.MouseButton.RightButton and self.placing is not None:
            self.arm(None)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            if self.placing is not None:
                entry = self.placing
                self._place(entry, scene_pos)
                if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.arm(None)
                event.accept()
                return
            port = self.diagram_scene.port_under(scene_pos, PORT_PICK_PIXELS / self.zoom())
            if port is not None:
                self._start_wire(port, scene_pos)
                event.accept()
                return
            self._moving = isinstance(self.itemAt(event.position().toPoint()), DeviceItem)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        scene_pos = self.mapToScene(pos)
        self.cursor_moved.emit(scene_pos.x(), scene_pos.y())
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self._wire_from is not None:
            self._drag_wire(scene_pos)
            event.accept()
            return
        super().mouseMoveEvent(event)
        if self._moving:
            self._snap_dragged()
        elif self.placing is None and not event.buttons():
            over_port = self.diagram_scene.port_under(scene_pos, PORT_PICK_PIXELS / self.zoom())
            shape = Qt.CursorShape.CrossCursor if over_port else Qt.CursorShape.ArrowCursor
            if not self._space_pan and self.viewport().cursor().shape() != shape:
                self.viewport().setCursor(shape)  # a port: drag from here to wire

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            shape = Qt.CursorShape.OpenHandCursor if self._space_pan else Qt.CursorShape.ArrowCursor
            self.viewport().setCursor(shape)
            event.accept()
            return
        if self._wire_from is not None:
            self._finish_wire(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self._moving:
            self._moving = False
            self.editor.finish_drag()

    def _snap_dragged(self) -> None:
        """Qt moved the selection with the mouse; put it on the grid and let the wires
        follow (a preview: the model moves on release)."""
        scene = self.diagram_scene
        for item in scene.selectedItems():
            if isinstance(item, DeviceItem):
                snapped = scene.snap(item.pos())
                if snapped != item.pos():
                    item.setPos(snapped)
                scene.device_dragged(item)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, DeviceItem):
            self.device_activated.emit(item.device_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # --- wiring -------------------------------------------------------------------------------

    def _start_wire(self, port: PortRef, scene_pos: QPointF) -> None:
        self._wire_from = port
        start = self.diagram_scene.devices[port.device].port_point(
            port.port, (scene_pos.x(), scene_pos.y())
        )
        pen = QPen(PORT_OK, 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._wire_line = self.diagram_scene.addLine(
            start.x(), start.y(), start.x(), start.y(), pen
        )
        self._wire_line.setZValue(10)
        self._highlight_ports(port)

    def _highlight_ports(self, origin: PortRef) -> None:
        """Light up the ports in sight: green where the model would accept the wire."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        for item in self.diagram_scene.items(visible):
            if not isinstance(item, DeviceItem) or item.device_id == origin.device:
                continue
            item.highlighted_ports = {
                name: self.editor.can_connect(origin, PortRef(item.device_id, name)) is None
                for name in item.look.ports
            }
            item.update()

    def _drag_wire(self, scene_pos: QPointF) -> None:
        line = self._wire_line.line()
        line.setP2(scene_pos)
        self._wire_line.setLine(line)

    def _finish_wire(self, scene_pos: QPointF) -> None:
        origin = self._wire_from
        self._wire_from = None
        self.diagram_scene.removeItem(self._wire_line)
        self._wire_line = None
        self.diagram_scene.clear_port_highlights()
        target = self.diagram_scene.port_under(scene_pos, PORT_PICK_PIXELS / self.zoom())
        if target is not None and target.device != origin.device:
            self.editor.connect(origin, target)

    # --- keyboard -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        arrows = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in arrows and self.diagram_scene.selected_device_ids():
            step = self.diagram_scene.grid or 1.0
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                step *= NUDGE_BIG
            dx, dy = arrows[key]
            self.editor.nudge(dx * step, dy * step)
            event.accept()
            return
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_pan = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            if self._wire_from is not None:
                self._wire_from = None
                self.diagram_scene.removeItem(self._wire_line)
                self.diagram_scene.clear_port_highlights()
            elif self.placing is not None:
                self.arm(None)
            else:
                self.diagram_scene.clearSelection()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_pan = False
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # --- drag and drop ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME) or _project_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(PALETTE_MIME) or _project_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _project_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
            return
        mime = event.mimeData()
        if mime.hasFormat(PALETTE_MIME):
            entry = entry_by_key(bytes(mime.data(PALETTE_MIME).data()).decode("utf-8"))
            if entry is not None:
                self._place(entry, self.mapToScene(event.position().toPoint()))
                event.acceptProposedAction()
                return
        event.ignore()


def _project_files(event) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [
        Path(u.toLocalFile())
        for u in urls
        if u.isLocalFile() and u.toLocalFile().endswith(".evsld")
    ]
