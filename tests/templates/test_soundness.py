"""The templates are sound at every parameter set: each check of tests/templates/checks.py
on each hand-picked case, and on parameter sets Hypothesis draws within the bounds, where the
full rule check must also find nothing but accepted trade-offs (a set the template refuses
must be refused with a TemplateError, never built unsound)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evsld.rules.engine import check_project
from evsld.templates import TEMPLATES, Parameter, TemplateError, build
from tests.templates.cases import CASES, Case, built
from tests.templates.checks import CHECKS
from tests.templates.oracle import Reading

_READINGS: dict[str, Reading] = {}
# the only findings a template accepts: single-phase splits, the case study's day/night zone
TRADE_OFF_RULES = {"R-PH-UNB", "R722-LMS-6A"}


def reading(case: Case) -> Reading:
    if case.id not in _READINGS:
        _READINGS[case.id] = Reading(built(case))
    return _READINGS[case.id]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case: Case, check: Callable[[Reading], None]) -> None:
    check(reading(case))


def values(parameter: Parameter) -> st.SearchStrategy[Any]:
    if parameter.choices:
        return st.sampled_from(parameter.choices)
    if isinstance(parameter.default, bool):
        return st.booleans()
    if isinstance(parameter.default, int):
        return st.integers(int(parameter.minimum), int(parameter.maximum))
    return st.floats(parameter.minimum, parameter.maximum).map(lambda x: round(x, 1))


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_any_accepted_parameter_set_is_sound(name: str) -> None:
    template = TEMPLATES[name]
    strategy = st.fixed_dictionaries({p.name: values(p) for p in template.parameters})

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def run(params: dict[str, Any]) -> None:
        try:
            project = build(name, **params)
        except TemplateError as err:
            assert any(p in str(err) for p in params), str(err)
            return
        r = Reading(project)
        for check in CHECKS:
            check(r)
        report = check_project(project)
        assert report.errors == 0 and report.warnings == 0, (params, report.findings)
        assert report.notices == ()
        assert {a.finding.rule for a in report.accepted} <= TRADE_OFF_RULES

    run()
