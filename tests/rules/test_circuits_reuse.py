"""The circuit lookups a check reuses (`Circuits.of`) equal lookups built from scratch.

After an edit that kept the topology and changed only devices whose attributes the lookups do
not read, or cables, the last run's lookups are reused and the SPD distances below the changed
cables recomputed. A stale lookup (an old OCPD record, an old SPD distance) would read as a
wrong "pass", so after every step of random edit sequences every lookup is compared with a
fresh build, and the check's findings with those of a project read back from its file.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import installation
from evsld.model import Project
from evsld.model.diagram import EditError
from evsld.model.fileformat.reader import project_from_bytes
from evsld.model.fileformat.writer import project_to_json
from evsld.model.kinds import KINDS
from evsld.model.operations import Operation, RemoveDevice, SetAttribute, SetTag
from evsld.rules.circuits import Circuits
from evsld.rules.engine import check_project
from evsld.rules.view import CheckView
from tests.builders import add_ev_feeder, supply_and_board
from tests.calc.test_memo import PROJECTS, step
from tests.calc.test_memo import _edit as random_edit


def _lookups(c: Circuits) -> dict[str, Any]:
    """Everything a rule can ask the lookups, for every fed device."""
    order = c.topology.order
    return {
        "devices": [c.device(x) for x in order],
        "points": [c.points(x) for x in order],
        "loads": [c.non_ev_loads(x) for x in order],
        "ocpd above": [c.ocpd_above(x) for x in order],
        "rcd above": [c.rcd_above(x) for x in order],
        "spd": [c.spd_cover(x) for x in order],
        "ev points": [(p.id, p.device, p.ocpd, p.rcds, p.rcd, p.protecting) for p in c.ev_points],
        "separated": [c.separated(e) for e in c.evses],
        "origins": c.origins(),
        "fed": {kind: list(c.fed(kind)) for kind in KINDS},
    }


def _assert_same_as_fresh(project: Project) -> None:
    view = CheckView.of(project)
    fresh = Circuits(project.diagram, view.topology, view.devices)
    assert _lookups(view.circuits) == _lookups(fresh)
    reread = project_from_bytes(project_to_json(project).encode())
    assert _findings(project) == _findings(reread)


def _findings(project: Project) -> list[tuple[Any, ...]]:
    """Every finding with its fix's label (fixes compare by identity, and the ids a fix that
    adds devices takes depend on the project's id counters)."""
    return [
        (f.rule, f.severity, f.clause, f.devices, f.message, f.acceptable)
        + (() if f.fix is None else (f.fix.label,))
        for f in check_project(project).findings
    ]


def _two_supplies() -> Project:
    """Two supplies, each with a main board, its SPD and chargers, an open tie switch between
    the boards, and a sub-board on a cable from the first."""
    project = Project()
    boards = []
    for _ in range(2):
        project, _, board = supply_and_board(project, ze_ohm=0.1, main_in_a=250.0)
        project.connect(board, project.add("spd", spd_type="T2"))
        for _ in range(2):
            add_ev_feeder(project, board)
        boards.append(board)
    tie = project.add("switch", closed=False)
    project.connect(boards[0], tie)
    project.connect(tie, boards[1], "out", "in")
    feeder = add_ev_feeder(project, boards[0])
    sub = project.add("switchboard", role="secondary", rated_current_a=100.0)
    project.apply(RemoveDevice(feeder.evse.id))
    project.connect(feeder.cable, sub)
    add_ev_feeder(project, sub)
    return project


CASES = {**PROJECTS, "two supplies": _two_supplies}


@pytest.mark.parametrize("name", sorted(CASES))
@settings(
    max_examples=10, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_reused_lookups_equal_fresh_ones_after_any_edits(
    name: str, steps: list[tuple[int, int, int]]
) -> None:
    project = CASES[name]()
    check_project(project)
    for what, pick, value in steps:
        op = random_edit(project, what, pick, value)
        if op is None:
            continue
        try:
            project.apply(op)
        except EditError:
            continue
        _assert_same_as_fresh(project)


def _circuits(project: Project) -> Circuits:
    return CheckView.of(project).circuits


def _final(project: Project, kind: str, n: int) -> str:
    """The n-th fed device of this kind in feeding order."""
    return [x for x in project.topology().order if project.diagram.device(x).kind == kind][n]


def test_a_cable_edit_reuses_the_lookups_and_moves_the_spd_distances_below_it() -> None:
    """A feeder cable 60 m -> 90 m: the boards' charger circuits are 30 m farther from the main
    board's SPD; their own board's SPD stays where it is (0 m)."""
    project = installation(40)
    before = _circuits(project)
    feeder = _final(project, "cable", 0)  # the first secondary board's feeder
    board = project.topology().children[feeder][0]
    project.apply(SetAttribute(feeder, "length_m", 90.0))
    after = _circuits(project)
    assert after is not before and after.ev_points is before.ev_points  # reused
    cover_before, cover_after = before.spd_cover(feeder), after.spd_cover(feeder)
    assert cover_before is not None and cover_after is not None
    assert cover_after.metres == pytest.approx(cover_before.metres + 30.0)
    assert after.spd_cover(board) == before.spd_cover(board)  # the board's own SPD
    _assert_same_as_fresh(project)


def test_a_final_cable_edit_moves_its_charger_from_the_board_spd() -> None:
    project = installation(20)
    cable = _final(project, "cable", 3)  # a final circuit's cable
    evse = project.topology().children[cable][0]
    metres = _circuits(project).spd_cover(evse).metres
    project.apply(SetAttribute(cable, "length_m", 45.0))
    old_length = 10.0 + (2 % 10) * 2  # benchmarks.synthetic: the third charger's cable
    assert _circuits(project).spd_cover(evse).metres == pytest.approx(metres - old_length + 45.0)
    _assert_same_as_fresh(project)


@pytest.mark.parametrize(
    ("kind", "n", "attribute", "value"),
    [
        ("breaker", 1, "in_a", 40.0),  # a final circuit's breaker
        ("rcd", 0, "rcd_type", "A"),
        ("evse", 0, "points", 2),
        ("transformer", 0, "purpose", "separation"),
    ],
)
def test_an_edit_of_a_device_the_lookups_read_builds_them_anew(
    kind: str, n: int, attribute: str, value: object
) -> None:
    project = installation(20)
    before = _circuits(project)
    device = _final(project, kind, n)
    project.apply(SetAttribute(device, attribute, value))
    after = _circuits(project)
    assert after.ev_points is not before.ev_points
    _assert_same_as_fresh(project)


def test_a_renamed_board_keeps_the_lookups_and_hands_out_the_new_device() -> None:
    project = installation(20)
    before = _circuits(project)
    board = _final(project, "switchboard", 1)
    project.apply(SetTag(board, "XB9"))
    after = _circuits(project)
    assert after.ev_points is before.ev_points
    assert after.device(board).tag == "XB9"
    _assert_same_as_fresh(project)


def test_an_edit_is_seen_by_the_next_run_only() -> None:
    """Two projects never share lookups, and a project's edit never changes the lookups an
    earlier view of it holds."""
    first, second = installation(10), installation(10)
    a, b = _circuits(first), _circuits(second)
    assert a is not b and a.topology is not b.topology
    cable = _final(first, "cable", 2)
    metres = a.spd_cover(cable).metres
    op: Operation = SetAttribute(cable, "length_m", 99.0)
    first.apply(op)
    _circuits(first)
    assert a.spd_cover(cable).metres == metres
