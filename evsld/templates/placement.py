"""A simple deterministic placement so that a template opens legibly: each device one row
below its feeder, leaves left to right, a parent centred over its children; controllers on
a row of their own under the tree. The automatic layout replaces it."""

from __future__ import annotations

from evsld.model.device import Placement
from evsld.model.operations import MoveDevice
from evsld.model.project import Project
from evsld.model.topology import Topology

ROW = 100.0
COLUMN = 100.0


def place(project: Project) -> None:
    topology = project.topology()
    spots: dict[str, tuple[float, float]] = {}
    columns = [0]
    for source in topology.sources:
        _place(source, 0, topology, spots, columns)
    bottom = max((y for _, y in spots.values()), default=0.0) + ROW
    loose = [d.id for d in project.diagram.devices() if d.id not in spots]
    for i, device_id in enumerate(loose):
        spots[device_id] = (i * COLUMN, bottom)
    for device_id, (x, y) in spots.items():
        project.apply(MoveDevice(device_id, Placement(x, y)))


def _place(
    node: str,
    depth: int,
    topology: Topology,
    spots: dict[str, tuple[float, float]],
    columns: list[int],
) -> float:
    children = topology.children.get(node, ())
    if children:
        xs = [_place(child, depth + 1, topology, spots, columns) for child in children]
        x = (xs[0] + xs[-1]) / 2
    else:
        x = columns[0] * COLUMN
        columns[0] += 1
    spots[node] = (x, depth * ROW)
    return x
