"""Label texts per device kind, as designers write them (drawing-conventions.md)."""

from __future__ import annotations

import pytest

from evsld.geometry.labels import cable_cores, label_lines, num, pe_section_table_54_2
from evsld.model import KINDS, Project


def lines(kind: str, tag: str | None = None, name: str = "", **attrs) -> list[str]:
    return label_lines(Project().add(kind, tag=tag, name=name, **attrs))


def test_every_kind_has_a_label_starting_with_its_tag() -> None:
    project = Project()
    for kind in KINDS:
        device = project.add(kind)
        assert label_lines(device)[0] == device.tag
        assert len(label_lines(device)) >= 2


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ({"in_a": 32.0, "curve": "C", "poles": "4P", "icu_ka": 10.0}, ["Q12", "C32 4P 10 kA"]),
        ({"in_a": 16.0, "curve": "B", "poles": "1P+N", "icu_ka": 6.0}, ["Q12", "B16 1P+N 6 kA"]),
        (
            {"standard": "IEC 60947-2", "curve": "adjustable", "in_a": 160.0, "ir_a": 160.0},
            ["Q12", "Ir 160 A 4P 10 kA"],
        ),
        # no Ir setting: Ir = In (the kind's help text)
        ({"curve": "adjustable", "in_a": 250.0, "icu_ka": 36.0}, ["Q12", "Ir 250 A 4P 36 kA"]),
        ({"closed": False}, ["Q12", "C32 4P 10 kA", "open"]),
    ],
)
def test_breaker(attrs: dict, expected: list[str]) -> None:
    assert lines("breaker", "Q12", **attrs) == expected


def test_adjustable_breaker_shows_its_setting_not_its_frame() -> None:
    attrs = {"standard": "IEC 60947-2", "curve": "adjustable", "in_a": 250.0, "ir_a": 160.0}
    assert lines("breaker", "Q1", icu_ka=36.0, **attrs) == ["Q1", "Ir 160 A 4P 36 kA"]


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ({"rcd_type": "B"}, ["F12", "RCD B 30 mA 4P"]),
        ({"rcd_type": "A", "poles": "2P"}, ["F12", "RCD A 30 mA 2P"]),
        ({"rcd_type": "B", "delay": "S", "i_delta_n_ma": 300.0}, ["F12", "RCD B S 300 mA 4P"]),
        ({"rcd_type": "A", "rdc_dd": True}, ["F12", "RCD A 30 mA 4P", "+ RDC-DD"]),
        ({"rcd_type": "B", "i_delta_n_ma": 1000.0}, ["F12", "RCD B 1 A 4P"]),
    ],
)
def test_rcd(attrs: dict, expected: list[str]) -> None:
    assert lines("rcd", "F12", **attrs) == expected


def test_rcbo_shows_the_breaker_and_the_residual_function() -> None:
    assert lines("rcbo", "Q7", rcd_type="A", in_a=20.0, poles="1P+N") == [
        "Q7",
        "C20 1P+N 6 kA",
        "RCD A 30 mA",
    ]
    assert lines("rcbo", "Q7", rcd_type="A", rdc_dd=True)[-1] == "+ RDC-DD"


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ({"spd_type": "T2"}, "SPD T2 40 kA Up 1.5 kV"),
        ({"spd_type": "T1", "iimp_ka": 12.5, "up_kv": 2.5}, "SPD T1 12.5 kA Up 2.5 kV"),
        ({"spd_type": "T1+T2", "iimp_ka": 25.0}, "SPD T1+T2 25 kA Up 1.5 kV"),
        ({"spd_type": "T3", "in_ka": 5.0, "up_kv": 1.0}, "SPD T3 5 kA Up 1 kV"),
    ],
)
def test_spd_names_the_discharge_current_of_its_type(attrs: dict, expected: str) -> None:
    assert lines("spd", "F2", **attrs) == ["F2", expected]


def test_fuse_and_switch() -> None:
    assert lines("fuse", "F4", in_a=63.0) == ["F4", "gG 63 A 3P 100 kA"]
    assert lines("switch", "Q9", in_a=125.0, poles="3P") == ["Q9", "125 A 3P"]


@pytest.mark.parametrize(
    ("attrs", "cores"),
    [
        # three phases + N + PE, all 6 mm²: five cores, G = one green-yellow
        ({"phases": 3, "phase_section_mm2": 6.0}, "5G6"),
        # single-phase: L + N + PE
        ({"phases": 1, "phase_section_mm2": 6.0}, "3G6"),
        ({"phases": 3, "neutral": False, "phase_section_mm2": 2.5}, "4G2.5"),
        # Table 54.2: S > 35 mm² -> PE S/2 = 120 mm²; sections differ -> spelled out
        ({"phases": 3, "phase_section_mm2": 240.0}, "4x240+PE120"),
        # 16 < S <= 35 -> PE 16 mm²
        ({"phases": 3, "phase_section_mm2": 25.0}, "4x25+PE16"),
        # S/2 = 47.5 mm² is no standard section: the next one up, 50 mm²
        ({"phases": 3, "phase_section_mm2": 95.0}, "4x95+PE50"),
        (
            {"phases": 3, "phase_section_mm2": 240.0, "neutral_section_mm2": 120.0},
            "3x240+N120+PE120",
        ),
        ({"phases": 3, "phase_section_mm2": 6.0, "construction": "single_core"}, "4x6+PE6"),
        (
            {"phases": 3, "phase_section_mm2": 95.0, "pen": True, "neutral_section_mm2": 50.0},
            "3x95+PEN50",
        ),
        ({"phases": 3, "phase_section_mm2": 10.0, "pen": True}, "4G10"),
        (
            {"phases": 3, "phase_section_mm2": 240.0, "pe_section_mm2": 150.0, "parallel": 2},
            "2x(4x240+PE150)",
        ),
    ],
)
def test_cable_cores(attrs: dict, cores: str) -> None:
    assert cable_cores(Project().add("cable", **attrs).attrs) == cores


