"""Residential building (design guide §9, architecture 1).

40 flats and an outdoor parking: the main LV board of the building feeds the flats and an
outdoor EV-dedicated board; each point has its own breaker in that board and a charger with
an integrated 30 mA RCD (type B, or type A with RDC-DD) and MID meter. A dynamic
load-management zone reads the building's main meter and gives the chargers what the
connection has left.
"""

from __future__ import annotations

from collections.abc import Mapping

from evsld.model.project import Project
from evsld.templates import parameters as common
from evsld.templates.areas import board_area
from evsld.templates.catalogue import AC_CHARGERS, ac_power
from evsld.templates.design import (
    EV_ALLOWANCE,
    check_lms_share,
    feeder_rating,
    group_current,
    lms_limit,
    load_current,
)
from evsld.templates.parameters import Parameter, Template, Value
from evsld.templates.parts import (
    INTEGRATED_RCD,
    Site,
)

FLAT_KW = 9.0  # [J] installed load per flat
# simultaneity factors in an apartment block (Electrical Installation Guide, Schneider):
# (up to this many flats, factor); 0.40 beyond
APARTMENT_DIVERSITY = (
    (4, 1.0),
    (9, 0.78),
    (14, 0.63),
    (19, 0.53),
    (24, 0.49),
    (29, 0.46),
    (34, 0.44),
    (39, 0.42),
    (49, 0.41),
)
EV_FEEDER_M = 40.0  # basement main board to the outdoor EV board
FLATS_FEEDER_M = 10.0
HINT = (
    "choose supply_kind private_mv_lv, turn load_management on, or lower points, power_kw or flats"
)

PARAMETERS = (
    Parameter("points", 10, "charging points on the EV board", minimum=1, maximum=20),
    ac_power("power_kw", 7.4, (7.4, 11.0, 22.0)),
    Parameter(
        "flats",
        40,
        "flats in the building, 9 kW each with apartment diversity",
        minimum=1,
        maximum=120,
    ),
    common.supply_kind("public_lv"),
    common.earthing("TN-C-S"),
    common.lightning_protection(),
    common.load_management(True, "dynamic load balancing with the building's measured load"),
    Parameter(
        "charger_rcd",
        "B",
        "30 mA RCD inside each charger: type B, or type A with 6 mA DC detection",
        choices=("B", "A+RDC-DD"),
    ),
)


def apartment_diversity(flats: int) -> float:
    return next((factor for most, factor in APARTMENT_DIVERSITY if flats <= most), 0.40)


def build(p: Mapping[str, Value]) -> Project:
    charger = AC_CHARGERS[float(p["power_kw"])]
    points = int(p["points"])
    flats = int(p["flats"])
    factor = apartment_diversity(flats)
    flats_a = load_current(FLAT_KW * flats * factor)
    ev_full_a = group_current(charger, points)
    flats_feeder_a = feeder_rating(flats_a, "the flats feeder", HINT)
    ev_feeder_a = feeder_rating(ev_full_a, "the EV board feeder", HINT)
    managed = bool(p["load_management"])

    site = Site.start(
        p,
        f"Residential building, {flats} flats: {points} x {charger.power_kw:g} kW",
        "Single-line diagram, EV charging (outdoor parking)",
    )
    main_board, main_meter, main_a = site.origin(
        supply_kind=str(p["supply_kind"]),
        design_a=flats_a + (EV_ALLOWANCE if managed else 1.0) * ev_full_a,
        largest_feeder_a=max(flats_feeder_a, ev_feeder_a),
        hint=HINT,
    )
    flats_feed = site.feeder(main_board, "Flats", flats_feeder_a, FLATS_FEEDER_M, ev=False)
    site.load(flats_feed, f"Flats ({flats})", FLAT_KW * flats, factor)
    _, chargers = board_area(
        site,
        main_board,
        "EV board",
        "EV board",
        charger,
        [f"Bay {i + 1}" for i in range(points)],
        feeder_a=ev_feeder_a,
        feeder_m=EV_FEEDER_M,
        mid_meter=True,
        **INTEGRATED_RCD[str(p["charger_rcd"])],
    )
    if managed:
        limit = lms_limit(main_a, flats_a, ev_feeder_a)
        check_lms_share(limit, points, "the load-balancing zone", HINT)
        site.zone("Building load balancing", "dynamic", limit, chargers, meter=main_meter)
    return site.finish()


TEMPLATE = Template(
    name="residential",
    title="Residential building, outdoor parking",
    description="40 flats and 10 x 7.4 kW points on an outdoor EV board; breakers in the "
    "board, RCD and MID meter in each charger, load balancing with the building.",
    parameters=PARAMETERS,
    builder=build,
)
