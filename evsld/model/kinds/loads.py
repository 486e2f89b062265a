"""Building loads and local sources (PV inverters, battery storage)."""

from __future__ import annotations

from evsld.model.attributes import number
from evsld.model.kinds.base import Category, KindSpec, specs
from evsld.model.kinds.common import assigned_phase, cos_phi, phases, usage_group
from evsld.model.ports import LEAF_PORTS

LOAD = KindSpec(
    name="load",
    label="Building load",
    category=Category.LOADS_SOURCES,
    tag_prefix="E",
    ports=LEAF_PORTS,
    attributes=specs(
        number("power_kw", "Installed power", 50.0, "kW", 0.0, 100000.0),
        cos_phi(0.9),
        phases(3),
        assigned_phase(),
        number("demand_factor", "Demand factor", 1.0, "", 0.0, 1.0),
        usage_group(),
    ),
)

PV = KindSpec(
    name="pv",
    label="PV inverter",
    category=Category.LOADS_SOURCES,
    tag_prefix="G",
    ports=LEAF_PORTS,
    attributes=specs(
        number("power_kw", "AC rated power", 30.0, "kW", 0.1, 100000.0),
        cos_phi(1.0),
        phases(3),
        assigned_phase(),
    ),
)

STORAGE = KindSpec(
    name="storage",
    label="Battery storage",
    category=Category.LOADS_SOURCES,
    tag_prefix="G",
    ports=LEAF_PORTS,
    attributes=specs(
        number("power_kw", "Inverter rated power", 50.0, "kW", 0.1, 100000.0),
        number("capacity_kwh", "Usable capacity", 100.0, "kWh", 0.1, 1000000.0),
        cos_phi(1.0),
        phases(3),
        assigned_phase(),
    ),
)
