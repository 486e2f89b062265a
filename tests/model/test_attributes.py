from __future__ import annotations

import math

import pytest

from evsld.model.attributes import AttributeValueError, choice, choices, flag, number, text, whole


def test_number_accepts_ints_as_floats_and_refuses_out_of_bounds() -> None:
    spec = number("length_m", "Length", 20.0, "m", 0.1, 5000.0)
    assert spec.validate(40) == 40.0 and isinstance(spec.validate(40), float)
    with pytest.raises(
        AttributeValueError, match=r"Length must be between 0.1 and 5000 m, got 1e\+09 m"
    ):
        spec.validate(1e9)
    with pytest.raises(AttributeValueError, match="finite"):
        spec.validate(math.inf)
    with pytest.raises(AttributeValueError, match="must be a number, not true/false"):
        spec.validate(True)
    with pytest.raises(AttributeValueError, match="must be a number, not text"):
        spec.validate("40")


def test_whole_refuses_fractions_and_accepts_integral_floats() -> None:
    spec = whole("points", "Connecting points", 1, 1, 8)
    assert spec.validate(2.0) == 2
    with pytest.raises(AttributeValueError, match=r"whole number, got 2\.5"):
        spec.validate(2.5)


def test_choice_never_lets_true_stand_for_one() -> None:
    spec = choice("phases", "Phases", 3, {1: "single", 3: "three"})
    assert spec.validate(1) == 1
    assert spec.validate(3.0) == 3
    with pytest.raises(AttributeValueError, match="must be one of 1, 3"):
        spec.validate(True)
    with pytest.raises(AttributeValueError, match="got 2"):
        spec.validate(2)


def test_optional_accepts_none_and_required_refuses_it() -> None:
    optional = number("ir_a", "Ir", None, "A", 0.2, 6300.0, optional=True)
    required = flag("closed", "Closed", True)
    assert optional.validate(None) is None
    with pytest.raises(AttributeValueError, match="Closed must be given"):
        required.validate(None)


def test_text_refuses_control_characters_and_long_values() -> None:
    spec = text("title", "Title", max_length=10)
    assert spec.validate("Car park Ä") == "Car park Ä"
    with pytest.raises(AttributeValueError, match="control characters"):
        spec.validate("a\x00b")
    with pytest.raises(AttributeValueError, match="11 characters long; at most 10"):
        spec.validate("x" * 11)


def test_choices_are_canonicalised_to_spec_order_and_refuse_repeats() -> None:
    spec = choices("earthing", "Earthing", (), ("TN-S", "TT", "IT"))
    assert spec.validate(["IT", "TN-S"]) == ("TN-S", "IT")
    with pytest.raises(AttributeValueError, match="twice"):
        spec.validate(["IT", "IT"])


def test_relevance_follows_the_controlling_attribute() -> None:
    spec = choice("phase", "Phase", "L1", ("L1", "L2", "L3"), relevant_when=("phases", (1,)))
    assert spec.is_relevant({"phases": 1})
    assert not spec.is_relevant({"phases": 3})
