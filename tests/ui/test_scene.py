"""The scene mirrors the model through its events, and paints at every level of detail."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from benchmarks.synthetic import installation
from evsld.model import Placement
from evsld.model.operations import MoveDevice, RemoveDevice, SetAttribute
from evsld.ui.document import Document
from evsld.ui.scene import DiagramScene
from tests.builders import car_park


def test_items_follow_model_changes_made_outside_the_editor(qapp) -> None:
    project, feeders = car_park(2)
    scene = DiagramScene(project)
    assert set(scene.devices) == {d.id for d in project.diagram.devices()}
    assert set(scene.wires) == {c.id for c in project.diagram.connections()}
    evse = feeders[0].evse
    undo_move = project.apply(MoveDevice(evse.id, Placement(300.0, 400.0)))
    qapp.processEvents()  # wires are routed once the burst of events is over
    assert (scene.devices[evse.id].pos().x(), scene.devices[evse.id].pos().y()) == (300.0, 400.0)
    (wire,) = [scene.wires[c.id] for c in project.diagram.connections_of(evse.id)]
    assert wire.points()[-1] == scene.devices[evse.id].port_point("in", (0, 0))
    project.apply(SetAttribute(evse.id, "current_type", "DC"))  # another symbol variant
    undo_remove = project.apply(RemoveDevice(evse.id))
    assert evse.id not in scene.devices and wire.scene() is None
    project.apply(undo_remove)
    project.apply(undo_move)
    assert scene.devices[evse.id].pos().x() == evse.placement.x
    scene.detach()


def test_symbols_are_recorded_once_and_a_large_drawing_paints_at_every_zoom(qapp) -> None:
    project = installation(100)
    scene = DiagramScene(project)
    # a few hundred devices share a handful of symbol pictures
    assert len(scene.devices) > 400 and len(scene.pictures) < 20
    image = QImage(800, 600, QImage.Format.Format_ARGB32_Premultiplied)
    whole = scene.itemsBoundingRect()
    for target in (whole, QRectF(whole.topLeft(), whole.size() / 40)):
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, 800, 600), target)
        painter.end()
        ink = sum(
            1 for x in range(0, 800, 4) for y in range(0, 600, 4) if image.pixel(x, y) != 0xFFFFFFFF
        )
        assert ink > 50  # something was drawn, zoomed out (boxes) and in (symbols)
    scene.detach()


def test_wires_are_routed_orthogonally_and_boards_get_outlines(qapp) -> None:
    project, feeders = car_park(2)
    scene = DiagramScene(project)
    project.apply(MoveDevice(feeders[1].evse.id, Placement(170.0, 530.0)))
    for wire in scene.wires.values():
        points = wire.points()
        assert len(points) >= 2
        for a, b in pairwise(points):
            assert a.x() == b.x() or a.y() == b.y()  # no diagonal anywhere
    board = next(project.diagram.devices_of_kind("switchboard"))
    assert set(scene.outlines) == {board.id}
    scene.detach()


def test_a_large_drawing_zoomed_far_out_is_one_picture(window, qtbot) -> None:
    from evsld.ui.document import Document
    from evsld.ui.overview import OVERVIEW_ZOOM

    project = installation(300)  # about 1,300 devices and 1,600 wires
    window.set_document(Document(project))
    scene, view = window.scene, window.view
    view.fit_all()
    assert view.zoom() < OVERVIEW_ZOOM and scene.overview.active
    assert scene.overview.image is not None
    assert not any(item.isVisible() for item in scene.devices.values())
    # an edit while zoomed out re-renders the picture after the burst of events
    evse = next(project.diagram.devices_of_kind("evse"))
    window.document.execute(MoveDevice(evse.id, Placement(evse.placement.x, -500.0)))
    assert scene.overview.image is None
    qtbot.waitUntil(lambda: scene.overview.image is not None)
    assert not scene.devices[evse.id].isVisible()
    view.set_zoom(0.5)
    assert not scene.overview.active
    assert all(item.isVisible() for item in scene.devices.values())


def test_a_marked_device_does_not_tint_the_symbols_painted_after_it(window) -> None:
    """The view paints items without saving the painter's state in between: a finding's
    badge on one charger must leave every other symbol as it was (it used to fill the boxes
    of every charger and tap-off painted after it with the warning colour)."""
    window.set_document(Document(installation(10)))
    window.checker.set_enabled(False)
    scene, view = window.scene, window.view
    view.set_zoom(1.0)
    first = next(iter(window.document.project.diagram.devices_of_kind("evse"))).id
    view.centerOn(scene.devices[first].sceneBoundingRect().center())
    scene.set_markers({})
    clean = view.viewport().grab().toImage()
    scene.set_markers({first: "warning"})
    marked = view.viewport().grab().toImage()
    own = view.mapFromScene(scene.devices[first].sceneBoundingRect()).boundingRect()
    own.adjust(-12, -12, 12, 12)  # the badge sits on the box's corner
    changed = [
        (x, y)
        for x in range(0, clean.width(), 2)
        for y in range(0, clean.height(), 2)
        if clean.pixel(x, y) != marked.pixel(x, y) and not own.contains(x, y)
    ]
    badge = [
        (x, y)
        for x in range(own.left(), own.right())
        for y in range(own.top(), own.bottom())
        if clean.pixel(x, y) != marked.pixel(x, y)
    ]
    assert badge, "the marker was not painted"
    assert changed == []
