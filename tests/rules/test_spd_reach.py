"""SPD reach along busbar trunking (R534-DIST): distances worked by hand in each docstring."""

from __future__ import annotations

from evsld.model import Device, Project
from evsld.model.operations import SetAttribute
from evsld.rules.circuits import SpdCover
from evsld.rules.spd_reach import SpdReach
from evsld.rules.view import CheckView
from tests.builders import add_ev_feeder, supply_and_board


def reach_of(project: Project) -> SpdReach:
    return SpdReach(CheckView.of(project))


def busway_run(length_m: float = 40.0) -> tuple[Project, Device, Device]:
    """Main board with the origin SPD F1, a 10 m feeder cable, then a busway of `length_m`."""
    project, _, board = supply_and_board()
    project.connect(board, project.add("spd"))
    feeder = project.add("cable", length_m=10.0)
    busway = project.add("busway", length_m=length_m)
    project.connect(board, feeder)
    project.connect(feeder, busway)
    return project, board, busway


def tap(project: Project, busway: Device, position_m: float | None = None) -> Device:
    tapoff = project.add("tapoff", position_m=position_m)
    project.connect(busway, tapoff)
    return tapoff


def over_cable(project: Project, above: Device, metres: float, device: Device) -> Device:
    """above -> `metres` of cable -> device."""
    cable = project.add("cable", length_m=metres)
    project.connect(above, cable)
    project.connect(cable, device)
    return device


def charger(project: Project, above: Device, cable_m: float = 4.0) -> str:
    f = add_ev_feeder(project, above)
    project.apply(SetAttribute(f.cable.id, "length_m", cable_m))
    return f.evse.id


def reach(project: Project, evse: str) -> tuple[str, float, bool]:
    cover: SpdCover = reach_of(project)(evse)
    return project.diagram.device(cover.spd).tag, cover.metres, cover.estimated


def test_an_spd_on_another_tap_off_reaches_along_the_busbars() -> None:
    """Run 40 m fed by 10 m of cable from the board's SPD F1; SPD F2 on tap-off X1 at 12 m;
    EV01 on X2 at 36 m behind 4 m of cable. From F1: 10 + 36 + 4 = 50 m; from F2 along the
    busbars: |36 - 12| + 4 = 28 m, the nearer. spd_cover still sees F1 only (up(EV01))."""
    project, _, busway = busway_run()
    spd_tap = tap(project, busway, 12.0)
    project.connect(spd_tap, project.add("spd"))
    evse = charger(project, tap(project, busway, 36.0))
    assert reach(project, evse) == ("F2", 28.0, False)
    cover = CheckView.of(project).circuits.spd_cover(evse)
    assert (project.diagram.device(cover.spd).tag, cover.metres) == ("F1", 50.0)


def test_the_spds_own_lead_below_its_tap_off_counts() -> None:
    """F2 hangs 6 m of cable below tap-off X1 at 30 m (tap-off -> 6 m cable -> SPD). EV01 on
    X2 at 8 m behind 4 m: F2 is |8 - 30| + 6 + 4 = 32 m away, the origin's F1 10 + 8 + 4 =
    22 m, the nearer."""
    project, _, busway = busway_run()
    over_cable(project, tap(project, busway, 30.0), 6.0, project.add("spd"))
    near = charger(project, tap(project, busway, 8.0))
    far = charger(project, tap(project, busway, 38.0))
    assert reach(project, near) == ("F1", 22.0, False)
    # EV02 at 38 m: F1 10 + 38 + 4 = 52 m; F2 |38 - 30| + 6 + 4 = 18 m
    assert reach(project, far) == ("F2", 18.0, False)


def test_a_missing_position_is_taken_at_its_worst_place_on_the_run() -> None:
    """Run 40 m, 10 m feeder from F1. Every distance along the run with an unknown end is
    the farthest that end can be: the whole run from the other end's far side."""
    project, _, busway = busway_run()
    unplaced_spd = tap(project, busway)  # F2, position unknown
    project.connect(unplaced_spd, project.add("spd"))
    # EV01 at 30 m: F2 anywhere on 0-40 m is at most max(30, 40 - 30) = 30 m away, + 4 = 34;
    # F1 10 + 30 + 4 = 44 m
    at_30 = charger(project, tap(project, busway, 30.0))
    assert reach(project, at_30) == ("F2", 34.0, True)
    # EV02 at 10 m: F2 at most max(10, 30) = 30 + 4 = 34 m; F1 10 + 10 + 4 = 24 m, known
    at_10 = charger(project, tap(project, busway, 10.0))
    assert reach(project, at_10) == ("F1", 24.0, False)
    # EV03 position unknown too: F2 up to the whole 40 m + 4 = 44; F1 10 + 40 + 4 = 54
    unplaced = charger(project, tap(project, busway))
    assert reach(project, unplaced) == ("F2", 44.0, True)


