"""Labels fitted for print: off every symbol and label, against their own symbol, or reported.

The fixture is the defect as a user meets it: final circuits drawn by hand 70 units apart,
while a charger's label ("EV01" / "AC 22 kW 3P 32 A") is 65 units wide and starts 4 units
right of a symbol 52 units wide, so every label but the last runs into the next column.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from benchmarks.synthetic import installation
from evsld.geometry.drawing import DrawingModel, boxes_overlap, overlapping
from evsld.geometry.label_fit import CLEARANCE, fit_labels
from evsld.geometry.obstacles import segment_array, segment_box
from evsld.geometry.placement import LABEL_GAP
from evsld.geometry.primitives import Box, bounds
from evsld.model import Placement, Project
from evsld.model.fileformat import load_project
from evsld.templates import build
from tests.builders import car_park_in_a_row

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "small-car-park.evsld"


@pytest.fixture(scope="module")
def row() -> tuple[Project, DrawingModel, DrawingModel]:
    project = car_park_in_a_row(6, pitch=70.0)
    return project, DrawingModel.of(project), DrawingModel.of(project, fit=True)


def moved(plain: DrawingModel, fitted: DrawingModel) -> list[str]:
    return [d for d in plain.devices if plain.devices[d].label_box != fitted.devices[d].label_box]


def test_devices_closer_than_their_labels_print_labels_over_their_neighbours(row) -> None:
    project, plain, _ = row
    over = {
        (project.diagram.device(a.owner).tag, b.is_label)
        for a, b in overlapping(plain.devices.values())
    }
    assert ("EV01", False) in over  # EV01's label covers EV02's symbol: the defect


def test_fitted_labels_cover_no_symbol_and_no_other_label(row) -> None:
    _, plain, fitted = row
    assert len(moved(plain, fitted)) >= 5  # at least the chargers EV01-EV05
    assert overlapping(fitted.devices.values()) == []
    assert fitted.label_collisions == ()


def test_a_moved_label_lies_against_its_own_symbol_with_its_text_inside(row) -> None:
    """Beside, above, below or at a corner of its symbol, one LABEL_GAP away, so it still
    reads as the symbol's own; the text lines, aligned as the spot says, fill its box."""
    _, plain, fitted = row
    for device_id in moved(plain, fitted):
        placed = fitted.devices[device_id]
        s, label = placed.box, placed.label_box
        dx = max(s.x0 - label.x1, label.x0 - s.x1, 0.0)
        dy = max(s.y0 - label.y1, label.y0 - s.y1, 0.0)
        assert max(dx, dy) == pytest.approx(LABEL_GAP), device_id
        assert min(dx, dy) in (pytest.approx(0.0), pytest.approx(LABEL_GAP)), device_id
        assert label.width == pytest.approx(plain.devices[device_id].label_box.width)
        text = bounds(placed.label)
        assert label.x0 - 1e-6 <= text.x0 and text.x1 <= label.x1 + 1e-6, device_id
        assert placed.label[0].text == placed.label_lines[0] and placed.label[0].bold


@pytest.mark.parametrize("pitch", [60.0, 70.0])
def test_labels_keep_clear_of_each_other(pitch: float) -> None:
    """Two labels that merely touch read as one line of text: CLEARANCE between them (a
    label reported stuck excepted: at 60 units one RCD label has nowhere to go)."""
    fitted = DrawingModel.of(car_park_in_a_row(6, pitch), fit=True)
    stuck = {c.device_id for c in fitted.label_collisions}
    labels = {d: p.label_box for d, p in fitted.devices.items() if d not in stuck}
    for device_id, box in labels.items():
        near = [d for d, other in labels.items() if boxes_overlap(box.grown(CLEARANCE), other)]
        assert near == [device_id]


def test_a_label_already_free_stays_where_the_canvas_draws_it(row) -> None:
    _, plain, fitted = row
    for device_id in set(plain.devices) - set(moved(plain, fitted)):
        assert fitted.devices[device_id] == plain.devices[device_id]
    for name in ("residential", "car-park"):  # laid out by Arrange: printed as before
        project = build(name)
        plain_template = DrawingModel.of(project)
        fitted_template = DrawingModel.of(project, fit=True)
        assert fitted_template.devices == plain_template.devices, name
        assert fitted_template.label_collisions == ()


