"""The device catalogue: every kind the issue lists, with valid defaults, units and ports."""

from __future__ import annotations

import pytest

from evsld.model import KINDS, EditError, Project
from evsld.model.attributes import AttrType
from evsld.model.ports import Domain

REQUIRED_ATTRIBUTES = {
    "supply": {
        "supply_kind",
        "earthing",
        "u0_v",
        "u_v",
        "contracted_power_kva",
        "ik_max_ka",
        "ze_ohm",
        "ra_ohm",
        "lightning_protection",
        "mv_ssc_mva",
    },
    "transformer": {"rating_kva", "uk_pct"},
    "switchboard": {"role", "rated_current_a", "location", "enclosure"},
    "breaker": {"standard", "curve", "in_a", "ir_a", "im_a", "poles", "icu_ka"},
    "fuse": {"fuse_class", "in_a"},
    "rcd": {"rcd_type", "i_delta_n_ma", "delay", "poles", "standard"},
    "rcbo": {"rcd_type", "i_delta_n_ma", "delay", "poles", "standard", "curve", "in_a", "icu_ka"},
    "spd": {"spd_type", "iimp_ka", "imax_ka", "up_kv"},
    "meter": {"mid", "connection", "imax_a", "ct_primary_a"},
    "busway": {"family", "rating_a", "length_m", "max_tapoff_a"},
    "tapoff": {"rating_a"},
    "cable": {
        "material",
        "insulation",
        "phase_section_mm2",
        "neutral_section_mm2",
        "pe_section_mm2",
        "pen",
        "method",
        "length_m",
        "ambient_c",
        "grouping_circuits",
    },
    "evse": {
        "current_type",
        "power_kw",
        "phases",
        "phase",
        "rated_current_a",
        "points",
        "connector",
        "integrated_rcd",
        "rdc_dd",
        "integrated_ocpd",
        "mid_meter",
        "public_access",
        "supported_earthing",
        "max_upstream_ocpd_a",
    },
    "load": {"power_kw", "cos_phi", "phases", "demand_factor"},
    "pv": {"power_kw"},
    "storage": {"power_kw", "capacity_kwh"},
    "lms": {"zone_name", "mode", "limit_a"},
}


def test_every_kind_the_designer_draws_exists_with_its_attributes() -> None:
    assert set(REQUIRED_ATTRIBUTES) <= set(KINDS)
    for name, attrs in REQUIRED_ATTRIBUTES.items():
        missing = attrs - set(KINDS[name].attributes.by_name)
        assert not missing, f"{name} lacks {missing}"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_defaults_make_a_valid_device(name: str) -> None:
    project = Project()
    device = project.add(name)
    assert device.tag.startswith(KINDS[name].tag_prefix)
    assert not KINDS[name].check_constraints(device.attrs)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_numbers_have_units_or_are_ratios(name: str) -> None:
    ratios = {
        "cos_phi",
        "demand_factor",
        "efficiency",
        "rated_diversity_factor",
        "parallel",
        "points",
        "grouping_circuits",
        "max_points",
    }
    for spec in KINDS[name].attributes:
        if spec.type in (AttrType.FLOAT, AttrType.INT) and spec.name not in ratios:
            assert spec.unit, f"{name}.{spec.name} has no unit"
            assert spec.minimum is not None and spec.maximum is not None


def test_power_devices_have_a_power_port_and_lms_only_control_ports() -> None:
    for spec in KINDS.values():
        domains = {p.domain for p in spec.ports}
        if spec.name == "lms":
            assert domains == {Domain.CONTROL}
        else:
            assert Domain.POWER in domains


def test_tags_follow_iec_81346_letters_and_count_per_prefix() -> None:
    project = Project()
    tags = [
        project.add(k).tag
        for k in (
            "breaker",
            "breaker",
            "rcd",
            "spd",
            "cable",
            "busway",
            "evse",
            "evse",
            "meter",
            "transformer",
            "lms",
        )
    ]
    assert tags == ["Q1", "Q2", "F1", "F2", "W1", "W2", "EV01", "EV02", "P1", "T1", "K1"]


def test_next_tag_continues_after_the_highest_number_never_renumbers() -> None:
    project = Project()
    project.add("breaker", tag="Q7")
    project.add("breaker", tag="Q3")
    assert project.add("breaker").tag == "Q8"


def test_cross_attribute_constraints_refuse_impossible_settings() -> None:
    project = Project()
    with pytest.raises(EditError, match=r"Ir 50 A must lie between 0\.4 In and In"):
        project.add("breaker", curve="adjustable", in_a=40.0, ir_a=50.0)
    with pytest.raises(EditError, match="not √3 x U0"):
        project.add("supply", u0_v=230.0, u_v=230.0)
    with pytest.raises(EditError, match="DC charger is fed three-phase"):
        project.add("evse", current_type="DC", phases=1)
