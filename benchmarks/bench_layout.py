"""Layout: arranging a whole installation (`evsld.geometry.layout.arrange`) by size."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.geometry.layout import arrange


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    arrange(project)  # load symbols and font metrics once, as an application would
    yield line(
        "layout",
        "arrange",
        chargers,
        devices,
        median_ms(lambda: arrange(project), repeats_for(chargers)),
    )
