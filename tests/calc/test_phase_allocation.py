"""Phase allocation across boards and the origin, applied as one undoable command."""

from __future__ import annotations

from evsld.calc.analysis import analyse
from evsld.calc.phase_allocation import balance_phases, phase_moves_operation
from evsld.model import Project
from tests.calc.circuits import SUPPLY, add_branch

ONE_PHASE = {"power_kw": 7.4, "phases": 1, "rated_current_a": 32.0}


def boards_with_single_phase_points(counts: list[int], phase: str = "L1"):
    project = Project()
    supply = project.add("supply", **SUPPLY)
    main = project.add("switchboard", role="main")
    project.connect(supply, main)
    boards = []
    for count in counts:
        _, _, board = add_branch(
            project,
            main,
            leaf_kind="switchboard",
            breaker={"in_a": 125.0},
            cable={"phase_section_mm2": 50.0},
        )
        for _ in range(count):
            add_branch(project, board, cable={"phases": 1}, leaf={**ONE_PHASE, "phase": phase})
        boards.append(board)
    return project, supply, main, boards


def test_leftovers_rotate_so_the_origin_balances_too() -> None:
    """Three boards of four 32 A points: each board at best (2, 1, 1) x 32 A, and the
    single extra point of each board on a different phase gives (4, 4, 4) at the origin."""
    project, supply, main, boards = boards_with_single_phase_points([4, 4, 4])
    plan = balance_phases(project)
    for board in boards:
        assert sorted(plan.after[board.id]) == [32.0, 32.0, 64.0]
    assert plan.after[main.id] == (128.0, 128.0, 128.0)
    assert plan.after[supply.id] == (128.0, 128.0, 128.0)
    assert plan.spread_before == 3 * 128.0 + 384.0 + 384.0  # three boards, main, origin
    assert plan.spread_after == 3 * 32.0


def test_a_balanced_installation_gets_no_suggestion() -> None:
    project = Project()
    supply = project.add("supply", **SUPPLY)
    for phase in ("L1", "L2", "L3", "L1", "L2", "L3"):
        add_branch(project, supply, cable={"phases": 1}, leaf={**ONE_PHASE, "phase": phase})
    assert balance_phases(project).moves == ()


def test_three_phase_loads_and_dc_chargers_are_fixed() -> None:
    """A 9.2 kW single-phase load on L1 (40 A) stays; two 16 A points go to L2 and L3."""
    project = Project()
    supply = project.add("supply", **SUPPLY)
    add_branch(
        project,
        supply,
        leaf_kind="load",
        leaf={"power_kw": 9.2, "phases": 1, "phase": "L1", "cos_phi": 1.0},
    )
    add_branch(
        project, supply, leaf={"current_type": "DC", "power_kw": 50.0, "ac_input_current_a": 80.0}
    )
    for _ in range(2):
        add_branch(
            project,
            supply,
            cable={"phases": 1},
            leaf={**ONE_PHASE, "phase": "L1", "rated_current_a": 16.0},
        )
    plan = balance_phases(project)
    assert sorted(m.new_phase for m in plan.moves) == ["L2", "L3"]
    assert plan.after[supply.id] == (120.0, 96.0, 96.0)


def test_the_moves_apply_as_one_undoable_command() -> None:
    project, supply, _, _ = boards_with_single_phase_points([6])
    plan = balance_phases(project)
    operation = phase_moves_operation(plan.moves)
    assert operation.label == "Balance phases"
    inverse = project.apply(operation)
    assert analyse(project).result(supply.id).phase_currents_a == (64.0, 64.0, 64.0)
    assert balance_phases(project).moves == ()
    project.apply(inverse)
    assert analyse(project).result(supply.id).phase_currents_a == (192.0, 0.0, 0.0)
