"""Full check (every registered rule, view built once) by installation size: a correct
design (mostly clean) as it stands and after one edit (calculation included), and a flawed
variant with two errors per charger after one edit."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.model import Project
from evsld.model.operations import SetAttribute
from evsld.rules.engine import check_project


def _edit_and_check(project: Project) -> Callable[[], object]:
    """Change one final cable's length, then check: the analysis must be redone."""
    cable = project.diagram.by_tag("W2").id
    lengths = iter(range(10, 10_000))

    def edit_and_check() -> object:
        project.apply(SetAttribute(cable, "length_m", float(next(lengths) % 20 + 10)))
        return check_project(project)

    return edit_and_check


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    yield line(
        "check", "full check", chargers, devices, median_ms(lambda: check_project(project), repeat)
    )
    edited = median_ms(_edit_and_check(project), repeat)
    yield line("check", "edit + re-check", chargers, devices, edited)
    flawed = median_ms(_edit_and_check(installation(chargers, flawed=True)), repeat)
    yield line("check", "flawed: edit+re-check", chargers, devices, flawed)
