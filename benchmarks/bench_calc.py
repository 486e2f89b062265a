"""Calculations (`evsld.calc.analysis.analyse`) by installation size.

"analyse" times an analysis from scratch of a project just read from its file whose topology
is already known (what a check run, the canvas and the PDF share); "edit + analyse" changes
one final cable and times the analysis that follows, which recomputes only what the edit
reaches."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.synthetic import after_final_cable_edits, installation, opened
from benchmarks.timing import line, median_ms, median_ms_each, repeats_for
from evsld.calc.analysis import analyse
from evsld.model.fileformat.writer import project_to_json


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    saved = project_to_json(project).encode()
    analyse(project)
    edit = median_ms(after_final_cable_edits(project, analyse), repeat)
    del project
    scratch = median_ms_each(analyse, opened(saved, repeat, topology=True))
    yield line("calc", "analyse", chargers, devices, scratch)
    yield line("calc", "edit + analyse", chargers, devices, edit)
