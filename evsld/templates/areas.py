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
    SPDs keep every charger within 30 m of cable from one on its supply path (R534-DIST): a
    type 2 in the run's feed unit when the far end is out of reach of the main board's, and a
    type 2 in each tap-off still beyond reach of that one (runs longer than about 26 m).
    Returns the chargers."""
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
    # cable metres from the feed end within which an SPD on the charger's path still reaches
    reach = SPD_REACH_M - feeder_m
    if positions[-1] + BUSWAY_DROP_M > reach:
        site.spd(busway, f"{name} feed unit", at_origin=False)
        reach = SPD_REACH_M
    tapoff_a = pick(charger.current_a, cat.TAPOFF_RATINGS_A, "tap-off", hint)
    chargers = []
    for point, position in zip(names, positions, strict=True):
        tap = site.chain(busway, site.add("tapoff", point, rating_a=tapoff_a, position_m=position))
        if position + BUSWAY_DROP_M > reach:
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
