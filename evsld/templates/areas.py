"""Charging areas as the reference architectures draw them: points on busbar trunking with
plug-in tap-offs, or points on a board of their own, each behind its feeder from the main
board."""

from __future__ import annotations

from typing import Any

from evsld.model.device import Device
from evsld.templates import catalogue as cat
from evsld.templates.catalogue import AcCharger, pick
from evsld.templates.design import BUSWAY_DROP_M, SPD_REACH_M, bay_length, run_length
from evsld.templates.parts import TRAY, Site

DROP_ROUTE = {"method": "C", "grouping_circuits": 1}  # tap-off down to its charger, alone


def busway_area(
    site: Site,
    main: Device,
    name: str,
    charger: AcCharger,
    names: list[str],
    *,
    feeder_a: float,
    feeder_m: float,
    hint: str,
    **evse_attrs: Any,
) -> list[Device]:
    """Feeder, a KS run (KSA above 800 A) rated at least the feeder breaker (R-BW-PROT), one
    plug-in tap-off per point 1.25 m apart with the point's breaker and 30 mA type B RCD.
    SPDs keep every charger within 30 m of cable from one on its busbars (R534-DIST, see
    `spd_places`). Returns the chargers."""
    feed = site.feeder(main, name, feeder_a, feeder_m)
    rating = pick(feeder_a, cat.BUSWAY_RATINGS_A, f"the {name} busbar trunking", hint)
    length = run_length(len(names))
    busway = site.chain(
        feed,
        site.add(
            "busway",
            f"{name} busway",
            family="KS" if rating <= 800 else "KSA",
            rating_a=rating,
            material="Al",
            length_m=length,
            max_tapoff_a=250.0 if rating <= 250 else 400.0,
        ),
    )
    positions = [1.0 + 1.25 * i for i in range(len(names))]
    in_feed_unit, in_tapoffs = spd_places(positions, feeder_m)
    if in_feed_unit:
        site.spd(busway, f"{name} feed unit", at_origin=False)
    tapoff_a = pick(charger.current_a, cat.TAPOFF_RATINGS_A, "tap-off", hint)
    chargers = []
    for index, (point, position) in enumerate(zip(names, positions, strict=True)):
        tap = site.chain(busway, site.add("tapoff", point, rating_a=tapoff_a, position_m=position))
        if index in in_tapoffs:
            site.spd(tap, point, at_origin=False)
        chargers.append(
            site.ac_point(
                tap,
                charger,
                point,
                BUSWAY_DROP_M,
                rcd_in_circuit=True,
                route=DROP_ROUTE,
                **evse_attrs,
            )
        )
    site.accept_phase_split([busway], chargers)
    return chargers


def spd_places(positions: list[float], feeder_m: float) -> tuple[bool, set[int]]:
    """Where a run's SPDs go so that every charger (a 4 m drop below its tap-off) is within
    30 m of cable of one (R534-DIST). An SPD on the busbars, in the feed unit or in any
    tap-off, reaches 26 m of run either way; the main board's reaches the first
    26 m - feeder_m. None when that covers the run; else one in the feed unit when that alone
    covers it; else, from the first uncovered tap-off, one in the farthest tap-off still
    within reach of it, as often as needed (one for any run up to about 52 m).
    Returns (in the feed unit, indices of the tap-offs carrying one)."""
    along = SPD_REACH_M - BUSWAY_DROP_M
    covered = along - feeder_m
    if positions[-1] <= covered:
        return False, set()
    if positions[-1] <= along:
        return True, set()
    in_tapoffs: set[int] = set()
    for position in positions:
        if position <= covered:
            continue
        index = max(i for i, p in enumerate(positions) if p <= position + along)
        in_tapoffs.add(index)
        covered = positions[index] + along
    return False, in_tapoffs


def board_area(
    site: Site,
    main: Device,
    name: str,
    board_name: str,
    charger: AcCharger,
    names: list[str],
    *,
    feeder_a: float,
    feeder_m: float,
    other_circuits: int = 0,
    **evse_attrs: Any,
) -> tuple[Device, list[Device]]:
    """Feeder and an outdoor board rated for it, an SPD there when its farthest charger
    would be beyond 30 m of cable from the main board's, and one breaker per point with
    the cable on the tray (half the circuits each way from the board) to a charger that
    carries its own 30 mA RCD. Returns the board and the chargers."""
    feed = site.feeder(main, name, feeder_a, feeder_m)
    longest = bay_length(len(names) - 1)
    board = site.board(
        feed, board_name, feeder_a, outdoor=True, spd=feeder_m + longest > SPD_REACH_M
    )
    route = {**TRAY, "grouping_circuits": (len(names) + other_circuits + 1) // 2}
    chargers = [
        site.ac_point(
            board,
            charger,
            point,
            bay_length(i),
            rcd_in_circuit=False,
            route=route,
            outdoor=True,
            **evse_attrs,
        )
        for i, point in enumerate(names)
    ]
    site.accept_phase_split([board], chargers)
    return board, chargers
