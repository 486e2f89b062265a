"""`evsld check FILE`: run every check and report the findings (text or JSON)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from evsld.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_STATUS_HELP, load_or_fail
from evsld.model.project import Project
from evsld.rules.engine import Report, check_project


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a project and list the findings",
        description="Run every check on a project file and list the findings.",
        epilog=EXIT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", help="the .evsld project to check")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = load_or_fail(args.file)
    report = check_project(project)
    if args.format == "json":
        print(json.dumps(report_to_json(args.file, project, report), indent=2, ensure_ascii=False))
    else:
        print(report_to_text(args.file, project, report))
    return EXIT_FINDINGS if report.errors else EXIT_OK


def report_to_json(file: str, project: Project, report: Report) -> dict[str, Any]:
    findings = []
    for f in report.findings:
        item: dict[str, Any] = {
            "rule": f.rule,
            "severity": f.severity.value,
            "clause": f.clause,
            "devices": list(f.devices),
            "message": f.message,
        }
        if f.fix is not None:
            item["fix"] = f.fix.label
        findings.append(item)
    return {
        "file": file,
        "findings": findings,
        "summary": {"errors": report.errors, "warnings": report.warnings, "infos": report.infos},
    }


def report_to_text(file: str, project: Project, report: Report) -> str:
    lines = [f"{file}: {len(project.diagram)} devices, profile {report.profile}"]
    for f in report.findings:
        tags = ", ".join(project.diagram.device(d).tag for d in f.devices if d in project.diagram)
        where = f" [{tags}]" if tags else ""
        lines.append(f"{f.severity.letter} {f.rule} ({f.clause}){where}: {f.message}")
        if f.fix is not None:
            lines.append(f"    fix: {f.fix.label}")
    lines.append(f"{report.errors} error(s), {report.warnings} warning(s), {report.infos} info(s)")
    return "\n".join(lines)
