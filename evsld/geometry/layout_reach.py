"""Busbars that reach beyond their own column, and moving them clear.

A stretch symbol (board busbar, busbar trunking) is drawn long enough to reach every port
wired to it (`Placer.extent`), not only the ways the tree layout hung below it. A board fed
from two sources, a tie closing a loop, or one busbar wired straight onto another therefore
draws a busbar wider than its column, across whatever the layout put at that height. The
layout cannot shorten the busbar, so it lowers the busbar with everything hanging below it
until the part that runs outside the column (and a board's outline) crosses no symbol, no
label and no other board's outline. Wires may cross
(they do on every single-line diagram); symbols and labels never overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from evsld.geometry.drawing import board_members, outline_box
from evsld.geometry.footprint import Footprint
from evsld.geometry.primitives import Box
from evsld.model.project import Project

PASSES = 8  # rounds over all reaching busbars: lowering one can put its subtree in the way
# of another already cleared


@dataclass
class Drawn:
    """The layout's state that reaching busbars read and move: positions by device id, the
    footprints at the fitted extents, the power tree, and how to re-place the controllers."""

    project: Project
    x: dict[str, float]
    y: dict[str, float]
    feet: dict[str, Footprint]
    kids: Callable[[str], tuple[str, ...]]
    parent: Mapping[str, str]
    replace_bands: Callable[[str], None]  # a tree's root -> its controllers placed again


def clear_reaches(drawn: Drawn, gap: float, grid: float) -> None:
    """Fit every stretch symbol to all its wired ports, as the placement will draw it, and
    lower each one whose reach crosses another device, until nothing is crossed. Lowering
    moves nothing sideways, so each reach is measured once."""
    reaching = []
    for device_id in sorted(drawn.feet, key=lambda d: (drawn.y[d], drawn.x[d], d)):
        if drawn.feet[device_id].symbol.stretch:
            fitted = _fitted(drawn, device_id)
            if fitted is not None:
                drawn.feet[device_id] = fitted
                reaching.append(device_id)
    for _ in range(PASSES):
        lowered = [_lower(drawn, device_id, gap, grid) for device_id in reaching]
        if not any(lowered):
            return


def _lower(drawn: Drawn, device_id: str, gap: float, grid: float) -> bool:
    """Lower the busbar with everything below it until its reach crosses nothing else;
    whether it moved. Each step goes below all it crossed, so the steps are few."""
    carried = set(_subtree(drawn, device_id))
    moved = False
    for _ in range(len(drawn.feet)):
        boxes = _boxes(drawn)
        mine = boxes[device_id]
        crossed = [
            box
            for owner, owned in boxes.items()
            if owner not in carried
            for box in owned
            if any(box.intersects(m) for m in mine)
        ]
        if not crossed:
            break
        top = min(m.y0 for m in mine)
        below = max(b.y1 for b in crossed) + gap
        step = -(-(below - top) // grid) * grid
        for node in carried:
            drawn.y[node] += step
        drawn.replace_bands(_root(drawn, device_id))
        moved = True
    return moved


def _fitted(drawn: Drawn, device_id: str) -> Footprint | None:
    """The footprint drawn once every wired port is reached; None when the layout's own
    fit already reaches them all."""
    foot = drawn.feet[device_id]
    attached: dict[str, list[float]] = {}
    for conn in drawn.project.diagram.connections_of(device_id):
        mine = conn.a if conn.a.device == device_id else conn.b
        other = conn.other(device_id)
        if other.device not in drawn.x:
            continue
        port = drawn.feet[other.device].ports.get(other.port)
        at = drawn.x[other.device] + (port.point[0] if port and port.point else 0.0)
        attached.setdefault(mine.port, []).append(at - drawn.x[device_id])
    fitted = foot.fitted(attached)
    if fitted.box.x0 >= foot.box.x0 and fitted.box.x1 <= foot.box.x1:
        return None
    return fitted


def _boxes(drawn: Drawn) -> dict[str, tuple[Box, ...]]:
    """Each device's symbol and label box where it stands; a board also owns its outline."""
    boxes = {
        d: (foot.box.moved(drawn.x[d], drawn.y[d]), foot.label.moved(drawn.x[d], drawn.y[d]))
        for d, foot in drawn.feet.items()
    }
    for board in drawn.project.diagram.ids_of_kind("switchboard"):
        members = [board, *board_members(drawn.project, board)]
        boxes[board] += (outline_box(b for m in members for b in boxes[m]),)
    return boxes


def _subtree(drawn: Drawn, root: str) -> Iterable[str]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(drawn.kids(node))


def _root(drawn: Drawn, node: str) -> str:
    while node in drawn.parent:
        node = drawn.parent[node]
    return node
