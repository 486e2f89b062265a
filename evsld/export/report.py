"""The report pages' content: demand and board currents, check results, accepted findings,
cable schedule and bill of materials, as table sections.

Figures come from the calculations (evsld.calc) and findings from the rule engine's Report
exactly as given; nothing is recomputed here. A value the calculations could not produce
prints as "–", never as zero: a blank must not read as a pass.
"""

from __future__ import annotations

from evsld.calc.results import Analysis
from evsld.calc.schedule import cable_schedule
from evsld.export.bom import bill_of_materials, tag_ranges
from evsld.export.painter import SEVERITY_INK
from evsld.export.tables import Column, Row, Section
from evsld.geometry.labels import num
from evsld.model.project import Project
from evsld.model.project_data import Acceptance
from evsld.rules.engine import Report
from evsld.rules.finding import Finding, Severity

MISSING = "–"
SEVERITY_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}


def fmt(value: float | None, digits: int = 1) -> str:
    return MISSING if value is None else f"{value:.{digits}f}"


def tags_of(project: Project, device_ids: tuple[str, ...]) -> str:
    diagram = project.diagram
    return ", ".join(diagram.device(d).tag for d in device_ids if d in diagram)


def accepted_by(finding: Finding, acceptances: tuple[Acceptance, ...]) -> Acceptance | None:
    """The acceptance covering a finding: same rule, same devices. Errors are never accepted
    (an unsafe installation cannot be waved through); warnings and notes can be."""
    if finding.severity is Severity.ERROR:
        return None
    for acceptance in acceptances:
        if acceptance.rule == finding.rule and set(acceptance.devices) == set(finding.devices):
            return acceptance
    return None


def demand_section(project: Project, analysis: Analysis) -> Section:
    d = analysis.demand
    rows = (
        ("Day demand", f"{d.day_kw:.1f} kW"),
        ("Night demand", f"{d.night_kw:.1f} kW"),
        ("Total demand", f"{d.total_kw:.1f} kW"),
        ("Design demand", f"{d.design_kw:.1f} kW"),
        ("EV points installed", f"{d.ev_installed_kw:.1f} kW"),
        ("Load management", "yes" if d.load_managed else "no"),
    )
    return Section(
        "Demand summary",
        (Column("Quantity", 2), Column("Value", 1, "right")),
        tuple(Row((name, value)) for name, value in rows),
        width=0.35,
    )


def boards_section(project: Project, analysis: Analysis) -> Section:
    rows = []
    for r in analysis.boards():
        device = project.diagram.device(r.device_id)
        l1, l2, l3 = r.phase_currents_a
        rows.append(
            Row(
                (
                    device.tag,
                    device.name or device.spec.label,
                    fmt(r.ib_a),
                    fmt(l1),
                    fmt(l2),
                    fmt(l3),
                    fmt(r.neutral_a),
                    fmt(r.vdrop_cum_pct, 2),
                    fmt(r.ik_max_ka, 2),
                    fmt(r.ik_min_ka, 2),
                )
            )
        )
    columns = (
        Column("Board", 1.2),
        Column("Name", 3),
        Column("Ib A", 1, "right"),
        Column("L1 A", 1, "right"),
        Column("L2 A", 1, "right"),
        Column("L3 A", 1, "right"),
        Column("N A", 1, "right"),
        Column("ΔU cum. %", 1.2, "right"),
        Column("Ik max kA", 1.2, "right"),
        Column("Ik min kA", 1.2, "right"),
    )
    return Section(
        "Currents at every board",
        columns,
        tuple(rows),
        empty="No board is fed from a source.",
        width=0.75,
    )


def findings_section(project: Project, report: Report) -> Section:
    acceptances = project.acceptances
    columns = (
        Column("Rule", 1.3),
        Column("Clause", 1.8, wrap=True),
        Column("Devices", 2.2, wrap=True),
        Column("Message", 8, wrap=True),
    )
    rows: list[Row] = []
    for severity in Severity:
        mine = [
            f
            for f in report.findings
            if f.severity is severity and accepted_by(f, acceptances) is None
        ]
        if not mine:
            continue
        ink = SEVERITY_INK[severity.value]
        rows.append(Row((f"{SEVERITY_TITLES[severity]} ({len(mine)})",), True, ink, True))
        for f in mine:
            rows.append(Row((f.rule, f.clause, tags_of(project, f.devices), f.message), ink=ink))
    summary = (
        f"Profile {report.profile}: {report.errors} error(s), {report.warnings} warning(s), "
        f"{report.infos} note(s)."
    )
    return Section(
        "Check results",
        columns,
        tuple(rows),
        empty="No findings: every check passed.",
        notes=(summary,),
    )


def accepted_section(project: Project, report: Report) -> Section:
    columns = (
        Column("Rule", 1.3),
        Column("Devices", 2.2, wrap=True),
        Column("Finding", 5, wrap=True),
        Column("Reason for accepting", 5, wrap=True),
    )
    rows = []
    raised = {id(a): f for f in report.findings if (a := accepted_by(f, project.acceptances))}
    for acceptance in project.acceptances:
        finding = raised.get(id(acceptance))
        message = finding.message if finding else "not raised by the current check"
        rows.append(
            Row((acceptance.rule, tags_of(project, acceptance.devices), message, acceptance.reason))
        )
    return Section("Accepted findings", columns, tuple(rows), empty="No accepted findings.")


def cables_section(project: Project, analysis: Analysis) -> Section:
    columns = (
        Column("Tag", 1),
        Column("From", 1.1),
        Column("To", 1.1),
        Column("Type", 2.6),
        Column("mm²", 0.8, "right"),
        Column("Length m", 1, "right"),
        Column("Ib A", 0.9, "right"),
        Column("In A", 0.9, "right"),
        Column("Iz A", 0.9, "right"),
        Column("ΔU %", 0.9, "right"),
        Column("ΔU cum. %", 1.1, "right"),
    )
    rows = tuple(
        Row(
            (
                c.tag,
                c.from_tag,
                c.to_tag,
                c.designation,
                num(c.section_mm2),
                num(c.length_m),
                fmt(c.ib_a),
                fmt(c.in_a, 0),
                fmt(c.iz_a),
                fmt(c.vdrop_pct, 2),
                fmt(c.vdrop_cum_pct, 2),
            )
        )
        for c in cable_schedule(project, analysis)
    )
    return Section("Cable schedule", columns, rows, empty="No cable is fed from a source.")


def bom_section(project: Project) -> Section:
    columns = (
        Column("Kind", 2),
        Column("Rating / type", 4, wrap=True),
        Column("Qty", 0.8, "right"),
        Column("Length m", 1.1, "right"),
        Column("Tags", 6, wrap=True),
    )
    rows = tuple(
        Row(
            (
                r.kind,
                r.rating,
                str(r.quantity),
                "" if r.length_m is None else num(round(r.length_m, 1)),
                tag_ranges(r.tags),
            )
        )
        for r in bill_of_materials(project)
    )
    return Section("Bill of materials", columns, rows, empty="The project has no devices.")


def report_sections(project: Project, analysis: Analysis, report: Report) -> list[Section]:
    return [
        demand_section(project, analysis),
        boards_section(project, analysis),
        findings_section(project, report),
        accepted_section(project, report),
        cables_section(project, analysis),
        bom_section(project),
    ]
