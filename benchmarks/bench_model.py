"""Model: save, load, topology and adding one device by installation size."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.model import Project
from evsld.model.fileformat import project_from_bytes, project_to_json
from evsld.model.operations import AddDevice
from evsld.model.topology import Topology


def _add_and_undo(project: Project) -> None:
    """Add a breaker with the next free tag, as the palette does, then undo it."""
    undo = project.apply(AddDevice(project.make_device("breaker")))
    project.apply(undo)


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    raw = project_to_json(project).encode("utf-8")
    yield line(
        "model", "serialize", chargers, devices, median_ms(lambda: project_to_json(project), repeat)
    )
    yield line(
        "model",
        "load (parse+validate)",
        chargers,
        devices,
        median_ms(lambda: project_from_bytes(raw), repeat),
    )
    yield line(
        "model",
        "topology",
        chargers,
        devices,
        median_ms(lambda: Topology.of(project.diagram), repeat),
    )
    yield line(
        "model",
        "add a device + undo",
        chargers,
        devices,
        median_ms(lambda: _add_and_undo(project), repeat),
    )
