"""Validation of a device's attribute set, shared by edits and the file reader.

Problems come back as (attribute name or None, sentence) so that the file reader can turn
them into JSON paths and the editor into messages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from evsld.model.attributes import AttributeValueError
from evsld.model.device import ROTATIONS, Placement
from evsld.model.kinds import KindSpec

COORDINATE_LIMIT = 1_000_000.0  # scene units; a drawing wider than a kilometre is a typo

Problem = tuple[str | None, str]


def canonical_attributes(
    spec: KindSpec, attrs: Mapping[str, Any], *, fill_defaults: bool
) -> tuple[dict[str, Any], list[Problem]]:
    """Validate attrs against the kind; return the canonical attribute dict and problems.

    With fill_defaults, attributes left out take their default (files may omit them);
    otherwise a missing attribute is a problem."""
    problems: list[Problem] = []
    result: dict[str, Any] = {}
    for name in attrs:
        if name not in spec.attributes:
            problems.append((name, f"a {spec.label.lower()} has no attribute '{name[:64]}'"))
    for attr in spec.attributes:
        if attr.name not in attrs:
            if fill_defaults:
                result[attr.name] = attr.default
            else:
                problems.append((attr.name, f"{attr.label} is missing"))
            continue
        try:
            result[attr.name] = attr.validate(attrs[attr.name])
        except AttributeValueError as err:
            problems.append((attr.name, str(err)))
    if not problems:
        problems.extend((None, msg) for msg in spec.check_constraints(result))
    return result, problems


def placement_problem(placement: Placement) -> str | None:
    for value in (placement.x, placement.y):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "a position must be two numbers"
        if not math.isfinite(value) or abs(value) > COORDINATE_LIMIT:
            return f"a position must lie within ±{COORDINATE_LIMIT:g} drawing units"
    if placement.rotation not in ROTATIONS or isinstance(placement.rotation, bool):
        return "rotation must be 0, 90, 180 or 270 degrees"
    return None
