"""Typed, unit-carrying attribute specifications.

One `AttrSpec` describes one attribute of a device kind (or one project setting): its type,
unit, default, bounds and choices. The same spec validates edits, validates project files and
drives the property inspector, so a value the model accepts is a value every layer can use.
Bounds are "absurd size" limits (no installation has a 10 km cable), not design rules: a
value that is possible but unsafe is the rule checker's business, never a silent clamp.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

Scalar = bool | int | float | str


class AttrType(Enum):
    FLOAT = "number"
    INT = "whole number"
    BOOL = "yes/no"
    CHOICE = "choice"
    TEXT = "text"
    CHOICES = "list of choices"


class AttributeValueError(ValueError):
    """A value refused by its spec; the message is a sentence a designer can read."""


@dataclass(frozen=True)
class Choice:
    """One allowed value of a CHOICE attribute with its display label."""

    value: Scalar
    label: str


@dataclass(frozen=True)
class AttrSpec:
    """Describes one attribute: how to validate it and how to present it."""

    name: str
    label: str
    type: AttrType
    default: Any
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Choice, ...] = ()
    optional: bool = False
    max_length: int = 200
    help: str = ""
    # The attribute only matters when another attribute has one of these values
    # (the inspector greys it out otherwise; calculations ignore it).
    relevant_when: tuple[str, tuple[Scalar, ...]] | None = None
    choice_values: tuple[Scalar, ...] = field(init=False, repr=False, compare=False)
    _choice_index: Mapping[tuple[str, Any], Scalar] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        values = tuple(c.value for c in self.choices)
        object.__setattr__(self, "choice_values", values)
        object.__setattr__(self, "_choice_index", {_choice_key(v): v for v in values})
        if not (self.optional and self.default is None):
            self.validate(self.default)

    def choice_label(self, value: Scalar) -> str:
        for c in self.choices:
            if c.value == value:
                return c.label
        return str(value)

    def is_relevant(self, attrs: Mapping[str, Any]) -> bool:
        if self.relevant_when is None:
            return True
        other, values = self.relevant_when
        return attrs.get(other) in values

    def validate(self, value: Any) -> Any:
        """Return the value in canonical form, or raise AttributeValueError."""
        if value is None:
            if self.optional:
                return None
            raise AttributeValueError(f"{self.label} must be given")
        checker = _CHECKERS[self.type]
        return checker(self, value)

    def describe_range(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.minimum is not None and self.maximum is not None:
            return f"between {_fmt(self.minimum)} and {_fmt(self.maximum)}{unit}"
        if self.minimum is not None:
            return f"at least {_fmt(self.minimum)}{unit}"
        if self.maximum is not None:
            return f"at most {_fmt(self.maximum)}{unit}"
        return "any value"


def _fmt(x: float) -> str:
    return f"{x:g}"


def _check_number(spec: AttrSpec, value: Any, integral: bool) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "a whole number" if integral else "a number"
        raise AttributeValueError(f"{spec.label} must be {kind}, not {_kind_of(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise AttributeValueError(f"{spec.label} must be a finite number")
    if integral:
        if isinstance(value, float):
            if not value.is_integer():
                raise AttributeValueError(f"{spec.label} must be a whole number, got {value:g}")
            value = int(value)
    else:
        value = float(value)
    too_low = spec.minimum is not None and value < spec.minimum
    too_high = spec.maximum is not None and value > spec.maximum
    if too_low or too_high:
        unit = f" {spec.unit}" if spec.unit else ""
        raise AttributeValueError(
            f"{spec.label} must be {spec.describe_range()}, got {_fmt(value)}{unit}"
        )
    return value


def _check_float(spec: AttrSpec, value: Any) -> float:
    return float(_check_number(spec, value, integral=False))


def _check_int(spec: AttrSpec, value: Any) -> int:
    return int(_check_number(spec, value, integral=True))


def _check_bool(spec: AttrSpec, value: Any) -> bool:
    if not isinstance(value, bool):
        raise AttributeValueError(f"{spec.label} must be true or false, not {_kind_of(value)}")
    return value


def _choice_key(value: Any) -> tuple[str, Any]:
    """Compare choices by meaning: 3 and 3.0 are the same choice, True is never 1."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", float(value))
    return (type(value).__name__, value)


