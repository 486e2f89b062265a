"""Every edit returns its inverse; applying it restores the exact prior state and graph."""

from __future__ import annotations

import pytest

from evsld.model import EditError, Placement, Project
from evsld.model.device import Connection, PortRef
from evsld.model.events import (
    ConnectionAdded,
    ConnectionRemoved,
    DeviceAdded,
    DeviceChanged,
    DeviceRemoved,
    ProjectChanged,
)
from evsld.model.fileformat import project_to_data
from evsld.model.operations import (
    AddDevice,
    Connect,
    Disconnect,
    Group,
    MoveDevice,
    RemoveDevice,
    SetAttribute,
    SetName,
    SetProjectField,
    SetProjectList,
    SetTag,
)
from evsld.model.project_data import UsageGroup
from tests.builders import car_park


def graph_state(project: Project) -> tuple:
    g = project.diagram.graph
    nodes = sorted((n, repr(d)) for n, d in g.nodes(data="device"))
    edges = sorted(
        (min(u, v), max(u, v), k, repr(c)) for u, v, k, c in g.edges(keys=True, data="connection")
    )
    return nodes, edges, project_to_data(project)


def assert_round_trip(project: Project, op) -> None:
    before = graph_state(project)
    inverse = project.apply(op)
    after = graph_state(project)
    assert after != before or isinstance(op, MoveDevice)
    redo = project.apply(inverse)
    assert graph_state(project) == before
    project.apply(redo)
    assert graph_state(project) == after


def test_each_operation_inverse_restores_the_exact_graph() -> None:
    project, feeders = car_park(2)
    f = feeders[0]
    assert_round_trip(
        project, AddDevice(project.make_device("evse", power_kw=11.0, rated_current_a=16.0))
    )
    assert_round_trip(project, RemoveDevice(f.rcd.id))
    assert_round_trip(project, Disconnect(project.diagram.connections_of(f.cable.id)[0].id))
    spare = project.add("load")
    assert_round_trip(
        project, Connect(project.make_connection(feeders[1].breaker, "out", spare, "in"))
    )
    assert_round_trip(project, MoveDevice(f.evse.id, Placement(120.0, 40.0, 90)))
    assert_round_trip(project, SetAttribute(f.cable.id, "length_m", 55.0))
    assert_round_trip(project, SetTag(f.evse.id, "EV-A"))
    assert_round_trip(project, SetName(f.evse.id, "Bay 12 (visitors)"))
    assert_round_trip(project, SetProjectField("metadata", "client", "Müller GmbH"))
    assert_round_trip(project, SetProjectList("usage_groups", (UsageGroup("Fleet", "night", 0.8),)))


def test_removing_a_device_removes_its_connections_and_undo_restores_them() -> None:
    project, feeders = car_park(1)
    rcd = feeders[0].rcd
    before = {c.id for c in project.diagram.connections()}
    inverse = project.apply(RemoveDevice(rcd.id))
    assert rcd.id not in project.diagram
    assert len(project.diagram.connections_of(feeders[0].breaker.id)) == 1
    project.apply(inverse)
    assert {c.id for c in project.diagram.connections()} == before


def test_events_describe_every_primitive_change() -> None:
    project, feeders = car_park(1)
    events = []
    project.subscribe(events.append)
    project.apply(RemoveDevice(feeders[0].rcd.id))
    assert [type(e) for e in events] == [ConnectionRemoved, ConnectionRemoved, DeviceRemoved]
    events.clear()
    project.apply(SetAttribute(feeders[0].evse.id, "power_kw", 11.0))
    (changed,) = events
    assert isinstance(changed, DeviceChanged) and changed.field == "attrs.power_kw"
    assert changed.old["power_kw"] == 22.0 and changed.new["power_kw"] == 11.0
    events.clear()
    project.apply(AddDevice(project.make_device("spd")))
    project.apply(SetProjectField("settings", "country_profile", "DE"))
    assert [type(e) for e in events] == [DeviceAdded, ProjectChanged]
    events.clear()
    project.apply(
        Connect(project.make_connection(feeders[0].breaker, "out", feeders[0].cable, "in"))
    )
    assert [type(e) for e in events] == [ConnectionAdded]


