"""Automatic layout: every template, hand-drawn oddities and random trees come out as a clean
top-down diagram (no symbol or label overlaps another, each device below its feeder, wires
routed around everything), the same every time, as one undoable edit."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evsld.geometry.drawing import DrawingModel, board_outline, overlapping
from evsld.geometry.layout import GRID, arrange, layout
from evsld.geometry.placement import Placer
from evsld.model import Placement, Project
from evsld.model.operations import Group, MoveDevice
from evsld.templates import build
from tests.builders import car_park
from tests.geometry.routecheck import assert_orthogonal, crossings
from tests.templates.cases import CASES


def placed(project: Project) -> dict:
    placer = Placer(project)
    return {d.id: placer.place(d.id) for d in project.diagram.devices()}


def assert_clean(project: Project) -> None:
    """No overlaps (symbols, labels, board outlines); each device's symbol wholly below its feeder's; on the grid, upright."""
    devices = placed(project)
    assert overlapping(devices.values()) == []
    outlines = [
        board_outline(project, b, devices) for b in project.diagram.ids_of_kind("switchboard")
    ]
    for outline in outlines:
        for device_id, drawn in devices.items():
            if device_id not in outline.members:
                assert not outline.box.intersects(drawn.box), (outline.board_id, device_id)
                assert not outline.box.intersects(drawn.label_box), (outline.board_id, device_id)
    for a, b in itertools.combinations(outlines, 2):
        assert not a.box.intersects(b.box), (a.board_id, b.board_id)
    for child, parent in project.topology().parent.items():
        assert devices[child].box.y0 >= devices[parent].box.y1, (child, parent)
    for device in project.diagram.devices():
        p = device.placement
        assert p.rotation == 0 and p.x % GRID == 0 and p.y % GRID == 0, device.id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_template_opens_arranged_and_clean(case) -> None:
    project = build(case.template, **case.params)
    assert arrange(project).operations == ()  # built arranged: nothing left to move
    assert_clean(project)


def arranged_odd_project() -> Project:
    project = odd_project()
    project.apply(arrange(project))
    return project


@pytest.mark.parametrize(
    "make",
    [
        lambda: build("office-case-study"),
        lambda: build("car-park"),
        arranged_odd_project,
    ],
    ids=["office-case-study", "car-park", "hand-drawn"],
)
def test_arranged_wires_run_orthogonally_around_every_symbol_and_label(make) -> None:
    project = make()
    model = DrawingModel.of(project)
    for conn in project.diagram.connections():
        points = model.wires[conn.id].points
        assert_orthogonal(points)
        assert crossings(points, (conn.a.device, conn.b.device), model.devices) == [], conn.id


def test_a_source_sits_on_top_and_a_final_circuit_reads_down_one_column() -> None:
    project, feeders = car_park(3)
    project.apply(arrange(project))
    supply = next(iter(project.diagram.devices_of_kind("supply")))
    ys = {d.id: d.placement.y for d in project.diagram.devices()}
    assert ys[supply.id] == min(ys.values())
    for f in feeders:
        column = [project.diagram.device(d.id).placement for d in (f.breaker, f.rcd, f.cable)]
        column.append(project.diagram.device(f.evse.id).placement)
        assert len({p.x for p in column}) == 1
        assert [p.y for p in column] == sorted(p.y for p in column)
    lefts = [project.diagram.device(f.evse.id).placement.x for f in feeders]
    assert lefts == sorted(lefts) and len(set(lefts)) == 3  # side by side, in tag order


def test_arrange_reads_no_position_and_is_one_undoable_group() -> None:
    project, _ = car_park(4)
    before = {d.id: d.placement for d in project.diagram.devices()}
    first = layout(project)
    for i, device in enumerate(list(project.diagram.devices())):
        project.apply(MoveDevice(device.id, Placement(970 - 130 * i, 40 * i, 90 * (i % 4))))
    scrambled = {d.id: d.placement for d in project.diagram.devices()}
    assert layout(project) == first  # the same drawing whatever the current positions
    group = arrange(project)
    assert isinstance(group, Group) and group.label == "Arrange"
    undo = project.apply(group)
    assert {d.id: d.placement for d in project.diagram.devices()} == first
    assert arrange(project).operations == ()  # arranging twice moves nothing
    project.apply(undo)
    assert {d.id: d.placement for d in project.diagram.devices()} == scrambled
    assert first != before


def odd_project() -> Project:
    """What a hand-drawn or imported drawing holds: two sources feeding one board through a
    tie, a busway with tap-offs given out of order, a controller reading a meter and driving
    chargers and a sub-zone, a PV way, and parts wired to nothing."""
    p = Project()
    s1, s2 = p.add("supply"), p.add("supply")
    b1, b2 = p.add("switchboard", role="main"), p.add("switchboard")
    p.connect(s1, b1)
    p.connect(s2, b2)
    tie = p.add("switch")
    p.connect(b1, tie)
    p.connect(tie, b2)
    meter = p.add("meter")
    p.connect(b1, meter)
    busway = p.add("busway")
    p.connect(meter, busway)
    zone, sub = p.add("lms"), p.add("lms")
    p.connect(zone, meter, a_port="meas", b_port="data")
    p.connect(zone, sub, a_port="ctrl", b_port="parent")
    for i in range(12):
        tapoff = p.add("tapoff", position_m=float(12 - i))
        breaker = p.add("breaker")
        evse = p.add("evse")
        p.connect(busway, tapoff)
        p.connect(tapoff, breaker)
        p.connect(breaker, evse)
        p.connect(zone if i % 3 else sub, evse, a_port="ctrl", b_port="ctrl")
    pv_breaker, pv = p.add("breaker"), p.add("pv")
    p.connect(b2, pv_breaker)
    p.connect(pv_breaker, pv)
    p.connect(b2, p.add("load"))
    p.add("breaker", placement=Placement(5, 7))  # wired to nothing
    cable, evse = p.add("cable"), p.add("evse")  # a circuit no source reaches
    p.connect(cable, evse)
    p.add("lms")  # a controller driving nothing
    return p


def test_hand_drawn_oddities_are_arranged_clean_and_stable() -> None:
    project = arranged_odd_project()
    assert_clean(project)
    assert arrange(project).operations == ()
    ys = {d.id: d.placement.y for d in project.diagram.devices()}
    tapoffs = sorted(project.diagram.devices_of_kind("tapoff"), key=lambda d: d["position_m"])
    xs = [project.diagram.device(t.id).placement.x for t in tapoffs]
    assert xs == sorted(xs)  # along the run
    assert len({ys[t.id] for t in tapoffs}) == 1


# --- random trees ------------------------------------------------------------------------

SERIES = ("breaker", "rcd", "cable", "meter", "switch", "fuse")
ENDS = ("evse", "load", "spd", "pv")


@st.composite
def random_projects(draw) -> Project:
    """A supply and up to 40 devices, each hung below a random earlier device that still has a
    free way: boards and busways take many, series devices one (or, as drawn by hand, a
    branch), ends none; up to three controllers over some chargers, one reading a meter;
    sometimes a second supply or an unfed piece."""
    p = Project()
    open_ways = [p.add("supply")]
    for _ in range(draw(st.integers(1, 40))):
        parent = draw(st.sampled_from(open_ways))
        if parent.kind == "busway":
            kind = "tapoff"
        else:
            kind = draw(st.sampled_from(("switchboard", "busway", *SERIES, *ENDS)))
        device = p.add(kind, position_m=draw(st.floats(0, 50))) if kind == "tapoff" else None
        device = device or p.add(kind)
        p.connect(parent, device)
        branch = draw(st.integers(0, 9)) == 0
        if parent.kind not in ("switchboard", "busway") and not branch:
            open_ways.remove(parent)
        if kind not in ENDS:
            open_ways.append(device)
        if not open_ways:
            break
    free = [d.id for d in p.diagram.devices_of_kind("evse")]
    meters = [d.id for d in p.diagram.devices_of_kind("meter")]
    for _ in range(draw(st.integers(0, 3))):
        zone = p.add("lms")
        driven = draw(st.lists(st.sampled_from(free), unique=True, max_size=6)) if free else []
        for evse in driven:
            p.connect(zone, p.diagram.device(evse), a_port="ctrl", b_port="ctrl")
            free.remove(evse)
        if meters and draw(st.booleans()):
            p.connect(zone, p.diagram.device(meters.pop()), a_port="meas", b_port="data")
    if draw(st.booleans()):
        p.connect(p.add("supply"), p.add("switchboard"))
    if draw(st.booleans()):
        p.connect(p.add("breaker"), p.add("load"))
    return p


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_projects())
def test_random_trees_are_arranged_without_overlaps(project) -> None:
    project.apply(arrange(project))
    assert_clean(project)
    assert arrange(project).operations == ()
