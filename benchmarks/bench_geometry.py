"""Geometry: the whole drawing (placed devices, routed wires, board outlines) by size."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.geometry.drawing import DrawingModel


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    DrawingModel.of(project)  # load symbols and font metrics once, as an application would
    yield line(
        "geometry",
        "drawing model",
        chargers,
        devices,
        median_ms(lambda: DrawingModel.of(project), repeats_for(chargers)),
    )
