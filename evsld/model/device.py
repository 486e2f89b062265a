"""Devices and connections: immutable values, replaced (never mutated) by edit operations.

Immutability is what makes undo trivial and safe: an operation can keep the old value as its
inverse without fearing that a later edit changes it behind its back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from evsld.model.kinds import KINDS, KindSpec
from evsld.model.shared_attrs import shared_attrs

ROTATIONS = (0, 90, 180, 270)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a device sits on the drawing (scene units, y downwards) and its rotation."""

    x: float = 0.0
    y: float = 0.0
    rotation: int = 0

    def __post_init__(self) -> None:
        # whole numbers become floats so that files never flip between 0 and 0.0
        for name in ("x", "y"):
            value = getattr(self, name)
            if isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, name, float(value))


@dataclass(frozen=True, slots=True)
class Device:
    id: str
    kind: str
    tag: str
    attrs: Mapping[str, Any]
    name: str = ""
    placement: Placement = field(default_factory=Placement)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attrs", shared_attrs(self.kind, self.attrs))

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    def __getitem__(self, name: str) -> Any:
        return self.attrs[name]

    def with_attr(self, name: str, value: Any) -> Device:
        return replace(self, attrs={**self.attrs, name: value})

    def label(self) -> str:
        """How messages name the device: its tag, and its name when it has one."""
        return f"{self.tag} ({self.name})" if self.name else self.tag


@dataclass(frozen=True, order=True)
class PortRef:
    device: str
    port: str

    def __str__(self) -> str:
        return f"{self.device}.{self.port}"


@dataclass(frozen=True)
class Connection:
    """A wire between two ports. `a` is drawn upstream of `b` by convention only: the
    feeding direction comes from the topology, never from the order of the ends."""

    id: str
    a: PortRef
    b: PortRef

    def ends(self) -> tuple[PortRef, PortRef]:
        return (self.a, self.b)

    def other(self, device_id: str) -> PortRef:
        return self.b if self.a.device == device_id else self.a
