"""Wire routes: orthogonal, port to port, around symbols and labels, following moves."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from evsld.geometry.drawing import (
    DrawingModel,
    ObstacleIndex,
    affected_by,
    place_device,
    route_connection,
)
from evsld.model import Placement, Project
from evsld.model.operations import MoveDevice
from evsld.model.ports import Domain
from tests.geometry.routecheck import assert_orthogonal, crossings, segment_box


def _route_checked(project: Project, conn_id: str) -> tuple:
    model = DrawingModel.of(project)
    points = route_connection(project, conn_id)
    assert points == model.wires[conn_id].points
    conn = project.diagram.connection(conn_id)
    assert_orthogonal(points)
    a = model.devices[conn.a.device].ports[conn.a.port]
    b = model.devices[conn.b.device].ports[conn.b.port]
    assert a.point is None or points[0] == a.point
    assert b.point is None or points[-1] == b.point
    assert crossings(points, (conn.a.device, conn.b.device), model.devices) == []
    return points


def _feeder(evse_at: tuple[float, float], *others: tuple[str, float, float]):
    """A breaker at the origin wired to a charger (ports at (0, 30) and evse_at - (0, 40)),
    with other devices placed around as obstacles."""
    project = Project()
    breaker = project.add("breaker", placement=Placement(0, 0))
    placed = [project.add(kind, placement=Placement(x, y)) for kind, x, y in others]
    evse = project.add("evse", placement=Placement(*evse_at))
    return project, project.connect(breaker, evse).id, evse, placed


def test_aligned_ports_facing_each_other_get_one_straight_run() -> None:
    project, conn, _, _ = _feeder((0, 200))
    assert _route_checked(project, conn) == ((0.0, 30.0), (0.0, 160.0))


def test_offset_ports_get_one_bend_pair_with_the_cross_run_between_them() -> None:
    project, conn, _, _ = _feeder((140, 200))
    points = _route_checked(project, conn)
    assert len(points) == 4
    (_, y0), (_, y1) = points[1], points[2]
    assert y0 == y1 and 30.0 < y0 < 160.0


def test_a_symbol_in_the_way_is_gone_around() -> None:
    project, conn, _, _ = _feeder((0, 200), ("load", 0, 100))  # right on the straight line
    points = _route_checked(project, conn)
    assert len(points) == 6  # out, around, back in line, down


def test_a_label_in_the_way_is_gone_around() -> None:
    # a cable to the left whose label (to its right) lies across x = 0
    project, conn, _, (blocker,) = _feeder((0, 200), ("cable", -40, 100))
    label = place_device(project, blocker.id).label_box
    assert label.x0 < 0.0 < label.x1
    assert len(_route_checked(project, conn)) > 2


def test_a_wall_of_symbols_is_passed_at_its_end() -> None:
    wall = [("load", x, 200) for x in range(-200, 201, 40)]  # touching boxes: no gap
    project, conn, _, _ = _feeder((0, 400), *wall)
    points = _route_checked(project, conn)
    assert max(abs(p[0]) for p in points) > 200.0


def test_control_links_go_around_the_row_of_chargers_they_drive() -> None:
    project = Project()
    lms = project.add("lms", placement=Placement(-140, 0))
    chargers = [project.add("evse", placement=Placement(x, 0)) for x in (0, 140, 280)]
    links = [project.connect(lms, evse, "ctrl", "ctrl") for evse in chargers]
    model = DrawingModel.of(project)
    for link in links:
        _route_checked(project, link.id)
        wire = model.wires[link.id]
        assert wire.domain is Domain.CONTROL and wire.dashed


def test_busbar_wires_drop_straight_onto_the_devices_below() -> None:
    project = Project()
    board = project.add("switchboard", placement=Placement(0, 0))
    ways = [project.add("breaker", placement=Placement(x, 100)) for x in (-140, 0, 140)]
    conns = [project.connect(board, way) for way in ways]
    model = DrawingModel.of(project)
    for conn, way in zip(conns, ways, strict=True):
        x = way.placement.x
        assert _route_checked(project, conn.id) == ((x, 0.0), (x, 70.0))
        assert model.wires[conn.id].domain is Domain.POWER and not model.wires[conn.id].dashed


def test_a_wire_follows_its_device_when_it_moves() -> None:
    project, conn, evse, _ = _feeder((0, 200))
    before = route_connection(project, conn)
    project.apply(MoveDevice(evse.id, Placement(280, 300)))
    after = _route_checked(project, conn)
    assert after != before and after[-1] == (280.0, 260.0)


def test_the_obstacle_index_follows_moves_so_only_moved_wires_are_rerouted() -> None:
    project, conn, _, (other,) = _feeder((0, 200), ("load", 300, 100))
    index = ObstacleIndex(place_device(project, d.id) for d in project.diagram.devices())
    assert route_connection(project, conn, index) == ((0.0, 30.0), (0.0, 160.0))
    project.apply(MoveDevice(other.id, Placement(0, 100)))  # into the wire's way
    devices, wires = affected_by(project, other.id)
    assert devices == {other.id} and wires == set()  # the load has no wires of its own
    index.update(place_device(project, other.id))
    rerouted = route_connection(project, conn, index)
    assert rerouted == route_connection(project, conn)  # same as a fresh index
    assert len(rerouted) > 2
    index.remove(other.id)
    assert other.id not in index
    assert route_connection(project, conn, index) == ((0.0, 30.0), (0.0, 160.0))


def test_the_index_rebuilds_after_many_updates_and_answers_the_same() -> None:
    project = Project()
    devices = [project.add("load", placement=Placement(100 * i, 0)) for i in range(200)]
    index = ObstacleIndex(place_device(project, d.id) for d in devices)
    for d in devices[:150]:
        project.apply(MoveDevice(d.id, Placement(d.placement.x, 500)))
        index.update(place_device(project, d.id))
    fresh = ObstacleIndex(place_device(project, d.id) for d in devices)
    for y in (0.0, 500.0):
        probe = (-50.0, y), (20_000.0, y)
        assert sorted(o.owner for o in index.hits(segment_box(*probe))) == sorted(
            o.owner for o in fresh.hits(segment_box(*probe))
        )


def test_moving_a_way_redraws_the_busbar_and_all_its_wires() -> None:
    project = Project()
    board = project.add("switchboard", placement=Placement(0, 0))
    ways = [project.add("breaker", placement=Placement(x, 100)) for x in (0, 140)]
    conns = {project.connect(board, way).id for way in ways}
    devices, wires = affected_by(project, ways[1].id)
    assert devices == {ways[1].id, board.id} and wires == conns


def test_touching_ports_need_no_wire() -> None:
    project = Project()
    left = project.add("breaker", placement=Placement(0, 0, 90))  # out port at (-30, 0)
    right = project.add("breaker", placement=Placement(-60, 0, 90))  # in port at (-30, 0)
    conn = project.connect(left, right)
    assert route_connection(project, conn.id) == ((-30.0, 0.0), (-30.0, 0.0))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(-15, 15),
            st.integers(-15, 15),
            st.sampled_from((0, 90, 180, 270)),
            st.sampled_from(("breaker", "cable", "rcd", "meter", "tapoff")),
        ),
        min_size=2,
        max_size=6,
    )
)
def test_any_arrangement_gives_orthogonal_deterministic_port_to_port_wires(cells) -> None:
    project = Project()
    devices = [project.add(k, placement=Placement(20 * x, 20 * y, r)) for x, y, r, k in cells]
    conns = [project.connect(a, b) for a, b in itertools.pairwise(devices)]
    model = DrawingModel.of(project)
    for conn in conns:
        points = model.wires[conn.id].points
        assert_orthogonal(points)
        assert points[0] == model.devices[conn.a.device].ports["out"].point
        assert points[-1] == model.devices[conn.b.device].ports["in"].point
        assert route_connection(project, conn.id) == points


@settings(max_examples=40, deadline=None)
@given(
    moved=st.lists(st.integers(0, 19), max_size=6, unique=True),
    removed=st.lists(st.integers(0, 19), max_size=3, unique=True),
    segments=st.lists(
        st.tuples(
            st.integers(-2, 42),  # start on a 10-unit grid: runs along box edges too
            st.integers(-2, 22),
            st.booleans(),  # along x, else along y
            st.integers(-40, 40),  # length in grid steps
            st.lists(st.integers(0, 21), max_size=3),  # symbols it may leave (20, 21: none)
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_blocked_many_answers_as_blocked_does_for_each_segment(moved, removed, segments) -> None:
    project = Project()
    devices = [
        project.add("load", placement=Placement(80 * (i % 5), 50 * (i // 5))) for i in range(20)
    ]
    index = ObstacleIndex(place_device(project, d.id) for d in devices)
    for i in moved:  # stale tree entries and boxes in the overlay
        project.apply(MoveDevice(devices[i].id, Placement(80 * (i % 5) + 30, 50 * (i // 5) + 20)))
        index.update(place_device(project, devices[i].id))
    for i in removed:
        index.remove(devices[i].id)
    ids = [d.id for d in devices] + ["not-a-device", "nor-this"]
    batch = []
    for x, y, along_x, steps, skip in segments:
        a = (10.0 * x, 10.0 * y)
        b = (a[0] + 10.0 * steps, a[1]) if along_x else (a[0], a[1] + 10.0 * steps)
        batch.append((a, b, tuple(ids[k] for k in skip)))
    assert index.blocked_many(batch) == [index.blocked(a, b, skip) for a, b, skip in batch]
