"""Power to reserve for AC charging (design guide §3): P_ev = A x N x P_evse x Cfn.

N parking spaces, A the share of spaces equipped, P_evse the reference power per point (kW)
and Cfn the demand factor. Defaults by site type and size come from the guide's table and
every one can be overridden (local regulations override the guide). The guide's columns are
"N < 40" and "N > 40"; a car park of exactly 40 spaces takes the "N > 40" defaults, which
reserve more.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SIZE_THRESHOLD = 40


@dataclass(frozen=True, slots=True)
class ReservationDefaults:
    share_equipped: float  # A
    p_evse_kw: float
    cfn: float
    min_reservation: float  # the guide's "minimum reservation" column, as printed


# site -> (N < 40, N > 40)
RESERVATION_DEFAULTS: dict[str, tuple[ReservationDefaults, ReservationDefaults]] = {
    "residential": (
        ReservationDefaults(0.50, 7.4, 0.4, 0.20),
        ReservationDefaults(0.75, 7.4, 0.4, 0.20),
    ),
    "workplace": (
        ReservationDefaults(0.10, 11.0, 0.4, 0.10),
        ReservationDefaults(0.20, 11.0, 0.4, 0.20),
    ),
    "public_parking": (
        ReservationDefaults(0.10, 22.0, 0.4, 0.10),
        ReservationDefaults(0.20, 22.0, 0.4, 0.20),
    ),
    "destination": (
        ReservationDefaults(0.05, 11.0, 0.4, 0.05),
        ReservationDefaults(0.10, 11.0, 0.4, 0.10),
    ),
}
SITE_LABELS = {
    "residential": "Residential",
    "workplace": "Workplace (office, industrial)",
    "public_parking": "Public parking",
    "destination": "At destination",
}


@dataclass(frozen=True, slots=True)
class Reservation:
    site: str
    spaces: int  # N
    share_equipped: float  # A
    p_evse_kw: float
    cfn: float
    min_reservation: float  # as printed by the guide; its basis is not stated there
    points: int  # spaces to pre-equip, ceil(A x N)
    p_ev_kw: float  # A x N x P_evse x Cfn


def defaults_for(site: str, spaces: int) -> ReservationDefaults:
    """The guide's defaults for a site type and a number of parking spaces."""
    small, large = RESERVATION_DEFAULTS[site]
    return small if spaces < SIZE_THRESHOLD else large


def power_reservation(
    site: str,
    spaces: int,
    *,
    share_equipped: float | None = None,
    p_evse_kw: float | None = None,
    cfn: float | None = None,
) -> Reservation:
    """P_ev = A x N x P_evse x Cfn with the guide's defaults where no value is given."""
    if spaces < 0:
        raise ValueError("the number of parking spaces cannot be negative")
    d = defaults_for(site, spaces)
    a = d.share_equipped if share_equipped is None else share_equipped
    p = d.p_evse_kw if p_evse_kw is None else p_evse_kw
    c = d.cfn if cfn is None else cfn
    return Reservation(
        site=site,
        spaces=spaces,
        share_equipped=a,
        p_evse_kw=p,
        cfn=c,
        min_reservation=d.min_reservation,
        points=math.ceil(a * spaces - 1e-9),
        p_ev_kw=a * spaces * p * c,
    )
