"""Protective-device characteristics as pure functions (rule catalog §6 "Protective devices").

Conventional currents (IEC 60364-4-43 433.1, R433-I2, R536-OC-SEL-THERMAL), magnetic trip
bands (R536-OC-SEL-MAG), the current Ia that ensures automatic disconnection in TN
(R41-TN-ZS), standard rating series and the let-through fallback of R434-ADIAB.
A characteristic the catalog does not give comes back as None, never as a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache, partial
from typing import Any, NamedTuple

# IEC 60898-1 ratings (A).
IEC_60898_RATINGS = (6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 80, 100, 125)
# IEC 60947-2 frames (A) from 125 A; the catalog elides the smaller ones, for which evsld
# sizes with the 60898-1 series. 320 A stands for "320 (or 315)".
IEC_60947_2_FRAMES = (125, 160, 200, 250, 320, 400, 500, 630, 800, 1000, 1250, 1600)
# gG fuse-links (A), IEC 60269.
GG_RATINGS = (
    2,
    4,
    6,
    10,
    16,
    20,
    25,
    32,
    40,
    50,
    63,
    80,
    100,
    125,
    160,
    200,
    250,
    315,
    355,
    400,
    500,
    630,
    800,
    1000,
)
BREAKER_RATINGS = IEC_60898_RATINGS + IEC_60947_2_FRAMES[1:]

# Conventional non-tripping / tripping currents as multiples of In (60898) or Ir (60947-2).
MCB_STANDARDS = ("IEC 60898-1", "IEC 61009-1", "IEC 62423")  # 61009-1 keeps 60898's values
MCCB_STANDARDS = ("IEC 60947-2",)
MCB_I_NF, MCB_I_F = 1.13, 1.45
MCCB_I_NF, MCCB_I_F = 1.05, 1.30
# gG fuse-links, IEC 60269-1 Table 2: In >= 16 A 1.25/1.6 In (the catalog's row); the smaller
# rows (In <= 4 A 1.5/2.1, 4 < In < 16 A 1.5/1.9) are the same table's, marked [R] in docs.
GG_LARGE_I_NF, GG_LARGE_I_F = 1.25, 1.6
GG_MEDIUM_I_NF, GG_MEDIUM_I_F = 1.5, 1.9
GG_SMALL_I_NF, GG_SMALL_I_F = 1.5, 2.1

# Instantaneous (magnetic) trip bands in multiples of In, IEC 60898-1.
CURVE_BANDS = {"B": (3.0, 5.0), "C": (5.0, 10.0), "D": (10.0, 20.0)}
IM_TOLERANCE = 0.20  # IEC 60947-2 8.3.3.1.2: +-20 % around the Im setting
DEFAULT_IM_MULTIPLE = 10.0  # the model's help: empty Im means 10 x Ir
RCD_IA_MULTIPLE = 5.0  # R41-TN-ZS: through an RCD, Ia = 5 IDn
MCB_LET_THROUGH_S = 0.1  # R434-ADIAB fallback: I2t = Ik^2 x 0.1 s for an MCB

OCPD_KINDS = ("breaker", "rcbo", "fuse")


class Protection(NamedTuple):
    """The overcurrent characteristics of one breaker, RCBO or fuse."""

    device_id: str
    kind: str
    standard: str
    family: str  # "mcb", "mccb", "gG", "aM" or "unknown"
    in_a: float
    ir_a: float  # long-time setting; equals In unless the release is adjustable
    curve: str | None  # B, C, D, adjustable; None for a fuse
    i_nf_a: float | None  # conventional non-tripping (non-fusing) current
    i2_a: float | None  # conventional tripping (fusing) current I2 = I_f
    im_min_a: float | None  # magnetic band, lower edge
    im_max_a: float | None  # magnetic band, upper edge (sure instantaneous trip)
    ia_a: float | None  # Ia for TN disconnection without an RCD
    breaking_ka: float  # Icu (breakers) or breaking capacity (fuses)
    delay_s: float  # intentional short-time delay


def family_of(kind: str, standard: str, fuse_class: str | None, curve: str | None) -> str:
    """Which product family's characteristics apply to an overcurrent device."""
    if kind == "fuse":
        return fuse_class or "unknown"
    if standard in MCB_STANDARDS and curve != "adjustable":
        return "mcb"
    if standard in MCCB_STANDARDS:
        return "mccb"
    return "unknown"


def conventional_currents(family: str, setting_a: float) -> tuple[float | None, float | None]:
    """(I_nf, I_f) of the family at its setting (In for MCBs and fuses, Ir for 60947-2).

    aM fuses give no overload protection and unknown products have no known values: None."""
    if family == "mcb":
        return MCB_I_NF * setting_a, MCB_I_F * setting_a
    if family == "mccb":
        return MCCB_I_NF * setting_a, MCCB_I_F * setting_a
    if family == "gG":
        if setting_a >= 16.0:
            return GG_LARGE_I_NF * setting_a, GG_LARGE_I_F * setting_a
        if setting_a > 4.0:
            return GG_MEDIUM_I_NF * setting_a, GG_MEDIUM_I_F * setting_a
        return GG_SMALL_I_NF * setting_a, GG_SMALL_I_F * setting_a
    return None, None


