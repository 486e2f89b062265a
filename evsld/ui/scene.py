"""The canvas scene: mirrors a project through its change events, item for item.

The scene never changes the model. It builds one DeviceItem per device and one WireItem per
connection, and keeps them in step with DeviceAdded/Changed/Removed and ConnectionAdded/
Removed. While the user drags devices the items move ahead of the model (a preview); the
editor turns the drag into one Move command on release and the model events settle it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import shiboken6
from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from evsld.geometry.drawing import (
    BoardOutline,
    DrawingModel,
    ObstacleIndex,
    PlacedDevice,
    RoutedWire,
    affected_by,
    board_outline,
    connection_domain,
    place_device,
    route_connection,
)
from evsld.geometry.primitives import Point
from evsld.model.device import Connection, PortRef
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
from evsld.ui.items import DeviceItem, OutlineItem, WireItem
from evsld.ui.overview import OVERVIEW_MIN_ITEMS, Overview
from evsld.ui.painter import SymbolPictures
from evsld.ui.style import GRID_DOT, GRID_MAJOR, PAPER

SCENE_MARGIN = 2000.0
MIN_GRID_PIXELS = 12.0  # grid dots closer than this on screen are not drawn


def _whole_drawing(
    project: Project,
) -> tuple[Mapping[str, PlacedDevice], Mapping[str, RoutedWire], tuple[BoardOutline, ...]]:
    """Placed devices, routed wires and board outlines of the whole project."""
    drawing = DrawingModel.of(project)
    return drawing.devices, drawing.wires, drawing.outlines


class DiagramScene(QGraphicsScene):
    def __init__(self, project: Project, grid: float = 10.0, snap: bool = True) -> None:
        super().__init__()
        self.project = project
        self.grid = grid
        self.snap_enabled = snap
        self.show_grid = True
        self.pictures = SymbolPictures()
        self.devices: dict[str, DeviceItem] = {}
        self.wires: dict[str, WireItem] = {}
        self.outlines: dict[str, OutlineItem] = {}
        self._placed: dict[str, PlacedDevice] = {}
        self._wires_at: dict[str, set[str]] = {}
        self._outlines_due = False
        self.overview = Overview()
        self._overview_due = False
        self._wires_due: set[str] = set()
        self._routing_due = False
        self.setBackgroundBrush(PAPER)
        self._build()
        project.subscribe(self._on_event)

    def detach(self) -> None:
        self.project.unsubscribe(self._on_event)

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        """The whole drawing at once: evsld.geometry places, routes and outlines it."""
        devices, wires, outlines = _whole_drawing(self.project)
        self._obstacles = ObstacleIndex(devices.values())
        for placed in devices.values():
            self._add_device(placed)
        for conn in self.project.diagram.connections():
            routed = wires[conn.id]
            self._add_wire(conn, routed.points, routed.dashed)
        for outline in outlines:
            self._set_outline(outline)
        self.fit_scene_rect()

    def _add_device(self, placed: PlacedDevice) -> DeviceItem:
        item = DeviceItem(placed.device_id, self.pictures.look(placed))
        item.setPos(*placed.origin)
        self._placed[placed.device_id] = placed
        self.devices[placed.device_id] = item
        self._wires_at.setdefault(placed.device_id, set())
        self.addItem(item)
        return item

    def _add_wire(self, conn: Connection, points: Sequence[Point], dashed: bool) -> None:
        wire = WireItem(conn.id, control=dashed)
        self.wires[conn.id] = wire
        self._wires_at[conn.a.device].add(conn.id)
        self._wires_at[conn.b.device].add(conn.id)
        wire.set_points([QPointF(x, y) for x, y in points])
        self.addItem(wire)

    def _set_outline(self, outline: BoardOutline) -> None:
        item = self.outlines.get(outline.board_id)
        if item is None:
            item = self.outlines[outline.board_id] = OutlineItem()
            self.addItem(item)
        item.set_outline(outline)

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
            placed = place_device(self.project, event.device.id)
            self._obstacles.update(placed)
            self._grow_to(self._add_device(placed))
        elif isinstance(event, DeviceRemoved):
            device_id = event.device.id
            self.removeItem(self.devices.pop(device_id))
            self._placed.pop(device_id)
            self._wires_at.pop(device_id, None)
            self._obstacles.remove(device_id)
            outline = self.outlines.pop(device_id, None)
            if outline is not None:
                self.removeItem(outline)
        elif isinstance(event, DeviceChanged):
            self._redraw_around([event.new.id])
        elif isinstance(event, ConnectionAdded):
            conn = event.connection
            self._add_wire(conn, (), dashed=connection_domain(self.project, conn) is Domain.CONTROL)
            self._redraw_around([conn.a.device, conn.b.device])
        elif isinstance(event, ConnectionRemoved):
            conn = event.connection
            self.removeItem(self.wires.pop(conn.id))
            for end in conn.ends():
                self._wires_at.get(end.device, set()).discard(conn.id)
            self._redraw_around([e.device for e in conn.ends() if e.device in self.devices])
        else:
            return
        self._schedule_outlines()
        self._overview_changed()

    def _redraw_around(self, device_ids: Iterable[str]) -> None:
        """Re-place what a change affects (the devices, busbars stretched to them) and
        re-route every wire at those, around the up-to-date obstacles."""
        devices: set[str] = set()
        wires: set[str] = set()
        for device_id in device_ids:
            more_devices, more_wires = affected_by(self.project, device_id)
            devices |= more_devices
            wires |= more_wires
        for device_id in devices:
            placed = place_device(self.project, device_id)
            self._placed[device_id] = placed
            self._obstacles.update(placed)
            item = self.devices[device_id]
            item.sync(self.pictures.look(placed), *placed.origin)
            self._grow_to(item)
        self._wires_due |= wires
        if not self._routing_due:
            self._routing_due = True
            QTimer.singleShot(0, self.flush)

    def flush(self) -> None:
        """Route the wires that the changes so far moved, each once however many events
        touched it (a 100-device move or paste is one pass, not a hundred). The document
        calls this when an edit, undo or redo is complete; a zero timer catches the rest."""
        self._routing_due = False
        if not shiboken6.isValid(self):
            return
        due, self._wires_due = self._wires_due, set()
        for conn_id in due:
            wire = self.wires.get(conn_id)
            if wire is not None:
                points = route_connection(self.project, conn_id, self._obstacles)
                wire.set_points([QPointF(x, y) for x, y in points])

    def _schedule_outlines(self) -> None:
        """Board outlines follow their members; redrawn once after a burst of events."""
        if not self._outlines_due:
            self._outlines_due = True
            QTimer.singleShot(0, self._redraw_outlines)

    def _redraw_outlines(self) -> None:
        self._outlines_due = False
        if not shiboken6.isValid(self):
            return
        boards = set(self.project.diagram.ids_of_kind("switchboard"))
        for board_id in list(self.outlines):
            if board_id not in boards:
                self.removeItem(self.outlines.pop(board_id))
        for board_id in boards:
            self._set_outline(board_outline(self.project, board_id, self._placed))

    # --- dragging (preview ahead of the model) ------------------------------------------------

    def snap(self, point: QPointF) -> QPointF:
        if not self.snap_enabled or self.grid <= 0:
            return point
        g = self.grid
        return QPointF(round(point.x() / g) * g, round(point.y() / g) * g)

    def device_dragged(self, item: DeviceItem) -> None:
        """While dragging: straight wires from the live port positions (the routed ones
        come back when the model takes the move)."""
        diagram = self.project.diagram
        for conn_id in self._wires_at.get(item.device_id, ()):
            conn = diagram.connection(conn_id)
            a_item, b_item = self.devices[conn.a.device], self.devices[conn.b.device]
            b_pos = b_item.pos()
            a_point = a_item.port_point(conn.a.port, (b_pos.x(), b_pos.y()))
            b_point = b_item.port_point(conn.b.port, (a_point.x(), a_point.y()))
            self.wires[conn_id].set_points([a_point, b_point])

    def dragged_positions(self) -> dict[str, tuple[float, float]]:
        """Devices whose item no longer sits where the model places them (a drag moves
        the selection only, so only the selection is compared)."""
        moved = {}
        for item in self.selectedItems():
            if not isinstance(item, DeviceItem):
                continue
            placement = self.project.diagram.device(item.device_id).placement
            pos = item.pos()
            if (pos.x(), pos.y()) != (placement.x, placement.y):
                moved[item.device_id] = (pos.x(), pos.y())
        return moved

    def settle(self, device_ids: Iterable[str]) -> None:
        """Put items back where the model says (a drag the model refused)."""
        self._redraw_around(device_ids)

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
        changed = False
        for device_id, item in self.devices.items():
            severity = worst.get(device_id)
            if item.severity != severity:
                item.severity = severity
                item.update()
                changed = True
        if changed:
            self._overview_changed()

    # --- far zoom -----------------------------------------------------------------------------

    def set_overview(self, on: bool) -> None:
        """Show a large drawing as one picture (on) or item by item (off)."""
        on = on and len(self.devices) + len(self.wires) >= OVERVIEW_MIN_ITEMS
        if on == self.overview.active:
            return
        self.overview.active = on
        if on:
            self.overview.render(self, self._drawn_items())
        else:
            for item in self._drawn_items():
                item.setVisible(True)
        self._reset_views()

    def _drawn_items(self) -> list[QGraphicsItem]:
        return [*self.devices.values(), *self.wires.values(), *self.outlines.values()]

    def _overview_changed(self) -> None:
        """The picture is out of date: re-render it once the current burst of changes is
        over (only while it is shown)."""
        self.overview.stale()
        if self.overview.active and not self._overview_due:
            self._overview_due = True
            QTimer.singleShot(0, self._rerender_overview)

    def _rerender_overview(self) -> None:
        self._overview_due = False
        if shiboken6.isValid(self) and self.overview.active:
            self.overview.render(self, self._drawn_items())
            self._reset_views()

    def _reset_views(self) -> None:
        for view in self.views():
            view.resetCachedContent()
            view.viewport().update()

    def clear_port_highlights(self) -> None:
        for item in self.devices.values():
            if item.highlighted_ports:
                item.highlighted_ports = {}
                item.update()

    # --- background grid ----------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, PAPER)
        if self.overview.active:
            self.overview.draw(painter)
            return
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
