"""The frontier (evsld.calc.frontier) equals a calculation from scratch, and touches only what
an edit reaches.

The frontier runs when only devices changed: the topology object, the settings, the zones
and the supplies are the last run's. Random sequences of edits that keep the topology
(attributes other than `closed`, tags, names, settings, zone limits, undo) compare the
reusing calculation with one from scratch after every step, and check that the frontier ran
wherever it should. The directed tests pin each of its safeguards: a stale value there is a
wrong "pass" on an unsafe installation.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import installation
from evsld.calc.compute import compute
from evsld.calc.memo import Memo
from evsld.calc.results import Analysis
from evsld.model import Project
from evsld.model.diagram import EditError
from evsld.model.operations import (
    Operation,
    SetAttribute,
    SetName,
    SetProjectField,
    SetProjectList,
    SetTag,
)
from evsld.model.project_data import UsageGroup
from evsld.templates import build
from tests.calc.test_memo import EDITS, PROJECTS, SETTINGS

# every attribute test_memo edits but `closed` (which changes the topology)
ATTRIBUTES: dict[str, dict[str, tuple[Any, ...]]] = {
    kind: {name: values for name, values in menu.items() if name != "closed"}
    for kind, menu in EDITS.items()
}
GLOBAL_KINDS = ("supply", "lms")  # their edits change the supplies or the zones


def _edit(project: Project, what: int, pick: int, value: int) -> Operation | None:
    """One edit that keeps the topology, chosen by three numbers."""
    ids = sorted(project.diagram.device_map())
    device = project.diagram.device(ids[pick % len(ids)])
    if what == 0:
        return SetTag(device.id, f"T{value}")
    if what == 1:
        return SetName(device.id, f"name {value}")
    if what == 2:
        key = sorted(SETTINGS)[value % len(SETTINGS)]
        return SetProjectField("settings", key, SETTINGS[key][pick % len(SETTINGS[key])])
    menu = ATTRIBUTES.get(device.kind)
    if not menu:
        return None
    name = sorted(menu)[value % len(menu)]
    return SetAttribute(device.id, name, menu[name][pick % len(menu[name])])


def _compare(project: Project, memo: Memo) -> Analysis:
    """The reusing calculation (bringing `memo` up to date) equals one from scratch; returns
    it."""
    reused = compute(project, memo)
    fresh = compute(project, Memo())
    assert list(reused.results) == list(fresh.results)
    for device_id, result in fresh.results.items():
        assert reused.results[device_id] == result, project.diagram.device(device_id).tag
    assert list(reused.protections.items()) == list(fresh.protections.items())
    assert reused.notes == fresh.notes
    assert reused.demand == fresh.demand
    assert reused.sources == fresh.sources
    return reused


def _device_only(project: Project, op: Operation) -> bool:
    """An edit of a fed device that is not a supply: the frontier's case."""
    device_id = getattr(op, "device_id", None)
    if device_id is None or isinstance(op, SetProjectField):
        return False
    return (
        project.topology().is_fed(device_id)
        and project.diagram.device(device_id).kind not in GLOBAL_KINDS
    )


@pytest.mark.parametrize("name", sorted(PROJECTS))
@settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    steps=st.lists(
        st.tuples(st.integers(0, 9), st.integers(0, 10_000), st.integers(0, 100)),
        min_size=1,
        max_size=15,
    )
)
def test_the_frontier_equals_a_fresh_analysis_after_edits_that_keep_the_topology(
    name: str, steps: list[tuple[int, int, int]]
) -> None:
    """Attribute, tag, name, setting and zone-limit edits, and undo (1 step in 10)."""
    project = PROJECTS[name]()
    memo = Memo()
    compute(project, memo)
    topology = project.topology()
    undo: list[Operation] = []
    for what, pick, value in steps:
        op = undo.pop() if what == 9 and undo else _edit(project, what, pick, value)
        if op is None:
            continue
        try:
            inverse = project.apply(op)
        except EditError:
            continue
        if op is not inverse and what != 9:
            undo.append(inverse)
        _compare(project, memo)
        assert project.topology() is topology
        if _device_only(project, op):
            assert memo.reach is not None, "the frontier did not run"


def _final_circuit(project: Project, n: int) -> dict[str, str]:
    """The n-th final circuit of a synthetic car park: breaker, RCD, cable, charger."""
    topo = project.topology()
    evse = [d for d in topo.order if project.diagram.device(d).kind == "evse"][n]
    path = topo.up(evse)
    return {project.diagram.device(d).kind: d for d in path[-4:]}


def test_lengthening_one_final_cable_recomputes_only_that_cable_and_its_charger() -> None:
    """200 chargers (about 850 devices): the frontier looks at 2 of them."""
    project = installation(200)
    memo = Memo()
    before = compute(project, memo)
    circuit = _final_circuit(project, 17)
    project.apply(SetAttribute(circuit["cable"], "length_m", 33.0))
    after = compute(project, memo)
    assert memo.reach is not None
    assert memo.reach.changed == (circuit["cable"],)
    assert memo.reach.recomputed == (circuit["cable"], circuit["evse"])
    assert memo.reach.visited == 2
    changed = {d for d, r in after.results.items() if r is not before.results[d]}
    assert changed == {circuit["cable"], circuit["evse"]}
    assert (
        after.results[circuit["evse"]].vdrop_cum_pct > before.results[circuit["evse"]].vdrop_cum_pct
    )
    _compare(project, memo)


