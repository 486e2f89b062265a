"""Let-through energy of a protective device for the adiabatic check (R434-ADIAB, 434.5.2).

In order of preference:
1. the manufacturer's let-through I²t entered on the device (`let_through_a2s`);
2. for B and C breakers up to 32 A declared energy-limiting class 3 or 2, the maximum I²t
   IEC 60898-1 Annex ZA (Tables ZA.1, ZA.2) allows at the next tabulated fault level at or
   above the prospective current (the class limits rise with the fault current, so the next
   column up bounds the value) [J: the table is read as an I²t curve];
3. the rule catalog's conservative fallback (calc: Ik² x 0.1 s for an MCB, plus the
   intentional delay for an IEC 60947-2 breaker), flagged as resting on missing data;
4. nothing (a fuse or an unknown product without a datasheet value): the check reports the
   data as missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from evsld.calc.protection import Protection, let_through_i2t

# IEC 60898-1 Annex ZA: permissible I²t (A²s) by (class, curve, rating band) at the fault
# levels 3, 4.5, 6 and 10 kA. Rating bands: In <= 16 A (ZA.1), 16 A < In <= 32 A (ZA.2).
ZA_FAULT_KA = (3.0, 4.5, 6.0, 10.0)
ZA_TABLES: dict[tuple[str, str, int], tuple[float, float, float, float]] = {
    ("3", "B", 16): (15_000.0, 25_000.0, 35_000.0, 70_000.0),
    ("3", "C", 16): (18_000.0, 30_000.0, 42_000.0, 84_000.0),
    ("3", "B", 32): (18_000.0, 32_000.0, 45_000.0, 90_000.0),
    ("3", "C", 32): (22_000.0, 39_000.0, 55_000.0, 110_000.0),
    ("2", "B", 16): (31_000.0, 60_000.0, 100_000.0, 240_000.0),
    ("2", "C", 16): (37_000.0, 75_000.0, 120_000.0, 290_000.0),
    ("2", "B", 32): (40_000.0, 80_000.0, 130_000.0, 310_000.0),
    ("2", "C", 32): (50_000.0, 100_000.0, 160_000.0, 370_000.0),
}


class LetThrough(NamedTuple):
    i2t_a2s: float | None  # None: no value and no fallback
    source: str  # how it was obtained, for the message
    estimated: bool  # True: the fallback, which rests on missing data


def annex_za_i2t(energy_class: str, curve: str | None, in_a: float, ik_ka: float) -> float | None:
    """The Annex ZA limit for a class 2/3 B or C breaker up to 32 A, or None outside it."""
    if curve not in ("B", "C") or in_a > 32.0:
        return None
    row = ZA_TABLES.get((energy_class, curve, 16 if in_a <= 16.0 else 32))
    if row is None:
        return None
    for fault_ka, value in zip(ZA_FAULT_KA, row, strict=True):
        if ik_ka <= fault_ka + 1e-9:
            return value
    return None


def let_through(protection: Protection, attrs: Mapping[str, Any], ik_ka: float) -> LetThrough:
    """The I²t the device lets through on a fault of `ik_ka` at the protected run's origin."""
    given = attrs.get("let_through_a2s")
    if given is not None:
        return LetThrough(given, "datasheet", False)
    if protection.family == "mcb":
        energy_class = attrs.get("energy_class", "none")
        za = annex_za_i2t(energy_class, protection.curve, protection.in_a, ik_ka)
        if za is not None:
            return LetThrough(za, f"IEC 60898-1 Annex ZA class {energy_class}", False)
    fallback = let_through_i2t(protection, ik_ka * 1000.0)
    if fallback is None:
        return LetThrough(None, "no datasheet let-through I2t", True)
    return LetThrough(fallback, "fallback Ik2 x t (no datasheet I2t or class table)", True)
