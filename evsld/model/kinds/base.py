"""The definition of a device kind: attributes, ports, tag letter and palette category."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from evsld.model.attributes import AttrSpec, SpecSet
from evsld.model.ports import Domain, PortSpec

# A cross-attribute constraint: returns a sentence when the combination is impossible.
Constraint = Callable[[Mapping[str, Any]], str | None]


class Category(Enum):
    """Palette categories, in the order designers look for them."""

    SUPPLY = "Supply"
    DISTRIBUTION = "Distribution"
    PROTECTION = "Protection"
    METERING = "Metering"
    BUSWAY = "Busway"
    EV_CHARGING = "EV charging"
    LOADS_SOURCES = "Loads and sources"
    CONTROL = "Control"


@dataclass(frozen=True)
class KindSpec:
    name: str
    label: str
    category: Category
    tag_prefix: str  # IEC 81346-2 style letter code ("Q", "F", "W", ...)
    ports: tuple[PortSpec, ...]
    attributes: SpecSet
    is_source: bool = False  # feeds the installation (utility supply)
    is_switching: bool = False  # has a "closed" state that can break the feeding path
    constraints: tuple[Constraint, ...] = ()
    tag_digits: int = 1  # zero padding of tag numbers ("EV01" uses 2)
    port_index: Mapping[str, PortSpec] = field(init=False, repr=False, compare=False)
    has_power_ports: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "port_index", {p.name: p for p in self.ports})
        object.__setattr__(
            self, "has_power_ports", any(p.domain is Domain.POWER for p in self.ports)
        )

    def port(self, name: str) -> PortSpec | None:
        return self.port_index.get(name)

    def attribute(self, name: str) -> AttrSpec | None:
        return self.attributes.by_name.get(name)

    def check_constraints(self, attrs: Mapping[str, Any]) -> list[str]:
        return [msg for c in self.constraints if (msg := c(attrs)) is not None]


def specs(*items: AttrSpec | tuple[AttrSpec, ...]) -> SpecSet:
    """Flatten attribute specs and shared groups into one ordered SpecSet."""
    flat: list[AttrSpec] = []
    for item in items:
        flat.extend(item if isinstance(item, tuple) else (item,))
    return SpecSet(tuple(flat))
