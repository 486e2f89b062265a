"""Align and distribute: new positions for selected devices, as MoveDevice operations.

Positions are device reference points (where their ports sit on the grid), so aligned
devices line up their wires, not their outlines.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from evsld.model.device import Device, Placement
from evsld.model.operations import Group, MoveDevice, Operation


class Align(Enum):
    LEFT = "Align left"
    CENTRE = "Align centres vertically"
    RIGHT = "Align right"
    TOP = "Align top"
    MIDDLE = "Align centres horizontally"
    BOTTOM = "Align bottom"


def align(devices: Sequence[Device], how: Align) -> Operation | None:
    """Line the devices up on the extreme (or mean) x or y of the selection."""
    if len(devices) < 2:
        return None
    xs = [d.placement.x for d in devices]
    ys = [d.placement.y for d in devices]
    target = {
        Align.LEFT: min(xs),
        Align.RIGHT: max(xs),
        Align.CENTRE: (min(xs) + max(xs)) / 2,
        Align.TOP: min(ys),
        Align.BOTTOM: max(ys),
        Align.MIDDLE: (min(ys) + max(ys)) / 2,
    }[how]
    horizontal = how in (Align.LEFT, Align.RIGHT, Align.CENTRE)
    moves = []
    for d in devices:
        p = d.placement
        new = (
            Placement(target, p.y, p.rotation) if horizontal else Placement(p.x, target, p.rotation)
        )
        if new != p:
            moves.append(MoveDevice(d.id, new))
    return Group(tuple(moves), label=how.value) if moves else None


def distribute(devices: Sequence[Device], horizontal: bool, grid: float) -> Operation | None:
    """Equal spacing between the first and last device (by position), snapped to the grid."""
    if len(devices) < 3:
        return None
    axis = 0 if horizontal else 1
    ordered = sorted(devices, key=lambda d: (d.placement.x, d.placement.y)[axis])
    first = (ordered[0].placement.x, ordered[0].placement.y)[axis]
    last = (ordered[-1].placement.x, ordered[-1].placement.y)[axis]
    step = (last - first) / (len(ordered) - 1)
    moves = []
    for index, d in enumerate(ordered[1:-1], start=1):
        value = first + index * step
        if grid > 0:
            value = round(value / grid) * grid
        p = d.placement
        new = Placement(value, p.y, p.rotation) if horizontal else Placement(p.x, value, p.rotation)
        if new != p:
            moves.append(MoveDevice(d.id, new))
    label = "Distribute horizontally" if horizontal else "Distribute vertically"
    return Group(tuple(moves), label=label) if moves else None
