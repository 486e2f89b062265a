"""Project settings: the country profile and the engineering-judgement thresholds.

The rule catalog marks some figures [J] (engineering judgement): they are settings here, with
the catalog's values as defaults, so a design office can adopt its own and print them.
"""

from __future__ import annotations

from evsld.model.attributes import SpecSet, choice, number

COUNTRY_PROFILES = {
    "IEC": "IEC (international)",
    "DE": "Germany (VDE)",
    "AT": "Austria",
    "CH": "Switzerland",
    "UK": "United Kingdom (BS 7671)",
    "NO": "Norway (NEK 400)",
}

SETTINGS = SpecSet(
    (
        choice("country_profile", "Country profile", "IEC", COUNTRY_PROFILES),
        number(
            "unbalance_warn_pct",
            "Phase unbalance warning above",
            10.0,
            "%",
            0.0,
            100.0,
            help="R-PH-UNB: warn when (Imax - Iavg) / Iavg exceeds this.",
        ),
        number(
            "vdrop_warn_fraction",
            "Voltage-drop warning from",
            0.8,
            "x limit",
            0.1,
            1.0,
            help="R525-VD: warn when the cumulative drop exceeds this share of its limit.",
        ),
        number("ac_evse_cos_phi", "AC EVSE power factor", 1.0, "", 0.5, 1.0),
        number("dc_efficiency", "DC charger efficiency η", 0.95, "", 0.5, 1.0),
        number("dc_power_factor", "DC charger input power factor", 0.99, "", 0.5, 1.0),
        number(
            "spd_max_distance_m",
            "Extra SPD beyond this cable length",
            30.0,
            "m",
            1.0,
            1000.0,
            help="R534-DIST: an EVSE further than this from the upstream SPD wants its own.",
        ),
        number(
            "ct_meter_margin",
            "CT meter primary margin",
            1.0,
            "x Ib",
            0.5,
            3.0,
            help="R-METER: the CT primary must be at least this multiple of Ib.",
        ),
    )
)
