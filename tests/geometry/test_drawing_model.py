"""The whole drawing of the example project and of a generated car park."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import installation
from evsld.geometry.drawing import (
    DrawingModel,
    boxes_overlap,
    devices_overlap,
    overlapping,
    place_device,
)
from evsld.geometry.primitives import Box, bounds
from evsld.model import Placement, Project
from evsld.model.fileformat import load_project
from evsld.model.ports import Domain
from tests.geometry.routecheck import assert_orthogonal, crossings

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "small-car-park.evsld"


@pytest.fixture(scope="module")
def example() -> tuple[Project, DrawingModel]:
    project = load_project(EXAMPLE)
    return project, DrawingModel.of(project)


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer.x0 <= inner.x0
        and outer.y0 <= inner.y0
        and inner.x1 <= outer.x1
        and inner.y1 <= outer.y1
    )


def test_every_device_and_wire_of_the_example_is_drawn(example) -> None:
    project, model = example
    assert set(model.devices) == {d.id for d in project.diagram.devices()}
    assert set(model.wires) == {c.id for c in project.diagram.connections()}
    assert all(w.domain is Domain.POWER and not w.dashed for w in model.wires.values())


def test_no_symbol_or_label_of_the_example_overlaps_another(example) -> None:
    _, model = example
    assert overlapping(model.devices.values()) == []


def test_example_wires_run_port_to_port_around_everything(example) -> None:
    project, model = example
    for conn in project.diagram.connections():
        points = model.wires[conn.id].points
        assert_orthogonal(points)
        ends = (conn.a.device, conn.b.device)
        assert crossings(points, ends, model.devices) == [], conn.id
        for end, point in ((conn.a, points[0]), (conn.b, points[-1])):
            port = model.devices[end.device].ports[end.port]
            if port.point is not None:
                assert point == port.point
            else:  # on the busbar, straight above the device below
                (x0, y0), (x1, _) = port.segment
                assert point[1] == y0 and x0 <= point[0] <= x1
                assert point[0] == points[1][0]


def test_example_board_outline_holds_its_busbar_and_switchgear_only(example) -> None:
    project, model = example
    (outline,) = model.outlines
    tags = {project.diagram.device(m).tag for m in outline.members}
    assert tags == {"+B1", "F1", "Q2", "Q3", "Q4", "Q5", "Q6", "F2", "F3", "F4", "F5"}
    assert outline.tag.text == "+B1" and outline.stroke.dash  # dash-dot
    assert _contains(outline.box, bounds([outline.tag]))
    for device_id, placed in model.devices.items():
        inside = device_id in outline.members
        for box in (placed.box, placed.label_box):
            assert _contains(outline.box, box) if inside else not outline.box.intersects(box)
    # the tag sits in the corner, clear of every symbol and label
    tag_box = bounds([outline.tag])
    assert not any(
        tag_box.intersects(b) for p in model.devices.values() for b in (p.box, p.label_box)
    )


def test_drawing_bounds_cover_everything(example) -> None:
    _, model = example
    for placed in model.devices.values():
        assert _contains(model.bounds, placed.box) and _contains(model.bounds, placed.label_box)
        assert _contains(model.bounds, bounds(placed.primitives))
    for outline in model.outlines:
        assert _contains(model.bounds, outline.box)


def test_generated_car_park_draws_dashed_control_links_and_straight_feeders() -> None:
    project = installation(40)
    model = DrawingModel.of(project)
    control = [w for w in model.wires.values() if w.domain is Domain.CONTROL]
    assert len(control) == 40 and all(w.dashed for w in control)
    for wire in model.wires.values():
        assert_orthogonal(wire.points)
    # a final circuit: breaker -> RCD -> cable -> charger, stacked, so every run is straight
    straight = [w for w in model.wires.values() if w.domain is Domain.POWER]
    assert sum(len(w.points) == 2 for w in straight) == len(straight)
    assert len(model.outlines) == 3  # the main board and two secondary boards


def test_overlap_helpers_ignore_touching_edges() -> None:
    a, b = Box(0, 0, 10, 10), Box(10, 0, 20, 10)
    assert not boxes_overlap(a, b)
    assert boxes_overlap(a, Box(9, 9, 30, 30))
    project = Project()
    left = project.add("breaker", placement=Placement(0, 0))
    near = project.add("breaker", placement=Placement(60, 0))  # inside left's label
    far = project.add("breaker", placement=Placement(300, 0))
    placed = {d.id: place_device(project, d.id) for d in (left, near, far)}
    assert devices_overlap(placed[left.id], placed[near.id])
    assert not devices_overlap(placed[left.id], placed[far.id])
    pairs = overlapping(placed.values())
    assert {(p.owner, q.owner) for p, q in pairs} == {(left.id, near.id)}
    assert all(p.is_label and not q.is_label for p, q in pairs)


def test_a_drawing_without_wires_is_bounded_by_its_devices() -> None:
    """Regression: the bounds once took min() of an empty list of wire points."""
    project = Project()
    project.add("evse", placement=Placement(100.0, 200.0))
    drawing = DrawingModel.of(project)
    device = drawing.devices[next(iter(drawing.devices))]
    assert drawing.wires == {}
    assert drawing.bounds.x0 <= device.box.x0 and drawing.bounds.y1 >= device.box.y1
    assert DrawingModel.of(Project()).bounds.width == 0.0
