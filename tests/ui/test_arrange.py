"""Align and distribute work on device positions and make one undo step."""

from __future__ import annotations

from evsld.model import Placement, Project
from evsld.ui.arrange import Align, align, distribute


def _breakers(*points: tuple[float, float]):
    project = Project()
    return project, [project.add("breaker", placement=Placement(x, y)) for x, y in points]


def test_align_left_and_middle() -> None:
    project, devices = _breakers((0, 0), (35, 10), (-20, 50))
    project.apply(align(devices, Align.LEFT))
    assert {d.placement.x for d in project.diagram.devices()} == {-20.0}
    devices = list(project.diagram.devices())
    project.apply(align(devices, Align.MIDDLE))
    assert {d.placement.y for d in project.diagram.devices()} == {25.0}


def test_distribute_spaces_evenly_on_the_grid_and_keeps_the_ends() -> None:
    project, devices = _breakers((0, 0), (13, 0), (90, 0), (200, 0))
    project.apply(distribute(devices, horizontal=True, grid=10.0))
    xs = sorted(d.placement.x for d in project.diagram.devices())
    assert xs == [0.0, 70.0, 130.0, 200.0]  # 66.7 and 133.3 snapped to the 10-unit grid


def test_nothing_to_do_gives_no_operation() -> None:
    _, devices = _breakers((0, 0), (0, 0))
    assert align(devices[:1], Align.TOP) is None
    assert align(devices, Align.TOP) is None  # already aligned
    assert distribute(devices, horizontal=False, grid=10.0) is None  # fewer than three
