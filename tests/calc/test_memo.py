"""The reusing calculation (evsld.calc.memo) equals a calculation from scratch after any edit.

A wrong reuse would show stale currents, drops or short-circuit values, and through them a
wrong "pass": after every step of a random edit sequence, `analyse` (which reuses the last
run) is compared field by field with `compute` on an empty memo.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import installation
from evsld.calc.analysis import analyse
from evsld.calc.compute import compute
from evsld.calc.memo import Memo
from evsld.model import Placement, Project
from evsld.model.diagram import EditError
from evsld.model.operations import (
    Disconnect,
    MoveDevice,
    Operation,
    RemoveDevice,
    SetAttribute,
    SetName,
    SetProjectField,
    SetTag,
)
from evsld.templates import build

# per kind: attribute -> values an edit picks from (values a kind refuses are skipped)
EDITS: dict[str, dict[str, tuple[Any, ...]]] = {
    "cable": {
        "length_m": (1.0, 12.0, 45.0, 150.0),
        "phase_section_mm2": (1.5, 6.0, 16.0, 95.0),
        "neutral": (True, False),
        "material": ("Cu", "Al"),
        "parallel": (1, 2),
    },
    "busway": {"length_m": (10.0, 60.0), "rating_a": (100.0, 250.0)},
    "tapoff": {"position_m": (None, 3.0, 25.0), "in_a": (16.0, 40.0)},
    "breaker": {
        "in_a": (16.0, 32.0, 63.0),
        "icu_ka": (6.0, 36.0),
        "curve": ("B", "C", "D"),
        "closed": (False, True),
    },
    "rcbo": {"in_a": (16.0, 40.0), "closed": (False, True)},
    "fuse": {"in_a": (20.0, 63.0)},
    "rcd": {"i_delta_n_ma": (30.0, 300.0)},
    "evse": {
        "power_kw": (7.4, 22.0, 50.0),
        "rated_current_a": (16.0, 32.0),
        "phases": (1, 3),
        "phase": ("L1", "L2", "L3"),
        "current_type": ("AC", "DC"),
        "ac_input_current_a": (None, 80.0),
    },
    "lms": {"limit_a": (20.0, 100.0, 400.0)},
    "load": {"power_kw": (5.0, 50.0), "phase": ("L1", "L3")},
    "pv": {"power_kw": (3.0, 30.0)},
    "supply": {
        "ik_max_ka": (6.0, 25.0),
        "ze_ohm": (None, 0.2),
        "earthing": ("TN-S", "TT"),
        "u0_v": (230.0, 240.0),
        "u_v": (400.0, 415.0),
    },
    "transformer": {"rating_kva": (400.0, 1000.0), "uk_pct": (4.0, 6.0)},
}
SETTINGS = {"ac_evse_cos_phi": (0.95, 1.0), "dc_efficiency": (0.9, 0.95)}

step = st.tuples(st.integers(0, 9), st.integers(0, 10_000), st.integers(0, 100))


def _edit(project: Project, what: int, pick: int, value: int) -> Operation | None:
    """One edit chosen by three numbers; None when the drawing offers nothing to edit."""
    diagram = project.diagram
    ids = sorted(d.id for d in diagram.devices())
    if not ids:
        return None
    device = diagram.device(ids[pick % len(ids)])
    if what == 0:
        return SetTag(device.id, f"T{value}")
    if what == 1:
        return MoveDevice(device.id, Placement(float(value), 10.0))
    if what == 2:
        return SetName(device.id, f"name {value}")
    if what == 3:
        key = sorted(SETTINGS)[value % len(SETTINGS)]
        return SetProjectField("settings", key, SETTINGS[key][pick % len(SETTINGS[key])])
    if what == 4 and value < 20:
        return RemoveDevice(device.id)
    if what == 5 and value < 20:
        links = sorted(c.id for c in diagram.connections_of(device.id))
        return Disconnect(links[value % len(links)]) if links else None
    menu = EDITS.get(device.kind)
    if not menu:
        return None
    name = sorted(menu)[value % len(menu)]
    return SetAttribute(device.id, name, menu[name][pick % len(menu[name])])


def _assert_same(project: Project) -> None:
    reused = analyse(project)
    fresh = compute(project, Memo())
    assert list(reused.results) == list(fresh.results)
    for device_id, result in fresh.results.items():
        assert reused.results[device_id] == result, project.diagram.device(device_id).tag
    assert dict(reused.protections) == dict(fresh.protections)
    assert reused.notes == fresh.notes
    assert reused.demand == fresh.demand
    assert reused.sources == fresh.sources


def _run(project: Project, steps: list[tuple[int, int, int]]) -> None:
    analyse(project)
    undo: list[Operation] = []
    for what, pick, value in steps:
        if what == 9 and undo:
            project.apply(undo.pop())
        else:
            op = _edit(project, what, pick, value)
            if op is None:
                continue
            try:
                undo.append(project.apply(op))
            except EditError:
                continue
        _assert_same(project)


PROJECTS = {
    "car park on busways": lambda: build("car-park", floors=2, points_per_floor=6),
    "fleet depot": lambda: build("fleet-depot", ac_points=6, dc_points=2),
    "office with sub-zones": lambda: build("office", indoor_points=6, outdoor_points=4),
    "residential TT": lambda: build("residential", points=6, earthing="TT"),
    "synthetic": lambda: installation(30),
}


@pytest.mark.parametrize("name", sorted(PROJECTS))
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_reusing_analysis_equals_a_fresh_one_after_any_edits(
    name: str, steps: list[tuple[int, int, int]]
) -> None:
    _run(PROJECTS[name](), steps)


def test_an_edit_far_from_a_circuit_reuses_its_results() -> None:
    """Lengthening one final cable recomputes that cable and its charger, and reuses the
    results of every other device (the same objects)."""
    project = installation(20)
    before = analyse(project)
    cable = project.diagram.by_tag("W2")
    project.apply(SetAttribute(cable.id, "length_m", 33.0))
    after = analyse(project)
    changed = {d for d, r in after.results.items() if r is not before.results[d]}
    evse = project.topology().children[cable.id][0]
    assert changed == {cable.id, evse}
    assert after.results[evse].vdrop_cum_pct > before.results[evse].vdrop_cum_pct


def test_renaming_a_breaker_renames_it_in_the_notes_of_the_cable_it_protects() -> None:
    """A cable's note names its protecting device: renaming that device must reach the note
    even though nothing electrical changed."""
    project = installation(2)
    breaker = project.diagram.by_tag("Q2")
    project.apply(SetAttribute(breaker.id, "standard", "other"))
    assert any("Q2" in n.message for n in analyse(project).notes)
    project.apply(SetTag(breaker.id, "QX9"))
    messages = [n.message for n in analyse(project).notes]
    assert any("QX9" in m for m in messages)
    assert not any("Q2 " in m or "Q2)" in m for m in messages)


def _tapoffs(project: Project) -> list[str]:
    return [d.id for d in project.diagram.devices_of_kind("tapoff")]


def _apply_and_compare(project: Project, *ops: Operation) -> None:
    analyse(project)
    for op in ops:
        project.apply(op)
    _assert_same(project)


def test_moving_a_tap_off_that_carries_nothing_moves_its_short_circuit_values() -> None:
    """The busway's own state and drop stay the same (the tap-off carries no current), but
    the tap-off's place along the run, and so its Ik and Zs, change."""
    project = build("car-park", floors=1, points_per_floor=4)
    taps = _tapoffs(project)
    for tap in taps:
        project.apply(SetAttribute(tap, "position_m", 5.0))
    idle = taps[0]
    breaker = project.topology().children[idle][0]
    project.apply(SetAttribute(breaker, "closed", False))
    before = analyse(project).results[idle]
    _apply_and_compare(project, SetAttribute(idle, "position_m", 20.0))
    assert analyse(project).results[idle].ik_max_ka < before.ik_max_ka


