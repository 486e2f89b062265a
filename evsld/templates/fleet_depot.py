"""Fleet depot for light commercial vehicles (design guide §9, architecture 4).

Two outdoor areas: 5 x 22 kW AC on busbar trunking (breaker and 30 mA type B RCD in each
tap-off) and 5 DC fast chargers on an outdoor switchboard (a breaker each; the chargers have
galvanic separation). A dynamic zone balances the chargers against the depot building.
"""

from __future__ import annotations

from collections.abc import Mapping

from evsld.model.project import Project
from evsld.templates import parameters as common
from evsld.templates.areas import busway_area
from evsld.templates.catalogue import AC_CHARGERS, DC_CHARGERS, ac_power
from evsld.templates.design import (
    EV_ALLOWANCE,
    SPD_REACH_M,
    check_lms_share,
    feeder_rating,
    group_current,
    lms_limit,
    load_current,
)
from evsld.templates.parameters import Parameter, Template, Value
from evsld.templates.parts import (
    Site,
)

AC_FEEDER_M = 40.0
DC_FEEDER_M = 60.0
BUILDING_FEEDER_M = 20.0
HINT = (
    "turn load_management on, or lower ac_points, ac_power_kw, dc_points, dc_power_kw "
    "or building_kw"
)

PARAMETERS = (
    Parameter("ac_points", 5, "AC points on the busbar trunking", minimum=1, maximum=20),
    ac_power("ac_power_kw", 22.0, (11.0, 22.0)),
    Parameter("dc_points", 5, "DC chargers on the outdoor switchboard", minimum=1, maximum=6),
    Parameter(
        "dc_power_kw",
        60.0,
        "power per DC charger",
        unit="kW",
        choices=(60.0, 120.0, 150.0, 180.0),
    ),
    Parameter(
        "building_kw",
        100.0,
        "depot building load (cos φ 0.9)",
        unit="kW",
        minimum=10.0,
        maximum=400.0,
    ),
    common.load_management(True, "dynamic balancing of the chargers with the building load"),
    common.supply_kind("private_mv_lv"),
    common.earthing("TN-S"),
    common.lightning_protection(),
)


def dc_length(index: int) -> float:
    """DC pedestals 4 m apart, the first 5 m from the switchboard."""
    return 5.0 + 4.0 * index


def build(p: Mapping[str, Value]) -> Project:
    ac, dc = AC_CHARGERS[float(p["ac_power_kw"])], DC_CHARGERS[float(p["dc_power_kw"])]
    ac_points, dc_points = int(p["ac_points"]), int(p["dc_points"])
    managed = bool(p["load_management"])
    ac_full = group_current(ac, ac_points)
    dc_full = dc_points * dc.input_current_a
    ac_feeder_a = feeder_rating(ac_full, "the AC busway feeder", HINT)
    dc_feeder_a = feeder_rating(dc_full, "the DC switchboard feeder", HINT, dc.breaker_a)
    building_kw = float(p["building_kw"])
    building_a = load_current(building_kw)
    building_feeder_a = feeder_rating(building_a, "the building feeder", HINT)

    site = Site.start(
        p,
        f"Fleet depot: {ac_points} x {ac.power_kw:g} kW AC, {dc_points} x {dc.power_kw:g} kW DC",
        "Single-line diagram, EV charging (fleet depot)",
    )
    main_board, main_meter, main_a = site.origin(
        supply_kind=str(p["supply_kind"]),
        design_a=building_a + (EV_ALLOWANCE if managed else 1.0) * (ac_full + dc_full),
        largest_feeder_a=max(ac_feeder_a, dc_feeder_a, building_feeder_a),
        hint=HINT,
    )
    feed = site.feeder(main_board, "Depot building", building_feeder_a, BUILDING_FEEDER_M, ev=False)
    site.load(feed, "Depot building", building_kw)
    chargers = busway_area(
        site,
        main_board,
        "AC area",
        ac,
        [f"AC bay {i + 1}" for i in range(ac_points)],
        feeder_a=ac_feeder_a,
        feeder_m=AC_FEEDER_M,
        hint=HINT,
        outdoor=True,
    )
    feed = site.feeder(main_board, "DC area", dc_feeder_a, DC_FEEDER_M)
    board = site.board(
        feed,
        "DC area switchboard",
        dc_feeder_a,
        outdoor=True,
        spd=DC_FEEDER_M + dc_length(dc_points - 1) > SPD_REACH_M,
    )
    chargers += [
        site.dc_point(board, dc, f"DC bay {i + 1}", dc_length(i), dc_points, outdoor=True)
        for i in range(dc_points)
    ]
    if managed:
        limit = lms_limit(main_a, building_a, ac_full + dc_full)
        check_lms_share(limit, ac_points + dc_points, "the depot zone", HINT)
        site.zone("Depot load balancing", "dynamic", limit, chargers, meter=main_meter)
    return site.finish()


TEMPLATE = Template(
    name="fleet-depot",
    title="Fleet depot, AC on busbar trunking and DC fast charging",
    description="5 x 22 kW AC on busbar trunking with breaker and type B RCD per tap-off, "
    "5 DC fast chargers on an outdoor switchboard, balanced with the depot building.",
    parameters=PARAMETERS,
    builder=build,
)
