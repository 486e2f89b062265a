"""Project files: deterministic JSON, exact round trips, atomic saves, versioned format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from evsld.model.fileformat import (
    CURRENT_FORMAT_VERSION,
    ProjectFileError,
    limits,
    load_project,
    migrations,
    project_from_bytes,
    project_to_json,
    save_project,
)
from evsld.model.operations import SetAttribute, SetProjectList
from evsld.model.project_data import Acceptance, UsageGroup
from tests.builders import car_park

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "small-car-park.evsld"


def test_save_load_save_is_byte_identical(tmp_path: Path) -> None:
    project, feeders = car_park(3)
    project.apply(SetProjectList("usage_groups", (UsageGroup("Fleet", "night", 0.8),)))
    project.apply(SetAttribute(feeders[0].evse.id, "usage_group", "Fleet"))
    project.apply(SetAttribute(feeders[0].evse.id, "supported_earthing", ["TT", "TN-S"]))
    project.apply(
        SetProjectList("acceptances", (Acceptance("R-PH-UNB", (feeders[0].evse.id,), "temporary"),))
    )
    first = tmp_path / "a.evsld"
    second = tmp_path / "b.evsld"
    save_project(project, first)
    save_project(load_project(first), second)
    assert first.read_bytes() == second.read_bytes()


def test_the_bundled_example_round_trips_byte_for_byte() -> None:
    raw = EXAMPLE.read_bytes()
    assert project_to_json(project_from_bytes(raw)).encode("utf-8") == raw


def test_output_is_sorted_stable_utf8_and_ends_with_newline() -> None:
    project, _ = car_park(12)
    project.apply(SetAttribute(project.diagram.by_tag("EV01").id, "supported_earthing", ["IT"]))
    text = project_to_json(project)
    data = json.loads(text)
    ids = [d["id"] for d in data["devices"]]
    assert ids == sorted(ids, key=lambda i: int(i[1:]))  # d2 before d10
    assert list(data["devices"][0]) == [
        "id",
        "kind",
        "tag",
        "name",
        "position",
        "rotation",
        "attributes",
    ]
    assert text.endswith("}\n") and data["format_version"] == CURRENT_FORMAT_VERSION
    project.diagram.by_tag("EV01")  # reading never changes the output
    assert project_to_json(project) == text


def test_non_ascii_names_are_written_as_utf8(tmp_path: Path) -> None:
    project, feeders = car_park(1)
    from evsld.model.operations import SetName

    project.apply(SetName(feeders[0].evse.id, "Stellplatz Ä ‒ Ω"))
    path = tmp_path / "u.evsld"
    save_project(project, path)
    assert "Stellplatz Ä ‒ Ω".encode() in path.read_bytes()
    assert load_project(path).diagram.device(feeders[0].evse.id).name == "Stellplatz Ä ‒ Ω"


def test_a_crash_during_save_leaves_the_previous_file_intact(tmp_path: Path, monkeypatch) -> None:
    project, feeders = car_park(2)
    path = tmp_path / "p.evsld"
    save_project(project, path)
    before = path.read_bytes()
    project.apply(SetAttribute(feeders[0].cable.id, "length_m", 99.0))

    def crash(*_args):
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk pulled out"):
        save_project(project, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.evsld"]  # no temporary left behind


def test_a_process_killed_mid_save_leaves_old_or_new_never_a_mix(tmp_path: Path) -> None:
    """Kill a real writer process at random moments; the file always loads."""
    import subprocess
    import sys
    import time

    path = tmp_path / "k.evsld"
    project, _ = car_park(200)
    save_project(project, path)
    script = (
        "import sys; from evsld.model.fileformat import load_project, save_project;"
        "from evsld.model.operations import SetAttribute;"
        "p = load_project(sys.argv[1]); c = p.diagram.by_tag('W1').id;"
        "i = 0\nwhile True:\n i += 1; p.apply(SetAttribute(c, 'length_m', float(1 + i % 900)));"
        " save_project(p, sys.argv[1])"
    )
    for delay in (0.3, 0.45, 0.6, 0.8):
        proc = subprocess.Popen([sys.executable, "-c", script, str(path)])
        time.sleep(delay)
        proc.kill()
        proc.wait()
        load_project(path)  # never a torn file
    leftovers = [p for p in tmp_path.iterdir() if p.name != "k.evsld"]
    assert all(p.name.startswith(".k.evsld.") for p in leftovers)


def test_save_keeps_the_file_permissions(tmp_path: Path) -> None:
    project, _ = car_park(1)
    path = tmp_path / "m.evsld"
    save_project(project, path)
    path.chmod(0o640)
    save_project(project, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_attributes_left_out_take_their_defaults() -> None:
    raw = json.dumps(
        {
            "format_version": 1,
            "devices": [
                {
                    "id": "d1",
                    "kind": "evse",
                    "tag": "EV01",
                    "attributes": {"power_kw": 7.4, "phases": 1, "rated_current_a": 32},
                }
            ],
        }
    ).encode()
    device = project_from_bytes(raw).diagram.device("d1")
    assert device["power_kw"] == 7.4 and device["connector"] == "type2_socket"


def test_a_default_is_written_too_so_changing_it_never_changes_a_saved_file() -> None:
    """energy_class left at its default ("none", not declared) is still written."""
    project, _ = car_park(1)
    mcb = project.add("breaker", in_a=16.0)
    rcbo = project.add("rcbo")
    data = json.loads(project_to_json(project))
    written = {d["id"]: d["attributes"] for d in data["devices"]}
    assert written[mcb.id]["energy_class"] == written[rcbo.id]["energy_class"] == "none"
    loaded = project_from_bytes(project_to_json(project).encode()).diagram
    assert loaded.device(mcb.id)["energy_class"] == "none"


def test_a_file_saved_when_class_3_was_the_default_keeps_class_3() -> None:
    """The bundled example was saved while an MCB defaulted to energy class 3, so every one of
    its breakers carries "energy_class": "3" in the file and reads back as class 3."""
    raw = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    breakers = [d for d in raw["devices"] if d["kind"] == "breaker"]
    assert breakers and all(d["attributes"]["energy_class"] == "3" for d in breakers)
    project = load_project(EXAMPLE)
    assert {b["energy_class"] for b in project.diagram.devices_of_kind("breaker")} == {"3"}


def test_an_energy_class_left_out_of_a_file_is_not_declared() -> None:
    """A hand-written file without the attribute: nothing is assumed (R434-ADIAB falls back
    on its conservative estimate and says so)."""
    raw = json.dumps(
        {"format_version": 1, "devices": [{"id": "q1", "kind": "breaker", "tag": "Q1"}]}
    ).encode()
    assert project_from_bytes(raw).diagram.device("q1")["energy_class"] == "none"


def test_an_older_format_is_upgraded_by_the_registered_chain(monkeypatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_FORMAT_VERSION", 2)

    def rename_devices(data):
        data["devices"] = data.pop("equipment")
        return data

    monkeypatch.setitem(migrations.MIGRATIONS, 1, rename_devices)
    raw = json.dumps({"format_version": 1, "equipment": [{"id": "d1", "kind": "load"}]}).encode()
    assert project_from_bytes(raw).diagram.device("d1").kind == "load"


def test_a_newer_format_is_refused_naming_both_versions() -> None:
    raw = json.dumps({"format_version": CURRENT_FORMAT_VERSION + 1}).encode()
    with pytest.raises(
        ProjectFileError,
        match=f"format version {CURRENT_FORMAT_VERSION + 1}.*up to {CURRENT_FORMAT_VERSION}",
    ):
        project_from_bytes(raw)


def test_oversized_inputs_are_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "big.evsld"
    path.write_text('{"format_version": 1}')
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10)
    with pytest.raises(ProjectFileError, match="MiB"):
        load_project(path)


def test_too_many_devices_is_refused(monkeypatch) -> None:
    from evsld.model.fileformat import reader

    monkeypatch.setattr(reader.limits, "MAX_DEVICES", 3)
    raw = json.dumps(
        {"format_version": 1, "devices": [{"id": f"d{i}", "kind": "load"} for i in range(4)]}
    )
    with pytest.raises(
        ProjectFileError, match=r"\$.devices: holds 4 entries; evsld reads at most 3"
    ):
        project_from_bytes(raw.encode())


def test_problems_are_collected_not_just_the_first() -> None:
    raw = json.dumps(
        {
            "format_version": 1,
            "devices": [
                {"id": "d1", "kind": "load", "attributes": {"power_kw": -1}},
                {"id": "d2", "kind": "load", "attributes": {"cos_phi": 7}},
            ],
        }
    ).encode()
    with pytest.raises(ProjectFileError) as caught:
        project_from_bytes(raw)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["$.devices[0].attributes.power_kw", "$.devices[1].attributes.cos_phi"]
    assert "(and 1 more problem)" in caught.value.one_line()


def test_a_folder_and_a_missing_file_are_named_plainly(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="this is a folder"):
        load_project(tmp_path)
    with pytest.raises(ProjectFileError, match="no such file"):
        load_project(tmp_path / "missing.evsld")
