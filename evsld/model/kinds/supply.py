"""Sources of the installation: the utility supply and the MV/LV transformer."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from evsld.model.attributes import choice, flag, number
from evsld.model.kinds.base import Category, KindSpec, specs
from evsld.model.kinds.common import EARTHING_SYSTEMS
from evsld.model.ports import Domain, PortSpec, power_out


def _voltages_consistent(attrs: Mapping[str, Any]) -> str | None:
    u0, u = attrs.get("u0_v"), attrs.get("u_v")
    if u0 and u and abs(u - math.sqrt(3) * u0) > 0.05 * u:
        return f"U {u:g} V is not √3 x U0 ({math.sqrt(3) * u0:.0f} V for U0 {u0:g} V)"
    return None


def _ik_order(attrs: Mapping[str, Any]) -> str | None:
    lo, hi = attrs.get("ik_min_ka"), attrs.get("ik_max_ka")
    if lo is not None and hi is not None and lo > hi:
        return f"Ik min {lo:g} kA exceeds Ik max {hi:g} kA"
    return None


SUPPLY = KindSpec(
    name="supply",
    label="Utility supply",
    category=Category.SUPPLY,
    tag_prefix="G",
    ports=(power_out(),),
    is_source=True,
    attributes=specs(
        choice(
            "supply_kind",
            "Supply",
            "public_lv",
            {"public_lv": "public LV network", "private_mv_lv": "private MV/LV substation"},
            help="Sets the voltage-drop limit (5 % public LV, 8 % private substation).",
        ),
        choice("earthing", "Earthing system", "TN-S", EARTHING_SYSTEMS),
        number("u0_v", "Phase-to-neutral voltage U0", 230.0, "V", 100.0, 400.0),
        number("u_v", "Phase-to-phase voltage U", 400.0, "V", 173.0, 690.0),
        choice("frequency_hz", "Frequency", 50, (50, 60), unit="Hz"),
        number(
            "contracted_power_kva",
            "Contracted power",
            None,
            "kVA",
            1.0,
            100000.0,
            optional=True,
            help="Empty: no contractual limit.",
        ),
        number(
            "main_in_a",
            "Supplier's main protection In",
            None,
            "A",
            1.0,
            10000.0,
            optional=True,
            help="Cut-out fuse or supplier breaker upstream of the drawing.",
        ),
        number(
            "ik_max_ka",
            "Prospective short-circuit current Ik max",
            10.0,
            "kA",
            0.1,
            200.0,
            relevant_when=("supply_kind", ("public_lv",)),
        ),
        number(
            "ik_min_ka",
            "Minimum short-circuit current Ik min",
            None,
            "kA",
            0.01,
            200.0,
            optional=True,
            relevant_when=("supply_kind", ("public_lv",)),
        ),
        number(
            "ze_ohm",
            "External loop impedance Ze",
            None,
            "Ω",
            0.0,
            100.0,
            optional=True,
            relevant_when=("supply_kind", ("public_lv",)),
        ),
        number(
            "mv_ssc_mva",
            "MV network short-circuit power",
            500.0,
            "MVA",
            10.0,
            5000.0,
            relevant_when=("supply_kind", ("private_mv_lv",)),
        ),
        number(
            "ra_ohm",
            "Earth electrode resistance RA",
            None,
            "Ω",
            0.0,
            10000.0,
            optional=True,
            relevant_when=("earthing", ("TT", "IT")),
        ),
        flag("lightning_protection", "External lightning protection on the building", False),
        choice(
            "lpl",
            "Lightning protection level",
            "III-IV",
            ("I", "II", "III-IV"),
            relevant_when=("lightning_protection", (True,)),
        ),
        choice("surge_exposure", "Surge exposure", "medium", ("low", "medium", "high")),
        choice(
            "overvoltage_consequence",
            "Consequence of an overvoltage",
            "serious",
            {
                "serious": "human life, public services, commercial or industrial activity, "
                "many people (443.4: SPD required)",
                "other": "other (443.4: risk assessment decides)",
            },
            help="IEC 60364-4-44 443.4: where an overvoltage would affect these, an SPD at the "
            "origin is required; otherwise a risk assessment decides.",
        ),
    ),
    constraints=(_voltages_consistent, _ik_order),
)

TRANSFORMER = KindSpec(
    name="transformer",
    label="MV/LV transformer",
    category=Category.SUPPLY,
    tag_prefix="T",
    ports=(
        PortSpec("in", Domain.POWER, multi=False, label="MV side"),
        PortSpec("out", Domain.POWER, multi=True, label="LV side"),
    ),
    attributes=specs(
        number("rating_kva", "Rated power", 630.0, "kVA", 10.0, 5000.0),
        number("uk_pct", "Short-circuit voltage uk", 6.0, "%", 1.0, 20.0),
        number(
            "load_losses_w",
            "Load losses",
            None,
            "W",
            0.0,
            100000.0,
            optional=True,
            help="Empty: the transformer resistance is estimated from typical R/X.",
        ),
        number("secondary_voltage_v", "No-load secondary voltage", 410.0, "V", 100.0, 1000.0),
        number("primary_voltage_kv", "Primary voltage", 20.0, "kV", 1.0, 66.0),
        choice(
            "purpose",
            "Purpose",
            "mv_lv",
            {
                "mv_lv": "MV/LV distribution (origin of the LV installation)",
                "separation": "isolating transformer for electrical separation (722.413)",
            },
            help="An isolating transformer for electrical separation may feed one vehicle only.",
        ),
    ),
)
