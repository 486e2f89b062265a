"""Named connection points of a device kind.

Power ports carry current and form the electrical graph; control ports carry
load-management and metering data (drawn dashed) and never feed anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Domain(Enum):
    POWER = "power"
    CONTROL = "control"


@dataclass(frozen=True)
class PortSpec:
    name: str
    domain: Domain = Domain.POWER
    multi: bool = False  # may take more than one connection
    label: str = ""


def power_in() -> PortSpec:
    return PortSpec("in", Domain.POWER, multi=False, label="line side")


def power_out() -> PortSpec:
    return PortSpec("out", Domain.POWER, multi=True, label="load side")


SERIES_PORTS = (power_in(), power_out())
LEAF_PORTS = (power_in(),)
