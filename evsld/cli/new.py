"""`evsld new --template NAME [--set key=value ...] -o FILE`: build a template and save it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from evsld.cli.common import EXIT_OK, CliFailure
from evsld.model.fileformat import save_project
from evsld.templates import Template, TemplateError, template

EXIT_HELP = """exit status:
  0  the project was written
  2  unknown template, parameter or value, FILE exists (without --force), FILE cannot be
     written, or the command line is wrong (reason on standard error)
  70 internal error in evsld"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="create a project from a template",
        description="Build a complete installation from a reference-architecture template "
        "and save it as a project file. `evsld templates` lists the templates and their "
        "parameters.",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--template", required=True, metavar="NAME", help="template name")
    parser.add_argument(
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="give a template parameter a value; repeat for several (default: the template's)",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the .evsld project to write"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.output)
    try:
        chosen = template(args.template)
        values = parse_settings(chosen, args.settings)
        if path.is_dir():
            raise CliFailure(f"{path} is a folder; give a file name")
        if path.exists() and not args.force:
            raise CliFailure(f"{path} already exists; add --force to overwrite it")
        project = chosen.build(**values)
    except TemplateError as err:
        raise CliFailure(str(err)) from None
    try:
        save_project(project, path)
    except OSError as err:
        raise CliFailure(f"cannot write {path}: {err.strerror or err}") from None
    print(f"{path}: {chosen.name}, {len(project.diagram)} devices")
    return EXIT_OK


def parse_settings(chosen: Template, settings: list[str]) -> dict[str, Any]:
    """`key=value` strings -> validated parameter values; each key at most once."""
    values: dict[str, Any] = {}
    for setting in settings:
        key, equals, text = setting.partition("=")
        key = key.strip()
        if not equals or not key:
            raise TemplateError(f"--set takes KEY=VALUE, got '{setting[:40]}'")
        if key in values:
            raise TemplateError(f"--set {key} is given twice")
        values[key] = chosen.parameter(key).parse(text)
    return values
