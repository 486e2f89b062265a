"""Distribution: switchboards, cables, busbar trunking and its tap-off units."""

from __future__ import annotations

from evsld.model.attributes import choice, flag, number, whole
from evsld.model.kinds.base import Category, KindSpec, specs
from evsld.model.kinds.common import CABLE_SECTIONS_MM2, closed, phases
from evsld.model.ports import SERIES_PORTS, Domain, PortSpec

SWITCHBOARD = KindSpec(
    name="switchboard",
    label="Switchboard",
    category=Category.DISTRIBUTION,
    tag_prefix="+B",
    ports=(
        PortSpec("in", Domain.POWER, multi=True, label="incomer"),
        PortSpec("out", Domain.POWER, multi=True, label="outgoing ways"),
    ),
    attributes=specs(
        choice(
            "role",
            "Role",
            "secondary",
            {"main": "main LV switchboard", "secondary": "secondary switchboard"},
        ),
        number("rated_current_a", "Rated current InA", 250.0, "A", 1.0, 10000.0),
        number(
            "rated_diversity_factor",
            "Rated diversity factor (IEC 61439)",
            None,
            "",
            0.1,
            1.0,
            optional=True,
        ),
        choice("location", "Location", "indoor", ("indoor", "outdoor")),
        choice(
            "enclosure",
            "Enclosure",
            "steel",
            {
                "steel": "steel",
                "heavy_duty_steel": "heavy-duty steel",
                "polyester": "polyester (class II)",
                "stainless_316l": "stainless steel 316L",
            },
        ),
        choice(
            "ip_rating",
            "Degree of protection",
            "IP30",
            ("IP20", "IP30", "IP31", "IP41", "IP43", "IP54", "IP55", "IP65", "IP66"),
        ),
        flag(
            "pen_split",
            "PEN split into PE and N here",
            False,
            help="TN-C-S: the point where the PEN conductor is separated.",
        ),
    ),
)

CABLE = KindSpec(
    name="cable",
    label="Cable",
    category=Category.DISTRIBUTION,
    tag_prefix="W",
    ports=SERIES_PORTS,
    attributes=specs(
        choice("material", "Conductor", "Cu", {"Cu": "copper", "Al": "aluminium"}),
        choice(
            "insulation", "Insulation", "XLPE", {"PVC": "PVC (70 °C)", "XLPE": "XLPE/EPR (90 °C)"}
        ),
        choice("construction", "Construction", "multicore", ("multicore", "single_core")),
        phases(3),
        flag("neutral", "Neutral conductor", True),
        choice("phase_section_mm2", "Phase section", 6.0, CABLE_SECTIONS_MM2, unit="mm²"),
        choice(
            "neutral_section_mm2",
            "Neutral section",
            None,
            CABLE_SECTIONS_MM2,
            unit="mm²",
            optional=True,
            help="Empty: same as the phase conductors.",
        ),
        choice(
            "pe_section_mm2",
            "PE section",
            None,
            CABLE_SECTIONS_MM2,
            unit="mm²",
            optional=True,
            help="Empty: sized by IEC 60364-5-54 Table 54.2 from the phase section.",
        ),
        whole("parallel", "Conductors in parallel per phase", 1, 1, 8),
        flag("pen", "PEN conductor (combined PE and N)", False),
        choice(
            "method",
            "Installation method",
            "C",
            {
                "A1": "A1 in conduit in insulated wall",
                "A2": "A2 multicore in conduit in insulated wall",
                "B1": "B1 in conduit on wall",
                "B2": "B2 multicore in conduit on wall",
                "C": "C clipped direct",
                "D": "D buried",
                "E": "E multicore on perforated tray",
                "F": "F single-core on perforated tray",
            },
        ),
        number("length_m", "Length", 20.0, "m", 0.1, 5000.0),
        number("ambient_c", "Ambient temperature", 30.0, "°C", -40.0, 80.0),
        whole("grouping_circuits", "Circuits grouped together", 1, 1, 100),
        choice(
            "grouping_arrangement",
            "Grouping arrangement",
            "bunched",
            {
                "bunched": "bunched in air, on a surface, embedded or enclosed",
                "single_layer_wall": "single layer on wall, floor or unperforated tray",
                "single_layer_ceiling": "single layer under a wooden ceiling",
                "perforated_tray": "single layer on perforated tray",
                "ladder": "single layer on ladder or cleats",
            },
        ),
    ),
)


BUSWAY = KindSpec(
    name="busway",
    label="Busbar trunking",
    category=Category.BUSWAY,
    tag_prefix="W",
    ports=(
        PortSpec("in", Domain.POWER, multi=False, label="feed unit"),
        PortSpec("out", Domain.POWER, multi=True, label="tap-off outlets"),
    ),
    attributes=specs(
        choice(
            "family",
            "Family",
            "KS",
            {
                "KN": "KN 40-160 A",
                "KS": "KS 100-1000 A",
                "KSA": "KSA aluminium",
                "KSC": "KSC copper",
            },
        ),
        number("rating_a", "Rated current", 250.0, "A", 16.0, 6300.0),
        choice("material", "Conductor", "Al", {"Cu": "copper", "Al": "aluminium"}),
        number("length_m", "Length", 50.0, "m", 1.0, 1000.0),
        number(
            "r_mohm_per_m",
            "Resistance per metre",
            None,
            "mΩ/m",
            0.001,
            50.0,
            optional=True,
            help="Empty: catalogue value for the family and rating.",
        ),
        number(
            "x_mohm_per_m",
            "Reactance per metre",
            None,
            "mΩ/m",
            0.0,
            50.0,
            optional=True,
            help="Empty: catalogue value for the family and rating.",
        ),
        number("max_tapoff_a", "Largest allowed tap-off", 250.0, "A", 1.0, 1000.0),
    ),
)

TAPOFF = KindSpec(
    name="tapoff",
    label="Tap-off unit",
    category=Category.BUSWAY,
    tag_prefix="X",
    ports=SERIES_PORTS,
    is_switching=True,
    attributes=specs(
        number("rating_a", "Rated current", 63.0, "A", 1.0, 1000.0),
        number(
            "position_m",
            "Position along the run",
            None,
            "m",
            0.0,
            1000.0,
            optional=True,
            help="Distance from the feed end; empty: tap-offs evenly spaced.",
        ),
        closed(),
    ),
)
