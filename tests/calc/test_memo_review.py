"""Edits tests/calc/test_memo.py never makes, and the inputs of a reused entry they reach.

test_memo.py edits attributes, tags, names and settings, removes devices and links, and
undoes: the drawing is never wired anew. Here a device is wired around, put into a link,
moved to another board or replaced by one of another kind, and the directed tests pin the
inputs of a reused entry that only such edits (or data no template has: a power-limited
zone, two supplies, usage groups) reach. Each compares `analyse` (reusing the last run) with
a calculation from scratch, field by field.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import installation
from evsld.calc.analysis import analyse
from evsld.model import Device, Project
from evsld.model.diagram import EditError
from evsld.model.operations import (
    AddDevice,
    Connect,
    Disconnect,
    Group,
    Operation,
    RemoveDevice,
    SetAttribute,
    SetProjectList,
    SetTag,
)
from evsld.model.project_data import UsageGroup
from evsld.templates import build
from tests.calc.circuits import SUPPLY, add_branch
from tests.calc.test_memo import _assert_same


def _edit_and_compare(project: Project, *ops: Operation) -> None:
    """Analyse, apply every edit, then compare the reusing analysis with a fresh one."""
    analyse(project)
    for op in ops:
        project.apply(op)
    _assert_same(project)


def _link(project: Project, upstream: str, downstream: str) -> str:
    """The power link between two neighbouring devices."""
    return next(
        c.id
        for c in project.diagram.connections_of(downstream)
        if upstream in (c.a.device, c.b.device)
    )


# --- the protecting device of a reused entry ------------------------------------------------


def _sub_board_behind_a_breaker() -> tuple[Project, dict[str, Device]]:
    """Main board -> (a final circuit, and meter -> C16 breaker -> sub-board -> 2.5 mm2 cable
    -> 16 A charger). The breaker has one way, so it hands its line side on unchanged: the
    sub-board's line-side tuple is the meter's."""
    project = Project()
    supply = project.add("supply", **SUPPLY)
    main = project.add("switchboard", role="main", rated_current_a=400.0)
    project.connect(supply, main)
    add_branch(project, main)
    meter = project.add("meter")
    breaker = project.add("breaker", in_a=16.0)
    sub = project.add("switchboard", role="secondary", rated_current_a=100.0)
    cable = project.add("cable", phase_section_mm2=2.5, length_m=10.0)
    evse = project.add("evse", rated_current_a=16.0)
    for a, b in ((main, meter), (meter, breaker), (breaker, sub), (sub, cable), (cable, evse)):
        project.connect(a, b)
    return project, {"meter": meter, "breaker": breaker, "sub": sub, "cable": cable}


def test_a_sub_board_moved_off_its_breaker_is_no_longer_protected_by_it() -> None:
    """The sub-board moves from the breaker's outgoing way to the meter's; the breaker stays
    in the drawing as a spare way. Nothing above the sub-board changed (the meter carries the
    same current, the breaker now nothing), so its line-side tuple is the same object as
    before, but its first OCPD above is no longer the breaker: no device protects the
    2.5 mm2 cable any more. A stale reuse keeps 'protected by Q (C16)', and the checker then
    passes R433-IB-IN-IZ and R41-TN-ZS on an unprotected cable."""
    project, d = _sub_board_behind_a_breaker()
    _edit_and_compare(
        project,
        Disconnect(_link(project, d["breaker"].id, d["sub"].id)),
        Connect(project.make_connection(d["meter"], "out", d["sub"], "in")),
    )
    results = analyse(project).results
    assert results[d["sub"].id].ocpd_id is None
    assert results[d["cable"].id].ocpd_id is None


def test_a_breaker_removed_and_wired_around_leaves_nothing_that_names_it() -> None:
    """Removing the breaker and linking the meter to the sub-board: the removed breaker must
    not stay the protecting device of anything (a stale reuse looks it up and fails)."""
    project, d = _sub_board_behind_a_breaker()
    _edit_and_compare(
        project,
        RemoveDevice(d["breaker"].id),
        Connect(project.make_connection(d["meter"], "out", d["sub"], "in")),
    )
    assert analyse(project).results[d["cable"].id].ocpd_id is None


def test_a_breaker_put_into_a_sub_board_feeder_protects_what_it_feeds() -> None:
    """The reverse: a breaker inserted between the meter and an unprotected sub-board becomes
    the first OCPD above the sub-board, its cable and its charger."""
    project, d = _sub_board_behind_a_breaker()
    project.apply(RemoveDevice(d["breaker"].id))
    project.apply(Connect(project.make_connection(d["meter"], "out", d["sub"], "in")))
    breaker = project.make_device("breaker", in_a=16.0)
    _edit_and_compare(
        project,
        Disconnect(_link(project, d["meter"].id, d["sub"].id)),
        AddDevice(breaker),
        Connect(project.make_connection(d["meter"], "out", breaker, "in")),
        Connect(project.make_connection(breaker, "out", d["sub"], "in")),
    )
    assert analyse(project).results[d["cable"].id].ocpd_id == breaker.id


# --- inputs no template exercises -----------------------------------------------------------


def test_a_new_supply_voltage_moves_the_cap_of_a_power_limited_zone() -> None:
    """A zone's cap per phase is min(I limit, P limit / U0). The chargers' currents do not
    depend on U0, so each hands on its unchanged flow and the board's inputs are the same
    objects: only the U0 the flows pass compares catches the new cap. 2 x 32 A three-phase
    under a 10 kW zone: 10,000 / 230 = 43.48 A per phase, / 240 = 41.67 A."""
    project = Project()
    supply = project.add("supply", **SUPPLY)
    board = project.add("switchboard", role="main", rated_current_a=400.0)
    project.connect(supply, board)
    zone = project.add("lms", limit_a=200.0, limit_kw=10.0)
    for _ in range(2):
        _, _, evse = add_branch(project, board)
        project.connect(zone, evse, "ctrl", "ctrl")
    assert analyse(project).results[board.id].ib_a == pytest.approx(10_000.0 / 230.0)
    _edit_and_compare(project, SetAttribute(supply.id, "u0_v", 240.0))
    assert analyse(project).results[board.id].ib_a == pytest.approx(10_000.0 / 240.0)


def test_a_sub_board_moved_to_another_supply_is_fed_by_it() -> None:
    """Two identical supplies: every value below the moved sub-board is the same but its
    source. The reused state tuples must tell the supplies apart (by id, not by value)."""
    project = Project()
    first = project.add("supply", **SUPPLY)
    second = project.add("supply", **SUPPLY)
    boards = [project.add("switchboard", role="main", rated_current_a=400.0) for _ in range(2)]
    for s, b in zip((first, second), boards, strict=True):
        project.connect(s, b)
        add_branch(project, b)
    sub = project.add("switchboard", role="secondary", rated_current_a=100.0)
    project.connect(boards[0], sub)
    _, cable, evse = add_branch(project, sub)
    _edit_and_compare(
        project,
        Disconnect(_link(project, boards[0].id, sub.id)),
        Connect(project.make_connection(boards[1], "out", sub, "in")),
    )
    results = analyse(project).results
    assert {results[x].source_id for x in (sub.id, cable.id, evse.id)} == {second.id}


def test_a_renamed_private_supply_is_renamed_in_the_notes_below_it() -> None:
    """Without a transformer, every device below a private MV/LV supply carries a note naming
    the supply by tag: the note is kept with the device's entry, so the supply's new tag must
    reach every entry below it."""
    project = Project()
    supply = project.add("supply", supply_kind="private_mv_lv")
    board = project.add("switchboard", role="main", rated_current_a=400.0)
    project.connect(supply, board)
    add_branch(project, board)
    assert any(supply.tag in n.message for n in analyse(project).notes)
    _edit_and_compare(project, SetTag(supply.id, "G-MV"))
    messages = [n.message for n in analyse(project).notes]
    assert any("G-MV" in m for m in messages)
    assert not any(supply.tag in m for m in messages)


def test_a_usage_group_factor_reaches_the_demand() -> None:
    """The demand table reads the project's usage groups, which no device holds. A 100 kW
    load (demand factor 1) in a day group: factor 0.5 gives 50 kW by day, 0.8 gives 80 kW."""
    project = Project()
    project.apply(SetProjectList("usage_groups", (UsageGroup("Offices", "day", 0.5),)))
    supply = project.add("supply", **SUPPLY)
    board = project.add("switchboard", role="main", rated_current_a=400.0)
    project.connect(supply, board)
    leaf = {"power_kw": 100.0, "demand_factor": 1.0, "usage_group": "Offices"}
    add_branch(project, board, leaf_kind="load", leaf=leaf)
    assert analyse(project).demand.day_kw == pytest.approx(50.0)
    _edit_and_compare(project, SetProjectList("usage_groups", (UsageGroup("Offices", "day", 0.8),)))
    assert analyse(project).demand.day_kw == pytest.approx(80.0)


def test_chargers_swapping_zones_leave_the_currents_as_a_fresh_run_makes_them() -> None:
    """Three 26 A chargers on one sub-board, each in its own zone (11, 5 and 17 A). The
    first and the last swap zones: the sub-board's flow is equal to the last one (same
    vectors per zone) and is kept, with the zones in the old order {A, B, C}; a fresh run
    merges them as {C, B, A}. The main board (two ways) reuses its currents, summed
    (A + B) + C, where a fresh run sums (C + B) + A: floating point addition is not
    associative, so cos phi comes out 0.9000000000000001 against 0.8999999999999999."""
    project = Project()
    supply = project.add("supply", **SUPPLY)
    main = project.add("switchboard", role="main", rated_current_a=400.0)
    sub = project.add("switchboard", role="secondary", rated_current_a=400.0)
    project.connect(supply, main)
    project.connect(main, sub)
    project.connect(main, project.add("load", power_kw=10.0))
    zones = [project.add("lms", limit_a=a) for a in (11.0, 5.0, 17.0)]
    evses = [project.add("evse", rated_current_a=26.0, cos_phi=0.9) for _ in zones]
    for zone, evse in zip(zones, evses, strict=True):
        project.connect(sub, evse)
        project.connect(zone, evse, "ctrl", "ctrl")
    first, last = evses[0].id, evses[-1].id
    _edit_and_compare(
        project,
        Disconnect(_link(project, zones[0].id, first)),
        Disconnect(_link(project, zones[-1].id, last)),
        Connect(project.make_connection(zones[-1], "ctrl", evses[0], "ctrl")),
        Connect(project.make_connection(zones[0], "ctrl", evses[-1], "ctrl")),
    )


# --- random rewiring ------------------------------------------------------------------------

PROJECTS = {
    "car park on busways": lambda: build("car-park", floors=1, points_per_floor=4),
    "office with sub-zones": lambda: build("office", indoor_points=4, outdoor_points=2),
    "synthetic": lambda: installation(12),
}

SERIES_KINDS = ("breaker", "fuse", "switch", "meter", "rcd")


def _bypass(project: Project, device: Device, pick: int) -> Operation | None:
    """Remove a series device and link its line side straight to its load side."""
    topo = project.topology()
    parent, kids = topo.parent.get(device.id), topo.children.get(device.id, ())
    if parent is None or not kids or device.kind not in (*SERIES_KINDS, "cable"):
        return None
    return Group(
        (
            RemoveDevice(device.id),
            *(Connect(project.make_connection(parent, "out", k, "in")) for k in kids),
        )
    )


def _insert(project: Project, device: Device, pick: int) -> Operation | None:
    """Put a new series device (of a kind chosen by `pick`) into the device's line side."""
    parent = project.topology().parent.get(device.id)
    if parent is None:
        return None
    new = project.make_device(SERIES_KINDS[pick % len(SERIES_KINDS)])
    return Group(
        (
            Disconnect(_link(project, parent, device.id)),
            AddDevice(new),
            Connect(project.make_connection(parent, "out", new, "in")),
            Connect(project.make_connection(new, "out", device, "in")),
        )
    )


