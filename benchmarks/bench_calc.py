"""Calculations (`evsld.calc.analysis.analyse`) by installation size.

"analyse" times an analysis from scratch of a drawing whose topology is already known (what
a check run, the canvas and the PDF share); "edit + analyse" changes one final cable and
times the analysis that follows, which recomputes only what the edit reaches."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.calc.analysis import analyse
from evsld.calc.compute import compute
from evsld.model.operations import SetAttribute


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    cable = project.diagram.by_tag("W2").id
    lengths = iter(range(10, 10_000))
    project.topology()

    def edit_and_analyse() -> None:
        project.apply(SetAttribute(cable, "length_m", float(next(lengths) % 90 + 10)))
        analyse(project)

    yield line("calc", "analyse", chargers, devices, median_ms(lambda: compute(project), repeat))
    yield line("calc", "edit + analyse", chargers, devices, median_ms(edit_and_analyse, repeat))
