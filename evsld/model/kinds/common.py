"""Attribute groups shared by several kinds (one definition, so they can never drift)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evsld.model.attributes import choice, flag, number, text

POLES = {
    "1P": "1P (line only)",
    "1P+N": "1P+N (line, switched neutral)",
    "2P": "2P",
    "3P": "3P",
    "3P+N": "3P+N (switched neutral)",
    "4P": "4P",
}
# live conductors each pole arrangement switches (722.531.2.101 counts them)
SWITCHED_CONDUCTORS = {"1P": 1, "1P+N": 2, "2P": 2, "3P": 3, "3P+N": 4, "4P": 4}

EARTHING_SYSTEMS = ("TN-S", "TN-C", "TN-C-S", "TT", "IT")
PHASE_NAMES = ("L1", "L2", "L3")
CABLE_SECTIONS_MM2 = (
    1.5,
    2.5,
    4.0,
    6.0,
    10.0,
    16.0,
    25.0,
    35.0,
    50.0,
    70.0,
    95.0,
    120.0,
    150.0,
    185.0,
    240.0,
    300.0,
    400.0,
    500.0,
    630.0,
)


def poles(default: str) -> Any:
    return choice("poles", "Poles", default, POLES)


def phases(default: int) -> Any:
    return choice("phases", "Phases", default, {1: "single-phase", 3: "three-phase"})


def assigned_phase() -> Any:
    return choice(
        "phase",
        "Connected phase",
        "L1",
        PHASE_NAMES,
        relevant_when=("phases", (1,)),
        help="The line conductor a single-phase device is wired to.",
    )


def closed() -> Any:
    return flag("closed", "Closed", True, help="An open device breaks the feeding path.")


def usage_group() -> Any:
    return text(
        "usage_group",
        "Usage group",
        "",
        max_length=80,
        help="Name of a project usage group (period day/night and demand factor); "
        "empty: always present, factor 1.",
    )


def cos_phi(default: float) -> Any:
    return number("cos_phi", "Power factor cos φ", default, "", 0.1, 1.0)


def breaker_trip(default_in: float, default_curve: str, default_icu: float) -> tuple:
    """Overcurrent release of a breaker or RCBO (IEC 60898-1 curves or 60947-2 settings)."""
    return (
        choice(
            "curve",
            "Curve / release",
            default_curve,
            {
                "B": "B (3-5 In)",
                "C": "C (5-10 In)",
                "D": "D (10-20 In)",
                "adjustable": "adjustable (Ir, Im)",
            },
        ),
        number("in_a", "Rated current In", default_in, "A", 0.5, 6300.0),
        number(
            "ir_a",
            "Long-time setting Ir",
            None,
            "A",
            0.2,
            6300.0,
            optional=True,
            relevant_when=("curve", ("adjustable",)),
            help="Empty: Ir = In.",
        ),
        number(
            "im_a",
            "Instantaneous setting Im",
            None,
            "A",
            1.0,
            200000.0,
            optional=True,
            relevant_when=("curve", ("adjustable",)),
            help="Empty: 10 x Ir.",
        ),
        number("icu_ka", "Breaking capacity Icu", default_icu, "kA", 1.0, 200.0),
        choice(
            "energy_class",
            "Energy-limiting class (IEC 60898-1 Annex ZA)",
            "none",
            {"3": "class 3", "2": "class 2", "1": "class 1", "none": "not declared"},
            relevant_when=("curve", ("B", "C")),
            help="The class marked on B and C breakers up to 32 A; it bounds the let-through "
            "I²t the adiabatic check (R434-ADIAB) uses when no datasheet value is given. "
            "Not declared: the check falls back on a conservative estimate and says so.",
        ),
        let_through(),
    )


def let_through() -> Any:
    """The manufacturer's let-through energy at the installation's fault level."""
    return number(
        "let_through_a2s",
        "Let-through I²t (datasheet)",
        None,
        "A²s",
        1.0,
        1.0e9,
        optional=True,
        help="Empty: the energy-limiting class table or a conservative estimate (R434-ADIAB).",
    )


def breaker_settings_consistent(attrs: Mapping[str, Any]) -> str | None:
    ir, in_a = attrs.get("ir_a"), attrs.get("in_a")
    if ir is not None and in_a is not None and not (0.4 * in_a - 1e-9 <= ir <= in_a + 1e-9):
        return f"Ir {ir:g} A must lie between 0.4 In and In ({0.4 * in_a:g}-{in_a:g} A)"
    im = attrs.get("im_a")
    setting = ir if ir is not None else in_a
    if im is not None and setting is not None and im < 1.5 * setting:
        return f"Im {im:g} A must be at least 1.5 x Ir ({1.5 * setting:g} A)"
    return None


RCD_TYPES = {
    "AC": "AC (sinusoidal only)",
    "A": "A (+ pulsating DC)",
    "F": "F (A + mixed frequency)",
    "B": "B (+ smooth DC)",
    "A-EV": "A-EV (A + 6 mA DC detection)",
}


def residual_current(default_standard: str, standards: tuple[str, ...]) -> tuple:
    """Residual-current function of an RCCB or RCBO."""
    return (
        choice("rcd_type", "RCD type", "B", RCD_TYPES),
        choice(
            "i_delta_n_ma",
            "Rated residual current IΔn",
            30.0,
            (10.0, 30.0, 100.0, 300.0, 500.0, 1000.0, 3000.0),
            unit="mA",
        ),
        choice(
            "delay",
            "Time delay",
            "general",
            {"general": "general (instantaneous)", "S": "S (selective, delayed)"},
        ),
        choice("standard", "Product standard", default_standard, standards),
        flag(
            "rdc_dd",
            "6 mA DC detection (RDC-DD, IEC 62955)",
            False,
            help="A residual DC detecting device combined with this RCD.",
        ),
        flag(
            "selectivity_required",
            "Selectivity required",
            False,
            help="Residual-current selectivity with upstream RCDs is mandatory for this circuit.",
        ),
    )