def _check_one_choice(spec: AttrSpec, value: Any) -> Scalar:
    try:
        return spec._choice_index[_choice_key(value)]
    except (KeyError, TypeError):  # TypeError: an unhashable value such as a list
        pass
    options = ", ".join(str(v) for v in spec.choice_values)
    shown = repr(value) if isinstance(value, str) else _kind_of(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = _fmt(value)
    raise AttributeValueError(f"{spec.label} must be one of {options}; got {_short(shown)}")


def _check_text(spec: AttrSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise AttributeValueError(f"{spec.label} must be text, not {_kind_of(value)}")
    if len(value) > spec.max_length:
        raise AttributeValueError(
            f"{spec.label} is {len(value)} characters long; at most {spec.max_length} allowed"
        )
    if any(ord(ch) < 32 and ch not in "\t\n" for ch in value):
        raise AttributeValueError(f"{spec.label} contains control characters")
    return value


def _check_choices(spec: AttrSpec, value: Any) -> tuple[Scalar, ...]:
    if not isinstance(value, list | tuple):
        raise AttributeValueError(f"{spec.label} must be a list, not {_kind_of(value)}")
    picked = [_check_one_choice(spec, v) for v in value]
    if len(set(picked)) != len(picked):
        raise AttributeValueError(f"{spec.label} lists a value twice")
    # canonical order = the spec's order, so files diff cleanly
    return tuple(v for v in spec.choice_values if v in picked)


_CHECKERS = {
    AttrType.FLOAT: _check_float,
    AttrType.INT: _check_int,
    AttrType.BOOL: _check_bool,
    AttrType.CHOICE: _check_one_choice,
    AttrType.TEXT: _check_text,
    AttrType.CHOICES: _check_choices,
}


def _kind_of(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        tuple: "a list",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- small constructors, so kind definitions read like a data sheet -------------------------


def number(
    name: str,
    label: str,
    default: float | None,
    unit: str,
    lo: float,
    hi: float,
    *,
    optional: bool = False,
    help: str = "",
    relevant_when: tuple[str, tuple[Scalar, ...]] | None = None,
) -> AttrSpec:
    return AttrSpec(
        name,
        label,
        AttrType.FLOAT,
        default,
        unit,
        lo,
        hi,
        optional=optional,
        help=help,
        relevant_when=relevant_when,
    )


def whole(
    name: str, label: str, default: int, lo: int, hi: int, *, unit: str = "", help: str = ""
) -> AttrSpec:
    return AttrSpec(name, label, AttrType.INT, default, unit, lo, hi, help=help)


def flag(
    name: str,
    label: str,
    default: bool,
    *,
    help: str = "",
    relevant_when: tuple[str, tuple[Scalar, ...]] | None = None,
) -> AttrSpec:
    return AttrSpec(name, label, AttrType.BOOL, default, help=help, relevant_when=relevant_when)


def choice(
    name: str,
    label: str,
    default: Scalar | None,
    options: Mapping[Scalar, str] | tuple[Scalar, ...],
    *,
    unit: str = "",
    optional: bool = False,
    help: str = "",
    relevant_when: tuple[str, tuple[Scalar, ...]] | None = None,
) -> AttrSpec:
    return AttrSpec(
        name,
        label,
        AttrType.CHOICE,
        default,
        unit,
        choices=_choices(options),
        optional=optional,
        help=help,
        relevant_when=relevant_when,
    )


def choices(
    name: str,
    label: str,
    default: tuple[Scalar, ...],
    options: Mapping[Scalar, str] | tuple[Scalar, ...],
    *,
    help: str = "",
) -> AttrSpec:
    return AttrSpec(name, label, AttrType.CHOICES, default, choices=_choices(options), help=help)


def text(
    name: str, label: str, default: str = "", *, max_length: int = 200, help: str = ""
) -> AttrSpec:
    return AttrSpec(name, label, AttrType.TEXT, default, max_length=max_length, help=help)


def _choices(options: Mapping[Scalar, str] | tuple[Scalar, ...]) -> tuple[Choice, ...]:
    if isinstance(options, Mapping):
        return tuple(Choice(v, lbl) for v, lbl in options.items())
    return tuple(Choice(v, str(v)) for v in options)


@dataclass(frozen=True)
class SpecSet:
    """An ordered set of attribute specs (a device kind's attributes, the project settings)."""

    specs: tuple[AttrSpec, ...]
    by_name: Mapping[str, AttrSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {s.name: s for s in self.specs}
        if len(index) != len(self.specs):
            raise ValueError("attribute declared twice")
        object.__setattr__(self, "by_name", index)

    def defaults(self) -> dict[str, Any]:
        return {s.name: s.default for s in self.specs}

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def __getitem__(self, name: str) -> AttrSpec:
        return self.by_name[name]

    def __iter__(self):
        return iter(self.specs)
