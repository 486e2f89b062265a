"""Drawing with the mouse and keyboard: place, wire, move, undo and redo, copy and paste."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import click_palette, click_scene, drag_scene, key, saved_json


def place(window, palette_key: str, at: QPointF) -> str:
    before = set(window.scene.devices)
    click_palette(window, palette_key)
    assert window.view.placing is not None and window.view.placing.key == palette_key
    assert window.statusBar().currentMessage().startswith("Click in the drawing to place")
    click_scene(window, at)
    (new,) = set(window.scene.devices) - before
    return new


def port_point(window, device_id: str, port: str, toward=(0.0, 0.0)) -> QPointF:
    return window.scene.devices[device_id].port_point(port, toward)


def test_place_wire_move_then_undo_to_the_start_and_redo_to_the_end(window) -> None:
    start = saved_json(window)
    supply = place(window, "supply", QPointF(0, -100))
    breaker = place(window, "breaker", QPointF(0, 100))
    diagram = window.document.project.diagram
    assert diagram.device(supply).placement.y == -100.0
    assert diagram.device(breaker).tag == "Q1"

    drag_scene(window, port_point(window, supply, "out"), port_point(window, breaker, "in"))
    (conn,) = diagram.connections()
    assert (str(conn.a), str(conn.b)) == (f"{supply}.out", f"{breaker}.in")
    assert conn.id in window.scene.wires

    # move the breaker by its body; the drop snaps to the 10-unit grid
    body = window.scene.devices[breaker].pos() + QPointF(0, 5)
    drag_scene(window, body, body + QPointF(123, 47))
    moved = diagram.device(breaker).placement
    assert (moved.x, moved.y) == (120.0, 150.0)
    wire = window.scene.wires[conn.id].points()
    assert wire[-1] == port_point(window, breaker, "in")  # the wire kept attached

    end = saved_json(window)
    stack = window.document.undo_stack
    assert stack.count() == 4  # place, place, connect, move: a drag is one step
    for _ in range(4):
        key(window, "Ctrl+Z")
    assert saved_json(window) == start
    assert not window.scene.devices and not window.scene.wires
    for _ in range(4):
        key(window, "Ctrl+Shift+Z")
    assert saved_json(window) == end
    assert window.scene.devices[breaker].pos() == QPointF(120, 150)


def test_only_compatible_ports_accept_a_wire(window) -> None:
    evse = place(window, "evse", QPointF(-100, 0))
    other = place(window, "evse", QPointF(100, 0))
    # a charger's power input cannot take another charger's control port
    drag_scene(window, port_point(window, evse, "in"), port_point(window, other, "ctrl"))
    assert window.document.project.diagram.connection_count() == 0
    assert "Refused" in window.statusBar().currentMessage()
    assert all(not item.highlighted_ports for item in window.scene.devices.values())


def test_ports_light_up_while_wiring(window) -> None:
    supply = place(window, "supply", QPointF(0, -100))
    evse = place(window, "evse", QPointF(0, 100))
    viewport = window.view.viewport()
    start = window.view.mapFromScene(port_point(window, supply, "out"))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + start / 10)
    # the power input accepts the supply's output; the control port does not
    assert window.scene.devices[evse].highlighted_ports == {"in": True, "ctrl": False}
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    assert not window.scene.devices[evse].highlighted_ports


def test_copy_paste_gives_new_devices_with_new_ids_and_tags(window) -> None:
    board = place(window, "switchboard", QPointF(0, 0))
    breaker = place(window, "breaker", QPointF(0, 100))
    window.editor.connect(
        *(
            window.scene.port_under(port_point(window, d, p), 3)
            for d, p in ((board, "out"), (breaker, "in"))
        )
    )
    window.scene.select_devices([board, breaker])
    key(window, "Ctrl+C")
    key(window, "Ctrl+V")
    diagram = window.document.project.diagram
    pasted = window.scene.selected_device_ids()
    assert len(pasted) == 2 and not set(pasted) & {board, breaker}
    assert sorted(diagram.device(d).tag for d in pasted) == ["+B2", "Q2"]
    assert diagram.connection_count() == 2  # the wire between them came along
    copy = next(d for d in pasted if diagram.device(d).kind == "breaker")
    assert diagram.device(copy).placement.x == diagram.device(breaker).placement.x + 40
    key(window, "Ctrl+Z")
    assert len(diagram) == 2  # one undo step removes the whole paste


def test_duplicate_delete_rotate_and_nudge(window) -> None:
    breaker = place(window, "breaker", QPointF(0, 0))
    diagram = window.document.project.diagram
    key(window, "R")
    assert diagram.device(breaker).placement.rotation == 90
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    QTest.keyClick(window.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    p = diagram.device(breaker).placement
    assert (p.x, p.y) == (10.0, 50.0)
    key(window, "Ctrl+D")
    (copy,) = window.scene.selected_device_ids()
    assert copy != breaker and diagram.device(copy).tag == "Q2"
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert copy not in diagram and breaker in diagram


def test_rubber_band_selects_and_align_lines_devices_up(window) -> None:
    ids = [place(window, "breaker", QPointF(x, y)) for x, y in ((0, 0), (100, 30), (200, -20))]
    drag_scene(window, QPointF(-80, -120), QPointF(260, 120))
    assert sorted(window.scene.selected_device_ids()) == sorted(ids)
    window.actions["align_top"].trigger()
    diagram = window.document.project.diagram
    assert {diagram.device(d).placement.y for d in ids} == {-20.0}
    assert window.document.undo_stack.undoText() == "Align top"


def test_find_selects_and_centres_the_device(window) -> None:
    far = window.editor.place("evse", QPointF(3000, 2000))
    window.scene.clearSelection()
    key(window, "Ctrl+F")
    assert window.find_box.hasFocus()
    QTest.keyClicks(window.find_box, "ev01")
    QTest.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.scene.selected_device_ids() == [far]
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(3000, 2000))


def test_zoom_with_wheel_keys_and_fit(window) -> None:
    window.editor.place("evse", QPointF(4000, 0))
    before = window.view.zoom()
    key(window, "Ctrl++")
    assert window.view.zoom() > before
    key(window, "Ctrl+-")
    assert abs(window.view.zoom() - before) < 1e-9
    key(window, "Ctrl+0")
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(QPointF(4000, 0))
    assert window.zoom_label.text().endswith("%")


def test_dropping_a_palette_entry_places_it_where_it_falls(window) -> None:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDropEvent

    from evsld.ui.palette_entries import PALETTE_MIME

    mime = QMimeData()
    mime.setData(PALETTE_MIME, b"evse:dc")
    at = window.view.mapFromScene(QPointF(203, 98))
    drop = QDropEvent(
        at.toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.view.dropEvent(drop)
    (charger,) = window.document.project.diagram.devices()
    assert charger.attrs["current_type"] == "DC"  # the preset's attributes came along
    assert (charger.placement.x, charger.placement.y) == (200.0, 100.0)


def test_middle_button_and_space_drag_pan_the_view(window) -> None:
    viewport = window.view.viewport()
    centre = viewport.rect().center()
    before = window.view.mapToScene(centre)
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseMove(viewport, centre + QPoint(-100, -50))
    QTest.mouseRelease(
        viewport,
        Qt.MouseButton.MiddleButton,
        Qt.KeyboardModifier.NoModifier,
        centre + QPoint(-100, -50),
    )
    after = window.view.mapToScene(centre)
    assert (after.x() - before.x(), after.y() - before.y()) == (100.0, 50.0)
    window.view.setFocus()
    QTest.keyPress(window.view, Qt.Key.Key_Space)
    drag_scene(window, QPointF(0, 0), QPointF(-30, 0))
    QTest.keyRelease(window.view, Qt.Key.Key_Space)
    assert window.view.mapToScene(centre).x() > after.x()
    assert window.document.undo_stack.count() == 0  # panning is not an edit


def test_cut_removes_and_paste_brings_back_new_devices(window) -> None:
    breaker = place(window, "breaker", QPointF(0, 0))
    key(window, "Ctrl+X")
    assert breaker not in window.document.project.diagram
    key(window, "Ctrl+V")
    (pasted,) = window.document.project.diagram.devices()
    assert pasted.id != breaker and pasted.tag == "Q1"


def test_double_click_shows_the_properties_and_the_context_menu_has_the_edits(window) -> None:
    breaker = place(window, "breaker", QPointF(0, 0))
    window.undo_dock.raise_()
    at = window.view.mapFromScene(window.scene.devices[breaker].pos() + QPointF(0, 5))
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.inspector.tag_edit.hasFocus() and window.inspector.device_id == breaker
    texts = [a.text() for a in window.view.actions() if not a.isSeparator()]
    assert texts[:4] == ["Cu&t", "&Copy", "&Paste", "D&uplicate"]


def test_a_clicked_wire_is_selected_and_deleted_alone(window) -> None:
    supply = place(window, "supply", QPointF(0, -100))
    breaker = place(window, "breaker", QPointF(0, 100))
    drag_scene(window, port_point(window, supply, "out"), port_point(window, breaker, "in"))
    (conn_id,) = window.scene.wires
    points = window.scene.wires[conn_id].points()
    middle = (points[0] + points[1]) / 2
    click_scene(window, middle)
    assert window.scene.selected_connection_ids() == [conn_id]
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    diagram = window.document.project.diagram
    assert diagram.connection_count() == 0 and len(diagram) == 2


def test_the_palette_search_filters_by_name_kind_or_tag_letter(window) -> None:
    palette = window.palette
    QTest.keyClicks(palette.search, "charg")
    visible = [k for k, item in palette._items.items() if not item.isHidden()]
    assert sorted(visible) == ["evse", "evse:dc"]
    palette.search.clear()
    QTest.keyClicks(palette.search, "rcd")
    assert not palette.item_for("rcd").isHidden() and palette.item_for("breaker").isHidden()


COPY_THEN_EXIT = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from evsld.ui.document import Document
from evsld.ui.main_window import MainWindow

app = QApplication([])
window = MainWindow(autosave_dir=Path(sys.argv[2]))
window.set_document(Document.open(Path(sys.argv[1])))
window.scene.select_devices(list(window.scene.devices)[:3])
print(window.editor.copy())
"""


def test_the_process_exits_cleanly_after_a_copy(tmp_path) -> None:
    """Regression: Qt's offscreen clipboard outlived Python and deleted the copied data after
    the interpreter had gone, so every session that had copied ended in a segfault (139)."""
    import os
    import subprocess
    import sys

    from evsld.paths import resources_dir

    example = resources_dir() / "examples" / "small-car-park.evsld"
    run = subprocess.run(
        [sys.executable, "-c", COPY_THEN_EXIT, str(example), str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert (run.returncode, run.stdout.strip()) == (0, "True"), run.stderr