def magnetic_band(
    curve: str | None, in_a: float, ir_a: float, im_a: float | None
) -> tuple[float, float] | None:
    """Instantaneous trip band (A): B 3-5 In, C 5-10 In, D 10-20 In; adjustable Im +-20 %."""
    if curve in CURVE_BANDS:
        lo, hi = CURVE_BANDS[curve]
        return lo * in_a, hi * in_a
    if curve == "adjustable":
        im = im_a if im_a is not None else DEFAULT_IM_MULTIPLE * ir_a
        return (1 - IM_TOLERANCE) * im, (1 + IM_TOLERANCE) * im
    return None


def ia_tn(curve: str | None, in_a: float, ir_a: float, im_a: float | None) -> float | None:
    """Ia of R41-TN-ZS without an RCD: the upper edge of the magnetic band (5/10/20 In)."""
    band = magnetic_band(curve, in_a, ir_a, im_a)
    return band[1] if band else None


def ia_rcd(i_delta_n_ma: float) -> float:
    """Ia through an RCD (A): 5 IDn (R41-TN-ZS)."""
    return RCD_IA_MULTIPLE * i_delta_n_ma / 1000.0


def tt_touch_voltage(ra_ohm: float, i_delta_n_ma: float) -> float:
    """RA x IDn (V), compared with 50 V by R41-TT."""
    return ra_ohm * i_delta_n_ma / 1000.0


def tt_max_ra(i_delta_n_ma: float, limit_v: float = 50.0) -> float:
    """The largest RA (ohm) an RCD of IDn keeps within the touch-voltage limit."""
    return limit_v / (i_delta_n_ma / 1000.0)


def next_rating(current_a: float, series: Sequence[float] = BREAKER_RATINGS) -> float | None:
    """The smallest standard rating at or above a current; None above the series."""
    for rating in series:
        if rating >= current_a - 1e-9:
            return float(rating)
    return None


def let_through_i2t(protection: Protection, ik_a: float) -> float | None:
    """Let-through energy (A2s) for R434-ADIAB when no manufacturer curve is known.

    MCBs: the catalog's fallback Ik^2 x 0.1 s. 60947-2 breakers clear within the same 0.1 s
    plus their intentional delay [J]. Fuses and unknown products: None (a fuse clears a low
    fault current slowly, so no fixed time is safe)."""
    if protection.family == "mcb":
        return ik_a * ik_a * MCB_LET_THROUGH_S
    if protection.family == "mccb":
        return ik_a * ik_a * (MCB_LET_THROUGH_S + protection.delay_s)
    return None


def adiabatic_withstand(k: float, section_mm2: float) -> float:
    """k2 S2 (A2s): the energy a conductor withstands adiabatically (434.5.2)."""
    return k * k * section_mm2 * section_mm2


def protection_of(device_id: str, kind: str, attrs: Mapping[str, Any]) -> Protection:
    """Characteristics of a breaker, RCBO or fuse from its attributes."""
    if kind == "fuse":
        characteristics = _characteristics(
            kind,
            attrs["standard"],
            attrs["fuse_class"],
            None,
            attrs["in_a"],
            None,
            None,
            attrs["breaking_capacity_ka"],
            0.0,
        )
    else:
        characteristics = _characteristics(
            kind,
            attrs["standard"],
            None,
            attrs["curve"],
            attrs["in_a"],
            attrs["ir_a"],
            attrs["im_a"],
            attrs["icu_ka"],
            attrs.get("delay_ms", 0.0),
        )
    return _protection((device_id, *characteristics))


# one per overcurrent device: built from a whole tuple, without the keyword handling
_protection = partial(tuple.__new__, Protection)


@lru_cache(maxsize=1024)
def _characteristics(
    kind: str,
    standard: str,
    fuse_class: str | None,
    curve: str | None,
    in_a: float,
    ir_a: float | None,
    im_a: float | None,
    breaking_ka: float,
    delay_ms: float,
) -> tuple:
    """Every field of a Protection but the device id (cached: ratings repeat)."""
    family = family_of(kind, standard, fuse_class, curve)
    ir = ir_a if curve == "adjustable" and ir_a is not None else in_a
    i_nf, i_f = conventional_currents(family, ir if family == "mccb" else in_a)
    band = magnetic_band(curve, in_a, ir, im_a)
    lo, hi = band if band is not None else (None, None)
    return (
        kind,
        standard,
        family,
        in_a,
        ir,
        curve,
        i_nf,
        i_f,
        lo,
        hi,
        hi,
        breaking_ka,
        delay_ms / 1000.0,
    )
