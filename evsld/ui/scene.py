"""The canvas scene: mirrors a project through its change events, item for item.

The scene never changes the model. It builds one DeviceItem per device and one WireItem per
connection, and keeps them in step with DeviceAdded/Changed/Removed and ConnectionAdded/
Removed. While the user drags devices the items move ahead of the model (a preview); the
editor turns the drag into one Move command on release and the model events settle it.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from evsld.model.device import Connection, Device, PortRef
from evsld.model.events import (
    ConnectionAdded,
    ConnectionRemoved,
    DeviceAdded,
    DeviceChanged,
    DeviceRemoved,
    Event,
)
from evsld.model.ports import Domain
from evsld.model.project import Project
from evsld.ui.items import DeviceItem, WireItem
from evsld.ui.painter import SymbolPictures
from evsld.ui.style import GRID_DOT, GRID_MAJOR, PAPER

SCENE_MARGIN = 2000.0
MIN_GRID_PIXELS = 12.0  # grid dots closer than this on screen are not drawn


class DiagramScene(QGraphicsScene):
    devices_changed = Signal()  # an item was added, removed or moved by the model

    def __init__(self, project: Project, grid: float = 10.0, snap: bool = True) -> None:
        super().__init__()
        self.project = project
        self.grid = grid
        self.snap_enabled = snap
        self.show_grid = True
        self.pictures = SymbolPictures()
        self.devices: dict[str, DeviceItem] = {}
        self.wires: dict[str, WireItem] = {}
        self._wires_at: dict[str, set[str]] = {}
        self.setBackgroundBrush(PAPER)
        self._build()
        project.subscribe(self._on_event)

    def detach(self) -> None:
        self.project.unsubscribe(self._on_event)

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        for device in self.project.diagram.devices():
            self._add_device(device)
        for conn in self.project.diagram.connections():
            self._add_wire(conn)
        self.fit_scene_rect()

    def _add_device(self, device: Device) -> DeviceItem:
        item = DeviceItem(device, self.pictures.look(device))
        self.devices[device.id] = item
        self._wires_at.setdefault(device.id, set())
        self.addItem(item)
        return item

    def _add_wire(self, conn: Connection) -> None:
        port = self.project.diagram.device(conn.a.device).spec.port(conn.a.port)
        wire = WireItem(conn.id, control=port is not None and port.domain is Domain.CONTROL)
        self.wires[conn.id] = wire
        self._wires_at[conn.a.device].add(conn.id)
        self._wires_at[conn.b.device].add(conn.id)
        self._route(conn)
        self.addItem(wire)

    def _route(self, conn: Connection) -> None:
        """The wire's polyline: from one port to the other, each end attached where the
        other end lies (a busbar takes the wire straight above or below it)."""
        a_item, b_item = self.devices[conn.a.device], self.devices[conn.b.device]
        b_pos = b_item.pos()
        a_point = a_item.port_point(conn.a.port, (b_pos.x(), b_pos.y()))
        b_point = b_item.port_point(conn.b.port, (a_point.x(), a_point.y()))
        self.wires[conn.id].set_points([a_point, b_point])

    def fit_scene_rect(self) -> None:
        """Room around the drawing to scroll and to place new devices."""
        rect = self.itemsBoundingRect()
        if rect.isNull():
            rect = QRectF(-500, -400, 1000, 800)
        self.setSceneRect(rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))

    def _grow_to(self, item: QGraphicsItem) -> None:
        rect = item.sceneBoundingRect().adjusted(-SCENE_MARGIN, -SCENE_MARGIN, 0, 0)
        rect.adjust(0, 0, 2 * SCENE_MARGIN, 2 * SCENE_MARGIN)
        if not self.sceneRect().contains(rect):
            self.setSceneRect(self.sceneRect().united(rect))

    # --- model events -------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if isinstance(event, DeviceAdded):
            self._grow_to(self._add_device(event.device))
        elif isinstance(event, DeviceRemoved):
            item = self.devices.pop(event.device.id)
            self._wires_at.pop(event.device.id, None)
            self.removeItem(item)
        elif isinstance(event, DeviceChanged):
            self._device_changed(event.new)
        elif isinstance(event, ConnectionAdded):
            self._add_wire(event.connection)
        elif isinstance(event, ConnectionRemoved):
            conn = event.connection
            self.removeItem(self.wires.pop(conn.id))
            for end in conn.ends():
                self._wires_at.get(end.device, set()).discard(conn.id)
        else:
            return
        self.devices_changed.emit()

    def _device_changed(self, device: Device) -> None:
        item = self.devices[device.id]
        item.sync(device, self.pictures.look(device))
        self._grow_to(item)
        self._reroute(device.id)

    def _reroute(self, device_id: str) -> None:
        diagram = self.project.diagram
        for conn_id in self._wires_at.get(device_id, ()):
            self._route(diagram.connection(conn_id))

    # --- dragging (preview ahead of the model) ------------------------------------------------

    def snap(self, point: QPointF) -> QPointF:
        if not self.snap_enabled or self.grid <= 0:
            return point
        g = self.grid
        return QPointF(round(point.x() / g) * g, round(point.y() / g) * g)

    def device_dragged(self, item: DeviceItem) -> None:
        self._reroute(item.device_id)

    def dragged_positions(self) -> dict[str, tuple[float, float]]:
        """Devices whose item no longer sits where the model places them."""
        moved = {}
        for device_id, item in self.devices.items():
            placement = self.project.diagram.device(device_id).placement
            pos = item.pos()
            if (pos.x(), pos.y()) != (placement.x, placement.y):
                moved[device_id] = (pos.x(), pos.y())
        return moved

    def settle(self, device_ids: Iterable[str]) -> None:
        """Put items back where the model says (a drag the model refused)."""
        for device_id in device_ids:
            self._device_changed(self.project.diagram.device(device_id))

    # --- queries ------------------------------------------------------------------------------

    def selected_device_ids(self) -> list[str]:
        return [i.device_id for i in self.selectedItems() if isinstance(i, DeviceItem)]

    def selected_connection_ids(self) -> list[str]:
        return [i.connection_id for i in self.selectedItems() if isinstance(i, WireItem)]

    def port_under(self, point: QPointF, radius: float) -> PortRef | None:
        for item in self.items(
            QRectF(point.x() - radius, point.y() - radius, 2 * radius, 2 * radius)
        ):
            if isinstance(item, DeviceItem):
                port = item.port_at(point, radius)
                if port is not None:
                    return PortRef(item.device_id, port)
        return None

    def select_devices(self, device_ids: Iterable[str]) -> None:
        wanted = set(device_ids)
        self.clearSelection()
        for device_id in wanted:
            item = self.devices.get(device_id)
            if item is not None:
                item.setSelected(True)

    def set_markers(self, worst: dict[str, str]) -> None:
        """Mark each device with the severity of its worst finding (others unmarked)."""
        for device_id, item in self.devices.items():
            severity = worst.get(device_id)
            if item.severity != severity:
                item.severity = severity
                item.update()

    def clear_port_highlights(self) -> None:
        for item in self.devices.values():
            if item.highlighted_ports:
                item.highlighted_ports = {}
                item.update()

    # --- background grid ----------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, PAPER)
        if not self.show_grid or self.grid <= 0:
            return
        scale = painter.worldTransform().m11()
        step = self.grid
        while step * scale < MIN_GRID_PIXELS:
            step *= 5
        major = step * 5
        self._dots(painter, rect, step, GRID_DOT)
        if major * scale >= MIN_GRID_PIXELS * 4:
            self._dots(painter, rect, major, GRID_MAJOR)

    @staticmethod
    def _dots(painter: QPainter, rect: QRectF, step: float, colour) -> None:
        pen = QPen(colour, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        columns = int(rect.width() // step) + 2
        rows = int(rect.height() // step) + 2
        left = (rect.left() // step) * step
        top = (rect.top() // step) * step
        xs = [left + i * step for i in range(columns)]
        painter.drawPoints([QPointF(x, top + j * step) for j in range(rows) for x in xs])