def test_a_charger_under_a_capped_zone_redistributes_the_drops_along_its_busway() -> None:
    """A zone caps the busway's current, so it stays the same when one charger draws more;
    the share of each tap-off, and so the drops along the run, change."""
    project = build("car-park", floors=1, points_per_floor=4, load_management=True)
    evses = [d.id for d in project.diagram.devices_of_kind("evse")]
    busway = next(iter(project.diagram.devices_of_kind("busway"))).id
    second_tap = project.topology().children[busway][1]
    before = analyse(project)
    _apply_and_compare(project, SetAttribute(evses[-1], "rated_current_a", 10.0))
    after = analyse(project)
    assert after.results[busway].ib_a == before.results[busway].ib_a
    # the far charger's share moves towards the feed end: less drop along the run
    assert after.results[second_tap].vdrop_cum_pct < before.results[second_tap].vdrop_cum_pct


def test_a_charger_taken_out_of_its_zone_counts_in_full() -> None:
    """Disconnecting a charger's control link changes its zone, not the charger itself."""
    project = build("office", indoor_points=6, outdoor_points=4)
    evse = next(iter(project.diagram.devices_of_kind("evse"))).id
    link = next(c.id for c in project.diagram.connections_of(evse) if c.b.port == "ctrl")
    _apply_and_compare(project, Disconnect(link))


def test_a_new_supply_voltage_reaches_the_currents_of_unchanged_loads() -> None:
    """A building load's current is P/(√3 U cos φ): the load is unchanged, its supply is not."""
    project = build("residential", points=4)
    load = next(iter(project.diagram.devices_of_kind("load"))).id
    supply = next(iter(project.diagram.devices_of_kind("supply"))).id
    before = analyse(project).results[load].ib_a
    _apply_and_compare(project, SetAttribute(supply, "u_v", 415.0))
    assert analyse(project).results[load].ib_a < before
