"""The export's small pieces: tag ranges, the bill of materials, text fitting, sheet zones,
the title-block logo."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evsld.export.bom import bill_of_materials, tag_ranges
from evsld.export.sheet import FORMATS, Sheet, SheetFormatError, sheet_format
from evsld.export.typeset import MIN_SIZE, fit_size, shorten, wrap
from evsld.export.views import straddling
from evsld.geometry.primitives import text_width
from evsld.model.attributes import AttributeValueError
from evsld.model.fileformat import load_project
from evsld.model.logo import LogoError, decode_logo, logo_from_bytes
from evsld.model.project_data import METADATA
from tests.builders import car_park

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "small-car-park.evsld"


def test_tag_ranges_compress_runs_of_three_or_more() -> None:
    assert tag_ranges(["EV01", "EV02", "EV03", "EV05"]) == "EV01–EV03, EV05"
    assert tag_ranges(["Q2", "Q3"]) == "Q2, Q3"  # two is not a run worth a dash
    assert tag_ranges(["+B1", "Q9", "Q10", "Q11"]) == "+B1, Q9–Q11"
    assert tag_ranges(["EV08", "EV09", "EV010"]) == "EV08, EV09, EV010"  # padding differs


def test_bom_of_the_example_counts_and_measures() -> None:
    rows = {(r.kind, r.rating): r for r in bill_of_materials(load_project(EXAMPLE))}
    breakers = rows[("Circuit breaker", "C32 4P 10 kA")]
    assert breakers.quantity == 4 and breakers.tags == ("Q2", "Q3", "Q4", "Q5")
    cables = rows[("Cable", "Cu XLPE 5G6")]
    # W1..W4: 30 + 35 + 40 + 45 m of the same cable, bought by the metre
    assert cables.quantity == 4 and cables.length_m == pytest.approx(150.0)
    assert breakers.length_m is None
    assert sum(r.quantity for r in rows.values()) == len(load_project(EXAMPLE).diagram)


def test_an_open_switch_is_the_same_product_as_a_closed_one() -> None:
    from evsld.model.operations import SetAttribute

    project, feeders = car_park(2)
    project.apply(SetAttribute(feeders[0].breaker.id, "closed", False))
    breaker_rows = [r for r in bill_of_materials(project) if r.kind == "Circuit breaker"]
    assert [r.quantity for r in breaker_rows] == [2]
    assert "open" not in breaker_rows[0].rating


def test_text_shrinks_to_the_minimum_then_is_shortened() -> None:
    assert fit_size("Q1", 50.0, 3.0) == 3.0
    long = "A very long client name that cannot possibly fit in a small cell"
    assert fit_size(long, 20.0, 3.0) == MIN_SIZE
    cut = shorten(long, 20.0, MIN_SIZE)
    assert cut.endswith("…") and text_width(cut, MIN_SIZE) <= 20.0
    for line in wrap(long, 25.0, 2.4):
        assert text_width(line, 2.4) <= 25.0
    assert " ".join(wrap(long, 25.0, 2.4)) == long


def _wrapped_by_measuring_each_line(text: str, width: float, size: float) -> list[str]:
    """The definition wrap() must meet: greedy, each growing line measured whole."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size) <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return [shorten(line, width, size) for line in lines]


@settings(max_examples=80, deadline=None)
@given(
    text=st.text(alphabet="aWm1–,.ΔΩµé \n", max_size=120),
    width=st.sampled_from([4.0, 12.0, 25.0, 60.0]),
    size=st.sampled_from([1.8, 2.4, 8.0]),
)
def test_wrap_breaks_where_measuring_each_growing_line_would(text, width, size) -> None:
    assert wrap(text, width, size) == _wrapped_by_measuring_each_line(text, width, size)


def test_a_long_tag_list_wraps_at_the_same_places() -> None:
    tags = ", ".join(f"W{n}" for n in range(1, 3000, 3))
    assert wrap(tags, 57.3, 2.4) == _wrapped_by_measuring_each_line(tags, 57.3, 2.4)


@settings(max_examples=80, deadline=None)
@given(
    spans=st.lists(
        st.tuples(
            st.sampled_from([0.0, 10.0, 12.5, 20.0, 35.0]),
            st.sampled_from([0.0, 5.0, 10.0, 22.5]),  # length; 0: a span of no length
            st.sampled_from([1.0, 0.5]),
        ),
        max_size=30,
    ),
    at=st.sampled_from([-1.0, 0.0, 5.0, 10.0, 11.0, 12.5, 20.0, 30.0, 57.5, 99.0]),
)
def test_a_cut_costs_the_weights_of_the_spans_it_crosses(spans, at) -> None:
    table = [(lo, lo + length, weight) for lo, length, weight in spans]
    expected = sum(weight for lo, hi, weight in table if lo < at < hi)
    assert straddling(table)(at) == expected


