"""The design decisions the templates share: how much current a group of points draws,
how a feeder or an LMS limit is chosen, how far the bays are. Each number says which rule
of the catalog (or which judgement, [J]) it serves; docs/templates.md has the reasoning."""

from __future__ import annotations

import math

from evsld.templates import catalogue as cat
from evsld.templates.catalogue import AcCharger, pick
from evsld.templates.parameters import TemplateError

PUBLIC_LV_MAX_A = 400.0  # [J] largest main incomer a public LV connection is assumed to offer
EV_ALLOWANCE = 0.4  # Cfn of the design guide §3: EV share reserved at the origin under an LMS
HEADROOM_MARGIN = 0.98  # an LMS limit keeps the origin 2 % under its main breaker
SPD_REACH_M = 30.0  # R534-DIST: an EVSE further than this from the upstream SPD needs another
BUSWAY_DROP_M = 4.0  # ceiling tap-off down to the wall charger
BUILDING_COS_PHI = 0.9  # [J] building loads when nothing better is known


def group_current(charger: AcCharger, count: int) -> float:
    """Largest phase current of `count` points at full power, single-phase ones rotated."""
    per_phase = count if charger.phases == 3 else math.ceil(count / 3)
    return charger.current_a * per_phase


def load_current(kw: float) -> float:
    """Design current of a three-phase building load."""
    return kw * 1000.0 / (cat.SQRT3 * cat.U_V * BUILDING_COS_PHI)


def feeder_rating(design_a: float, what: str, hint: str, largest_below: float = 0.0) -> float:
    """A feeder breaker carrying the design current and selective with the breakers it
    feeds: both set to Im 5 Ir (+-20 %), 1.2 x 5 In below < 0.8 x 5 In above needs
    In above > 1.5 In below, which also covers overloads (1.30 In below < 1.05 In above)."""
    needed = max(design_a, 1.5 * largest_below, cat.FEEDER_RATINGS_A[0])
    return pick(needed, cat.FEEDER_RATINGS_A, what, hint)


def lms_limit(main_a: float, building_a: float, ceiling_a: float) -> float:
    """What a dynamic zone may give the chargers: the main breaker (less the margin) minus
    the building's design current, in 5 A steps, never above what the chargers can draw."""
    headroom = math.floor((HEADROOM_MARGIN * main_a - building_a) / 5.0) * 5.0
    return min(headroom, ceiling_a)


def check_lms_share(limit_a: float, points: int, name: str, hint: str) -> None:
    """R722-LMS-6A: a limit under 6 A per point means points would be shed at full use."""
    if limit_a < 6.0 * points:
        raise TemplateError(
            f"{name} would get {max(limit_a, 0):.0f} A for {points} points, under the 6 A "
            f"per point of IEC 61851-1; {hint}"
        )


def bay_length(index: int) -> float:
    """Final circuit length from a board standing mid-row: bays 2.5 m apart on both sides,
    3 m to the first pair."""
    return 3.0 + 2.5 * (index // 2)


def run_length(tapoffs: int) -> float:
    """Busway length: a tap-off every 1.25 m (2.5 m bays on both sides), 1 m at each end."""
    return 2.0 + 1.25 * (tapoffs - 1)
