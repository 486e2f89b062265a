"""Property: a correct installation stays clean under harmless edits (moving devices,
retagging, renaming), and an accepted warning stays accepted through them."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from evsld.model import EditError, Placement, Project
from evsld.model.operations import MoveDevice, SetAttribute, SetName, SetTag
from evsld.rules.acceptance import accept
from evsld.rules.engine import check_project
from tests.builders import add_ev_feeder, car_park

EDIT = st.one_of(
    st.tuples(
        st.just("move"),
        st.integers(0, 10_000),
        st.tuples(
            st.integers(-5000, 5000), st.integers(-5000, 5000), st.sampled_from((0, 90, 180, 270))
        ),
    ),
    st.tuples(
        st.just("tag"),
        st.integers(0, 10_000),
        st.text("ABCEFKQWX+0123456789", min_size=1, max_size=6),
    ),
    st.tuples(st.just("name"), st.integers(0, 10_000), st.text(max_size=30)),
)


def installation(chargers: int, single_phase: int, far: bool) -> Project:
    """car_park's correct final circuits, single-phase (1P+N) ones in balanced threes
    (R-PH-UNB), maybe one 45 m away."""
    project, _ = car_park(chargers)
    board = project.diagram.by_tag("+B1")
    for i in range(3 * single_phase):
        f = add_ev_feeder(project, board, phases=1, phase=("L1", "L2", "L3")[i % 3], power_kw=7.4)
        for device in (f.breaker, f.rcd):
            project.apply(SetAttribute(device.id, "poles", "1P+N"))
        project.apply(SetAttribute(f.cable.id, "phases", 1))
    if far:
        far_feeder = add_ev_feeder(project, board)
        project.apply(SetAttribute(far_feeder.cable.id, "length_m", 45.0))
        (warning,) = check_project(project).findings
        project.apply(accept(project, warning, "type 3 SPD inside the charger"))
    return project


def apply_edit(project: Project, edit: tuple) -> None:
    what, index, value = edit
    ids = sorted(d.id for d in project.diagram.devices())
    device_id = ids[index % len(ids)]
    op = {
        "move": lambda: MoveDevice(device_id, Placement(*value)),
        "tag": lambda: SetTag(device_id, value),
        "name": lambda: SetName(device_id, value),
    }[what]()
    with contextlib.suppress(EditError):  # a duplicate tag, an unprintable name: refused
        project.apply(op)


def keys(project: Project) -> list[tuple]:
    return [(f.rule, f.severity, f.devices) for f in check_project(project).findings]


@settings(max_examples=40, deadline=None)
@given(
    chargers=st.integers(1, 4),
    single_phase=st.integers(0, 1),
    far=st.booleans(),
    edits=st.lists(EDIT, max_size=25),
)
def test_harmless_edits_keep_a_correct_installation_clean(
    chargers: int, single_phase: int, far: bool, edits: list[tuple]
) -> None:
    project = installation(chargers, single_phase, far)
    report = check_project(project)
    assert report.errors == report.warnings == 0 and report.notices == ()
    accepted = [a.finding.key for a in report.accepted]
    assert len(accepted) == int(far)
    for edit in edits:
        apply_edit(project, edit)
    after = check_project(project)
    assert keys(project) == [(f.rule, f.severity, f.devices) for f in report.findings]
    assert [a.finding.key for a in after.accepted] == accepted and after.notices == ()