def test_sheet_formats_and_zones() -> None:
    assert sheet_format("a3") is FORMATS["A3"]
    with pytest.raises(SheetFormatError, match="A4, A3, A2, A1"):
        sheet_format("A0")
    sheet = Sheet(FORMATS["A3"])
    f = sheet.frame
    assert sheet.zone_at(f.x0 + 1, f.y0 + 1) == "A1"
    assert sheet.zone_at(f.x1 - 1, f.y1 - 1) == "F8"  # 6 rows, 8 columns
    assert sheet.content.y1 < sheet.title_strip.y0
    assert Sheet(FORMATS["A3"], 3.0).content.y0 == sheet.content.y0 + 3.0


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_a_logo_round_trips_through_its_data_uri() -> None:
    logo = logo_from_bytes(png(40, 20))
    assert (logo.width_px, logo.height_px, logo.aspect) == (40, 20, 2.0)
    again = decode_logo(logo.data_uri())
    assert again == logo
    assert decode_logo("") is None


def test_a_bad_logo_is_refused_in_words() -> None:
    with pytest.raises(LogoError, match="PNG or JPEG"):
        logo_from_bytes(b"GIF89a....")
    with pytest.raises(LogoError, match="damaged"):
        logo_from_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 4)
    gif = "data:image/gif;base64," + base64.b64encode(b"GIF89a").decode()
    with pytest.raises(LogoError, match="image/png or image/jpeg"):
        decode_logo(gif)
    lying = "data:image/jpeg;base64," + base64.b64encode(png(2, 2)).decode()
    with pytest.raises(LogoError, match="declared image/jpeg"):
        decode_logo(lying)
    with pytest.raises(AttributeValueError, match="Logo"):
        METADATA["logo"].validate("not a data uri")


def test_a_project_logo_prints_in_the_title_block(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from evsld.export.document import export_pdf
    from evsld.model.operations import SetProjectField

    project, _ = car_park(1)
    project.apply(SetProjectField("metadata", "logo", logo_from_bytes(png(60, 30)).data_uri()))
    project.apply(SetProjectField("metadata", "company", "Électricité Ørsted & Søn"))
    export_pdf(project, tmp_path / "logo.pdf")
    page = PdfReader(tmp_path / "logo.pdf").pages[0]
    images = [
        x for x in page["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 1
    assert "Électricité Ørsted & Søn" in page.extract_text()


def test_a_long_table_continues_under_its_repeated_heading() -> None:
    from evsld.export.tables import Column, Row, Section, paginate
    from evsld.geometry.primitives import Box

    area = Box(0.0, 0.0, 200.0, 100.0)
    rows = tuple(Row((f"W{n}", "a message " * (n % 3 + 1))) for n in range(60))
    section = Section("Cable schedule", (Column("Tag", 1), Column("Text", 3, wrap=True)), rows)
    pages = paginate([section], area)
    assert len(pages) > 1
    assert sum(b.kind == "row" for page in pages for b in page) == 60
    for n, page in enumerate(pages):
        assert page[0].kind == "heading" and page[1].kind == "header"
        assert page[0].text == "Cable schedule" + (" (continued)" if n else "")
        assert all(area.y0 <= b.y and b.y + b.height <= area.y1 for b in page)


def test_a_heading_is_not_left_alone_at_the_foot_of_a_page() -> None:
    from evsld.export.tables import Column, Row, Section, paginate
    from evsld.geometry.primitives import Box

    area = Box(0.0, 0.0, 200.0, 80.0)  # after "First", room for a heading and one row
    filler = Section("First", (Column("A", 1),), tuple(Row((str(n),)) for n in range(9)))
    second = Section("Second", (Column("A", 1),), tuple(Row((str(n),)) for n in range(9)))
    pages = paginate([filler, second], area)
    for page in pages:
        for n, block in enumerate(page):
            if block.kind == "heading":
                rows = [b for b in page[n + 1 :] if b.kind == "row" and b.section is block.section]
                assert len(rows) >= min(3, len(block.section.rows))


def test_a_short_piece_fills_the_room_left_on_an_earlier_sheet() -> None:
    from evsld.export.diagram import MARK_END, MARK_SIDE, pack
    from evsld.export.views import Strip, View
    from evsld.geometry.primitives import Box

    def view(width: float, height: float) -> View:
        window = Box(0.0, 0.0, width, height)
        return View(0, 0, (), window, (Strip(0.0, width, 0.0),), (), (), ())

    area = Box(0.0, 0.0, 400.0, 250.0)
    scale = 1.0
    tall = view(100.0, 120.0)  # leaves the lower half of sheet 1 free
    full = view(400.0 - 2 * MARK_SIDE, 250.0 - 2 * MARK_END)  # a sheet of its own
    short = view(300.0, 60.0)  # fits under `tall`
    page_of, placed = pack((tall, full, short), scale, area)
    assert page_of == [0, 1, 0]
    a, c = placed[0].rect, placed[2].rect
    assert not a.intersects(c) and c.y0 >= a.y1  # on a shelf below, apart
    for p in placed:
        assert area.x0 <= p.rect.x0 and p.rect.x1 <= area.x1 and p.rect.y1 <= area.y1
