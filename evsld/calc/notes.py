"""Calculation notes: what the calculations could not do, or did with an estimate.

Missing data is never replaced by a silent default that could make an unsafe design pass:
the calculation either leaves the result out (and says so with an ERROR note) or uses a
documented estimate (and says so with a WARNING note). Rules and the CLI read these notes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class NoteSeverity(StrEnum):
    ERROR = "error"  # a result the checks need could not be computed
    WARNING = "warning"  # a result rests on an estimate the designer should replace
    INFO = "info"


# Stable note codes (rules and tests refer to them).
IZ_NO_TABLE = "CALC-IZ-NO-TABLE"  # R52-IZ-TABLE: no Iz0 for the combination
IZ_NO_AMBIENT = "CALC-IZ-NO-AMBIENT"  # ambient outside the kT table
IZ_NO_GROUPING = "CALC-IZ-NO-GROUPING"  # grouping outside the kG table
I2_UNKNOWN = "CALC-I2-UNKNOWN"  # the protecting device has no conventional tripping current
DC_ESTIMATE = "CALC-DC-ESTIMATE"  # DC input current from P/(eta PF sqrt3 U)
BUSWAY_RX_CATALOGUE = "CALC-BUSWAY-RX-CATALOGUE"  # approximate r/x from evsld's table [R]
BUSWAY_RX_UNKNOWN = "CALC-BUSWAY-RX-UNKNOWN"  # no r/x at all
NO_NEUTRAL = "CALC-NO-NEUTRAL"  # single-phase current through a cable without neutral
CABLE_PHASES = "CALC-CABLE-PHASES"  # a single-phase cable carries current on several phases
SC_NO_SOURCE = "CALC-SC-NO-SOURCE"  # no short-circuit data at the origin
SC_NO_LOOP = "CALC-SC-NO-LOOP"  # no Ze / Ik min: Ik min and Zs not computed
TT_NO_RA = "CALC-TT-NO-RA"  # TT supply without RA
EV_FACTOR_IGNORED = "CALC-EV-FACTOR-IGNORED"  # usage factor < 1 on unmanaged EV points
NO_SUPPLY = "CALC-NO-SUPPLY"  # devices drawn but no supply: nothing is calculated
UNFED = "CALC-UNFED"  # devices no supply reaches: not calculated


class CalcNote(NamedTuple):
    code: str
    severity: NoteSeverity
    devices: tuple[str, ...]
    message: str
