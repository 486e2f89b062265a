"""Busbar trunking impedance per metre when the datasheet values are not entered.

APPROXIMATE FIGURES [R]. The rule catalog says resistance and reactance per metre come
from the manufacturer's catalogue, which the product does not ship. These are evsld's own
round estimates for Canalis-like families (aluminium KN/KS/KSA, copper KSC), derived from
typical conductor sections per rating at operating temperature; they are good enough to
spot a gross voltage-drop problem, not to sign off a design. The busway's own r and x
attributes (the datasheet) always win, and every use of this table is reported as a
warning note (CALC-BUSWAY-RX-CATALOGUE). A family/rating pair that is not listed gives no
value at all (CALC-BUSWAY-RX-UNKNOWN), never the nearest row.

Values: (r, x) in mOhm/m per conductor, r at operating temperature (as used for voltage
drop; the short-circuit maximum takes r / 1.25 for 20 C).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# KS and KSA share the aluminium sandwich construction, so they share their figures.
_ALUMINIUM = MappingProxyType(
    {
        100.0: (0.70, 0.20),
        160.0: (0.45, 0.17),
        250.0: (0.28, 0.14),
        400.0: (0.17, 0.12),
        500.0: (0.14, 0.11),
        630.0: (0.11, 0.10),
        800.0: (0.085, 0.09),
        1000.0: (0.068, 0.08),
    }
)
BUSWAY_RX_MOHM_PER_M: Mapping[str, Mapping[float, tuple[float, float]]] = MappingProxyType(
    {
        "KN": MappingProxyType(
            {40.0: (1.70, 0.30), 63.0: (1.10, 0.27), 100.0: (0.70, 0.24), 160.0: (0.45, 0.21)}
        ),
        "KS": _ALUMINIUM,
        "KSA": _ALUMINIUM,
        "KSC": MappingProxyType(
            {
                160.0: (0.30, 0.15),
                250.0: (0.19, 0.13),
                400.0: (0.12, 0.11),
                500.0: (0.095, 0.10),
                630.0: (0.075, 0.09),
                800.0: (0.06, 0.08),
            }
        ),
    }
)


def busway_rx(
    family: str, rating_a: float, r_given: float | None, x_given: float | None
) -> tuple[float, float, bool] | None:
    """(r, x) in ohm/m and whether the table supplied any of them; None if unknown.

    A datasheet value given alone is completed from the table's row; without a row the
    pair is unknown (a missing reactance is never taken as zero)."""
    row = BUSWAY_RX_MOHM_PER_M.get(family, {}).get(float(rating_a))
    if r_given is not None and x_given is not None:
        return r_given / 1000.0, x_given / 1000.0, False
    if row is None:
        return None
    r = r_given if r_given is not None else row[0]
    x = x_given if x_given is not None else row[1]
    return r / 1000.0, x / 1000.0, True
