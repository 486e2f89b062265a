"""Public car park (design guide §9, architecture 3).

Two floors of 25 AC points on busbar trunking: each plug-in tap-off carries the point's
breaker and 30 mA type B RCD, the chargers carry MID meters; public access, so SPDs protect
every point. Without load management each run carries all its points at full power (722.311);
with it, a static zone per floor caps the floor at half of that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from evsld.model.project import Project
from evsld.templates import parameters as common
from evsld.templates.areas import busway_area
from evsld.templates.catalogue import AC_CHARGERS, ac_power
from evsld.templates.design import (
    feeder_rating,
    group_current,
)
from evsld.templates.parameters import Parameter, Template, Value
from evsld.templates.parts import (
    Site,
)

FLOOR_SHARE = 0.5  # [J] with load management, a floor is capped at half its points' power
HINT = "turn load_management on, or lower floors, points_per_floor or power_kw"

PARAMETERS = (
    Parameter("floors", 2, "parking floors, one busbar trunking run each", minimum=1, maximum=4),
    Parameter("points_per_floor", 25, "charging points on each floor", minimum=2, maximum=40),
    ac_power("power_kw", 11.0, (7.4, 11.0, 22.0)),
    common.load_management(False, "a static zone per floor capping it at half its power"),
    common.supply_kind("private_mv_lv"),
    common.earthing("TN-S"),
    common.lightning_protection(),
)


def feeder_length(floor: int) -> float:
    """Main board on the ground floor; 15 m to the first run, 3 m more per floor."""
    return 15.0 + 3.0 * floor


def floor_current(full_a: float, points: int, managed: bool) -> float:
    """What one floor's run must carry: everything without load management, else the zone
    limit, which keeps at least 6 A per point (R722-LMS-6A), in 5 A steps."""
    if not managed:
        return full_a
    return min(full_a, 5.0 * math.ceil(max(FLOOR_SHARE * full_a, 6.0 * points) / 5.0))


def build(p: Mapping[str, Value]) -> Project:
    charger = AC_CHARGERS[float(p["power_kw"])]
    floors, points = int(p["floors"]), int(p["points_per_floor"])
    managed = bool(p["load_management"])
    floor_a = floor_current(group_current(charger, points), points, managed)
    feeder_a = feeder_rating(floor_a, "a floor feeder", HINT)

    site = Site.start(
        p,
        f"Car park: {floors} floors x {points} x {charger.power_kw:g} kW",
        "Single-line diagram, EV charging on busbar trunking",
    )
    main_board, _, _ = site.origin(
        supply_kind=str(p["supply_kind"]),
        design_a=floors * floor_a,
        largest_feeder_a=feeder_a,
        hint=HINT,
    )
    for floor in range(1, floors + 1):
        level = f"Level {floor}"
        chargers = busway_area(
            site,
            main_board,
            level,
            charger,
            [f"{level} bay {i + 1}" for i in range(points)],
            feeder_a=feeder_a,
            feeder_m=feeder_length(floor - 1),
            hint=HINT,
            mid_meter=True,
            public_access=True,
        )
        if managed:
            site.zone(f"{level} zone", "static", floor_a, chargers)
    return site.finish()


TEMPLATE = Template(
    name="car-park",
    title="Public car park on busbar trunking",
    description="2 floors x 25 AC points on busbar trunking; breaker and type B RCD in each "
    "plug-in tap-off, MID meter in each charger.",
    parameters=PARAMETERS,
    builder=build,
)
