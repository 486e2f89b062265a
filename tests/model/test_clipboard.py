"""Copy and paste: a pasted selection is new devices with new ids and tags, undoable at once."""

from __future__ import annotations

import json

import pytest

from evsld.model import Placement, Project
from evsld.model.clipboard import copy_selection, paste_operation
from evsld.model.fileformat import ProjectFileError, project_to_data
from evsld.model.operations import MoveDevice, SetAttribute, SetProjectList
from evsld.model.project_data import UsageGroup
from tests.builders import car_park


def test_copy_holds_the_devices_and_only_the_connections_among_them() -> None:
    project, feeders = car_park(2)
    f = feeders[0]
    data = json.loads(copy_selection(project, [f.breaker.id, f.rcd.id, f.cable.id]))
    assert sorted(d["tag"] for d in data["devices"]) == sorted(
        [f.breaker.tag, f.rcd.tag, f.cable.tag]
    )
    # breaker-rcd and rcd-cable; the board-breaker and cable-evse links leave the selection
    assert len(data["connections"]) == 2


def test_paste_adds_new_devices_with_new_ids_tags_and_offset_positions() -> None:
    project, feeders = car_park(1)
    f = feeders[0]
    project.apply(SetProjectList("usage_groups", (UsageGroup("night", "night", 0.5),)))
    project.apply(MoveDevice(f.evse.id, Placement(100.0, 300.0)))
    project.apply(SetAttribute(f.evse.id, "usage_group", "night"))
    payload = copy_selection(project, [f.cable.id, f.evse.id])
    before_ids = {d.id for d in project.diagram.devices()}
    before_tags = {d.tag for d in project.diagram.devices()}

    undo = project.apply(paste_operation(project, payload, offset=(40.0, 20.0)))

    added = [d for d in project.diagram.devices() if d.id not in before_ids]
    assert len(added) == 2
    assert not {d.tag for d in added} & before_tags
    evse = next(d for d in added if d.kind == "evse")
    assert evse.tag == "EV02"
    assert (evse.placement.x, evse.placement.y) == (140.0, 320.0)
    assert evse.attrs["usage_group"] == "night"
    cable = next(d for d in added if d.kind == "cable")
    links = project.diagram.connections_of(evse.id)
    assert [c.other(evse.id).device for c in links] == [cable.id]

    project.apply(undo)
    assert {d.id for d in project.diagram.devices()} == before_ids


def test_paste_into_another_project_brings_the_usage_groups_it_names() -> None:
    source = Project()
    source.apply(SetProjectList("usage_groups", (UsageGroup("day", "day", 0.7),)))
    evse = source.add("evse", usage_group="day")
    payload = copy_selection(source, [evse.id])

    target = Project()
    target.add("evse")  # takes EV01, so the pasted charger must become EV02
    target.apply(paste_operation(target, payload))
    assert [g.name for g in target.usage_groups] == ["day"]
    assert sorted(d.tag for d in target.diagram.devices()) == ["EV01", "EV02"]


def test_pasting_twice_gives_distinct_tags_each_time() -> None:
    project, feeders = car_park(1)
    payload = copy_selection(project, [feeders[0].breaker.id])
    project.apply(paste_operation(project, payload))
    project.apply(paste_operation(project, payload))
    tags = [d.tag for d in project.diagram.devices_of_kind("breaker")]
    assert len(tags) == len(set(tags)) == 3


def test_paste_round_trips_through_save_data_after_undo() -> None:
    project, feeders = car_park(2)
    start = project_to_data(project)
    payload = copy_selection(project, [f.evse.id for f in feeders])
    undo = project.apply(paste_operation(project, payload))
    assert project_to_data(project) != start
    project.apply(undo)
    assert project_to_data(project) == start


@pytest.mark.parametrize("payload", ["", "not json", '{"format_version": 1, "devices": 3}'])
def test_a_broken_payload_is_refused_with_the_file_readers_message(payload: str) -> None:
    with pytest.raises(ProjectFileError) as err:
        paste_operation(Project(), payload)
    assert err.value.one_line().startswith("clipboard: ")
