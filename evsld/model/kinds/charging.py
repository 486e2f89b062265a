"""EV supply equipment (charging stations), AC and DC."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evsld.model.attributes import choice, choices, flag, number, whole
from evsld.model.kinds.base import Category, KindSpec, specs
from evsld.model.kinds.common import (
    EARTHING_SYSTEMS,
    RCD_TYPES,
    assigned_phase,
    phases,
    usage_group,
)
from evsld.model.ports import Domain, PortSpec, power_in

CONNECTORS = {
    "type2_socket": "IEC 62196-2 Type 2 socket",
    "type2_cable": "IEC 62196-2 Type 2 tethered cable",
    "ccs2": "IEC 62196-3 CCS2 (combo 2)",
    "chademo": "CHAdeMO",
    "iec60309": "IEC 60309 industrial socket",
    "domestic": "domestic socket outlet",
}
# BS 7671 722.411.4.1: measures that keep an outdoor point safe when the PME PEN opens
OPEN_PEN_MEASURES = {
    "none": "none declared",
    "earth_electrode": "earth electrode keeping the touch voltage <= 70 V on an open PEN",
    "open_pen_device": "open-PEN (PEN fault) detection device",
    "isolating_transformer": "isolating transformer",
}
# connectors defined by IEC 62196, for which 722.531.3.101 asks for DC fault protection
IEC62196_CONNECTORS = ("type2_socket", "type2_cable", "ccs2")


def _single_phase_ac_only(attrs: Mapping[str, Any]) -> str | None:
    if attrs.get("current_type") == "DC" and attrs.get("phases") == 1:
        return "a DC charger is fed three-phase"
    return None


EVSE = KindSpec(
    name="evse",
    label="EV charging station (EVSE)",
    category=Category.EV_CHARGING,
    tag_prefix="EV",
    tag_digits=2,
    ports=(power_in(), PortSpec("ctrl", Domain.CONTROL, multi=False, label="load management")),
    attributes=specs(
        choice("current_type", "Charging", "AC", {"AC": "AC (mode 3)", "DC": "DC (mode 4)"}),
        number("power_kw", "Rated power per point", 22.0, "kW", 1.0, 400.0),
        phases(3),
        assigned_phase(),
        number(
            "rated_current_a",
            "Rated current per point",
            32.0,
            "A",
            6.0,
            80.0,
            relevant_when=("current_type", ("AC",)),
            help="The design current of the final circuit (722.311): the datasheet value, not P/U.",
        ),
        number(
            "locked_current_a",
            "Key-locked configured current",
            None,
            "A",
            6.0,
            80.0,
            optional=True,
            relevant_when=("current_type", ("AC",)),
            help="A current limit set by the installer that the user cannot change.",
        ),
        number(
            "ac_input_current_a",
            "AC input current (datasheet)",
            None,
            "A",
            1.0,
            1000.0,
            optional=True,
            relevant_when=("current_type", ("DC",)),
            help="Empty: estimated as P / (η · PF · √3 · U).",
        ),
        number(
            "efficiency",
            "Efficiency η",
            None,
            "",
            0.5,
            1.0,
            optional=True,
            relevant_when=("current_type", ("DC",)),
            help="Empty: the project default (0.95).",
        ),
        flag(
            "galvanic_separation",
            "Galvanic separation AC/DC",
            True,
            relevant_when=("current_type", ("DC",)),
        ),
        whole("points", "Connecting points", 1, 1, 8),
        choice("connector", "Connector", "type2_socket", CONNECTORS),
        choice(
            "integrated_rcd",
            "Integrated RCD",
            "none",
            {"none": "none", **RCD_TYPES},
        ),
        choice(
            "integrated_rcd_ma",
            "Integrated RCD IΔn",
            30.0,
            (10.0, 30.0, 100.0, 300.0),
            unit="mA",
        ),
        choice(
            "integrated_rcd_standard",
            "Integrated RCD standard",
            "IEC 61009-1",
            ("IEC 61008-1", "IEC 61009-1", "IEC 60947-2", "IEC 62423", "other"),
        ),
        flag("rdc_dd", "6 mA DC detection (RDC-DD, IEC 62955)", False),
        flag("integrated_ocpd", "Integrated overcurrent protection per point", False),
        choice(
            "integrated_ocpd_standard",
            "Integrated OCPD standard",
            "IEC 60898-1",
            ("IEC 60898-1", "IEC 60947-2", "IEC 61009-1", "IEC 60269", "other"),
        ),
        flag("mid_meter", "Integrated MID meter", False),
        flag("public_access", "Publicly accessible", False),
        flag("outdoor", "Installed outdoors", False),
        choice(
            "open_pen_measure",
            "Open-PEN protective measure (UK PME)",
            "none",
            OPEN_PEN_MEASURES,
            help="BS 7671 722.411.4.1: an outdoor point on a PME (TN-C-S) supply needs one.",
        ),
        choices(
            "supported_earthing",
            "Earthing systems in the datasheet",
            (),
            EARTHING_SYSTEMS,
            help="Empty: the datasheet does not say.",
        ),
        number(
            "max_upstream_ocpd_a",
            "Largest upstream OCPD (datasheet)",
            None,
            "A",
            1.0,
            1000.0,
            optional=True,
        ),
        number(
            "cos_phi",
            "Power factor cos φ",
            None,
            "",
            0.5,
            1.0,
            optional=True,
            help="Empty: the project default (AC 1.0, DC input 0.99).",
        ),
        usage_group(),
    ),
    constraints=(_single_phase_ac_only,),
)
