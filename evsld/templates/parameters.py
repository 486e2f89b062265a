"""Template parameters: typed, bounded, documented, and parsed from the command line.

A parameter's type follows its default: bool is a yes/no flag, int a whole number, float a
number, and a parameter with `choices` accepts only those values. Every refusal is a
`TemplateError` whose one-line message names the parameter and what it accepts, so the CLI
and the New-from-template dialog can show it as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from evsld.geometry.layout import arrange
from evsld.model.project import Project

Value = bool | int | float | str

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


class TemplateError(ValueError):
    """A template name, parameter name or value that cannot be used; one readable line."""


@dataclass(frozen=True)
class Parameter:
    name: str
    default: Value
    help: str
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Value, ...] = ()

    def __post_init__(self) -> None:
        self.validate(self.default)  # a template that ships a bad default is a bug

    @property
    def type_name(self) -> str:
        if self.choices:
            return "choice"
        return {bool: "flag", int: "whole number"}.get(type(self.default), "number")

    def describe(self) -> str:
        """What the parameter accepts, as the error messages and listings say it."""
        unit = f" {self.unit}" if self.unit else ""
        if self.choices:
            return "one of " + ", ".join(_fmt(c) for c in self.choices) + unit
        if isinstance(self.default, bool):
            return "true or false"
        kind = "a whole number" if isinstance(self.default, int) else "a number"
        return f"{kind} from {_fmt(self.minimum)} to {_fmt(self.maximum)}{unit}"

    def validate(self, value: Any) -> Value:
        """The value in canonical form, or TemplateError naming the parameter and its range."""
        if self.choices:
            for choice in self.choices:
                if _same(choice, value):
                    return choice
            return self._refuse(value)
        if isinstance(self.default, bool):
            return value if isinstance(value, bool) else self._refuse(value)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self._refuse(value)
        if isinstance(self.default, int):
            if isinstance(value, float) and not value.is_integer():
                return self._refuse(value)
            value = int(value)
        elif not math.isfinite(value):
            return self._refuse(value)
        else:
            value = float(value)
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            return self._refuse(value)
        return value

    def parse(self, text: str) -> Value:
        """Read a command-line value ("22", "true", "TN-S") and validate it."""
        word = text.strip()
        if isinstance(self.default, bool):
            lowered = word.lower()
            if lowered in _TRUE | _FALSE:
                return self.validate(lowered in _TRUE)
            return self._refuse(text)
        if isinstance(self.default, int | float) and not isinstance(self.default, bool):
            try:
                number = float(word)
            except ValueError:
                return self._refuse(text)
            return self.validate(int(number) if number.is_integer() else number)
        return self.validate(word)

    def _refuse(self, value: Any) -> Any:
        shown = _fmt(value) if isinstance(value, int | float) else repr(value)
        raise TemplateError(f"{self.name} must be {self.describe()}; got {shown[:40]}")


def _same(choice: Value, value: Any) -> bool:
    """7.4 and "7.4" never match; 11 and 11.0 do; True is never 1."""
    if isinstance(choice, bool) or isinstance(value, bool):
        return choice is value
    if isinstance(choice, int | float):
        return isinstance(value, int | float) and float(choice) == float(value)
    return choice == value


def _fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


Builder = Callable[[Mapping[str, Value]], Project]


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    builder: Builder = field(repr=False)

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        names = ", ".join(p.name for p in self.parameters)
        raise TemplateError(f"template {self.name} has no parameter '{name}'; it takes {names}")

    def defaults(self) -> dict[str, Value]:
        return {p.name: p.default for p in self.parameters}

    def resolve(self, values: Mapping[str, Any]) -> dict[str, Value]:
        """Defaults overlaid with the given values, each validated."""
        resolved = self.defaults()
        for name, value in values.items():
            resolved[name] = self.parameter(name).validate(value)
        return resolved

    def build(self, **values: Any) -> Project:
        project = self.builder(self.resolve(values))
        project.apply(arrange(project))
        return project


# --- parameters several templates share ---------------------------------------------------


def supply_kind(default: str) -> Parameter:
    return Parameter(
        "supply_kind",
        default,
        "public_lv: public LV connection (5 % voltage drop); private_mv_lv: own MV/LV "
        "substation with its transformer (8 %)",
        choices=("public_lv", "private_mv_lv"),
    )


def earthing(default: str) -> Parameter:
    return Parameter(
        "earthing",
        default,
        "earthing system; TN-C-S splits the PEN at the main board, TT adds time-delayed "
        "type B RCDs on the incomer and feeders",
        choices=("TN-S", "TN-C-S", "TT"),
    )


def lightning_protection() -> Parameter:
    return Parameter(
        "lightning_protection",
        False,
        "the building has an external lightning protection system (type 1+2 SPD at the origin)",
    )


def load_management(default: bool, what: str) -> Parameter:
    return Parameter("load_management", default, what)
