"""The office building case study (design guide §4, §7 and §9, architecture 5).

A new MV connection and main LV board feed the existing building board (150 kVA), the fleet
(10 x 7.4 kW, night, Cfn 0.8) and employee (10 x 22 kW, day, 0.5) points on busbar trunking,
and the visitors' outdoor panel (1 x 180 kW DC + 4 x 22 kW, day, 0.8). A dynamic zone reads
the main meter and keeps the site under its 250 kVA. The usage groups give the guide's demand:
day 110 + 214.4 = 324.4 kW, night 59.2 kW, total 383.6 kW.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from evsld.model.project import Project
from evsld.model.project_data import UsageGroup
from evsld.templates import parameters as common
from evsld.templates.areas import board_area, busway_area
from evsld.templates.catalogue import (
    AC_CHARGERS,
    DC_CHARGERS,
    SQRT3,
    U_V,
)
from evsld.templates.design import (
    BUILDING_COS_PHI,
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

USAGE_GROUPS = (
    UsageGroup("Fleet", "night", 0.8),
    UsageGroup("Employees", "day", 0.5),
    UsageGroup("Visitors", "day", 0.8),
)
FLEET, EMPLOYEES, VISITORS_AC = 10, 10, 4
FLEET_CHARGER, STAFF_CHARGER = AC_CHARGERS[7.4], AC_CHARGERS[22.0]
VISITOR_DC = DC_CHARGERS[180.0]
BUILDING_FEEDER_M, FLEET_FEEDER_M, EMPLOYEE_FEEDER_M, VISITOR_FEEDER_M = 15.0, 30.0, 40.0, 60.0
VISITOR_DC_M = 10.0
HINT = "raise site_limit_kva or lower building_kva"

PARAMETERS = (
    Parameter(
        "building_kva",
        150.0,
        "load of the existing building (cos φ 0.9)",
        unit="kVA",
        minimum=20.0,
        maximum=400.0,
    ),
    Parameter(
        "site_limit_kva",
        250.0,
        "contracted power the load management keeps the site under",
        unit="kVA",
        minimum=100.0,
        maximum=1000.0,
    ),
    common.earthing("TN-S"),
    common.lightning_protection(),
)


def build(p: Mapping[str, Value]) -> Project:
    building_kva, site_kva = float(p["building_kva"]), float(p["site_limit_kva"])
    building_kw = BUILDING_COS_PHI * building_kva
    building_a = load_current(building_kw)
    site_a = site_kva * 1000.0 / (SQRT3 * U_V)
    fleet_a = group_current(FLEET_CHARGER, FLEET)
    staff_a = group_current(STAFF_CHARGER, EMPLOYEES)
    visitors_a = VISITOR_DC.input_current_a + group_current(STAFF_CHARGER, VISITORS_AC)
    ev_full = fleet_a + staff_a + visitors_a
    building_feeder_a = feeder_rating(building_a, "the existing building feeder", HINT)
    fleet_feeder_a = feeder_rating(fleet_a, "the fleet busway feeder", HINT)
    staff_feeder_a = feeder_rating(staff_a, "the employee busway feeder", HINT)
    visitors_feeder_a = feeder_rating(
        visitors_a, "the visitor panel feeder", HINT, VISITOR_DC.breaker_a
    )

    site = Site.start(
        p,
        "Office building case study: fleet, employees and visitors",
        "Single-line diagram, new main LV board and EV charging",
    )
    site.project.set_list("usage_groups", USAGE_GROUPS)
    main_board, main_meter, main_a = site.origin(
        supply_kind="private_mv_lv",
        design_a=building_a + EV_ALLOWANCE * ev_full,
        largest_feeder_a=max(building_feeder_a, fleet_feeder_a, staff_feeder_a, visitors_feeder_a),
        hint=HINT,
        contracted_kva=site_kva,
    )
    feed = site.feeder(
        main_board, "Existing building", building_feeder_a, BUILDING_FEEDER_M, ev=False
    )
    existing = site.board(
        feed, "Existing building board", building_feeder_a, outdoor=False, spd=False
    )
    site.load(existing, "Existing building", building_kw)

    chargers = []
    for group, charger, count, feeder_a, length in (
        ("Fleet", FLEET_CHARGER, FLEET, fleet_feeder_a, FLEET_FEEDER_M),
        ("Employees", STAFF_CHARGER, EMPLOYEES, staff_feeder_a, EMPLOYEE_FEEDER_M),
    ):
        chargers += busway_area(
            site,
            main_board,
            group,
            charger,
            [f"{group} {i + 1}" for i in range(count)],
            feeder_a=feeder_a,
            feeder_m=length,
            hint=HINT,
            usage_group=group,
        )
    visitor = {"usage_group": "Visitors", "public_access": True}
    panel, visitors = board_area(
        site,
        main_board,
        "Visitors",
        "Visitors panel",
        STAFF_CHARGER,
        [f"Visitors {i + 1}" for i in range(VISITORS_AC)],
        feeder_a=visitors_feeder_a,
        feeder_m=VISITOR_FEEDER_M,
        other_circuits=1,
        mid_meter=True,
        **visitor,
        **INTEGRATED_RCD["B"],
    )
    # the DC charger's circuit shares the panel's tray: half its circuits each way
    grouping = (VISITORS_AC + 2) // 2
    chargers += visitors
    chargers.append(
        site.dc_point(
            panel, VISITOR_DC, "Visitors DC", VISITOR_DC_M, grouping, outdoor=True, **visitor
        )
    )
    limit = lms_limit(min(main_a, site_a), building_a, ev_full)
    # fleet points charge at night, the others by day: the day set shares the limit
    check_lms_share(limit, EMPLOYEES + VISITORS_AC + 1, "the site zone", HINT)
    zone = site.zone(f"Site limit {site_kva:g} kVA", "dynamic", limit, chargers, meter=main_meter)
    # R722-LMS-6A counts every governed point on the busiest phase; the fleet never charges
    # together with the others, and check_lms_share keeps 6 A for each day point
    day_points, night_points = EMPLOYEES + VISITORS_AC + 1, math.ceil(FLEET / 3)
    site.accept(
        "R722-LMS-6A",
        [zone],
        f"the {FLEET} single-phase fleet points charge at night (usage group Fleet) and the "
        f"{day_points} three-phase points by day, never together: by day {limit:g} A per "
        f"phase gives {limit / day_points:.1f} A to each of the {day_points}, at night "
        f"{limit / night_points:.1f} A to each of the {night_points} fleet points on the "
        f"busiest phase",
    )
    return site.finish()


TEMPLATE = Template(
    name="office-case-study",
    title="Office building case study (new MV connection)",
    description="Fleet 10 x 7.4 kW (night) and employees 10 x 22 kW (day) on busbar "
    "trunking, visitors 180 kW DC + 4 x 22 kW on an outdoor panel, the existing 150 kVA "
    "building board, and a load-management zone keeping the site under 250 kVA.",
    parameters=PARAMETERS,
    builder=build,
)
