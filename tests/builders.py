"""Small installations for tests, built through the public model API."""

from __future__ import annotations

from dataclasses import dataclass

from evsld.model import Device, Placement, Project
from evsld.model.operations import MoveDevice


@dataclass
class Feeder:
    """One EV final circuit: breaker, RCD, cable and charger."""

    breaker: Device
    rcd: Device
    cable: Device
    evse: Device


def supply_and_board(
    project: Project | None = None, **supply_attrs
) -> tuple[Project, Device, Device]:
    project = project or Project()
    supply = project.add("supply", **supply_attrs)
    board = project.add("switchboard", role="main")
    project.connect(supply, board)
    return project, supply, board


def add_ev_feeder(project: Project, board: Device, **evse_attrs) -> Feeder:
    """C32 MCB of energy-limiting class 3 (declared: R434-ADIAB reads its Annex ZA limit)."""
    breaker = project.add("breaker", in_a=32.0, energy_class="3")
    rcd = project.add("rcd", rcd_type="B")
    cable = project.add("cable", phase_section_mm2=6.0, length_m=30.0)
    evse = project.add("evse", **evse_attrs)
    project.connect(board, breaker)
    project.connect(breaker, rcd)
    project.connect(rcd, cable)
    project.connect(cable, evse)
    return Feeder(breaker, rcd, cable, evse)


def car_park(chargers: int = 3) -> tuple[Project, list[Feeder]]:
    """A correct installation: final circuits with C32 and 30 mA type B, a type 2 SPD at the
    origin board (IEC 60364-4-44 443.4), on a supply declaring its loop impedance Ze and main
    protection (R41-TN-ZS, R-SUPPLY)."""
    project, _, board = supply_and_board(ze_ohm=0.1, main_in_a=250.0)
    feeders = [add_ev_feeder(project, board) for _ in range(chargers)]
    project.connect(board, project.add("spd", spd_type="T2"))
    return project, feeders


def car_park_in_a_row(chargers: int, pitch: float, level: float = 100.0) -> Project:
    """car_park() drawn by hand: the supply above the board, the SPD to the left, each final
    circuit a column of breaker, RCD, cable and charger, the columns `pitch` apart (closer
    than the labels are wide when pitch < 80)."""
    project, feeders = car_park(chargers)
    project.apply(MoveDevice(project.diagram.by_tag("G1").id, Placement(0.0, -level)))
    (spd,) = project.diagram.devices_of_kind("spd")
    project.apply(MoveDevice(spd.id, Placement(-pitch, level)))
    for i, feeder in enumerate(feeders):
        column = (feeder.breaker, feeder.rcd, feeder.cable, feeder.evse)
        for row, device in enumerate(column, start=1):
            project.apply(MoveDevice(device.id, Placement((i + 1) * pitch, row * level)))
    return project
