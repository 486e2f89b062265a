"""Load-management controllers and their zones.

A zone is one controller device: it limits the EV points (or sub-zones) it is linked to by
control connections. A main dynamic zone with static sub-zones is a zone whose `ctrl` port is
linked to the `parent` ports of the sub-zones.
"""

from __future__ import annotations

from evsld.model.attributes import choice, number, text, whole
from evsld.model.kinds.base import Category, KindSpec, specs
from evsld.model.ports import Domain, PortSpec

LMS = KindSpec(
    name="lms",
    label="Load-management controller",
    category=Category.CONTROL,
    tag_prefix="K",
    ports=(
        PortSpec("ctrl", Domain.CONTROL, multi=True, label="controlled points and sub-zones"),
        PortSpec("parent", Domain.CONTROL, multi=False, label="parent zone"),
        PortSpec("meas", Domain.CONTROL, multi=False, label="measuring meter"),
    ),
    attributes=specs(
        text("zone_name", "Zone", "Zone 1", max_length=80),
        choice(
            "mode",
            "Mode",
            "static",
            {
                "static": "static (fixed limit)",
                "dynamic": "dynamic (follows the measured building load)",
            },
        ),
        number("limit_a", "Current limit per phase", 63.0, "A", 0.0, 10000.0),
        number(
            "limit_kw",
            "Power limit",
            None,
            "kW",
            0.0,
            100000.0,
            optional=True,
            help="Empty: only the current limit applies.",
        ),
        number(
            "min_current_a",
            "Minimum current per point",
            6.0,
            "A",
            0.0,
            32.0,
            help="IEC 61851-1 allows no less than 6 A to an active point.",
        ),
        number("fallback_current_a", "Fallback current on link loss", 6.0, "A", 0.0, 80.0),
        choice(
            "shedding",
            "Shedding order",
            "most_energy_first",
            {
                "most_energy_first": "most energy delivered first",
                "longest_connected_first": "longest connected first",
            },
        ),
        whole("max_points", "Points one controller manages", 100, 1, 10000),
    ),
)

# A parent zone drives sub-zones through ctrl -> parent; the meas port reads a meter's data port.
CONTROL_LINKS = {
    ("lms", "ctrl"): {("evse", "ctrl"), ("lms", "parent")},
    ("lms", "meas"): {("meter", "data")},
}
