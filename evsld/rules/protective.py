"""Protective devices as the rules read them: overcurrent and residual-current devices,
external or integrated in an EVSE, with the product standards IEC 60364-7-722 accepts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from evsld.model.device import Device
from evsld.model.kinds.charging import IEC62196_CONNECTORS
from evsld.model.kinds.common import SWITCHED_CONDUCTORS

OCPD_KINDS = frozenset({"breaker", "rcbo", "fuse"})
RCD_KINDS = frozenset({"rcd", "rcbo"})
BOARD_KINDS = frozenset({"switchboard", "busway"})
NON_EV_LOADS = frozenset({"load", "pv", "storage"})

# 722.533.101: product standards an EV circuit's overcurrent device may follow. An RCBO to
# IEC 62423 (types F and B) is built to IEC 61009-1 as well.
OCPD_STANDARDS = ("IEC 60898-1", "IEC 60947-2", "IEC 60947-6-2", "IEC 61009-1", "IEC 60269")
_OCPD_ALIASES = {"IEC 62423": "IEC 61009-1"}
# 722.531.2.101: an EVSE-integrated RCD counts only to one of these
RCD_STANDARDS = ("IEC 61008-1", "IEC 61009-1", "IEC 60947-2", "IEC 62423")
MAX_INDIVIDUAL_IDN_MA = 30.0  # 722.531.2.101: each AC point's own RCD
# 531.3.3 ranking of what a residual-current type still detects (AC < A < F < B); A-EV is a
# type A with built-in 6 mA DC detection
RCD_RANK = {"AC": 0, "A": 1, "A-EV": 1, "F": 2, "B": 3}


class Rcd(NamedTuple):
    """A residual-current device, external or EVSE-integrated (one per connecting point)."""

    device: str  # the RCD or RCBO, or the EVSE for an integrated one
    integrated: bool
    type: str  # AC, A, F, B or A-EV
    i_delta_n_ma: float
    delayed: bool  # type S
    standard: str
    rdc_dd: bool  # combined with a 6 mA DC detecting device (flag, or type A-EV)
    poles: str | None  # None: integrated, switched as the EVSE's product standard requires
    points: int  # |CP(r)|
    counts: bool  # for 722.531.2.101 (an integrated one only under a listed standard)
    selectivity_required: bool = False

    @property
    def rank(self) -> int:
        return RCD_RANK[self.type]

    @property
    def switched_conductors(self) -> int | None:
        return None if self.poles is None else SWITCHED_CONDUCTORS[self.poles]

    def describe(self) -> str:
        """ "type A 30 mA", "type B-S 300 mA"."""
        delay = "-S" if self.delayed else ""
        return f"type {self.type}{delay} {self.i_delta_n_ma:g} mA"


class Ocpd(NamedTuple):
    """An overcurrent protective device, external or EVSE-integrated (one per point)."""

    device: str  # the breaker, RCBO or fuse, or the EVSE for an integrated one
    integrated: bool
    kind: str  # breaker, rcbo, fuse (integrated: "evse")
    standard: str
    setting_a: float | None  # Ir or In; None for an integrated device (rating not given)
    points: int  # |CP(o)|
    fuse_class: str | None = None
    curve: str | None = None

    @property
    def listed_standard(self) -> bool:
        return _OCPD_ALIASES.get(self.standard, self.standard) in OCPD_STANDARDS

    def describe(self) -> str:
        if self.integrated:
            return f"integrated OCPD ({self.standard})"
        if self.kind == "fuse":
            return f"{self.fuse_class} {self.setting_a:g} A fuse"
        if self.curve in (None, "adjustable"):
            return f"Ir {self.setting_a:g} A"
        return f"{self.curve}{self.setting_a:g}"


def external_rcd(device: Device, points: int) -> Rcd:
    a = device.attrs
    return Rcd(
        device.id,
        False,
        a["rcd_type"],
        a["i_delta_n_ma"],
        a["delay"] == "S",
        a["standard"],
        a["rdc_dd"] or a["rcd_type"] == "A-EV",
        a["poles"],
        points,
        True,
        a["selectivity_required"],
    )


def integrated_rcd(evse: Device) -> Rcd | None:
    a = evse.attrs
    kind = a["integrated_rcd"]
    if kind == "none":
        return None
    standard = a["integrated_rcd_standard"]
    return Rcd(
        evse.id,
        True,
        kind,
        a["integrated_rcd_ma"],
        False,
        standard,
        a["rdc_dd"] or kind == "A-EV",
        None,
        1,
        standard in RCD_STANDARDS,
    )


def external_ocpd(device: Device, points: int) -> Ocpd:
    a = device.attrs
    is_fuse = device.kind == "fuse"
    setting = a["in_a"] if is_fuse or a["ir_a"] is None else a["ir_a"]
    return Ocpd(  # positional: a named tuple built with keywords costs twice as much
        device.id,
        False,
        device.kind,
        a["standard"],
        setting,
        points,
        a["fuse_class"] if is_fuse else None,
        None if is_fuse else a["curve"],
    )


def integrated_ocpd(evse: Device) -> Ocpd | None:
    a = evse.attrs
    if not a["integrated_ocpd"]:
        return None
    return Ocpd(evse.id, True, "evse", a["integrated_ocpd_standard"], None, 1)


def dc_fault_problem(rcd: Rcd, evse_attrs: Mapping[str, Any]) -> str | None:
    """Why an RCD's type does not meet 722.531.3.101 for an EVSE's points, or None.

    At least type A, never AC; with an IEC 62196 connector, type B or type A/F together with a
    6 mA DC detecting device (in the RCD or in the EVSE)."""
    if rcd.type == "AC":
        return "is type AC (sinusoidal residual currents only), never allowed for an EV point"
    if rcd.type == "B" or evse_attrs["connector"] not in IEC62196_CONNECTORS:
        return None
    if rcd.rdc_dd or evse_attrs["rdc_dd"]:
        return None
    return "without 6 mA DC detection; needs type B or an RDC-DD"
