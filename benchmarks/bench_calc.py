"""Calculations (`evsld.calc.analysis.analyse`) by installation size.

"analyse" times an analysis from scratch of a project just read from its file whose topology
is already known (what a check run, the canvas and the PDF share); "edit + analyse" changes
one final cable and times the analysis that follows, which recomputes only what the edit
reaches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from benchmarks.synthetic import installation, opened
from benchmarks.timing import line, median_ms, median_ms_each, repeats_for
from evsld.calc.analysis import analyse
from evsld.model import Project
from evsld.model.fileformat.writer import project_to_json
from evsld.model.operations import SetAttribute


def _edit_and_analyse(project: Project) -> Callable[[], object]:
    """Change one final cable's length, then analyse: only what the edit reaches is redone."""
    cable = project.diagram.by_tag("W2").id
    lengths = iter(range(10, 10_000))

    def edit_and_analyse() -> object:
        project.apply(SetAttribute(cable, "length_m", float(next(lengths) % 90 + 10)))
        return analyse(project)

    return edit_and_analyse


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    saved = project_to_json(project).encode()
    analyse(project)
    edit = median_ms(_edit_and_analyse(project), repeat)
    del project
    scratch = median_ms_each(analyse, opened(saved, repeat, topology=True))
    yield line("calc", "analyse", chargers, devices, scratch)
    yield line("calc", "edit + analyse", chargers, devices, edit)
