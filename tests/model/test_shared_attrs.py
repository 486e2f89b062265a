"""Devices with equal attributes share one read-only mapping, and only truly equal ones."""

from __future__ import annotations

import math
from types import MappingProxyType

import pytest

from evsld.model import Project
from evsld.model import shared_attrs as pool
from evsld.model.device import Device


def _breaker(device_id: str, **attrs: object) -> Device:
    return Device(device_id, "breaker", device_id.upper(), attrs)


def test_equal_attributes_of_one_kind_share_a_mapping() -> None:
    a = _breaker("q1", in_a=32.0, poles="4P")
    b = _breaker("q2", in_a=32.0, poles="4P")
    assert a.attrs is b.attrs
    assert isinstance(a.attrs, MappingProxyType)


def test_other_values_kinds_or_order_get_their_own() -> None:
    a = _breaker("q1", in_a=32.0, poles="4P")
    assert _breaker("q2", in_a=40.0, poles="4P").attrs is not a.attrs
    assert _breaker("q3", poles="4P", in_a=32.0).attrs is not a.attrs  # order is kept
    assert Device("r1", "rcd", "R1", {"in_a": 32.0, "poles": "4P"}).attrs is not a.attrs


@pytest.mark.parametrize("other", [1, True])
def test_equal_numbers_of_another_type_are_never_substituted(other: object) -> None:
    """1 == 1.0 == True in Python: a shared mapping must not turn one into the other."""
    a = _breaker("q1", in_a=1.0)
    b = _breaker("q2", in_a=other)
    assert type(b.attrs["in_a"]) is type(other)
    assert b.attrs is not a.attrs


def test_tuples_of_text_are_shared_and_other_containers_are_copied() -> None:
    a = _breaker("q1", phases=("L1", "L2"))
    assert _breaker("q2", phases=("L1", "L2")).attrs is a.attrs
    listed = [1.0]
    c = _breaker("q3", curve=listed)
    d = _breaker("q4", curve=listed)
    assert c.attrs is not d.attrs
    assert _breaker("q5", pair=(1, 1.0)).attrs is not _breaker("q6", pair=(1.0, 1)).attrs


def test_the_mapping_is_a_copy_the_caller_cannot_change() -> None:
    given = {"in_a": 50.0}
    device = Device("q2", "breaker", "Q2", given)
    given["in_a"] = 63.0
    assert device.attrs["in_a"] == 50.0


def test_the_pool_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "POOL_LIMIT", 10)
    monkeypatch.setattr(pool, "_pool", {})
    for n in range(25):
        _breaker(f"q{n}", in_a=float(n))
        assert len(pool._pool) <= 10
    kept = _breaker("q99", in_a=24.0)
    assert _breaker("q98", in_a=24.0).attrs is kept.attrs


def test_with_attr_shares_too() -> None:
    a = _breaker("q1", in_a=32.0)
    b = _breaker("q2", in_a=40.0).with_attr("in_a", 32.0)
    assert b.attrs is a.attrs


def test_the_sign_of_a_zero_does_not_depend_on_the_devices_made_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file may say -0.0 (a tap-off at the feed end): the same device must come out the
    same whether or not a twin at +0.0 exists. -0.0 == 0.0 with one hash and type, so the
    pool would hand it the twin's mapping: a set holding -0.0 is never shared."""
    monkeypatch.setattr(pool, "_pool", {})
    alone = Project().add("tapoff", position_m=-0.0)
    pool._pool.clear()
    project = Project()
    project.add("tapoff", position_m=0.0)
    twin = project.add("tapoff", position_m=-0.0)
    signs = [math.copysign(1.0, d.attrs["position_m"]) for d in (alone, twin)]
    assert signs[0] == signs[1]
