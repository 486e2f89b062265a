"""Each template at its defaults and at parameter sets that move every dimension, with the
device counts worked out by hand from the architecture (see the comments)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evsld.model.project import Project
from evsld.templates import build


@dataclass(frozen=True)
class Case:
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    # chargers, connecting points, breakers, RCD devices, SPDs, meters, tap-offs, LMS zones
    counts: tuple[int, int, int, int, int, int, int, int] = (0,) * 8
    # the findings the design accepts (rule, names of the devices), saved with a reason
    accepted: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def id(self) -> str:
        shown = ",".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.template}[{shown or 'defaults'}]"


CASES = (
    # main + flats + EV feeder + 10 finals; SPDs at the origin and the EV board (40 m away)
    Case("residential", {}, (10, 10, 13, 0, 2, 1, 0, 1)),
    # without the zone the EV board carries the 4/3/3 split of its 10 single-phase points at
    # full power (128/96/96 A, 20 %): R-PH-UNB accepted there (the flats dilute it upstream)
    Case(
        "residential",
        {"load_management": False},
        (10, 10, 13, 0, 2, 1, 0, 0),
        (("R-PH-UNB", ("EV board",)),),
    ),
    # TT: RCDs on the incomer and both feeders; no zone
    Case(
        "residential",
        {
            "points": 6,
            "power_kw": 22.0,
            "earthing": "TT",
            "load_management": False,
            "supply_kind": "private_mv_lv",
        },
        (6, 6, 9, 3, 2, 1, 0, 0),
    ),
    Case(
        "residential",
        {"points": 1, "power_kw": 11.0, "charger_rcd": "A+RDC-DD", "lightning_protection": True},
        (1, 1, 4, 0, 2, 1, 0, 1),
    ),
    Case(
        "residential",
        {"points": 20, "flats": 120, "supply_kind": "private_mv_lv"},
        (20, 20, 23, 0, 2, 1, 0, 1),
    ),
    # main + building + 2 EV feeders + 15 tap-off breakers + 10 board breakers; a type B RCD
    # per tap-off; SPDs: origin, the busway's feed unit (its bays are 45-62.5 m of cable from
    # the origin's), outdoor board; three zones (dynamic + two static)
    Case("office", {}, (25, 25, 29, 15, 3, 1, 15, 3)),
    # a 50.75 m run 40 m from the origin's SPD: an SPD on the busbars reaches 26 m of run either
    # way (+ 4 m drop), too little from the feed unit (bays at 1-49.75 m), so one goes in the
    # farthest tap-off within 26 m of bay 1, bay 21 at 26 m (0-52 m): 1 + 1 + 1 SPDs; TT adds
    # 4 RCDs (incomer, 3 feeders)
    Case(
        "office",
        {
            "indoor_points": 40,
            "outdoor_points": 2,
            "power_kw": 11.0,
            "earthing": "TT",
            "sub_zone_limit_a": 300.0,
        },
        (42, 42, 46, 44, 3, 1, 40, 3),
    ),
    Case("office", {"building_kw": 600.0, "earthing": "TN-C-S"}, (25, 25, 29, 15, 3, 1, 15, 3)),
    # two 32 m runs 15 and 18 m away: the origin's SPD reaches bays 1-9 and 1-7 (up to
    # 26 - 15 = 11 and 8 m), a feed unit's would reach only 26 m (bays at 1-31 m), so one in
    # the tap-off of bay 25 (31 m) reaches back to 5 m: 1 + 2 x 1 SPDs
    Case("car-park", {}, (50, 50, 53, 50, 3, 1, 50, 0)),
    # 13.25 m runs 15-21 m away: the far bays are 31.25-37.25 m from the origin's SPD, so an
    # SPD in each feed unit; a static zone per floor
    Case(
        "car-park",
        {
            "floors": 3,
            "points_per_floor": 10,
            "power_kw": 22.0,
            "load_management": True,
            "earthing": "TN-C-S",
        },
        (30, 30, 34, 30, 4, 1, 30, 3),
    ),
    # a 3.25 m run 15 m from the origin SPD needs none of its own
    # two single-phase points split 1/1/0 (32/32/0 A): R-PH-UNB accepted on the run, the
    # board and the supply, where the unbalance shows
    Case(
        "car-park",
        {"floors": 1, "points_per_floor": 2, "power_kw": 7.4, "supply_kind": "public_lv"},
        (2, 2, 4, 2, 1, 1, 2, 0),
        (
            ("R-PH-UNB", ("Level 1 busway",)),
            ("R-PH-UNB", ("Main LV board",)),
            ("R-PH-UNB", ("Public LV supply",)),
        ),
    ),
    # four 38.25 m runs 15, 18, 21 and 24 m away: the origin's SPD reaches 11, 8, 5 and 2 m
    # along them; one SPD each in the farthest tap-off within 26 m of the first bay beyond
    # that (12.25, 8.5, 6 and 2.25 m): bays 30, 27, 25 and 22: 1 + 4 x 1
    Case(
        "car-park",
        {"floors": 4, "points_per_floor": 30, "load_management": True},
        (120, 120, 125, 120, 5, 1, 120, 4),
    ),
    # main + building + AC + DC feeders + 5 tap-off + 5 DC breakers; SPDs: origin, the AC run's
    # feed unit (40 m away), the DC switchboard (60 m away)
    Case("fleet-depot", {}, (10, 10, 14, 5, 3, 1, 5, 1)),
    # 20 tap-offs reach 24.75 m along the run, within 30 m (+ 4 m drop) of the feed unit
    Case(
        "fleet-depot",
        {
            "ac_points": 20,
            "ac_power_kw": 11.0,
            "dc_points": 4,
            "dc_power_kw": 180.0,
            "load_management": False,
            "earthing": "TT",
        },
        (24, 24, 28, 24, 3, 1, 20, 0),
    ),
    Case(
        "fleet-depot",
        {"dc_points": 1, "dc_power_kw": 120.0, "ac_points": 1},
        (2, 2, 6, 1, 3, 1, 1, 1),
    ),
    # main + 4 feeders + 20 tap-off + 1 DC + 4 AC breakers; SPDs: origin, both busways' feed
    # units (30 and 40 m away), the visitors panel; the 10 single-phase fleet points split
    # 4/3/3 on their busway (R-PH-UNB accepted there)
    Case(
        "office-case-study",
        {},
        (25, 25, 30, 20, 4, 1, 20, 1),
        (("R-PH-UNB", ("Fleet busway",)),),
    ),
    # 225 kVA leaves the chargers 100 A per phase: 19 points on L1 (4 fleet + 15 three-phase)
    # get 5.3 A, R722-LMS-6A, accepted: the fleet charges at night, the 15 others by day
    # (6.7 A each); the zone caps the fleet run at 100/96/96 A, within 10 %
    Case(
        "office-case-study",
        {"site_limit_kva": 225.0},
        (25, 25, 30, 20, 4, 1, 20, 1),
        (("R722-LMS-6A", ("Site limit 225 kVA",)),),
    ),
    # TT adds type S RCDs on the incomer and the four feeders
    Case(
        "office-case-study",
        {
            "earthing": "TT",
            "lightning_protection": True,
            "building_kva": 200.0,
            "site_limit_kva": 400.0,
        },
        (25, 25, 30, 25, 4, 1, 20, 1),
        (("R-PH-UNB", ("Fleet busway",)),),
    ),
)


_BUILT: dict[str, Project] = {}


def built(case: Case) -> Project:
    """Built once per test session; tests only read it."""
    if case.id not in _BUILT:
        _BUILT[case.id] = build(case.template, **case.params)
    return _BUILT[case.id]
