"""What the analysis reports per device (the values rules, canvas, PDF and CLI read)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from evsld.calc.ampacity import IzDerivation
from evsld.calc.demand import DemandSummary
from evsld.calc.notes import CalcNote, NoteSeverity
from evsld.calc.protection import Protection


class ConductorResult(NamedTuple):
    """A cable or busway: its capacity, its drop and what it withstands on a fault.

    Iz of a cable is the table derivation (`iz`); of a busway, its rated current.
    `ik_max_line_ka` is the maximum prospective current at the run's line-side end (the
    worst fault for R434-ADIAB), `let_through_a2s` the protecting device's I2t there
    (fallback of R434-ADIAB, None when no fallback exists), `k2s2_a2s` the conductor's
    adiabatic withstand."""

    iz_a: float | None
    iz: IzDerivation | None
    vdrop_pct: float | None  # drop along this run alone (worst phase it carries)
    k: float | None
    k2s2_a2s: float | None
    ik_max_line_ka: float | None
    let_through_a2s: float | None
    r_ohm_per_m: float | None = None  # busways: the r and x used
    x_ohm_per_m: float | None = None
    rx_from_catalogue: bool = False


class DeviceResult(NamedTuple):
    """The calculation results of one fed device (a named tuple: thousands are built per
    analysis, so construction must be cheap).

    Currents are those the device carries on its load side (a series device carries what it
    feeds). Short-circuit values are at its load-side terminals. `vdrop_cum_pct` is the
    drop from the origin to the device, on the worst phase it carries."""

    device_id: str
    kind: str
    source_id: str
    ib_a: float
    phase_currents_a: tuple[float, float, float]
    neutral_a: float
    cos_phi: float
    u0_v: float
    vdrop_cum_pct: float | None
    vdrop_limit_pct: float | None
    ik_max_ka: float | None
    ik_min_ka: float | None
    zs_ohm: float | None  # TN fault loop at end-of-fault conductor temperature
    ra_ohm: float | None  # TT: the earth electrode resistance of the source
    ocpd_id: str | None  # first overcurrent device above (breaker, RCBO or fuse)
    conductor: ConductorResult | None = None

    @property
    def iz_a(self) -> float | None:
        return None if self.conductor is None else self.conductor.iz_a

    @property
    def vdrop_pct(self) -> float | None:
        return None if self.conductor is None else self.conductor.vdrop_pct


BOARD_KINDS = ("switchboard", "busway")


@dataclass(frozen=True)
class Analysis:
    revision: int
    results: Mapping[str, DeviceResult]  # fed devices, in feeding order
    protections: Mapping[str, Protection]  # every fed breaker, RCBO and fuse
    demand: DemandSummary
    notes: tuple[CalcNote, ...]
    sources: tuple[str, ...]
    _notes_by_device: dict[str, tuple[CalcNote, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[str, list[CalcNote]] = {}
        for note in self.notes:
            for device_id in note.devices:
                index.setdefault(device_id, []).append(note)
        self._notes_by_device.update({k: tuple(v) for k, v in index.items()})

    def result(self, device_id: str) -> DeviceResult | None:
        """The results of a fed device; None for an unfed or control-only device."""
        return self.results.get(device_id)

    def protection_above(self, device_id: str) -> Protection | None:
        """The first breaker, RCBO or fuse above the device (None: not protected)."""
        result = self.results.get(device_id)
        if result is None or result.ocpd_id is None:
            return None
        return self.protections[result.ocpd_id]

    @property
    def origin(self) -> DeviceResult | None:
        """The first source (the supply the canvas status bar reports on)."""
        return self.results.get(self.sources[0]) if self.sources else None

    def boards(self) -> Iterator[DeviceResult]:
        """Switchboards and busways in feeding order (the PDF's per-board currents)."""
        return (r for r in self.results.values() if r.kind in BOARD_KINDS)

    def notes_for(self, device_id: str) -> tuple[CalcNote, ...]:
        return self._notes_by_device.get(device_id, ())

    @property
    def errors(self) -> tuple[CalcNote, ...]:
        """Notes of results that could not be computed for lack of data."""
        return tuple(n for n in self.notes if n.severity is NoteSeverity.ERROR)