def _move(project: Project, device: Device, pick: int) -> Operation | None:
    """Feed the device from another board or busway."""
    parent = project.topology().parent.get(device.id)
    boards = sorted(
        b.id
        for b in project.diagram.devices_of_kind("switchboard", "busway")
        if b.id not in (parent, device.id)
    )
    if parent is None or not boards:
        return None
    return Group(
        (
            Disconnect(_link(project, parent, device.id)),
            Connect(project.make_connection(boards[pick % len(boards)], "out", device, "in")),
        )
    )


def _replace(project: Project, device: Device, pick: int) -> Operation | None:
    """Replace a series device by one of another kind, on the same links."""
    if device.kind not in SERIES_KINDS:
        return None
    kinds = [k for k in SERIES_KINDS if k != device.kind]
    new = project.make_device(kinds[pick % len(kinds)])
    relink = [
        Connect(project.make_connection(c.a.device, c.a.port, new, "in"))
        if c.b.device == device.id
        else Connect(project.make_connection(new, "out", c.b.device, c.b.port))
        for c in project.diagram.connections_of(device.id)
        if c.a.port in ("in", "out") and c.b.port in ("in", "out")
    ]
    return Group((RemoveDevice(device.id), AddDevice(new), *relink))


REWIRE: tuple[Callable[[Project, Device, int], Operation | None], ...] = (
    _bypass,
    _insert,
    _move,
    _replace,
)


def _rewire(project: Project, what: int, pick: int) -> Operation | None:
    fed = project.topology().order
    device = project.diagram.device(fed[pick % len(fed)])
    return REWIRE[what % len(REWIRE)](project, device, pick // len(fed))


@pytest.mark.parametrize("name", sorted(PROJECTS))
@given(steps=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 10_000)), max_size=6))
@settings(
    deadline=None, max_examples=10, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
def test_reusing_analysis_equals_a_fresh_one_after_rewiring(
    name: str, steps: list[tuple[int, int]]
) -> None:
    """Bypass, insert, move or replace a device, or undo the last of those (1 step in 5)."""
    project = PROJECTS[name]()
    analyse(project)
    undo: list[Operation] = []
    for what, pick in steps:
        undoing = what == 4 and bool(undo)
        op = undo.pop() if undoing else _rewire(project, what, pick)
        if op is not None:
            with contextlib.suppress(EditError):  # a refused edit changes nothing
                inverse = project.apply(op)
                if not undoing:
                    undo.append(inverse)
            _assert_same(project)