def test_fitting_is_deterministic_whatever_the_order_of_the_devices(row) -> None:
    _, plain, fitted = row
    wires = [w.points for w in plain.wires.values()]
    backwards = dict(reversed(list(plain.devices.items())))
    again = fit_labels(backwards, reversed(wires))
    for device_id, placed in fitted.devices.items():
        assert again.devices[device_id].label_box == placed.label_box
        assert again.devices[device_id].label_anchor == placed.label_anchor


def test_a_label_a_wire_runs_through_moves_clear_of_it() -> None:
    """In the example, the wire from W2 down to the SPD F6 runs along the left edge of
    EV02's label, through the text's first letters; the printed label moves off it."""
    project = load_project(EXAMPLE)
    plain, fitted = DrawingModel.of(project), DrawingModel.of(project, fit=True)
    ev02 = project.diagram.by_tag("EV02").id
    wires = [w.points for w in plain.wires.values()]

    def crossed(box: Box) -> bool:
        beside = Box(box.x0 - CLEARANCE, box.y0, box.x1 + CLEARANCE, box.y1)
        segments = (segment_box(a, b) for pts in wires for a, b in itertools.pairwise(pts))
        return any(segment.intersects(beside) for segment in segments)

    assert crossed(plain.devices[ev02].label_box)
    assert not crossed(fitted.devices[ev02].label_box)
    assert overlapping(fitted.devices.values()) == []


def test_the_synthetic_car_park_prints_every_label_clear() -> None:
    """benchmarks.synthetic places its columns 80 units apart, not by Arrange: the labels of
    breakers, RCDs and chargers ran over the next column."""
    project = installation(40)
    plain, fitted = DrawingModel.of(project), DrawingModel.of(project, fit=True)
    assert overlapping(plain.devices.values())
    assert overlapping(fitted.devices.values()) == []
    assert fitted.label_collisions == ()


def test_a_label_with_no_free_spot_stays_in_place_and_is_reported() -> None:
    """Columns 40 units apart: the breakers' boxes touch, RCD and cable labels above and
    below them have nowhere to go. Each such label is printed where it stands and named
    with what it covers; every other label is clear."""
    project = car_park_in_a_row(6, pitch=40.0)
    plain, fitted = DrawingModel.of(project), DrawingModel.of(project, fit=True)
    stuck = {c.device_id: c for c in fitted.label_collisions}
    assert stuck and not any(c.board_name for c in stuck.values())
    tags = {project.diagram.device(d).tag for d in stuck}
    assert tags <= {f"F{n}" for n in range(1, 7)} | {f"W{n}" for n in range(1, 7)}
    for device_id, collision in stuck.items():
        placed = fitted.devices[device_id]
        assert placed.label_box == plain.devices[device_id].label_box == collision.box
        assert collision.over
        for other in collision.over:
            drawn = fitted.devices[other]
            assert boxes_overlap(collision.box, drawn.box) or boxes_overlap(
                collision.box, drawn.label_box
            )
    for a, b in overlapping(fitted.devices.values()):
        label_clash = a.is_label or b.is_label
        assert not label_clash or {a.owner, b.owner} & set(stuck), (a, b)
    assert fitted == DrawingModel.of(project, fit=True)  # and the same every time


def test_a_board_name_over_a_device_is_reported() -> None:
    project = Project()
    board = project.add("switchboard", placement=Placement(0.0, 0.0))
    (outline,) = DrawingModel.of(project).outlines
    name = bounds([outline.tag])
    lost = project.add(
        "breaker", placement=Placement((name.x0 + name.x1) / 2, (name.y0 + name.y1) / 2)
    )
    fitted = DrawingModel.of(project, fit=True)
    (collision,) = [c for c in fitted.label_collisions if c.board_name]
    assert (collision.device_id, collision.over, collision.box) == (board.id, (lost.id,), name)


def test_wires_become_one_box_per_segment_never_joining_two_wires() -> None:
    wires = [[], [(0, 0), (0, 10), (5, 10)], [(7, 7)], [], [(2, 1), (1, 0)], []]
    assert segment_array(wires).tolist() == [[0, 0, 0, 10], [0, 10, 5, 10], [1, 0, 2, 1]]
    assert segment_array([]).shape == segment_array([[(1, 1)]]).shape == (0, 4)
