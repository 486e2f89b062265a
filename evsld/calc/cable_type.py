"""What a cable's own attributes fix, whatever it carries: its Iz derivation, its impedances
per metre, k and k2S2, and the conductors its voltage drop uses.

A project repeats the same few cable types many times (a car park's final circuits), so the
values are remembered per type: the calculation looks up one key per cable instead of
deriving them again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from evsld.calc.ampacity import IzDerivation, Missing, iz_key, iz_of
from evsld.calc.protection import adiabatic_withstand
from evsld.calc.short_circuit import RunImpedance, cable_per_metre
from evsld.calc.tables import K_ADIABATIC

_REMEMBERED = 4096  # distinct types kept; a project has tens


class CableType(NamedTuple):
    iz: IzDerivation | Missing  # the derivation, or why there is none
    per_metre: RunImpedance
    k: float  # 434.5.2 / Table 43A
    k2s2_a2s: float
    single_phase: bool
    has_neutral: bool  # a neutral or a PEN conductor
    material: str
    section_mm2: float
    drop_neutral_mm2: float  # the neutral the drop goes back through (full size without one)
    parallel: int


_TYPES: dict[tuple, CableType] = {}


def cable_type(attrs: Mapping[str, Any]) -> CableType:
    """The values of the cable's type: its Iz key plus the conductors its impedances and drop
    read."""
    iz = iz_key(attrs)
    key = (
        iz,
        attrs["neutral_section_mm2"],
        attrs["pe_section_mm2"],
        attrs["neutral"],
        attrs["pen"],
    )
    found = _TYPES.get(key)
    if found is None:
        if len(_TYPES) >= _REMEMBERED:
            _TYPES.clear()
        found = _TYPES[key] = _derive(attrs, iz)
    return found


def _derive(attrs: Mapping[str, Any], iz: tuple) -> CableType:
    material, insulation = attrs["material"], attrs["insulation"]
    section, neutral_section = attrs["phase_section_mm2"], attrs["neutral_section_mm2"]
    has_neutral = attrs["neutral"] or attrs["pen"]
    k = K_ADIABATIC[(material, insulation)]
    return CableType(
        iz=iz_of(iz),
        per_metre=cable_per_metre(
            material,
            insulation,
            section,
            neutral_section,
            attrs["pe_section_mm2"],
            attrs["neutral"],
            attrs["pen"],
            attrs["parallel"],
        ),
        k=k,
        k2s2_a2s=adiabatic_withstand(k, section),
        single_phase=attrs["phases"] == 1,
        has_neutral=has_neutral,
        material=material,
        section_mm2=section,
        drop_neutral_mm2=(neutral_section if has_neutral else None) or section,
        parallel=attrs["parallel"],
    )
