"""Feeding paths through closed devices, unfed devices, loops and two-source feeding."""

from __future__ import annotations

import string

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from evsld.model import Placement
from evsld.model.diagram import natural_key
from evsld.model.operations import Disconnect, MoveDevice, SetAttribute, SetName, SetTag
from evsld.model.topology import _bfs, _has_loop, _KeyCache, _loop_exists, _sorted_naturally
from tests.builders import add_ev_feeder, car_park, supply_and_board


def test_up_is_the_feeding_path_and_down_the_subtree() -> None:
    project, feeders = car_park(2)
    f = feeders[0]
    topo = project.topology()
    tags = [project.diagram.device(d).tag for d in topo.up(f.evse.id)]
    assert tags == ["G1", "+B1", "Q1", "F1", "W1", "EV01"]
    assert topo.down(f.breaker.id) == [f.rcd.id, f.cable.id, f.evse.id]
    assert topo.unfed == () and topo.loops == () and topo.multi_fed == ()
    # every device comes after its parent
    position = {d: i for i, d in enumerate(topo.order)}
    assert all(position[topo.parent[d]] < position[d] for d in topo.parent)


def test_an_open_switching_device_stops_the_feed_but_is_itself_reached() -> None:
    project, feeders = car_park(1)
    f = feeders[0]
    project.apply(SetAttribute(f.breaker.id, "closed", False))
    topo = project.topology()
    assert topo.is_fed(f.breaker.id)
    assert topo.unfed == (f.rcd.id, f.cable.id, f.evse.id)
    assert topo.open_devices == (f.breaker.id,)


def test_topology_is_recomputed_only_after_an_edit_that_can_change_it() -> None:
    project, feeders = car_park(1)
    f = feeders[0]
    first = project.topology()
    assert project.topology() is first
    # ratings, lengths, tags, names and positions do not change who feeds whom
    project.apply(SetAttribute(f.cable.id, "length_m", 80.0))
    project.apply(SetAttribute(f.breaker.id, "in_a", 40.0))
    project.apply(SetTag(f.evse.id, "EV99"))
    project.apply(SetName(f.evse.id, "Bay 12"))
    project.apply(MoveDevice(f.evse.id, Placement(500.0, 500.0)))
    assert project.topology() is first
    project.apply(SetAttribute(f.rcd.id, "closed", False))
    opened = project.topology()
    assert opened is not first and opened.open_devices == (f.rcd.id,)
    project.apply(SetAttribute(f.rcd.id, "closed", True))
    assert project.topology().unfed == ()
    removed = project.apply(Disconnect(project.diagram.connections_of(f.evse.id)[0].id))
    assert f.evse.id in project.topology().unfed
    project.apply(removed)
    assert f.evse.id not in project.topology().unfed
    spare = project.add("evse")
    assert project.topology().unfed[-1] == spare.id


def test_loops_are_found_including_double_connections() -> None:
    project, feeders = car_park(2)
    # tie the two final circuits together below their RCDs: a mesh
    tie = project.add("cable")
    project.connect(feeders[0].rcd, tie)
    project.connect(feeders[1].rcd, tie, "out", "out")
    loops = project.topology().loops
    assert len(loops) == 1 and tie.id in loops[0]
    project2, _, board = supply_and_board()
    q = project2.add("breaker")
    project2.connect(board, q)
    project2.connect(q, board, "out", "in")
    assert project2.topology().loops == ((board.id, q.id),)


def test_devices_fed_from_two_sources_are_listed_with_both() -> None:
    project, supply, board = supply_and_board()
    generator = project.add("supply", supply_kind="private_mv_lv")
    project.connect(generator, board)
    add_ev_feeder(project, board)
    topo = project.topology()
    assert topo.fed_by[board.id] == (supply.id, generator.id)
    assert board.id in topo.multi_fed
    # an open tie separates them again
    project2, _, b1 = supply_and_board()
    s2 = project2.add("supply")
    b2 = project2.add("switchboard")
    project2.connect(s2, b2)
    tie = project2.add("switch", closed=False)
    project2.connect(b1, tie)
    project2.connect(tie, b2, "out", "in")
    topo2 = project2.topology()
    assert topo2.multi_fed == () and topo2.fed_by[b2.id] == (s2.id,)


