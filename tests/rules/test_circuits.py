"""The catalog's notation as helpers: CP(x), OCPD(cp), RCD(cp), SPD coverage and origins."""

from __future__ import annotations

from evsld.model import Project
from evsld.rules.circuits import Circuits
from evsld.rules.view import CheckView
from tests.builders import add_ev_feeder, car_park, supply_and_board


def circuits(project: Project) -> Circuits:
    return CheckView.of(project).circuits


def test_cp_counts_every_point_of_every_evse_below_a_device() -> None:
    project, supply, board = supply_and_board()
    twin = add_ev_feeder(project, board, points=2)
    single = add_ev_feeder(project, board)
    load = project.add("load")
    project.connect(twin.breaker, load)
    c = circuits(project)
    assert c.points(twin.evse.id) == 2 and c.points(twin.breaker.id) == 2
    assert c.points(board.id) == c.points(supply.id) == 3
    assert c.non_ev_loads(twin.breaker.id) == 1 and c.non_ev_loads(single.breaker.id) == 0
    assert c.evses_below(board.id) == [twin.evse.id, single.evse.id]
    assert c.evses == (twin.evse.id, single.evse.id)


def test_ocpd_of_a_point_is_its_integrated_device_else_the_first_above() -> None:
    project, _, board = supply_and_board()
    plain = add_ev_feeder(project, board)
    inside = add_ev_feeder(
        project, board, integrated_ocpd=True, integrated_ocpd_standard="IEC 61009-1"
    )
    c = circuits(project)
    o = c.point(plain.evse.id).ocpd
    assert (o.device, o.integrated, o.points, o.describe()) == (plain.breaker.id, False, 1, "C32")
    o = c.point(inside.evse.id).ocpd
    assert (o.device, o.integrated, o.standard, o.points) == (
        inside.evse.id,
        True,
        "IEC 61009-1",
        1,
    )
    assert c.ocpd_above(inside.evse.id).device == inside.breaker.id
    assert c.ocpd_above(plain.breaker.id) is None


def test_rcds_list_the_integrated_device_first_then_upwards() -> None:
    project, _, board = supply_and_board()
    upstream = project.add("rcd", rcd_type="B", i_delta_n_ma=300.0, delay="S")
    project.connect(board, upstream)
    f = add_ev_feeder(
        project, upstream, integrated_rcd="A", integrated_rcd_standard="other", rdc_dd=True
    )
    c = circuits(project)
    chain = c.point(f.evse.id).rcds
    assert [(r.device, r.integrated, r.counts) for r in chain] == [
        (f.evse.id, True, False),
        (f.rcd.id, False, True),
        (upstream.id, False, True),
    ]
    assert chain[0].describe() == "type A 30 mA" and chain[0].rdc_dd
    assert chain[2].describe() == "type B-S 300 mA" and chain[2].points == 1
    assert c.point(f.evse.id).rcd.device == f.rcd.id  # the integrated one does not count
    assert c.point(f.evse.id).protecting.device == f.rcd.id


def test_the_protecting_rcd_prefers_an_individual_suitable_one() -> None:
    project, _, board = supply_and_board()
    f = add_ev_feeder(project, board, integrated_rcd="A", integrated_rcd_standard="IEC 61008-1")
    c = circuits(project)
    # the integrated type A (no RDC-DD) is nearer, but the external type B is suitable
    assert c.point(f.evse.id).rcd.integrated
    assert c.point(f.evse.id).protecting.device == f.rcd.id


def test_spd_cover_adds_cable_lengths_from_the_spd() -> None:
    project, feeders = car_park(1)
    c = circuits(project)
    cover = c.spd_cover(feeders[0].evse.id)
    spd = project.diagram.by_tag("F2")
    assert (cover.spd, cover.metres, cover.estimated) == (spd.id, 30.0, False)
    assert cover.at == project.diagram.by_tag("+B1").id
    assert c.spd_cover(project.diagram.by_tag("G1").id) is None


def test_a_tap_off_without_a_position_counts_the_whole_busway_run() -> None:
    project, _, board = supply_and_board()
    project.connect(board, project.add("spd"))
    busway = project.add("busway", length_m=80.0)
    placed = project.add("tapoff", position_m=12.0)
    unplaced = project.add("tapoff")
    project.connect(board, busway)
    project.connect(busway, placed)
    project.connect(busway, unplaced)
    a, b = add_ev_feeder(project, placed), add_ev_feeder(project, unplaced)
    c = circuits(project)
    assert (c.spd_cover(a.evse.id).metres, c.spd_cover(a.evse.id).estimated) == (42.0, False)
    assert (c.spd_cover(b.evse.id).metres, c.spd_cover(b.evse.id).estimated) == (110.0, True)


def test_origins_run_from_the_supply_or_transformer_to_the_first_board() -> None:
    project = Project()
    supply = project.add("supply", supply_kind="private_mv_lv")
    transformer = project.add("transformer")
    incomer = project.add("breaker", standard="IEC 60947-2", curve="adjustable", in_a=1000.0)
    spd = project.add("spd")
    board = project.add("switchboard", role="main")
    project.connect(supply, transformer)
    project.connect(transformer, incomer)
    project.connect(incomer, board)
    project.connect(incomer, spd)
    add_ev_feeder(project, board)
    c = circuits(project)
    (origin,) = c.origins()
    assert origin.trunk == (transformer.id, incomer.id, board.id)
    assert (origin.source, origin.spds, origin.attach) == (supply.id, (spd.id,), board.id)
    assert c.origin_of(project.diagram.by_tag("EV01").id) == origin


def test_an_origin_without_a_board_takes_its_spd_at_the_supply() -> None:
    project = Project()
    supply = project.add("supply")
    breaker = project.add("breaker")
    project.connect(supply, breaker)
    project.connect(breaker, project.add("evse"))
    (origin,) = circuits(project).origins()
    assert origin.trunk == (supply.id, breaker.id) and origin.attach == supply.id


def test_an_isolating_transformer_separates_only_a_single_point() -> None:
    project, _, board = supply_and_board()
    transformer = project.add("transformer", purpose="separation", rating_kva=25.0)
    project.connect(board, transformer)
    alone = add_ev_feeder(project, transformer)
    other = add_ev_feeder(project, board)
    c = circuits(project)
    assert c.separator_above(alone.evse.id) == transformer.id and c.separated(alone.evse.id)
    assert c.separator_above(other.evse.id) is None and not c.separated(other.evse.id)
    add_ev_feeder(project, transformer)
    assert not circuits(project).separated(alone.evse.id)
    assert circuits(project).origins()[0].trunk[0] == project.diagram.by_tag("G1").id
