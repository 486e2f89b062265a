"""Remedies a finding offers: model operations the editor applies as one undoable command.

Attribute changes are plain operations. Fixes that add a device are builders (see `Fix`):
the new device takes a fresh id and tag from `project.make_device` and is spliced into the
circuit by Disconnect + Connect operations inside the same Group, so undo restores the
project exactly.
"""

from __future__ import annotations

from typing import Any

from evsld.model.device import Placement
from evsld.model.operations import AddDevice, Connect, Disconnect, Group, Operation, SetAttribute
from evsld.model.project import Project
from evsld.model.validation import COORDINATE_LIMIT
from evsld.rules.finding import Fix

# IEC 61008-1 RCCB ratings, for an RCD added to a final circuit
RCCB_RATINGS_A = (16.0, 25.0, 40.0, 63.0, 80.0, 100.0, 125.0)
# a spliced device sits halfway; an attached SPD to the left of and below its board
SPD_OFFSET = (-80.0, 100.0)


def set_attributes(label: str, device_id: str, **values: Any) -> Fix:
    """Change one device's attributes (in the order given) as one step."""

    def build() -> Operation:
        ops = tuple(SetAttribute(device_id, n, v, label=label) for n, v in values.items())
        return ops[0] if len(ops) == 1 else Group(ops, label=label)

    return Fix(label, build)  # built when applied: checks run after every edit


def splice(project: Project, label: str, upper: str, lower: str, kind: str, **attrs: Any) -> Fix:
    """Insert a new series device (in/out) between two connected devices."""

    def build() -> Operation:
        diagram = project.diagram
        link = next(c for c in diagram.connections_of(lower) if c.other(lower).device == upper)
        upper_port = link.other(lower).port
        lower_port = link.a.port if link.a.device == lower else link.b.port
        top, bottom = diagram.device(upper).placement, diagram.device(lower).placement
        new = project.make_device(
            kind,
            placement=_placement((top.x + bottom.x) / 2, (top.y + bottom.y) / 2),
            **attrs,
        )
        return Group(
            (
                AddDevice(new, label=label),
                Disconnect(link.id, label=label),
                Connect(project.make_connection(upper, upper_port, new, "in"), label=label),
                Connect(project.make_connection(new, "out", lower, lower_port), label=label),
            ),
            label=label,
        )

    return Fix(label, build)


def attach(project: Project, label: str, at: str, kind: str, **attrs: Any) -> Fix:
    """Connect a new leaf device (an SPD) to the out side of `at`."""

    def build() -> Operation:
        where = project.diagram.device(at).placement
        new = project.make_device(
            kind, placement=_placement(where.x + SPD_OFFSET[0], where.y + SPD_OFFSET[1]), **attrs
        )
        return Group(
            (
                AddDevice(new, label=label),
                Connect(project.make_connection(at, "out", new, "in"), label=label),
            ),
            label=label,
        )

    return Fix(label, build)


def rccb_rating(current_a: float) -> float:
    """The smallest RCCB rating carrying the circuit's current (the largest if none does)."""
    return next((r for r in RCCB_RATINGS_A if r >= current_a), RCCB_RATINGS_A[-1])


def _placement(x: float, y: float) -> Placement:
    def clamp(v: float) -> float:
        return max(-COORDINATE_LIMIT, min(COORDINATE_LIMIT, round(v / 10.0) * 10.0))

    return Placement(clamp(x), clamp(y))