def test_cable_label_is_tag_type_and_length() -> None:
    assert lines("cable", "W12", phase_section_mm2=6.0, length_m=40.0) == ["W12", "Cu 5G6", "40 m"]
    assert lines("cable", "W3", material="Al", phase_section_mm2=16.0, length_m=37.5) == [
        "W3",
        "Al 5G16",
        "37.5 m",
    ]


def test_pe_section_follows_table_54_2() -> None:
    assert [pe_section_table_54_2(s) for s in (1.5, 16.0, 25.0, 35.0, 50.0, 185.0, 400.0)] == [
        1.5,
        16.0,
        16.0,
        16.0,
        25.0,
        95.0,
        240.0,
    ]


def test_busway_tapoff_and_meter() -> None:
    assert lines("busway", "W3", family="KS", rating_a=250.0, length_m=50.0) == [
        "W3",
        "KS 250 A 50 m",
    ]
    assert lines("tapoff", "X2", rating_a=63.0) == ["X2", "63 A"]
    assert lines("tapoff", "X2", rating_a=32.0, position_m=12.0) == ["X2", "32 A", "at 12 m"]
    assert lines("meter", "P1") == ["P1", "MID kWh direct 63 A"]
    assert lines("meter", "P2", mid=False, connection="ct", ct_primary_a=400.0) == [
        "P2",
        "kWh CT 400 A",
    ]


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ({}, ["EV01", "AC 22 kW 3P 32 A"]),
        (
            {"power_kw": 7.4, "phases": 1, "phase": "L2", "rated_current_a": 32.0},
            ["EV01", "AC 7.4 kW L2 32 A"],
        ),
        ({"current_type": "DC", "power_kw": 150.0}, ["EV01", "DC 150 kW"]),
        ({"current_type": "DC", "power_kw": 60.0, "points": 2}, ["EV01", "DC 2x60 kW"]),
        (
            {"integrated_rcd": "A", "rdc_dd": True, "mid_meter": True},
            ["EV01", "AC 22 kW 3P 32 A", "RCD A + RDC-DD, MID"],
        ),
        (
            {"integrated_rcd": "B", "integrated_ocpd": True},
            ["EV01", "AC 22 kW 3P 32 A", "RCD B, OCPD"],
        ),
        ({"rdc_dd": True}, ["EV01", "AC 22 kW 3P 32 A", "RDC-DD"]),
    ],
)
def test_evse(attrs: dict, expected: list[str]) -> None:
    assert lines("evse", "EV01", **attrs) == expected


def test_board_supply_transformer() -> None:
    assert lines("switchboard", "+B1", name="Main LV board", rated_current_a=250.0) == [
        "+B1",
        "Main LV board",
        "250 A",
    ]
    assert lines("switchboard", "+EV1", rated_current_a=400.0) == ["+EV1", "400 A"]
    assert lines("supply", "G1") == ["G1", "400/230 V TN-S", "Ik 10 kA"]
    assert lines("supply", "G1", supply_kind="private_mv_lv", mv_ssc_mva=500.0) == [
        "G1",
        "400/230 V TN-S",
        "MV 500 MVA",
    ]
    assert lines("supply", "G1", earthing="TT", ze_ohm=0.35, ra_ohm=10.0) == [
        "G1",
        "400/230 V TT",
        "Ik 10 kA Ze 0.35 Ω",
        "RA 10 Ω",
    ]
    assert lines("transformer", "T1", rating_kva=630.0, uk_pct=6.0) == ["T1", "630 kVA uk 6 %"]


def test_loads_sources_and_controller() -> None:
    assert lines("load", "E1", name="Building services", power_kw=30.0, cos_phi=0.9) == [
        "E1",
        "Building services",
        "30 kW cos 0.9",
    ]
    assert lines("load", "E2", power_kw=3.0, phases=1, phase="L3") == ["E2", "3 kW L3 cos 0.9"]
    assert lines("pv", "G2", name="Roof", power_kw=30.0) == ["G2", "Roof", "PV 30 kW"]
    assert lines("storage", "G3", power_kw=50.0, capacity_kwh=100.0) == ["G3", "50 kW 100 kWh"]
    assert lines("lms", "K1", zone_name="Parking", mode="dynamic", limit_a=250.0) == [
        "K1",
        "Parking",
        "dynamic 250 A",
    ]
    assert lines("lms", "K2", zone_name="", limit_a=63.0, limit_kw=40.0) == [
        "K2",
        "static 63 A 40 kW",
    ]


def test_numbers_read_as_designers_write_them() -> None:
    assert [num(v) for v in (32.0, 1.5, 7.4, 0.35, 1e6, -0.0)] == [
        "32",
        "1.5",
        "7.4",
        "0.35",
        "1000000",
        "0",
    ]
