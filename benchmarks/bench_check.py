"""Full check (every registered rule, view built once) by installation size."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.model.operations import SetAttribute
from evsld.rules.engine import check_project


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    cable = project.diagram.by_tag("W2").id
    lengths = iter(range(10, 10_000))

    def edit_and_check() -> None:
        project.apply(SetAttribute(cable, "length_m", float(next(lengths) % 90 + 10)))
        check_project(project)

    yield line(
        "check", "full check", chargers, devices, median_ms(lambda: check_project(project), repeat)
    )
    yield line("check", "edit + re-check", chargers, devices, median_ms(edit_and_check, repeat))
