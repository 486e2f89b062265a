"""The cable schedule printed with the drawing: one row per fed cable, in feeding order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from evsld.calc.results import Analysis
from evsld.calc.short_circuit import pe_section
from evsld.model.project import Project

# what a cable runs from (the nearest of these above it) and to (the first of these below)
ENDPOINT_KINDS = ("supply", "transformer", "switchboard", "busway", "tapoff")
LOAD_KINDS = ("evse", "load", "pv", "storage", "switchboard", "busway", "transformer")


@dataclass(frozen=True, slots=True)
class CableRow:
    device_id: str
    tag: str
    from_tag: str
    to_tag: str
    designation: str  # "Cu XLPE 5G6"
    section_mm2: float
    length_m: float
    ib_a: float
    in_a: float | None  # In (or Ir) of the first overcurrent device above
    iz_a: float | None
    vdrop_pct: float | None
    vdrop_cum_pct: float | None


def designation(attrs: Mapping[str, Any]) -> str:
    """Material, insulation and cores: "Cu XLPE 5G6", or "Cu XLPE 3x95+50+PE50" when the
    neutral or PE is reduced; parallel runs as "2x(...)"."""
    s = attrs["phase_section_mm2"]
    phases = attrs["phases"]
    pen = attrs["pen"]
    neutral = attrs["neutral"] or pen
    n = attrs["neutral_section_mm2"] or s
    pe = n if pen else attrs["pe_section_mm2"] or pe_section(s)
    if (not neutral or n == s) and pe == s:
        cores = phases + (1 if neutral else 0) + (0 if pen else 1)
        body = f"{cores}G{s:g}"
    else:
        body = f"{phases}x{s:g}"
        if neutral:
            body += f"+{'PEN' if pen else ''}{n:g}"
        if not pen:
            body += f"+PE{pe:g}"
    if attrs["parallel"] > 1:
        body = f"{attrs['parallel']}x({body})"
    return f"{attrs['material']} {attrs['insulation']} {body}"


def cable_schedule(project: Project, analysis: Analysis) -> list[CableRow]:
    topo = project.topology()
    diagram = project.diagram
    rows = []
    for device_id, result in analysis.results.items():
        if result.kind != "cable":
            continue
        device = diagram.device(device_id)
        above = next(
            (
                a
                for a in reversed(topo.up(device_id)[:-1])
                if diagram.device(a).kind in ENDPOINT_KINDS
            ),
            None,
        )
        protection = analysis.protection_above(device_id)
        rows.append(
            CableRow(
                device_id=device_id,
                tag=device.tag,
                from_tag=diagram.device(above).tag if above else "",
                to_tag=_fed_tag(project, device_id),
                designation=designation(device.attrs),
                section_mm2=device["phase_section_mm2"],
                length_m=device["length_m"],
                ib_a=result.ib_a,
                in_a=None if protection is None else protection.ir_a,
                iz_a=result.iz_a,
                vdrop_pct=result.vdrop_pct,
                vdrop_cum_pct=result.vdrop_cum_pct,
            )
        )
    return rows


def _fed_tag(project: Project, cable_id: str) -> str:
    """The first board, busway or end device below the cable, through single devices."""
    topo = project.topology()
    node = cable_id
    while True:
        kids = topo.children.get(node, ())
        if len(kids) != 1:
            return "" if node == cable_id else project.diagram.device(node).tag
        node = kids[0]
        if project.diagram.device(node).kind in LOAD_KINDS:
            return project.diagram.device(node).tag
