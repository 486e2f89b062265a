"""Tools > Balance Phases: evsld.calc's phase allocation applied as one undoable command,
with the unbalance before and after told to the user.

Unbalance is the catalog's u = (Imax - Iavg)/Iavg (R-PH-UNB), quoted at the origin and at
the worst board or busway, since the allocation balances every one of them at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from evsld.calc.currents import unbalance
from evsld.calc.phase_allocation import PhasePlan, balance_phases, phase_moves_operation
from evsld.ui.document import Document

MOVES_LISTED = 12


@dataclass(frozen=True)
class BalanceOutcome:
    plan: PhasePlan
    applied: bool
    message: str


def _worst(currents: Mapping[str, tuple[float, float, float]], nodes: list[str]) -> float:
    return max((unbalance(*currents[n]) for n in nodes), default=0.0)


def describe(plan: PhasePlan, document: Document) -> str:
    """Before/after unbalance at the origin and the worst board, and the moves."""
    project = document.project
    sources = [s for s in project.topology().sources if s in plan.before]
    boards = [n for n in plan.before if n not in sources]
    lines = []
    for source in sources:
        tag = project.diagram.device(source).tag
        before, after = unbalance(*plan.before[source]), unbalance(*plan.after[source])
        lines.append(f"Unbalance at the origin {tag}: {before:.1%} → {after:.1%}")
    if boards:
        lines.append(
            f"Worst board or busway: {_worst(plan.before, boards):.1%} → "
            f"{_worst(plan.after, boards):.1%}"
        )
    moves = [f"{m.tag}: {m.old_phase} → {m.new_phase}" for m in plan.moves[:MOVES_LISTED]]
    if len(plan.moves) > MOVES_LISTED:
        moves.append(f"and {len(plan.moves) - MOVES_LISTED} more")
    return "\n".join([*lines, "", *moves]).strip()


def balance(document: Document) -> BalanceOutcome:
    """Run the allocation; apply its reassignments as one undo step when there are any."""
    plan = balance_phases(document.project)
    if not plan.before:
        return BalanceOutcome(plan, False, "Nothing to balance: no device is fed by a supply.")
    if not plan.moves:
        return BalanceOutcome(
            plan,
            False,
            "The single-phase chargers are already on the best phases; nothing was changed.\n\n"
            + describe(plan, document),
        )
    count = len(plan.moves)
    label = f"Balance phases ({count} charger{'' if count == 1 else 's'})"
    applied = document.execute(phase_moves_operation(plan.moves), label)
    if not applied:
        return BalanceOutcome(plan, False, f"The model refused: {document.last_refusal}")
    return BalanceOutcome(
        plan,
        True,
        f"Moved {count} charger{'' if count == 1 else 's'}.\n\n{describe(plan, document)}",
    )