def test_a_setting_goes_through_every_device_and_the_next_edit_is_a_frontier_again() -> None:
    project = installation(20)
    memo = Memo()
    compute(project, memo)
    project.apply(SetProjectField("settings", "ac_evse_cos_phi", 0.95))
    _compare(project, memo)
    assert memo.reach is None
    project.apply(SetAttribute(_final_circuit(project, 3)["cable"], "length_m", 12.0))
    _compare(project, memo)
    assert memo.reach is not None


def test_a_charger_drawing_more_reaches_every_board_above_it() -> None:
    """A 22 kW charger down to 16 A changes its currents and those of everything above it up
    to where its zone's cap holds the sum (the secondary board: 20 x 10 A under a 200 A
    zone), so pass 2 walks up from it: its cable and RCD carry 16 A."""
    project = installation(40)
    memo = Memo()
    compute(project, memo)
    circuit = _final_circuit(project, 0)
    before = compute(project, Memo()).results
    project.apply(SetAttribute(circuit["evse"], "rated_current_a", 16.0))
    after = _compare(project, memo).results
    assert after[circuit["rcd"]].ib_a == pytest.approx(16.0)
    assert after[circuit["breaker"]].ib_a < before[circuit["breaker"]].ib_a
    assert memo.reach is not None and circuit["breaker"] in memo.reach.recomputed


def test_a_charger_under_no_zone_reaches_the_main_board() -> None:
    """Without load management every ampere reaches the origin: the residential template's
    main board carries the charger's change (pass 2 walks up every ancestor)."""
    project = build("residential", points=4)
    memo = Memo()
    before = compute(project, memo)
    evse = next(iter(project.diagram.devices_of_kind("evse"))).id
    project.apply(SetAttribute(evse, "rated_current_a", 16.0))
    after = _compare(project, memo)
    origin = project.topology().sources[0]
    assert after.results[origin].ib_a < before.results[origin].ib_a


def test_a_new_breaker_rating_reaches_the_cable_it_protects() -> None:
    """The final breaker's state is handed on unchanged (its rating changes nothing it hands
    on), but its cable reads it: the let-through energy and the I2 note. A stale value keeps
    the old protection for the adiabatic check."""
    project = installation(20)
    memo = Memo()
    compute(project, memo)
    circuit = _final_circuit(project, 5)
    project.apply(SetAttribute(circuit["breaker"], "let_through_a2s", 20_000.0))
    _compare(project, memo)
    project.apply(SetAttribute(circuit["breaker"], "standard", "other"))
    notes = _compare(project, memo).notes
    assert any(circuit["cable"] in n.devices for n in notes)
    assert memo.reach is not None and circuit["cable"] in memo.reach.recomputed


def test_a_tap_off_moved_along_its_busway_moves_its_values() -> None:
    """A busway reads its tap-offs' places: moving one recomputes the busway and what it
    hands each tap-off."""
    project = build("car-park", floors=1, points_per_floor=4)
    memo = Memo()
    compute(project, memo)
    tap = next(iter(project.diagram.devices_of_kind("tapoff"))).id
    project.apply(SetAttribute(tap, "position_m", 20.0))
    _compare(project, memo)
    busway = project.topology().parent[tap]
    assert memo.reach is not None and busway in memo.reach.recomputed


def test_notes_that_come_and_go_keep_the_order_of_a_fresh_run() -> None:
    """Three DC chargers with an estimated input current, each with its note. The middle one
    gets a datasheet current (its note goes) and loses it again (its note returns between the
    other two, not at the end); a cable loses its neutral (a pass-3 note) and gets it back."""
    project = build("fleet-depot", ac_points=2, dc_points=3)
    memo = Memo()
    compute(project, memo)
    dc = [n.devices[0] for n in _compare(project, memo).notes if n.code == "CALC-DC-ESTIMATE"]
    assert len(dc) == 3
    cables = [d.id for d in project.diagram.devices_of_kind("cable")]
    for op in (
        SetAttribute(dc[1], "ac_input_current_a", 80.0),
        SetAttribute(dc[1], "ac_input_current_a", None),
        SetAttribute(cables[1], "neutral", False),
        SetAttribute(dc[0], "ac_input_current_a", 80.0),
        SetAttribute(cables[1], "neutral", True),
        SetAttribute(dc[0], "ac_input_current_a", None),
    ):
        project.apply(op)
        _compare(project, memo)
        assert memo.reach is not None


def test_the_demand_table_is_kept_while_no_consumer_changes() -> None:
    """A cable edit changes no line of the demand table: the last run's table is kept. A
    charger drawing less, a new usage group factor or a new zone limit sum it again."""
    project = installation(40)
    memo = Memo()
    first = compute(project, memo)
    circuit = _final_circuit(project, 2)
    project.apply(SetAttribute(circuit["cable"], "length_m", 31.0))
    assert _compare(project, memo).demand is first.demand
    project.apply(SetAttribute(circuit["evse"], "power_kw", 11.0))
    after_charger = _compare(project, memo).demand
    assert after_charger.ev_installed_kw == pytest.approx(first.demand.ev_installed_kw - 11.0)
    project.apply(SetProjectList("usage_groups", (UsageGroup("Night", "night", 0.5),)))
    project.apply(SetAttribute(circuit["evse"], "usage_group", "Night"))
    assert _compare(project, memo).demand.day_kw < after_charger.day_kw
    project.apply(SetProjectList("usage_groups", (UsageGroup("Night", "night", 0.25),)))
    _compare(project, memo)
    zone = next(iter(project.diagram.devices_of_kind("lms"))).id
    project.apply(SetAttribute(zone, "limit_a", 50.0))
    assert _compare(project, memo).demand.design_kw < after_charger.design_kw
