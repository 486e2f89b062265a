"""The text designers write beside each symbol: tag first, then the rating.

Follows ../shared/domain/drawing-conventions.md ("Q12" / "C32 4P 6 kA", "W12" / "Cu 5G6" /
"40 m"). Canvas and PDF print these same lines, so a rating reads identically everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from evsld.model.device import Device
from evsld.model.kinds.common import CABLE_SECTIONS_MM2


def label_lines(device: Device) -> list[str]:
    """The label of a device, one string per line; the first line is always the tag."""
    lines = [device.tag, *_RATINGS[device.kind](device)]
    if device.spec.is_switching and device.attrs.get("closed") is False:
        lines.append("open")
    return lines


def num(value: float) -> str:
    """A quantity as designers write it: 32 not 32.0, 1.5, 12.5, never an exponent."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _named(device: Device) -> list[str]:
    return [device.name] if device.name else []


def _breaker_rating(a: Mapping[str, Any]) -> str:
    """ "C32 4P 10 kA" for a curve, "Ir 160 A 4P 36 kA" for an adjustable release."""
    if a["curve"] == "adjustable":
        ir = a["ir_a"] if a["ir_a"] is not None else a["in_a"]
        trip = f"Ir {num(ir)} A"
    else:
        trip = f"{a['curve']}{num(a['in_a'])}"
    return f"{trip} {a['poles']} {num(a['icu_ka'])} kA"


def _residual(a: Mapping[str, Any], with_poles: bool) -> list[str]:
    """ "RCD B 30 mA 4P", delay S shown after the type, "+ RDC-DD" on its own line."""
    ma = a["i_delta_n_ma"]
    sensitivity = f"{num(ma / 1000)} A" if ma >= 1000 else f"{num(ma)} mA"
    parts = ["RCD", a["rcd_type"], *(["S"] if a["delay"] == "S" else []), sensitivity]
    if with_poles:
        parts.append(a["poles"])
    return [" ".join(parts), *(["+ RDC-DD"] if a["rdc_dd"] else [])]


def _breaker(d: Device) -> list[str]:
    return [_breaker_rating(d.attrs)]


def _rcbo(d: Device) -> list[str]:
    return [_breaker_rating(d.attrs), *_residual(d.attrs, with_poles=False)]


def _rcd(d: Device) -> list[str]:
    return _residual(d.attrs, with_poles=True)


def _fuse(d: Device) -> list[str]:
    a = d.attrs
    return [
        f"{a['fuse_class']} {num(a['in_a'])} A {a['poles']} {num(a['breaking_capacity_ka'])} kA"
    ]


def _switch(d: Device) -> list[str]:
    return [f"{num(d['in_a'])} A {d['poles']}"]


def _spd(d: Device) -> list[str]:
    """The discharge figure that characterises the type: Iimp for type 1 (IEC 61643-11
    class I test), Imax for type 2, In for type 3."""
    a = d.attrs
    current = {"T1": "iimp_ka", "T1+T2": "iimp_ka", "T2": "imax_ka", "T3": "in_ka"}[a["spd_type"]]
    return [f"SPD {a['spd_type']} {num(a[current])} kA Up {num(a['up_kv'])} kV"]


def pe_section_table_54_2(phase_mm2: float) -> float:
    """Minimum PE section for a PE of the same material as the line conductors, IEC 60364-5-54
    Table 54.2: S up to 16 mm², 16 mm² up to 35 mm², S/2 above (next standard section up).
    The cable kind says an empty PE section means exactly this."""
    if phase_mm2 <= 16:
        return phase_mm2
    if phase_mm2 <= 35:
        return 16.0
    return next(s for s in CABLE_SECTIONS_MM2 if s >= phase_mm2 / 2)


def cable_cores(a: Mapping[str, Any]) -> str:
    """ "5G6" for a multicore cable whose cores are all equal (phases + N + PE), otherwise the
    conductors by section: "4x240+PE120", "3x240+N120+PE120", "3x95+PEN50"; parallel
    conductors as "2x(...)"."""
    phase = a["phase_section_mm2"]
    pen = a["pen"]
    neutral = a["neutral"] and not pen
    n_section = a["neutral_section_mm2"] or phase
    pe_section = a["pe_section_mm2"] or (n_section if pen else pe_section_table_54_2(phase))
    equal = (not neutral or n_section == phase) and pe_section == phase
    if a["construction"] == "multicore" and equal:
        text = f"{a['phases'] + neutral + 1}G{num(phase)}"
    else:
        same = a["phases"] + (neutral and n_section == phase)
        parts = [f"{same}x{num(phase)}"]
        if neutral and n_section != phase:
            parts.append(f"N{num(n_section)}")
        parts.append(f"{'PEN' if pen else 'PE'}{num(pe_section)}")
        text = "+".join(parts)
    return text if a["parallel"] == 1 else f"{a['parallel']}x({text})"