def test_a_known_spd_with_an_unplaced_charger_counts_the_farther_end() -> None:
    """F2 on X1 at 30 m of a 40 m run, EV01 on a tap-off without a position behind 4 m:
    it may sit at 0 m, max(30, 40 - 30) + 4 = 34 m, estimated (F1: 10 + 40 + 4 = 54 m)."""
    project, _, busway = busway_run()
    spd_tap = tap(project, busway, 30.0)
    project.connect(spd_tap, project.add("spd"))
    evse = charger(project, tap(project, busway))
    assert reach(project, evse) == ("F2", 34.0, True)


def test_an_spd_behind_the_chargers_own_tap_off_needs_no_position() -> None:
    """Tap-off X1 without a position carries EV01 (4 m) and, on a breaker of its own, SPD F2:
    they meet at the tap-off, 0 + 4 = 4 m apart wherever it sits."""
    project, _, busway = busway_run()
    shared = tap(project, busway)
    spd_breaker = project.add("breaker", in_a=16.0)
    project.connect(shared, spd_breaker)
    project.connect(spd_breaker, project.add("spd"))
    evse = charger(project, shared)
    assert reach(project, evse) == ("F2", 4.0, False)


def test_an_spd_behind_an_open_tap_off_protects_nothing() -> None:
    """F2 on an open tap-off at 34 m is not connected to the busbars; EV01 at 36 m keeps
    F1 at 10 + 36 + 4 = 50 m."""
    project, _, busway = busway_run()
    spd_tap = tap(project, busway, 34.0)
    project.apply(SetAttribute(spd_tap.id, "closed", False))
    project.connect(spd_tap, project.add("spd"))
    evse = charger(project, tap(project, busway, 36.0))
    assert reach(project, evse) == ("F1", 50.0, False)


def test_a_cable_straight_on_a_busway_counts_the_whole_run() -> None:
    """No tap-off, so no position: 10 m feeder + the 40 m run + 4 m cable = 54 m from F1."""
    project, _, busway = busway_run()
    evse = charger(project, busway)
    assert reach(project, evse) == ("F1", 54.0, True)


def test_the_cover_above_counts_the_run_below_a_cable_straight_on_a_busway() -> None:
    """R722-SPD-PUBLIC's up(cp): busway -> 6 m cable -> charger. 10 m feeder + the whole
    40 m run (no tap-off, no position) + 6 m = 56 m from F1, an estimate."""
    project, _, busway = busway_run()
    evse = over_cable(project, busway, 6.0, project.add("evse"))
    cover = CheckView.of(project).circuits.spd_cover(evse.id)
    assert (cover.metres, cover.estimated) == (56.0, True)


def test_metres_above_add_cables_and_the_run_up_to_a_tap_off() -> None:
    """EV01 <- 4 m cable <- RCD <- breaker <- X2 (36 m) <- busway <- 10 m feeder <- board."""
    project, board, busway = busway_run()
    evse = charger(project, tap(project, busway, 36.0))
    metres = dict(reach_of(project).metres_above(evse))
    assert metres[evse] == 0.0
    assert metres[busway.id] == 40.0  # 4 m cable + 36 m along the run
    assert metres[board.id] == 50.0


def test_an_spd_in_the_feed_unit_of_a_run_on_a_run_protects_both() -> None:
    """Outer run 40 m, 10 m from F1. Its tap-off X1 at 30 m feeds 5 m of cable to an inner
    20 m run with F2 in its feed unit. EV01 on the outer run at 38 m (4 m): F1 10 + 38 + 4 =
    52 m, F2 |38 - 30| + 5 + 4 = 17 m. EV02 on the inner run at 15 m: 15 + 4 = 19 m from F2."""
    project, _, outer = busway_run()
    inner = over_cable(
        project, tap(project, outer, 30.0), 5.0, project.add("busway", length_m=20.0)
    )
    project.connect(inner, project.add("spd"))
    on_outer = charger(project, tap(project, outer, 38.0))
    on_inner = charger(project, tap(project, inner, 15.0))
    assert reach(project, on_outer) == ("F2", 17.0, False)
    assert reach(project, on_inner) == ("F2", 19.0, False)


def test_away_from_busways_the_reach_is_the_cover_above() -> None:
    """Board SPD F1, 30 m final cable: 30 m either way."""
    project, _, board = supply_and_board()
    project.connect(board, project.add("spd"))
    evse = charger(project, board, 30.0)
    assert reach(project, evse) == ("F1", 30.0, False)
    view = CheckView.of(project)
    assert SpdReach(view)(evse) is view.circuits.spd_cover(evse)
