"""Generated installations of a given number of chargers, shaped like a real car park.

Private MV/LV substation -> main board -> one feeder per 20 chargers (breaker, cable,
secondary board with its SPD) -> one final circuit per charger (breaker, RCD type B, cable,
EVSE). Chargers alternate 22 kW three-phase and 7.4 kW single-phase rotated over L1-L3, and a
200 A load-management zone governs each secondary board (10 A per point). Devices sit on a
grid, so drawing benchmarks see a realistic spread.

The design is a correct one, so the check benchmark measures a realistic, mostly clean
project: the transformer carries the managed demand (a site zone caps it where one transformer
of at most 5,000 kVA cannot), breakers break the prospective Ik max with a datasheet let-through
the 6 mm2 finals withstand, every charger is within 30 m of cable of its board's SPD. What
remains are the warnings a real design keeps: partial short-circuit selectivity of the feeders
(R536-OC-SEL-MAG, confirm with the manufacturer's tables) and, at 5,000 chargers, the site
zone's fewer than 6 A per point (R722-LMS-6A). `flawed=True` gives the final breakers 10 kA and
no datasheet let-through instead: two errors per charger (R434-ICU, R434-ADIAB), a project
with many findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from evsld.model import Placement, Project
from evsld.model.fileformat.reader import project_from_bytes
from evsld.model.operations import SetAttribute

CHARGERS_PER_BOARD = 20
BOARD_LIMIT_A = 200.0  # load management per secondary board: 10 A per point
TRANSFORMERS_KVA = (630.0, 800.0, 1000.0, 1250.0, 1600.0, 2000.0, 2500.0, 3150.0, 4000.0, 5000.0)
LOADING = 0.9  # the site zone keeps the transformer at 90 % of its rated current
COLUMN = 80.0
ROW = 100.0


def installation(chargers: int, flawed: bool = False) -> Project:
    project = Project()
    supply = project.add("supply", supply_kind="private_mv_lv", placement=Placement(0, 0))
    boards = (chargers + CHARGERS_PER_BOARD - 1) // CHARGERS_PER_BOARD
    demand_a = boards * BOARD_LIMIT_A
    kva = next(
        (k for k in TRANSFORMERS_KVA if LOADING * k * 1000.0 / (3**0.5 * 400.0) >= demand_a),
        TRANSFORMERS_KVA[-1],
    )
    transformer = project.add("transformer", rating_kva=kva, placement=Placement(0, ROW))
    main = project.add(
        "switchboard", role="main", rated_current_a=8000.0, placement=Placement(0, 2 * ROW)
    )
    project.connect(supply, transformer)
    project.connect(transformer, main)
    project.connect(main, project.add("spd", spd_type="T2", placement=Placement(-COLUMN, 3 * ROW)))
    site_limit = LOADING * kva * 1000.0 / (3**0.5 * 400.0)
    site = (
        project.add("lms", limit_a=float(int(site_limit)), placement=Placement(-COLUMN, 8 * ROW))
        if demand_a > site_limit
        else None
    )
    placed = 0
    for b in range(boards):
        count = min(CHARGERS_PER_BOARD, chargers - placed)
        x0 = b * (CHARGERS_PER_BOARD + 2) * COLUMN
        zone = _secondary_board(project, main, x0, placed, count, flawed)
        if site is not None:
            project.connect(site, zone, "ctrl", "parent")
        placed += count
    return project


def _secondary_board(project: Project, main, x0: float, first: int, count: int, flawed: bool):
    feeder = project.add(
        "breaker",
        standard="IEC 60947-2",
        curve="adjustable",
        in_a=400.0,
        ir_a=400.0,
        icu_ka=150.0,
        let_through_a2s=5_000_000.0,
        placement=Placement(x0, 3 * ROW),
    )
    cable = project.add(
        "cable",
        phase_section_mm2=240.0,
        length_m=60.0,
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
    zone = project.add("lms", limit_a=BOARD_LIMIT_A, placement=Placement(x0 - COLUMN, 9 * ROW))
    final_breaker = (
        {"icu_ka": 10.0, "energy_class": "none"}
        if flawed
        else {"icu_ka": 36.0, "let_through_a2s": 150_000.0}
    )
    for i in range(count):
        n = first + i
        x = x0 + (i + 1) * COLUMN
        three_phase = n % 2 == 0
        breaker = project.add(
            "breaker",
            in_a=32.0,
            poles="4P" if three_phase else "1P+N",
            placement=Placement(x, 6 * ROW),
            **final_breaker,
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
            length_m=10.0 + (i % 10) * 2,
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
    return zone


def opened(saved: bytes, count: int, topology: bool = False) -> Iterator[Project]:
    """Projects read from the saved file, one at a time: nothing cached, nothing computed
    (but the topology, if asked), and no other project in memory while each is measured (as
    in the editor)."""
    for _ in range(count):
        project = project_from_bytes(saved)
        if topology:
            project.topology()
        yield project


def after_final_cable_edits(
    project: Project, then: Callable[[Project], object]
) -> Callable[[], object]:
    """An action that gives one final cable (W2) a new length, then runs `then` on the
    project: the commonest electrical edit, for the re-check and re-analysis lines."""
    cable = project.diagram.by_tag("W2").id
    lengths = iter(range(10, 10_000))

    def edit_then() -> object:
        project.apply(SetAttribute(cable, "length_m", float(next(lengths) % 20 + 10)))
        return then(project)

    return edit_then
