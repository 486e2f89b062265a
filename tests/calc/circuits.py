"""Small installations for the calculation tests, built through the public model API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evsld.model import Device, Project

# a public LV TN-S origin with every short-circuit datum given (so no note is expected)
SUPPLY = {"supply_kind": "public_lv", "earthing": "TN-S", "ik_max_ka": 10.0, "ze_ohm": 0.2}


@dataclass
class Circuit:
    project: Project
    supply: Device
    board: Device
    breaker: Device
    cable: Device
    evse: Device


def ev_circuit(
    *,
    supply: dict[str, Any] | None = None,
    breaker: dict[str, Any] | None = None,
    cable: dict[str, Any] | None = None,
    evse: dict[str, Any] | None = None,
) -> Circuit:
    """Supply -> main board -> breaker -> cable -> charger (the RCD adds nothing to the
    calculations, so it is left out)."""
    project = Project()
    s = project.add("supply", **{**SUPPLY, **(supply or {})})
    board = project.add("switchboard", role="main", rated_current_a=400.0)
    b = project.add("breaker", **(breaker or {}))
    c = project.add("cable", **(cable or {}))
    e = project.add("evse", **(evse or {}))
    project.connect(s, board)
    project.connect(board, b)
    project.connect(b, c)
    project.connect(c, e)
    return Circuit(project, s, board, b, c, e)


def add_branch(
    project: Project,
    parent: Device,
    *,
    breaker: dict[str, Any] | None = None,
    cable: dict[str, Any] | None = None,
    leaf_kind: str = "evse",
    leaf: dict[str, Any] | None = None,
) -> tuple[Device, Device, Device]:
    """Breaker -> cable -> end device below `parent`."""
    b = project.add("breaker", **(breaker or {}))
    c = project.add("cable", **(cable or {}))
    e = project.add(leaf_kind, **(leaf or {}))
    project.connect(parent, b)
    project.connect(b, c)
    project.connect(c, e)
    return b, c, e
