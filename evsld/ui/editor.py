"""Editing gestures turned into model operations, each pushed as one undo command.

The view and the menus call these; nothing here touches scene items directly except to
read what is selected and where a drag left the items.
"""

from __future__ import annotations

import atexit
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QMimeData, QPointF
from PySide6.QtGui import QGuiApplication

from evsld.geometry.layout import arrange
from evsld.model.clipboard import MIME_TYPE, PASTE_OFFSET, copy_selection, paste_operation
from evsld.model.device import Connection, Placement, PortRef
from evsld.model.diagram import EditError
from evsld.model.fileformat import ProjectFileError
from evsld.model.operations import (
    AddDevice,
    Connect,
    Disconnect,
    Group,
    MoveDevice,
    Operation,
    RemoveDevice,
)
from evsld.ui.arrange import Align, align, distribute
from evsld.ui.document import Document
from evsld.ui.scene import DiagramScene

UPSTREAM_PORTS = ("out", "ctrl", "parent")  # a wire is stored from the feeding end


def _clear_our_clipboard() -> None:
    """Give the clipboard's data back while Python still runs: a platform clipboard that
    outlives the interpreter (Qt's offscreen one is a C++ static) would otherwise delete our
    QMimeData after Python is gone and crash the exit with a segmentation fault."""
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and mime.hasFormat(MIME_TYPE):
        clipboard.clear()


atexit.register(_clear_our_clipboard)


class Editor:
    def __init__(self, document: Document, scene: DiagramScene) -> None:
        self.document = document
        self.scene = scene

    @property
    def project(self):
        return self.document.project

    def _run(self, operation: Operation | None, text: str | None = None) -> bool:
        return operation is not None and self.document.execute(operation, text)

    def arrange_diagram(self) -> bool:
        """Lay the whole diagram out as a tidy top-down tree: one undo step; False when
        everything already sits where the layout would put it."""
        moves = arrange(self.project)
        return bool(moves.operations) and self._run(moves, "Arrange diagram")

    # --- place, connect, move ---------------------------------------------------------------

    def place(self, kind: str, at: QPointF, attrs: Mapping[str, Any] | None = None) -> str | None:
        """Add a device at a scene point (snapped); return its id, or None when refused."""
        point = self.scene.snap(at)
        try:
            device = self.project.make_device(
                kind, placement=Placement(point.x(), point.y()), **dict(attrs or {})
            )
        except EditError as err:
            self.document.refused.emit(str(err))
            return None
        if not self._run(AddDevice(device), f"Place {device.tag}"):
            return None
        self.scene.select_devices([device.id])
        return device.id

    def can_connect(self, a: PortRef, b: PortRef) -> str | None:
        """Why a wire between two ports is refused, or None when the model accepts it."""
        if a.device == b.device:
            return "a device cannot be connected to itself"
        return self.project.diagram.connection_problem(Connection("probe", *_oriented(a, b)))

    def connect(self, a: PortRef, b: PortRef) -> bool:
        problem = self.can_connect(a, b)
        if problem is not None:
            self.document.refused.emit(problem)
            return False
        first, second = _oriented(a, b)
        conn = self.project.make_connection(first.device, first.port, second.device, second.port)
        tags = self._tag(first.device), self._tag(second.device)
        return self._run(Connect(conn), f"Connect {tags[0]} to {tags[1]}")

    def finish_drag(self) -> bool:
        """After a mouse drag: one Move command for every device the drag moved."""
        moved = self.scene.dragged_positions()
        if not moved:
            return False
        ops = []
        for device_id, (x, y) in sorted(moved.items()):
            rotation = self.project.diagram.device(device_id).placement.rotation
            ops.append(MoveDevice(device_id, Placement(x, y, rotation)))
        text = (
            f"Move {self._tag(ops[0].device_id)}" if len(ops) == 1 else f"Move {len(ops)} devices"
        )
        if not self._run(Group(tuple(ops), label=text)):
            self.scene.settle(moved)
            return False
        return True

    def nudge(self, dx: float, dy: float) -> bool:
        ids = self.scene.selected_device_ids()
        ops = []
        for device_id in ids:
            p = self.project.diagram.device(device_id).placement
            ops.append(MoveDevice(device_id, Placement(p.x + dx, p.y + dy, p.rotation)))
        return bool(ops) and self._run(Group(tuple(ops), label="Nudge"))

    def rotate(self, quarter_turns: int = 1) -> bool:
        ops = []
        for device_id in self.scene.selected_device_ids():
            p = self.project.diagram.device(device_id).placement
            rotation = (p.rotation + 90 * quarter_turns) % 360
            ops.append(MoveDevice(device_id, Placement(p.x, p.y, rotation)))
        return bool(ops) and self._run(Group(tuple(ops), label="Rotate"))

    def delete_selection(self) -> bool:
        wires = [Disconnect(c) for c in self.scene.selected_connection_ids()]
        devices = self.scene.selected_device_ids()
        # a wire at a deleted device goes with it; disconnect only the others
        wires = [
            w
            for w in wires
            if not {e.device for e in self.project.diagram.connection(w.connection_id).ends()}
            & set(devices)
        ]
        ops: list[Operation] = [*wires, *(RemoveDevice(d) for d in devices)]
        if not ops:
            return False
        text = f"Delete {self._tag(devices[0])}" if len(ops) == 1 and devices else "Delete"
        return self._run(Group(tuple(ops), label=text))

    # --- clipboard ----------------------------------------------------------------------------

    def copy(self) -> bool:
        ids = self.scene.selected_device_ids()
        if not ids:
            return False
        payload = copy_selection(self.project, ids)
        mime = QMimeData()
        mime.setData(MIME_TYPE, payload.encode("utf-8"))
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def cut(self) -> bool:
        return self.copy() and self.delete_selection()

    def paste(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(MIME_TYPE):
            return False
        return self._paste(bytes(mime.data(MIME_TYPE).data()))

    def duplicate(self) -> bool:
        ids = self.scene.selected_device_ids()
        return bool(ids) and self._paste(copy_selection(self.project, ids).encode("utf-8"))

    def _paste(self, payload: bytes) -> bool:
        before = set(self.scene.devices)
        try:
            op = paste_operation(self.project, payload, PASTE_OFFSET)
        except ProjectFileError as err:
            self.document.refused.emit(f"cannot paste: {err.problems[0]}")
            return False
        if not self._run(op):
            return False
        self.scene.select_devices(set(self.scene.devices) - before)
        return True

    # --- arrange ------------------------------------------------------------------------------

    def align(self, how: Align) -> bool:
        return self._run(align(self._selected_devices(), how))

    def distribute(self, horizontal: bool) -> bool:
        return self._run(distribute(self._selected_devices(), horizontal, self.scene.grid))

    def _selected_devices(self):
        return [self.project.diagram.device(d) for d in self.scene.selected_device_ids()]

    def _tag(self, device_id: str) -> str:
        return self.project.diagram.device(device_id).tag


def _oriented(a: PortRef, b: PortRef) -> tuple[PortRef, PortRef]:
    """Store a wire from the feeding (or controlling) end, whichever end the drag began at."""
    if a.port not in UPSTREAM_PORTS and b.port in UPSTREAM_PORTS:
        return b, a
    return a, b
