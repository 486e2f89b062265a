"""Office building (design guide §9, architecture 2).

A new office on its own MV/LV substation: 25 x 22 kW, the indoor parking on busbar trunking
(each tap-off with its breaker and 30 mA type B RCD), the outdoor parking on an outdoor board
(breakers in the board, type B RCD in the chargers). A dynamic zone on the main board reads the
main meter and drives two static sub-zones of 250 A, one per parking.
"""

from __future__ import annotations

from collections.abc import Mapping

from evsld.model.project import Project
from evsld.templates import parameters as common
from evsld.templates.areas import board_area, busway_area
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

INDOOR_FEEDER_M = 40.0
OUTDOOR_FEEDER_M = 50.0
BUILDING_FEEDER_M = 10.0
HINT = "lower indoor_points, outdoor_points, power_kw or building_kw, or raise sub_zone_limit_a"

PARAMETERS = (
    Parameter("indoor_points", 15, "points on the indoor busbar trunking", minimum=2, maximum=40),
    Parameter("outdoor_points", 10, "points on the outdoor parking board", minimum=1, maximum=20),
    ac_power("power_kw", 22.0, (11.0, 22.0)),
    Parameter(
        "sub_zone_limit_a",
        250.0,
        "current limit of each static sub-zone (indoor, outdoor)",
        unit="A",
        minimum=100.0,
        maximum=400.0,
    ),
    Parameter(
        "building_kw",
        250.0,
        "office building load (cos φ 0.9)",
        unit="kW",
        minimum=20.0,
        maximum=600.0,
    ),
    common.supply_kind("private_mv_lv"),
    common.earthing("TN-S"),
    common.lightning_protection(),
)


def build(p: Mapping[str, Value]) -> Project:
    charger = AC_CHARGERS[float(p["power_kw"])]
    indoor, outdoor = int(p["indoor_points"]), int(p["outdoor_points"])
    sub_limit = float(p["sub_zone_limit_a"])
    check_lms_share(sub_limit, indoor, "the indoor sub-zone", HINT)
    check_lms_share(sub_limit, outdoor, "the outdoor sub-zone", HINT)
    indoor_full, outdoor_full = group_current(charger, indoor), group_current(charger, outdoor)
    # a static sub-zone caps its parking, so each feeder carries the lower of the two
    indoor_a, outdoor_a = min(indoor_full, sub_limit), min(outdoor_full, sub_limit)
    indoor_feeder_a = feeder_rating(indoor_a, "the indoor busway feeder", HINT)
    outdoor_feeder_a = feeder_rating(outdoor_a, "the outdoor board feeder", HINT)
    building_kw = float(p["building_kw"])
    building_a = load_current(building_kw)
    building_feeder_a = feeder_rating(building_a, "the building feeder", HINT)

    site = Site.start(
        p,
        f"Office building: {indoor + outdoor} x {charger.power_kw:g} kW",
        "Single-line diagram, EV charging (indoor and outdoor parking)",
    )
    main_board, main_meter, main_a = site.origin(
        supply_kind=str(p["supply_kind"]),
        design_a=building_a + EV_ALLOWANCE * (indoor_full + outdoor_full),
        largest_feeder_a=max(indoor_feeder_a, outdoor_feeder_a, building_feeder_a),
        hint=HINT,
    )
    building_feed = site.feeder(
        main_board, "Building", building_feeder_a, BUILDING_FEEDER_M, ev=False
    )
    site.load(building_feed, "Office building", building_kw)
    indoor_chargers = busway_area(
        site,
        main_board,
        "Indoor parking",
        charger,
        [f"Bay {i + 1}" for i in range(indoor)],
        feeder_a=indoor_feeder_a,
        feeder_m=INDOOR_FEEDER_M,
        hint=HINT,
    )
    _, outdoor_chargers = board_area(
        site,
        main_board,
        "Outdoor parking",
        "Outdoor parking board",
        charger,
        [f"Bay {indoor + i + 1}" for i in range(outdoor)],
        feeder_a=outdoor_feeder_a,
        feeder_m=OUTDOOR_FEEDER_M,
        **INTEGRATED_RCD["B"],
    )

    main_limit = lms_limit(main_a, building_a, indoor_a + outdoor_a)
    check_lms_share(main_limit, indoor + outdoor, "the main dynamic zone", HINT)
    main_zone = site.zone("Main dynamic zone", "dynamic", main_limit, (), meter=main_meter)
    site.zone("Indoor sub-zone", "static", sub_limit, indoor_chargers, parent=main_zone)
    site.zone("Outdoor sub-zone", "static", sub_limit, outdoor_chargers, parent=main_zone)
    return site.finish()


TEMPLATE = Template(
    name="office",
    title="Office building, indoor and outdoor parking",
    description="25 x 22 kW: indoor parking on busbar trunking with breaker and type B RCD "
    "in each tap-off, outdoor parking on a board; a dynamic zone on the main board with two "
    "250 A static sub-zones.",
    parameters=PARAMETERS,
    builder=build,
)
