"""Protective and switching devices: breakers, fuses, switches, RCDs, RCBOs and SPDs."""

from __future__ import annotations

from evsld.model.attributes import choice, number
from evsld.model.kinds.base import Category, KindSpec, specs
from evsld.model.kinds.common import (
    breaker_settings_consistent,
    breaker_trip,
    closed,
    let_through,
    poles,
    residual_current,
)
from evsld.model.ports import LEAF_PORTS, SERIES_PORTS

BREAKER = KindSpec(
    name="breaker",
    label="Circuit breaker",
    category=Category.PROTECTION,
    tag_prefix="Q",
    ports=SERIES_PORTS,
    is_switching=True,
    attributes=specs(
        choice(
            "standard",
            "Product standard",
            "IEC 60898-1",
            {
                "IEC 60898-1": "IEC 60898-1 (MCB)",
                "IEC 60947-2": "IEC 60947-2 (MCCB/ACB)",
                "IEC 60947-6-2": "IEC 60947-6-2 (CPS)",
                "other": "other / unknown",
            },
        ),
        breaker_trip(default_in=32.0, default_curve="C", default_icu=10.0),
        poles("4P"),
        number("delay_ms", "Intentional short-time delay", 0.0, "ms", 0.0, 1000.0),
        closed(),
    ),
    constraints=(breaker_settings_consistent,),
)

FUSE = KindSpec(
    name="fuse",
    label="Fuse",
    category=Category.PROTECTION,
    tag_prefix="F",
    ports=SERIES_PORTS,
    is_switching=True,
    attributes=specs(
        choice(
            "fuse_class",
            "Utilization category",
            "gG",
            {"gG": "gG (general purpose)", "aM": "aM (motor, partial range)"},
        ),
        number("in_a", "Rated current In", 32.0, "A", 1.0, 1250.0),
        number("breaking_capacity_ka", "Breaking capacity", 100.0, "kA", 1.0, 200.0),
        let_through(),
        choice("standard", "Product standard", "IEC 60269", ("IEC 60269", "other")),
        poles("3P"),
        closed(),
    ),
)

SWITCH = KindSpec(
    name="switch",
    label="Switch-disconnector",
    category=Category.PROTECTION,
    tag_prefix="Q",
    ports=SERIES_PORTS,
    is_switching=True,
    attributes=specs(
        number("in_a", "Rated current", 63.0, "A", 1.0, 6300.0),
        choice("standard", "Product standard", "IEC 60947-3", ("IEC 60947-3", "other")),
        poles("4P"),
        closed(),
    ),
)

RCD = KindSpec(
    name="rcd",
    label="Residual current device (RCCB)",
    category=Category.PROTECTION,
    tag_prefix="F",
    ports=SERIES_PORTS,
    is_switching=True,
    attributes=specs(
        residual_current("IEC 61008-1", ("IEC 61008-1", "IEC 62423", "IEC 60947-2", "other")),
        number("in_a", "Rated current", 40.0, "A", 6.0, 6300.0),
        poles("4P"),
        closed(),
    ),
)

RCBO = KindSpec(
    name="rcbo",
    label="RCBO (breaker with residual current protection)",
    category=Category.PROTECTION,
    tag_prefix="Q",
    ports=SERIES_PORTS,
    is_switching=True,
    attributes=specs(
        residual_current("IEC 61009-1", ("IEC 61009-1", "IEC 62423", "IEC 60947-2", "other")),
        breaker_trip(default_in=32.0, default_curve="C", default_icu=6.0),
        poles("4P"),
        closed(),
    ),
    constraints=(breaker_settings_consistent,),
)

SPD = KindSpec(
    name="spd",
    label="Surge protective device",
    category=Category.PROTECTION,
    tag_prefix="F",
    ports=LEAF_PORTS,
    attributes=specs(
        choice(
            "spd_type",
            "Type",
            "T2",
            {"T1": "type 1", "T1+T2": "type 1+2", "T2": "type 2", "T3": "type 3"},
        ),
        number(
            "iimp_ka",
            "Impulse current Iimp per pole",
            12.5,
            "kA",
            1.0,
            100.0,
            relevant_when=("spd_type", ("T1", "T1+T2")),
        ),
        number("in_ka", "Nominal discharge current In", 20.0, "kA", 0.5, 100.0),
        number("imax_ka", "Maximum discharge current Imax", 40.0, "kA", 1.0, 200.0),
        number("up_kv", "Voltage protection level Up", 1.5, "kV", 0.3, 6.0),
        number("uc_v", "Max continuous operating voltage Uc", 275.0, "V", 75.0, 1000.0),
        poles("3P+N"),
    ),
)