def test_unconnected_devices_are_unfed_but_control_only_devices_are_not() -> None:
    project, _ = car_park(1)
    lonely = project.add("evse")
    zone = project.add("lms")
    topo = project.topology()
    assert lonely.id in topo.unfed and zone.id not in topo.unfed


def test_load_management_zones_and_their_points() -> None:
    project, feeders = car_park(2)
    main = project.add("lms", mode="dynamic")
    sub = project.add("lms")
    project.connect(main, sub, "ctrl", "parent")
    project.connect(sub, feeders[0].evse, "ctrl", "ctrl")
    project.connect(main, feeders[1].evse, "ctrl", "ctrl")
    topo = project.topology()
    assert topo.controlled(main.id) == sorted([sub.id, feeders[1].evse.id])
    assert topo.zones_of(feeders[0].evse.id) == [sub.id, main.id]


@st.composite
def _power_graphs(draw):
    """A random power adjacency (device -> neighbour -> links, doubled connections included),
    a random set of open devices and up to three sources: what the loop test reads."""
    n = draw(st.integers(min_value=1, max_value=9))
    nodes = [f"d{i}" for i in range(n)]
    adj: dict[str, dict[str, int]] = {x: {} for x in nodes}
    for u, v in draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)))):
        if u != v:
            adj[u][v] = adj[v][u] = adj[u].get(v, 0) + 1
    open_devices = set(draw(st.lists(st.sampled_from(nodes))))
    # mostly one source: the case the feed's own count answers
    k = min(n, draw(st.sampled_from([1, 1, 1, 0, 2, 3])))
    sources = tuple(draw(st.lists(st.sampled_from(nodes), min_size=k, max_size=k, unique=True)))
    return adj, open_devices, sources


def _closed_graph_has_a_cycle(adj: dict[str, dict[str, int]], open_devices: set[str]) -> bool:
    """The closed devices' graph has more connections than a forest: links - devices +
    components > 0 (its cyclomatic number, links counted with their multiplicity)."""
    closed = nx.MultiGraph()
    closed.add_nodes_from(x for x in adj if x not in open_devices)
    for u, neighbours in adj.items():
        for v, links in neighbours.items():
            if u < v and u not in open_devices and v not in open_devices:
                closed.add_edges_from([(u, v)] * links)
    cyclomatic = closed.number_of_edges() - len(closed) + nx.number_connected_components(closed)
    return cyclomatic > 0


@settings(max_examples=300, deadline=None)
@given(_power_graphs())
def test_the_linear_loop_test_agrees_with_the_cycle_count_of_the_closed_graph(graph) -> None:
    """The depth-first test over every device, what Topology.of falls back on."""
    adj, open_devices, _ = graph
    assert _has_loop(adj, open_devices, adj) == _closed_graph_has_a_cycle(adj, open_devices)


@settings(max_examples=600, deadline=None)
@given(_power_graphs())
def test_the_loop_test_read_from_the_feed_agrees_with_the_cycle_count(graph) -> None:
    """What Topology.of does: one pass from the sources, its counts answering for the fed
    devices (one source) and the depth-first test for the rest (or everything, with none or
    several sources)."""
    adj, open_devices, sources = graph
    feed = _bfs(sources, adj, open_devices | set(sources))
    fed = dict.fromkeys(feed.order)
    unreached = adj.keys() - fed.keys()
    found = _loop_exists(adj, open_devices, sources, feed, fed, unreached)
    assert found == _closed_graph_has_a_cycle(adj, open_devices)


# what a file may hold (^[A-Za-z0-9_-]{1,64}$), kept short so that prefixes collide
_ID = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=1, max_size=6)
_PLAIN_LOOKING_ID = st.builds(
    "{}{}{}{}".format,
    st.sampled_from("dD"),
    st.sampled_from(["", "0"]),
    st.integers(0, 120),
    st.sampled_from(["", "a"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PLAIN_LOOKING_ID, _ID), unique=True, max_size=12))
def test_siblings_sort_exactly_as_natural_key_orders_them(ids) -> None:
    """Plain ids (d1, d2, ...) skip natural_key; any other id, and leading zeros (d01 sorts
    next to d1), must come out in natural_key's order all the same."""
    assert _sorted_naturally(ids, _KeyCache()) == tuple(sorted(ids, key=natural_key))
