"""Generated installations of a given number of chargers, shaped like a real car park.

Private MV/LV substation -> main board -> one feeder per 20 chargers (breaker, cable,
secondary board with its SPD) -> one final circuit per charger (breaker, RCD type B, cable,
EVSE). Chargers alternate 22 kW three-phase and 7.4 kW single-phase rotated over L1-L3, and a
load-management zone governs each secondary board. Devices sit on a grid, so drawing
benchmarks see a realistic spread.
"""

from __future__ import annotations

from evsld.model import Placement, Project

CHARGERS_PER_BOARD = 20
COLUMN = 80.0
ROW = 100.0


def installation(chargers: int) -> Project:
    project = Project()
    supply = project.add("supply", supply_kind="private_mv_lv", placement=Placement(0, 0))
    kva = 630.0 if chargers <= 20 else min(5000.0, 630.0 * (1 + chargers // 200))
    transformer = project.add("transformer", rating_kva=kva, placement=Placement(0, ROW))
    main = project.add(
        "switchboard", role="main", rated_current_a=6300.0, placement=Placement(0, 2 * ROW)
    )
    project.connect(supply, transformer)
    project.connect(transformer, main)
    project.connect(main, project.add("spd", spd_type="T2", placement=Placement(-COLUMN, 3 * ROW)))
    boards = (chargers + CHARGERS_PER_BOARD - 1) // CHARGERS_PER_BOARD
    placed = 0
    for b in range(boards):
        count = min(CHARGERS_PER_BOARD, chargers - placed)
        x0 = b * (CHARGERS_PER_BOARD + 2) * COLUMN
        _secondary_board(project, main, x0, placed, count)
        placed += count
    return project


def _secondary_board(project: Project, main, x0: float, first: int, count: int) -> None:
    feeder = project.add(
        "breaker",
        standard="IEC 60947-2",
        curve="adjustable",
        in_a=400.0,
        ir_a=400.0,
        icu_ka=50.0,
        placement=Placement(x0, 3 * ROW),
    )
    cable = project.add(
        "cable",
        phase_section_mm2=240.0,
        length_m=40.0,
        method="E",
        placement=Placement(x0, 4 * ROW),
    )
    board = project.add("switchboard", rated_current_a=630.0, placement=Placement(x0, 5 * ROW))
    project.connect(main, feeder)
    project.connect(feeder, cable)
    project.connect(cable, board)
    project.connect(
        board, project.add("spd", spd_type="T2", placement=Placement(x0 - COLUMN, 6 * ROW))
    )
    zone = project.add("lms", limit_a=400.0, placement=Placement(x0 - COLUMN, 9 * ROW))
    for i in range(count):
        n = first + i
        x = x0 + (i + 1) * COLUMN
        three_phase = n % 2 == 0
        breaker = project.add(
            "breaker",
            in_a=32.0,
            poles="4P" if three_phase else "1P+N",
            placement=Placement(x, 6 * ROW),
        )
        rcd = project.add(
            "rcd",
            rcd_type="B",
            poles="4P" if three_phase else "1P+N",
            placement=Placement(x, 7 * ROW),
        )
        final = project.add(
            "cable",
            phases=3 if three_phase else 1,
            phase_section_mm2=6.0,
            length_m=15.0 + (i % 10) * 3,
            placement=Placement(x, 8 * ROW),
        )
        evse = project.add(
            "evse",
            power_kw=22.0 if three_phase else 7.4,
            phases=3 if three_phase else 1,
            phase=("L1", "L2", "L3")[(n // 2) % 3],
            rated_current_a=32.0,
            placement=Placement(x, 9 * ROW),
        )
        project.connect(board, breaker)
        project.connect(breaker, rcd)
        project.connect(rcd, final)
        project.connect(final, evse)
        project.connect(zone, evse, "ctrl", "ctrl")
