"""Phase allocation: put single-phase AC chargers on L1/L2/L3 so that every board, busway
and the origin is as balanced as possible at once (R-PH-UNB, R-PH-DSO, R-PH-ROT; the
design guide spreads single-phase EVSE equally over the three phases).

The objective is the sum over those nodes of the spread Imax - Imin of their phase currents
(amperes, so a board and the origin weigh the same per ampere). Each charger counts at its
rated current (factor 1, 722.311) and other consumers at their design currents; generation
is left out (it may be absent). The search is greedy, largest chargers first, each on the
phase that adds least spread along its feeding path, followed by single moves while they
lower the objective, then by reverting every move that does not pay for itself, so a
balanced installation gets no suggestion and an unbalanced one gets few.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from evsld.calc.currents import PHASE_INDEX, PHASES, leaf_current
from evsld.model.operations import Group, SetAttribute
from evsld.model.project import Project

BALANCE_KINDS = ("switchboard", "busway", "supply")
MAX_PASSES = 20


@dataclass(frozen=True, slots=True)
class PhaseMove:
    device_id: str
    tag: str
    old_phase: str
    new_phase: str


@dataclass(frozen=True, slots=True)
class PhasePlan:
    moves: tuple[PhaseMove, ...]
    before: Mapping[str, tuple[float, float, float]]  # balance node -> phase currents
    after: Mapping[str, tuple[float, float, float]]

    @property
    def spread_before(self) -> float:
        return sum(max(v) - min(v) for v in self.before.values())

    @property
    def spread_after(self) -> float:
        return sum(max(v) - min(v) for v in self.after.values())


@dataclass(slots=True)
class _Charger:
    device_id: str
    current: float
    path: list[list[float]]  # phase-current lists of the balance nodes above it
    phase: int


def _spread_change(path: Sequence[list[float]], current: float, remove: int, add: int) -> float:
    change = 0.0
    for loads in path:
        before = max(loads) - min(loads)
        trial = list(loads)
        if remove >= 0:
            trial[remove] -= current
        trial[add] += current
        change += max(trial) - min(trial) - before
    return change


def _place(charger: _Charger, phase: int) -> None:
    for loads in charger.path:
        if charger.phase >= 0:
            loads[charger.phase] -= charger.current
        loads[phase] += charger.current
    charger.phase = phase


def balance_phases(project: Project) -> PhasePlan:
    """The reassignments that balance the installation, with phase currents before/after."""
    topo = project.topology()
    diagram = project.diagram
    settings = project.settings
    loads: dict[str, list[float]] = {
        n: [0.0, 0.0, 0.0] for n in topo.order if diagram.device(n).kind in BALANCE_KINDS
    }
    chargers: list[_Charger] = []
    original: dict[str, int] = {}
    for node in topo.order:
        device = diagram.device(node)
        supply = diagram.device(topo.up(node)[0]).attrs
        leaf = leaf_current(device.kind, device.attrs, settings, supply["u0_v"], supply["u_v"])
        if leaf is None or not leaf.draws:
            continue
        path = [loads[a] for a in topo.up(node) if a in loads]
        movable = device.kind == "evse" and device["current_type"] == "AC" and device["phases"] == 1
        if movable:
            chargers.append(_Charger(node, leaf.ib_a, path, -1))
            original[node] = PHASE_INDEX[device["phase"]]
        else:
            for branch in path:
                for p in range(3):
                    branch[p] += leaf.phase_currents[p]
    before = _snapshot(loads, chargers, original)

    # greedy: largest first, least added spread, then the least loaded phase nearest the
    # charger, then its present phase
    for charger in sorted(chargers, key=lambda c: -c.current):
        present = original[charger.device_id]
        best = min(
            range(3),
            key=lambda p: (
                round(_spread_change(charger.path, charger.current, -1, p), 9),
                charger.path[-1][p] if charger.path else 0.0,
                p != present,
                p,
            ),
        )
        _place(charger, best)
    _improve(chargers)
    _revert_idle_moves(chargers, original)

    moves = tuple(
        PhaseMove(
            c.device_id,
            diagram.device(c.device_id).tag,
            PHASES[original[c.device_id]],
            PHASES[c.phase],
        )
        for c in chargers
        if c.phase != original[c.device_id]
    )
    after = {n: (v[0], v[1], v[2]) for n, v in loads.items()}
    return PhasePlan(moves, before, after)


def _snapshot(
    loads: Mapping[str, list[float]], chargers: Sequence[_Charger], phases: Mapping[str, int]
) -> dict[str, tuple[float, float, float]]:
    """Phase currents of every balance node with the chargers on the given phases."""
    totals = {n: list(v) for n, v in loads.items()}
    index = {id(v): n for n, v in loads.items()}
    for c in chargers:
        for branch in c.path:
            totals[index[id(branch)]][phases[c.device_id]] += c.current
    return {n: (v[0], v[1], v[2]) for n, v in totals.items()}


def _improve(chargers: Sequence[_Charger]) -> None:
    """Single moves while any lowers the total spread."""
    for _ in range(MAX_PASSES):
        improved = False
        for c in chargers:
            gains = [
                (_spread_change(c.path, c.current, c.phase, p), p) for p in range(3) if p != c.phase
            ]
            change, phase = min(gains)
            if change < -1e-9:
                _place(c, phase)
                improved = True
        if not improved:
            return


def _revert_idle_moves(chargers: Sequence[_Charger], original: Mapping[str, int]) -> None:
    """Put a charger back on its drawn phase when that costs nothing."""
    for c in chargers:
        home = original[c.device_id]
        if c.phase != home and _spread_change(c.path, c.current, c.phase, home) <= 1e-9:
            _place(c, home)


def phase_moves_operation(moves: Sequence[PhaseMove]) -> Group:
    """One undoable command applying every reassignment."""
    return Group(
        tuple(SetAttribute(m.device_id, "phase", m.new_phase) for m in moves),
        label="Balance phases",
    )
