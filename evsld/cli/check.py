"""`evsld check FILE`: run every check and report the findings (text or JSON);
`evsld check --rules`: list the rules."""

from __future__ import annotations

import argparse
import json
from typing import Any

from evsld.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_STATUS_HELP, CliFailure, load_or_fail
from evsld.model.project import Project
from evsld.model.settings import COUNTRY_PROFILES
from evsld.rules.engine import Report, check_project, rules
from evsld.rules.finding import Finding

EPILOG = f"""JSON output: "findings" lists the active findings; "accepted" the findings the designer
accepted, each with its "reason"; "notices" the acceptances that no longer apply (their device
changed or was deleted, or the finding is gone) and are therefore ignored. Only active errors
make the exit status 1.

{EXIT_STATUS_HELP}"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check a project and list the findings",
        description="Run every check on a project file and list the findings, or list the "
        "rules with --rules.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="the .evsld project to check")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.add_argument(
        "--rules",
        action="store_true",
        help="list every rule with its id, clause, severity and summary (no FILE needed)",
    )
    parser.add_argument(
        "--profile",
        choices=tuple(COUNTRY_PROFILES),
        help="country profile for clause labels and profile-only rules "
        "(default: the project's setting; IEC for --rules)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.rules:
        print(rules_listing(args.profile or "IEC", args.format))
        return EXIT_OK
    if args.file is None:
        raise CliFailure("check: give the FILE to check (or --rules to list the rules)")
    project = load_or_fail(args.file)
    report = check_project(project, args.profile)
    if args.format == "json":
        print(json.dumps(report_to_json(args.file, project, report), indent=2, ensure_ascii=False))
    else:
        print(report_to_text(args.file, project, report))
    return EXIT_FINDINGS if report.errors else EXIT_OK


def rules_listing(profile: str, fmt: str) -> str:
    listed = [
        {
            "id": r.id,
            "clause": r.clause_for(profile),
            "severity": r.severity_letters,
            "summary": r.summary,
            "profiles": sorted(r.profiles) if r.profiles is not None else "all",
        }
        for r in rules()
    ]
    if fmt == "json":
        return json.dumps({"profile": profile, "rules": listed}, indent=2, ensure_ascii=False)
    width = max(len(r["id"]) for r in listed)
    lines = [f"rules under profile {profile} (E error, W warning, I info):"]
    for r in listed:
        only = "" if r["profiles"] == "all" else f" [{', '.join(r['profiles'])} only]"
        lines.append(f"{r['id']:<{width}}  {r['severity']:<5} {r['clause']}: {r['summary']}{only}")
    return "\n".join(lines)


def _finding_json(f: Finding) -> dict[str, Any]:
    item: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity.value,
        "clause": f.clause,
        "devices": list(f.devices),
        "message": f.message,
    }
    if f.fix is not None:
        item["fix"] = f.fix.label
    return item


def report_to_json(file: str, project: Project, report: Report) -> dict[str, Any]:
    return {
        "file": file,
        "profile": report.profile,
        "findings": [_finding_json(f) for f in report.findings],
        "accepted": [{**_finding_json(a.finding), "reason": a.reason} for a in report.accepted],
        "notices": [
            {"rule": n.acceptance.rule, "devices": list(n.acceptance.devices), "message": n.message}
            for n in report.notices
        ],
        "summary": {"errors": report.errors, "warnings": report.warnings, "infos": report.infos},
    }


def report_to_text(file: str, project: Project, report: Report) -> str:
    lines = [f"{file}: {len(project.diagram)} devices, profile {report.profile}"]
    for f in report.findings:
        lines.append(_finding_line(project, f))
        if f.fix is not None:
            lines.append(f"    fix: {f.fix.label}")
    if report.accepted:
        lines.append("accepted:")
        for a in report.accepted:
            lines.append(_finding_line(project, a.finding))
            lines.append(f"    accepted: {a.reason}")
    lines.extend(f"notice: {n.message}" for n in report.notices)
    accepted = f"; {len(report.accepted)} accepted" if report.accepted else ""
    lines.append(
        f"{report.errors} error(s), {report.warnings} warning(s), {report.infos} info(s){accepted}"
    )
    return "\n".join(lines)


def _finding_line(project: Project, f: Finding) -> str:
    tags = ", ".join(project.diagram.device(d).tag for d in f.devices if d in project.diagram)
    where = f" [{tags}]" if tags else ""
    return f"{f.severity.letter} {f.rule} ({f.clause}){where}: {f.message}"
