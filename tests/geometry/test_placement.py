"""Placed devices: ports and boxes under rotation, stretch extents, label positions."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from evsld.geometry.placement import LABEL_GAP, LABEL_SIZE, LINE_PITCH, place_device
from evsld.geometry.primitives import Box, Line, text_width
from evsld.model import Placement, Project
from evsld.paths import font_path

# breaker in/out ports at local (0, -30) / (0, 30), box 40 x 60; turned clockwise on screen
ROTATED = {
    0: ((100.0, 170.0), (0.0, -1.0), (100.0, 230.0), Box(80.0, 170.0, 120.0, 230.0)),
    90: ((130.0, 200.0), (1.0, 0.0), (70.0, 200.0), Box(70.0, 180.0, 130.0, 220.0)),
    180: ((100.0, 230.0), (0.0, 1.0), (100.0, 170.0), Box(80.0, 170.0, 120.0, 230.0)),
    270: ((70.0, 200.0), (-1.0, 0.0), (130.0, 200.0), Box(70.0, 180.0, 130.0, 220.0)),
}


@pytest.mark.parametrize("rotation", sorted(ROTATED))
def test_ports_box_and_drawing_follow_the_rotation(rotation: int) -> None:
    project = Project()
    breaker = project.add("breaker", placement=Placement(100, 200, rotation))
    placed = place_device(project, breaker.id)
    port_in, facing_in, port_out, box = ROTATED[rotation]
    assert placed.ports["in"].point == port_in
    assert placed.ports["in"].facing == facing_in
    assert placed.ports["out"].point == port_out
    assert placed.box == box
    # the supply line of the symbol starts at the in port, wherever the device is turned
    first = placed.primitives[0]
    assert isinstance(first, Line) and first.points[0] == port_in
    # text stays upright and to the right of the box, tag first
    assert placed.label[0].text == breaker.tag and placed.label[0].bold
    assert placed.label_box.x0 == box.x1 + LABEL_GAP


def test_label_is_centred_beside_the_symbol_and_measured_with_the_real_font() -> None:
    project = Project()
    rcd = project.add("rcd", tag="F12", rcd_type="B", placement=Placement(0, 0))
    placed = place_device(project, rcd.id)
    assert [t.text for t in placed.label] == ["F12", "RCD B 30 mA 4P"]
    assert placed.label_box.y0 == -LINE_PITCH and placed.label_box.y1 == LINE_PITCH
    # widths from the font file agree with reportlab's own TrueType reader (what the PDF uses)
    font = TTFontFile(str(font_path()))
    expected = sum(font.charWidths[ord(c)] for c in "RCD B 30 mA 4P") / 1000 * LABEL_SIZE
    assert text_width("RCD B 30 mA 4P", LABEL_SIZE) == pytest.approx(expected)
    assert placed.label_box.width == pytest.approx(expected)
    assert not placed.box.intersects(placed.label_box)


def test_a_label_leaves_room_for_a_wire_leaving_through_the_right_side() -> None:
    project = Project()
    evse = project.add("evse", placement=Placement(0, 0))  # ctrl port at (26, 0), facing right
    lms = project.add("lms", placement=Placement(0, 200))  # ctrl port at (30, 200)
    for device, port_y in ((evse, 0.0), (lms, 200.0)):
        placed = place_device(project, device.id)
        assert (
            placed.label_box.y1 <= port_y - LABEL_GAP or placed.label_box.y0 >= port_y + LABEL_GAP
        )


def test_busbar_spans_the_devices_hanging_off_it_plus_a_margin() -> None:
    project = Project()
    board = project.add("switchboard", placement=Placement(0, 200))
    assert place_device(project, board.id).box.x0 == -60.0  # nominal 120 wide, alone
    for x in (-300, 0, 280):
        project.connect(board, project.add("breaker", placement=Placement(x, 300)))
    placed = place_device(project, board.id)
    assert (placed.box.x0, placed.box.x1) == (-320.0, 300.0)
    assert placed.ports["out"].segment == ((-320.0, 200.0), (300.0, 200.0))
    assert placed.label_box.x0 == 300.0 + LABEL_GAP


def test_busway_fits_its_tapoffs_between_feed_unit_and_far_end() -> None:
    project = Project()
    busway = project.add("busway", placement=Placement(0, 0))
    for x in (300, 500):
        project.connect(busway, project.add("tapoff", placement=Placement(x, 100)))
    placed = place_device(project, busway.id)
    # out segment runs from L+20 to R-10 and must reach 280 .. 520 (20 margin)
    assert placed.ports["out"].segment == ((-80.0, 4.0), (520.0, 4.0))
    assert placed.ports["in"].point == (-90.0, -4.0)  # feed unit at L+10, nominal left end


def test_a_turned_busbar_stretches_along_its_own_length() -> None:
    project = Project()
    board = project.add("switchboard", placement=Placement(0, 0, 90))  # vertical bar
    way = project.add("breaker", placement=Placement(100, 300, 270))  # in port at (70, 300)
    project.connect(board, way)
    placed = place_device(project, board.id)
    assert placed.ports["out"].segment == ((0.0, -60.0), (0.0, 320.0))
    assert placed.ports["out"].attach((70.0, 300.0)) == (0.0, 300.0)


def test_busbar_fed_busway_reaches_the_busway_feed_unit() -> None:
    project = Project()
    board = project.add("switchboard", placement=Placement(0, 0))
    busway = project.add("busway", placement=Placement(400, 100))
    project.connect(board, busway)
    for x in (600, 900):
        project.connect(busway, project.add("tapoff", placement=Placement(x, 200)))
    busway_in = place_device(project, busway.id).ports["in"].point
    assert busway_in == (310.0, 96.0)
    assert place_device(project, board.id).box.x1 == busway_in[0] + 20.0


def test_placing_is_a_pure_function_of_the_model() -> None:
    project = Project()
    board = project.add("switchboard", placement=Placement(0, 0))
    project.connect(board, project.add("breaker", placement=Placement(200, 100)))
    first, second = place_device(project, board.id), place_device(project, board.id)
    assert first == second and first.primitives == second.primitives
