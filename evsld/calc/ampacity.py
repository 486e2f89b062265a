"""Current-carrying capacity of cables: Iz = n Iz0 kT kG (R433-IB-IN-IZ, R52-IZ-TABLE,
R52-DERATE), from the catalog's simplified IEC 60364-5-52 tables (`evsld.calc.tables`).

Loaded conductors: 2 for a single-phase circuit, 3 for a three-phase one (a neutral carrying
only unbalance current is not counted, IEC 60364-5-52 523.6.3). n equal conductors in
parallel carry n times one conductor's Iz (523.7). Ambient: the factor of the next
tabulated temperature at or above the ambient (conservative); below 25 C the 25 C factor.
Grouping: the factor of the next tabulated circuit count at or above the count; beyond
20 circuits only the single-layer arrangements have a value (no further reduction).
A combination the tables do not cover gives a `Missing` with the reason, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from evsld.calc.notes import IZ_NO_AMBIENT, IZ_NO_GROUPING, IZ_NO_TABLE
from evsld.calc.tables import (
    IZ0,
    KG,
    KG_CIRCUITS,
    KG_FLAT_BEYOND_TABLE,
    KT,
    KT_GROUND_REFERENCE_C,
    KT_TEMPERATURES,
)

# table columns describing multicore cables only (B2: multicore in conduit, E: multicore on
# perforated tray); single-core cables belong to other methods (B1, F)
MULTICORE_ONLY_METHODS = ("B2", "E")


@dataclass(frozen=True, slots=True)
class IzDerivation:
    """How Iz was obtained, so a message can quote it."""

    material: str
    insulation: str
    section_mm2: float
    method: str
    loaded_conductors: int
    ambient_c: float
    grouping_circuits: int
    arrangement: str
    parallel: int
    iz0_a: float
    kt: float
    kg: float

    @property
    def column(self) -> str:
        """The table column, as the catalog names it ("C XLPE2")."""
        return f"{self.method} {self.insulation}{self.loaded_conductors}"

    @property
    def iz_a(self) -> float:
        return self.parallel * self.iz0_a * self.kt * self.kg

    def describe(self) -> str:
        """'Cu PVC 4 mm2, method C, 40 C' (the words a finding message uses)."""
        text = f"{self.material} {self.insulation} {self.section_mm2:g} mm2, method {self.method}"
        text += f", {self.ambient_c:g} C"
        if self.grouping_circuits > 1:
            text += f", {self.grouping_circuits} circuits grouped"
        if self.parallel > 1:
            text = f"{self.parallel} x " + text
        return text


@dataclass(frozen=True, slots=True)
class Missing:
    """Why no Iz could be derived (quoted by the calculation note)."""

    code: str
    reason: str


def loaded_conductors(phases: int) -> int:
    return 2 if phases == 1 else 3


def iz0(
    material: str, insulation: str, method: str, loaded: int, section_mm2: float
) -> float | None:
    column = IZ0.get((material, method, insulation, loaded))
    return None if column is None else column.get(section_mm2)


def ambient_factor(insulation: str, method: str, ambient_c: float) -> float | None:
    """kT (air, reference 30 C). Buried cables (method D) have a 20 C ground reference and
    the catalog no ground-temperature table: factor 1 up to 20 C, otherwise unknown."""
    if method == "D":
        return 1.0 if ambient_c <= KT_GROUND_REFERENCE_C else None
    for temperature, factor in zip(KT_TEMPERATURES, KT[insulation], strict=True):
        if ambient_c <= temperature:
            return factor
    return None


def grouping_factor(arrangement: str, method: str, circuits: int) -> float | None:
    """kG (Table B.52.17 layout). Buried groups use other tables the catalog lacks."""
    if circuits <= 1:
        return 1.0
    if method == "D":
        return None
    factors = KG[arrangement]
    for count, factor in zip(KG_CIRCUITS, factors, strict=True):
        if circuits <= count:
            return factor
    return factors[-1] if arrangement in KG_FLAT_BEYOND_TABLE else None


@lru_cache(maxsize=4096)
def derive_iz(
    *,
    material: str,
    insulation: str,
    construction: str,
    method: str,
    phases: int,
    section_mm2: float,
    ambient_c: float,
    grouping_circuits: int,
    arrangement: str,
    parallel: int = 1,
) -> IzDerivation | Missing:
    loaded = loaded_conductors(phases)
    where = f"{material} {insulation} {section_mm2:g} mm2, method {method}, {loaded} loaded"
    if construction == "single_core" and method in MULTICORE_ONLY_METHODS:
        return Missing(IZ_NO_TABLE, f"method {method} describes multicore cables ({where})")
    base = iz0(material, insulation, method, loaded, section_mm2)
    if base is None:
        return Missing(IZ_NO_TABLE, f"no table value for {where}")
    kt = ambient_factor(insulation, method, ambient_c)
    if kt is None:
        return Missing(
            IZ_NO_AMBIENT,
            f"no ambient factor for {insulation} at {ambient_c:g} C (method {method})",
        )
    kg = grouping_factor(arrangement, method, grouping_circuits)
    if kg is None:
        return Missing(
            IZ_NO_GROUPING,
            f"no grouping factor for {grouping_circuits} circuits ({arrangement}, method {method})",
        )
    return IzDerivation(
        material,
        insulation,
        section_mm2,
        method,
        loaded,
        ambient_c,
        grouping_circuits,
        arrangement,
        parallel,
        base,
        kt,
        kg,
    )


_CABLE_IZ: dict[tuple, IzDerivation | Missing] = {}


def iz_key(attrs: Mapping[str, Any]) -> tuple:
    """The attributes of a cable that its Iz derivation reads: its cable type for Iz."""
    return (
        attrs["material"],
        attrs["insulation"],
        attrs["construction"],
        attrs["method"],
        attrs["phases"],
        attrs["phase_section_mm2"],
        attrs["ambient_c"],
        attrs["grouping_circuits"],
        attrs["grouping_arrangement"],
        attrs["parallel"],
    )


def cable_iz(attrs: Mapping[str, Any]) -> IzDerivation | Missing:
    """Iz derivation of a cable device from its attributes (remembered per cable type: a
    project repeats the same few many times)."""
    return iz_of(iz_key(attrs))


def iz_of(key: tuple) -> IzDerivation | Missing:
    """The Iz derivation for an `iz_key`, remembered."""
    found = _CABLE_IZ.get(key)
    if found is None:
        if len(_CABLE_IZ) > 4096:
            _CABLE_IZ.clear()
        found = _CABLE_IZ[key] = derive_iz(
            material=key[0],
            insulation=key[1],
            construction=key[2],
            method=key[3],
            phases=key[4],
            section_mm2=key[5],
            ambient_c=key[6],
            grouping_circuits=key[7],
            arrangement=key[8],
            parallel=key[9],
        )
    return found
