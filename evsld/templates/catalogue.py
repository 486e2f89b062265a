"""The equipment the templates choose from, and the designer's cable schedules.

Every figure is a hand choice checked against the rule catalog (docs/templates.md shows the
arithmetic of each row): Ib <= In <= Iz with Iz0 from the catalog's §6 table (IEC 60364-5-52,
copper, XLPE, method E) times the grouping factor of Table B.52.17, and the voltage drop of
the Annex G formula over the lengths the templates draw. The templates look rows up; they do
not size cables by computation, so what a template draws is what the document says.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from evsld.templates.parameters import Parameter, TemplateError

SQRT3 = math.sqrt(3)
U_V = 400.0  # phase-to-phase voltage of every template (230/400 V)


@dataclass(frozen=True)
class AcCharger:
    """A Mode 3 charging station with one Type 2 socket."""

    power_kw: float
    phases: int
    current_a: float  # rated current per point: the final circuit's design current (722.311)
    max_upstream_ocpd_a: float  # typical datasheet limit; replace by the chosen product's


# 7.4 kW single-phase 32 A, 11 kW three-phase 16 A, 22 kW three-phase 32 A (catalog: design
# current = rated current, never P/U)
AC_CHARGERS = {
    7.4: AcCharger(7.4, 1, 32.0, 40.0),
    11.0: AcCharger(11.0, 3, 16.0, 20.0),
    22.0: AcCharger(22.0, 3, 32.0, 40.0),
}


def ac_power(name: str, default: float, choices: tuple[float, ...]) -> Parameter:
    """The power-per-point parameter, its help naming each choice's supply and current."""
    described = ", ".join(
        f"{c:g} ({'single' if AC_CHARGERS[c].phases == 1 else 'three'}-phase "
        f"{AC_CHARGERS[c].current_a:g} A)"
        for c in choices
    )
    return Parameter(name, default, f"power per point: {described}", unit="kW", choices=choices)


@dataclass(frozen=True)
class DcCharger:
    """A Mode 4 charger with galvanic separation, fed three-phase without neutral."""

    power_kw: float
    input_current_a: float  # P / (η 0.95 · PF 0.99 · √3 · 400 V), the catalog's fallback
    breaker_a: float  # IEC 60947-2, next frame above the input current
    section_mm2: float  # Cu XLPE, method E, up to 7 circuits on the tray (kG 0.73)
    max_upstream_ocpd_a: float  # typical datasheet limit


DC_CHARGERS = {
    60.0: DcCharger(60.0, 92.08, 100.0, 35.0, 125.0),  # Iz 158 x 0.73 = 115.3 A
    120.0: DcCharger(120.0, 184.16, 200.0, 95.0, 250.0),  # Iz 298 x 0.73 = 217.5 A
    150.0: DcCharger(150.0, 230.20, 250.0, 120.0, 320.0),  # Iz 346 x 0.73 = 252.6 A
    180.0: DcCharger(180.0, 276.24, 320.0, 185.0, 400.0),  # Iz 450 x 0.73 = 328.5 A
}

# Feeders and incomers: IEC 60947-2 breakers from 100 A, so that a C32 final circuit below is
# selective (Im of the feeder set to 5 Ir: 400 A at least, above the 320 A of a C32).
FEEDER_RATINGS_A = (100, 125, 160, 200, 250, 320, 400, 500, 630, 800, 1000, 1250, 1600)

# breaker In -> (phase section mm², cables in parallel): Cu XLPE multicore on a perforated tray,
# method E, one circuit; parallel cables group with each other (kG 0.88, 0.82, 0.77, 0.75 for
# 2, 3, 4, 5 cables), e.g. 800 A: 2 x 538 A x 0.88 = 947 A.
FEEDER_CABLES = {
    100: (25.0, 1),  # Iz 127 A
    125: (35.0, 1),  # Iz 158 A
    160: (50.0, 1),  # Iz 192 A
    200: (70.0, 1),  # Iz 246 A
    250: (95.0, 1),  # Iz 298 A
    320: (120.0, 1),  # Iz 346 A
    400: (185.0, 1),  # Iz 450 A
    500: (240.0, 1),  # Iz 538 A
    630: (185.0, 2),  # Iz 792 A
    800: (240.0, 2),  # Iz 947 A
    1000: (240.0, 3),  # Iz 1324 A
    1250: (240.0, 4),  # Iz 1657 A
    1600: (240.0, 5),  # Iz 2018 A
}

