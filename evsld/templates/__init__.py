"""Reference architectures of the design guide (§9) as parametric builders.

`TEMPLATES` maps a name to its `Template` (title, description, parameters with defaults,
bounds, units and help); `build(name, **params)` returns a complete, checked-by-design
Project. A bad name, parameter or value raises `TemplateError` with one readable line.
"""

from __future__ import annotations

from typing import Any

from evsld.model.project import Project
from evsld.templates import car_park, fleet_depot, office, office_case_study, residential
from evsld.templates.parameters import Parameter, Template, TemplateError

TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        residential.TEMPLATE,
        office.TEMPLATE,
        car_park.TEMPLATE,
        fleet_depot.TEMPLATE,
        office_case_study.TEMPLATE,
    )
}


def template(name: str) -> Template:
    try:
        return TEMPLATES[name]
    except KeyError:
        raise TemplateError(
            f"there is no template '{name}'; choose one of {', '.join(TEMPLATES)}"
        ) from None


def build(name: str, **params: Any) -> Project:
    return template(name).build(**params)


__all__ = ["TEMPLATES", "Parameter", "Template", "TemplateError", "build", "template"]