def test_refused_edits_leave_the_project_untouched() -> None:
    project, feeders = car_park(1)
    before = graph_state(project)
    evse = feeders[0].evse
    refused = [
        (SetAttribute(evse.id, "power_kw", -3.0), "between 1 and 400 kW"),
        (SetAttribute(evse.id, "phases", 2), "must be one of 1, 3"),
        (SetAttribute(evse.id, "voltage", 2), "has no attribute 'voltage'"),
        (SetAttribute(evse.id, "usage_group", "Nobody"), "no usage group named 'Nobody'"),
        (SetTag(evse.id, "Q1"), "tag 'Q1' is already used"),
        (SetTag(evse.id, "q1"), "tag 'q1' is already used"),
        (SetTag(evse.id, ""), "cannot be empty"),
        (MoveDevice(evse.id, Placement(float("nan"), 0.0, 0)), "position must lie within"),
        (MoveDevice(evse.id, Placement(0.0, 0.0, 45)), "rotation must be"),
        (
            Connect(Connection("cx", PortRef(evse.id, "in"), PortRef("nope", "out"))),
            "does not exist",
        ),
        (Connect(Connection("cx", PortRef(evse.id, "in"), PortRef(evse.id, "ctrl"))), "itself"),
        (Connect(project.make_connection(feeders[0].rcd, "out", evse, "in")), "already connected"),
        (
            Connect(project.make_connection(feeders[0].rcd, "out", evse, "ctrl")),
            "power port cannot",
        ),
        (
            Connect(project.make_connection(feeders[0].rcd, "out", evse, "data")),
            "has no port 'data'",
        ),
        (RemoveDevice("d999"), "no device with id 'd999'"),
        (SetProjectField("settings", "country_profile", "XX"), "must be one of"),
        (SetProjectField("metadata", "colour", "red"), "no project field"),
    ]
    for op, message in refused:
        with pytest.raises(EditError, match=message):
            project.apply(op)
        assert graph_state(project) == before, op


def test_a_group_is_all_or_nothing() -> None:
    project, feeders = car_park(1)
    before = graph_state(project)
    evse = feeders[0].evse
    bad = Group((SetAttribute(evse.id, "power_kw", 11.0), SetAttribute(evse.id, "power_kw", 1e6)))
    with pytest.raises(EditError):
        project.apply(bad)
    assert graph_state(project) == before
    good = Group(
        (SetAttribute(evse.id, "power_kw", 11.0), SetAttribute(evse.id, "rated_current_a", 16.0))
    )
    inverse = project.apply(good)
    assert project.diagram.device(evse.id)["rated_current_a"] == 16.0
    project.apply(inverse)
    assert graph_state(project) == before


def test_a_usage_group_in_use_cannot_be_deleted() -> None:
    project, feeders = car_park(1)
    project.apply(SetProjectList("usage_groups", (UsageGroup("Fleet", "night", 0.8),)))
    project.apply(SetAttribute(feeders[0].evse.id, "usage_group", "Fleet"))
    with pytest.raises(EditError, match="still used by EV01"):
        project.apply(SetProjectList("usage_groups", ()))


def test_single_ports_take_one_connection_and_multi_ports_many() -> None:
    project, feeders = car_park(2)
    with pytest.raises(EditError, match="port 'in' of EV01 is already connected"):
        project.connect(feeders[1].cable, feeders[0].evse)
    board = project.diagram.by_tag("+B1")
    ways = len(project.diagram.links_at(PortRef(board.id, "out")))
    project.connect(board, project.add("spd"))  # the busbar takes any number of ways
    assert len(project.diagram.links_at(PortRef(board.id, "out"))) == ways + 1 >= 3


def test_control_links_join_only_compatible_ports() -> None:
    project, feeders = car_park(1)
    zone = project.add("lms")
    sub = project.add("lms")
    meter = project.add("meter")
    project.connect(zone, feeders[0].evse, "ctrl", "ctrl")
    project.connect(zone, sub, "ctrl", "parent")
    project.connect(zone, meter, "meas", "data")
    with pytest.raises(EditError, match="control link cannot join"):
        project.connect(sub, zone, "meas", "parent")
