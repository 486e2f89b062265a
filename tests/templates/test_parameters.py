"""The registry and its parameters: documented, bounded, and every refusal one line that
names the parameter and what it accepts."""

from __future__ import annotations

import pytest

from evsld.templates import TEMPLATES, Parameter, Template, TemplateError, build, template


def test_the_five_reference_architectures_are_registered() -> None:
    assert list(TEMPLATES) == [
        "residential",
        "office",
        "car-park",
        "fleet-depot",
        "office-case-study",
    ]
    for name, t in TEMPLATES.items():
        assert isinstance(t, Template) and t.name == name and t.title and t.description
        names = [p.name for p in t.parameters]
        assert len(set(names)) == len(names)
        for p in t.parameters:
            assert p.help and p.validate(p.default) == p.default
            if p.type_name in ("number", "whole number"):
                assert p.minimum is not None and p.maximum is not None
                assert p.minimum <= p.default <= p.maximum


def test_build_fills_the_title_block() -> None:
    project = build("residential", points=4, power_kw=11)
    assert project.metadata["title"] == "Residential building, 40 flats: 4 x 11 kW"
    assert project.metadata["drawing_title"] == "Single-line diagram, EV charging (outdoor parking)"


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("residential", {"points": 25}, "points must be a whole number from 1 to 20; got 25"),
        ("residential", {"points": 2.5}, "points must be a whole number from 1 to 20; got 2.5"),
        ("residential", {"points": True}, "points must be a whole number from 1 to 20; got true"),
        ("residential", {"power_kw": 3.7}, "power_kw must be one of 7.4, 11, 22 kW; got 3.7"),
        ("residential", {"power_kw": "7.4"}, "power_kw must be one of 7.4, 11, 22 kW; got '7.4'"),
        ("residential", {"load_management": 1}, "load_management must be true or false; got 1"),
        (
            "residential",
            {"earthing": "IT"},
            "earthing must be one of TN-S, TN-C-S, TT; got 'IT'",
        ),
        (
            "office",
            {"sub_zone_limit_a": float("nan")},
            "sub_zone_limit_a must be a number from 100 to 400 A; got nan",
        ),
        (
            "office",
            {"building_kw": 10},
            "building_kw must be a number from 20 to 600 kW; got 10",
        ),
        (
            "residential",
            {"pointz": 3},
            "template residential has no parameter 'pointz'; it takes points, power_kw, flats, "
            "supply_kind, earthing, lightning_protection, load_management, charger_rcd",
        ),
    ],
)
def test_bad_values_are_refused_naming_the_parameter_and_its_range(
    name: str, params: dict, message: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        build(name, **params)
    assert str(caught.value) == message


def test_an_unknown_template_lists_the_known_ones() -> None:
    with pytest.raises(TemplateError, match=r"^there is no template 'hotel'; choose one of "
                       r"residential, office, car-park, fleet-depot, office-case-study$"):  # fmt: skip
        template("hotel")


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        (
            "residential",
            {"points": 20, "power_kw": 22.0, "load_management": False},
            "supply_kind public_lv: the main incomer would need 1000 A, more than the 400 A "
            "of a public LV connection; choose supply_kind private_mv_lv, turn "
            "load_management on, or lower points, power_kw or flats",
        ),
        (
            "office",
            {"indoor_points": 40, "sub_zone_limit_a": 200.0},
            "the indoor sub-zone would get 200 A for 40 points, under the 6 A per point of "
            "IEC 61851-1; lower indoor_points, outdoor_points, power_kw or building_kw, or "
            "raise sub_zone_limit_a",
        ),
        (
            "car-park",
            {"floors": 1, "points_per_floor": 35, "power_kw": 22.0},
            "the Level 1 busbar trunking would need 1250 A, above the largest 1000 A "
            "available; turn load_management on, or lower floors, points_per_floor or power_kw",
        ),
        (
            "office-case-study",
            {"building_kva": 250.0},
            "the site zone would get 0 A for 15 points, under the 6 A per point of IEC "
            "61851-1; raise site_limit_kva or lower building_kva",
        ),
    ],
)
def test_combinations_beyond_the_catalogue_say_which_parameters_to_change(
    name: str, params: dict, message: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        build(name, **params)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), (" 12 ", 12), ("12.0", 12)],
)
def test_whole_numbers_parse_from_text(text: str, value: int) -> None:
    assert TEMPLATES["residential"].parameter("points").parse(text) == value


def test_text_parsing_of_every_type() -> None:
    residential = TEMPLATES["residential"]
    assert residential.parameter("power_kw").parse("22") == 22.0
    assert residential.parameter("supply_kind").parse("private_mv_lv") == "private_mv_lv"
    for word, value in (("true", True), ("YES", True), ("off", False), ("0", False)):
        assert residential.parameter("load_management").parse(word) is value
    for bad, parameter in (("ten", "points"), ("maybe", "load_management"), ("", "power_kw")):
        with pytest.raises(TemplateError, match=f"^{parameter} must be "):
            residential.parameter(parameter).parse(bad)


def test_a_parameter_with_a_default_outside_its_bounds_is_a_bug() -> None:
    with pytest.raises(TemplateError):
        Parameter("n", 0, "help", minimum=1, maximum=3)