def _cable(d: Device) -> list[str]:
    return [f"{d['material']} {cable_cores(d.attrs)}", f"{num(d['length_m'])} m"]


def _busway(d: Device) -> list[str]:
    return [f"{d['family']} {num(d['rating_a'])} A {num(d['length_m'])} m"]


def _tapoff(d: Device) -> list[str]:
    position = d["position_m"]
    return [f"{num(d['rating_a'])} A", *([f"at {num(position)} m"] if position is not None else [])]


def _meter(d: Device) -> list[str]:
    a = d.attrs
    reading = (
        f"direct {num(a['imax_a'])} A"
        if a["connection"] == "direct"
        else f"CT {num(a['ct_primary_a'])} A"
    )
    return [" ".join([*(["MID"] if a["mid"] else []), "kWh", reading])]


def _power(a: Mapping[str, Any]) -> str:
    per_point = f"{num(a['power_kw'])} kW"
    return per_point if a["points"] == 1 else f"{a['points']}x{per_point}"


def _evse(d: Device) -> list[str]:
    """ "AC 22 kW 3P 32 A", single-phase naming its line ("AC 7.4 kW L2 32 A"), "DC 150 kW";
    devices built into the charger on a further line."""
    a = d.attrs
    if a["current_type"] == "DC":
        rating = f"DC {_power(a)}"
    else:
        supply = "3P" if a["phases"] == 3 else a["phase"]
        rating = f"AC {_power(a)} {supply} {num(a['rated_current_a'])} A"
    built_in = []
    if a["integrated_rcd"] != "none":
        built_in.append(f"RCD {a['integrated_rcd']}" + (" + RDC-DD" if a["rdc_dd"] else ""))
    elif a["rdc_dd"]:
        built_in.append("RDC-DD")
    if a["integrated_ocpd"]:
        built_in.append("OCPD")
    if a["mid_meter"]:
        built_in.append("MID")
    return [rating, *([", ".join(built_in)] if built_in else [])]


def _switchboard(d: Device) -> list[str]:
    return [*_named(d), f"{num(d['rated_current_a'])} A"]


def _supply(d: Device) -> list[str]:
    a = d.attrs
    lines = [f"{num(a['u_v'])}/{num(a['u0_v'])} V {a['earthing']}"]
    if a["supply_kind"] == "public_lv":
        ze = f" Ze {num(a['ze_ohm'])} Ω" if a["ze_ohm"] is not None else ""
        lines.append(f"Ik {num(a['ik_max_ka'])} kA{ze}")
    else:
        lines.append(f"MV {num(a['mv_ssc_mva'])} MVA")
    if a["earthing"] in ("TT", "IT") and a["ra_ohm"] is not None:
        lines.append(f"RA {num(a['ra_ohm'])} Ω")
    return lines


def _transformer(d: Device) -> list[str]:
    return [f"{num(d['rating_kva'])} kVA uk {num(d['uk_pct'])} %"]


def _line(a: Mapping[str, Any]) -> str:
    """Single-phase loads and sources name the line they are wired to."""
    return "" if a["phases"] == 3 else f" {a['phase']}"


def _load(d: Device) -> list[str]:
    a = d.attrs
    return [*_named(d), f"{num(a['power_kw'])} kW{_line(a)} cos {num(a['cos_phi'])}"]


def _pv(d: Device) -> list[str]:
    return [*_named(d), f"PV {num(d['power_kw'])} kW{_line(d.attrs)}"]


def _storage(d: Device) -> list[str]:
    a = d.attrs
    return [*_named(d), f"{num(a['power_kw'])} kW {num(a['capacity_kwh'])} kWh{_line(a)}"]


def _lms(d: Device) -> list[str]:
    a = d.attrs
    limit = f"{a['mode']} {num(a['limit_a'])} A"
    if a["limit_kw"] is not None:
        limit += f" {num(a['limit_kw'])} kW"
    return [*([a["zone_name"]] if a["zone_name"] else []), limit]


_RATINGS: dict[str, Callable[[Device], list[str]]] = {
    "supply": _supply,
    "transformer": _transformer,
    "switchboard": _switchboard,
    "cable": _cable,
    "busway": _busway,
    "tapoff": _tapoff,
    "breaker": _breaker,
    "switch": _switch,
    "fuse": _fuse,
    "rcd": _rcd,
    "rcbo": _rcbo,
    "spd": _spd,
    "meter": _meter,
    "evse": _evse,
    "load": _load,
    "pv": _pv,
    "storage": _storage,
    "lms": _lms,
}
