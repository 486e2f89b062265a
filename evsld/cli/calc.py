"""`evsld calc FILE`: the electrical calculations of a project (text or JSON).

JSON (stdout): {"devices": {id: {"tag", "kind", "ib_a", "phase_currents_a", "neutral_a",
"iz_a", "vdrop_pct", "vdrop_cum_pct", "ik_max_ka", "ik_min_ka"}}, "demand": {"day_kw",
"night_kw", "total_kw", "design_kw"}}; a key is left out where it does not apply or could
not be computed. Calculation notes go to stderr with JSON, after the table with text.
Exit status 1 when a note is an error: a result the checks need could not be computed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from evsld.calc.analysis import Analysis, analyse
from evsld.calc.notes import NoteSeverity
from evsld.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_STATUS_HELP, load_or_fail
from evsld.model.diagram import natural_key
from evsld.model.project import Project

CALC_STATUS_HELP = EXIT_STATUS_HELP.replace(
    "1  errors found", "1  a calculation could not be done for lack of data (see the notes)"
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "calc",
        help="compute currents, demand, cable capacity, voltage drop and short circuit",
        description="Compute the electrical quantities of a project: design and phase "
        "currents, demand, Iz, voltage drop and short-circuit currents.",
        epilog=CALC_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", help="the .evsld project")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = load_or_fail(args.file)
    analysis = analyse(project)
    if args.format == "json":
        print(json.dumps(analysis_to_json(project, analysis), indent=2, ensure_ascii=False))
        for line in notes_lines(analysis):
            print(f"evsld: note: {line}", file=sys.stderr)
    else:
        print(analysis_to_text(args.file, project, analysis))
    return EXIT_FINDINGS if analysis.errors else EXIT_OK


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def analysis_to_json(project: Project, analysis: Analysis) -> dict[str, Any]:
    devices: dict[str, dict[str, Any]] = {}
    for device in sorted(project.diagram.devices(), key=lambda d: natural_key(d.id)):
        entry: dict[str, Any] = {"tag": device.tag, "kind": device.kind}
        r = analysis.result(device.id)
        if r is not None:
            values = {
                "ib_a": _round(r.ib_a, 2),
                "phase_currents_a": [round(i, 2) for i in r.phase_currents_a],
                "neutral_a": _round(r.neutral_a, 2),
                "iz_a": _round(r.iz_a, 2),
                "vdrop_pct": _round(r.vdrop_pct, 3),
                "vdrop_cum_pct": _round(r.vdrop_cum_pct, 3),
                "ik_max_ka": _round(r.ik_max_ka, 3),
                "ik_min_ka": _round(r.ik_min_ka, 3),
            }
            entry.update({k: v for k, v in values.items() if v is not None})
        devices[device.id] = entry
    d = analysis.demand
    return {
        "devices": devices,
        "demand": {
            "day_kw": round(d.day_kw, 2),
            "night_kw": round(d.night_kw, 2),
            "total_kw": round(d.total_kw, 2),
            "design_kw": round(d.design_kw, 2),
        },
    }


def notes_lines(analysis: Analysis) -> list[str]:
    """One line per note; every message names its devices by tag."""
    return [f"{n.severity.value[0].upper()} {n.code}: {n.message}" for n in analysis.notes]


def _cell(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def analysis_to_text(file: str, project: Project, analysis: Analysis) -> str:
    d = analysis.demand
    managed = "with load management" if d.load_managed else "no load management"
    lines = [
        f"{file}: {len(project.diagram)} devices",
        f"demand: day {d.day_kw:.1f} kW, night {d.night_kw:.1f} kW, total {d.total_kw:.1f} kW, "
        f"design {d.design_kw:.1f} kW ({managed})",
        f"{'tag':<10} {'kind':<12} {'Ib A':>8} {'L1/L2/L3 A':>22} {'N A':>7} {'Iz A':>7} "
        f"{'dU %':>6} {'dU cum %':>8} {'Ik max kA':>9} {'Ik min kA':>9}",
    ]
    for device_id, r in analysis.results.items():
        tag = project.diagram.device(device_id).tag
        phases = "/".join(f"{i:.1f}" for i in r.phase_currents_a)
        lines.append(
            f"{tag:<10} {r.kind:<12} {r.ib_a:>8.1f} {phases:>22} {r.neutral_a:>7.1f} "
            f"{_cell(r.iz_a, 1):>7} {_cell(r.vdrop_pct, 2):>6} {_cell(r.vdrop_cum_pct, 2):>8} "
            f"{_cell(r.ik_max_ka, 2):>9} {_cell(r.ik_min_ka, 2):>9}"
        )
    notes = notes_lines(analysis)
    if notes:
        lines.append("notes:")
        lines.extend(notes)
    counts = {s: sum(n.severity is s for n in analysis.notes) for s in NoteSeverity}
    lines.append(
        f"{counts[NoteSeverity.ERROR]} error(s), {counts[NoteSeverity.WARNING]} warning(s), "
        f"{counts[NoteSeverity.INFO]} info(s)"
    )
    return "\n".join(lines)
