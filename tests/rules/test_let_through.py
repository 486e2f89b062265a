"""The let-through energy R434-ADIAB compares with k2S2 (IEC 60364-4-43 434.5.2), derived by
hand from IEC 60898-1 Annex ZA and the rule catalog's fallback."""

from __future__ import annotations

import pytest

from evsld.calc.protection import Protection, protection_of
from evsld.model.kinds import KINDS
from evsld.rules.let_through import annex_za_i2t, let_through


@pytest.mark.parametrize(
    ("energy_class", "curve", "in_a", "ik_ka", "i2t"),
    [
        # Table ZA.1 (In <= 16 A), class 3 C: 18,000 / 30,000 / 42,000 / 84,000 A2s at
        # 3 / 4.5 / 6 / 10 kA; a fault between two columns takes the next column up
        ("3", "C", 16.0, 6.0, 42_000.0),
        ("3", "C", 16.0, 4.6, 42_000.0),
        ("3", "C", 10.0, 2.0, 18_000.0),
        # Table ZA.2 (16 A < In <= 32 A), class 3 B at 6 kA: 45,000 A2s
        ("3", "B", 32.0, 6.0, 45_000.0),
        # class 2, ZA.2, C at 10 kA: 370,000 A2s
        ("2", "C", 20.0, 10.0, 370_000.0),
        # outside the tables: beyond 10 kA, above 32 A, a D curve, no declared class
        ("3", "C", 16.0, 10.5, None),
        ("3", "C", 40.0, 6.0, None),
        ("3", "D", 16.0, 6.0, None),
        ("none", "C", 16.0, 6.0, None),
    ],
)
def test_annex_za_lookup(
    energy_class: str, curve: str, in_a: float, ik_ka: float, i2t: float | None
) -> None:
    assert annex_za_i2t(energy_class, curve, in_a, ik_ka) == i2t


def _mcb(in_a: float) -> Protection:
    """A C-curve IEC 60898-1 breaker with the kind's defaults otherwise."""
    attrs = {a.name: a.default for a in KINDS["breaker"].attributes}
    return protection_of("q1", "breaker", {**attrs, "curve": "C", "in_a": in_a})


def test_a_datasheet_value_wins_over_the_table() -> None:
    energy = let_through(_mcb(16.0), {"let_through_a2s": 20_000.0, "energy_class": "3"}, 6.0)
    assert (energy.i2t_a2s, energy.estimated) == (20_000.0, False)


def test_beyond_the_table_the_fallback_is_ik_squared_times_0_1_s() -> None:
    # 12 kA: 12,000^2 x 0.1 s = 14,400,000 A2s, flagged as an estimate
    energy = let_through(_mcb(16.0), {"energy_class": "3"}, 12.0)
    assert energy.i2t_a2s == pytest.approx(14_400_000.0)
    assert energy.estimated