# (phases, rated current) -> ((section mm², longest run m), ...) for AC final circuits, Cu XLPE
# multicore. Iz holds with the worst tray grouping (kG 0.72, 8 circuits or more); each section
# is used up to the length where the drop at the rated current (cos φ 1) reaches 2.0 %.
FINAL_CABLES = {
    (1, 32.0): ((6.0, 19.0), (10.0, 31.0), (16.0, 51.0)),
    (3, 16.0): ((2.5, 31.0), (4.0, 51.0), (6.0, 76.0)),
    (3, 32.0): ((6.0, 38.0), (10.0, 63.0), (16.0, 102.0)),
}

# Short-circuit withstand of the feeder cables (R434-ADIAB, 434.5.2): k of Cu XLPE, and the
# sections a feeder steps up to when k²S² must cover Ik² x t of a time-delayed breaker
K_CU_XLPE = 143.0
FEEDER_SECTIONS_MM2 = (25.0, 35.0, 50.0, 70.0, 95.0, 120.0, 150.0, 185.0, 240.0)
BREAKER_CLEARING_S = 0.1  # the catalog's fallback clearing time, plus any short-time delay

# Let-through I²t (A²s) of the miniature C breakers of the final circuits at their breaking
# capacity, for fault levels beyond IEC 60898-1 Annex ZA (whose class 3 limits stop at 10 kA:
# C16 84 000, C32 110 000 A²s). Typical figures of current-limiting class 3 products [J],
# entered as the datasheet value; replace them by the chosen product's. (standard, In) ->
MCB_LET_THROUGH_A2S = {
    ("IEC 60898-1", 16.0): 80_000.0,  # Icn 15-25 kA; 2.5 mm² Cu XLPE withstands 127 806
    ("IEC 60898-1", 32.0): 120_000.0,  # 6 mm² withstands 736 164
    ("IEC 60947-2", 16.0): 110_000.0,  # Icu 50 kA
    ("IEC 60947-2", 32.0): 160_000.0,
}
ANNEX_ZA_MAX_KA = 10.0

BOARD_RATINGS_A = (125, 160, 250, 400, 630, 800, 1000, 1250, 1600, 2000, 2500, 3200)
BUSWAY_RATINGS_A = (100, 160, 250, 400, 500, 630, 800, 1000)  # KS to 800 A, KSA 1000 A
TAPOFF_RATINGS_A = (25, 32, 40, 63, 100, 160, 250, 400)
TRANSFORMERS_KVA = (160, 250, 400, 630, 800, 1000, 1250)  # cast resin, uk 6 %
TRANSFORMER_UK_PCT = 6.0
MCB_ICU_KA = (10.0, 15.0, 25.0)  # IEC 60898-1 Icn
MCCB_ICU_KA = (25.0, 36.0, 50.0, 70.0, 100.0)
C_MAX = 1.05  # IEC 60909 voltage factor for the maximum short-circuit current, LV


def pick(needed: float, ratings: tuple[float, ...], what: str, hint: str, unit: str = "A") -> float:
    """The smallest rating at least `needed`; TemplateError (with the caller's hint naming
    the parameters to change) when even the largest is too small."""
    for rating in ratings:
        if rating >= needed - 1e-9:
            return float(rating)
    raise TemplateError(
        f"{what} would need {needed:.0f} {unit}, above the largest {ratings[-1]:g} {unit} "
        f"available; {hint}"
    )


def final_section(phases: int, current_a: float, length_m: float) -> float:
    """The schedule's first section good for the run (the templates' bays stay within it)."""
    return next(s for s, longest in FINAL_CABLES[(phases, current_a)] if length_m <= longest)


def transformer_current(kva: float) -> float:
    return kva * 1000.0 / (SQRT3 * U_V)


def transformer_ik_ka(kva: float) -> float:
    """Three-phase Ik at the LV terminals behind an infinite MV network: S / (√3 U uk)."""
    return transformer_current(kva) / (TRANSFORMER_UK_PCT / 100.0) / 1000.0


def icu_for(ik_ka: float, miniature: bool) -> tuple[str, float]:
    """Product standard and breaking capacity covering c_max x Ik (R434-ICU); a miniature
    breaker past 25 kA becomes an IEC 60947-2 one (50 kA)."""
    needed = C_MAX * ik_ka
    if miniature:
        for icu in MCB_ICU_KA:
            if icu >= needed:
                return "IEC 60898-1", icu
        return "IEC 60947-2", 50.0
    return "IEC 60947-2", pick(needed, MCCB_ICU_KA, "a breaker", "", unit="kA")


def withstand_section(ik_ka: float, clearing_s: float) -> float:
    """The smallest feeder section whose k²S² holds Ik² x t (Cu XLPE)."""
    needed = ik_ka * 1000.0 * math.sqrt(clearing_s) / K_CU_XLPE
    return pick(
        needed,
        FEEDER_SECTIONS_MM2,
        "a feeder cable's short-circuit withstand",
        "the fault level at the origin is too high for the cable schedule",
        unit="mm²",
    )
