"""`evsld templates`: list the reference architectures with their parameters and defaults."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from evsld.cli.common import EXIT_OK
from evsld.templates import TEMPLATES, Parameter, Template

EXIT_HELP = """exit status:
  0  the list was printed
  2  the command line is wrong"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "templates",
        help="list the templates and their parameters",
        description="List the reference-architecture templates `evsld new` builds, with each "
        "parameter's default, accepted values and meaning.",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "json":
        data = {"templates": [template_to_json(t) for t in TEMPLATES.values()]}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(template_to_text(t) for t in TEMPLATES.values()))
    return EXIT_OK


def template_to_json(template: Template) -> dict[str, Any]:
    return {
        "name": template.name,
        "title": template.title,
        "description": template.description,
        "parameters": [parameter_to_json(p) for p in template.parameters],
    }


def parameter_to_json(parameter: Parameter) -> dict[str, Any]:
    return {
        "name": parameter.name,
        "type": parameter.type_name,
        "default": parameter.default,
        "unit": parameter.unit,
        "minimum": parameter.minimum,
        "maximum": parameter.maximum,
        "choices": list(parameter.choices),
        "help": parameter.help,
    }


def template_to_text(template: Template) -> str:
    """The name and title, the description, then one `name=default` line per parameter
    (what `--set` takes) with its meaning and accepted values."""
    lines = [f"{template.name}: {template.title}"]
    lines += textwrap.wrap(template.description, 94, initial_indent="  ", subsequent_indent="  ")
    settings = [f"{p.name}={_plain(p.default)}" for p in template.parameters]
    width = max(len(s) for s in settings)
    for setting, p in zip(settings, template.parameters, strict=True):
        lines.append(f"  {setting:<{width}}  {p.help}; {p.describe()}")
    return "\n".join(lines)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)
