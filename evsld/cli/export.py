"""`evsld export FILE -o OUT.pdf`: the print-ready drawing set (diagram, legend, reports).

The print gate: while the check report holds errors the set is refused (exit 1, the errors
listed) unless `--draft`, which stamps every sheet DRAFT / NOT FOR CONSTRUCTION.
"""

from __future__ import annotations

import argparse
import sys

from evsld.cli.common import EXIT_FINDINGS, EXIT_OK, CliFailure, load_or_fail
from evsld.export.document import ExportError, PrintGateError, export_pdf
from evsld.export.sheet import FORMATS
from evsld.rules.engine import check_project
from evsld.rules.finding import Severity

EXPORT_STATUS_HELP = """exit status:
  0  the PDF was written (a label that found no free place beside its symbol is
     printed where it stands and named in a warning on standard error)
  1  the check report has errors and --draft was not given (errors on standard error)
  2  the file cannot be read, the PDF cannot be written, or the command line is wrong
  70 internal error in evsld"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the drawing set as a print-ready PDF",
        description="Write the single-line diagram sheets, legend, check report, cable "
        "schedule and bill of materials of a project as one PDF.",
        epilog=EXPORT_STATUS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", help="the .evsld project")
    parser.add_argument("-o", "--output", required=True, help="the PDF to write")
    parser.add_argument(
        "--sheet",
        choices=list(FORMATS),
        type=str.upper,
        default="A3",
        help="sheet format, landscape (default: A3)",
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="export even with errors; every sheet is stamped DRAFT / NOT FOR CONSTRUCTION",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = load_or_fail(args.file)
    report = check_project(project)
    try:
        result = export_pdf(project, args.output, sheet=args.sheet, draft=args.draft, report=report)
    except PrintGateError as refused:
        print(f"evsld: error: {refused}; not written: {args.output}", file=sys.stderr)
        for f in refused.report.findings:
            if f.severity is Severity.ERROR:
                tags = ", ".join(
                    project.diagram.device(d).tag for d in f.devices if d in project.diagram
                )
                where = f" [{tags}]" if tags else ""
                print(f"E {f.rule} ({f.clause}){where}: {f.message}", file=sys.stderr)
        return EXIT_FINDINGS
    except ExportError as err:
        raise CliFailure(str(err)) from None
    for collision in result.collisions:
        print(f"evsld: warning: {collision}", file=sys.stderr)
    stamp = f", DRAFT ({result.errors} error(s))" if result.draft else ""
    print(
        f"{result.path}: {result.pages} page(s), {result.diagram_sheets} diagram sheet(s), "
        f"{args.sheet}{stamp}"
    )
    return EXIT_OK
