"""The check by installation size: from scratch, and as the live checker meets it after edits.

- full check: a project just read from its file, nothing computed yet and no other project
  in memory: topology, calculations and every rule from scratch (the issue's full check);
- switch + re-check: after a final breaker was opened and closed again: the topology is
  rebuilt, the calculations reuse what the switching did not reach, every rule runs;
- edit + re-check: after a final cable's length changed (the topology is kept, the
  calculations redo that circuit, every rule runs): the commonest electrical edit;
- move + re-check: after moving a device, which nothing electrical reads (the report is reused);
- flawed: the full check of a design with two errors per charger (findings and fixes built).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from benchmarks.synthetic import after_final_cable_edits, installation, opened
from benchmarks.timing import line, median_ms, median_ms_each, repeats_for
from evsld.model import Placement, Project
from evsld.model.fileformat.writer import project_to_json
from evsld.model.operations import MoveDevice, SetAttribute
from evsld.rules.engine import check_project


def _switch_and_check(project: Project) -> Callable[[], object]:
    """Open and close one final breaker, then check: the topology must be rebuilt too."""
    breaker = project.diagram.by_tag("Q2").id

    def switch_and_check() -> object:
        project.apply(SetAttribute(breaker, "closed", False))
        project.apply(SetAttribute(breaker, "closed", True))
        return check_project(project)

    return switch_and_check


def _move_and_check(project: Project) -> Callable[[], object]:
    """Move one charger on the sheet, then check."""
    evse = next(iter(project.diagram.devices_of_kind("evse"))).id
    steps = iter(range(10_000))

    def move_and_check() -> object:
        project.apply(MoveDevice(evse, Placement(10.0 * (next(steps) % 50), 0.0)))
        return check_project(project)

    return move_and_check


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    saved = project_to_json(project).encode()
    check_project(project)
    re_checks = [
        ("switch + re-check", median_ms(_switch_and_check(project), repeat)),
        ("edit + re-check", median_ms(after_final_cable_edits(project, check_project), repeat)),
        ("move + re-check", median_ms(_move_and_check(project), repeat)),
    ]
    del project
    full = median_ms_each(check_project, opened(saved, repeat))
    yield line("check", "full check", chargers, devices, full)
    for what, ms in re_checks:
        yield line("check", what, chargers, devices, ms)
    flawed = project_to_json(installation(chargers, flawed=True)).encode()
    flawed_ms = median_ms_each(check_project, opened(flawed, repeat))
    yield line("check", "flawed: full check", chargers, devices, flawed_ms)
